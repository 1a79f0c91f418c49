"""Messages of the command line that must name the real problem and its fix (found by a tester
on a team project): why adjudicate skips documents, what export --only-done leaves out, reversed
and zero --docs ranges, project files given to import, and exports import would not recognise."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from cli_support import cli, ok

from annotator.agreement.adjudicate import readiness
from annotator.core.model import Layer

TEXT = "Israeli Prime Minister Benjamin Netanyahu met Antony Blinken in Jerusalem on Sunday."




def refused(*args) -> str:
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output


def layer(annotator: str, state: str, label: str = "PERSON") -> dict:
    return {"annotator": annotator, "state": state,
            "spans": [{"id": 1, "start": 23, "end": 41, "label": "PERSON"},
                      {"id": 2, "start": 64, "end": 73, "label": label}], "events": []}


@pytest.fixture
def work(tmp_path) -> Path:
    """d1: both done but they differ (gold gets a conflict); d2: only ann1 annotated it;
    d3: both annotated, ann1 not done."""
    records = [
        {"id": "d1", "text": TEXT, "annotations": [layer("ann1", "done"), layer("ann2", "done", "LOC")]},
        {"id": "d2", "text": TEXT, "annotations": [layer("ann1", "done")]},
        {"id": "d3", "text": TEXT, "annotations": [layer("ann1", "in_progress"), layer("ann2", "done")]},
    ]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    path = tmp_path / "work.db"
    ok("init", path)
    ok("import", path, corpus)
    return path


# ------------------------------------------------------------------ 1. adjudicate: why skipped

def test_adjudicate_names_who_has_no_layer_and_offers_include_all_only_where_it_helps(work):
    output = ok("adjudicate", work, "--auto", "agree", "--annotators", "ann1,ann2")
    assert "1 document(s) skipped: not annotated by ann2\n" in output  # --include-all cannot help
    assert "1 document(s) skipped: not marked done by ann1 (--include-all takes them)" in output


def test_adjudicate_with_include_all_never_blames_the_done_state(work):
    output = ok("adjudicate", work, "--auto", "agree", "--annotators", "ann1,ann2", "--include-all",
                "--docs", "d2")
    assert "1 document(s) skipped: not annotated by ann2" in output
    assert "not marked done" not in output and "--include-all takes" not in output


def test_adjudicate_json_lists_the_reasons(work):
    report = json.loads(ok("adjudicate", work, "--auto", "agree", "--annotators", "ann1,ann2", "--json"))
    assert report["not_ready"] == 2
    reasons = {r["reason"]: r for r in report["not_ready_reasons"]}
    assert reasons["not annotated by ann2"]["ext_ids"] == ["d2"]
    assert reasons["not annotated by ann2"]["include_all_takes_them"] is False
    assert reasons["not marked done by ann1"]["missing"] == [] and reasons["not marked done by ann1"]["documents"] == 1


def test_readiness_rule():
    done, todo = Layer("a", "done"), Layer("b", "in_progress")
    assert readiness({"a": done, "b": Layer("b", "done")}).layers
    skipped = readiness({"a": done, "b": todo, "c": None})
    assert not skipped.layers and skipped.reason == "not annotated by c; not marked done by b"
    assert skipped.include_all_takes_it
    assert len(readiness({"a": done, "b": todo, "c": None}, include_all=True).layers) == 2
    alone = readiness({"a": done, "b": None}, include_all=True)
    assert not alone.layers and alone.reason == "not annotated by b" and not alone.include_all_takes_it


# ------------------------------------------------------------------ 2. export --only-done

def test_export_only_done_says_how_many_layers_are_not_done(work, tmp_path):
    # ann1 is done on two documents of three: those are written, the other is counted
    output = ok("export", work, tmp_path / "a.jsonl", "--layer", "ann1", "--only-done")
    assert "wrote 2 document(s)" in output
    assert ("1 document(s) have a 'ann1' layer that is not marked done and were not written; "
            "drop --only-done or mark them done") in output


def test_export_only_done_with_nothing_done_is_refused_and_writes_no_file(work, tmp_path):
    ok("adjudicate", work, "--auto", "agree", "--annotators", "ann1,ann2")
    out = tmp_path / "gold.jsonl"
    output = refused("export", work, out, "--layer", "gold", "--only-done")
    assert "no document has its 'gold' layer marked done (1 in progress): nothing was written" in output
    assert "drop --only-done" in output
    assert not out.exists() and list(tmp_path.glob(".gold.jsonl.*")) == []  # not even an empty file


def test_export_only_done_of_every_layer_counts_documents_with_no_done_layer(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "x", "text": TEXT, "annotations": [layer("ann1", "in_progress")]}) + "\n"
                      + json.dumps({"id": "y", "text": TEXT}) + "\n"
                      + json.dumps({"id": "z", "text": TEXT + " More.", "annotations": [layer("ann1", "done")]})
                      + "\n", encoding="utf-8")
    ok("init", tmp_path / "w.db")
    ok("import", tmp_path / "w.db", corpus)
    output = ok("export", tmp_path / "w.db", tmp_path / "out.jsonl", "--only-done")
    assert ("1 document(s) have layers but none marked done and were not written; "
            "drop --only-done or mark them done") in output  # y has no layer: no loss
    assert "wrote 1 document(s)" in output


def test_export_only_done_is_quiet_when_nothing_is_left_out(work, tmp_path):
    output = ok("export", work, tmp_path / "a.jsonl", "--layer", "ann2", "--only-done")
    assert "not marked done" not in output and "wrote 2 document(s)" in output


# ------------------------------------------------------------------ 3. --docs ranges

@pytest.mark.parametrize("spec, message", [
    ("3-1", "--docs 3-1: the range is reversed (write the lower row first: 1-3)"),
    ("0-2", "--docs 0-2: there is no row 0 (rows are numbered from 1)"),
    ("0", "--docs 0: there is no row 0"),
])
def test_docs_ranges_say_what_is_wrong(work, tmp_path, spec, message):
    output = refused("export", work, tmp_path / "x.jsonl", "--docs", spec)
    assert message in output and "no document with the id" not in output


# ------------------------------------------------------------------ 4. project files given to import

def test_import_of_a_work_package_says_merge(work, tmp_path):
    ok("assign", work, "--annotators", "ann1,ann2", "--per-doc", "2", "--seed", "1")
    package = tmp_path / "ann1.db"
    ok("package", work, "--annotator", "ann1", package)
    output = refused("import", work, package)
    assert "is an annotator work package, not a file to import" in output
    assert f"annotator merge {work} {package}" in output
    assert "cannot tell the format" not in output


def test_import_of_a_project_or_another_database_says_what_it_is(work, tmp_path):
    other = tmp_path / "other.db"
    ok("init", other)
    output = refused("import", work, other, "--format", "jsonl")
    assert "is an annotator project, not a file to import" in output and f"annotator export {other}" in output
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    assert "is a SQLite database of another program" in refused("import", work, foreign)


# ------------------------------------------------------------------ 5. exports import reads back

def test_a_prodigy_export_named_dot_prodigy_is_read_back(work, tmp_path):
    out = tmp_path / "od_ann3.prodigy"
    ok("export", work, out, "--format", "prodigy", "--layer", "ann1")
    ok("init", tmp_path / "fresh.db")
    assert "reading as prodigy" in ok("import", tmp_path / "fresh.db", out)


def test_export_warns_when_import_would_not_recognise_the_file(work, tmp_path):
    result = cli("export", work, tmp_path / "ann1.txt", "--format", "doccano", "--layer", "ann1")
    assert result.exit_code == 0, result.output
    assert ("`annotator import` will not recognise " in result.output
            and "import it with --format doccano or name it *.jsonl" in result.output)
    quiet = ok("export", work, tmp_path / "ann1.jsonl", "--format", "doccano", "--layer", "ann1")
    assert "will not recognise" not in quiet


def test_agreement_names_the_existing_annotator_for_another_spelling(tmp_path):
    from typer.testing import CliRunner

    from annotator.cli.main import app

    runner = CliRunner()
    db = tmp_path / "w.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    assert runner.invoke(app, ["role", str(db), "ann1", "annotator"]).exit_code == 0
    assert runner.invoke(app, ["role", str(db), "ann2", "annotator"]).exit_code == 0
    result = runner.invoke(app, ["agreement", str(db), "--annotators", "ANN1,ann2"])
    assert result.exit_code == 2, result.output
    assert "use ann1" in result.output


# ------------------------------------------------------------------ export to what is not a plain file

def test_export_through_a_symlink_writes_its_target_and_keeps_the_link(work, tmp_path):
    """--force over a symlink replaced the link by a file and left the target as it was."""
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "ann1.jsonl"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "current.jsonl"
    link.symlink_to(target)
    refused("export", work, link)  # an existing file (behind the link) still needs --force
    ok("export", work, link, "--force")
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text(encoding="utf-8").count("\n") == 3 and "old" not in target.read_text(encoding="utf-8")


def test_export_to_dev_stdout_writes_into_the_shells_redirection(work, tmp_path):
    """`export P /dev/stdout > out.jsonl` was refused ("already exists (a file)"), with --force
    `>>` became an overwrite, and piped, "✓ wrote …" ended up as the last line of the data."""
    import subprocess
    import sys

    def shell(redirect: str) -> subprocess.CompletedProcess:
        command = f"'{sys.executable}' -m annotator.cli.main export '{work}' /dev/stdout {redirect}"
        return subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=tmp_path, timeout=120)

    out = tmp_path / "all.jsonl"
    out.write_text('{"id": "before"}\n', encoding="utf-8")
    result = shell(f">> '{out}'")
    assert result.returncode == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["before", "d1", "d2", "d3"]  # appended, data only
    assert "wrote 3 document(s)" in result.stderr and "will not recognise" not in result.stderr
    piped = shell("| cat")
    assert piped.returncode == 0 and [json.loads(line)["id"] for line in piped.stdout.splitlines()] == ["d1", "d2", "d3"]


def test_export_to_a_dash_writes_standard_output_not_a_file_named_dash(work, tmp_path):
    """Import reads standard input from `-`; export wrote a file named "-"."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "annotator.cli.main", "export", str(work), "-"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ["d1", "d2", "d3"]
    assert not (tmp_path / "-").exists()


