"""Start the desktop app (imports Qt: only loaded when the app is really started)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..gui.app import ensure_app, run_window
from ..gui.demo import demo_project


def launch(location: str | Path | None, annotator: str | None = None) -> int:
    """Open `location` (a project file or a PostgreSQL URL) in the desktop app, or the demo
    corpus when it is None."""
    ensure_app()
    code = run_window(location if location is not None else demo_project(), annotator)
    if code:
        sys.exit(code)
    return code
