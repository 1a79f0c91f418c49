"""Edits: one user edit applied in one transaction together with its audit row.

An edit is applied by loading only the rows it touches into a small `Layer`, letting the
core edit apply itself there (one definition of what an edit means), checking the result
against the text and scheme, and writing the difference plus one audit row in the same
transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from ..core.edits import Edit, edited
from ..core.errors import EditError, InputError
from ..core.ids import new_id
from ..core.model import Event, Layer
from . import rows as R
from .audit import landed_edit, record_at_commit
from .connection import Connection, now
from .engine import CommitAnswerLost
from .layers import add_events, event_queries
from .sessions import owner_read, refuse_unless_owner


@dataclass(frozen=True)
class Applied:
    """What `Project.apply` wrote: the audit row, the edit as stored (the user's edit with the
    changes the span–event rules added; push THIS one on an undo stack) and a short note on
    each added change, for the window to show ("removed PER as source of the MEET event")."""

    audit_id: int
    edit: Edit
    notes: tuple[str, ...] = ()


def apply(c: Connection, doc_id: int, annotator: str, edit: Edit, *, action: str = "do",
          by: str | None = None) -> Applied:
    """Apply one user edit in one transaction together with its audit row. A new edit
    ("do") is first completed by the core's span–event rules (`core.integrity.complete`:
    rejecting a span takes it out of events, accepting an event accepts its spans, …);
    undo and redo are written as given (they restore an earlier state exactly), and refused
    when that would break a rule in the layer as it is now (`core.integrity.check_restoring`:
    another writer changed it since). `by` names who writes (the audit row's writer: the
    undo stacks of `audit.undo_state` are a writer's own). Returns what was written.
    Raises EditError (nothing written) if it does not fit."""
    from ..core.integrity import check_restoring, complete  # loaded at first use (start-up)

    ann_id = c.writable_annotator_id(annotator)
    token = new_id()  # kept in the audit row: tells whether the edit was stored if COMMIT's answer is lost
    try:
        with c.write(scope=(doc_id, ann_id)):  # this layer only: other layers' edits need not wait
            before = _partial_layer(c, doc_id, ann_id, annotator, edit)
            notes: list[str] = []
            if action == "do":
                completed = complete(before, edit)
                edit, notes = completed.edit, completed.notes
            after = edited(before, edit)
            if action != "do":
                check_restoring(before, after)
            _write_difference(c, doc_id, ann_id, before, after)
            audit_id = record_at_commit(c, ann_id, doc_id, action, edit.kind, edit.to_payload(), token, by=by)
    except CommitAnswerLost as lost:
        # The connection broke with COMMIT on its way (a server): the edit may be stored. Reported
        # as the database has it -- saved (the window shows it, with its undo step) or not saved --
        # never "not saved" for an edit that was, which the annotator would then make twice.
        return Applied(landed_edit(c, doc_id, ann_id, token, lost), edit, tuple(notes))
    except Exception as exc:
        # A write the stored rows refuse (a key taken, a row gone). On a server the writes are
        # sent without waiting for their answers, so this can come from the audit row or COMMIT.
        if isinstance(exc, EditError) or not c.engine.is_conflict(exc):
            raise
        raise EditError(f"the edit conflicts with stored data ({exc})") from None
    return Applied(audit_id(), edit, tuple(notes))


def _partial_layer(c: Connection, doc_id: int, ann_id: int, annotator: str, edit: Edit) -> Layer:
    """The rows of the layer the edit touches or refers to: its spans; its events and the events
    that use its spans (so a delete can see a span is still referenced), with their arguments;
    and the spans those events use. All in one go (`query_all`: on a server one round trip,
    with the edit's BEGIN and locks): the events are chosen by the same condition in each read."""
    from ..core.integrity import touched

    reach = touched(edit)
    span_ids, event_ids = sorted(reach.spans), sorted(reach.events)
    layer = Layer(c.annotator_name(ann_id))
    reads: list[tuple[str, Sequence[Any]]] = [
        ("SELECT state FROM assignments WHERE doc_id = ? AND annotator_id = ?", (doc_id, ann_id))]
    if span_ids or event_ids:
        # The events of this layer the edit reaches: named by it, or using one of its spans.
        which: list[str] = []
        values: list[Any] = [doc_id, ann_id]
        if event_ids:
            sql, more = c.engine.any_of("e.id", event_ids)
            which.append(sql)
            values += more
        if span_ids:
            triggers, more = c.engine.any_of("e.trigger_span_id", span_ids)
            arguments, again = c.engine.any_of("span_id", span_ids)
            which += [triggers, f"e.id IN (SELECT event_id FROM arguments WHERE {arguments})"]
            values += more + again
        events_reached = f"e.doc_id = ? AND e.annotator_id = ? AND ({' OR '.join(which)})"
        # Its spans, and every span those events use (their triggers and arguments).
        own, own_values = c.engine.any_of("id", span_ids) if span_ids else ("0 = 1", [])
        reads += event_queries(events_reached, values)
        reads.append((
            f"SELECT {R.SPAN_COLUMNS} FROM spans WHERE doc_id = ? AND annotator_id = ? AND ({own} OR id IN ("
            f"SELECT e.trigger_span_id FROM events e WHERE {events_reached} UNION "
            f"SELECT g.span_id FROM arguments g JOIN events e ON e.id = g.event_id WHERE {events_reached}))",
            [doc_id, ann_id, *own_values, *values, *values]))
    if reach.places:
        # The spans where the edit expects none (core.edits.ExpectFree), read in this transaction:
        # what the layer holds now, not what the editor's copy held. Chosen by start offset (one
        # array parameter on a server); the core compares the whole place.
        starts, start_values = c.engine.any_of("start", sorted({place[0] for place in reach.places}))
        reads.append((f"SELECT {R.SPAN_COLUMNS} FROM spans WHERE doc_id = ? AND annotator_id = ? AND {starts}",
                      [doc_id, ann_id, *start_values]))
    # The session of this layer that this connection took (a window's) must still be its own:
    # read with the edit's other reads, in its transaction (sessions.refuse_unless_owner).
    owner = owner_read(c, annotator)
    if owner is not None:
        reads.append(owner)
    results = c.query_all(reads, prepare=True)
    if owner is not None:
        refuse_unless_owner(c, annotator, results.pop())
    state, *found = results
    layer.state = state[0][0] if state else "todo"
    placed = found.pop() if reach.places else []
    if found:
        arguments_rows, event_rows, span_rows = found
        for row in span_rows:
            layer.add_span(R.span_from_row(row))
        add_events(layer, arguments_rows, event_rows)
    for row in placed:
        span = R.span_from_row(row)
        layer.spans.setdefault(span.id, span)
    return layer


def _write_difference(c: Connection, doc_id: int, ann_id: int, before: Layer, after: Layer) -> None:
    from ..core.validate import check_event, check_span  # loaded at first use (start-up)

    write = partial(c.execute_later, prepare=True)  # the same statements every edit: prepared
    ts = now()
    text_len = c.text_len(doc_id)
    scheme = c.scheme
    try:
        # Order matters for the foreign keys: detach and drop events first, add spans before events.
        # A changed event's arguments are rewritten only where they differ (each row written is a
        # foreign-key check or two on the server).
        for eid, event in before.events.items():
            if eid not in after.events:
                write("DELETE FROM arguments WHERE event_id = ?", (eid,))
                write("DELETE FROM events WHERE id = ?", (eid,))
                continue
            kept = _argument_rows(after.events[eid])
            for role, span_id in _argument_rows(event).keys() - kept.keys():
                write("DELETE FROM arguments WHERE event_id = ? AND role = ? AND span_id = ?", (eid, role, span_id))
        for sid, span in after.spans.items():
            old = before.spans.get(sid)
            if old == span:
                continue
            check_span(span, text_len, scheme)
            if old is None:
                write(R.SPAN_INSERT, R.span_values(span, doc_id, ann_id, ts))
            else:
                write(
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
                write(R.EVENT_INSERT, R.event_values(event, doc_id, ann_id, ts))
            else:
                write(
                    "UPDATE events SET trigger_span_id=?, type=?, mode=?, context=?, negated=?, origin=?, "
                    "status=?, attrs=?, updated_at=? WHERE id=?",
                    (event.trigger, event.type, event.mode, event.context, int(event.negated),
                     event.origin, event.status, R.dumps(event.attrs), ts, eid),
                )
            old_rows = _argument_rows(old_event) if old_event is not None else {}
            for (role, span_id), position in _argument_rows(event).items():
                if (role, span_id) not in old_rows:
                    write(R.ARGUMENT_INSERT, (eid, role, span_id, position))
                elif old_rows[(role, span_id)] != position:
                    write("UPDATE arguments SET position = ? WHERE event_id = ? AND role = ? AND span_id = ?",
                          (position, eid, role, span_id))
        for sid in before.spans.keys() - after.spans.keys():
            write("DELETE FROM spans WHERE id = ?", (sid,))
    except InputError as exc:
        raise EditError(exc.message, hint=exc.hint) from None
    if after.state != before.state:
        write(R.STATE_UPSERT, (doc_id, ann_id, after.state, ts))


def _argument_rows(event: Event) -> dict[tuple[str, int], int]:
    """An event's rows in `arguments`: (role, span id) -> position (as rows.argument_values)."""
    return {(role, span_id): position for _, role, span_id, position in R.argument_values(event)}
