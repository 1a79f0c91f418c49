"""Edits: one user edit applied in one transaction together with its audit row.

An edit is applied by loading only the rows it touches into a small `Layer`, letting the
core edit apply itself there (one definition of what an edit means), checking the result
against the text and scheme, and writing the difference plus one audit row in the same
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.edits import Edit, edited
from ..core.errors import EditError, InputError
from ..core.model import Layer
from . import rows as R
from .audit import record_at_commit
from .connection import Connection, now
from .layers import load_events


@dataclass(frozen=True)
class Applied:
    """What `Project.apply` wrote: the audit row, the edit as stored (the user's edit with the
    changes the span–event rules added; push THIS one on an undo stack) and a short note on
    each added change, for the window to show ("removed PER as source of the MEET event")."""

    audit_id: int
    edit: Edit
    notes: tuple[str, ...] = ()


def apply(c: Connection, doc_id: int, annotator: str, edit: Edit, *, action: str = "do") -> Applied:
    """Apply one user edit in one transaction together with its audit row. A new edit
    ("do") is first completed by the core's span–event rules (`core.integrity.complete`:
    rejecting a span takes it out of events, accepting an event accepts its spans, …);
    undo and redo are written as given (they restore an earlier state exactly).
    Returns what was written. Raises EditError (nothing written) if it does not fit."""
    from ..core.integrity import complete  # loaded at first use (start-up)

    ann_id = c.annotator_id(annotator)
    try:
        with c.write(scope=(doc_id, ann_id)):  # this layer only: other layers' edits need not wait
            before = _partial_layer(c, doc_id, ann_id, annotator, edit)
            notes: list[str] = []
            if action == "do":
                completed = complete(before, edit)
                edit, notes = completed.edit, completed.notes
            after = edited(before, edit)
            _write_difference(c, doc_id, ann_id, before, after)
            audit_id = record_at_commit(c, ann_id, doc_id, action, edit.kind, edit.to_payload())
    except Exception as exc:
        # A write the stored rows refuse (a key taken, a row gone). On a server the writes are
        # sent without waiting for their answers, so this can come from the audit row or COMMIT.
        if isinstance(exc, EditError) or not c.engine.is_conflict(exc):
            raise
        raise EditError(f"the edit conflicts with stored data ({exc})") from None
    return Applied(audit_id(), edit, tuple(notes))


def _partial_layer(c: Connection, doc_id: int, ann_id: int, annotator: str, edit: Edit) -> Layer:
    """The rows of the layer the edit touches or refers to, with the events that use its spans
    (so a delete can see a span is still referenced). Reads that do not depend on each other go
    together (`query_all`: one round trip on a server, with the edit's BEGIN and locks)."""
    from ..core.integrity import touched

    reach = touched(edit)
    span_ids: set[int] = set(reach.spans)
    event_ids: set[int] = set(reach.events)
    layer = Layer(c.annotator_name(ann_id))
    reads = [("SELECT state FROM assignments WHERE doc_id = ? AND annotator_id = ?", (doc_id, ann_id))]
    if span_ids:
        triggers, values = c.engine.any_of("trigger_span_id", sorted(span_ids))
        arguments, more = c.engine.any_of("span_id", sorted(span_ids))
        reads += [
            # Events that use these spans come along, so a delete can see it is still referenced.
            (f"SELECT id FROM events WHERE {triggers} AND doc_id = ? AND annotator_id = ? "
             f"UNION SELECT event_id FROM arguments WHERE {arguments}", [*values, doc_id, ann_id, *more]),
            _spans_query(c, doc_id, ann_id, span_ids),
        ]
    state, *found = c.query_all(reads)
    layer.state = state[0][0] if state else "todo"
    if found:
        event_ids.update(eid for (eid,) in found[0])
        for row in found[1]:
            layer.add_span(R.span_from_row(row))
    if event_ids:
        marks = ",".join("?" * len(event_ids))
        load_events(c, layer, f"e.id IN ({marks}) AND e.doc_id = ? AND e.annotator_id = ?",
                    [*event_ids, doc_id, ann_id])
        missing = {event.trigger for event in layer.events.values()}
        missing.update(a.span_id for event in layer.events.values() for a in event.arguments)
        missing -= span_ids
        if missing:
            sql, params = _spans_query(c, doc_id, ann_id, missing)
            for row in c.execute(sql, params):
                layer.add_span(R.span_from_row(row))
    return layer


def _spans_query(c: Connection, doc_id: int, ann_id: int, span_ids: set[int]) -> tuple[str, list]:
    ids, values = c.engine.any_of("id", sorted(span_ids))
    return f"SELECT {R.SPAN_COLUMNS} FROM spans WHERE {ids} AND doc_id = ? AND annotator_id = ?", [
        *values, doc_id, ann_id]


def _write_difference(c: Connection, doc_id: int, ann_id: int, before: Layer, after: Layer) -> None:
    from ..core.validate import check_event, check_span  # loaded at first use (start-up)

    ts = now()
    text_len = c.text_len(doc_id)
    scheme = c.scheme
    try:
        # Order matters for the foreign keys: detach and drop events first, add spans before events.
        for eid, event in before.events.items():
            if eid not in after.events or after.events[eid] != event:
                c.execute_later("DELETE FROM arguments WHERE event_id = ?", (eid,))
            if eid not in after.events:
                c.execute_later("DELETE FROM events WHERE id = ?", (eid,))
        for sid, span in after.spans.items():
            old = before.spans.get(sid)
            if old == span:
                continue
            check_span(span, text_len, scheme)
            if old is None:
                c.execute_later(R.SPAN_INSERT, R.span_values(span, doc_id, ann_id, ts))
            else:
                c.execute_later(
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
                c.execute_later(R.EVENT_INSERT, R.event_values(event, doc_id, ann_id, ts))
            else:
                c.execute_later(
                    "UPDATE events SET trigger_span_id=?, type=?, mode=?, context=?, negated=?, origin=?, "
                    "status=?, attrs=?, updated_at=? WHERE id=?",
                    (event.trigger, event.type, event.mode, event.context, int(event.negated),
                     event.origin, event.status, R.dumps(event.attrs), ts, eid),
                )
            for values in R.argument_values(event):
                c.execute_later(R.ARGUMENT_INSERT, values)
        for sid in before.spans.keys() - after.spans.keys():
            c.execute_later("DELETE FROM spans WHERE id = ?", (sid,))
    except InputError as exc:
        raise EditError(exc.message, hint=exc.hint) from None
    if after.state != before.state:
        c.execute_later(
            """INSERT INTO assignments (doc_id, annotator_id, state, updated_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (doc_id, annotator_id) DO UPDATE SET state = excluded.state,
               updated_at = excluded.updated_at""",
            (doc_id, ann_id, after.state, ts),
        )
