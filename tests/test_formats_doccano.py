"""doccano exports of every project type and version are recognised and read without losing data:
the older `labels` key, text classification and intent detection, doccano 1.x `annotations`,
comments, and files whose first record carries no annotation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.formats import ReadOptions, detect
from annotator.store import Project

TEXT = "Apple Inc. sued Google in Paris."
runner = CliRunner()
DATA = Path(__file__).resolve().parent / "data"  # files other tools wrote: data/SOURCES.md


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


# doccano 1.x exports of a project with several annotators: every user's annotations in the same
# "annotations" list, told apart by "user" (doccano-transformer tests/data/labeling_multi_users.jsonl).
MULTI_USER = [
    {"id": 2578, "text": TEXT, "meta": {}, "annotation_approver": None, "annotations": [
        {"label": 12, "start_offset": 0, "end_offset": 10, "user": 1},
        {"label": 13, "start_offset": 26, "end_offset": 31, "user": 1},
        {"label": 12, "start_offset": 0, "end_offset": 10, "user": 2},
        {"label": 12, "start_offset": 16, "end_offset": 22, "user": 2}]},
    {"id": 2580, "text": "Nadim Ladki", "meta": {}, "annotation_approver": None, "annotations": [
        {"label": 14, "start_offset": 0, "end_offset": 11, "user": 2}]},
]


def _layers(doc) -> dict[str, list[tuple[str, str]]]:
    return {layer.annotator: sorted((doc.document.text[s.start:s.end], s.label) for s in layer.spans.values())
            for layer in doc.layers}


def test_doccano_1x_annotations_of_several_users_go_to_a_layer_per_user(tmp_path):
    """Each span was imported once per user into one 'doccano' layer: who annotated what was lost
    and agreement could not be computed. A document only user 2 annotated goes to user 2's layer."""
    path = _jsonl(tmp_path / "multi.jsonl", MULTI_USER)
    name, docs, warnings = _read(path)
    assert name == "doccano"
    assert _layers(docs[0]) == {"doccano-user1": [("Apple Inc.", "label 12"), ("Paris", "label 13")],
                                "doccano-user2": [("Apple Inc.", "label 12"), ("Google", "label 12")]}
    assert _layers(docs[1]) == {"doccano-user2": [("Nadim Ladki", "label 14")]}
    assert any("doccano-user1" in w and "doccano-user2" in w and "--annotator" in w for w in warnings)
    assert not any("went into the layer 'doccano'" in w for w in warnings)


def test_annotator_names_the_base_of_the_per_user_layers(tmp_path):
    path = _jsonl(tmp_path / "multi.jsonl", MULTI_USER)
    options = ReadOptions(annotator="ann")
    docs = list(detect(path).reader(path, options))
    assert [sorted(_layers(d)) for d in docs] == [["ann-user1", "ann-user2"], ["ann-user2"]]


def test_a_1x_file_with_one_user_keeps_a_single_layer_named_as_before(tmp_path):
    path = _jsonl(tmp_path / "one.jsonl", [
        {**MULTI_USER[0], "annotations": [a for a in MULTI_USER[0]["annotations"] if a["user"] == 1]},
        {"id": 3, "text": "No user here.", "annotations": [{"label": "ORG", "start_offset": 0, "end_offset": 2}]}])
    _, docs, warnings = _read(path)
    assert [sorted(_layers(d)) for d in docs] == [["doccano"], ["doccano"]]
    assert any("went into the layer 'doccano'" in w for w in warnings)


def test_cli_imports_a_multi_user_1x_file_as_one_annotator_per_user_and_computes_agreement(tmp_path):
    runner = CliRunner()
    db = tmp_path / "w.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    path = _jsonl(tmp_path / "multi.jsonl", MULTI_USER)
    result = runner.invoke(app, ["import", str(db), str(path), "--add-labels"])
    assert result.exit_code == 0, result.output
    with Project.open(db, readonly=True) as project:
        assert project.conn.execute("SELECT count(*) FROM spans").fetchone()[0] == 5  # none twice
    result = runner.invoke(app, ["agreement", str(db), "--annotators", "doccano-user1,doccano-user2", "--json"])
    assert result.exit_code == 0, result.output


