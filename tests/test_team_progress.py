"""Progress per annotator on a hand-built case: document states, time, events per hour and
what became of the model's suggestions (accepted / edited / rejected / pending per label)."""

from __future__ import annotations

import time

from annotator.core import (
    AddEvent,
    AddSpan,
    Event,
    SetDocState,
    Span,
    accept,
    delete_span_plan,
    new_id,
    reject,
    set_span_fields,
)
from annotator.store import team
from team_helpers import make_project, spans_by_label


def test_progress_figures_on_a_hand_built_case(tmp_path):
    p = make_project(tmp_path / "w.db", 3)
    team.assign(p, ["ann1"], per_doc=1, seed=1)
    text = p.document(1).text

    # Document 1: every kind of decision, two events, finished, half an hour.
    s = spans_by_label(p.open_layer(1, "ann1"))
    israel, gaza, cairo = s["GPE"]
    p.apply(1, "ann1", accept(israel))  # GPE accepted as is
    p.apply(1, "ann1", set_span_fields(gaza, label="LOC", status="accepted"))  # GPE edited (label)
    p.apply(1, "ann1", reject(s["ORG"][0]))  # ORG rejected
    p.apply(1, "ann1", delete_span_plan(p.layer(1, "ann1"), s["NORP"][0].id))  # NORP deleted = rejected
    for word, etype in (("attacked", "ASSAULT"), ("met", "CONSULT")):  # Cairo stays pending
        start = text.index(word)
        trigger = Span(new_id(), start, start + len(word), etype, layer="trigger")
        p.apply(1, "ann1", AddSpan(trigger))
        p.apply(1, "ann1", AddEvent(Event(new_id(), trigger.id, etype)))
    p.apply(1, "ann1", SetDocState("in_progress", "done"))
    p.add_time(1, "ann1", 1800)

    # Document 2: offsets and actor code corrected, still in progress, half an hour.
    s = spans_by_label(p.open_layer(2, "ann1"))
    p.apply(2, "ann1", set_span_fields(s["GPE"][0], end=15, status="accepted"))  # GPE edited (offsets)
    p.apply(2, "ann1", set_span_fields(s["ORG"][0], actor_code="PSEREB", status="accepted"))  # ORG edited
    p.add_time(2, "ann1", 1800)

    # Document 3 is never opened. ann2 opens document 1 without being assigned to it.
    p.apply(1, "ann2", AddSpan(Span(new_id(), 0, 6, "GPE")))

    rows = {r.name: r for r in team.progress(p)}
    assert set(rows) == {"ann1", "ann2"}  # not the model, gold or lead
    a = rows["ann1"]
    assert (a.assigned, a.done, a.in_progress, a.todo, a.skipped) == (3, 1, 1, 1, 0)
    assert a.seconds == 3600 and a.events == 2 and a.events_per_hour == 2.0
    assert a.spans == 6  # Israel, Gaza→LOC, two triggers; Israel (longer), Hamas
    outcome = {label: (c.accepted, c.edited, c.rejected, c.pending) for label, c in a.suggestions.items()}
    assert outcome == {
        "GPE": (1, 2, 0, 3),  # pending: Cairo in 1, Gaza and Cairo in 2
        "ORG": (0, 1, 1, 0),
        "NORP": (0, 0, 1, 1),
    }
    b = rows["ann2"]
    assert (b.assigned, b.done, b.in_progress, b.todo) == (0, 0, 1, 0)
    assert (a.unassigned, b.unassigned) == (0, 1)  # in progress without being given the document
    from typer.testing import CliRunner

    from annotator.cli.main import app

    output = CliRunner().invoke(app, ["progress", str(tmp_path / "w.db")]).output
    assert "ann2 also worked on 1 document(s) not assigned to them" in " ".join(output.split())
    assert b.events_per_hour is None and b.suggestions == {}  # edited without open_layer: never seeded

    data = a.as_dict()
    assert data["events_per_hour"] == 2.0 and data["suggestions"]["ORG"] == {
        "accepted": 0, "edited": 1, "rejected": 1, "pending": 0}
    assert [r.name for r in team.progress(p, ["ann2"])] == ["ann2"]


def test_suggestion_pairing_by_position():
    from annotator.store.team import pair_outcomes

    def span(start, end, label, status="accepted", layer="entity"):
        return Span(new_id(), start, end, label, layer=layer, origin="model", status=status)

    model = [span(0, 5, "GPE", "suggested"), span(10, 15, "ORG", "suggested"), span(20, 25, "PERSON", "suggested")]
    mine = [
        span(10, 15, "PERSON"),  # same offsets, new label → edited, counted under ORG
        span(0, 5, "GPE"),  # identical → accepted
        span(21, 28, "PERSON", "rejected"),  # moved, then rejected → rejected PERSON
        span(40, 45, "DATE"),  # no model partner (model layer re-run?) → edited under its own label
    ]
    assert sorted(pair_outcomes(model, mine)) == sorted([
        ("edited", "ORG"), ("accepted", "GPE"), ("rejected", "PERSON"), ("edited", "DATE")])
    assert pair_outcomes(model, []) == [("rejected", "GPE"), ("rejected", "ORG"), ("rejected", "PERSON")]


