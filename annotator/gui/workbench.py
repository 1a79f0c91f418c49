"""What a lead's dialog needs from the window that opens it, passed in.

The agreement dashboard, the side-by-side comparison, the adjudication view, model quality and
training get a `Workbench` instead of the main window: they never reach into its attributes and never import
it, so there is no import cycle between them and main_window.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from ..store import Project


@dataclass(frozen=True)
class Workbench:
    parent: QWidget  # the dialogs' parent window (re-activated when they close)
    project: Project  # the window's project (read for documents and layers)
    annotator: str  # who is working (the adjudicator, for the gold layer's edits)
    run_task: Callable[..., Any]  # (title, work, on_done, asked_from=window) -> TaskDialog: long work with progress and Cancel
    show_place: Callable[[int, int, int], None]  # open document `doc_id` in the workbench at [start, end)
    error: Callable[[str], None]  # a problem, in the window's status bar
    say: Callable[[str], None]  # news ("model trained: …"), in the window's status bar for a while
    reload: Callable[[], None]  # the documents changed on disk (new suggestions): show them afresh
    settings: QSettings  # the user's settings (the model trained last, per project)
