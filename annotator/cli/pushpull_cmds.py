"""`push` and `pull`: move a whole project between a desktop file and a team server (or any two
projects); the work is in store/pushpull/."""

from __future__ import annotations

import typer

from ..store import pushpull
from ..store.pushpull import TransferReport
from . import ui


def register(app: typer.Typer) -> None:
    app.command("push")(push)
    app.command("pull")(pull)


@ui.handle_errors
def push(
    project: str = typer.Argument(..., help="Project to copy from: a file, or a PostgreSQL URL"),
    target: str = typer.Argument(..., help="Project to copy into: a PostgreSQL URL (postgresql://user@host/db) "
                                           "or a file; created when new or empty"),
) -> None:
    """Copy a project (documents, every layer, history, assignments, scheme) into a server database or
    another file. Again later: only what changed; refused if the target has work the source lacks."""
    with ui.step_progress() as progress:
        report = pushpull.push(project, target, progress=progress)
    _print(report, "pushed")


@ui.handle_errors
def pull(
    project: str = typer.Argument(..., help="Project to copy: a PostgreSQL URL, or a file"),
    dest: str = typer.Argument(..., help="Desktop project file to write, e.g. copy.db"),
    force: bool = typer.Option(False, "--force", help="Replace DEST if it exists."),
) -> None:
    """Write a desktop project file holding everything of a (server) project: offline work, archive."""
    with ui.step_progress() as progress:
        report = pushpull.pull(project, dest, force=force, progress=progress)
    _print(report, "pulled")


def _print(report: TransferReport, verb: str) -> None:
    if not report.changed:
        ui.ok(f"{report.target} is already up to date with {report.source}")
        return
    ui.ok(f"{verb} {report.source} into {report.target}" + (" (a new copy of the project)" if report.adopted else "")
          + f": {_n(report.documents, 'document')}, {_n(report.layers, 'layer')} ({_n(report.spans, 'span')}, "
          f"{_n(report.events, 'event')}), {_n(report.assignments, 'assignment')}, "
          f"{_n(report.audit_rows, 'audit row')} written")


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
