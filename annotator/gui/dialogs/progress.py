"""View → Progress: per annotator done / in progress / to do, time, events per hour, and
what became of the model's suggestions per label (`store.team.progress`, as `annotator
progress` prints it).

A lead or adjudicator sees every annotator; an annotator sees only their own line (blind
mode is about layers, but a team's figures are the lead's business). The figures are
counted on a worker thread with its own read-only connection (the suggestion outcomes
read every seeded span), and shown as sortable tables (plain text cells) with a bar chart of
the share of documents done.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...store import Project
from ...store.team import SEES_ALL_ROLES, AnnotatorProgress, progress, role_of
from ..widgets.charts import BarChart


class _Item(QTableWidgetItem):
    """A plain-text cell that sorts by its key (numbers as numbers)."""

    def __init__(self, text: str, key: float | str) -> None:
        super().__init__(text)
        self.key = key
        self.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        if not isinstance(key, str):
            self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, _Item) and type(self.key) is type(other.key):
            return self.key < other.key  # type: ignore[operator]
        return super().__lt__(other)


def fill_table(table: QTableWidget, rows: list[list[tuple[str, float | str]]]) -> None:
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, (text, key) in enumerate(cells):
            table.setItem(r, c, _Item(text, key))
    table.setSortingEnabled(True)


def make_table(name: str, columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(columns))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # by name until a column is clicked
    return table


def duration(seconds: float) -> str:
    if 0 < seconds < 60:
        return f"{int(seconds)}s"  # a few seconds of work are not "0m"
    minutes = round(seconds / 60)
    return f"{minutes // 60}h{minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"


PROGRESS_COLUMNS = ("annotator", "assigned", "done", "in progress", "to do", "time", "events", "events/h")
SUGGESTION_COLUMNS = ("annotator", "label", "accepted", "edited", "rejected", "pending", "kept as is")


def progress_cells(r: AnnotatorProgress) -> list[tuple[str, float | str]]:
    """One table row: (shown text, sort key) per column."""
    rate = r.events_per_hour
    return [(r.name, r.name.lower()), (str(r.assigned), r.assigned), (str(r.done), r.done),
            (str(r.in_progress), r.in_progress), (str(r.todo), r.todo), (duration(r.seconds), r.seconds),
            (str(r.events), r.events), (f"{rate:.1f}" if rate is not None else "–", rate or 0.0)]


def suggestion_rows(rows: list[AnnotatorProgress]) -> list[list[tuple[str, float | str]]]:
    out = []
    for r in rows:
        for label, c in sorted(r.suggestions.items()):
            share = c.accepted / c.decided if c.decided else None
            out.append([(r.name, r.name.lower()), (label, label), (str(c.accepted), c.accepted),
                        (str(c.edited), c.edited), (str(c.rejected), c.rejected), (str(c.pending), c.pending),
                        (f"{100 * share:.0f}%" if share is not None else "–", share if share is not None else -1.0)])
    return out


def done_share(r: AnnotatorProgress) -> float | None:
    total = r.done + r.in_progress + r.todo
    return r.done / total if total else None


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
    done = Signal(object)  # (rows, text lines) or an error text


class ProgressDock(QDockWidget):
    def __init__(self, location: str | Path, annotator_of, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__("Progress", parent)
        self.setObjectName("progressDock")
        self.location = location  # a file or a server URL: the worker opens it on its own connection
        self.annotator_of = annotator_of  # callable: the window's current annotator
        self.table = make_table("progressTable", PROGRESS_COLUMNS)
        self.chart = BarChart()
        self.chart.setObjectName("progressChart")
        self.suggestions = make_table("suggestionTable", SUGGESTION_COLUMNS)
        self.note = QLabel("", objectName="progressNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.refresh_button = QPushButton("Refresh", objectName="progressRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        body = QWidget()
        layout = QVBoxLayout(body)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.refresh_button)
        layout.addLayout(row)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 2)
        chart_title = QLabel("share of documents done")
        left_layout.addWidget(chart_title)
        left_layout.addWidget(self.chart, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("what became of the model's suggestions, by the model's label"))
        right_layout.addWidget(self.suggestions)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.setWidget(body)
        self._counter = _Counter(self)
        self._counter.done.connect(self._show)
        self._running = False
        self._again = False
        self.rows: list[AnnotatorProgress] = []
        self.lines: list[str] = []  # the same figures as `annotator progress` prints them

    def refresh(self) -> None:
        if self._running:
            self._again = True  # asked while counting (live refresh): count once more after
            return
        self._running = True
        self.note.setText("counting…")
        annotator = self.annotator_of()
        counter = self._counter

        def work() -> None:
            try:
                with Project.open(self.location, readonly=True) as project:
                    rows = visible_progress(project, annotator)
                result: object = (rows, progress_lines(rows))
            except Exception as exc:  # noqa: BLE001 - shown in the pane, never a crash
                result = f"cannot count progress: {exc}"
            try:
                counter.done.emit(result)
            except RuntimeError:
                pass  # the window is gone

        threading.Thread(target=work, name="progress", daemon=True).start()

    def _show(self, result: object) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.refresh()
        if isinstance(result, str):
            self.rows, self.lines = [], [result]
            self.note.setText(result)
            return
        self.rows, self.lines = result  # type: ignore[misc]
        fill_table(self.table, [progress_cells(r) for r in self.rows])
        fill_table(self.suggestions, suggestion_rows(self.rows))
        self.chart.set_rows([(r.name, done_share(r), f"{r.done} done, {r.in_progress} in progress, "
                                                     f"{r.todo} to do · {duration(r.seconds)}")
                             for r in self.rows])
        self.note.setText(self.lines[0] if not self.rows else
                          "time counts while a document is open and the window active; click a column to sort")