def test_import_of_a_folder_with_nothing_to_read_is_refused(work, tmp_path):
    """It said "✓ imported 0 document(s)", exit 0, for an empty folder or one of notes only."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.md").write_text("about the corpus", encoding="utf-8")
    for folder in ("empty", "notes"):
        output = refused("import", work, tmp_path / folder)
        assert f"{tmp_path / folder}: the folder holds no file annotator reads" in output


def test_export_into_a_named_pipe_reaches_its_reader(work, tmp_path):
    """A FIFO was replaced by a regular file: the reader waiting on it got nothing."""
    import os
    import threading

    pipe = tmp_path / "stream.jsonl"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text(encoding="utf-8")))
    reader.start()
    ok("export", work, pipe)  # nothing to replace: no --force needed
    reader.join(10)
    assert received and received[0].count("\n") == 3 and json.loads(received[0].splitlines()[0])["text"] == TEXT
    assert pipe.is_fifo()


def test_a_full_disk_or_a_closed_folder_is_one_line_not_a_traceback(work, tmp_path, monkeypatch):
    import errno
    import tempfile

    full = refused("export", work, "/dev/full")  # a device that answers every write "disk full"
    assert "No space left on device" in full and "free some space" in full
    assert Path("/dev/full").is_char_device()  # written into, not replaced by a file

    def no_entry(*args, dir=None, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(Path(dir) / ".out.jsonl.x1y2.part"))

    monkeypatch.setattr(tempfile, "mkstemp", no_entry)
    closed = refused("export", work, tmp_path / "out.jsonl")
    assert f"the folder {tmp_path}: Permission denied; check the permissions" in closed
    assert ".part" not in closed


def test_push_into_a_set_up_but_empty_project_says_to_push_first(work, tmp_path):
    """A newcomer following the server section ran `role` before `push`: the refusal told them
    to use `annotator init`, which is what they had done."""
    target = tmp_path / "server.db"
    ok("init", target)
    ok("role", target, "ann1", "annotator")
    message = refused("push", work, target)
    assert "it has no documents, but roles or history already" in message
    assert "before setting it up" in message


def test_export_to_a_symlink_loop_or_a_folder_says_what_it_is(work, tmp_path):
    """A symlink loop printed a traceback (RuntimeError from Path.resolve); a folder given to a
    one-file format named its parent ("the folder …: Is a directory")."""
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    assert "leads round in a loop" in refused("export", work, tmp_path / "loop1")
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "old.txt").write_text("keep", encoding="utf-8")
    message = refused("export", work, folder, "--force")
    assert f"{folder} is a folder; this format is written to one file" in message
    assert (folder / "old.txt").read_text(encoding="utf-8") == "keep"


def test_export_only_done_of_a_project_with_no_layer_at_all_is_refused(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "y", "text": TEXT}) + "\n", encoding="utf-8")
    ok("init", tmp_path / "w.db")
    ok("import", tmp_path / "w.db", corpus)
    output = refused("export", tmp_path / "w.db", tmp_path / "out.jsonl", "--only-done")
    assert "no document has a layer marked done: nothing was written" in output
    assert not (tmp_path / "out.jsonl").exists()


def test_ctrl_c_after_the_last_document_was_read_says_the_import_completed(tmp_path, monkeypatch):
    """Ctrl+C as the commit ran said "stopping at the next document: a file not yet complete is
    rolled back", then "✓ imported" with every document in: it now says why nothing rolled back."""
    import signal

    from annotator.cli import transfer_cmds

    real = transfer_cmds.documents_to_import

    def pressed_at_the_end(*args, **kwargs):
        yield from real(*args, **kwargs)
        signal.raise_signal(signal.SIGINT)  # the CLI's handler: it only sets the cancel event

    monkeypatch.setattr(transfer_cmds, "documents_to_import", pressed_at_the_end)
    path = tmp_path / "w.db"
    ok("init", path)
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps({"id": f"d{i}", "text": f"Text {i}."}) + "\n" for i in range(3)),
                    encoding="utf-8")
    result = cli("import", path, data)
    assert result.exit_code == 0, result.output
    assert "the import completed" in result.output and "imported 3 document(s)" in result.output


