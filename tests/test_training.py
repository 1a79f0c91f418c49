"""`annotator train`: accepted annotations -> DocBin -> spaCy training -> the next pre-annotator.

Training is kept tiny here (a few steps on short generated documents, 2 CPU cores); the test that
checks the model actually learns is marked slow.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.core.errors import Cancelled, InputError
from annotator.core.ids import new_id
from annotator.core.model import GOLD, AnnotatedDocument, Document, Event, Layer, Span
from annotator.store import Project
from annotator.training import TrainProgress, train
from annotator.core.integrity import accepted_only
from annotator.training.data import split
from benchmarks.gold_corpus import gold_documents

pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 short generated documents with a done gold layer (actors, places, dates, triggers, events)."""
    path = tmp_path_factory.mktemp("training") / "work.db"
    with Project.create(path) as p:
        p.import_documents(gold_documents(30, seed=11, sentences=(3, 5)))
    return path


@pytest.fixture(scope="module")
def trained(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("models") / "round1"
    seen: list[TrainProgress] = []
    report = train(corpus_db, out, layer=GOLD, max_steps=8, seed=3, min_docs=10, progress=seen.append)
    return out, report, seen


# Four sentences a layer in progress reviews in part (the reviewed-sentences tests).
FOUR_SENTENCES = ("Israel attacked Gaza on Monday. Egypt condemned the strikes. "
                  "Qatar hosted talks in Doha. Police arrested ten protesters.")


def at_word(word: str) -> tuple[int, int]:
    return FOUR_SENTENCES.index(word), FOUR_SENTENCES.index(word) + len(word)


def trained_briefly(docs: list, tmp_path: Path) -> tuple:
    """Import `docs` into a new project, train two steps on layer ann1; the report and the
    documents of the DocBins written."""
    db = tmp_path / "work.db"
    with Project.create(db) as p:
        p.import_documents(docs)
    report = train(db, tmp_path / "m", layer="ann1", max_steps=2, seed=3, min_docs=10)
    return report, written_docs(tmp_path / "m")


def written_docs(out: Path) -> list:
    """The documents a training run wrote to its DocBins (train, then dev)."""
    from spacy.tokens import DocBin

    from annotator.formats.spacy_docbin import blank_nlp

    return [d for part in ("train.spacy", "dev.spacy")
            for d in DocBin().from_disk(out / "corpus" / part).get_docs(blank_nlp().vocab)]


# ----------------------------------------------------------------------------- data
def test_split_is_reproducible_by_document_and_keeps_both_sides():
    ids = list(range(1, 51))
    train_ids, dev_ids = split(ids, 0.2, seed=5)
    assert (train_ids, dev_ids) == split(list(reversed(ids)), 0.2, seed=5)  # order of input irrelevant
    assert len(dev_ids) == 10 and sorted(train_ids + dev_ids) == ids
    assert split(ids, 0.2, seed=6) != (train_ids, dev_ids)
    assert split([1, 2], 0.9, seed=0)[0]  # always at least one training document


def test_only_accepted_annotations_are_training_data():
    layer = Layer(GOLD, "in_progress")
    keep = layer.add_span(Span(new_id(), 0, 5, "GPE", status="accepted"))
    layer.add_span(Span(new_id(), 6, 9, "ORG", origin="model", status="suggested"))
    layer.add_span(Span(new_id(), 10, 12, "PERSON", status="rejected"))
    trigger = layer.add_span(Span(new_id(), 13, 16, "ASSAULT", "trigger", status="accepted"))
    unsure = layer.add_span(Span(new_id(), 17, 20, "AID", "trigger", origin="model", status="suggested"))
    layer.add_event(Event(new_id(), trigger.id, "ASSAULT", arguments=[]))
    layer.add_event(Event(new_id(), unsure.id, "AID"))
    out = accepted_only(layer)
    assert set(out.spans) == {keep.id, trigger.id}
    assert [e.trigger for e in out.events.values()] == [trigger.id]


# ----------------------------------------------------------------------------- too little data
def _project_with(path: Path, layers: list[Layer | None]) -> Path:
    docs = [AnnotatedDocument(Document(f"Hamas attacked Israel in Gaza on day {i}.", ext_id=f"d{i}"),
                              [layer] if layer is not None else []) for i, layer in enumerate(layers)]
    with Project.create(path) as p:
        p.import_documents(docs)
    return path


def _gold(label: str = "ORG", state: str = "done") -> Layer:
    layer = Layer(GOLD, state)
    layer.add_span(Span(new_id(), 0, 5, label, status="accepted"))
    return layer


def test_too_few_documents_is_a_clear_input_error(tmp_path: Path):
    db = _project_with(tmp_path / "work.db", [_gold(), _gold(), _gold(state="todo"), None])
    out = tmp_path / "models" / "round1"
    with pytest.raises(InputError) as info:
        train(db, out, min_docs=20)
    message = str(info.value)
    assert "too little data" in message and "'gold' has 3 document(s)" in message and "at least 20" in message
    assert "--min-docs" in message
    assert not out.exists() and not any((tmp_path / "models").glob(".*part"))

    result = CliRunner().invoke(_cli_app(), ["train", str(db), str(out), "--min-docs", "5"])
    assert result.exit_code == 2
    assert "too little data" in result.output and "Traceback" not in result.output


def test_no_labels_and_labels_only_in_dev_are_named(tmp_path: Path):
    empty = [Layer(GOLD, "done") for _ in range(4)]
    db = _project_with(tmp_path / "empty.db", empty)
    with pytest.raises(InputError, match="no accepted entity or trigger spans"):
        train(db, tmp_path / "m1", min_docs=2)

    # one NORP example in 6 documents, and a seed whose split puts that document in dev
    layers = [_gold() for _ in range(5)] + [_gold(label="NORP")]
    db = _project_with(tmp_path / "rare.db", layers)
    with Project.open(db, readonly=True) as p:
        rare_doc = p.document_ids()[-1]
    seed = next(s for s in range(100) if rare_doc in split(list(range(1, 7)), 0.5, s)[1])
    with pytest.raises(InputError) as info:
        train(db, tmp_path / "m2", min_docs=2, dev_fraction=0.5, seed=seed)
    assert "no example left in the training documents for NORP (entity)" in str(info.value)
    assert "--seed" in str(info.value)


def test_unknown_layer_and_existing_output_are_refused(corpus_db: Path, tmp_path: Path):
    with pytest.raises(InputError, match="no layer called 'ann9'"):
        train(corpus_db, tmp_path / "x", layer="ann9")
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "keep.txt").write_text("mine")
    with pytest.raises(InputError, match="already exists"):
        train(corpus_db, taken, min_docs=2)
    assert (taken / "keep.txt").read_text() == "mine"


