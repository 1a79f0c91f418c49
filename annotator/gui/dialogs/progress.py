"""View → Progress: per annotator done / in progress / to do, time, events per hour, and
what became of the model's suggestions per label (`store.team.progress`, as `annotator
progress` prints it).

A lead or adjudicator sees every annotator; an annotator sees only their own line (blind
mode is about layers, but a team's figures are the lead's business). The figures are
counted on a worker thread with its own read-only connection (the suggestion outcomes
read every seeded span), and shown as plain text.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...store import Project
from ...store.team import SEES_ALL_ROLES, AnnotatorProgress, progress, role_of


def duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60}h{minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"


def progress_lines(rows: list[AnnotatorProgress]) -> list[str]:
    """The progress table and the suggestion outcomes as aligned text lines."""
    if not rows:
        return ["nobody has documents yet (the lead assigns them: annotator assign PROJECT --annotators …)"]
    header = (f"{'annotator':<14} {'assigned':>8} {'done':>6} {'in prog.':>8} {'to do':>6} {'time':>8} "
              f"{'events':>7} {'events/h':>8}")
    lines = [header]
    for r in rows:
        rate = f"{r.events_per_hour:.1f}" if r.events_per_hour is not None else "–"
        lines.append(f"{r.name:<14} {r.assigned:>8} {r.done:>6} {r.in_progress:>8} {r.todo:>6} "
                     f"{duration(r.seconds):>8} {r.events:>7} {rate:>8}")
    if any(r.suggestions for r in rows):
        lines += ["", "model suggestions: accepted / edited / rejected (pending), by the model's label"]
        for r in rows:
            for label, c in sorted(r.suggestions.items()):
                share = f"{100 * c.accepted / c.decided:.0f}% kept as is" if c.decided else ""
                lines.append(f"  {r.name:<14} {label:<16} {c.accepted:>5} / {c.edited:>5} / {c.rejected:>5} "
                             f"({c.pending} pending)  {share}")
    return lines


def visible_progress(project: Project, annotator: str) -> list[AnnotatorProgress]:
    if role_of(project, annotator) in SEES_ALL_ROLES:
        return progress(project)
    return progress(project, [annotator])


class _Counter(QObject):
    done = Signal(object)  # list of lines


class ProgressDock(QDockWidget):
    def __init__(self, db_path: Path, annotator_of, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__("Progress", parent)
        self.setObjectName("progressDock")
        self.db_path = Path(db_path)
        self.annotator_of = annotator_of  # callable: the window's current annotator
        self.text = QPlainTextEdit(objectName="progressText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.note = QLabel("", objectName="progressNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.refresh_button = QPushButton("Refresh", objectName="progressRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        body = QWidget()
        layout = QVBoxLayout(body)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.refresh_button)
        layout.addLayout(row)
        layout.addWidget(self.text)
        self.setWidget(body)
        self._counter = _Counter(self)
        self._counter.done.connect(self._show)
        self._running = False
        self.lines: list[str] = []

    def refresh(self) -> None:
        if self._running:
            return
        self._running = True
        self.note.setText("counting…")
        annotator = self.annotator_of()
        counter = self._counter

        def work() -> None:
            try:
                with Project.open(self.db_path, readonly=True) as project:
                    lines = progress_lines(visible_progress(project, annotator))
            except Exception as exc:  # noqa: BLE001 - shown in the pane, never a crash
                lines = [f"cannot count progress: {exc}"]
            try:
                counter.done.emit(lines)
            except RuntimeError:
                pass  # the window is gone

        threading.Thread(target=work, name="progress", daemon=True).start()

    def _show(self, lines: list[str]) -> None:
        self._running = False
        self.lines = lines
        self.text.setPlainText("\n".join(lines))
        self.note.setText("time counts while a document is open and the window active")
