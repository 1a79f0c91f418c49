"""Two leads on one gold layer: the lead's workbench (a window working as gold, driven here with
the keys) and another lead writing the same gold from elsewhere (another `Project` connection,
as another window or process). Undo and redo in the window take back only the window's own
edits, refuse a step that no longer fits what the other lead did -- never undoing or breaking
their work -- and a role key pressed on a stale view is refused, as a stale label is."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core import AddEvent, AddSpan, AnnotatedDocument, Document, Event, Span, new_id, set_argument
from annotator.core.model import GOLD
from annotator.store import Project

from .helpers import click_char, drag, key

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
TEXT = "Israeli officials met Egyptian envoys in Cairo on Monday."


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def gold_path(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """A project whose gold has Israeli (an accepted suggestion), Egyptian and a CONSULT event on
    "met" with no arguments."""
    path = tmp_path / "gold.db"
    spans = {
        "israeli": Span(new_id(), *at("Israeli"), "NORP", origin="model", status="accepted"),
        "egyptian": Span(new_id(), *at("Egyptian"), "NORP", origin="human", status="accepted"),
        "met": Span(new_id(), *at("met"), "CONSULT", "trigger", origin="human", status="accepted"),
    }
    event = Event(new_id(), spans["met"].id, "CONSULT", origin="human", status="accepted")
    with Project.create(path) as p:
        p.import_documents([AnnotatedDocument(Document(TEXT, ext_id="d1"))])
        for edit in (*(AddSpan(s) for s in spans.values()), AddEvent(event)):
            p.apply(1, GOLD, edit)
    return path, {**{name: s.id for name, s in spans.items()}, "event": event.id}


def workbench(make_window, path: Path, live_ms: int = 0):
    window = make_window(path, annotator=GOLD)
    window.open_document(1)
    window.live.set_interval(live_ms)
    window.text_view.setFocus()
    return window


def other_lead(path: Path, make) -> None:
    """Another lead writes gold (its own connection: a script, another process), from gold as stored."""
    with Project.open(path) as other:
        other.apply(1, GOLD, make(other.layer(1, GOLD)))


def stored(path: Path):
    with Project.open(path, readonly=True) as p:
        return p.layer(1, GOLD), p.check()


def status(window) -> str:
    return window.statusBar().currentMessage()


def test_a_redo_that_would_leave_another_leads_source_rejected_is_refused(qtbot, make_window, gold_path):
    path, ids = gold_path
    window = workbench(make_window, path)
    click_char(qtbot, window.text_view, 2)  # Israeli
    assert window.session.current_span_id == ids["israeli"]
    key(qtbot, window, Qt.Key.Key_Delete)  # rejected (it came from the model)
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    other_lead(path, lambda gold: set_argument(gold, ids["event"], "source", ids["israeli"]))
    key(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert status(window).startswith("cannot redo: gold's layer changed meanwhile: the NORP span is the source "
                                      "of the CONSULT event now")
    gold, problems = stored(path)
    assert problems == []
    assert gold.spans[ids["israeli"]].status == "accepted"
    assert gold.events[ids["event"]].spans_in_role("source") == [ids["israeli"]]  # the other lead's work stays


def test_ctrl_z_after_a_live_refresh_undoes_this_windows_edit_not_the_other_leads(qtbot, make_window, gold_path):
    path, ids = gold_path
    window = workbench(make_window, path, live_ms=100)
    drag(window.text_view, *at("Cairo"))
    key(qtbot, window, Qt.Key.Key_G)  # Cairo = GPE
    other_lead(path, lambda gold: set_argument(gold, ids["event"], "source", ids["israeli"]))
    qtbot.waitUntil(lambda: "changed elsewhere" in status(window), timeout=5000)  # reloaded, stack rebuilt
    assert window.history.stack.undoText() == "add GPE"
    window.text_view.setFocus()
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    gold, _ = stored(path)
    assert not [s for s in gold.spans.values() if (s.start, s.end) == at("Cairo")]
    assert gold.events[ids["event"]].spans_in_role("source") == [ids["israeli"]]
    window.close()

    again = workbench(make_window, path)  # after a restart: still only this window's own steps
    assert again.history.stack.undoText() == "" and again.history.stack.redoText() == "add GPE"
    key(qtbot, again, Qt.Key.Key_Z, CTRL)  # nothing of the other lead's to undo
    assert stored(path)[0] == gold
    key(qtbot, again, Qt.Key.Key_Z, CTRL | SHIFT)
    gold, problems = stored(path)
    assert [s.label for s in gold.spans.values() if (s.start, s.end) == at("Cairo")] == ["GPE"] and problems == []


def test_an_own_edit_another_lead_built_on_is_not_undone_and_the_window_says_why(qtbot, make_window, gold_path):
    path, ids = gold_path
    window = workbench(make_window, path, live_ms=100)
    drag(window.text_view, *at("Cairo"))
    key(qtbot, window, Qt.Key.Key_G)
    cairo = window.session.current_span_id
    other_lead(path, lambda gold: set_argument(gold, ids["event"], "location", cairo))
    qtbot.waitUntil(lambda: "changed elsewhere" in status(window), timeout=5000)
    window.text_view.setFocus()
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert status(window).startswith("cannot undo: the GPE span is still used by the CONSULT event (as its "
                                      "location)")
    gold, problems = stored(path)
    assert gold.spans[cairo].label == "GPE" and problems == []
    assert gold.events[ids["event"]].spans_in_role("location") == [cairo]


def test_alt_s_on_a_stale_view_is_refused_and_the_event_keeps_one_source(qtbot, make_window, gold_path):
    path, ids = gold_path
    window = workbench(make_window, path)  # live refresh off: the view stays as read
    click_char(qtbot, window.text_view, at("met")[0] + 1)
    assert window.session.current_event_id == ids["event"]
    other_lead(path, lambda gold: set_argument(gold, ids["event"], "source", ids["israeli"]))
    click_char(qtbot, window.text_view, at("Egyptian")[0] + 2)
    assert window.session.current_span_id == ids["egyptian"]
    key(qtbot, window, Qt.Key.Key_S, ALT)
    assert "the source of the CONSULT event changed meanwhile (it is the NORP span now, expected none)" \
        in status(window)
    gold, problems = stored(path)
    assert gold.events[ids["event"]].spans_in_role("source") == [ids["israeli"]] and problems == []
    assert "saved" not in status(window)
