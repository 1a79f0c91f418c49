"""Team commands: assign, package, merge, progress, role (the work itself is in store/team.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ..core.errors import InputError
from ..core.model import SYSTEM_NAMES
from ..store import Project, team
from . import ui
from .args import printable, project_argument


def register(app: typer.Typer) -> None:
    app.command("assign")(assign)
    app.command("package")(package)
    app.command("merge")(merge)
    app.command("progress")(progress)
    app.command("role")(role)


@ui.handle_errors
def assign(
    project: str = project_argument(),
    annotators: str = typer.Option(..., "--annotators", help="Comma-separated names, e.g. ann1,ann2,ann3"),
    per_doc: int = typer.Option(1, "--per-doc", help="Annotators per document."),
    overlap: float = typer.Option(0.0, "--overlap",
                                  help="Fraction of documents given to ALL the annotators (for agreement)."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Random seed: the same seed gives the same assignment."),
) -> None:
    """Assign every unassigned document to annotators (balanced; earlier assignments are kept)."""
    with Project.open(project) as p:
        report = team.assign(p, annotators.split(","), per_doc=per_doc, overlap=overlap, seed=seed)
    if not report.documents:
        ui.ok(f"nothing to assign: all {report.kept} documents already have annotators")
        return
    ui.ok(f"assigned {report.documents} documents ({report.shared} shared by all for agreement), "
          f"seed {report.seed}; {report.kept} documents kept their earlier assignment")
    for name, new in report.new_load.items():
        ui.info(f"  {name:<14} +{new:<6} total {report.total_load[name]}")


@ui.handle_errors
def package(
    project: str = project_argument(),
    dest: Path = typer.Argument(..., help="Package file to write, e.g. ann1.db"),
    annotator: str = typer.Option(..., "--annotator", "-a", help="Whose assigned documents to package."),
) -> None:
    """Write a project file with one annotator's documents, model suggestions and layer, to work offline."""
    with Project.open(project) as p:
        report = team.package(p, annotator, dest)
        where = p.path
    ui.ok(f"wrote {dest}: {report.documents} documents for {annotator} "
          f"({report.spans} spans, {report.events} events in their layer)")
    ui.info(f"{annotator} opens it with `annotator gui {dest} --annotator {annotator}`; bring the work back with "
            f"`annotator merge {where} {dest}` (as often as you like)")


@ui.handle_errors
def merge(
    project: str = project_argument(),
    package_file: Path = typer.Argument(..., help="Work package written by `annotator package`"),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
) -> None:
    """Bring an annotator's layer, states, time and history back from a work package (idempotent).
    Exit code 1 when some of the package's work could not be merged (listed)."""
    with Project.open(project) as p:
        report = team.merge(p, package_file)
        where = p.path
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        _show_merge(report, package_file, where)
    if report.not_merged:
        # What could be merged was; the rest is listed. Not a clean merge: scripts must notice.
        raise typer.Exit(1)


def _show_merge(report: team.MergeReport, package_file: Path, where: object) -> None:
    if not report.changed and not report.not_merged:
        ui.ok(f"{where} is already up to date with {package_file} ({report.annotator})")
        return
    if report.changed:
        states = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(report.states.items()))
        ui.ok(f"merged {report.annotator}'s work from {package_file}: {_n(report.layers_updated, 'document')} "
              f"updated, {_n(report.audit_rows, 'edit')}, {_duration(report.seconds_added)} of work ({states})")
    else:
        ui.info(f"nothing new of {report.annotator}'s work in {package_file}")
    if report.interleaved:
        ui.warn(f"{_n(len(report.interleaved), 'document')} also edited in {where}: both histories were "
                f"replayed in audit order: {', '.join(map(str, report.interleaved[:20]))}")
    for conflict in report.conflicts:
        ui.warn(str(conflict))
    for problem in report.not_merged:
        ui.warn(problem)
    if report.left_in_package:
        first = report.left_in_package[0].name
        ui.info(f"to see that work: annotator export {package_file} {first}.jsonl --layer {first}")


