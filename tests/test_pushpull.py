"""push / pull: a whole project copied into another (any two engines), losslessly, idempotently,
all or nothing, refusing a target that is another project or holds work the source lacks."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core import AddSpan, AnnotatedDocument, Layer, ProjectError, Span, new_id
from annotator.store import Project, team
from annotator.store.llm_cache import ChatReply, store_replies
from annotator.store.pushpull import Diverged, pull, push
from annotator.store.pushpull import tables as T
from team_helpers import documents, make_project

from strategies import annotated_documents, unique_corpus
from test_team_package import annotate

runner = CliRunner()
NAMES = ["ann1", "ann2", "ann3"]


# ----------------------------------------------------------------- building and comparing
def rich_project(path: Path) -> Project:
    """A project with something in every copied table: layers of several people, edits with an
    undo, states, time, roles, a merged work package and cached LLM replies."""
    p = make_project(path, 8)
    # A server numbers its audit rows with gaps: so do we here, so the copy must map audit ids.
    p.conn.execute("INSERT OR REPLACE INTO sqlite_sequence (name, seq) VALUES ('audit', 1000)")
    team.assign(p, NAMES, per_doc=2, overlap=0.25, seed=3)
    docs = sorted(team.assignments(p, "ann1"))
    team.package(p, "ann1", path.with_name("ann1.pkg.db"))
    with Project.open(path.with_name("ann1.pkg.db")) as pkg:
        annotate(pkg, docs[0])
        pkg.add_time(docs[0], "ann1", 42.0)
    team.merge(p, path.with_name("ann1.pkg.db"))
    ann2_doc = sorted(team.assignments(p, "ann2"))[0]
    annotate(p, ann2_doc, "ann2")
    p.add_time(ann2_doc, "ann2", 61.5)
    team.set_role(p, "ann3", "adjudicator")
    store_replies(p, "m", "v1", [("chunk text", ChatReply('{"events": []}', 10, 2))])
    return p


def dump(p: Project) -> dict[str, list[tuple]]:
    """Every row of every copied table, annotator ids as names and audit ids as positions in
    the log (each engine numbers those itself); everything else as stored, ids included."""
    c = p.connection
    names = dict(c.execute("SELECT id, name FROM annotators").fetchall())
    audit_ids = [r[0] for r in c.execute("SELECT id FROM audit ORDER BY id").fetchall()]
    position = {aid: i for i, aid in enumerate(audit_ids)}
    out: dict[str, list[tuple]] = {}
    for table, columns in T.COPIED.items():
        rows = []
        for row in c.execute(f"SELECT {T.names(columns)} FROM {table}").fetchall():
            row = dict(zip(columns, row))
            if "annotator_id" in row:
                row["annotator_id"] = names[row["annotator_id"]]
            if table == "annotators":
                row["id"] = None
            if table == "audit":
                row["id"] = position[row["id"]]
            if table == "merged_audit":
                row["audit_id"] = position[row["audit_id"]]
            rows.append(tuple(row.values()))
        out[table] = sorted(rows, key=repr)
    return out


def test_the_copied_columns_are_every_column_of_the_schema(tmp_path):
    """A migration adding a column (or a table) must add it to the copy."""
    with Project.create(tmp_path / "p.db") as p:
        raw = sqlite3.connect(tmp_path / "p.db")
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                  if not r[0].startswith(("sqlite_", "_sqlite"))}
        assert tables == set(T.COPIED) | set(T.NOT_COPIED)
        for table, columns in T.COPIED.items():
            assert tuple(r[1] for r in raw.execute(f"PRAGMA table_info({table})")) == columns, table
        raw.close()


def test_the_copied_columns_are_every_column_of_the_server_schema(new_pg_url):
    with Project.create(new_pg_url()) as p:
        team.set_role(p, "ann1", "annotator")
        team.set_database_user(p, "ann1", "ann1_" + p.path.name[-6:])  # the server's own tables, all made
        columns: dict[str, list[str]] = {}
        for table, column in p.conn.execute(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
                "current_schema() ORDER BY table_name, ordinal_position").fetchall():
            columns.setdefault(table, []).append(column)
    assert set(columns) == set(T.COPIED) | set(T.NOT_COPIED) | set(T.SERVER_ONLY)
    for table, names in T.COPIED.items():
        assert tuple(columns[table]) == names, table


@pytest.fixture
def work(tmp_path):
    p = rich_project(tmp_path / "work.db")
    yield p
    p.close()


# ----------------------------------------------------------------- round trip and idempotence
def test_push_into_a_new_file_copies_every_table_row_by_row(work, tmp_path):
    report = push(work.path, tmp_path / "copy.db")
    assert report.adopted and report.changed
    with Project.open(tmp_path / "copy.db") as copy:
        assert dump(copy) == dump(work)
        assert copy.project_id == work.project_id and copy.scheme.sha256 == work.scheme.sha256
        assert copy.check() == []
        assert copy.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
        # Undo works on the copy as it did at home (the history travelled in order).
        doc = sorted(team.assignments(work, "ann2"))[0]
        assert copy.undo_state(doc, "ann2") == work.undo_state(doc, "ann2")
    assert report.documents == 8 and report.audit_rows == work.conn.execute(
        "SELECT count(*) FROM audit").fetchone()[0]
    assert not list(tmp_path.glob(".copy.db.partial*"))


def test_push_into_an_empty_project_adopts_the_source_and_twice_changes_nothing(work, tmp_path):
    Project.create(tmp_path / "server.db").close()  # as `annotator init` leaves it: another project id
    first = push(work.path, tmp_path / "server.db")
    assert first.adopted and first.documents == 8
    second = push(work.path, tmp_path / "server.db")
    assert not second.changed and second.as_dict()["changed"] is False
    with Project.open(tmp_path / "server.db") as server:
        assert dump(server) == dump(work)


def test_a_second_push_writes_only_what_changed(work, tmp_path):
    push(work.path, tmp_path / "server.db")
    doc = sorted(team.assignments(work, "ann3"))[0]
    annotate(work, doc, "ann3")
    work.add_time(doc, "ann3", 30)
    work.import_documents(documents(2, first=50))
    report = push(work.path, tmp_path / "server.db")
    assert report.documents == 2
    assert (doc, "ann3") in report.written
    # Only the layer edited and the new documents' model layers are written again.
    assert {key for key in report.written if key[0] != doc} == {(d, "model") for d in work.document_ids()[-2:]}
    assert report.assignments == 1 and report.audit_rows > 0
    with Project.open(tmp_path / "server.db") as server:
        assert dump(server) == dump(work)
    assert not push(work.path, tmp_path / "server.db").changed


def test_pull_makes_a_desktop_copy_and_pushing_it_back_after_offline_work_is_lossless(work, tmp_path):
    server = tmp_path / "server.db"
    push(work.path, server)
    pull(server, tmp_path / "laptop.db")
    with Project.open(tmp_path / "laptop.db") as laptop:
        assert dump(laptop) == dump(work)
        doc = sorted(team.assignments(laptop, "ann3"))[1]
        annotate(laptop, doc, "ann3")
    push(tmp_path / "laptop.db", server)
    with Project.open(server) as s, Project.open(tmp_path / "laptop.db") as laptop:
        assert dump(s) == dump(laptop)


def round_trip(docs, cut, server) -> None:
    """Push part of a corpus, then the rest and some time, then pull: every table equal."""
    corpus = unique_corpus(docs)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src.db"
        server = server or Path(tmp) / "server.db"
        with Project.create(src) as p:
            p.import_documents(corpus[:cut])
            push(src, server)
            p.import_documents(corpus[cut:])
            for doc_id in p.document_ids()[:2]:
                p.add_time(doc_id, "ann1", 3.25)
            push(src, server)
            assert not push(src, server).changed
            pull(server, Path(tmp) / "back.db")
            with Project.open(server) as s, Project.open(Path(tmp) / "back.db") as back:
                assert dump(s) == dump(p) == dump(back)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(annotated_documents(), max_size=6), st.integers(0, 6))
def test_property_push_then_push_more_then_pull_is_lossless(docs, cut):
    round_trip(docs, cut, None)


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(docs=st.lists(annotated_documents(), max_size=6), cut=st.integers(0, 6))
def test_property_the_same_through_a_postgresql_server(new_pg_url, docs, cut):
    round_trip(docs, cut, new_pg_url())


# ----------------------------------------------------------------- refusals
def test_push_into_an_empty_file_makes_the_copy_there(work, tmp_path):
    """--help says the target is "created when new or empty"; an empty file was refused as "not
    an annotator project" (and, before that, made a database)."""
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    push(work.path, empty)
    with Project.open(empty) as copy:
        assert dump(copy) == dump(work)


