"""Live refresh on a server project under blind mode: the change marker and `changes_since` read
through row-level security, so a blind annotator's window learns nothing of another annotator's
work, while the lead's sees it (issue 17 items 4 and 5)."""

from __future__ import annotations

from annotator.core import AddSpan, AnnotatedDocument, Document, Span, new_id
from annotator.store import Project, team
from pg_cluster import as_user



def test_a_blind_annotator_is_not_told_of_others_work_and_the_lead_is(blind_server):
    url, users = blind_server
    with Project.open(as_user(url, users["ann1"])) as ann1, Project.open(as_user(url, users["boss"])) as boss:
        blind, lead = ann1.change_marker(), boss.change_marker()
        with Project.open(as_user(url, users["ann2"])) as ann2:
            ann2.apply(1, "ann2", AddSpan(Span(new_id(), 22, 27, "ORG")))
        assert ann1.change_marker() == blind and not ann1.changes_since(blind).any
        assert boss.changes_since(lead).documents == {1: frozenset({"ann2"})}
        with Project.open(url) as owner:  # the lead adds a document: everybody may see documents
            owner.import_documents([AnnotatedDocument(Document("Egypt urged calm.", ext_id="b"))])
        news = ann1.changes_since(blind)
        assert news.new_documents == 1 and not news.documents

        # The lead assigns documents: a project-wide audit row every window may read.
        marker = ann1.change_marker()
        with Project.open(url) as owner:
            team.assign(owner, ["ann1", "ann2"], per_doc=1, seed=1)
        assert "Assign" in ann1.changes_since(marker).project_wide
