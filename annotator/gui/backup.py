"""The rotating daily backup made when the app opens a project (docs/reliability.md §5).

`store.backups.daily_backup` is cheap after the first call of the day, but the first copy
of a big project takes a while, so it runs on a plain worker thread (it opens its own
SQLite connections; the window's connection is never touched). The outcome is reported
through a Qt signal, delivered on the GUI thread (status bar).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.errors import AnnotatorError
from ..store import Project


class DailyBackup(QObject):
    finished = Signal(str, str)  # kind ("made" | "exists" | "failed"), path or message

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.outcome: tuple[str, str] | None = None
        self.thread: threading.Thread | None = None

    def start(self) -> DailyBackup:
        # A server project has no file to copy: its administrator backs the database up
        # (pg_dump; docs/server.md), and `annotator pull` makes a desktop copy.
        if self.project.readonly or self.project.is_server:
            self.outcome = ("exists", "")
            return self
        from ..store.backups import daily_backup  # imported here, not when the app starts (issue 5)

        self.thread = threading.Thread(target=self._run, args=(daily_backup,), name="daily-backup", daemon=True)
        self.thread.start()
        return self

    def _run(self, daily_backup: Callable[[Project], Path | None]) -> None:
        try:
            made: Path | None = daily_backup(self.project)
            self.outcome = ("made", str(made)) if made is not None else ("exists", "")
        except (AnnotatorError, OSError, ValueError) as exc:
            self.outcome = ("failed", f"the daily backup failed: {exc}")
        try:
            self.finished.emit(*self.outcome)
        except RuntimeError:
            pass  # the window was closed and deleted meanwhile; the backup itself is done

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the copy is done (the window waits briefly when it closes)."""
        if self.thread is not None:
            self.thread.join(timeout)
            return not self.thread.is_alive()
        return True
