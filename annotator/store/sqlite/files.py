"""What a file on disk is, as far as the store can tell without opening it as a project: not
SQLite at all, some other SQLite database, an annotator project, or a work package. Import uses it
to send a project file to `merge` instead of saying it "cannot tell the format"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ...core.errors import InputError
from .engine import APP_ID

SQLITE_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite 3 database file


def sqlite_file_kind(path: Path) -> str | None:
    """"package", "project", "sqlite" (a database of another program) or None (not SQLite).
    Read-only and without migrating: a project of an older or newer version is still told."""
    try:
        with path.open("rb") as f:
            if f.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return None
    except OSError:
        return None
    meta = _meta(path)
    if meta.get("app") != APP_ID:
        return "sqlite"
    # The key `store.team.package_info` reads: a package records where it came from.
    return "package" if "package_id" in meta else "project"


def _meta(path: Path) -> dict[str, str]:
    """The meta table of a SQLite file ({} when it has none or cannot be read)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return {}
    try:
        return dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('app', 'package_id')").fetchall())
    except sqlite3.Error:
        return {}
    finally:
        conn.close()


def refuse_database_import(path: Path, project: str) -> None:
    """A SQLite file is never a format to import (command line and window alike): say what it is
    and what to run instead -- an annotator project's work comes in by merge, or by an export of
    it, not by import."""
    kind = sqlite_file_kind(path)
    if kind is None:
        return
    if kind == "package":
        raise InputError(f"{path} is an annotator work package, not a file to import",
                         hint=f"bring its work back with: annotator merge {project} {path}")
    if kind == "project":
        raise InputError(f"{path} is an annotator project, not a file to import",
                         hint=f"export it first with `annotator export {path} dump.jsonl`, then import dump.jsonl")
    raise InputError(f"{path} is a SQLite database of another program, not a file annotator imports",
                     hint="export its documents to JSONL or CSV first")
