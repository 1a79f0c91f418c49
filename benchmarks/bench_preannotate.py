"""Pre-annotation benchmark: `annotator.preannotate.run` end to end (read texts from the project,
nlp.pipe, build the model layers, write them one transaction per batch) vs a bare `nlp.pipe`
over the same texts with the same pipeline, in the same run. Goal: overhead <= 1.10.

    python benchmarks/bench_preannotate.py            # quick (about a minute)
    python benchmarks/bench_preannotate.py --n 10000  # the README figure
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.core.model import AnnotatedDocument, Document
from annotator.preannotate import run
from annotator.preannotate.pipeline import build_pipeline
from annotator.store import Project
from benchmarks.make_corpus import generate


def bare(nlp, texts: list[str], batch_size: int, n_process: int) -> tuple[float, float, int]:
    start, cpu = time.perf_counter(), time.process_time()
    words = 0
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        words += len(doc)
    return time.perf_counter() - start, time.process_time() - cpu, words


def ours(nlp, records: list[dict], db: Path, batch_size: int, n_process: int) -> tuple[float, float, int]:
    project = Project.create(db)
    project.import_documents(AnnotatedDocument(Document(text=r["text"], ext_id=r["id"], title=r["title"]))
                             for r in records)
    start, cpu = time.perf_counter(), time.process_time()
    report = run(project, nlp=nlp, batch_size=batch_size, n_process=n_process)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert report.documents == len(records) and report.events > 0
    project.close()
    return elapsed, cpu, report.words


def main(argv: list[str] | None = None) -> list[tuple[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1500, help="documents (the README figure uses 10000)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each side; the fastest counts")
    args = parser.parse_args(argv)
    records = list(generate(args.n))
    texts = [r["text"] for r in records]
    nlp = build_pipeline()
    nlp("warm up the pipeline once.")
    base_s = ours_s = base_cpu = ours_cpu = float("inf")
    words = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):  # alternate, so drift in machine speed hits both sides
            seconds, cpu, words = bare(nlp, texts, args.batch_size, args.n_process)
            base_s, base_cpu = min(base_s, seconds), min(base_cpu, cpu)
            seconds, cpu, _ = ours(nlp, records, Path(tmp) / f"ours{i}.db", args.batch_size, args.n_process)
            ours_s, ours_cpu = min(ours_s, seconds), min(ours_cpu, cpu)
    results = [
        ("preannotate_overhead", ours_s / base_s),
        ("preannotate_words_per_s", words / ours_s),
        ("preannotate_bare_words_per_s", words / base_s),
    ]
    if args.n_process == 1:
        # CPU time of this process: steadier than wall time on a shared machine (workers of
        # --n-process > 1 are not counted, so only for one process).
        results.append(("preannotate_overhead_cpu", ours_cpu / base_cpu))
    for name, value in results:
        print(f"{name}: {value:.2f}" if value < 100 else f"{name}: {value:.0f}")
    return results


if __name__ == "__main__":
    main()
