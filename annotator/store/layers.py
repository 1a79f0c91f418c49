"""Layers: an annotator's spans, events and document state as stored; seeding a layer with
the model's suggestions; replacing a whole layer (pre-annotation, adjudication import); the
time spent. The row helpers here (`insert_layer_rows`, `delete_layer_rows`, `load_events`)
are THE way other parts write or read a layer's rows. Single edits are in edits.py.
"""

from __future__ import annotations

from typing import Any, Sequence

from ..core.model import MODEL, Argument, Layer
from . import rows as R
from .audit import record
from .connection import Connection, now
from .sessions import check_owner


def read_layer(c: Connection, doc_id: int, annotator: str) -> Layer:
    """The annotator's layer of one document as stored (no seeding)."""
    ann_id = c.annotator_id_or_none(annotator)
    layer = Layer(annotator)
    if ann_id is None:
        return layer
    with c.snapshot():
        state = c.execute(
            "SELECT state FROM assignments WHERE doc_id = ? AND annotator_id = ?", (doc_id, ann_id)
        ).fetchone()
        layer.state = state[0] if state else "todo"
        for row in c.execute(
            f"SELECT {R.SPAN_COLUMNS} FROM spans WHERE doc_id = ? AND annotator_id = ? ORDER BY start, id",
            (doc_id, ann_id),
        ):
            layer.add_span(R.span_from_row(row))
        load_events(c, layer, "e.doc_id = ? AND e.annotator_id = ?", (doc_id, ann_id))
    return layer


def load_events(c: Connection, layer: Layer, where: str, params: Sequence[Any]) -> None:
    """Add the events `where` selects (a condition on `events e`) with their arguments."""
    arguments, events = c.query_all(event_queries(where, params))  # one round trip on a server
    add_events(layer, arguments, events)


def event_queries(where: str, params: Sequence[Any]) -> list[tuple[str, Sequence[Any]]]:
    """The two reads `load_events` makes (arguments, then events), for a caller that sends
    them together with reads of its own; `add_events` takes their rows."""
    return [
        (f"SELECT g.event_id, g.role, g.span_id FROM arguments g JOIN events e ON e.id = g.event_id "
         f"WHERE {where} ORDER BY g.event_id, g.position", params),
        (f"SELECT {', '.join('e.' + col.strip() for col in R.EVENT_COLUMNS.split(','))} FROM events e "
         f"WHERE {where} ORDER BY e.id", params),
    ]


def add_events(layer: Layer, arguments: Sequence[tuple], events: Sequence[tuple]) -> None:
    """Add the events read by `event_queries` to `layer`."""
    args: dict[int, list[Argument]] = {}
    for event_id, role, span_id in arguments:
        args.setdefault(event_id, []).append(Argument(role, span_id))
    for row in events:
        layer.add_event(R.event_from_row(row, args.get(row[0], [])))


def open_layer(c: Connection, doc_id: int, annotator: str) -> Layer:
    """The layer an annotator works on. The first time they open a document, the
    model's suggestions are copied into it (origin=model, status=suggested). If the model
    layer was replaced since (pre-annotation ran again) and the person has not touched their
    copy yet, they get the new suggestions instead."""
    if c.readonly:  # nothing is seeded nor created: reading writes nothing
        return read_layer(c, doc_id, annotator)
    c.writable_annotator_id(annotator)  # opening seeds the layer: a write (the person made, if new)
    if needs_seeding(c, doc_id, annotator):
        seed_from_model(c, doc_id, annotator)
    return read_layer(c, doc_id, annotator)


def needs_seeding(c: Connection, doc_id: int, annotator: str) -> bool:
    """Whether `open_layer` would copy the model's suggestions into this layer now (read only)."""
    if annotator == MODEL:
        return False
    ann_id = c.annotator_id_or_none(annotator)
    if ann_id is None:
        return True
    return when_seeded(c, doc_id, ann_id) is None or _stale_and_untouched(c, doc_id, ann_id)


