"""An actor code typed in the span box is saved however the annotator leaves the field.

Enter used to be the only sure way: changing document (Ctrl+]), closing the window, or leaving
the field while the completion list was open (Tab, a click on another span) dropped the typed
code without a word. Each test drives the real window with keys and clicks and reads the
project file afterwards.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.core.model import AnnotatedDocument, Document, Layer, Span
from annotator.store import Project

pytestmark = pytest.mark.gui

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
TEXT = "Egypt urged Qatar to host talks with Hamas on Monday."
EGYPT, QATAR = 1001, 1002


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path):
    """Never touch the user's settings: QSettings (INI, user scope) point into tmp_path."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Document 1 has Egypt (EGY) and Qatar (QAT) coded by ann1; document 2 is there to move to."""
    layer = Layer("ann1")
    layer.add_span(Span(EGYPT, 0, 5, "GPE", actor_code="EGY", origin="human", status="accepted"))
    layer.add_span(Span(QATAR, 12, 17, "GPE", actor_code="QAT", origin="human", status="accepted"))
    path = tmp_path / "work.db"
    project = Project.create(path)
    project.import_documents([
        AnnotatedDocument(Document(TEXT, ext_id="one", title="first"), [layer]),
        AnnotatedDocument(Document("Israel and Jordan signed a deal.", ext_id="two", title="second")),
    ])
    project.close()
    return path


@pytest.fixture
def window(qtbot, db_path: Path):
    from annotator.gui.app import build_window

    window = build_window(db_path, annotator="ann1")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # window shortcuts need it
    window.text_view.setFocus()
    assert window.session.doc_id == 1
    return window


def click_char(qtbot, view, index: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.session.tmap.to_qt(index))
    view.setTextCursor(cursor)
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 3, rect.center().y()))


def type_code_for_egypt(qtbot, window, typed: str):
    """Click "Egypt", press A (the actor field gets the keyboard) and type, without Enter."""
    click_char(qtbot, window.text_view, TEXT.index("Egypt") + 1)
    assert window.session.current_span_id == EGYPT
    qtbot.keyClick(window.text_view, K.Key_A)
    field = window.inspector.span_box.actor
    assert field.hasFocus()
    qtbot.keyClicks(field, typed)
    return field


def stored_code(path: Path, span_id: int = EGYPT) -> str | None:
    with Project.open(path, readonly=True) as project:
        return project.layer(1, "ann1").spans[span_id].actor_code


def user_edits(path: Path) -> int:
    """Audit rows of the annotator's own edits on document 1."""
    with Project.open(path, readonly=True) as project:
        return sum(entry.action == "do" for entry in project.history(1, "ann1"))


def test_ctrl_bracket_after_typing_saves_the_code(qtbot, window, db_path):
    before = user_edits(db_path)
    type_code_for_egypt(qtbot, window, "xqz")  # no completion matches: no list open
    qtbot.keyClick(window.inspector.span_box.actor, K.Key_BracketRight, CTRL)
    assert window.session.doc_id == 2
    assert stored_code(db_path) == "XQZ"
    assert user_edits(db_path) == before + 1


@pytest.mark.parametrize("how", ["ctrl_q", "close_button"])
def test_closing_the_window_saves_the_code(qtbot, window, db_path, how):
    before = user_edits(db_path)
    field = type_code_for_egypt(qtbot, window, "xqz")
    if how == "ctrl_q":
        qtbot.keyClick(field, K.Key_Q, CTRL)
    else:
        window.close()  # what the title bar's close button does
    assert not window.isVisible()
    assert stored_code(db_path) == "XQZ"
    assert user_edits(db_path) == before + 1


def test_tab_out_with_the_completion_list_open_saves_the_code(qtbot, window, db_path):
    field = type_code_for_egypt(qtbot, window, "usa")
    popup = field.completer().popup()
    assert popup.isVisible()  # the case that used to lose the code
    qtbot.keyClick(field, K.Key_Tab)
    assert not field.hasFocus()
    assert stored_code(db_path) == "USA"
    assert field.text() == "USA"  # the screen shows what is on disk
    assert not popup.isVisible()


def test_click_on_another_span_with_the_completion_list_open_saves_the_code(qtbot, window, db_path):
    field = type_code_for_egypt(qtbot, window, "usa")
    assert field.completer().popup().isVisible()
    click_char(qtbot, window.text_view, TEXT.index("Qatar") + 1)
    assert window.session.current_span_id == QATAR
    assert stored_code(db_path, EGYPT) == "USA"
    assert stored_code(db_path, QATAR) == "QAT"  # the typed code went to the span it was typed for
    assert field.text() == "QAT"


def test_typing_the_stored_code_again_writes_no_audit_row(qtbot, window, db_path):
    before = user_edits(db_path)
    field = type_code_for_egypt(qtbot, window, "egy")
    qtbot.keyClick(field, K.Key_Tab)
    qtbot.keyClick(window.focusWidget(), K.Key_BracketRight, CTRL)
    assert window.session.doc_id == 2
    assert stored_code(db_path) == "EGY"
    assert user_edits(db_path) == before


def test_enter_then_changing_document_writes_one_audit_row(qtbot, window, db_path):
    before = user_edits(db_path)
    field = type_code_for_egypt(qtbot, window, "xqz")
    qtbot.keyClick(field, K.Key_Return)
    qtbot.keyClick(field, K.Key_BracketRight, CTRL)
    assert window.session.doc_id == 2
    assert stored_code(db_path) == "XQZ"
    assert user_edits(db_path) == before + 1


def test_a_code_that_cannot_be_saved_is_said_and_the_field_shows_the_stored_one(qtbot, window, db_path):
    window.set_read_only("the test made it read-only")  # as when the file cannot be written
    field = type_code_for_egypt(qtbot, window, "xqz")
    qtbot.keyClick(field, K.Key_BracketRight, CTRL)
    assert window.session.doc_id == 1  # stays once, so the reason is seen
    assert "not saved" in window.status.bar.currentMessage()
    assert field.text() == "EGY" and stored_code(db_path) == "EGY"  # screen and disk agree
    qtbot.keyClick(window.focusWidget(), K.Key_BracketRight, CTRL)
    assert window.session.doc_id == 2  # nothing typed is pending any more: the next try moves on


def test_escape_takes_the_typing_back_and_nothing_is_saved(qtbot, window, db_path):
    before = user_edits(db_path)
    field = type_code_for_egypt(qtbot, window, "xqz")
    qtbot.keyClick(field, K.Key_Escape)
    assert field.text() == "EGY"
    qtbot.keyClick(field, K.Key_BracketRight, CTRL)
    assert window.session.doc_id == 2
    assert stored_code(db_path) == "EGY" and user_edits(db_path) == before
