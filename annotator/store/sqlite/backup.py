"""A consistent copy of a project file through SQLite's online backup API.

Never a file copy of a live WAL database, which can miss committed pages still in the -wal
file. The copy is written to a temporary file beside the destination, checked with
`PRAGMA quick_check`, switched to a single-file journal mode, and only then moved into place.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.errors import ProjectError
from .storage import storage_error

if TYPE_CHECKING:
    from ..project import Project


def copy_to(project: "Project", dest: Path) -> Path:
    """A consistent, verified copy of the project's committed state at `dest` (replaced
    atomically). May run on a worker thread: it opens its own connections."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    sweep_killed_copies(dest)
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


# The temporary of a copy to NAME (and SQLite's journal beside it): `.NAME.<pid>.part`.
_PART = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.part(?:-journal)?\Z")
_SWEEP_AFTER_SECONDS = 60  # a younger one may be a copy just started by a process not yet seen


def sweep_killed_copies(dest: Path) -> list[Path]:
    """Delete the temporaries that copies to `dest` killed on the way left beside it (kill -9, a
    power cut: a backup's was the project's size, and a restore's too) -- those whose process is
    gone. Returns what was deleted."""
    swept = []
    try:
        siblings = list(os.scandir(dest.parent))
    except OSError:
        return []
    for entry in siblings:
        found = _PART.match(entry.name)
        if not found or found["name"] != dest.name or _alive(int(found["pid"])):
            continue
        try:
            if time.time() - entry.stat().st_mtime < _SWEEP_AFTER_SECONDS:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        swept.append(Path(entry.path))
    return swept


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process, or no way to tell: kept
    return True

