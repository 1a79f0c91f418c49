"""spaCy's JSON training format reader (formats/spacy_json.py): text, offsets, tags, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core.errors import InputError
from annotator.formats import ReadOptions, detect, spacy_json
from annotator.store import Project

runner = CliRunner()


def tok(orth: str, ner: str = "O", **extra) -> dict:
    return {"orth": orth, "ner": ner, **extra}


def doc(*paragraphs: dict, id_: int | str | None = 1) -> dict:
    out = {"paragraphs": list(paragraphs)}
    if id_ is not None:
        out["id"] = id_
    return out


def para(*sentences: list[dict], raw: str | None = None, cats: list | None = None) -> dict:
    out: dict = {"sentences": [{"tokens": s} for s in sentences]}
    if raw is not None:
        out["raw"] = raw
    if cats is not None:
        out["cats"] = cats
    return out


def write(tmp_path: Path, data, name: str = "train.json", indent: int | None = 2) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=indent), encoding="utf-8")
    return path


def read(path: Path):
    options = ReadOptions()
    return list(spacy_json.read(path, options)), options.warnings


def spans(document) -> list[tuple[str, str]]:
    text = document.document.text
    return [(s.label, text[s.start:s.end]) for layer in document.layers for s in layer.sorted_spans()]


def test_without_raw_the_text_is_the_tokens_joined_by_their_space_flags(tmp_path):
    path = write(tmp_path, [doc(para([tok("Protesters"), tok("marched", space=False), tok(",", space=True),
                                      tok("Kyiv", "U-GPE", space=False), tok(".")]))])
    (document,), _ = read(path)
    assert document.document.text == "Protesters marched, Kyiv."
    assert spans(document) == [("GPE", "Kyiv")]


def test_biluo_and_iob_tags_give_the_same_entities(tmp_path):
    words = ["The", "United", "Nations", "met", "Angela", "Merkel", "in", "Berlin"]
    biluo = ["O", "B-ORG", "L-ORG", "O", "B-PERSON", "L-PERSON", "O", "U-GPE"]
    iob = ["O", "B-ORG", "I-ORG", "O", "B-PERSON", "I-PERSON", "O", "B-GPE"]
    expected = [("ORG", "United Nations"), ("PERSON", "Angela Merkel"), ("GPE", "Berlin")]
    for tags in (biluo, iob):
        path = write(tmp_path, [doc(para([tok(w, t) for w, t in zip(words, tags)]))])
        (document,), _ = read(path)
        assert spans(document) == expected


def test_iob_entities_of_two_labels_side_by_side_are_kept_apart(tmp_path):
    path = write(tmp_path, [doc(para([tok("Iran", "B-GPE"), tok("Tehran", "I-LOC"), tok("police", "O")]))])
    (document,), _ = read(path)
    assert spans(document) == [("GPE", "Iran"), ("LOC", "Tehran")]


def test_each_paragraph_is_a_document_with_its_own_categories(tmp_path):
    """spaCy's `json_to_docs` makes one Doc per paragraph; `docs_to_json` writes a text
    classification corpus as one element of many paragraphs, each with its cats. Joined into one
    document, every text was labelled as the last paragraph."""
    path = write(tmp_path, [doc(
        para([tok("Talks"), tok("began"), tok(".")], raw="Talks  began .", cats=[{"label": "WAR", "value": 0.0}]),
        para([], raw=""),
        para([tok("Russia", "U-GPE"), tok("left"), tok(".")], raw="Russia left.", cats=[{"label": "WAR", "value": 1.0}]),
        id_="a-7")])
    (talks, russia), warnings = read(path)
    assert (talks.document.text, russia.document.text) == ("Talks  began .", "Russia left.")
    assert (talks.document.ext_id, russia.document.ext_id) == ("a-7", "a-7-p3")
    assert talks.document.meta == {"cats": {"WAR": 0.0}} and russia.document.meta == {"cats": {"WAR": 1.0}}
    assert spans(talks) == [] and spans(russia) == [("GPE", "Russia")]
    assert any("empty paragraph" in w for w in warnings)


def test_raw_text_with_curly_quotes_aligns_treebank_quote_tokens(tmp_path):
    raw = "He said \u201cNo\u201d (twice) to Iran."
    tokens = [tok("He"), tok("said"), tok("``"), tok("No"), tok("''"), tok("-LRB-"), tok("twice"), tok("-RRB-"),
              tok("to"), tok("Iran", "U-GPE"), tok(".")]
    (document,), warnings = read(write(tmp_path, [doc(para(tokens, raw=raw))]))
    assert document.document.text == raw
    assert spans(document) == [("GPE", "Iran")]
    assert not any("do not match" in w for w in warnings)


def test_tokens_that_do_not_match_raw_are_read_from_the_tokens_with_a_warning(tmp_path):
    path = write(tmp_path, [doc(para([tok("Hamas", "U-ORG"), tok("fired")], raw="Israel said Hamas fired"))])
    (document,), warnings = read(path)
    assert document.document.text == "Hamas fired"
    assert spans(document) == [("ORG", "Hamas")]
    assert any("do not match their 'raw' text" in w for w in warnings)


def test_all_o_is_a_negative_example_and_no_tags_is_no_annotation(tmp_path):
    """Every token "O" says "no entity here" (as in a DocBin, which kept the layer while this
    reader dropped it); tokens without a `ner` tag were never annotated."""
    tagged, untagged = read(write(tmp_path, [doc(para([tok("Nothing"), tok("here")])),
                                             doc(para([{"orth": "Not"}, {"orth": "annotated"}]), id_=2)]))[0]
    assert [(layer.state, len(layer.spans)) for layer in tagged.layers] == [("done", 0)]
    assert untagged.layers == []


def test_unknown_tags_keep_the_layer_in_progress(tmp_path):
    """"-" is spaCy's "not annotated" (binary answers leave it): read as "outside", it told
    training that the tokens nobody judged hold no entity."""
    path = write(tmp_path, [doc(para([tok("Google", "U-ORG"), tok("and"), tok("Apple", "-"), tok("met", "-")]))])
    (document,), warnings = read(path)
    assert spans(document) == [("ORG", "Google")]
    assert document.layers[0].state == "in_progress"
    assert any("covers only some tokens" in w for w in warnings)


def test_whitespace_tokens_keep_the_raw_text(tmp_path):
    """spaCy makes a token of a double space or a blank line; aligning them to the raw text
    failed, and the text was rebuilt from the tokens (a warning said so, offsets moved)."""
    raw = "Israel  said\n\nHamas fired"
    tokens = [tok("Israel", "U-GPE", space=True), tok(" "), tok("said"), tok("\n\n"), tok("Hamas", "U-ORG"),
              tok("fired")]
    (document,), warnings = read(write(tmp_path, [doc(para(tokens, raw=raw))]))
    assert document.document.text == raw
    assert spans(document) == [("GPE", "Israel"), ("ORG", "Hamas")]
    assert not any("do not match" in w for w in warnings)


def test_each_document_names_the_line_it_starts_on(tmp_path):
    path = write(tmp_path, [doc(para([tok("One")]), id_=1), doc(para([tok("Two")]), id_=2)])
    docs, _ = read(path)
    lines = path.read_text().splitlines()
    assert [lines[d.source_line - 1].strip() for d in docs] == ["{", "{"]
    assert docs[0].source_line < docs[1].source_line


@pytest.mark.parametrize("content, line, words", [
    ('{"paragraphs": []}', 1, "one JSON array"),
    ('[\n{"id": 1, "paragraphs": [{"sentences": [{"tokens": [{"orth": "a"}]}]}]},\n{"id": 2, "paragr', 3,
     "invalid JSON"),
    ('[\n{"id": 1, "paragraphs": [{"sentences": [{"tokens": [{"orth": "a"}]}]}]},\n{"id": 2}\n]', 3,
     "document 2 is not an object with a 'paragraphs' list"),
    ('[\n\n{"paragraphs": [{"sentences": [{"tokens": [{"orth": "a", "ner": "X-PER"}]}]}]}]', 3,
     "entity tag 'X-PER'"),
    ('[{"paragraphs": [{"sentences": [{"tokens": [{"ner": "O"}]}]}]}]', 1, "token 1 has no 'orth'"),
    ('[{"paragraphs": [{"sentences": [{"tokens": [{"orth": "a"}]}]}]} {"x": 1}]', 1, "expected ',' or ']'"),
])
def test_bad_files_name_file_line_and_problem(tmp_path, content, line, words):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.file == str(path)
    assert caught.value.line == line
    assert words in caught.value.message


def test_a_bad_document_late_in_the_file_imports_nothing(tmp_path):
    good = doc(para([tok("Hamas", "U-ORG"), tok("fired")]), id_=1)
    bad = doc(para([tok("x", "Q-ORG")]), id_=2)
    path = write(tmp_path, [good, bad])
    db = tmp_path / "p.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    result = runner.invoke(app, ["import", str(db), str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{path}, line" in result.output and "Q-ORG" in result.output
    with Project.open(db) as project:
        assert project.stats()["documents"] == 0


def test_detected_only_for_json_arrays_of_documents_with_paragraphs(tmp_path):
    assert detect(write(tmp_path, [doc(para([tok("a")]))])).name == "spacy-json"
    assert not spacy_json.sniff(write(tmp_path, [{"text": "a", "label": []}], name="other.json"))
    assert not spacy_json.sniff(write(tmp_path, [doc(para([tok("a")]))], name="train.jsonl"))
