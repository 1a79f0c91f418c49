"""The main window: assembles the panels, the actions table and the session.

Behaviour lives elsewhere: edits in `editing.Editor`, undo in `undo.History`, drawing in
`widgets/`, long work in `dialogs/`. Handlers here are one-liners named in `actions.py`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget

from ..core.model import GOLD
from ..core.review import ACCEPT_ALL, LEAVE_PENDING, REJECT_ALL, pending_counts
from ..store import Project
from .actions import ACTIONS, install_actions, scheme_actions
from .blind import apply_blind_mode
from .editing import Editor
from .faults import BUSY, is_busy, is_refusal, is_taken_over
from .locking import SessionRefused, take_session
from .messages import ask, message_box, reactivate, return_focus_to
from .plain import plain_label
from .models.documents import DocumentListModel
from .live import LiveRefresh
from .prefs import NAME_KEY, font_size, live_interval_ms, snap_enabled
from .session import Session
from .status import StatusLine
from .timekeeping import TimeKeeper
from .undo import History
from .widgets.doc_list import DocumentPanel
from .widgets.inspector import Inspector
from .widgets.source_line import SourceLine
from .widgets.text_view import AnnotatedTextView
from .workbench import Workbench

if TYPE_CHECKING:
    from .dialogs.find import FindBar
    from .dialogs.guidelines import GuidelinesDock
    from .dialogs.task import TaskDialog, Work
    from .widgets.type_picker import ContextPicker, TypePicker

# Start-up speed (issue 5): dialogs and docks that are not on screen when the window opens are
# imported at first use. These module attributes resolve on first access (PEP 562), so
# `main_window.ExportDialog` etc. still exist (tests replace them); handlers look them up through
# `_lazy` so a replacement is honoured.
_LAZY = {
    "ExportDialog": ".dialogs.transfer",
    "ImportDialog": ".dialogs.transfer",
    "export_work": ".dialogs.transfer",
    "import_work": ".dialogs.transfer",
    "preannotate_work": ".dialogs.preannotate",
    "ProgressDock": ".dialogs.progress",
    "SettingsDialog": ".dialogs.settings",
    "TaskDialog": ".dialogs.task",
    "Work": ".dialogs.task",
    "GuidelinesDock": ".dialogs.guidelines",
    "FindBar": ".dialogs.find",
    "LegendDock": ".widgets.legend",
    "TypePicker": ".widgets.type_picker",
    "open_type_picker": ".widgets.type_picker",
    "ContextPicker": ".widgets.type_picker",
    "open_context_picker": ".widgets.type_picker",
    "visible_layers": "..store.roles",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __package__), name)
    globals()[name] = value
    return value


def _lazy(name: str) -> Any:
    return globals()[name] if name in globals() else __getattr__(name)


def _tab_stop(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _move_in_focus_chain(widget: QWidget, before: QWidget) -> None:
    """Move the Tab stops of `widget` (just built: at the end of the focus chain) to just before
    `before`, so Tab moves through a lazily built part as if it had been built with the window."""
    stops = []
    item = widget.nextInFocusChain()
    while item is not widget and widget.isAncestorOf(item):
        if _tab_stop(item):
            stops.append(item)
        item = item.nextInFocusChain()
    anchor = before.previousInFocusChain()
    while anchor is not before and (not _tab_stop(anchor) or widget.isAncestorOf(anchor)):
        anchor = anchor.previousInFocusChain()
    if not stops or anchor is before:
        return
    for first, second in zip([anchor, *stops], stops):
        QWidget.setTabOrder(first, second)


def _names_dock(state: Any, name: str) -> bool:
    """Whether a saved QMainWindow state mentions the dock `name` (stored as UTF-16)."""
    try:
        raw = bytes(state.data()) if hasattr(state, "data") else bytes(state)
    except TypeError:
        return False
    return name.encode("utf-16-be") in raw


def _shortened(text: str, limit: int = 70) -> str:
    """A long title cut at a word for a one-line mention (the window title has it whole)."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def preannotate_runner():  # type: ignore[no-untyped-def]
    """`dialogs.preannotate.preannotate_runner`, imported at first use."""
    from .dialogs import preannotate

    return preannotate.preannotate_runner()


CHANGED_ELSEWHERE = ("your layer of this document was changed elsewhere (an import, a merge or another "
                     "window): it is shown as stored now")


