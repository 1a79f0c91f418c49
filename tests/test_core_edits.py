"""Core edit commands: apply, inverse, payload round trip, stale-edit detection."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core import (
    AddArgument,
    AddEvent,
    AddSpan,
    Argument,
    Batch,
    DeleteSpan,
    Edit,
    EditError,
    Event,
    Layer,
    SetDocState,
    Span,
    accept,
    delete_span_plan,
    new_id,
    reject,
    set_argument,
    set_event_fields,
    set_label,
)
from annotator.core.edits import edited, replay
from annotator.core.integrity import complete
from strategies import layers


def _layer_with_event() -> tuple[Layer, Span, Span, Span, Event]:
    layer = Layer("ann1")
    israel = layer.add_span(Span(new_id(), 0, 6, "GPE"))
    iran = layer.add_span(Span(new_id(), 16, 20, "GPE"))
    trigger = layer.add_span(Span(new_id(), 7, 15, "ASSAULT", layer="trigger"))
    event = layer.add_event(Event(new_id(), trigger.id, "ASSAULT", arguments=[Argument("source", israel.id)]))
    return layer, israel, iran, trigger, event


def test_set_label_and_its_inverse_restore_the_layer():
    layer, israel, *_ = _layer_with_event()
    before = layer.copy()
    edit = set_label(israel, "NORP")
    edit.apply(layer)
    assert layer.spans[israel.id].label == "NORP"
    edit.inverse().apply(layer)
    assert layer == before


def test_stale_edit_is_refused_and_changes_nothing():
    layer, israel, *_ = _layer_with_event()
    set_label(israel, "NORP").apply(layer)
    snapshot = layer.copy()
    with pytest.raises(EditError, match="changed meanwhile"):
        set_label(israel, "ORG").apply(layer)  # built from the old span: expects GPE
    assert layer == snapshot


def test_deleting_a_span_used_by_an_event_needs_the_plan():
    layer, israel, iran, trigger, event = _layer_with_event()
    with pytest.raises(EditError, match="still used"):
        DeleteSpan(israel.copy()).apply(layer)
    before = layer.copy()
    plan = delete_span_plan(layer, trigger.id)
    plan.apply(layer)
    assert trigger.id not in layer.spans and event.id not in layer.events
    plan.inverse().apply(layer)
    assert layer == before


def test_batch_is_all_or_nothing_in_memory():
    layer, israel, *_ = _layer_with_event()
    before = layer.copy()
    bad = Batch([set_label(israel, "ORG"), AddArgument(new_id(), "source", israel.id)])
    with pytest.raises(EditError):
        bad.apply(layer)
    assert layer == before


def test_set_argument_replaces_the_role_filler():
    layer, israel, iran, trigger, event = _layer_with_event()
    set_argument(layer, event.id, "source", iran.id).apply(layer)
    assert layer.events[event.id].spans_in_role("source") == [iran.id]
    set_argument(layer, event.id, "source", None).apply(layer)
    assert layer.events[event.id].spans_in_role("source") == []


def test_unknown_role_and_entity_trigger_are_refused():
    layer, israel, iran, trigger, event = _layer_with_event()
    with pytest.raises(EditError, match="role"):
        AddArgument(event.id, "victim", iran.id).apply(layer)
    with pytest.raises(EditError, match="not a trigger"):
        AddEvent(Event(new_id(), israel.id, "ACCUSE")).apply(layer)


def test_doc_state_edit_checks_the_old_state():
    layer = Layer("ann1")
    SetDocState("todo", "done").apply(layer)
    assert layer.state == "done"
    with pytest.raises(EditError):
        SetDocState("todo", "in_progress").apply(layer)
    SetDocState("todo", "done").apply(layer)  # the goal state is already reached: nothing to do
    assert layer.state == "done"


@st.composite
def edit_sequences(draw):
    """A layer and a sequence of valid edits built against its evolving state."""
    text = "Israeli forces struck Hezbollah targets in Beirut on October 22."
    layer = draw(layers(text, "ann1"))
    work = layer.copy()
    edits: list[Edit] = []
    for _ in range(draw(st.integers(1, 8))):
        choice = draw(st.sampled_from(["add", "label", "accept", "reject", "delete", "event", "arg", "mode"]))
        spans = list(work.spans.values())
        entities = [s for s in spans if s.layer == "entity"]
        triggers = [s for s in spans if s.layer == "trigger" and work.event_of_trigger(s.id) is None]
        edit: Edit | None = None
        if choice == "add" or not spans:
            start = draw(st.integers(0, len(text) - 2))
            edit = AddSpan(Span(new_id(), start, draw(st.integers(start + 1, len(text))), "PERSON"))
        elif choice == "label" and entities:
            edit = set_label(draw(st.sampled_from(entities)), draw(st.sampled_from(["ORG", "GPE", "DATE"])))
        elif choice == "accept":
            edit = accept(draw(st.sampled_from(spans)))
        elif choice == "reject":
            edit = reject(draw(st.sampled_from(spans)))
        elif choice == "delete":
            edit = delete_span_plan(work, draw(st.sampled_from(spans)).id)
        elif choice == "event" and triggers:
            trigger = draw(st.sampled_from(triggers))
            edit = AddEvent(Event(new_id(), trigger.id, trigger.label))
        elif choice == "arg" and work.events and entities:
            event = draw(st.sampled_from(list(work.events.values())))
            edit = set_argument(work, event.id, draw(st.sampled_from(["source", "target"])),
                                draw(st.sampled_from(entities)).id)
        elif choice == "mode" and work.events:
            event = draw(st.sampled_from(list(work.events.values())))
            edit = set_event_fields(event, negated=not event.negated)
        if edit is not None:
            try:  # as the store writes it: with what the span–event rules add
                edit = complete(work, edit).edit
            except EditError:
                continue  # refused by a rule (one span in two roles, …)
            edit.apply(work)
            edits.append(edit)
    return text, layer, edits, work


@settings(max_examples=60, deadline=None)
@given(edit_sequences())
def test_undoing_every_edit_in_reverse_restores_the_start(case):
    _, start, edits, end = case
    layer = start.copy()
    for edit in edits:
        edit.apply(layer)
    assert layer == end
    for edit in reversed(edits):
        edit.inverse().apply(layer)
    assert layer == start


@settings(max_examples=60, deadline=None)
@given(edit_sequences())
def test_payload_round_trip_gives_the_same_edit(case):
    _, _, edits, _ = case
    for edit in edits:
        assert Edit.from_payload(edit.to_payload()) == edit


def test_edited_moves_a_todo_layer_to_in_progress_only_when_its_content_changes():
    layer = Layer("ann1")
    span = Span(new_id(), 0, 6, "GPE")
    after = edited(layer, AddSpan(span))
    assert after.state == "in_progress" and after.spans == {span.id: span}
    assert layer.state == "todo" and layer.spans == {}  # the input is not changed
    assert edited(layer, SetDocState("todo", "done")).state == "done"
    done = edited(after, SetDocState("in_progress", "done"))
    assert edited(done, set_label(span, "ORG")).state == "done"  # only todo moves
    with pytest.raises(EditError):
        edited(layer, DeleteSpan(span))


def test_replay_of_edits_undo_and_redo_rebuilds_the_layer():
    israel, trigger = Span(new_id(), 0, 6, "GPE"), Span(new_id(), 7, 15, "ASSAULT", layer="trigger")
    event = Event(new_id(), trigger.id, "ASSAULT", arguments=[Argument("source", israel.id)])
    add = Batch([AddSpan(israel), AddSpan(trigger), AddEvent(event)])
    relabel = set_label(israel, "NORP")
    log = [add, relabel, relabel.inverse(), relabel]  # do, do, undo, redo
    layer = replay(log, "ann1")
    assert layer.state == "in_progress" and layer.spans[israel.id].label == "NORP"
    assert layer.events == {event.id: event}
    assert replay(log[:3], "ann1").spans[israel.id].label == "GPE"
    assert replay([relabel.inverse()], "ann1", start=layer).spans[israel.id].label == "GPE"
    with pytest.raises(EditError):  # a log that skips a step does not replay
        replay([relabel], "ann1")


@settings(max_examples=40, deadline=None)
@given(edit_sequences())
def test_payloads_are_the_dataclass_fields_as_before(case):
    """Edit.to_payload encodes without dataclasses.asdict (faster) but must write exactly what it
    wrote before: audit rows already stored are decoded with the same rules."""
    from dataclasses import asdict

    _, _, edits, _ = case
    for edit in edits:
        for leaf in edit.leaves():
            assert leaf.to_payload() == {"kind": leaf.kind, **asdict(leaf)}


def test_a_copy_of_a_span_or_event_keeps_every_field_and_shares_nothing_mutable():
    from dataclasses import fields

    span = Span(7, 1, 5, "ORG", "trigger", "IRN", "model", "suggested", {"note": "x"})
    event = Event(8, 7, "MEET", "plan", "context", True, "import", "rejected",
                  [Argument("source", 2), Argument("target", 3)], {"a": 1})
    for original in (span, event):
        copy = original.copy()
        assert all(getattr(copy, f.name) == getattr(original, f.name) for f in fields(original))
        assert copy.attrs is not original.attrs
    assert event.copy().arguments is not event.arguments
    assert span.copy(label="PER").label == "PER" and span.label == "ORG"


def test_a_correction_of_a_suggestion_accepts_it_and_writes_only_what_changes():
    from annotator.core.edits import correction
    from annotator.core.model import Span

    suggested = Span(1, 0, 5, "PERSON", origin="model", status="suggested", actor_code="EGY")
    assert correction(suggested, actor_code="USA") == {"actor_code": "USA", "status": "accepted",
                                                       "attrs": {"suggested": {"actor_code": "EGY"}}}
    assert correction(suggested, actor_code="EGY") == {"status": "accepted"}
    accepted = Span(2, 0, 5, "PERSON", origin="human", status="accepted", actor_code="EGY")
    assert correction(accepted, actor_code="EGY") == {}
    assert correction(accepted, label="ORG") == {"label": "ORG"}


def test_what_a_suggestion_said_is_kept_once_it_is_corrected():
    """A relabelled suggestion stays origin "model", status "accepted": attrs["suggested"] keeps
    what the model said, field by field, so an export tells it from one accepted as it was."""
    from annotator.core.edits import correction, set_span_fields
    from annotator.core.model import Event, Layer, Span

    span = Span(1, 0, 5, "ORG", origin="model", status="suggested", attrs={"generic": True})
    layer = Layer("ann1")
    layer.add_span(span)
    for fields in ({"label": "GPE"}, {"actor_code": "ISR"}, {"label": "PERSON"}):
        set_span_fields(layer.spans[1], **correction(layer.spans[1], **fields)).apply(layer)
    assert layer.spans[1].attrs == {"generic": True, "suggested": {"label": "ORG", "actor_code": None}}
    set_span_fields(layer.spans[1], **correction(layer.spans[1], label="ORG", actor_code=None)).apply(layer)
    assert layer.spans[1].attrs == {"generic": True}  # put back as the model said: nothing to keep
    event = Event(5, 1, "ASSAULT", origin="model", status="suggested")
    assert correction(event, type="COERCE")["attrs"] == {"suggested": {"type": "ASSAULT"}}

