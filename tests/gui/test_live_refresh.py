"""Live refresh (issue 17): the window shows others' progress and the lead's gold without a
restart — another `Project` on the same file plays the other annotator or the lead — and
never touches the user's own open layer, undo stack, selection or focus."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core.edits import AddSpan, SetDocState
from annotator.core.ids import new_id
from annotator.core.model import GOLD, AnnotatedDocument, Document, Span
from annotator.gui.app import app_settings
from annotator.gui.prefs import LIVE_KEY
from annotator.store import Project
from annotator.store.team import assign, set_role

from .conftest import SEED, find
from .helpers import key

pytestmark = pytest.mark.gui
K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def finish(path, doc_id: int, who: str, start: int = 0, end: int = 5) -> None:
    """Another annotator (another process, here another connection) annotates and finishes."""
    with Project.open(path) as other:
        other.apply(doc_id, who, AddSpan(Span(new_id(), start, end, "GPE", status="accepted")))
        other.apply(doc_id, who, SetDocState("in_progress", "done"))


FINISH_SCRIPT = """
import sys
from annotator.core.edits import AddSpan, SetDocState
from annotator.core.ids import new_id
from annotator.core.model import Span
from annotator.store import Project
path, doc_id, who = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with Project.open(path) as other:
    other.apply(doc_id, who, AddSpan(Span(new_id(), 0, 5, "GPE", status="accepted")))
    other.apply(doc_id, who, SetDocState("in_progress", "done"))