@pytest.mark.parametrize("command", [["assign", "--annotators", "ann1"], ["role", "alice", "lead"],
                                     ["preannotate"], ["adjudicate", "--auto", "agree"]])
def test_a_writing_command_leaves_another_programs_database_and_an_empty_file_as_they_were(tmp_path, command):
    """They refused such a file ("not an annotator project") after switching it to WAL, and made
    an empty file a 4 kB database."""
    other, empty = tmp_path / "other.db", tmp_path / "empty.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")  # a common name: not what makes a project
    conn.commit()
    conn.close()
    empty.write_bytes(b"")
    before = other.read_bytes()
    for path in (other, empty):
        result = cli(command[0], path, *command[1:])
        assert result.exit_code == 2 and "not an annotator project" in result.output, result.output
    assert other.read_bytes() == before and empty.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db", "other.db"]


@pytest.mark.parametrize("args, said", [
    (["stats", "postgres://[::1/corpus"], "is not a PostgreSQL URL libpq can read"),  # a traceback before
    (["push", "{work}", ""], "given as an empty name"),  # a traceback before
    (["init", "postgresql:/localhost/corpus"], "looks like a PostgreSQL URL but is not one"),  # made a file
])
def test_a_mistyped_location_is_one_clear_error(work, tmp_path, monkeypatch, args, said):
    monkeypatch.chdir(tmp_path)
    result = cli(*[a.format(work=work) for a in args])
    assert result.exit_code == 2 and said in result.output, result.output
    assert "Traceback" not in result.output and not list(tmp_path.glob("postgresql*"))


