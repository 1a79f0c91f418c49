"""Driving the text view like a user: points of characters, clicks and drags."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from annotator.store import Project


def point_of(view, index: int) -> QPoint:
    """Viewport point inside the character at Python index `index` (scrolled into view)."""
    qpos = view.session.tmap.to_qt(index)
    cursor = QTextCursor(view.document())
    cursor.setPosition(qpos)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    rect = view.cursorRect(cursor)
    return QPoint(rect.x() + 3, rect.center().y())


def click_char(qtbot, view, index: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, point_of(view, index))


def drag(view, start: int, end: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press inside character `start`, release just before the end of character `end - 1`."""
    p1 = point_of(view, start)
    p1.setX(p1.x() - 2)
    last = point_of(view, end - 1)
    p2 = QPoint(last.x() + 1, last.y())
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifier, p1)
    QTest.mouseMove(viewport, p2)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, p2)


def key(qtbot, window, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    target = window.focusWidget() or window.text_view
    qtbot.keyClick(target, k, modifier)


def focus_by_f6(qtbot, window, target) -> None:
    """F6 (the next place that takes keys) until `target` has the focus, as a user gets there."""
    for _ in range(12):
        if target.hasFocus():
            return
        key(qtbot, window, Qt.Key.Key_F6)
    assert target.hasFocus()


def mark_trigger(qtbot, window, start: int, end: int, typed: str) -> None:
    """Select [start, end) with the mouse, press T and pick the type `typed` starts (the picker's
    filter, then Enter), as an annotator marks an event by hand."""
    from PySide6.QtWidgets import QApplication

    drag(window.text_view, start, end)
    key(qtbot, window, Qt.Key.Key_T)
    qtbot.keyClicks(window.type_picker().filter, typed)
    qtbot.keyClick(window.type_picker().filter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def highlight_completion(qtbot, window, typed: str):
    """Press A, type `typed` in the actor code field and Down in its completion list: the field
    then shows the highlighted code. Returns the field."""
    key(qtbot, window, Qt.Key.Key_A)
    field = window.inspector.span_box.actor
    qtbot.keyClicks(field, typed)
    popup = field.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    return field


def stored_layer(path, doc_id: int = 1, annotator: str = "ann1"):
    with Project.open(path, readonly=True) as project:
        return project.layer(doc_id, annotator)


def span_at(layer, start: int, end: int, label: str | None = None):
    found = [s for s in layer.spans.values() if s.start == start and s.end == end
             and (label is None or s.label == label)]
    return found[0] if found else None


def click_choice(qtbot, window, box_name: str, choice: str) -> None:
    """Click the button `choice` of the open question box `box_name` (messages.ask), as a user."""
    from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

    def box():
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QMessageBox) and w.objectName() == box_name and w.isVisible()), None)

    qtbot.waitUntil(lambda: box() is not None)
    button = box().findChild(QAbstractButton, f"{box_name}_{choice}")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box() is None)
    # Shortcuts work again at once: the window is active without a window manager's help.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def record_task_progress(monkeypatch) -> list[tuple[int, int]]:
    """Every (done, total) the next task dialogs show. Recorded from where the dialog connects
    its thread, when it is built: connecting after the task started missed a quick task's
    reports (they are queued to the connections made before they were sent)."""
    from annotator.gui.dialogs.task import TaskDialog

    seen: list[tuple[int, int]] = []
    shown = TaskDialog._progress

    def recorded(dialog, done: int, total: int) -> None:
        seen.append((done, total))
        shown(dialog, done, total)

    monkeypatch.setattr(TaskDialog, "_progress", recorded)
    return seen


def activate(qtbot, widget) -> None:
    """Make `widget` the active window, as a click on it would, and wait until it is."""
    from PySide6.QtWidgets import QApplication

    widget.activateWindow()
    widget.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def lead_window_on(make_window, path, doc_id: int = 1):  # type: ignore[no-untyped-def]
    """The real window opened as the lead on `path`, at document `doc_id`."""
    window = make_window(path, annotator="lead")
    window.open_document(doc_id)
    return window