"""


def finish_in_another_process(path, doc_id: int, who: str) -> None:
    subprocess.run([sys.executable, "-c", FINISH_SCRIPT, str(path), str(doc_id), who], check=True, timeout=60)


def cell(window, doc_id: int, column: int) -> str:
    model = window.doc_model
    return model.data(model.index(model.row_of(doc_id), column)) or ""


def own_state(window):
    """What must survive a live refresh: the open layer object, its content, the undo stack,
    the selection and the focus."""
    s = window.session
    return (id(s.layer), s.layer.spans.copy(), s.layer.state, window.history.stack.count(),
            window.history.stack.index(), s.current_span_id, QApplication.focusWidget())


@pytest.fixture
def lead(qtbot, make_window, db_path):
    with Project.open(db_path) as p:
        set_role(p, "boss", "lead")
    window = make_window(annotator="boss")
    window.live.set_interval(50)  # quick polls for the test (3 s by default)
    return window


def test_the_progress_pane_counts_the_windows_own_work(qtbot, window, monkeypatch):
    """Only others' changes made it count again: two documents marked done here still read
    "done 0" until a colleague changed something."""
    import annotator.gui.live as live
    from annotator.gui.dialogs.progress import ProgressDock

    monkeypatch.setattr(live, "PROGRESS_GAP_S", 0.3)  # the pane counts at most this often
    key(qtbot, window, K.Key_F9)
    dock = window.findChild(ProgressDock)
    qtbot.waitUntil(lambda: any(r.name == "ann1" for r in dock.rows), timeout=10000)
    assert next(r for r in dock.rows if r.name == "ann1").done == 0
    for doc_id in (2, 3):
        window.open_document(doc_id)
        window.text_view.setFocus()
        key(qtbot, window, K.Key_D, CTRL)
    qtbot.waitUntil(lambda: next(r for r in dock.rows if r.name == "ann1").done == 2, timeout=10000)


def test_another_annotator_finishing_a_document_shows_in_the_list_and_progress(qtbot, lead, db_path):
    key(qtbot, lead, K.Key_Tab)  # the lead's own work: the first suggestion, accepted (one undo step)
    key(qtbot, lead, K.Key_Return)
    key(qtbot, lead, K.Key_F9)  # the progress pane
    from annotator.gui.dialogs.progress import ProgressDock

    dock = lead.findChild(ProgressDock)
    qtbot.waitUntil(lambda: bool(dock.lines), timeout=10000)
    lead.text_view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is lead.text_view)
    before = own_state(lead)
    assert before[3] == 1 and cell(lead, 2, 4) == ""

    finish_in_another_process(db_path, 2, "ann2")  # another annotator's app, on the same file

    qtbot.waitUntil(lambda: cell(lead, 2, 4) == "1", timeout=5000)  # "others" column: one done
    qtbot.waitUntil(lambda: any(r.name == "ann2" and r.done == 1 for r in dock.rows), timeout=10000)
    assert lead.status.bar.currentMessage() == "1 document updated by others"
    assert own_state(lead) == before  # own layer, undo stack, selection and focus untouched
    finish(lead.project.path, 3, "ann2")  # a second change soon after: the pane counts again later
    qtbot.waitUntil(lambda: cell(lead, 3, 4) == "1", timeout=5000)
    assert lead.live.progress_timer.isActive() and not any(r.done == 2 for r in dock.rows)
    key(qtbot, lead, K.Key_Z, CTRL)  # and undo still undoes the lead's own step
    assert lead.history.stack.index() == 0


def test_the_leads_gold_shows_in_an_annotators_list_and_keeps_their_place(qtbot, make_window, db_path):
    with Project.open(db_path) as p:  # 30 more documents: the list scrolls
        p.import_documents([AnnotatedDocument(Document(f"Talks {i} were held in Doha.", ext_id=f"x{i}",
                                                       title=f"extra {i}")) for i in range(30)])
    settings = app_settings()  # the poll interval is a setting
    settings.setValue(LIVE_KEY, 50)
    settings.sync()
    window = make_window()
    assert window.live.timer.interval() == 50
    window.doc_panel.table.setFocus()  # the annotator browses the list: down to the last document
    last = window.doc_model.doc_id(window.doc_model.rowCount() - 1)
    window.open_document(last)
    bar = window.doc_panel.table.verticalScrollBar()
    assert bar.value() > 0
    position, before = bar.value(), own_state(window)

    with Project.open(db_path) as boss:  # the lead adjudicates document 1 in another window
        boss.apply(1, GOLD, AddSpan(Span(new_id(), *find(SEED, "Antony Blinken"), "PERSON", status="accepted")))
        boss.apply(1, GOLD, SetDocState("in_progress", "done"))

    qtbot.waitUntil(lambda: cell(window, 1, 5) == "✓", timeout=5000)  # the "gold" column
    assert window.status.bar.currentMessage() == "gold updated on 1 document"
    assert bar.value() == position and own_state(window) == before
    assert window.doc_panel.table.selectionModel().selectedRows()[0].row() == window.doc_model.row_of(last)


def test_new_documents_and_assignments_arrive_and_blind_mode_follows(qtbot, make_window, db_path):
    window = make_window()
    window.live.set_interval(50)
    assert window.doc_panel.table.isColumnHidden(4)  # a lone annotator: no "others" and "gold" columns
    with Project.open(db_path) as boss:
        boss.import_documents([AnnotatedDocument(Document("Egypt urged calm in Cairo.", ext_id="new"))])
        assign(boss, ["ann1", "ann2"], per_doc=1, seed=1)
    qtbot.waitUntil(lambda: window.doc_model.rowCount() == 4, timeout=5000)
    assert window.status.bar.currentMessage() == "1 new document; assignments changed"
    # ann1 now works in a team round: blind, so others' progress and gold are hidden
    assert window.doc_panel.table.isColumnHidden(4) and window.doc_panel.table.isColumnHidden(5)
    assert not window.actions_["adjudicate"].isEnabled()


def test_the_team_columns_appear_with_a_colleagues_first_work(qtbot, make_window, db_path):
    """Two empty columns left a lone user's titles three letters wide; they come back as soon as
    someone else works in the project (not blind: no assignments)."""
    window = make_window()
    window.live.set_interval(50)
    assert window.doc_panel.table.isColumnHidden(4) and window.doc_panel.table.isColumnHidden(5)
    finish(db_path, 1, "ann2")
    qtbot.waitUntil(lambda: not window.doc_panel.table.isColumnHidden(4), timeout=5000)
    assert not window.doc_panel.table.isColumnHidden(5)
    qtbot.waitUntil(lambda: cell(window, 1, 4) == "1", timeout=5000)  # ann2 marked it done


def test_the_poll_does_nothing_when_nothing_changed(qtbot, lead):
    resets, changed, arrived = [], [], []
    model = lead.doc_model
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda *a: changed.append(1))
    lead.live.arrived.connect(arrived.append)
    marker = lead.live.marker
    qtbot.wait(300)  # several polls
    assert lead.live.poll() is None
    key(qtbot, lead, K.Key_Tab)  # the lead's own edits are not news either
    key(qtbot, lead, K.Key_Return)
    changed.clear()
    qtbot.wait(300)
    assert lead.live.poll() is None
    assert lead.live.marker != marker  # it saw the own edit go by ...
    assert not resets and not changed and not arrived  # ... and refreshed nothing
    assert lead.status.bar.currentMessage() == ""


def test_the_adjudication_view_shows_an_annotators_change_and_keeps_the_gold_work(qtbot, lead, db_path):
    with Project.open(db_path) as p:
        for who in ("ann1", "ann2"):
            p.apply(1, who, AddSpan(Span(new_id(), *find(SEED, "Benjamin Netanyahu"), "PERSON", status="accepted")))
        p.apply(1, "ann1", AddSpan(Span(new_id(), *find(SEED, "Antony Blinken"), "PERSON", status="accepted")))
    key(qtbot, lead, K.Key_J, CTRL | Qt.KeyboardModifier.ShiftModifier)  # adjudicate this document
    from annotator.gui.dialogs.adjudication import AdjudicationDialog

    dialog = lead.findChild(AdjudicationDialog)
    assert dialog is not None and dialog.isVisible()
    assert {dialog.left_name, dialog.right_name} == {"ann1", "ann2"} and len(dialog.conflicts) == 1
    assert dialog.pick(0 if dialog.left_name == "ann1" else 1)  # take ann1's Blinken into gold
    gold_before = (id(dialog.gold_session.layer), dialog.gold_session.layer.spans.copy(),
                   dialog.history.stack.count(), dialog.history.stack.index())
    main_before = own_state(lead)

    with Project.open(db_path) as p:  # ann2 adds Blinken too, and a date: one new conflict
        p.apply(1, "ann2", AddSpan(Span(new_id(), *find(SEED, "Antony Blinken"), "PERSON", status="accepted")))
        p.apply(1, "ann2", AddSpan(Span(new_id(), *find(SEED, "October 22"), "DATE", status="accepted")))

    ann2 = dialog.left if dialog.left_name == "ann2" else dialog.right
    qtbot.waitUntil(lambda: any(s.label == "DATE" for s in ann2.session.layer.spans.values()), timeout=5000)
    assert [(c.start, c.end) for c in dialog.conflicts] == [find(SEED, "October 22")]
    assert (id(dialog.gold_session.layer), dialog.gold_session.layer.spans.copy(),
            dialog.history.stack.count(), dialog.history.stack.index()) == gold_before
    assert own_state(lead)[:6] == main_before[:6]
    dialog.close()


def test_a_document_leaving_the_filtered_list_keeps_the_selection_and_opens_nothing(qtbot, make_window, db_path):
    window = make_window()
    window.live.set_interval(50)
    panel = window.doc_panel
    panel.state_filter.setCurrentIndex(panel.state_filter.findData("todo"))
    window.open_document(3)
    panel.table.setFocus()  # browsing the list: a moved current row would open a document
    assert [window.doc_model.doc_id(r) for r in range(window.doc_model.rowCount())] == [1, 2, 3]
    opened = []
    window.session.loaded.connect(lambda: opened.append(window.session.doc_id))

    finish(db_path, 2, "ann1")  # e.g. the lead merged ann1's work package with document 2 done

    qtbot.waitUntil(lambda: window.doc_model.rowCount() == 2, timeout=5000)
    assert [window.doc_model.doc_id(r) for r in range(2)] == [1, 3]
    assert panel.table.selectionModel().selectedRows()[0].row() == 1  # still document 3
    assert not opened and window.session.doc_id == 3 and QApplication.focusWidget() is panel.table


def test_the_interval_is_set_in_settings_and_zero_stops_polling(qtbot, window, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog

    assert window.live.timer.isActive() and window.live.timer.interval() == 3000  # the default

    def answer(seconds: int) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        spin = dialog.findChild(QWidget, "liveRefreshSeconds")
        spin.setValue(seconds)
        dialog.accept()

    QTimer.singleShot(0, lambda: answer(7))
    key(qtbot, window, K.Key_Comma, CTRL)  # Settings
    assert window.live.timer.isActive() and window.live.timer.interval() == 7000
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # the window has the keys again
    QTimer.singleShot(0, lambda: answer(0))
    key(qtbot, window, K.Key_Comma, CTRL)
    assert not window.live.timer.isActive()


def test_the_windows_own_import_is_not_news(qtbot, window, tmp_path):
    from annotator.formats import WriteOptions, native

    window.live.set_interval(20)
    arrived = []
    window.live.arrived.connect(arrived.append)
    corpus = tmp_path / "more.jsonl"
    native.write([AnnotatedDocument(Document(f"Egypt urged calm, day {i}.", ext_id=f"more{i}")) for i in range(3)],
                 corpus, WriteOptions())
    dialog = window.start_import(corpus, "jsonl")  # a worker thread on its own connection
    with qtbot.waitSignal(dialog.finished_with, timeout=20000):
        pass
    assert window.doc_model.rowCount() == 6
    qtbot.wait(200)  # polls after the import
    assert not arrived and window.status.bar.currentMessage().startswith("imported 3 documents")
    finish(window.project.path, 5, "ann2")  # but others' work after it is
    qtbot.waitUntil(lambda: bool(arrived), timeout=5000)
    assert window.status.bar.currentMessage() == "1 document updated by others"


def test_news_never_hides_an_error_in_the_status_bar(qtbot, window, db_path):
    window.live.set_interval(20)
    arrived = []
    window.live.arrived.connect(arrived.append)
    window.session.select_span(None)
    key(qtbot, window, K.Key_T)  # T without a selection: an error in the status bar
    error = window.status.bar.currentMessage()
    assert error.startswith("select the word")
    finish(db_path, 2, "ann2")
    qtbot.waitUntil(lambda: bool(arrived), timeout=5000)
    assert window.status.bar.currentMessage() == error


def test_on_a_postgresql_project_the_lead_sees_an_annotator_finish(qtbot, new_pg_url):
    """The same window on a server project (`build_window(URL)`): another annotator's app
    finishes a document, the lead's window shows it in the list and the progress pane."""
    from annotator.gui.app import build_window
    from annotator.gui.dialogs.progress import ProgressDock

    url = new_pg_url()
    with Project.create(url) as p:
        p.import_documents([AnnotatedDocument(Document(f"Egypt urged calm in Cairo, day {i}.", ext_id=f"d{i}",
                                                       title=f"day {i}")) for i in range(3)])
        set_role(p, "boss", "lead")
    lead = build_window(url, annotator="boss")
    qtbot.addWidget(lead)
    lead.show()
    qtbot.waitExposed(lead)
    lead.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is lead)  # window shortcuts need it active
    lead.text_view.setFocus()
    lead.live.set_interval(50)
    assert lead.session.doc_id == 1 and "t_" in lead.windowTitle()  # the database's name
    key(qtbot, lead, K.Key_F9)
    dock = lead.findChild(ProgressDock)
    qtbot.waitUntil(lambda: bool(dock.lines), timeout=10000)
    lead.session.select_range(0, 5)
    lead.editor.label("GPE")  # the lead's own edit: not news, and it stays undoable
    before = own_state(lead)

    finish(url, 2, "ann2")

    qtbot.waitUntil(lambda: cell(lead, 2, 4) == "1", timeout=10000)
    qtbot.waitUntil(lambda: any(r.name == "ann2" and r.done == 1 for r in dock.rows), timeout=10000)
    assert lead.status.bar.currentMessage() == "1 document updated by others"
    assert own_state(lead)[:6] == before[:6] and before[3] == 1
    lead.close()


