"""A consistent copy of a project file through SQLite's online backup API.

Never a file copy of a live WAL database, which can miss committed pages still in the -wal
file. The copy is written to a temporary file beside the destination, checked with
`PRAGMA quick_check`, switched to a single-file journal mode, and only then moved into place.
"""

from __future__ import annotations

import os
import sqlite3
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