def test_pull_never_replaces_a_file_unless_forced(work, tmp_path):
    dest = tmp_path / "copy.db"
    dest.write_bytes(b"my notes")
    with pytest.raises(ProjectError, match="already exists"):
        pull(work.path, dest)
    assert dest.read_bytes() == b"my notes"
    pull(work.path, dest, force=True)
    with Project.open(dest) as copy:
        assert dump(copy) == dump(work)
    with pytest.raises(ProjectError, match="the project being copied"):
        pull(work.path, work.path, force=True)
    assert work.check() == []
    import os

    pipe = tmp_path / "pipe"  # not a regular file (with --force, /dev/full was replaced by one)
    os.mkfifo(pipe)
    with pytest.raises(ProjectError, match="not a regular file"):
        pull(work.path, pipe, force=True)
    assert not Path(pipe).is_file()


def test_another_project_or_another_scheme_is_refused(work, tmp_path):
    other = make_project(tmp_path / "other.db", 2)
    other.close()
    with pytest.raises(ProjectError, match="another project"):
        push(work.path, tmp_path / "other.db")
    push(work.path, tmp_path / "server.db")
    with Project.open(tmp_path / "server.db") as server:
        from dataclasses import replace

        server.set_scheme(replace(server.scheme, version="9"))
    before = (tmp_path / "server.db").read_bytes()
    with pytest.raises(ProjectError, match="another scheme"):
        push(work.path, tmp_path / "server.db")
    assert (tmp_path / "server.db").read_bytes() == before