def test_a_password_in_a_url_given_where_a_file_is_expected_is_never_printed(work, tmp_path):
    """Taken as a path ("postgresql:/postgres:secretpw@…"), the URL was printed whole."""
    url = "postgresql://postgres:secretpw@127.0.0.1:1/corpus"
    for args in (["restore", url, tmp_path / "t.db", "--force"], ["import", work, url],
                 ["merge", work, url]):
        result = cli(*args)
        assert result.exit_code == 2 and "secretpw" not in result.output and "***" in result.output, result.output


def test_no_more_workers_than_batches_are_started(tmp_path, monkeypatch):
    """--n-process 300 on one document started 300 processes (6 GB)."""
    from annotator.core import AnnotatedDocument, Document
    from annotator.preannotate import runner
    from annotator.store import Project
    from preannotate_support import default_nlp

    nlp = default_nlp()
    asked: list[int] = []
    real = type(nlp).pipe

    def pipe(self, texts, **kwargs):
        asked.append(kwargs.get("n_process", 1))
        return real(self, texts, **{**kwargs, "n_process": 1})

    monkeypatch.setattr(type(nlp), "pipe", pipe)
    with Project.create(tmp_path / "w.db") as p:
        p.import_documents([AnnotatedDocument(Document(f"Iran met Iraq on day {i}.", ext_id=f"d{i}"))
                            for i in range(5)])
        runner.run(p, nlp=nlp, batch_size=2, n_process=300)
    assert asked[0] == 3  # 5 documents in batches of 2


