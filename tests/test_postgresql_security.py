"""Blind mode as a server guarantee: an annotator's database user reads and writes only their own
layer (plus documents and the model's suggestions) while blind mode is on; a lead's user, and the
database owner, everything. Enforced by PostgreSQL's row-level security, so it holds for any
client, not only this app."""

from __future__ import annotations

import pytest

from annotator.core import AddSpan, Span, new_id
from annotator.core.errors import InputError, ProjectError
from annotator.store import Project, team
from pg_cluster import as_user



@pytest.fixture
def server(blind_server):
    return blind_server


def test_an_annotator_sees_and_writes_only_their_own_layer_while_blind(server):
    url, users = server
    with Project.open(as_user(url, users["ann2"])) as ann2:
        ann2.apply(1, "ann2", AddSpan(Span(new_id(), 22, 27, "ORG")))
    with Project.open(as_user(url, users["ann1"])) as ann1:
        ann1.apply(1, "ann1", AddSpan(Span(new_id(), 0, 6, "GPE")))
        assert len(ann1.layer(1, "ann1").spans) == 1
        assert len(ann1.layer(1, "model").spans) == 1  # the suggestions: visible
        assert ann1.layer(1, "ann2").spans == {}  # another annotator's layer: not even readable
        assert ann1.conn.execute("SELECT count(*) FROM spans").fetchone()[0] == 2
        with pytest.raises(Exception, match="row-level security|permission"):
            ann1.apply(1, "ann2", AddSpan(Span(new_id(), 0, 6, "GPE")))  # writing it: refused by the server
        with pytest.raises(Exception, match="permission"):
            with ann1.write():
                ann1.conn.execute("UPDATE documents SET title = 'x'")
        with pytest.raises(ProjectError, match="database user of ann1"):
            team.check_identity(ann1, "ann2")
        team.check_identity(ann1, "ann1")
    with Project.open(as_user(url, users["boss"])) as boss:  # a lead sees every layer
        assert len(boss.layer(1, "ann2").spans) == 1 and len(boss.layer(1, "ann1").spans) == 1
        boss.apply(1, "gold", AddSpan(Span(new_id(), 0, 6, "GPE")))


def test_with_blind_mode_off_annotators_read_all_layers_and_still_write_only_theirs(server):
    url, users = server
    with Project.open(as_user(url, users["ann2"])) as ann2:
        ann2.apply(1, "ann2", AddSpan(Span(new_id(), 22, 27, "ORG")))
    with Project.open(url) as lead:
        team.set_blind(lead, False)
        assert not team.blind(lead)
    with Project.open(as_user(url, users["ann1"])) as ann1:
        assert len(ann1.layer(1, "ann2").spans) == 1
        assert "ann2" in team.visible_layers(ann1, "ann1")
        with pytest.raises(Exception, match="row-level security"):
            ann1.apply(1, "ann2", AddSpan(Span(new_id(), 0, 6, "GPE")))


def test_database_users_are_for_server_projects_and_named_safely(server, tmp_path):
    url, users = server
    with Project.open(url) as lead:
        assert team.database_users(lead) == {user: name for name, user in users.items()}
        with pytest.raises(InputError):
            team.set_database_user(lead, "ann1", "bad name; drop")
        with pytest.raises(InputError, match="not a person"):
            team.set_database_user(lead, "nobody", "nobody_user")
    with Project.create(tmp_path / "w.db") as desk:
        team.set_role(desk, "ann1", "annotator")
        with pytest.raises(InputError, match="server projects"):
            team.set_database_user(desk, "ann1", "ann1")


def test_the_role_command_maps_users_and_turns_blind_mode_off(server):
    from typer.testing import CliRunner

    from annotator.cli.main import app

    url, users = server
    runner = CliRunner()
    listed = runner.invoke(app, ["role", url])
    assert listed.exit_code == 0, listed.output
    assert f"database user {users['ann1']}" in listed.output and "blind mode: on" in listed.output
    off = runner.invoke(app, ["role", url, "--blind", "off"])
    assert off.exit_code == 0 and "blind mode is off" in off.output
    bad = runner.invoke(app, ["role", url, "--blind", "maybe"])
    assert bad.exit_code == 2
    with Project.open(as_user(url, users["ann1"])) as ann1:
        with pytest.raises(ProjectError, match="database user of ann1"):
            from annotator.store import sessions

            sessions.acquire(ann1, "ann2")


