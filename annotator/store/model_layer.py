"""Bulk access to the `model` layer for pre-annotation: choose documents, stream their texts,
replace the model layer of a batch of documents in one transaction (the engine inserts the
batch with one statement per table, see `ModelBatch` and `replace_model_layers`), and the
`ModelWriter` that does so on a connection of its own, so a writer thread can save one batch
while the caller processes the next (`Project.model_writer()`).

Only the model annotator's rows are deleted or written; every person's layer (including the
suggestions already copied into it) stays exactly as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..core.model import MODEL

if TYPE_CHECKING:
    from .project import Project

_CHUNK = 500  # host parameters per IN (...) list


_json_rows = json.JSONEncoder(ensure_ascii=False, check_circular=False, allow_nan=False).encode


def select_documents(project: Project, doc_ids: Sequence[int] | None = None, *,
                     only_todo: bool = False, only_new: bool = False) -> list[int]:
    """Ids to pre-annotate, in id order: all, or those of `doc_ids` that exist; with
    `only_todo`, only documents no person (any role but the model) has marked done; with
    `only_new`, only documents never pre-annotated (no audit row of the model: documents
    imported since the last run, without redoing the others)."""
    conditions = []
    if only_todo:
        conditions.append("NOT EXISTS (SELECT 1 FROM assignments a JOIN annotators n ON n.id = a.annotator_id "
                          "WHERE a.doc_id = d.id AND a.state = 'done' AND n.role != 'model')")
    if only_new:
        conditions.append("NOT EXISTS (SELECT 1 FROM audit u JOIN annotators n ON n.id = u.annotator_id "
                          "WHERE u.doc_id = d.id AND n.role = 'model')")
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    ids = [r[0] for r in project.conn.execute(f"SELECT d.id FROM documents d {where} ORDER BY d.id")]
    if doc_ids is not None:
        wanted = set(doc_ids)
        ids = [i for i in ids if i in wanted]
    return ids


def iter_texts(project: Project, doc_ids: Sequence[int], page: int = 200) -> Iterator[tuple[str, int]]:
    """(text, doc_id) pairs, a page of rows at a time (fetched whole, so no cursor stays open
    across the caller's write transactions)."""
    for start in range(0, len(doc_ids), page):
        chunk = list(doc_ids[start : start + page])
        marks = ",".join("?" * len(chunk))
        rows = dict(project.conn.execute(f"SELECT id, text FROM documents WHERE id IN ({marks})", chunk).fetchall())
        for doc_id in chunk:
            if doc_id in rows:
                yield rows[doc_id], doc_id


class ModelBatch:
    """The model layers of a batch of documents, in the compact form the pre-annotator
    produces and `replace_model_layers` writes: the SQL computes ids, layer, origin, status
    and argument positions, so no per-row tuples are built in Python. Per document (`add`):

    entities[i] = [start, end, label, actor_code or ""] gets span id ent_base + i; None skips
    it (its id stays unused). triggers[k] = [start, end, [type, mode, lemma, negated,
    [[role, entity_index], ...]]] gets span id trig_base + 2k and event id trig_base + 2k + 1;
    None skips it. The producer reserves those id ranges, checks labels and modes against the
    scheme, and leaves out arguments of skipped entities.

    Each document is encoded to JSON as it is added: a batch then holds a few strings per
    document instead of thousands of lists, which would otherwise survive into the older
    garbage-collector generations and make Python's collections run (measured: +6% time).
    The annotator (the model), the time stamp `ts` (taken when the batch is started) and the
    audit `kind` are the same for the whole batch."""

    __slots__ = ("audit", "doc_ids", "docs", "kind", "ts")

    def __init__(self, kind: str = "Preannotate") -> None:
        from .connection import now

        self.doc_ids: list[int] = []
        self.docs: list[str] = []
        self.audit: list[str] = []
        self.ts = now()
        self.kind = kind

    def __len__(self) -> int:
        return len(self.doc_ids)

    def add(self, doc_id: int, ent_base: int, entities: list, trig_base: int, triggers: list,
            spans: int, events: int) -> None:
        """One document's model layer; `spans` and `events` (the numbers kept) go to its audit row."""
        self.doc_ids.append(doc_id)
        self.docs.append(_json_rows([doc_id, ent_base, entities, trig_base, triggers]))
        payload = f'{{"events": {int(events)}, "spans": {int(spans)}}}'  # as rows.dumps writes it
        self.audit.append(_json_rows([doc_id, payload]))


def model_annotator_id(project: Project) -> int:
    return project.annotator_id(MODEL, "model")


def replace_model_layers(project: Project, batch: ModelBatch) -> None:
    """Replace the model layer of every document of `batch` in ONE transaction, with one audit
    row per document. The caller guarantees offsets and labels fit (the pre-annotator builds
    them from the stored text and the project's scheme)."""
    if not batch:
        return
    ann_id = model_annotator_id(project)
    doc_ids = batch.doc_ids
    conn = project.conn
    with project.write():
        for start in range(0, len(doc_ids), _CHUNK):
            chunk = doc_ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            params = [ann_id, *chunk]
            conn.execute("DELETE FROM arguments WHERE event_id IN "
                         f"(SELECT id FROM events WHERE annotator_id = ? AND doc_id IN ({marks}))", params)
            conn.execute(f"DELETE FROM events WHERE annotator_id = ? AND doc_id IN ({marks})", params)
            conn.execute(f"DELETE FROM spans WHERE annotator_id = ? AND doc_id IN ({marks})", params)
        project.connection.engine.write_model_layers(conn, ann_id, batch)


class ModelWriter:
    """Saves `ModelBatch`es into a project's model layer, one transaction per batch.

    `concurrent` is True when the writer has a connection of its own (a project in a file,
    opened for writing, not inside a transaction of the caller): then `save` may run on another
    thread while the caller keeps reading, and `interrupt()` (from any thread) makes the save
    in progress fail and roll back. Otherwise it writes through the caller's project, in the
    caller's thread, and `interrupt()` does nothing. `close()` releases the connection."""

    def __init__(self, project: Project) -> None:
        from .project import Project

        self.concurrent = project.connection.can_open_another()
        self._own = Project.open(project.location) if self.concurrent else None
        self._project = self._own if self._own is not None else project

    def save(self, batch: ModelBatch) -> None:
        replace_model_layers(self._project, batch)

    def interrupt(self) -> None:
        if self._own is not None:
            self._own.connection.interrupt()

    def close(self) -> None:
        if self._own is not None:
            self._own.close()
