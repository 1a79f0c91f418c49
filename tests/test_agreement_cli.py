"""`annotator agreement`, `adjudicate` and `evaluate` on a small project built here from native JSONL
with two annotators' layers (and a model layer)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core.model import GOLD
from annotator.store import Project

runner = CliRunner()

TEXT = "Israeli Prime Minister Benjamin Netanyahu met Antony Blinken in Jerusalem on Sunday."
NETANYAHU, BLINKEN, JERUSALEM, SUNDAY, MET = (23, 41), (46, 60), (64, 73), (77, 83), (42, 45)


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


def layer(annotator, state, jerusalem="GPE", swap=False, mode="visit", with_event=True):
    spans = [
        {"id": 1, "start": NETANYAHU[0], "end": NETANYAHU[1], "label": "PERSON"},
        {"id": 2, "start": BLINKEN[0], "end": BLINKEN[1], "label": "PERSON"},
        {"id": 3, "start": JERUSALEM[0], "end": JERUSALEM[1], "label": jerusalem},
        {"id": 4, "start": SUNDAY[0], "end": SUNDAY[1], "label": "DATE"},
    ]
    events = []
    if with_event:
        spans.append({"id": 5, "start": MET[0], "end": MET[1], "label": "CONSULT", "layer": "trigger"})
        source, target = (2, 1) if swap else (1, 2)
        events.append({"id": 1, "trigger": 5, "type": "CONSULT", "mode": mode,
                       "arguments": [{"role": "source", "span": source}, {"role": "target", "span": target},
                                     {"role": "location", "span": 3}, {"role": "date", "span": 4}]})
    return {"annotator": annotator, "state": state, "spans": spans, "events": events}


@pytest.fixture
def work(tmp_path) -> Path:
    model = {"annotator": "model", "state": "todo", "spans": [
        {"id": 1, "start": NETANYAHU[0], "end": NETANYAHU[1], "label": "PERSON", "status": "suggested"},
        {"id": 2, "start": JERUSALEM[0], "end": JERUSALEM[1], "label": "GPE", "status": "suggested"},
        {"id": 3, "start": 0, "end": 7, "label": "NORP", "status": "suggested"}], "events": []}
    records = [
        # d1: both done; they differ on Jerusalem's label and swap source/target of the meeting.
        {"id": "d1", "text": TEXT, "annotations": [layer("ann1", "done"),
                                                   layer("ann2", "done", jerusalem="LOC", swap=True), model]},
        # d2: ann2 has not finished: it does not count unless --include-all.
        {"id": "d2", "text": TEXT, "annotations": [layer("ann1", "done"),
                                                   layer("ann2", "in_progress", with_event=False)]},
        # d3: identical.
        {"id": "d3", "text": TEXT, "annotations": [layer("ann1", "done"), layer("ann2", "done"), model]},
    ]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    path = tmp_path / "work.db"
    assert cli("init", path).exit_code == 0
    result = cli("import", path, corpus)
    assert result.exit_code == 0, result.output
    return path


def test_agreement_json_counts_done_documents_of_both(work):
    result = cli("agreement", work, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["version"] == 1 and report["annotators"] == ["ann1", "ann2"]
    assert report["documents"]["counted"] == 2
    (pair,) = report["pairs"]
    assert pair["documents"] == 2
    assert pair["span"]["entity"]["exact"]["overall"]["f1"] == 0.875  # 7 of 8 spans each side
    assert pair["event"]["swaps"] == 1
    assert pair["event"]["roles"]["source"]["f1"] == 0.5 and pair["event"]["roles"]["date"]["f1"] == 1.0
    assert 0 < pair["token"]["kappa"] < 1
    kinds = sorted((d["ext_id"], d["level"], tuple(d["kinds"])) for d in report["disagreements"])
    assert kinds == [("d1", "entity", ("label",)), ("d1", "event", ("source", "target", "swap"))]
    everything = json.loads(cli("agreement", work, "--json", "--include-all").output)
    assert everything["documents"]["counted"] == 3


def test_agreement_levels_and_tables(work):
    events_only = json.loads(cli("agreement", work, "--annotators", "ann1,ann2", "--level", "event",
                                 "--json").output)
    assert "event" in events_only["pairs"][0] and "span" not in events_only["pairs"][0]
    table = cli("agreement", work)
    assert table.exit_code == 0, table.output
    assert "Pairwise agreement" in table.output and "ann1" in table.output and "0.875" in table.output
    assert "GPE" in cli("agreement", work, "--by", "label").output
    assert "d1" in cli("agreement", work, "--by", "document").output
    confusion = cli("agreement", work, "--confusion", "entity")
    assert "Confusion of entity labels" in confusion.output and "LOC" in confusion.output
    assert "CONSULT" in cli("agreement", work, "--confusion", "event").output


def test_agreement_refuses_unknown_annotators_and_options(work):
    result = cli("agreement", work, "--annotators", "ann1,nobody")
    assert result.exit_code == 2 and "nobody" in result.output
    assert cli("agreement", work, "--level", "sentence").exit_code == 2
    assert cli("agreement", work, "--annotators", "ann1").exit_code == 2


def _gold(path: Path, ext_id: str):
    with Project.open(path, readonly=True) as p:
        doc_id = next(d.id for d in p.documents(0, 10) if d.ext_id == ext_id)
        return p.layer(doc_id, GOLD)


def test_adjudicate_auto_agree_writes_gold_only_where_empty(work):
    result = cli("adjudicate", work, "--auto", "agree")
    assert result.exit_code == 0, result.output
    assert "wrote gold for 2 document(s)" in result.output and "1 fully agreed" in result.output
    d3 = _gold(work, "d3")
    assert len([s for s in d3.spans.values() if s.layer == "entity"]) == 4 and len(d3.events) == 1
    assert all(s.attrs["adjudication"]["from"] == ["ann1", "ann2"] for s in d3.spans.values())
    d1 = _gold(work, "d1")
    assert sorted(s.label for s in d1.spans.values() if s.layer == "entity") == ["DATE", "PERSON", "PERSON"]
    (event,) = d1.events.values()
    assert sorted(a.role for a in event.arguments) == ["date"]  # swapped roles and Jerusalem stay open
    assert not _gold(work, "d2").spans
    again = cli("adjudicate", work, "--auto", "agree")
    assert "2 document(s) already have gold" in again.output
    assert {s.id for s in _gold(work, "d3").spans.values()} == set(d3.spans)  # untouched without --force
    forced = cli("adjudicate", work, "--auto", "agree", "--force", "--json")
    assert forced.exit_code == 0
    conflicts = json.loads(forced.output)["conflicts"]
    assert {(c["ext_id"], c["level"]) for c in conflicts} == {("d1", "entity"), ("d1", "argument")}
    assert {s.id for s in _gold(work, "d3").spans.values()} != set(d3.spans)
    assert cli("adjudicate", work, "--auto", "vote").exit_code == 2
    with Project.open(work, readonly=True) as p:
        assert p.check() == []


@pytest.mark.parametrize("prefer, jerusalem, source", [("ann1", "GPE", "Netanyahu"), ("ann2", "LOC", "Blinken")])
def test_adjudicate_prefer_settles_every_conflict_with_one_annotators_version(work, prefer, jerusalem, source):
    """A lead who trusts a senior annotator: --prefer takes their version wherever the two differ
    (d1: Jerusalem's label, the swapped source and target), --mark-done signs gold off where
    nothing is left. Before, every conflict waited for the adjudication view."""
    result = cli("adjudicate", work, "--auto", "agree", "--prefer", prefer, "--mark-done")
    assert result.exit_code == 0, result.output
    assert "2 conflict(s) settled with " + prefer + "'s version, 0 conflict(s) left" in result.output
    assert "gold marked done in 2 document(s)" in result.output
    d1 = _gold(work, "d1")
    assert d1.state == "done"
    assert sorted(s.label for s in d1.spans.values() if s.layer == "entity") == sorted(
        ["PERSON", "PERSON", jerusalem, "DATE"])
    (event,) = d1.events.values()
    roles = {a.role: TEXT[d1.spans[a.span_id].start:d1.spans[a.span_id].end] for a in event.arguments}
    assert roles["source"].endswith(source) and roles["location"] == "Jerusalem" and roles["date"] == "Sunday"
    picked = [s for s in d1.spans.values() if s.attrs["adjudication"]["rule"] == "pick"]
    assert picked and all(s.attrs["adjudication"] == {"decided_by": "auto-prefer", "rule": "pick", "from": [prefer]}
                          for s in picked)
    assert _gold(work, "d3").state == "done"
    with Project.open(work, readonly=True) as p:
        assert p.check() == []


def test_adjudicate_prefer_names_an_annotator_compared(work):
    result = cli("adjudicate", work, "--auto", "agree", "--prefer", "ann3")
    assert result.exit_code == 2 and "--prefer ann3" in result.output and "ann1, ann2" in result.output
    twin = cli("adjudicate", work, "--auto", "agree", "--prefer", "ANN1")
    assert twin.exit_code == 2 and "differs only in case" in twin.output and "use ann1" in twin.output
    assert not _gold(work, "d1").spans


def test_adjudicate_says_where_both_annotators_found_nothing(tmp_path):
    """Both rejected every suggestion: gold holds nothing, so the document is not counted as gold
    written, and the lead is told how to keep it as a document without annotations."""
    rejected = [{"id": 1, "start": NETANYAHU[0], "end": NETANYAHU[1], "label": "PERSON", "status": "rejected",
                 "origin": "model"}]
    records = [{"id": "empty", "text": TEXT, "annotations": [
                    {"annotator": name, "state": "done", "spans": rejected, "events": []} for name in ("ann1", "ann2")]},
               {"id": "same", "text": TEXT + " Again.", "annotations": [layer("ann1", "done"), layer("ann2", "done")]}]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    path = tmp_path / "work.db"
    assert cli("init", path).exit_code == 0 and cli("import", path, corpus).exit_code == 0
    result = cli("adjudicate", path, "--auto", "agree")
    assert result.exit_code == 0, result.output
    assert "wrote gold for 1 document(s)" in result.output and "1 fully agreed" in result.output
    assert "1 document(s) where the annotators agree there is nothing to mark" in result.output
    assert not _gold(path, "empty").spans
    report = json.loads(cli("adjudicate", path, "--auto", "agree", "--json").output)
    assert (report["written"], report["agreed_nothing"], report["skipped_existing_gold"]) == (0, 1, 1)


def test_gold_the_lead_signed_off_is_left_alone_and_gold_written_is_in_progress(work):
    """Gold marked done is the lead's sign-off, even empty ("nothing to mark"): a later run does
    not fill it, and --force, which replaces it, sets it back to in progress (before, replaced
    gold stayed done, and `export --only-done` wrote gold nobody had reviewed as signed off)."""
    from annotator.core.edits import SetDocState

    assert cli("adjudicate", work, "--auto", "agree").exit_code == 0
    assert _gold(work, "d3").state == "in_progress"  # fully agreed, still not signed off
    with Project.open(work) as p:
        d2 = next(d.id for d in p.documents(0, 10) if d.ext_id == "d2")
        p.apply(d2, GOLD, SetDocState("todo", "done"))  # the lead: nothing to mark here
    report = json.loads(cli("adjudicate", work, "--auto", "agree", "--include-all", "--json").output)
    assert report["skipped_existing_gold"] == 3 and report["written"] == 0
    assert _gold(work, "d2").state == "done" and not _gold(work, "d2").spans
    forced = json.loads(cli("adjudicate", work, "--auto", "agree", "--include-all", "--force", "--json").output)
    assert forced["written"] == 3
    assert [_gold(work, d).state for d in ("d1", "d2", "d3")] == ["in_progress"] * 3
    assert _gold(work, "d2").spans  # --include-all took ann2's unfinished layer


def test_evaluate_model_against_gold(work):
    assert cli("adjudicate", work, "--auto", "agree").exit_code == 0
    # adjudicate does not mark gold done (the adjudicator's sign-off): --only-done scores none of it
    unsigned = json.loads(cli("evaluate", work, "--layer", "model", "--against", "gold", "--only-done",
                              "--json").output)
    assert unsigned["documents"] == 0 and unsigned["left_out"]["reference"]["in_progress"] == 2
    assert unsigned["left_out"]["reference"]["missing"] == 1  # d2 has no gold
    result = cli("evaluate", work, "--layer", "model", "--against", "gold", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["documents"] == 2 and data["in_progress"] == 2  # d2 has no gold
    ents = data["entities"]["labels"]
    # model: Netanyahu PERSON (right twice), Jerusalem GPE (gold only on d3), Israeli NORP (never).
    assert (ents["PERSON"]["tp"], ents["PERSON"]["fn"]) == (2, 2)
    assert (ents["GPE"]["tp"], ents["GPE"]["fp"]) == (1, 1)
    assert ents["NORP"]["precision"] == 0.0
    assert data["triggers"]["overall"]["fn"] == 2 and data["arguments"]["overall"]["tp"] == 0
    quality = data["quality"]  # the coder's view: per sentence, actors, named entities
    assert quality["documents"] == 2
    assert quality["entities"]["kinds"]["person"]["reference"] == 4
    assert quality["entities"]["kinds"]["person"]["found"] == 0.5
    table = cli("evaluate", work)
    assert table.exit_code == 0 and "PERSON" in table.output and "arguments" in table.output
    assert "events per sentence" in table.output and "sentences with no event" in table.output
    assert cli("evaluate", work, "--layer", "nobody").exit_code == 2


def test_evaluating_an_empty_layer_says_so_instead_of_printing_zeros_silently(work, tmp_path):
    assert cli("adjudicate", work, "--auto", "agree").exit_code == 0
    # the fixture's model layer has suggestions
    assert "holds nothing" not in cli("evaluate", work).output
    fresh = tmp_path / "fresh.db"
    corpus = tmp_path / "fresh.jsonl"
    corpus.write_text(json.dumps({"id": "f1", "text": TEXT, "annotations": [
        layer("ann1", "done"), {"annotator": "model", "state": "todo", "spans": [], "events": []}]}) + "\n",
        encoding="utf-8")
    assert cli("init", fresh).exit_code == 0 and cli("import", fresh, corpus).exit_code == 0
    table = cli("evaluate", fresh, "--against", "ann1")
    assert table.exit_code == 0
    assert ("the 'model' layer holds nothing on these 1 document(s): every figure below is 0 "
            "(run `annotator preannotate` first)") in " ".join(table.output.split())


def test_a_picked_version_applies_to_the_stored_gold_layer(work):
    from annotator.agreement.adjudicate import auto_agree, pick_version

    assert cli("adjudicate", work, "--auto", "agree").exit_code == 0
    with Project.open(work) as p:
        doc = next(d for d in p.iter_annotated(["ann1", "ann2"]) if d.document.ext_id == "d1")
        _gold, conflicts = auto_agree(doc.layers, text=doc.document.text)
        jerusalem = next(c for c in conflicts if c.level == "entity")
        batch = pick_version(p.layer(doc.document.id, GOLD), jerusalem, doc.layer("ann2"), decided_by="lead")
        p.apply(doc.document.id, GOLD, batch)
        gold = p.layer(doc.document.id, GOLD)
        loc = next(s for s in gold.spans.values() if s.label == "LOC")
        assert loc.attrs["adjudication"]["from"] == ["ann2"]
        assert p.check() == []


def test_trigger_f1_means_aligned_triggers_everywhere_whatever_their_type(tmp_path):
    """The pairs table's "trig F1", the matrix the dashboard shows and the by-document rows agree:
    two annotators who mark the same trigger with different types agree on the trigger (1.0) and
    not on the event (0.0)."""
    def typed(annotator, etype):
        return {"annotator": annotator, "state": "done",
                "spans": [{"id": 5, "start": MET[0], "end": MET[1], "label": etype, "layer": "trigger"}],
                "events": [{"id": 1, "trigger": 5, "type": etype, "arguments": []}]}
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "d1", "text": TEXT, "annotations": [typed("ann1", "CONSULT"),
                                                                          typed("ann2", "ACCUSE")]}) + "\n",
                      encoding="utf-8")
    path = tmp_path / "w.db"
    assert cli("init", path).exit_code == 0
    assert cli("import", path, corpus).exit_code == 0
    report = json.loads(cli("agreement", path, "--json").output)
    (pair,) = report["pairs"]
    assert pair["event"]["trigger"]["f1"] == 1.0 and pair["event"]["type"]["f1"] == 0.0
    assert report["matrix"]["trigger_f1"]["ann1"]["ann2"] == 1.0
    assert report["matrix"]["event_f1"]["ann1"]["ann2"] == 0.0
    [row] = report["by_document"][0]["pairs"]
    assert row["trigger_f1"] == 1.0 and row["event_f1"] == 0.0


def test_tables_keep_every_column_when_the_output_is_piped(tmp_path):
    """Piped (no terminal: 80 columns), a long document title squeezed the pair and F1 columns
    to nothing ("┃  ┃┃┃") and the confusion labels to "CO…"."""
    name = "wikinews-2023-10-22-israeli-prime-minister-meets-us-secretary-of-state-in-jerusalem"
    corpus = tmp_path / "long.jsonl"
    corpus.write_text(json.dumps({"id": name, "text": TEXT, "annotations": [
        layer("ann1", "done"), layer("ann2", "done", jerusalem="LOC", swap=True)]}) + "\n", encoding="utf-8")
    path = tmp_path / "long.db"
    assert cli("init", path).exit_code == 0
    assert cli("import", path, corpus).exit_code == 0
    by_document = cli("agreement", path, "--by", "document").output
    assert name in by_document and "ann1/ann2" in by_document and "0.750" in by_document
    confusion = cli("agreement", path, "--confusion", "event").output
    assert "CONSULT" in confusion and "…" not in confusion


def test_adjudicate_prefer_leaves_a_document_without_that_annotators_layer_to_the_lead(work):
    """--include-all with a third annotator who has no layer in some document: the preferred
    layer was looked up there anyway, and the command ended in a traceback (StopIteration)."""
    extra = {"id": "d3", "text": TEXT, "annotations": [layer("ann3", "done", jerusalem="LOC")]}
    path = work.parent / "ann3.jsonl"
    path.write_text(json.dumps(extra) + "\n", encoding="utf-8")
    assert cli("import", work, path).exit_code == 0
    result = cli("adjudicate", work, "--auto", "agree", "--annotators", "ann1,ann2,ann3", "--include-all",
                 "--prefer", "ann3")
    assert result.exit_code == 0, result.output
    assert "have no layer of ann3: their conflicts are left to decide" in result.output
    d3 = _gold(work, "d3")
    assert "LOC" in {s.label for s in d3.spans.values()}  # where ann3 has a layer, their say is taken
