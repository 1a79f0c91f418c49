"""doccano exports of every project type and version are recognised and read without losing data:
the older `labels` key, text classification and intent detection, doccano 1.x `annotations`,
comments, and files whose first record carries no annotation."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.formats import ReadOptions, detect
from annotator.store import Project

TEXT = "Apple Inc. sued Google in Paris."


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _read(path: Path):
    fmt = detect(path)
    options = ReadOptions()
    return fmt.name, list(fmt.reader(path, options)), options.warnings


def _spans(doc) -> list[tuple[str, str]]:
    [layer] = doc.layers
    return sorted((doc.document.text[s.start:s.end], s.label) for s in layer.spans.values())


def test_the_older_labels_key_is_read_as_doccano_not_as_plain_text(tmp_path):
    path = _jsonl(tmp_path / "old.jsonl", [{"id": 1, "text": TEXT, "labels": [[0, 10, "ORG"], [16, 22, "ORG"]],
                                            "meta": {}, "annotation_approver": None, "comments": []}])
    name, [doc], _ = _read(path)
    assert name == "doccano"
    assert _spans(doc) == [("Apple Inc.", "ORG"), ("Google", "ORG")]


def test_the_format_is_told_from_later_records_when_the_first_has_no_annotation(tmp_path):
    path = _jsonl(tmp_path / "mixed.jsonl", [{"id": 1, "text": "Just text."},
                                             {"id": 2, "text": TEXT, "label": [[0, 10, "ORG"]]}])
    name, docs, _ = _read(path)
    assert name == "doccano"
    assert [len(d.layers) for d in docs] == [0, 1]
    assert _spans(docs[1]) == [("Apple Inc.", "ORG")]


def test_plain_and_native_jsonl_are_still_native(tmp_path):
    plain = _jsonl(tmp_path / "plain.jsonl", [{"id": 1, "text": "a"}, {"id": 2, "text": "b", "meta": {"x": 1}}])
    assert detect(plain).name == "jsonl"
    native = _jsonl(tmp_path / "native.jsonl", [{"id": 1, "text": "a", "annotations": []},
                                                {"id": 2, "text": TEXT, "annotations": [
                                                    {"annotator": "ann", "state": "done", "spans": [
                                                        {"id": 1, "start": 0, "end": 10, "label": "ORG",
                                                         "layer": "entity"}], "events": []}]}])
    assert detect(native).name == "jsonl"


def test_text_classification_labels_go_to_meta_as_cats_with_no_span_layer(tmp_path):
    path = _jsonl(tmp_path / "textcat.jsonl", [{"id": 4, "text": "I love this movie.", "label": ["positive", "funny"]},
                                               {"id": 5, "text": "Terrible.", "labels": ["negative"]}])
    name, docs, warnings = _read(path)
    assert name == "doccano"
    assert [d.document.meta["cats"] for d in docs] == [{"positive": 1.0, "funny": 1.0}, {"negative": 1.0}]
    assert [d.layers for d in docs] == [[], []]
    assert any("text classification" in w for w in warnings)


def test_intent_detection_reads_entity_lists_and_cats(tmp_path):
    path = _jsonl(tmp_path / "intent.jsonl", [{"id": 1, "text": TEXT, "entities": [[0, 10, "ORG"], [26, 31, "GPE"]],
                                               "cats": ["lawsuit"]}])
    _, [doc], _ = _read(path)
    assert _spans(doc) == [("Apple Inc.", "ORG"), ("Paris", "GPE")]
    assert doc.document.meta["cats"] == {"lawsuit": 1.0}


def test_doccano_1x_annotations_are_spans_and_numeric_labels_are_named_with_a_warning(tmp_path):
    path = _jsonl(tmp_path / "v1.jsonl", [{"id": 1, "text": TEXT, "meta": {}, "annotation_approver": None,
                                           "annotations": [{"label": 1, "start_offset": 0, "end_offset": 10,
                                                            "user": 1},
                                                           {"label": "GPE", "start_offset": 26, "end_offset": 31,
                                                            "user": 1}]}])
    name, [doc], warnings = _read(path)
    assert name == "doccano"
    assert _spans(doc) == [("Apple Inc.", "label 1"), ("Paris", "GPE")]
    assert any("numeric id" in w for w in warnings)


def test_comments_are_kept_in_meta(tmp_path):
    path = _jsonl(tmp_path / "c.jsonl", [{"id": 7, "text": TEXT, "label": [[26, 31, "GPE"]],
                                          "Comments": ["check Paris"]}])
    _, [doc], _ = _read(path)
    assert doc.document.meta["comments"] == ["check Paris"]


def test_cli_imports_an_old_labels_export_with_its_spans(tmp_path):
    runner = CliRunner()
    db = tmp_path / "w.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    path = _jsonl(tmp_path / "old.jsonl", [{"id": 1, "text": TEXT, "labels": [[0, 10, "ORG"]]}])
    result = runner.invoke(app, ["import", str(db), str(path), "--add-labels"])
    assert result.exit_code == 0, result.output
    assert "doccano" in result.output
    with Project.open(db, readonly=True) as project:
        assert project.conn.execute("SELECT count(*) FROM spans").fetchone()[0] == 1


EMOJI = "Loved it 😍😍 Paris is great, and Berlin too"  # each 😍 is two UTF-16 units


def test_offsets_count_utf16_units_as_doccano_does(tmp_path):
    """doccano's offsets are its web client's string positions: an emoji counts two (doccano
    issue #2290). Read as Python indices, "Paris" became 'ris i', silently; a span at the end
    of a text got the whole file refused."""
    path = _jsonl(tmp_path / "emoji.jsonl", [
        {"id": 2, "text": EMOJI, "entities": [{"id": 10, "label": "LOC", "start_offset": 14, "end_offset": 19},
                                              {"id": 11, "label": "LOC", "start_offset": 34, "end_offset": 40}],
         "relations": []},
        {"id": 3, "text": "👨🏻‍🚒 firemen drive firetrucks", "label": [[22, 32, "VEHICLE"]]},
    ])
    _, docs, _ = _read(path)
    assert _spans(docs[0]) == [("Berlin", "LOC"), ("Paris", "LOC")]
    assert _spans(docs[1]) == [("firetrucks", "VEHICLE")]


def test_an_offset_inside_an_emoji_is_an_error_naming_the_line(tmp_path):
    db = tmp_path / "w.db"
    Project.create(db).close()
    path = _jsonl(tmp_path / "cut.jsonl", [{"id": 1, "text": TEXT, "label": [[0, 10, "ORG"]]},
                                           {"id": 2, "text": "😍 Paris", "label": [[1, 8, "LOC"]]}])
    result = CliRunner().invoke(app, ["import", str(db), str(path), "--add-labels"])
    assert result.exit_code == 2
    assert "cut.jsonl" in result.output and "line 2" in result.output and "UTF-16" in result.output
    with Project.open(db, readonly=True) as project:
        assert project.count_documents() == 0  # nothing half-imported


def test_written_offsets_are_utf16_units_and_read_back_the_same(tmp_path):
    from annotator.core.model import AnnotatedDocument, Document, Layer, Span
    from annotator.formats import doccano
    from annotator.formats.registry import WriteOptions

    layer = Layer("ann", "done")
    start = EMOJI.index("Paris")
    layer.add_span(Span(1, start, start + 5, "LOC", "entity", status="accepted"))
    doc = AnnotatedDocument(Document(EMOJI, ext_id="e"), [layer])
    out = tmp_path / "out.jsonl"
    doccano.write([doc], out, WriteOptions(layer="ann"))
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["label"] == [[14, 19, "LOC"]]
    assert (record["entities"][0]["start_offset"], record["entities"][0]["end_offset"]) == (14, 19)
    _, [back], _ = _read(out)
    assert _spans(back) == [("Paris", "LOC")]


def test_an_examples_metadata_written_as_top_level_keys_is_kept_in_meta(tmp_path):
    """doccano's exporter writes `{"id", "text", **meta, "label"}`: the fields were dropped."""
    path = _jsonl(tmp_path / "meta.jsonl", [
        {"id": 11, "text": TEXT, "wikiPageID": 534366, "url": "https://x.org", "label": [[0, 10, "ORG"]],
         "Comments": []},
        {"id": 12, "text": TEXT, "wikiPageID": None, "url": None, "label": [[16, 22, "ORG"]], "Comments": []},
    ])
    _, docs, warnings = _read(path)
    assert docs[0].document.meta == {"wikiPageID": 534366, "url": "https://x.org"}
    assert docs[1].document.meta == {"wikiPageID": None, "url": None}
    assert any("kept in the document's meta" in w and "wikiPageID" in w and "url" in w for w in warnings)


def test_examples_nobody_labelled_are_texts_without_a_layer(tmp_path):
    """doccano exports every example; those with an empty label list became done layers that
    say "checked: nothing here". Our own files carry "state" and keep such a layer."""
    path = _jsonl(tmp_path / "all.jsonl", [
        {"id": 1, "text": TEXT, "label": [[0, 10, "ORG"]]},
        {"id": 2, "text": "Nothing labelled yet.", "label": []},
        {"id": 3, "text": "Nor here.", "entities": [], "relations": []},
        {"id": 4, "text": "Checked: nothing.", "label": [], "entities": [], "relations": [], "events": [],
         "annotator": "ann", "state": "done", "meta": {}},
    ])
    _, docs, warnings = _read(path)
    assert [len(d.layers) for d in docs] == [1, 0, 0, 1]
    assert docs[3].layers[0].state == "done" and not docs[3].layers[0].spans
    assert any("empty label list" in w and "2 record(s)" in w for w in warnings)
