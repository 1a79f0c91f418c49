"""`Connection`: the one object the store's parts share — the engine, its connection,
transactions, and the small lookups every part needs (meta, scheme, annotator ids, text
lengths), cached and forgotten together when a transaction rolls back.

The parts (documents.py, layers.py, edits.py, audit.py, export.py, bulk.py, maintenance.py,
team/) reach the database only through this object and the engine it carries; none of them
uses another part's private names.
"""

from __future__ import annotations

import datetime as _dt
import json
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Iterator

from ..core.errors import CannotWrite, InputError, ProjectError
from ..core.model import MODEL, SYSTEM_NAMES, same_name
from ..core.scheme import Scheme
from .locations import ServerLocation, location_text

if TYPE_CHECKING:
    from .engine import Engine


_NOT_READ = object()


def now() -> str:
    """The time stamp written on rows and audit entries (UTC, milliseconds)."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds")


class Connection:
    def __init__(self, engine: Engine, raw: Any, path: Path | ServerLocation, *, readonly: bool = False) -> None:
        self.engine = engine
        self.raw = raw  # the engine's own connection (sqlite3.Connection, or postgresql.PgConnection)
        # A Path for a SQLite file, a ServerLocation for PostgreSQL (prints without a password).
        self.path = path
        self.readonly = readonly
        # Why this project cannot be written (full disk, read-only place) when it was opened
        # read-only as a fallback; None when it was opened as asked.
        self.cannot_write: CannotWrite | None = None
        self._scheme: Scheme | None = None
        self._annotator_ids: dict[str, int] = {}
        self._text_len: dict[int, int] = {}
        self._package_owner: object = _NOT_READ  # see package_annotator()
        # Audit rows this connection wrote, so live refresh (changes.py) can tell a window's own
        # edits from others'. Kept only once `track_own_writes` is on (a window polling).
        self.track_own_writes = False
        self.own_audit_ids: set[int] = set()
        self._pending_audit_ids: list[int | Callable[[], int]] = []  # written in the open transaction
        # How long a write begun here waits for another writer's lock (None: the engine's own
        # timeout, 10 s); see `waiting_at_most`.
        self.lock_wait: float | None = None
        # The editing sessions (store/sessions.py) taken through this connection: annotator ->
        # token. A write to such an annotator's layer is refused once the session is no longer
        # that token's (`sessions.refuse_unless_owner`).
        self.held_sessions: dict[str, str] = {}

    def execute(self, sql: str, params: Any = ()) -> Any:
        return self.raw.execute(sql, params)

    def executemany(self, sql: str, rows: Any) -> Any:
        return self.raw.executemany(sql, rows)

    def execute_later(self, sql: str, params: Any = (), *, prepare: bool = False) -> None:
        """A write inside the open transaction whose answer is not read: the engine may send it
        with the next statement (a server: one round trip for several). Its error is raised
        there at the latest, by COMMIT: the transaction then rolls back as a whole.
        `prepare=True` for a statement of the edit path, run again and again, whose values'
        types follow from the columns they meet: a server prepares it once per connection."""
        self.engine.execute_later(self.raw, sql, params, prepare)

    def query_all(self, statements: Sequence[tuple[str, Any]], *, prepare: bool = False) -> list[list[tuple]]:
        """The rows of each of several reads whose parameters do not depend on each other's
        answers: a server answers them (and the writes waiting to be sent) in one round trip.
        `prepare` as for `execute_later`."""
        return self.engine.query_all(self.raw, statements, prepare)

    def insert_id_at_commit(self, sql: str, params: Any = (), *, prepare: bool = False) -> Callable[[], int]:
        """Run one INSERT as the transaction's last statement; the function returned gives the
        new row's id once `write()` has committed (a server: the INSERT travels with COMMIT)."""
        return self.engine.insert_id_at_commit(self.raw, sql, params, prepare)

    def insert_id(self, sql: str, params: Any = ()) -> int:
        """Run one INSERT and return the id the database gave the new row."""
        return self.engine.insert_returning_id(self.raw, sql, params)

    @property
    def location(self) -> str:
        """The text that opens this project again (a path, or a server URL: never print it, it
        may hold a password; `str(self.path)` is the printable form)."""
        return location_text(self.path)

    @property
    def is_server(self) -> bool:
        return isinstance(self.path, ServerLocation)

    def close(self) -> None:
        self.engine.close(self.raw)

    def interrupt(self) -> None:
        """From another thread: the statement running now fails and its transaction rolls back."""
        self.engine.interrupt(self.raw)

    @property
    def in_transaction(self) -> bool:
        try:
            return self.engine.in_transaction(self.raw)
        except Exception:  # noqa: BLE001 - a closed connection is in no transaction
            return False

    def can_open_another(self) -> bool:
        """A second connection to the same project can be opened for writing (a file, writable,
        and no transaction of ours open that it would have to wait for)."""
        try:
            if self.is_server:
                return not self.readonly and not self.in_transaction
            return (str(self.path) != ":memory:" and Path(self.path).is_file()
                    and not self.readonly and not self.in_transaction)
        except (OSError, ValueError):
            return False

    # ----------------------------------------------------------------- transactions
    @contextmanager
    def write(self, scope: tuple[int, int] | None = None) -> Iterator[None]:
        """One write transaction (nested calls join the outer one). `scope=(doc_id,
        annotator_id)`: the transaction writes only that layer (and audit rows), so an engine
        with concurrent writers lets edits of other layers run alongside it; without a scope
        it excludes every other writer (SQLite always does)."""
        if self.readonly:
            if self.cannot_write is not None:
                raise self.cannot_write
            raise ProjectError(f"{self.path} is open read-only")
        engine, raw = self.engine, self.raw
        if engine.in_transaction(raw):
            yield
            return
        engine.begin_write(raw, self.path, scope, self.lock_wait)
        self._pending_audit_ids = []
        try:
            yield
            engine.commit(raw)
            self.own_audit_ids.update(i if isinstance(i, int) else i() for i in self._pending_audit_ids)
            self._pending_audit_ids = []
        except BaseException as exc:
            engine.rollback(raw)
            self._pending_audit_ids = []  # rolled back: those ids may be given to another writer
            # Cached rows written in the rolled-back transaction (a new annotator, a scheme
            # extended by --add-labels) no longer exist.
            self.forget_cached_rows()
            problem = (engine.busy_problem(self.path, exc, self.lock_wait) or engine.storage_problem(self.path, exc)
                       if engine.is_storage_error(exc) else None)
            if problem is not None:
                raise problem from None  # "the disk is full", not a raw engine message
            raise

    @contextmanager
    def waiting_at_most(self, seconds: float) -> Iterator[None]:
        """Writes begun inside wait at most `seconds` for another writer's lock, then fail as
        ProjectBusy (nothing written): for a caller that must not stay blocked for the engine's
        full timeout -- a window's GUI thread opening a document while an import runs."""
        before, self.lock_wait = self.lock_wait, seconds
        try:
            yield
        finally:
            self.lock_wait = before

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several SELECTs that must see one state of the data. Outside a transaction each
        statement would see the newest commit, so another process adding an event between
        the span query and the event query would give an event without its trigger."""
        engine, raw = self.engine, self.raw
        if engine.in_transaction(raw):
            yield
            return
        engine.begin_read(raw)
        try:
            yield
        finally:
            if engine.in_transaction(raw):
                engine.commit(raw)

    def wrote_audit(self, audit_id: int | Callable[[], int]) -> None:
        """An audit row written in the open transaction (audit.record; or the function giving
        its id after COMMIT, audit.record_at_commit): ours once committed."""
        if self.track_own_writes:
            self._pending_audit_ids.append(audit_id)

    def wrote_committed_audit(self, audit_id: int) -> None:
        """An audit row of ours found committed after the answer to its COMMIT was lost
        (audit.landed_edit): `write()` had dropped it with the transaction it took for failed."""
        if self.track_own_writes:
            self.own_audit_ids.add(audit_id)

    def forget_own_writes(self, *, up_to: int) -> None:
        """Live refresh has seen the audit rows up to `up_to`: their ids need not be kept."""
        self.own_audit_ids = {i for i in self.own_audit_ids if i > up_to}

    def forget_cached_rows(self) -> None:
        self._annotator_ids = {}
        self._scheme = None
        self._text_len = {}

    def forget_texts(self) -> None:
        self._text_len.clear()

    # ----------------------------------------------------------------- meta and scheme
    def get_meta(self, key: str) -> str | None:
        row = self.raw.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.raw.execute(self.engine.insert_or_replace("meta", "key, value", "key"), (key, value))

    def meta(self) -> dict[str, str]:
        return dict(self.raw.execute("SELECT key, value FROM meta WHERE key != 'scheme'"))

    @property
    def scheme(self) -> Scheme:
        if self._scheme is None:
            raw = self.get_meta("scheme")
            if raw is None:
                raise ProjectError(f"{self.path} has no scheme; the file is damaged")
            self._scheme = Scheme.from_dict(json.loads(raw))
        return self._scheme

    def store_scheme(self, scheme: Scheme) -> None:
        """Write the scheme into the project (inside the caller's transaction)."""
        self.set_meta("scheme", scheme.to_json())
        self.set_meta("scheme_name", scheme.name)
        self.set_meta("scheme_version", scheme.version)
        self.set_meta("scheme_sha256", scheme.sha256)
        self._scheme = scheme

    def forget_scheme(self) -> None:
        self._scheme = None

    # ----------------------------------------------------------------- annotators
    def annotator_id(self, name: str, role: str = "annotator", *, create: bool = True,
                     allow_case_twin: bool = False) -> int:
        """The id of the annotator `name`, created (with `role`) when new. A new name that
        differs only in case from an existing one is refused (`refuse_case_twin`), except with
        `allow_case_twin`: a copy of a project (push, pull, a package) brings the people it
        has as they are spelt, including twins made before the rule."""
        cached = self._annotator_ids.get(name)
        if cached is not None:
            return cached
        row = self.raw.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()
        if row is None:
            if not create:
                raise ProjectError(f"no annotator called {name!r} in {self.path}")
            if not name or not name.strip() or len(name) > 100:
                raise InputError(f"{name!r} is not a usable annotator name")
            with self.write():
                if not allow_case_twin:
                    self.refuse_case_twin(name)  # inside the write lock: no twin can arrive meanwhile
                # Insert-or-ignore + re-select inside the write lock: another process may have added
                # the same name since our SELECT (a plain INSERT would fail on the UNIQUE name).
                self.raw.execute(self.engine.insert_or_ignore("annotators", "name, role", "name"), (name, role))
                row = self.raw.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()
        self._annotator_ids[name] = row[0]
        return row[0]

    def case_twin(self, name: str) -> str | None:
        """The annotator (or name the project keeps for itself: model, gold, lead) that `name`
        spells differently only in case; None when `name` exists as written or has no twin."""
        if name in self._annotator_ids:
            return None
        taken = [*SYSTEM_NAMES, *(n for (n,) in self.raw.execute("SELECT name FROM annotators"))]
        if name in taken:
            return None
        return next((n for n in taken if same_name(n, name)), None)

    def refuse_case_twin(self, name: str) -> None:
        """THE rule for new names: "ANN2" where "ann2" exists would be a second person with an
        empty layer, the first one's work out of sight; refuse it and name the one meant."""
        twin = self.case_twin(name)
        if twin is None:
            return
        if twin in SYSTEM_NAMES:
            raise InputError(f"{name} differs only in case from {twin}, a name the project keeps for "
                             f"itself; use {twin} for that layer, or another name for a person")
        raise InputError(f"{name} differs only in case from the annotator {twin}; use {twin}")

    def annotator_id_or_none(self, name: str | None) -> int | None:
        """The id of an existing annotator (None for an unknown name; nothing is created)."""
        if name is None:
            return None
        if name in self._annotator_ids:
            return self._annotator_ids[name]
        row = self.raw.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()
        if row:
            self._annotator_ids[name] = row[0]
        return row[0] if row else None

    def annotators(self) -> list[dict[str, Any]]:
        return [
            {"id": i, "name": n, "role": r}
            for i, n, r in self.raw.execute("SELECT id, name, role FROM annotators ORDER BY id")
        ]

    def annotator_name(self, ann_id: int) -> str:
        for name, cached in self._annotator_ids.items():
            if cached == ann_id:
                return name
        return self.raw.execute("SELECT name FROM annotators WHERE id = ?", (ann_id,)).fetchone()[0]

    # ----------------------------------------------------------------- work packages
    def package_annotator(self) -> str | None:
        """Whose work package this project is (None: not a package). Read once per connection:
        a package never changes hands, and edits should not pay a query for it."""
        if self._package_owner is _NOT_READ:
            self._package_owner = self.get_meta("package_annotator")
        return self._package_owner  # type: ignore[return-value]

    def writable_annotator_id(self, annotator: str, role: str = "annotator") -> int:
        """`annotator_id` for a write to `annotator`'s layer: refused first in a work package of
        someone else (`check_writes_layer_of`). Every write path takes its id here."""
        self.check_writes_layer_of(annotator)
        return self.annotator_id(annotator, role)

    def check_writes_layer_of(self, annotator: str) -> None:
        """A work package keeps one annotator's work: merge brings back only their layer, so
        anything written here under another name would be lost. Refuse it before it is made
        (the model's layer holds suggestions, nobody's work, and stays writable)."""
        owner = self.package_annotator()
        if owner is None or annotator in (owner, MODEL):
            return
        raise ProjectError(
            f"{self.path} is {owner}'s work package: it keeps {owner}'s work only, "
            f"not {annotator}'s; nothing was saved",
            hint=f"work in it as {owner} (annotator gui {self.path} --annotator {owner}); "
                 f"{annotator} works in their own package or the team's project")

    # ----------------------------------------------------------------- documents
    def text_len(self, doc_id: int) -> int:
        if doc_id not in self._text_len:
            row = self.raw.execute("SELECT text_len FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                raise ProjectError(f"document {doc_id} is not in {self.path}")
            self._text_len[doc_id] = row[0]
        return self._text_len[doc_id]
