"""core/review.py: what marking a document done does with its pending suggestions."""

from __future__ import annotations

import pytest

from annotator.core.model import Argument, Event, Layer, Span
from annotator.core.review import ACCEPT_ALL, LEAVE_PENDING, REJECT_ALL, finish_review, pending_counts


def _layer() -> Layer:
    layer = Layer("ann")
    layer.state = "in_progress"
    layer.add_span(Span(1, 0, 3, "CONSULT", "trigger", origin="human", status="accepted"))
    layer.add_span(Span(2, 4, 9, "PERSON", origin="model", status="suggested"))
    layer.add_span(Span(3, 10, 12, "ATTACK", "trigger", origin="model", status="suggested"))
    layer.add_span(Span(4, 13, 15, "ORG", origin="human", status="accepted"))
    layer.add_event(Event(10, 1, "CONSULT", arguments=[Argument("source", 2), Argument("target", 4)]))
    layer.add_event(Event(11, 3, "ATTACK", origin="model", status="suggested"))
    return layer


def test_accept_all():
    layer = _layer()
    assert pending_counts(layer) == (2, 1)
    finish_review(layer, ACCEPT_ALL).apply(layer)
    assert {s.status for s in layer.spans.values()} == {"accepted"}
    assert layer.events[11].status == "accepted" and layer.state == "done"


def test_reject_all_keeps_no_rejected_argument_and_undoes_in_one_step():
    layer = _layer()
    before = layer.copy()
    edit = finish_review(layer, REJECT_ALL)
    edit.apply(layer)
    assert layer.spans[2].status == "rejected" and layer.spans[3].status == "rejected"
    assert layer.events[10].arguments == [Argument("target", 4)]  # the rejected source is gone
    assert layer.events[11].status == "rejected" and layer.state == "done"
    edit.inverse().apply(layer)
    assert layer.spans == before.spans and layer.events == before.events and layer.state == "in_progress"


def test_leave_pending_only_marks_done():
    layer = _layer()
    finish_review(layer, LEAVE_PENDING).apply(layer)
    assert pending_counts(layer) == (2, 1) and layer.state == "done"
    with pytest.raises(ValueError):
        finish_review(layer, "maybe")


@pytest.mark.parametrize("choice", [ACCEPT_ALL, REJECT_ALL])
def test_finishing_a_todo_document_undoes_back_to_todo_and_redoes(choice):
    """As the store writes edits (`edited`): the first edit of a todo document moves it to in
    progress, but not an edit that sets the state itself -- else the undo of "accept all and
    mark done" left the document in progress and its redo (todo -> done) no longer fitted."""
    from annotator.core.edits import edited

    start = _layer()
    start.state = "todo"
    edit = finish_review(start, choice)
    done = edited(start, edit)
    assert done.state == "done"
    undone = edited(done, edit.inverse())
    assert undone.state == "todo" and undone.spans == start.spans and undone.events == start.events
    assert edited(undone, edit) == done


def test_a_plain_first_edit_still_moves_a_todo_document_to_in_progress():
    from annotator.core.edits import edited, set_span_fields

    start = _layer()
    start.state = "todo"
    assert edited(start, set_span_fields(start.spans[2], status="accepted")).state == "in_progress"