# doccano 1.x text classification (doccano-transformer tests/data/classification/classification.jsonl):
# the document's labels as ids under "annotations", with no offsets.
CLASSIFICATION_1X = [
    {"id": 2591, "text": "Terrible customer service.", "annotations": [{"label": 15, "user": 1}], "meta": {},
     "annotation_approver": None},
    {"id": 2592, "text": "Really great transaction.", "annotations": [{"label": 17, "user": 1}], "meta": {},
     "annotation_approver": None},
]


def test_doccano_1x_text_classification_is_detected_and_its_labels_kept_as_cats(tmp_path):
    """It was taken for our own JSONL and refused ("'annotator' is missing"), or with --format
    doccano imported with its labels silently dropped."""
    path = _jsonl(tmp_path / "classification.jsonl", CLASSIFICATION_1X)
    name, docs, warnings = _read(path)
    assert name == "doccano"
    assert [d.document.meta.get("cats") for d in docs] == [{"label 15": 1.0}, {"label 17": 1.0}]
    assert [d.layers for d in docs] == [[], []]
    assert any("numeric id" in w and "label 15" in w for w in warnings)


def test_doccano_1x_classification_read_as_doccano_no_longer_drops_its_labels(tmp_path):
    from annotator.formats import get

    path = _jsonl(tmp_path / "classification.jsonl", CLASSIFICATION_1X)
    options = ReadOptions()
    docs = list(get("doccano").reader(path, options))
    assert [d.document.meta.get("cats") for d in docs] == [{"label 15": 1.0}, {"label 17": 1.0}]
    assert any("text classification" in w for w in options.warnings)


def test_the_users_of_a_pretty_printed_1x_file_are_found_too(tmp_path):
    path = tmp_path / "multi.json"
    path.write_text(json.dumps(MULTI_USER, indent=4), encoding="utf-8")
    _, docs, _ = _read(path)
    assert [sorted(_layers(d)) for d in docs] == [["doccano-user1", "doccano-user2"], ["doccano-user2"]]


def test_doccano_1x_classification_by_several_users_keeps_who_said_what(tmp_path):
    path = _jsonl(tmp_path / "classification.jsonl", [
        {**CLASSIFICATION_1X[0], "annotations": [{"label": 15, "user": 1}, {"label": 16, "user": 2}]},
        {**CLASSIFICATION_1X[1], "annotations": [{"label": 17, "user": 2}]}])
    _, docs, _ = _read(path)
    assert [d.document.meta.get("cats_by_annotator") for d in docs] == [
        {"doccano-user1": {"label 15": 1.0}, "doccano-user2": {"label 16": 1.0}},
        {"doccano-user2": {"label 17": 1.0}}]
    assert not any("cats" in d.document.meta for d in docs)


def test_cli_imports_a_1x_classification_export_with_format_auto(tmp_path):
    runner = CliRunner()
    db = tmp_path / "w.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    path = _jsonl(tmp_path / "classification.jsonl", CLASSIFICATION_1X)
    result = runner.invoke(app, ["import", str(db), str(path)])
    assert result.exit_code == 0, result.output
    assert "doccano" in result.output
    with Project.open(db, readonly=True) as project:
        assert project.count_documents() == 2


def test_a_bad_1x_annotation_is_an_error_naming_the_line_and_nothing_is_imported(tmp_path):
    db = tmp_path / "w.db"
    Project.create(db).close()
    path = _jsonl(tmp_path / "bad.jsonl", [CLASSIFICATION_1X[0],
                                           {**CLASSIFICATION_1X[1], "annotations": [{"label": None, "user": 1}]}])
    result = CliRunner().invoke(app, ["import", str(db), str(path)])
    assert result.exit_code == 2
    assert "bad.jsonl" in result.output and "line 2" in result.output and "annotations[0].label" in result.output
    with Project.open(db, readonly=True) as project:
        assert project.count_documents() == 0


