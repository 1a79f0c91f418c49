"""The shipped base model (resources/models/en_annotator_base): it is what build_pipeline() runs by
default, it is small and licensed, it tokenises like spacy.blank("en") (stored offsets depend on
that), and its tags, parse and entities reach the rules."""

from __future__ import annotations

import json

import pytest

from annotator.preannotate import base_model


@pytest.fixture(scope="module")
def nlp():
    from annotator.preannotate.pipeline import build_pipeline

    return build_pipeline()


def test_the_base_model_is_shipped_small_and_licensed():
    folder = base_model.base_model_path()
    assert base_model.base_model_available()
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert size <= 20 * 1024 * 1024
    assert "Attribution-ShareAlike 4.0" in (folder / "LICENSE").read_text(encoding="utf-8")
    attribution = (folder / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "silveira14gold" in attribution and "mayhew2024universal" in attribution
    assert json.loads((folder / "meta.json").read_text(encoding="utf-8"))["license"] == "CC BY-SA 4.0"


def test_default_pipeline_runs_the_base_model_under_the_rules(nlp):
    from annotator.preannotate.pipeline import default_model_name

    names = nlp.pipe_names
    for pipe in ("tagger", "parser", "ner"):
        assert pipe in names
    assert "sentencizer" not in names  # the parser splits sentences
    # the gazetteer after the model's ner: it wins where both mark text (next test)
    assert names.index("ner") < names.index("annotator_gazetteer") < names.index("annotator_actors")
    assert default_model_name() == "en_annotator_base + rules"


def test_gazetteer_wins_except_inside_a_longer_name(nlp):
    """A known name keeps its gazetteer label and code where the model marks it too; a country
    inside a longer organisation name the model found stays part of that name, whose code is
    the country's."""
    from spacy.tokens import Span

    ner_at = nlp.pipe_names.index("ner")
    after_ner = nlp.pipeline[ner_at + 1:]
    doc = nlp.make_doc("The Saudi Press Agency said Hezbollah fired at Israel.")
    for _name, pipe in nlp.pipeline[:ner_at + 1]:
        doc = pipe(doc)
    # as if the model had found these (mislabelled Hezbollah, the agency as ORG)
    doc.ents = [Span(doc, 1, 4, label="ORG"), Span(doc, 5, 6, label="PERSON")]
    for _name, pipe in after_ner:
        doc = pipe(doc)
    found = {(e.text, e.label_, e.id_) for e in doc.ents}
    assert ("Saudi Press Agency", "ORG", "SAUMED") in found
    assert ("Hezbollah", "ORG", "LBNREB") in found
    assert ("Israel", "GPE", "ISR") in found


@pytest.mark.parametrize("text, model_span, expected, not_expected", [
    # the model's ORG runs past the possessive into a clause: the person inside is the gazetteer's
    ("Pelosi called Trump's conduct a breach of his oath.", (2, 10), ("Trump", "PERSON", "USAGOV"), "ORG"),
    ("Muslims of that Indian state as a justification.", (0, 8), ("Indian", "NORP", "IND"), "ORG"),
])
def test_a_model_entity_running_into_a_phrase_gives_way(nlp, text, model_span, expected, not_expected):
    from spacy.tokens import Span

    ner_at = nlp.pipe_names.index("ner")
    doc = nlp.make_doc(text)
    for _name, pipe in nlp.pipeline[:ner_at + 1]:
        doc = pipe(doc)
    doc.ents = [Span(doc, *model_span, label="ORG")]  # as the model found it on real news
    for _name, pipe in nlp.pipeline[ner_at + 1:]:
        doc = pipe(doc)
    found = {(e.text, e.label_, e.id_) for e in doc.ents}
    assert expected in found
    assert not any(label == not_expected and len(t.split()) > 3 for t, label, _ in found)


def test_a_possessive_name_of_an_organisation_keeps_its_name(nlp):
    """The near miss: a possessive inside a name followed by a capitalised word stays a name."""
    from spacy.tokens import Span

    ner_at = nlp.pipe_names.index("ner")
    doc = nlp.make_doc("He studied at St John's College in Cambridge.")
    for _name, pipe in nlp.pipeline[:ner_at + 1]:
        doc = pipe(doc)
    doc.ents = [Span(doc, 3, 7, label="ORG")]
    for _name, pipe in nlp.pipeline[ner_at + 1:]:
        doc = pipe(doc)
    assert "St John's College" in {e.text for e in doc.ents}


def test_tokens_are_those_of_blank_english(nlp):
    import spacy

    text = ("Iran's U.S.-backed rivals didn't attack—officials said—at 3:30 p.m. on Oct. 22, 2024 "
            "(e-mail: press@un.org); \"We can't,\" she said.")
    assert [t.text for t in nlp.make_doc(text)] == [t.text for t in spacy.blank("en")(text)]


def test_tags_and_parse_reach_the_argument_rules(nlp):
    doc = nlp("Israel was attacked by Hezbollah in Beirut on Monday.")
    by = {t.text: t for t in doc}
    assert by["Israel"].pos_ == "PROPN" and by["attacked"].pos_ == "VERB"
    assert by["attacked"].tag_ == "VBN"
    assert by["Israel"].dep_ == "nsubjpass" and by["Israel"].head.text == "attacked"
    assert by["by"].dep_ == "agent" and by["Hezbollah"].head.text == "by"
    ents = list(doc.ents)
    [(etype, _mode, _lemma, _negated, args)] = doc.user_data["annotator.events"]
    roles = {role: ents[i].text for role, i in args}
    assert etype == "ASSAULT"
    assert roles["target"] == "Israel" and roles["source"] == "Hezbollah"


def test_sentences_come_from_the_parser(nlp):
    doc = nlp("The talks ended on Friday. Protesters gathered outside the embassy in the evening.")
    assert [s.text for s in doc.sents] == ["The talks ended on Friday.",
                                           "Protesters gathered outside the embassy in the evening."]


@pytest.mark.parametrize("text, expected", [
    ("Maria Fernandez, a spokeswoman for Google, said the company would appeal.",
     {("Maria Fernandez", "PERSON"), ("Google", "ORG")}),
    ("The Ministry of Health said 12 people had died.", {("Ministry of Health", "ORG")}),
    ("John Smith flew from Chicago to Nairobi with NASA engineers.",
     {("John Smith", "PERSON"), ("Chicago", "GPE"), ("Nairobi", "GPE"), ("NASA", "ORG")}),
])
def test_names_outside_the_gazetteer_are_found(nlp, text, expected):
    found = {(e.text, e.label_) for e in nlp(text).ents}
    assert expected <= found


def test_without_the_model_folder_the_rules_only_pipeline_remains(monkeypatch, tmp_path):
    from annotator.preannotate.pipeline import build_pipeline, default_model_name

    monkeypatch.setattr(base_model, "base_model_path", lambda: tmp_path / "missing")
    nlp = build_pipeline()
    assert "ner" not in nlp.pipe_names and "sentencizer" in nlp.pipe_names
    assert default_model_name() == "rules"
    doc = nlp("Iran condemned the attack. Israel denied it.")
    assert len(list(doc.sents)) == 2 and {e.text for e in doc.ents} == {"Iran", "Israel"}
