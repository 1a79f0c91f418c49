"""Pre-annotation benchmark: `annotator.preannotate.run` end to end (read texts from the project,
nlp.pipe, build the model layers, write them one transaction per batch) vs a bare `nlp.pipe`
over the same texts with the same pipeline, in the same run. Goal: overhead <= 1.10.

    python benchmarks/bench_preannotate.py            # quick (about a minute)
    python benchmarks/bench_preannotate.py --n 1200   # the README's figure (--n 10000: a longer run)

The corpus is cut into chunks; each chunk is run bare and through `run()` back to back (the
order alternating), `--repeat` times on fresh projects, and each side's fastest time per chunk
counts. Pairing the two sides closely in time matters on a shared machine: its speed drifts by
more than 10% over minutes, which a whole-corpus bare run followed by a whole-corpus `run()`
would read as overhead (or as a gain). Chunks are large (5000 documents: a run of 10k is two
chunks of 5k) because every `run()` has a fixed cost that a long run amortises and a short chunk
would overstate: the last batch is written after the pipeline has finished, with nothing left to
overlap (about 50-80 ms for 64 documents).
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
from annotator.store.model_layer import select_documents
from benchmarks.make_corpus import generate


def bare(nlp, texts: list[str], batch_size: int, n_process: int) -> tuple[float, float, int]:
    start, cpu = time.perf_counter(), time.process_time()
    words = 0
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        words += len(doc)
    return time.perf_counter() - start, time.process_time() - cpu, words


def ours(nlp, project: Project, doc_ids: list[int], batch_size: int, n_process: int) -> tuple[float, float, int]:
    start, cpu = time.perf_counter(), time.process_time()
    report = run(project, nlp=nlp, doc_ids=doc_ids, batch_size=batch_size, n_process=n_process)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert report.documents == len(doc_ids) and report.events > 0 and not report.cancelled
    return elapsed, cpu, report.words


def make_project(path: Path, records: list[dict]) -> Project:
    project = Project.create(path)
    project.import_documents(AnnotatedDocument(Document(text=r["text"], ext_id=r["id"], title=r["title"]))
                             for r in records)
    return project


def main(argv: list[str] | None = None) -> list[tuple[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1500, help="documents (the README figure uses 1200)")
    parser.add_argument("--chunk", type=int, default=5000, help="documents per paired measurement")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side per chunk; the fastest counts")
    args = parser.parse_args(argv)
    records = list(generate(args.n))
    texts = [r["text"] for r in records]
    nlp = build_pipeline()
    nlp("warm up the pipeline once.")
    n_chunks = -(-args.n // args.chunk)
    inf = float("inf")
    base_s, ours_s, base_cpu, ours_cpu = ([inf] * n_chunks for _ in range(4))
    words = 0
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.repeat):
            project = make_project(Path(tmp) / f"ours{r}.db", records)  # fresh: every chunk's first run
            ids = select_documents(project)
            words = 0
            for i in range(n_chunks):
                chunk = slice(i * args.chunk, (i + 1) * args.chunk)
                sides = ["bare", "ours"] if (i + r) % 2 == 0 else ["ours", "bare"]
                for side in sides:
                    if side == "bare":
                        seconds, cpu, n_words = bare(nlp, texts[chunk], args.batch_size, args.n_process)
                        base_s[i], base_cpu[i] = min(base_s[i], seconds), min(base_cpu[i], cpu)
                        words += n_words
                    else:
                        seconds, cpu, _ = ours(nlp, project, ids[chunk], args.batch_size, args.n_process)
                        ours_s[i], ours_cpu[i] = min(ours_s[i], seconds), min(ours_cpu[i], cpu)
            project.close()
    results = [
        ("preannotate_overhead", sum(ours_s) / sum(base_s)),
        ("preannotate_words_per_s", words / sum(ours_s)),
        ("preannotate_bare_words_per_s", words / sum(base_s)),
    ]
    if args.n_process == 1:
        # CPU time of this process, both threads (the writer thread's SQLite work included),
        # so higher than the wall-time ratio; workers of --n-process > 1 are not counted.
        results.append(("preannotate_overhead_cpu", sum(ours_cpu) / sum(base_cpu)))
    for name, value in results:
        print(f"{name}: {value:.2f}" if value < 100 else f"{name}: {value:.0f}")
    return results


if __name__ == "__main__":
    main()
