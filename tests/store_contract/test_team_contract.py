"""Team work round trip on every engine: assign, package one annotator's documents, work in the
package, merge back (twice: the second changes nothing), progress counts the work."""

from __future__ import annotations

import pytest

from annotator.core import AddSpan, InputError, Span, new_id
from annotator.store import Project, pushpull, team
from team_helpers import documents, snapshot
from test_team_package import annotate


@pytest.fixture
def work(new_project):
    project = new_project(documents=documents(8))
    report = team.assign(project, ["ann1", "ann2"], per_doc=1, overlap=0.25, seed=3)
    assert report.documents == 8 and report.shared == 2
    return project


def test_assign_package_merge_round_trip(work, tmp_path):
    mine = sorted(team.assignments(work, "ann1"))
    again = team.assign(work, ["ann1", "ann2"], seed=3)  # nothing new to assign
    assert again.documents == 0 and again.total_load["ann1"] == len(mine)
    dest = tmp_path / "ann1-package.db"  # a package is a SQLite file whatever the engine
    packaged = team.package(work, "ann1", dest)
    assert packaged.documents == len(mine)
    with Project.open(dest) as pkg:
        assert pkg.document_ids() == mine and pkg.check() == []
        for doc in mine[:2]:
            annotate(pkg, doc)
        pkg.add_time(mine[0], "ann1", 90)
        expected = {doc: pkg.layer(doc, "ann1") for doc in mine}
        expected_undo = pkg.undo_state(mine[0], "ann1")
    merged = team.merge(work, dest)
    assert merged.layers_updated == 2 and merged.audit_rows == 18 and not merged.conflicts
    assert merged.seconds_added == pytest.approx(90)
    for doc in mine:
        assert work.layer(doc, "ann1") == expected[doc]
    assert work.undo_state(mine[0], "ann1") == expected_undo
    settled = snapshot(work)
    assert not team.merge(work, dest).changed and snapshot(work) == settled
    (progress,) = [p for p in team.progress(work) if p.name == "ann1"]
    assert progress.done == 2 and progress.assigned == len(mine) and progress.seconds == pytest.approx(90)
    assert work.check() == []


def test_a_second_spelling_of_an_annotators_name_is_refused(work):
    # One rule where annotators are created (Connection.annotator_id), on every engine.
    with pytest.raises(InputError, match="ANN1 differs only in case from the annotator ann1; use ann1"):
        team.set_role(work, "ANN1", "lead")
    with pytest.raises(InputError, match="use ann2"):
        work.apply(1, "Ann2", AddSpan(Span(new_id(), 0, 6, "GPE")))
    with pytest.raises(InputError, match="Ann3 and ann3 differ only in case"):
        team.assign(work, ["Ann3", "ann3"])
    assert not {"ANN1", "Ann2", "Ann3", "ann3"} & set(work.annotator_names())


def test_a_copy_keeps_names_made_before_the_rule(location, tmp_path):
    # An older project may hold "Ann1" and "ann1", both with work: a push copies both as spelt.
    with Project.create(tmp_path / "old.db") as old:
        old.import_documents(documents(1))
        with old.write():
            old.conn.execute("INSERT INTO annotators (name, role) VALUES ('Ann1', 'annotator'), ('ann1', 'annotator')")
        old.apply(1, "Ann1", AddSpan(Span(new_id(), 0, 6, "GPE")))
        old.apply(1, "ann1", AddSpan(Span(new_id(), 16, 20, "GPE")))
    target = location("copy")
    pushpull.push(tmp_path / "old.db", target)
    with Project.open(target) as copy:
        assert {"Ann1", "ann1"} <= set(copy.annotator_names())
        assert len(copy.layer(1, "Ann1").spans) == len(copy.layer(1, "ann1").spans) == 1


def test_undo_starts_afresh_after_a_layer_edited_in_two_places_is_merged(work, tmp_path):
    """The log holds each place's edits in its own order; undoing them one by one was refused at
    the first the other place had overridden. After such a merge undo starts from the merged layer."""
    import time

    from annotator.core import set_label

    doc = sorted(team.assignments(work, "ann1"))[0]
    dest = tmp_path / "ann1-package.db"
    team.package(work, "ann1", dest)
    span = next(iter(work.open_layer(doc, "ann1").spans.values()))
    with Project.open(dest) as pkg:
        pkg.apply(doc, "ann1", set_label(pkg.layer(doc, "ann1").spans[span.id], "ORG"))  # at home
    time.sleep(0.01)
    work.apply(doc, "ann1", set_label(work.layer(doc, "ann1").spans[span.id], "LOC"))  # later, at the lab
    report = team.merge(work, dest)
    assert report.interleaved == [doc] and work.layer(doc, "ann1").spans[span.id].label == "LOC"
    assert work.undo_state(doc, "ann1") == ([], [])
    work.apply(doc, "ann1", set_label(work.layer(doc, "ann1").spans[span.id], "FAC"))
    (edit,), _ = work.undo_state(doc, "ann1")
    work.apply(doc, "ann1", edit.inverse(), action="undo")
    assert work.layer(doc, "ann1").spans[span.id].label == "LOC" and work.check() == []