def test_a_doccano_file_read_from_a_pipe_imports(tmp_path):
    """A pipe is read once: the first pass that looks for several users' annotations emptied it,
    and `cat f | annotator import w.db /dev/stdin --format doccano` found no document."""
    import subprocess
    import sys

    db = tmp_path / "w.db"
    subprocess.run([sys.executable, "-m", "annotator.cli.main", "init", str(db)], check=True, capture_output=True)
    record = '{"text": "Paris met London.", "label": [[0, 5, "GPE"]]}\n'
    done = subprocess.run([sys.executable, "-m", "annotator.cli.main", "import", str(db), "/dev/stdin", "--format", "doccano"],
                          input=record, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "imported 1 document(s)" in done.stdout + done.stderr


# ----------------------------------------------------------------------------- which unit the offsets count
# doccano 1.0-1.5 counted code points: frontend/components/tasks/sequenceLabeling/EntityItemBox.vue
# (doccano/doccano, before v-annotator) measures a selection with `[...range.toString()].length`,
# and doccano PR #108 (2019) made it so; 1.6 on (v-annotator, PR #1511) counts UTF-16 code units
# (issue #2290). Those versions export `annotation_approver` / `annotations` signed by `user`.
FAMILY = "🎉 Paris met London 👩‍👩‍👧 in Rome."


def _code_points(*words: str) -> list[list]:
    return [[FAMILY.index(w), FAMILY.index(w) + len(w), "GPE"] for w in words]


def _utf16(pairs: list[list]) -> list[list]:
    def unit(i: int) -> int:
        return len(FAMILY[:i].encode("utf-16-le")) // 2
    return [[unit(s), unit(e), label] for s, e, label in pairs]


def _texts(doc) -> list[str]:
    return [doc.document.text[s.start:s.end] for layer in doc.layers for s in layer.sorted_spans()]


def test_a_doccano_1x_export_counts_code_points(tmp_path):
    """Read as UTF-16 units, the spans of a doccano 1.0-1.5 export after an emoji came out as
    ' Pari', ' Londo', ' in ', silently."""
    pairs = _code_points("Paris", "London", "Rome")
    path = _jsonl(tmp_path / "v1.jsonl", [
        {"id": 1, "text": FAMILY, "meta": {}, "annotation_approver": None, "labels": pairs},
        {"id": 2, "text": FAMILY, "annotations": [{"label": "GPE", "start_offset": s, "end_offset": e, "user": 1}
                                                  for s, e, _ in pairs]}])
    _, docs, warnings = _read(path)
    assert [_texts(d) for d in docs] == [["Paris", "London", "Rome"]] * 2
    assert any("2 record(s) with characters outside the Basic Multilingual Plane (emoji): offsets read as "
               "code points" in w for w in warnings), warnings


def test_doccano_1_6_offsets_count_utf16_units(tmp_path):
    path = _jsonl(tmp_path / "v16.jsonl", [{"id": 1, "text": FAMILY,
                                            "label": _utf16(_code_points("Paris", "London", "Rome"))}])
    _, [doc], warnings = _read(path)
    assert _texts(doc) == ["Paris", "London", "Rome"]
    assert any("offsets read as UTF-16 code units" in w for w in warnings), warnings


def test_a_record_that_shows_the_other_unit_is_read_in_it_with_a_warning(tmp_path):
    """A file in doccano 1.6's shape whose offsets count code points (a script's, or a 1.5
    export's renamed keys): read as UTF-16 units its spans cut words ("Pari"), as code points
    none does. And a 1.x-shaped record whose code-point reading runs past the text's end."""
    path = _jsonl(tmp_path / "mixed.jsonl", [
        {"id": 1, "text": FAMILY, "label": _code_points("Paris", "London", "Rome")},
        {"id": 2, "text": FAMILY, "meta": {}, "annotation_approver": None,
         "labels": _utf16(_code_points("Rome"))}])
    _, docs, warnings = _read(path)
    assert [_texts(d) for d in docs] == [["Paris", "London", "Rome"], ["Rome"]]
    assert any(w.startswith("1 record(s) with emoji whose offsets count code points, not UTF-16 code units")
               and "line 1" in w for w in warnings), warnings
    assert any(w.startswith("1 record(s) with emoji whose offsets count UTF-16 code units, not code points")
               and "line 2" in w for w in warnings), warnings


def test_a_span_edge_inside_an_emoji_sequence_tells_the_unit(tmp_path):
    """👩‍👩‍👧 is five code points (three people, two joiners), eight UTF-16 units. "ab" after it is
    [6, 8) in code points; read as UTF-16 units that is the last 👧 alone, which starts right
    after a joiner -- inside one character -- and was imported so, silently."""
    text = "👩‍👩‍👧 ab"
    path = _jsonl(tmp_path / "zwj.jsonl", [{"id": 1, "text": text, "label": [[6, 8, "X"]]}])
    _, [doc], warnings = _read(path)
    assert _texts(doc) == ["ab"]
    assert any("falls inside a character" in w for w in warnings), warnings


def test_doccano_0x_exports_before_and_after_the_emoji_fix_are_both_read_right(tmp_path):
    """The records doccano PR #108 ("Correct emoji length calculation", 2019) shows, exported
    before it (UTF-16 units) and after it (code points), in the same 0.x shape."""
    text = "label1 😄 label2, label3"
    path = _jsonl(tmp_path / "v0.jsonl", [
        {"doc_id": 3, "text": text, "entities": [[7, 9, "l1"], [10, 16, "l2"]], "username": "admin", "metadata": {}},
        {"doc_id": 42, "text": text, "entities": [[7, 8, "l1"], [9, 15, "l2"]], "username": "admin", "metadata": {}}])
    _, docs, _ = _read(path)
    assert [sorted(doc.document.text[s.start:s.end] for s in doc.layers[0].spans.values()) for doc in docs] == [
        ["label2", "😄"], ["label2", "😄"]]


def test_our_own_export_with_emoji_reads_back_without_a_note_on_units(tmp_path):
    """Every re-import of our own doccano export with emoji warned which unit its offsets were read
    in: ours are always UTF-16 code units."""
    from annotator.core import AnnotatedDocument, Document, Layer, Span
    from annotator.formats import ReadOptions, WriteOptions, doccano as doccano_format

    text = "\U0001F525 Biden met Xi in Geneva."
    layer = Layer("ann1", "done")
    layer.add_span(Span(1, 2, 7, "PERSON"))
    doccano_format.write([AnnotatedDocument(Document(text, ext_id="d"), [layer])], tmp_path / "o.jsonl",
                         WriteOptions(layer="ann1"))
    options = ReadOptions()
    (doc,) = doccano_format.read(tmp_path / "o.jsonl", options)
    assert [(s.start, s.end) for s in doc.layers[0].spans.values()] == [(2, 7)]
    assert options.warnings == []


def test_sequence_to_sequence_answers_of_doccano_1x_are_kept_in_meta(tmp_path):
    """doccano 1.x seq2seq exports (doccano-transformer's test data) write each answer as
    {"text", "user"}: auto-detection took the file for native JSONL ("'annotator' is missing"),
    and --format doccano dropped every answer without a word."""
    records = [{"id": 2588, "text": "i can 't tell who will arrive first .", "meta": {}, "annotation_approver": None,
                "annotations": [{"text": "誰 が 一番 に 着 く か", "user": 1}]},
               {"id": 2589, "text": "many animals have been destroyed by men .", "meta": {},
                "annotations": [{"text": "多く の 動物 が", "user": 2}, {"text": "動物 が 多く", "user": 2}]}]
    path = tmp_path / "seq2seq.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    fmt, docs, warnings = _read(path)
    assert fmt == "doccano"
    assert [d.layers for d in docs] == [[], []]
    assert docs[0].document.meta["texts_by_annotator"] == {"doccano-user1": ["誰 が 一番 に 着 く か"]}
    assert docs[1].document.meta["texts_by_annotator"] == {"doccano-user2": ["多く の 動物 が", "動物 が 多く"]}
    assert any("texts_by_annotator" in w for w in warnings)
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps(records[1], ensure_ascii=False) + "\n", encoding="utf-8")
    _fmt, [doc], _ = _read(one)
    assert doc.document.meta["texts"] == ["多く の 動物 が", "動物 が 多く"]


