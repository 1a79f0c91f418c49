"""The SQLite engine: one project = one file (see `store/engine.py` for the interface).

Writes run in `BEGIN IMMEDIATE` transactions (the write lock is taken up front, so a busy
database makes us wait `busy_timeout` instead of failing on a lock upgrade); the database is in
WAL mode with synchronous=NORMAL and foreign keys on.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...core.errors import CannotWrite, ProjectBusy, ProjectError
from .storage import storage_error

if TYPE_CHECKING:
    from ..model_layer import ModelBatch
    from ..project import Project

BUSY_TIMEOUT_MS = 10_000
APP_ID = "annotator"


class SqliteEngine:
    name = "sqlite"
    title = "SQLite"  # as messages name it
    ilike = "LIKE"  # case-insensitive LIKE (SQLite's LIKE already ignores ASCII case)
    text_bytes = "length(CAST(text AS BLOB))"  # the UTF-8 size of a document's text, in SQL
    for_share = ""  # one writer at a time: a row read in a write transaction cannot change before it ends

    # ------------------------------------------------------------- connections
    def create(self, location: Path) -> sqlite3.Connection:
        return _connect(location)

    def connect(self, location: Path, *, readonly: bool = False,
                or_read_only: bool = False) -> tuple[sqlite3.Connection, bool, CannotWrite | None]:
        problem: CannotWrite | None = None
        if location.is_file() and not os.access(location, os.R_OK):
            # SQLite says "unable to open database file": read as a damaged project (run `check`,
            # which said the same) or, by a writing command, as a read-only place
            raise ProjectError(f"{location} cannot be read: permission denied",
                               hint="ask its owner for read access, or work on a copy you may read")
        if not readonly:
            _mend_side_files(location)
        if or_read_only and not readonly:
            problem = _storage_problem_now(location)
            readonly = problem is not None
        try:
            conn = _connect(location, readonly=readonly, wal=False)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a file that is no database raises
            if not readonly and _is_ours(conn):
                # (only then: another program's database, or an empty file given by mistake, is
                # refused by `migrate` as it was -- not switched to WAL first, nor made a database)
                _use_wal(conn)
        except sqlite3.DatabaseError as exc:
            problem = storage_error(location, exc)
            if problem is None:
                raise self.open_error(location, exc) from None
            if not (readonly or or_read_only):
                raise problem from None
            readonly = True
            conn = _connect_frozen(location, problem)
        return conn, readonly, problem

    def close(self, raw: sqlite3.Connection) -> None:
        try:
            raw.close()
        except sqlite3.Error:
            pass

    def apply_schema(self, raw: sqlite3.Connection) -> None:
        from sqlite_utils import Database

        from .. import schema

        schema.migrations.apply(Database(raw))

    def migrate(self, project: Project, migrate: bool) -> None:
        """Refuse files that are not projects or come from a newer version; migrate older ones
        after a verified backup copy."""
        from .. import schema

        conn, path = project.conn, project.path
        if not _is_ours(conn):  # (the same test that decides whether an opened file goes to WAL)
            raise ProjectError(f"{path} is not an annotator project", hint="create one with: annotator init FILE")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        applied = [r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", (schema.MIGRATION_SET,)
        )] if "_sqlite_migrations" in tables else []
        known = schema.known_migration_names()
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise ProjectError(
                f"{path} was written by a newer version of annotator (schema {unknown[-1]})",
                hint="upgrade annotator: pip install -U annotator",
            )
        if any(name not in applied for name in known):
            if project.readonly or not migrate:
                raise ProjectError(f"{path} needs a schema upgrade; open it read-write once")
            from ..backups import pre_migration_backup  # modules used rarely load at first use

            pre_migration_backup(project)  # verified copy, or ProjectError and nothing migrated
            schema.migrations.apply(project.db)

    # ------------------------------------------------------------- transactions
    def in_transaction(self, raw: sqlite3.Connection) -> bool:
        return raw.in_transaction

    def begin_write(self, raw: sqlite3.Connection, location: Path,
                    scope: tuple[int, int] | None = None, wait: float | None = None) -> None:
        # One writer at a time whatever the scope: SQLite has a single write lock.
        before = None
        if wait is not None:  # this write waits less than the connection's busy_timeout
            before = raw.execute("PRAGMA busy_timeout").fetchone()[0]
            raw.execute(f"PRAGMA busy_timeout = {max(0, int(wait * 1000))}")
        try:
            raw.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            # Another program kept the write lock for longer than busy_timeout (a long import?).
            # Nothing was written; the caller may retry. Never a crash (docs/reliability.md).
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise storage_error(location, exc) or exc from None
            waited = (raw.execute("PRAGMA busy_timeout").fetchone()[0] or 0) / 1000
            raise ProjectBusy(
                f"{location} is busy: another program has been writing to it for more than {waited:g} s; "
                "nothing was saved",
                hint="wait until the other program (an import or pre-annotation?) finishes, then try again",
            ) from None
        finally:
            if before is not None:  # the lock is ours (or was not granted): the usual wait again
                raw.execute(f"PRAGMA busy_timeout = {int(before)}")

    def busy_problem(self, location: Path, exc: BaseException, waited: float | None = None) -> ProjectError | None:
        return None  # the write lock is taken by BEGIN IMMEDIATE, which says so itself

    def begin_read(self, raw: sqlite3.Connection) -> None:
        raw.execute("BEGIN")  # deferred: a WAL read snapshot, never blocks writers

    def commit(self, raw: sqlite3.Connection) -> None:
        raw.commit()

    def rollback(self, raw: sqlite3.Connection) -> None:
        try:
            if raw.in_transaction:  # SQLite may have rolled back itself (disk full)
                raw.rollback()
        except sqlite3.Error:
            pass

    def settle_lost_commit(self, raw: sqlite3.Connection, lost: BaseException, scope: tuple[int, int]) -> None:
        return  # never needed: a file's COMMIT is answered in this process (it raises no CommitAnswerLost)

    def interrupt(self, raw: sqlite3.Connection) -> None:
        try:
            raw.interrupt()
        except sqlite3.Error:  # already closed
            pass

    # ------------------------------------------------------------- errors
    def storage_problem(self, location: Path, exc: BaseException) -> CannotWrite | None:
        return storage_error(location, exc)

    def is_storage_error(self, exc: BaseException) -> bool:
        return isinstance(exc, (sqlite3.Error, OSError))

    def is_conflict(self, exc: BaseException) -> bool:
        return isinstance(exc, sqlite3.IntegrityError)

    def open_error(self, location: Path, exc: BaseException) -> ProjectError:
        from ..check import REPAIR_HINT

        if "malformed" in str(exc) or "corrupt" in str(exc):
            return ProjectError(f"{location} is damaged ({exc})", hint=REPAIR_HINT)
        if "locked" in str(exc) or "busy" in str(exc):
            return ProjectError(f"{location} is busy ({exc})",
                                hint="another program holds it; try again when it is done")
        return ProjectError(f"{location} is not an annotator project ({exc})")

    # ------------------------------------------------------------- SQL forms that differ
    def insert_or_ignore(self, table: str, columns: str, key: str) -> str:
        marks = ", ".join("?" * len(columns.split(",")))
        return f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({marks})"

    def insert_or_replace(self, table: str, columns: str, key: str) -> str:
        marks = ", ".join("?" * len(columns.split(",")))
        return f"INSERT OR REPLACE INTO {table} ({columns}) VALUES ({marks})"

    any_of_max = 500  # an IN list of placeholders: old SQLite builds take 999 at most
    streams_bulk_rows = False

    def any_of(self, column: str, values: list) -> tuple[str, list]:
        return f"{column} IN ({','.join('?' * len(values))})", list(values)

    def insert_rows(self, raw: sqlite3.Connection, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        from ..rows import insert_sql

        raw.executemany(insert_sql(table, columns), rows)

    def execute_later(self, raw: sqlite3.Connection, sql: str, params: Any, prepare: bool = False) -> None:
        raw.execute(sql, params)  # in-process: no round trip to save

    def query_all(self, raw: sqlite3.Connection, statements: Sequence[tuple[str, Any]],
                  prepare: bool = False) -> list[list[tuple]]:
        return [raw.execute(sql, params).fetchall() for sql, params in statements]

    def insert_id_at_commit(self, raw: sqlite3.Connection, sql: str, params: Any,
                            prepare: bool = False) -> Callable[[], int]:
        new_id = self.insert_returning_id(raw, sql, params)
        return lambda: new_id

    def insert_returning_id(self, raw: sqlite3.Connection, sql: str, params: Any) -> int:
        return int(raw.execute(sql, params).lastrowid)

    # ------------------------------------------------------------- maintenance and bulk paths
    def integrity_problems(self, raw: sqlite3.Connection) -> list[str]:
        try:
            return [r[0] for r in raw.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            # Damage bad enough that SQLite stops checking midway; what it found so far still helps.
            return [f"the check itself failed: {exc}"]

    def dangling_references(self, raw: sqlite3.Connection, limit: int) -> list[str]:
        return [f"{table} row {rowid} refers to a missing {parent} row"
                for table, rowid, parent, _ in raw.execute("PRAGMA foreign_key_check").fetchall()[:limit]]

    def backup(self, project: Project, dest: Path) -> Path:
        from .backup import copy_to

        return copy_to(project, dest)

    def copy_into_package(self, pkg: Project, project: Project, annotator: str, role: str,
                          package_id: str) -> tuple[int, int]:
        from .package_copy import copy_into_package

        return copy_into_package(pkg, project, annotator, role, package_id)

    def write_model_layers(self, raw: sqlite3.Connection, ann_id: int, batch: ModelBatch) -> None:
        from .model_rows import insert_model_rows

        insert_model_rows(raw, ann_id, batch)


def _connect(path: Path, *, readonly: bool = False, wal: bool = True) -> sqlite3.Connection:
    if readonly:
        # mode=rw although we only read: the last connection to close then checkpoints and
        # deletes the -wal and -shm files (a mode=ro connection cannot, and leaves them behind).
        # Nothing is written: `Connection.write` refuses on a read-only project. A write-protected
        # file still opens (SQLite falls back to reading); a read-only folder or a full disk
        # fails here and `SqliteEngine.connect` falls back to `_connect_frozen`.
        # as_uri() escapes ?, # and % in the path (a raw "file:" URI would cut the name there).
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    # Transactions are managed explicitly (BEGIN IMMEDIATE / commit), not by the driver.
    conn.isolation_level = None
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if wal and not readonly:
        _use_wal(conn)
    return conn


def _is_ours(conn: sqlite3.Connection) -> bool:
    """Whether the database is an annotator project (its meta names the app): "meta" alone is a
    common table name."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
    except sqlite3.OperationalError:  # no such table, or one with other columns
        return False
    return row is not None and row[0] == APP_ID


