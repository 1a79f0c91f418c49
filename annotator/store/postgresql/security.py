"""Blind mode as a server guarantee (issue 17, item 4): database users mapped to annotators, and
row-level security so that, while blind mode is on, an annotator's database user reads and writes
only their own layer (plus the documents and the model's suggestions), and a lead's or
adjudicator's user everything. Enforced by PostgreSQL, whatever client connects.

- `server_users (db_user, annotator)` maps a database user to the annotator whose layer it works on.
- `annotator_readable_ids()` / `annotator_writable_ids()` give the layers the connected user may
  read / write, once per statement; the policies on spans, events, assignments and audit compare
  each row's annotator with them, arguments follow their event.
- The database's owner (who ran `annotator init URL`) is not subject to the policies: the lead
  normally connects as the owner; other leads and adjudicators get their own users with role
  lead/adjudicator.
- Blind mode is the project's meta key `blind` (on by default once users are mapped); with it off,
  every mapped user may read every layer, and still writes only their own.
Users themselves are made with `createuser` (a password from `\\password` or the server's
authentication); `grant_user` creates a missing one as LOGIN without a password (docs/server.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import psycopg
from psycopg import sql

from ...core.errors import AnnotatorError, InputError, ProjectError

if TYPE_CHECKING:
    from ..project import Project

# Tables an annotator's user writes (rows of their own layer), reads, or only reads. The people
# (`annotators`: names and roles) are read only: written, an annotator's user made itself a lead.
_LAYER_TABLES = ("spans", "events", "assignments", "audit")
_WRITES = ("spans", "events", "arguments", "assignments", "audit", "sessions")
# The LLM's cached replies are the lead's (pre-annotation writes the model's layer): written by an
# annotator's user, a forged reply was what the lead's next LLM run suggested.
_READS = ("meta", "documents", "annotator_migrations", "server_users", "package_docs", "merged_audit",
          "annotators", "llm_cache")

# The policies and grants `setup` writes, by version: a project set up by an earlier version is
# brought to these when its owner next opens it (`refresh_if_outdated`). Raise it whenever
# `setup` or `grant_user` changes what a user may do. 2: per-command policies, the people table
# and the LLM cache read-only for annotators, triggers and argument spans in a writable layer.
SECURITY_VERSION = "2"
_VERSION_KEY = "server_security"

_SETUP = """
CREATE TABLE IF NOT EXISTS server_users (
    db_user TEXT PRIMARY KEY,
    annotator TEXT NOT NULL
);
-- The layers (annotator ids) the connected user may write, and may read. The policies call them
-- as `annotator_id = ANY ((SELECT ...)::bigint[])`: a scalar subquery is evaluated once per statement (an
-- InitPlan), where a function of the row would run its lookups for every row checked.
CREATE OR REPLACE FUNCTION annotator_writable_ids() RETURNS BIGINT[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema} AS $$
    SELECT coalesce(array_agg(a.id), '{{}}')
    FROM annotators a, server_users u JOIN annotators me ON me.name = u.annotator
    WHERE u.db_user = session_user AND (a.id = me.id OR me.role IN ('lead', 'adjudicator'))
$$;
CREATE OR REPLACE FUNCTION annotator_readable_ids() RETURNS BIGINT[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema} AS $$
    SELECT coalesce(array_agg(a.id), '{{}}') FROM annotators a
    WHERE a.id = ANY (annotator_writable_ids()) OR a.role = 'model'
       OR (EXISTS (SELECT 1 FROM server_users u WHERE u.db_user = session_user)
           AND coalesce((SELECT value FROM meta WHERE key = 'blind'), 'on') = 'off')
