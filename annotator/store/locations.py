"""Where a project lives: a SQLite file (a path) or a PostgreSQL database (a libpq URL or
connection string). One place decides which, so every command and the app take either.

A server location keeps the text libpq needs to connect (`dsn`), but prints as the URL with any
password replaced by `***`: messages, logs, window titles and `stats` never show a password.
Credentials belong in `PGPASSWORD`, `~/.pgpass` or a service file (docs/server.md).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..core.errors import InputError, ProjectError

_URL = re.compile(r"^postgres(?:ql)?://", re.I)
_URL_LIKE = re.compile(r"^postgres(?:ql)?:", re.I)  # "postgresql:/host/db": a URL mistyped, not a file
# A password in a URL anywhere in a message -- also one a path made of it ("postgresql:/u:pw@h",
# a URL given where a file was expected): `masked_in` hides it.
_PASSWORD_IN_URL = re.compile(r"(postgres(?:ql)?:/+[^\s/:@]*:)[^\s@]*(@)", re.I)
# "host=db.example dbname=corpus user=lead", "service=annotator": libpq's key=value form.
_KEYWORDS = re.compile(r"^\s*(host|hostaddr|port|dbname|user|service|sslmode|options)\s*=", re.I)


def is_server_url(text: object) -> bool:
    """True for a PostgreSQL location (postgresql://…, postgres://…, or libpq key=value words)."""
    if isinstance(text, ServerLocation):
        return True
    if not isinstance(text, str):
        return False
    return bool(_URL.match(text) or _KEYWORDS.match(text))


class ServerLocation:
    """A PostgreSQL database as a project location."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn.strip()

    @property
    def name(self) -> str:
        """The database's name (window titles, settings keys)."""
        if _URL.match(self.dsn):
            path = urlsplit(self.dsn).path.lstrip("/")
            return path or "postgres"
        words = dict(re.findall(r"(\w+)\s*=\s*('(?:[^'\\]|\\.)*'|\S+)", self.dsn))
        return (words.get("dbname") or words.get("service") or "postgres").strip("'")

    def __str__(self) -> str:
        return masked(self.dsn)

    def __repr__(self) -> str:
        return f"ServerLocation({masked(self.dsn)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ServerLocation) and other.dsn == self.dsn

    def __hash__(self) -> int:
        return hash(self.dsn)


def masked_in(text: str) -> str:
    """`text` with the password of any PostgreSQL URL in it replaced by ***."""
    return _PASSWORD_IN_URL.sub(r"\1***\2", text) if "postgres" in text.lower() else text


def masked(dsn: str) -> str:
    """The location with its password (if one was written into it) replaced by ***."""
    if _URL.match(dsn):
        try:
            parts = urlsplit(dsn)
            parts.port  # noqa: B018 (a port that is no number raises here)
        except ValueError:  # not a URL one can take apart ("postgres://[::1/db"): hidden as text
            return masked_in(dsn)
        if parts.password is not None:
            user = parts.username or ""
            host = parts.netloc.rsplit("@", 1)[1]
            parts = parts._replace(netloc=f"{user}:***@{host}")
        query = re.sub(r"(?i)(password=)[^&]*", r"\1***", parts.query)
        return urlunsplit(parts._replace(query=query))
    return re.sub(r"(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", r"\1***", dsn)


Location = "Path | ServerLocation"


def parse_location(location: str | Path | ServerLocation) -> Path | ServerLocation:
    """A path for a SQLite project, a ServerLocation for a PostgreSQL one."""
    if isinstance(location, (Path, ServerLocation)):
        return location
    if not str(location).strip():
        raise InputError("the project is given as an empty name", hint="give a file name or a PostgreSQL URL")
    if is_server_url(location):
        if _URL.match(location):
            try:
                urlsplit(location).port
            except ValueError as exc:  # "postgres://[::1/corpus": a traceback before
                raise InputError(f"{masked_in(location)} is not a PostgreSQL URL libpq can read ({exc})",
                                 hint="write postgresql://USER@HOST:PORT/DBNAME") from None
        return ServerLocation(location)
    if _URL_LIKE.match(str(location)):  # "postgresql:/host/db" made a file named "postgresql:"
        raise InputError(f"{masked_in(str(location))} looks like a PostgreSQL URL but is not one",
                         hint="write postgresql://USER@HOST:PORT/DBNAME (two slashes)")
    return Path(location)


def location_text(location: Path | ServerLocation) -> str:
    """The text that opens the same project again (for a worker thread or a child process).
    Never print it: it may carry a password; print `str(location)` instead."""
    return location.dsn if isinstance(location, ServerLocation) else str(location)


def refuse_writing_over_project(project: object, out: Path) -> None:
    """An export or a training run never writes where the project itself is: `out` being the
    project file, or a folder holding it (replacing it would delete the project). A server
    project has no file to lose."""
    if is_server_url(project):
        return
    try:
        here, there = Path(str(project)).resolve(), Path(out).resolve()
    except RuntimeError:  # a symlink loop: it cannot be the project, and the writer says what it is
        return
    if here == there or there in here.parents:
        raise InputError(f"{out} {'is' if here == there else 'holds'} the project {project}; writing there "
                         "would replace it, so nothing was written", hint="choose another file or folder")


def refuse_missing_folder(path: Path) -> None:
    """A project file (a new project, a package, a pulled copy) is written into a folder that
    exists: SQLite said "unable to open database file", read as a damaged project, and the
    message named the hidden temporary file written first."""
    if not path.parent.is_dir():
        raise ProjectError(f"{path}: the folder {path.parent} does not exist" if not path.parent.exists()
                           else f"{path}: {path.parent} is not a folder",
                           hint="create the folder first, or give another path")

