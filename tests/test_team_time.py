"""Time on document: counted while a document is open, the window active and the annotator
not idle for longer than the timeout; flushed into the project with `Project.add_time`."""

from __future__ import annotations

import pytest

from annotator.core.timing import TimeTracker


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


def test_time_counts_only_while_a_document_is_open(clock):
    t = TimeTracker(idle_timeout=180, clock=clock)
    clock.advance(50)  # nothing open yet
    t.open(1)
    clock.advance(30)
    t.input()
    clock.advance(20)
    t.close()
    clock.advance(100)  # closed
    assert t.flush() == {1: 50}
    assert t.flush() == {}  # flushing resets


def test_idle_time_beyond_the_timeout_is_not_counted(clock):
    t = TimeTracker(idle_timeout=180, clock=clock)
    t.open(7)
    clock.advance(100)  # reading without input: counted
    t.input()
    clock.advance(600)  # went for coffee: only the first 180 s count
    assert t.is_idle() and not t.is_counting()
    assert t.pending() == {7: 280}
    t.input()  # back: counting again
    assert t.is_counting()
    clock.advance(40)
    assert t.flush() == {7: 320}


def test_an_inactive_window_pauses_the_clock(clock):
    t = TimeTracker(idle_timeout=180, clock=clock)
    t.open(3)
    clock.advance(10)
    t.deactivate()  # switched to the browser
    clock.advance(500)
    t.input()  # stray events while inactive do not count either
    clock.advance(10)
    t.activate()
    clock.advance(5)
    assert t.flush() == {3: 15}


def test_switching_documents_splits_the_time(clock):
    t = TimeTracker(idle_timeout=60, clock=clock)
    t.open(1)
    clock.advance(45)
    t.open(2)  # next document
    clock.advance(30)
    t.input()
    clock.advance(100)  # idle after 60 s
    t.open(1)
    clock.advance(5)
    assert t.flush() == {1: 50, 2: 90}
    assert t.document == 1


def test_flushed_time_adds_up_in_the_project(project):
    clock = FakeClock()
    t = TimeTracker(idle_timeout=180, clock=clock)
    t.open(1)
    for _ in range(10):
        clock.advance(30)
        t.input()
        for doc, seconds in t.flush().items():  # the GUI flushes periodically
            project.add_time(doc, "ann1", seconds)
    seconds = project.conn.execute("SELECT seconds_spent FROM assignments WHERE doc_id = 1").fetchone()[0]
    assert seconds == 300


def test_a_nonpositive_timeout_is_refused():
    with pytest.raises(ValueError):
        TimeTracker(idle_timeout=0)