def test_rows_read_before_an_own_edit_are_read_again(qtbot, window):
    window.live.set_interval(0)
    listed = []
    window.live.listed.connect(lambda: listed.append(window.doc_model.rows[0].suggestions))
    generation = window.doc_model.generation
    assert cell(window, 1, 3) == "5"
    window.live.fetch_list()  # a live refresh starts reading the list on its worker ...
    key(qtbot, window, K.Key_Tab)  # ... and the annotator accepts a suggestion meanwhile
    key(qtbot, window, K.Key_Return)
    assert window.doc_model.generation > generation and cell(window, 1, 3) == "4"
    qtbot.waitUntil(lambda: bool(listed), timeout=5000)
    assert listed == [4] and cell(window, 1, 3) == "4"  # never the count from before the edit


def test_a_blind_annotator_hears_nothing_of_others_work(qtbot, make_window, db_path):
    with Project.open(db_path) as p:
        assign(p, ["ann1", "ann2"], per_doc=2, seed=1)
    window = make_window()
    window.live.set_interval(20)
    assert window.blind
    arrived = []
    window.live.arrived.connect(arrived.append)
    finish(db_path, 2, "ann2")
    with Project.open(db_path) as boss:
        boss.apply(2, GOLD, AddSpan(Span(new_id(), 0, 5, "ORG", status="accepted")))
    qtbot.wait(300)
    assert not arrived and window.status.bar.currentMessage() == ""  # as the server's blind mode
    finish(db_path, 3, "ann1")  # ann1's own layer, written elsewhere (the lead merged a work package)
    qtbot.waitUntil(lambda: cell(window, 3, 2) == "✓ done", timeout=5000)
    assert [set(c.documents) for c in arrived] == [{3}]
