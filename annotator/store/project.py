"""`Project`: the store's one public API — documents, every annotator's layer and the audit log.

A thin facade: each method hands over to the part that does that job, all sharing one
`Connection` (connection.py: the engine's connection, transactions and cached lookups).

    documents.py    the document list and lookups
    layers.py       reading, seeding and replacing layers; time spent
    edits.py        one user edit = one transaction with its audit row
    audit.py        the audit log; undo/redo stacks rebuilt from it
    export.py       documents streamed with their layers
    bulk.py         import, all or nothing
    maintenance.py  stats, check, backup
    changes.py      live refresh: a cheap change marker, and what others changed since one
    model_layer.py  the pre-annotator's bulk writes of the model layer
    team/           assignments, work packages and merge, progress
    locations.py    a path (SQLite) or a PostgreSQL URL: which engine a location means
    pushpull/       push / pull: a whole project copied into another, on any engines
    sqlite/         everything specific to the SQLite engine (engine.py: the interface)
    postgresql/     everything specific to the PostgreSQL engine (a team server)

All SQL of the application lives in this package.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from ..core.edits import Edit
from ..core.errors import CannotWrite, InputError, ProjectError
from ..core.ids import new_id
from ..core.model import GOLD, MODEL, AnnotatedDocument, Document, Layer
from ..core.scheme import InUse, Scheme, default_scheme
from . import audit as _audit
from . import documents as _documents
from . import edits as _edits
from . import layers as _layers
from .audit import AuditEntry
from .connection import Connection, now
from .documents import DocumentRow
from .edits import Applied
from .locations import ServerLocation, is_server_url, parse_location, refuse_missing_folder
from .sqlite import SQLITE
from .sqlite.engine import APP_ID

if TYPE_CHECKING:
    from .bulk import ImportReport
    from .changes import ChangeMarker, Changes
    from .check import Progress as StepProgress
    from .engine import Engine
    from .model_layer import ModelWriter

__all__ = ["APP_ID", "Applied", "AuditEntry", "DocumentRow", "Project", "ServerLocation", "is_server_url", "now"]


class Project:
    """A project. Create with `Project.create(path)`, open with `Project.open(path)`."""

    def __init__(self, conn: Any, path: Path, *, readonly: bool = False, engine: Engine = SQLITE) -> None:
        # The one object every part shares (public: the team functions and the model writer
        # work through it too).
        self.connection = Connection(engine, conn, parse_location(path), readonly=readonly)
        self._db: Any = None

    # ----------------------------------------------------------------- state
    @property
    def conn(self) -> Any:
        """The engine's connection (sqlite3.Connection)."""
        return self.connection.raw

    @property
    def path(self) -> Path | ServerLocation:
        """Where the project lives: a Path (SQLite), or a ServerLocation (PostgreSQL; prints
        without a password)."""
        return self.connection.path

    @property
    def location(self) -> str:
        """The text that opens this project again, in another thread or process (`Project.open`).
        Never print it (a server URL may hold a password): print `path`."""
        return self.connection.location

    @property
    def is_server(self) -> bool:
        return self.connection.is_server

    @property
    def engine_name(self) -> str:
        return self.connection.engine.name

    @property
    def readonly(self) -> bool:
        return self.connection.readonly

    @property
    def cannot_write(self) -> CannotWrite | None:
        """Why this project cannot be written (full disk, read-only place) when `open(...,
        or_read_only=True)` fell back to reading; None when it was opened as asked."""
        return self.connection.cannot_write

    @cannot_write.setter
    def cannot_write(self, problem: CannotWrite | None) -> None:
        self.connection.cannot_write = problem

    @property
    def db(self) -> Any:
        """The connection as a sqlite-utils `Database` (built on first use; see schema.py)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    # ----------------------------------------------------------------- open / create
    @classmethod
    def create(cls, path: str | Path | ServerLocation, scheme: Scheme | None = None) -> "Project":
        """A new project: a SQLite file at `path`, or, for a PostgreSQL URL, the schema in that
        (existing, empty) database."""
        where = parse_location(path)
        if isinstance(where, ServerLocation):
            return cls._create_on_server(where, scheme)
        path = where
        if path.exists() and path.stat().st_size > 0:
            raise ProjectError(f"{path} already exists", hint="choose another name, or open it instead")
        refuse_missing_folder(path)
        engine = SQLITE
        existed = path.exists()
        project = None
        try:
            project = cls(engine.create(path), path, engine=engine)
            engine.apply_schema(project.conn)
            cls._fill_new(project, scheme)
        except Exception as exc:
            if not (engine.is_storage_error(exc) or isinstance(exc, CannotWrite)):
                raise
            if project is not None:
                project.close()
            problem = exc if isinstance(exc, CannotWrite) else engine.storage_problem(path, exc)
            if problem is None:
                raise
            if not existed:  # nothing half-made stays behind
                for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
                    leftover.unlink(missing_ok=True)
            raise problem from None
        return project

    @classmethod
    def _create_on_server(cls, where: ServerLocation, scheme: Scheme | None) -> "Project":
        from .postgresql import POSTGRES

        project = cls(POSTGRES.create(where), where, engine=POSTGRES)  # refuses a non-empty database
        try:
            POSTGRES.apply_schema(project.conn)
            cls._fill_new(project, scheme)
        except BaseException:
            project.close()
            raise
        return project

    @staticmethod
    def _fill_new(project: "Project", scheme: Scheme | None) -> None:
        c = project.connection
        with c.write():
            c.set_meta("app", APP_ID)
            c.set_meta("created_at", now())
            c.set_meta("project_id", f"{new_id():x}")
            c.store_scheme(scheme or default_scheme())
            for name, role in ((MODEL, "model"), (GOLD, "adjudicator")):
                c.annotator_id(name, role)

    @classmethod
    def open(cls, path: str | Path | ServerLocation, *, readonly: bool = False, migrate: bool = True,
             or_read_only: bool = False) -> "Project":
        """Open a project. `readonly` never writes (reading commands: they also work on a full
        disk or in a read-only folder). `or_read_only`: open for writing if the storage allows,
        else read-only with `cannot_write` saying why (the window shows a banner); without it a
        full disk or read-only place raises StorageFull / ReadOnlyStorage. A PostgreSQL URL
        opens a server project."""
        where = parse_location(path)
        engine: Engine
        if isinstance(where, ServerLocation):
            from .postgresql import POSTGRES

            engine = POSTGRES
        else:
            engine = SQLITE
            path = where
            if not path.exists():
                raise ProjectError(f"{path} does not exist", hint=f"create it with: annotator init {path}")
        conn, readonly, problem = engine.connect(where, readonly=readonly, or_read_only=or_read_only)
        project = cls(conn, where, readonly=readonly, engine=engine)
        project.cannot_write = problem
        try:
            engine.migrate(project, migrate)
        except Exception as exc:
            project.close()
            if isinstance(exc, ProjectError) or not engine.is_storage_error(exc) or isinstance(exc, OSError):
                raise
            raise (engine.storage_problem(where, exc) or engine.open_error(where, exc)) from None
        return project

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, scope: tuple[int, int] | None = None) -> Any:
        """One write transaction (nested calls join the outer one); see Connection.write."""
        return self.connection.write(scope)

    def waiting_at_most(self, seconds: float) -> Any:
        """Writes begun inside (`with project.waiting_at_most(1):`) wait at most `seconds` for
        another writer's lock instead of the engine's 10 s, then raise ProjectBusy with nothing
        written: for a caller that must not stay blocked (a window's GUI thread)."""
        return self.connection.waiting_at_most(seconds)

    # ----------------------------------------------------------------- meta, scheme, annotators
    def meta(self) -> dict[str, str]:
        return self.connection.meta()

    @property
    def project_id(self) -> str:
        return self.connection.get_meta("project_id") or ""

    @property
    def scheme(self) -> Scheme:
        return self.connection.scheme

    def scheme_in_use(self) -> InUse:
        """What the annotations use of the scheme, with how often (see maintenance.py)."""
        from .maintenance import scheme_in_use

        return scheme_in_use(self)

    def replace_scheme(self, scheme: Scheme) -> None:
        """`set_scheme` after checking the annotations fit `scheme` and no window has the project
        open (`annotator scheme --set`; see maintenance.py)."""
        from .maintenance import replace_scheme

        replace_scheme(self, scheme)

    def set_scheme(self, scheme: Scheme) -> None:
        c = self.connection
        with c.write():
            c.store_scheme(scheme)
            _audit.record(c, c.annotator_id("lead", "lead"), None, "system", "SetScheme",
                          {"name": scheme.name, "version": scheme.version, "sha256": scheme.sha256})

    def annotator_id(self, name: str, role: str = "annotator", *, create: bool = True,
                     allow_case_twin: bool = False) -> int:
        return self.connection.annotator_id(name, role, create=create, allow_case_twin=allow_case_twin)

    def case_twin(self, name: str) -> str | None:
        """The existing name `name` differs from only in case (Connection.case_twin)."""
        return self.connection.case_twin(name)

    def refuse_case_twin(self, name: str) -> None:
        """InputError naming the existing annotator when `name` differs from one only in case."""
        self.connection.refuse_case_twin(name)

    def require_layer(self, name: str) -> None:
        """InputError unless the project has a layer (annotator) called `name`, naming the one
        meant when `name` differs from it only in case ("Gold" for gold), else listing them."""
        names = self.annotator_names()
        if name in names:
            return
        self.refuse_case_twin(name)
        raise InputError(f"no layer called {name!r} in {self.path}", hint=f"layers: {', '.join(names)}")

    def package_annotator(self) -> str | None:
        """Whose work package this project is; None for an ordinary project."""
        return self.connection.package_annotator()

    def annotators(self) -> list[dict[str, Any]]:
        return self.connection.annotators()

    def annotator_names(self, *, people_only: bool = False) -> list[str]:
        return [a["name"] for a in self.annotators() if not people_only or a["role"] in ("annotator", "lead")]

    # ----------------------------------------------------------------- documents
    def count_documents(self, *, annotator: str | None = None, state: str | None = None,
                        search: str | None = None) -> int:
        return _documents.count_documents(self.connection, annotator=annotator, state=state, search=search)

    def documents(self, offset: int = 0, limit: int = 100, *, annotator: str | None = None,
                  state: str | None = None, search: str | None = None) -> list[DocumentRow]:
        """One page of the document list, in id order (the text is not loaded)."""
        return _documents.documents(self.connection, offset, limit, annotator=annotator, state=state,
                                    search=search)

    def document(self, doc_id: int) -> Document:
        return _documents.document(self.connection, doc_id)

    def document_ids_for(self, ext_ids: Sequence[str]) -> dict[str, int]:
        """Row ids of the documents with these ids (the "id" exports write); unknown ones left out."""
        return _documents.document_ids_for(self.connection, ext_ids)

    def existing_document_ids(self, doc_ids: Sequence[int]) -> list[int]:
        """The row ids among `doc_ids` that are documents of this project, in order."""
        return _documents.existing_document_ids(self.connection, doc_ids)

    def document_ids(self) -> list[int]:
        return _documents.document_ids(self.connection)

    def next_document(self, annotator: str, after: int | None = None) -> int | None:
        """The next document the annotator has not finished (assigned ones first)."""
        return _documents.next_document(self.connection, annotator, after)

    def text_len(self, doc_id: int) -> int:
        return self.connection.text_len(doc_id)

    # ----------------------------------------------------------------- layers
    def layer(self, doc_id: int, annotator: str) -> Layer:
        """The annotator's layer of one document as stored (no seeding)."""
        return _layers.read_layer(self.connection, doc_id, annotator)

    def open_layer(self, doc_id: int, annotator: str) -> Layer:
        """The layer an annotator works on, seeded with the model's suggestions the first time
        (and refreshed while untouched if pre-annotation ran again; see layers.open_layer)."""
        return _layers.open_layer(self.connection, doc_id, annotator)

    def needs_seeding(self, doc_id: int, annotator: str) -> bool:
        """Whether `open_layer` would bring the model's suggestions into the layer now (never
        opened, or untouched while pre-annotation ran again); reads only."""
        return _layers.needs_seeding(self.connection, doc_id, annotator)

    def seed_from_model(self, doc_id: int, annotator: str) -> int:
        """Copy the model layer into the annotator's layer as suggestions (replacing an earlier,
        untouched copy). Returns the number of spans copied."""
        return _layers.seed_from_model(self.connection, doc_id, annotator)

    def replace_layer(self, doc_id: int, annotator: str, layer: Layer, *, kind: str = "ReplaceLayer",
                      with_state: bool = False) -> None:
        """Replace an annotator's whole layer of a document (pre-annotation, adjudication import).
        Audited as one system row; not undoable from the GUI (its undo history starts afresh).
        `with_state`: `layer.state` is stored too (else the stored state stays)."""
        _layers.replace_layer(self.connection, doc_id, annotator, layer, kind=kind, with_state=with_state)

    def add_time(self, doc_id: int, annotator: str, seconds: float) -> None:
        _layers.add_time(self.connection, doc_id, annotator, seconds)

    # ----------------------------------------------------------------- edits, audit, undo
    def apply(self, doc_id: int, annotator: str, edit: Edit, *, action: str = "do",
              by: str | None = None) -> Applied:
        """Apply one user edit in one transaction together with its audit row (a new edit is
        first completed by the span–event rules; an undo or redo is refused when it would break
        them; see edits.apply). `by`: who makes it (a window: the name it works under), whose
        undo stack it joins (`undo_state`); None for a script or command. Raises EditError
        (nothing written) if it does not fit."""
        return _edits.apply(self.connection, doc_id, annotator, edit, action=action, by=by)

    def history(self, doc_id: int, annotator: str) -> list[AuditEntry]:
        """The audit rows of one layer, oldest first (user edits decoded to Edit objects)."""
        return _audit.history(self.connection, doc_id, annotator)

    def undo_state(self, doc_id: int, annotator: str, *, by: str | None = None,
                   every_writer: bool = False) -> tuple[list[Edit], list[Edit]]:
        """Rebuild the undo and redo stacks of a layer from its audit log (survives restarts):
        the edits `by` made (as `apply(..., by=)`), never another writer's (`every_writer`:
        everybody's as one, to read what is in effect, not to undo; see audit.undo_state)."""
        return _audit.undo_state(self.connection, doc_id, annotator, by=by, every_writer=every_writer)

    def replayed_layer(self, doc_id: int, annotator: str) -> Layer | None:
        """The layer its audit log rebuilds from empty (None when the log holds a system change
        of it, e.g. seeded suggestions); equals `layer()` when every change went through
        `apply` (see audit.replayed_layer)."""
        return _audit.replayed_layer(self.connection, doc_id, annotator)

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
        from .bulk import import_documents  # loaded at first import, not when a project opens

        return import_documents(self, documents, progress=progress, source=source, add_labels=add_labels,
                                batch_size=batch_size)

    def iter_annotated(
        self,
        annotators: Sequence[str] | None = None,
        *,
        doc_ids: Sequence[int] | None = None,
        batch_size: int = 200,
    ) -> Iterator[AnnotatedDocument]:
        """Stream documents with their layers, a batch at a time (never the whole corpus). "Only
        done" is the export's to choose (`formats.selection.OnlyDone`)."""
        from .export import iter_annotated

        return iter_annotated(self.connection, annotators, doc_ids=doc_ids, batch_size=batch_size)

    def model_writer(self) -> ModelWriter:
        """The pre-annotator's writer of model layers (`save(batch)`, `interrupt()`, `close()`),
        on a connection of its own when one can be opened (see model_layer.ModelWriter)."""
        from .model_layer import ModelWriter

        return ModelWriter(self)

    # ----------------------------------------------------------------- live refresh
    def change_marker(self) -> ChangeMarker:
        """A marker that changes whenever anyone changes a layer, an assignment, a role or the
        gold layer, or adds documents (one cheap statement: poll it; compare with ==). From the
        first call on, this project also remembers its own audit rows for `changes_since`."""
        from .changes import change_marker

        return change_marker(self.connection)

    def changes_since(self, marker: ChangeMarker, new: ChangeMarker | None = None) -> Changes:
        """What OTHER writers (other processes, other connections) changed after `marker`: the
        documents and layers touched, project-wide changes, new documents (see changes.py)."""
        from .changes import changes_since

        return changes_since(self.connection, marker, new)

    # ----------------------------------------------------------------- maintenance
    def stats(self) -> dict[str, Any]:
        from .maintenance import stats

        return stats(self)

    def check(self, *, deep: bool = False, progress: StepProgress | None = None) -> list[str]:
        """Problems found (integrity, foreign keys, offsets, events); empty when sound.
        `deep` also re-hashes every text. `progress(step, done, total)` follows the steps."""
        from .maintenance import check

        return check(self, deep=deep, progress=progress)

    def backup(self, dest: str | Path) -> Path:
        """A consistent copy made by the engine (SQLite: its online backup API; safe while in
        use), written beside dest, checked, then moved in place."""
        from .maintenance import backup

        return backup(self, dest)
