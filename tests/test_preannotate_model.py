"""`--model NAME|PATH`: a trained pipeline loaded by path (a tiny one trained here), its NER
merged with the gazetteer, its parser feeding the arguments; a missing model is a clear error."""

from __future__ import annotations

import random

import pytest
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core.errors import InputError
from annotator.core.model import AnnotatedDocument, Document
from annotator.preannotate import run
from annotator.store import Project

TRAIN = [
    ("Zorblat Quux condemned Hezbollah on Monday.", [(0, 12, "PERSON"), (23, 32, "GPE")]),
    ("Three officials met Zorblat Quux in Vienna.", [(0, 5, "CARDINAL"), (20, 32, "PERSON"), (36, 42, "GPE")]),
    ("Hezbollah praised Zorblat Quux.", [(0, 9, "GPE"), (18, 30, "PERSON")]),
]
TEXT = "Zorblat Quux condemned Hezbollah on Monday. Three officials met Zorblat Quux in Vienna."


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """blank en + a trained `ner` that knows a made-up person, mislabels Hezbollah as GPE and
    emits CARDINAL (not in the scheme), saved with nlp.to_disk."""
    import spacy
    from spacy.training import Example

    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    for _, ents in TRAIN:
        for *_, label in ents:
            ner.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(text), {"entities": ents}) for text, ents in TRAIN]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(0)
    for _ in range(60):
        rng.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.0)
    doc = nlp(TEXT)
    assert ("Zorblat Quux", "PERSON") in [(e.text, e.label_) for e in doc.ents], "tiny model did not learn"
    path = tmp_path_factory.mktemp("models") / "tiny_ner"
    nlp.to_disk(path)
    return path


def project_with(tmp_path, text: str) -> Project:
    project = Project.create(tmp_path / "w.db")
    project.import_documents([AnnotatedDocument(Document(text=text, ext_id="one"))])
    return project


def spans_by_text(project: Project, text: str) -> dict[str, tuple[str, str | None]]:
    layer = project.layer(1, "model")
    return {s.text_in(text): (s.label, s.actor_code) for s in layer.spans.values() if s.layer == "entity"}


def test_model_loaded_by_path_merges_with_the_gazetteer(tmp_path, tiny_model):
    project = project_with(tmp_path, TEXT)
    report = run(project, model=str(tiny_model))
    found = spans_by_text(project, TEXT)
    # the model fills a gap the gazetteer has; a person nothing else codes takes the country
    # the document is about (here the only one: Vienna -> AUT)
    assert found["Zorblat Quux"] == ("PERSON", "AUT")
    assert found["Hezbollah"] == ("ORG", "LBNREB")  # the gazetteer wins where both found something
    assert found["Vienna"] == ("GPE", "AUT")  # model entity, code from the gazetteer
    assert "Three" not in found and report.skipped_labels["CARDINAL"] >= 1  # not in the scheme
    assert report.model == f"{tiny_model} + rules" and report.parser is False  # the rules run with any model
    condemned = [e for e in project.layer(1, "model").events.values() if e.type == "ACCUSE"]
    assert len(condemned) == 1
    project.close()


