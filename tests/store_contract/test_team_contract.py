"""Team work round trip on every engine: assign, package one annotator's documents, work in the
package, merge back (twice: the second changes nothing), progress counts the work."""

from __future__ import annotations

import pytest

from annotator.store import Project, team
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
