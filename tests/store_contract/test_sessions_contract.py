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
