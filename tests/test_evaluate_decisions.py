"""`evaluate` compares a person's layer (an annotator's, gold) by its decisions, the rule training and
the exports follow (`core.integrity.accepted_only`, `holds_decisions`): suggestions nobody accepted
are no answer, on either side; a document only opened, or skipped, is no reference; one in progress
is scored over the sentences it has reviewed (core.reviewed), with a warning, and left out with --only-done. So the figures are the same whether the decisions were
made in the project or re-imported from an export that carries decisions only (doccano)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.agreement.evaluate import Scope, evaluate, evaluate_layers
from annotator.agreement.event_quality import event_quality
from annotator.cli.main import app
from annotator.core import edits as E
from annotator.core.model import MODEL, Argument, Event, Layer, Span
from annotator.store import Project

runner = CliRunner()

TEXT = "Israeli Prime Minister Benjamin Netanyahu met Antony Blinken in Jerusalem on Sunday."
ISRAELI, NETANYAHU, BLINKEN, JERUSALEM, SUNDAY, MET = (0, 7), (23, 41), (46, 60), (64, 73), (77, 83), (42, 45)


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


def model_layer(name: str = MODEL, status: str = "suggested", state: str = "todo") -> Layer:
    """The model's suggestions: Netanyahu and Blinken PERSON, Jerusalem GPE, Israeli NORP, and a
    CONSULT event on "met" (Netanyahu source, Blinken target)."""
    layer = Layer(name, state)
    for i, ((start, end), label) in enumerate([(NETANYAHU, "PERSON"), (BLINKEN, "PERSON"),
                                               (JERUSALEM, "GPE"), (ISRAELI, "NORP")], 1):
        layer.add_span(Span(i, start, end, label, origin="model", status=status))
    layer.add_span(Span(5, *MET, "CONSULT", "trigger", origin="model", status=status))
    layer.add_event(Event(6, 5, "CONSULT", origin="model", status=status,
                          arguments=[Argument("source", 1), Argument("target", 2)]))
    return layer


# ------------------------------------------------------------------ what a layer says
def test_pending_suggestions_of_a_person_are_not_reference_answers():
    reference = model_layer("ann1", state="done")  # a copy of the suggestions, marked done
    reference.spans[1].status = "accepted"  # Netanyahu accepted; everything else still pending
    result = evaluate_layers(model_layer(), reference)
    assert result["entities"]["overall"]["tp"] == 1 and result["entities"]["overall"]["fp"] == 3
    assert {k: result["triggers"]["overall"][k] for k in ("tp", "fp", "fn")} == {"tp": 0, "fp": 1, "fn": 0}
    # an untouched copy of the suggestions is no answer at all, not a perfect one
    untouched = evaluate_layers(model_layer(), model_layer("ann1"))
    assert untouched["entities"]["overall"]["tp"] == 0 and untouched["entities"]["overall"]["f1"] != 1.0
    # the coder's view reads the reference the same way: the pending event is no reference event
    quality = event_quality([(TEXT, model_layer(), reference)])
    assert quality["events"]["overall"]["tp"] == 0 and quality["events"]["overall"]["fp"] == 1
    assert quality["entities"]["kinds"]["person"]["reference"] == 1


def test_pending_suggestions_of_a_person_on_the_evaluated_side_are_not_its_answers():
    gold = model_layer("gold", status="accepted", state="done")
    ann2 = model_layer("ann2", state="done")
    ann2.spans[3].status = "accepted"  # only Jerusalem decided
    result = evaluate_layers(ann2, gold)
    assert result["entities"]["overall"]["tp"] == 1 and result["entities"]["overall"]["fp"] == 0
    assert result["entities"]["overall"]["fn"] == 3 and result["triggers"]["overall"]["fn"] == 1
    # the model's layer is what it suggests: scored as it is
    assert evaluate_layers(model_layer(), gold)["entities"]["overall"]["f1"] == 1.0


def test_scope_scores_layers_holding_decisions_and_says_why_it_left_the_others_out():
    from annotator.agreement.evaluate import Scope

    def person(state: str, accepted: bool) -> Layer:
        layer = model_layer("ann1", state=state)
        if accepted:
            layer.spans[1].status = "accepted"
        return layer

    done_only = Scope(MODEL, "ann1", only_done=True)
    admitted = [done_only.admits(model_layer(), ref) for ref in (
        person("done", True), person("done", False),  # done with nothing accepted: "nothing here"
        person("todo", False), person("in_progress", False),  # only opened: no decision
        person("skipped", True), person("skipped", False), person("in_progress", True), None)]
    assert admitted == [True, True, False, False, False, False, False, False]
    data = done_only.to_dict()
    assert data["left_out"] == {"documents": 6, "reference": {"missing": 1, "no_decision": 2, "skipped": 2,
                                                             "in_progress": 1, "not_reviewed": 0},
                                "layer": {"missing": 0, "no_decision": 0, "skipped": 0, "in_progress": 0,
                                          "not_reviewed": 0}}
    assert done_only.documents == 2 and data["in_progress"] == 0 and data["only_done"]
    scope = Scope(MODEL, "ann1")  # the default: where it holds decisions, as training and exports
    assert scope.admits(model_layer(), person("in_progress", True))
    assert scope.admits(model_layer(), person("todo", True))  # imported without a state, annotations kept
    assert not scope.admits(model_layer(), person("skipped", True))  # skipped is never a reference
    assert not scope.admits(model_layer(), person("todo", False))
    assert scope.in_progress == 2 and "2 of the 2 document(s) scored" in scope.in_progress_note()
    # a person's layer on the evaluated side follows the same rule; the model's absent layer does not
    sides = Scope("ann2", "gold", only_done=True)
    gold = model_layer("gold", status="accepted", state="done")
    assert not sides.admits(None, gold) and not sides.admits(person("in_progress", True), gold)
    assert sides.left_out["layer"] == {"missing": 1, "in_progress": 1}
    assert Scope(MODEL, "gold").admits(None, gold)


def test_a_layer_in_progress_is_scored_over_the_sentences_it_has_reviewed_only():
    """The model is not blamed for what the annotator has not reached yet (nor the annotator for
    what the model found there): the second sentence, untouched, is not scored."""
    text = f"{TEXT} Hamas fired rockets at Israel."
    model = model_layer()
    for i, (word, label, kind) in enumerate([("Hamas", "ORG", "entity"), ("Israel.", "GPE", "entity"),
                                             ("fired", "ASSAULT", "trigger")], 10):
        start = text.index(word)
        model.add_span(Span(i, start, start + len(word.rstrip(".")), label, kind, origin="model", status="suggested"))
    model.add_event(Event(20, 12, "ASSAULT", origin="model", status="suggested", arguments=[Argument("source", 10)]))
    person = model_layer("ann1", state="in_progress")
    for span in list(person.spans.values()):
        span.status = "rejected" if span.start == ISRAELI[0] else "accepted"
    person.events[6].status = "accepted"
    for span in model.spans.values():  # the second sentence as suggested to ann1, untouched
        if span.id >= 10:
            person.add_span(span.copy())
    person.add_event(model.events[20].copy())
    scope = Scope(MODEL, "ann1")
    found = scope.scored(text, model, person)
    parts = found.pieces()
    assert [part for part, _, _ in parts] == [TEXT]
    result = evaluate([(p, r) for _, p, r in parts])
    assert evaluate([found.layers()]) == result  # the same, offsets kept
    assert {k: result["entities"]["overall"][k] for k in ("tp", "fp", "fn")} == {"tp": 3, "fp": 1, "fn": 0}
    assert {k: result["triggers"]["overall"][k] for k in ("tp", "fp", "fn")} == {"tp": 1, "fp": 0, "fn": 0}
    quality = event_quality(parts)
    assert quality["events"]["overall"]["fp"] == 0 and quality["events"]["overall"]["tp"] == 1
    # marked done, the whole text is scored: the model's second-sentence suggestions are now wrong
    person.state = "done"
    whole = scope.scored(text, model, person).pieces()
    assert [part for part, _, _ in whole] == [text]
    assert evaluate([(p, r) for _, p, r in whole])["triggers"]["overall"]["fp"] == 1
    assert "only the sentences it has reviewed are scored" in scope.in_progress_note()


def test_a_layer_in_progress_with_no_sentence_reviewed_is_left_out_and_rejections_count():
    model = model_layer()
    person = model_layer("ann1", state="in_progress")
    person.spans[2].status = "accepted"  # Blinken accepted; the rest of the sentence still pending
    scope = Scope(MODEL, "ann1")
    assert scope.scored(TEXT, model, person) is None
    assert scope.documents == 0 and scope.in_progress == 0
    assert scope.to_dict()["left_out"]["reference"]["not_reviewed"] == 1
    assert "1 whose 'ann1' layer is in progress with no sentence reviewed yet" in " ".join(scope.notes())
    # the side named is the one that reviewed nothing: here the evaluated layer
    sides = Scope("ann1", "ann2")
    reviewed = model_layer("ann2", status="accepted", state="in_progress")
    assert sides.scored(TEXT, person.copy(), reviewed) is None
    assert sides.to_dict()["left_out"]["layer"]["not_reviewed"] == 1
    assert sides.to_dict()["left_out"]["reference"]["not_reviewed"] == 0
    rejecting = model_layer("ann1", state="in_progress")  # every suggestion rejected: a judged sentence
    for item in [*rejecting.spans.values(), *rejecting.events.values()]:
        item.status = "rejected"
    found = scope.scored(TEXT, model, rejecting)
    assert found is not None and found.whole
    assert evaluate([found.layers()])["entities"]["overall"]["fp"] == 4


# ------------------------------------------------------------------ the command
def _corpus(path: Path) -> Path:
    """Four documents (the text numbered) with the model's suggestions."""
    records = []
    for i in range(1, 5):
        model = model_layer()
        records.append({"id": f"d{i}", "text": f"{TEXT} ({i})", "annotations": [{
            "annotator": "model", "state": "todo",
            "spans": [{"id": s.id, "start": s.start, "end": s.end, "label": s.label, "layer": s.layer,
                       "origin": "model", "status": "suggested"} for s in model.spans.values()],
            "events": [{"id": 6, "trigger": 5, "type": "CONSULT", "origin": "model", "status": "suggested",
                        "arguments": [{"role": "source", "span": 1}, {"role": "target", "span": 2}]}]}]})
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def projects(tmp_path) -> tuple[Path, Path]:
    """(worked, pristine): the same documents and model layer; in `worked` ann1 decided in the
    project -- d1 done (Netanyahu and Jerusalem accepted, Israeli rejected, Blinken and the event
    left pending, Sunday added), d2 only opened, d3 one span accepted then skipped, d4 in progress
    with its first sentence reviewed (Blinken accepted, the other suggestions rejected)."""
    pristine = tmp_path / "pristine.db"
    assert cli("init", pristine).exit_code == 0
    assert cli("import", pristine, _corpus(tmp_path / "corpus.jsonl")).exit_code == 0
    worked = tmp_path / "worked.db"
    shutil.copy(pristine, worked)
    with Project.open(worked) as p:
        ids = {d.ext_id: d.id for d in p.documents(0, 10)}

        def span_at(doc: int, at: tuple[int, int]) -> Span:
            return next(s for s in p.layer(doc, "ann1").spans.values() if (s.start, s.end) == at)

        def state(doc: int, to: str) -> None:
            p.apply(doc, "ann1", E.SetDocState(p.layer(doc, "ann1").state, to))

        d1, d2, d3, d4 = ids["d1"], ids["d2"], ids["d3"], ids["d4"]
        for doc in (d1, d2, d3, d4):
            p.open_layer(doc, "ann1")
        p.apply(d1, "ann1", E.accept(span_at(d1, NETANYAHU)))
        p.apply(d1, "ann1", E.accept(span_at(d1, JERUSALEM)))
        p.apply(d1, "ann1", E.reject(span_at(d1, ISRAELI)))
        p.apply(d1, "ann1", E.AddSpan(Span(987654321, *SUNDAY, "DATE")))
        state(d1, "done")
        p.apply(d3, "ann1", E.accept(span_at(d3, NETANYAHU)))
        state(d3, "skipped")
        p.apply(d4, "ann1", E.accept(span_at(d4, BLINKEN)))
        for at in (NETANYAHU, JERUSALEM, ISRAELI, MET):  # the first sentence reviewed (the event with "met")
            p.apply(d4, "ann1", E.reject(span_at(d4, at)))
    return worked, pristine


