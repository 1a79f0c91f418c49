"""The main window: assembles the panels, the actions table and the session.

Behaviour lives elsewhere: edits in `editing.Editor`, undo in `undo.History`, drawing in
`widgets/`, long work in `dialogs/`. Handlers here are one-liners named in `actions.py`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget

from ..core.model import GOLD
from ..store import Project
from ..store.team import visible_layers
from .actions import ACTIONS, install_actions, scheme_actions
from .blind import apply_blind_mode
from .dialogs import evaluate as evaluate_dialog
from .dialogs import train as train_dialog
from .dialogs.find import FindBar
from .dialogs.guidelines import GuidelinesDock
from .dialogs.preannotate import preannotate_runner, preannotate_work
from .dialogs.progress import ProgressDock
from .dialogs.settings import SettingsDialog, font_size, snap_enabled
from .dialogs.task import TaskDialog, Work
from .dialogs.transfer import ExportDialog, ImportDialog, export_work, import_work
from .editing import Editor
from .locking import SessionRefused, take_session
from .models.documents import DocumentListModel
from .session import Session
from .status import StatusLine
from .timekeeping import TimeKeeper
from .undo import History
from .widgets.doc_list import DocumentPanel
from .widgets.inspector import Inspector
from .widgets.text_view import AnnotatedTextView
from .widgets.type_picker import TypePicker, open_type_picker


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
        self.find_bar = FindBar()
        self.inspector = Inspector(self.session, self.editor)
        self.event_panel = self.inspector.event_panel
        self.guidelines = GuidelinesDock(project.scheme, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.guidelines)
        self.guidelines.hide()
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.find_bar)
        centre_layout.addWidget(self.text_view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.doc_panel)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.inspector)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 640, 340])
        self.setCentralWidget(self.splitter)
        self.status = StatusLine(self.statusBar(), self.session)
        self.actions_ = install_actions(self, [*ACTIONS, *scheme_actions(project.scheme)])
        self.tasks: list[TaskDialog] = []
        self._closed = False
        self._wire()
        self.timekeeper = TimeKeeper(self)  # time on document -> Project.add_time
        apply_blind_mode(self)  # gui/blind.py: screens showing other layers, per role
        self.session_lock = None  # set by app.build_window (gui/locking.py)
        self.daily_backup = None  # set by app.build_window (gui/backup.py)
        self.resize(1280, 800)
        self._update_title()

    def _wire(self) -> None:
        s = self.session
        s.changed.connect(self._document_changed)
        self.history.failed.connect(self.status.error)
        self.doc_panel.document_chosen.connect(self.open_document)
        self.doc_panel.next_todo_requested.connect(self.next_todo)
        self.event_panel.pick_requested.connect(self._set_pick_role)
        self.text_view.span_picked.connect(self.event_panel.span_picked)
        self.find_bar.found.connect(lambda a, b: self.text_view.select_range(a, b, snap=False))
        self.find_bar.closed.connect(self.focus_text)

    # ------------------------------------------------------------------ documents
    def open_document(self, doc_id: int) -> None:
        self._record_time()
        self.session.open(doc_id)
        self.history.restore()
        self.doc_panel.show_current(doc_id)
        self.settings.setValue(self._last_doc_key(), doc_id)
        self._update_title()
        if not self.doc_panel.table.hasFocus():  # browsing the list with arrows keeps its focus
            self.text_view.setFocus()

    def _record_time(self) -> None:
        self.timekeeper.flush()  # gui/timekeeping.py (skips while a long task holds the write lock)

    def _last_doc_key(self) -> str:
        return f"last_document/{self.project.project_id or Path(self.project.path).name}"

    def open_first_document(self) -> None:
        """The last document of this project, else the next one to do, else the first."""
        remembered = self.settings.value(self._last_doc_key())
        candidates = [int(remembered)] if remembered not in (None, "") else []
        candidates += [self.project.next_document(self.session.annotator), self.doc_model.doc_id(0)]
        for doc_id in candidates:
            if doc_id is None:
                continue
            try:
                self.open_document(doc_id)
                return
            except Exception:  # noqa: BLE001 - a remembered id may be gone; try the next
                continue

    def _document_changed(self, change) -> None:  # type: ignore[no-untyped-def]
        if self.session.doc_id is not None:
            s = self.session
            self.doc_model.update_row(s.doc_id, s.layer.state, s.suggestions_left())
            if change.state:
                self.doc_panel.show_current(s.doc_id)

    def _update_title(self) -> None:
        doc = self.session.document
        title = f"{doc.title or doc.ext_id or doc.id} — " if doc else ""
        self.setWindowTitle(f"{title}{Path(self.project.path).name} — annotator")

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
        open_type_picker(self.project.scheme, self, self.editor.mark_trigger, current)

    def type_picker(self) -> TypePicker | None:
        return self.findChild(TypePicker)

    def accept(self) -> None:
        self.editor.accept()

    def reject(self) -> None:
        self.editor.reject_or_delete()

    def next_suggestion(self) -> None:
        self.editor.step_suggestion(True)

    def previous_suggestion(self) -> None:
        self.editor.step_suggestion(False)

    def set_role(self, role: str) -> None:
        self.editor.set_role(role)

    def add_role(self, role: str) -> None:
        self.editor.set_role(role, add=True)

    def edit_actor_code(self) -> None:
        if self.session.current_span is not None:
            self.inspector.span_box.actor.setFocus()
            self.inspector.span_box.actor.selectAll()

    def undo(self) -> None:
        self.history.undo()

    def redo(self) -> None:
        self.history.redo()

    def mark_done(self) -> None:
        self.editor.toggle_done()

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

    def clear_selection(self) -> None:
        if self.find_bar.isVisible():
            self.find_bar.close_bar()
        self.event_panel.stop_picking()
        self.session.select_span(None)
        self.focus_text()

    def _set_pick_role(self, role: str | None) -> None:
        self.text_view.pick_role = role
        if role:
            self.status.bar.showMessage(f"click the span that is the {role} (Esc to stop)", 8000)

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

    def zoom(self, step: int) -> None:
        size = max(7, min(32, font_size(self.settings) + step))
        self.settings.setValue("view/font_size", size)
        self.text_view.set_text_font_size(size)

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self.session.annotator, self)
        if dialog.exec():
            dialog.save()
            self.text_view.snap = snap_enabled(self.settings)
            self.text_view.set_text_font_size(font_size(self.settings))
            name = dialog.name.text().strip()
            if name and name != self.session.annotator:
                self.switch_annotator(name)

    def switch_annotator(self, name: str) -> None:
        if self.session_lock is not None:  # the lock is per annotator (gui/locking.py)
            try:
                lock = take_session(self.project, name)
            except SessionRefused as exc:
                self.status.error(str(exc))
                return
            self.session_lock.release()
            self.session_lock = lock
            lock.watch(self)
        self._record_time()
        self.session.annotator = name
        apply_blind_mode(self)
        self.doc_model.annotator = name
        self.doc_model.refresh()
        if self.session.doc_id is not None:
            self.open_document(self.session.doc_id)
        self.status.refresh()

    # ------------------------------------------------------------------ long work
    def run_task(self, title: str, work: Work, on_done, *, holds_write_lock: bool = False) -> TaskDialog:  # type: ignore[no-untyped-def]
        dialog = TaskDialog(self, title, work)
        dialog.finished_with.connect(lambda kind, value: self._task_done(dialog, kind, value, on_done))
        self.tasks.append(dialog)
        if holds_write_lock:
            self.history.blocked = f"{title.lower()} in progress: edits are possible again when it ends"
        return dialog.start()

    def _task_done(self, dialog: TaskDialog, kind: str, value, on_done) -> None:  # type: ignore[no-untyped-def]
        if dialog in self.tasks:
            self.tasks.remove(dialog)
        self.history.blocked = None
        if kind == "failed":
            self.status.error(str(value))
            box = QMessageBox(QMessageBox.Icon.Warning, "annotator", str(value), parent=self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # not exec(): never block the event loop
        elif kind == "cancelled":
            self.status.error("cancelled")
        else:
            on_done(value)

    def import_documents(self) -> None:
        dialog = ImportDialog(self)
        if dialog.exec():
            self.start_import(*dialog.values())

    def start_import(self, source: Path, format_name: str = "auto", add_labels: bool = False) -> TaskDialog:
        def done(report) -> None:  # type: ignore[no-untyped-def]
            self.doc_model.refresh()
            self.doc_panel.show_current(self.session.doc_id)
            self.status.bar.showMessage(f"imported {report.documents_added} documents "
                                        f"({report.duplicates} already there)", 8000)
            if self.session.doc_id is None:
                self.open_first_document()
        return self.run_task("Importing", import_work(Path(self.project.path), Path(source), format_name,
                                                      add_labels), done, holds_write_lock=True)

    def export_documents(self) -> None:
        # Blind mode: an annotator may export only the layers they may see (store/team.py).
        layers = [self.session.annotator, GOLD, *visible_layers(self.project, self.session.annotator)]
        dialog = ExportDialog(list(dict.fromkeys(layers)), self.session.annotator, self)
        if dialog.exec():
            self.start_export(*dialog.values())

    def start_export(self, dest: Path, format_name: str, layer: str, only_done: bool = False) -> TaskDialog:
        def done(count) -> None:  # type: ignore[no-untyped-def]
            self.status.bar.showMessage(f"exported {count} documents to {dest}", 8000)
        return self.run_task("Exporting", export_work(Path(self.project.path), Path(dest), format_name, layer,
                                                      only_done), done)

    def preannotate(self) -> TaskDialog | None:
        if preannotate_runner() is None:
            self.status.error("pre-annotation is not available in this installation yet")
            return None

        def done(result) -> None:  # type: ignore[no-untyped-def]
            self.doc_model.refresh()
            self.session.reload()
            self.history.restore()
            self.status.bar.showMessage("pre-annotation finished", 8000)
        return self.run_task("Pre-annotating", preannotate_work(Path(self.project.path)), done)

    # ------------------------------------------------------------------ team and model (issues 8, 9)
    def toggle_progress(self) -> None:
        dock = self.findChild(ProgressDock)
        if dock is None:
            dock = ProgressDock(Path(self.project.path), lambda: self.session.annotator, self)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            dock.hide()
        dock.setVisible(not dock.isVisible())
        if dock.isVisible():
            self._record_time()  # the figures include the time of this window
            dock.refresh()

    def train_model(self) -> TaskDialog | None:
        return train_dialog.ask_and_train(self)

    def resuggest(self, model: str | None = None) -> TaskDialog | None:
        return train_dialog.start_resuggest(self, model)

    def model_quality(self) -> TaskDialog | None:
        return evaluate_dialog.start_quality(self)

    # ------------------------------------------------------------------ agreement (dialogs/)
    def agreement_dashboard(self):  # type: ignore[no-untyped-def]
        from .dialogs.agreement_dashboard import open_dashboard
        return open_dashboard(self)

    def adjudicate_document(self):  # type: ignore[no-untyped-def]
        from .dialogs.adjudication import open_adjudication
        return open_adjudication(self, self.session.doc_id)

    # ------------------------------------------------------------------ closing
    def restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._closed:
            super().closeEvent(event)
            return
        self._closed = True
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

