"""Bulk import of documents and their layers, batched with executemany.

`import_documents` runs the whole import in ONE transaction, so a bad document anywhere in a
file (or a cancel) rolls the whole file back.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from ..core.errors import InputError
from ..core.model import MODEL, AnnotatedDocument, Layer, hash64
from ..core.scheme import Scheme, label_name_problem
from ..core.validate import check_annotated, check_document, items_with_unknown_labels, unknown_labels
from . import rows as R
from .connection import now
from .layers import delete_layer_rows
from .roles import has_work_on

if TYPE_CHECKING:
    from .project import Project


@dataclass
class ImportReport:
    documents_added: int = 0
    duplicates: int = 0
    duplicate_examples: list[str] = field(default_factory=list)
    layers_added: int = 0
    layers_skipped: int = 0
    spans: int = 0
    events: int = 0
    labels_added: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def import_documents(project: Project, documents: Iterable[AnnotatedDocument], *,
                     progress: Callable[[int], None] | None = None, source: str | None = None,
                     add_labels: bool = False, batch_size: int = 1000) -> ImportReport:
    """Add documents (and the layers they carry) in ONE transaction: if the iterable raises
    (a bad line) or the user cancels, nothing of it stays. A document already in the project
    (same ext_id, else same text) is skipped and counted; its layers are added if new."""
    importer = BulkImporter(project, source, add_labels=add_labels)
    with project.write():
        importer.run(documents, progress=progress, batch_size=batch_size)
    project.connection.forget_texts()
    if add_labels:
        project.connection.forget_scheme()  # the importer may have extended it
    return importer.report


def _numbered(ext_id: str | None) -> bool:
    """An id that is a tool's running number ("101": doccano's example number for a text it got
    without an id), not a name someone gave the document ("wire-1", kept as its id)."""
    return bool(ext_id) and ext_id.isdigit()  # type: ignore[union-attr]


class BulkImporter:
    def __init__(self, project: "Project", source: str | None, *, add_labels: bool = False) -> None:
        self.project = project
        self.conn = project.conn
        self.source = source
        self.add_labels = add_labels
        self.report = ImportReport()
        self.next_doc_id = 1  # read in `run`, inside the import's transaction
        # Documents of this import by id and by text hash. Kept for the whole import only when
        # the project held none when it began on an engine that streams bulk rows (PostgreSQL's
        # COPY stays open between batches): then every match is one of these, nothing need be
        # looked up, and no statement ends the stream. Otherwise they hold one batch (repeats of
        # earlier batches are found in the database), so memory does not grow with the file.
        self.remember_all = False
        self.seen_ext: dict[str, int] = {}
        self.seen_sha: dict[str, int] = {}
        self.idless_stored = False  # the project holds documents without an id (`_existing`)
        self.new_entities: set[str] = set()
        self.new_events: set[str] = set()
        self.new_modes: dict[str, set[str]] = {}  # of the new event types, the modes their events use
        self._extended: Scheme | None = None  # the scheme with them (`_with_new_labels`)
        self._pending_texts: dict[int, str] = {}  # texts of the batch being flushed

    def run(self, documents: Iterable[AnnotatedDocument], *, progress: Callable[[int], None] | None,
            batch_size: int) -> None:
        # Read under the write lock that the whole import holds: no other writer adds documents
        # until it commits, so these ids stay free and an empty project stays ours alone.
        last_id = self.conn.execute("SELECT max(id) FROM documents").fetchone()[0]
        self.next_doc_id = (last_id or 0) + 1
        self.remember_all = last_id is None and self.project.connection.engine.streams_bulk_rows
        self.idless_stored = last_id is not None and self.conn.execute(
            "SELECT 1 FROM documents WHERE ext_id IS NULL LIMIT 1").fetchone() is not None
        batch: list[AnnotatedDocument] = []
        done = 0
        rest = iter(documents)
        try:
            for doc in rest:
                batch.append(doc)
                if len(batch) >= batch_size:
                    self._flush(batch)
                    done += len(batch)
                    batch = []
                    if progress:
                        progress(done)
            if batch:
                self._flush(batch)
                done += len(batch)
                if progress:
                    progress(done)
        except _UnknownLabels as found:
            raise self._every_unknown_label(found, batch, rest) from None
        if self.add_labels and (self.new_entities or self.new_events):
            scheme = self._with_new_labels()
            self.project.connection.store_scheme(scheme)
            self.report.labels_added = sorted(self.new_entities | self.new_events)

    def _validate(self, doc: AnnotatedDocument) -> None:
        try:
            if not doc.layers:  # a plain document: no labels to check (most lines of large imports)
                check_document(doc.document)
                return
        except InputError as exc:
            raise exc.located(doc.source_file or self.source, doc.source_line) from None
        scheme = self.project.scheme
        try:
            if self.add_labels:
                # labels and types are added, with the modes their events use; what the scheme
                # has is checked as ever (a mode its type lacks, a role, a context)
                entities, events = unknown_labels(doc, scheme)
                for label in sorted((entities | events) - self.new_entities - self.new_events):
                    problem = label_name_problem(label)
                    if problem:  # the scheme could not hold it: `annotator scheme` wrote a file it refused
                        raise InputError(f"label {label!r} cannot be added to the scheme: {problem}",
                                         hint="rename it in the file")
                modes = {(e.type, e.mode) for layer in doc.layers for e in layer.events.values()
                         if e.mode is not None and (e.type in events or e.type in self.new_events)}
                if entities - self.new_entities or events - self.new_events or any(
                        mode not in self.new_modes.get(etype, ()) for etype, mode in modes):
                    self.new_entities |= entities
                    self.new_events |= events
                    for etype, mode in modes:
                        self.new_modes.setdefault(etype, set()).add(mode)
                    self._extended = None
                check_annotated(doc, self._with_new_labels())
            else:
                entities, events = unknown_labels(doc, scheme)
                if entities or events:
                    where = _first_line_of(doc, items_with_unknown_labels(doc, scheme))
                    raise _UnknownLabels(entities | events, where[0] or doc.source_file or self.source,
                                         where[1] or doc.source_line)
                check_annotated(doc, scheme)
        except InputError as exc:
            raise exc.located(doc.source_file or self.source, doc.source_line) from None

    def _with_new_labels(self) -> Scheme:
        """The project's scheme with the labels, types and modes added so far (built again only
        when one is new: a scheme is built from JSON)."""
        if self._extended is None:
            self._extended = self.project.scheme.with_labels(
                sorted(self.new_entities), sorted(self.new_events),
                {etype: sorted(modes) for etype, modes in self.new_modes.items()})
        return self._extended

    def _every_unknown_label(self, found: "_UnknownLabels", batch: list[AnnotatedDocument],
                             rest: Iterator[AnnotatedDocument]) -> InputError:
        """The refusal of a file with labels the scheme lacks, naming all of them (read on to
        the end of the file, writing nothing) and where the first is: one at a time, a user
        would fix or add them file run by file run."""
        labels = set(found.labels)
        scheme = self.project.scheme
        try:
            for doc in itertools.chain(batch, rest):
                if doc.layers:
                    entities, events = unknown_labels(doc, scheme)
                    labels |= entities | events
        except InputError:
            pass  # a bad line further on is told once the labels are settled
        return InputError(f"labels not in the project's scheme: {', '.join(sorted(labels))}",
                          file=found.file, line=found.line, hint="add them with --add-labels, or fix the file")

    def _existing(self, batch: list[AnnotatedDocument], shas: list[str]
                  ) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
        """Stored documents of the batch: by id; by text (text hash -> document id) for
        documents without an id; and by text among stored documents without an id, for documents
        with an id: where the project does not know it, or holds another text under it, another
        tool numbered them (doccano exports its own example numbers for texts it got without an
        id, and its example 2 may meet our document "2"), and a second copy of the text would hold
        the annotator's work apart from everyone else's."""
        if self.remember_all:
            return {}, {}, {}  # every match is in seen_ext / seen_sha
        ext_ids = [d.document.ext_id for d in batch if d.document.ext_id]
        by_ext = self._documents_where("ext_id", "ext_id", ext_ids)
        # Texts are compared only for documents without an id (those with one are matched by id):
        # a corpus with many equal short texts would otherwise fetch thousands of rows per batch.
        hashes = list({hash64(sha) for item, sha in zip(batch, shas) if not item.document.ext_id})
        by_sha = self._documents_where("text_sha256", "text_hash", hashes)
        idless: dict[str, int] = {}
        if self.idless_stored:
            numbered = list({hash64(sha) for item, sha in zip(batch, shas) if _numbered(item.document.ext_id)})
            idless = self._documents_where("text_sha256", "text_hash", numbered, also="ext_id IS NULL AND ")
        return by_ext, by_sha, idless

    def _documents_where(self, key: str, column: str, values: list[Any], also: str = "") -> dict[Any, int]:
        """`key` -> document id of the stored documents whose `column` is one of `values` (and
        that match `also`), asked in chunks the engine accepts."""
        found: dict[Any, int] = {}
        step = self.project.connection.engine.any_of_max
        for start in range(0, len(values), step):
            where, params = self.any_of(column, values[start : start + step])
            found.update(self.conn.execute(f"SELECT {key}, id FROM documents WHERE {also}{where}", params))
        return found

    def _flush(self, batch: list[AnnotatedDocument]) -> None:
        for doc in batch:
            self._validate(doc)
        shas = [item.document.sha256 for item in batch]
        by_ext, by_sha, idless = self._existing(batch, shas)
        ts = now()
        doc_rows, undated_rows = [], []
        if not self.remember_all:  # earlier batches are in the database, where `_existing` finds them
            self.seen_ext.clear()
            self.seen_sha.clear()
        seen_ext, seen_sha = self.seen_ext, self.seen_sha
        # Rows without source and date leave out those two columns where that is cheaper (SQLite
        # binds each None with two failed attribute lookups); a streaming engine keeps one column
        # set, since another would end its open stream.
        undated_apart = not self.project.connection.engine.streams_bulk_rows
        layer_jobs: list[tuple[int, Layer, bool, bool]] = []
        for item, sha in zip(batch, shas):
            doc = item.document
            existing = None
            if doc.ext_id:
                found = by_ext.get(doc.ext_id) or seen_ext.get(doc.ext_id)
                clash = found is not None and self._text_of(found, item) != doc.text
                existing = None if clash else found
                if existing is None and _numbered(doc.ext_id):
                    # another tool's number (`_existing`), unknown here or also one of ours
                    existing = idless.get(sha)
                if existing is None and clash:
                    raise InputError(
                        f"document id {doc.ext_id!r} is already in the project with a different text",
                        file=item.source_file or self.source, line=item.source_line,
                        hint="give it another id, or import with --ignore-ids (\"match by text\" in the window) when "
                             "the file's ids are another tool's numbering; stored texts never change",
                    )
            else:
                existing = by_sha.get(sha) or seen_sha.get(sha)
            if existing is not None:
                self.report.duplicates += 1
                example = doc.ext_id or doc.title or f"document {existing}, “{' '.join(doc.text[:40].split())}…”"
                if len(self.report.duplicate_examples) < 5 and example not in self.report.duplicate_examples:
                    self.report.duplicate_examples.append(example)
                if item.layers:
                    layer_jobs += [(existing, layer, True, item.own_numbering) for layer in item.layers]
                continue
            doc_id = self.next_doc_id
            self.next_doc_id += 1
            ext_id, text = doc.ext_id, doc.text
            meta = R.dumps(doc.meta) if doc.meta else "{}"
            if undated_apart and doc.source is None and doc.published is None:
                undated_rows.append((doc_id, ext_id, doc.title or "", text, len(text), sha, hash64(sha), meta, ts))
            else:
                doc_rows.append((doc_id, ext_id, doc.title or "", text, len(text), sha, hash64(sha), doc.source,
                                 doc.published, meta, ts))
            if ext_id:
                seen_ext[ext_id] = doc_id
            seen_sha[sha] = doc_id
            self._pending_texts[doc_id] = text
            if item.layers:
                layer_jobs += [(doc_id, layer, False, item.own_numbering) for layer in item.layers]
        self.insert_rows("documents", R.DOCUMENT_ROW, doc_rows)
        self.insert_rows("documents", R.DOCUMENT_ROW_UNDATED, undated_rows)
        self.report.documents_added += len(doc_rows) + len(undated_rows)
        self._pending_texts.clear()
        self._insert_layers(layer_jobs, ts)

    def any_of(self, column: str, values: list) -> tuple[str, list]:
        """`column` is one of `values`, in the engine's fastest form (an IN list, or = ANY(array))."""
        return self.project.connection.engine.any_of(column, values)

    def insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """New rows the fastest way the engine has (SQLite: executemany; PostgreSQL: COPY)."""
        if rows:
            self.project.connection.engine.insert_rows(self.conn, table, columns, rows)

    def _text_of(self, doc_id: int, item: AnnotatedDocument) -> str:
        if doc_id in self._pending_texts:
            return self._pending_texts[doc_id]
        row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else ""

    def _insert_layers(self, jobs: list[tuple[int, Layer, bool, bool]], ts: str) -> None:
        if not jobs:
            return
        span_rows, event_rows, argument_rows, state_rows, audit_rows = [], [], [], [], []
        ids_in_use = self._ids_in_use(jobs)
        placed: set[tuple[int, int]] = set()
        for doc_id, layer, doc_existed, own_numbering in jobs:
            role = "model" if layer.annotator == MODEL else "annotator"
            ann_id = self.project.connection.writable_annotator_id(layer.annotator, role)
            if (doc_id, ann_id) in placed:
                # The same text twice in this batch with a layer of the same annotator (a file
                # holding a text twice): the first is their layer, as across imports; merged,
                # the two would be one layer holding both versions ("Paris" GPE and PERSON).
                self.report.layers_skipped += 1
                continue
            placed.add((doc_id, ann_id))
            if doc_existed:
                if has_work_on(self.project, doc_id, ann_id) or (layer.annotator == MODEL and self.conn.execute(
                        "SELECT 1 FROM spans WHERE doc_id = ? AND annotator_id = ? LIMIT 1", (doc_id, ann_id)
                ).fetchone()):
                    self.report.layers_skipped += 1
                    continue
                # Only assigned, or holding untouched copies of the model's suggestions: the
                # imported layer (their own work) takes the place of those copies.
                delete_layer_rows(self.project.connection, doc_id, ann_id)
            if own_numbering or any(sid in ids_in_use for sid in layer.spans) \
                    or any(eid in ids_in_use for eid in layer.events):
                # a file's own numbering (AnnotatedDocument.own_numbering), or ids that collide
                # with rows already stored: fresh ids (ids kept in attrs follow)
                layer = layer.with_new_ids()
            ids_in_use.update(layer.spans)
            ids_in_use.update(layer.events)
            span_rows += [R.span_values(s, doc_id, ann_id, ts) for s in layer.spans.values()]
            event_rows += [R.event_values(e, doc_id, ann_id, ts) for e in layer.events.values()]
            argument_rows += [v for e in layer.events.values() for v in R.argument_values(e)]
            if layer.annotator != MODEL:
                # An imported layer is the annotator's own work: never seed suggestions over it.
                state_rows.append((doc_id, ann_id, layer.state, ts, ts))
            # One system audit row per layer: live refresh (changes.py) sees the layer arrive, a
            # seeded copy of an imported model layer goes stale, and replay knows the layer's
            # content came from outside the edit log.
            audit_rows.append((ts, ann_id, doc_id, "system", "ImportLayer", R.dumps(
                {"spans": len(layer.spans), "events": len(layer.events), "source": self.source})))
            self.report.layers_added += 1
            self.report.spans += len(layer.spans)
            self.report.events += len(layer.events)
        self.insert_rows("spans", R.SPAN_ROW, span_rows)
        self.insert_rows("events", R.EVENT_ROW, event_rows)
        self.insert_rows("arguments", R.ARGUMENT_ROW, argument_rows)
        self.insert_rows("audit", R.AUDIT_ROW, audit_rows)
        self.conn.executemany(  # an assignment (and time spent) already recorded stays
            "INSERT INTO assignments (doc_id, annotator_id, state, seeded_at, updated_at) VALUES (?,?,?,?,?) "
            "ON CONFLICT (doc_id, annotator_id) DO UPDATE SET state = excluded.state, "
            "seeded_at = excluded.seeded_at, updated_at = excluded.updated_at",
            state_rows,
        )

    def _ids_in_use(self, jobs: list[tuple[int, Layer, bool, bool]]) -> set[int]:
        span_ids = [sid for _, layer, _, _ in jobs for sid in layer.spans]
        event_ids = [eid for _, layer, _, _ in jobs for eid in layer.events]
        used: set[int] = set()
        step = self.project.connection.engine.any_of_max
        for table, ids in (("spans", span_ids), ("events", event_ids)):
            for start in range(0, len(ids), step):
                where, params = self.any_of("id", ids[start : start + step])
                used.update(r[0] for r in self.conn.execute(f"SELECT id FROM {table} WHERE {where}", params))
        return used


class _UnknownLabels(Exception):
    """A document with labels the scheme lacks (without --add-labels): the import reads on only
    to name every such label of the file (`_every_unknown_label`)."""

    def __init__(self, labels: set[str], file: str | None, line: int | None) -> None:
        super().__init__(", ".join(sorted(labels)))
        self.labels, self.file, self.line = labels, file, line


def _first_line_of(doc: AnnotatedDocument, items: list[tuple[str, int]]) -> tuple[str | None, int | None]:
    """The file and line of the earliest of `items` the reader placed (brat: a line of the .ann),
    else nothing (the caller's document file and line fill in)."""
    return min((doc.item_lines[item] for item in items if item in doc.item_lines), default=(None, None))
