"""Every command that takes a project takes a SQLite file or a PostgreSQL URL (issue 17, item 1),
and a password written into the URL never appears in what the commands print.

The same round runs on a file and on a server database: init, import, stats, check, assign,
progress, role, preannotate, agreement, adjudicate, evaluate, export. The server cases use the
throwaway cluster of tests/pg_cluster.py and are skipped where PostgreSQL is not installed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run as cli

from annotator.store import Project

PASSWORD = "s3cret-Pa55"
TEXTS = {
    "a1": "Iran warned Israel on Monday.",
    "a2": "Hamas fired rockets at Israel. Egypt urged calm.",
    "a3": "Qatar hosted talks in Doha on Tuesday.",
}



def with_password(url: str) -> str:
    """The test cluster trusts every local connection, so any password connects."""
    return url.replace("postgresql://postgres@", f"postgresql://postgres:{PASSWORD}@", 1)


def _layer(name: str, text: str) -> dict:
    """A done layer: "Iran"/"Israel"/... as GPE or ORG, the same for both annotators except ann2's
    last span label, so agreement and adjudication have something to find."""
    words = [w.strip(".,") for w in text.split() if w[:1].isupper()]
    spans = []
    for i, word in enumerate(words):
        start = text.index(word)
        label = "ORG" if (name == "ann2" and i == len(words) - 1) else "GPE"
        spans.append({"id": i + 1, "start": start, "end": start + len(word), "label": label})
    return {"annotator": name, "state": "done", "spans": spans}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps({"id": ext, "text": text,
                                        "annotations": [_layer("ann1", text), _layer("ann2", text)]}) + "\n"
                            for ext, text in TEXTS.items()), encoding="utf-8")
    return path


@pytest.fixture(params=["file", "server"])
def location(request, tmp_path: Path) -> str:
    if request.param == "file":
        return str(tmp_path / "work.db")
    return with_password(request.getfixturevalue("new_pg_url")())


def test_a_whole_round_runs_on_a_file_or_a_server_url(location, corpus, tmp_path):
    outputs = [cli("init", location)]
    outputs.append(cli("import", location, corpus))
    assert "imported 3 document(s), 6 layer(s)" in outputs[-1]
    stats = cli("stats", location, "--json")
    data = json.loads(stats)
    assert data["documents"] == 3 and {a["name"] for a in data["annotators"]} >= {"ann1", "ann2"}
    outputs += [stats, cli("stats", location)]
    outputs.append(cli("check", location))
    assert "is sound" in outputs[-1]
    outputs.append(cli("assign", location, "--annotators", "ann1,ann2", "--per-doc", "2", "--seed", "3"))
    outputs.append(cli("progress", location, "--json"))
    rows = {r["name"]: r for r in json.loads(outputs[-1])["annotators"]}
    assert rows["ann1"]["assigned"] == 3 and rows["ann1"]["done"] == 3
    outputs.append(cli("role", location, "ann2", "lead"))
    assert "ann2" in cli("role", location) and "lead" in outputs[-1]
    outputs.append(cli("preannotate", location, "--docs", "a1,a2"))
    assert "2 of 2 documents pre-annotated" in outputs[-1]
    outputs.append(cli("agreement", location, "--annotators", "ann1,ann2", "--level", "span", "--json"))
    report = json.loads(outputs[-1])
    assert report["documents"]["counted"] == 3 and report["pairs"][0]["a"] == "ann1"
    outputs.append(cli("adjudicate", location, "--auto", "agree", "--annotators", "ann1,ann2"))
    assert "wrote gold for 3 document(s)" in outputs[-1]
    # gold written by adjudicate is not marked done (the adjudicator's sign-off): --only-done waits for it
    outputs.append(cli("evaluate", location, "--layer", "ann1", "--against", "gold", "--only-done", "--json"))
    assert json.loads(outputs[-1])["left_out"]["reference"]["in_progress"] == 3
    outputs.append(cli("evaluate", location, "--layer", "ann1", "--against", "gold", "--json"))
    assert json.loads(outputs[-1])["documents"] == 3
    out = tmp_path / "gold.jsonl"
    outputs.append(cli("export", location, out, "--layer", "gold"))
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in exported] == ["a1", "a2", "a3"]
    assert all(d["annotations"][0]["annotator"] == "gold" and d["annotations"][0]["spans"] for d in exported)

    with Project.open(location, readonly=True) as p:  # the commands wrote where they said
        assert p.is_server == location.startswith("postgresql://")
        assert p.count_documents() == 3
    if location.startswith("postgresql://"):
        assert all(PASSWORD not in text for text in outputs)
        assert "postgres:***@127.0.0.1" in outputs[0]  # "created <masked URL> with scheme ..."


def test_a_password_in_the_url_never_appears_in_output_or_errors(new_pg_url, corpus, tmp_path):
    url = with_password(new_pg_url())
    missing = url.rsplit("/", 1)[0] + "/no_such_database"
    seen = [
        cli("init", url),
        cli("init", url, code=2),  # already a project
        cli("init", missing, code=2),  # the database does not exist: createdb hint
        cli("stats", missing, code=2),
        cli("import", url, corpus),
        cli("stats", url),
        cli("stats", url, "--json"),
        cli("export", url, tmp_path / "all.jsonl"),
        cli("evaluate", url, "--layer", "nobody", code=2),
        cli("agreement", url, "--annotators", "ann1,nobody", code=2),
        cli("export", url, tmp_path / "x.jsonl", "--docs", "zz9", code=2),
        cli("role", url, "ann1", code=2),
        cli("backup", url, tmp_path / "server-copy.db"),  # a desktop copy, as pull writes
        cli("restore", tmp_path / "copy.db", url, code=2),
        cli("progress", url),
    ]
    for text in seen:
        assert PASSWORD not in text, text
    assert "createdb -h 127.0.0.1" in seen[2] and "no_such_database" in seen[2]
    assert "backed up" in seen[12] and "server-copy.db" in seen[12]
    assert "pg_restore" in seen[13]
    assert (tmp_path / "all.jsonl").read_text(encoding="utf-8").count("\n") == 3
    with Project.open(tmp_path / "server-copy.db", readonly=True) as copy:
        assert copy.count_documents() == 3


def test_gui_takes_a_url_unmangled(monkeypatch, new_pg_url):
    """`annotator gui URL --annotator NAME` hands the URL to the app as typed (a Path argument
    turned postgresql:// into postgresql:/); the window itself is tested in tests/gui."""
    import annotator.cli.gui_cmd as gui_cmd

    url = with_password(new_pg_url())
    Project.create(url).close()
    opened: list[tuple[object, object]] = []
    monkeypatch.setattr(gui_cmd, "launch", lambda where, name: opened.append((where, name)) or 0)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    cli("gui", url, "--annotator", "ann1")
    assert opened == [(url, "ann1")]


def test_every_command_says_it_takes_a_url():
    for name in ("init", "import", "export", "preannotate", "stats", "check", "agreement", "adjudicate",
                 "evaluate", "train", "assign", "progress", "role", "gui", "package", "merge", "backup"):
        assert "PostgreSQL URL" in cli(name, "--help"), name
