"""Whose work a package holds, and names that differ only in case (docs/team.md).

- A work package belongs to one annotator: it refuses to open or write anyone else's layer (the
  merge brings back only the package annotator's work, so that work would be lost).
- A package that holds work under another name anyway (made by an older version) is merged for
  its annotator and the rest is reported — in the text, in --json `not_merged` and by exit 1 —
  never dropped without a word.
- A new annotator whose name equals an existing one (or a name the system uses: model, gold, lead)
  but for case is refused, naming the existing one; a copy of an older project keeps its names.
"""

from __future__ import annotations

import json

import pytest
from team_helpers import make_project
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core import AddSpan, InputError, ProjectError, SetDocState, Span, accept, new_id
from annotator.store import Project, pushpull, sessions, team

runner = CliRunner()


def run(*args, code: int = 0) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.output


@pytest.fixture
def work(tmp_path):
    p = make_project(tmp_path / "work.db", 6)
    team.assign(p, ["ann1", "ann2"], per_doc=1, seed=7)
    yield p
    p.close()


def _package(work: Project, who: str, tmp_path) -> tuple:
    dest = tmp_path / f"{who}.db"
    team.package(work, who, dest)
    return dest, sorted(team.assignments(work, who))


def _finish(pkg: Project, doc: int, who: str, seconds: float = 600) -> None:
    """Accept every suggestion, mark the document done, count the time: one finished document."""
    for span in pkg.open_layer(doc, who).sorted_spans():
        pkg.apply(doc, who, accept(span))
    pkg.apply(doc, who, SetDocState(pkg.layer(doc, who).state, "done"))
    pkg.add_time(doc, who, seconds)


def _work_as_in_an_old_package(dest, doc_ids: list[int], who: str) -> None:
    """Work saved under `who` in a package by an older version, which neither refused other
    names nor other spellings: the package's own mark is taken away while the work is saved,
    then put back, and `who` is added as that version added it."""
    with Project.open(dest) as pkg:
        owner = pkg.meta()["package_annotator"]
        with pkg.write():
            pkg.conn.execute("DELETE FROM meta WHERE key = 'package_annotator'")
            pkg.conn.execute("INSERT OR IGNORE INTO annotators (name, role) VALUES (?, 'annotator')", (who,))
    with Project.open(dest) as pkg:
        for doc in doc_ids:
            _finish(pkg, doc, who)
        with pkg.write():
            pkg.connection.set_meta("package_annotator", owner)


# ====================================================================== a package is one person's
def test_a_package_refuses_to_open_or_write_another_annotators_layer(work, tmp_path):
    dest, docs = _package(work, "ann2", tmp_path)
    with Project.open(dest) as pkg:
        before = pkg.annotator_names()
        for name in ("Ann2", "ann1", "gold"):
            with pytest.raises(ProjectError, match=rf"{dest.name} is ann2's work package.*{name}"):
                pkg.open_layer(docs[0], name)
            with pytest.raises(ProjectError, match="ann2's work package"):
                pkg.apply(docs[0], name, AddSpan(Span(new_id(), 0, 6, "GPE")))
            with pytest.raises(ProjectError, match="ann2's work package"):
                pkg.add_time(docs[0], name, 60)
        assert pkg.annotator_names() == before  # nobody was created
        assert pkg.layer(docs[0], "gold").spans == {}  # reading stays possible
        _finish(pkg, docs[0], "ann2")  # the package's own annotator works as before
        assert pkg.layer(docs[0], "ann2").state == "done"


def test_the_window_cannot_start_on_a_package_as_someone_else(work, tmp_path):
    # The desktop app takes the session lock first (gui/locking.take_session): the refusal
    # arrives before any window opens, with the name to use.
    dest, _ = _package(work, "ann2", tmp_path)
    with Project.open(dest) as pkg:
        with pytest.raises(ProjectError, match="ann2's work package") as refused:
            sessions.acquire(pkg, "ANN2")
        assert "--annotator ann2" in refused.value.hint
        sessions.acquire(pkg, "ann2").release()
    with pytest.raises(ProjectError, match="ANN1 differs only in case from the annotator ann1; use ann1"):
        sessions.acquire(work, "ANN1")  # in the team's project: a second spelling


# ====================================================================== merge says what it left
def test_merge_reports_work_under_another_name_and_brings_the_annotators_own(work, tmp_path):
    dest, docs = _package(work, "ann2", tmp_path)
    with Project.open(dest) as pkg:
        _finish(pkg, docs[2], "ann2", seconds=120)
    _work_as_in_an_old_package(dest, docs[:2], "Ann2")
    report = team.merge(work, dest)
    assert report.layers_updated == 1 and report.seconds_added == pytest.approx(120)  # ann2's own
    (left,) = report.left_in_package
    assert (left.name, left.documents, left.seconds) == ("Ann2", docs[:2], pytest.approx(1200))
    assert left.edits == 2 * (5 + 1)  # five accepts and "done" on each document
    assert len(report.not_merged) == 1 and "'Ann2'" in report.not_merged[0]
    assert "2 documents" in report.not_merged[0] and "20m" in report.not_merged[0]
    assert "Ann2" not in work.annotator_names()  # never written into the project
    again = team.merge(work, dest)  # still there, still said
    assert not again.changed and again.not_merged == report.not_merged


