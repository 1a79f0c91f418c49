"""The PROJECT argument every command shares: a SQLite file or a PostgreSQL URL.

It is taken as plain text, not a `Path` (a Path would turn `postgresql://host/db` into
`postgresql:/host/db`); `Project.open` / `Project.create` decide which engine it means. Messages
name an open project by `project.path`, which prints a server URL without its password — never
by the text given here.
"""

from __future__ import annotations

from typing import Any

import typer

PROJECT_HELP = "Project file or PostgreSQL URL"


def project_argument(help: str = PROJECT_HELP) -> Any:
    """`project: str = project_argument()` in a command's signature."""
    return typer.Argument(..., help=help)


def printable(project: str) -> str:
    """The PROJECT argument as messages may show it: a server URL without its password."""
    from ..store.locations import parse_location

    return str(parse_location(project))