def _through_doccano(tmp_path, project_type: str, edit) -> "Layer":
    """Our export of the model's suggestions, annotated in a doccano project of that type and
    exported from there as doccano writes it (the keys it does not read come back as they were,
    entities renumbered), imported as ann1's work."""
    from annotator.core import AnnotatedDocument, Argument, Document, Event, Layer, Span
    from annotator.core.ids import new_id

    text = "Israel accused Hamas of shelling Gaza."
    model = Layer("model", "todo")
    israel = model.add_span(Span(new_id(), 0, 6, "GPE", "entity", "ISR", "model", "suggested"))
    hamas = model.add_span(Span(new_id(), 15, 20, "ORG", "entity", "PSEREB", "model", "suggested"))
    trigger = model.add_span(Span(new_id(), 7, 14, "ACCUSE", "trigger", None, "model", "suggested"))
    model.add_event(Event(new_id(), trigger.id, "ACCUSE", "allege", origin="model", status="suggested",
                          arguments=[Argument("source", israel.id), Argument("target", hamas.id)]))
    db = tmp_path / "p.db"
    with Project.create(db) as p:
        p.import_documents([AnnotatedDocument(Document(text, ext_id="d1"), [model])])
    assert runner.invoke(app, ["export", str(db), str(tmp_path / "lead.jsonl"), "--format", "doccano",
                               "--layer", "model"]).exit_code == 0
    written = json.loads((tmp_path / "lead.jsonl").read_text(encoding="utf-8"))
    label = edit([list(item) for item in written.pop("label")])
    if project_type == "relation":  # doccano's own entities (new ids, none of our keys) and relations
        meta = {k: v for k, v in written.items() if k not in ("entities", "relations")}
        entities = [{"id": 100 + i, "start_offset": s, "end_offset": e, "label": lab} for i, (s, e, lab) in enumerate(label)]
        by_text = {text[e["start_offset"]:e["end_offset"]]: e["id"] for e in entities}
        relations = [{"id": 7, "from_id": by_text["accused"], "to_id": by_text["Israel"], "type": "source"}]
        back = {**meta, "entities": entities, "relations": relations, "label": written.get("label", [])}
    else:  # sequence labelling: the stale entities/relations/events kept as metadata, label fresh
        back = {**written, "label": label, "Comments": []}
    (tmp_path / "ann1.jsonl").write_text(json.dumps(back) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(db), str(tmp_path / "ann1.jsonl"), "--annotator", "ann1"])
    assert result.exit_code == 0, result.output
    assert "came back from a doccano" in result.output
    with Project.open(db, readonly=True) as p:
        return text, p.layer(1, "ann1")


