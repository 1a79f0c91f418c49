"""The readers on real files written by brat, doccano, Prodigy and spaCy (../shared/peer-data)."""

from __future__ import annotations

import filecmp
import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core import default_scheme
from annotator.formats import ReadOptions, WriteOptions, brat, detect, doccano, prodigy, spacy_docbin, spacy_json
from annotator.store import Project

runner = CliRunner()


def _read(module, path: Path, **kw):
    options = ReadOptions(scheme=default_scheme(), **kw)
    return list(module.read(path, options)), options.warnings


def _span_texts(doc) -> list[tuple[str, str]]:
    text = doc.document.text
    return [(s.label, text[s.start:s.end]) for layer in doc.layers for s in layer.sorted_spans()]


# ----------------------------------------------------------------------------- sniffing
@pytest.mark.parametrize("relative, expected", [
    ("brat/TDT", "brat"), ("brat", "brat"), ("brat/tutorials-news/000-introduction.ann", "brat"),
    ("spacy/ner_tweets_demo.spacy", "spacy"), ("spacy/training-data.json", "spacy-json"),
    ("prodigy/ner_tweets_demo.jsonl", "prodigy"), ("prodigy/annotated_reddit-PRODUCT-ner.jsonl", "prodigy"),
    ("prodigy/bio_events.jsonl", "prodigy"),
    ("doccano/export_sequence_labeling.jsonl", "doccano"), ("doccano/test_relation_extraction.jsonl", "doccano"),
    ("doccano/export_relation_extraction.jsonl", "doccano"),  # pretty-printed over several lines
    ("doccano/import_sequence_labeling_column_names.jsonl", "doccano"),
])
def test_auto_detects_the_format(peer_data, relative, expected):
    assert detect(peer_data / relative).name == expected


# ----------------------------------------------------------------------------- spaCy
def test_spacy_demo_docbin_imports(peer_data):
    docs, warnings = _read(spacy_docbin, peer_data / "spacy/ner_tweets_demo.spacy")
    assert len(docs) == 1
    assert _span_texts(docs[0]) == [("PERSON", "Ed Sheeran")]
    assert docs[0].source_line == 1
    assert any("layer 'spacy'" in w for w in warnings)


def test_spacy_json_training_file_imports_over_its_raw_text(peer_data):
    """spaCy's own example (converted from a treebank: `` and '' stand for the raw text's quotes)."""
    docs, warnings = _read(spacy_json, peer_data / "spacy/training-data.json")
    assert len(docs) == 1
    doc = docs[0]
    assert doc.document.ext_id == "42"
    assert doc.document.text.startswith('In an Oct. 19 review of "The Misanthrope" at Chicago\'s Goodman')
    assert doc.document.text.endswith("Ms. Haag plays Elianti.")
    assert _span_texts(doc) == [
        ("DATE", "Oct. 19"), ("WORK_OF_ART", "The Misanthrope"), ("GPE", "Chicago"), ("FAC", "Goodman Theatre"),
        ("WORK_OF_ART", "Revitalized Classics Take the Stage in Windy City"), ("ORG", "Leisure & Arts"),
        ("PERSON", "Celimene"), ("PERSON", "Kim Cattrall"), ("PERSON", "Christina Haag"), ("PERSON", "Haag"),
        ("PERSON", "Elianti"),
    ]
    assert doc.source_line == 2
    assert any("layer 'spacy'" in w for w in warnings)
    assert any("brackets" in w for w in warnings)


def test_spacy_json_entities_agree_with_spacys_own_reader(peer_data):
    """The entities spaCy's converter (`json_to_docs`, over its tokens) finds are ours, label and text."""
    from spacy.training.converters import json_to_docs

    path = peer_data / "spacy/training-data.json"
    theirs = [(e.label_, e.text) for d in json_to_docs(path.read_text(encoding="utf-8")) for e in d.ents]
    docs, _ = _read(spacy_json, path)
    assert theirs and _span_texts(docs[0]) == theirs


