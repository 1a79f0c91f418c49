"""Application entry: QApplication, QSettings, `build_window` (the stable entry for tests
and tools) and `run_window` (what `annotator gui` runs)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication


@contextmanager
def _startup_gc() -> Iterator[None]:
    """Start-up speed (issue 5): no cyclic-GC passes while the modules load and the first window
    is built (tens of thousands of objects, nearly all living as long as the app). Refcounting
    frees everything as usual; the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


with _startup_gc():
    from ..core.errors import AnnotatorError
    from ..store import Project
    from ..store.errors import is_database_error
    from .backup import DailyBackup
    from .faults import write_failure_reason
    from .locking import SessionRefused, refusal_box, take_session
    from .main_window import MainWindow
gc.freeze()  # modules, classes, functions: permanent; later collections (and the one at exit) skip them
_first_window = True

ORGANIZATION = "annotator"
APPLICATION = "annotator"


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QApplication.setApplicationName(APPLICATION)
        QApplication.setApplicationDisplayName("annotator")
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    return app  # type: ignore[return-value]


def app_settings() -> QSettings:
    """The user's settings (an INI file; tests redirect it with QSettings.setPath)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def build_window(location: str | Path, annotator: str | None = None, *,
                 settings: QSettings | None = None, open_document: bool = True) -> MainWindow:
    """The main window on a project — a SQLite file or a PostgreSQL URL — with its first
    document open, ready to show.

    `annotator` overrides the remembered name; without either the user is asked once."""
    global _first_window
    if not _first_window:
        return _build_window(location, annotator, settings=settings, open_document=open_document)
    _first_window = False
    with _startup_gc():
        window = _build_window(location, annotator, settings=settings, open_document=open_document)
    gc.freeze()  # the first window's widgets live as long as the app (start-up speed, see above)
    return window


def _build_window(location: str | Path, annotator: str | None, *, settings: QSettings | None,
                  open_document: bool) -> MainWindow:
    ensure_app()
    settings = settings if settings is not None else app_settings()
    name = annotator
    if not name:  # the prompt's module is imported only when needed (start-up speed, issue 5)
        from .dialogs.settings import ask_annotator_name

        name = ask_annotator_name(settings)
    if not name:
        raise AnnotatorError("an annotator name is needed: every edit is stamped with it")
    project, lock, cannot_write = _open_for_writing(location, name)
    try:
        window = MainWindow(project, name, settings)
    except BaseException:
        if lock is not None:
            lock.release()
        project.close()
        raise
    if cannot_write is not None:
        window.set_read_only(cannot_write)
    window.session_lock = lock
    if lock is not None:
        lock.watch(window)  # a takeover elsewhere stops edits here
    window.daily_backup = DailyBackup(project, window)
    window.daily_backup.finished.connect(
        lambda kind, text: window.status.bar.showMessage(text, 8000) if kind == "failed" else None)
    # Started once the event loop runs (after the first paint), not before: start-up speed (issue 5).
    QTimer.singleShot(0, window, lambda: None if window._closed else window.daily_backup.start())
    window.restore_geometry()
    if open_document:
        window.open_first_document()
    return window


def _open_for_writing(location: str | Path, name: str) -> tuple[Project, Any, str | None]:
    """The project with this annotator's session lock; when it cannot be written (read-only
    file or folder, full disk: the store's `or_read_only`; a database user without write access)
    the project read-only, no lock, and why (for the banner)."""
    project = Project.open(location, or_read_only=True)
    if project.cannot_write is not None:
        return project, None, write_failure_reason(project.cannot_write) or str(project.cannot_write)
    try:
        # Taking the lock is the first write: SessionRefused when this annotator has a live window.
        return project, take_session(project, name), None
    except SessionRefused:
        project.close()
        raise
    except Exception as exc:
        if not (isinstance(exc, (AnnotatorError, OSError)) or is_database_error(exc)):
            raise
        project.close()
        reason = write_failure_reason(exc)
        if reason is None:
            raise
    return Project.open(location, readonly=True), None, reason


def run_window(location: str | Path, annotator: str | None = None) -> int:
    app = ensure_app()
    try:
        window = build_window(location, annotator)
    except SessionRefused as exc:
        print(f"error: {exc}", file=sys.stderr)  # for a start from the terminal
        box = refusal_box(exc)
        with closing_on_signals(box):
            box.exec()
        return exc.exit_code
    window.show()
    with closing_on_signals(window):
        return app.exec()


@contextmanager
def closing_on_signals(widget: Any) -> Iterator[None]:
    """While inside: Ctrl+C in the terminal, `kill` or a closed terminal close `widget` normally
    (every edit is already saved), instead of the command line's handler (cli.ui) raising inside
    Qt's event loop, where it would be reported and ignored. Python only sees signals when it
    runs, so a timer wakes it up now and then. The handlers before are put back on leaving: left
    in place, a window's handler outlived it (in a test run, Ctrl+C and `kill` no longer stopped
    pytest)."""
    import signal

    endings = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    before = {ending: signal.getsignal(ending) for ending in endings}
    for ending in endings:
        signal.signal(ending, lambda *_: widget.close())
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(250)
    try:
        yield
    finally:
        wake.stop()
        for ending, handler in before.items():
            signal.signal(ending, handler)