def _relabel_trigger(label):
    return [[s, e, "REJECT" if lab == "ACCUSE" else lab] for s, e, lab in label]


@pytest.mark.parametrize("project_type", ["relation", "sequence"])
def test_an_annotators_work_in_doccano_comes_back_as_theirs(tmp_path, project_type):
    """Our export carries the model layer's state ("todo"), statuses ("suggested") and events;
    doccano writes them back as they were. The annotator's session came back as untouched
    suggestions, a relabelled trigger kept its old event type, and from a sequence-labelling
    project the fresh `label` lost to the stale `entities` beside it."""
    text, layer = _through_doccano(tmp_path, project_type, _relabel_trigger)
    assert layer.state == "done"
    assert {s.status for s in layer.spans.values()} == {"accepted"}
    (event,) = layer.events.values()
    assert (event.type, event.mode, event.status) == ("REJECT", None, "accepted")  # ACCUSE's mode is not REJECT's
    roles = {a.role: text[layer.spans[a.span_id].start:layer.spans[a.span_id].end] for a in event.arguments}
    # relation project: the annotator's relations (target dropped there); sequence: the arguments kept
    assert roles == ({"source": "Israel"} if project_type == "relation" else {"source": "Israel", "target": "Hamas"})


def test_a_span_deleted_in_a_sequence_labelling_project_stays_deleted(tmp_path):
    text, layer = _through_doccano(tmp_path, "sequence", lambda label: [i for i in label if i[2] != "ORG"])
    assert sorted(text[s.start:s.end] for s in layer.spans.values()) == ["Israel", "accused"]
    (event,) = layer.events.values()
    assert [a.role for a in event.arguments] == ["source"]
    assert (event.type, event.mode, event.status) == ("ACCUSE", "allege", "accepted")  # what doccano cannot show