def test_cli_imports_the_spacy_json_file(peer_data, tmp_path):
    db = tmp_path / "p.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    refused = runner.invoke(app, ["import", str(db), str(peer_data / "spacy/training-data.json")])
    assert refused.exit_code == 2 and "WORK_OF_ART" in refused.output
    done = runner.invoke(app, ["import", str(db), str(peer_data / "spacy/training-data.json"), "--add-labels"])
    assert done.exit_code == 0, done.output
    with Project.open(db) as project:
        assert project.stats()["spans"] == 11


# ----------------------------------------------------------------------------- Prodigy
def test_prodigy_manual_ner_file(peer_data):
    docs, _ = _read(prodigy, peer_data / "prodigy/annotated_news_headlines-ner.jsonl")
    assert len(docs) == 373
    first = docs[0]
    assert _span_texts(first) == [("ORG", "Uber"), ("LOCATION", "Silicon Valley")]
    assert first.document.meta == {"source": "The New York Times"}
    states = Counter(d.layers[0].state for d in docs)
    assert states == {"done": 372, "skipped": 1}  # one task was answered "ignore"


def test_prodigy_binary_answers_and_repeated_inputs(peer_data):
    path = peer_data / "prodigy/annotated_reddit-PRODUCT-ner.jsonl"
    docs, _ = _read(prodigy, path)
    lines = sum(1 for line in path.open(encoding="utf-8") if line.strip())
    assert lines == 1800 and len(docs) == 1766  # tasks sharing an _input_hash become one document
    statuses = Counter(s.status for d in docs for layer in d.layers for s in layer.spans.values())
    assert statuses["rejected"] > 1000 and statuses["accepted"] > 400 and statuses["suggested"] > 0
    first = docs[0]
    assert _span_texts(first) == [("PRODUCT", "MX")]
    assert first.layers[0].spans and next(iter(first.layers[0].spans.values())).status == "rejected"


def test_prodigy_input_file_without_answers(peer_data):
    docs, _ = _read(prodigy, peer_data / "prodigy/bio_events.jsonl")
    assert len(docs) == 129
    assert all(s.status == "accepted" for d in docs for layer in d.layers for s in layer.spans.values())
    assert _span_texts(docs[0])[0] == ("GGP", "bcr")


def test_prodigy_tokens_file_and_annotator_name(peer_data):
    docs, _ = _read(prodigy, peer_data / "prodigy/ner_tweets_demo.jsonl", annotator="alex")
    assert _span_texts(docs[0]) == [("PERSON", "Ed Sheeran")]
    assert docs[0].layers[0].annotator == "alex"


# ----------------------------------------------------------------------------- doccano
def test_doccano_sequence_labelling(peer_data):
    docs, _ = _read(doccano, peer_data / "doccano/export_sequence_labeling.jsonl")
    assert [_span_texts(d) for d in docs] == [[("ORG", "EU"), ("MISC", "German")], [("PERSON", "Peter Blackburn")],
                                              [("PERSON", "Obama")]]


def test_doccano_custom_column_names(peer_data):
    docs, _ = _read(doccano, peer_data / "doccano/import_sequence_labeling_column_names.jsonl")
    assert [_span_texts(d) for d in docs][0] == [("ORG", "EU")]


def test_doccano_overlapping_spans_are_kept(peer_data):
    docs, _ = _read(doccano, peer_data / "doccano/test_sequence_labeling_overlapping.jsonl")
    assert _span_texts(docs[0]) == [("LOC", "e"), ("LOC", "e")]
    assert docs[0].document.meta == {"wikiPageID": 1}


@pytest.mark.parametrize("name", ["export_relation_extraction.jsonl", "import_relation_extraction.jsonl",
                                  "test_relation_extraction.jsonl"])
