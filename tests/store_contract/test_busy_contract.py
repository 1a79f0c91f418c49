"""A write waits for another writer's lock as long as its caller can afford (`Project.waiting_at_most`,
for a window's GUI thread), then fails as ProjectBusy with nothing written; afterwards the
connection waits as long as before, and the same write goes through once the lock is free."""

from __future__ import annotations

import time

import pytest

from annotator.core import AddSpan, AnnotatedDocument, Document, Span, new_id
from annotator.core import errors
from annotator.store import Project

TEXT = "Rebels attacked a convoy near Goma; the army of Congo responded."


def _audit_count(p: Project) -> int:
    return p.conn.execute("SELECT count(*) FROM audit").fetchone()[0]


@pytest.mark.parametrize("write", ["edit", "time", "seeding"])
def test_a_write_waits_only_as_long_as_asked_and_writes_nothing(new_project, write):
    project = new_project(documents=[AnnotatedDocument(Document(TEXT, ext_id="d1"))])
    project.annotator_id("ann1")
    span = Span(new_id(), 0, 6, "ORG")
    do = {"edit": lambda: project.apply(1, "ann1", AddSpan(span)),
          "time": lambda: project.add_time(1, "ann1", 5.0),
          "seeding": lambda: project.seed_from_model(1, "ann1")}[write]
    with Project.open(project.location) as importer:
        before = _audit_count(importer)
        with importer.write():  # a long import holds the project's write lock
            started = time.monotonic()
            with project.waiting_at_most(0.3), pytest.raises(errors.ProjectError) as busy:
                do()
            waited = time.monotonic() - started
            assert 0.2 <= waited < 3, waited
            assert isinstance(busy.value, errors.ProjectBusy)  # the window tells it apart (gui/faults.py)
            assert "busy" in str(busy.value) and "nothing was saved" in str(busy.value)
            assert "0.3 s" in str(busy.value)  # what it waited, not the engine's 10 s
            assert not project.connection.in_transaction
            assert project.connection.lock_wait is None  # the usual wait again after the block
        assert _audit_count(importer) == before
        assert importer.layer(1, "ann1").spans == {}
    do()  # the lock is free: the same write goes through
    if write == "edit":
        assert list(project.layer(1, "ann1").spans) == [span.id]
    if project.engine_name == "sqlite":  # the connection's own busy_timeout is back
        assert project.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000
