"""Importing from a pipe: `cat f | annotator import w.db - [--format F]` (or /dev/stdin, or a named
pipe). A pipe can be read once, and import reads its input more than once (the format is
recognised from the first records; Prodigy's reader makes a first pass and seeks back to the other
tasks of a text; doccano's looks for several users first): before the stream was copied once into
a temporary file, a Prodigy file from a pipe said "the file holds no documents" and every
`--format auto` import from a pipe said "cannot tell the format of this file"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from annotator.store import Project

PEER = Path(__file__).resolve().parents[2] / "shared" / "peer-data"


def _peer(relative: str) -> Path:
    """A file other tools wrote, kept in ../shared beside the repository (skipped without it)."""
    path = PEER / relative
    if not path.is_file():
        pytest.skip("../shared/peer-data is not present")
    return path


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "annotator.cli.main", *args], input=stdin, capture_output=True,
                          timeout=120)


def _project(tmp_path: Path) -> Path:
    db = tmp_path / "w.db"
    assert _cli("init", str(db)).returncode == 0
    return db


def _output(done: subprocess.CompletedProcess) -> str:
    return (done.stdout + done.stderr).decode("utf-8")


def _layers(db: Path) -> dict[str, int]:
    """{layer name: span count} over the project."""
    found: dict[str, int] = {}
    with Project.open(db, readonly=True) as project:
        for doc in project.iter_annotated():
            for layer in doc.layers:
                found[layer.annotator] = found.get(layer.annotator, 0) + len(layer.spans)
    return found


def _tasks(*tasks: dict) -> bytes:
    return "".join(json.dumps(t) + "\n" for t in tasks).encode()


TEXT = "Apple Inc. sued Google in Paris."


@pytest.mark.parametrize("fmt", ["prodigy", "auto"])
def test_a_prodigy_file_from_a_pipe_imports(tmp_path, fmt):
    # Real Prodigy output: explosion/prodigy-recipes example-datasets/annotated_news_headlines-ner.jsonl
    # (MIT, copied unchanged in shared/peer-data/prodigy).
    db = _project(tmp_path)
    data = _peer("prodigy/annotated_news_headlines-ner.jsonl").read_bytes()
    done = _cli("import", str(db), "-", "--format", fmt, "--add-labels", stdin=data)
    assert done.returncode == 0, _output(done)
    assert "imported 373 document(s)" in _output(done)
    assert "/dev/stdin" in _output(done)  # messages name the stream, not the temporary copy
    assert "annotator-import-" not in _output(done)


def test_prodigy_tasks_of_one_text_far_apart_in_a_pipe_are_one_document_with_a_layer_per_annotator(tmp_path):
    """The reader's first pass (who signed, which lines share an `_input_hash`) and its seeks back
    need the whole input: from a pipe they found nothing."""
    db = _project(tmp_path)
    other = {"text": "Paris met London.", "spans": [], "answer": "accept", "_input_hash": 2}
    data = _tasks({"text": TEXT, "spans": [{"start": 0, "end": 10, "label": "ORG"}], "answer": "accept",
                   "_input_hash": 1, "_annotator_id": "news-alice", "_session_id": "news-alice"},
                  other,
                  {"text": TEXT, "spans": [{"start": 16, "end": 22, "label": "ORG"}], "answer": "accept",
                   "_input_hash": 1, "_annotator_id": "news-bob", "_session_id": "news-bob"})
    done = _cli("import", str(db), "/dev/stdin", "--format", "prodigy", stdin=data)
    assert done.returncode == 0, _output(done)
    with Project.open(db, readonly=True) as project:
        assert project.count_documents() == 2
    assert _layers(db) == {"news-alice": 1, "news-bob": 1, "prodigy": 0}


def test_doccano_users_from_a_pipe_get_a_layer_each_as_from_a_file(tmp_path):
    """The pipe fix of the doccano reader skipped its first pass, so a pipe put every user's
    annotations into one layer (a file gives one per user)."""
    db = _project(tmp_path)
    data = _tasks({"text": "Paris met London.", "annotations": [
        {"label": "GPE", "start_offset": 0, "end_offset": 5, "user": 1},
        {"label": "GPE", "start_offset": 10, "end_offset": 16, "user": 2}]})
    done = _cli("import", str(db), "-", "--format", "doccano", stdin=data)
    assert done.returncode == 0, _output(done)
    assert _layers(db) == {"doccano-user1": 1, "doccano-user2": 1}


@pytest.mark.parametrize("name, fmt, documents", [
    ("spacy/ner_tweets_demo.spacy", "spacy", 1),       # explosion/projects tutorials/ner_tweets/assets/demo/demo.spacy
    ("spacy/training-data.json", "spacy-json", 1),      # explosion/spaCy extra/example_data/training-data.json
    ("doccano/export_sequence_labeling.jsonl", "doccano", 3),  # doccano backend/data_export/pipeline/examples
])
def test_other_formats_from_a_pipe_are_recognised_and_imported(tmp_path, name, fmt, documents):
    db = _project(tmp_path)
    done = _cli("import", str(db), "-", "--add-labels", stdin=_peer(name).read_bytes())
    assert done.returncode == 0, _output(done)
    out = _output(done)
    assert f"reading as {fmt}" in out and f"imported {documents} document(s)" in out


def test_native_jsonl_csv_and_text_from_a_pipe(tmp_path):
    db = _project(tmp_path)
    native = _tasks({"id": "n1", "text": "Paris met London."})
    done = _cli("import", str(db), "-", stdin=native)
    assert done.returncode == 0 and "reading as jsonl" in _output(done), _output(done)
    csv = b"id,text\nc1,Rome met Berlin.\n"
    done = _cli("import", str(db), "-", "--format", "csv", stdin=csv)
    assert done.returncode == 0, _output(done)
    done = _cli("import", str(db), "-", "--format", "text", stdin="Plain words.\n".encode())
    assert done.returncode == 0, _output(done)
    with Project.open(db, readonly=True) as project:
        ids = sorted(doc.document.ext_id for doc in project.iter_annotated())
    assert ids == ["c1", "n1", "stdin"]
    # Text and CSV look alike: without --format the error says to name it.
    done = _cli("import", str(db), "-", stdin=csv)
    assert done.returncode == 2 and "/dev/stdin: cannot tell the format" in _output(done)
    assert "pass --format" in _output(done)


def test_a_plover_export_from_a_pipe_is_refused_by_name(tmp_path):
    db = _project(tmp_path)
    record = {"id": "e1", "doc_id": "d1", "event_type": "CONSULT", "trigger": {"text": "met", "start": 6, "end": 9}}
    done = _cli("import", str(db), "-", stdin=_tasks(record))
    assert done.returncode == 2 and "PLOVER is export-only" in _output(done)


def test_a_bad_task_from_a_pipe_names_the_stream_and_line_and_imports_nothing(tmp_path):
    db = _project(tmp_path)
    data = _tasks({"text": "Paris met London.", "spans": [], "answer": "accept"},
                  {"text": "abc", "spans": [{"start": 0, "end": 9, "label": "ORG"}], "answer": "accept"})
    done = _cli("import", str(db), "-", "--format", "prodigy", stdin=data)
    out = _output(done)
    assert done.returncode == 2 and "/dev/stdin, line 2:" in out and "Traceback" not in out
    with Project.open(db, readonly=True) as project:
        assert project.count_documents() == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_keeps_its_name_for_the_format(tmp_path):
    db = _project(tmp_path)
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    source = _peer("prodigy/ner_tweets_demo.jsonl")  # explosion/projects tutorials/ner_tweets/assets/demo/demo.jsonl
    writer = threading.Thread(target=lambda: fifo.write_bytes(source.read_bytes()), daemon=True)
    writer.start()
    done = _cli("import", str(db), str(fifo), "--add-labels")
    writer.join(10)
    assert done.returncode == 0, _output(done)
    assert "feed.jsonl: reading as prodigy" in _output(done)


def test_standard_input_redirected_from_a_file_is_recognised_by_content(tmp_path):
    """`annotator import w.db - < c.jsonl`: standard input is then a file, no stream, and it was
    not copied: "cannot tell the format of this file"."""
    db = _project(tmp_path)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n", encoding="utf-8")
    with corpus.open("rb") as handle:
        done = subprocess.run([sys.executable, "-m", "annotator.cli.main", "import", str(db), "-"], stdin=handle,
                              capture_output=True, timeout=120)
    assert done.returncode == 0, _output(done)
    assert "/dev/stdin: reading as jsonl" in _output(done)


def test_text_opening_with_a_bracket_from_a_pipe_is_not_taken_for_json(tmp_path):
    """"[Reuters] Biden met Xi" was read as spaCy's JSON and refused as "invalid JSON"."""
    db = _project(tmp_path)
    line = b"[Reuters] Biden met Xi in Bali.\n"
    refused = _cli("import", str(db), "-", stdin=line)
    assert refused.returncode == 2 and "cannot tell the format" in _output(refused)
    assert "--format" in _output(refused) and "invalid JSON" not in _output(refused)
    done = _cli("import", str(db), "-", "--format", "text", stdin=line)
    assert done.returncode == 0, _output(done)
