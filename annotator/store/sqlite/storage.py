"""Telling a full disk or a read-only place from a damaged file (issue 16, item 7).

SQLite reports a full disk as SQLITE_FULL ("database or disk is full"), or — when it cannot even
grow the shared-memory file of WAL mode — as a "disk I/O error" (SQLITE_IOERR_SHMSIZE); a read-only
folder or mount as SQLITE_CANTOPEN ("unable to open database file") or SQLITE_READONLY. Left as
they are, these read as "damaged" or "not an annotator project". `storage_error` names them."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from ...core.errors import CannotWrite, ReadOnlyStorage, StorageFull

_FULL_NAMES = ("SQLITE_FULL", "SQLITE_IOERR_SHMSIZE", "SQLITE_IOERR_WRITE", "SQLITE_IOERR_TRUNCATE",
               "SQLITE_IOERR_FSYNC", "SQLITE_IOERR_SHMMAP", "SQLITE_IOERR")
_READONLY_NAMES = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR_SHMOPEN", "SQLITE_PERM")
LOW_SPACE = 64 * 1024
FULL_HINT = "free some space on that disk, then try again; what the command reported saved stays"
READONLY_HINT = ("copy the project to a folder you can write to, or open it read-only; reading commands "
                 "(stats, check, export) work as they are")


def disk_is_full(path: Path) -> bool:
    try:
        stats = os.statvfs(path.parent if not path.is_dir() else path)
    except OSError:
        return False
    # Less than a few pages left is full in practice: a transaction needs room in the -wal.
    return stats.f_bavail * stats.f_frsize < LOW_SPACE or stats.f_favail == 0


def place_is_read_only(path: Path) -> bool:
    """The file, or the folder its -wal/-shm files need, cannot be written."""
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False
    # Not a read-only mount: permissions (root ignores them, so this is False for root).
    return not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK))


def storage_error(path: Path, exc: BaseException) -> CannotWrite | None:
    """A StorageFull / ReadOnlyStorage naming `path` if `exc` is one of those, else None."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return full(path, text)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return read_only(path, text)
        return None
    if not isinstance(exc, sqlite3.Error):
        return None
    if name == "SQLITE_FULL" or "disk is full" in text:
        return full(path, text)
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return read_only(path, text)
    if name in _FULL_NAMES or name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        if disk_is_full(path):
            return full(path, text)
        if place_is_read_only(path):
            return read_only(path, text)
    if name in _READONLY_NAMES or "unable to open database file" in text:
        if place_is_read_only(path):
            return read_only(path, text)
        if disk_is_full(path):
            return full(path, text)
    return None


def full(path: Path, detail: str = "") -> StorageFull:
    extra = f" ({detail})" if detail else ""
    return StorageFull(f"the disk holding {path} is full{extra}; the step being written was rolled back",
                       hint=FULL_HINT)


def read_only(path: Path, detail: str = "") -> ReadOnlyStorage:
    extra = f" ({detail})" if detail else ""
    return ReadOnlyStorage(f"{path} is in a read-only place (the file or its folder cannot be written){extra}; "
                           "nothing was saved", hint=READONLY_HINT)
