"""The PostgreSQL engine: one project = one database (see `store/engine.py` for the interface).

Writers run concurrently here, so the engine says what must not interleave, with advisory locks
held to the end of the transaction:
- an edit of one layer (`Connection.write(scope=(doc_id, annotator_id))`) takes the project's
  lock *shared* and its layer's lock exclusive: edits of different layers never wait for each
  other, two edits of one layer run one after the other; both locks travel with the edit's
  first read (one statement after BEGIN in the same round trip), so they are held before it;
- every other write (import, assign, merge, pre-annotation, the scheme) takes the project's lock
  exclusive, as SQLite's one writer does, so `max(id) + 1` ids and insert-then-select stay safe.
Waiting is bounded by `lock_timeout`; past it the write fails as "busy; nothing was saved".
Reads use REPEATABLE READ READ ONLY transactions (one snapshot, never blocking writers).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import psycopg
from psycopg import errors as pgerr

from ...core.errors import CannotWrite, ProjectBusy, ProjectError, ReadOnlyStorage, StorageFull
from ..locations import ServerLocation
from . import schema, security
from .connection import PgConnection, first_line

if TYPE_CHECKING:
    from ..engine import CommitAnswerLost
    from ..model_layer import ModelBatch
    from ..project import Project

APP_ID = "annotator"
LOCK_TIMEOUT_S = 10
CONNECT_TIMEOUT_S = 10
# Advisory lock keys. The project-wide lock and the migration lock use the two-int key space;
# layer locks use the single bigint space (PostgreSQL keeps the two spaces apart).
_NAMESPACE = zlib.crc32(b"annotator") & 0x7FFFFFFF
_PROJECT_LOCK = (_NAMESPACE, 1)
_MIGRATION_LOCK = (_NAMESPACE, 2)


# Set on every connection, in one round trip. Texts longer than ~2 kB are compressed as they are
# stored (TOAST); lz4 does it in a fraction of the CPU time of the default pglz, for a slightly
# larger result, and reads them back faster. Only where the server was built with lz4 (14 and
# later); rows already stored keep their compression, and any server reads both.
SESSION_SETTINGS = (
    f"SET lock_timeout = '{LOCK_TIMEOUT_S}s'; "
    "SELECT set_config('default_toast_compression', 'lz4', false) FROM pg_settings "
    "WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
)


def layer_key(doc_id: int, annotator_id: int) -> int:
    """One bigint per (document, annotator) layer for its advisory lock."""
    return ((doc_id & 0xFFFFFFFFFF) << 22) | (annotator_id & 0x3FFFFF)


class PostgresEngine:
    name = "postgresql"
    title = "PostgreSQL"
    ilike = "ILIKE"  # case-insensitive LIKE (SQLite's LIKE already ignores ASCII case)
    text_bytes = "octet_length(text)"  # the UTF-8 size of a document's text, in SQL
    # Writers run side by side: a row an edit's transaction relies on (its session's) is locked
    # against changes until that transaction ends.
    for_share = " FOR SHARE"

    # ------------------------------------------------------------- connections
    def create(self, location: ServerLocation) -> PgConnection:
        raw = self._connect(location)
        tables = _tables(raw)
        if "meta" in tables:
            raw.close()
            raise ProjectError(f"{location} already holds an annotator project",
                               hint="open it instead, or create a new database: createdb NAME")
        if tables - {"annotator_migrations"}:
            raw.close()
            raise ProjectError(f"{location} is not empty (tables: {', '.join(sorted(tables)[:5])})",
                               hint="create a new database for the project: createdb NAME")
        return raw

    def connect(self, location: ServerLocation, *, readonly: bool = False,
                or_read_only: bool = False) -> tuple[PgConnection, bool, CannotWrite | None]:
        return self._connect(location), readonly, None

    def _connect(self, location: ServerLocation) -> PgConnection:
        def connect() -> psycopg.Connection:
            try:
                pg = psycopg.connect(location.dsn, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                                     application_name="annotator")
            except psycopg.Error as exc:
                raise self.open_error(location, exc) from None
            pg.execute(SESSION_SETTINGS)
            if pg.info.server_version >= 120000:
                # The only statements prepared on this connection are an edit's (PgConnection), small
                # lookups by key: plan them once, whatever the values (PostgreSQL would otherwise
                # plan again at every execution a statement whose general plan looks dearer).
                pg.execute("SET plan_cache_mode = force_generic_plan")
            return pg

        return PgConnection(connect(), reconnect=connect)

    def close(self, raw: PgConnection) -> None:
        try:
            raw.close()
        except psycopg.Error:
            pass

    def apply_schema(self, raw: PgConnection) -> None:
        self._apply_migrations(raw, [])

    def migrate(self, project: Project, migrate: bool) -> None:
        raw, location = project.conn, project.path
        tables = _tables(raw)
        if "meta" not in tables or project.connection.get_meta("app") != APP_ID:
            raise ProjectError(f"{location} is not an annotator project",
                               hint=f"create one with: annotator init {location}")
        applied = _applied(raw) if "annotator_migrations" in tables else []
        known = schema.names()
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise ProjectError(f"{location} was written by a newer version of annotator (schema {unknown[-1]})",
                               hint="upgrade annotator: pip install -U annotator")
        if any(name not in applied for name in known):
            if project.readonly or not migrate:
                raise ProjectError(f"{location} needs a schema upgrade; open it read-write once")
            self._apply_migrations(raw, applied)
        if migrate:
            security.refresh_if_outdated(project)

    def _apply_migrations(self, raw: PgConnection, applied: list[str]) -> None:
        raw.execute("SELECT pg_advisory_lock(?, ?)", _MIGRATION_LOCK)
        try:
            raw.execute("BEGIN")
            raw.pg.execute(schema.VERSIONS_TABLE)
            done = set(_applied(raw))  # again, under the lock: another client may have migrated
            for version, (name, body) in enumerate(schema.MIGRATIONS, 1):
                if name in done:
                    continue
                for statement in body.split(";\n"):
                    if statement.strip():
                        raw.pg.execute(statement)
                raw.execute("INSERT INTO annotator_migrations (version, name) VALUES (?, ?)", (version, name))
            raw.commit()
        except BaseException:
            raw.rollback()
            raise
        finally:
            raw.execute("SELECT pg_advisory_unlock(?, ?)", _MIGRATION_LOCK)

    # ------------------------------------------------------------- transactions
    def in_transaction(self, raw: PgConnection) -> bool:
        return raw.in_transaction

    def begin_write(self, raw: PgConnection, location: ServerLocation,
                    scope: tuple[int, int] | None = None, wait: float | None = None) -> None:
        # A shorter wait than the session's lock_timeout, for this transaction only (SET LOCAL).
        shorter = f"SET LOCAL lock_timeout = '{max(1, int(wait * 1000))}ms'" if wait is not None else None
        if scope is not None:
            # An edit: BEGIN and the locks travel with its first read (PgConnection.execute_later),
            # one round trip for both. A lock not granted in time is raised by that read, and
            # named by `busy_problem`.
            raw.execute_later("BEGIN")
            if shorter:
                raw.execute_later(shorter)
            raw.execute_later("SELECT pg_advisory_xact_lock_shared(?, ?), pg_advisory_xact_lock(?)",
                              (*_PROJECT_LOCK, layer_key(*scope)), prepare=True)
            return
        # BEGIN and the lock in one round trip (a simple query; the keys are our own integers).
        try:
            raw.execute_script("; ".join(["BEGIN", *([shorter] if shorter else []),
                                          "SELECT pg_advisory_xact_lock(%d, %d)" % _PROJECT_LOCK]))
        except pgerr.LockNotAvailable as exc:
            raw.rollback()
            raise self.busy_problem(location, exc, wait) from None
        except BaseException:
            raw.rollback()
            raise

    def busy_problem(self, location: ServerLocation, exc: BaseException,
                     waited: float | None = None) -> ProjectError | None:
        if not isinstance(exc, pgerr.LockNotAvailable):
            return None
        return ProjectBusy(
            f"{location} is busy: another program has been writing to it for more than "
            f"{LOCK_TIMEOUT_S if waited is None else waited:g} s; nothing was saved",
            hint="wait until the other program (an import or pre-annotation?) finishes, then try again",
        )

    def begin_read(self, raw: PgConnection) -> None:
        raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def commit(self, raw: PgConnection) -> None:
        raw.commit()

    def rollback(self, raw: PgConnection) -> None:
        try:
            raw.rollback()
        except psycopg.Error:
            pass

    def settle_lost_commit(self, raw: PgConnection, lost: CommitAnswerLost, scope: tuple[int, int]) -> None:
        # The statements below connect again (PgConnection does at the first statement outside a
        # transaction). The lost transaction held its layer's lock until it ended: once that lock
        # is granted here, it has committed or rolled back for good, and a read sees which.
        if lost.backend is not None:
            # Its server process may still sit in the transaction, the COMMIT never having
            # arrived (a connection cut without a word can go unnoticed there for hours, the
            # layer locked): end it, so the transaction rolls back now and cannot commit later.
            # Only that process: our pid, user and database, idle inside a transaction.
            raw.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ? "
                        "AND usename = current_user AND datname = current_database() "
                        "AND state LIKE 'idle in transaction%'", (lost.backend,))
        # One statement, its own transaction: the lock is released as it ends (lock_timeout:
        # LockNotAvailable when the transaction still holds it).
        raw.execute("SELECT pg_advisory_xact_lock(?)", (layer_key(*scope),))

    def interrupt(self, raw: PgConnection) -> None:
        raw.cancel()

    # ------------------------------------------------------------- errors
    def storage_problem(self, location: ServerLocation, exc: BaseException) -> CannotWrite | None:
        if isinstance(exc, (pgerr.DiskFull, pgerr.OutOfMemory)) or getattr(exc, "sqlstate", "") == "53100":
            return StorageFull(f"the server's disk is full ({location})",
                               hint="ask the server's administrator to free space; nothing was changed")
        if isinstance(exc, (pgerr.ReadOnlySqlTransaction, pgerr.InsufficientPrivilege)):
            return ReadOnlyStorage(f"{location} cannot be written by this database user ({first_line(exc)})",
                                   hint="ask the lead for write access (annotator role); reading works")
        return None

    def is_storage_error(self, exc: BaseException) -> bool:
        return isinstance(exc, (psycopg.Error, OSError))

    def is_conflict(self, exc: BaseException) -> bool:
        return isinstance(exc, psycopg.errors.IntegrityError)

    def open_error(self, location: ServerLocation, exc: BaseException) -> ProjectError:
        message = first_line(exc)
        if isinstance(exc, psycopg.OperationalError):
            if "does not exist" in message and "database" in message:
                return ProjectError(f"cannot open {location}: the database {location.name!r} does not exist",
                                    hint=f"create it first, then run the command again: {_createdb(location)}; "
                                    "see docs/server.md")
            if "password" in message or "authentication" in message:
                return ProjectError(f"cannot open {location}: {message}",
                                    hint="give the password in PGPASSWORD or ~/.pgpass, never in the URL")
            return ProjectError(f"cannot reach {location}: {message}",
                                hint="is the server running and the address right? (pg_isready)")
        return ProjectError(f"{location} is not an annotator project ({message})")

    # ------------------------------------------------------------- SQL forms that differ
    def insert_or_ignore(self, table: str, columns: str, key: str) -> str:
        marks = ", ".join("?" * len(columns.split(",")))
        return f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT ({key}) DO NOTHING"

    def insert_or_replace(self, table: str, columns: str, key: str) -> str:
        names = [c.strip() for c in columns.split(",")]
        keys = {k.strip() for k in key.split(",")}
        marks = ", ".join("?" * len(names))
        updates = ", ".join(f"{c} = excluded.{c}" for c in names if c not in keys)
        action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
        return f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT ({key}) {action}"

    any_of_max = 10_000  # one array parameter: a whole batch in one statement
    streams_bulk_rows = True

    def any_of(self, column: str, values: list) -> tuple[str, list]:
        # One array parameter instead of hundreds of placeholders (each a cost for the driver's
        # query parsing and the server's planner).
        # Typed, so the column's index is used (64-bit hashes would otherwise arrive as numeric[]).
        kind = "bigint" if all(isinstance(v, int) for v in values) else "text"
        return f"{column} = ANY(?::{kind}[])", [list(values)]

    def insert_rows(self, raw: PgConnection, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        # COPY: the server's bulk path, several times faster than row-by-row INSERTs; left open
        # for the next rows of the same table (PgConnection.copy_rows).
        raw.copy_rows(table, columns, rows)

    def execute_later(self, raw: PgConnection, sql: str, params: Any, prepare: bool = False) -> None:
        raw.execute_later(sql, params, prepare)

    def query_all(self, raw: PgConnection, statements: Sequence[tuple[str, Any]],
                  prepare: bool = False) -> list[list[tuple]]:
        return raw.query_all(statements, prepare)

    def insert_id_at_commit(self, raw: PgConnection, sql: str, params: Any,
                            prepare: bool = False) -> Callable[[], int]:
        box = raw.value_later(sql + " RETURNING id", params, prepare)

        def new_id() -> int:
            if not box:
                raw.send_waiting()  # inside a longer transaction: no COMMIT came to carry the INSERT
            if not box:
                raise RuntimeError("the INSERT was not run (its transaction failed)")
            return int(box[0])

        return new_id

    def insert_returning_id(self, raw: PgConnection, sql: str, params: Any) -> int:
        return int(raw.execute(sql + " RETURNING id", params).fetchone()[0])

    # ------------------------------------------------------------- maintenance and bulk paths
    def integrity_problems(self, raw: PgConnection) -> list[str]:
        return ["ok"]  # the server checks pages (checksums) and enforces constraints itself

    def dangling_references(self, raw: PgConnection, limit: int) -> list[str]:
        return []  # foreign keys are always enforced by PostgreSQL

    def backup(self, project: Project, dest: Any) -> Any:
        """A desktop copy (a SQLite project file) of one consistent state of the server project,
        written beside `dest` and renamed when complete — what `annotator pull` writes. The
        server's own backup is pg_dump (docs/server.md)."""
        from pathlib import Path

        from ..pushpull import desktop_copy

        dest = Path(dest)
        desktop_copy(project, dest)
        return dest

    def copy_into_package(self, pkg: Project, project: Project, annotator: str, role: str,
                          package_id: str) -> tuple[int, int]:
        from .package_copy import copy_into_package

        return copy_into_package(pkg, project, annotator, role, package_id)

    def write_model_layers(self, raw: PgConnection, ann_id: int, batch: ModelBatch) -> None:
        from .model_rows import insert_model_rows

        insert_model_rows(raw, ann_id, batch)


def _tables(raw: PgConnection) -> set[str]:
    return {r[0] for r in raw.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}


def _applied(raw: PgConnection) -> list[str]:
    return [r[0] for r in raw.execute("SELECT name FROM annotator_migrations ORDER BY version")]


def _createdb(location: ServerLocation) -> str:
    """The `createdb` command that makes the database `location` names (no password in it)."""
    words = ["createdb"]
    if location.dsn.lower().startswith(("postgresql://", "postgres://")):
        parts = urlsplit(location.dsn)
        for flag, value in (("-h", parts.hostname), ("-p", parts.port), ("-U", parts.username)):
            if value:
                words += [flag, str(value)]
    return " ".join([*words, location.name])


POSTGRES = PostgresEngine()
