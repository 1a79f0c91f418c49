"""PostgreSQL: the connection breaks as an edit's COMMIT goes out (a proxy on 127.0.0.1 cuts it,
tests/pg_proxy.py). The edit is reported as the server kept it: saved (with its audit row, its
undo step, once) when COMMIT reached the server, not saved when it did not -- found out on a new
connection by the token the edit's audit row carries, once the lost transaction has ended. Before,
an edit the server had stored was reported "not saved" and the annotator, making it again, stored
it twice. Skipped where PostgreSQL is not installed."""

from __future__ import annotations

import time

import pytest

from annotator.core import AddSpan, AnnotatedDocument, Document, Span, new_id
from annotator.store import Project
from annotator.store.errors import database_fault
from annotator.store.postgresql.engine import LOCK_TIMEOUT_S
from pg_proxy import CuttingProxy

TEXT = "Netanyahu met with Blinken in Jerusalem on Tuesday. Israel attacked Gaza."


@pytest.fixture
def server(new_pg_url):
    """(the project opened through the proxy, the proxy, the database's own URL)."""
    url = new_pg_url()
    with Project.create(url) as p:
        p.import_documents([AnnotatedDocument(Document(TEXT, ext_id="d1"))])
    proxy = CuttingProxy(url)
    project = Project.open(proxy.url)
    yield project, proxy, url
    project.close()
    proxy.close()


def _stored(url: str) -> tuple[dict, list[tuple[int, str]]]:
    with Project.open(url, readonly=True) as p:
        return p.layer(1, "ann1").spans, [(h.id, h.action) for h in p.history(1, "ann1")]


def test_an_edit_the_server_committed_before_the_connection_broke_is_reported_saved_once(server):
    project, proxy, url = server
    project.apply(1, "ann1", AddSpan(Span(new_id(), 0, 9, "PERSON")))  # the edit's statements prepared next
    span = Span(new_id(), 19, 26, "PERSON")
    for cut in range(2):  # an edit sent as prepared statements, then as text (on the new connection)
        proxy.cut_next_commit("after")
        applied = project.apply(1, "ann1", AddSpan(span) if cut == 0 else applied.edit.inverse(),
                                action="do" if cut == 0 else "undo")
        assert proxy.fired.is_set()
        spans, history = _stored(url)
        assert history[-1] == (applied.audit_id, "do" if cut == 0 else "undo")
        assert (span.id in spans) == (cut == 0) and len(history) == 2 + cut
    done, undone = project.undo_state(1, "ann1")
    assert len(done) == 1 and [e.to_payload() for e in undone] == [AddSpan(span).to_payload()]


def test_an_edit_whose_commit_never_reached_the_server_is_reported_not_saved(server):
    project, proxy, url = server
    span = Span(new_id(), 19, 26, "PERSON")
    proxy.cut_next_commit("before")
    with pytest.raises(Exception) as lost:
        project.apply(1, "ann1", AddSpan(span))
    assert proxy.fired.is_set() and database_fault(lost.value) == "connection"
    assert _stored(url) == ({}, [])
    applied = project.apply(1, "ann1", AddSpan(span))  # made again: stored once
    assert _stored(url) == ({span.id: span}, [(applied.audit_id, "do")])


def test_a_transaction_the_server_still_holds_open_is_ended_not_waited_for(server):
    """The COMMIT never arrived and the server did not notice the client was gone (a cut without
    a word): its transaction holds the layer's lock. It is ended, so the edit is known not saved
    at once and the next edit is not refused as "busy" (before: it waited for the lock in vain)."""
    project, proxy, url = server
    span = Span(new_id(), 19, 26, "PERSON")
    proxy.cut_next_commit("hold")
    began = time.monotonic()
    with pytest.raises(Exception) as lost:
        project.apply(1, "ann1", AddSpan(span))
    assert proxy.fired.is_set() and database_fault(lost.value) == "connection"
    applied = project.apply(1, "ann1", AddSpan(span))
    assert time.monotonic() - began < LOCK_TIMEOUT_S
    assert _stored(url) == ({span.id: span}, [(applied.audit_id, "do")])


def test_a_database_made_before_edit_tokens_is_migrated(new_pg_url):
    url = new_pg_url()
    with Project.create(url) as p:
        p.import_documents([AnnotatedDocument(Document(TEXT, ext_id="d1"))])
        p.apply(1, "ann1", AddSpan(Span(new_id(), 0, 9, "PERSON")))
        with p.write():  # as a version before m005 left it
            p.conn.execute("ALTER TABLE audit DROP COLUMN edit_token")
            p.conn.execute("DELETE FROM annotator_migrations WHERE name = 'm005_audit_edit_token'")
    with Project.open(url) as p:
        applied = p.apply(1, "ann1", AddSpan(Span(new_id(), 19, 26, "PERSON")))
        tokens = p.conn.execute("SELECT id, edit_token FROM audit ORDER BY id").fetchall()
    assert tokens[0][1] is None and tokens[-1][0] == applied.audit_id and tokens[-1][1] is not None
