"""Import benchmark, two comparisons in the same run, each against raw `sqlite_utils`
`insert_all` of the same rows read from the same JSONL file (insert_all_baseline.py):

- cli: `annotator import work.db corpus.jsonl` as a process of its own (what a user runs;
  the project made beforehand) vs the baseline as a process of its own, on N short documents
  (1-3 sentences: per-document costs dominate). Goal (issue 17): ratio <= 1.5.
- api: `Project.import_documents` of N news-length documents vs the baseline, both in this
  process. Goal: ratio <= 1.5.
- pg: `Project.import_documents` of the same documents into a PostgreSQL project vs psycopg
  `COPY` of the same rows (parsed and hashed alike) into a plain table, both in this process,
  on a throwaway cluster (fsync on; skipped when PostgreSQL is not installed). Goal: <= 1.5.

Both sides parse the JSONL file and write one SQLite file in WAL mode in one transaction; ours
also validates every document, hashes it for de-duplication, checks ids already present,
records its length and keeps its indexes (ext_id, text hash), and the CLI reports progress.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.formats import ReadOptions, native  # noqa: E402
from annotator.store import Project  # noqa: E402
from benchmarks.insert_all_baseline import insert_all, rows  # noqa: E402
from benchmarks.make_corpus import generate  # noqa: E402

HERE = Path(__file__).resolve().parent
SHORT = (1, 3)  # sentences per document in the CLI corpus


def write_corpus(path: Path, n: int, sentences: tuple[int, int] = (8, 30)) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in generate(n, sentences=sentences):
            out.write(json.dumps(record) + "\n")
    return path


def baseline(corpus: Path, db_path: Path) -> float:
    start = time.perf_counter()
    insert_all(corpus, db_path)
    return time.perf_counter() - start


def ours(corpus: Path, db_path: Path | str) -> float:
    project = Project.create(db_path)
    start = time.perf_counter()
    report = project.import_documents(native.read(corpus, ReadOptions()))
    elapsed = time.perf_counter() - start
    project.close()
    assert report.documents_added > 0
    return elapsed


def copy_baseline(corpus: Path, url: str) -> float:
    """PostgreSQL's raw bulk path: COPY of the rows insert_all gets, into a table without indexes."""
    import psycopg

    start = time.perf_counter()
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TABLE raw_documents (ext_id text, title text, text text, text_sha256 text)")
        with conn.cursor().copy("COPY raw_documents (ext_id, title, text, text_sha256) FROM STDIN") as copy:
            for row in rows(corpus):
                copy.write_row((row["ext_id"], row["title"], row["text"], row["text_sha256"]))
        conn.commit()
    return time.perf_counter() - start


def pg_comparison(corpus: Path, n: int, repeats: int) -> list[tuple[str, float]]:
    from benchmarks.throwaway_pg import throwaway_cluster

    with throwaway_cluster() as cluster:
        if cluster is None:
            return []
        ours_s, base_s = [], []
        for _ in range(repeats):
            for side, times in ((ours, ours_s), (copy_baseline, base_s)):
                url = cluster.new_database()
                try:
                    times.append(side(corpus, url))
                finally:
                    cluster.drop_database(url)
    return [("import_pg_vs_copy", min(ours_s) / min(base_s)), ("import_pg_docs_per_s", n / min(ours_s))]


def _process_env(pycache: Path) -> dict[str, str]:
    """This checkout's annotator, with its bytecode cached (in `pycache`, not in the tree) as an
    installed package's is: without it every run would compile the CLI's modules again."""
    env = dict(os.environ, PYTHONPATH=str(HERE.parent), PYTHONPYCACHEPREFIX=str(pycache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _timed_process(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return elapsed


def cli_ours(corpus: Path, db_path: Path, env: dict[str, str]) -> float:
    Project.create(db_path).close()  # `annotator init`, not timed
    return _timed_process(["-m", "annotator.cli.main", "import", str(db_path), str(corpus)], env)


def cli_baseline(corpus: Path, db_path: Path, env: dict[str, str]) -> float:
    return _timed_process([str(HERE / "insert_all_baseline.py"), str(corpus), str(db_path)], env)


def main(argv: list[str] | None = None) -> list[tuple[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="documents (the README figure uses 100000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each side; the fastest counts")
    parser.add_argument("--only", choices=["cli", "api", "pg"], help="run one comparison")
    args = parser.parse_args(argv)
    results: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.only in (None, "cli"):
            corpus = write_corpus(tmp / "short.jsonl", args.n, SHORT)
            env = _process_env(tmp / "pycache")
            warm = write_corpus(tmp / "warm.jsonl", 10, SHORT)  # fills the bytecode caches
            cli_ours(warm, tmp / "warm.db", env)
            cli_baseline(warm, tmp / "warmbase.db", env)
            ours_s, base_s = [], []
            for i in range(args.repeats):  # alternating, so a busy moment hits both sides alike
                ours_s.append(cli_ours(corpus, tmp / f"cli{i}.db", env))
                base_s.append(cli_baseline(corpus, tmp / f"clibase{i}.db", env))
            results += [("import_cli_vs_insert_all", min(ours_s) / min(base_s)),
                        ("import_cli_docs_per_s", args.n / min(ours_s))]
        if args.only in (None, "api"):
            corpus = write_corpus(tmp / "corpus.jsonl", args.n)
            ours_api = min(ours(corpus, tmp / f"ours{i}.db") for i in range(args.repeats))
            base_api = min(baseline(corpus, tmp / f"base{i}.db") for i in range(args.repeats))
            results += [("import_vs_insert_all", ours_api / base_api),
                        ("import_docs_per_s", args.n / ours_api)]
        if args.only in (None, "pg"):
            corpus = tmp / "corpus.jsonl"
            if not corpus.exists():
                write_corpus(corpus, args.n)
            results += pg_comparison(corpus, args.n, args.repeats)
    for name, value in results:
        print(f"{name}: {value:.2f}")
    return results


if __name__ == "__main__":
    main()
