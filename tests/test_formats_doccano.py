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