def test_overwrite_replaces_an_earlier_training_folder(trained, corpus_db: Path, tmp_path: Path):
    import shutil

    again = tmp_path / "again"
    shutil.copytree(trained[0], again)
    (again / "model-best" / "stale.bin").write_text("from the old round")
    train(corpus_db, again, layer=GOLD, max_steps=2, seed=3, min_docs=10, overwrite=True)
    assert (again / "model-best" / "meta.json").exists() and not (again / "model-best" / "stale.bin").exists()


def _cli_app():
    from annotator.cli.main import app

    return app


# ----------------------------------------------------------------------------- training
def test_training_writes_a_spacy_package_with_provenance(trained, corpus_db: Path):
    out, report, seen = trained
    best = out / "model-best"
    assert Path(report.model_dir) == best and best.is_dir() and (out / "model-last").is_dir()
    assert (out / "corpus" / "train.spacy").is_file() and (out / "corpus" / "dev.spacy").is_file()
    assert not list(out.parent.glob(".round1.*"))  # the temporary folder was moved, not left behind
    meta = json.loads((best / "meta.json").read_text())
    provenance = meta["annotator"]
    with Project.open(corpus_db, readonly=True) as p:
        assert provenance["project_id"] == p.project_id
    assert provenance["project"] == str(corpus_db.resolve())
    assert provenance["layer"] == "gold" and provenance["trained_at"][:4].isdigit()
    assert provenance["documents"] == {"train": report.train_docs, "dev": report.dev_docs}
    assert report.train_docs + report.dev_docs == 30 and report.dev_docs == 6
    assert set(provenance["train_doc_ids"]).isdisjoint(provenance["dev_doc_ids"])
    # the saved configs stand alone: no reference to our training hooks
    for config in (out / "config.cfg", best / "config.cfg"):
        text = config.read_text()
        assert "annotator." not in text and "include_static_vectors = false" in text
    # progress: every stage, steps counted up to max_steps, losses on evaluation steps
    stages = [p.stage for p in seen]
    assert stages[0] == "export" and stages[-1] == "save" and "initialize" in stages and "evaluate" in stages
    steps = [p.step for p in seen if p.stage == "train"]
    assert steps == sorted(steps) and max(steps) == 8 == report.steps
    assert any(p.losses.get("spancat_triggers", 0) > 0 for p in seen)
    # per-label scores for every label trained, in every part
    assert set(report.scores) == {"entities (ner)", "entities (spancat)", "triggers (spancat)"}
    assert set(report.scores["triggers (spancat)"]["labels"]) == set(report.examples["trigger"])
    assert "ASSAULT" in report.examples["trigger"] and "PERSON" in report.examples["entity"]
    assert any("ASSAULT" in line for line in report.score_lines())


