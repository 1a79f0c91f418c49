"""Which named entities the rules miss or get wrong on the tune part of the development set.

    python benchmarks/trace_entities.py                        # both halves: found/right by kind
    python benchmarks/trace_entities.py --half A --list        # half A, every missed/wrong ORG span
    python benchmarks/trace_entities.py --half B --list --kind place

Halves as in trace_events.py (A = even positions of corpora/dev/tune.jsonl, B = odd ones).
Counts follow annotator.agreement.event_quality: a reference named span is found when any
suggested non-generic entity overlaps it; a suggested entity is right when it overlaps a
reference named span of the same kind. `--list` prints, per article, the reference spans of the
kind nobody found ("miss"), those found only under another kind ("as X"), and the suggestions of
the kind that overlap no reference span of it ("wrong"), with their CAMEO codes.
The held-out part is never read here.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotator.agreement.event_quality import KIND, event_quality  # noqa: E402
from annotator.core.model import GOLD  # noqa: E402
from annotator.core.scheme import default_scheme  # noqa: E402
from annotator.preannotate.pipeline import build_pipeline  # noqa: E402
from annotator.preannotate.runner import preannotate_texts  # noqa: E402
from benchmarks.eval_devset import load  # noqa: E402
from benchmarks.trace_events import halves, live  # noqa: E402


def named(layer, generic_ok: bool = False) -> list:
    spans, _ = live(layer)
    return [s for s in spans.values() if s.layer == "entity" and s.label in KIND
            and (generic_ok or not s.attrs.get("generic"))]


def listing(text: str, gold, pred, kind: str) -> list[str]:
    lines = []
    ref, sug = named(gold), named(pred)
    for s in sorted(ref, key=lambda s: s.start):
        if KIND[s.label] != kind:
            continue
        over = [p for p in sug if p.overlaps(s)]
        if not over:
            lines.append(f"  miss  {s.text_in(text)!r} [{s.actor_code}]")
        elif not any(KIND[p.label] == kind for p in over):
            got = ", ".join(f"{p.text_in(text)!r} {p.label} [{p.actor_code}]" for p in over)
            lines.append(f"  as    {s.text_in(text)!r} [{s.actor_code}] <- {got}")
        else:
            p = next(p for p in over if KIND[p.label] == kind)
            if p.actor_code != s.actor_code:
                lines.append(f"  code  {s.text_in(text)!r} [{s.actor_code}] <- {p.text_in(text)!r} [{p.actor_code}]")
    for p in sorted(sug, key=lambda p: p.start):
        if KIND[p.label] == kind and not any(KIND[s.label] == kind and s.overlaps(p) for s in ref):
            other = [s for s in ref if s.overlaps(p)]
            note = f" (gold {other[0].label} {other[0].text_in(text)!r})" if other else ""
            lines.append(f"  wrong {p.text_in(text)!r} {p.label} [{p.actor_code}]{note}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("A", "B"))
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--kind", default="organisation", choices=sorted(set(KIND.values())))
    args = parser.parse_args()
    nlp = build_pipeline()
    parts = halves(load("tune"))
    for name in ([args.half] if args.half else ["A", "B"]):
        docs = parts[name]
        texts = [d.document.text for d in docs]
        layers = preannotate_texts(texts, nlp, default_scheme())
        q = event_quality((t, p, d.layer(GOLD)) for t, p, d in zip(texts, layers, docs))
        ent, ev = q["entities"], q["events"]["overall"]
        kinds = ", ".join(f"{k} {v['found']:.2f}/{v['right']:.2f} ({v['reference']}/{v['suggested']})"
                          for k, v in ent["kinds"].items())
        print(f"half {name}: entities found {ent['found']:.2f} right {ent['right']:.2f}; {kinds}; "
              f"events P {ev['precision']:.2f} R {ev['recall']:.2f}")
        if args.list:
            tally: Counter = Counter()
            for text, layer, d in zip(texts, layers, docs):
                lines = listing(text, d.layer(GOLD), layer, args.kind)
                if lines:
                    print(f"-- {d.document.ext_id} {d.document.title}")
                    print("\n".join(lines))
                    tally.update(line.split()[0] for line in lines)
            print("tally:", dict(tally))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
