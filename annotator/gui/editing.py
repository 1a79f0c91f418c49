"""User actions on the open document, turned into core edits and pushed on the undo stack.

No Qt widgets here: each method reads the session's selection, builds one edit (a Batch
when one keypress changes several things, so one undo reverts it) and pushes it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..core.edits import (
    AddEvent,
    AddSpan,
    Batch,
    Edit,
    SetDocState,
    correction,
    delete_span_plan,
    guarded,
    set_argument,
    set_event_fields,
    set_fillers,
    set_span_fields,
)
from ..core.ids import new_id
from ..core.model import Event, Span
from ..core.review import finish_review
from .session import Session
from .tooltips import quote
from .undo import History


class Editor:
    def __init__(self, session: Session, history: History) -> None:
        self.session = session
        self.history = history

    def _fail(self, message: str) -> bool:
        self.history.failed.emit(message)
        return False

    def _push(self, edit: Edit) -> bool:
        return self.history.push(edit)

    # ------------------------------------------------------------------ spans
    def label(self, label: str) -> bool:
        """Give the selected entity span this label, or make the selected text an entity."""
        s = self.session
        span = s.current_span
        if span is not None and span.layer == "entity":
            after = correction(span, label=label)
            return self._push(set_span_fields(span, **after)) if after else True
        if s.current_range is None:
            return self._fail("select some text first (drag, or shift+arrows), then press a label key")
        start, end = s.current_range
        new = Span(new_id(), start, end, label, "entity", origin="human", status="accepted")
        # guarded: on gold, another lead may have marked these words since this copy was read
        edits = guarded(s.layer, [AddSpan(new)])
        if self._push(edits[0] if len(edits) == 1 else Batch(edits, f"add {label}")):
            s.select_span(new.id)
            return True
        return False

    def set_bounds(self) -> bool:
        """Ctrl+B: the span selected last (else the one span the selection overlaps) takes the
        bounds of the text selected now -- "Prime Minister Benjamin Netanyahu" to "Benjamin
        Netanyahu" -- keeping its id, so its roles in events stay; a suggestion is accepted
        (`correction` keeps the model's bounds in attrs.suggested). Before, the only way was a new
        span and a Delete of the old, which dropped its roles (and, forgotten, "Accept all" took
        both)."""
        s = self.session
        if s.current_range is None:
            return self._fail("click the span, then select its new text (drag, or shift+arrows) and press Ctrl+B")
        start, end = s.current_range
        live = [sp for sp in s.layer.spans.values() if sp.status != "rejected"]
        last = s.layer.spans.get(s.last_span_id) if s.last_span_id is not None else None
        if last is not None and last.status != "rejected" and last.start < end and start < last.end:
            span = last
        else:
            overlapping = [sp for sp in live if sp.start < end and start < sp.end and (sp.start, sp.end) != (start, end)]
            if len(overlapping) != 1:
                return self._fail("click the span to change first, then select its new text and press Ctrl+B"
                                  if overlapping else "the selection overlaps no span: a label key makes it one")
            span = overlapping[0]
        if (span.start, span.end) == (start, end):
            return self._fail("the selection is that span's text already: select its new text first")
        if any(sp.id != span.id and (sp.start, sp.end, sp.layer, sp.label) == (start, end, span.layer, span.label)
               for sp in live):
            return self._fail(f"there is a {span.label} at that text already: delete this one instead (Delete)")
        edits: list[Edit] = [set_span_fields(span, **correction(span, start=start, end=end))]
        event = s.layer.event_of_trigger(span.id) if span.layer == "trigger" else None
        if event is not None:
            edits.extend(_decided(event))
        if self._push(Batch(edits, f"{span.label} to {quote(s.text[start:end])}")):
            s.select_span(span.id)
            return True
        return False

    def mark_trigger(self, event_type: str) -> bool:
        """Make the selection the trigger of a new event of this type (or retype a trigger)."""
        s = self.session
        span = s.current_span
        if span is not None and span.layer == "trigger":
            return self._retype(span, event_type)
        rng = (span.start, span.end) if span is not None else s.current_range
        if rng is None:
            return self._fail("select the word that expresses the event first")
        trigger = Span(new_id(), rng[0], rng[1], event_type, "trigger", origin="human", status="accepted")
        event = Event(new_id(), trigger.id, event_type, origin="human", status="accepted")
        if self._push(Batch(guarded(s.layer, [AddSpan(trigger), AddEvent(event)]), f"mark {event_type} trigger")):
            s.select_span(trigger.id)
            return True
        return False

    def _retype(self, trigger: Span, event_type: str) -> bool:
        edits: list[Edit] = []
        after = correction(trigger, label=event_type)
        if after:
            edits.append(set_span_fields(trigger, **after))
        event = self.session.layer.event_of_trigger(trigger.id)
        if event is None:
            edits.append(AddEvent(Event(new_id(), trigger.id, event_type, origin="human", status="accepted")))
        else:
            fields = self._event_type_fields(event, event_type)
            if fields:
                edits.append(set_event_fields(event, **fields))
        return self._push(Batch(edits, f"set type {event_type}")) if edits else True

    def _event_type_fields(self, event: Event, event_type: str) -> dict[str, object]:
        changes: dict[str, object] = {"type": event_type}
        if event.type != event_type and event.mode is not None \
                and self.session.project.scheme.kept_mode(event_type, event.mode) is None:
            changes["mode"] = None  # a mode the new type does not have
        # (one correction of both: the model's mode is kept in attrs["suggested"] with its type)
        return correction(event, **changes)

    def set_actor_code(self, code: str, span_id: int | None = None) -> bool:
        """The actor code of a span: the selected one, or `span_id` (the span a code was typed
        for, which may no longer be selected). No edit when the code is already stored."""
        s = self.session
        span = s.current_span if span_id is None else s.layer.spans.get(span_id)
        if span is None:
            if span_id is not None:
                return self._fail(f"actor code {code.strip().upper()} not saved: its span is gone")
            return self._fail("select a span first")
        value = code.strip().upper() or None
        if value == span.actor_code:
            return True
        # a code given to a suggestion decides on it, as a label or a role does
        return self._push(set_span_fields(span, **correction(span, actor_code=value)))

    def accept(self) -> bool:
        span = self.session.current_span
        if span is None:
            return self._fail("no suggestion selected (Tab goes to the next one)")
        edits: list[Edit] = []
        if span.status != "accepted":
            edits.append(set_span_fields(span, status="accepted"))
        event = self.session.layer.event_of_trigger(span.id)
        if event is not None and event.status != "accepted":
            edits.append(set_event_fields(event, status="accepted"))
        return self._push(Batch(edits, f"accept {span.label}")) if edits else True

    def reject_or_delete(self) -> bool:
        """A model suggestion is rejected (kept for correction statistics); a human span is deleted."""
        span = self.session.current_span
        if span is None:
            return self._fail("select a span first")
        if span.origin == "model":
            if span.status == "rejected":
                return True
            edits: list[Edit] = [set_span_fields(span, status="rejected")]
            event = self.session.layer.event_of_trigger(span.id)
            if event is not None and event.status != "rejected":
                edits.append(set_event_fields(event, status="rejected"))
            ok = self._push(Batch(edits, f"reject {span.label}"))
        else:
            ok = self._push(delete_span_plan(self.session.layer, span.id))
        if ok:
            current = self.session.current_event
            if current is not None and current.status == "rejected":
                # the event just rejected with its trigger is no longer the one the keys edit: a
                # role key next (the annotator moving on) brought it back, accepted with its fillers
                self.session.select_event(None)
            self.session.select_span(None)
        return ok

    def _event_to_edit(self) -> Event | None:
        """The current event, for an edit of its type, mode, roles, negation or context; None
        (and the status bar says why) when there is none or it is rejected: an edit decides on
        an event (`correction`), and one on a rejected event accepted it again unasked."""
        event = self.session.current_event
        if event is None:
            self._fail("select an event first (click its trigger or pick it in the events list)")
        elif event.status == "rejected":
            self._fail(f"the event at {quote(self.session.span_text(event.trigger))} is rejected: Enter accepts "
                       "it again, or select another event")
            return None
        return event

    # ------------------------------------------------------------------ events
    def set_role(self, role: str, span_id: int | None = None, *, add: bool = False) -> bool:
        """Make a span (the selected one by default) the filler of a role of the current event
        (out of another role it had there); the same span again takes it out -- unless it is a
        suggestion, which it confirms (accepts) first. `add` keeps the role's other fillers."""
        s = self.session
        event = self._event_to_edit()
        if event is None:
            return False
        span = s.layer.spans.get(span_id) if span_id is not None else s.current_span
        if span is None:
            return self._fail(f"select the {role} span first (label the selection if it is not a span yet)")
        if span.id == event.trigger:
            return self._fail(f"the trigger cannot be the {role} of its own event")
        present = span.id in event.spans_in_role(role)
        edits: list[Edit] = []
        if present and span.status == "suggested":
            # the suggested filler, given its role again: the annotator confirms it (taking it
            # out on this key would delete what they meant to keep); once accepted the key toggles
            return self._push(Batch([set_span_fields(span, **correction(span)), *_decided(event)], f"confirm {role}"))
        decided = correction(span) if not present else {}  # a suggestion given a role is accepted
        if decided:
            edits.append(set_span_fields(span, **decided))
        # one span fills one role of an event: given another, it moves there (a source that is the
        # target, the commonest correction); refused before, and the hint's "clear that role
        # first" took two presses of the old role's key on a suggestion (the first confirms it)
        moved = [] if present else sorted({a.role for a in event.arguments if a.span_id == span.id} - {role})
        fillers = event.spans_in_role(role)
        wanted = ([f for f in fillers if f != span.id] if present
                  else [*fillers, span.id] if add else [span.id])
        # Each role edit states the fillers this view shows (`set_fillers`): a role another lead
        # changed since is refused as "changed meanwhile", as a stale label is -- never a second
        # source beside theirs.
        for other, after in [*((o, [f for f in event.spans_in_role(o) if f != span.id]) for o in moved),
                             (role, wanted)]:
            edit = set_fillers(event, other, after)
            if edit is not None:
                edits.append(edit)
        edits.extend(_decided(event))
        label = f"remove {role}" if present else (f"add {role}" if add else f"set {role}")
        if moved:
            label = f"{', '.join(moved)} → {role}"
        return self._push(Batch(edits, label))

    def clear_role(self, role: str) -> bool:
        event = self.session.current_event
        if event is None or not event.spans_in_role(role):
            return True
        if self._event_to_edit() is None:
            return False
        cleared = set_argument(self.session.layer, event.id, role, None)  # refused if the role changed meanwhile
        return self._push(Batch([*cleared.edits, *_decided(event)], cleared.label))

    def set_event_type(self, event_type: str) -> bool:
        event = self._event_to_edit()
        if event is None:
            return False
        trigger = self.session.layer.spans.get(event.trigger)
        return self._retype(trigger, event_type) if trigger else False

    def set_mode(self, mode: str | None) -> bool:
        return self._set_event_field("mode", lambda event: mode or None)

    def set_negated(self, negated: bool | None = None) -> bool:
        """Mark the event negated ("did not attack", "denied launching"); None toggles."""
        return self._set_event_field(
            "negated", lambda event: (not event.negated) if negated is None else bool(negated))

    def set_context(self, context: str | None) -> bool:
        """The event's PLOVER context (military, diplomatic, ...), or None."""
        return self._set_event_field("context", lambda event: context or None)

    def _set_event_field(self, name: str, value_for: Callable[[Event], object]) -> bool:
        """One field of the current event, as one edit (none when nothing changes). Correcting a
        suggested event is deciding on it (`correction`), as a new type or role is: left
        suggested, "Reject all and mark done" rejected the event just corrected."""
        event = self._event_to_edit()
        if event is None:
            return False
        fields = correction(event, **{name: value_for(event)})
        return self._push(set_event_fields(event, **fields)) if fields else True

    # ------------------------------------------------------------------ document
    def finish_review(self, choice: str) -> bool:
        """Mark the document done, deciding on every pending suggestion (core/review.py): one
        edit, so one undo brings the suggestions and the state back."""
        ok = self._push(finish_review(self.session.layer, choice))
        if ok:
            self.session.select_span(None)
        return ok

    def toggle_done(self) -> bool:
        state = self.session.layer.state
        after = "in_progress" if state == "done" else "done"
        return self._push(SetDocState(state, after))

    # ------------------------------------------------------------------ navigation
    def step_suggestion(self, forward: bool = True) -> bool:
        s = self.session
        pending = s.suggestions()
        if not pending:
            return self._fail("no suggestions left in this document")
        here = s.current_span
        key = (here.start, here.end, here.layer, here.id) if here else None
        if forward:
            after = [p for p in pending if key is None or (p.start, p.end, p.layer, p.id) > key]
            target = (after or pending)[0]
        else:
            before = [p for p in pending if key is not None and (p.start, p.end, p.layer, p.id) < key]
            target = (before or pending)[-1]
        s.select_span(target.id)
        return True


def _decided(event: Event) -> list[Edit]:
    """A suggested event whose roles the annotator corrects is decided on (`correction`), as a
    new type, mode or negation decides it: left suggested, "Reject all and mark done" rejected
    the event just corrected, and kept the argument spans the annotator had added."""
    fields = correction(event)
    return [set_event_fields(event, **fields)] if fields else []