def test_the_model_loads_with_spacy_and_tokenises_like_pre_annotation(trained):
    import spacy

    out, _, _ = trained
    nlp = spacy.load(out / "model-best")
    assert nlp.pipe_names == ["tok2vec", "ner", "spancat", "spancat_triggers"]
    text = "U.S. Secretary of State Antony Blinken met with Amir-Abdollahian in Doha on March 5."
    doc = nlp(text)
    assert [t.text for t in doc] == [t.text for t in spacy.blank("en")(text)]
    assert "triggers" in doc.spans and "sc" in doc.spans
    assert set(nlp.get_pipe("spancat_triggers").labels) >= {"ASSAULT", "CONSULT"}


def test_the_trained_model_pre_annotates(trained, corpus_db: Path, tmp_path: Path):
    preannotate = pytest.importorskip("annotator.preannotate")
    out, _, _ = trained
    db = tmp_path / "next.db"
    with Project.create(db) as p:
        p.import_documents(gold_documents(4, seed=99, sentences=(3, 4), with_gold=False))
        result = preannotate.run(p, model=str(out / "model-best"))
        assert result.documents == 4
        layers = [p.layer(doc_id, "model") for doc_id in p.document_ids()]
    assert all(layer.spans for layer in layers)


def test_layers_still_in_progress_train_on_their_reviewed_sentences_only(tmp_path: Path):
    """A layer in progress is written as its reviewed sentences (core.reviewed), each run of
    them a document of its own and judged whole, beside the done documents."""
    from annotator.core.reviewed import reviewed_parts
    from annotator.core.sentences import sentences

    docs = list(gold_documents(30, seed=11, sentences=(3, 5)))
    for doc in docs:
        doc.layers[0].annotator = "ann1"  # an annotator's layer (gold in progress is not cut)
    for n, doc in enumerate(docs[::2]):
        layer = doc.layers[0]
        layer.state = "in_progress"
        # the annotator has not reached the last sentence (of most): its suggestions are pending
        if n % 4:
            last = sentences(doc.document.text)[-1][0]
            for span in layer.spans.values():
                if span.start >= last:
                    span.status, span.origin = "suggested", "model"
            for event in layer.events.values():
                if layer.spans[event.trigger].start >= last:
                    event.status, event.origin = "suggested", "model"
    expected_parts = [doc.document.text[a:b] for doc in docs[::2]
                      for a, b in reviewed_parts(doc.document.text, doc.layers[0])]
    partly = sum(reviewed_parts(doc.document.text, doc.layers[0]) != [(0, len(doc.document.text))]
                 for doc in docs[::2])
    db = tmp_path / "work.db"
    with Project.create(db) as p:
        p.import_documents(docs)
    import os
    import stat

    old_mask = os.umask(0o002)
    try:
        report = train(db, tmp_path / "m", layer="ann1", max_steps=4, seed=3, min_docs=10)
    finally:
        os.umask(old_mask)
    assert Path(report.model_dir).is_dir()
    # the folder takes the umask's modes, as its files do (it was mkdtemp's private 0700)
    assert stat.S_IMODE((tmp_path / "m").stat().st_mode) == 0o775
    written = written_docs(tmp_path / "m")
    assert all(d.has_annotation("ENT_IOB", require_complete=True) for d in written)
    assert sorted(d.text for d in written) == sorted(
        expected_parts + [doc.document.text for doc in docs[1::2]])
    assert 0 < partly < 15
    assert any(f"{partly} document(s) still in progress: only their reviewed sentences" in w for w in report.warnings)