@pytest.fixture(scope="module")
def tiny_model_trained_here(tiny_model, tmp_path_factory):
    """The same pipeline, with the provenance `annotator train` writes into meta.json."""
    import json
    import shutil

    path = tmp_path_factory.mktemp("models") / "trained_here"
    shutil.copytree(tiny_model, path)
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    meta["annotator"] = {"layer": "gold", "documents": 3}
    (path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def test_a_model_trained_by_annotator_fills_in_around_the_default_entities(tmp_path, tiny_model_trained_here):
    from annotator.preannotate.pipeline import GAZETTEER_PIPE, build_pipeline, default_model_name

    names = build_pipeline(str(tiny_model_trained_here)).pipe_names
    # added to the default pipeline; its entities are set aside and joined after the default
    # ner and the gazetteer: a model trained on a few dozen documents labels known names worse
    # than either (docs/preannotation.md), so the default's label stays where both mark text
    assert (names.index("team_ner") < names.index("annotator_team_entities") < names.index("ner")
            < names.index(GAZETTEER_PIPE) < names.index("annotator_entity_union"))
    text = TEXT + " Israel warned Iran."
    project = project_with(tmp_path, text)
    report = run(project, model=str(tiny_model_trained_here))
    # the report says it is a union ("pre-annotated with OUT/model-best" read as the model alone)
    assert report.model == f"{tiny_model_trained_here} + {default_model_name()}"
    found = spans_by_text(project, text)
    assert found["Hezbollah"] == ("ORG", "LBNREB")  # the curated name wins over the team's GPE
    assert found["Zorblat Quux"][0] == "PERSON"
    assert found["Zorblat Quux"][1] in {"LBN", "ISR", "IRN", "AUT"}  # a country of the document
    assert found["Israel"] == ("GPE", "ISR") and found["Iran"] == ("GPE", "IRN")
    project.close()


def test_entities_from_chooses_the_order_for_any_model(tmp_path, tiny_model, tiny_model_trained_here):
    runner = CliRunner()
    for model, choice, hezbollah in ((tiny_model_trained_here, "gazetteer", ("ORG", "LBNREB")),
                                     (tiny_model_trained_here, "model", ("GPE", "LBNREB")),
                                     (tiny_model, "model", ("GPE", "LBNREB"))):
        db = tmp_path / f"{model.name}-{choice}.db"
        project = Project.create(db)
        project.import_documents([AnnotatedDocument(Document(text=TEXT, ext_id="one"))])
        project.close()
        result = runner.invoke(app, ["preannotate", str(db), "--model", str(model), "--entities-from", choice])
        assert result.exit_code == 0, result.output
        with Project.open(db) as project:
            assert spans_by_text(project, TEXT)["Hezbollah"] == hezbollah
    result = runner.invoke(app, ["preannotate", str(db), "--entities-from", "both"])
    assert result.exit_code == 2 and "--entities-from 'both'" in result.output


def zorblat_mentions(project: Project) -> list[int]:
    layer = project.layer(1, "model")
    return [s.start for s in layer.spans.values()
            if s.layer == "entity" and s.label == "PERSON" and s.text_in(TEXT) == "Zorblat Quux"]


def test_without_a_model_the_made_up_person_is_found_by_the_base_model_only(tmp_path, monkeypatch):
    from annotator.preannotate import base_model

    project = project_with(tmp_path, TEXT)
    run(project)  # the default: the shipped base model finds a person without a title, twice
    assert sorted(zorblat_mentions(project)) == [0, TEXT.index("Zorblat Quux", 1)]
    monkeypatch.setattr(base_model, "base_model_path", lambda: tmp_path / "missing")
    run(project)  # rules only: a capitalised name right before a verb trigger is its subject
    # ("Zorblat Quux condemned"); the mention after "met" needs the model
    assert zorblat_mentions(project) == [0]
    project.close()


def test_cli_model_by_path(tmp_path, tiny_model):
    project_with(tmp_path, TEXT).close()
    result = CliRunner().invoke(app, ["preannotate", str(tmp_path / "w.db"), "--model", str(tiny_model)])
    assert result.exit_code == 0, result.output
    assert "1 of 1 documents" in result.output and "CARDINAL" in result.output


def test_missing_model_is_a_clear_error(tmp_path):
    from annotator.preannotate.pipeline import load_model

    with pytest.raises(InputError) as info:
        load_model("en_core_web_nonexistent")
    message = str(info.value)
    assert "not installed" in message and "spacy download en_core_web_nonexistent" in message and "path" in message
    assert "needs no download" in message  # a machine that cannot download is not left stuck
    not_a_model = tmp_path / "empty"
    not_a_model.mkdir()
    with pytest.raises(InputError, match="not a saved spaCy pipeline"):
        load_model(str(not_a_model))
    project_with(tmp_path, TEXT).close()
    result = CliRunner().invoke(app, ["preannotate", str(tmp_path / "w.db"), "--model", "en_core_web_sm"])
    assert result.exit_code == 2
    assert "python -m spacy download en_core_web_sm" in result.output
    with Project.open(tmp_path / "w.db") as p:
        assert not p.layer(1, "model").spans


def test_a_missing_model_is_said_before_anything_about_the_documents(tmp_path):
    """With --only todo it first said "1 document(s) a person marked done were skipped", as if
    the run had started, then the error."""
    from annotator.core.edits import SetDocState

    with project_with(tmp_path, TEXT) as p:
        p.apply(1, "ann1", SetDocState("todo", "done"))
    result = CliRunner().invoke(app, ["preannotate", str(tmp_path / "w.db"), "--model", "models/round1/model-best",
                                      "--only", "todo"])
    assert result.exit_code == 2, result.output
    assert "the model folder models/round1/model-best does not exist" in result.output
    assert "skipped" not in result.output


def parsed_doc(nlp, words, heads, deps, pos):
    """Our rule components over a hand-made parse (the base model's own pipes would re-parse)."""
    from spacy.tokens import Doc

    from annotator.preannotate.pipeline import OUR_PIPES

    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    for name, component in nlp.pipeline:
        if name in OUR_PIPES:
            doc = component(doc)
    return doc


def test_parser_feeds_arguments():
    """With a dependency parse the tree decides: in a passive sentence the subject is the
    target and the "by" phrase the source (positional rules alone leave the target empty)."""
    from annotator.preannotate.pipeline import build_pipeline

    nlp = build_pipeline()
    words = ["Israel", "was", "attacked", "by", "Hezbollah", "in", "Beirut", "."]
    heads = [2, 2, 2, 2, 3, 2, 5, 2]
    deps = ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "prep", "pobj", "punct"]
    pos = ["PROPN", "AUX", "VERB", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"]
    doc = parsed_doc(nlp, words, heads, deps, pos)
    ents = list(doc.ents)
    [(etype, _mode, _lemma, _neg, args)] = doc.user_data["annotator.events"]
    roles = {role: ents[i].text for role, i in args}
    assert etype == "ASSAULT"
    assert roles == {"target": "Israel", "source": "Hezbollah", "location": "Beirut"}

    # Active voice with a prepositional target: "Iran warned Israel against ..." style.
    words = ["The", "army", "of", "Iran", "fired", "rockets", "at", "Israel", "."]
    heads = [1, 4, 1, 2, 4, 4, 4, 6, 4]
    deps = ["det", "nsubj", "prep", "pobj", "ROOT", "dobj", "prep", "pobj", "punct"]
    pos = ["DET", "NOUN", "ADP", "PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"]
    doc = parsed_doc(nlp, words, heads, deps, pos)
    ents = list(doc.ents)
    [(etype, mode, _lemma, _neg, args)] = doc.user_data["annotator.events"]
    roles = {role: ents[i].text for role, i in args}
    assert (etype, mode) == ("ASSAULT", "heavy-weapons")
    # "army" is a generic actor coded from the country in context: the subject itself
    assert roles == {"source": "army", "target": "Israel"}
    assert ents[[i for role, i in args if role == "source"][0]].id_ == "IRNMIL"