def _use_wal(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")


def _connect_frozen(path: Path, problem: CannotWrite) -> sqlite3.Connection:
    """Read a project whose place cannot be written (read-only folder, full disk): SQLite cannot
    create the -shm file WAL mode needs, so the file is opened as immutable. Committed edits
    still in a -wal file would be invisible that way: then reading is refused too."""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise type(problem)(problem.message + f"; its newest edits are still in {wal.name}, which cannot be "
                            "merged now", hint=problem.hint)
    conn = sqlite3.connect(path.resolve().as_uri() + "?immutable=1", uri=True, check_same_thread=False)
    conn.isolation_level = None
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _mend_side_files(path: Path) -> None:
    """SQLite gives the -wal and -shm files the mode of the database: a read of a project made
    read-only (chmod 444) leaves them read-only, and once the project is writable again every
    write still fails as "a read-only place". Ours to fix: they take the database's mode back."""
    try:
        if not os.access(path, os.W_OK):
            return
        mode = path.stat().st_mode & 0o777
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists() and not os.access(side, os.W_OK):
                os.chmod(side, mode)
    except OSError:
        pass  # not ours to change: the write fails and says where


def _storage_problem_now(path: Path) -> CannotWrite | None:
    """A full disk or a read-only place, seen before trying to write."""
    from .storage import disk_is_full, full, place_is_read_only, read_only

    if place_is_read_only(path):
        return read_only(path)
    if disk_is_full(path):
        return full(path)
    return None


SQLITE = SqliteEngine()
