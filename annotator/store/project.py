"""`Project`: one SQLite file holding documents, every annotator's layer and the audit log.

All SQL of the application lives in this package. Writes run in `BEGIN IMMEDIATE`
transactions (the write lock is taken up front, so a busy database makes us wait
`busy_timeout` instead of failing on a lock upgrade); the database is in WAL mode with
synchronous=NORMAL and foreign keys on.

An edit is applied by loading only the rows it touches into a small `Layer`, letting
the core edit apply itself there (one definition of what an edit means), checking the
result against the text and scheme, and writing the difference plus one audit row in
the same transaction.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from ..core.edits import Edit, state_after_edit
from ..core.errors import CannotWrite, EditError, InputError, ProjectError
from ..core.ids import new_id
from ..core.model import GOLD, MODEL, AnnotatedDocument, Argument, Document, Layer
from ..core.scheme import Scheme, default_scheme
from . import rows as R
from . import schema
from .storage import storage_error

if TYPE_CHECKING:
    from .bulk import ImportReport

BUSY_TIMEOUT_MS = 10_000
APP_ID = "annotator"


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class DocumentRow:
    """One line of the document list (never carries the text)."""

    id: int
    ext_id: str | None
    title: str
    state: str
    suggestions: int
    length: int


@dataclass(frozen=True)
class Applied:
    """What `Project.apply` wrote: the audit row, the edit as stored (the user's edit with the
    changes the span–event rules added; push THIS one on an undo stack) and a short note on
    each added change, for the window to show ("removed PER as source of the MEET event")."""

    audit_id: int
    edit: Edit
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class AuditEntry:
    id: int
    ts: str
    action: str  # do | undo | redo | system
    edit: Edit | None
    kind: str


class Project:
    """A project file. Create with `Project.create(path)`, open with `Project.open(path)`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        # Why this project cannot be written (full disk, read-only place) when `open(...,
        # or_read_only=True)` fell back to reading; None when it was opened as asked.
        self.cannot_write: CannotWrite | None = None
        self.conn = conn
        self._db: Any = None
        self._scheme: Scheme | None = None
        self._annotator_ids: dict[str, int] = {}
        self._text_len: dict[int, int] = {}

    @property
    def db(self) -> Any:
        """The connection as a sqlite-utils `Database` (built on first use; see schema.py)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    # ----------------------------------------------------------------- open / create
    @classmethod
    def create(cls, path: str | Path, scheme: Scheme | None = None) -> "Project":
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise ProjectError(f"{path} already exists", hint="choose another name, or open it instead")
        existed = path.exists()
        project = None
        try:
            project = cls(_connect(path), path)
            schema.migrations.apply(project.db)
            scheme = scheme or default_scheme()
            with project.write():
                project._set_meta("app", APP_ID)
                project._set_meta("created_at", now())
                project._set_meta("project_id", f"{new_id():x}")
                project._store_scheme(scheme)
                for name, role in ((MODEL, "model"), (GOLD, "adjudicator")):
                    project.annotator_id(name, role)
        except (sqlite3.Error, OSError, CannotWrite) as exc:
            if project is not None:
                project.close()
            problem = exc if isinstance(exc, CannotWrite) else storage_error(path, exc)
            if problem is None:
                raise
            if not existed:  # nothing half-made stays behind
                for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
                    leftover.unlink(missing_ok=True)
            raise problem from None
        return project

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False, migrate: bool = True,
             or_read_only: bool = False) -> "Project":
        """Open a project. `readonly` never writes (reading commands: they also work on a full
        disk or in a read-only folder). `or_read_only`: open for writing if the storage allows,
        else read-only with `cannot_write` saying why (the window shows a banner); without it a
        full disk or read-only place raises StorageFull / ReadOnlyStorage."""
        path = Path(path)
        if not path.exists():
            raise ProjectError(f"{path} does not exist", hint=f"create it with: annotator init {path}")
        problem: CannotWrite | None = None
        if or_read_only and not readonly:
            problem = _storage_problem_now(path)
            readonly = problem is not None
        try:
            conn = _connect(path, readonly=readonly)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            problem = storage_error(path, exc)
            if problem is None:
                raise _open_error(path, exc) from None
            if not (readonly or or_read_only):
                raise problem from None
            readonly = True
            conn = _connect_frozen(path, problem)
        project = cls(conn, path, readonly=readonly)
        project.cannot_write = problem
        try:
            project._check_version_and_migrate(migrate)
        except sqlite3.DatabaseError as exc:
            project.close()
            raise (storage_error(path, exc) or _open_error(path, exc)) from None
        return project

    def _check_version_and_migrate(self, migrate: bool) -> None:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" not in tables or self._get_meta("app") != APP_ID:
            self.close()
            raise ProjectError(f"{self.path} is not an annotator project",
                               hint="create one with: annotator init FILE")
        applied = [r[0] for r in self.conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", (schema.MIGRATION_SET,)
        )] if "_sqlite_migrations" in tables else []
        known = schema.known_migration_names()
        unknown = [name for name in applied if name not in known]
        if unknown:
            self.close()
            raise ProjectError(
                f"{self.path} was written by a newer version of annotator (schema {unknown[-1]})",
                hint="upgrade annotator: pip install -U annotator",
            )
        if any(name not in applied for name in known):
            if self.readonly or not migrate:
                self.close()
                raise ProjectError(f"{self.path} needs a schema upgrade; open it read-write once")
            from .backups import pre_migration_backup  # modules used rarely load at first use

            pre_migration_backup(self)  # verified copy, or ProjectError and nothing migrated
            schema.migrations.apply(self.db)

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:
            pass

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- transactions
    @contextmanager
    def write(self) -> Iterator[None]:
        """One write transaction (nested calls join the outer one)."""
        if self.readonly:
            if self.cannot_write is not None:
                raise self.cannot_write
            raise ProjectError(f"{self.path} is open read-only")
        if self.conn.in_transaction:
            yield
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            # Another program kept the write lock for longer than busy_timeout (a long import?).
            # Nothing was written; the caller may retry. Never a crash (docs/reliability.md).
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise storage_error(self.path, exc) or exc from None
            waited = (self.conn.execute("PRAGMA busy_timeout").fetchone()[0] or 0) / 1000
            raise ProjectError(
                f"{self.path} is busy: another program has been writing to it for more than {waited:g} s; "
                "nothing was saved",
                hint="wait until the other program (an import or pre-annotation?) finishes, then try again",
            ) from None
        try:
            yield
            self.conn.commit()
        except BaseException as exc:
            try:
                if self.conn.in_transaction:  # SQLite may have rolled back itself (disk full)
                    self.conn.rollback()
            except sqlite3.Error:
                pass
            # Cached rows written in the rolled-back transaction (a new annotator, a scheme
            # extended by --add-labels) no longer exist.
            self._annotator_ids = {}
            self._scheme = None
            self._text_len = {}
            problem = storage_error(self.path, exc) if isinstance(exc, (sqlite3.Error, OSError)) else None
            if problem is not None:
                raise problem from None  # "the disk is full", not a raw SQLite message
            raise

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Several SELECTs that must see one state of the file. Outside a transaction each
        statement would see the newest commit, so another process adding an event between
        the span query and the event query would give an event without its trigger."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")  # deferred: a WAL read snapshot, never blocks writers
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    # ----------------------------------------------------------------- meta and scheme
    def _get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta WHERE key != 'scheme'"))

    @property
    def project_id(self) -> str:
        return self._get_meta("project_id") or ""

    @property
    def scheme(self) -> Scheme:
        if self._scheme is None:
            raw = self._get_meta("scheme")
            if raw is None:
                raise ProjectError(f"{self.path} has no scheme; the file is damaged")
            self._scheme = Scheme.from_dict(json.loads(raw))
        return self._scheme

    def _store_scheme(self, scheme: Scheme) -> None:
        self._set_meta("scheme", scheme.to_json())
        self._set_meta("scheme_name", scheme.name)
        self._set_meta("scheme_version", scheme.version)
        self._set_meta("scheme_sha256", scheme.sha256)
        self._scheme = scheme

    def set_scheme(self, scheme: Scheme) -> None:
        with self.write():
            self._store_scheme(scheme)
            self._audit(self.annotator_id("lead", "lead"), None, "system", "SetScheme",
                        {"name": scheme.name, "version": scheme.version, "sha256": scheme.sha256})

    # ----------------------------------------------------------------- annotators
    def annotator_id(self, name: str, role: str = "annotator", *, create: bool = True) -> int:
        cached = self._annotator_ids.get(name)
        if cached is not None:
            return cached
        row = self.conn.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()
        if row is None:
            if not create:
                raise ProjectError(f"no annotator called {name!r} in {self.path}")
            if not name or not name.strip() or len(name) > 100:
                raise InputError(f"{name!r} is not a usable annotator name")
            with self.write():
                # OR IGNORE + re-select inside the write lock: another process may have added the
                # same name since our SELECT (a plain INSERT would fail on the UNIQUE name).
                self.conn.execute("INSERT OR IGNORE INTO annotators (name, role) VALUES (?, ?)", (name, role))
                row = self.conn.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()
        self._annotator_ids[name] = row[0]
        return row[0]

    def annotators(self) -> list[dict[str, Any]]:
        return [
            {"id": i, "name": n, "role": r}
            for i, n, r in self.conn.execute("SELECT id, name, role FROM annotators ORDER BY id")
        ]

    def annotator_names(self, *, people_only: bool = False) -> list[str]:
        return [a["name"] for a in self.annotators() if not people_only or a["role"] in ("annotator", "lead")]

    # ----------------------------------------------------------------- documents
    def count_documents(self, *, annotator: str | None = None, state: str | None = None,
                        search: str | None = None) -> int:
        where, params = self._document_filter(annotator, state, search)
        return self.conn.execute(
            f"SELECT count(*) FROM documents d {self._join(annotator)} {where}", params
        ).fetchone()[0]

    def documents(self, offset: int = 0, limit: int = 100, *, annotator: str | None = None,
                  state: str | None = None, search: str | None = None) -> list[DocumentRow]:
        """One page of the document list, in id order (the text is not loaded)."""
        where, params = self._document_filter(annotator, state, search)
        ann_id = self._annotator_id_or_none(annotator)
        model_id = self._annotator_id_or_none(MODEL)
        sql = f"""
            SELECT d.id, d.ext_id, d.title, coalesce(a.state, 'todo'), d.text_len,
              CASE WHEN a.seeded_at IS NOT NULL
                THEN (SELECT count(*) FROM spans s WHERE s.doc_id = d.id AND s.annotator_id = ?
                      AND s.status = 'suggested')
                ELSE (SELECT count(*) FROM spans s WHERE s.doc_id = d.id AND s.annotator_id = ?)
              END
            FROM documents d {self._join(annotator)} {where}
            ORDER BY d.id LIMIT ? OFFSET ?"""
        result = self.conn.execute(sql, [ann_id or -1, model_id or -1, *params, limit, offset])
        return [DocumentRow(i, e, t or "", s, n, length) for i, e, t, s, length, n in result]

    def _join(self, annotator: str | None) -> str:
        ann_id = self._annotator_id_or_none(annotator)
        return f"LEFT JOIN assignments a ON a.doc_id = d.id AND a.annotator_id = {int(ann_id or -1)}"

    def _document_filter(self, annotator: str | None, state: str | None,
                         search: str | None) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if state:
            clauses.append("coalesce(a.state, 'todo') = ?")
            params.append(state)
        if search:
            pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            clauses.append("(d.title LIKE ? ESCAPE '\\' OR d.text LIKE ? ESCAPE '\\' OR d.ext_id = ?)")
            params += [pattern, pattern, search]
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def _annotator_id_or_none(self, name: str | None) -> int | None:
        if name is None:
            return None
        if name in self._annotator_ids:
            return self._annotator_ids[name]
        row = self.conn.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()
        if row:
            self._annotator_ids[name] = row[0]
        return row[0] if row else None

    def document(self, doc_id: int) -> Document:
        row = self.conn.execute(f"SELECT {R.DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise ProjectError(f"document {doc_id} is not in {self.path}")
        return R.document_from_row(row)

    def document_ids_for(self, ext_ids: Sequence[str]) -> dict[str, int]:
        """Row ids of the documents with these ids (the "id" exports write); unknown ones left out."""
        found: dict[str, int] = {}
        wanted = list(dict.fromkeys(ext_ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found.update(self.conn.execute(
                f"SELECT ext_id, id FROM documents WHERE ext_id IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def existing_document_ids(self, doc_ids: Sequence[int]) -> list[int]:
        """The row ids among `doc_ids` that are documents of this project, in order."""
        found: set[int] = set()
        wanted = list(dict.fromkeys(doc_ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found.update(r[0] for r in self.conn.execute(
                f"SELECT id FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return sorted(found)

    def document_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY id")]

    def next_document(self, annotator: str, after: int | None = None) -> int | None:
        """The next document the annotator has not finished (assigned ones first)."""
        ann_id = self._annotator_id_or_none(annotator) or -1
        assigned = self.conn.execute(
            "SELECT 1 FROM assignments WHERE annotator_id = ? AND assigned = 1 LIMIT 1", (ann_id,)
        ).fetchone()
        extra = "AND a.assigned = 1" if assigned else ""
        row = self.conn.execute(
            f"""SELECT d.id FROM documents d LEFT JOIN assignments a
                ON a.doc_id = d.id AND a.annotator_id = ?
                WHERE coalesce(a.state, 'todo') IN ('todo', 'in_progress') {extra}
                  AND d.id > ? ORDER BY d.id LIMIT 1""",
            (ann_id, after if after is not None else -1),
        ).fetchone()
        return row[0] if row else None

    def text_len(self, doc_id: int) -> int:
        if doc_id not in self._text_len:
            row = self.conn.execute("SELECT text_len FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                raise ProjectError(f"document {doc_id} is not in {self.path}")
            self._text_len[doc_id] = row[0]
        return self._text_len[doc_id]

    # ----------------------------------------------------------------- layers
    def layer(self, doc_id: int, annotator: str) -> Layer:
        """The annotator's layer of one document as stored (no seeding)."""
        ann_id = self._annotator_id_or_none(annotator)
        layer = Layer(annotator)
        if ann_id is None:
            return layer
        with self._snapshot():
            state = self.conn.execute(
                "SELECT state FROM assignments WHERE doc_id = ? AND annotator_id = ?", (doc_id, ann_id)
            ).fetchone()
            layer.state = state[0] if state else "todo"
            for row in self.conn.execute(
                f"SELECT {R.SPAN_COLUMNS} FROM spans WHERE doc_id = ? AND annotator_id = ? ORDER BY start, id",
                (doc_id, ann_id),
            ):
                layer.add_span(R.span_from_row(row))
            self._load_events(layer, "e.doc_id = ? AND e.annotator_id = ?", (doc_id, ann_id))
        return layer

    def _load_events(self, layer: Layer, where: str, params: Sequence[Any]) -> None:
        args: dict[int, list[Argument]] = {}
        for event_id, role, span_id in self.conn.execute(
            f"SELECT g.event_id, g.role, g.span_id FROM arguments g JOIN events e ON e.id = g.event_id "
            f"WHERE {where} ORDER BY g.event_id, g.position", params
        ):
            args.setdefault(event_id, []).append(Argument(role, span_id))
        for row in self.conn.execute(
            f"SELECT {', '.join('e.' + c.strip() for c in R.EVENT_COLUMNS.split(','))} FROM events e "
            f"WHERE {where} ORDER BY e.id", params
        ):
            layer.add_event(R.event_from_row(row, args.get(row[0], [])))

    def open_layer(self, doc_id: int, annotator: str) -> Layer:
        """The layer an annotator works on. The first time they open a document, the
        model's suggestions are copied into it (origin=model, status=suggested). If the model
        layer was replaced since (pre-annotation ran again) and the person has not touched their
        copy yet, they get the new suggestions instead."""
        if self.readonly:  # nothing is seeded nor created: reading writes nothing
            return self.layer(doc_id, annotator)
        ann_id = self.annotator_id(annotator)
        if annotator != MODEL:
            seeded_at = self._seeded_at(doc_id, ann_id)
            if seeded_at is None or self._stale_and_untouched(doc_id, ann_id, seeded_at):
                self.seed_from_model(doc_id, annotator)
        return self.layer(doc_id, annotator)

    def _seeded_at(self, doc_id: int, ann_id: int) -> str | None:
        row = self.conn.execute(
            "SELECT seeded_at FROM assignments WHERE doc_id = ? AND annotator_id = ?", (doc_id, ann_id)
        ).fetchone()
        return row[0] if row else None

    def _stale_and_untouched(self, doc_id: int, ann_id: int, seeded_at: str) -> bool:
        """The model layer changed after seeding, and the layer holds nothing but untouched
        suggestions and has no edit of a person in the audit log."""
        model_id = self._annotator_id_or_none(MODEL)
        newer = self.conn.execute(
            "SELECT 1 FROM audit WHERE doc_id = ? AND annotator_id = ? AND action = 'system' AND ts > ? LIMIT 1",
            (doc_id, model_id, seeded_at),
        ).fetchone()
        if not newer:
            return False
        touched = self.conn.execute(
            "SELECT 1 FROM audit WHERE doc_id = ? AND annotator_id = ? AND action != 'system' "
            "UNION ALL SELECT 1 FROM spans WHERE doc_id = ? AND annotator_id = ? "
            "AND NOT (origin = 'model' AND status = 'suggested') LIMIT 1",
            (doc_id, ann_id, doc_id, ann_id),
        ).fetchone()
        return touched is None

    def seed_from_model(self, doc_id: int, annotator: str) -> int:
        """Copy the model layer into the annotator's layer as suggestions (replacing an earlier,
        untouched copy). Returns the number of spans copied."""
        ann_id = self.annotator_id(annotator)
        model = self.layer(doc_id, MODEL)
        with self.write():
            seeded_at = self._seeded_at(doc_id, ann_id)  # re-checked inside the write lock
            if seeded_at is not None:
                if not self._stale_and_untouched(doc_id, ann_id, seeded_at):
                    return 0
                self._delete_layer(doc_id, ann_id)
            copy = model.with_new_ids(annotator, origin="model", status="suggested")
            self._insert_layer(doc_id, ann_id, copy, now())
            self.conn.execute(
                """INSERT INTO assignments (doc_id, annotator_id, seeded_at, updated_at) VALUES (?, ?, ?, ?)
                   ON CONFLICT (doc_id, annotator_id) DO UPDATE SET seeded_at = excluded.seeded_at""",
                (doc_id, ann_id, now(), now()),
            )
            if copy.spans or seeded_at is not None:
                self._audit(ann_id, doc_id, "system", "SeedSuggestions", {"spans": len(copy.spans),
                                                                          "events": len(copy.events)})
        return len(copy.spans)

    def _insert_layer(self, doc_id: int, ann_id: int, layer: Layer, ts: str) -> None:
        self.conn.executemany(R.SPAN_INSERT, [R.span_values(s, doc_id, ann_id, ts) for s in layer.spans.values()])
        self.conn.executemany(R.EVENT_INSERT, [R.event_values(e, doc_id, ann_id, ts) for e in layer.events.values()])
        self.conn.executemany(R.ARGUMENT_INSERT, [v for e in layer.events.values() for v in R.argument_values(e)])

    def _delete_layer(self, doc_id: int, ann_id: int) -> None:
        self.conn.execute(
            "DELETE FROM arguments WHERE event_id IN (SELECT id FROM events WHERE doc_id = ? AND annotator_id = ?)",
            (doc_id, ann_id),
        )
        self.conn.execute("DELETE FROM events WHERE doc_id = ? AND annotator_id = ?", (doc_id, ann_id))
        self.conn.execute("DELETE FROM spans WHERE doc_id = ? AND annotator_id = ?", (doc_id, ann_id))

    def replace_layer(self, doc_id: int, annotator: str, layer: Layer, *, kind: str = "ReplaceLayer") -> None:
        """Replace an annotator's whole layer of a document (pre-annotation, adjudication import).
        Audited as one system row; not undoable from the GUI."""
        from ..core.validate import check_event, check_span  # loaded at first use (start-up)

        ann_id = self.annotator_id(annotator, "model" if annotator == MODEL else "annotator")
        text_len = self.text_len(doc_id)
        for span in layer.spans.values():
            check_span(span, text_len, self.scheme)
        for event in layer.events.values():
            check_event(event, layer.spans, self.scheme)
        with self.write():
            self._delete_layer(doc_id, ann_id)
            self._insert_layer(doc_id, ann_id, layer, now())
            self._audit(ann_id, doc_id, "system", kind, {"spans": len(layer.spans), "events": len(layer.events)})

    # ----------------------------------------------------------------- edits
    def apply(self, doc_id: int, annotator: str, edit: Edit, *, action: str = "do") -> Applied:
        """Apply one user edit in one transaction together with its audit row. A new edit
        ("do") is first completed by the core's span–event rules (`core.integrity.complete`:
        rejecting a span takes it out of events, accepting an event accepts its spans, …);
        undo and redo are written as given (they restore an earlier state exactly).
        Returns what was written. Raises EditError (nothing written) if it does not fit."""
        from ..core.integrity import complete  # loaded at first use (start-up)

        ann_id = self.annotator_id(annotator)
        with self.write():
            before = self._partial_layer(doc_id, ann_id, annotator, edit)
            notes: list[str] = []
            if action == "do":
                completed = complete(before, edit)
                edit, notes = completed.edit, completed.notes
            after = before.copy()
            edit.apply(after)
            if before.spans != after.spans or before.events != after.events:
                after.state = state_after_edit(after.state)
            self._write_difference(doc_id, ann_id, before, after)
            audit_id = self._audit(ann_id, doc_id, action, edit.kind, edit.to_payload())
        return Applied(audit_id, edit, tuple(notes))

    def _partial_layer(self, doc_id: int, ann_id: int, annotator: str, edit: Edit) -> Layer:
        from ..core.integrity import touched

        reach = touched(edit)
        span_ids: set[int] = set(reach.spans)
        event_ids: set[int] = set(reach.events)
        layer = Layer(self._annotator_name(ann_id))
        state = self.conn.execute(
            "SELECT state FROM assignments WHERE doc_id = ? AND annotator_id = ?", (doc_id, ann_id)
        ).fetchone()
        layer.state = state[0] if state else "todo"
        if span_ids:
            # Events that use these spans come along, so a delete can see it is still referenced.
            marks = ",".join("?" * len(span_ids))
            for (eid,) in self.conn.execute(
                f"SELECT id FROM events WHERE trigger_span_id IN ({marks}) AND doc_id = ? AND annotator_id = ? "
                f"UNION SELECT event_id FROM arguments WHERE span_id IN ({marks})",
                [*span_ids, doc_id, ann_id, *span_ids],
            ):
                event_ids.add(eid)
        if event_ids:
            marks = ",".join("?" * len(event_ids))
            self._load_events(layer, f"e.id IN ({marks}) AND e.doc_id = ? AND e.annotator_id = ?",
                              [*event_ids, doc_id, ann_id])
            for event in layer.events.values():
                span_ids.add(event.trigger)
                span_ids.update(a.span_id for a in event.arguments)
        if span_ids:
            marks = ",".join("?" * len(span_ids))
            for row in self.conn.execute(
                f"SELECT {R.SPAN_COLUMNS} FROM spans WHERE id IN ({marks}) AND doc_id = ? AND annotator_id = ?",
                [*span_ids, doc_id, ann_id],
            ):
                layer.add_span(R.span_from_row(row))
        return layer

    def _annotator_name(self, ann_id: int) -> str:
        for name, cached in self._annotator_ids.items():
            if cached == ann_id:
                return name
        return self.conn.execute("SELECT name FROM annotators WHERE id = ?", (ann_id,)).fetchone()[0]

    def _write_difference(self, doc_id: int, ann_id: int, before: Layer, after: Layer) -> None:
        from ..core.validate import check_event, check_span  # loaded at first use (start-up)

        ts = now()
        text_len = self.text_len(doc_id)
        scheme = self.scheme
        try:
            # Order matters for the foreign keys: detach and drop events first, add spans before events.
            for eid, event in before.events.items():
                if eid not in after.events or after.events[eid] != event:
                    self.conn.execute("DELETE FROM arguments WHERE event_id = ?", (eid,))
                if eid not in after.events:
                    self.conn.execute("DELETE FROM events WHERE id = ?", (eid,))
            for sid, span in after.spans.items():
                old = before.spans.get(sid)
                if old == span:
                    continue
                check_span(span, text_len, scheme)
                if old is None:
                    self.conn.execute(R.SPAN_INSERT, R.span_values(span, doc_id, ann_id, ts))
                else:
                    self.conn.execute(
                        'UPDATE spans SET start=?, "end"=?, label=?, layer=?, actor_code=?, origin=?, status=?, '
                        "attrs=?, updated_at=? WHERE id=?",
                        (span.start, span.end, span.label, span.layer, span.actor_code, span.origin,
                         span.status, R.dumps(span.attrs), ts, sid),
                    )
            for eid, event in after.events.items():
                old_event = before.events.get(eid)
                if old_event == event:
                    continue
                check_event(event, after.spans, scheme)
                if old_event is None:
                    self.conn.execute(R.EVENT_INSERT, R.event_values(event, doc_id, ann_id, ts))
                else:
                    self.conn.execute(
                        "UPDATE events SET trigger_span_id=?, type=?, mode=?, context=?, negated=?, origin=?, "
                        "status=?, attrs=?, updated_at=? WHERE id=?",
                        (event.trigger, event.type, event.mode, event.context, int(event.negated),
                         event.origin, event.status, R.dumps(event.attrs), ts, eid),
                    )
                self.conn.executemany(R.ARGUMENT_INSERT, R.argument_values(event))
            for sid in before.spans.keys() - after.spans.keys():
                self.conn.execute("DELETE FROM spans WHERE id = ?", (sid,))
        except InputError as exc:
            raise EditError(exc.message, hint=exc.hint) from None
        except sqlite3.IntegrityError as exc:
            raise EditError(f"the edit conflicts with stored data ({exc})") from None
        if after.state != before.state:
            self.conn.execute(
                """INSERT INTO assignments (doc_id, annotator_id, state, updated_at) VALUES (?, ?, ?, ?)
                   ON CONFLICT (doc_id, annotator_id) DO UPDATE SET state = excluded.state,
                   updated_at = excluded.updated_at""",
                (doc_id, ann_id, after.state, ts),
            )

    def _audit(self, ann_id: int, doc_id: int | None, action: str, kind: str, payload: dict[str, Any]) -> int:
        cur = self.conn.execute(
            "INSERT INTO audit (ts, annotator_id, doc_id, action, edit_kind, payload) VALUES (?, ?, ?, ?, ?, ?)",
            (now(), ann_id, doc_id, action, kind, R.dumps(payload)),
        )
        return int(cur.lastrowid)

    def history(self, doc_id: int, annotator: str) -> list[AuditEntry]:
        """The audit rows of one layer, oldest first (user edits decoded to Edit objects)."""
        ann_id = self._annotator_id_or_none(annotator)
        if ann_id is None:
            return []
        entries = []
        for aid, ts, action, kind, payload in self.conn.execute(
            "SELECT id, ts, action, edit_kind, payload FROM audit WHERE doc_id = ? AND annotator_id = ? ORDER BY id",
            (doc_id, ann_id),
        ):
            edit = Edit.from_payload(json.loads(payload)) if action != "system" else None
            entries.append(AuditEntry(aid, ts, action, edit, kind))
        return entries

    def undo_state(self, doc_id: int, annotator: str) -> tuple[list[Edit], list[Edit]]:
        """Rebuild the undo and redo stacks of a layer from its audit log (survives restarts)."""
        done: list[Edit] = []
        undone: list[Edit] = []
        for entry in self.history(doc_id, annotator):
            if entry.edit is None:
                continue
            if entry.action == "do":
                done.append(entry.edit)
                undone.clear()
            elif entry.action == "undo" and done:
                undone.append(done.pop())
            elif entry.action == "redo" and undone:
                done.append(undone.pop())
        return done, undone

    def add_time(self, doc_id: int, annotator: str, seconds: float) -> None:
        ann_id = self.annotator_id(annotator)
        with self.write():
            self.conn.execute(
                """INSERT INTO assignments (doc_id, annotator_id, seconds_spent, updated_at) VALUES (?, ?, ?, ?)
                   ON CONFLICT (doc_id, annotator_id) DO UPDATE SET
                   seconds_spent = seconds_spent + excluded.seconds_spent""",
                (doc_id, ann_id, float(seconds), now()),
            )

    # ----------------------------------------------------------------- bulk import and export
    def import_documents(
        self,
        documents: Iterable[AnnotatedDocument],
        *,
        progress: Callable[[int], None] | None = None,
        source: str | None = None,
        add_labels: bool = False,
        batch_size: int = 1000,
    ) -> ImportReport:
        """Add documents (and the layers they carry) in ONE transaction: if the iterable raises
        (a bad line) or the user cancels, nothing of it stays. A document already in the project
        (same ext_id, else same text) is skipped and counted; its layers are added if new."""
        from .bulk import BulkImporter  # loaded at first import, not when a project opens

        importer = BulkImporter(self, source, add_labels=add_labels)
        with self.write():
            importer.run(documents, progress=progress, batch_size=batch_size)
        self._text_len.clear()
        if add_labels:
            self._scheme = None  # the importer may have extended it
        return importer.report

    def iter_annotated(
        self,
        annotators: Sequence[str] | None = None,
        *,
        only_done: bool = False,
        doc_ids: Sequence[int] | None = None,
        batch_size: int = 200,
    ) -> Iterator[AnnotatedDocument]:
        """Stream documents with their layers, a batch at a time (never the whole corpus)."""
        names = list(annotators) if annotators is not None else [a["name"] for a in self.annotators()]
        ids = [i for i in (self._annotator_id_or_none(n) for n in names) if i is not None]
        id_to_name = {self._annotator_id_or_none(n): n for n in names}
        wanted = list(doc_ids) if doc_ids is not None else None
        last = -1
        while True:
            if wanted is not None:
                chunk = wanted[:batch_size]
                wanted = wanted[batch_size:]
                if not chunk:
                    return
                marks = ",".join("?" * len(chunk))
                rows = self.conn.execute(
                    f"SELECT {R.DOCUMENT_COLUMNS} FROM documents WHERE id IN ({marks}) ORDER BY id", chunk
                ).fetchall()
            else:
                rows = self.conn.execute(
                    f"SELECT {R.DOCUMENT_COLUMNS} FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, batch_size)
                ).fetchall()
                if not rows:
                    return
                last = rows[-1][0]
            yield from self._annotated_batch([R.document_from_row(r) for r in rows], ids, id_to_name, only_done)

    def _annotated_batch(self, docs: list[Document], ann_ids: list[int], id_to_name: dict[Any, str],
                         only_done: bool) -> Iterator[AnnotatedDocument]:
        if not docs or not ann_ids:
            for doc in docs:
                yield AnnotatedDocument(doc, [])
            return
        doc_marks = ",".join("?" * len(docs))
        ann_marks = ",".join("?" * len(ann_ids))
        doc_ids = [d.id for d in docs]
        key_params = [*doc_ids, *ann_ids]
        layers: dict[tuple[int, int], Layer] = {}

        def layer_for(doc_id: int, ann_id: int) -> Layer:
            key = (doc_id, ann_id)
            if key not in layers:
                layers[key] = Layer(id_to_name[ann_id])
            return layers[key]

        states = {}
        with self._snapshot():  # one state of the file for spans, events and arguments
            for doc_id, ann_id, state in self.conn.execute(
                f"SELECT doc_id, annotator_id, state FROM assignments WHERE doc_id IN ({doc_marks}) "
                f"AND annotator_id IN ({ann_marks})", key_params
            ):
                states[(doc_id, ann_id)] = state
            for row in self.conn.execute(
                f"SELECT doc_id, annotator_id, {R.SPAN_COLUMNS} FROM spans WHERE doc_id IN ({doc_marks}) "
                f"AND annotator_id IN ({ann_marks}) ORDER BY doc_id, start, id", key_params
            ):
                layer_for(row[0], row[1]).add_span(R.span_from_row(row[2:]))
            args: dict[int, list[Argument]] = {}
            for event_id, role, span_id in self.conn.execute(
                f"SELECT g.event_id, g.role, g.span_id FROM arguments g JOIN events e ON e.id = g.event_id "
                f"WHERE e.doc_id IN ({doc_marks}) AND e.annotator_id IN ({ann_marks}) ORDER BY g.event_id, g.position",
                key_params,
            ):
                args.setdefault(event_id, []).append(Argument(role, span_id))
            for row in self.conn.execute(
                f"SELECT doc_id, annotator_id, {R.EVENT_COLUMNS} FROM events WHERE doc_id IN ({doc_marks}) "
                f"AND annotator_id IN ({ann_marks}) ORDER BY doc_id, id", key_params
            ):
                layer_for(row[0], row[1]).add_event(R.event_from_row(row[2:], args.get(row[2], [])))
        for key, state in states.items():
            layer_for(*key).state = state
        order = {a: i for i, a in enumerate(ann_ids)}
        for doc in docs:
            doc_layers = sorted(
                (layer for (d, a), layer in layers.items() if d == doc.id),
                key=lambda layer: order[self._annotator_id_or_none(layer.annotator)],
            )
            if only_done:
                doc_layers = [layer for layer in doc_layers if layer.state == "done" or layer.annotator == MODEL]
            yield AnnotatedDocument(doc, doc_layers)

    # ----------------------------------------------------------------- reports
    def stats(self) -> dict[str, Any]:
        c = self.conn
        per_annotator = []
        for name, role, ann_id in c.execute("SELECT name, role, id FROM annotators ORDER BY id"):
            spans = dict(c.execute(
                "SELECT status, count(*) FROM spans WHERE annotator_id = ? GROUP BY status", (ann_id,)))
            states = dict(c.execute(
                "SELECT state, count(*) FROM assignments WHERE annotator_id = ? GROUP BY state", (ann_id,)))
            events = c.execute("SELECT count(*) FROM events WHERE annotator_id = ?", (ann_id,)).fetchone()[0]
            per_annotator.append({"name": name, "role": role, "spans": sum(spans.values()),
                                  "spans_by_status": spans, "events": events, "states": states})
        return {
            "path": str(self.path),
            "scheme": f"{self.scheme.name} v{self.scheme.version}",
            "documents": c.execute("SELECT count(*) FROM documents").fetchone()[0],
            "annotators": per_annotator,
            "spans": c.execute("SELECT count(*) FROM spans").fetchone()[0],
            "events": c.execute("SELECT count(*) FROM events").fetchone()[0],
            "audit_rows": c.execute("SELECT count(*) FROM audit").fetchone()[0],
        }

    def check(self, *, deep: bool = False) -> list[str]:
        """Problems found (integrity, foreign keys, offsets, events); empty when sound.
        `deep` also re-hashes every text."""
        from .check import check_project

        return check_project(self, deep=deep)

    # ----------------------------------------------------------------- backup
    def backup(self, dest: str | Path) -> Path:
        """A consistent copy through SQLite's online backup API (safe while in use)."""
        # Written beside dest, checked, then moved in place (store/backups.py).
        from .backups import copy_to

        return copy_to(self, dest)


