"""Live refresh (issue 17): the window shows what others do in the same project — another
annotator finishing a document, the lead's gold decisions, new assignments or documents —
without a restart, on SQLite (other processes writing the same file) and on a server alike.

A QTimer polls `Project.change_marker()` every `live/refresh_ms` milliseconds (QSettings,
default 3000; 0 turns it off). That is one statement over two primary keys, on the GUI
thread. Only when the marker moved does the window ask `Project.changes_since` what others
changed (one indexed range of audit rows; nothing at all when the window's own edits explain
the move) and then:
- the document list's rows are read again on a worker thread with its own read-only
  connection (a count over every document, and a page that pays row-level security per row on
  a server), then shown in place: selection, scroll position and focus stay (states,
  suggestions left, others done, gold); rows read before a change made here are dropped and
  read again;
- the progress pane, if shown, counts again (on its worker thread);
- an adjudication view on a changed document shows the two annotators' layers and the
  conflicts afresh; its gold pane, selection and undo stack are left alone;
- roles and blind mode are applied again when assignments or roles changed; an annotator
  working blind is told only of changes to their own layer and the model's (as the server's
  row-level security would), never of others' work;
- the status bar says briefly what arrived ("2 documents updated by others").
Others' changes never touch the annotator's own open layer, its undo and redo stacks or the
focus; the own layer written elsewhere (an import of it, a merge, the same annotator in another
window) is shown as stored, with its undo history read again (`reload_if_changed_elsewhere`).
Polling pauses while a long task runs (its own writes would look like news: the marker is
taken afresh when it ends) and while a modal dialog is open.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QDockWidget

from ..core.model import GOLD, MODEL
from ..store import Project
from .blind import apply_blind_mode

if TYPE_CHECKING:
    from ..store.changes import Changes

ROLE_KINDS = ("Assign", "SetRole")  # project-wide changes that can change blind mode
# The progress pane counts every seeded span: with a busy team something changes at nearly every
# poll, so it counts again at most this often (the first change after a quiet spell at once).
PROGRESS_GAP_S = 10.0


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def describe(changes: Changes) -> str:
    """One short plain-text line for the status bar."""
    people = [doc for doc, names in changes.documents.items() if names - {GOLD, MODEL}]
    gold = [doc for doc, names in changes.documents.items() if GOLD in names]
    parts = []
    if people:
        parts.append(f"{_count(len(people), 'document')} updated by others")
    if gold:
        parts.append(f"gold updated on {_count(len(gold), 'document')}")
    if changes.new_documents:
        parts.append(_count(changes.new_documents, "new document"))
    if "Assign" in changes.project_wide:
        parts.append("assignments changed")
    if "SetRole" in changes.project_wide:
        parts.append("roles changed")
    if MODEL in changes.by or any(names == {MODEL} for names in changes.documents.values()):
        parts.append("new model suggestions")
    if not parts:
        parts.append("changes by others arrived")
    return "; ".join(parts)


class LiveRefresh(QObject):
    arrived = Signal(object)  # Changes, once the window shows them (the list follows when read)
    listed = Signal()  # the document list shows what the worker read
    _fetched = Signal(object)  # (generation, limit, total, rows) or None, from the worker thread

    def __init__(self, window, interval_ms: int) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.window = window
        self.marker = window.project.change_marker()
        self._resync = False
        self._fetching = False
        self._fetch_again = False
        self._stopped = False
        self._fetched.connect(self._show_fetched)
        self._progress_last = float("-inf")
        self.progress_timer = QTimer(self)
        self.progress_timer.setSingleShot(True)
        self.progress_timer.timeout.connect(self._refresh_progress)
        # This window's own edits count on a budget of their own: spent on them, others' changes
        # waited a whole gap to show.
        self._own_last = float("-inf")
        self.own_progress_timer = QTimer(self)
        self.own_progress_timer.setSingleShot(True)
        self.own_progress_timer.timeout.connect(lambda: self._refresh_progress(own=True))
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.poll)
        self.set_interval(interval_ms)

    def set_interval(self, ms: int) -> None:
        """Poll every `ms` milliseconds (0: stop polling)."""
        self.timer.stop()
        if ms > 0:
            self.timer.setInterval(ms)
            self.timer.start()

    def stop(self) -> None:
        self._stopped = True
        self.timer.stop()
        self.progress_timer.stop()
        self.own_progress_timer.stop()

    def task_started(self) -> None:
        """A long task of this window writes on its own connection: its rows are not news, so
        the marker is taken afresh at the first poll after it (the task refreshes the list)."""
        self._resync = True

    def paused(self) -> bool:
        return bool(self.window.tasks) or QApplication.activeModalWidget() is not None

    def poll(self) -> Changes | None:
        """Look for others' changes now; show them and return them (None: nothing new)."""
        if self.paused():
            return None
        project = self.window.project
        try:
            marker = project.change_marker()
            if self._resync:
                self.marker, self._resync = marker, False
                return None
            if marker == self.marker:
                return None
            changes = project.changes_since(self.marker, marker)
        except Exception:  # noqa: BLE001 - a poll that fails (busy, server away) is retried at the next tick
            return None
        old, self.marker = self.marker, changes.marker  # (it carries the ids seen, for late commits)
        if self.window.blind:  # others' layers are none of a blind annotator's business
            changes = changes.seen_by({self.window.session.annotator, MODEL})
        if not changes.any:
            return None  # only this window's own edits
        try:
            self.show(changes)
        except Exception:  # noqa: BLE001 - reading the new state failed (busy, server away): again next tick
            self.marker = old
            return None
        return changes

    def fetch_list(self) -> None:
        """Read the listed rows again on a worker thread (its own read-only connection)."""
        if self._fetching:
            self._fetch_again = True
            return
        self._fetching = True
        generation, request = self.window.doc_model.fetch_request()
        location = self.window.project.location
        signal = self._fetched

        def work() -> None:
            try:
                with Project.open(location, readonly=True) as project:
                    total = project.count_documents(**request["filters"])
                    rows = project.documents(0, request["limit"], **request["filters"])
                result: object = (generation, request["limit"], total, rows)
            except Exception:  # noqa: BLE001 - busy or away: the next change reads again
                result = None
            try:
                signal.emit(result)
            except RuntimeError:
                pass  # the window is gone

        threading.Thread(target=work, name="live-list", daemon=True).start()

    def _show_fetched(self, result: object) -> None:
        self._fetching = False
        if result is not None and not self._stopped:
            if self.window.doc_panel.show_fetched(*result) is None:
                self._fetch_again = True  # the list changed here meanwhile: read it again
            else:
                self.listed.emit()
        if self._fetch_again and not self._stopped:
            self._fetch_again = False
            self.fetch_list()

    def _refresh_progress(self, own: bool = False) -> None:
        dock = self.window.findChild(QDockWidget, "progressDock")
        if dock is not None and dock.isVisible():  # (a hidden pane counts when it is shown)
            dock.refresh()
            if own:
                self._own_last = time.monotonic()
            else:
                self._progress_last = time.monotonic()

    def count_progress_soon(self, *, own: bool = False) -> None:
        """The progress pane, if shown, counts again: now, or once PROGRESS_GAP_S has passed
        since it last did. `own`: for this window's own edit (a document marked done here was
        not counted until a colleague changed something), on a budget of its own."""
        timer = self.own_progress_timer if own else self.progress_timer
        if self._stopped or timer.isActive():
            return
        wait = (self._own_last if own else self._progress_last) + PROGRESS_GAP_S - time.monotonic()
        if wait <= 0:
            self._refresh_progress(own)
        else:
            timer.start(int(wait * 1000))

    def show(self, changes: Changes) -> None:
        window = self.window
        if changes.project_wide & set(ROLE_KINDS) or changes.truncated:
            apply_blind_mode(window)  # an assignment can make the annotator blind (or not)
        elif not window.blind and any(names - {window.session.annotator, MODEL, GOLD}
                                      for names in changes.documents.values()):
            window.doc_panel.show_team_columns(True)  # a colleague works here now (blind.works_with_others)
        doc = window.session.doc_id
        if doc is not None and window.session.annotator in changes.layers_changed(doc):
            window.reload_if_changed_elsewhere()  # the annotator's own layer, written elsewhere
        self.fetch_list()
        self.count_progress_soon()
        for dialog in window.findChildren(QDialog, "adjudicationView"):
            if dialog.isVisible():
                dialog.others_changed(changes)
        bar = window.status.bar
        showing_error = bool(bar.currentMessage()) and bar.currentMessage() == window.status.last_error
        if not showing_error:  # news replaces information, never an error
            bar.showMessage(describe(changes), 8000)
        self.arrived.emit(changes)