def test_without_assignments_to_do_counts_every_document_not_started(tmp_path):
    p = make_project(tmp_path / "w.db", 4)
    p.apply(1, "ann1", AddSpan(Span(new_id(), 0, 6, "GPE")))  # document 1 in progress
    p.apply(2, "ann1", SetDocState("todo", "done"))
    [row] = team.progress(p)
    assert (row.assigned, row.done, row.in_progress, row.todo) == (0, 1, 1, 2)


def test_suggestions_never_offered_are_not_counted_as_rejected(tmp_path):
    """A layer seeded before pre-annotation ran (the document opened first), or imported, never
    got the model's suggestions: each was counted as deleted, "rejected"."""
    from annotator.core import AnnotatedDocument, Document, Layer
    from annotator.store import Project

    p = Project.create(tmp_path / "w.db")
    p.import_documents([AnnotatedDocument(Document("Israel attacked Gaza. Egypt urged calm.", ext_id="a")),
                        AnnotatedDocument(Document("Hamas met Egyptian officials in Cairo.", ext_id="b"),
                                          [Layer("ann2", "done")])])  # ann2's layer: imported
    p.open_layer(1, "ann1")  # opened before pre-annotation: seeded with nothing
    time.sleep(0.01)  # audit times count milliseconds: pre-annotation comes after
    for doc_id, words in ((1, ("Israel", "Gaza")), (2, ("Hamas", "Cairo"))):
        text = p.document(doc_id).text
        model = Layer("model")
        for word in words:
            start = text.index(word)
            model.add_span(Span(new_id(), start, start + len(word), "GPE", origin="model", status="suggested"))
        p.replace_layer(doc_id, "model", model, kind="PreannotateRules")
    rows = {r.name: r for r in team.progress(p, ["ann1", "ann2"])}
    assert rows["ann1"].suggestions == {} and rows["ann2"].suggestions == {}
    p.open_layer(1, "ann1")  # now seeded with them: offered, pending
    (gpe,) = team.progress(p, ["ann1"])[0].suggestions.values()
    assert (gpe.rejected, gpe.pending) == (0, 2)


def test_a_layer_seeded_while_a_batch_was_running_counts_once_it_has_that_batchs_suggestions(tmp_path):
    """Opened while pre-annotation worked on its batch: seeded with the OLD suggestions, at a time
    later than the batch's audit rows (stamped when the batch started). It was counted as seeded
    with the new ones, each it never got counted "rejected"; now it counts once it has them."""
    from annotator.core import AnnotatedDocument, Document, Layer
    from annotator.store import Project
    from annotator.store.model_layer import ModelBatch

    old = Layer("model")
    old.add_span(Span(new_id(), 0, 6, "GPE", origin="model", status="suggested"))
    p = Project.create(tmp_path / "w.db")
    p.import_documents([AnnotatedDocument(Document("Israel attacked Gaza. Egypt urged calm.", ext_id="a"), [old])])
    batch = ModelBatch()  # started now
    batch.add(1, new_id() >> 2, [[0, 6, "GPE", ""], [16, 20, "GPE", ""]], new_id() >> 2, [], spans=2, events=0)
    time.sleep(0.01)
    p.open_layer(1, "ann1")  # meanwhile: the old suggestion
    writer = p.model_writer()
    writer.save(batch)
    writer.close()
    assert team.progress(p, ["ann1"])[0].suggestions == {}  # never offered the new ones (yet)
    p.open_layer(1, "ann1")  # the next open: the new suggestions, pending
    (gpe,) = team.progress(p, ["ann1"])[0].suggestions.values()
    assert (gpe.rejected, gpe.pending) == (0, 2)
    p.close()


def test_a_layer_imported_over_the_seeded_suggestions_in_a_package_is_not_counted(tmp_path):
    """Pre-annotated, packaged (the package seeds ann1's layer with the suggestions), then ann1
    imports their finished layer into the package, and it is merged: every suggestion was counted
    "rejected" (0% kept as is), though ann1 never saw them in the app."""
    from annotator.core import AnnotatedDocument, Document, Layer
    from annotator.store import Project

    p = make_project(tmp_path / "w.db", 1)
    team.assign(p, ["ann1"], per_doc=1, seed=1)
    team.package(p, "ann1", tmp_path / "ann1.db")
    with Project.open(tmp_path / "ann1.db") as pkg:
        assert pkg.open_layer(1, "ann1").spans  # seeded with the suggestions
        own = Layer("ann1", "done")
        own.add_span(Span(new_id(), 0, 6, "GPE"))
        pkg.import_documents([AnnotatedDocument(Document(p.document(1).text, ext_id=p.document(1).ext_id), [own])])
    team.merge(p, tmp_path / "ann1.db")
    (row,) = team.progress(p, ["ann1"])
    assert row.done == 1 and row.suggestions == {}


def test_a_rate_needs_a_minute_of_work(tmp_path):
    """A window open for an instant over imported events gave 84,864,881,564.8 events per hour."""
    p = make_project(tmp_path / "w.db", 1)
    text = p.document(1).text
    start = text.index("attacked")
    trigger = Span(new_id(), start, start + 8, "ASSAULT", layer="trigger")
    p.apply(1, "ann1", AddSpan(trigger))
    p.apply(1, "ann1", AddEvent(Event(new_id(), trigger.id, "ASSAULT")))
    p.add_time(1, "ann1", 0.5)
    assert team.progress(p, ["ann1"])[0].events_per_hour is None
    p.add_time(1, "ann1", 3599.5)
    assert team.progress(p, ["ann1"])[0].events_per_hour == 1.0
