"""Model → Train from accepted annotations…, and Re-suggest for documents to do.

Training (`annotator.training.train`) and pre-annotation with the new model
(`annotator.preannotate.run(..., model=, only_todo=True)`) run through the window's `run_task`
(passed in a `Workbench`): a worker thread with its own connection, a progress dialog and Cancel
(a cancelled training
leaves the output folder as it was). At the end the per-label dev scores are shown as plain
text, with a button that re-suggests with the new model. The model folder is remembered per
project (QSettings), so "Re-suggest" and "Model quality" know the current model.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.model import GOLD, MODEL
from ...store import Project
from ...training.train import FEWEST_DOCS  # no spaCy: that module imports it when training runs
from ...store.team import visible_layers
from ..messages import return_focus_to
from ..workbench import Workbench
from .buttons import ok_cancel
from .task import Progress


# ---------------------------------------------------------------------- remembered model
def _model_key(project: Project) -> str:
    return f"model/{project.project_id or project.path.name}"


def current_model(settings: QSettings, project: Project) -> str | None:
    value = settings.value(_model_key(project))
    return str(value) if value not in (None, "") and Path(str(value)).is_dir() else None


def remember_model(settings: QSettings, project: Project, model_dir: str | Path) -> None:
    settings.setValue(_model_key(project), str(model_dir))
    settings.sync()


def default_out_dir(project: Project) -> Path:
    """`models/roundN` beside the project file, N the first free number; for a server project
    (no file to sit beside) in the current folder."""
    base = (Path.cwd() if project.is_server else Path(project.path).resolve().parent) / "models"
    n = 1
    while (base / f"round{n}").exists():
        n += 1
    return base / f"round{n}"


def training_layers(project: Project, annotator: str) -> list[str]:
    """Layers this person may train from: gold, and the people's layers they may see."""
    seen = [name for name in visible_layers(project, annotator) if name != MODEL]
    return list(dict.fromkeys([GOLD, *seen]))


# ---------------------------------------------------------------------- work (worker thread)
def train_work(location: str | Path, out_dir: Path, **options: Any):  # type: ignore[no-untyped-def]
    def work(progress: Progress, cancel: threading.Event) -> Any:
        from ...training import train  # spaCy: imported only when training runs

        def report(p: Any) -> None:
            progress(p.step, p.max_steps or None)

        # The location, not a Project: train opens it read-only in this thread.
        return train(location, Path(out_dir), progress=report, cancel=cancel, **options)
    return work


def resuggest_work(location: str | Path, model_dir: str | Path):  # type: ignore[no-untyped-def]
    def work(progress: Progress, cancel: threading.Event) -> Any:
        from ...preannotate import run  # spaCy: imported only when the action runs

        project = Project.open(location)  # this thread's own connection
        try:
            return run(project, model=str(model_dir), only_todo=True, progress=progress, cancel=cancel)
        finally:
            project.close()
    return work


# ---------------------------------------------------------------------- dialogs
class TrainDialog(QDialog):
    """Which layer, where to, how long."""

    def __init__(self, layers: list[str], out_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainDialog")
        self.setWindowTitle("Train from accepted annotations")
        self.layer = QComboBox(objectName="trainLayer")
        for name in layers:
            self.layer.addItem(name, name)
        self.out_dir = QLineEdit(str(out_dir), objectName="trainOutDir")
        self.max_steps = QSpinBox(objectName="trainMaxSteps")
        self.max_steps.setRange(1, 100000)
        self.max_steps.setValue(1000)
        self.min_docs = QSpinBox(objectName="trainMinDocs")
        self.min_docs.setRange(FEWEST_DOCS, 100000)  # 1 was offered, and refused when training began
        self.min_docs.setValue(20)
        self.only_done = QCheckBox("only documents marked done", objectName="trainOnlyDone")
        self.only_done.setToolTip("Without it, a document still in progress teaches only the sentences its "
                                  "annotator has reviewed: a decision there and no suggestion pending.")
        form = QFormLayout()
        form.addRow("learn from layer", self.layer)
        form.addRow("model folder", self.out_dir)
        form.addRow("max. steps", self.max_steps)
        form.addRow("min. documents", self.min_docs)
        form.addRow("", self.only_done)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> tuple[Path, dict[str, Any]]:
        return Path(self.out_dir.text().strip()), {
            "layer": self.layer.currentData(), "max_steps": self.max_steps.value(),
            "min_docs": self.min_docs.value(), "only_done": self.only_done.isChecked()}


def text_box(lines: list[str], object_name: str) -> QPlainTextEdit:
    box = QPlainTextEdit(objectName=object_name)
    box.setReadOnly(True)
    box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    box.setPlainText("\n".join(lines))  # plain text: labels are user data
    return box


def report_lines(report: Any) -> list[str]:
    lines = [f"model: {report.model_dir}",
             (f"learned from layer {report.layer!r}: {report.train_docs} training and {report.dev_docs} "
              f"held-out documents, {report.steps} steps, {report.seconds:.0f} s"),
             "", "scores on the held-out documents (percent):", *report.score_lines()]
    if report.warnings:
        lines += ["", "warnings:", *(f"  {w}" for w in report.warnings)]
    return lines


class TrainResultDialog(QDialog):
    def __init__(self, report: Any, on_resuggest, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setObjectName("trainResult")
        self.setWindowTitle("Training finished")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.text = text_box(report_lines(report), "trainScores")
        self.resuggest_button = QPushButton("Re-suggest for documents to do", objectName="resuggestButton")
        self.resuggest_button.clicked.connect(lambda: (self.accept(), on_resuggest(report.model_dir)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.resuggest_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(640, 420)


# ---------------------------------------------------------------------- window glue
def ask_and_train(bench: Workbench) -> Any:
    dialog = TrainDialog(training_layers(bench.project, bench.annotator), default_out_dir(bench.project),
                         bench.parent)
    if return_focus_to(dialog, bench.parent).exec():
        out_dir, options = dialog.values()
        return start_training(bench, out_dir, **options)
    return None


def start_training(bench: Workbench, out_dir: str | Path, **options: Any):  # type: ignore[no-untyped-def]
    def done(report: Any) -> None:
        remember_model(bench.settings, bench.project, report.model_dir)
        bench.say(f"model trained: {report.model_dir}")
        result = TrainResultDialog(report, lambda model: start_resuggest(bench, model), bench.parent)
        return_focus_to(result, bench.parent)
        result.open()  # not exec(): never block the event loop

    return bench.run_task("Training", train_work(bench.project.location, Path(out_dir), **options), done)


def start_resuggest(bench: Workbench, model: str | Path | None = None):  # type: ignore[no-untyped-def]
    model = model or current_model(bench.settings, bench.project)
    if model is None:
        bench.error("no model yet: train one first (Model → Train from accepted annotations…)")
        return None
    if not Path(model).is_dir():
        bench.error(f"the model folder {model} is gone: train again")
        return None

    def done(report: Any) -> None:
        bench.reload()
        bench.say(f"new suggestions for {report.documents} document(s) to do from {Path(model).name}")

    return bench.run_task("Re-suggesting", resuggest_work(bench.project.location, model), done)
