"""Everyday CLI paths (issue 16, item 8), through the real CLI entry: exports never overwrite
unasked and respect the umask, --docs takes document ids, the only layer with work is chosen,
clear messages, no -wal/-shm left behind, brat quoting tolerated, the README example runs."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import cli, ok

from annotator.store import Project

REPO = Path(__file__).resolve().parent.parent
TEXT = "Netanyahu met with Blinken in Jerusalem on Tuesday night."




@pytest.fixture
def work(tmp_path) -> Path:
    path = tmp_path / "work.db"
    ok("init", path)
    data = tmp_path / "docs.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "a1", "text": TEXT, "annotations": [{"annotator": "solo", "state": "done", "spans": [
            {"start": 0, "end": 9, "label": "PERSON"}]}]},
        {"id": "b2", "text": "Iran warned Israel."},
        {"id": "c3", "text": "Hamas fired rockets."},
    ]), encoding="utf-8")
    ok("import", path, data)
    return path


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_refuses_an_existing_file_without_force(work, tmp_path):
    out = tmp_path / "dump.jsonl"
    out.write_text("precious\n", encoding="utf-8")
    result = cli("export", work, out)
    assert result.exit_code == 2
    assert "already exists" in result.output and "--force" in result.output
    assert out.read_text(encoding="utf-8") == "precious\n"
    ok("export", work, out, "--force")
    assert _ids(out) == ["a1", "b2", "c3"]


def test_brat_export_into_an_existing_folder_needs_force_and_then_leaves_no_stale_file(work, tmp_path):
    out = tmp_path / "brat"
    out.mkdir()
    (out / "old.ann").write_text("T1\tPERSON 0 3\told\n", encoding="utf-8")
    result = cli("export", work, out, "--format", "brat", "--layer", "solo")
    assert result.exit_code == 2 and "already exists" in result.output
    assert (out / "old.ann").exists()
    ok("export", work, out, "--format", "brat", "--layer", "solo", "--force")
    assert not (out / "old.ann").exists()
    assert (out / "a1.ann").exists() and (out / "annotation.conf").exists()
    assert not list(tmp_path.glob(".brat.*"))  # no temporary folder left beside it


def test_force_and_overwrite_never_delete_the_project_or_files_they_did_not_write(work, tmp_path):
    """--force / --overwrite replace an earlier output; a folder holding the project itself, or
    files no export or training run writes, is refused whole, naming them, with nothing deleted."""
    home = tmp_path / "thesis"
    home.mkdir()
    project = home / "work.db"
    project.write_bytes(work.read_bytes())
    (home / "chapter1.tex").write_text("precious\n", encoding="utf-8")
    attempts = [("export", project, home, "--format", "brat", "--layer", "solo", "--force"),
                ("export", project, home, "--format", "spacy", "--layer", "solo", "--force"),
                ("export", project, project, "--force"),
                ("train", project, home, "--min-docs", "2", "--max-steps", "1", "--overwrite")]
    for args in attempts:
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "the project" in result.output and "nothing was written" in result.output, result.output
        assert project.exists() and (home / "chapter1.tex").exists()
    texts = tmp_path / "texts"  # the user's own corpus: .txt files without a brat .ann beside them
    texts.mkdir()
    (texts / "article.txt").write_text("Iran warned Israel.\n", encoding="utf-8")
    result = cli("export", work, texts, "--format", "brat", "--layer", "solo", "--force")
    assert result.exit_code == 2 and "article.txt" in result.output
    models = tmp_path / "models"
    models.mkdir()
    (models / "notes.md").write_text("round 1 went badly\n", encoding="utf-8")
    result = cli("train", work, models, "--min-docs", "2", "--max-steps", "1", "--overwrite")
    assert result.exit_code == 2 and "notes.md" in result.output, result.output
    assert (texts / "article.txt").exists() and (models / "notes.md").exists()
    with Project.open(project, readonly=True) as p:
        assert p.count_documents() == 3


def test_exported_files_respect_the_umask(work, tmp_path):
    old = os.umask(0o002)
    try:
        ok("export", work, tmp_path / "d.jsonl")
        ok("export", work, tmp_path / "b", "--format", "brat")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "d.jsonl").stat().st_mode) == 0o664
    assert stat.S_IMODE((tmp_path / "b").stat().st_mode) == 0o775


def test_a_missing_folder_is_an_error_and_is_not_created(work, tmp_path):
    result = cli("export", work, tmp_path / "nope" / "d.jsonl")
    assert result.exit_code == 2
    assert "nope does not exist" in result.output
    assert not (tmp_path / "nope").exists()


def test_init_in_a_missing_folder_says_so(tmp_path):
    """It said "the project file is damaged (unable to open database file); run annotator check"."""
    result = cli("init", tmp_path / "nope" / "w.db")
    assert result.exit_code == 2 and "the folder" in result.output and "nope does not exist" in result.output
    assert "damaged" not in result.output and not (tmp_path / "nope").exists()


def test_docs_takes_document_ids_and_row_ranges_and_no_match_is_an_error(work, tmp_path):
    ok("export", work, tmp_path / "one.jsonl", "--docs", "c3")
    assert _ids(tmp_path / "one.jsonl") == ["c3"]
    ok("export", work, tmp_path / "mix.jsonl", "--docs", "a1, 2-3")
    assert _ids(tmp_path / "mix.jsonl") == ["a1", "b2", "c3"]
    result = cli("export", work, tmp_path / "none.jsonl", "--docs", "999")
    assert result.exit_code == 2 and "no document of" in result.output and "999" in result.output
    assert not (tmp_path / "none.jsonl").exists()
    result = cli("export", work, tmp_path / "none.jsonl", "--docs", "zz9")
    assert result.exit_code == 2 and "no document with the id 'zz9'" in result.output
    result = cli("export", work, tmp_path / "none.jsonl", "--docs", " , ")  # a shell variable left empty
    assert result.exit_code == 2 and "--docs is empty" in result.output
    output = ok("export", work, tmp_path / "part.jsonl", "--docs", "2-9")  # rows 4-9 do not exist: said
    assert "--docs 2-9: 6 of the row numbers named have no document (the project has 3)" in " ".join(output.split())
    assert _ids(tmp_path / "part.jsonl") == ["b2", "c3"]


def test_a_training_folder_given_as_the_model_names_the_pipeline_inside_it(work, tmp_path):
    trained = tmp_path / "round1"
    (trained / "model-best").mkdir(parents=True)
    (trained / "model-best" / "meta.json").write_text("{}")
    result = cli("preannotate", work, "--model", trained)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"pass {trained / 'model-best'}: a training folder holds the pipelines" in " ".join(result.output.split())


def test_a_single_layer_format_takes_the_only_layer_with_work_and_names_it(work, tmp_path):
    with Project.open(work) as p:
        p.open_layer(2, "browser")  # opened a document: not work
    output = ok("export", work, tmp_path / "b", "--format", "brat")
    assert "writing the 'solo' layer (the only one with work)" in output
    assert "PERSON 0 9" in (tmp_path / "b" / "a1.ann").read_text(encoding="utf-8")


def test_after_pre_annotation_the_only_persons_layer_with_work_is_taken(work, tmp_path):
    """The model's suggestions are work too, so a pre-annotated project always had two layers
    with work and a single-layer export always asked for --layer."""
    ok("preannotate", work)
    output = ok("export", work, tmp_path / "p.jsonl", "--format", "prodigy")
    assert "writing the 'solo' layer (the only one with a person's work; --layer model" in output
    assert [json.loads(line)["_annotator_id"] for line in (tmp_path / "p.jsonl").read_text().splitlines()] == ["solo"]


@pytest.mark.parametrize("args", [["--format", "prodigy", "--layer", "gold"], ["--layer", "gold"]])
def test_exporting_a_layer_nobody_has_worked_on_is_an_error_not_an_empty_success(work, tmp_path, args):
    """Gold before any adjudication: prodigy said "wrote 0 document(s)" and jsonl wrote every
    text with no annotation, both exit 0."""
    result = cli("export", work, tmp_path / "g.jsonl", *args)
    assert result.exit_code == 2, result.output
    assert "the 'gold' layer holds no work yet" in result.output and "layers with work: solo" in result.output
    assert not (tmp_path / "g.jsonl").exists()


def test_annotations_import_into_a_layer_that_is_only_assigned(work, tmp_path):
    from annotator.store.team import assign

    with Project.open(work) as p:
        assign(p, ["ann2"])
        assert p.conn.execute("SELECT count(*) FROM assignments a JOIN annotators n ON n.id = a.annotator_id "
                              "WHERE n.name = 'ann2' AND a.assigned = 1").fetchone()[0] == 3
    more = tmp_path / "ann2.jsonl"
    more.write_text(json.dumps({"id": "b2", "text": "Iran warned Israel.", "annotations": [
        {"annotator": "ann2", "spans": [{"start": 0, "end": 4, "label": "GPE"}]}]}) + "\n", encoding="utf-8")
    output = ok("import", work, more)
    assert "1 layer(s)" in output and "skipped" not in output
    with Project.open(work) as p:
        assert [s.label for s in p.layer(2, "ann2").spans.values()] == ["GPE"]
        assert p.conn.execute("SELECT assigned FROM assignments a JOIN annotators n ON n.id = a.annotator_id "
                              "WHERE n.name = 'ann2' AND a.doc_id = 2").fetchone()[0] == 1  # still assigned
    again = ok("import", work, more)
    assert "1 layer(s) skipped" in again  # now it has work: never overwritten


def test_messages_plover_export_only_empty_file_duplicate_once(work, tmp_path):
    events = tmp_path / "events.jsonl"
    events.write_text(json.dumps({"id": 1, "doc_id": "a1", "event_type": "CONSULT",
                                  "trigger": {"text": "met", "start": 10, "end": 13}}) + "\n", encoding="utf-8")
    result = cli("import", work, events)
    assert result.exit_code == 2 and "PLOVER is export-only" in result.output and "'text'" not in result.output
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = cli("import", work, empty)
    assert result.exit_code == 2 and "the file is empty" in result.output and str(empty) in result.output
    twice = tmp_path / "twice.jsonl"
    twice.write_text(2 * (json.dumps({"id": "b2", "text": "Iran warned Israel."}) + "\n"), encoding="utf-8")
    output = ok("import", work, twice)
    assert "(e.g. b2)" in output


def test_a_model_path_that_does_not_exist_is_named_without_a_pip_hint(work):
    result = cli("preannotate", work, "--model", "/no/such/path")
    assert result.exit_code == 2
    assert "/no/such/path does not exist" in result.output and "pip" not in result.output


def test_brat_csv_quoting_in_the_text_column_is_accepted_with_a_warning(work, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = 'The bird gave a low-pitched "growling" cry at dawn.'
    (folder / "n1.txt").write_text(text, encoding="utf-8")
    start = text.index("low")
    end = text.index(" at dawn")
    (folder / "n1.ann").write_text(f'T1\tORG {start} {end}\t"low-pitched ""growling"" cry"\n'
                                   f"T2\tTIME {end + 4} {end + 8}\tdawn \n", encoding="utf-8")
    result = cli("import", work, folder, "--format", "brat", "--annotator", "ann3")
    assert result.exit_code == 0, result.output
    assert "only by CSV-style quoting: the offsets were used" in result.output
    assert "only by whitespace" in result.output
    (folder / "n1.ann").write_text(f"T1\tORG {start} {end}\tsomething else\n", encoding="utf-8")
    (folder / "n1.txt").write_text(text.replace("bird", "fish"), encoding="utf-8")
    result = cli("import", work, folder, "--format", "brat", "--annotator", "ann4")
    assert result.exit_code == 2 and "n1.ann, line 1" in result.output


def test_no_wal_or_shm_is_left_beside_the_project(work, tmp_path):
    ok("stats", work)
    ok("check", work)
    ok("export", work, tmp_path / "d.jsonl")
    ok("backup", work, tmp_path / "copy.db")
    assert sorted(p.name for p in work.parent.glob("work.db*")) == ["work.db"]
    ok("restore", tmp_path / "copy.db", work, "--force")
    left = sorted(p.name for p in work.parent.glob("work.db*"))
    assert len(left) == 2 and not any(name.endswith(("-wal", "-shm")) for name in left), left


def test_without_a_display_the_app_says_so_and_exits_2(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(REPO)
    for args in ([], ["gui"]):
        result = subprocess.run([sys.executable, "-m", "annotator.cli.main", *args], env=env, cwd=tmp_path,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, result.stderr
        assert "no display found" in result.stderr and "xcb" not in result.stderr


def test_the_readme_python_example_runs(tmp_path, monkeypatch):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", readme, re.S)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert [s.label for s in namespace["layer"].spans.values()] == ["NORP"]
    with Project.open(tmp_path / "work.db") as p:
        p.apply(namespace["doc_id"], "ann1", namespace["applied"].edit.inverse(), action="undo")
        assert p.layer(namespace["doc_id"], "ann1").spans == {}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work.db"]


def test_who_has_work_is_one_rule_and_the_agreement_command_uses_it(work):
    from annotator.core import AddSpan, Layer, Span, new_id, reject
    from annotator.store.roles import annotators_with_work, layers_with_work

    with Project.open(work) as p:
        model = Layer("model")
        model.add_span(Span(new_id(), 0, 9, "PERSON", origin="model", status="suggested"))
        p.replace_layer(1, "model", model)
        p.open_layer(1, "lead")  # the lead browsed: suggestions copied, nothing done
        p.open_layer(1, "ann2")
        assert len(p.layer(1, "ann2").spans) == 1
        assert annotators_with_work(p) == ["solo"]
        assert layers_with_work(p) == ["model", "solo"]
    result = cli("agreement", work)
    assert result.exit_code == 2 and "has 1 with work (solo)" in result.output
    with Project.open(work) as p:
        p.apply(1, "ann2", reject(next(iter(p.layer(1, "ann2").spans.values()))))  # a decision is work
        assert annotators_with_work(p) == ["solo", "ann2"]
    result = cli("agreement", work)
    assert result.exit_code == 0, result.output
    result = cli("agreement", work, "--annotators", "solo,model")  # the model's layer is never done
    assert result.exit_code == 0 and "annotator evaluate" in result.output
    result = cli("agreement", work, "--annotators", "solo")  # it names one; the project has two
    assert result.exit_code == 2 and "--annotators names 1 (solo)" in result.output
    assert "has 1 with work" not in result.output
    with Project.open(work) as p:
        p.apply(2, "ann3", AddSpan(Span(new_id(), 0, 4, "GPE")))
        assert annotators_with_work(p) == ["solo", "ann2", "ann3"]
