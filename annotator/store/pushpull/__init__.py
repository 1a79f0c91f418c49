"""Push and pull: move a whole project between engines (issue 17) — a desktop file to a team
server (`push`) and a server project to a desktop file (`pull`), or any project into another.

    copy.py    copy_project(source, target): one transaction, only what changed, refusing a
               target that holds work the source lacks
    tables.py  the columns copied, table by table

`push` into a project that does not exist yet creates it (a new file is written beside its
name and renamed when complete; a server database gets the schema first). `pull` writes a new
desktop file the same way and never replaces an existing one unless asked (`force`).
docs/team.md ("Moving between engines") says when to use which.
"""

from __future__ import annotations

import os
from pathlib import Path

from ...core.errors import ProjectError
from ..locations import is_server_url, refuse_missing_folder
from ..project import Project
from ..roles import check_may_read, database_identity
from .copy import Diverged, Progress, TransferReport, copy_project

__all__ = ["Diverged", "Progress", "TransferReport", "copy_project", "desktop_copy", "pull", "push"]


def push(source: str | Path, target: str | Path, *, progress: Progress | None = None) -> TransferReport:
    """Copy the project at `source` into `target` (a path or a server URL): everything into a new
    or empty project, only what changed into an earlier copy; pushing again changes nothing."""
    with Project.open(source, readonly=True) as src:
        _check_reads_everything(src)
        if not is_server_url(target) and (not Path(target).exists() or (
                Path(target).is_file() and Path(target).stat().st_size == 0)):  # an empty file: new, as --help says
            refuse_missing_folder(Path(target))
            return desktop_copy(src, Path(target), progress=progress)
        with _open_or_create(target, src) as dst:
            _check_writes_everything(dst)
            return copy_project(src, dst, progress=progress)


def pull(source: str | Path, dest: str | Path, *, force: bool = False,
         progress: Progress | None = None) -> TransferReport:
    """Write a new desktop project file `dest` holding everything of the project at `source`."""
    if is_server_url(dest):
        raise ProjectError(f"pull writes a desktop file, and {dest} is a server database",
                           hint="to copy a project into a server database, use: annotator push FILE URL")
    dest = Path(dest)
    if dest.exists() and not force:
        raise ProjectError(f"{dest} already exists; nothing was written",
                           hint="choose another file name, or add --force to replace it")
    if dest.is_dir():
        raise ProjectError(f"{dest} is a folder; give the name of the project file to write")
    refuse_missing_folder(dest)
    if dest.exists() and not dest.is_file():  # a device: --force replaced /dev/full by a file
        raise ProjectError(f"{dest} is not a regular file; nothing was written",
                           hint="give the name of the project file to write")
    with Project.open(source, readonly=True) as src:
        _check_reads_everything(src)
        return desktop_copy(src, dest, progress=progress)


def desktop_copy(src: Project, dest: Path, *, progress: Progress | None = None) -> TransferReport:
    """Copy an open project (either engine) into a new desktop file written beside `dest` and
    renamed over it only when complete (an existing `dest` is replaced: the callers decide)."""
    if isinstance(src.path, Path) and src.path.resolve() == dest.resolve():
        raise ProjectError(f"{dest} is the project being copied; nothing was written",
                           hint="give the copy another file name")
    partial = dest.with_name(f".{dest.name}.partial")
    _remove_database(partial)
    try:
        with Project.create(partial, src.scheme) as dst:
            report = copy_project(src, dst, progress=progress)
        # A journal left by the file being replaced must never be applied to the new one.
        for leftover in (Path(f"{dest}-wal"), Path(f"{dest}-shm"), Path(f"{dest}-journal")):
            leftover.unlink(missing_ok=True)
        os.replace(partial, dest)
    except BaseException:
        _remove_database(partial)
        raise
    report.target = str(dest)
    return report


def _open_or_create(target: str | Path, src: Project) -> Project:
    try:
        return Project.open(target)
    except ProjectError as not_a_project:
        if not is_server_url(target):
            raise
        try:  # an empty server database: the project's schema first (refused if not empty)
            return Project.create(target, src.scheme)
        except ProjectError:
            raise not_a_project from None


def _check_reads_everything(project: Project) -> None:
    """On a server in blind mode, an annotator's database user reads only their own layer: a copy
    made through it would silently lack everybody else's work (roles.check_may_read)."""
    check_may_read(project, outcome="a copy would lack everybody else's work; nothing was copied")


def _check_writes_everything(project: Project) -> None:
    """Copying into a server writes every table: only the database's owner may (docs/server.md)."""
    me = database_identity(project)
    if me is not None:
        raise ProjectError(
            f"you are connected to {project.path} as the database user of {me}, who may write only some "
            "rows of it; push writes the whole project; nothing was copied",
            hint="push as the database's owner (who ran annotator init URL)")


def _remove_database(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        leftover.unlink(missing_ok=True)


