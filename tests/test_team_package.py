"""Work packages: one annotator's documents go out in a project file, the work comes back
with `merge` — idempotent, refusing foreign packages, never touching another layer, and
replaying both histories in audit order when the same layer was edited in two places."""

from __future__ import annotations

import json
import time

import pytest

from annotator.core import (
    AddEvent,
    AnnotatedDocument,
    Document,
    AddSpan,
    Argument,
    Event,
    Layer,
    ProjectError,
    SetDocState,
    Span,
    accept,
    delete_span_plan,
    new_id,
    reject,
    set_label,
    set_span_fields,
)
from annotator.store import Project
from annotator.store import team
from team_helpers import make_project, model_layer, snapshot, spans_by_label

NAMES = ["ann1", "ann2", "ann3"]


@pytest.fixture
def work(tmp_path):
    p = make_project(tmp_path / "work.db", 10)
    team.assign(p, NAMES, per_doc=2, overlap=0.2, seed=7)
    yield p
    p.close()


@pytest.fixture
def pkg_path(work, tmp_path):
    team.package(work, "ann1", tmp_path / "ann1.db")
    return tmp_path / "ann1.db"


def ann1_docs(p: Project) -> list[int]:
    return sorted(team.assignments(p, "ann1"))


def shared_doc(p: Project) -> int:
    return next(d for d, names in sorted(team.assignments(p).items()) if len(names) == 3)


def annotate(pkg: Project, doc: int, who: str = "ann1") -> None:
    """What an annotator does in the app: accept, fix, reject, delete, add an event, finish."""
    s = spans_by_label(pkg.open_layer(doc, who))
    israel, gaza = s["GPE"][0], s["GPE"][1]
    pkg.apply(doc, who, accept(israel))
    pkg.apply(doc, who, set_span_fields(gaza, label="LOC", status="accepted"))
    pkg.apply(doc, who, reject(s["ORG"][0]))
    pkg.apply(doc, who, delete_span_plan(pkg.layer(doc, who), s["NORP"][0].id))
    trigger = Span(new_id(), 7, 15, "ASSAULT", layer="trigger")
    pkg.apply(doc, who, AddSpan(trigger))
    pkg.apply(doc, who, AddEvent(Event(new_id(), trigger.id, "ASSAULT",
                                       arguments=[Argument("source", israel.id), Argument("target", gaza.id)])))
    # A mistake and its undo, as the GUI records them.
    wrong = set_label(s["GPE"][2], "FAC")
    pkg.apply(doc, who, wrong)
    pkg.apply(doc, who, wrong.inverse(), action="undo")
    pkg.apply(doc, who, SetDocState(pkg.layer(doc, who).state, "done"))


def test_a_package_carries_one_annotators_documents_scheme_and_layers(work, tmp_path):
    docs = ann1_docs(work)
    other = next(d for d, names in team.assignments(work).items() if "ann1" not in names)
    work.apply(shared_doc(work), "ann2", AddSpan(Span(new_id(), 0, 6, "GPE")))
    work.apply(other, "ann3", AddSpan(Span(new_id(), 0, 6, "GPE")))
    report = team.package(work, "ann1", tmp_path / "ann1.db")
    assert report.documents == len(docs) and report.spans == 5 * len(docs)
    with Project.open(tmp_path / "ann1.db") as pkg:
        assert pkg.project_id == work.project_id
        assert pkg.scheme.sha256 == work.scheme.sha256
        assert pkg.document_ids() == docs
        assert set(pkg.annotator_names()) <= {"ann1", "model", "gold"}  # blind: no other annotator
        assert pkg.check() == []
        for doc in docs:
            assert pkg.document(doc).text == work.document(doc).text
            assert pkg.layer(doc, "model") == work.layer(doc, "model")
            # Seeded in both files with the same span ids, so edits refer to the same spans.
            assert pkg.layer(doc, "ann1") == work.layer(doc, "ann1")
            assert len(pkg.layer(doc, "ann1").spans) == 5
        assert pkg.next_document("ann1") == docs[0]
        layer = pkg.open_layer(docs[0], "ann1")  # already seeded: no second copy of the suggestions
        assert len(layer.spans) == 5
        info = team.package_info(pkg)
        assert info.annotator == "ann1" and info.package_id == report.package_id
    with pytest.raises(ProjectError, match="already exists"):
        team.package(work, "ann1", tmp_path / "ann1.db")
    with pytest.raises(ProjectError, match="no documents assigned"):
        team.package(work, "nobody", tmp_path / "nobody.db")
    assert not (tmp_path / "nobody.db").exists()