def test_a_target_with_edits_the_source_lacks_is_refused_naming_the_layers(work, tmp_path):
    server = tmp_path / "server.db"
    push(work.path, server)
    doc = work.document_ids()[-1]
    with Project.open(server) as s:
        s.apply(doc, "ann2", AddSpan(Span(new_id(), 0, 6, "GPE")))
        before = dump(s)
    work.apply(doc, "ann1", AddSpan(Span(new_id(), 0, 6, "GPE")))
    with pytest.raises(Diverged, match=rf"document {doc} of ann2") as refused:
        push(work.path, server)
    assert "nothing was copied" in str(refused.value) and "annotator pull" in str(refused.value)
    with Project.open(server) as s:
        assert dump(s) == before


def test_unaudited_work_in_the_target_is_refused_too(work, tmp_path):
    """An import into the server writes layers and documents without audit rows; time spent
    there has none either: none of it may be overwritten."""
    server = tmp_path / "server.db"
    push(work.path, server)
    doc = work.document_ids()[0]
    with Project.open(server) as s:
        s.add_time(doc, "ann1", 5)
    with pytest.raises(Diverged, match="annotation time"):
        push(work.path, server)
    pull(work.path, server, force=True)
    with Project.open(server) as s:
        s.import_documents(documents(1, first=90))
    with pytest.raises(Diverged, match="documents that"):
        push(work.path, server)
    pull(work.path, server, force=True)
    first = work.document(work.document_ids()[0])
    imported = Layer("ann9")
    imported.add_span(Span(new_id(), 0, 6, "GPE"))
    with Project.open(server) as s:  # a layer imported for a document both sides have (its
        assert s.import_documents([AnnotatedDocument(first, [imported])]).layers_added == 1  # audit row says so)
    with pytest.raises(Diverged, match=rf"change that .* lacks \(document {first.id} of ann9\)"):
        push(work.path, server)


