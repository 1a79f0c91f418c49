"""An annotator's database user in blind mode cannot read the other layers (PostgreSQL's row
security hides them). Every command that reads layers it cannot see refuses, naming them, exit 2
and nothing written -- as pull always did -- instead of reporting empty layers as a result:
export (a named layer, and every layer), agreement, adjudicate, evaluate, backup; `stats` marks
those layers hidden instead of showing zeros. One store rule decides (store/roles.py
check_may_read). Uses the throwaway cluster of tests/pg_cluster.py (skipped without PostgreSQL).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run as cli
from pg_cluster import as_user

from annotator.core.errors import ProjectError
from annotator.store import Project, team
from annotator.store.pushpull import pull

TEXTS = {
    "a1": "Iran warned Israel on Monday.",
    "a2": "Hamas fired rockets at Israel. Egypt urged calm.",
    "a3": "Qatar hosted talks in Doha on Tuesday.",
}


def _layer(name: str, text: str) -> dict:
    words = [w.strip(".,") for w in text.split() if w[:1].isupper()]
    spans = [{"id": i + 1, "start": text.index(w), "end": text.index(w) + len(w), "label": "GPE"}
             for i, w in enumerate(words)]
    return {"annotator": name, "state": "done", "spans": spans}


@pytest.fixture
def team_server(new_pg_url, tmp_path: Path):
    """A server project (owner = the lead) with three documents done by ann1 and ann2, gold
    adjudicated, and database users for ann1, ann2 (annotators) and boss (a lead), blind mode on
    (the default): (owner's URL, ann1's URL, boss's URL)."""
    corpus = tmp_path / "docs.jsonl"
    corpus.write_text("".join(json.dumps({"id": ext, "text": text,
                                          "annotations": [_layer("ann1", text), _layer("ann2", text)]}) + "\n"
                              for ext, text in TEXTS.items()), encoding="utf-8")
    url = new_pg_url()
    suffix = url.rsplit("_", 1)[1][:6]  # database users belong to the cluster: unique per test
    cli("init", url)
    cli("import", url, corpus)
    cli("adjudicate", url, "--auto", "agree", "--annotators", "ann1,ann2")
    for name, role in (("ann1", "annotator"), ("ann2", "annotator"), ("boss", "lead")):
        cli("role", url, name, role, "--db-user", f"{name}_{suffix}")
    return url, as_user(url, f"ann1_{suffix}"), as_user(url, f"boss_{suffix}")


def _gold_spans(url: str) -> int:
    with Project.open(url, readonly=True) as p:
        return sum(len(p.layer(doc_id, "gold").spans) for doc_id in (1, 2, 3))


def test_the_store_knows_which_layers_a_connection_cannot_read(team_server):
    owner, ann1, boss = team_server
    with Project.open(ann1, readonly=True) as p:
        assert team.database_identity(p) == "ann1"
        assert {"ann2", "gold"} <= set(team.hidden_layers(p))
        assert not {"ann1", "model"} & set(team.hidden_layers(p))
        team.check_may_read(p, ["ann1", "model"])  # their own layer and the suggestions: fine
        with pytest.raises(ProjectError, match=r"database user of ann1.*hides the layer ann2 from this connection"):
            team.check_may_read(p, ["ann1", "ann2"])
        with pytest.raises(ProjectError, match="gold"):
            team.check_may_read(p)  # every layer
    for url in (owner, boss):  # the owner and a lead's user read everything
        with Project.open(url, readonly=True) as p:
            assert team.hidden_layers(p) == []
            team.check_may_read(p)


def test_exporting_layers_hidden_by_blind_mode_is_refused(team_server, tmp_path):
    _, ann1, boss = team_server
    for args in (["--layer", "ann2"], ["--format", "prodigy", "--layer", "ann2"], ["--layer", "gold"],
                 [], ["--format", "prodigy"]):  # a named layer, every layer, "the only layer with work"
        out = tmp_path / "x.jsonl"
        output = cli("export", ann1, out, *args, code=2)
        assert "database user of ann1" in output and "nothing was written" in output, args
        hint = output.replace("\n", " ").split("--layer (", 1)[1]
        assert ("gold" if "gold" in args else "ann2") in output.split("hides", 1)[1], output
        assert "ann1" in hint.split(")")[0], output
        assert not out.exists(), args
    # Their own layer and the model's suggestions: exported as before.
    cli("export", ann1, tmp_path / "mine.jsonl", "--layer", "ann1")
    rows = [json.loads(line) for line in (tmp_path / "mine.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 3 and all(row["annotations"] and row["annotations"][0]["spans"] for row in rows)
    # A lead's user exports every layer.
    cli("export", boss, tmp_path / "all.jsonl")
    cli("export", boss, tmp_path / "ann2.jsonl", "--layer", "ann2")
    assert all(json.loads(line)["annotations"][0]["spans"]
               for line in (tmp_path / "ann2.jsonl").read_text(encoding="utf-8").splitlines())


def test_agreement_adjudication_and_evaluation_over_hidden_layers_are_refused(team_server):
    owner, ann1, boss = team_server
    before = _gold_spans(owner)
    assert before > 0
    for args in (["agreement", ann1, "--annotators", "ann1,ann2"], ["agreement", ann1],
                 ["adjudicate", ann1, "--auto", "agree", "--annotators", "ann1,ann2", "--force", "--include-all"],
                 ["adjudicate", ann1, "--auto", "agree", "--force"],
                 ["evaluate", ann1, "--layer", "ann1", "--against", "gold"]):
        output = cli(*args, code=2)
        hidden = output.split("hides", 1)[1].split("from this connection")[0]
        assert "database user of ann1" in output and ("gold" if "evaluate" in args else "ann2") in hidden, args
        assert "nothing was" in output, args
    assert _gold_spans(owner) == before  # adjudicate wrote nothing
    assert "3 of 3 document(s)" in cli("agreement", boss, "--annotators", "ann1,ann2")


def test_stats_marks_hidden_layers_instead_of_showing_zeros(team_server):
    owner, ann1, boss = team_server
    data = json.loads(cli("stats", ann1, "--json"))
    assert data["database_user_of"] == "ann1"
    assert {"ann2", "gold"} <= set(data["hidden_layers"])
    by_name = {a["name"]: a for a in data["annotators"]}
    assert by_name["ann2"]["hidden"] and by_name["ann2"]["spans"] is None
    assert not by_name["ann1"]["hidden"] and by_name["ann1"]["spans"] > 0
    text = " ".join(cli("stats", ann1).split())
    assert "ann2 annotator hidden from this connection" in text
    assert "row security hides" in text and "ann2" in text
    assert json.loads(cli("stats", owner, "--json"))["hidden_layers"] == []
    assert "hidden" not in cli("stats", boss)


def test_pull_and_backup_name_the_hidden_layers(team_server, tmp_path):
    _, ann1, _ = team_server
    with pytest.raises(ProjectError, match=r"sees only their own layer.*hides the layers .*ann2"):
        pull(ann1, tmp_path / "partial.db")
    output = cli("backup", ann1, tmp_path / "partial.bak", code=2)
    assert "ann2" in output and "nothing was written" in output
    assert not (tmp_path / "partial.db").exists() and not (tmp_path / "partial.bak").exists()


def test_with_blind_mode_off_an_annotators_user_reads_and_exports_every_layer(team_server, tmp_path):
    owner, ann1, _ = team_server
    cli("role", owner, "--blind", "off")
    with Project.open(ann1, readonly=True) as p:
        assert team.hidden_layers(p) == []
    cli("export", ann1, tmp_path / "ann2.jsonl", "--layer", "ann2")
    assert all(json.loads(line)["annotations"][0]["spans"]
               for line in (tmp_path / "ann2.jsonl").read_text(encoding="utf-8").splitlines())
    assert "3 of 3 document(s)" in cli("agreement", ann1, "--annotators", "ann1,ann2")
    assert "hidden" not in cli("stats", ann1)


def test_a_package_of_a_hidden_layer_is_refused_and_progress_names_who_is_hidden(team_server, tmp_path):
    owner, ann1, _ = team_server
    cli("assign", owner, "--annotators", "ann1,ann2", "--per-doc", "2")
    output = cli("package", ann1, "--annotator", "ann2", tmp_path / "ann2.db", code=2)
    assert "database user of ann1" in output and "ann2" in output.split("hides", 1)[1]
    assert not (tmp_path / "ann2.db").exists()
    output = cli("progress", ann1)
    assert "hides ann2" in output and "their progress is not shown" in output
    assert "hides" not in cli("progress", owner)



def test_check_through_an_annotators_user_refuses_instead_of_calling_unread_layers_sound(team_server):
    """A broken span in ann2's layer: the owner's check reports it; ann1's user cannot read that
    layer, and said "sound" -- now it refuses, as export and agreement do."""
    owner, ann1, _ = team_server
    with Project.open(owner) as p:
        with p.write():
            p.conn.execute('UPDATE spans SET "end" = 100000 WHERE annotator_id = '
                           "(SELECT id FROM annotators WHERE name = 'ann2')")
    assert "outside its text" in cli("check", owner, code=1)
    output = cli("check", ann1, code=2)
    assert "database user of ann1" in output and "nothing was checked" in output and "sound" not in output
