"""Export: documents streamed with the layers asked for, a batch at a time (never the whole
corpus), each batch read from one snapshot so a layer never shows half of a concurrent edit.
"""

from __future__ import annotations

from typing import Any, Iterator, Sequence

from ..core.model import AnnotatedDocument, Argument, Document, Layer
from . import rows as R
from .connection import Connection


def iter_annotated(
    c: Connection,
    annotators: Sequence[str] | None = None,
    *,
    doc_ids: Sequence[int] | None = None,
    batch_size: int = 200,
) -> Iterator[AnnotatedDocument]:
    """Stream documents with their layers, a batch at a time (never the whole corpus)."""
    names = list(annotators) if annotators is not None else [a["name"] for a in c.annotators()]
    ids = [i for i in (c.annotator_id_or_none(n) for n in names) if i is not None]
    id_to_name = {c.annotator_id_or_none(n): n for n in names}
    wanted = list(doc_ids) if doc_ids is not None else None
    last = -1
    while True:
        if wanted is not None:
            chunk = wanted[:batch_size]
            wanted = wanted[batch_size:]
            if not chunk:
                return
            marks = ",".join("?" * len(chunk))
            rows = c.execute(
                f"SELECT {R.DOCUMENT_COLUMNS} FROM documents WHERE id IN ({marks}) ORDER BY id", chunk
            ).fetchall()
        else:
            rows = c.execute(
                f"SELECT {R.DOCUMENT_COLUMNS} FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, batch_size)
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
        yield from _annotated_batch(c, [R.document_from_row(r) for r in rows], ids, id_to_name)


def _annotated_batch(c: Connection, docs: list[Document], ann_ids: list[int], id_to_name: dict[Any, str]
                     ) -> Iterator[AnnotatedDocument]:
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
    with c.snapshot():  # one state of the file for spans, events and arguments
        for doc_id, ann_id, state in c.execute(
            f"SELECT doc_id, annotator_id, state FROM assignments WHERE doc_id IN ({doc_marks}) "
            f"AND annotator_id IN ({ann_marks})", key_params
        ):
            states[(doc_id, ann_id)] = state
        for row in c.execute(
            f"SELECT doc_id, annotator_id, {R.SPAN_COLUMNS} FROM spans WHERE doc_id IN ({doc_marks}) "
            f"AND annotator_id IN ({ann_marks}) ORDER BY doc_id, start, id", key_params
        ):
            layer_for(row[0], row[1]).add_span(R.span_from_row(row[2:]))
        args: dict[int, list[Argument]] = {}
        for event_id, role, span_id in c.execute(
            f"SELECT g.event_id, g.role, g.span_id FROM arguments g JOIN events e ON e.id = g.event_id "
            f"WHERE e.doc_id IN ({doc_marks}) AND e.annotator_id IN ({ann_marks}) ORDER BY g.event_id, g.position",
            key_params,
        ):
            args.setdefault(event_id, []).append(Argument(role, span_id))
        for row in c.execute(
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
            key=lambda layer: order[c.annotator_id_or_none(layer.annotator)],
        )
        yield AnnotatedDocument(doc, doc_layers)
