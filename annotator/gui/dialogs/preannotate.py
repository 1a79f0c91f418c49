"""Pre-annotation from the GUI: `annotator.preannotate.run` (rules, a trained model) or
`annotator.preannotate.llm.run_llm` (an LLM server, endpoint and model remembered per project)
in a worker thread.

The pre-annotation package is imported only when the action runs (spaCy is slow to
import and must never delay start-up); if it is not available the user is told so.
"""

from __future__ import annotations

import importlib
import threading
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QLineEdit, QRadioButton, QSpinBox, QVBoxLayout

from ...core.errors import AnnotatorError
from ...store import Project
from ..messages import return_focus_to
from .buttons import ok_cancel
from .task import Progress


def preannotate_runner() -> Callable[..., Any] | None:
    try:
        module = importlib.import_module("annotator.preannotate")
    except ImportError:
        return None
    runner = getattr(module, "run", None)
    return runner if callable(runner) else None


def preannotate_work(location: str | Path, doc_ids: list[int] | None = None,  # type: ignore[no-untyped-def]
                     only_todo: bool = False, only_new: bool = False):
    def work(progress: Progress, cancel: threading.Event) -> Any:
        runner = preannotate_runner()
        if runner is None:
            raise AnnotatorError("pre-annotation is not available in this installation",
                                 hint="the annotator.preannotate package has no run() yet")
        progress(0, None, "loading the pipeline (this takes a while the first time)…")
        project = Project.open(location)  # this thread's own connection
        try:
            which = {**({"only_todo": True} if only_todo else {}), **({"only_new": True} if only_new else {})}
            return runner(project, doc_ids=doc_ids, progress=progress, cancel=cancel, **which)
        finally:
            project.close()
    return work


# ---------------------------------------------------------------------- the dialog (rules or an LLM server)
def _llm_key(project: Project, what: str) -> str:
    return f"llm/{project.project_id or project.path.name}/{what}"


def remembered_llm(settings: Any, project: Project) -> tuple[str, str, int | None]:
    """The endpoint, model and reply timeout (seconds, None: the default) last used with this
    project (QSettings; never an API key)."""
    try:
        timeout = int(settings.value(_llm_key(project, "timeout"), 0) or 0) or None
    except (TypeError, ValueError):  # a settings file edited by hand
        timeout = None
    return (str(settings.value(_llm_key(project, "endpoint"), "") or ""),
            str(settings.value(_llm_key(project, "model"), "") or ""), timeout)


def remember_llm(settings: Any, project: Project, endpoint: str, model: str, timeout: int) -> None:
    settings.setValue(_llm_key(project, "endpoint"), endpoint)
    settings.setValue(_llm_key(project, "model"), model)
    settings.setValue(_llm_key(project, "timeout"), timeout)
    settings.sync()


def llm_work(location: str | Path, options: Any, only_todo: bool = False,  # type: ignore[no-untyped-def]
             only_new: bool = False):
    """`preannotate.llm.run_llm` in the worker thread, on its own connection."""
    def work(progress: Progress, cancel: threading.Event) -> Any:
        from ...preannotate.llm import run_llm

        project = Project.open(location)
        try:
            return run_llm(project, options, only_todo=only_todo, only_new=only_new, progress=progress,
                           cancel=cancel)
        finally:
            project.close()
    return work


SUMMARY_DOCUMENTS = 5  # failed documents the error line names; the rest are counted
SUMMARY_REASON_CHARS = 160  # of each reason (a server's message can be long)


def llm_summary(report: Any) -> tuple[str, str | None]:
    """The status line after an LLM run, and an error line naming failed documents (or None):
    the first SUMMARY_DOCUMENTS of them, then how many more (the line is one status-bar line; the
    command's report names every one)."""
    text = (f"{report.documents} of {report.total} documents pre-annotated with llm:{report.model}: "
            f"{report.events} events, {report.requests} requests, {report.cache_hits} chunks from the cache")
    if report.dropped:
        text += f", {sum(report.dropped.values())} suggestions dropped"
    problems = [f"{name}: {_shortened(reason)}" for _, name, reason in report.failed[:SUMMARY_DOCUMENTS]]
    more = len(report.failed) - SUMMARY_DOCUMENTS
    if more > 0:
        problems.append(f"and {more} more document{'s' if more > 1 else ''} failed")
    if report.stopped:
        problems.insert(0, f"stopped: {_shortened(report.stopped, 2 * SUMMARY_REASON_CHARS)}")
    return text, ("; ".join(problems) if problems else None)