def test_a_metadata_column_named_state_is_no_sign_of_our_export(tmp_path):
    """A plain doccano relation export whose examples carry a "state" metadata column ("Texas")
    was read as our export back from doccano (its warning said so)."""
    path = _jsonl(tmp_path / "plain.jsonl", [{"id": 3, "text": TEXT, "state": "Texas",
                                              "entities": [{"id": 1, "start_offset": 0, "end_offset": 10,
                                                            "label": "ORG"}], "relations": []}])
    _, [doc], warnings = _read(path)
    assert not any("came back from a doccano" in w for w in warnings), warnings
    assert doc.layers[0].state == "done" and [s.status for s in doc.layers[0].spans.values()] == ["accepted"]


# ----------------------------------------------------------------------------- events sharing a trigger
def _events_by_type(db: Path, annotator: str) -> dict[str, list[list[tuple[str, str]]]]:
    """Each event's (role, argument text) by event type: a shared trigger's events apart."""
    out: dict[str, list[list[tuple[str, str]]]] = {}
    with Project.open(db, readonly=True) as p:
        doc_id = next(d.id for d in p.documents() if d.ext_id == "PMID-9119025")
        text = p.document(doc_id).text
        layer = p.layer(doc_id, annotator)
    for event in layer.events.values():
        spans = layer.spans
        args = sorted((a.role, text[spans[a.span_id].start:spans[a.span_id].end]) for a in event.arguments)
        out.setdefault(event.type, []).append(args)
    return {etype: sorted(events) for etype, events in out.items()}


def _doccano_relation_project(record: dict) -> dict:
    """The record as a doccano relation project exports it: its own entity and relation ids and
    none of our entity keys; the keys it does not read (events, state, annotator) as they were."""
    new = {e["id"]: 500 + i for i, e in enumerate(record["entities"])}
    entities = [{"id": new[e["id"]], "start_offset": e["start_offset"], "end_offset": e["end_offset"],
                 "label": e["label"]} for e in record["entities"]]
    relations = [{"id": 900 + i, "from_id": new[r["from_id"]], "to_id": new[r["to_id"]], "type": r["type"]}
                 for i, r in enumerate(record["relations"])]
    return {**record, "entities": entities, "relations": relations}


def test_events_sharing_a_trigger_keep_their_own_arguments_through_doccano(tmp_path):
    """brat's BioNLP-ST GE PMID-9119025 (tests/data/SOURCES.md): Binding E3 (Theme p65) and E4
    (Theme p50) share the trigger "binding"; Positive_regulation E1 and E2 share "activates" and
    both have "binding" as Theme. Exported to doccano and read back, one Binding event held both
    proteins and the other none (as written, and after a doccano relation project renumbered the
    entities), and the relation activates -> binding was written twice."""
    db = tmp_path / "p.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    result = runner.invoke(app, ["import", str(db), str(DATA / "brat_ge"), "--add-labels", "--annotator", "b"])
    assert result.exit_code == 0, result.output
    before = _events_by_type(db, "b")
    assert before["Binding"] == [[("other", "p50")], [("other", "p65")]]
    out = tmp_path / "x.jsonl"
    assert runner.invoke(app, ["export", str(db), str(out), "--format", "doccano"]).exit_code == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    back = tmp_path / "relation_project.jsonl"
    back.write_text(json.dumps(_doccano_relation_project(record)) + "\n", encoding="utf-8")
    for name, path in (("ours", out), ("doccano", back)):
        fresh = tmp_path / f"{name}.db"
        assert runner.invoke(app, ["init", str(fresh)]).exit_code == 0
        result = runner.invoke(app, ["import", str(fresh), str(path), "--add-labels", "--annotator", "b"])
        assert result.exit_code == 0, result.output
        assert "first of those events" not in result.output
        assert _events_by_type(fresh, "b") == before, name
    triples = [(r["from_id"], r["to_id"], r["type"]) for r in record["relations"]]
    assert len(triples) == len(set(triples)), "a relation written twice"