def test_work_done_in_the_package_comes_back(work, pkg_path):
    docs = ann1_docs(work)
    with Project.open(pkg_path) as pkg:
        annotate(pkg, docs[0])
        annotate(pkg, docs[1])
        pkg.add_time(docs[0], "ann1", 300)
        pkg.add_time(docs[1], "ann1", 120.5)
        expected = {d: pkg.layer(d, "ann1") for d in docs}
        expected_undo = pkg.undo_state(docs[0], "ann1")
    report = team.merge(work, pkg_path)
    assert report.layers_updated == 2 and not report.conflicts and not report.interleaved
    assert report.seconds_added == pytest.approx(420.5)
    assert report.audit_rows == 2 * 9  # the nine edits of annotate(), undo included
    for doc in docs:
        assert work.layer(doc, "ann1") == expected[doc]
    assert work.layer(docs[0], "ann1").state == "done"
    assert len(work.layer(docs[0], "ann1").events) == 1
    assert work.undo_state(docs[0], "ann1") == expected_undo
    seconds = dict(work.conn.execute(
        "SELECT doc_id, seconds_spent FROM assignments WHERE annotator_id = ?", (work.annotator_id("ann1"),)))
    assert seconds[docs[0]] == 300 and seconds[docs[1]] == 120.5
    assert work.check() == []


def test_merging_twice_changes_nothing_and_later_work_merges_too(work, pkg_path):
    docs = ann1_docs(work)
    with Project.open(pkg_path) as pkg:
        annotate(pkg, docs[0])
        pkg.add_time(docs[0], "ann1", 60)
    team.merge(work, pkg_path)
    once = snapshot(work)
    again = team.merge(work, pkg_path)
    assert not again.changed and again.audit_rows == 0 and again.seconds_added == 0
    assert snapshot(work) == once
    # The annotator goes on working in the same package; the next merge brings only that.
    with Project.open(pkg_path) as pkg:
        annotate(pkg, docs[2])
        pkg.add_time(docs[0], "ann1", 30)
        expected = pkg.layer(docs[2], "ann1")
    third = team.merge(work, pkg_path)
    assert third.layers_updated == 1 and third.audit_rows == 9 and third.seconds_added == pytest.approx(30)
    assert work.layer(docs[2], "ann1") == expected
    assert work.conn.execute("SELECT seconds_spent FROM assignments WHERE doc_id = ? AND annotator_id = ?",
                             (docs[0], work.annotator_id("ann1"))).fetchone()[0] == 90
    settled = snapshot(work)
    team.merge(work, pkg_path)
    assert snapshot(work) == settled


def test_a_package_of_another_project_is_refused(work, pkg_path, tmp_path):
    foreign = make_project(tmp_path / "other.db", 10)
    team.assign(foreign, NAMES, per_doc=2, overlap=0.2, seed=7)  # same documents, same names
    team.package(foreign, "ann1", tmp_path / "foreign-ann1.db")
    before = snapshot(work)
    with pytest.raises(ProjectError, match="another project"):
        team.merge(work, tmp_path / "foreign-ann1.db")
    with pytest.raises(ProjectError, match="not a work package"):
        team.merge(work, tmp_path / "other.db")
    with pytest.raises(ProjectError, match="the project itself"):
        team.merge(work, work.path)
    assert snapshot(work) == before


def test_a_package_with_a_different_scheme_is_refused(work, pkg_path):
    with Project.open(pkg_path) as pkg:
        annotate(pkg, ann1_docs(work)[0])
    work.set_scheme(work.scheme.with_labels(["WEAPON"]))
    before = snapshot(work)
    with pytest.raises(ProjectError, match="different scheme"):
        team.merge(work, pkg_path)
    assert snapshot(work) == before


