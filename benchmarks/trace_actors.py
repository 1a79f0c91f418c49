"""Why suggested source/target actors are wrong on a tuning part of the development set (corpora/dev: tune, ewttune).

    python benchmarks/trace_actors.py                   # both halves: actor figures and error classes
    python benchmarks/trace_actors.py --half A --list   # half A, every wrong actor with its sentence
    python benchmarks/trace_actors.py --half B --list target
    python benchmarks/trace_actors.py --sentences       # each sentence alone (a corpus of wire sentences)

Halves as in trace_events.py (A = even articles of corpora/dev/tune.jsonl, B = odd). Events are
matched per sentence by type exactly as annotator.agreement.event_quality matches them; for each
matched pair and role whose gold filler has a code, it prints the root/full figures and sorts every
root error into one class:

- no argument: the suggestion has no filler for the role (or none with a code);
- right span, wrong code: a suggested filler overlaps a gold filler of the role, codes differ in root;
- wrong span, gold found as an entity: the gold filler overlaps a suggested entity that was not
  attached to the role (attachment error);
- wrong span, gold not found: no suggested entity overlaps the gold filler (a generic noun or
  pronoun, or an entity the recogniser missed).
The held-out part is never read here.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotator.agreement.event_quality import sentence_of  # noqa: E402
from annotator.core.scheme import default_scheme  # noqa: E402
from annotator.core.sentences import sentences  # noqa: E402
from annotator.preannotate.pipeline import build_pipeline  # noqa: E402
from annotator.preannotate.runner import preannotate_texts  # noqa: E402
from benchmarks.eval_devset import load, texts_and_gold  # noqa: E402
from benchmarks.trace_events import halves, live  # noqa: E402

ROLES = ("source", "target")
CLASSES = ("no argument", "right span, wrong code", "wrong span, gold found as an entity",
           "wrong span, gold not found")


def fillers(event, spans: dict, role: str) -> list:
    return [spans[a.span_id] for a in event.arguments if a.role == role and a.span_id in spans]


def pairs(refs: list, preds: list, rs: dict, ps: dict) -> list:
    """Matched (gold, suggested) events of one sentence, as event_quality pairs them."""
    out = []
    for type_ in {e.type for e in refs}:
        p = [e for e in preds if e.type == type_]
        for x in (e for e in refs if e.type == type_):
            if not p:
                break
            y = min(p, key=lambda e: abs(ps[e.trigger].start - rs[x.trigger].start))
            p.remove(y)
            out.append((x, y))
    return out


def trace_half(nlp, docs: list, per_sentence: bool = False) -> tuple[Counter, list[dict]]:
    texts, golds = texts_and_gold(docs, per_sentence)
    layers = preannotate_texts(texts, nlp, default_scheme())
    counts: Counter = Counter()
    errors: list[dict] = []
    for text, layer, gold in zip(texts, layers, golds):
        bounds = sentences(text)
        rs, re_ = live(gold)
        ps, pe = live(layer)
        entities = [s for s in ps.values() if s.layer == "entity"]
        by: dict[int, tuple[list, list]] = {}
        for e in re_:
            by.setdefault(sentence_of(bounds, rs[e.trigger].start), ([], []))[0].append(e)
        for e in pe:
            by.setdefault(sentence_of(bounds, ps[e.trigger].start), ([], []))[1].append(e)
        for i, (refs, preds) in sorted(by.items()):
            for x, y in pairs(refs, preds, rs, ps):
                for role in ROLES:
                    gold = [s for s in fillers(x, rs, role) if s.actor_code]
                    if not gold:
                        continue
                    guess = [s for s in fillers(y, ps, role) if s.actor_code]
                    counts[(role, "events")] += 1
                    full = any(g.actor_code == c.actor_code for g in gold for c in guess)
                    root = any(g.actor_code[:3].upper() == c.actor_code[:3].upper() for g in gold for c in guess)
                    counts[(role, "full")] += full
                    counts[(role, "root")] += root
                    if root:
                        continue
                    if not guess:
                        kind = CLASSES[0]
                    elif any(g.overlaps(c) for g in gold for c in guess):
                        kind = CLASSES[1]
                    elif any(g.overlaps(s) for g in gold for s in entities):
                        kind = CLASSES[2]
                    else:
                        kind = CLASSES[3]
                    counts[(role, kind)] += 1
                    a, b = bounds[i]

                    def show(spans):
                        return ", ".join(f"{text[s.start:s.end]!r} {s.actor_code}" for s in spans) or "-"

                    found = [s for s in entities for g in gold if g.overlaps(s)]
                    errors.append({"role": role, "kind": kind, "type": x.type,
                                   "trigger": text[rs[x.trigger].start:rs[x.trigger].end],
                                   "gold": show(gold), "guess": show(guess) if guess else show(fillers(y, ps, role)),
                                   "found": show(found), "sentence": text[a:b].strip()})
    return counts, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("A", "B", "all"), default="all")
    parser.add_argument("--set", choices=("tune", "ewttune"), default="tune",
                        help="ewttune: the web-news tuning set from UD EWT dev/train (corpora/dev/ewttune/README.md)")
    parser.add_argument("--list", nargs="?", const="both", choices=("source", "target", "both"),
                        help="print every root error of that role with its sentence")
    parser.add_argument("--sentences", action="store_true",
                        help="each sentence as a text of its own, as eval_devset.py --sentences scores them")
    args = parser.parse_args(argv)
    nlp = build_pipeline()
    parts = halves(load(args.set))
    for name in (["A", "B"] if args.half == "all" else [args.half]):
        counts, errors = trace_half(nlp, parts[name], args.sentences)
        print(f"== half {name}")
        for role in ROLES:
            n = counts[(role, "events")]
            print(f"  {role}: {n} matched events, root {counts[(role, 'root')] / n:.3f}, "
                  f"full {counts[(role, 'full')] / n:.3f}")
            for kind in CLASSES:
                print(f"    {kind:40s} {counts[(role, kind)]}")
        if args.list:
            for err in errors:
                if args.list != "both" and err["role"] != args.list:
                    continue
                print(f"\n[{err['role']}: {err['kind']}] {err['type']} {err['trigger']!r}")
                print(f"  gold: {err['gold']}   suggested: {err['guess']}   gold as entity: {err['found']}")
                print(f"  {err['sentence']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