def test_doccano_relation_form(peer_data, name, tmp_path):
    docs, warnings = _read(doccano, peer_data / "doccano" / name)
    assert _span_texts(docs[0]) == [("ORG", "Google"), ("DATE", "September 4, 1998"), ("PERSON", "Larry Page"),
                                    ("PERSON", "Sergey Brin")]
    # foundedAt/foundedBy are not event arguments: kept with their first span, written back
    # into doccano's relations
    by_text = {docs[0].document.text[s.start:s.end]: s for s in docs[0].layers[0].spans.values()}
    kept = sorted((text, r["type"], r["to"]) for text, s in by_text.items() for r in s.attrs.get("relations", []))
    assert kept == [("Google", "foundedAt", by_text["September 4, 1998"].id),
                    ("Google", "foundedBy", by_text["Larry Page"].id),
                    ("Google", "foundedBy", by_text["Sergey Brin"].id)]
    assert not any("relation" in w for w in warnings), warnings
    out = tmp_path / "back.jsonl"
    doccano.write(docs, out, WriteOptions())
    written = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    names = {e["id"]: docs[0].document.text[e["start_offset"]:e["end_offset"]] for e in written["entities"]}
    assert sorted((names[r["from_id"]], r["type"], names[r["to_id"]]) for r in written["relations"]) == [
        ("Google", "foundedAt", "September 4, 1998"), ("Google", "foundedBy", "Larry Page"),
        ("Google", "foundedBy", "Sergey Brin")]


def test_doccano_record_without_text_is_refused_with_its_line(peer_data):
    from annotator.core import InputError

    with pytest.raises(InputError) as caught:
        _read(doccano, peer_data / "doccano/test_sequence_labeling.jsonl")
    assert caught.value.line == 3 and caught.value.file.endswith("test_sequence_labeling.jsonl")


# ----------------------------------------------------------------------------- brat
BRAT_COUNTS = {  # collection -> (documents, spans, events)
    "BioNLP-ST_2011_EPI": (1, 52, 5), "BioNLP-ST_2011_GE": (3, 171, 88), "BioNLP-ST_2011_ID": (1, 106, 42),
    "BioNLP-ST_2011_REL": (1, 50, 0), "CoNLL-ST_2002": (1, 13, 0), "CoNLL-ST_2006": (1, 111, 0),
    "NCBI-disease": (1, 8, 0), "TDT": (1, 74, 0), "tutorials-bio": (3, 44, 14), "tutorials-news": (6, 78, 19),
}


@pytest.mark.parametrize("collection", sorted(BRAT_COUNTS))
def test_every_brat_collection_reads_and_round_trips(peer_data, tmp_path, collection):
    folder = peer_data / "brat" / collection
    docs, _ = _read(brat, folder)
    spans = sum(len(layer.spans) for d in docs for layer in d.layers)
    events = sum(len(layer.events) for d in docs for layer in d.layers)
    assert (len(docs), spans, events) == BRAT_COUNTS[collection]
    # Every span's text matches its .ann line (the reader checks it; spot-check here too).
    for doc in docs:
        for layer in doc.layers:
            for span in layer.spans.values():
                assert span.text_in(doc.document.text).strip()
    # Written back: .txt byte-identical, and writing what was read gives the same folder again.
    brat.write(docs, tmp_path / "one", WriteOptions())
    for txt in folder.glob("*.txt"):
        assert (tmp_path / "one" / txt.name).read_bytes() == txt.read_bytes()
    again, _ = _read(brat, tmp_path / "one")
    brat.write(again, tmp_path / "two", WriteOptions())
    comparison = filecmp.dircmp(tmp_path / "one", tmp_path / "two")
    assert not comparison.diff_files and not comparison.left_only and not comparison.right_only


