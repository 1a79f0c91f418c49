"""One editing window per annotator and project: the session lock (docs/reliability.md §2).

`build_window` takes the lock for (project, annotator) before the window exists; a second
instance for the same annotator is **refused** (`SessionRefused`, naming the holder) —
two windows on one layer would each keep an in-memory layer and an undo stack that the
other makes stale. `run_window` shows the refusal in a plain-text message box and exits
with code 2. The lock is kept fresh by a heartbeat thread (`SessionGuard`) and released when
the window closes; a crashed window's lock is taken over at once on the same host. If another
instance takes the lock over (`acquire(force=True)`, after its user confirmed; or a stale lock,
after this laptop slept), this window stops editing that annotator's layer: the store refuses
its next write in the write's own transaction (`SessionTakenOver`, store/sessions.py) and the
window learns it then (`SessionGuard.lose`), or from the heartbeat, whichever comes first.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget

from ..core.errors import AnnotatorError, ProjectError
from ..store import Project, sessions
from .faults import is_write_failure

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox


class SessionRefused(ProjectError):
    """Another live window edits this project as the same annotator."""


READ_ONLY_NOW = ("{name}'s layer is read-only here: this window no longer saves edits (close it; your saved "
                 "work is in the project)")
TAKEN_OVER = "another window took over {name}'s session on this project: " + READ_ONLY_NOW


class SessionGuard:
    """A held session lock and its heartbeat thread, which also notices a takeover (another
    instance acquired the lock: forced after the user confirmed there, or stale): `lost` is
    set, and `watch(window)` then refuses further edits in that window with a message. An edit
    the store refused for it (`lose`) does the same at once."""

    def __init__(self, lock: sessions.SessionLock, every: float = sessions.HEARTBEAT_EVERY) -> None:
        self.lock = lock
        self.annotator = lock.annotator
        self.lost = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, args=(every,), daemon=True,
                                        name=f"session-heartbeat-{lock.annotator}")
        self._thread.start()
        self._timer: QTimer | None = None
        self._window = None  # the window `watch` keeps from editing once the session is lost

    @property
    def released(self) -> bool:
        return self.lock.released

    def beat(self) -> bool:
        """One heartbeat now (the thread does this every `every` seconds)."""
        if not self.lock.heartbeat() and not self.lock.released:
            self.lost = True
        return not self.lost

    def _beat(self, every: float) -> None:
        while not self._stop.wait(every):
            if not self.beat():
                return

    def watch(self, window, every_ms: int = 2000) -> None:  # type: ignore[no-untyped-def]
        """Check `lost` on the GUI thread; once lost, the window's edits are refused."""
        self._window = window
        self._timer = QTimer(window)
        self._timer.setInterval(every_ms)
        self._timer.timeout.connect(self._enforce)
        self._timer.start()

    @property
    def message(self) -> str:
        return TAKEN_OVER.format(name=self.annotator)

    def lose(self, said: str | None = None) -> None:
        """The store refused a write (`said`: the refusal, naming who holds the session now):
        the session is another window's, whatever the heartbeat has seen so far. The window
        stops editing at once."""
        self.lost = True
        self._enforce(said)

    def _enforce(self, said: str | None = None) -> None:
        window = self._window
        if window is None or not self.lost:
            return
        if said:  # the refusal, then what it means from now on
            window.status.error(f"{said} — {READ_ONLY_NOW.format(name=self.annotator)}")
        if window.history.blocked == self.message:
            return
        window.history.blocked = self.message  # re-asserted after a long task clears it
        if not said:
            window.status.error(self.message)
        window.status.read_only(self.message)  # where "saved" was, for as long as the window is open

    def release(self) -> None:
        self._stop.set()
        if self._timer is not None:
            self._timer.stop()
        window = self._window
        if window is not None and window.history.blocked == self.message:
            window.history.blocked = None  # another name's session follows (Settings): it may edit
        self._thread.join(timeout=5)
        self.lock.release()  # deletes only our own row (by token): a lock taken over stays theirs


def take_session(project: Project, annotator: str) -> SessionGuard | None:
    """The session lock of `annotator` with its heartbeat running (None for a read-only
    project, which needs none). Raises SessionRefused while another live session holds it."""
    if project.readonly:
        return None
    try:
        lock = sessions.acquire(project, annotator)
    except ProjectError as exc:
        if is_write_failure(exc):
            raise  # not another window: the project cannot be written (app.py opens it read-only)
        raise SessionRefused(exc.message, hint=exc.hint) from None
    return SessionGuard(lock)


def refusal_text(error: AnnotatorError) -> str:
    text = error.message
    if error.hint:
        text += f"\n\n{error.hint[:1].upper()}{error.hint[1:]}."
    return text


def refusal_box(error: AnnotatorError, parent: QWidget | None = None) -> QMessageBox:
    """The message shown instead of a second window (plain text: names and paths are user data)."""
    from PySide6.QtWidgets import QMessageBox  # imported when needed: start-up speed (issue 5)

    box = QMessageBox(QMessageBox.Icon.Warning, "annotator — project already open", "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(refusal_text(error))
    box.setObjectName("sessionRefused")
    return box
