"""The CLI tour of the README works, every command has --help, and the README stays in step."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from annotator import __version__
from annotator.cli.main import app

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()


def run(*args) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def command_names() -> list[str]:
    group = typer.main.get_group(app)
    return sorted(group.commands)


def test_version():
    assert run("--version").strip() == f"annotator {__version__}"


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help(name):
    output = run(name, "--help")
    assert "Usage:" in output and name in output


def test_the_foundation_tour(tmp_path):
    work = tmp_path / "work.db"
    run("init", work)
    run("import", work, REPO / "seeds", REPO / "corpora" / "demo.jsonl")
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"id": "m1", "text": "Iran warned Israel.", "annotations": [{"spans": [
        {"start": 0, "end": 4, "label": "GPE", "actor_code": "IRN"}]}]}) + "\n", encoding="utf-8")
    run("import", work, more, "--annotator", "ann1")
    stats = json.loads(run("stats", work, "--json"))
    assert stats["documents"] == 79  # the demo corpus holds the seed article: not duplicated
    assert {a["name"] for a in stats["annotators"]} >= {"model", "gold", "ann1"}
    run("export", work, tmp_path / "dump.jsonl", "--format", "jsonl")
    lines = (tmp_path / "dump.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 79
    assert "is sound" in run("check", work)


def _import_through(tmp_path, monkeypatch, count, wrap):
    """`annotator import` of `count` one-line documents, read by `wrap(the real JSONL reader)`."""
    from annotator.formats import native

    work = tmp_path / "work.db"
    run("init", work)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"text": f"doc {i}"}) + "\n" for i in range(count)), encoding="utf-8")
    monkeypatch.setattr("annotator.cli.transfer_cmds.get", lambda name: _with_reader(name, wrap(native.read)))
    return work, runner.invoke(app, ["import", str(work), str(corpus)])


def test_interrupting_an_import_keeps_the_project_consistent(tmp_path, monkeypatch):
    def interrupted(real_read):
        def read(path, options):
            for i, doc in enumerate(real_read(path, options)):
                if i == 2500:
                    raise KeyboardInterrupt
                yield doc
        return read

    work, result = _import_through(tmp_path, monkeypatch, 3000, interrupted)
    assert result.exit_code == 130
    assert "cancelled" in result.output
    stats = json.loads(run("stats", work, "--json"))
    assert stats["documents"] == 0
    assert "is sound" in run("check", work)


@pytest.mark.parametrize("when", ["while reading", "after the last document"])
def test_ctrl_c_rolls_back_a_file_being_read_but_not_one_already_read(tmp_path, monkeypatch, when):
    """A real SIGINT. Raised at any moment, a Ctrl+C that landed after the commit (a large
    import's checkpoint takes a second) said "rolled back" of 20,000 documents that were in."""
    import os
    import signal

    def pressed(real_read):
        def read(path, options):
            for i, doc in enumerate(real_read(path, options)):
                if when == "while reading" and i == 200:
                    os.kill(os.getpid(), signal.SIGINT)
                yield doc
            if when == "after the last document":
                os.kill(os.getpid(), signal.SIGINT)
        return read

    work, result = _import_through(tmp_path, monkeypatch, 300, pressed)
    stats = json.loads(run("stats", work, "--json"))
    if when == "while reading":
        assert result.exit_code == 130 and "cancelled" in result.output
        assert stats["documents"] == 0
    else:
        assert result.exit_code == 0 and "imported 300 document(s)" in result.output
        assert stats["documents"] == 300


def _with_reader(name, reader):
    from dataclasses import replace

    from annotator.formats import registry

    fmt = registry.get(name)
    return replace(fmt, reader=reader) if name == "jsonl" else fmt


def test_user_errors_print_one_line_without_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "annotator.cli.main", "stats", str(tmp_path / "missing.db")],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "does not exist" in result.stderr
    assert "annotator init" in result.stderr


def test_readme_usage_matches_the_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\s*annotator ([a-z][a-z-]*)\b", readme, re.M))
    commands = set(command_names())
    assert commands - documented == set(), "commands missing from the README usage section"
    assert documented - commands == set(), "README mentions commands that do not exist"
    for name in commands:
        for option in re.findall(r"--[a-z][a-z-]+", run(name, "--help")):
            if option != "--help":
                assert option in readme, f"{name} {option} is not in the README"