def test_an_annotators_user_cannot_make_itself_a_lead(server):
    """The people table was writable: `annotator role URL(ann1) ann1 lead` through ann1's own user
    made it a lead, and it then read and wrote every layer, gold included."""
    url, users = server
    with Project.open(as_user(url, users["ann1"])) as ann1:
        with pytest.raises(Exception, match="permission"):
            team.set_role(ann1, "ann1", "lead")
        with pytest.raises(Exception, match="permission"):
            with ann1.write():
                ann1.conn.execute("UPDATE annotators SET role = 'lead' WHERE name = 'ann1'")
    with Project.open(url) as lead:
        assert team.roles(lead)["ann1"] == "annotator"


@pytest.mark.parametrize("blind", [True, False])
def test_an_annotators_user_deletes_and_changes_only_rows_of_its_own_layer(server, blind):
    """One policy for every command let DELETE and UPDATE reach the rows a user may read: the
    model's layer (blind on), another annotator's layer (blind off)."""
    url, users = server
    with Project.open(as_user(url, users["ann2"])) as ann2:
        ann2.apply(1, "ann2", AddSpan(Span(new_id(), 22, 27, "ORG")))
    with Project.open(url) as lead:
        team.set_blind(lead, blind)
    with Project.open(as_user(url, users["ann1"])) as ann1:
        with ann1.write():
            for statement in ("DELETE FROM spans WHERE annotator_id <> (SELECT id FROM annotators WHERE name = 'ann1')",
                              "UPDATE spans SET label = 'LOC'",
                              "DELETE FROM audit"):
                ann1.conn.execute(statement)
    with Project.open(url) as lead:
        assert [s.label for s in lead.layer(1, "model").spans.values()] == ["GPE"]
        assert [s.label for s in lead.layer(1, "ann2").spans.values()] == ["ORG"]
        assert lead.history(1, "ann2")


def test_a_lead_made_an_annotator_loses_a_leads_database_rights(server):
    url, users = server
    with Project.open(url) as lead:
        team.set_role(lead, "boss", "annotator")
    with Project.open(as_user(url, users["boss"])) as boss:
        for statement in ("UPDATE server_users SET annotator = 'lead'", "INSERT INTO meta (key, value) "
                          "VALUES ('x', 'y')", "UPDATE documents SET title = 'x'"):
            with pytest.raises(Exception, match="permission"):
                with boss.write():
                    boss.conn.execute(statement)
        assert boss.layer(1, "ann1").spans == {}  # blind again, as an annotator


def test_an_argument_or_a_trigger_of_an_annotators_event_is_in_its_own_layer(server):
    """An argument pointing at the model's span was accepted; the lead's next pre-annotation then
    failed on the foreign key."""
    from annotator.core import AddEvent, Event

    url, users = server
    with Project.open(as_user(url, users["ann1"])) as ann1:
        trigger = Span(new_id(), 7, 15, "ASSAULT", "trigger")
        event = Event(new_id(), trigger.id, "ASSAULT")
        ann1.apply(1, "ann1", AddSpan(trigger))
        ann1.apply(1, "ann1", AddEvent(event))
        model_span = next(iter(ann1.layer(1, "model").spans))
        with pytest.raises(Exception, match="row-level security"):
            with ann1.write():
                ann1.conn.execute("INSERT INTO arguments (event_id, role, span_id, position) VALUES (?, 'source', ?, 0)",
                                  (event.id, model_span))


def test_an_annotators_user_keeps_only_its_own_window_guard_and_never_writes_the_llm_cache(server):
    url, users = server
    with Project.open(as_user(url, users["ann2"])) as ann2:
        with ann2.write():
            ann2.conn.execute("INSERT INTO sessions (annotator, token, pid, host, started_at, heartbeat) "
                              "VALUES ('ann2', 't', 1, 'h', 'now', 0)")
    with Project.open(as_user(url, users["ann1"])) as ann1:
        with ann1.write():
            ann1.conn.execute("DELETE FROM sessions")  # another's guard: not its to remove
        with pytest.raises(Exception, match="permission"):
            with ann1.write():
                ann1.conn.execute("INSERT INTO llm_cache (model, prompt_version, chunk_sha256, reply, created_at) "
                                  "VALUES ('m', 'v', 'x', '{}', 'now')")
    with Project.open(url) as lead:
        assert lead.conn.execute("SELECT annotator FROM sessions").fetchall() == [("ann2",)]


