"""store/errors.py: a raw database error from either engine is recognised and said in one line,
and looking does not load psycopg into a desktop process."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from annotator.store.errors import database_fault, describe_database_error, is_database_error, is_sqlite_error


@pytest.mark.parametrize("exc, fault, words", [
    (sqlite3.OperationalError("database is locked"), "busy", "busy"),
    (sqlite3.OperationalError("database or disk is full"), "full", "disk is full"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "readonly", "read-only place"),
    (sqlite3.DatabaseError("database disk image is malformed"), "damaged", "annotator check"),
])
def test_sqlite_errors(exc, fault, words):
    assert is_database_error(exc) and is_sqlite_error(exc)
    assert database_fault(exc) == fault
    assert words in describe_database_error(exc)


def test_other_errors_are_not_database_errors():
    for exc in (ValueError("x"), OSError("y"), RuntimeError("database is locked")):
        assert not is_database_error(exc) and database_fault(exc) is None


def test_psycopg_errors_by_kind():
    psycopg = pytest.importorskip("psycopg")
    from psycopg import errors

    cases = {
        errors.InsufficientPrivilege("permission denied for table spans"): ("permission", "annotator role"),
        errors.DiskFull("could not extend file"): ("full", "out of space"),
        errors.LockNotAvailable("canceling statement due to lock timeout"): ("busy", "busy"),
        errors.AdminShutdown("terminating connection due to administrator command"): ("connection", "lost"),
        psycopg.OperationalError("server closed the connection unexpectedly"): ("connection", "pg_isready"),
        errors.UndefinedTable('relation "spans" does not exist'): ("server", "refused"),
    }
    for exc, (fault, words) in cases.items():
        assert is_database_error(exc) and not is_sqlite_error(exc)
        assert database_fault(exc) == fault, exc
        message = describe_database_error(exc)
        assert words in message and ("nothing was saved" in message or "rolled back" in message), message


def test_asking_does_not_import_psycopg():
    code = ("import sys, sqlite3; from annotator.store.errors import is_database_error, database_fault; "
            "assert is_database_error(sqlite3.OperationalError('x')); assert database_fault(ValueError()) is None; "
            "import annotator.cli.ui; print('psycopg' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