def test_a_work_package_is_not_pushed(work, tmp_path):
    with pytest.raises(ProjectError, match="work package"):
        push(tmp_path / "ann1.pkg.db", tmp_path / "server.db")
    assert not (tmp_path / "server.db").exists()


def test_an_interrupted_push_keeps_nothing(work, tmp_path, monkeypatch):
    server = tmp_path / "server.db"
    push(work.path, server)
    annotate(work, sorted(team.assignments(work, "ann3"))[0], "ann3")
    before = dump(Project.open(server, readonly=True))

    def interrupt(step, done, total):
        if step == "copying the audit log":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        push(work.path, server, progress=interrupt)
    with Project.open(server, readonly=True) as s:
        assert dump(s) == before
    with pytest.raises(KeyboardInterrupt):
        pull(work.path, tmp_path / "new.db", progress=interrupt)
    assert not (tmp_path / "new.db").exists() and not list(tmp_path.glob(".new.db*"))


# ----------------------------------------------------------------- the commands
def test_push_and_pull_commands_and_their_exit_codes(work, tmp_path):
    server, copy = tmp_path / "server.db", tmp_path / "copy.db"
    result = runner.invoke(app, ["push", str(work.path), str(server)])
    assert result.exit_code == 0, result.output
    assert "8 documents" in result.output
    result = runner.invoke(app, ["push", str(work.path), str(server)])
    assert result.exit_code == 0 and "already up to date" in result.output
    result = runner.invoke(app, ["pull", str(server), str(copy)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["pull", str(server), str(copy)])
    assert result.exit_code == 2 and "--force" in result.output
    assert runner.invoke(app, ["pull", str(server), str(copy), "--force"]).exit_code == 0
    Project.create(tmp_path / "other.db").close()
    make_project(tmp_path / "other2.db", 1).close()
    result = runner.invoke(app, ["push", str(work.path), str(tmp_path / "other2.db")])
    assert result.exit_code == 2 and "another project" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["push", str(tmp_path / "missing.db"), str(server)])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_ctrl_c_in_the_push_command_exits_130_and_keeps_nothing(work, tmp_path, monkeypatch):
    from annotator.store.pushpull import copy as copy_module

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(copy_module._Copy, "_write_audit", interrupted)
    result = runner.invoke(app, ["push", str(work.path), str(tmp_path / "server.db")])
    assert result.exit_code == 130
    assert not (tmp_path / "server.db").exists()


# ----------------------------------------------------------------- a PostgreSQL server between two files
def test_sqlite_to_postgresql_to_sqlite_is_lossless_and_idempotent(work, new_pg_url, tmp_path):
    url = new_pg_url()  # an empty database: push applies the schema first
    first = push(work.path, url)
    assert first.adopted and first.documents == 8
    with Project.open(url) as server:
        assert server.is_server and dump(server) == dump(work)
        assert server.check() == []
        doc = sorted(team.assignments(work, "ann2"))[0]
        assert server.undo_state(doc, "ann2") == work.undo_state(doc, "ann2")
    assert not push(work.path, url).changed
    annotate(work, sorted(team.assignments(work, "ann3"))[0], "ann3")
    work.import_documents(documents(1, first=70))
    again = push(work.path, url)
    assert again.documents == 1 and again.audit_rows > 0 and not again.adopted
    assert not push(work.path, url).changed
    pull(url, tmp_path / "back.db")
    with Project.open(url) as server, Project.open(tmp_path / "back.db") as back:
        assert dump(server) == dump(work) == dump(back)
        # The server keeps numbering its own audit rows after a push: new edits still work.
        server.apply(doc, "ann2", AddSpan(Span(new_id(), 0, 6, "GPE")))
        assert server.check() == []


