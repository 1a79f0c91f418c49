"""Keys go to the widget they are typed in, and a correction decides on the suggestion it corrects.

Found by driving the window as an annotator: a letter typed in the document list or in the event
type box was the window's label key (it relabelled the span selected in the text, or wrote a
PERSON over the trigger); Delete or Backspace in the mode box rejected the event; after Esc in
the actor code field the next label key was typed onto the code and saved; a role given to a
suggested event, or taken from it, left the event suggested, so "Reject all and mark done"
rejected the event just corrected; retyping a suggestion lost the model's mode from its record."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton

from annotator.core.ids import new_id
from annotator.core.model import MODEL, AnnotatedDocument, Argument, Document, Event, Layer, Span
from annotator.gui.widgets.type_picker import TypePicker
from annotator.store import Project

from .conftest import find
from .helpers import click_char, click_choice, focus_by_f6, key, stored_layer

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
TEXT = "Hamas fired rockets at Israel on Monday. Egypt met Qatar in Cairo."


def suggestions() -> tuple[Layer, dict[str, int]]:
    layer = Layer(MODEL)
    ids = {}
    for words, label, layer_name in (("Hamas", "ORG", "entity"), ("Israel", "GPE", "entity"),
                                     ("Egypt", "GPE", "entity"), ("Qatar", "GPE", "entity"),
                                     ("Cairo", "GPE", "entity"), ("fired rockets", "ASSAULT", "trigger"),
                                     ("met", "CONSULT", "trigger")):
        span = Span(new_id(), *find(TEXT, words), label, layer_name, origin="model", status="suggested",
                    actor_code="EGY" if words == "Cairo" else None)
        layer.add_span(span)
        ids[words] = span.id
    for name, trigger, etype, mode, args in (
            ("assault", "fired rockets", "ASSAULT", "heavy-weapons", [("source", "Hamas"), ("target", "Israel")]),
            ("consult", "met", "CONSULT", None, [("source", "Qatar")])):
        event = Event(new_id(), ids[trigger], etype, mode=mode, origin="model", status="suggested",
                      arguments=[Argument(role, ids[words]) for role, words in args])
        layer.add_event(event)
        ids[name] = event.id
    return layer, ids


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "work.db"
    layer, _ = suggestions()
    with Project.create(path) as project:
        project.import_documents([AnnotatedDocument(Document(TEXT, ext_id="one", title="one"), [layer]),
                                  AnnotatedDocument(Document("Qatar hosted talks.", ext_id="two", title="two"))])
    return path


def event_of(path: Path, trigger_words: str) -> Event:
    layer = stored_layer(path)
    start, _ = find(TEXT, trigger_words)
    return next(e for e in layer.events.values() if layer.spans[e.trigger].start == start)


def snapshot(path: Path):
    layer = stored_layer(path)
    return ({i: (s.start, s.end, s.label, s.status, s.actor_code) for i, s in layer.spans.items()},
            {i: (e.type, e.mode, e.status, e.negated, tuple(e.arguments)) for i, e in layer.events.items()})


# -- keys stay in the widget they are typed in ---------------------------------------------

def test_a_letter_in_the_document_list_changes_no_span(qtbot, window, db_path):
    click_char(qtbot, window.text_view, TEXT.index("Hamas") + 1)  # a suggested ORG, selected
    before = snapshot(db_path)
    key(qtbot, window, K.Key_L, CTRL)
    assert window.doc_panel.table.hasFocus()
    for letter in (K.Key_G, K.Key_P, K.Key_T):  # G and P are label keys, T marks a trigger
        qtbot.keyClick(window.doc_panel.table, letter)
    assert snapshot(db_path) == before


@pytest.mark.parametrize("letter", [K.Key_P, K.Key_M])  # label keys of PERSON and ... (P O G N L F D M)
def test_a_letter_in_the_event_type_box_opens_its_list_and_saves_nothing(qtbot, window, db_path, letter):
    click_char(qtbot, window.text_view, TEXT.index("fired") + 1)
    before = snapshot(db_path)
    box = window.event_panel.type
    focus_by_f6(qtbot, window, box)
    qtbot.keyClick(box, letter)
    assert snapshot(db_path) == before
    assert box.view().isVisible()
    assert box.view().currentIndex().data().startswith(chr(letter))
    qtbot.keyClick(box.view(), K.Key_Escape)


@pytest.mark.parametrize("box_name", ["mode", "context", "type"])
@pytest.mark.parametrize("pressed", [K.Key_Delete, K.Key_Backspace])
def test_delete_in_an_event_box_keeps_the_event(qtbot, window, db_path, box_name, pressed):
    click_char(qtbot, window.text_view, TEXT.index("fired") + 1)
    key(qtbot, window, K.Key_Return)  # accept the event
    before = snapshot(db_path)
    box = getattr(window.event_panel, box_name)
    focus_by_f6(qtbot, window, box)
    qtbot.keyClick(box, pressed)
    assert snapshot(db_path) == before
    assert event_of(db_path, "fired rockets").status == "accepted"


def test_escape_in_the_actor_code_field_gives_the_keys_back_to_the_text(qtbot, window, db_path):
    click_char(qtbot, window.text_view, TEXT.index("Cairo") + 1)
    span_id = window.session.current_span_id
    field = window.inspector.span_box.actor
    key(qtbot, window, K.Key_A)
    assert field.hasFocus()
    qtbot.keyClicks(field, "irn")
    popup = field.completer().popup()
    if popup.isVisible():
        qtbot.keyClick(popup, K.Key_Escape)  # the first Esc closes the completion list
    qtbot.keyClick(field, K.Key_Escape)  # ... the next takes the typing back
    assert field.text() == "EGY"
    assert window.text_view.hasFocus()
    key(qtbot, window, K.Key_P)  # the next label key labels the span, in the text
    stored = stored_layer(db_path).spans[span_id]
    assert (stored.label, stored.actor_code) == ("PERSON", "EGY")


# -- a correction of a suggested event decides on it ----------------------------------------

def finish_rejecting_the_rest(qtbot, window) -> None:
    key(qtbot, window, K.Key_D, CTRL)
    click_choice(qtbot, window, "reviewPending", "reject")


def test_a_role_given_by_key_decides_on_the_suggested_event(qtbot, window, db_path):
    click_char(qtbot, window.text_view, TEXT.index("met") + 1)  # CONSULT, suggested
    click_char(qtbot, window.text_view, TEXT.index("Egypt") + 1)
    key(qtbot, window, K.Key_S, ALT)  # Egypt is the source
    event = event_of(db_path, "met")
    assert event.status == "accepted"
    assert event.spans_in_role("source") == [stored_span_id(db_path, "Egypt")]
    finish_rejecting_the_rest(qtbot, window)
    assert event_of(db_path, "met").status == "accepted"


def test_a_role_cleared_with_its_button_decides_on_the_suggested_event(qtbot, window, db_path):
    click_char(qtbot, window.text_view, TEXT.index("met") + 1)
    clear = window.event_panel.findChild(QToolButton, "clear_source")
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)  # the model's source is wrong
    event = event_of(db_path, "met")
    assert event.status == "accepted" and not event.spans_in_role("source")
    finish_rejecting_the_rest(qtbot, window)
    assert event_of(db_path, "met").status == "accepted"


def test_a_role_picked_by_click_decides_on_the_suggested_event(qtbot, window, db_path):
    click_char(qtbot, window.text_view, TEXT.index("met") + 1)
    qtbot.mouseClick(window.event_panel.pick_buttons["target"], Qt.MouseButton.LeftButton)
    click_char(qtbot, window.text_view, TEXT.index("Cairo") + 1)
    event = event_of(db_path, "met")
    assert event.status == "accepted" and event.spans_in_role("target") == [stored_span_id(db_path, "Cairo")]


def stored_span_id(path: Path, words: str) -> int:
    start, end = find(TEXT, words)
    return next(s.id for s in stored_layer(path).spans.values() if (s.start, s.end) == (start, end))


def test_a_retype_keeps_the_models_mode_in_its_record(qtbot, window, db_path):
    click_char(qtbot, window.text_view, TEXT.index("fired") + 1)

    def retype(typed: str) -> None:
        key(qtbot, window, K.Key_T)
        picker = next(p for p in window.findChildren(TypePicker) if p.isVisible())
        qtbot.keyClicks(picker.filter, typed)
        qtbot.keyClick(picker.filter, K.Key_Return)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    retype("consu")  # CONSULT has no mode heavy-weapons: the mode goes
    event = event_of(db_path, "fired rockets")
    assert (event.type, event.mode) == ("CONSULT", None)
    assert event.attrs["suggested"] == {"type": "ASSAULT", "mode": "heavy-weapons"}
    retype("assa")  # back: the record still says the model's mode differs from what is stored
    event = event_of(db_path, "fired rockets")
    assert (event.type, event.mode) == ("ASSAULT", None)
    assert event.attrs["suggested"] == {"mode": "heavy-weapons"}
