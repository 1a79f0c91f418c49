"""An empty database on a throwaway PostgreSQL cluster for the benchmarks (bench_load, bench_import).

The cluster is tests/pg_cluster.py's (initdb in a temporary folder, run as the postgres user
when we are root; `ANNOTATOR_TEST_PG_URL` names a running cluster instead), stopped and
deleted afterwards.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator


@contextmanager
def throwaway_cluster() -> Iterator[Any]:
    """A throwaway cluster (`new_database()`, `drop_database(url)`), or None when PostgreSQL is
    not installed. Ours runs with fsync on, as a real server does (the test clusters turn it off;
    `SHOW fsync` is checked, since a setting given at start-up outranks one set later)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    import pg_cluster

    try:
        cluster = pg_cluster.start(fsync=True)
    except Exception as exc:  # noqa: BLE001 - no cluster: the SQLite figures still count
        print(f"# no PostgreSQL cluster: {exc}", flush=True)
        cluster = None
    if cluster is None:
        yield None
        return
    try:
        import psycopg

        with psycopg.connect(cluster.admin_url, autocommit=True) as conn:
            fsync = conn.execute("SHOW fsync").fetchone()[0]
        print(f"# PostgreSQL cluster: fsync={fsync}", flush=True)
        yield cluster
    finally:
        cluster.stop()


@contextmanager
def throwaway_database(async_commit: bool = False) -> Iterator[str | None]:
    """An empty database on a throwaway cluster, or None when PostgreSQL is not installed.
    `async_commit`: synchronous_commit=off for it (a commit does not wait for the disk)."""
    with throwaway_cluster() as cluster:
        if cluster is None:
            yield None
            return
        url = cluster.new_database()
        if async_commit:
            import psycopg

            with psycopg.connect(cluster.admin_url, autocommit=True) as conn:
                conn.execute(f'ALTER DATABASE "{url.rsplit("/", 1)[1]}" SET synchronous_commit = off')
        try:
            yield url
        finally:
            cluster.drop_database(url)
