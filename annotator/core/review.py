"""Finishing the review of a document: what "mark done" does with the suggestions still pending.

The annotator chooses (the GUI asks on Ctrl+D when suggestions are pending): accept them all,
reject them all, or leave them pending. Each is ONE Batch with the state change, so one undo
brings the document back as it was. Pure functions over a Layer.
"""

from __future__ import annotations

from .edits import Batch, Edit, SetDocState, set_event_fields, set_span_fields, take_out
from .model import Layer

ACCEPT_ALL = "accept"
REJECT_ALL = "reject"
LEAVE_PENDING = "leave"
CHOICES = (ACCEPT_ALL, REJECT_ALL, LEAVE_PENDING)


def pending_counts(layer: Layer) -> tuple[int, int]:
    """(suggested spans, suggested events) still waiting for a decision."""
    spans = sum(1 for s in layer.spans.values() if s.status == "suggested")
    events = sum(1 for e in layer.events.values() if e.status == "suggested")
    return spans, events


def finish_review(layer: Layer, choice: str) -> Batch:
    """The edits that mark the document done after deciding on every pending suggestion."""
    if choice not in CHOICES:
        raise ValueError(f"choice must be one of {CHOICES}, not {choice!r}")
    edits: list[Edit] = []
    spans = [s for s in layer.spans.values() if s.status == "suggested"]
    events = [e for e in layer.events.values() if e.status == "suggested"]
    if choice == ACCEPT_ALL:
        edits += [set_span_fields(s, status="accepted") for s in spans]
        edits += [set_event_fields(e, status="accepted") for e in events]
        label = f"accept {len(spans)} suggestions, mark done"
    elif choice == REJECT_ALL:
        rejected = {s.id for s in spans}
        rejected_events = {e.id for e in events} | {e.id for e in layer.events.values() if e.trigger in rejected}
        # A rejected span is no argument of an event that stays (the span-event invariant).
        for event in layer.events.values():
            if event.id not in rejected_events and event.status != "rejected":
                edits += take_out(event, [(a.role, a.span_id) for a in event.arguments if a.span_id in rejected])
        edits += [set_span_fields(s, status="rejected") for s in spans]
        edits += [set_event_fields(layer.events[i], status="rejected") for i in sorted(rejected_events)
                  if layer.events[i].status != "rejected"]
        label = f"reject {len(spans)} suggestions, mark done"
    else:
        label = "mark done"  # the suggestions stay pending (the list and status bar count them)
    if layer.state != "done":
        edits.append(SetDocState(layer.state, "done"))
    return Batch(edits, label)
