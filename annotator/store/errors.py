"""Database errors that reach the CLI or the GUI raw, told apart for either engine.

The store turns the faults it expects into `ProjectError` / `CannotWrite` with a clear message;
a raw engine error can still escape midway (a file damaged under a running command, a server
connection that drops). The CLI and the app ask here — never `import sqlite3` or `psycopg`
themselves — whether an exception is one, what kind, and how to say it in one line.

psycopg is consulted only when it is already loaded (a server project was opened), so the
desktop app's start-up never imports it.
"""

from __future__ import annotations

import sqlite3
import sys
from typing import Literal

Fault = Literal["busy", "full", "readonly", "damaged", "connection", "permission", "server"]

# PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_PG_BUSY = {"55P03", "40P01", "40001"}  # lock not available, deadlock, serialization failure
_PG_FULL = {"53100", "53200"}  # disk full, out of memory
_PG_READONLY = {"25006"}  # read-only transaction (a standby server)
_PG_PERMISSION = {"42501", "28000", "28P01"}  # insufficient privilege, authentication


def _psycopg_error() -> type[BaseException] | None:
    module = sys.modules.get("psycopg")
    return getattr(module, "Error", None) if module is not None else None


def is_database_error(exc: BaseException) -> bool:
    """`exc` was raised by a database engine (SQLite, or PostgreSQL through psycopg)."""
    if isinstance(exc, sqlite3.Error):
        return True
    pg_error = _psycopg_error()
    return pg_error is not None and isinstance(exc, pg_error)


def is_sqlite_error(exc: BaseException | None) -> bool:
    """`exc` came from SQLite (a project file), not from a database server."""
    return isinstance(exc, sqlite3.Error)


def database_fault(exc: BaseException) -> Fault | None:
    """What kind of database fault `exc` is; None when it is not a database error."""
    if isinstance(exc, sqlite3.Error):
        return _sqlite_fault(exc)
    if is_database_error(exc):
        return _pg_fault(exc)
    return None


def _sqlite_fault(exc: sqlite3.Error) -> Fault:
    text = str(exc).lower()
    name = getattr(exc, "sqlite_errorname", "") or ""
    if "locked" in text or "busy" in text:
        return "busy"
    if name == "SQLITE_FULL" or "disk is full" in text:
        return "full"
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return "readonly"
    return "damaged"


def _pg_fault(exc: BaseException) -> Fault:
    state = getattr(exc, "sqlstate", None) or ""
    if state in _PG_BUSY:
        return "busy"
    if state in _PG_FULL:
        return "full"
    if state in _PG_READONLY:
        return "readonly"
    if state in _PG_PERMISSION:
        return "permission"
    operational = getattr(sys.modules.get("psycopg"), "OperationalError", ())
    # Class 08 (connection exception), 57P0x (the server shut down), or no SQLSTATE at all on an
    # OperationalError: the connection is gone ("server closed the connection unexpectedly").
    if state.startswith("08") or state.startswith("57P") or (not state and isinstance(exc, operational)):
        return "connection"
    return "server"


def describe_database_error(exc: BaseException) -> str:
    """One line for the user: what happened, that nothing was saved, what to do."""
    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    fault = database_fault(exc)
    if isinstance(exc, sqlite3.Error):
        return {
            "busy": f"the project file is busy ({detail}); try again when the other program is done",
            "full": f"the disk is full ({detail}); nothing was saved: free some space, then try again",
            "readonly": f"the project is in a read-only place ({detail}); nothing was saved",
        }.get(fault or "", f"the project file is damaged ({detail}); "
                           "run `annotator check FILE` to see what and how to repair")
    return {
        "busy": f"the project's database is busy ({detail}); nothing was saved: try again in a moment",
        "full": f"the database server is out of space ({detail}); nothing was saved: "
                "ask its administrator to free some",
        "readonly": f"the database server accepts no writes ({detail}); nothing was saved",
        "permission": f"this database user may not do that ({detail}); nothing was saved: "
                      "ask the lead for access (annotator role)",
        "connection": f"the connection to the database server was lost ({detail}); what was not "
                      "reported saved was rolled back: check the server (pg_isready) and run the command again",
    }.get(fault or "", f"the database server refused the command ({detail}); nothing was saved")
