"""Long work in a QThread with a cancellable progress dialog; the GUI thread never blocks.

The work function gets `progress(done, total=None, note=None)` (a note says what it is doing
while there is nothing to count, e.g. loading a model) and a `threading.Event` that is set
when the user cancels; it should raise `core.errors.Cancelled` when it sees it (importers
do so from their document iterator, which rolls the import transaction back). It must
open its own `Project` — a sqlite connection is not shared between threads.
"""

from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ...core.errors import AnnotatorError, Cancelled

Progress = Callable[..., None]
Work = Callable[[Progress, threading.Event], Any]


class TaskThread(QThread):
    progressed = Signal(int, int)  # done, total (-1 when unknown)
    noted = Signal(str)  # what the work is doing while it has nothing to count
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Work, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.cancel_event = threading.Event()
        self.outcome: tuple[str, Any] | None = None

    def report(self, done: Any = 0, total: Any = None, *rest: Any) -> None:
        if rest and isinstance(rest[0], str):
            self.noted.emit(rest[0])
            return
        try:
            self.progressed.emit(int(done), int(total) if total is not None else -1)
        except (TypeError, ValueError):
            pass

    def run(self) -> None:
        try:
            result = self.work(self.report, self.cancel_event)
        except Cancelled:
            self.outcome = ("cancelled", None)
            self.cancelled.emit()
        except AnnotatorError as exc:
            self.outcome = ("failed", str(exc))
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - shown to the user, not swallowed
            traceback.print_exc()
            self.outcome = ("failed", f"{type(exc).__name__}: {exc}")
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            if self.cancel_event.is_set():
                self.outcome = ("cancelled", result)
                self.cancelled.emit()
            else:
                self.outcome = ("ok", result)
                self.succeeded.emit(result)


class TaskDialog(QProgressDialog):
    """Progress + Cancel for one TaskThread. `finished_with(kind, value)` tells the outcome."""

    finished_with = Signal(str, object)

    def __init__(self, parent: QWidget | None, title: str, work: Work) -> None:
        super().__init__(title, "Cancel", 0, 0, parent)
        self.setObjectName("taskDialog")
        self.title = title
        self.setWindowTitle(f"{title} — annotator")
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.thread_ = TaskThread(work, self)
        self.thread_.progressed.connect(self._progress)
        self.thread_.noted.connect(lambda note: self.setLabelText(f"{self.title}: {note}"))
        self.thread_.finished.connect(self._finished)
        self.canceled.connect(self._cancel)

    def start(self) -> "TaskDialog":
        self.show()
        # The keys go to the dialog (Esc cancels). The dialog that asked for this work gives the
        # main window its keys back when it closes (messages.return_focus_to, queued): taking
        # them after that, or Esc went on to the main window's "clear selection" and a long
        # export ran to its end.
        QTimer.singleShot(0, self._take_keys)
        self.thread_.start()
        return self

    def _take_keys(self) -> None:
        if self.isVisible():
            self.raise_()
            self.activateWindow()

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.setMaximum(total)
            self.setValue(min(done, total))
            self.setLabelText(f"{self.title}: {done} of {total}")
        else:
            self.setLabelText(f"{self.title}: {done}")

    def _cancel(self) -> None:
        self.thread_.cancel_event.set()
        self.setLabelText("cancelling… (work done so far is rolled back or kept as the task says)")

    def cancel_work(self) -> None:
        self._cancel()

    def _finished(self) -> None:
        kind, value = self.thread_.outcome or ("failed", "the task stopped unexpectedly")
        self.hide()
        self.finished_with.emit(kind, value)
        self.deleteLater()