def test_a_layer_in_progress_never_teaches_that_an_unreviewed_suggestion_is_no_trigger(tmp_path: Path):
    """The span groups have no "missing": written whole, a layer in progress said "no trigger"
    over the suggestion the annotator had not reached (and over the sentences below)."""
    text, at = FOUR_SENTENCES, at_word

    docs = []
    for n in range(12):
        layer = Layer("ann1", "in_progress")
        attack = layer.add_span(Span(new_id(), *at("attacked"), "ASSAULT", "trigger"))
        layer.add_event(Event(new_id(), attack.id, "ASSAULT"))
        layer.add_span(Span(new_id(), *at("Israel"), "GPE", "entity"))
        # sentence 2: one span accepted, the trigger still a suggestion
        layer.add_span(Span(new_id(), *at("Egypt"), "GPE", "entity"))
        condemned = layer.add_span(Span(new_id(), *at("condemned"), "ACCUSE", "trigger", origin="model",
                                        status="suggested"))
        layer.add_event(Event(new_id(), condemned.id, "ACCUSE", origin="model", status="suggested"))
        # sentence 3: a suggestion rejected, nothing pending: reviewed
        layer.add_span(Span(new_id(), *at("Qatar"), "GPE", "entity", origin="model", status="rejected"))
        # sentence 4: untouched
        docs.append(AnnotatedDocument(Document(text, ext_id=f"d{n}"), [layer]))
    report, written = trained_briefly(docs, tmp_path)
    assert len(written) == 24
    assert {d.text for d in written} == {"Israel attacked Gaza on Monday.", "Qatar hosted talks in Doha."}
    for d in written:
        assert "condemned" not in d.text and "arrested" not in d.text
        assert [(s.text, s.label_) for s in d.spans["triggers"]] == (
            [("attacked", "ASSAULT")] if d.text.startswith("Israel") else [])
    assert report.examples["entity"] == {"GPE": [report.train_docs, report.dev_docs]}


def test_a_layer_marked_done_with_suggestions_left_pending_never_teaches_them_as_no_entity(tmp_path: Path):
    """"Leave pending, mark done" leaves suggestions undecided: written whole, the done layer taught
    them as "no entity / no trigger". Its other sentences -- the empty last one too -- are used."""
    text, at = FOUR_SENTENCES, at_word

    docs = []
    for n in range(12):
        layer = Layer("ann1", "done")
        layer.add_span(Span(new_id(), *at("Israel"), "GPE", "entity"))
        layer.add_span(Span(new_id(), *at("Egypt"), "PERSON", "entity", origin="model", status="suggested"))
        layer.add_span(Span(new_id(), *at("Qatar"), "GPE", "entity"))
        docs.append(AnnotatedDocument(Document(text, ext_id=f"d{n}"), [layer]))
    report, written = trained_briefly(docs, tmp_path)
    assert {d.text for d in written} == {"Israel attacked Gaza on Monday.",
                                         "Qatar hosted talks in Doha. Police arrested ten protesters."}
    assert all("Egypt" not in d.text for d in written)
    assert any("12 document(s) marked done hold suggestions left pending" in w for w in report.warnings)


def test_a_part_with_no_dev_example_of_any_label_is_not_scored_as_zero():
    from annotator.training.train import TrainReport

    report = TrainReport("out", "out/model-best", GOLD, 1, 8, 2, {}, 4, 1.0, None, scores={
        "triggers (spancat)": {"overall": {"p": 0.0, "r": 0.0, "f": 0.0}, "labels": {"AID": None}},
        "entities (ner)": {"overall": {"p": 0.5, "r": 1.0, "f": 2 / 3}, "labels": {"GPE": {"p": 0.5, "r": 1.0, "f": 2 / 3}}}})
    lines = report.score_lines()
    assert "  (all)                     -      -      -   (no dev examples)" in lines
    assert "  (all)                  50.0  100.0   66.7" in lines