def test_role_sets_nothing_when_part_of_it_is_refused(work):
    """`role P alice annotator --db-user alice` on a project file said "✓ alice is now annotator",
    then refused --db-user with exit 2 -- and kept the role."""
    from annotator.store import Project, team

    result = cli("role", work, "alice", "annotator", "--db-user", "alice")
    assert result.exit_code == 2 and "database users are for server projects" in result.output
    assert "✓" not in result.output
    with Project.open(work, readonly=True) as p:
        assert team.role_of(p, "alice") is None


def test_a_package_or_pull_into_a_missing_folder_names_it_and_records_nothing(work, tmp_path):
    """The package's audit row ("Package", with its path) was written, then the copy failed
    naming the hidden temporary file: "nosuchdir/.p.db.partial: the folder … does not exist"."""
    from annotator.store import Project

    ok("assign", work, "--annotators", "ann1")
    with Project.open(work, readonly=True) as p:
        before = p.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    for args in (["package", work, tmp_path / "nope" / "p.db", "-a", "ann1"], ["pull", work, tmp_path / "nope" / "c.db"]):
        result = cli(*args)
        assert result.exit_code == 2 and "nope does not exist" in result.output, result.output
        assert ".partial" not in result.output
    with Project.open(work, readonly=True) as p:
        assert p.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == before
    assert not (tmp_path / "nope").exists()


def test_adjudication_never_takes_gold_as_one_of_its_sources(work):
    result = cli("adjudicate", work, "--auto", "agree", "--annotators", "gold,ann1", "--force")
    assert result.exit_code == 2 and "gold is what adjudication writes" in result.output, result.output


def test_a_project_file_without_read_permission_says_so(work):
    """It said "the project file is damaged … run annotator check" (and check said the same), or
    to a writing command "in a read-only place"."""
    import os
    import shutil
    import subprocess
    import sys

    prefix: list[str] = []
    if os.geteuid() == 0:  # root reads anything: drop the capabilities that let it
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv")
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search",
                  "--inh-caps=-dac_override,-dac_read_search"]
    os.chmod(work, 0)
    try:
        for command in (["stats"], ["check"], ["assign", "--annotators", "ann1"]):
            done = subprocess.run([*prefix, sys.executable, "-m", "annotator.cli.main", command[0], str(work),
                                   *command[1:]], capture_output=True, text=True, timeout=60)
            assert done.returncode == 2 and "cannot be read: permission denied" in done.stderr, done.stderr
    finally:
        os.chmod(work, 0o644)


