"""Ctrl+D with suggestions pending asks what to do with them (issue 16, item 4); each choice is
one undoable edit; done documents look done in the list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.store import Project

from .conftest import SEED, find
from .helpers import click_char, click_choice, key, stored_layer

pytestmark = pytest.mark.gui
K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _statuses(layer) -> list[str]:
    return sorted(s.status for s in layer.spans.values())


def test_accept_all_accepts_every_suggestion_and_marks_done_in_one_undo(qtbot, window, db_path):
    key(qtbot, window, K.Key_D, CTRL)
    box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "reviewPending")
    assert box.windowTitle() == "Mark done with suggestions pending — annotator"
    assert "5 suggested spans and 1 suggested event" in box.text() and "Netanyahu meets Blinken" in box.text()
    click_choice(qtbot, window, "reviewPending", "accept")
    layer = stored_layer(db_path)
    assert layer.state == "done" and _statuses(layer) == ["accepted"] * 5
    assert [e.status for e in layer.events.values()] == ["accepted"]
    assert window.status.left.text() == "0 suggestions left"
    key(qtbot, window, K.Key_Z, CTRL)  # one undo: all pending again, and to do as it was
    layer = stored_layer(db_path)
    assert layer.state == "todo" and _statuses(layer) == ["suggested"] * 5
    assert window.status.left.text() == "5 suggestions left"
    key(qtbot, window, K.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)  # and the redo still fits
    layer = stored_layer(db_path)
    assert layer.state == "done" and _statuses(layer) == ["accepted"] * 5
    assert window.status.last_error in (None, "")


def test_reject_all_rejects_them_and_takes_them_out_of_the_events_that_stay(qtbot, window, db_path):
    # A human event whose source is still a suggestion: rejecting all leaves the event without it.
    start, end = find(SEED, "neither party issued")
    met = find(SEED, "met")[0]
    click_char(qtbot, window.text_view, met)
    key(qtbot, window, K.Key_Return)  # accept the "met" event (and its trigger)
    click_char(qtbot, window.text_view, find(SEED, "Antony Blinken")[0])
    key(qtbot, window, K.Key_T, ALT)  # Blinken becomes the target: accepted by setting the role
    key(qtbot, window, K.Key_D, CTRL)
    click_choice(qtbot, window, "reviewPending", "reject")
    layer = stored_layer(db_path)
    assert layer.state == "done"
    assert _statuses(layer) == ["accepted", "accepted", "rejected", "rejected", "rejected"]
    rejected = {s.id for s in layer.spans.values() if s.status == "rejected"}
    for event in layer.events.values():
        assert not {a.span_id for a in event.arguments} & rejected
    assert window.doc_model.data(window.doc_model.index(0, 2)) == "✓ done"


def test_enter_in_the_pending_question_cancels_instead_of_accepting_everything(qtbot, window, db_path):
    """Enter is the accept key: an annotator pressing it once too often after Ctrl+D accepted
    every pending suggestion (the box's default was "Accept all and mark done")."""
    key(qtbot, window, K.Key_D, CTRL)
    box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "reviewPending")
    qtbot.waitUntil(box.isVisible)
    qtbot.keyClick(box, K.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())
    layer = stored_layer(db_path)
    assert layer.state == "todo" and _statuses(layer) == ["suggested"] * 5
    assert "not marked done" in window.status.last_error


def test_leave_pending_marks_done_and_cancel_changes_nothing(qtbot, window, db_path):
    key(qtbot, window, K.Key_D, CTRL)
    click_choice(qtbot, window, "reviewPending", "cancel")
    assert stored_layer(db_path).state == "todo"
    assert "not marked done" in window.status.last_error
    key(qtbot, window, K.Key_D, CTRL)  # the shortcut still works: the window was re-activated
    click_choice(qtbot, window, "reviewPending", "leave")
    layer = stored_layer(db_path)
    assert layer.state == "done" and _statuses(layer) == ["suggested"] * 5
    key(qtbot, window, K.Key_D, CTRL)  # a done document reopens without a question
    assert stored_layer(db_path).state == "in_progress"


