"""Backup copies of a project file: before each schema migration, and one a day.

Copies are made by the engine (SQLite: its online backup API, `sqlite/backup.py`), written
to a temporary file beside the destination, checked, and only then moved into place. So a
backup either exists whole and sound, or not at all — a crash while copying never leaves a
half backup that looks good.
"""

from __future__ import annotations

import datetime as _dt
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .project import Project

DAILY_KEEP = 7
_DAILY = re.compile(r"\.daily-(\d{4}-\d{2}-\d{2})\.bak$")


def copy_to(project: "Project", dest: str | Path) -> Path:
    """A consistent, verified copy of the project's committed state at `dest` (replaced
    atomically), made by the project's engine. May run on a worker thread."""
    return project.connection.engine.backup(project, Path(dest))


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