@ui.handle_errors
def progress(
    project: str = project_argument(),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
) -> None:
    """Per annotator: done / in progress / to do, time, events per hour, fate of the model's suggestions."""
    with Project.open(project, readonly=True) as p:
        rows = team.progress(p)
        hidden = [name for name in team.hidden_layers(p) if name not in SYSTEM_NAMES]
    if hidden:  # blind mode through an annotator's database user: the others' rows are not missing work
        ui.warn(f"PostgreSQL's row security hides {', '.join(hidden)} from this connection (blind mode): "
                "their progress is not shown; connect as the database's owner or a lead's user to see it")
    if as_json:
        typer.echo(json.dumps({"annotators": [r.as_dict() for r in rows]}, indent=2, ensure_ascii=False))
        return
    if not rows:
        ui.info("nobody has documents yet: annotator assign PROJECT --annotators ann1,ann2 …")
        return
    ui.info(f"{'annotator':<14} {'assigned':>8} {'done':>6} {'in prog.':>8} {'to do':>6} {'skipped':>7} "
            f"{'time':>8} {'events':>7} {'events/h':>8}")
    for r in rows:
        rate = f"{r.events_per_hour:.1f}" if r.events_per_hour is not None else "–"
        ui.info(f"{r.name:<14} {r.assigned:>8} {r.done:>6} {r.in_progress:>8} {r.todo:>6} {r.skipped:>7} "
                f"{_duration(r.seconds):>8} {r.events:>7} {rate:>8}")
    for r in rows:
        if r.unassigned:
            ui.info(f"  {r.name} also worked on {r.unassigned} document(s) not assigned to them "
                    "(counted in done / in prog. / skipped above)")
    if any(r.suggestions for r in rows):
        ui.info("\nmodel suggestions: accepted / edited / rejected (pending), by the model's label")
        for r in rows:
            for label, c in sorted(r.suggestions.items()):
                share = f"{100 * c.accepted / c.decided:.0f}% kept as is" if c.decided else ""
                ui.info(f"  {r.name:<14} {label:<16} {c.accepted:>5} / {c.edited:>5} / {c.rejected:>5} "
                        f"({c.pending} pending)  {share}")


@ui.handle_errors
def role(
    project: str = project_argument(),
    name: Optional[str] = typer.Argument(None, help="Person whose role to set (omit to list everybody's)."),
    new_role: Optional[str] = typer.Argument(None, metavar="ROLE", help="annotator | adjudicator | lead"),
    db_user: Optional[str] = typer.Option(None, "--db-user", help="Server projects: the database user this "
                                          "person logs in as (created if missing); row-level security then "
                                          "holds it to what the role may see and write."),
    blind: Optional[str] = typer.Option(None, "--blind", metavar="on|off", help="Blind mode: annotators see "
                                        "only their own layer and the model's (on a server, enforced by it)."),
) -> None:
    """List people and their roles, or set one: a lead or adjudicator sees every layer, an annotator
    only their own and the model's (blind mode). On a server project, --db-user gives the person a
    database user of their own (docs/server.md)."""
    if blind is not None and blind not in ("on", "off"):
        raise InputError(f"--blind takes on or off, not {blind!r}")
    if name is not None and new_role is None and db_user is None:
        raise InputError(f"give {name}'s role too, e.g. `annotator role {printable(project)} {name} lead`",
                         hint="roles: " + ", ".join(team.PEOPLE_ROLES))
    if db_user is not None and name is None:
        raise InputError("--db-user needs the person's name, e.g. `annotator role URL ann1 annotator --db-user ann1`")
    writes = name is not None or blind is not None
    with Project.open(project, readonly=not writes) as p:
        if writes:
            done: list[str] = []
            with p.write():  # all or nothing: "✓ alice is now annotator" was said, and kept, before
                # --db-user on a project file was refused
                if name is not None and new_role is not None:
                    before = team.role_of(p, name)
                    team.set_role(p, name, new_role)
                    done.append(f"{name} is now {new_role}" + (f" (was {before})" if before and before != new_role
                                                                 else ""))
                if name is not None and db_user is not None:
                    created = team.set_database_user(p, name, db_user)
                    done.append(f"{name} works as the database user {db_user}" + (
                        f" (created: set a password with `ALTER ROLE {db_user} PASSWORD ...` or your server's "
                        "authentication)" if created else ""))
                if blind is not None:
                    team.set_blind(p, blind == "on")
                    done.append(f"blind mode is {blind}")
            for message in done:
                ui.ok(message)
            return
        people = team.roles(p)
        users = {annotator: user for user, annotator in team.database_users(p).items()}
        blind_now = team.blind(p)
    if not people:
        ui.info("nobody yet: people appear when they first open the project or are assigned documents")
    for person, person_role in people.items():
        user = f"  database user {users[person]}" if person in users else ""
        ui.info(f"{person:<20} {person_role}{user}")
    ui.info(f"blind mode: {'on' if blind_now else 'off'}")


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _duration(seconds: float) -> str:
    minutes = int(round(seconds / 60))
    return f"{minutes // 60}h{minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"