def _connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        # mode=rw although we only read: the last connection to close then checkpoints and
        # deletes the -wal and -shm files (a mode=ro connection cannot, and leaves them behind).
        # Nothing is written: `Project.write` refuses on a read-only Project. A write-protected
        # file still opens (SQLite falls back to reading); a read-only folder or a full disk
        # fails here and `Project.open` falls back to `_connect_frozen`.
        # as_uri() escapes ?, # and % in the path (a raw "file:" URI would cut the name there).
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    # Transactions are managed explicitly (BEGIN IMMEDIATE / commit), not by the driver.
    conn.isolation_level = None
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


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


def _storage_problem_now(path: Path) -> CannotWrite | None:
    """A full disk or a read-only place, seen before trying to write."""
    from .storage import disk_is_full, full, place_is_read_only, read_only

    if place_is_read_only(path):
        return read_only(path)
    if disk_is_full(path):
        return full(path)
    return None


def _open_error(path: Path, exc: sqlite3.DatabaseError) -> ProjectError:
    from .check import REPAIR_HINT

    if "malformed" in str(exc) or "corrupt" in str(exc):
        return ProjectError(f"{path} is damaged ({exc})", hint=REPAIR_HINT)
    if "locked" in str(exc) or "busy" in str(exc):
        return ProjectError(f"{path} is busy ({exc})", hint="another program holds it; try again when it is done")
    return ProjectError(f"{path} is not an annotator project ({exc})")

