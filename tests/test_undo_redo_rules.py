"""Undo and redo on a layer with more than one writer (two leads on gold), in the core: a role
edit states the fillers it replaces (`SetRole`), and an undo or redo that would break the
span–event rules in the layer as it is now is refused (`integrity.check_restoring`), never
completed with follow-ups that would change what the other writer did."""

from __future__ import annotations

import pytest

from annotator.core import (
    AddArgument,
    Argument,
    Batch,
    Edit,
    EditError,
    Event,
    Layer,
    SetRole,
    Span,
    new_id,
    set_argument,
    set_fillers,
    set_span_fields,
)
from annotator.core.edits import edited
from annotator.core.integrity import check_restoring, complete, problems, touched

TEXT = "Israeli officials met Egyptian envoys in Cairo on Monday."


def _meeting() -> tuple[Layer, Span, Span, Event]:
    layer = Layer("gold", "in_progress")
    israeli = layer.add_span(Span(new_id(), 0, 7, "NORP", origin="model", status="accepted"))
    egyptian = layer.add_span(Span(new_id(), 22, 30, "NORP"))
    met = layer.add_span(Span(new_id(), 18, 21, "CONSULT", "trigger"))
    event = layer.add_event(Event(new_id(), met.id, "CONSULT"))
    return layer, israeli, egyptian, event


# ------------------------------------------------------------------ role edits state what they replace
def test_a_role_set_from_a_stale_copy_is_refused_instead_of_adding_a_second_source():
    layer, israeli, egyptian, event = _meeting()
    seen = layer.copy()  # what lead A's window shows: no source
    set_argument(layer, event.id, "source", israeli.id).apply(layer)  # lead B: Israeli is the source
    stale = set_argument(seen, event.id, "source", egyptian.id)  # lead A, from the copy read before
    with pytest.raises(EditError, match="source of the CONSULT event changed meanwhile") as refused:
        stale.apply(layer)
    assert "the NORP span now, expected none" in refused.value.message
    assert layer.events[event.id].spans_in_role("source") == [israeli.id]


def test_adding_or_clearing_a_filler_also_checks_the_fillers_seen():
    layer, israeli, egyptian, event = _meeting()
    seen = layer.copy()
    set_fillers(layer.events[event.id], "target", [egyptian.id]).apply(layer)  # another writer
    with pytest.raises(EditError, match="changed meanwhile"):  # Alt+Shift+T from the stale copy
        set_fillers(seen.events[event.id], "target", [israeli.id]).apply(layer)
    with pytest.raises(EditError, match="changed meanwhile"):  # clearing what the copy showed (nothing)
        SetRole(event.id, "target", [], []).apply(layer)
    cleared = set_fillers(layer.events[event.id], "target", [])
    assert cleared is not None and cleared.describe() == "clear target"
    cleared.apply(layer)
    assert layer.events[event.id].arguments == []


def test_a_role_edit_is_its_own_inverse_with_the_sides_swapped_and_round_trips_as_a_payload():
    layer, israeli, egyptian, event = _meeting()
    start = layer.copy()
    edit = set_fillers(layer.events[event.id], "source", [egyptian.id, israeli.id])
    assert edit == SetRole(event.id, "source", [], sorted([israeli.id, egyptian.id]))
    assert edit.describe() == "add source"
    assert Edit.from_payload(edit.to_payload()) == edit
    assert edit.inverse().inverse() == edit
    edit.apply(layer)
    assert layer.events[event.id].arguments == sorted(
        [Argument("source", israeli.id), Argument("source", egyptian.id)], key=lambda a: a.span_id)
    assert set_fillers(layer.events[event.id], "source", [israeli.id, egyptian.id]) is None  # nothing to do
    edit.inverse().apply(layer)
    assert layer == start
    assert touched(edit).spans == {israeli.id, egyptian.id} and touched(edit).events == {event.id}


def test_undoing_a_role_refuses_when_someone_changed_that_role_since():
    """Alt+S on Israeli, then another writer moves the source to Egyptian: the undo (source back
    to none) would clear their source; it is refused."""
    layer, israeli, egyptian, event = _meeting()
    mine = set_fillers(layer.events[event.id], "source", [israeli.id])
    mine.apply(layer)
    set_fillers(layer.events[event.id], "source", [egyptian.id]).apply(layer)  # someone else
    with pytest.raises(EditError, match="changed meanwhile"):
        mine.inverse().apply(layer)
    assert layer.events[event.id].spans_in_role("source") == [egyptian.id]


def test_the_span_event_rules_complete_a_role_edit_as_they_did_an_added_argument():
    layer, israeli, egyptian, event = _meeting()
    layer.spans[egyptian.id] = egyptian.copy(origin="model", status="suggested")
    done = complete(layer, Batch([set_fillers(layer.events[event.id], "target", [egyptian.id])]))
    assert done.notes == ["accepted NORP (target of the CONSULT event)"]
    layer.spans[israeli.id] = israeli.copy(status="rejected")
    with pytest.raises(EditError, match="rejected; accept it before"):
        complete(layer, set_fillers(layer.events[event.id], "source", [israeli.id]))
    layer.events[event.id].arguments.append(Argument("source", egyptian.id))
    with pytest.raises(EditError, match="already the source of this CONSULT event"):
        complete(layer, set_fillers(layer.events[event.id], "target", [egyptian.id]))


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
