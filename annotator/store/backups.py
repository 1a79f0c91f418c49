"""Backup copies of a project file: before each schema migration, and one a day.

Copies are made with SQLite's online backup API (never a file copy of a live WAL
database, which can miss committed pages still in the -wal file), written to a temporary
file beside the destination, checked with `PRAGMA quick_check`, switched to a single-file
journal mode, and only then moved into place. So a backup either exists whole and sound,
or not at all — a crash while copying never leaves a half backup that looks good.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import ProjectError
from .storage import storage_error

if TYPE_CHECKING:
    from .project import Project

DAILY_KEEP = 7
_DAILY = re.compile(r"\.daily-(\d{4}-\d{2}-\d{2})\.bak$")


def copy_to(project: "Project", dest: str | Path) -> Path:
    """A consistent, verified copy of the project's committed state at `dest` (replaced
    atomically). May run on a worker thread: it opens its own connections."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.part")
    tmp.unlink(missing_ok=True)
    try:
        # Own connections (not project.conn): safe on a worker thread while the caller keeps
        # using its connection, and the copy holds only committed transactions.
        if project.cannot_write is not None:  # a read-only place or a full disk: no -shm can be made
            source = sqlite3.connect(project.path.resolve().as_uri() + "?immutable=1", uri=True, timeout=30)
        elif project.readonly:
            source = sqlite3.connect(project.path.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
        else:
            source = sqlite3.connect(str(project.path), timeout=30)
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            # One self-contained file: opening the copy read-only later needs no -wal/-shm.
            target.execute("PRAGMA journal_mode = DELETE")
            result = [r[0] for r in target.execute("PRAGMA quick_check")]
        finally:
            target.close()
            source.close()
        if result != ["ok"]:
            raise ProjectError(f"the backup copy of {project.path} failed its check: {result[0]}",
                               hint="run `annotator check` on the project")
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
    except (sqlite3.Error, OSError) as exc:
        problem = storage_error(dest, exc)
        if problem is not None:
            raise type(problem)(f"cannot write the backup {dest}: {problem.message}", hint=problem.hint) from None
        raise ProjectError(f"cannot write the backup {dest}: {exc}") from None
    finally:
        tmp.unlink(missing_ok=True)
    return dest


def pre_migration_backup(project: "Project") -> Path:
    """The copy taken before a schema migration: PROJECT.pre-migration-YYYYmmdd-HHMMSS.bak."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return copy_to(project, project.path.with_name(f"{project.path.name}.pre-migration-{stamp}.bak"))


def backup_folder(project: "Project") -> Path:
    """Default place for daily backups: a folder beside the project (PROJECT.backups/)."""
    return project.path.with_name(f"{project.path.name}.backups")


def daily_backups(project: "Project", folder: str | Path | None = None) -> list[Path]:
    """The daily backups of this project, oldest first."""
    folder = Path(folder) if folder is not None else backup_folder(project)
    if not folder.is_dir():
        return []
    prefix = f"{project.path.name}.daily-"
    found = [p for p in folder.iterdir() if p.name.startswith(prefix) and _DAILY.search(p.name)]
    return sorted(found, key=lambda p: _DAILY.search(p.name).group(1))  # type: ignore[union-attr]


def daily_backup(project: "Project", folder: str | Path | None = None, keep: int = DAILY_KEEP,
                 today: _dt.date | None = None) -> Path | None:
    """Make today's backup unless it exists; keep the newest `keep` daily copies.

    Returns the new backup's path, or None when today's copy was already there. The app
    calls this when it opens a project (cheap after the first call of the day)."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    folder = Path(folder) if folder is not None else backup_folder(project)
    day = (today or _dt.date.today()).isoformat()
    dest = folder / f"{project.path.name}.daily-{day}.bak"
    made = None
    if not dest.exists():
        made = copy_to(project, dest)
    for old in daily_backups(project, folder)[:-keep]:
        old.unlink(missing_ok=True)
    return made
