"""The window writes what the annotator sees, where they see it: a role pick does not follow them
to another document; a code highlighted in the completion list is saved when they leave the field;
a search that finds nothing leaves nothing selected for a label key; an annotator without
assignments works blind once the lead turned blind mode on; a document entering the list's state
filter is listed. Driven through the real window with keys and clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.edits import AddSpan, SetDocState
from annotator.core.ids import new_id
from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.store import Project
from annotator.store.roles import set_blind

from .conftest import SEED, find
from .helpers import click_char, drag, highlight_completion, key, mark_trigger, stored_layer

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
TWO = "Hamas fired rockets at Israel on Monday. Egypt urged calm."


def test_a_role_pick_waiting_in_one_document_is_not_applied_in_the_next(qtbot, window, db_path):
    click_char(qtbot, window.text_view, find(SEED, "met")[0])  # the suggested CONSULT event
    qtbot.mouseClick(window.event_panel.pick_buttons["target"], Qt.MouseButton.LeftButton)
    assert window.text_view.pick_role == "target"
    window.text_view.setFocus()
    key(qtbot, window, K.Key_BracketRight, CTRL)
    assert window.session.doc_id == 2 and window.text_view.pick_role is None
    drag(window.text_view, *find(TWO, "Hamas"))
    key(qtbot, window, K.Key_O)
    mark_trigger(qtbot, window, *find(TWO, "fired"), "assault")
    click_char(qtbot, window.text_view, find(TWO, "Hamas")[0] + 1)  # select Hamas (before: taken as the pick)
    key(qtbot, window, K.Key_S, ALT)
    layer = stored_layer(db_path, 2)
    roles = {(a.role, TWO[layer.spans[a.span_id].start:layer.spans[a.span_id].end])
             for e in layer.events.values() for a in e.arguments}
    assert roles == {("source", "Hamas")}  # before: Hamas the target, and no source


@pytest.mark.parametrize("leave", ["close", "click_elsewhere", "next_document"])
def test_a_code_highlighted_in_the_completion_list_is_saved_when_the_field_is_left(qtbot, make_window, db_path,
                                                                                    leave):
    window = make_window(db_path)
    click_char(qtbot, window.text_view, find(SEED, "Benjamin Netanyahu")[0])
    span_id = window.session.current_span_id
    field = highlight_completion(qtbot, window, "is")  # highlighted, not chosen: the field shows it
    shown = field.text()
    assert shown.upper().startswith("IS") and shown.upper() != "IS"
    if leave == "close":
        window.close()
    elif leave == "click_elsewhere":
        click_char(qtbot, window.text_view, find(SEED, "Antony Blinken")[0])
    else:
        key(qtbot, window, K.Key_BracketRight, CTRL)
    assert stored_layer(db_path).spans[span_id].actor_code == shown  # before: None, nothing saved


def test_a_label_key_after_a_search_that_found_nothing_labels_nothing(qtbot, make_window, tmp_path):
    path = tmp_path / "find.db"
    with Project.create(path) as p:
        p.import_documents([AnnotatedDocument(Document("Talks in İstanbul and Ankara. Police met in Tokyo.",
                                                       ext_id="f", title="find"))])
    window = make_window(path)

    def find_text(needle: str) -> str:
        key(qtbot, window, K.Key_F, CTRL)
        window.find_bar.edit.setText(needle)
        qtbot.keyClick(window.find_bar.edit, K.Key_Return)
        said = window.find_bar.count.text()
        qtbot.keyClick(window.find_bar.edit, K.Key_Escape)
        return said

    assert find_text("ankara") != "not found"
    key(qtbot, window, K.Key_G)
    assert [s.label for s in stored_layer(path).spans.values()] == ["GPE"]
    assert find_text("tokio") == "not found"  # a typo
    key(qtbot, window, K.Key_L)
    assert [s.label for s in stored_layer(path).spans.values()] == ["GPE"]  # before: Ankara relabelled LOC
    assert find_text("istanbul") != "not found"  # "İ" lower-cases with a combining dot


def test_an_annotator_without_assignments_works_blind_once_the_lead_turned_it_on(qtbot, make_window, db_path):
    with Project.open(db_path) as p:
        p.open_layer(1, "ann2")
        p.apply(1, "ann2", AddSpan(Span(new_id(), *find(SEED, "Israeli"), "GPE", origin="human",
                                        status="accepted", actor_code="SECRET2")))
        p.apply(1, "ann2", SetDocState("in_progress", "done"))
    lone = make_window(db_path)
    assert lone.actions_["adjudicate"].isEnabled()  # blind mode at its default: a lone user keeps them
    lone.close()
    with Project.open(db_path) as p:
        set_blind(p, True)  # `annotator role work.db --blind on`
    window = make_window(db_path)
    assert not window.actions_["adjudicate"].isEnabled() and not window.actions_["agreement"].isEnabled()


@pytest.mark.parametrize("state", ["in_progress", "done"])
def test_a_document_entering_the_lists_state_filter_is_listed(qtbot, window, db_path, state):
    if state == "done":
        key(qtbot, window, K.Key_BracketRight, CTRL)
        key(qtbot, window, K.Key_BracketRight, CTRL)  # document 3: no suggestions, Ctrl+D marks it done
    combo = window.doc_panel.state_filter
    combo.setCurrentIndex(combo.findData(state))
    assert [r.id for r in window.doc_model.rows] == []
    window.text_view.setFocus()
    if state == "done":
        key(qtbot, window, K.Key_D, CTRL)
    else:
        click_char(qtbot, window.text_view, find(SEED, "Netanyahu")[0])
        key(qtbot, window, K.Key_Return)
    doc_id = window.session.doc_id
    assert stored_layer(db_path, doc_id).state == state
    assert [r.id for r in window.doc_model.rows] == [doc_id]  # before: the list stayed empty


def test_edits_on_a_document_further_down_a_filtered_list_do_not_reload_it(qtbot, tmp_path):
    """Past the first page, a document in the filter's state is not loaded yet: each edit reloaded
    the list (two queries, and the list jumped to the top)."""
    from annotator.core.model import Layer
    from annotator.gui.models.documents import DocumentListModel

    docs = []
    for i in range(260):
        layer = Layer("ann1", "in_progress")
        layer.add_span(Span(new_id(), 0, 4, "GPE", "entity", None, "human", "accepted"))
        docs.append(AnnotatedDocument(Document(f"Iran story {i}.", ext_id=f"d{i}"), [layer]))
    with Project.create(tmp_path / "p.db") as p:
        p.import_documents(docs)
        model = DocumentListModel(p, "ann1")
        model.set_filter("in_progress")
        assert model.total == 260 and len(model.rows) == 200
        resets: list[int] = []
        model.modelReset.connect(lambda: resets.append(1))
        for _ in range(5):
            model.update_row(250, "in_progress", 3)
        assert resets == []
