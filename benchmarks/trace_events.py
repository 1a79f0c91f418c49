"""Why the rules miss or add events on a tuning part of the development set (corpora/dev: tune, ewttune, ewtfresh, ewtblind).

    python benchmarks/trace_events.py                  # both halves: figures and error categories
    python benchmarks/trace_events.py --half A --list  # half A, every missed and extra event traced
    python benchmarks/trace_events.py --half B --list fp

Halves: A = the articles at even positions of corpora/dev/tune.jsonl, B = the odd ones (write a
rule from what one half shows, check on the other that it generalises). For each half it prints
event P/R, the share of event-free sentences with a suggestion, and the error categories:
missed events in sentences that get no suggestion at all / that get other suggestions; extra
suggestions in event-free sentences / in event sentences / type confusions (the trigger overlaps
a gold trigger of another type). Errors are counted per sentence and type as the measure
(annotator.agreement.event_quality) counts them.

Every missed or extra event is traced to the candidate verdicts the events component recorded
(`EventBuilder.trace`): "kept", the name of the decider rule that dropped the candidate
("negated", "embedded under a speech act", ...; annotator/preannotate/decide.py), or the events
component's own drops ("frame without its object", "definite nominal without actors", ...). A
missed event with no candidate over its trigger is a lexicon gap ("no candidate"); an extra one
with no trace entry is a statement event (quoted criticism or praise on the speech verb).
The held-out part is never read here: its figures come from eval_devset.py, totals only.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotator.agreement.event_quality import event_quality, sentence_of  # noqa: E402
from annotator.core.model import GOLD  # noqa: E402
from annotator.core.scheme import default_scheme  # noqa: E402
from annotator.core.sentences import sentences  # noqa: E402
from annotator.preannotate.arguments import TRACE_KEY  # noqa: E402
from annotator.preannotate.pipeline import EVENTS_PIPE, build_pipeline  # noqa: E402
from annotator.preannotate.runner import LayerBuilder, PreannotateReport  # noqa: E402
from benchmarks.eval_devset import load  # noqa: E402

CATEGORIES = ("fn_sentence_without_any_suggestion", "fn_sentence_with_other_suggestions",
              "fp_in_event_free_sentence", "fp_extra_in_event_sentence", "fp_type_confusion")


def halves(docs: list) -> dict[str, list]:
    return {"A": docs[0::2], "B": docs[1::2]}


def live(layer) -> tuple[dict, list]:
    spans = {sid: s for sid, s in layer.spans.items() if s.status != "rejected"}
    return spans, [e for e in layer.events.values() if e.status != "rejected" and e.trigger in spans]


def trace_half(nlp, docs: list) -> tuple[dict, Counter, list[dict]]:
    """(event_quality figures, error categories, one record per error) for `docs`."""
    builder = LayerBuilder(default_scheme())
    texts = [d.document.text for d in docs]
    layers, traces = [], []
    for doc in nlp.pipe(texts):
        layers.append(builder.layer(doc, PreannotateReport()))
        traces.append(doc.user_data.get(TRACE_KEY, []))
    figures = event_quality((t, p, d.layer(GOLD)) for t, p, d in zip(texts, layers, docs))
    counts: Counter = Counter()
    errors: list[dict] = []
    for text, layer, gold_doc, trace in zip(texts, layers, docs, traces):
        bounds = sentences(text)
        rs, re_ = live(gold_doc.layer(GOLD))
        ps, pe = live(layer)
        by: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
        for e in re_:
            by[sentence_of(bounds, rs[e.trigger].start)][0].append(e)
        for e in pe:
            by[sentence_of(bounds, ps[e.trigger].start)][1].append(e)
        for i, (refs, preds) in sorted(by.items()):
            a, b = bounds[i]
            sentence = text[a:b].strip()
            missing = Counter(e.type for e in refs) - Counter(e.type for e in preds)
            extra = Counter(e.type for e in preds) - Counter(e.type for e in refs)
            counts["tp"] += sum((Counter(e.type for e in refs) & Counter(e.type for e in preds)).values())

            def verdicts(start: int, end: int) -> list[str]:
                return [f"{etype} {lemma!r}: {verdict}" for s, e, etype, lemma, verdict in trace
                        if s < end and start < e]

            for e in refs:
                if missing[e.type] <= 0:
                    continue
                missing[e.type] -= 1
                span = rs[e.trigger]
                kind = CATEGORIES[0] if not preds else CATEGORIES[1]
                counts[kind] += 1
                errors.append({"kind": kind, "type": e.type, "trigger": text[span.start:span.end],
                               "verdicts": verdicts(span.start, span.end) or ["no candidate"],
                               "sentence": sentence})
            for e in preds:
                if extra[e.type] <= 0:
                    continue
                extra[e.type] -= 1
                span = ps[e.trigger]
                if not refs:
                    kind = CATEGORIES[2]
                elif any(rs[x.trigger].overlaps(span) and x.type != e.type for x in refs):
                    kind = CATEGORIES[4]
                else:
                    kind = CATEGORIES[3]
                counts[kind] += 1
                errors.append({"kind": kind, "type": e.type, "trigger": text[span.start:span.end],
                               "verdicts": verdicts(span.start, span.end) or ["statement"],
                               "gold": sorted(f"{x.type} {text[rs[x.trigger].start:rs[x.trigger].end]!r}"
                                              for x in refs), "sentence": sentence})
        gold_triggers = [(rs[e.trigger].start, rs[e.trigger].end, e.type) for e in re_]
        for start, end, etype, _lemma, verdict in trace:
            verdict = verdict.split(" as ")[0] if verdict.startswith("kept as") else verdict
            right = any(a < end and start < b and t == etype for a, b, t in gold_triggers)
            counts[("rule", verdict, right)] += 1
    return figures, counts, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("A", "B", "all"), default="all")
    parser.add_argument("--set", choices=("tune", "ewttune", "ewtfresh", "ewtblind"), default="tune",
                        help="ewttune: the web-news tuning set from UD EWT dev/train (corpora/dev/ewttune/README.md); "
                             "ewtfresh, ewtblind: two more, evaluation only until their blind figures were taken "
                             "(corpora/dev/ewtfresh/README.md, corpora/dev/ewtblind/README.md)")
    parser.add_argument("--list", nargs="?", const="both", choices=("fn", "fp", "both"),
                        help="print every missed (fn) and/or extra (fp) event with its verdicts")
    parser.add_argument("--rules", action="store_true",
                        help="per verdict, how many candidates lie over a gold trigger of their type and how many not")
    args = parser.parse_args(argv)
    nlp = build_pipeline()
    nlp.get_pipe(EVENTS_PIPE).trace = True
    parts = halves(load(args.set))
    names = ["A", "B"] if args.half == "all" else [args.half]
    for name in names:
        figures, counts, errors = trace_half(nlp, parts[name])
        o, ne = figures["events"]["overall"], figures["no_event"]
        print(f"== half {name}: {figures['documents']} articles, {figures['sentences']} sentences: "
              f"P {o['precision']:.3f} R {o['recall']:.3f} F1 {o['f1']:.3f} (tp {o['tp']} fp {o['fp']} fn {o['fn']}), "
              f"no-event {ne['with_suggestion']}/{ne['sentences']} = {ne['rate']:.3f}")
        for kind in CATEGORIES:
            print(f"  {kind:40s} {counts[kind]}")
        reasons = Counter((err["kind"][:2], v.split(": ", 1)[-1]) for err in errors for v in err["verdicts"][:1])
        print("  first verdict over the error's trigger:")
        for (side, reason), n in reasons.most_common():
            print(f"    {side} {reason:45s} {n}")
        if args.rules:
            print("  candidates by verdict: over a gold trigger of the same type / not")
            verdicts = sorted({k[1] for k in counts if isinstance(k, tuple)},
                              key=lambda v: -(counts[("rule", v, True)] + counts[("rule", v, False)]))
            for v in verdicts:
                print(f"    {v:45s} {counts[('rule', v, True)]:4d} / {counts[('rule', v, False)]:4d}")
        if args.list:
            for err in errors:
                if args.list != "both" and not err["kind"].startswith(args.list):
                    continue
                gold = f"  gold: {', '.join(err['gold'])}" if err.get("gold") else ""
                print(f"\n[{err['kind']}] {err['type']} {err['trigger']!r}: {'; '.join(err['verdicts'])}{gold}")
                print(f"  {err['sentence']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