def test_merge_never_touches_another_annotators_layer(work, pkg_path):
    doc = shared_doc(work)  # assigned to all three, so it is in ann1's package as well
    ann2_span = Span(new_id(), 0, 6, "GPE")
    work.apply(doc, "ann2", AddSpan(ann2_span))
    work.apply(doc, "gold", AddSpan(Span(new_id(), 16, 20, "GPE")))
    others_before = {name: work.layer(doc, name) for name in ("ann2", "gold", "model")}
    ann3_before = {d: work.layer(d, "ann3") for d in work.document_ids()}
    with Project.open(pkg_path) as pkg:
        annotate(pkg, doc)
        replaced = Layer("model")
        replaced.add_span(Span(new_id(), 71, 76, "LOC", origin="model"))
        pkg.replace_layer(doc, "model", replaced)
        # A package refuses other people's layers now (test_team_package_names.py); an older
        # version let someone edit them: none of it may come back.
        with pkg.write():
            pkg.conn.execute("DELETE FROM meta WHERE key = 'package_annotator'")
    with Project.open(pkg_path) as pkg:
        pkg.apply(doc, "ann2", AddSpan(Span(new_id(), 0, 6, "NORP")))
        pkg.apply(doc, "gold", AddSpan(Span(new_id(), 31, 36, "ORG")))
        pkg.add_time(doc, "ann2", 999)
        with pkg.write():
            pkg.connection.set_meta("package_annotator", "ann1")
    report = team.merge(work, pkg_path)
    assert report.layers_updated == 1
    assert [left.name for left in report.left_in_package] == ["gold", "ann2"]  # said, not merged
    for name, layer in others_before.items():
        assert work.layer(doc, name) == layer, name
    assert {d: work.layer(d, "ann3") for d in work.document_ids()} == ann3_before
    assert work.conn.execute("SELECT sum(seconds_spent) FROM assignments WHERE annotator_id = ?",
                             (work.annotator_id("ann2"),)).fetchone()[0] == 0
    assert work.layer(doc, "ann1").state == "done"


def test_edits_to_the_same_layer_in_two_places_are_replayed_in_audit_order(work, pkg_path):
    docs = ann1_docs(work)
    doc = docs[0]
    s = spans_by_label(work.layer(doc, "ann1"))
    israel, gaza, cairo = s["GPE"]
    hamas, egyptian = s["ORG"][0], s["NORP"][0]
    # ann1 works at the lab (main file) and at home (package) on the same document.
    work.apply(doc, "ann1", delete_span_plan(work.layer(doc, "ann1"), gaza.id))  # 1 lab: delete Gaza
    time.sleep(0.01)
    with Project.open(pkg_path) as pkg:
        pkg.apply(doc, "ann1", set_label(gaza, "LOC"))  # 2 home: relabel Gaza (deleted at the lab)
        pkg.apply(doc, "ann1", reject(hamas))  # 3 home: no conflict
        pkg.apply(doc, "ann1", set_label(cairo, "LOC"))  # 4 home: Cairo → LOC
        time.sleep(0.01)
        work.apply(doc, "ann1", set_label(cairo, "FAC"))  # 5 lab, later: Cairo → FAC wins
        time.sleep(0.01)
        pkg.apply(doc, "ann1", accept(israel))  # 6 home
        work.apply(doc, "ann1", accept(israel))  # 7 lab: the same change, not a conflict
        pkg.apply(doc, "ann1", reject(egyptian))  # 8 home
        pkg.add_time(doc, "ann1", 50)
    report = team.merge(work, pkg_path)
    assert report.interleaved == [doc]
    assert [(c.resolution, c.edit) for c in report.conflicts] == [
        ("dropped", "change label"),  # 2: Gaza is gone
        ("applied over", "change label"),  # 5: the lab's later FAC replaces the home LOC
    ]
    assert report.conflicts[0].place.endswith("ann1.db") and report.conflicts[1].place.endswith("work.db")
    assert "changed meanwhile" in report.conflicts[1].reason  # why, without "reload the document": nobody can
    assert not any("reload" in c.reason for c in report.conflicts)
    # the project-wide audit row, which every user reads (blind mode on a server), says how many,
    # not what ann1 decided
    merge_row = json.loads(work.conn.execute(
        "SELECT payload FROM audit WHERE edit_kind = 'Merge' ORDER BY id DESC LIMIT 1").fetchone()[0])
    assert merge_row["conflicts"] == 2
    layer = work.layer(doc, "ann1")
    assert gaza.id not in layer.spans
    assert layer.spans[hamas.id].status == "rejected"
    assert layer.spans[cairo.id].label == "FAC"
    assert layer.spans[israel.id].status == "accepted"
    assert layer.spans[egyptian.id].status == "rejected"
    assert work.check() == []
    # Undo starts afresh from the merged layer: the log's order (each place's own) is not the
    # layer's, and undoing the home edits first was refused at the lab's overriding FAC.
    assert work.undo_state(doc, "ann1") == ([], [])
    merged = snapshot(work)
    again = team.merge(work, pkg_path)
    assert not again.changed and snapshot(work) == merged
    # More home work later merges on top, replaying the same history again.
    with Project.open(pkg_path) as pkg:
        pkg.apply(doc, "ann1", SetDocState(pkg.layer(doc, "ann1").state, "done"))
    team.merge(work, pkg_path)
    layer = work.layer(doc, "ann1")
    assert layer.state == "done" and layer.spans[cairo.id].label == "FAC" and gaza.id not in layer.spans
    work.apply(doc, "ann1", set_label(layer.spans[cairo.id], "GPE"))  # work after the merge undoes
    (edit,), _ = work.undo_state(doc, "ann1")
    work.apply(doc, "ann1", edit.inverse(), action="undo")
    assert work.layer(doc, "ann1").spans[cairo.id].label == "FAC"


