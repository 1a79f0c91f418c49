"""Native JSONL is lossless: export -> import into a fresh project -> export gives the same file."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.formats import ReadOptions, WriteOptions, native
from annotator.store import Project
from strategies import annotated_documents, unique_corpus


def _export(project: Project, path: Path) -> bytes:
    native.write(project.iter_annotated(), path, WriteOptions())
    return path.read_bytes()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(annotated_documents(), max_size=5))
def test_export_import_export_is_identical(tmp_path_factory, docs):
    tmp = tmp_path_factory.mktemp("rt")
    docs = unique_corpus(docs)
    first_project = Project.create(tmp / "a.db")
    first_project.import_documents(docs)
    first = _export(first_project, tmp / "a.jsonl")
    first_project.close()

    second_project = Project.create(tmp / "b.db")
    second_project.import_documents(native.read(tmp / "a.jsonl", ReadOptions()))
    second = _export(second_project, tmp / "b.jsonl")
    second_project.close()
    assert first == second
    # And nothing was lost on the way in: every span of the input is in the export.
    exported = [json.loads(line) for line in first.decode("utf-8").split("\n") if line]
    assert len(exported) == len(docs)
    for doc, record in zip(docs, exported):
        assert record["text"] == doc.document.text
        spans_in = sorted((s.start, s.end, s.label) for layer in doc.layers for s in layer.spans.values())
        spans_out = sorted((s["start"], s["end"], s["label"]) for a in record["annotations"] for s in a["spans"])
        assert spans_in == spans_out
        events_in = sum(len(layer.events) for layer in doc.layers)
        assert events_in == sum(len(a["events"]) for a in record["annotations"])


def test_offsets_are_python_indices_over_astral_text(tmp_path):
    text = "😀 Israel attacked Iran."
    record = {"id": "e1", "text": text, "annotations": [{"annotator": "ann1", "state": "done", "spans": [
        {"id": 1, "start": 2, "end": 8, "label": "GPE", "layer": "entity"}]}]}
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    project = Project.create(tmp_path / "p.db")
    project.import_documents(native.read(src, ReadOptions()))
    layer = project.layer(1, "ann1")
    (span,) = layer.spans.values()
    assert text[span.start:span.end] == "Israel"
    assert layer.state == "done"


def test_ids_a_reader_kept_in_attrs_follow_a_renumbered_import(tmp_path):
    """A file numbered by hand (1, 2, as the README's example) is renumbered on import; a brat
    relation's target ("to") and an event argument's event (`argument_events`) kept the file's
    numbers, pointed at nothing, and the next brat export dropped the relation."""
    from cli_support import ok

    text = "Israeli officials met Egyptian envoys in Cairo."
    layer = {"annotator": "ann1", "state": "done",
             "spans": [{"id": 1, "start": 0, "end": 7, "label": "NORP", "layer": "entity",
                        "attrs": {"relations": [{"type": "Located", "roles": ["Arg1", "Arg2"], "to": 2}]}},
                       {"id": 2, "start": 41, "end": 46, "label": "GPE", "layer": "entity"},
                       {"id": 3, "start": 18, "end": 21, "label": "CONSULT", "layer": "trigger"}],
             "events": [{"id": 9, "trigger": 3, "type": "CONSULT", "arguments": [{"role": "source", "span": 1}],
                         "attrs": {"brat_roles": {"source:1": "Agent"}, "argument_events": {"source:1": 9}}}]}
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "doc-1", "text": text, "annotations": [layer]}) + "\n",
                                      encoding="utf-8")
    work = tmp_path / "work.db"
    ok("init", work)
    ok("import", work, tmp_path / "d.jsonl")
    with Project.open(work, readonly=True) as p:
        stored = p.layer(1, "ann1")
    by_start = {s.start: s.id for s in stored.spans.values()}
    assert 1 not in stored.spans and 9 not in stored.events  # renumbered
    assert stored.spans[by_start[0]].attrs["relations"][0]["to"] == by_start[41]
    (event,) = stored.events.values()
    key = f"source:{by_start[0]}"
    assert event.attrs["brat_roles"] == {key: "Agent"} and event.attrs["argument_events"] == {key: event.id}
    out = tmp_path / "brat"
    ok("export", work, out, "--format", "brat", "--layer", "ann1")
    assert "\tLocated " in "".join(f.read_text(encoding="utf-8") for f in out.rglob("*.ann"))