def test_a_document_without_suggestions_is_marked_done_at_once_and_looks_done(qtbot, window, db_path):
    window.open_document(3)
    key(qtbot, window, K.Key_D, CTRL)
    assert stored_layer(db_path, 3).state == "done"
    model = window.doc_model
    row = model.row_of(3)
    assert model.data(model.index(row, 2)) == "✓ done"
    assert model.data(model.index(row, 1), Qt.ItemDataRole.FontRole).strikeOut()
    assert model.data(model.index(row, 1), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, 1), Qt.ItemDataRole.BackgroundRole) is None  # not done: plain
    with Project.open(db_path, readonly=True) as project:
        assert project.history(3, "ann1")[-1].kind == "SetDocState"


def test_the_status_message_of_one_document_is_gone_on_the_next(qtbot, window):
    key(qtbot, window, K.Key_T)  # nothing selected: an error message
    assert window.statusBar().currentMessage()
    key(qtbot, window, K.Key_BracketRight, CTRL)
    assert window.session.doc_id == 2
    assert window.statusBar().currentMessage() == "" and window.status.last_error == ""


def test_a_code_given_to_a_suggestion_accepts_it_so_reject_all_keeps_it(qtbot, window, db_path):
    """Correcting a suggestion's actor code is deciding on it, as a label key or a role is."""
    blinken = find(SEED, "Antony Blinken")[0]
    click_char(qtbot, window.text_view, blinken)
    span_id = window.session.current_span_id
    assert stored_layer(db_path).spans[span_id].status == "suggested"
    key(qtbot, window, K.Key_A)
    field = window.inspector.span_box.actor
    field.selectAll()
    qtbot.keyClicks(field, "USAGOV")
    qtbot.keyClick(field, K.Key_Return)
    span = stored_layer(db_path).spans[span_id]
    assert span.actor_code == "USAGOV" and span.status == "accepted"
    key(qtbot, window, K.Key_D, CTRL)
    click_choice(qtbot, window, "reviewPending", "reject")
    span = stored_layer(db_path).spans[span_id]
    assert span.status == "accepted" and span.actor_code == "USAGOV"



def test_accepting_an_event_names_the_suggestions_it_accepted_with_it(qtbot, make_window, tmp_path):
    """Enter on a suggested trigger accepts its argument spans (an accepted event rests on
    accepted spans): the annotator never saw them and Tab no longer stops there. The status bar
    now names them; after Ctrl+Z the saved label says what was undone, not "saved ✓ change status"."""
    from annotator.core.model import AnnotatedDocument, Argument, Document

    from .conftest import model_layer

    layer = model_layer(SEED)
    by_text = {SEED[s.start:s.end]: s for s in layer.spans.values()}
    (event,) = layer.events.values()
    event.arguments = [Argument("source", by_text["Benjamin Netanyahu"].id),
                       Argument("target", by_text["Antony Blinken"].id)]
    path = tmp_path / "args.db"
    with Project.create(path) as p:
        p.import_documents([AnnotatedDocument(Document(SEED, ext_id="seed", title="seed"), [layer])])
    window = make_window(path)
    click_char(qtbot, window.text_view, find(SEED, "met")[0])
    key(qtbot, window, K.Key_Return)
    message = window.statusBar().currentMessage()
    assert message == "also accepted: “Benjamin Netanyahu” PERSON, “Antony Blinken” PERSON"
    assert window.status.saved.text().startswith("saved ✓ accept CONSULT ·")  # the rules' notes: tooltip
    stored = {SEED[s.start:s.end]: s.status for s in stored_layer(path).spans.values()}
    assert stored["Benjamin Netanyahu"] == stored["Antony Blinken"] == "accepted" and stored["October 22"] == "suggested"
    key(qtbot, window, K.Key_Z, CTRL)
    assert window.status.saved.text().startswith("saved ✓ undone: accept CONSULT ·")
    assert not window.statusBar().currentMessage().startswith("also")  # nothing else was accepted now
    assert all(status == "suggested" for status in
               (s.status for s in stored_layer(path).spans.values()))


def test_a_refusal_leaves_the_status_bar_once_an_edit_is_saved(qtbot, window, db_path):
    key(qtbot, window, K.Key_S, ALT)  # no event selected: refused
    assert "select an event" in window.statusBar().currentMessage()
    click_char(qtbot, window.text_view, find(SEED, "Antony Blinken")[0])
    key(qtbot, window, K.Key_Return)  # accept the suggestion: saved
    assert window.statusBar().currentMessage() == "" and window.status.last_error == ""
