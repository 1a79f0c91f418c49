"""`annotator assign / package / merge / progress` as a lead types them."""

from __future__ import annotations

import json

import pytest

from team_helpers import make_project
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core import SetDocState, accept
from annotator.store import Project

runner = CliRunner()


def run(*args, code: int = 0) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result.output


def test_a_three_annotator_round_from_the_command_line(tmp_path):
    work = tmp_path / "work.db"
    make_project(work, 10).close()
    out = run("assign", work, "--annotators", "ann1,ann2,ann3", "--per-doc", "2", "--overlap", "0.2", "--seed", "7")
    assert "assigned 10 documents (2 shared by all" in out and "seed 7" in out
    assert "nothing to assign" in run("assign", work, "--annotators", "ann1,ann2,ann3", "--seed", "7")
    run("package", work, "--annotator", "ann1", tmp_path / "ann1.db")
    with Project.open(tmp_path / "ann1.db") as pkg:
        doc = pkg.next_document("ann1")
        for span in pkg.open_layer(doc, "ann1").sorted_spans():
            pkg.apply(doc, "ann1", accept(span))
        pkg.apply(doc, "ann1", SetDocState("in_progress", "done"))
        pkg.add_time(doc, "ann1", 600)
    out = run("merge", work, tmp_path / "ann1.db")
    assert "1 document updated, 6 edits, 10m of work" in out
    assert "already up to date" in run("merge", work, tmp_path / "ann1.db")
    data = json.loads(run("progress", work, "--json"))
    ann1 = next(a for a in data["annotators"] if a["name"] == "ann1")
    assert (ann1["done"], ann1["seconds"], ann1["suggestions"]["GPE"]["accepted"]) == (1, 600, 3)
    assert {a["name"] for a in data["annotators"]} == {"ann1", "ann2", "ann3"}
    table = run("progress", work)
    assert "ann1" in table and "kept as is" in table
    # a skipped document has its column, so that the row adds up to what is assigned
    with Project.open(work) as p:
        other = p.next_document("ann1")  # assigned and to do
        p.apply(other, "ann1", SetDocState("todo", "skipped"))
    row = next(line.split() for line in run("progress", work).splitlines() if line.startswith("ann1 "))
    assert "skipped" in run("progress", work).splitlines()[0]
    assigned, done, in_progress, todo, skipped = map(int, row[1:6])
    assert skipped == 1 and done + in_progress + todo + skipped == assigned


def test_user_errors_are_one_line_with_exit_code_2(tmp_path):
    work = tmp_path / "work.db"
    make_project(work, 4).close()
    out = run("assign", work, "--annotators", "ann1,ann2", "--per-doc", "3", code=2)
    assert "--per-doc" in out and "Traceback" not in out
    out = run("package", work, "--annotator", "ann1", tmp_path / "ann1.db", code=2)
    assert "no documents assigned" in out
    other = tmp_path / "other.db"
    make_project(other, 4).close()
    run("assign", other, "--annotators", "ann1", "--seed", "1")
    run("package", other, "--annotator", "ann1", tmp_path / "foreign.db")
    out = run("merge", work, tmp_path / "foreign.db", code=2)
    assert "another project" in out and len(out.strip().splitlines()) == 1


def test_roles_are_listed_and_set_and_blind_mode_follows_them(tmp_path):
    from annotator.store.team import visible_layers

    work = tmp_path / "work.db"
    make_project(work, 4).close()
    run("assign", work, "--annotators", "ann1,ann2", "--seed", "1")
    listing = run("role", work)
    assert "ann1" in listing and "annotator" in listing and "model" not in listing
    with Project.open(work) as p:
        assert "ann2" not in visible_layers(p, "ann1")
    assert "ann1 is now lead (was annotator)" in run("role", work, "ann1", "lead")
    assert any(line.split() == ["ann1", "lead"] for line in run("role", work).splitlines())
    with Project.open(work) as p:
        assert "ann2" in visible_layers(p, "ann1")
        assert p.conn.execute("SELECT count(*) FROM audit WHERE edit_kind = 'SetRole'").fetchone()[0] == 1
    # user mistakes: one line, exit 2, nothing changed
    assert "role must be one of" in run("role", work, "ann2", "boss", code=2)
    assert "give ann2's role too" in run("role", work, "ann2", code=2)
    assert "cannot be changed" in run("role", work, "model", "lead", code=2)
    with Project.open(work) as p:
        from annotator.store.team import role_of

        assert role_of(p, "ann2") == "annotator"


