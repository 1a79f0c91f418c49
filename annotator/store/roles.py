"""Roles, blind mode and assignments as the window reads them at start-up (docs/team.md).

Split out of `team/` (which re-exports everything here) so that opening the desktop window
does not load the work-package and merge code: start-up speed, issue 5."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..core.errors import InputError, ProjectError
from ..core.model import GOLD, LEAD, MODEL
from .audit import record

if TYPE_CHECKING:
    from .project import Project

SEES_ALL_ROLES = ("lead", "adjudicator")
PEOPLE_ROLES = ("annotator", "adjudicator", "lead")


# ====================================================================== roles and blind mode
def set_role(project: Project, annotator: str, role: str) -> None:
    """Make someone an annotator, adjudicator or lead (lead and adjudicator see every layer)."""
    if role not in PEOPLE_ROLES:
        raise InputError(f"role must be one of {', '.join(PEOPLE_ROLES)}, not {role!r}")
    if annotator in (MODEL, GOLD):
        raise InputError(f"the {annotator} layer is not a person; its role cannot be changed")
    ann_id = project.annotator_id(annotator, role)
    with project.write():
        project.conn.execute("UPDATE annotators SET role = ? WHERE id = ?", (role, ann_id))
        if project.is_server:
            # their database users' grants follow the new role: a lead made an annotator kept the
            # rights to rewrite the user mapping and blind mode
            from .postgresql import security

            for db_user, person in database_users(project).items():
                if person == annotator:
                    security.grant_user(project, db_user, annotator, role)
        record(project.connection, project.annotator_id(LEAD, "lead"), None, "system", "SetRole",
               {"annotator": annotator, "role": role})


def roles(project: Project) -> dict[str, str]:
    """Every person of the project with their role (the model's layer left out), by name."""
    rows = project.conn.execute("SELECT name, role FROM annotators WHERE role != 'model' ORDER BY name")
    return dict(rows.fetchall())


def role_of(project: Project, annotator: str) -> str | None:
    row = project.conn.execute("SELECT role FROM annotators WHERE name = ?", (annotator,)).fetchone()
    return row[0] if row else None


def visible_layers(project: Project, annotator: str) -> list[str]:
    """The layers `annotator` may see: blind mode shows their own layer and the model's
    suggestions only; a lead or adjudicator sees every layer, and so does everybody once the
    lead turned blind mode off (`set_blind`)."""
    if role_of(project, annotator) in SEES_ALL_ROLES or not blind(project):
        return project.annotator_names()
    return [annotator] if annotator == MODEL else [annotator, MODEL]


def blind(project: Project) -> bool:
    """Blind mode: annotators see only their own layer and the model's (on unless the lead
    turned it off). On a server with database users it is enforced by PostgreSQL."""
    return project.connection.get_meta("blind") != "off"


def blind_turned_on(project: Project) -> bool:
    """Whether a lead turned blind mode on (`annotator role --blind on`), rather than leaving it
    at its default: then even an annotator with no documents assigned works blind in a project
    where others work (`gui.blind.is_blind`)."""
    return project.connection.get_meta("blind") == "on"


def set_blind(project: Project, on: bool) -> None:
    with project.write():
        project.connection.set_meta("blind", "on" if on else "off")
        if project.is_server and database_users(project):
            from .postgresql import security

            security.setup(project)
        record(project.connection, project.annotator_id(LEAD, "lead"), None, "system", "SetBlind", {"on": on})


def set_database_user(project: Project, annotator: str, db_user: str) -> bool:
    """Let the database user `db_user` work as `annotator` on a server project, with row-level
    security holding it to what the annotator's role may see and write (store/postgresql/
    security.py). Returns True when the database user was created."""
    if not project.is_server:
        raise InputError("database users are for server projects (PostgreSQL); a project file has none",
                         hint="see docs/server.md")
    from .postgresql import security

    project.refuse_case_twin(annotator)  # its hint below would make a second person
    role = role_of(project, annotator)
    if role is None or role == "model":
        raise InputError(f"{annotator!r} is not a person of this project",
                         hint=f"give them a role first: annotator role {project.path} {annotator} annotator")
    with project.write():
        security.setup(project)
        created = security.grant_user(project, db_user, annotator, role)
        record(project.connection, project.annotator_id(LEAD, "lead"), None, "system", "SetDatabaseUser",
               {"annotator": annotator, "db_user": db_user})
    return created


def database_users(project: Project) -> dict[str, str]:
    """Database user -> annotator on a server project (empty for a file)."""
    if not project.is_server:
        return {}
    from .postgresql import security

    return security.users(project)


def check_identity(project: Project, annotator: str) -> None:
    """Whether `annotator` may work in this project, said at once (a window checks when it
    starts, sessions.acquire): not as a second spelling of an existing name; in a work package
    only as its annotator (every write as
    anyone else is refused, Connection.check_writes_layer_of); on a server, a database user
    mapped to one annotator not as another (the server would refuse every edit)."""
    project.connection.check_writes_layer_of(annotator)
    try:
        project.refuse_case_twin(annotator)  # "ANN1" for ann1: before a window opens on an empty layer
    except InputError as exc:
        # A refusal of who may work here, like the ones around it (a window shows those).
        raise ProjectError(exc.message, hint=exc.hint) from None
    if not project.is_server:
        return
    mine = database_identity(project)
    if mine is not None and mine != annotator:
        raise ProjectError(f"you are connected to {project.path} as the database user of {mine}, "
                           f"not of {annotator}", hint=f"open it with --annotator {mine}, or log in as {annotator}'s user")


# ====================================================================== what this connection may read
def database_identity(project: Project) -> str | None:
    """The annotator whose database user this connection logged in as (None: a project file,
    the database's owner, or a database user mapped to nobody)."""
    if not project.is_server:
        return None
    from .postgresql import security

    return security.identity(project)


def hidden_layers(project: Project) -> list[str]:
    """The layers this connection cannot read, in the order they were added: on a server, those
    PostgreSQL's row-level security hides from the database user (an annotator's user sees only
    their own layer and the model's while blind mode is on); none for a project file, the
    database's owner, a lead's or an adjudicator's user, or anyone once blind mode is off."""
    if not project.is_server:
        return []
    from .postgresql import security

    return security.hidden_layers(project)


def check_may_read(project: Project, layers: Iterable[str] | None = None, *,
                   outcome: str = "nothing was done", hint: str | None = None) -> None:
    """Refuse (ProjectError) to work with `layers` (None: every layer of the project) when this
    connection cannot read some of them. A hidden layer reads as empty, so a copy, an export, an
    agreement or adjudication over it would look right and be wrong: THE rule for pull, push,
    backup, export, agreement, adjudicate, evaluate and train. `outcome` ends the message
    ("... would read {them} as empty; nothing was written": {them} is "it" or "them")."""
    hidden = hidden_layers(project)
    if layers is not None:
        wanted = set(layers)
        hidden = [name for name in hidden if name in wanted]
    if not hidden:
        return
    me = database_identity(project)
    who = (f"the database user of {me}, who sees only their own layer and the model's while blind mode is on"
           if me is not None else "a database user mapped to no annotator, who sees only the model's layer")
    shown = ", ".join(hidden[:8]) + (f" and {len(hidden) - 8} more" if len(hidden) > 8 else "")
    raise ProjectError(
        f"you are connected to {project.path} as {who}; PostgreSQL's row security hides "
        f"{'the layer' if len(hidden) == 1 else 'the layers'} {shown} from this connection; "
        f"{outcome.format(them='it' if len(hidden) == 1 else 'them')}",
        hint=hint or "connect as the database's owner (who ran annotator init) or a lead's or adjudicator's "
                     "user, or ask the lead to turn blind mode off (annotator role URL --blind off)")


# ====================================================================== who has work
# One rule for "has work" (agreement, the dashboard, adjudication, import, export): a span or an
# event that is not an untouched copy of the model's suggestions, or a document moved on from
# "to do". Opening a document (which copies the suggestions) or being assigned one is not work.
_WORK = """(
    EXISTS (SELECT 1 FROM spans s WHERE s.annotator_id = {ann} {doc_s}
            AND NOT (s.origin = 'model' AND s.status = 'suggested'))
    OR EXISTS (SELECT 1 FROM events e WHERE e.annotator_id = {ann} {doc_e}
            AND NOT (e.origin = 'model' AND e.status = 'suggested'))
    OR EXISTS (SELECT 1 FROM assignments a WHERE a.annotator_id = {ann} {doc_a} AND a.state != 'todo'))"""


def _work_clause(ann: str, doc: str | None = None) -> str:
    def on(alias: str) -> str:
        return f"AND {alias}.doc_id = {doc}" if doc else ""

    return _WORK.format(ann=ann, doc_s=on("s"), doc_e=on("e"), doc_a=on("a"))


def annotators_with_work(project: Project) -> list[str]:
    """People (annotators and leads; not the model, not gold) with work in the project, in the
    order they were added. THE definition used by `annotator agreement`, the dashboard and
    adjudication."""
    rows = project.conn.execute(
        f"SELECT n.name FROM annotators n WHERE n.role IN ('annotator', 'lead') AND n.name NOT IN (?, ?) "
        f"AND {_work_clause('n.id')} ORDER BY n.id", (MODEL, GOLD))
    return [name for (name,) in rows]


def layers_with_work(project: Project) -> list[str]:
    """Every layer with work, the model and gold included (the layers an export can write)."""
    rows = project.conn.execute(
        f"SELECT n.name FROM annotators n WHERE {_work_clause('n.id')} OR (n.name = ? AND "
        "EXISTS (SELECT 1 FROM spans s WHERE s.annotator_id = n.id)) ORDER BY n.id", (MODEL,))
    return [name for (name,) in rows]


def has_work_on(project: Project, doc_id: int, annotator_id: int) -> bool:
    """The same rule for one document's layer (an import does not overwrite such a layer)."""
    row = project.conn.execute(f"SELECT {_work_clause(':ann', ':doc')}", {"ann": annotator_id, "doc": doc_id})
    return bool(row.fetchone()[0])


# ====================================================================== assignments
def assignments(project: Project, annotator: str | None = None) -> dict[int, list[str]]:
    """Document id → names of the annotators assigned to it."""
    sql = ("SELECT a.doc_id, n.name FROM assignments a JOIN annotators n ON n.id = a.annotator_id "
           "WHERE a.assigned = 1")
    params: list[Any] = []
    if annotator is not None:
        sql += " AND n.name = ?"
        params.append(annotator)
    result: dict[int, list[str]] = defaultdict(list)
    for doc_id, name in project.conn.execute(sql + " ORDER BY a.doc_id, n.name", params):
        result[doc_id].append(name)
    return dict(result)