def test_an_argument_added_in_doccano_to_a_shared_trigger_is_named(tmp_path):
    """A relation none of the events sharing its trigger was written with goes to the first of them,
    and the warning names it (nothing is reassigned without a word)."""
    from annotator.core import AnnotatedDocument, Argument, Document, Event, Layer, Span
    from annotator.formats import WriteOptions, doccano as doccano_format

    text = "p50 and p65 binding"
    layer = Layer("ann1", "done")
    p50, p65 = layer.add_span(Span(1, 0, 3, "Protein")), layer.add_span(Span(2, 8, 11, "Protein"))
    trigger = layer.add_span(Span(3, 12, 19, "Binding", "trigger"))
    layer.add_event(Event(10, trigger.id, "Binding", arguments=[Argument("other", p50.id)]))
    layer.add_event(Event(11, trigger.id, "Binding", arguments=[Argument("other", p65.id)]))
    doccano_format.write([AnnotatedDocument(Document(text, ext_id="d"), [layer])], tmp_path / "o.jsonl",
                         WriteOptions(layer="ann1"))
    record = json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))
    for event in record["events"]:
        event["arguments"] = []  # a file that does not list them (or doccano's own relations)
    (tmp_path / "o.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    options = ReadOptions()
    (doc,) = doccano_format.read(tmp_path / "o.jsonl", options)
    assert sorted(len(e.arguments) for e in doc.layers[0].events.values()) == [0, 2]
    assert any("first of those events" in w and "'binding' -other-> 'p50'" in w for w in options.warnings), \
        options.warnings


# ----------------------------------------------------------------------------- reading speed
def test_reading_many_spans_over_a_long_text_grows_with_the_spans_not_their_product(tmp_path):
    """Each span's check measured the whole text's UTF-16 length again: 2,800 spans over 185 kB
    took 14 s (as brat, 0.3 s). The same spans over a text ten times longer must not take about
    ten times as long."""
    import time

    from annotator.formats import doccano as doccano_format

    sentence = "Maria Rossi met Luca Bianchi in Torino on Monday. "
    starts = [i * len(sentence) for i in range(400)]
    spans = [[s + a, s + b, "PER"] for s in starts for a, b in ((0, 11), (16, 28))]  # 800 spans

    def read_seconds(copies: int) -> float:
        path = _jsonl(tmp_path / f"x{copies}.jsonl", [{"id": 1, "text": sentence * copies, "label": spans}])
        began = time.perf_counter()
        (doc,) = doccano_format.read(path, ReadOptions())
        assert len(doc.layers[0].spans) == len(spans)
        return time.perf_counter() - began

    short, long = read_seconds(400), read_seconds(4000)  # 20 kB and 200 kB
    assert long < 3 * short + 0.5, (short, long)


# ----------------------------------------------------------------------------- what a file is
def test_entities_with_start_and_end_are_refused_naming_the_missing_key(tmp_path):
    """harryziyuhe/constitution_ner (tests/data/SOURCES.md) writes entities as {"start", "end",
    "label"}, which doccano's import does not take either (SpanLabel: start_offset, end_offset):
    the error said "entities[0].start_offset must be an integer, not NoneType"."""
    db = tmp_path / "p.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    result = runner.invoke(app, ["import", str(db), str(DATA / "other" / "constitution_ner_rows.jsonl"),
                                 "--add-labels"])
    assert result.exit_code == 2
    assert "NoneType" not in result.output
    assert "line 2: entities[0] has no 'start_offset' (its keys: start, end, label)" in result.output
    assert "start_offset and end_offset" in result.output
    with Project.open(db, readonly=True) as p:
        assert p.stats()["documents"] == 0


