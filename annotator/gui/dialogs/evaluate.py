"""Model → Model quality…: per-label precision / recall / F1 of one layer against another
(by default the model's suggestions against gold), as `annotator evaluate` prints it.

Counted on a worker thread (the window's `run_task`, passed in a `Workbench`; own read-only
connection) over the documents `agreement.evaluate.Scope` admits, as `annotator evaluate` does: a
person's layer (gold too) by what it accepted, where it holds decisions; the summary says how many
documents were left out and why, and how many scored ones are not marked done. The layers offered follow blind mode: an annotator can compare
only the layers they may see, and gold.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.model import GOLD, MODEL
from ...store import Project
from ...store.team import visible_layers
from ..messages import return_focus_to
from ..plain import plain_label
from ..widgets.charts import BarChart
from ..workbench import Workbench
from .progress import fill_table, make_table
from .task import Progress

PARTS = ("entities", "triggers", "arguments")


def quality_work(location: str | Path, layer: str, against: str, match: str = "exact"):  # type: ignore[no-untyped-def]
    def work(progress: Progress, cancel: threading.Event) -> dict[str, Any]:
        from ...agreement.evaluate import Scope, evaluate
        from ...agreement.suggesters import evaluate_by_suggester, suggester_of
        from ...core.errors import Cancelled

        compared: list = []  # the pairs again, for the comparison by suggester (model layer only)
        scope = Scope(layer, against)

        with Project.open(location, readonly=True) as project:
            def pairs():  # type: ignore[no-untyped-def]
                for n, doc in enumerate(project.iter_annotated([layer, against])):
                    if cancel.is_set():
                        raise Cancelled()
                    progress(n + 1)
                    found = scope.scored(doc.document.text, doc.layer(layer), doc.layer(against))
                    if found is None:
                        continue
                    predicted, reference = found.layers()
                    if layer == MODEL:  # credited to who suggested in the whole document
                        compared.append((suggester_of(found.predicted), predicted, reference))
                    yield predicted, reference

            result = evaluate(pairs(), match=match)
        return {"layer": layer, "against": against, **result, **scope.to_dict(),
                "scored": scope.rule(), "notes": [*scope.notes(), *filter(None, [scope.in_progress_note()])],
                "by_suggester": evaluate_by_suggester(compared, match=match)}
    return work


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def quality_summary(result: dict[str, Any]) -> str:
    """The line above the tables: what was compared, and why there is nothing when there is not."""
    line = (f"{result['layer']} against {result['against']}: {result['documents']} document(s), "
            f"{result['match']} match")
    if result.get("scored"):
        line += f"; scored: {result['scored']}"
    for note in result.get("notes", []):
        line += f"\n{note}"
    if not result["documents"]:
        line += "\nno document to score: nothing to compare with"
    return line


SUGGESTER_COLUMNS = ("suggester", "documents", *(f"{part} P / R / F1 %" for part in PARTS))


def suggester_rows(by_suggester: dict[str, Any]) -> list[list[tuple[str, float | str]]]:
    """One table row per suggester of the model layer (attrs.suggester): documents, then
    P / R / F1 of each part, sorted by F1."""
    out = []
    for name, r in by_suggester.items():
        cells: list[tuple[str, float | str]] = [(name, name.lower()), (str(r["documents"]), r["documents"])]
        for part in PARTS:
            o = r[part]["overall"]
            cells.append((f"{_fmt(o['precision'])} / {_fmt(o['recall'])} / {_fmt(o['f1'])}",
                          -1.0 if o["f1"] is None else o["f1"]))
        out.append(cells)
    return out


def quality_choices(project: Project, annotator: str) -> list[str]:
    """Layers this person may compare (blind mode: their own, the model's, gold)."""
    return list(dict.fromkeys([MODEL, GOLD, *visible_layers(project, annotator)]))


QUALITY_COLUMNS = ("label", "tp", "fp", "fn", "precision %", "recall %", "F1 %")


def quality_rows(result: dict[str, Any], part: str) -> list[list[tuple[str, float | str]]]:
    """One table row per label of `part` (and "(all)"): (shown text, sort key) per column."""
    if not result["documents"]:
        return []
    rows = [*sorted(result[part]["labels"].items()), ("(all)", result[part]["overall"])]
    out = []
    for label, s in rows:
        cells: list[tuple[str, float | str]] = [(label, label.lower() if label != "(all)" else "~")]
        cells += [(str(s[k]), s[k]) for k in ("tp", "fp", "fn")]
        cells += [(_fmt(s[k]), -1.0 if s[k] is None else s[k]) for k in ("precision", "recall", "f1")]
        out.append(cells)
    return out


class QualityDialog(QDialog):
    """The result as a table per part with an F1 chart, and two choosers to compare other layers
    (runs `on_run(layer, against)`)."""

    def __init__(self, choices: list[str], result: dict[str, Any], on_run,  # type: ignore[no-untyped-def]
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qualityDialog")
        self.setWindowTitle(f"Model quality: {result['layer']} against {result['against']} — annotator")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.result = result
        self.layer = QComboBox(objectName="qualityLayer")
        self.against = QComboBox(objectName="qualityAgainst")
        for box, value in ((self.layer, result["layer"]), (self.against, result["against"])):
            for name in choices:
                box.addItem(name, name)
            box.setCurrentIndex(max(0, box.findData(value)))
        again = QPushButton("Compare", objectName="qualityRun")
        again.clicked.connect(lambda: (self.accept(), on_run(self.layer.currentData(), self.against.currentData())))
        row = QHBoxLayout()
        row.addWidget(self.layer)
        against = QLabel("against")
        against.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(against)
        row.addWidget(self.against)
        row.addWidget(again)
        row.addStretch(1)
        self.summary = plain_label("qualitySummary")
        self.summary.setText(quality_summary(result))
        self.part = QComboBox(objectName="qualityPart")
        self.part.addItems(PARTS)
        self.table = make_table("qualityTable", QUALITY_COLUMNS)
        self.chart = BarChart()
        self.chart.setObjectName("qualityChart")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(QLabel("F1 per label"))
        chart_layout.addWidget(self.chart)
        chart_layout.addStretch(1)
        split.addWidget(chart_box)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.part)
        layout.addWidget(split, 1)
        by_suggester = result.get("by_suggester") or {}
        if by_suggester:  # who made the model layer's suggestions: rules, a model, an LLM ...
            layout.addWidget(QLabel("By suggester (who made the model layer's suggestions)"))
            self.suggesters = make_table("qualitySuggesters", SUGGESTER_COLUMNS)
            fill_table(self.suggesters, suggester_rows(by_suggester))
            self.suggesters.setMaximumHeight(40 + 24 * len(by_suggester))
            layout.addWidget(self.suggesters)
        layout.addWidget(buttons)
        self.part.currentIndexChanged.connect(lambda _: self.show_part())
        self.show_part()
        self.resize(900, 560)

    def show_part(self) -> None:
        part = self.part.currentText()
        fill_table(self.table, quality_rows(self.result, part))
        labels = sorted(self.result[part]["labels"].items()) if self.result["documents"] else []
        self.chart.set_rows([(label, s["f1"], f"tp {s['tp']} · fp {s['fp']} · fn {s['fn']}") for label, s in labels])


def start_quality(bench: Workbench, layer: str = MODEL, against: str = GOLD):  # type: ignore[no-untyped-def]
    choices = quality_choices(bench.project, bench.annotator)
    if layer not in choices or against not in choices:
        bench.error(f"you cannot compare {layer} with {against} (blind annotation)")
        return None

    def done(result: dict[str, Any]) -> None:
        dialog = QualityDialog(choices, result, lambda a, b: start_quality(bench, a, b), bench.parent)
        return_focus_to(dialog, bench.parent)
        dialog.open()

    return bench.run_task("Comparing layers", quality_work(bench.project.location, layer, against), done)
