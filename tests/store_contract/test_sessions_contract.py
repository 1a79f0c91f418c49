"""One window per annotator on every engine: a second session for the same annotator is refused
while the first is alive, other annotators are not affected, a released session can be taken again."""

from __future__ import annotations

import pytest

from annotator.core.errors import ProjectError
from annotator.store import Project, sessions


def test_a_second_session_for_the_same_annotator_is_refused(new_project):
    project = new_project()
    first = sessions.acquire(project, "ann1")
    with Project.open(project.location) as other:
        with pytest.raises(ProjectError, match="ann1 is already editing"):
            sessions.acquire(other, "ann1")
        second = sessions.acquire(other, "ann2")  # someone else: fine
        assert first.heartbeat() and second.heartbeat()
        assert {s.annotator for s in sessions.live_sessions(other)} == {"ann1", "ann2"}
        first.release()
        again = sessions.acquire(other, "ann1")
        assert not first.heartbeat()  # taken over: the old holder learns it
        again.release()
        second.release()
    assert sessions.live_sessions(project) == []


def test_a_stale_session_is_taken_over(new_project):
    project = new_project()
    sessions.acquire(project, "ann1")  # never released: as after a crash on another machine
    with Project.open(project.location) as other:
        with pytest.raises(ProjectError):
            sessions.acquire(other, "ann1")
        taken = sessions.acquire(other, "ann1", stale_after=-1)  # its heartbeat is "too old"
        taken.release()


# ------------------------------------------------------------------ the lock in the write path
TEXT = "Israeli officials met Egyptian envoys in Cairo on Monday."


def _documents():
    from annotator.core import AnnotatedDocument, Document, Layer, Span, new_id
    from annotator.core.model import MODEL

    model = Layer(MODEL)
    model.add_span(Span(new_id(), 0, 7, "NORP", origin="model", status="suggested"))
    return [AnnotatedDocument(Document(TEXT, ext_id="d1")), AnnotatedDocument(Document(TEXT + " Again.", ext_id="d2"), [model])]


def _audit_count(p: Project) -> int:
    return p.conn.execute("SELECT count(*) FROM audit").fetchone()[0]


def test_a_write_from_a_session_taken_over_is_refused_whole_and_the_new_holder_writes(new_project):
    """Laptop 1 slept; laptop 2 took ann1's stale lock. Laptop 1's next edit -- whatever its
    heartbeat has noticed -- is refused in its own transaction, nothing written; seeding a document
    it opens then is refused too. The new holder, a command holding no session and the other
    annotators' layers are not affected."""
    from annotator.core import AddSpan, Span, new_id
    from annotator.core import errors

    project = new_project(documents=_documents())
    first = sessions.acquire(project, "ann1")
    project.apply(1, "ann1", AddSpan(Span(new_id(), 0, 7, "NORP")))  # ours: saved
    with Project.open(project.location) as laptop2, Project.open(project.location) as command:
        taken = sessions.acquire(laptop2, "ann1", stale_after=-1)  # its heartbeat is "too old"
        before_layer, before_audit = laptop2.layer(1, "ann1"), _audit_count(laptop2)
        with pytest.raises(errors.SessionTakenOver, match="ann1's editing session was taken over by process") as refused:
            project.apply(1, "ann1", AddSpan(Span(new_id(), 22, 30, "NORP")))
        assert "nothing was saved" in str(refused.value) and "no longer saves" in refused.value.hint
        assert not project.connection.in_transaction
        with pytest.raises(errors.SessionTakenOver):
            project.open_layer(2, "ann1")  # seeding is a write of the layer too
        assert laptop2.layer(1, "ann1") == before_layer and laptop2.layer(2, "ann1").spans == {}
        assert _audit_count(laptop2) == before_audit
        assert not first.heartbeat()  # (what the heartbeat would have learnt, later)

        laptop2.apply(1, "ann1", AddSpan(Span(new_id(), 22, 30, "NORP")))  # the holder now
        command.apply(1, "ann1", AddSpan(Span(new_id(), 41, 46, "GPE")))  # no session: not its rule
        project.apply(1, "ann2", AddSpan(Span(new_id(), 41, 46, "GPE")))  # another layer: fine
        assert len(laptop2.layer(1, "ann1").spans) == 3

        taken.release()  # the row is gone: still not laptop 1's
        with pytest.raises(errors.SessionTakenOver, match="ended elsewhere"):
            project.apply(1, "ann1", AddSpan(Span(new_id(), 50, 56, "DATE")))
    first.release()  # given up: the connection's writes are its own again (a command's)
    project.apply(1, "ann1", AddSpan(Span(new_id(), 50, 56, "DATE")))
    assert len(project.layer(1, "ann1").spans) == 4


def test_a_takeover_waits_for_a_write_that_found_the_session_its_own(new_project):
    """The session row is read in the write's transaction and held until it commits (PostgreSQL
    runs writers side by side: FOR SHARE; SQLite has one writer): a takeover cannot slip in
    between the check and the commit."""
    import threading
    import time

    project = new_project(documents=_documents())
    sessions.acquire(project, "ann1")
    took: list[float] = []
    with Project.open(project.location) as laptop2:
        def take_over() -> None:
            sessions.acquire(laptop2, "ann1", force=True)
            took.append(time.monotonic())

        thread = threading.Thread(target=take_over)
        with project.write(scope=(1, project.annotator_id("ann1"))):
            sessions.check_owner(project.connection, "ann1")  # an edit found the session its own
            thread.start()
            time.sleep(0.5)
            assert not took  # the takeover waits for that edit ...
            committed = time.monotonic()
        thread.join(15)
        assert took and took[0] >= committed  # ... and then goes through
        with pytest.raises(ProjectError, match="taken over"):
            sessions.check_owner(project.connection, "ann1")
