"""Time on document, fed from the window into `core.timing.TimeTracker`.

The tracker counts while a document is open, the window is active and the annotator is
not idle (no input for `idle_timeout`, 3 minutes). This module only translates Qt events
into tracker calls and writes what accrued with `Project.add_time`:
- a document opened (the session's `loaded` signal): the tracker switches document and
  the time of the previous one is written;
- window activated / deactivated (moving into one of the window's own dialogs is not
  leaving it); key presses, clicks and wheel turns in the window or its dialogs count as
  activity;
- every `FLUSH_EVERY` seconds, and when the window closes.
While a long task holds the write lock (`History.blocked`) nothing is written: the time
stays pending and goes out with the next flush. So it does when another program holds the
write lock: a flush waits for it at most `FLUSH_WAIT_S` (it runs on the GUI thread, on every
document switch: waiting the store's 10 s froze the window).

The clock is injectable (`CLOCK`, monkeypatched by tests before the window is built).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ..core.errors import AnnotatorError
from ..core.timing import DEFAULT_IDLE_TIMEOUT, TimeTracker

CLOCK: Callable[[], float] = time.monotonic
FLUSH_EVERY = 60.0  # seconds between writes while working (a crash loses at most this much)
FLUSH_WAIT_S = 0.2  # the longest a flush waits for another writer's lock (the time is kept, not lost)

_INPUT = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)
_FIRST_LOOK = (QEvent.Type.Paint, *_INPUT)


class TimeKeeper(QObject):
    def __init__(self, window, *, idle_timeout: float = DEFAULT_IDLE_TIMEOUT,  # type: ignore[no-untyped-def]
                 clock: Callable[[], float] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.tracker = TimeTracker(idle_timeout, clock or CLOCK)
        self.written = 0.0  # seconds written by this window (shown nowhere; handy for tests and logs)
        window.session.loaded.connect(self._document_loaded)
        # The application-wide event filter is installed when the text view is first painted
        # (or clicked / scrolled first): every event passing through a Python filter makes the first
        # layout and paint of the window take about twice as long (start-up speed, issue 5).
        # Until then only the text view's viewport is watched, and the tracker counts as active,
        # as it does from its creation.
        self._listening = False
        self._first_paint_watch = window.text_view.viewport()
        self._first_paint_watch.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(int(FLUSH_EVERY * 1000))
        self.timer.timeout.connect(self.flush)
        self.timer.start()
        self._stopped = False

    # ------------------------------------------------------------------ events in
    def _listen(self) -> None:
        if self._first_paint_watch is not None:
            self._first_paint_watch.removeEventFilter(self)
            self._first_paint_watch = None
        app = QApplication.instance()
        if app is not None and not self._stopped and not self._listening:
            app.installEventFilter(self)
            self._listening = True

    def _document_loaded(self) -> None:
        doc_id = self.window.session.doc_id
        if doc_id != self.tracker.document:
            self.tracker.open(doc_id)
            self.flush()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self._listening:  # the text view's viewport, until the window is first painted
            if kind in _FIRST_LOOK:
                self._listen()
                if self._listening:
                    self.eventFilter(obj, event)  # the app filter did not see this one
            return False
        if kind in _INPUT:
            if isinstance(obj, QWidget) and self._ours(obj.window()):
                self.tracker.input()
        elif kind in (QEvent.Type.WindowActivate, QEvent.Type.WindowDeactivate) and isinstance(obj, QWidget) \
                and obj.isWindow() and self._ours(obj):
            if kind == QEvent.Type.WindowActivate:
                self.tracker.activate()
            else:
                # Decided once the new active window is known: moving into one of our own
                # dialogs (type picker, adjudication...) is still work on the document.
                QTimer.singleShot(0, self._maybe_inactive)
        return False

    def _ours(self, widget: QWidget | None) -> bool:
        """The main window or a window it owns (its dialogs, floating docks)."""
        while widget is not None:
            if widget is self.window:
                return True
            widget = widget.parentWidget()
        return False

    def _maybe_inactive(self) -> None:
        if not self._stopped and not self._ours(QApplication.activeWindow()):
            self.tracker.deactivate()

    # ------------------------------------------------------------------ writing
    def flush(self) -> float:
        """Write the time accrued since the last flush; returns the seconds written."""
        if self._stopped or self.window.history.blocked or self.window.history.readonly:
            return 0.0
        session = self.window.session
        written = 0.0
        for doc_id, seconds in self.tracker.flush().items():
            try:
                with self.window.project.waiting_at_most(FLUSH_WAIT_S):
                    self.window.project.add_time(doc_id, session.annotator, seconds)
            except AnnotatorError:
                # Busy (another program holds the write lock): keep the time for the next flush.
                self.tracker._pending[doc_id] = self.tracker._pending.get(doc_id, 0.0) + seconds
                continue
            written += seconds
        self.written += written
        return written

    def stop(self) -> None:
        """The window closes: write what is left and stop listening."""
        if self._stopped:
            return
        self.tracker.close()
        self.window.history.blocked = None  # tasks were cancelled and waited for by now
        self.flush()
        self._stopped = True
        self.timer.stop()
        if self._first_paint_watch is not None:
            self._first_paint_watch.removeEventFilter(self)
            self._first_paint_watch = None
        app = QApplication.instance()
        if app is not None and self._listening:
            app.removeEventFilter(self)
            self._listening = False