class MainWindow(QMainWindow):
    def __init__(self, project: Project, annotator: str, settings: QSettings) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.project = project
        self.settings = settings
        self.session = Session(project, annotator)
        self.history = History(self.session)
        self.editor = Editor(self.session, self.history)
        self.doc_model = DocumentListModel(project, annotator, self)
        self.doc_panel = DocumentPanel(self.doc_model)
        self.text_view = AnnotatedTextView(self.session)
        self.text_view.snap = snap_enabled(settings)
        self.text_view.set_text_font_size(font_size(settings))
        self._find_bar: FindBar | None = None  # built on first use (Ctrl+F), above the text
        self.inspector = Inspector(self.session, self.editor)
        self.event_panel = self.inspector.event_panel
        self._guidelines: GuidelinesDock | None = None  # built on first use (property below)
        centre = QWidget()
        self.centre_layout = QVBoxLayout(centre)
        self.centre_layout.setContentsMargins(0, 0, 0, 0)
        self.source_line = SourceLine(self.session)  # source and licence of the open article (one line)
        self.centre_layout.addWidget(self.source_line)
        self.centre_layout.addWidget(self.text_view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.doc_panel)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.inspector)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 630, 420])  # the right panel holds the event frame and the events table
        self.setCentralWidget(self.splitter)
        self.status = StatusLine(self.statusBar(), self.session)
        self.actions_ = install_actions(self, [*ACTIONS, *scheme_actions(project.scheme)])
        self.tasks: list[TaskDialog] = []
        self._closed = False
        self._place_pending = False  # the place of the last session, to restore once shown
        self.read_only_reason: str | None = None  # set_read_only: the project cannot be written
        self._wire()
        self.timekeeper = TimeKeeper(self)  # time on document -> Project.add_time
        apply_blind_mode(self)  # gui/blind.py: screens showing other layers, per role
        self.session_lock = None  # set by app.build_window (gui/locking.py)
        self.daily_backup = None  # set by app.build_window (gui/backup.py)
        self.live = LiveRefresh(self, live_interval_ms(settings))  # others' changes, polled (gui/live.py)
        self.resize(1280, 800)
        self._update_title()

    @property
    def guidelines(self) -> GuidelinesDock:
        """The guidelines dock (F1), built the first time it is needed."""
        if self._guidelines is None:
            self._guidelines = _lazy("GuidelinesDock")(self.project.scheme, self)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self._guidelines)
            # (Tab order: the dock's stops now come last, before the first stop of the window
            # again: the same cycle as when the dock was built first.)
            self._guidelines.hide()
        return self._guidelines

    @property
    def find_bar(self) -> FindBar:
        """The find bar above the text (hidden until Ctrl+F), built the first time it is needed."""
        if self._find_bar is None:
            self._find_bar = _lazy("FindBar")()
            self.centre_layout.insertWidget(0, self._find_bar)
            _move_in_focus_chain(self._find_bar, self.text_view)  # as if built with the window
            self._find_bar.found.connect(self._show_found)
            # a search that finds nothing selects nothing: the label key meant for it relabelled
            # the earlier match, still selected
            self._find_bar.missed.connect(lambda: self.session.select_span(None))
            self._find_bar.closed.connect(self.focus_text)
            self.session.loaded.connect(lambda: self._find_bar.follow(self.session.text))
        return self._find_bar

    def _show_found(self, start: int, end: int) -> None:
        """A find match becomes the selection (so a label key labels it) and is scrolled into view."""
        self.text_view.select_range(start, end, snap=False)
        self.text_view.reveal(start, end)

    def _wire(self) -> None:
        s = self.session
        s.changed.connect(self._document_changed)
        self.history.failed.connect(self.status.error)
        self.history.not_saved.connect(self.status.not_saved)
        self.history.taken_over.connect(self._session_taken_over)
        self.doc_panel.document_chosen.connect(self.open_document)
        self.doc_panel.next_todo_requested.connect(self.next_todo)
        self.event_panel.pick_requested.connect(self._set_pick_role)
        self.text_view.span_picked.connect(self.event_panel.span_picked)
        self.inspector.span_box.entered.connect(self.focus_text)

    def set_read_only(self, reason: str) -> None:
        """The project cannot be written (read-only file or folder, full disk): say so above the
        text, refuse every edit with the reason, and show "read-only" where "saved" would be."""
        self.read_only_reason = reason
        message = f"Read-only: {reason}, so nothing can be saved. You can read and browse; " \
                  "free space or fix the permissions, then reopen the project to edit."
        banner = plain_label("readOnlyBanner", selectable=False)
        banner.setText(message)
        banner.setStyleSheet("background: #fdecea; color: #8a1c1c; border: 1px solid #e57373; padding: 6px;")
        self.centre_layout.insertWidget(0, banner)
        self.history.readonly = f"not saved: {reason} (the project is open read-only)"
        self.status.read_only(message)
        self._update_title()

    def _session_taken_over(self, said: str) -> None:
        """The store refused an edit: another window holds this annotator's session now. This
        window stops editing the layer (gui/locking.py), whatever its heartbeat has seen."""
        if self.session_lock is not None:
            self.session_lock.lose(said)
        else:
            self.status.error(said)

    def _session_lost(self) -> bool:
        return self.session_lock is not None and self.session_lock.lost

    # ------------------------------------------------------------------ documents
    def open_document(self, doc_id: int) -> bool:
        """Show document `doc_id`; False when it could not be opened (the project is busy, the
        session was taken over, the document is gone): the window then stays wholly on the
        document it showed, and the status bar says why."""
        if not self._save_typed_input():
            return False  # stay, so the reason in the status bar is seen (the next try moves on)
        self._record_time()
        try:
            # A document never opened is seeded (a write): with the project busy, this gives up
            # after session.OPEN_WAIT_S, with nothing switched (Session.open).
            self.session.open(doc_id, seed=self.history.blocked is None)
        except Exception as exc:
            if not is_refusal(exc):
                raise
            self._not_opened(doc_id, exc)
            return False
        if self.session.unseeded and not self._session_lost():
            self.status.error(f"{self.history.blocked}; this document's suggestions appear then")
        self.history.restore()
        self.doc_panel.show_current(doc_id)
        self.settings.setValue(self._last_doc_key(), doc_id)
        self._update_title()
        if not self.doc_panel.table.hasFocus():  # browsing the list with arrows keeps its focus
            self.text_view.setFocus()
        return True

    def _not_opened(self, doc_id: int, exc: BaseException) -> None:
        """Say why `doc_id` was not opened; the list shows the open document again."""
        row = self.doc_model.row_of(doc_id)
        listed = self.doc_model.rows[row] if row is not None else None
        name = f"“{_shortened(listed.title or listed.ext_id or str(doc_id))}”" if listed else f"document {doc_id}"
        if is_busy(exc):
            self.status.error(f"{name} not opened: {BUSY}")
        elif is_taken_over(exc):
            self._session_taken_over(f"{name} not opened: {exc.message}")  # type: ignore[attr-defined]
        else:
            self.status.error(f"{name} not opened: {exc}")
        if self.session.doc_id is not None:
            self.doc_panel.show_current(self.session.doc_id)  # a click in the list moved it

    def _save_typed_input(self) -> bool:
        """Save what is typed in the span box but not yet entered (an actor code) before the
        document or the window goes: nothing the annotator typed is lost. False if it could not
        be written (the field then shows what is stored)."""
        return self.inspector.span_box.commit_actor_code()

    def _record_time(self) -> None:
        self.timekeeper.flush()  # gui/timekeeping.py (skips while a long task holds the write lock)

    def _last_doc_key(self) -> str:
        return f"last_document/{self.project.project_id or self.project.path.name}"

    def _place_key(self) -> str:
        return f"last_place/{self.project.project_id or self.project.path.name}"

    def _remember_place(self) -> None:
        """Where the annotator was in the open document (the span selected, the paragraph at
        the top of the view), so that the next start opens there, not at the top."""
        if self.session.doc_id is None:
            return
        self.settings.setValue(self._place_key(), [self.session.doc_id, self.text_view.top_index(),
                                                   self.session.current_span_id or 0])

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._place_pending:
            QTimer.singleShot(0, self._restore_place)  # after the first layout of the text

    def _restore_place(self) -> None:
        if not self._place_pending:
            return
        self._place_pending = False
        place = self.settings.value(self._place_key())
        try:
            doc_id, top, span_id = (int(x) for x in place)  # type: ignore[union-attr]
        except (TypeError, ValueError):
            return
        if doc_id != self.session.doc_id:
            return
        self.text_view.show_from(top)
        if span_id in self.session.layer.spans:
            self.session.select_span(span_id)  # scrolls only if it is not on screen

    def open_first_document(self) -> None:
        """The last document of this project, else the next one to do, else the first."""
        remembered = self.settings.value(self._last_doc_key())
        candidates = [int(remembered)] if remembered not in (None, "") else []
        candidates += [self.project.next_document(self.session.annotator), self.doc_model.doc_id(0)]
        for doc_id in candidates:
            if doc_id is None:
                continue
            try:
                if not self.open_document(doc_id):  # gone, or busy: the status bar says why
                    continue
            except Exception:  # noqa: BLE001 - a remembered id may be gone; try the next
                continue
            self._place_pending = True  # restored once the window is shown (the view has its size)
            if self.isVisible():
                self._restore_place()
            return

    def _document_changed(self, change) -> None:  # type: ignore[no-untyped-def]
        if self.session.doc_id is not None:
            s = self.session
            self.doc_model.update_row(s.doc_id, s.layer.state, s.suggestions_left())
            if change.state:
                self.doc_panel.show_current(s.doc_id)
            self.live.count_progress_soon(own=True)

    def _update_title(self) -> None:
        title = f"{self._document_name()} — " if self.session.document else ""
        flag = " [read-only]" if self.read_only_reason else ""
        self.setWindowTitle(f"{title}{self.project.path.name}{flag} — annotator")

    # ------------------------------------------------------------------ action handlers
    def label(self, name: str) -> None:
        self.editor.label(name)

    def mark_trigger(self) -> None:
        s = self.session
        span = s.current_span
        if span is None and s.current_range is None:
            self.status.error("select the word that expresses the event first, then press T")
            return
        current = span.label if span is not None and span.layer == "trigger" else None
        start, end = (span.start, span.end) if span is not None else s.current_range
        _lazy("open_type_picker")(self.project.scheme, self, self._for_this_document(self.editor.mark_trigger), current,
                                  self.text_view.sentence_rect(start, end))

    def type_picker(self) -> TypePicker | None:
        return self.findChild(_lazy("TypePicker"))

    def accept(self) -> None:
        self.editor.accept()

    def reject(self) -> None:
        self.editor.reject_or_delete()

    def next_suggestion(self) -> None:
        if self._in_side_panel():
            self.focus_pane(1)
        else:
            self.editor.step_suggestion(True)

    def previous_suggestion(self) -> None:
        if self._in_side_panel():
            self.focus_pane(-1)
        else:
            self.editor.step_suggestion(False)

    def _in_side_panel(self) -> bool:
        """Whether the keys are in the span and event panels: there Tab / Shift+Tab go to the next
        field, as F6 does. As "next suggestion" they selected another span under the box the
        user was in, and the next choice there was saved on that other span's event."""
        focus = QApplication.focusWidget()
        return focus is not None and self.inspector.isAncestorOf(focus)

    def set_role(self, role: str) -> None:
        self.editor.set_role(role)

    def add_role(self, role: str) -> None:
        self.editor.set_role(role, add=True)

    def edit_actor_code(self) -> None:
        if self.session.current_span is not None:
            self.inspector.span_box.actor.setFocus()
            self.inspector.span_box.actor.selectAll()

    def toggle_negated(self) -> None:
        self.editor.set_negated()

    def set_bounds(self) -> None:
        self.editor.set_bounds()

    def edit_context(self) -> None:
        if self.session.current_event is None:
            self.status.error("select an event first (click its trigger)")
            return
        event = self.session.current_event
        trigger = self.session.layer.spans.get(event.trigger)
        avoid = self.text_view.sentence_rect(trigger.start, trigger.end) if trigger is not None else None
        _lazy("open_context_picker")(self.project.scheme, self, self._for_this_document(self.editor.set_context),
                                     event.context, avoid)

    def context_picker(self) -> ContextPicker | None:
        return self.findChild(_lazy("ContextPicker"))

    def undo(self) -> None:
        self.history.undo()

    def redo(self) -> None:
        self.history.redo()

    def mark_done(self) -> QMessageBox | None:
        """Ctrl+D: reopen a done document; mark one done, first asking what to do with the
        suggestions still pending (accept all, reject all, leave them pending, cancel)."""
        s = self.session
        if s.doc_id is None:
            self.status.error("no document is open")
            return None
        spans, events = pending_counts(s.layer)
        if s.layer.state == "done" or not (spans or events):
            self.editor.toggle_done()
            return None
        what = f"{spans} suggested span{'s' if spans != 1 else ''}"
        if events:
            what += f" and {events} suggested event{'s' if events != 1 else ''}"
        role = QMessageBox.ButtonRole
        return ask(self, "Mark done with suggestions pending",
                   f"{what} in “{_shortened(self._document_name())}” are still waiting for a decision.",
                   [(ACCEPT_ALL, "Accept all and mark done", role.AcceptRole),
                    (REJECT_ALL, "Reject all and mark done", role.DestructiveRole),
                    (LEAVE_PENDING, "Leave pending, mark done", role.ActionRole),
                    ("cancel", "Cancel", role.RejectRole)],
                   self._for_this_document(self._review_chosen), name="reviewPending",
                   informative="Each choice is one step: Ctrl+Z undoes it. Tab walks through the "
                               "suggestions one by one if you want to review them first.",
                   # Enter is the accept key in the text: pressed once too often, it must not
                   # accept every pending suggestion
                   default="cancel")

    def _for_this_document(self, answer: Callable[..., None]) -> Callable[..., None]:
        """`answer` to a question or picker that stays open without blocking the event loop:
        the answer is about the document open when it was asked. Another window (the agreement
        dashboard's "show in the workbench") can open another one meanwhile; the answer is then
        not applied to that one (it marked the wrong document done)."""
        asked_about = self.session.doc_id

        def answered(*args: Any) -> None:
            if self.session.doc_id != asked_about:
                self.status.error("not applied: another document was opened while the question was open")
                return
            answer(*args)

        return answered

    def _review_chosen(self, choice: str | None) -> None:
        if choice in (ACCEPT_ALL, REJECT_ALL, LEAVE_PENDING):
            self.editor.finish_review(choice)
        else:
            self.status.error("not marked done: the suggestions are still pending (Tab goes to the next one)")

    def _document_name(self) -> str:
        doc = self.session.document
        return (doc.title or doc.ext_id or str(doc.id)) if doc is not None else ""

    def next_document(self) -> None:
        self._step_document(1)

    def previous_document(self) -> None:
        self._step_document(-1)

    def _step_document(self, step: int) -> None:
        target = self.doc_model.neighbour(self.session.doc_id, step)
        if target is None:
            self.status.error("no more documents in this list")
        else:
            self.open_document(target)

    def next_todo(self) -> None:
        target = self.project.next_document(self.session.annotator, self.session.doc_id)
        if target is None:
            target = self.project.next_document(self.session.annotator)
        if target is None or target == self.session.doc_id:
            self.status.error("nothing left to do — every document is done")
        else:
            self.open_document(target)

    def focus_document_list(self) -> None:
        self.doc_panel.table.setFocus()

    def focus_text(self) -> None:
        self.text_view.setFocus()

    def focus_pane(self, step: int) -> None:
        """F6 / Shift+F6 (and Tab / Shift+Tab inside the side panels): the next (previous) of the
        places that take keys. Tab in the text is the window's "next suggestion", so without this
        the label, mode and context boxes and the events list could be reached by the mouse only."""
        box, event = self.inspector.span_box, self.event_panel
        places = [w for w in (self.doc_panel.search, self.doc_panel.table, self.text_view, box.label, box.actor,
                              event.type, event.mode, event.context, event.negated, event.list)
                  if w.isVisible() and w.isEnabled()]
        focus = QApplication.focusWidget()
        at = next((i for i, w in enumerate(places) if focus is w or (focus is not None and w.isAncestorOf(focus))),
                  None)
        target = places[0 if at is None and step > 0 else -1 if at is None else (at + step) % len(places)]
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def edit_mode(self) -> None:
        """Ctrl+Shift+M: the event's mode list opens; arrows and Enter choose (one edit), and the
        keys go back to the text (Tab, the next suggestion, went to the context box)."""
        if self.session.current_event is None:
            self.status.error("select an event first (click its trigger)")
            return
        mode = self.event_panel.mode
        if not mode.isEnabled():
            self.status.error("this event type has no modes")
            return
        mode.setFocus()

        def back_to_text() -> None:  # as the type picker and the actor code do: the next key is the text's
            mode.popup_closed.disconnect(back_to_text)
            self.focus_text()

        mode.popup_closed.connect(back_to_text)
        mode.showPopup()

    def clear_selection(self) -> None:
        """Esc: first what is under way (the find bar, a pick: the event stays, to pick again),
        else the selection, the current event too (the event frame showed on, and the next role
        key wrote into an event the annotator had put down)."""
        busy = self.event_panel.picking() is not None
        if self._find_bar is not None and self._find_bar.isVisible():
            self._find_bar.close_bar()
            busy = True
        self.event_panel.stop_picking()
        if not busy:
            self.session.select_event(None)
        self.session.select_span(None)
        self.focus_text()

    def _set_pick_role(self, role: str | None) -> None:
        self.text_view.pick_role = role
        if role:
            self.status.bar.showMessage(f"click the span that is the {role} (Esc to stop)", 8000)
        elif self.status.bar.currentMessage().startswith("click the span that is the"):
            self.status.bar.clearMessage()  # picking stopped: the hint no longer applies

    def find(self) -> None:
        rng = self.session.current_range
        self.find_bar.open_bar(self.session.text, rng[1] if rng else 0)

    def find_next(self) -> None:
        if not self.find_bar.isVisible():
            self.find()
        self.find_bar.find_next()

    def toggle_guidelines(self) -> None:
        self.guidelines.setVisible(not self.guidelines.isVisible())
        span = self.session.current_span
        if span is not None and self.guidelines.isVisible():
            self.guidelines.show_label(span.label)

    def toggle_legend(self) -> None:
        dock = self.findChild(_lazy("LegendDock"))
        if dock is None:
            dock = _lazy("LegendDock")(self.project.scheme, self)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            dock.hide()
        dock.setVisible(not dock.isVisible())

    def legend(self):  # type: ignore[no-untyped-def]
        """The legend dock, if it was opened once (F2)."""
        return self.findChild(_lazy("LegendDock"))

    def zoom(self, step: int) -> None:
        size = max(7, min(32, font_size(self.settings) + step))
        self.settings.setValue("view/font_size", size)
        self.text_view.set_text_font_size(size)

    def open_settings(self) -> None:
        dialog = _lazy("SettingsDialog")(self.settings, self.session.annotator, self)
        if return_focus_to(dialog, self).exec():
            dialog.save()
            self.text_view.snap = snap_enabled(self.settings)
            self.text_view.set_text_font_size(font_size(self.settings))
            self.live.set_interval(live_interval_ms(self.settings))
            name = dialog.name.text().strip()
            if name and name != self.session.annotator and not self.switch_annotator(name):
                # A refused name is not remembered: the next start opened as it (a colleague's
                # layer, their window closed by then) or was refused at every start (a case twin).
                self.settings.setValue(NAME_KEY, self.session.annotator)
                self.settings.sync()

    def switch_annotator(self, name: str) -> bool:
        """Work as `name` from now on; False (and a message) when it is refused."""
        if not self._save_typed_input():  # into the layer it was typed in, before it changes
            return False
        if self.session_lock is not None:  # the lock is per annotator (gui/locking.py)
            try:
                lock = take_session(self.project, name)
            except SessionRefused as exc:
                self.status.error(str(exc))
                return False
            self.session_lock.release()
            self.session_lock = lock
            lock.watch(self)
        self._record_time()
        self.session.annotator = name
        apply_blind_mode(self)
        self.doc_model.annotator = name
        self.doc_model.refresh()
        if self.session.doc_id is not None and not self.open_document(self.session.doc_id):
            # Not seeded (busy): the new name's layer as stored rather than the old name's on screen.
            self.session.open(self.session.doc_id, seed=False)
            self.history.restore()
        self.status.refresh()
        return True

    # ------------------------------------------------------------------ long work
    def run_task(self, title: str, work: Work, on_done, *, holds_write_lock: bool = False,  # type: ignore[no-untyped-def]
                 asked_from: QWidget | None = None) -> TaskDialog:
        """Run `work` off the GUI thread with progress and Cancel; `on_done(value)` when it ends.
        `asked_from`: the window that gets the keys back then (the active one by default): the
        agreement dashboard's computation left it behind this window, its keys going to the text."""
        dialog = _lazy("TaskDialog")(self, title, work)
        asked_from = asked_from or QApplication.activeWindow()
        dialog.finished_with.connect(
            lambda kind, value: self._task_done(dialog, kind, value, on_done, title, asked_from))
        self.tasks.append(dialog)
        self.live.task_started()  # its writes are this window's, not others' (gui/live.py)
        if holds_write_lock:
            self.history.blocked = f"{title.lower()} in progress: edits are possible again when it ends"
        return dialog.start()

    def _task_done(self, dialog: TaskDialog, kind: str, value, on_done, title: str = "Work",  # type: ignore[no-untyped-def]
                   asked_from: QWidget | None = None) -> None:
        back_to = asked_from if asked_from is not dialog and _still_shown(asked_from) else self
        if dialog in self.tasks:
            self.tasks.remove(dialog)
        self.history.blocked = None
        if self.session.unseeded and not self._session_lost():  # (lost: the layer is not ours to seed)
            self.session.reload(seed=True)  # opened during the task: its suggestions now
            self.history.restore()
            reloaded = False
        else:
            reloaded = self.reload_if_changed_elsewhere(tell=False)  # an import of the annotator's own layer
        if kind == "failed":
            self.status.error(str(value))
            box = message_box(self, f"{title} failed", str(value), icon=QMessageBox.Icon.Warning, name="taskFailed")
            box.open()  # not exec(): never block the event loop
        elif kind == "cancelled":
            reactivate(back_to)
            if value is None:
                self.status.error("cancelled")
            else:  # the work returned what it finished before the cancel (saved): show it as a result
                on_done(value)
                finished = self.status.bar.currentMessage()
                self.status.error(f"cancelled; kept what was finished: {finished}" if finished else
                                  "cancelled; what was finished before is kept")
        else:
            reactivate(back_to)  # the progress dialog has gone: the window's shortcuts work again
            on_done(value)
        if reloaded:  # after what the task says, not in its place
            told = self.status.bar.currentMessage()
            self.status.error(f"{told}; {CHANGED_ELSEWHERE}" if told else CHANGED_ELSEWHERE)

    def reload_if_changed_elsewhere(self, tell: bool = True) -> bool:
        """Show the open document's layer as stored when something else wrote it -- an import
        of this annotator's layer (here, or `annotator import` meanwhile), a merge, another
        window: left as it was, the window showed suggestions no longer stored, and each accept
        or reject of them was refused ("span ... is not in ann1's layer"). True if it reloaded."""
        s = self.session
        if s.doc_id is None or s.unseeded:
            return False
        if s.project.layer(s.doc_id, s.annotator) == s.layer:
            return False
        s.reload()
        self.history.restore()
        if tell:
            self.status.error(CHANGED_ELSEWHERE)
        return True

    def import_documents(self) -> None:
        dialog = _lazy("ImportDialog")(self)
        if return_focus_to(dialog, self).exec():
            self.start_import(*dialog.values())

    def start_import(self, source: Path, format_name: str = "auto", add_labels: bool = False,
                     ignore_ids: bool = False) -> TaskDialog:
        def done(imported) -> None:  # type: ignore[no-untyped-def]
            report = imported.report
            self.doc_model.refresh()
            self.doc_panel.show_current(self.session.doc_id)
            self.status.bar.showMessage(f"imported {report.documents_added} documents "
                                        f"({report.duplicates} already there)", 8000)
            if imported.notes:  # which layer the annotations went into, what was skipped
                message_box(self, "Imported, with notes", f"{source}:\n\n" + "\n\n".join(imported.notes),
                            name="importNotes").open()
            if self.session.doc_id is None:
                self.open_first_document()
        return self.run_task("Importing", _lazy("import_work")(self.project.location, Path(source), format_name,
                                                      add_labels, ignore_ids), done, holds_write_lock=True)

    def export_documents(self) -> None:
        # Blind mode: an annotator may export only the layers they may see (store/team.py).
        layers = [self.session.annotator, GOLD, *_lazy("visible_layers")(self.project, self.session.annotator)]
        dialog = _lazy("ExportDialog")(list(dict.fromkeys(layers)), self.session.annotator, self)
        if return_focus_to(dialog, self).exec():
            self.start_export(*dialog.values())

    def start_export(self, dest: Path, format_name: str, layer: str, only_done: bool = False) -> TaskDialog:
        def done(exported) -> None:  # type: ignore[no-untyped-def]
            self.status.bar.showMessage(f"exported {exported.count} documents to {dest}", 8000)
            if exported.notes:  # what the command line warns of (docs left out, layers not done ...)
                message_box(self, "Exported, with notes", f"{dest}:\n\n" + "\n\n".join(exported.notes),
                            name="exportNotes").open()
        return self.run_task("Exporting", _lazy("export_work")(self.project.location, Path(dest), format_name, layer,
                                                      only_done), done)

    def preannotate(self):  # type: ignore[no-untyped-def]
        """Ask rules or an LLM server (dialogs/preannotate.py), then `start_preannotate`."""
        if preannotate_runner() is None:
            self.status.error("pre-annotation is not available in this installation yet")
            return None
        from .dialogs import preannotate as pre_dialog

        return pre_dialog.ask_preannotate(self.settings, self.project, self.start_preannotate, self)

    def start_preannotate(self, llm: Any = None, only_todo: bool = False, only_new: bool = False) -> TaskDialog:
        """Rules (llm None) or the LLM of `llm` (LlmOptions) in the worker thread."""
        from .dialogs import preannotate as pre_dialog

        def done(result) -> None:  # type: ignore[no-untyped-def]
            self.reload_documents()
            if llm is None:
                self.status.bar.showMessage(f"{result.documents} of {result.total} documents pre-annotated: "
                                            f"{result.spans} spans, {result.events} events", 8000)
                if result.left_out():
                    self.status.error(result.left_out())
                return
            message, problem = pre_dialog.llm_summary(result)
            self.status.bar.showMessage(message, 8000)
            if problem:
                self.status.error(problem)
        # Workers open the project again on their own connection, from its location.
        where = self.project.location
        work = (_lazy("preannotate_work")(where, only_todo=only_todo, only_new=only_new) if llm is None
                else pre_dialog.llm_work(where, llm, only_todo, only_new))
        return self.run_task("Pre-annotating", work, done)

    # ------------------------------------------------------------------ team and model (issues 8, 9)
    def toggle_progress(self) -> None:
        progress_dock = _lazy("ProgressDock")
        dock = self.findChild(progress_dock)
        if dock is None:
            dock = progress_dock(self.project.location, lambda: self.session.annotator, self)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            dock.hide()
        dock.setVisible(not dock.isVisible())
        if dock.isVisible():
            self._record_time()  # the figures include the time of this window
            dock.refresh()

    def train_model(self) -> TaskDialog | None:
        from .dialogs import train as train_dialog

        return train_dialog.ask_and_train(self.workbench())

    def resuggest(self, model: str | None = None) -> TaskDialog | None:
        from .dialogs import train as train_dialog

        return train_dialog.start_resuggest(self.workbench(), model)

    def model_quality(self) -> TaskDialog | None:
        from .dialogs import evaluate as evaluate_dialog

        return evaluate_dialog.start_quality(self.workbench())

    # ------------------------------------------------------------------ agreement (dialogs/)
    def workbench(self) -> Workbench:
        """What the lead's dialogs need from this window (gui/workbench.py)."""
        return Workbench(self, self.project, self.session.annotator, self.run_task, self.show_place,
                         self.status.error, lambda text: self.status.bar.showMessage(text, 8000),
                         self.reload_documents, self.settings)

    def reload_documents(self) -> None:
        """Long work changed the documents on disk (pre-annotation, re-suggest): show them afresh.
        The open document first: reading it again gives it the new suggestions (a write), which
        the list, read before, showed as "left 0" beside the status bar's "104 suggestions left"."""
        self.session.reload()
        self.doc_model.refresh()
        self.history.restore()

    def show_place(self, doc_id: int, start: int, end: int) -> None:
        """Open a document at [start, end) (from a dialog) and come back to the front."""
        if not self.open_document(doc_id):
            reactivate(self)  # where the status bar says why it stayed on the document shown
            return
        self.text_view.select_range(start, end, snap=False)
        self.text_view.reveal(start, end)  # far down a long article the selection was off screen
        reactivate(self)

    def agreement_dashboard(self):  # type: ignore[no-untyped-def]
        from .dialogs.agreement_dashboard import open_dashboard
        return open_dashboard(self.workbench())

    def adjudicate_document(self):  # type: ignore[no-untyped-def]
        from .dialogs.adjudication import open_adjudication
        return open_adjudication(self.workbench(), self.session.doc_id)

    # ------------------------------------------------------------------ closing
    def restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            if _names_dock(state, "guidelines"):  # the dock was built last time: restore it as it was
                _ = self.guidelines
            self.restoreState(state)
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._closed:
            super().closeEvent(event)
            return
        if not self._save_typed_input():
            event.ignore()  # stay open once, so the reason in the status bar is seen
            return
        self._closed = True
        self._remember_place()
        self.live.stop()
        for task in list(self.tasks):
            task.cancel_work()
            task.thread_.wait(5000)
        self.timekeeper.stop()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)
        if self.daily_backup is not None:
            self.daily_backup.wait(10)
        if self.session_lock is not None:
            self.session_lock.release()
        self.project.close()


def _still_shown(widget: QWidget | None) -> bool:
    """Whether `widget` is on screen; False for one already deleted (a dialog closed with
    WA_DeleteOnClose while the work ran: asking it raised, and the window stayed blocked)."""
    import shiboken6

    try:
        return widget is not None and shiboken6.isValid(widget) and widget.isVisible()
    except RuntimeError:
        return False