def test_brat_annotations_kept(peer_data, tmp_path):
    docs, warnings = _read(brat, peer_data / "brat/tutorials-news")
    by_id = {d.document.ext_id: d for d in docs}
    intro = by_id["000-introduction"].layers[0]
    text = by_id["000-introduction"].document.text
    (event,) = intro.events.values()
    assert event.type == "Transfer-money" and intro.spans[event.trigger].layer == "trigger"
    assert sorted(text[intro.spans[a.span_id].start:intro.spans[a.span_id].end] for a in event.arguments) == [
        "$100 million", "Citibank", "Raul Salinas de Gortari", "banks"]
    assert event.attrs["attributes"] == {"Confidence": "High"}
    spans = {text[s.start:s.end]: s for s in intro.spans.values()}
    assert spans["$100 million"].attrs["notes"] == [["AnnotatorNotes", "100000000 USD"]]
    assert spans["former Mexican president"].attrs["normalizations"] == [
        ["Reference", "Wikipedia:64488", "Carlos Salinas de Gortari"]]
    assert spans["Raul Salinas de Gortari"].attrs["relations"][0]["type"] == "Family"
    assert spans["Raul Salinas de Gortari"].attrs["attributes"] == {"Mention": "Name", "Individual": True}
    relations = by_id["070-editing_relation_annotations"].layers[0]
    assert any("equiv" in s.attrs for s in relations.spans.values())  # the `*  Alias T2 T4` line
    # and they are written back
    brat.write(docs, tmp_path / "out", WriteOptions())
    ann = (tmp_path / "out" / "000-introduction.ann").read_text(encoding="utf-8")
    for expected in ("\tFamily Arg1:", "\tConfidence E1 High", "\tReference T", "\tAnnotatorNotes T",
                     "Transfer-money:T"):
        assert expected in ann
    assert "*\tAlias" in (tmp_path / "out" / "070-editing_relation_annotations.ann").read_text(encoding="utf-8")
    conf = (tmp_path / "out" / "annotation.conf").read_text(encoding="utf-8")
    assert "[events]" in conf and "Transfer-money\t" in conf and "Family\tArg1" in conf


def test_brat_legacy_modifier_and_events_as_arguments(peer_data):
    docs, warnings = _read(brat, peer_data / "brat/BioNLP-ST_2011_GE")
    negated = [e for d in docs for layer in d.layers for e in layer.events.values() if e.negated]
    assert negated  # `M1  Negation E3` is the legacy form of an attribute
    assert any("are events point at" in w for w in warnings)


def test_brat_import_through_cli_adds_event_types(peer_data, tmp_path):
    project_path = tmp_path / "w.db"
    Project.create(project_path).close()
    refused = runner.invoke(app, ["import", str(project_path), str(peer_data / "brat/tutorials-news"),
                                  "--annotator", "ann2"])
    assert refused.exit_code == 2 and "Transfer-money" in refused.output
    with Project.open(project_path) as p:
        assert p.count_documents() == 0
    result = runner.invoke(app, ["import", str(project_path), str(peer_data / "brat/tutorials-news"),
                                 "--annotator", "ann2", "--add-labels"])
    assert result.exit_code == 0, result.output
    assert "reading as brat" in result.output
    with Project.open(project_path) as p:
        assert p.scheme.event("Transfer-money") is not None and p.scheme.entity("Transfer-money") is None
        assert p.scheme.entity("Organization") is not None
        assert p.count_documents() == 6


def test_prodigy_ner_teach_answers_export_to_spacy_with_the_unjudged_tokens_missing(peer_data, tmp_path):
    """explosion/prodigy-recipes example-datasets/annotated_reddit-PRODUCT-ner.jsonl is ner.teach
    output: its first task rejects "MX" as a PRODUCT. Imported as a done layer, that answer was
    exported as a sentence with every token "O" -- no entity in "Real de Catorce, MX" -- a negative
    example nobody made; Prodigy trains on binary answers with the unjudged tokens missing."""
    import spacy
    from spacy.tokens import DocBin

    docs, _ = _read(prodigy, peer_data / "prodigy/annotated_reddit-PRODUCT-ner.jsonl")
    states = Counter(layer.state for d in docs for layer in d.layers)
    assert states["done"] == 0 and states["in_progress"] > 1600 and states["skipped"] > 0
    db = tmp_path / "w.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    result = runner.invoke(app, ["import", str(db), str(peer_data / "prodigy/annotated_reddit-PRODUCT-ner.jsonl"),
                                 "--add-labels"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out.spacy"
    result = runner.invoke(app, ["export", str(db), str(out), "--format", "spacy"])
    assert result.exit_code == 0, result.output
    written = list(DocBin().from_disk(out).get_docs(spacy.blank("en").vocab))
    assert not [d for d in written if d.text.startswith("This was taken during the Easter")]  # only a reject
    assert all(t.ent_iob_ in ("", "B", "I") for d in written for t in d)  # nothing judged "O"
    assert any(d.ents for d in written)
