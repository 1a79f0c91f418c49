"""Start the desktop app (imports Qt: only loaded when the app is really started)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..gui.app import ensure_app, run_window
from ..gui.demo import demo_project


def launch(db_path: str | Path | None, annotator: str | None = None) -> int:
    """Open `db_path` in the desktop app, or the demo corpus when it is None."""
    ensure_app()
    path = Path(db_path) if db_path is not None else demo_project()
    code = run_window(path, annotator)
    if code:
        sys.exit(code)
    return code
