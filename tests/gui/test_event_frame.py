"""The event frame and the events table (issue 16, item 5): pickers beside the trigger, a
filterable context list with readable names, a sortable events table, nothing clipped."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QLineEdit, QWidget

from .conftest import SEED, find
from .helpers import click_char, drag, key, mark_trigger, stored_layer

pytestmark = pytest.mark.gui
K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def test_the_type_picker_opens_beside_the_trigger_and_gives_the_keys_back(qtbot, window, db_path):
    start, end = find(SEED, "urged")
    drag(window.text_view, start, end)
    sentence = window.text_view.sentence_rect(start, end)
    key(qtbot, window, K.Key_T)
    picker = window.type_picker()
    assert picker is not None and picker.isVisible()
    assert not sentence.isEmpty()
    assert not picker.frameGeometry().intersects(sentence)
    assert picker.windowTitle() == "Event type — annotator"
    qtbot.keyClicks(picker.filter, "requ")
    qtbot.keyClick(picker.filter, K.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    key(qtbot, window, K.Key_Z, CTRL)  # a window shortcut works at once after the picker
    assert not stored_layer(db_path).events or all(
        e.type != "REQUEST" for e in stored_layer(db_path).events.values())


def test_the_context_list_is_filtered_by_typing_and_shows_readable_names(qtbot, window, db_path):
    click_char(qtbot, window.text_view, find(SEED, "met")[0])
    event_id = window.session.current_event_id
    key(qtbot, window, K.Key_C, CTRL | SHIFT)
    picker = window.context_picker()
    texts = [picker.list.item(i).text() for i in range(picker.list.count())]
    assert "Pro-democracy" in texts and "pro_democracy" not in texts and "Human rights" in texts
    qtbot.keyClicks(picker.filter, "democ")
    shown = [picker.list.item(i).text() for i in range(picker.list.count()) if not picker.list.item(i).isHidden()]
    assert shown == ["Pro-democracy"]
    qtbot.keyClick(picker.filter, K.Key_Return)
    assert stored_layer(db_path).events[event_id].context == "pro_democracy"
    assert window.event_panel.context.currentText() == "Pro-democracy"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_the_events_table_sorts_and_a_click_selects_the_event(qtbot, window, db_path):
    # Two events: the suggested CONSULT ("met") and a REQUEST ("urged") marked by hand.
    mark_trigger(qtbot, window, *find(SEED, "urged"), "requ")
    table = window.event_panel.list
    model = table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["type", "trigger", "source", "target", "status"]
    column = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert column == ["CONSULT", "REQUEST"]  # text order: "met" comes first
    header = table.horizontalHeader()
    status_x = header.sectionViewportPosition(4) + header.sectionSize(4) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(status_x, header.height() // 2))
    statuses = [model.index(r, 4).data() for r in range(model.rowCount())]
    assert statuses == sorted(statuses) and statuses[0] == "accepted"
    row = [model.index(r, 0).data() for r in range(model.rowCount())].index("CONSULT")
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(model.index(row, 1)).center())
    assert window.session.current_event.type == "CONSULT"
    assert window.session.span_text(window.session.current_event.trigger) == "met"
    assert window.event_panel.trigger.text().startswith("trigger “met”")


def test_the_events_table_is_rebuilt_only_when_an_edit_can_change_it(qtbot, window, db_path):
    """Labelling a word no event uses leaves the table alone (on a long article rebuilding
    every row was half the time of a keypress); an edit of an event, or of a span an event
    shows, rebuilds it."""
    resets = []
    window.event_panel.model.modelReset.connect(lambda: resets.append(1))
    start, end = find(SEED, "urged")
    drag(window.text_view, start, end)
    key(qtbot, window, K.Key_O)  # an ORG span no event uses
    assert resets == []
    start, end = find(SEED, "met")
    click_char(qtbot, window.text_view, start)
    key(qtbot, window, K.Key_Return)  # accept the CONSULT event
    assert resets
    rows = [window.event_panel.model.index(r, 4).data() for r in range(window.event_panel.model.rowCount())]
    assert rows == ["accepted"]


def _clipped(root: QWidget, viewport: QWidget) -> list[str]:
    """Visible widgets under `root` that stick out of `viewport` on the left or right."""
    out = []
    width = viewport.width()
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, (QLabel, QComboBox, QAbstractButton, QLineEdit)):
            continue
        top_left = widget.mapTo(viewport, QPoint(0, 0))
        rect = QRect(top_left, widget.size())
        if rect.left() < 0 or rect.right() > width:
            out.append(f"{widget.objectName() or type(widget).__name__} {rect.left()}..{rect.right()} > {width}")
    return out


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)])
def test_nothing_in_the_right_panel_is_clipped(qtbot, window, size):
    window.resize(*size)
    click_char(qtbot, window.text_view, find(SEED, "met")[0])  # the event frame shows
    netanyahu = find(SEED, "Benjamin Netanyahu")[0]
    click_char(qtbot, window.text_view, netanyahu)
    key(qtbot, window, K.Key_S, ALT)
    QApplication.processEvents()
    inspector = window.inspector
    assert window.event_panel.frame.isVisible()
    assert inspector.geometry().right() <= window.width()
    clipped = _clipped(inspector.widget(), inspector.viewport())
    assert clipped == [], "\n".join(clipped)
    # The type description is shown whole: its label is as tall as its wrapped text needs.
    help_label = window.event_panel.type_help
    assert help_label.height() >= help_label.heightForWidth(help_label.width())


def test_the_frame_shows_the_role_keys_the_scheme_gives_and_they_set_the_role(qtbot, make_window, tmp_path):
    """A scheme with its own role keys: the frame read "source (Alt+S)" while Alt+Q set the source,
    and a role without a key was labelled with the default's."""
    import dataclasses

    from annotator.core import AnnotatedDocument, Document, Event, Layer, Span, default_scheme
    from annotator.store import Project

    scheme = default_scheme()
    roles = tuple(dataclasses.replace(role, key={"source": "q", "location": ""}.get(role.name, role.key))
                  for role in scheme.roles)
    text = "Iran accused Israel in Geneva."
    layer = Layer("ann1", "in_progress")
    iran = layer.add_span(Span(1, *find(text, "Iran"), "GPE", "entity", "IRN", "human", "accepted"))
    trigger = layer.add_span(Span(2, *find(text, "accused"), "ACCUSE", "trigger", None, "human", "accepted"))
    layer.add_event(Event(3, trigger.id, "ACCUSE", origin="human", status="accepted"))
    path = tmp_path / "roles.db"
    with Project.create(path, scheme=dataclasses.replace(scheme, roles=roles)) as p:
        p.import_documents([AnnotatedDocument(Document(text, ext_id="r"), [layer])])
    window = make_window(path)
    window.open_document(1)
    labels = {w.text() for w in window.event_panel.findChildren(QLabel)}
    assert {"source (Alt+Q)", "target (Alt+T)", "location"} <= labels and "source (Alt+S)" not in labels
    click_char(qtbot, window.text_view, find(text, "accused")[0] + 1)
    click_char(qtbot, window.text_view, iran.start + 1)
    key(qtbot, window, K.Key_Q, ALT)
    stored = stored_layer(path)
    (event,) = stored.events.values()
    assert [(a.role, (stored.spans[a.span_id].start, stored.spans[a.span_id].end)) for a in event.arguments] \
        == [("source", (iran.start, iran.end))]
