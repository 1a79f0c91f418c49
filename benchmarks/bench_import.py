"""Import benchmark: `Project.import_documents` of N generated documents read from JSONL vs raw
`sqlite_utils` `insert_all` of the same rows read from the same file, in the same run.

Both sides parse the JSONL file and write one SQLite file in WAL mode; ours also validates
every document, hashes it for de-duplication, checks ids already present and records its
length. Goal: ratio <= 1.5.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

import sqlite_utils

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.formats import ReadOptions, native  # noqa: E402
from annotator.store import Project  # noqa: E402
from benchmarks.make_corpus import generate  # noqa: E402


def baseline(corpus: Path, db_path: Path) -> float:
    start = time.perf_counter()
    db = sqlite_utils.Database(db_path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")

    def rows():
        with corpus.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                text = record["text"]
                yield {"ext_id": record["id"], "title": record["title"], "text": text,
                       "text_sha256": hashlib.sha256(text.encode()).hexdigest()}

    with db.atomic():
        db["documents"].insert_all(rows(), batch_size=1000)
    db.close()
    return time.perf_counter() - start


def ours(corpus: Path, db_path: Path) -> float:
    project = Project.create(db_path)
    start = time.perf_counter()
    report = project.import_documents(native.read(corpus, ReadOptions()))
    elapsed = time.perf_counter() - start
    project.close()
    assert report.documents_added > 0
    return elapsed


def main(argv: list[str] | None = None) -> list[tuple[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="documents (the README figure uses 100000)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            for record in generate(args.n):
                out.write(json.dumps(record) + "\n")
        ours_s = min(ours(corpus, Path(tmp) / f"ours{i}.db") for i in range(2))
        base_s = min(baseline(corpus, Path(tmp) / f"base{i}.db") for i in range(2))
    results = [
        ("import_vs_insert_all", ours_s / base_s),
        ("import_docs_per_s", args.n / ours_s),
    ]
    for name, value in results:
        print(f"{name}: {value:.2f}")
    return results


if __name__ == "__main__":
    main()