def test_a_docbin_can_be_written_to_standard_output(work, tmp_path):
    """`export P - -f spacy` said "/dev/stdout exists and is not a folder" (a name without a
    suffix is a folder of parts)."""
    import subprocess
    import sys

    from spacy.tokens import DocBin

    ok("preannotate", work)
    done = subprocess.run([sys.executable, "-m", "annotator.cli.main", "export", str(work), "-", "-f", "spacy",
                           "-l", "model"], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert len(DocBin().from_bytes(done.stdout)) >= 1


def test_a_file_read_as_csv_by_mistake_names_a_few_columns_not_a_whole_line(work, tmp_path):
    data = tmp_path / "a.jsonl"
    data.write_text(json.dumps({"id": "a", "title": "t", "text": "word, " * 400}) + "\n", encoding="utf-8")
    result = cli("import", work, data, "-f", "csv")
    assert result.exit_code == 2 and "no column named 'text'" in result.output
    assert len(result.output) < 1200 and "more" in result.output, len(result.output)


@pytest.mark.parametrize("args, said", [
    (["agreement", "{work}", "--annotators", ",,"], "--annotators names nobody"),
    (["package", "{work}", "{tmp}/p.db", "-a", ""], "name the annotator whose work to package"),
    (["gui", "{work}", "--annotator", " "], "--annotator needs a name"),
])
def test_an_empty_annotator_name_is_refused(work, tmp_path, args, said):
    """'' and ',,' meant everybody (and the count said "0 with work"), '' packaged for nobody
    ("error:  has no documents assigned"), and the window opened as nobody."""
    result = cli(*[a.format(work=work, tmp=tmp_path) for a in args])
    assert result.exit_code == 2 and said in result.output, result.output


@pytest.mark.parametrize("layer", ["model", "gold"])
def test_the_model_and_gold_layers_have_no_role_to_change(work, layer):
    result = cli("role", work, layer, "annotator")
    assert result.exit_code == 2 and f"the {layer} layer is not a person" in result.output, result.output


def test_a_table_piped_into_head_ends_quietly_with_exit_0(tmp_path):
    """`annotator agreement P | head -1` ended with exit 1 (rich's own broken-pipe exit), where
    `annotator export P - | head` ends with 0."""
    import subprocess
    import sys

    path = tmp_path / "w.db"
    text = "Israel attacked Gaza. Egypt urged calm in Cairo."
    records = [{"id": f"d{i}", "text": f"{text} #{i}", "annotations": [
        {"annotator": name, "state": "done", "events": [],
         "spans": [{"id": 1, "start": 0, "end": 6, "label": "GPE", "layer": "entity"}]} for name in ("ann1", "ann2")]}
        for i in range(300)]
    (tmp_path / "d.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ok("init", path)
    ok("import", path, tmp_path / "d.jsonl")
    script = (f"{sys.executable} -m annotator.cli.main agreement {path} --by document | head -1 >/dev/null; "
              "echo ${PIPESTATUS[0]}")
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "0", done.stderr
    assert "Traceback" not in done.stderr and "error" not in done.stderr


def test_export_names_the_formats_it_writes(tmp_path):
    """An unknown export format was answered with every format, "csv" among them, which export
    then refused: the list offered only what it can write."""
    path = tmp_path / "w.db"
    ok("init", path)
    for fmt, said in (("conll", "unknown export format 'conll'"), ("csv", "format 'csv' cannot be exported")):
        result = cli("export", path, tmp_path / "x.out", "--format", fmt)
        assert result.exit_code == 2 and said in result.output
        assert "csv" not in result.output.split("use one of")[1]


def test_a_text_twice_in_one_file_is_named_by_its_words(tmp_path):
    """It said "1 document(s) were already in the project ... (e.g. #1)": it was not in the
    project, and "#1" named nothing a user sees."""
    path = tmp_path / "w.db"
    ok("init", path)
    (tmp_path / "d.jsonl").write_text('{"text": "Israel attacked Gaza on Monday."}\n' * 2, encoding="utf-8")
    out = ok("import", path, tmp_path / "d.jsonl")
    assert "(or earlier in the file)" in out and "“Israel attacked Gaza on Monday.…”" in out and "#1" not in out


def test_a_project_of_document_labels_only_says_where_they_are_exported(tmp_path):
    """A Prodigy text classification import keeps its answers in the documents' meta (no span
    layer): every foreign export said "pass --layer", and no --layer helped."""
    tasks = tmp_path / "textcat.jsonl"
    tasks.write_text("".join(json.dumps({"text": text, "label": "POLITICAL", "answer": answer,
                                         "_view_id": "classification", "_input_hash": n, "_task_hash": n})
                             + "\n" for n, (text, answer) in enumerate([(TEXT, "accept"), ("Rain today.", "reject")])),
                     encoding="utf-8")
    db = tmp_path / "p.db"
    ok("init", db)
    ok("import", db, tasks)
    said = refused("export", db, tmp_path / "out.spacy", "--format", "spacy")
    assert "no layer has work yet" in said and "--format jsonl" in said and not (tmp_path / "out.spacy").exists()
    ok("export", db, tmp_path / "all.jsonl")
    cats = [json.loads(line)["meta"].get("cats") for line in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert cats == [{"POLITICAL": 1.0}, {"POLITICAL": 0.0}]
