"""The engine interface: what the store's parts need from a database engine.

The parts (documents, layers, edits, audit, bulk import, team, maintenance) write portable
SQL — `INSERT ... ON CONFLICT (...) DO UPDATE`, `?` placeholders, `coalesce`, `EXISTS` — and
ask the engine for everything that differs between engines: opening a connection, taking the
write lock, reading one snapshot, naming storage faults, copying the database, checking its
integrity and the bulk write of model layers. Two engines implement it: SQLite
(`store/sqlite/`, a file) and PostgreSQL (`store/postgresql/`, a server database).
docs/architecture.md and docs/scaling.md describe the contract.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..core.errors import CannotWrite, ProjectError
    from .model_layer import ModelBatch
    from .project import Project


class CommitAnswerLost(Exception):
    """The connection broke with COMMIT on its way or its answer on the way back: the
    transaction may have committed or not. An engine's `commit` raises it (PostgreSQL, as an
    error of its driver too, so a caller that does not settle it names a lost connection); a
    caller that can recognise its own transaction's rows asks the database once
    `settle_lost_commit` has returned (edits.apply: the edit's token in its audit row). SQLite
    never raises it: a file's COMMIT is answered in the same process."""

    backend: Any = None  # what the engine needs to settle it (PostgreSQL: the server process's pid)


class Engine(Protocol):
    """One database engine. Every method takes the engine's own connection object (`raw`)."""

    name: str  # "sqlite" | "postgresql"
    title: str  # as messages name it: "SQLite"
    ilike: str  # the case-insensitive LIKE operator: "LIKE" (SQLite) or "ILIKE"
    text_bytes: str  # SQL for the UTF-8 size of `documents.text`
    any_of_max: int  # the most values one `any_of` takes (a batch's lookups in one statement or a few)
    # Bulk rows go through a stream left open between batches (PostgreSQL's COPY), which any
    # other statement ends: an import then avoids statements between batches where it can.
    streams_bulk_rows: bool
    # Appended to a SELECT inside a write transaction whose rows must not change before it commits
    # (" FOR SHARE" where writers run side by side; "" where one writer excludes the others).
    for_share: str

    # ------------------------------------------------------------- connections
    def create(self, location: Path) -> Any:
        """A new, empty database at `location`, connected for writing (schema not applied)."""

    def connect(self, location: Path, *, readonly: bool = False,
                or_read_only: bool = False) -> tuple[Any, bool, CannotWrite | None]:
        """Connect to an existing project: (raw connection, read-only?, why it cannot be written).
        `or_read_only`: fall back to reading when the storage refuses writes."""

    def close(self, raw: Any) -> None:
        """Close quietly (a connection already closed or broken is fine)."""

    def migrate(self, project: Project, migrate: bool) -> None:
        """Check the project's schema version and apply missing migrations (after a backup)."""

    def apply_schema(self, raw: Any) -> None:
        """Create every table of a new project."""

    # ------------------------------------------------------------- transactions
    def in_transaction(self, raw: Any) -> bool: ...

    def begin_write(self, raw: Any, location: Any, scope: tuple[int, int] | None = None,
                    wait: float | None = None) -> None:
        """Start a write transaction holding the write lock from its first statement, so
        concurrent writers wait instead of failing midway. `scope=(doc_id, annotator_id)`: only
        that layer is written (an engine may let other layers' edits run alongside); None:
        every other writer waits. A lock held elsewhere for too long raises ProjectBusy
        ("busy; nothing was saved"): too long is the engine's timeout, or `wait` seconds."""

    def busy_problem(self, location: Any, exc: BaseException, waited: float | None = None) -> ProjectError | None:
        """The "busy; nothing was saved" error (ProjectBusy) when `exc` says a write lock was not
        granted in time after `begin_write` returned (an engine may send the lock with the first
        reads and learn of it there), else None. `waited`: the `wait` the write began with."""

    def begin_read(self, raw: Any) -> None:
        """Start a read-only transaction: the following SELECTs see one state of the data."""

    def commit(self, raw: Any) -> None: ...

    def rollback(self, raw: Any) -> None:
        """Roll back if a transaction is still open (quietly: the engine may have done it)."""

    def settle_lost_commit(self, raw: Any, lost: CommitAnswerLost, scope: tuple[int, int]) -> None:
        """After `commit` raised `lost` for a write of the layer `scope=(doc_id, annotator_id)`:
        return once that transaction has committed or rolled back for good, connected again, so
        a read tells which. Raises (ProjectError, or the engine's error) when it cannot be known
        now: the server is still away, or the transaction still holds its lock."""

    def interrupt(self, raw: Any) -> None:
        """From another thread: make the running statement fail, so its transaction rolls back."""

    # ------------------------------------------------------------- errors
    def storage_problem(self, location: Path, exc: BaseException) -> CannotWrite | None:
        """StorageFull / ReadOnlyStorage naming `location` when `exc` is one, else None."""

    def is_storage_error(self, exc: BaseException) -> bool:
        """`exc` came from the engine or the operating system (worth `storage_problem`)."""

    def is_conflict(self, exc: BaseException) -> bool:
        """`exc` is a constraint violation (a unique key or foreign key the data breaks)."""

    def open_error(self, location: Path, exc: BaseException) -> ProjectError:
        """The one clear error for a database that cannot be read (damaged, busy, not ours)."""

    # ------------------------------------------------------------- SQL forms that differ
    def insert_or_ignore(self, table: str, columns: str, key: str) -> str:
        """INSERT of one row of `columns` that does nothing when `key` already exists."""

    def insert_or_replace(self, table: str, columns: str, key: str) -> str:
        """INSERT of one row of `columns` replacing the row with the same `key`."""

    def any_of(self, column: str, values: list) -> tuple[str, list]:
        """SQL saying `column` is one of `values` (non-empty), with its parameters."""

    def insert_rows(self, raw: Any, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Insert many new rows of `columns` (the bulk path: SQLite executemany, PostgreSQL COPY,
        left open for the next rows of the same table until another statement or COMMIT, where
        an error in the rows is raised at the latest)."""

    def execute_later(self, raw: Any, sql: str, params: Any, prepare: bool = False) -> None:
        """Run `sql` (a write inside the open transaction whose answer is not read) now or, on
        an engine where each statement costs a round trip, with the next statement or COMMIT;
        its error is then raised there. `prepare`: a statement run again and again (an edit's),
        whose values' types follow from the columns they are compared with or written to: a
        server may prepare it once per connection (PostgreSQL; SQLite caches statements anyway)."""

    def query_all(self, raw: Any, statements: Sequence[tuple[str, Any]], prepare: bool = False) -> list[list[tuple]]:
        """The rows of each of several reads whose parameters do not depend on each other's
        answers (a server answers them, and the statements waiting to be sent, in one round trip).
        `prepare` as for `execute_later`."""

    def insert_id_at_commit(self, raw: Any, sql: str, params: Any, prepare: bool = False) -> Callable[[], int]:
        """Run one INSERT (`sql` without RETURNING) as the last statement before COMMIT; the
        function returned gives the new row's id once the transaction has committed (a server
        sends the INSERT with COMMIT, one round trip for both)."""

    def insert_returning_id(self, raw: Any, sql: str, params: Any) -> int:
        """Run one INSERT (`sql` without RETURNING) and return the new row's id."""

    # ------------------------------------------------------------- maintenance and bulk paths
    def integrity_problems(self, raw: Any) -> list[str]:
        """The engine's own consistency check; ["ok"] when sound."""

    def dangling_references(self, raw: Any, limit: int) -> list[str]:
        """Rows whose foreign keys point nowhere, one line each."""

    def backup(self, project: Project, dest: Path) -> Path:
        """A consistent, verified copy of the committed state at `dest`, replaced atomically."""

    def copy_into_package(self, pkg: Project, project: Project, annotator: str, role: str,
                          package_id: str) -> tuple[int, int]:
        """Copy one annotator's documents, their model layer, the annotator's layer, assignment
        and audit rows from `project` into the new package project `pkg` and record the package
        meta; reads one consistent state of `project` without write-locking it. Returns the
        package's (spans, events) of the annotator."""

    def write_model_layers(self, raw: Any, ann_id: int, batch: ModelBatch) -> None:
        """Insert the rows of `batch` (the old model rows are already deleted), one statement
        per table, inside the caller's transaction."""
