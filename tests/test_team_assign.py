"""Assignments: N annotators per document, an overlap shared by all, balanced, seeded,
stable when documents are added; blind mode (which layers a person may see)."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import pytest

from annotator.core import AddSpan, InputError, Span, new_id
from annotator.store import Project
from annotator.store import team
from team_helpers import documents, make_project

NAMES = ["ann1", "ann2", "ann3"]


def loads(assigned: dict[int, list[str]]) -> Counter:
    return Counter(name for names in assigned.values() for name in names)


def test_every_document_gets_n_annotators_and_the_overlap_goes_to_all(tmp_path):
    p = make_project(tmp_path / "w.db", 30)
    report = team.assign(p, NAMES, per_doc=2, overlap=0.2, seed=7)
    assigned = team.assignments(p)
    assert sorted(assigned) == p.document_ids()
    shared = [d for d, names in assigned.items() if len(names) == 3]
    assert len(shared) == report.shared == 6  # 20 % of 30
    assert all(len(names) == 2 for d, names in assigned.items() if d not in shared)
    # Balanced: 24 × 2 + 6 × 3 = 66 slots → 22 each.
    assert loads(assigned) == {"ann1": 22, "ann2": 22, "ann3": 22}
    # Pairs are balanced too (each pair shares the overlap plus a third of the rest).
    pairs = Counter(pair for names in assigned.values() for pair in combinations(sorted(names), 2))
    assert max(pairs.values()) - min(pairs.values()) <= 1
    # The shared documents are not simply the first ones.
    assert shared != p.document_ids()[:6]


@pytest.mark.parametrize("n, per_doc, overlap", [(7, 1, 0.0), (11, 2, 0.0), (13, 2, 0.5), (5, 3, 0.0), (9, 1, 1.0)])
def test_load_never_differs_by_more_than_one(tmp_path, n, per_doc, overlap):
    p = make_project(tmp_path / "w.db", n)
    team.assign(p, NAMES, per_doc=per_doc, overlap=overlap, seed=1)
    counts = loads(team.assignments(p))
    assert set(counts) <= set(NAMES)
    assert max(counts.values()) - min(counts[n] for n in NAMES) <= 1
    assert sum(counts.values()) == (n - round(overlap * n)) * per_doc + round(overlap * n) * 3


def test_the_same_seed_gives_the_same_assignment(tmp_path):
    results = []
    for name, seed in (("a.db", 7), ("b.db", 7), ("c.db", 8)):
        p = make_project(tmp_path / name, 40)
        team.assign(p, NAMES, per_doc=2, overlap=0.2, seed=seed)
        results.append(team.assignments(p))
        p.close()
    assert results[0] == results[1]
    assert results[0] != results[2]


def test_rerunning_after_adding_documents_keeps_earlier_assignments(tmp_path):
    p = make_project(tmp_path / "w.db", 12)
    team.assign(p, NAMES, per_doc=2, overlap=0.25, seed=3)
    before = team.assignments(p)
    # ann1 started a document: its state must survive the re-run.
    doc = next(d for d, names in before.items() if "ann1" in names)
    p.apply(doc, "ann1", AddSpan(Span(new_id(), 0, 6, "GPE")))
    again = team.assign(p, NAMES, per_doc=2, overlap=0.25, seed=3)
    assert again.documents == 0 and team.assignments(p) == before
    p.import_documents(documents(8, first=100))
    report = team.assign(p, NAMES, per_doc=2, overlap=0.25, seed=99)
    after = team.assignments(p)
    assert report.documents == 8 and report.kept == 12 and report.shared == 2
    assert {d: after[d] for d in before} == before
    assert len(after) == 20
    assert p.layer(doc, "ann1").state == "in_progress"
    counts = loads(after)
    assert max(counts.values()) - min(counts.values()) <= 1  # balanced over both rounds


def test_assignment_is_audited_and_next_document_follows_it(tmp_path):
    p = make_project(tmp_path / "w.db", 6)
    team.assign(p, ["ann1", "ann2"], per_doc=1, seed=5)
    mine = sorted(team.assignments(p, "ann1"))
    assert len(mine) == 3
    assert p.next_document("ann1") == mine[0]
    assert p.next_document("ann1", after=mine[0]) == mine[1]
    row = p.conn.execute("SELECT edit_kind, payload FROM audit WHERE edit_kind = 'Assign'").fetchone()
    assert '"seed": 5' in row[1]


def test_without_a_seed_one_is_chosen_and_reported(tmp_path):
    p = make_project(tmp_path / "a.db", 15)
    report = team.assign(p, NAMES, per_doc=2, overlap=0.2)
    q = make_project(tmp_path / "b.db", 15)
    team.assign(q, NAMES, per_doc=2, overlap=0.2, seed=report.seed)
    assert team.assignments(p) == team.assignments(q)


@pytest.mark.parametrize("names, per_doc, overlap, message", [
    ([], 1, 0.0, "at least one annotator"),
    (["ann1", "model"], 1, 0.0, "not a person"),
    (["ann1", "gold"], 1, 0.0, "'gold' is not a person's layer"),  # its documents went to nobody
    (["Gold", "ann1"], 1, 0.0, "Gold differs only in case from gold"),
    (["ann1", "lead"], 1, 0.0, "'lead' is not a person's layer"),
    (["ann1", "ann2"], 3, 0.0, "--per-doc"),
    (["ann1", "ann2"], 0, 0.0, "--per-doc"),
    (["ann1", "ann2"], 1, 1.5, "--overlap"),
])
def test_bad_arguments_are_refused(tmp_path, names, per_doc, overlap, message):
    p = make_project(tmp_path / "w.db", 3)
    with pytest.raises(InputError, match=message):
        team.assign(p, names, per_doc=per_doc, overlap=overlap, seed=1)
    assert team.assignments(p) == {}


def test_blind_mode_shows_an_annotator_only_their_layer_and_the_model(tmp_path):
    p = make_project(tmp_path / "w.db", 3)
    for name in ("ann1", "ann2"):
        p.apply(1, name, AddSpan(Span(new_id(), 0, 6, "GPE")))
    assert team.visible_layers(p, "ann1") == ["ann1", "model"]
    assert team.visible_layers(p, "newcomer") == ["newcomer", "model"]
    team.set_role(p, "lead1", "lead")
    team.set_role(p, "adj", "adjudicator")
    for person in ("lead1", "adj", "gold"):
        assert {"ann1", "ann2", "model", "gold"} <= set(team.visible_layers(p, person))
    team.set_role(p, "adj", "annotator")  # demoted: blind again
    assert team.visible_layers(p, "adj") == ["adj", "model"]
    with pytest.raises(InputError, match="role must be"):
        team.set_role(p, "ann1", "boss")


def test_reopened_project_keeps_roles(tmp_path):
    p = make_project(tmp_path / "w.db", 1)
    team.set_role(p, "chief", "lead")
    p.close()
    with Project.open(tmp_path / "w.db", readonly=True) as q:
        assert "model" in team.visible_layers(q, "chief") and "gold" in team.visible_layers(q, "chief")


def test_a_run_with_nothing_to_assign_makes_no_one_an_annotator(tmp_path):
    p = make_project(tmp_path / "w.db", 4)
    team.assign(p, ["ann1"], seed=1)
    again = team.assign(p, ["ann1", "newcomer"], seed=1)
    assert again.documents == 0 and again.kept == 4
    assert "newcomer" not in team.roles(p)


def test_documents_given_to_every_listed_annotator_count_as_shared(tmp_path):
    """--per-doc equal to the number of annotators shares every document: the report said 0."""
    p = make_project(tmp_path / "w.db", 5)
    report = team.assign(p, ["ann1", "ann2"], per_doc=2, seed=1)
    assert report.documents == report.shared == 5