$$;
"""


# A row's annotator among the layers the connected user may read / write (the functions above,
# evaluated once per statement as a scalar subquery).
_READABLE = "ANY ((SELECT annotator_readable_ids())::bigint[])"
_WRITABLE = "ANY ((SELECT annotator_writable_ids())::bigint[])"


def setup(project: Project) -> None:
    """Create the mapping table, the functions and the policies (idempotent), in the caller's
    transaction. Needs the database's owner."""
    raw = project.conn.pg
    schema = raw.execute("SELECT current_schema()").fetchone()[0]
    raw.execute(_SETUP.format(schema=sql.Identifier(schema).as_string(raw)))
    for table in _LAYER_TABLES:
        readable = f"annotator_id = {_READABLE}"
        if table == "audit":
            # Project-wide rows (assignments made, roles, the scheme) hold no one's annotations:
            # everybody may read them, so a blind annotator's window learns of new assignments.
            readable += " OR (doc_id IS NULL AND action = 'system')"
        written = f"annotator_id = {_WRITABLE}"
        if table == "events":  # its trigger in a layer it may write too, not another's span
            written += f" AND EXISTS (SELECT 1 FROM spans s WHERE s.id = trigger_span_id AND s.annotator_id = {_WRITABLE})"
        _policies(raw, table, readable, written)
    # The one-window-per-person guard: everybody sees who has a window open; a user opens, keeps
    # and closes only its own person's (it deleted another's row, and so its guard).
    _policies(raw, "sessions", "true", f"annotator IN (SELECT a.name FROM annotators a WHERE a.id = {_WRITABLE})")
    # An argument is seen with its event, and written with an event and a span both in layers the
    # user may write (the policies of events and spans apply inside).
    _policies(raw, "arguments",
              f"EXISTS (SELECT 1 FROM events e WHERE e.id = event_id AND e.annotator_id = {_READABLE})",
              f"EXISTS (SELECT 1 FROM events e WHERE e.id = event_id AND e.annotator_id = {_WRITABLE}) "
              f"AND EXISTS (SELECT 1 FROM spans s WHERE s.id = span_id AND s.annotator_id = {_WRITABLE})")
    # Functions of earlier versions (called once per row: slow on big layers).
    raw.execute("DROP FUNCTION IF EXISTS annotator_may_read(BIGINT), annotator_may_write(BIGINT)")
    # Every mapped user's grants as its role has them now (a project set up by an earlier version
    # let annotators' users write the people table): setting blind mode again renews them all.
    # A mapped user the administrator has since dropped is not made again (only `role --db-user`
    # makes users): re-made, it came back as a login without a password; and an owner who may
    # not create users could no longer open the project.
    mapped = raw.execute("SELECT u.db_user, u.annotator, a.role FROM server_users u "
                         "JOIN annotators a ON a.name = u.annotator "
                         "WHERE EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = u.db_user)").fetchall()
    for db_user, annotator, role in mapped:
        grant_user(project, db_user, annotator, role)
    project.connection.set_meta(_VERSION_KEY, SECURITY_VERSION)


def refresh_if_outdated(project: Project) -> bool:
    """Bring the policies and grants of a project set up by an earlier version to this one's,
    when the database's owner (or a superuser) opens it for writing. Before, an upgraded
    project kept its old, weaker policies until a lead happened to set blind mode again. Other
    users cannot change policies: their next open as the owner does it. Returns True when done."""
    if project.readonly or not _has_table(project):
        return False
    if project.connection.get_meta(_VERSION_KEY) == SECURITY_VERSION or not _may_set_up(project):
        return False
    try:
        with project.write():
            setup(project)
    except (psycopg.Error, AnnotatorError):
        # Never a reason the project cannot be opened (rolled back whole): the old policies hold
        # until blind mode is set again, which says what failed.
        return False
    return True


def _may_set_up(project: Project) -> bool:
    """The connected user owns the project's tables or is a superuser (what `setup` needs)."""
    raw = project.conn.pg
    return _owner(raw) == raw.execute("SELECT current_user").fetchone()[0] or bool(
        raw.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0])


def _owner(raw) -> str:  # type: ignore[no-untyped-def]
    """The database user who owns the project's tables (who ran `annotator init URL`)."""
    return raw.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'meta' "
                       "AND schemaname = current_schema()").fetchone()[0]


