"""Suggestion quality on the real-news development gold set (corpora/dev, see its README).

    python benchmarks/eval_devset.py                       # rules (the default pipeline), tune + held-out
    python benchmarks/eval_devset.py --set tune            # one part
    python benchmarks/eval_devset.py --model OUT/model-best   # + that model alone and combined with the rules
    python benchmarks/eval_devset.py --json                # machine-readable
    python benchmarks/eval_devset.py --sentences           # each sentence as a text of its own

Prints per PLOVER type precision / recall / F1 (events matched per sentence by type), trigger
overlap F1, the share of event-free sentences that still get a suggestion, source/target actor
accuracy (full CAMEO code and its 3-letter root) and how many named people, organisations and
places are found (annotator.agreement.event_quality). Tune on `tune` only; `heldout` is for
reporting.

`--sentences` scores every sentence of every article as a text of its own, as a corpus of
wire-service sentences (one per record) would come: no other sentence names the country of
"the police" or of a person, so actor codes are what the sentence alone gives.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotator.agreement.event_quality import event_quality  # noqa: E402
from annotator.core.model import GOLD  # noqa: E402
from annotator.core.scheme import default_scheme  # noqa: E402
from annotator.core.sentences import sentences  # noqa: E402
from annotator.formats.native import parse_record  # noqa: E402
from annotator.formats.registry import ReadOptions  # noqa: E402
from annotator.preannotate.compare import suggestions  # noqa: E402

DEV = REPO / "corpora" / "dev"


def load(part: str, folder: Path = DEV) -> list:
    path = folder / f"{part}.jsonl"
    docs = []
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if line.strip():
                docs.append(parse_record(json.loads(line), path, line_no, ReadOptions()))
    return docs


def texts_and_gold(docs: list, per_sentence: bool = False) -> tuple[list[str], list]:
    """The texts to suggest on and their gold layers: whole articles, or each sentence alone."""
    if not per_sentence:
        return [d.document.text for d in docs], [d.layer(GOLD) for d in docs]
    texts, golds = [], []
    for d in docs:
        text, gold = d.document.text, d.layer(GOLD)
        for start, end in sentences(text):
            texts.append(text[start:end])
            golds.append(gold.within(start, end))
    return texts, golds


def quality(docs: list, model: str | None, per_sentence: bool = False) -> dict[str, dict]:
    """Each suggester's figures on `docs` (rules; with a model also model alone and combined)."""
    texts, golds = texts_and_gold(docs, per_sentence)
    started = time.perf_counter()
    runs = suggestions(texts, default_scheme(), model)
    seconds = round(time.perf_counter() - started, 2)
    out = {}
    for name, layers in runs.items():
        out[name] = event_quality(zip(texts, layers, golds))
        out[name]["seconds"] = seconds
        out[name]["articles"] = len(docs)
    return out


def fmt(x) -> str:
    return "  —  " if x is None else f"{x:.2f}"


def show(name: str, part: str, r: dict) -> None:
    ev, ent = r["events"], r["entities"]
    took = f" ({r['seconds']} s)" if "seconds" in r else ""
    articles = r.get("articles", r["documents"])  # quality() sets it; --sentences scores more texts
    alone = f" (each of its {r['sentences']} sentences alone)" if r["documents"] != articles else ""
    print(f"\n== {name} on {part}{alone}: {articles} articles, {r['sentences']} sentences{took}")
    print(f"{'type':<11}{'gold':>6}{'sugg':>6}{'P':>7}{'R':>7}{'F1':>7}")
    for t, s in ev["types"].items():
        print(f"{t:<11}{s['tp'] + s['fn']:>6}{s['tp'] + s['fp']:>6}{fmt(s['precision']):>7}{fmt(s['recall']):>7}{fmt(s['f1']):>7}")
    o = ev["overall"]
    print(f"{'all types':<11}{o['tp'] + o['fn']:>6}{o['tp'] + o['fp']:>6}{fmt(o['precision']):>7}{fmt(o['recall']):>7}{fmt(o['f1']):>7}")
    tr = r["triggers"]
    print(f"trigger (overlap + type) P {fmt(tr['precision'])} R {fmt(tr['recall'])} F1 {fmt(tr['f1'])}")
    ne = r["no_event"]
    print(f"event-free sentences with a suggestion: {ne['with_suggestion']}/{ne['sentences']} = {fmt(ne['rate'])}")
    for role, a in r["actors"].items():
        print(f"{role:<7} actor over {a['events']} matched events: root {fmt(a['root'])}, full code {fmt(a['full'])}"
              f" (root over all gold events with a code: {fmt(a['root_of_all_reference'])})")
    kinds = ", ".join(f"{k} {fmt(v['found'])}/{fmt(v['right'])} ({v['reference']} gold, {v['suggested']} suggested)"
                      for k, v in ent["kinds"].items())
    print(f"named entities found {fmt(ent['found'])}, suggested right {fmt(ent['right'])}; found/right by kind: {kinds}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("tune", "heldout", "both", "ewt", "ewttune", "ewtfresh", "ewtblind"),
                        default="both",
                        help="ewt: the web-news evaluation set from the UD English EWT test part (corpora/dev/ewt/README.md); "
                             "ewttune: the web-news tuning set from its dev and train parts (corpora/dev/ewttune/README.md); "
                             "ewtfresh: a third web-news set from its train part, blind at first, now for tuning "
                             "(corpora/dev/ewtfresh/README.md); ewtblind: a fourth, from its train and dev parts, "
                             "coded blind (corpora/dev/ewtblind/README.md)")
    parser.add_argument("--model", help="a trained pipeline folder: adds the model alone and combined with the rules")
    parser.add_argument("--sentences", action="store_true",
                        help="score each sentence as a text of its own (a corpus of single sentences)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--dev", type=Path, default=DEV, help="folder of tune.jsonl / heldout.jsonl")
    args = parser.parse_args()
    parts = ("tune", "heldout") if args.set == "both" else (args.set,)
    results = {}
    for part in parts:
        for name, result in quality(load(part, args.dev), args.model, args.sentences).items():
            results[(name, part)] = result
    if args.json:
        print(json.dumps({f"{n}/{p}": r for (n, p), r in results.items()}, indent=1))
    else:
        for (name, part), r in results.items():
            show(name, part, r)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
