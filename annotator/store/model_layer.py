"""Bulk access to the `model` layer for pre-annotation: choose documents, stream their texts,
replace the model layer of a batch of documents in one transaction (executemany).

Only the model annotator's rows are deleted or written; every person's layer (including the
suggestions already copied into it) stays exactly as it is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..core.model import MODEL, Layer
from . import rows as R

if TYPE_CHECKING:
    from .project import Project

_CHUNK = 500  # host parameters per IN (...) list


def select_documents(project: Project, doc_ids: Sequence[int] | None = None, *,
                     only_todo: bool = False) -> list[int]:
    """Ids to pre-annotate, in id order: all, or those of `doc_ids` that exist; with
    `only_todo`, only documents no person (any role but the model) has marked done."""
    where = ""
    if only_todo:
        where = ("WHERE NOT EXISTS (SELECT 1 FROM assignments a JOIN annotators n ON n.id = a.annotator_id "
                 "WHERE a.doc_id = d.id AND a.state = 'done' AND n.role != 'model')")
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


def replace_model_layers(project: Project, layers: Sequence[tuple[int, Layer]], *,
                         kind: str = "Preannotate") -> None:
    """Replace the model layer of each (doc_id, layer) in ONE transaction, with one audit row
    per document. The caller guarantees offsets and labels fit (the pre-annotator builds them
    from the stored text and the project's scheme)."""
    if not layers:
        return
    from .project import now

    ann_id = project.annotator_id(MODEL, "model")
    ts = now()
    doc_ids = [doc_id for doc_id, _ in layers]
    span_rows, event_rows, argument_rows, audit_rows = [], [], [], []
    # Rows built here rather than with rows.span_values: the same columns, but empty attrs
    # skip json.dumps (most model spans have none), which is a third of the writing time.
    for doc_id, layer in layers:
        span_rows += [(s.id, doc_id, ann_id, s.layer, s.start, s.end, s.label, s.actor_code, s.origin, s.status,
                       R.dumps(s.attrs) if s.attrs else "{}", ts, ts) for s in layer.spans.values()]
        for e in layer.events.values():
            event_rows.append((e.id, doc_id, ann_id, e.trigger, e.type, e.mode, e.context, int(e.negated), e.origin,
                               e.status, R.dumps(e.attrs) if e.attrs else "{}", ts, ts))
            argument_rows += [(e.id, a.role, a.span_id, i) for i, a in enumerate(e.arguments)]
        audit_rows.append((ts, ann_id, doc_id, "system", kind,
                           R.dumps({"spans": len(layer.spans), "events": len(layer.events)})))
    with project.write():
        for start in range(0, len(doc_ids), _CHUNK):
            chunk = doc_ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            params = [ann_id, *chunk]
            project.conn.execute(
                "DELETE FROM arguments WHERE event_id IN "
                f"(SELECT id FROM events WHERE annotator_id = ? AND doc_id IN ({marks}))", params)
            project.conn.execute(f"DELETE FROM events WHERE annotator_id = ? AND doc_id IN ({marks})", params)
            project.conn.execute(f"DELETE FROM spans WHERE annotator_id = ? AND doc_id IN ({marks})", params)
        project.conn.executemany(R.SPAN_INSERT, span_rows)
        project.conn.executemany(R.EVENT_INSERT, event_rows)
        project.conn.executemany(R.ARGUMENT_INSERT, argument_rows)
        project.conn.executemany(
            "INSERT INTO audit (ts, annotator_id, doc_id, action, edit_kind, payload) VALUES (?, ?, ?, ?, ?, ?)",
            audit_rows)
