"""One model-in-the-loop round on a generated corpus, with the numbers for the README.

    python benchmarks/train_round.py WORKDIR [--docs 300] [--annotated 200] [--max-steps 600] [--seed 7]

Documents 1..ANNOTATED get a gold layer (the "annotated so far" part, see gold_corpus.py); the
rest are the documents still to do and carry the same kind of annotations in a layer named
`heldout`, which training never sees. Then, with the real commands:

    annotator preannotate work.db                                   # rules only: "before"
    annotator evaluate work.db --layer model --against heldout --docs REST --json
    annotator train work.db models/round1 --layer gold --max-steps N --seed S
    annotator preannotate work.db --model models/round1/model-best --docs REST   # "after"
    annotator evaluate work.db --layer model --against heldout --docs REST --json

and, for comparison, the trained pipeline alone (spacy.load + nlp.pipe, no rules) scored the
same way. Prints a Markdown table of per-label P/R/F1 (exact match) and the timings.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.agreement.evaluate import evaluate
from annotator.core.ids import new_id
from annotator.core.model import Layer, Span
from annotator.store import Project
from benchmarks.gold_corpus import gold_documents

HELDOUT = "heldout"


def cli(*args: str) -> str:
    started = time.monotonic()
    done = subprocess.run(["annotator", *args], check=True, capture_output=True, text=True)
    print(f"$ annotator {' '.join(args)}   ({time.monotonic() - started:.0f} s)", file=sys.stderr)
    return done.stdout


def build_project(path: Path, n: int, annotated: int, seed: int) -> None:
    docs = list(gold_documents(n, seed))
    for i, doc in enumerate(docs):
        if i >= annotated:
            doc.layers[0].annotator = HELDOUT
    with Project.create(path) as p:
        p.import_documents(docs)


def model_alone(path: Path, model_dir: Path, doc_ids: list[int]) -> dict[str, Any]:
    import spacy

    nlp = spacy.load(model_dir)
    with Project.open(path, readonly=True) as p:
        docs = list(p.iter_annotated([HELDOUT], doc_ids=doc_ids))
    pairs = []
    for doc, sdoc in zip(docs, nlp.pipe(d.document.text for d in docs)):
        layer = Layer("trained")
        for ent in sdoc.ents:
            layer.add_span(Span(new_id(), ent.start_char, ent.end_char, ent.label_, "entity"))
        for span in sdoc.spans.get("triggers", []):
            layer.add_span(Span(new_id(), span.start_char, span.end_char, span.label_, "trigger"))
        pairs.append((layer, doc.layer(HELDOUT)))
    return evaluate(pairs)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}"


def table(results: dict[str, dict[str, Any]]) -> str:
    names = list(results)
    lines = ["| part | label | " + " | ".join(f"{n} P / R / F1" for n in names) + " |",
             "|---|---|" + "---|" * len(names)]
    for part in ("entities", "triggers", "arguments"):
        labels = sorted({label for r in results.values() for label in r[part]["labels"]})
        for label in [*labels, "overall"]:
            cells = []
            for r in results.values():
                s = r[part]["overall"] if label == "overall" else r[part]["labels"].get(label)
                cells.append("–" if s is None else " / ".join(_pct(s[k]) for k in ("precision", "recall", "f1")))
            name = f"**{label}**" if label == "overall" else label
            lines.append(f"| {part} | {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workdir", type=Path)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--annotated", type=int, default=200)
    parser.add_argument("--max-steps", type=int, default=600)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    db = args.workdir / "work.db"
    if db.exists():
        raise SystemExit(f"{db} exists; use an empty WORKDIR")
    build_project(db, args.docs, args.annotated, args.seed)
    rest = f"{args.annotated + 1}-{args.docs}"
    rest_ids = list(range(args.annotated + 1, args.docs + 1))
    results: dict[str, dict[str, Any]] = {}
    timings: dict[str, float] = {}

    cli("preannotate", str(db))
    results["rules (before)"] = json.loads(cli("evaluate", str(db), "--layer", "model", "--against", HELDOUT,
                                               "--docs", rest, "--json"))
    started = time.monotonic()
    models = args.workdir / "models" / "round1"
    train_out = cli("train", str(db), str(models), "--layer", "gold", "--max-steps", str(args.max_steps),
                    "--seed", str(args.seed))
    timings["train"] = time.monotonic() - started
    started = time.monotonic()
    cli("preannotate", str(db), "--model", str(models / "model-best"), "--docs", rest)
    timings["preannotate with model"] = time.monotonic() - started
    results["rules + model (after)"] = json.loads(cli("evaluate", str(db), "--layer", "model", "--against",
                                                      HELDOUT, "--docs", rest, "--json"))
    results["model alone"] = model_alone(db, models / "model-best", rest_ids)
    report = json.loads((models / "training.json").read_text(encoding="utf-8"))

    print(f"corpus: {args.docs} generated documents (seed {args.seed}); gold on 1-{args.annotated} "
          f"({report['train_docs']} train / {report['dev_docs']} dev), scored on {rest} "
          f"({len(rest_ids)} documents never trained on)")
    print(f"training: {report['steps']} steps in {report['seconds']:.0f} s "
          f"(whole `annotator train` command {timings['train']:.0f} s), CPU")
    print()
    print(table(results))
    print()
    print("train output:")
    print(train_out)


if __name__ == "__main__":
    main()
