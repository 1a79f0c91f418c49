"""Which errors mean what to the window: "the project cannot be written" (read-only file or
folder, full disk), "busy" (another program holds the write lock), "your session was taken over",
or any other refusal of the store (never a crash).

The one place the GUI decides it: the window opens a project that cannot be written read-only
with a banner (app.py), and an edit that fails this way is reported "not saved" (undo.py). The
store raises core.errors.CannotWrite (StorageFull, ReadOnlyStorage) for these; the messages below
cover a raw database or OS error that reaches the GUI some other way (e.g. taking the session
lock): SQLite's by their text, PostgreSQL's by their kind (store/errors.py). A document that
cannot be opened because the project is busy is told with `BUSY` (main_window.py); an edit refused
because another window took over the session makes the window read-only for that layer
(locking.py).
"""

from __future__ import annotations

import errno

from ..core.errors import AnnotatorError, CannotWrite, ProjectBusy, SessionTakenOver, StorageFull
from ..store.errors import database_fault, is_database_error, is_sqlite_error

# SQLite's messages for SQLITE_READONLY, SQLITE_FULL, SQLITE_IOERR and SQLITE_CANTOPEN.
_WRITE_FAILURES = {
    "attempt to write a readonly database": "the project file or its folder is read-only",
    "database or disk is full": "the disk is full",
    "disk i/o error": "the disk could not be written (full or failing?)",
    "unable to open database file": "the project's folder cannot be written",
    "is open read-only": "the project is open read-only",
    "is in a read-only place": "the project file or its folder is read-only",
}
# A server's refusals (store/errors.py names the kind).
_SERVER_FAULTS = {"permission": "this database user may not write the project",
                  "connection": "the connection to the database server was lost",
                  "full": "the database server is out of space"}
_OS_ERRNOS = {errno.ENOSPC: "the disk is full", errno.EROFS: "the disk is read-only",
              errno.EACCES: "the project file or its folder is read-only",
              errno.EPERM: "the project file or its folder is read-only"}


def write_failure_reason(exc: BaseException) -> str | None:
    """Why nothing could be written, in the user's words; None when `exc` is another error
    (a refused edit, a busy file, a bug)."""
    if isinstance(exc, CannotWrite):
        # A server's refusal keeps the engine's error as its context: name the server's reason.
        server = database_fault(exc.__context__) if exc.__context__ is not None else None
        if server in _SERVER_FAULTS and not is_sqlite_error(exc.__context__):
            return _SERVER_FAULTS[server]
        if isinstance(exc, StorageFull):
            return "the disk is full"
        return "the project file or its folder is read-only"
    if isinstance(exc, OSError) and exc.errno in _OS_ERRNOS:
        return _OS_ERRNOS[exc.errno]
    if is_database_error(exc) or isinstance(exc, AnnotatorError):
        text = str(exc).lower()
        for message, reason in _WRITE_FAILURES.items():
            if message in text:
                return reason
        server = database_fault(exc)
        if server in _SERVER_FAULTS and not is_sqlite_error(exc):
            return _SERVER_FAULTS[server]
    cause = exc.__cause__ or exc.__context__
    return write_failure_reason(cause) if cause is not None and cause is not exc else None


def is_write_failure(exc: BaseException) -> bool:
    return write_failure_reason(exc) is not None


# What the annotator is told when the project is busy: in their words, with what to do.
BUSY = ("the project is busy: another program (an import, pre-annotation or adjudication?) is writing "
        "to it; try again in a moment")


def is_busy(exc: BaseException) -> bool:
    """Another writer held the write lock longer than we waited; nothing was written."""
    return isinstance(exc, ProjectBusy)


def is_taken_over(exc: BaseException) -> bool:
    """The store refused a write of a layer whose editing session another window took over."""
    return isinstance(exc, SessionTakenOver)


def is_refusal(exc: BaseException) -> bool:
    """An error the store or the storage gave for something the user did (nothing was written,
    or nothing changed): told in the window, never a crash. Anything else is a bug."""
    return isinstance(exc, (AnnotatorError, OSError)) or is_database_error(exc)
