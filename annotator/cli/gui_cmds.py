"""`annotator gui [PROJECT] [--annotator NAME]`: the desktop workbench, on a project file or a
PostgreSQL URL (a team server)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..store import is_server_url
from . import ui
from .args import PROJECT_HELP
from .display import require_display


def register(app: typer.Typer) -> None:
    app.command("gui")(gui)


@ui.handle_errors
def gui(
    project: Optional[str] = typer.Argument(None, help=f"{PROJECT_HELP} (default: the demo corpus)."),
    annotator: Optional[str] = typer.Option(None, "--annotator", help="Your name (default: remembered, asked once)."),
) -> None:
    """Open the desktop app to read, correct and label documents by keyboard."""
    if annotator is not None and not annotator.strip():  # (the window opened, as nobody)
        from ..core.errors import InputError

        raise InputError("--annotator needs a name, e.g. --annotator ann1")
    if project is not None and not is_server_url(project) and not Path(project).exists():
        from ..core.errors import ProjectError

        raise ProjectError(f"{project} does not exist", hint=f"create it with: annotator init {project}")
    require_display()
    from .gui_cmd import launch  # Qt is imported only now

    launch(project, annotator)
