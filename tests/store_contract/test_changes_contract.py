"""Live refresh on every engine: the change marker moves when another writer changes the project
and only then, and `changes_since` says what others changed, leaving a connection's own writes out."""

from __future__ import annotations

from annotator.core.edits import AddSpan, SetDocState
from annotator.core.errors import EditError
from annotator.core.ids import new_id
from annotator.core.model import GOLD, MODEL, AnnotatedDocument, Document, Layer, Span
from annotator.store import Project, team
from team_helpers import documents


def finish(project: Project, doc_id: int, who: str) -> None:
    """What an annotator does: add an entity, mark the document done."""
    project.apply(doc_id, who, AddSpan(Span(new_id(), 0, 6, "GPE", status="accepted")))
    project.apply(doc_id, who, SetDocState("in_progress", "done"))


def test_the_marker_stays_put_while_nothing_changes(new_project):
    work = new_project(documents=documents(3))
    with Project.open(work.location) as other:
        first = work.change_marker()
        assert other.change_marker() == first  # the same data read through another connection
        other.layer(1, "ann2")  # reading changes nothing
        other.documents(0, 10, annotator="ann2")
        assert work.change_marker() == first
        assert not work.changes_since(first).any


def test_another_annotator_finishing_a_document_is_reported(new_project):
    work = new_project(documents=documents(3))
    mine = work.change_marker()
    with Project.open(work.location) as other:
        finish(other, 2, "ann2")
    moved = work.change_marker()
    assert moved != mine
    changes = work.changes_since(mine)
    assert changes.marker == moved
    assert changes.documents == {2: frozenset({"ann2"})}
    assert not changes.project_wide and not changes.new_documents
    row = work.documents(0, 10, annotator="lead")[1]
    assert (row.id, row.others_done, row.gold_state) == (2, 1, None)  # the list shows it
    assert not work.changes_since(moved).any  # nothing new after that


def test_a_connections_own_edits_are_left_out(new_project):
    work = new_project(documents=documents(3))
    before = work.change_marker()
    finish(work, 1, "ann1")
    with Project.open(work.location) as other:
        other.apply(3, "ann2", AddSpan(Span(new_id(), 0, 6, "GPE")))
    try:  # a failed edit (rolled back) leaves nothing behind either
        work.apply(1, "ann1", SetDocState("todo", "done"))
    except EditError:
        pass
    changes = work.changes_since(before)
    assert changes.marker != before
    assert changes.documents == {3: frozenset({"ann2"})}  # ann1's own two edits are not "news"
    assert work.connection.own_audit_ids == set()  # seen, so forgotten


def test_the_leads_gold_and_project_wide_changes_are_reported(new_project):
    work = new_project(documents=documents(3))
    mine = work.change_marker()
    with Project.open(work.location) as lead:
        lead.apply(1, GOLD, AddSpan(Span(new_id(), 0, 6, "GPE", status="accepted")))
        lead.apply(1, GOLD, SetDocState("in_progress", "done"))
        team.assign(lead, ["ann1", "ann2"], per_doc=1, seed=1)
        lead.import_documents(documents(2, first=3))
    changes = work.changes_since(mine)
    # gold on document 1; the two new documents arrive with the model's suggestions
    assert changes.documents == {1: frozenset({GOLD}), 4: frozenset({MODEL}), 5: frozenset({MODEL})}
    assert "Assign" in changes.project_wide and "lead" in changes.by
    assert changes.new_documents == 2
    assert work.documents(0, 10, annotator="ann1")[0].gold_state == "done"


def test_an_import_that_only_adds_layers_is_reported(new_project):
    """No new document and no edit: the imported layer itself is news (one system audit row per
    layer), so windows refresh and the layer is marked as not rebuilt from the edit log."""
    work = new_project(documents=documents(3))
    text = work.document(2).text
    layer = Layer("ann3", spans={1: Span(1, 0, 6, "GPE", status="accepted")})
    mine = work.change_marker()
    with Project.open(work.location) as lead:
        report = lead.import_documents([AnnotatedDocument(Document(text), [layer])])
    assert (report.documents_added, report.duplicates, report.layers_added) == (0, 1, 1)
    changes = work.changes_since(mine)
    assert changes.documents == {2: frozenset({"ann3"})}
    assert not changes.new_documents
    assert work.replayed_layer(2, "ann3") is None  # its content came from a file, not from edits


def test_a_late_commit_below_the_newest_id_is_reported_at_the_next_move(new_project):
    """On a server a transaction can take its audit id first and commit after a later one.
    Simulated: ann2's row is held back (deleted) while the window reads, then put back under
    its id; the next change by anybody brings it in, once."""
    work = new_project(documents=documents(3))
    mine = work.change_marker()
    with Project.open(work.location) as other:
        other.apply(1, "ann2", AddSpan(Span(new_id(), 0, 6, "GPE")))
        other.apply(2, "ann3", AddSpan(Span(new_id(), 0, 6, "GPE")))
        held = other.conn.execute("SELECT id, ts, annotator_id, doc_id, action, edit_kind, payload FROM audit "
                                  "WHERE doc_id = 1 AND edit_kind = 'AddSpan'").fetchone()
        with other.write():
            other.conn.execute("DELETE FROM audit WHERE id = ?", (held[0],))
        first = work.changes_since(mine)
        assert first.documents == {2: frozenset({"ann3"})}
        with other.write():  # the slow transaction commits, below the newest id
            other.conn.execute("INSERT INTO audit (id, ts, annotator_id, doc_id, action, edit_kind, payload) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?)", held)
        assert work.change_marker() == first.marker  # not noticed yet: the newest id is the same
        work.apply(3, "ann1", AddSpan(Span(new_id(), 0, 6, "GPE")))  # the next move (here: our own edit)
        other.apply(3, "ann2", AddSpan(Span(new_id(), 7, 15, "GPE")))
        second = work.changes_since(first.marker)
        assert second.documents == {1: frozenset({"ann2"}), 3: frozenset({"ann2"})}
        third = work.changes_since(second.marker, work.change_marker())
        assert not third.any  # reported once


def test_own_writes_alone_need_no_read(new_project, monkeypatch):
    work = new_project(documents=documents(2))
    mine = work.change_marker()
    finish(work, 1, "ann1")
    reads = []
    real = work.connection.execute
    monkeypatch.setattr(work.connection, "execute", lambda sql, params=(): reads.append(sql) or real(sql, params))
    changes = work.changes_since(mine, work.change_marker())
    assert not changes.any and changes.marker.audit_id > mine.audit_id
    assert len(reads) == 1  # the marker only: the rows were known to be ours