def _scores(path: Path, *options: str) -> dict:
    result = cli("evaluate", path, "--layer", "model", "--against", "ann1", "--json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_evaluate_scores_decisions_of_done_documents_and_reports_the_rest(projects):
    worked, _ = projects
    data = _scores(worked, "--only-done")
    assert data["documents"] == 1  # d1: the only reference marked done
    assert data["left_out"]["reference"] == {"missing": 0, "no_decision": 1, "skipped": 1, "in_progress": 1,
                                             "not_reviewed": 0}
    assert data["left_out"]["documents"] == 3
    # reference: Netanyahu, Jerusalem, Sunday; Blinken and the event are pending, no answer
    assert {k: data["entities"]["overall"][k] for k in ("tp", "fp", "fn")} == {"tp": 2, "fp": 2, "fn": 1}
    assert data["triggers"]["overall"]["tp"] == 0 and data["triggers"]["overall"]["fp"] == 1
    assert data["quality"]["documents"] == 1 and data["quality"]["events"]["overall"]["tp"] == 0
    only_opened = _scores(worked, "--docs", "2")  # opened, never edited: no reference, not F1 1.0
    assert only_opened["documents"] == 0 and only_opened["left_out"]["reference"]["no_decision"] == 1
    assert only_opened["entities"]["overall"]["f1"] is None
    skipped = _scores(worked, "--docs", "3")
    assert skipped["documents"] == 0 and skipped["left_out"]["reference"]["skipped"] == 1
    wider = _scores(worked)  # the default: d4 in progress is scored over the sentence it reviewed
    assert wider["documents"] == 2 and wider["in_progress"] == 1 and not wider["only_done"]
    # + Blinken accepted on d4, and the model's Netanyahu, Jerusalem and Israeli it rejected
    assert {k: wider["entities"]["overall"][k] for k in ("tp", "fp", "fn")} == {"tp": 3, "fp": 5, "fn": 1}
    assert wider["quality"]["documents"] == 2
    table = " ".join(cli("evaluate", worked, "--layer", "model", "--against", "ann1", "--only-done").output.split())
    assert "1 document(s)" in table and "scored: documents whose 'ann1' layer is marked done" in table
    assert ("left out: 1 whose 'ann1' layer holds no decision (only opened or to do, nothing accepted or rejected), "
            "1 whose 'ann1' layer is skipped, 1 whose 'ann1' layer is not marked done") in table
    table = " ".join(cli("evaluate", worked, "--layer", "model", "--against", "ann1").output.split())
    assert "1 of the 2 document(s) scored have a layer not marked done" in table
    assert "--only-done scores only documents marked done" in table


def test_figures_are_the_same_after_a_round_trip_through_a_decisions_only_export(projects, tmp_path):
    """The same documents are scored, with the same figures. (Of a layer in progress they can
    differ: the export cannot say which suggestions were still pending -- a sentence with one
    accepted and others pending reads back as reviewed.)"""
    worked, pristine = projects
    exported = tmp_path / "ann1.doccano.jsonl"
    assert cli("export", worked, exported, "--format", "doccano", "--layer", "ann1").exit_code == 0
    result = cli("import", pristine, exported)
    assert result.exit_code == 0, result.output
    for options in ((), ("--only-done",), ("--match", "overlap")):
        here, there = _scores(worked, *options), _scores(pristine, *options)
        for key in ("entities", "triggers", "arguments", "quality", "documents", "in_progress"):
            assert here[key] == there[key], (options, key)
        assert here["left_out"]["documents"] == there["left_out"]["documents"]


def test_the_model_quality_window_scores_the_same_documents(projects):
    pytest.importorskip("PySide6")
    import threading

    from annotator.gui.dialogs.evaluate import quality_summary, quality_work

    worked, _ = projects
    result = quality_work(worked, MODEL, "ann1")(lambda n: None, threading.Event())
    assert result["documents"] == 2 and result["left_out"]["documents"] == 2
    # d1 done; d4 in progress, over the sentence it reviewed
    assert {k: result["entities"]["overall"][k] for k in ("tp", "fp", "fn")} == {"tp": 3, "fp": 5, "fn": 1}
    for part in ("entities", "triggers", "arguments"):  # what the command says
        assert result[part] == _scores(worked)[part]
    assert "1 whose 'ann1' layer is skipped" in quality_summary(result)
    assert "1 of the 2 document(s) scored have a layer not marked done" in quality_summary(result)