def _shortened(reason: str, limit: int = SUMMARY_REASON_CHARS) -> str:
    reason = " ".join(str(reason).split())
    return reason if len(reason) <= limit else reason[:limit - 1] + "…"


class PreannotateDialog(QDialog):
    """Rules (and a trained model) or an LLM server; the endpoint and model come pre-filled."""

    def __init__(self, endpoint: str, model: str, timeout: int | None = None, parent: Any = None) -> None:
        from ...preannotate.llm.runner import DEFAULT_TIMEOUT

        super().__init__(parent)
        self.setObjectName("preannotateDialog")
        self.setWindowTitle("Pre-annotate documents")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.rules = QRadioButton("&Rules and lexicons (or the trained model)", objectName="preRules")
        self.llm = QRadioButton("&LLM server (OpenAI-compatible: Ollama, llama.cpp, vLLM)", objectName="preLlm")
        self.endpoint = QLineEdit(endpoint, objectName="llmEndpoint")
        self.endpoint.setPlaceholderText("http://localhost:11434/v1")
        self.model = QLineEdit(model, objectName="llmModel")
        self.model.setPlaceholderText("qwen2.5:7b-instruct")
        self.concurrency = QSpinBox(objectName="llmConcurrency")
        self.concurrency.setRange(1, 64)
        self.concurrency.setValue(2)
        # A slow local model on a CPU can take minutes per chunk; a reply longer than this fails the
        # document (tried again, then named in the report) instead of waiting for ever.
        self.timeout = QSpinBox(objectName="llmTimeout")
        self.timeout.setRange(1, 3600)
        self.timeout.setSuffix(" s")
        self.timeout.setValue(timeout or int(DEFAULT_TIMEOUT))
        self.refresh = QCheckBox("ask again even when the reply is cached", objectName="llmRefresh")
        self.only_todo = QCheckBox("skip documents a person marked done", objectName="preOnlyTodo")
        # After an import into a large project: the new documents only, not all of them again.
        self.only_new = QCheckBox("only documents never pre-annotated (new since the last run)",
                                  objectName="preOnlyNew")
        note = QLabel("An API key, if the server needs one, is read from the environment variable "
                      "ANNOTATOR_LLM_KEY; it is never stored.")
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        self.problem = QLabel("", objectName="preProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow("endpoint", self.endpoint)
        form.addRow("model", self.model)
        form.addRow("requests at once", self.concurrency)
        form.addRow("longest wait for a reply", self.timeout)
        form.addRow("", self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rules)
        layout.addWidget(self.llm)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.only_todo)
        layout.addWidget(self.only_new)
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self))
        self._llm_widgets = (self.endpoint, self.model, self.concurrency, self.timeout, self.refresh)
        self.llm.toggled.connect(self._follow_choice)
        (self.llm if endpoint and model else self.rules).setChecked(True)
        self._follow_choice()
        self.resize(520, 0)

    def _follow_choice(self) -> None:
        for widget in self._llm_widgets:
            widget.setEnabled(self.llm.isChecked())

    def accept(self) -> None:
        if self.llm.isChecked() and not (self.endpoint.text().strip() and self.model.text().strip()):
            self.problem.setText("give the server's endpoint and the model name")
            return
        super().accept()

    def llm_options(self) -> Any:
        """LlmOptions for the LLM, or None for the rules."""
        if not self.llm.isChecked():
            return None
        from ...preannotate.llm import LlmOptions

        return LlmOptions(url=self.endpoint.text().strip(), model=self.model.text().strip(),
                          concurrency=self.concurrency.value(), timeout=float(self.timeout.value()),
                          refresh=self.refresh.isChecked())


def ask_preannotate(settings: Any, project: Project, on_start: Callable[..., Any], parent: Any = None) -> Any:
    """Open the dialog (not modal: the event loop keeps running); OK calls
    `on_start(llm=LlmOptions or None, only_todo=bool, only_new=bool)` and remembers the LLM endpoint, model and
    timeout."""
    dialog = PreannotateDialog(*remembered_llm(settings, project), parent)

    def start() -> None:
        options = dialog.llm_options()
        if options is not None:
            remember_llm(settings, project, options.url, options.model, int(options.timeout))
        on_start(llm=options, only_todo=dialog.only_todo.isChecked(), only_new=dialog.only_new.isChecked())

    dialog.accepted.connect(start)
    # Esc or Cancel left no window active: every key was dead until a click
    return_focus_to(dialog, parent.window() if parent is not None else None)
    dialog.open()
    return dialog