def test_a_project_set_up_by_an_earlier_version_gets_this_versions_policies_when_its_owner_opens_it(server):
    """An upgraded project kept its earlier, weaker policies (one policy for every command; the
    people table writable) until a lead happened to set blind mode again."""
    url, users = server
    with Project.open(url) as lead:  # as an earlier version left it
        with lead.write():
            for table in ("spans", "events", "assignments", "audit"):
                for policy in ("layer_read", "layer_insert", "layer_update", "layer_delete"):
                    lead.conn.execute(f"DROP POLICY {policy} ON {table}")
                lead.conn.execute(f"CREATE POLICY layer_rows ON {table} USING "
                                  "(annotator_id = ANY ((SELECT annotator_readable_ids())::bigint[]))")
            lead.conn.execute(f"GRANT INSERT, UPDATE, DELETE ON annotators TO {users['ann1']}")
            lead.conn.execute("DELETE FROM meta WHERE key = 'server_security'")
    with Project.open(as_user(url, users["ann1"])) as ann1:  # an annotator's user cannot mend it
        with ann1.write():
            ann1.conn.execute("DELETE FROM spans")  # the model's suggestion, through the old policy
    with Project.open(url) as lead:  # the owner's open mends it
        assert lead.layer(1, "model").spans == {}
        lead.apply(1, "model", AddSpan(Span(new_id(), 0, 6, "GPE", origin="model", status="suggested")))
        assert lead.conn.execute("SELECT value FROM meta WHERE key = 'server_security'").fetchone()[0] == "2"
    with Project.open(as_user(url, users["ann1"])) as ann1:
        with ann1.write():
            ann1.conn.execute("DELETE FROM spans")  # now: only its own rows, of which it has none
        with pytest.raises(Exception, match="permission"):
            with ann1.write():
                ann1.conn.execute("UPDATE annotators SET role = 'lead' WHERE name = 'ann1'")
    with Project.open(url) as lead:
        assert len(lead.layer(1, "model").spans) == 1


def _forget_the_security_version(url: str) -> None:
    with Project.open(url) as lead:
        with lead.write():
            lead.conn.execute("DELETE FROM meta WHERE key = 'server_security'")


def _drop_role(url: str, admin_url: str, role: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as c:
        c.execute(f'DROP OWNED BY "{role}"')
    with psycopg.connect(admin_url, autocommit=True) as c:
        c.execute(f'REVOKE ALL ON DATABASE "{url.rsplit("/", 1)[1]}" FROM "{role}"')
        c.execute(f'DROP ROLE "{role}"')


def test_the_owners_open_never_makes_again_a_database_user_the_administrator_dropped(server, pg_cluster):
    """The refresh on open granted every mapped user, creating the missing ones: a dropped
    annotator came back as a login without a password."""
    import psycopg

    url, users = server
    _forget_the_security_version(url)
    _drop_role(url, pg_cluster.admin_url, users["ann2"])
    with Project.open(url) as lead:
        assert lead.conn.execute("SELECT value FROM meta WHERE key = 'server_security'").fetchone()[0] == "2"
    with psycopg.connect(pg_cluster.admin_url, autocommit=True) as c:
        assert c.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (users["ann2"],)).fetchone() is None


def test_an_owner_who_may_not_create_users_still_opens_an_upgraded_project(pg_cluster, new_pg_url):
    """Granting a dropped user meant creating it, which such an owner may not: every read-write
    open of the project failed ("permission denied to create role")."""
    import uuid

    import psycopg

    from annotator.core import AnnotatedDocument, Document

    suffix = uuid.uuid4().hex[:6]
    lead, ann1, ann2 = f"lead_{suffix}", f"ann1_{suffix}", f"ann2_{suffix}"
    with psycopg.connect(pg_cluster.admin_url, autocommit=True) as c:
        for role in (lead, ann1, ann2):
            c.execute(f'CREATE ROLE "{role}" LOGIN')  # the lead: no CREATEROLE, no superuser
    url = new_pg_url()
    with psycopg.connect(pg_cluster.admin_url, autocommit=True) as c:
        c.execute(f'ALTER DATABASE "{url.rsplit("/", 1)[1]}" OWNER TO "{lead}"')
    with psycopg.connect(url, autocommit=True) as c:
        c.execute(f'ALTER SCHEMA public OWNER TO "{lead}"')
    lead_url = as_user(url, lead)
    with Project.create(lead_url) as p:
        p.import_documents([AnnotatedDocument(Document("Israel attacked Gaza.", ext_id="a"))])
        for name, role in (("ann1", ann1), ("ann2", ann2)):
            team.set_role(p, name, "annotator")
            team.set_database_user(p, name, role)
    _forget_the_security_version(lead_url)
    _drop_role(url, pg_cluster.admin_url, ann2)
    with Project.open(lead_url) as p:  # refreshed, without the dropped user
        assert p.count_documents() == 1
        assert p.conn.execute("SELECT value FROM meta WHERE key = 'server_security'").fetchone()[0] == "2"
