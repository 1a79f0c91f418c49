"""Same annotator, two laptops, on both engines: laptop 1's window holds ann1's session, the
laptop sleeps (its heartbeat ages past STALE_AFTER), laptop 2 opens ann1's window and takes the
stale lock over, as documented. Laptop 1's next key -- long before its heartbeat (every 30 s)
would notice -- is refused by the store in the edit's own transaction: nothing is written into
the layer laptop 2 now edits, and the window says so and goes read-only for that layer."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core import errors
from annotator.gui import faults
from annotator.store import Project, sessions

from .conftest import ONE, TWO, wholly_on_document_one
from .helpers import drag, key, span_at, stored_layer

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def two_laptops(qtbot, make_window, two_documents, monkeypatch):
    """ann1's window on laptop 1, which then sleeps (its heartbeat ages past STALE_AFTER), and
    ann1's window on laptop 2, which takes the stale lock over, as documented."""

    def on(host: str):
        monkeypatch.setattr(sessions, "hostname", lambda: host)
        return make_window(two_documents)

    laptop1 = on("laptop-1")
    with Project.open(two_documents) as p, p.write((0, 0)):
        p.conn.execute("UPDATE sessions SET heartbeat = ? WHERE annotator = 'ann1'", (time.time() - 600,))
    laptop2 = on("laptop-2")
    monkeypatch.setattr(sessions, "hostname", lambda: "laptop-1")
    laptop1.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is laptop1)
    laptop1.text_view.setFocus()
    assert not laptop1.session_lock.lost  # its heartbeat (every 30 s) has not run yet
    return laptop1, laptop2


def test_a_key_in_a_window_whose_session_was_taken_over_is_refused_and_the_layer_goes_read_only(
        qtbot, two_laptops, two_documents):
    laptop1, laptop2 = two_laptops
    cairo = ONE.index("Cairo")
    drag(laptop1.text_view, cairo, cairo + 5)
    key(qtbot, laptop1, Qt.Key.Key_G)  # laptop 1 goes on working: at once, no heartbeat waited for
    assert span_at(stored_layer(two_documents), cairo, cairo + 5) is None  # refused by the store
    assert span_at(laptop1.session.layer, cairo, cairo + 5) is None  # and not shown as made
    said = laptop1.status.last_error
    assert said.startswith("not saved: ann1's editing session was taken over by process") and "laptop-2" in said
    assert "read-only" in said
    assert laptop1.session_lock.lost and laptop1.history.blocked
    assert laptop1.status.saved.text() == "read-only: not saving"

    egypt = ONE.index("Egyptian")
    drag(laptop1.text_view, egypt, egypt + 8)
    key(qtbot, laptop1, Qt.Key.Key_N)  # refused in the window now, without asking the store
    key(qtbot, laptop1, Qt.Key.Key_Z, CTRL)
    assert stored_layer(two_documents).spans == {}
    assert "took over ann1's session" in laptop1.status.last_error

    key(qtbot, laptop1, Qt.Key.Key_BracketRight, CTRL)  # browsing goes on: document 2, as stored
    assert laptop1.session.doc_id == 2 and laptop1.text_view.toPlainText() == TWO
    assert stored_layer(two_documents, 2).spans == {}  # not seeded by the window that lost the layer

    laptop2.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is laptop2)
    laptop2.text_view.setFocus()
    drag(laptop2.text_view, cairo, cairo + 5)
    key(qtbot, laptop2, Qt.Key.Key_G)  # the holder now: saved
    assert span_at(stored_layer(two_documents), cairo, cairo + 5, "GPE") is not None
    laptop1.close()
    with Project.open(two_documents, readonly=True) as p:
        assert sessions.holder(p, "ann1").host == "laptop-2"  # laptop 1 closing left laptop 2's lock


def test_opening_a_new_document_after_a_takeover_seeds_nothing_and_says_why(qtbot, two_laptops, two_documents):
    laptop1, _ = two_laptops
    key(qtbot, laptop1, Qt.Key.Key_BracketRight, CTRL)  # document 2: its seeding is refused
    wholly_on_document_one(laptop1)
    said = laptop1.status.last_error
    assert said.startswith("“two” not opened: ann1's editing session was taken over") and "read-only" in said
    assert laptop1.session_lock.lost
    with Project.open(two_documents, readonly=True) as p:
        assert p.layer(2, "ann1").spans == {} and p.history(2, "ann1") == []
    key(qtbot, laptop1, Qt.Key.Key_BracketRight, CTRL)  # again: shown as stored, read-only
    assert laptop1.session.doc_id == 2 and laptop1.text_view.toPlainText() == TWO



def test_faults_tell_a_session_taken_over_from_other_refusals():
    taken = errors.SessionTakenOver("ann1's editing session was taken over")
    assert faults.is_taken_over(taken) and faults.is_refusal(taken)
    assert not faults.is_taken_over(errors.ProjectBusy("busy")) and not faults.is_busy(taken)
    assert faults.write_failure_reason(taken) is None  # the project can be written: by the other window