def test_two_packages_of_the_same_annotator_merge_into_one_layer(work, tmp_path):
    doc = ann1_docs(work)[0]
    team.package(work, "ann1", tmp_path / "laptop.db")
    team.package(work, "ann1", tmp_path / "desktop.db")
    with Project.open(tmp_path / "laptop.db") as a, Project.open(tmp_path / "desktop.db") as b:
        s = spans_by_label(a.layer(doc, "ann1"))
        a.apply(doc, "ann1", reject(s["ORG"][0]))
        time.sleep(0.01)
        b.apply(doc, "ann1", set_label(s["ORG"][0], "NORP"))
        b.apply(doc, "ann1", accept(s["GPE"][0]))
    first = team.merge(work, tmp_path / "laptop.db")
    assert first.layers_updated == 1 and not first.interleaved
    second = team.merge(work, tmp_path / "desktop.db")
    assert second.interleaved == [doc] and second.conflicts == []
    layer = work.layer(doc, "ann1")
    org = layer.spans[s["ORG"][0].id]
    assert (org.label, org.status) == ("NORP", "rejected")
    assert layer.spans[s["GPE"][0].id].status == "accepted"
    settled = snapshot(work)
    team.merge(work, tmp_path / "laptop.db")
    team.merge(work, tmp_path / "desktop.db")
    assert snapshot(work) == settled


def test_a_layer_replaced_wholesale_in_one_place_and_edited_in_the_other_is_left_alone(work, pkg_path):
    doc = ann1_docs(work)[0]
    with Project.open(pkg_path) as pkg:
        annotate(pkg, doc)
    replacement = Layer("ann1")
    replacement.add_span(Span(new_id(), 0, 6, "PERSON"))
    work.replace_layer(doc, "ann1", replacement)  # e.g. an import over ann1's layer at the lab
    before = snapshot(work)
    report = team.merge(work, pkg_path)
    assert report.layers_updated == 0 and report.audit_rows == 0
    assert len(report.not_merged) == 1 and f"document {doc}" in report.not_merged[0]
    assert snapshot(work) == before
    assert work.layer(doc, "ann1") == replacement


