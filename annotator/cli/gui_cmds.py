"""`annotator gui [work.db] [--annotator NAME]`: the desktop workbench."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from . import ui
from .display import require_display


def register(app: typer.Typer) -> None:
    app.command("gui")(gui)


@ui.handle_errors
def gui(
    project: Optional[Path] = typer.Argument(None, help="Project file (default: the demo corpus)."),
    annotator: Optional[str] = typer.Option(None, "--annotator", help="Your name (default: remembered, asked once)."),
) -> None:
    """Open the desktop app to read, correct and label documents by keyboard."""
    if project is not None and not project.exists():
        from ..core.errors import ProjectError

        raise ProjectError(f"{project} does not exist", hint=f"create it with: annotator init {project}")
    require_display()
    from .gui_cmd import launch  # Qt is imported only now

    launch(project, annotator)
