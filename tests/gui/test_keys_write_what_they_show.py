"""Keys write what the window shows, and only where the annotator is: an actor code chosen from
the completion list is saved; a letter in a choice box opens its list instead of saving a new
type; Enter and Delete in a list act on the list, not on a span selected out of sight; correcting
a suggested event's mode, context or negation decides on it. Driven through the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .conftest import SEED, find
from .helpers import click_char, click_choice, drag, focus_by_f6, highlight_completion, key, mark_trigger, stored_layer

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.mark.parametrize("then", ["enter_again", "back_to_text", "next_document", "close"])
def test_an_actor_code_chosen_from_the_completion_list_is_saved(qtbot, make_window, db_path, then):
    window = make_window(db_path)
    key(qtbot, window, K.Key_Tab)  # the "Israeli" suggestion
    span_id = window.session.current_span_id
    field = highlight_completion(qtbot, window, "is")
    popup = field.completer().popup()
    qtbot.keyClick(popup, K.Key_Return)  # choose the highlighted code
    shown = field.text()
    assert shown.upper().startswith("IS")
    if then == "enter_again":
        qtbot.keyClick(field, K.Key_Return)
    elif then == "back_to_text":
        key(qtbot, window, K.Key_K, CTRL)
    elif then == "next_document":
        key(qtbot, window, K.Key_BracketRight, CTRL)
    else:
        window.close()
    stored = stored_layer(db_path).spans[span_id]
    assert (stored.actor_code, stored.status) == (shown, "accepted")  # before: None, still suggested


@pytest.mark.parametrize("box, letter", [("type", K.Key_R), ("mode", K.Key_V), ("label", K.Key_S)])
def test_a_letter_in_a_choice_box_opens_its_list_and_saves_nothing_until_enter(qtbot, window, db_path, box, letter):
    click_char(qtbot, window.text_view, find(SEED, "met")[0] + 1)  # the suggested CONSULT event
    event_id, trigger_id = window.session.current_event_id, window.session.current_span_id
    before = stored_layer(db_path)
    choice = window.inspector.span_box.label if box == "label" else getattr(window.event_panel, box)
    focus_by_f6(qtbot, window, choice)
    qtbot.keyClick(choice, letter)  # before: RETREAT, mode "visit", SUPPORT were saved at once
    assert stored_layer(db_path).events == before.events and stored_layer(db_path).spans == before.spans
    popup = choice.view()
    assert popup.isVisible()
    wanted = popup.currentIndex().data()
    assert wanted and wanted.lower().startswith(chr(letter).lower())
    qtbot.keyClick(popup, K.Key_Return)  # Enter chooses it: one saved edit
    after = stored_layer(db_path)
    if box == "mode":
        assert after.events[event_id].mode is not None and after.events[event_id].status == "accepted"
    else:
        assert after.events[event_id].type == wanted == after.spans[trigger_id].label


def test_enter_on_a_row_of_the_events_list_selects_it_and_decides_nothing(qtbot, window, db_path):
    mark_trigger(qtbot, window, *find(SEED, "urged"), "requ")
    click_char(qtbot, window.text_view, find(SEED, "met")[0] + 1)
    consult = window.session.current_event_id
    rows = window.event_panel.list
    rows.setFocus()
    qtbot.keyClick(rows, K.Key_Down if window.event_panel.view_row_of(consult) == 0 else K.Key_Up)
    qtbot.keyClick(rows, K.Key_Return)
    assert stored_layer(db_path).events[consult].status == "suggested"  # before: accepted, out of sight
    assert window.session.current_event.type == "REQUEST"


@pytest.mark.parametrize("pressed", [K.Key_Delete, K.Key_Backspace, K.Key_Return])
def test_keys_in_the_document_list_never_decide_on_the_span_selected_in_the_text(qtbot, window, db_path, pressed):
    key(qtbot, window, K.Key_Tab)
    span_id = window.session.current_span_id
    key(qtbot, window, K.Key_L, CTRL)
    assert window.doc_panel.table.hasFocus()
    qtbot.keyClick(window.doc_panel.table, pressed)
    assert stored_layer(db_path).spans[span_id].status == "suggested"


def test_correcting_a_suggested_events_negation_decides_on_it(qtbot, window, db_path):
    click_char(qtbot, window.text_view, find(SEED, "met")[0] + 1)
    event_id = window.session.current_event_id
    key(qtbot, window, K.Key_N, CTRL | SHIFT)
    event = stored_layer(db_path).events[event_id]
    assert (event.negated, event.status, event.attrs) == (True, "accepted", {"suggested": {"negated": False}})
    key(qtbot, window, K.Key_D, CTRL)
    click_choice(qtbot, window, "reviewPending", "reject")  # "reject all": not the event just corrected
    assert stored_layer(db_path).events[event_id].status == "accepted"


def test_correcting_a_suggested_events_context_decides_on_it(qtbot, window, db_path):
    click_char(qtbot, window.text_view, find(SEED, "met")[0] + 1)
    event_id = window.session.current_event_id
    key(qtbot, window, K.Key_C, CTRL | SHIFT)
    picker = window.context_picker()
    qtbot.keyClicks(picker.filter, "democ")
    qtbot.keyClick(picker.filter, K.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    event = stored_layer(db_path).events[event_id]
    assert event.context is not None and event.status == "accepted"


def test_a_role_key_after_rejecting_a_trigger_never_brings_its_event_back(qtbot, window, db_path):
    """Delete on a suggested trigger rejects it and its event; the event stayed the frame's, and the
    next role key (click another entity, Alt+S) accepted the rejected event, its trigger and its
    other suggested fillers, saying only "set source"."""
    click_char(qtbot, window.text_view, find(SEED, "met")[0] + 1)  # the suggested CONSULT event
    event_id, trigger_id = window.session.current_event_id, window.session.current_span_id
    key(qtbot, window, K.Key_Delete)
    assert window.session.current_event is None and not window.event_panel.frame.isVisible()
    click_char(qtbot, window.text_view, find(SEED, "Antony Blinken")[0] + 1)
    key(qtbot, window, K.Key_S, ALT)
    stored = stored_layer(db_path)
    assert (stored.events[event_id].status, stored.spans[trigger_id].status) == ("rejected", "rejected")
    assert "select an event first" in window.status.bar.currentMessage()
    # picked again in the events list, the rejected event is refused an edit until Enter accepts it
    window.session.select_event(event_id)
    click_char(qtbot, window.text_view, find(SEED, "Antony Blinken")[0] + 1)
    key(qtbot, window, K.Key_S, ALT)
    assert stored_layer(db_path).events[event_id].status == "rejected"
    assert "is rejected: Enter accepts it again" in window.status.bar.currentMessage()


def test_esc_puts_the_event_down_unless_a_pick_is_under_way(qtbot, window):
    click_char(qtbot, window.text_view, find(SEED, "met")[0] + 1)
    assert window.session.current_event is not None
    window.event_panel.pick_buttons["source"].click()  # a pick under way: Esc stops it, the event stays
    key(qtbot, window, K.Key_Escape)
    assert window.session.current_event is not None and window.event_panel.picking() is None
    key(qtbot, window, K.Key_Escape)  # before: the frame stayed, and role keys wrote into it
    assert window.session.current_event is None and not window.event_panel.frame.isVisible()


def test_ctrl_b_gives_a_span_new_bounds_and_it_keeps_its_roles(qtbot, window, db_path):
    """Fixing a span's boundaries took a new span and a Delete of the old: the old one's roles
    were dropped, and forgotten, "Accept all" accepted both overlapping spans."""
    name = find(SEED, "Benjamin Netanyahu")
    click_char(qtbot, window.text_view, find(SEED, "met")[0] + 1)
    event_id = window.session.current_event_id
    click_char(qtbot, window.text_view, name[0] + 1)
    span_id = window.session.current_span_id
    assert window.session.layer.spans[span_id].layer == "entity"
    key(qtbot, window, K.Key_S, ALT)  # Netanyahu, the source of the meeting
    click_char(qtbot, window.text_view, name[0] + 1)
    wider = (find(SEED, "Prime Minister Benjamin Netanyahu")[0], name[1])
    drag(window.text_view, *wider)
    key(qtbot, window, K.Key_B, CTRL)
    stored = stored_layer(db_path)
    span = stored.spans[span_id]
    assert (span.start, span.end, span.status) == (*wider, "accepted")
    assert stored.events[event_id].spans_in_role("source") == [span_id]  # the role stayed with it
    assert window.session.current_span_id == span_id
    key(qtbot, window, K.Key_Z, CTRL)  # one undo puts the bounds back
    assert (stored_layer(db_path).spans[span_id].start, stored_layer(db_path).spans[span_id].end) == name
    # a selection over no span says what a label key does instead
    drag(window.text_view, *find(SEED, "afterward"))
    key(qtbot, window, K.Key_B, CTRL)
    assert "overlaps no span" in window.status.bar.currentMessage()


def test_a_role_key_on_a_filler_of_another_role_moves_it_there(qtbot, window, db_path):
    """The source that is really the target: Alt+T was refused "(clear that role first)", and on
    a suggested filler the first Alt+S to clear it only confirmed it."""
    click_char(qtbot, window.text_view, find(SEED, "met")[0] + 1)
    event_id = window.session.current_event_id
    click_char(qtbot, window.text_view, find(SEED, "Benjamin Netanyahu")[0] + 1)
    span_id = window.session.current_span_id
    key(qtbot, window, K.Key_S, ALT)
    key(qtbot, window, K.Key_T, ALT)
    event = stored_layer(db_path).events[event_id]
    assert (event.spans_in_role("source"), event.spans_in_role("target")) == ([], [span_id])
    assert "source → target" in window.status.saved.text()
    key(qtbot, window, K.Key_Z, CTRL)  # one undo: the source again
    event = stored_layer(db_path).events[event_id]
    assert (event.spans_in_role("source"), event.spans_in_role("target")) == ([span_id], [])
