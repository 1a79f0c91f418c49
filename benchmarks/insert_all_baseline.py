"""The import benchmark's baseline: raw `sqlite_utils` `insert_all` of a JSONL file's documents
(parsed, hashed for de-duplication, one transaction, WAL), with nothing else.

    python benchmarks/insert_all_baseline.py corpus.jsonl out.db

Run as its own process by bench_import.py (against `annotator import` in a process of its own),
and imported for the in-process comparison. Imports only sqlite_utils and the standard library.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any, Iterator

import sqlite_utils


def rows(corpus: Path) -> Iterator[dict[str, Any]]:
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = record["text"]
            yield {"ext_id": record["id"], "title": record["title"], "text": text,
                   "text_sha256": hashlib.sha256(text.encode()).hexdigest()}


def insert_all(corpus: Path, db_path: Path) -> None:
    db = sqlite_utils.Database(db_path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    with db.atomic():
        db["documents"].insert_all(rows(corpus), batch_size=1000)
    db.close()


if __name__ == "__main__":
    insert_all(Path(sys.argv[1]), Path(sys.argv[2]))