def test_push_into_a_server_project_made_by_init_and_the_refusals_there(work, new_pg_url):
    url = new_pg_url()
    Project.create(url).close()  # `annotator init URL`: another project id, no work yet
    push(work.path, url)
    doc = work.document_ids()[-1]
    with Project.open(url) as server:
        server.apply(doc, "ann1", AddSpan(Span(new_id(), 0, 6, "GPE")))
        before = dump(server)
    with pytest.raises(Diverged, match=rf"document {doc} of ann1"):
        push(work.path, url)
    other = new_pg_url()
    make_project(Path(work.path).with_name("other.db"), 1).close()
    push(Path(work.path).with_name("other.db"), other)
    with pytest.raises(ProjectError, match="another project"):
        push(work.path, other)
    with Project.open(url) as server:
        assert dump(server) == before


def test_an_interrupted_push_to_a_server_keeps_nothing(work, new_pg_url):
    url = new_pg_url()
    push(work.path, url)
    annotate(work, sorted(team.assignments(work, "ann3"))[0], "ann3")
    with Project.open(url) as server:
        before = dump(server)

    def interrupt(step, done, total):
        if step == "copying the audit log":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        push(work.path, url, progress=interrupt)
    with Project.open(url) as server:
        assert dump(server) == before


def test_push_and_pull_commands_take_a_server_url(work, new_pg_url, tmp_path):
    url = new_pg_url()
    secret = url + "?password=s3cret-word"  # the test cluster trusts local users: the password is unused
    result = runner.invoke(app, ["push", str(work.path), secret])
    assert result.exit_code == 0, result.output
    assert "8 documents" in result.output and "s3cret" not in result.output
    result = runner.invoke(app, ["push", str(work.path), secret])
    assert result.exit_code == 0 and "already up to date" in result.output and "s3cret" not in result.output
    result = runner.invoke(app, ["pull", url, str(tmp_path / "copy.db")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["pull", str(work.path), url])
    assert result.exit_code == 2 and "server database" in result.output
    with Project.open(tmp_path / "copy.db") as copy:
        assert dump(copy) == dump(work)


def test_a_server_project_copies_into_another_server(work, new_pg_url):
    first, second = new_pg_url(), new_pg_url()
    push(work.path, first)
    report = push(first, second)
    assert report.adopted and report.documents == 8
    with Project.open(first) as a, Project.open(second) as b:
        assert dump(a) == dump(b) == dump(work)
    assert not push(first, second).changed


def test_a_blind_annotators_database_user_cannot_pull_or_push_a_partial_project(work, new_pg_url, tmp_path):
    url = new_pg_url()
    push(work.path, url)
    suffix = url.rsplit("_", 1)[1][:6]
    with Project.open(url) as server:
        team.set_database_user(server, "ann1", f"ann1_{suffix}")
        team.set_database_user(server, "ann3", f"ann3_{suffix}")  # an adjudicator (rich_project): sees all
    scheme, rest = url.split("://", 1)
    as_ann1 = f"{scheme}://ann1_{suffix}@{rest.split('@', 1)[1]}"
    as_ann3 = f"{scheme}://ann3_{suffix}@{rest.split('@', 1)[1]}"
    with pytest.raises(ProjectError, match="sees only their own layer"):
        pull(as_ann1, tmp_path / "partial.db")
    assert not (tmp_path / "partial.db").exists()
    with pytest.raises(ProjectError, match="push writes the whole project"):
        push(work.path, as_ann3)
    pull(as_ann3, tmp_path / "whole.db")  # an adjudicator's user reads every layer
    with Project.open(tmp_path / "whole.db") as whole, Project.open(url) as server:
        assert dump(whole) == dump(server)