def when_seeded(c: Connection, doc_id: int, ann_id: int) -> str | None:
    row = c.execute(
        "SELECT seeded_at FROM assignments WHERE doc_id = ? AND annotator_id = ?", (doc_id, ann_id)
    ).fetchone()
    return row[0] if row else None


SEEDED = "SeedSuggestions"  # the audit kind of a layer (re)seeded with the model's suggestions


# THE rule for "the model layer changed since this layer was seeded", as an SQL condition on a
# document and the ids of the layer's annotator and of the model: SQL expressions (columns, or
# `?` bound in the order they appear: doc, model, doc, annotator). Decided by audit ids, not
# time stamps: a pre-annotation batch stamps its rows with the time it STARTED, so a layer
# seeded from the old suggestions while the batch ran looked newer than the suggestions that
# replaced them, and never took them. Ids follow commit order here: seeding and every system
# write of the model layer hold the project's write lock (SQLite: one writer; PostgreSQL: the
# project-wide advisory lock), so an id taken after a commit is larger than every id that commit
# wrote; push, pull and packages copy the log in its order. A layer without a seed row was
# seeded before the model layer was ever written (`seed_from_model` records every other
# seeding), so every system row of the model counts as newer (an older version recorded no
# empty first copy at all: such a layer, untouched, takes the suggestions once more).
def model_changed_since_seed(doc: str, model: str, annotator: str) -> str:
    return (f"EXISTS (SELECT 1 FROM audit m WHERE m.doc_id = {doc} AND m.annotator_id = {model} "
            f"AND m.action = 'system' AND m.id > coalesce((SELECT max(s.id) FROM audit s "
            f"WHERE s.doc_id = {doc} AND s.annotator_id = {annotator} AND s.action = 'system' "
            f"AND s.edit_kind = '{SEEDED}'), 0))")


def _stale_and_untouched(c: Connection, doc_id: int, ann_id: int) -> bool:
    """The model layer changed after seeding (`model_changed_since_seed`), and the layer is
    still nothing but that seed: it holds only untouched suggestions, its audit log only the
    seeding (no edit of a person, and no layer imported, merged or written by adjudication:
    those are a person's work even when they hold no span, e.g. a layer saying "nothing
    here"), and it is not marked done or skipped."""
    model_id = c.annotator_id_or_none(MODEL)
    if model_id is None:
        return False
    changed = c.execute(
        f"SELECT 1 WHERE {model_changed_since_seed('?', '?', '?')}",  # ? in order: doc, model, doc, layer
        (doc_id, model_id, doc_id, ann_id),
    ).fetchone()
    if not changed:
        return False
    touched = c.execute(
        "SELECT 1 FROM audit WHERE doc_id = ? AND annotator_id = ? "
        f"AND NOT (action = 'system' AND edit_kind = '{SEEDED}') "
        "UNION ALL SELECT 1 FROM assignments WHERE doc_id = ? AND annotator_id = ? AND state IN ('done', 'skipped') "
        "UNION ALL SELECT 1 FROM spans WHERE doc_id = ? AND annotator_id = ? "
        "AND NOT (origin = 'model' AND status = 'suggested') LIMIT 1",
        (doc_id, ann_id, doc_id, ann_id, doc_id, ann_id),
    ).fetchone()
    return touched is None


