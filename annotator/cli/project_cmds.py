"""Project commands: init, stats, check, backup, restore."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Optional

import typer

from ..core.errors import ProjectError
from ..core.scheme import load_scheme
from ..formats.io import atomic_file, what_writing_replaces
from ..store import Project, is_server_url, refuse_missing_folder, refuse_writing_over_project, sqlite_file_kind
from ..store.errors import is_database_error
from ..store.roles import check_may_read
from . import ui
from .args import project_argument


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("scheme")(scheme_cmd)
    app.command("stats")(stats)
    app.command("check")(check)
    app.command("backup")(backup)
    app.command("restore")(restore)


@ui.handle_errors
def init(
    project: str = project_argument("Project file or PostgreSQL URL to create, e.g. work.db or postgresql://host/corpus"),
    scheme: Optional[Path] = typer.Option(None, "--scheme", help="Scheme TOML file (default: PLOVER + CAMEO)."),
) -> None:
    """Create a new, empty project with the default PLOVER scheme (or --scheme FILE)."""
    loaded = load_scheme(scheme) if scheme else None
    with Project.create(project, loaded) as p:
        s = p.scheme
        ui.ok(f"created {p.path} with scheme {s.name} v{s.version}: {len(s.entities)} entity labels, "
              f"{len(s.events)} event types, {len(s.roles)} argument roles")


@ui.handle_errors
def scheme_cmd(
    project: str = project_argument(),
    out: Optional[Path] = typer.Option(None, "--out", help="Write the scheme file there (default: standard output)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing --out file."),
    new: Optional[Path] = typer.Option(None, "--set", help="Put this scheme file in place of the project's "
                                       "(refused while a window has the project open, or when the "
                                       "annotations use a label, type, mode, context or role it lacks)."),
) -> None:
    """Write the project's scheme as a scheme file to edit, or put an edited one in its place
    (--set): a typo, a new mode or colour, without a new project."""
    if new is not None:
        loaded = load_scheme(new)
        with Project.open(project) as p:
            old = p.scheme
            p.replace_scheme(loaded)
        ui.ok(f"the scheme of {project} is now {loaded.name} v{loaded.version} (was {old.name} v{old.version}): "
              f"{len(loaded.entities)} entity labels, {len(loaded.events)} event types, "
              f"{len(loaded.roles)} argument roles")
        return
    with Project.open(project, readonly=True) as p:
        text = p.scheme.to_toml()
    if out is None:
        typer.echo(text, nl=False)
        return
    refuse_writing_over_project(project, out)  # --force too: it replaced the project by its scheme
    if what_writing_replaces(out) and not force:
        raise ProjectError(f"{out} already exists", hint="pass --force to replace it, or choose another name")
    with atomic_file(out) as handle:
        handle.write(text)
    ui.ok(f"wrote the scheme of {project} to {out}: edit it, then `annotator scheme {project} --set {out}`")


@ui.handle_errors
def stats(
    project: str = project_argument(),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
) -> None:
    """Documents, annotators, spans, events and document states of a project."""
    with Project.open(project, readonly=True) as p:
        data = p.stats()
    if as_json:
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    ui.info(f"{data['path']}  ({data['scheme']})")
    ui.info(f"documents {data['documents']}   spans {data['spans']}   events {data['events']}   "
            f"audit rows {data['audit_rows']}")
    for a in data["annotators"]:
        if a["hidden"]:
            ui.info(f"  {a['name']:<14} {a['role']:<11} hidden from this connection (blind mode)")
            continue
        states = ", ".join(f"{k} {v}" for k, v in sorted(a["states"].items())) or "no documents opened"
        by_status = ", ".join(f"{k} {v}" for k, v in sorted(a["spans_by_status"].items()))
        ui.info(f"  {a['name']:<14} {a['role']:<11} spans {a['spans']:>6}"
                f"{' (' + by_status + ')' if by_status else ''}  events {a['events']:>5}  {states}")
    if data["hidden_layers"]:
        who = (f"the database user of {data['database_user_of']} (blind mode is on)" if data["database_user_of"]
               else "a database user mapped to no annotator")
        ui.warn(f"you are connected as {who}: PostgreSQL's row security hides "
                f"{', '.join(data['hidden_layers'])} from this connection; their counts are not shown and "
                "the totals above leave them out (connect as the database's owner or a lead's user to see them)")


@ui.handle_errors
def check(
    project: str = project_argument(),
    deep: bool = typer.Option(False, "--deep", help="Also re-hash every stored text."),
    fix: bool = typer.Option(False, "--fix", help="Mend broken span–event rules of older projects "
                             "(one audited edit per layer)."),
) -> None:
    """Verify integrity, foreign keys, every offset inside its text, every event complete, the
    span–event rules."""
    from ..store.check import FIX_HINT, REPAIR_HINT, RULE, mend_span_event_rules

    with Project.open(project, readonly=not fix) as p, ui.step_progress() as update:
        # a check of what this connection cannot see would say "sound" of layers it never read
        check_may_read(p, outcome="a check would pass over {them} unread; nothing was checked",
                       hint="check as the database's owner or a lead's user")
        problems = p.check(deep=deep, progress=update)
        if fix and problems and all(line.startswith(RULE) for line in problems):
            ui.info(f"mended {mend_span_event_rules(p)} layer(s)")
            problems = p.check(deep=deep, progress=update)
    if problems:
        for problem in problems:
            ui.error(problem)
        if all(line.startswith(RULE) for line in problems):
            ui.info(f"To repair: {FIX_HINT}.")
        else:
            ui.info(f"To repair: {REPAIR_HINT}.")
        raise typer.Exit(1)
    ui.ok(f"{p.path} is sound")


@ui.handle_errors
def backup(
    project: str = project_argument(),
    dest: Optional[Path] = typer.Argument(None, help="Backup file (default: PROJECT.YYYYmmdd-HHMMSS.bak)"),
) -> None:
    """Write a consistent copy of the project (safe while the app has it open). A server project
    is copied to a desktop project file (as `annotator pull` does); its server backup is pg_dump."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    with Project.open(project, readonly=True) as p:
        if p.is_server:  # a desktop copy in the current folder
            dest = dest or Path(f"{p.path.name}.{stamp}.bak")
        else:
            source = Path(p.path)
            dest = dest or source.with_name(f"{source.name}.{stamp}.bak")
        if dest.exists():
            raise ProjectError(f"{dest} already exists", hint="choose another backup name")
        p.backup(dest)
        ui.ok(f"backed up {p.path} to {dest}")


