"""Undo and redo on a layer with more than one writer (two leads on gold), in the core: an undo
or redo that would break the span–event rules in the layer as it is now is refused
(`integrity.check_restoring`), never completed with follow-ups that would change what the
other writer did."""

from __future__ import annotations

import pytest

from annotator.core import (
    AddArgument,
    Argument,
    EditError,
    Event,
    Layer,
    Span,
    new_id,
    set_span_fields,
)
from annotator.core.edits import edited
from annotator.core.integrity import check_restoring, complete, problems

TEXT = "Israeli officials met Egyptian envoys in Cairo on Monday."


def _meeting() -> tuple[Layer, Span, Span, Event]:
    layer = Layer("gold", "in_progress")
    israeli = layer.add_span(Span(new_id(), 0, 7, "NORP", origin="model", status="accepted"))
    egyptian = layer.add_span(Span(new_id(), 22, 30, "NORP"))
    met = layer.add_span(Span(new_id(), 18, 21, "CONSULT", "trigger"))
    event = layer.add_event(Event(new_id(), met.id, "CONSULT"))
    return layer, israeli, egyptian, event


# ------------------------------------------------------------------ undo and redo keep the rules
def test_a_redo_that_would_leave_a_rejected_span_in_an_event_is_refused():
    """Lead A rejects Israeli, undoes it; lead B makes Israeli the source; A's redo (the stored
    edit again, not completed) would leave an accepted event with a rejected source."""
    layer, israeli, _, event = _meeting()
    rejected = complete(layer, set_span_fields(israeli, status="rejected")).edit
    after_a = edited(layer, rejected)
    back = edited(after_a, rejected.inverse())  # A's Ctrl+Z
    check_restoring(after_a, back)  # fits: nothing else changed
    with_b = edited(back, complete(back, AddArgument(event.id, "source", israeli.id)).edit)
    redone = edited(with_b, rejected)  # the stale checks pass: Israeli is accepted again
    assert problems(redone)
    with pytest.raises(EditError, match="changed meanwhile: the NORP span is the source of the CONSULT event now"):
        check_restoring(with_b, redone)


def test_a_layer_broken_before_is_not_held_against_an_undo():
    """Only a problem the step makes is refused: a layer written before the rules (mended by
    `check --fix`) can still be undone in."""
    layer, israeli, egyptian, event = _meeting()
    layer.spans[israeli.id] = israeli.copy(status="rejected")
    layer.events[event.id].arguments.append(Argument("source", israeli.id))  # broken already
    step = set_span_fields(layer.spans[egyptian.id], label="GPE")
    check_restoring(layer, edited(layer, step))
