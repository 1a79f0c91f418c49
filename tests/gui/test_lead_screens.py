"""Lead screens (issue 16, item 6): progress (F9) and model quality (F8) as tables and charts
with the right counts; the dashboard names documents by title and explains the one-annotator
case; every message box has a real title; the window is active again after each dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.gui import timekeeping
from annotator.gui.dialogs.progress import ProgressDock

from .helpers import key
from .test_agreement_gui import agree_db, lead_window  # noqa: F401 - fixtures
from .test_team_gui import FakeClock

pytestmark = pytest.mark.gui
K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _column(table, name: str) -> int:
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())].index(name)


def test_progress_is_a_sortable_table_and_a_chart_with_the_right_counts(qtbot, make_window, monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(timekeeping, "CLOCK", clock)
    window = make_window()
    key(qtbot, window, K.Key_Tab)
    key(qtbot, window, K.Key_Return)  # one edit: document 1 is in progress
    clock.advance(40)
    window.open_document(3)
    key(qtbot, window, K.Key_D, CTRL)  # document 3 done (no suggestions: no question)
    key(qtbot, window, K.Key_F9)
    dock = window.findChild(ProgressDock)
    qtbot.waitUntil(lambda: bool(dock.rows), timeout=10000)
    table = dock.table
    row = [table.item(r, 0).text() for r in range(table.rowCount())].index("ann1")
    cell = {name: table.item(row, _column(table, name)).text()
            for name in ("done", "in progress", "to do", "time")}
    # Three documents, nobody assigned: one done, one in progress, one still to do.
    assert cell["done"] == "1" and cell["in progress"] == "1" and cell["to do"] == "1"
    assert cell["time"] == "40s"  # not "0m"
    assert dock.chart.rows[0][0] == "ann1" and dock.chart.rows[0][1] == pytest.approx(1 / 3)
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(_column(table, "to do")) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert table.isSortingEnabled() and header.sortIndicatorSection() == _column(table, "to do")
    suggestions = dock.suggestions
    labels = [suggestions.item(r, 1).text() for r in range(suggestions.rowCount())]
    assert "NORP" in labels  # the accepted "Israeli" suggestion


def test_a_failed_task_box_has_a_real_title_and_gives_the_keys_back(qtbot, window):
    def failing(progress, cancel):  # type: ignore[no-untyped-def]
        raise OSError("the export folder is gone")

    window.run_task("Exporting", failing, lambda value: None)

    def box():
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)

    qtbot.waitUntil(lambda: box() is not None, timeout=10000)
    assert box().windowTitle() == "Exporting failed — annotator"
    assert "export folder is gone" in box().text()
    qtbot.mouseClick(box().button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_no_message_box_is_titled_just_annotator():
    import ast
    from pathlib import Path

    import annotator.gui

    for path in Path(annotator.gui.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "QMessageBox":
                titles = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                assert all(t.strip() != "annotator" for t in titles), path


def test_the_dashboard_names_documents_by_title(qtbot, lead_window):
    from .test_agreement_gui import open_dashboard

    dashboard = open_dashboard(qtbot, lead_window)
    model = dashboard.disagreement_model
    names = {model.data(model.index(r, 0)) for r in range(model.rowCount())}
    assert names == {"Accusation <b>not bold</b>"}  # the title, as plain text, not "1 a1"


def test_the_dashboard_explains_the_one_annotator_case(qtbot, window):
    key(qtbot, window, K.Key_Tab)
    key(qtbot, window, K.Key_Return)  # ann1 has work; nobody else
    qtbot.keyClick(window.text_view, K.Key_A, CTRL | SHIFT)
    from annotator.gui.dialogs.agreement_dashboard import AgreementDashboard

    dashboard = window.findChild(AgreementDashboard)
    qtbot.waitUntil(lambda: dashboard.report is not None, timeout=20000)
    text = dashboard.summary.text()
    assert "only ann1 has annotated" in text and "annotator assign" in text
    assert not any(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets())
    dashboard.close()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    key(qtbot, window, K.Key_Z, CTRL)  # shortcuts work again at once
    assert window.status.left.text() == "5 suggestions left"


def test_adjudication_with_one_annotator_says_why_in_a_titled_view(qtbot, window):
    key(qtbot, window, K.Key_Tab)
    key(qtbot, window, K.Key_Return)  # ann1 has work on document 1; nobody else
    qtbot.keyClick(window.text_view, K.Key_J, CTRL | SHIFT)
    QApplication.processEvents()
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert all(b.windowTitle().strip() != "annotator" for b in boxes)
    from annotator.gui.dialogs.adjudication import AdjudicationDialog

    dialog = window.findChild(AdjudicationDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle().startswith("Adjudicate Netanyahu meets Blinken")
    assert "compares two annotators" in dialog.message.text() and "only ann1 has" in dialog.message.text()
    dialog.close()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