def test_after_an_import_into_the_package_is_merged_later_work_of_both_places_merges(work, pkg_path):
    """An annotator imports their layer into their package (an ImportLayer row, which no replay
    can undo); the lead merges it. Then both places edit the layer and the lead merges again:
    that merge replays what each did since the last one. Before, it said "nothing new" and left
    the package's later work (a span, "done") out, because it tried to replay from packaging."""
    doc = ann1_docs(work)[0]
    text = work.document(doc).text
    with Project.open(pkg_path) as pkg:
        own = Layer("ann1")
        own.add_span(Span(new_id(), 0, 6, "GPE"))
        pkg.import_documents([AnnotatedDocument(Document(text, ext_id=work.document(doc).ext_id), [own])])
    assert team.merge(work, pkg_path).layers_updated == 1
    time.sleep(0.01)
    with Project.open(pkg_path) as pkg:
        pkg.apply(doc, "ann1", AddSpan(Span(new_id(), 7, 12, "ORG")))  # at home, then done
        pkg.apply(doc, "ann1", SetDocState(pkg.layer(doc, "ann1").state, "done"))
    time.sleep(0.01)
    work.apply(doc, "ann1", AddSpan(Span(new_id(), 13, 20, "NORP")))  # at the lab
    report = team.merge(work, pkg_path)
    assert report.not_merged == [] and report.interleaved == [doc] and report.audit_rows == 2
    layer = work.layer(doc, "ann1")
    assert layer.state == "done"
    assert sorted((s.start, s.end, s.label) for s in layer.spans.values()) == [
        (0, 6, "GPE"), (7, 12, "ORG"), (13, 20, "NORP")]
    assert work.check() == []
    settled = snapshot(work)
    assert not team.merge(work, pkg_path).changed and snapshot(work) == settled


def test_suggestions_refreshed_in_the_main_file_do_not_block_the_merge(work, pkg_path):
    import time

    docs = ann1_docs(work)
    with Project.open(pkg_path) as pkg:
        annotate(pkg, docs[0])
        expected = pkg.layer(docs[0], "ann1")
    time.sleep(0.002)  # audit timestamps have millisecond resolution
    # Pre-annotation runs again on the main file, and ann1's untouched copy there is refreshed.
    newer = model_layer()
    work.replace_layer(docs[0], "model", newer)
    refreshed = work.open_layer(docs[0], "ann1")
    assert not set(refreshed.spans) & set(expected.spans)
    report = team.merge(work, pkg_path)
    assert report.layers_updated == 1 and not report.conflicts
    assert work.layer(docs[0], "ann1") == expected  # the package's work wins over fresh suggestions


def test_an_edit_committed_after_the_package_with_an_earlier_id_is_not_lost(work, tmp_path):
    """On a server an edit draws its audit id before it commits: one still committing when a
    package was made has an id below the package's highest, without being in it. Told apart by
    id alone it was taken for packaged, and the merge replaced the layer without it."""
    from annotator.store.audit import record

    doc = ann1_docs(work)[0]
    s = spans_by_label(work.open_layer(doc, "ann1"))
    israel, hamas = s["GPE"][0], s["ORG"][0]
    with work.write():  # an id drawn by the edit still committing
        record(work.connection, work.annotator_id("lead", "lead"), None, "system", "Placeholder", {})
        late_id = work.conn.execute("SELECT max(id) FROM audit").fetchone()[0]
        work.conn.execute("DELETE FROM audit WHERE id = ?", (late_id,))
    with work.write():
        record(work.connection, work.annotator_id("lead", "lead"), None, "system", "Later", {})
    team.package(work, "ann1", tmp_path / "ann1.db")
    work.apply(doc, "ann1", accept(israel))  # ... commits now, with the id it drew before
    with work.write():
        work.conn.execute("UPDATE audit SET id = ? WHERE id = (SELECT max(id) FROM audit)", (late_id,))
    with Project.open(tmp_path / "ann1.db") as pkg:
        pkg.apply(doc, "ann1", reject(hamas))
    report = team.merge(work, tmp_path / "ann1.db")
    layer = work.layer(doc, "ann1")
    assert layer.spans[israel.id].status == "accepted"  # before: lost
    assert layer.spans[hamas.id].status == "rejected"
    assert report.interleaved == [doc]