@ui.handle_errors
def restore(
    backup_file: Path = typer.Argument(..., help="Backup file written by `annotator backup`"),
    project: str = typer.Argument(..., help="Project file to replace"),
    force: bool = typer.Option(False, "--force", help="Replace an existing project file."),
) -> None:
    """Replace a project file by a backup (the current file is kept as PROJECT.replaced-… first).
    A server project is restored with pg_restore, or from a desktop copy with `annotator push`."""
    if is_server_url(project) or is_server_url(str(backup_file)):
        raise ProjectError("restore replaces a project file; it does not write to a database server",
                           hint="restore a server project with pg_restore (docs/server.md), or copy a desktop "
                           "backup into a new, empty database: createdb NAME, then annotator push copy.db URL")
    target = Path(project)
    if target.exists() and not force:
        raise ProjectError(f"{target} exists", hint="pass --force to replace it (it is kept as a copy)")
    _refuse_restoring_over(target, Path(backup_file))
    tmp = target.with_name(f".{target.name}.restoring")
    with Project.open(backup_file, readonly=True) as b:
        problems = b.check()
        if problems:
            raise ProjectError(f"{backup_file} is damaged: {problems[0]}", hint="restore an older backup")
        b.backup(tmp)  # online backup API: also right when the backup file has a -wal beside it
    try:
        if target.exists():
            _refuse_if_in_use(target)
            keep = target.with_name(f"{target.name}.replaced-{time.strftime('%Y%m%d-%H%M%S')}")
            # Moved aside byte for byte (a damaged project is kept as it is, for inspection),
            # together with its -wal, which may hold committed edits not yet in the main file.
            os.replace(target, keep)
            wal = Path(f"{target}-wal")
            if wal.exists() and wal.stat().st_size == 0:
                wal.unlink()  # empty: nothing to keep, and a stray "…replaced-…-wal" only puzzles
            elif wal.exists():
                os.replace(wal, f"{keep}-wal")
            Path(f"{target}-shm").unlink(missing_ok=True)
            ui.info(f"kept the current project as {keep}")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    ui.ok(f"restored {target} from {backup_file}")


def _refuse_restoring_over(target: Path, backup_file: Path) -> None:
    """Restore replaces a project file, and only that: not a device (it replaced /dev/full by a
    regular file), a folder, the backup itself, a text file or another program's database (each
    was moved aside and called "the current project"), nor a file in a missing folder. A project
    too damaged to open is replaced (that is what restore is for): one that is a SQLite file."""
    refuse_missing_folder(target)
    if not target.exists():
        return
    if not target.is_file():
        raise ProjectError(f"{target} is not a project file (a folder or a device); nothing was replaced",
                           hint="give the project file to restore")
    if target.resolve() == backup_file.resolve():
        raise ProjectError(f"{target} is the backup itself; nothing was replaced", hint="give the project file")
    if sqlite_file_kind(target) is None:
        raise ProjectError(f"{target} is not a project file (not a SQLite database); nothing was replaced",
                           hint="give the project file to restore")
    try:
        Project.open(target, readonly=True).close()
    except ProjectError as exc:
        if "not an annotator project" in str(exc):
            raise ProjectError(f"{target} is another program's database, not an annotator project; "
                               "nothing was replaced", hint="give the project file to restore") from None
    except Exception as exc:  # too damaged to open: what restore is for
        if not is_database_error(exc):
            raise


def _refuse_if_in_use(project: Path) -> None:
    from ..store import sessions

    try:
        with Project.open(project, readonly=True) as p:
            live = sessions.live_sessions(p)
    except Exception as exc:
        if isinstance(exc, ProjectError) or is_database_error(exc):
            return  # damaged or older file: nobody can be editing it with this version
        raise
    if live:
        raise ProjectError(f"{project} is open for editing: {live[0].describe()}",
                           hint="close the app first, then restore")
