"""Which errors mean "the project cannot be written" (read-only file or folder, full disk).

The one place the GUI decides it: the window opens such a project read-only with a banner
(app.py), and an edit that fails this way is reported "not saved" (undo.py). The store raises
sqlite3's own errors for these today; if it grows dedicated error classes, only this module
changes.
"""

from __future__ import annotations

import errno
import sqlite3

from ..core import errors as core_errors
from ..core.errors import AnnotatorError

# The store's own class for "cannot write" (core.errors.CannotWrite with StorageFull and
# ReadOnlyStorage, from the integrity work of issue 16) when this installation has it; the
# messages below cover the sqlite3 errors a store without it lets through.
_CANNOT_WRITE: tuple[type[BaseException], ...] = tuple(
    cls for cls in (getattr(core_errors, "CannotWrite", None),) if isinstance(cls, type))
_FULL_CLASS = getattr(core_errors, "StorageFull", None)

# SQLite's messages for SQLITE_READONLY, SQLITE_FULL, SQLITE_IOERR and SQLITE_CANTOPEN.
_WRITE_FAILURES = {
    "attempt to write a readonly database": "the project file or its folder is read-only",
    "database or disk is full": "the disk is full",
    "disk i/o error": "the disk could not be written (full or failing?)",
    "unable to open database file": "the project's folder cannot be written",
    "is open read-only": "the project is open read-only",
    "is in a read-only place": "the project file or its folder is read-only",
}
_OS_ERRNOS = {errno.ENOSPC: "the disk is full", errno.EROFS: "the disk is read-only",
              errno.EACCES: "the project file or its folder is read-only",
              errno.EPERM: "the project file or its folder is read-only"}


def write_failure_reason(exc: BaseException) -> str | None:
    """Why nothing could be written, in the user's words; None when `exc` is another error
    (a refused edit, a busy file, a bug)."""
    if _CANNOT_WRITE and isinstance(exc, _CANNOT_WRITE):
        if isinstance(_FULL_CLASS, type) and isinstance(exc, _FULL_CLASS):
            return "the disk is full"
        return "the project file or its folder is read-only"
    if isinstance(exc, OSError) and exc.errno in _OS_ERRNOS:
        return _OS_ERRNOS[exc.errno]
    if isinstance(exc, (sqlite3.Error, AnnotatorError)):
        text = str(exc).lower()
        for message, reason in _WRITE_FAILURES.items():
            if message in text:
                return reason
    cause = exc.__cause__ or exc.__context__
    return write_failure_reason(cause) if cause is not None and cause is not exc else None


def is_write_failure(exc: BaseException) -> bool:
    return write_failure_reason(exc) is not None
