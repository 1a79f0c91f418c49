"""Agreement dashboard and adjudication view, driven by keys and clicks on the real window.

Two annotators marked the same document done and disagree twice: "Gaza" is GPE for ann1 and
LOC for ann2 (a label disagreement), and ann2 swapped source and target of the ACCUSE event."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.ids import new_id
from annotator.core.model import GOLD, AnnotatedDocument, Argument, Document, Event, Layer, Span
from annotator.store import Project

from .conftest import find
from .helpers import activate, lead_window_on

pytestmark = pytest.mark.gui
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
TEXT = ("Hamas accused Israel of shelling Gaza on Monday.\n"
        "Egypt urged calm in Cairo, where envoys met.")


def annotator_layer(name: str, gaza: str, swap: bool) -> Layer:
    layer = Layer(name, "done")

    def span(needle: str, label: str, kind: str = "entity") -> Span:
        return layer.add_span(Span(new_id(), *find(TEXT, needle), label, kind, origin="human", status="accepted"))

    hamas, israel = span("Hamas", "ORG"), span("Israel", "GPE")
    span("Gaza", gaza)
    span("Egypt", "GPE")
    span("Cairo", "GPE")
    accused = span("accused", "ACCUSE", "trigger")
    source, target = (israel, hamas) if swap else (hamas, israel)
    layer.add_event(Event(new_id(), accused.id, "ACCUSE", "allege", origin="human", status="accepted",
                          arguments=[Argument("source", source.id), Argument("target", target.id)]))
    return layer


@pytest.fixture
def agree_db(tmp_path: Path) -> Path:
    path = tmp_path / "team.db"
    project = Project.create(path)
    project.import_documents([
        AnnotatedDocument(Document(TEXT, ext_id="acc-1", title="Accusation <b>not bold</b>"),
                          [annotator_layer("ann1", "GPE", swap=False), annotator_layer("ann2", "LOC", swap=True)]),
        AnnotatedDocument(Document("Qatar hosted talks in Doha.", ext_id="other", title="other")),
    ])
    project.close()
    with Project.open(path, readonly=True) as p:  # the fixture is what the test says it is
        assert p.layer(1, "ann1").state == "done" and p.layer(1, "ann2").state == "done"
    return path


@pytest.fixture
def lead_window(make_window, agree_db):
    return lead_window_on(make_window, agree_db)



def open_dashboard(qtbot, window):
    from annotator.gui.dialogs.agreement_dashboard import AgreementDashboard

    qtbot.keyClick(window.text_view, Qt.Key.Key_A, CTRL_SHIFT)
    dashboard = window.findChild(AgreementDashboard)
    assert dashboard is not None and dashboard.isVisible()
    qtbot.waitUntil(lambda: dashboard.report is not None, timeout=20000)
    return dashboard


def test_the_dashboard_keeps_the_keys_once_its_figures_are_computed(qtbot, lead_window):
    """The computation's end re-activated the main window: the dashboard went behind it, and a
    key meant for it labelled text in the workbench."""
    dashboard = open_dashboard(qtbot, lead_window)
    qtbot.waitUntil(lambda: not lead_window.tasks)
    qtbot.wait(50)  # the re-activation happens after the progress dialog has gone
    assert QApplication.activeWindow() is dashboard


def test_dashboard_shows_matrix_and_disagreements(qtbot, lead_window):
    dashboard = open_dashboard(qtbot, lead_window)
    model = dashboard.matrix_model
    assert model.names == ["ann1", "ann2"]
    # entity F1 (exact) is the first statistic: 4 of 5 spans agree on each side → 0.8
    assert dashboard.statistic.currentData() == "entity_f1"
    assert model.data(model.index(0, 1)) == "0.800" == model.data(model.index(1, 0))
    assert "1 of 2 documents counted" in dashboard.summary.text()
    records = dashboard.disagreement_model.records
    assert len(records) == 2
    entity = next(r for r in records if r["level"] == "entity")
    event = next(r for r in records if r["level"] == "event")
    assert entity["kinds"] == ["label"] and (entity["start"], entity["end"]) == find(TEXT, "Gaza")
    assert "swap" in event["kinds"]
    row = records.index(entity)
    shown = [dashboard.disagreement_model.data(dashboard.disagreement_model.index(row, c)) for c in range(6)]
    assert shown[1] == "entity" and "GPE “Gaza”" in shown[4] and "LOC “Gaza”" in shown[5]
    # confusion heatmap: GPE (ann1) against LOC (ann2) once, coloured as a disagreement
    dashboard.confusion_kind.setCurrentText("entity")
    cm = dashboard.confusion_model
    gpe, loc = cm.labels.index("GPE"), cm.labels.index("LOC")
    assert cm.matrix[gpe][loc] == 1 and cm.data(cm.index(gpe, gpe)) == "3"
    assert dashboard.bars.rows and {r[0] for r in dashboard.bars.rows} >= {"GPE", "LOC", "ORG"}


def test_double_click_opens_both_versions_at_the_place(qtbot, lead_window):
    dashboard = open_dashboard(qtbot, lead_window)
    records = dashboard.disagreement_model.records
    row = next(i for i, r in enumerate(records) if r["level"] == "event")
    view = dashboard.disagreement_view
    rect = view.visualRect(dashboard.disagreement_model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    comparison = dashboard.comparison
    assert comparison is not None and comparison.isVisible()
    trigger = find(TEXT, "accused")
    left, right = comparison.sides
    assert left.session.annotator == "ann1" and right.session.annotator == "ann2"
    for side, source, target in ((left, "Hamas", "Israel"), (right, "Israel", "Hamas")):
        assert side.session.doc_id == 1 and side.view.toPlainText() == TEXT
        event = side.session.current_event  # the event there is selected: its argument outlines show
        assert event is not None and event.type == "ACCUSE"
        spans = side.session.layer.spans
        assert (spans[event.trigger].start, spans[event.trigger].end) == trigger
        fillers = {a.role: TEXT[spans[a.span_id].start:spans[a.span_id].end] for a in event.arguments}
        assert fillers == {"source": source, "target": target}
        assert side.view.focus_range == trigger and side.view.range_rects(*trigger)  # outlined, on screen
        assert f"source: “{source}”" in side.note.text()
    assert "swap" in comparison.heading.text()
    # user data is plain text: the title's markup is shown, not interpreted
    assert "“Accusation <b>not bold</b>”" in comparison.heading.text()
    assert comparison.heading.textFormat() == Qt.TextFormat.PlainText
    # the other disagreement: ann1's GPE and ann2's LOC on "Gaza"
    entity_row = next(i for i, r in enumerate(records) if r["level"] == "entity")
    dashboard.open_disagreement(entity_row)
    gaza = find(TEXT, "Gaza")
    assert [s.session.current_span.label for s in comparison.sides] == ["GPE", "LOC"]
    assert all((s.session.current_span.start, s.session.current_span.end) == gaza for s in comparison.sides)
    comparison.show_in_workbench()
    assert lead_window.session.doc_id == 1 and lead_window.session.current_range == gaza


def stored_gold(path: Path) -> Layer:
    with Project.open(path, readonly=True) as p:
        return p.layer(1, GOLD)


def test_adjudication_prefill_pick_and_undo(qtbot, lead_window, agree_db):
    from annotator.gui.dialogs.adjudication import AdjudicationDialog

    qtbot.keyClick(lead_window.text_view, Qt.Key.Key_J, CTRL_SHIFT)
    dialog = lead_window.findChild(AdjudicationDialog)
    assert dialog is not None and dialog.isVisible()
    assert (dialog.left_name, dialog.right_name) == ("ann1", "ann2")
    levels = [c.level for c in dialog.conflicts]
    assert sorted(levels) == ["argument", "entity"]
    assert dialog.prefill_button.isEnabled()
    qtbot.mouseClick(dialog.prefill_button, Qt.MouseButton.LeftButton)
    gold = stored_gold(agree_db)
    texts = sorted(TEXT[s.start:s.end] for s in gold.spans.values() if s.layer == "entity")
    assert texts == ["Cairo", "Egypt", "Hamas", "Israel"]  # what both agree on; Gaza is disputed
    assert len(gold.events) == 1 and not next(iter(gold.events.values())).arguments
    assert all(s.attrs["adjudication"]["rule"] == "agree" for s in gold.spans.values())
    assert not dialog.prefill_button.isEnabled()  # gold is no longer empty

    activate(qtbot, dialog)
    entity_row = [c.level for c in dialog.conflicts].index("entity")
    dialog.table.selectRow(entity_row)
    qtbot.keyClick(dialog.table, Qt.Key.Key_2)  # take ann2's version: LOC
    gold = stored_gold(agree_db)
    gaza = [s for s in gold.spans.values() if (s.start, s.end) == find(TEXT, "Gaza")]
    assert [s.label for s in gaza] == ["LOC"]
    assert gaza[0].attrs["adjudication"] == {"decided_by": "lead", "rule": "pick", "from": ["ann2"]}
    assert dialog.table.item(entity_row, 4).text() == "✓ ann2"
    dialog.table.selectRow(entity_row)
    qtbot.keyClick(dialog.table, Qt.Key.Key_1)  # settled with ann2: ann1's GPE is refused, not added
    assert [s.label for s in stored_gold(agree_db).spans.values() if (s.start, s.end) == find(TEXT, "Gaza")] == ["LOC"]
    assert "undo it" in dialog.message.text()

    argument_row = [c.level for c in dialog.conflicts].index("argument")
    dialog.table.selectRow(argument_row)
    qtbot.mouseClick(dialog.pick_left_button, Qt.MouseButton.LeftButton)  # ann1: source Hamas, target Israel

    def roles(layer: Layer) -> dict[str, str]:
        event = next(iter(layer.events.values()))
        return {a.role: TEXT[layer.spans[a.span_id].start:layer.spans[a.span_id].end] for a in event.arguments}

    gold = stored_gold(agree_db)
    assert roles(gold) == {"source": "Hamas", "target": "Israel"}
    picked = next(iter(gold.events.values())).attrs["adjudication"]
    assert picked["rule"] == "agree"  # the event itself both agreed on; its arguments were picked:
    assert picked["picked"] == [{"field": "arguments", "decided_by": "lead", "from": "ann1"}]
    with Project.open(agree_db, readonly=True) as p:
        assert p.history(1, GOLD)[-1].edit.describe() == "take ann1's version (argument)"

    activate(qtbot, dialog)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert roles(stored_gold(agree_db)) == {}
    assert dialog.table.item(argument_row, 4).text() == "open"
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not [s for s in stored_gold(agree_db).spans.values() if (s.start, s.end) == find(TEXT, "Gaza")]
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
    assert [s.label for s in stored_gold(agree_db).spans.values() if (s.start, s.end) == find(TEXT, "Gaza")] == ["LOC"]
    # what the annotators wrote is untouched
    with Project.open(agree_db, readonly=True) as p:
        assert {s.label for s in p.layer(1, "ann2").spans.values() if s.layer == "entity"} == {"ORG", "GPE", "LOC"}


def test_a_window_working_as_gold_shows_what_its_adjudication_view_writes(qtbot, make_window, agree_db):
    """docs/gui.md: gold is relabelled in a window opened as annotator gold. A pick in that window's
    adjudication view was not shown in the workbench (the view writes on the window's own
    connection: no news to live refresh), its undo stack lacked it, and the next label there was
    refused as made on a stale copy of gold."""
    from annotator.gui.dialogs.adjudication import AdjudicationDialog

    from .helpers import key

    window = make_window(agree_db, annotator=GOLD)
    window.open_document(1)
    window.text_view.setFocus()
    qtbot.keyClick(window.text_view, Qt.Key.Key_J, CTRL_SHIFT)
    dialog = window.findChild(AdjudicationDialog)
    activate(qtbot, dialog)
    dialog.table.selectRow([c.level for c in dialog.conflicts].index("entity"))
    qtbot.keyClick(dialog.table, Qt.Key.Key_2)  # take ann2's version of Gaza: LOC
    assert window.session.layer.spans == stored_gold(agree_db).spans != {}
    assert window.history.stack.canUndo()
    dialog.close()
    activate(qtbot, window)
    window.text_view.setFocus()
    window.session.select_range(*find(TEXT, "Cairo"))
    key(qtbot, window, Qt.Key.Key_L)  # the workbench's own edit on top: written, not refused
    cairo = [s for s in stored_gold(agree_db).spans.values() if (s.start, s.end) == find(TEXT, "Cairo")]
    assert [s.label for s in cairo] == ["LOC"], window.status.last_error


def test_the_dashboard_shows_actor_code_agreement(qtbot, lead_window):
    dashboard = open_dashboard(qtbot, lead_window)
    at = dashboard.statistic.findData("actor_code")
    assert at >= 0 and dashboard.statistic.itemText(at) == "actor codes (same entities, same code)"
    dashboard.statistic.setFocus()
    dashboard.statistic.setCurrentIndex(at)
    value = dashboard.report["matrix"]["actor_code"]["ann1"]["ann2"]
    model = dashboard.matrix_model
    assert model.data(model.index(0, 1)) == ("—" if value is None else f"{value:.3f}")


def test_show_in_workbench_scrolls_to_a_place_far_down(qtbot, make_window, tmp_path):
    """"Show in the workbench" selected the place but left the view at the top of a long article:
    the selection the next label key acts on was off screen."""
    from PySide6.QtCore import QPoint

    filler = "Officials said the talks would continue next week in the capital. " * 6 + "\n"
    text = filler * 40 + TEXT
    offset = len(filler * 40)

    def layer_of(name: str, gaza: str) -> Layer:
        layer = Layer(name, "done")
        for needle, label in (("Hamas", "ORG"), ("Gaza", gaza)):
            start, end = find(TEXT, needle)
            layer.add_span(Span(new_id(), offset + start, offset + end, label, origin="human", status="accepted"))
        return layer

    path = tmp_path / "long.db"
    with Project.create(path) as project:
        project.import_documents([AnnotatedDocument(Document(text, ext_id="long"),
                                                    [layer_of("ann1", "GPE"), layer_of("ann2", "LOC")])])
    window = lead_window_on(make_window, path)
    dashboard = open_dashboard(qtbot, window)
    records = dashboard.disagreement_model.records
    row = next(i for i, r in enumerate(records) if r["level"] == "entity")
    dashboard.disagreement_view.setFocus()
    dashboard.disagreement_view.selectRow(row)
    qtbot.keyClick(dashboard.disagreement_view, Qt.Key.Key_Return)
    qtbot.waitUntil(dashboard.comparison.isVisible)
    qtbot.mouseClick(dashboard.comparison.workbench_button, Qt.MouseButton.LeftButton)
    place = records[row]["start"], records[row]["end"]
    assert window.session.current_range == place
    view = window.text_view
    tmap = view.session.tmap
    first = tmap.to_py(view.cursorForPosition(QPoint(0, 0)).position())
    last = tmap.to_py(view.cursorForPosition(QPoint(view.viewport().width() - 1,
                                                    view.viewport().height() - 1)).position())
    assert first <= place[0] and place[1] <= last, (first, last, place)


def test_a_negation_disagreement_names_the_side_that_negated(qtbot, make_window, tmp_path):
    """ann1 marked the accusation negated, ann2 did not: the dashboard's disagreement row read
    "ACCUSE “accused” — source: …" on both sides, so the lead could not see what differed."""
    layers = [annotator_layer("ann1", "GPE", swap=False), annotator_layer("ann2", "GPE", swap=False)]
    (event,) = layers[0].events.values()
    event.negated = True
    path = tmp_path / "neg.db"
    with Project.create(path) as project:
        project.import_documents([AnnotatedDocument(Document(TEXT, ext_id="neg-1"), layers)])
    dashboard = open_dashboard(qtbot, lead_window_on(make_window, path))
    model = dashboard.disagreement_model
    rows = [[model.data(model.index(r, c)) for c in range(6)] for r in range(model.rowCount())]
    (negation,) = [r for r in rows if "negation" in r[2]]
    assert "(negated)" in negation[4] and "(negated)" not in negation[5]


def test_ctrl_2_takes_the_right_side_of_every_open_conflict_in_one_undo_step(qtbot, lead_window, agree_db):
    """A lead who trusts one annotator settled conflicts one by one in the view (the command
    line's --prefer had no counterpart there)."""
    from annotator.gui.dialogs.adjudication import AdjudicationDialog

    qtbot.keyClick(lead_window.text_view, Qt.Key.Key_J, CTRL_SHIFT)
    dialog = lead_window.findChild(AdjudicationDialog)
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    gold = stored_gold(agree_db)
    assert [s.label for s in gold.spans.values() if (s.start, s.end) == find(TEXT, "Gaza")] == ["LOC"]
    (event,) = gold.events.values()
    roles = {a.role: TEXT[gold.spans[a.span_id].start:gold.spans[a.span_id].end] for a in event.arguments}
    assert roles == {"source": "Israel", "target": "Hamas"}  # ann2's swapped reading
    assert {TEXT[s.start:s.end] for s in gold.spans.values() if s.layer == "entity"} >= {"Egypt", "Cairo"}  # agreed too
    assert all(dialog.table.item(row, 4).text() != "open" for row in range(len(dialog.conflicts)))
    assert "in one step" in dialog.message.text()
    assert dialog.gold.note.text() != "gold: open"  # the shown conflict's gold line follows
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one undo: gold empty again
    assert not stored_gold(agree_db).spans