def test_a_record_of_ours_whose_entity_lost_its_offset_is_read_without_a_traceback(tmp_path):
    """A record our export wrote, one entity's "start_offset" damaged: telling whether it came back
    from doccano sorted the entities' offsets with None among them, a TypeError traceback (found
    by tests/test_fuzz_importers.py). Its `label` now differs from the entities, so it is read as
    a sequence-labelling project wrote it: the spans of `label`."""
    record = {"text": TEXT, "id": "d1", "meta": {}, "label": [[0, 10, "ORG"], [16, 22, "ORG"]],
              "entities": [{"id": 1, "start_offset": 0, "end_offset": 10, "label": "ORG", "layer": "entity"},
                           {"id": 2, "istart_offset": 16, "end_offset": 22, "label": "ORG", "layer": "entity"}],
              "relations": [], "events": [], "annotator": "ann1", "state": "done"}
    db = tmp_path / "p.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    result = runner.invoke(app, ["import", str(db), str(_jsonl(tmp_path / "x.jsonl", [record])), "--format",
                                 "doccano", "--annotator", "ann1"])
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    with Project.open(db, readonly=True) as p:
        layer = p.layer(1, "ann1")
    assert sorted(TEXT[s.start:s.end] for s in layer.spans.values()) == ["Apple Inc.", "Google"]


def test_a_doccano_export_named_json1_is_recognised_by_its_content(tmp_path):
    """doccano 1.x downloads its export as `file.json1` (tests/data/SOURCES.md): refused by name
    ("cannot tell the format"), while the same bytes piped to `import -` were read as doccano."""
    assert detect(DATA / "other" / "file.json1").name == "doccano"
    db = tmp_path / "p.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    result = runner.invoke(app, ["import", str(db), str(DATA / "other" / "file.json1"), "--add-labels"])
    assert result.exit_code == 0, result.output
    assert "reading as doccano" in result.output
    # judged by content only to be recognised: JSON that is no format of ours is still refused
    other = tmp_path / "map.geojson"
    other.write_text('{"type": "FeatureCollection", "features": []}\n', encoding="utf-8")
    with pytest.raises(Exception, match="cannot tell the format"):
        detect(other)


def test_sequence_to_sequence_answers_of_doccano_1_6_are_texts_not_categories(tmp_path):
    """doccano's own seq2seq sample (tests/data/SOURCES.md), the shape 1.6 on exports such a
    project in: {"text": "Hello!", "label": ["こんにちは！"]} -- written alike to a text
    classification export, each translation became a category (meta.cats) and the import said
    "text classification". They go where the 1.x {"text", "user"} answers go: meta.texts."""
    _fmt, docs, warnings = _read(DATA / "other" / "doccano_seq2seq_sample.jsonl")
    assert [d.document.meta for d in docs] == [{"texts": ["こんにちは！"]}, {"texts": ["おはようございます。"]},
                                                {"texts": ["さようなら。"]}]
    assert [d.layers for d in docs] == [[], [], []]
    assert not any("text classification" in w for w in warnings)
    assert any("sequence to sequence" in w and "as texts" in w for w in warnings)
    # a classification export stays categories, in the same shape
    path = _jsonl(tmp_path / "cats.jsonl", [{"text": "Terrible customer service.", "label": ["negative"]},
                                            {"text": "Great price.", "label": ["positive", "short review"]}])
    _fmt, docs, _ = _read(path)
    assert [d.document.meta for d in docs] == [{"cats": {"negative": 1.0}},
                                                {"cats": {"positive": 1.0, "short review": 1.0}}]