def test_merge_command_warns_and_exits_1_when_work_is_left_in_the_package(work, tmp_path):
    dest, docs = _package(work, "ann2", tmp_path)
    _work_as_in_an_old_package(dest, docs[:2], "Ann2")
    _work_as_in_an_old_package(dest, docs[2:3], "gold")
    work.close()
    out = run("merge", tmp_path / "work.db", dest, code=1)
    assert "already up to date" not in out
    assert "'Ann2'" in out and "'gold'" in out and "not merged" in out
    data = json.loads(run("merge", tmp_path / "work.db", dest, "--json", code=1))
    left = {entry["name"]: entry for entry in data["left_in_package"]}
    assert set(left) == {"Ann2", "gold"} and left["Ann2"]["documents"] == docs[:2]
    assert left["gold"]["documents"] == docs[2:3] and left["gold"]["seconds"] == 600
    assert len(data["not_merged"]) == 2 and data["layers_updated"] == 0


def test_a_clean_package_still_merges_with_exit_0(work, tmp_path):
    dest, docs = _package(work, "ann2", tmp_path)
    with Project.open(dest) as pkg:
        _finish(pkg, docs[0], "ann2")
    work.close()
    assert "1 document updated" in run("merge", tmp_path / "work.db", dest)
    assert "already up to date" in run("merge", tmp_path / "work.db", dest)


# ====================================================================== names that differ only in case
def test_assign_refuses_two_spellings_of_one_name_and_creates_nobody(tmp_path):
    with make_project(tmp_path / "c.db", 4) as p:
        before = p.annotator_names()
        with pytest.raises(InputError, match="Ann1 and ann1 differ only in case"):
            team.assign(p, ["Ann1", "ann1"], per_doc=2)
        assert p.annotator_names() == before and team.assignments(p) == {}


def test_a_new_spelling_of_an_existing_annotator_is_refused_naming_them(work):
    with pytest.raises(InputError, match="ANN2 differs only in case from the annotator ann2; use ann2"):
        team.set_role(work, "ANN2", "lead")
    with pytest.raises(InputError, match="use ann1"):
        work.open_layer(1, "Ann1")
    with pytest.raises(InputError, match="use gold"):
        work.apply(1, "Gold", AddSpan(Span(new_id(), 0, 6, "GPE")))
    assert work.case_twin("ANN2") == "ann2" and work.case_twin("ann2") is None
    assert not [n for n in work.annotator_names() if n in ("ANN2", "Ann1", "Gold")]


def test_names_the_system_uses_are_taken_in_every_spelling(work):
    # "lead" is created when the first system row is written: a person "Lead" would block it.
    with pytest.raises(InputError, match="Lead differs only in case from lead"):
        team.assign(work, ["Lead"])
    with pytest.raises(InputError, match="use model"):
        work.open_layer(1, "MODEL")


def test_package_of_a_misspelt_name_suggests_the_existing_one(work, tmp_path):
    with pytest.raises(InputError, match="ANN1 differs only in case from the annotator ann1; use ann1") as refused:
        team.package(work, "ANN1", tmp_path / "x.db")
    assert "annotator assign" not in str(refused.value)
    assert not (tmp_path / "x.db").exists()


def test_cli_refusals_name_the_existing_annotator(work, tmp_path):
    work.close()
    c = tmp_path / "work.db"
    out = run("assign", c, "--annotators", "Ann3,ann3", "--per-doc", "2", code=2)
    assert "Ann3 and ann3 differ only in case" in out
    out = run("role", c, "ANN2", "lead", code=2)
    assert "ANN2 differs only in case from the annotator ann2; use ann2" in out
    out = run("package", c, "--annotator", "ANN1", tmp_path / "x.db", code=2)
    assert "use ann1" in out and "annotator assign" not in out
    out = run("export", c, tmp_path / "x.jsonl", "--layer", "ANN1", code=2)
    assert "use ann1" in out
    with Project.open(c, readonly=True) as p:
        assert not {"Ann3", "ann3", "ANN2", "ANN1"} & set(p.annotator_names())


def test_a_copy_of_an_older_project_keeps_names_that_differ_only_in_case(tmp_path):
    # Made before the rule: both spellings exist and hold work. push / pull copy them as they are.
    with make_project(tmp_path / "old.db", 2) as p:
        with p.write():
            p.conn.execute("INSERT INTO annotators (name, role) VALUES ('Ann1', 'annotator'), "
                           "('ann1', 'annotator')")
        p.apply(1, "Ann1", AddSpan(Span(new_id(), 0, 6, "GPE")))
        p.apply(1, "ann1", AddSpan(Span(new_id(), 16, 20, "GPE")))
    pushpull.push(tmp_path / "old.db", tmp_path / "copy.db")
    with Project.open(tmp_path / "copy.db") as copy:
        assert {"Ann1", "ann1"} <= set(copy.annotator_names())
        assert len(copy.layer(1, "Ann1").spans) == len(copy.layer(1, "ann1").spans) == 1


def test_merging_a_package_that_does_not_exist_says_so(tmp_path):
    from typer.testing import CliRunner

    from annotator.cli.main import app

    runner = CliRunner()
    db = tmp_path / "w.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    result = runner.invoke(app, ["merge", str(db), str(tmp_path / "nowhere.db")])
    assert result.exit_code == 2, result.output
    assert "does not exist" in result.output and "annotator init" not in result.output
    assert not (tmp_path / "nowhere.db").exists()
