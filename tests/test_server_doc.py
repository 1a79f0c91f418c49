"""docs/server.md is a walk-through a lead follows: every `annotator` command it shows runs, in
the order shown, against a real (throwaway) PostgreSQL server, with the example host replaced by
the test cluster's; `pg_dump` as shown makes a dump. Where the doc has the annotators open the app
(`gui`), their work is made through the store as the window would; `push` (a desktop project of the
lead's) is left out. tests/gui/test_server_gui.py and tests/test_pushpull.py run those two."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.store import Project, team

DOC = Path(__file__).resolve().parent.parent / "docs" / "server.md"
EXAMPLE = "postgresql://lead@db.example/corpus"
PEOPLE = ["ann1", "ann2", "ann3", "ann4", "ann5"]


def doc_commands() -> list[list[str]]:
    """The `annotator ...` commands of the doc, in order: code-block lines and inline code, with
    `for name in ...` loops expanded and comments dropped."""
    text = DOC.read_text(encoding="utf-8")
    commands: list[list[str]] = []
    loop: list[str] | None = None
    for block, inline in re.findall(r"```(?:bash|sh)?\n(.*?)```|`(annotator [^`]+)`", text, re.S):
        for line in (block.splitlines() if block else [inline]):
            line = line.split(" #")[0].strip()
            if line.startswith("for name in"):
                loop = line.split(" in ", 1)[1].split(";")[0].split()
            elif line == "done":
                loop = None
            elif line.startswith("annotator ") and len(line.split()) > 2:
                for name in (loop or [None]):
                    words = shlex.split(line.replace("$name", name) if name else line)
                    commands.append(words[1:])
    return commands


def test_the_doc_shows_the_whole_round():
    shown = {c[0] for c in doc_commands()}
    assert {"init", "import", "preannotate", "role", "assign", "gui", "progress", "agreement", "adjudicate",
            "export", "package", "merge", "pull", "push"} <= shown


def test_a_lead_can_follow_the_server_walkthrough(new_pg_url, pg_cluster, tmp_path, monkeypatch):
    url = new_pg_url()
    suffix = url.rsplit("_", 1)[1][:6]  # database users are the cluster's: one set per test run
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles.jsonl").write_text("".join(
        json.dumps({"id": f"n{i}", "text": f"Iran warned Israel on Monday. Egypt urged calm in Cairo ({i})."}) + "\n"
        for i in range(12)), encoding="utf-8")
    runner = CliRunner()
    ran = []
    for words in doc_commands():
        if words[0] == "push":
            continue
        if words[0] == "gui":
            _annotators_work(url)
            continue
        args = [w.replace(EXAMPLE, url).replace("$U", url) for w in words]
        if "--db-user" in args:  # the doc's user names, made unique in the shared test cluster
            i = args.index("--db-user") + 1
            args[i] = f"{args[i]}_{suffix}"
        result = runner.invoke(app, args)
        assert result.exit_code == 0, f"annotator {' '.join(words)}:\n{result.output}"
        ran.append(words[0])
    assert ran.count("role") >= len(PEOPLE) + 2 and "adjudicate" in ran and "merge" in ran
    with Project.open(url) as p:
        assert p.count_documents() == 12
        assert set(team.database_users(p).values()) >= set(PEOPLE)
        assert not team.blind(p)  # the doc turns it off after the round
    assert Path("gold.jsonl").is_file() and Path("ann3.db").is_file() and Path("archive.db").is_file()
    with Project.open(tmp_path / "archive.db", readonly=True) as archive:
        assert archive.count_documents() == 12
    dump = tmp_path / "corpus.dump"
    pg_dump = Path(pg_cluster.bindir) / "pg_dump" if pg_cluster.bindir else "pg_dump"
    subprocess.run([str(pg_dump), "-Fc", "-f", str(dump), url], check=True)
    assert dump.stat().st_size > 1000


def _annotators_work(url: str) -> None:
    """Each annotator codes their assigned documents and marks them done, as in the app: the
    first capitalised word as GPE, so annotators who share a document agree on it."""
    from annotator.core import AddSpan, SetDocState, Span, new_id

    with Project.open(url) as p:
        for name in PEOPLE:
            for doc_id in sorted(team.assignments(p, name)):
                p.open_layer(doc_id, name)  # the suggestions copied, as when the window opens it
                p.apply(doc_id, name, AddSpan(Span(new_id(), 0, 4, "GPE")))
                p.apply(doc_id, name, SetDocState(p.layer(doc_id, name).state, "done"))
