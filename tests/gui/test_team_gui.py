"""Team work in the window (issue 8): assignments drive "next to do", blind mode, time on
document fed from the window, and the progress pane."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core.edits import AddSpan
from annotator.core.ids import new_id
from annotator.core.model import Span
from annotator.gui import timekeeping
from annotator.gui.dialogs import evaluate as evaluate_dialog
from annotator.store import Project
from annotator.store.team import assign, assignments, set_role

from .conftest import SEED, find
from .helpers import activate, click_choice, key
from .test_text_rendering import _format_at, bg_alpha

pytestmark = pytest.mark.gui


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def seconds_spent(path, annotator: str = "ann1") -> dict[int, float]:
    with Project.open(path, readonly=True) as p:
        rows = p.conn.execute(
            "SELECT a.doc_id, a.seconds_spent FROM assignments a JOIN annotators n ON n.id = a.annotator_id "
            "WHERE n.name = ? AND a.seconds_spent > 0", (annotator,)).fetchall()
    return {doc: seconds for doc, seconds in rows}


# ---------------------------------------------------------------------------- assignments
def test_next_to_do_walks_only_the_documents_assigned_to_me(qtbot, make_window, db_path):
    with Project.open(db_path) as p:
        assign(p, ["ann1", "ann2"], per_doc=1, seed=3)
        mine = set(assignments(p, "ann1"))
    assert mine and len(mine) < 3  # the test needs documents that are not mine
    window = make_window()
    assert window.session.doc_id in mine  # the window opens on an assigned document
    visited = {window.session.doc_id}
    for _ in range(4):
        key(qtbot, window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
        visited.add(window.session.doc_id)
    assert visited == mine


# ---------------------------------------------------------------------------- blind mode
def _ann2_marks_gaza_and_qatar(path) -> tuple[tuple[int, int], tuple[int, int]]:
    """ann2 (another annotator) labels words in documents 1 and 3 (in ann2's layer)."""
    gaza = find(SEED, "Gaza")
    with Project.open(path) as p:
        p.apply(1, "ann2", AddSpan(Span(new_id(), *gaza, "GPE", origin="human", status="accepted")))
        p.apply(3, "ann2", AddSpan(Span(new_id(), 0, 5, "GPE", origin="human", status="accepted")))
    return gaza, (0, 5)


def test_an_annotator_never_sees_another_annotators_layer(qtbot, make_window, db_path, monkeypatch):
    gaza, qatar = _ann2_marks_gaza_and_qatar(db_path)
    window = make_window()
    window.open_document(1)
    shown = {(s.start, s.end) for s in window.session.visible_spans()}
    assert gaza not in shown
    assert find(SEED, "Benjamin Netanyahu") in shown  # the model's suggestions are shown
    assert bg_alpha(_format_at(window.text_view, gaza[0])) == 0
    assert all((qs, qe) != (window.session.tmap.to_qt(gaza[0]), window.session.tmap.to_qt(gaza[1]))
               for qs, qe, *_ in window.text_view.highlighter._items.values())
    window.open_document(3)
    assert bg_alpha(_format_at(window.text_view, qatar[0])) == 0 and not window.session.visible_spans()

    # Other places that list layers follow blind mode too: export and model quality.
    offered = _layers_offered_for_export(window, monkeypatch)
    assert "ann2" not in offered and "ann1" in offered
    assert "ann2" not in evaluate_dialog.quality_choices(window.project, "ann1")


def _layers_offered_for_export(window, monkeypatch) -> list[str]:
    """The layers the export dialog offers, captured instead of showing the dialog."""
    offered: list[list[str]] = []

    class NoExport:
        class finished:  # noqa: N801 - the signal the window connects to give the keys back
            connect = staticmethod(lambda slot: None)

        def __init__(self, layers, current, parent=None):
            offered.append(layers)

        def exec(self) -> int:
            return 0

    monkeypatch.setattr("annotator.gui.main_window.ExportDialog", NoExport)
    window.export_documents()
    return offered[-1]


def test_a_lead_may_compare_and_export_every_layer(qtbot, make_window, db_path, monkeypatch):
    _ann2_marks_gaza_and_qatar(db_path)
    with Project.open(db_path) as p:
        set_role(p, "boss", "lead")
    window = make_window(annotator="boss")
    assert "ann2" in evaluate_dialog.quality_choices(window.project, "boss")
    offered = _layers_offered_for_export(window, monkeypatch)
    assert "ann2" in offered


def test_screens_with_other_annotators_work_are_for_the_lead_in_a_team_round(qtbot, make_window, db_path):
    from annotator.gui.blind import SHOWS_OTHER_LAYERS

    with Project.open(db_path) as p:
        assign(p, ["ann1", "ann2"], per_doc=2, seed=1)
        set_role(p, "boss", "lead")
    annotator = make_window()
    present = [name for name in SHOWS_OTHER_LAYERS if name in annotator.actions_]
    assert present  # the agreement screens exist (a renamed action must be listed in gui/blind.py)
    assert all(not annotator.actions_[name].isEnabled() for name in present)
    annotator.close()
    lead = make_window(annotator="boss")
    assert all(lead.actions_[name].isEnabled() for name in present)


def test_the_document_list_keeps_room_for_titles_beside_the_team_columns(qtbot, make_window, db_path):
    """With a colleague's work shown ("others", "gold"), the titles were squeezed to "…" at the
    default 1280 x 800 window."""
    _ann2_marks_gaza_and_qatar(db_path)
    with Project.open(db_path) as p:
        set_role(p, "boss", "lead")
    window = make_window(annotator="boss")
    window.resize(1280, 800)
    QApplication.processEvents()
    table = window.doc_panel.table
    assert not table.isColumnHidden(table.model().columnCount() - 1)  # the team columns are shown
    assert table.columnWidth(1) >= table.fontMetrics().horizontalAdvance("m" * 8)


# ---------------------------------------------------------------------------- time on document
def test_time_counts_while_open_active_and_not_idle(qtbot, make_window, db_path, monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(timekeeping, "CLOCK", clock)
    window = make_window()
    window.open_document(1)
    clock.advance(30)
    key(qtbot, window, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)  # next document
    assert window.session.doc_id == 2
    assert seconds_spent(db_path) == pytest.approx({1: 30})  # written on the switch

    clock.advance(1000)  # reading, then away: only the idle timeout (3 min) counts
    window.open_document(3)
    assert seconds_spent(db_path)[2] == pytest.approx(180)

    other = QWidget()  # another program's window gets the focus
    qtbot.addWidget(other)
    other.show()
    activate(qtbot, other)
    qtbot.waitUntil(lambda: not window.timekeeper.tracker.is_counting())
    clock.advance(50)
    activate(qtbot, window)
    assert window.timekeeper.tracker.is_counting()
    clock.advance(170)
    qtbot.keyClick(window.text_view, Qt.Key.Key_Right)  # input keeps it counting past the timeout
    clock.advance(100)
    window.timekeeper.flush()  # the periodic flush
    assert seconds_spent(db_path)[3] == pytest.approx(270)

    clock.advance(20)
    window.close()  # closing writes the rest
    assert seconds_spent(db_path)[3] == pytest.approx(290)


def test_time_is_not_written_while_a_long_task_holds_the_write_lock(qtbot, make_window, db_path, monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(timekeeping, "CLOCK", clock)
    window = make_window()
    window.open_document(1)
    clock.advance(40)
    window.history.blocked = "importing"
    window.timekeeper.flush()
    assert seconds_spent(db_path) == {}
    window.history.blocked = None
    window.timekeeper.flush()
    assert seconds_spent(db_path) == pytest.approx({1: 40})


def test_time_keeps_counting_in_the_windows_own_dialogs(qtbot, make_window, db_path, monkeypatch):
    from annotator.gui.widgets.type_picker import TypePicker

    clock = FakeClock()
    monkeypatch.setattr(timekeeping, "CLOCK", clock)
    window = make_window()
    window.open_document(1)
    window.session.select_range(*find(SEED, "met"))
    key(qtbot, window, Qt.Key.Key_T)  # the event type picker: a dialog of the window
    picker = window.findChild(TypePicker)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is picker)
    clock.advance(100)
    qtbot.keyClick(QApplication.focusWidget() or picker, Qt.Key.Key_C)  # typing in the picker is work
    clock.advance(100)
    QApplication.processEvents()
    assert window.timekeeper.tracker.is_counting()
    picker.reject()
    window.close()
    assert seconds_spent(db_path)[1] == pytest.approx(200)



# ---------------------------------------------------------------------------- progress pane
def _progress_lines(qtbot, window) -> list[str]:
    from annotator.gui.dialogs.progress import ProgressDock

    key(qtbot, window, Qt.Key.Key_F9)  # View → Progress
    dock = window.findChild(ProgressDock)
    assert dock is not None and dock.isVisible()
    qtbot.waitUntil(lambda: bool(dock.lines), timeout=10000)
    names = [dock.table.item(r, 0).text() for r in range(dock.table.rowCount())]
    assert names == [r.name for r in dock.rows]  # the table shows the same people as the text
    return dock.lines


def test_progress_pane_shows_the_lead_every_annotator(qtbot, make_window, db_path, monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(timekeeping, "CLOCK", clock)
    with Project.open(db_path) as p:
        assign(p, ["ann1", "ann2"], per_doc=2, seed=1)
        set_role(p, "boss", "lead")
    ann1 = make_window()
    ann1.open_document(1)
    key(qtbot, ann1, Qt.Key.Key_Tab)  # first suggestion
    key(qtbot, ann1, Qt.Key.Key_Return)  # accepted as suggested
    clock.advance(125)
    key(qtbot, ann1, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # done
    click_choice(qtbot, ann1, "reviewPending", "leave")
    ann1.close()

    lead = make_window(annotator="boss")
    lines = _progress_lines(qtbot, lead)
    rows = {line.split()[0]: line.split() for line in lines[1:] if line and not line.startswith(" ")}
    assert set(rows) >= {"ann1", "ann2"}
    # name assigned done in-progress to-do time events events/h
    assert rows["ann1"][1:5] == ["3", "1", "0", "2"] and rows["ann1"][5] == "2m"
    assert rows["ann2"][1:5] == ["3", "0", "0", "3"]
    assert any(re.match(r"\s+ann1\s+\S+\s+1 /\s+0 /\s+0 \(\d+ pending\)", line) for line in lines), lines


def test_progress_pane_shows_an_annotator_only_their_own_line(qtbot, make_window, db_path):
    with Project.open(db_path) as p:
        assign(p, ["ann1", "ann2"], per_doc=2, seed=1)
    window = make_window()
    lines = _progress_lines(qtbot, window)
    names = [line.split()[0] for line in lines[1:] if line.strip()]
    assert "ann1" in names and "ann2" not in names