def test_cancel_stops_cleanly_and_leaves_nothing(corpus_db: Path, tmp_path: Path):
    cancel = threading.Event()

    def progress(item: TrainProgress) -> None:
        if item.stage == "train" and item.step >= 2:
            cancel.set()

    out = tmp_path / "models" / "round1"
    with pytest.raises(Cancelled):
        train(corpus_db, out, max_steps=50, min_docs=10, progress=progress, cancel=cancel)
    assert not out.exists()
    assert not (tmp_path / "models").exists()  # the folder it made for the round (an empty one stayed)


@pytest.mark.slow
def test_the_model_learns_the_annotations(tmp_path: Path):
    """Enough steps to learn the generated corpus: the trained pipeline alone must find most triggers
    and entities of held-out documents (the rules do not know this corpus' PERSON convention)."""
    import spacy

    db = tmp_path / "work.db"
    with Project.create(db) as p:
        p.import_documents(gold_documents(60, seed=21, sentences=(4, 8)))
    report = train(db, tmp_path / "m", max_steps=300, min_docs=10, seed=1)
    assert report.scores["triggers (spancat)"]["overall"]["f"] > 0.8
    assert report.scores["entities (ner)"]["overall"]["f"] > 0.8
    nlp = spacy.load(report.model_dir)
    doc = nlp("Russian President Vladimir Putin launched airstrikes against Ukraine on May 3.")
    assert ("Russian President Vladimir Putin", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    assert ("launched airstrikes", "ASSAULT") in [(s.text, s.label_) for s in doc.spans["triggers"]]

    # the next round's suggestions come from it, added to the rules (combine.py): triggers of
    # unseen documents, typed as annotated. Where the team's trigger spans more words than a rule
    # trigger ("pledged to hold talks" vs the rules' "pledged" + "talks") the rule triggers stay,
    # so triggers are counted by overlap and type; entities exactly.
    from annotator.preannotate import run

    with Project.create(tmp_path / "next.db") as p:
        p.import_documents(gold_documents(5, seed=77, sentences=(4, 6)))  # gold to compare with
        run(p, model=report.model_dir)
        expected, found = {"trigger": 0, "entity": 0}, {"trigger": 0, "entity": 0}
        for doc_id in p.document_ids():
            for kind in expected:
                gold = {(s.start, s.end, s.label) for s in p.layer(doc_id, "gold").spans.values()
                        if s.layer == kind}
                model = {(s.start, s.end, s.label) for s in p.layer(doc_id, "model").spans.values()
                         if s.layer == kind}
                expected[kind] += len(gold)
                if kind == "entity":
                    found[kind] += len(gold & model)
                else:
                    found[kind] += sum(any(a < e and s < b and t == u for s, e, u in model) for a, b, t in gold)
    assert expected["trigger"] and found["trigger"] / expected["trigger"] > 0.9
    # its entities win over the gazetteer's (PERSON spans with the title, as annotated)
    assert expected["entity"] and found["entity"] / expected["entity"] > 0.9


# ----------------------------------------------------------------------------- trained + rules
def test_a_trained_model_adds_to_the_rules_and_keeps_every_rule_suggestion(trained):
    """preannotate --model OUT/model-best: the default pipeline plus the trained components;
    every rule trigger stays (same offsets and type), every rule entity is still covered."""
    from annotator.core.scheme import default_scheme
    from annotator.preannotate.pipeline import build_pipeline
    from annotator.preannotate.runner import preannotate_texts

    out, _, _ = trained
    texts = [d.document.text for d in gold_documents(6, seed=5, sentences=(3, 4), with_gold=False)]
    texts.append((Path(__file__).parent.parent / "seeds" / "000_0e3eb90125af58f6.txt").read_text(encoding="utf-8"))
    rules_nlp, combined_nlp = build_pipeline(), build_pipeline(str(out / "model-best"))
    assert {"team_ner", "team_spancat_triggers", "annotator_union"} <= set(combined_nlp.pipe_names)
    assert set(rules_nlp.pipe_names) <= set(combined_nlp.pipe_names)  # nothing of the rules replaced
    rules = preannotate_texts(texts, rules_nlp, default_scheme())
    combined = preannotate_texts(texts, combined_nlp, default_scheme())
    rule_triggers = 0
    for r, c in zip(rules, combined):
        def triggers(layer):
            return {(s.start, s.end, s.label) for s in layer.spans.values() if s.layer == "trigger"}

        # every rule trigger is still there with its type, on the same words or the team's wider span
        for start, end, label in triggers(r):
            assert any(s <= start and end <= e and lab == label for s, e, lab in triggers(c)), (start, end, label)
        rule_triggers += len(triggers(r))
        entities = [s for s in c.spans.values() if s.layer == "entity"]
        for span in (s for s in r.spans.values() if s.layer == "entity"):
            assert any(span.overlaps(e) for e in entities), span
    assert rule_triggers > 10


def test_trigger_union_keeps_rule_triggers_and_adds_the_model_s_elsewhere():
    import spacy
    from spacy.tokens import Span as SpacySpan

    from annotator.preannotate.combine import MODEL_TRIGGERS_KEY, TriggerUnion

    doc = spacy.blank("en")("Police arrested him and the rebels attacked the town after talks failed .")
    doc.spans["triggers"] = [SpacySpan(doc, 1, 2, "COERCE"), SpacySpan(doc, 6, 7, "ASSAULT")]
    doc.spans[MODEL_TRIGGERS_KEY] = [SpacySpan(doc, 0, 2, "COERCE"), SpacySpan(doc, 6, 7, "PROTEST"),
                                     SpacySpan(doc, 10, 11, "CONSULT")]
    TriggerUnion("triggers")(doc)
    assert [(s.text, s.label_) for s in doc.spans["triggers"]] == [
        ("Police arrested", "COERCE"),  # same type: the trained boundaries
        ("attacked", "ASSAULT"),  # another type: the rule stays
        ("talks", "CONSULT")]  # where the rules found nothing: added


def test_trigger_union_adds_only_confident_trained_triggers_where_the_rules_found_none():
    import numpy
    import spacy
    from spacy.tokens import Span as SpacySpan

    from annotator.preannotate.combine import ADDED_TRIGGER_MIN_SCORE, MODEL_TRIGGERS_KEY, TriggerUnion

    doc = spacy.blank("en")("Police arrested him and the rebels attacked the town after talks failed .")
    doc.spans["triggers"] = [SpacySpan(doc, 1, 2, "COERCE")]
    doc.spans[MODEL_TRIGGERS_KEY] = [SpacySpan(doc, 0, 2, "COERCE"), SpacySpan(doc, 6, 7, "ASSAULT"),
                                     SpacySpan(doc, 10, 11, "CONSULT")]
    unsure, sure = ADDED_TRIGGER_MIN_SCORE / 2, (1 + ADDED_TRIGGER_MIN_SCORE) / 2
    # one row of label probabilities per span, as spaCy's single-label spancat writes them
    doc.spans[MODEL_TRIGGERS_KEY].attrs["scores"] = numpy.array([[unsure, 0.1], [unsure, 0.1], [sure, 0.0]])
    TriggerUnion("triggers")(doc)
    assert [(s.text, s.label_) for s in doc.spans["triggers"]] == [
        ("Police arrested", "COERCE"),  # over a rule trigger: widens it, however unsure
        ("talks", "CONSULT")]  # "attacked" (unsure, over no rule trigger) is not added


def test_entity_union_keeps_the_default_entities_and_takes_the_model_s_wider_or_new_ones():
    import spacy
    from spacy.tokens import Span as SpacySpan

    from annotator.preannotate.combine import MODEL_ENTITIES_KEY, EntityUnion, SetAside

    doc = spacy.blank("en")("Russian President Vladimir Putin met Hezbollah leaders and the Red Crescent in Vienna .")
    doc.ents = [SpacySpan(doc, 0, 4, "PERSON"), SpacySpan(doc, 5, 6, "GPE"), SpacySpan(doc, 9, 11, "ORG")]
    SetAside()(doc)  # the trained ner's entities, set aside before the default pipes run
    assert doc.ents == () and len(doc.spans[MODEL_ENTITIES_KEY]) == 3
    doc.ents = [SpacySpan(doc, 0, 1, "NORP"), SpacySpan(doc, 2, 4, "PERSON"), SpacySpan(doc, 5, 6, "ORG"),
                SpacySpan(doc, 12, 13, "GPE")]
    EntityUnion()(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Russian President Vladimir Putin", "PERSON"),  # covers them, one of its label: the trained span
        ("Hezbollah", "ORG"),  # another label: the default stays
        ("Red Crescent", "ORG"),  # where the default found nothing: added
        ("Vienna", "GPE")]  # the model found nothing there: the default stays


def test_entity_union_never_runs_a_place_or_a_date_into_the_name_beside_it():
    import spacy
    from spacy.tokens import Span as SpacySpan

    from annotator.preannotate.combine import MODEL_ENTITIES_KEY, EntityUnion

    doc = spacy.blank("en")("In Argentina Alberto Fernández said on Tuesday Mitsotakis agreed .")
    doc.spans[MODEL_ENTITIES_KEY] = [SpacySpan(doc, 1, 4, "PERSON"), SpacySpan(doc, 6, 8, "PERSON")]
    doc.ents = [SpacySpan(doc, 1, 2, "GPE"), SpacySpan(doc, 2, 4, "PERSON"), SpacySpan(doc, 6, 7, "DATE"),
                SpacySpan(doc, 7, 8, "PERSON")]
    EntityUnion()(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Argentina", "GPE"), ("Alberto Fernández", "PERSON"), ("Tuesday", "DATE"), ("Mitsotakis", "PERSON")]


def test_entity_union_keeps_the_default_where_the_trained_span_crosses_its_boundaries():
    import spacy
    from spacy.tokens import Span as SpacySpan

    from annotator.preannotate.combine import MODEL_ENTITIES_KEY, EntityUnion

    doc = spacy.blank("en")("He met Prime Minister Boris Johnson today .")
    doc.spans[MODEL_ENTITIES_KEY] = [SpacySpan(doc, 2, 5, "PERSON")]  # "Prime Minister Boris"
    doc.ents = [SpacySpan(doc, 4, 6, "PERSON")]  # "Boris Johnson"
    EntityUnion()(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Boris Johnson", "PERSON")]


def test_evaluate_compares_rules_model_and_combined(trained, corpus_db: Path):
    from annotator.cli.main import app

    out, _, _ = trained
    result = CliRunner().invoke(app, ["evaluate", str(corpus_db), "--layer", "gold", "--docs", "1-4",
                                      "--compare", str(out / "model-best"), "--json"])
    assert result.exit_code == 0, result.output
    runs = json.loads(result.output)["compare"]
    assert set(runs) == {"rules", "model", "combined"}
    assert all(run["documents"] == 4 for run in runs.values())
    # the union never has fewer events found than the rules alone
    assert runs["combined"]["events"]["overall"]["tp"] >= runs["rules"]["events"]["overall"]["tp"]
    table = CliRunner().invoke(app, ["evaluate", str(corpus_db), "--layer", "gold", "--docs", "1-4",
                                     "--compare", str(out / "model-best")])
    assert table.exit_code == 0 and "suggesters on the reference documents" in table.output
    assert "combined" in table.output
    # scoring a model on the documents it learned from flatters it, and the table says so
    meta = json.loads((out / "model-best" / "meta.json").read_text(encoding="utf-8"))["annotator"]
    seen = len({1, 2, 3, 4} & set(meta["train_doc_ids"]))
    assert seen and f"{seen} of the 4 document(s) scored are ones {out / 'model-best'} was trained on" in \
        " ".join(table.output.split())
    dev = ",".join(str(i) for i in meta["dev_doc_ids"][:2])
    table = CliRunner().invoke(app, ["evaluate", str(corpus_db), "--layer", "gold", "--docs", dev,
                                     "--compare", str(out / "model-best")])
    assert table.exit_code == 0 and "was trained on" not in table.output
    # the JSON says it too, and another project holding the same texts is told as well
    scripted = json.loads(result.output)["compare_trained_on"]
    assert scripted == {"documents": seen, "doc_ids": sorted({1, 2, 3, 4} & set(meta["train_doc_ids"]))}
    copy = corpus_db.parent / "copy.db"
    export = corpus_db.parent / "copy.jsonl"
    assert CliRunner().invoke(app, ["export", str(corpus_db), str(export), "--force"]).exit_code == 0
    assert CliRunner().invoke(app, ["init", str(copy)]).exit_code == 0
    assert CliRunner().invoke(app, ["import", str(copy), str(export)]).exit_code == 0
    other = json.loads(CliRunner().invoke(app, ["evaluate", str(copy), "--layer", "gold", "--compare",
                                               str(out / "model-best"), "--json"]).output)
    assert other["compare_trained_on"]["documents"] == len(meta["train_doc_ids"])  # before: 0, not warned
