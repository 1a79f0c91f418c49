"""The main window driven with keys and clicks, checked against what is stored on disk."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from annotator.store import Project

from .conftest import SEED, find
from .helpers import click_char, click_choice, drag, key, span_at, stored_layer

pytestmark = pytest.mark.gui
K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_window_has_the_named_widgets_and_opens_the_first_document(window):
    for name in ("documentList", "textView", "inspector", "eventPanel"):
        assert window.findChild(object, name) is not None, name
    assert window.session.doc_id == 1
    assert window.text_view.toPlainText() == SEED
    assert "5 suggestions left" in window.status.left.text()
    assert "ann1" in window.status.annotator.text()


def test_drag_snaps_to_tokens_and_a_label_key_makes_a_span(qtbot, window, db_path):
    start, end = find(SEED, "Prime Minister")
    drag(window.text_view, start + 2, end - 3)  # "ime Minis" grows to whole words
    assert window.session.current_range == (start, end)
    key(qtbot, window, K.Key_O)
    span = span_at(stored_layer(db_path), start, end, "ORG")
    assert span is not None and span.origin == "human" and span.status == "accepted"
    assert window.session.current_span_id == span.id
    with Project.open(db_path, readonly=True) as p:
        assert p.history(1, "ann1")[-1].kind == "AddSpan"


def test_alt_drag_selects_characters(qtbot, window, db_path):
    start, end = find(SEED, "Minister")
    drag(window.text_view, start, start + 4, ALT)
    assert window.session.current_range == (start, start + 4)
    key(qtbot, window, K.Key_L)
    assert span_at(stored_layer(db_path), start, start + 4, "LOC") is not None


def test_keyboard_selection_then_label(qtbot, window, db_path):
    start, end = find(SEED, "Secretary of State")
    click_char(qtbot, window.text_view, start)
    for _ in range(len("Secretary of Sta")):
        key(qtbot, window, K.Key_Right, SHIFT)
    assert window.session.current_range == (start, end)
    key(qtbot, window, K.Key_P)
    assert span_at(stored_layer(db_path), start, end, "PERSON") is not None


def test_click_selects_a_span_and_label_key_relabels_it(qtbot, window, db_path):
    start, end = find(SEED, "Benjamin Netanyahu")
    click_char(qtbot, window.text_view, start + 3)
    assert window.session.current_span.label == "PERSON"
    key(qtbot, window, K.Key_O)
    span = span_at(stored_layer(db_path), start, end)
    assert span.label == "ORG" and span.status == "accepted" and span.origin == "model"


def test_tab_enter_delete_review_suggestions(qtbot, window, db_path):
    key(qtbot, window, K.Key_Tab)
    first = window.session.current_span
    assert (first.start, first.end) == find(SEED, "Israeli")
    key(qtbot, window, K.Key_Return)
    assert span_at(stored_layer(db_path), first.start, first.end).status == "accepted"
    key(qtbot, window, K.Key_Tab)
    second = window.session.current_span
    assert (second.start, second.end) == find(SEED, "Benjamin Netanyahu")
    key(qtbot, window, K.Key_Delete)
    assert span_at(stored_layer(db_path), second.start, second.end).status == "rejected"
    assert "3 suggestions left" in window.status.left.text()
    assert window.doc_model.rows[0].suggestions == 3
    key(qtbot, window, K.Key_Tab)
    key(qtbot, window, K.Key_Backtab, SHIFT)  # back to the last still suggested before it
    assert window.session.current_span is not None and window.session.current_span.status == "suggested"


def test_accepting_a_suggested_trigger_accepts_its_event(qtbot, window, db_path):
    click_char(qtbot, window.text_view, find(SEED, "met")[0] + 1)
    assert window.session.current_event is not None
    key(qtbot, window, K.Key_Enter)
    layer = stored_layer(db_path)
    event = next(iter(layer.events.values()))
    assert event.status == "accepted" and layer.spans[event.trigger].status == "accepted"


def test_delete_removes_a_human_span(qtbot, window, db_path):
    start, end = find(SEED, "Prime Minister’s Office")
    drag(window.text_view, start, end)
    key(qtbot, window, K.Key_O)
    assert span_at(stored_layer(db_path), start, end) is not None
    key(qtbot, window, K.Key_Delete)
    assert span_at(stored_layer(db_path), start, end) is None


def _mark_trigger(qtbot, window, word: str, typed: str) -> None:
    start, end = find(SEED, word)
    drag(window.text_view, start, end)
    key(qtbot, window, K.Key_T)
    picker = window.type_picker()
    assert picker is not None and picker.isVisible()
    qtbot.keyClicks(picker.filter, typed)
    qtbot.keyClick(picker.filter, K.Key_Return)


def test_build_an_event_with_source_and_target_by_keys(qtbot, window, db_path):
    _mark_trigger(qtbot, window, "urged", "requ")
    event = window.session.current_event
    assert event is not None and event.type == "REQUEST"
    click_char(qtbot, window.text_view, find(SEED, "Blinken also")[0] + 1)  # not a span yet
    key(qtbot, window, K.Key_P)
    source = window.session.current_span
    key(qtbot, window, K.Key_S, ALT)
    israel = find(SEED, "Israel to enhance")[0]
    drag(window.text_view, israel, israel + len("Israel"))
    key(qtbot, window, K.Key_G)
    target = window.session.current_span
    key(qtbot, window, K.Key_T, ALT)
    stored = stored_layer(db_path).events[event.id]
    assert stored.type == "REQUEST"
    assert stored.spans_in_role("source") == [source.id]
    assert stored.spans_in_role("target") == [target.id]
    panel = window.event_panel
    assert panel.fillers["source"].text() == "“Blinken”"
    assert panel.fillers["target"].text() == "“Israel”"


def test_slot_filled_by_pick_button_and_click(qtbot, window, db_path):
    click_char(qtbot, window.text_view, find(SEED, "met")[0])
    event_id = window.session.current_event_id
    qtbot.mouseClick(window.event_panel.pick_buttons["target"], Qt.MouseButton.LeftButton)
    assert window.text_view.pick_role == "target"
    blinken = find(SEED, "Antony Blinken")
    click_char(qtbot, window.text_view, blinken[0] + 2)
    assert window.text_view.pick_role is None
    layer = stored_layer(db_path)
    filler = layer.spans[layer.events[event_id].spans_in_role("target")[0]]
    assert (filler.start, filler.end) == blinken and filler.status == "accepted"


def test_event_type_and_mode_from_the_frame(qtbot, window, db_path):
    click_char(qtbot, window.text_view, find(SEED, "met")[0])
    panel = window.event_panel
    mode_index = panel.mode.findData("visit")
    panel.mode.activated.emit(mode_index)
    assert stored_layer(db_path).events[window.session.current_event_id].mode == "visit"
    assert "meet" in panel.type_help.text().lower()
    panel.type.activated.emit(panel.type.findText("AGREE"))
    stored = stored_layer(db_path).events[window.session.current_event_id]
    assert stored.type == "AGREE" and stored.mode is None  # AGREE has no "visit" mode


def test_negation_and_context_by_keys_and_clicks_with_undo(qtbot, window, db_path):
    click_char(qtbot, window.text_view, find(SEED, "met")[0])
    panel = window.event_panel
    event_id = window.session.current_event_id
    key(qtbot, window, K.Key_N, CTRL | SHIFT)
    assert stored_layer(db_path).events[event_id].negated is True
    assert panel.negated.isChecked()
    assert panel.model.data(panel.model.index(panel.model.row_of(event_id), 0)).startswith("NOT CONSULT")
    qtbot.mouseClick(panel.negated, Qt.MouseButton.LeftButton)  # the check box turns it off again
    assert stored_layer(db_path).events[event_id].negated is False
    key(qtbot, window, K.Key_Z, CTRL)
    assert stored_layer(db_path).events[event_id].negated is True and panel.negated.isChecked()

    key(qtbot, window, K.Key_C, CTRL | SHIFT)  # opens the context picker: type to filter
    picker = window.context_picker()
    assert picker is not None and picker.isVisible()
    qtbot.keyClicks(picker.filter, "diplo")
    qtbot.keyClick(picker.filter, K.Key_Return)
    assert stored_layer(db_path).events[event_id].context == "diplomatic"
    assert panel.context.currentText() == "Diplomatic"
    panel.context.activated.emit(0)  # "(no context)"
    assert stored_layer(db_path).events[event_id].context is None
    key(qtbot, window, K.Key_Z, CTRL)
    assert stored_layer(db_path).events[event_id].context == "diplomatic"
    assert panel.context.currentData() == "diplomatic"


def test_event_keys_without_an_event_say_so(qtbot, window, db_path):
    window.clear_selection()
    before = stored_layer(db_path).events
    key(qtbot, window, K.Key_N, CTRL | SHIFT)
    key(qtbot, window, K.Key_C, CTRL | SHIFT)
    assert "select an event" in window.statusBar().currentMessage()
    assert stored_layer(db_path).events == before


def test_selecting_an_event_in_the_list_selects_its_trigger(qtbot, window):
    panel = window.event_panel
    window.clear_selection()
    table = panel.list
    rect = table.visualRect(table.model().index(0, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    event = window.session.current_event
    assert event is not None and window.session.current_span_id == event.trigger


def test_undo_and_redo(qtbot, window, db_path):
    start, end = find(SEED, "Yehya Sinwar")
    drag(window.text_view, start, end)
    key(qtbot, window, K.Key_P)
    assert span_at(stored_layer(db_path), start, end) is not None
    key(qtbot, window, K.Key_Z, CTRL)
    assert span_at(stored_layer(db_path), start, end) is None
    assert window.session.current_span is None
    key(qtbot, window, K.Key_Z, CTRL | SHIFT)
    assert span_at(stored_layer(db_path), start, end, "PERSON") is not None
    with Project.open(db_path, readonly=True) as p:
        assert [e.action for e in p.history(1, "ann1")][-3:] == ["do", "undo", "redo"]


def test_undo_of_a_batch_restores_everything(qtbot, window, db_path):
    _mark_trigger(qtbot, window, "urged", "requ")
    assert len(stored_layer(db_path).events) == 2
    key(qtbot, window, K.Key_Z, CTRL)
    layer = stored_layer(db_path)
    assert len(layer.events) == 1 and all(s.label != "REQUEST" for s in layer.spans.values())


def test_switch_documents_by_keys_and_list(qtbot, window):
    key(qtbot, window, K.Key_BracketRight, CTRL)
    assert window.session.doc_id == 2
    assert window.text_view.toPlainText().startswith("Hamas fired")
    key(qtbot, window, K.Key_BracketLeft, CTRL)
    assert window.session.doc_id == 1
    table = window.doc_panel.table
    rect = table.visualRect(window.doc_model.index(2, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.session.doc_id == 3


def test_mark_done_and_next_to_do(qtbot, window, db_path):
    key(qtbot, window, K.Key_D, CTRL)
    click_choice(qtbot, window, "reviewPending", "leave")
    assert stored_layer(db_path).state == "done"
    assert window.status.state.text() == "done"
    assert window.doc_model.data(window.doc_model.index(0, 2)) == "✓ done"
    key(qtbot, window, K.Key_J, CTRL)
    assert window.session.doc_id == 2
    combo = window.doc_panel.state_filter
    combo.setCurrentIndex(combo.findData("done"))
    assert [r.id for r in window.doc_model.rows] == [1]


def test_search_filters_the_document_list(qtbot, window):
    search = window.doc_panel.search
    qtbot.keyClicks(search, "Doha")
    qtbot.keyClick(search, K.Key_Return)
    assert [r.id for r in window.doc_model.rows] == [3]


def test_find_selects_the_next_match(qtbot, window):
    key(qtbot, window, K.Key_F, CTRL)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.edit, "blinken")
    qtbot.keyClick(window.find_bar.edit, K.Key_Return)
    first = find(SEED, "Blinken")
    assert window.session.current_span is not None or window.session.current_range == first
    qtbot.keyClick(window.find_bar.edit, K.Key_Return)
    assert window.session.current_range == find(SEED, "Blinken", 1)


def test_actor_code_with_completion(qtbot, window, db_path):
    start, end = find(SEED, "Benjamin Netanyahu")
    click_char(qtbot, window.text_view, start)
    key(qtbot, window, K.Key_A)
    actor = window.inspector.span_box.actor
    assert actor.hasFocus()
    assert "ISR" in actor.completer().model().stringList()
    qtbot.keyClicks(actor, "isrgov")
    qtbot.keyClick(actor, K.Key_Return)
    assert span_at(stored_layer(db_path), start, end).actor_code == "ISRGOV"
    assert "Israel" in window.inspector.span_box.actor_help.text()


def test_restart_keeps_everything_including_undo_history(qtbot, make_window, db_path):
    window = make_window()
    key(qtbot, window, K.Key_Tab)
    key(qtbot, window, K.Key_Return)  # accept "Israeli"
    start, end = find(SEED, "Yehya Sinwar")
    drag(window.text_view, start, end)
    key(qtbot, window, K.Key_P)
    click_char(qtbot, window.text_view, find(SEED, "met")[0])
    click_char(qtbot, window.text_view, find(SEED, "Benjamin")[0])
    key(qtbot, window, K.Key_S, ALT)
    key(qtbot, window, K.Key_D, CTRL)
    click_choice(qtbot, window, "reviewPending", "leave")
    key(qtbot, window, K.Key_Z, CTRL)  # un-mark done: stays on the redo stack
    key(qtbot, window, K.Key_BracketRight, CTRL)
    key(qtbot, window, K.Key_BracketLeft, CTRL)
    window.close()

    again = make_window()
    assert again.session.doc_id == 1  # last document remembered
    layer = again.session.layer
    assert span_at(layer, *find(SEED, "Israeli")).status == "accepted"
    assert span_at(layer, start, end, "PERSON") is not None
    event = next(iter(layer.events.values()))
    assert layer.spans[event.spans_in_role("source")[0]].text_in(SEED) == "Benjamin Netanyahu"
    assert layer.state == "in_progress"
    stack = again.history.stack
    assert stack.canRedo() and stack.redoText() == "mark done"
    key(qtbot, again, K.Key_Z, CTRL | SHIFT)
    assert stored_layer(db_path).state == "done"
    key(qtbot, again, K.Key_Z, CTRL)  # undo "mark done" again
    key(qtbot, again, K.Key_Z, CTRL)  # undo "set source"
    assert not next(iter(stored_layer(db_path).events.values())).arguments


def test_restart_opens_where_the_annotator_was_in_a_long_document(qtbot, make_window, tmp_path):
    """The document came back scrolled to its top with nothing selected: on a long article the
    annotator had to find their place again."""
    from annotator.core.model import AnnotatedDocument, Document

    text = "".join(f"Paragraph {i}: the delegates talked about trade and water in Doha.\n" for i in range(400))
    path = tmp_path / "long.db"
    with Project.create(path) as p:
        p.import_documents([AnnotatedDocument(Document(text, ext_id="long", title="long"))])
    window = make_window(path)
    place = text.index("Paragraph 300:")
    window.text_view.show_from(place)
    doha = text.index("Doha", place)
    click_char(qtbot, window.text_view, doha)
    key(qtbot, window, K.Key_G)  # a span there, selected
    selected = window.session.current_span_id
    top = window.text_view.top_index()
    assert text.index("Paragraph 290:") < top <= place
    window.close()

    again = make_window(path)
    qtbot.waitUntil(lambda: again.session.current_span_id == selected, timeout=3000)
    assert again.text_view.top_index() == top
    assert again.session.current_range == (doha, doha + 4)


def test_window_geometry_is_remembered(qtbot, make_window):
    window = make_window()
    window.resize(760, 560)  # within the offscreen screen (800x600)
    window.close()
    again = make_window()
    assert (again.width(), again.height()) == (760, 560)


def test_arrow_keys_in_the_document_list_open_documents(qtbot, window):
    key(qtbot, window, K.Key_L, CTRL)
    assert window.doc_panel.table.hasFocus()
    qtbot.keyClick(window.doc_panel.table, K.Key_Down)
    assert window.session.doc_id == 2
    qtbot.keyClick(window.doc_panel.table, K.Key_Down)
    assert window.session.doc_id == 3


def test_shift_arrows_extend_past_an_existing_span(qtbot, window, db_path):
    start = find(SEED, "Prime Minister Benjamin Netanyahu")[0]
    click_char(qtbot, window.text_view, start)
    for _ in range(len("Prime Minister Benjamin Netanyahu")):
        key(qtbot, window, K.Key_Right, SHIFT)
    assert window.session.current_range == find(SEED, "Prime Minister Benjamin Netanyahu")
    key(qtbot, window, K.Key_P)
    span = span_at(stored_layer(db_path), *find(SEED, "Prime Minister Benjamin Netanyahu"), "PERSON")
    assert span is not None
    assert not window.text_view.textCursor().hasSelection()  # the new span's colours are visible


def test_a_role_can_have_several_fillers_and_a_second_press_removes_one(qtbot, window, db_path):
    click_char(qtbot, window.text_view, find(SEED, "met")[0])
    event_id = window.session.current_event_id
    click_char(qtbot, window.text_view, find(SEED, "Benjamin")[0])
    key(qtbot, window, K.Key_S, ALT)
    click_char(qtbot, window.text_view, find(SEED, "Antony")[0])
    key(qtbot, window, K.Key_S, ALT | SHIFT)
    layer = stored_layer(db_path)
    fillers = {layer.spans[i].text_in(SEED) for i in layer.events[event_id].spans_in_role("source")}
    assert fillers == {"Benjamin Netanyahu", "Antony Blinken"}
    key(qtbot, window, K.Key_S, ALT)  # the selected span again: taken out of the role
    layer = stored_layer(db_path)
    assert [layer.spans[i].text_in(SEED) for i in layer.events[event_id].spans_in_role("source")] == [
        "Benjamin Netanyahu"]


def test_escape_stops_picking_and_clears_the_selection(qtbot, window):
    click_char(qtbot, window.text_view, find(SEED, "met")[0])
    qtbot.mouseClick(window.event_panel.pick_buttons["source"], Qt.MouseButton.LeftButton)
    assert window.text_view.pick_role == "source"
    window.text_view.setFocus()
    key(qtbot, window, K.Key_Escape)
    assert window.text_view.pick_role is None and window.session.current_span is None


def test_alt_s_on_the_suggested_source_confirms_it_and_only_then_takes_it_out(qtbot, make_window, tmp_path):
    """Pressing the role's key on the span that already is its suggested filler is the annotator
    saying yes: it is accepted, not removed (a removal there deleted what they meant to keep)."""
    from annotator.core.model import AnnotatedDocument, Argument, Document, Event, Layer, Span

    text = "Police arrested protesters in Minsk."
    layer = Layer("ann1")
    police = layer.add_span(Span(1, 0, 6, "ORG", origin="model", status="suggested"))
    arrested = layer.add_span(Span(2, 7, 15, "COERCE", "trigger", origin="model", status="suggested"))
    layer.add_event(Event(3, arrested.id, "COERCE", origin="model", status="suggested",
                          arguments=[Argument("source", police.id)]))
    path = tmp_path / "s.db"
    with Project.create(path) as p:
        p.import_documents([AnnotatedDocument(Document(text, ext_id="s"), [layer])])
    window = make_window(path)
    window.open_document(1)
    click_char(qtbot, window.text_view, 8)  # "arrested": its event
    click_char(qtbot, window.text_view, 1)  # "Police"
    key(qtbot, window, K.Key_S, ALT)
    stored = stored_layer(path, annotator="ann1")  # (ids as the import gave them: a file's own 1, 2, 3 are renumbered)
    (event,) = stored.events.values()
    (police_id,) = [i for i, s in stored.spans.items() if (s.start, s.end) == (0, 6)]
    assert event.spans_in_role("source") == [police_id] and stored.spans[police_id].status == "accepted"
    key(qtbot, window, K.Key_S, ALT)  # accepted now: the key takes it out, as documented
    assert stored_layer(path, annotator="ann1").events[event.id].spans_in_role("source") == []


def test_ctrl_end_in_the_list_opens_the_last_document_of_a_long_list(qtbot, make_window, tmp_path):
    """The list loads 200 rows at a time: Ctrl+End went to the last row loaded so far (document
    200 of 1200); it now opens the list's last document, and its id is shown whole (the id
    column kept the width of the first rows: "1…")."""
    from annotator.core.model import AnnotatedDocument, Document
    from annotator.store import Project

    path = tmp_path / "long.db"
    with Project.create(path) as p:
        p.import_documents(AnnotatedDocument(Document(f"Report number {i} from Cairo.", ext_id=f"d{i}"))
                           for i in range(1200))
    window = make_window(path)
    table = window.doc_panel.table
    table.setFocus()
    assert window.doc_model.rowCount() < 1200
    qtbot.keyClick(table, K.Key_End, CTRL)
    assert window.session.doc_id == 1200
    assert table.selectionModel().selectedRows()[0].row() == 1199
    shown = table.model().index(1199, 0)
    assert table.columnWidth(0) > table.fontMetrics().horizontalAdvance(shown.data()) + 6
    qtbot.keyClick(table, K.Key_Up)  # the list goes on from there as usual
    assert window.session.doc_id == 1199


def test_find_follows_the_document_opened_under_an_open_bar(qtbot, window):
    """The bar stays open across Ctrl+]: it searched the previous document's text, so F3
    selected that document's match offsets in the new one (and P saved a span there), and a
    word only the new document has was "not found"."""
    key(qtbot, window, K.Key_F, CTRL)
    qtbot.keyClicks(window.find_bar.edit, "israel")
    qtbot.keyClick(window.find_bar.edit, K.Key_Return)
    assert window.session.current_range == find(SEED, "Israel")
    key(qtbot, window, K.Key_BracketRight, CTRL)
    assert window.find_bar.isVisible() and window.session.document.ext_id == "two"
    key(qtbot, window, K.Key_F3)
    assert window.session.current_range == find(window.session.text, "Israel")
    key(qtbot, window, K.Key_BracketRight, CTRL)
    window.find_bar.edit.setFocus()
    window.find_bar.edit.selectAll()
    qtbot.keyClicks(window.find_bar.edit, "doha")
    qtbot.keyClick(window.find_bar.edit, K.Key_Return)
    assert window.session.current_range == find(window.session.text, "Doha")
    assert window.find_bar.count.text() == "1 match"


def test_an_answer_given_after_another_document_was_opened_is_not_applied_there(qtbot, window, db_path):
    """The Ctrl+D question and the T picker are window-modal: the agreement dashboard's "show in
    the workbench" can open another document under them. "Reject all and mark done", asked of
    the seed, then rejected the suggestions of document 3 and marked it done."""
    model_free = stored_layer(db_path, 3)
    key(qtbot, window, K.Key_D, CTRL)  # the seed has suggestions pending: the question opens
    window.workbench().show_place(3, 0, 5)
    assert window.session.doc_id == 3
    click_choice(qtbot, window, "reviewPending", "reject")
    assert stored_layer(db_path, 3).state == model_free.state != "done"
    assert stored_layer(db_path, 1).state != "done"
    assert "another document was opened" in window.statusBar().currentMessage()
    window.open_document(1)
    start, end = find(SEED, "Benjamin")
    drag(window.text_view, start, end)
    key(qtbot, window, K.Key_T)
    picker = window.type_picker()
    window.workbench().show_place(3, 0, 5)
    qtbot.keyClicks(picker.filter, "consult")
    qtbot.keyClick(picker.filter, K.Key_Return)
    assert not stored_layer(db_path, 3).spans  # no trigger written over document 3's first word
    assert not any(s.layer == "trigger" and s.start == start for s in stored_layer(db_path, 1).spans.values())


def test_every_menu_has_an_alt_key_of_its_own(window):
    """Alt+V opened Event (E&vent) and never View (&View)."""
    import re

    from PySide6.QtGui import QKeySequence

    menus = [a.text() for a in window.menuBar().actions()]
    letters = [re.search(r"&(\w)", title).group(1).lower() for title in menus]
    assert len(set(letters)) == len(letters), menus
    alt_keys = {QKeySequence(key).toString().lower() for action in window.findChildren(QAction)
                for key in action.shortcuts() if QKeySequence(key).toString().lower().startswith("alt+")}
    assert not {f"alt+{letter}" for letter in letters} & alt_keys


def test_enter_in_the_actor_field_saves_and_gives_the_keys_back_to_the_text(qtbot, window, db_path):
    """The field kept the keys (its completion list open): the next label key was typed into
    the code ("EGY" became "EGYP" on leaving), and Ctrl+] did nothing."""
    start, end = find(SEED, "Benjamin Netanyahu")
    click_char(qtbot, window.text_view, start)
    key(qtbot, window, K.Key_A)
    actor = window.inspector.span_box.actor
    qtbot.keyClicks(actor, "isr")
    qtbot.keyClick(actor, K.Key_Return)
    assert window.text_view.hasFocus() and not actor.completer().popup().isVisible()
    key(qtbot, window, K.Key_P)  # a label key: for the text, not the field
    assert span_at(stored_layer(db_path), start, end).actor_code == "ISR"
    key(qtbot, window, K.Key_A)  # selects the stored code: typing replaces it
    qtbot.keyClicks(actor, "zzq")
    assert "not a CAMEO code" in window.inspector.span_box.actor_help.text()
    qtbot.keyClick(actor, K.Key_Return)
    assert span_at(stored_layer(db_path), start, end).actor_code == "ZZQ"  # kept as typed, but said
    key(qtbot, window, K.Key_BracketRight, CTRL)
    assert window.session.document.ext_id == "two"


def consult_on_met(qtbot, window) -> None:
    """T on "met" and CONSULT from the type picker: a new event, selected."""
    drag(window.text_view, *find(SEED, "met"))
    key(qtbot, window, K.Key_T)
    picker = window.type_picker()
    qtbot.keyClicks(picker.filter, "consult")
    qtbot.keyClick(picker.filter, K.Key_Return)


def test_f6_reaches_every_pane_and_ctrl_shift_m_sets_the_mode(qtbot, window, db_path):
    """Tab is "next suggestion", so the label, mode and context boxes and the events list were
    reachable by mouse only, and the mode had no key at all."""
    from PySide6.QtWidgets import QApplication

    def f6_round() -> list[str]:
        reached = []
        for _ in range(12):
            key(qtbot, window, K.Key_F6)
            reached.append(QApplication.focusWidget().objectName())
        return reached

    start, end = find(SEED, "Benjamin Netanyahu")
    click_char(qtbot, window.text_view, start)  # a span: its label and actor code take keys
    reached = f6_round()
    for name in ("documentSearch", "documentList", "textView", "spanLabel", "actorCode"):
        assert name in reached, reached
    key(qtbot, window, K.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget().objectName() == reached[-2]
    # An event: T on a selection, then its mode from the keyboard.
    window.text_view.setFocus()
    consult_on_met(qtbot, window)
    event = window.session.current_event
    assert event is not None and event.mode is None
    reached = f6_round()
    for name in ("eventType", "eventMode", "eventContext", "eventList"):
        assert name in reached, reached
    window.text_view.setFocus()
    key(qtbot, window, K.Key_M, CTRL | Qt.KeyboardModifier.ShiftModifier)
    mode = window.event_panel.mode
    assert mode.view().isVisible()
    qtbot.keyClick(mode.view(), K.Key_Down)
    qtbot.keyClick(mode.view(), K.Key_Return)
    stored = stored_layer(db_path).events[event.id]
    assert stored.mode == mode.itemData(1) is not None
    # the keys are the text's again, as after the type picker (before: Tab went to the context box)
    assert window.text_view.hasFocus()
    key(qtbot, window, K.Key_M, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(mode.view(), K.Key_Escape)  # closed without a choice: the same
    assert window.text_view.hasFocus() and stored_layer(db_path).events[event.id].mode == stored.mode



def test_the_wheel_and_the_arrow_keys_never_change_a_closed_choice_box(qtbot, window, db_path):
    """A closed box chose on each arrow key and on the mouse wheel passing over it: scrolling
    the panel relabelled the event, and arrowing through the types saved one edit per type (a
    type without the event's mode dropped the mode on the way)."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    consult_on_met(qtbot, window)
    event_id = window.session.current_event.id
    audit_rows = len(window.project.history(window.session.doc_id, window.session.annotator))
    panel = window.event_panel
    for box in (panel.type, panel.mode, panel.context):
        centre = QPointF(box.rect().center())
        QApplication.sendEvent(box, QWheelEvent(centre, box.mapToGlobal(centre), QPoint(0, 0), QPoint(0, -120),
                                                Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                                Qt.ScrollPhase.NoScrollPhase, False))
    assert len(window.project.history(window.session.doc_id, window.session.annotator)) == audit_rows
    assert stored_layer(db_path).events[event_id].type == "CONSULT"

    panel.type.setFocus()
    qtbot.keyClick(panel.type, K.Key_Down)  # the list opens; nothing is chosen yet
    assert panel.type.view().isVisible()
    assert len(window.project.history(window.session.doc_id, window.session.annotator)) == audit_rows
    qtbot.keyClick(panel.type.view(), K.Key_Down)
    qtbot.keyClick(panel.type.view(), K.Key_Down)
    qtbot.keyClick(panel.type.view(), K.Key_Return)  # one choice, one edit
    history = window.project.history(window.session.doc_id, window.session.annotator)
    assert len(history) == audit_rows + 1
    assert stored_layer(db_path).events[event_id].type == panel.type.currentText() != "CONSULT"


def test_tab_in_the_side_panels_moves_to_the_next_field_not_to_the_next_suggestion(qtbot, window, db_path):
    """Tab is "next suggestion" in the text; in the span and event panels it selected another
    span under the box the user was in, and their next choice there went to that span's event."""
    from PySide6.QtWidgets import QApplication

    consult_on_met(qtbot, window)
    selected = (window.session.current_span_id, window.session.current_event_id)
    panel = window.event_panel
    panel.type.setFocus()
    qtbot.keyClick(panel.type, K.Key_Tab)
    assert QApplication.focusWidget() is panel.mode
    qtbot.keyClick(panel.mode, K.Key_Tab)
    assert QApplication.focusWidget() is panel.context
    qtbot.keyClick(panel.context, K.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is panel.mode
    assert (window.session.current_span_id, window.session.current_event_id) == selected
    window.text_view.setFocus()
    key(qtbot, window, K.Key_Tab)  # in the text it is still the next suggestion
    assert window.session.current_span_id != selected[0]
