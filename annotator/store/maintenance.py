"""Maintenance: counts for `annotator stats`, what the annotations use of the scheme, the
integrity check and backup copies.

The checks themselves are in check.py (the engine's own check, then our invariants), the
backup policy in backups.py (the copy is made by the engine).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import ProjectError
from ..core.scheme import InUse, Scheme

if TYPE_CHECKING:
    from .check import Progress
    from .project import Project


def stats(project: Project) -> dict[str, Any]:
    """Counts for `annotator stats`. On a server, the layers this connection cannot read
    (roles.hidden_layers: an annotator's database user in blind mode) are marked `hidden`, with
    None for their counts, never zeros; the totals count only what the connection reads."""
    from .roles import database_identity, hidden_layers

    c = project.connection
    hidden = hidden_layers(project)
    per_annotator: list[dict[str, Any]] = []
    for name, role, ann_id in c.execute("SELECT name, role, id FROM annotators ORDER BY id"):
        if name in hidden:
            per_annotator.append({"name": name, "role": role, "hidden": True, "spans": None,
                                  "spans_by_status": None, "events": None, "states": None})
            continue
        spans = dict(c.execute(
            "SELECT status, count(*) FROM spans WHERE annotator_id = ? GROUP BY status", (ann_id,)))
        states = dict(c.execute(
            "SELECT state, count(*) FROM assignments WHERE annotator_id = ? GROUP BY state", (ann_id,)))
        events = c.execute("SELECT count(*) FROM events WHERE annotator_id = ?", (ann_id,)).fetchone()[0]
        per_annotator.append({"name": name, "role": role, "hidden": False, "spans": sum(spans.values()),
                              "spans_by_status": spans, "events": events, "states": states})
    return {
        "hidden_layers": hidden,
        "database_user_of": database_identity(project),
        "path": str(c.path),
        "scheme": f"{c.scheme.name} v{c.scheme.version}",
        "documents": c.execute("SELECT count(*) FROM documents").fetchone()[0],
        "annotators": per_annotator,
        "spans": c.execute("SELECT count(*) FROM spans").fetchone()[0],
        "events": c.execute("SELECT count(*) FROM events").fetchone()[0],
        "audit_rows": c.execute("SELECT count(*) FROM audit").fetchone()[0],
    }


def scheme_in_use(project: Project) -> InUse:
    """Every entity label, event type, mode, context and argument role the project's annotations
    use (every layer, rejected items too: they are stored), with how often."""
    c = project.connection
    used = InUse()
    for layer, label, n in c.execute("SELECT layer, label, count(*) FROM spans GROUP BY layer, label"):
        kind = used.entities if layer == "entity" else used.events
        kind[label] = kind.get(label, 0) + n
    for etype, mode, context, n in c.execute(
            "SELECT type, mode, context, count(*) FROM events GROUP BY type, mode, context"):
        used.events[etype] = used.events.get(etype, 0) + n
        if mode is not None:
            used.modes[(etype, mode)] = used.modes.get((etype, mode), 0) + n
        if context is not None:
            used.contexts[context] = used.contexts.get(context, 0) + n
    used.roles.update(c.execute("SELECT role, count(*) FROM arguments GROUP BY role"))
    return used


def replace_scheme(project: Project, scheme: Scheme) -> None:
    """Put `scheme` in place of the project's (one transaction, an audit row) -- refused while a
    window has the project open (it keeps the scheme it opened with), when this connection cannot
    read every layer, or when the annotations use a label, type, mode, context or role the new
    scheme lacks (`Scheme.lacks`): the window could not show them."""
    from .roles import hidden_layers
    from .sessions import live_sessions

    open_by = live_sessions(project)
    if open_by:
        raise ProjectError(f"the project is open in the window: {open_by[0].describe()}",
                           hint="change the scheme when every window on it is closed")
    if hidden_layers(project):
        raise ProjectError("this database user cannot read every layer (blind mode), so what they use "
                           "cannot be checked", hint="change the scheme as the lead who owns the project")
    gaps = scheme.lacks(scheme_in_use(project))
    if gaps:
        more = f" and {len(gaps) - 5} more" if len(gaps) > 5 else ""
        raise ProjectError(f"the annotations use what the new scheme lacks: {'; '.join(gaps[:5])}{more}",
                           hint="add them to the scheme file, or relabel those annotations first")
    project.set_scheme(scheme)


def check(project: Project, *, deep: bool = False, progress: Progress | None = None) -> list[str]:
    """Problems found (integrity, foreign keys, offsets, events); empty when sound.
    `deep` also re-hashes every text."""
    from .check import check_project

    return check_project(project, deep=deep, progress=progress)


def backup(project: Project, dest: str | Path) -> Path:
    """A consistent copy made by the engine (safe while in use): written beside dest, checked,
    then moved in place (backups.py)."""
    from .backups import copy_to
    from .roles import check_may_read

    check_may_read(project, outcome="a copy would lack everybody else's work; nothing was written")
    return copy_to(project, dest)
