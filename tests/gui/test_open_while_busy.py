"""Another program holds the project's write lock for long (an import, a pre-annotation batch,
`annotator adjudicate`) while the annotator moves to a document never opened -- its first opening
copies the model's suggestions in, a write --, on both engines, driven with keys: the window waits
about a second, not the store's 10 s twice (time on document, then seeding), stays wholly on the
document it showed and says the project is busy and to try again; once the lock is free the same
key opens the document with its suggestions."""

from __future__ import annotations

import time
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt

from annotator.core import errors
from annotator.core.errors import EditError, ProjectError
from annotator.core.model import AnnotatedDocument, Document
from annotator.gui import faults
from annotator.gui.session import Session
from annotator.store import Project

from .conftest import ONE, TWO, listed, wholly_on_document_one
from .helpers import key

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


@contextmanager
def write_lock_held(where):
    """Another program's long write transaction (what `annotator import` holds): SQLite's write
    lock, or the server's project-wide lock."""
    with Project.open(where) as other, other.write():
        yield


def test_moving_to_a_new_document_while_the_project_is_busy_waits_briefly_and_stays(qtbot, make_window, two_documents):
    window = make_window(two_documents)
    assert window.session.doc_id == 1
    with write_lock_held(two_documents):
        started = time.monotonic()
        key(qtbot, window, Qt.Key.Key_BracketRight, CTRL)  # next document: never opened, to be seeded
        waited = time.monotonic() - started
        assert waited < 4, f"the window was frozen {waited:.1f} s"
        wholly_on_document_one(window)
        said = window.status.last_error
        assert said.startswith("“two” not opened: the project is busy") and "try again" in said, said
        assert "Traceback" not in said

        # From the list (Ctrl+L, Down): the same, and the list shows document 1 again.
        key(qtbot, window, Qt.Key.Key_L, CTRL)
        qtbot.keyClick(window.doc_panel.table, Qt.Key.Key_Down)
        wholly_on_document_one(window)
        assert "busy" in window.status.last_error
        window.text_view.setFocus()
    with Project.open(two_documents, readonly=True) as p:
        assert p.layer(2, "ann1").spans == {} and p.history(2, "ann1") == []  # nothing half-written

    key(qtbot, window, Qt.Key.Key_BracketRight, CTRL)  # the other program is done: try again
    s = window.session
    assert s.doc_id == 2 and s.text == TWO and window.text_view.toPlainText() == TWO and listed(window) == 2
    assert [sp.label for sp in s.layer.spans.values()] == ["ORG"]  # its suggestion, copied in now
    assert window.status.left.text() == "1 suggestions left"


def test_switching_while_the_project_is_busy_keeps_the_time_for_later_without_freezing(qtbot, make_window,
                                                                                        two_documents):
    """Time on document is written on every switch: while another program writes, it is kept
    for later instead of freezing the window 10 s (here a document opened before: nothing to seed)."""
    window = make_window(two_documents)
    key(qtbot, window, Qt.Key.Key_BracketRight, CTRL)  # document 2 opened (and seeded) once
    key(qtbot, window, Qt.Key.Key_BracketLeft, CTRL)
    qtbot.wait(50)
    written = window.timekeeper.written
    with write_lock_held(two_documents):
        started = time.monotonic()
        key(qtbot, window, Qt.Key.Key_BracketRight, CTRL)
        assert time.monotonic() - started < 2.5
        assert window.session.doc_id == 2 and window.text_view.toPlainText() == TWO
        assert window.timekeeper.written == written  # not written: kept
    assert window.timekeeper.flush() > 0  # written once the lock is free



# ------------------------------------------------------------------ units
def test_a_document_that_cannot_be_opened_leaves_the_session_wholly_as_it_was(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "unit.db"
    with Project.create(path) as p:
        p.import_documents([AnnotatedDocument(Document(ONE, ext_id="d1")), AnnotatedDocument(Document(TWO, ext_id="d2"))])
    with Project.open(path) as project:
        session = Session(project, "ann1")
        session.open(1)
        loaded: list[int] = []
        session.loaded.connect(lambda: loaded.append(session.doc_id))
        before = (session.doc_id, session.document, session.layer, session.tmap, session.unseeded)

        def busy(*_):
            raise errors.ProjectBusy("busy; nothing was saved")

        monkeypatch.setattr(project, "open_layer", busy)
        with pytest.raises(errors.ProjectBusy):
            session.open(2)
        assert (session.doc_id, session.document, session.layer, session.tmap, session.unseeded) == before
        assert session.text == ONE and loaded == []


def test_seeding_on_opening_waits_only_briefly(qtbot, tmp_path, monkeypatch):
    """Session.open asks the store for a short wait (OPEN_WAIT_S) around the seeding write only."""
    from annotator.gui import session as session_module

    path = tmp_path / "unit.db"
    with Project.create(path) as p:
        p.import_documents([AnnotatedDocument(Document(ONE, ext_id="d1"))])
    with Project.open(path) as project:
        seen: list[float | None] = []
        real = project.open_layer
        monkeypatch.setattr(project, "open_layer",
                            lambda *a: seen.append(project.connection.lock_wait) or real(*a))
        Session(project, "ann1").open(1)
        assert seen == [session_module.OPEN_WAIT_S] and project.connection.lock_wait is None
        assert session_module.OPEN_WAIT_S <= 2


def test_faults_tell_busy_from_other_refusals():
    busy = errors.ProjectBusy("x is busy")
    assert faults.is_busy(busy) and not faults.is_busy(ProjectError("gone"))
    assert all(faults.is_refusal(e) for e in (busy, EditError("stale"), OSError(28, "full")))
    assert not faults.is_refusal(KeyError("bug"))
    assert faults.write_failure_reason(busy) is None  # busy is not "cannot be written"
    assert "try again" in faults.BUSY