def _policies(raw, table: str, readable: str, writable: str) -> None:  # type: ignore[no-untyped-def]
    """Row-level security on `table`: rows read where `readable`, and inserted, changed and
    deleted only where `writable`. One policy for every command gave UPDATE and DELETE the
    readable rows: with blind mode off an annotator's user deleted another's layer, and with it
    on the model's (PostgreSQL checks DELETE and the row before an UPDATE with USING only)."""
    name = sql.Identifier(table)
    raw.execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(name))
    for policy in ("layer_rows", "layer_read", "layer_insert", "layer_update", "layer_delete"):
        raw.execute(sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(policy), name))
    raw.execute(sql.SQL("CREATE POLICY layer_read ON {} FOR SELECT USING (" + readable + ")").format(name))
    raw.execute(sql.SQL("CREATE POLICY layer_insert ON {} FOR INSERT WITH CHECK (" + writable + ")").format(name))
    raw.execute(sql.SQL("CREATE POLICY layer_update ON {} FOR UPDATE USING (" + writable + ") WITH CHECK ("
                        + writable + ")").format(name))
    raw.execute(sql.SQL("CREATE POLICY layer_delete ON {} FOR DELETE USING (" + writable + ")").format(name))


def grant_user(project: Project, db_user: str, annotator: str, role: str) -> bool:
    """Map `db_user` to `annotator` and grant it what its role needs; creates the user (LOGIN,
    no password) when missing. Returns True when the user was created."""
    if not db_user or len(db_user) > 63 or not db_user.replace("_", "").replace("-", "").replace(".", "").isalnum():
        raise InputError(f"{db_user!r} is not a usable database user name (letters, digits, _ - .)")
    raw = project.conn.pg
    user = sql.Identifier(db_user)
    created = False
    if raw.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (db_user,)).fetchone() is None:
        try:
            raw.execute(sql.SQL("CREATE ROLE {} LOGIN").format(user))
        except Exception as exc:  # noqa: BLE001 - psycopg's InsufficientPrivilege, named below
            raise ProjectError(f"cannot create the database user {db_user}: {exc}".splitlines()[0],
                               hint=f"create it as a superuser: createuser {db_user}") from None
        created = True
    if db_user == _owner(raw):
        raise InputError(f"{db_user} owns the database: it sees everything (row-level security does not "
                         "apply to the owner); give the annotator a user of their own")
    raw.execute("INSERT INTO server_users (db_user, annotator) VALUES (%s, %s) "
                "ON CONFLICT (db_user) DO UPDATE SET annotator = excluded.annotator", (db_user, annotator))
    database = sql.Identifier(raw.info.dbname)
    raw.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, user))
    raw.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(
        sql.Identifier(raw.execute("SELECT current_schema()").fetchone()[0]), user))
    tables = sql.SQL(", ").join(sql.Identifier(t) for t in _WRITES)
    raw.execute(sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {} TO {}").format(tables, user))
    read = sql.SQL(", ").join(sql.Identifier(t) for t in _READS)
    if role in ("lead", "adjudicator"):
        raw.execute(sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {} TO {}").format(read, user))
    else:
        raw.execute(sql.SQL("REVOKE INSERT, UPDATE, DELETE ON {} FROM {}").format(read, user))
        raw.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(read, user))
    raw.execute(sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {} TO {}").format(
        sql.Identifier(raw.execute("SELECT current_schema()").fetchone()[0]), user))
    return created


def users(project: Project) -> dict[str, str]:
    """Database user -> annotator, for the users mapped so far."""
    if not _has_table(project):
        return {}
    return dict(project.conn.execute("SELECT db_user, annotator FROM server_users ORDER BY db_user").fetchall())


def identity(project: Project) -> str | None:
    """The annotator the connected database user works as (None: not mapped, e.g. the owner)."""
    if not _has_table(project):
        return None
    row = project.conn.execute("SELECT annotator FROM server_users WHERE db_user = session_user").fetchone()
    return row[0] if row else None


def hidden_layers(project: Project) -> list[str]:
    """The layers (annotator names) row-level security hides from the connected user, as the
    server itself decides (`annotator_readable_ids`): none for the database's owner, a superuser
    or a project without database users; every layer but their own and the model's for an
    annotator's user while blind mode is on."""
    if not _has_table(project):
        return []
    rows = project.conn.execute(
        "SELECT name FROM annotators WHERE row_security_active('spans') "
        f"AND NOT (id = {_READABLE}) ORDER BY id")
    return [name for (name,) in rows]


def _has_table(project: Project) -> bool:
    return project.conn.execute("SELECT to_regclass('server_users') IS NOT NULL").fetchone()[0]
