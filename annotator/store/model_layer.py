"""Bulk access to the `model` layer for pre-annotation: choose documents, stream their texts,
replace the model layer of a batch of documents in one transaction (one INSERT ... SELECT
over a JSON array per table, see `replace_model_layers`).

Only the model annotator's rows are deleted or written; every person's layer (including the
suggestions already copied into it) stays exactly as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..core.model import MODEL, Layer
from . import rows as R

if TYPE_CHECKING:
    from .project import Project

_CHUNK = 500  # host parameters per IN (...) list


def _json_select(columns: str, n: int, json_param: int = 1) -> str:
    """SELECT `columns`, where {0}..{n-1} are the fields of each row of a JSON array of rows."""
    fields = [f"json_extract(value, '$[{i}]')" for i in range(n)]  # not ->>: SQLite < 3.38 lacks it
    return f"SELECT {columns.format(*fields)} FROM json_each(?{json_param})"


# ?1 = the model's annotator id, ?2 = the batch's time stamp, ?3 = the rows as JSON.
_SPAN_JSON_INSERT = ('INSERT INTO spans (id, doc_id, annotator_id, layer, start, "end", label, actor_code, origin, '
                     "status, attrs, created_at, updated_at) "
                     + _json_select("{0}, {1}, ?1, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, ?2, ?2", 10, 3))
_EVENT_JSON_INSERT = ("INSERT INTO events (id, doc_id, annotator_id, trigger_span_id, type, mode, context, negated, "
                      "origin, status, attrs, created_at, updated_at) "
                      + _json_select("{0}, {1}, ?1, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, ?2, ?2", 10, 3))
_ARGUMENT_JSON_INSERT = ("INSERT INTO arguments (event_id, role, span_id, position) "
                         + _json_select("{0}, {1}, {2}, {3}", 4))
# ?1 = time stamp, ?2 = annotator id, ?3 = edit kind, ?4 = (doc_id, payload) rows as JSON.
_AUDIT_JSON_INSERT = ("INSERT INTO audit (ts, annotator_id, doc_id, action, edit_kind, payload) "
                      + _json_select("?1, ?2, {0}, 'system', ?3, {1}", 2, 4))
_json_rows = json.JSONEncoder(ensure_ascii=False, check_circular=False, allow_nan=False).encode


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


class ModelRows:
    """The rows of a batch of model layers, built by the caller as plain tuples (cheaper than
    `Layer` objects when nothing else needs them). The annotator (the model), the time stamp
    (`ts`, taken when the batch is started) and the audit kind are the same for the whole
    batch and are added when the rows are written. Column order:

    spans:     (id, doc_id, layer, start, end, label, actor_code, origin, status, attrs_json)
    events:    (id, doc_id, trigger_span_id, type, mode, context, negated, origin, status, attrs_json)
    arguments: (event_id, role, span_id, position)
    audit:     (doc_id, payload_json), one per document
    """

    __slots__ = ("arguments", "audit", "doc_ids", "events", "kind", "spans", "ts")

    def __init__(self, kind: str = "Preannotate") -> None:
        from .project import now

        self.doc_ids: list[int] = []
        self.spans: list[tuple] = []
        self.events: list[tuple] = []
        self.arguments: list[tuple] = []
        self.audit: list[tuple] = []
        self.ts = now()
        self.kind = kind

    def __len__(self) -> int:
        return len(self.doc_ids)


def model_annotator_id(project: Project) -> int:
    return project.annotator_id(MODEL, "model")


def audit_payload(spans: int, events: int) -> str:
    """The audit row's payload, as `rows.dumps({"spans": .., "events": ..})` writes it."""
    return f'{{"events": {int(events)}, "spans": {int(spans)}}}'


def layer_rows(layers: Sequence[tuple[int, Layer]], *, kind: str = "Preannotate") -> ModelRows:
    rows = ModelRows(kind)
    span_rows, event_rows, argument_rows = rows.spans, rows.events, rows.arguments
    # Empty attrs skip json.dumps (most model spans have none).
    for doc_id, layer in layers:
        rows.doc_ids.append(doc_id)
        span_rows += [(s.id, doc_id, s.layer, s.start, s.end, s.label, s.actor_code, s.origin, s.status,
                       R.dumps(s.attrs) if s.attrs else "{}") for s in layer.spans.values()]
        for e in layer.events.values():
            event_rows.append((e.id, doc_id, e.trigger, e.type, e.mode, e.context, int(e.negated), e.origin,
                               e.status, R.dumps(e.attrs) if e.attrs else "{}"))
            argument_rows += [(e.id, a.role, a.span_id, i) for i, a in enumerate(e.arguments)]
        rows.audit.append((doc_id, audit_payload(len(layer.spans), len(layer.events))))
    return rows


def replace_model_layers(project: Project, layers: Sequence[tuple[int, Layer]] | ModelRows, *,
                         kind: str = "Preannotate") -> None:
    """Replace the model layer of each (doc_id, layer) -- or of each document of a `ModelRows`
    batch -- in ONE transaction, with one audit row per document. The caller guarantees offsets
    and labels fit (the pre-annotator builds them from the stored text and the project's scheme)."""
    if not layers:
        return
    rows = layers if isinstance(layers, ModelRows) else layer_rows(layers, kind=kind)
    ann_id = model_annotator_id(project)
    doc_ids = rows.doc_ids
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
        # Each table's rows go in as ONE statement over a JSON array (json_each) rather than
        # executemany: the whole insert is one sqlite3_step, during which Python's sqlite3
        # releases the GIL, so a writer thread's B-tree work runs alongside the caller's NLP
        # instead of handing the GIL back and forth once per row.
        conn, ts = project.conn, rows.ts
        if rows.spans:
            conn.execute(_SPAN_JSON_INSERT, (ann_id, ts, _json_rows(rows.spans)))
        if rows.events:
            conn.execute(_EVENT_JSON_INSERT, (ann_id, ts, _json_rows(rows.events)))
        if rows.arguments:
            conn.execute(_ARGUMENT_JSON_INSERT, (_json_rows(rows.arguments),))
        conn.execute(_AUDIT_JSON_INSERT, (ts, ann_id, rows.kind, _json_rows(rows.audit)))