def seed_from_model(c: Connection, doc_id: int, annotator: str) -> int:
    """Copy the model layer into the annotator's layer as suggestions (replacing an earlier,
    untouched copy). Returns the number of spans copied."""
    ann_id = c.writable_annotator_id(annotator)
    with c.write():
        check_owner(c, annotator)  # a window whose session was taken over seeds nothing
        # Decided, and the model layer read, inside the write lock: a model layer read before it
        # could be replaced before the copy is recorded, which would then pass for a copy of the
        # new suggestions (its seed row newer than theirs) while holding the old ones.
        seeded_at = when_seeded(c, doc_id, ann_id)
        if seeded_at is not None:
            if not _stale_and_untouched(c, doc_id, ann_id):
                return 0
            delete_layer_rows(c, doc_id, ann_id)
        model = read_layer(c, doc_id, MODEL)
        copy = model.with_new_ids(annotator, origin="model", status="suggested")
        insert_layer_rows(c, doc_id, ann_id, copy, now())
        c.execute(
            """INSERT INTO assignments (doc_id, annotator_id, seeded_at, updated_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (doc_id, annotator_id) DO UPDATE SET seeded_at = excluded.seeded_at""",
            (doc_id, ann_id, now(), now()),
        )
        # Recorded whenever the model layer was ever written for this document (even when it
        # is empty now): the row is what `model_changed_since_seed` compares with. Only the
        # first copy of a model layer never written goes without one (opening a document
        # before pre-annotation writes no audit row).
        if copy.spans or seeded_at is not None or _model_written(c, doc_id):
            record(c, ann_id, doc_id, "system", SEEDED, {"spans": len(copy.spans),
                                                         "events": len(copy.events)})
    return len(copy.spans)


def _model_written(c: Connection, doc_id: int) -> bool:
    model_id = c.annotator_id_or_none(MODEL)
    return model_id is not None and c.execute(
        "SELECT 1 FROM audit WHERE doc_id = ? AND annotator_id = ? AND action = 'system' LIMIT 1",
        (doc_id, model_id)).fetchone() is not None


def insert_layer_rows(c: Connection, doc_id: int, ann_id: int, layer: Layer, ts: str) -> None:
    c.executemany(R.SPAN_INSERT, [R.span_values(s, doc_id, ann_id, ts) for s in layer.spans.values()])
    c.executemany(R.EVENT_INSERT, [R.event_values(e, doc_id, ann_id, ts) for e in layer.events.values()])
    c.executemany(R.ARGUMENT_INSERT, [v for e in layer.events.values() for v in R.argument_values(e)])


def delete_layer_rows(c: Connection, doc_id: int, ann_id: int) -> None:
    c.execute(
        "DELETE FROM arguments WHERE event_id IN (SELECT id FROM events WHERE doc_id = ? AND annotator_id = ?)",
        (doc_id, ann_id),
    )
    c.execute("DELETE FROM events WHERE doc_id = ? AND annotator_id = ?", (doc_id, ann_id))
    c.execute("DELETE FROM spans WHERE doc_id = ? AND annotator_id = ?", (doc_id, ann_id))


def replace_layer(c: Connection, doc_id: int, annotator: str, layer: Layer, *, kind: str = "ReplaceLayer",
                  with_state: bool = False) -> None:
    """Replace an annotator's whole layer of a document (pre-annotation, adjudication import).
    Audited as one system row; not undoable from the GUI. `with_state`: the layer's state is
    written too (else the stored one stays)."""
    from ..core.validate import check_event, check_span  # loaded at first use (start-up)

    ann_id = c.writable_annotator_id(annotator, "model" if annotator == MODEL else "annotator")
    text_len = c.text_len(doc_id)
    for span in layer.spans.values():
        check_span(span, text_len, c.scheme)
    for event in layer.events.values():
        check_event(event, layer.spans, c.scheme)
    with c.write():
        check_owner(c, annotator)
        delete_layer_rows(c, doc_id, ann_id)
        insert_layer_rows(c, doc_id, ann_id, layer, now())
        if with_state:
            c.execute(R.STATE_UPSERT, (doc_id, ann_id, layer.state, now()))
        record(c, ann_id, doc_id, "system", kind, {"spans": len(layer.spans), "events": len(layer.events),
                                                   **({"state": layer.state} if with_state else {})})


def add_time(c: Connection, doc_id: int, annotator: str, seconds: float) -> None:
    ann_id = c.writable_annotator_id(annotator)
    with c.write():
        c.execute(
            """INSERT INTO assignments (doc_id, annotator_id, seconds_spent, updated_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (doc_id, annotator_id) DO UPDATE SET
               seconds_spent = assignments.seconds_spent + excluded.seconds_spent""",
            (doc_id, ann_id, float(seconds), now()),
        )
