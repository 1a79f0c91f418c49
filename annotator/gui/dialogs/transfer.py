"""Import and export through the formats registry, run as background tasks.

The formats package is imported when a dialog opens, not at start-up (some formats pull in
heavy libraries)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ...core.errors import Cancelled
from ...core.model import AnnotatedDocument
from ...formats.selection import OnlyDone
from ...store import Project, refuse_database_import, refuse_writing_over_project
from ..messages import ask
from .buttons import ok_cancel
from .task import Progress

if TYPE_CHECKING:
    from ...store import ImportReport


def _cancellable(items: Iterable[AnnotatedDocument], cancel: threading.Event,
                 progress: Progress | None = None, total: int | None = None) -> Iterator[AnnotatedDocument]:
    for n, item in enumerate(items, 1):
        if cancel.is_set():
            raise Cancelled()
        yield item
        if progress is not None and n % 50 == 0:
            progress(n, total)


@dataclass
class Imported:
    """What an import in the window did: the store's report, and what the reader had to say
    (the layer foreign annotations went into, what it skipped) -- the command line prints it."""

    report: ImportReport
    notes: list[str]


@dataclass
class Exported:
    """What an export from the window wrote: the documents written, and the warnings the command
    line prints (layers not marked done written, documents left out by "only done" ...)."""

    count: int
    notes: list[str]


def import_work(location: str | Path, source: Path, format_name: str = "auto", add_labels: bool = False,  # type: ignore[no-untyped-def]
                ignore_ids: bool = False):
    def work(progress: Progress, cancel: threading.Event) -> Any:
        from ...formats import ReadOptions, documents_to_import, get
        from ...formats.units import import_units

        if source.is_file():
            refuse_database_import(source, str(location))  # a work package is merged, not imported
        notes: list[str] = []
        # What `annotator import` reads from the same path (a folder: its .txt files and every
        # other file it recognises), here in one transaction: nothing half-imported.
        units = list(import_units(source, format_name,
                                  skipped=lambda child: notes.append(f"skipped {child}: not a format annotator reads")))
        project = Project.open(location)  # this thread's own connection
        try:
            def documents() -> Iterator[AnnotatedDocument]:
                for path, name in units:
                    # The project's scheme tells the readers which labels are event types, as on the
                    # command line (without it, the same file gave other triggers here).
                    options = ReadOptions(scheme=project.scheme, ignore_ids=ignore_ids)
                    try:
                        yield from documents_to_import(get(name), path, options, cancel)
                    finally:
                        prefix = f"{path.name}: " if len(units) > 1 else ""
                        notes.extend(prefix + warning for warning in options.warnings)

            report = project.import_documents(documents(), progress=progress, source=source.name,
                                              add_labels=add_labels)
            return Imported(report, notes)
        finally:
            project.close()
    return work


def export_work(location: str | Path, dest: Path, format_name: str, layer: str, only_done: bool):  # type: ignore[no-untyped-def]
    def work(progress: Progress, cancel: threading.Event) -> Any:
        from ...formats import WriteOptions, get

        fmt = get(format_name)
        refuse_writing_over_project(location, dest)
        project = Project.open(location, readonly=True)
        try:
            # the chosen layer only, as `annotator export --layer` reads it: read with the others,
            # "only done" kept a document for the model's layer and wrote it without the chosen one
            docs = _cancellable(project.iter_annotated([layer]), cancel, progress, project.count_documents())
            kept = OnlyDone()  # the rule `annotator export --only-done` follows
            if only_done:
                docs = kept.keep_done(docs, layer)
            options = WriteOptions(layer=layer, only_done=only_done, scheme=project.scheme)
            count = fmt.writer(docs, dest, options)
            # what the command line warns of, the window says too
            notes = [*options.warnings, *([kept.message(layer)] if kept.left_out else [])]
            return Exported(count, notes)
        finally:
            project.close()
    return work


class _PathRow(QWidget):
    """A path typed or chosen, with the line that says what is wrong with it."""

    def __init__(self, choose, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.edit = QLineEdit()
        button = QPushButton("Browse…")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(button)
        button.clicked.connect(lambda: self.edit.setText(choose() or self.edit.text()))
        self.problem = QLabel("", objectName="pathProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)

    def path(self) -> Path | None:
        """The path as typed, without the spaces around it (the replace question and the write
        both take this one: a trailing space asked about a.jsonl and wrote "a.jsonl "); None when
        nothing is typed."""
        text = self.edit.text().strip()
        return Path(text) if text else None

    def given(self) -> bool:
        """Whether a path is typed; if not, says so and keeps the dialog open (an empty path was
        the working folder: the text format imported every .txt below it)."""
        if self.path() is not None:
            return True
        self.problem.setText("give a file or folder")
        self.edit.setFocus()
        return False


class ImportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ...formats import readable

        self.setWindowTitle("Import documents")
        self.format = QComboBox()
        self.format.addItem("detect from the file", "auto")
        for name in readable():
            self.format.addItem(name, name)
        self.path = _PathRow(lambda: QFileDialog.getOpenFileName(self, "Import file")[0], self)
        self.add_labels = QCheckBox("add unknown labels to the scheme")
        self.ignore_ids = QCheckBox("match documents by text: the file's ids are another tool's numbering")
        self.ignore_ids.setObjectName("importIgnoreIds")
        buttons = ok_cancel(self)
        form = QFormLayout(self)
        form.addRow("file or folder", self.path)
        form.addRow("format", self.format)
        form.addRow(self.add_labels)
        form.addRow(self.ignore_ids)
        form.addRow(self.path.problem)
        form.addRow(buttons)
        self.resize(520, 0)

    def accept(self) -> None:
        if self.path.given():
            super().accept()

    def values(self) -> tuple[Path, str, bool, bool]:
        return (self.path.path() or Path(), self.format.currentData(), self.add_labels.isChecked(),
                self.ignore_ids.isChecked())


class ExportDialog(QDialog):
    def __init__(self, layers: list[str], current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ...formats import get, writable

        self.setWindowTitle("Export")
        self.format = QComboBox()
        for name in writable():
            self.format.addItem(f"{name} — {get(name).description}", name)
        self.layer = QComboBox()
        self.layer.addItems(layers)
        self.layer.setCurrentText(current)
        self.only_done = QCheckBox("only documents marked done")
        self.asked: Path | None = None  # a path the file chooser already asked to replace
        self.path = _PathRow(self._choose, self)
        buttons = ok_cancel(self)
        form = QFormLayout(self)
        form.addRow("format", self.format)
        form.addRow("layer", self.layer)
        form.addRow(self.only_done)
        form.addRow("to", self.path)
        form.addRow(self.path.problem)
        form.addRow(buttons)
        self.resize(520, 0)

    def values(self) -> tuple[Path, str, str, bool]:
        return (self.path.path() or Path(), self.format.currentData(), self.layer.currentText(),
                self.only_done.isChecked())

    def _choose(self) -> str:
        chosen = QFileDialog.getSaveFileName(self, "Export to")[0]  # asks before replacing a file
        if chosen:
            self.asked = Path(chosen)
        return chosen

    def accept(self) -> None:
        """A typed path that exists is replaced only when the user says so (the file chooser
        asks; a typed name did not, and the file was gone -- the CLI wants --force)."""
        from ...formats.io import what_writing_replaces

        if not self.path.given():
            return
        target = self.path.path()
        what = what_writing_replaces(target) if target is not None and target != self.asked else None
        if what is None:
            super().accept()
            return
        role = QMessageBox.ButtonRole
        what = "folder and its export files" if what == "a folder" else "file"
        ask(self, "Replace an existing file", f"{target} exists. Exporting replaces the {what}.",
            [("replace", "Replace", role.AcceptRole), ("cancel", "Cancel", role.RejectRole)],
            lambda choice: super(ExportDialog, self).accept() if choice == "replace" else self.path.edit.setFocus(),
            name="replaceExisting")