def _numbered_layer_file(fmt: str, name: str, text: str, label: str) -> dict:
    """One document whose only span the file numbers 1, as written by hand or by each tool
    (doccano's relation projects export their database's entity ids)."""
    if fmt == "jsonl":
        layer = {"annotator": name, "state": "done",
                 "spans": [{"id": 1, "start": 0, "end": 7, "label": label, "layer": "entity"}], "events": []}
        return {"id": "doc-1", "text": text, "annotations": [layer]}
    if fmt == "doccano":
        # doccano writes the example's own fields over its number: the id it was given comes back
        return {"id": "doc-1", "text": text, "entities": [{"id": 1, "start_offset": 0, "end_offset": 7, "label": label}],
                "relations": []}
    return {"text": text, "answer": "accept", "spans": [{"id": 1, "start": 0, "end": 7, "label": label}]}


@pytest.mark.parametrize("fmt", ["jsonl", "doccano", "prodigy"])
def test_layers_numbered_by_their_files_merge_from_two_packages(tmp_path, fmt):
    """A file's own ids ("id": 1, as the README's native example, doccano's entity ids, a
    Prodigy span's id), each annotator's imported into their own package: the second merge was
    refused ("UNIQUE constraint failed: spans.id"), because both packages kept span id 1. A
    file's small numbers are renumbered."""
    text = "Israeli officials met Egyptian envoys in Cairo."
    (tmp_path / "doc.jsonl").write_text(json.dumps({"id": "doc-1", "text": text}) + "\n", encoding="utf-8")
    work = tmp_path / "work.db"
    run("init", work)
    run("import", work, tmp_path / "doc.jsonl")
    run("assign", work, "--annotators", "ann1,ann2", "--per-doc", "2", "--seed", "1")
    for name, label in (("ann1", "NORP"), ("ann2", "GPE")):
        path = tmp_path / f"{name}.jsonl"
        path.write_text(json.dumps(_numbered_layer_file(fmt, name, text, label)) + "\n", encoding="utf-8")
        run("package", work, "--annotator", name, tmp_path / f"{name}.db")
        run("import", tmp_path / f"{name}.db", path, "--format", fmt, "--annotator", name)
    for name in ("ann1", "ann2"):
        assert "1 document updated" in run("merge", work, tmp_path / f"{name}.db")
    with Project.open(work, readonly=True) as p:
        labels = {name: [s.label for s in p.layer(1, name).spans.values()] for name in ("ann1", "ann2")}
    assert labels == {"ann1": ["NORP"], "ann2": ["GPE"]}


def test_the_same_file_imported_into_the_project_and_the_package_merges_quietly(tmp_path):
    """ann1's file imported both into the main project and into ann1's package (fresh ids in
    each): the merge took the two copies for edits made in both places, left the layer to merge
    by hand with a warning, and exited 1, although both hold the same work."""
    text = "Israeli officials met Egyptian envoys in Cairo."
    (tmp_path / "doc.jsonl").write_text(json.dumps({"id": "doc-1", "text": text}) + "\n", encoding="utf-8")
    work = tmp_path / "work.db"
    run("init", work)
    run("import", work, tmp_path / "doc.jsonl")
    run("assign", work, "--annotators", "ann1", "--seed", "1")
    run("package", work, "--annotator", "ann1", tmp_path / "ann1.db")
    path = tmp_path / "ann1.jsonl"
    path.write_text(json.dumps(_numbered_layer_file("jsonl", "ann1", text, "NORP")) + "\n", encoding="utf-8")
    run("import", work, path)
    run("import", tmp_path / "ann1.db", path)
    out = run("merge", work, tmp_path / "ann1.db")
    assert "merge it by hand" not in out
    with Project.open(work, readonly=True) as p:
        assert [(s.start, s.end, s.label) for s in p.layer(1, "ann1").spans.values()] == [(0, 7, "NORP")]
    assert "up to date" in run("merge", work, tmp_path / "ann1.db")  # and the next merge knows it
