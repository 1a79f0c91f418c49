"""A throwaway PostgreSQL cluster for the tests and benchmarks (issue 17).

`ANNOTATOR_TEST_PG_URL` (a superuser's URL, e.g. the cluster `.ci/run` started) is used when set;
otherwise a cluster is made with the distribution's `initdb` in a temporary folder, run as a
non-root user (initdb refuses root: as root the `postgres` user runs it), listening on 127.0.0.1
on a free port and on a socket in that folder, and stopped (and deleted) at the end. Each test gets
a fresh database of its own (`Cluster.new_database`).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def find_bindir() -> Path | None:
    for candidate in [os.environ.get("PG_BINDIR", "")] + sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if candidate and (Path(candidate) / "initdb").is_file():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self, admin_url: str, stop: "callable | None" = None, bindir: Path | None = None) -> None:
        self.admin_url = admin_url.rstrip("/")
        self._stop = stop
        self.bindir = bindir or find_bindir()  # pg_dump and friends of the same version

    def url_for(self, database: str) -> str:
        base, _, _ = self.admin_url.rpartition("/")
        return f"{base}/{database}"

    def new_database(self) -> str:
        """A fresh empty database; returns its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:16]
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url_for(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self._stop is not None:
            self._stop()
            self._stop = None


def start(fsync: bool = False) -> Cluster | None:
    """The cluster to test against, or None when PostgreSQL is not installed. Tests run it with
    fsync off (nothing they write must outlive the machine); benchmarks pass fsync=True, as a
    real server runs."""
    url = os.environ.get("ANNOTATOR_TEST_PG_URL")
    if url:
        return Cluster(url)
    bindir = find_bindir()
    if bindir is None:
        return None
    folder = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: run the server as the distribution's postgres user
        import pwd

        pw = pwd.getpwnam("postgres")
        os.chown(folder, pw.pw_uid, pw.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", _free_port()
    run = dict(check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                    "--no-sync", "-E", "UTF8", "--locale", "C"], **run)
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w",
                    "-o", f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync={'on' if fsync else 'off'} "
                          "-c max_connections=200", "start"], **run)

    def stop() -> None:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(folder, ignore_errors=True)

    return Cluster(f"postgresql://postgres@127.0.0.1:{port}/postgres", stop, bindir)


def as_user(url: str, user: str) -> str:
    """The same database, logged in as `user` (the test cluster trusts local connections)."""
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{user}@{rest.split('@', 1)[1]}"
