"""The agreement dashboard: pairwise matrix, per-label bars, confusion heatmap, disagreement list.

The report is `annotator.agreement.build_report` — the same numbers as `annotator agreement` —
computed in a worker thread (`MainWindow.run_task`: progress, Cancel) that opens its own
read-only Project. Double-clicking a disagreement opens `ComparisonDialog`: the two annotators'
layers of that document side by side, each scrolled to the place, what the annotator has there
selected (an event with its argument outlines) and the place outlined in orange.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...agreement.report import build_report
from ...store import Project
from ..plain import escaped
from ..widgets.charts import HEAT_ROLE, TONE_ROLE, BarChart, HeatDelegate
from ..messages import return_focus_to
from ..widgets.layer_view import LayerView, describe_version
from ..workbench import Workbench
from ...store.roles import annotators_with_work


Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole

STATISTICS = (  # matrix key, what the combo says
    ("entity_f1", "entity F1 (exact)"),
    ("entity_f1_overlap", "entity F1 (overlap)"),
    ("actor_code", "actor codes (same entities, same code)"),
    ("token_kappa", "token κ (BIO)"),
    ("trigger_f1", "trigger F1"),
    ("event_f1", "event F1 (trigger + type)"),
    ("event_full_f1", "full event F1 (+ mode, negation, context, arguments)"),
    ("negation", "negation (same events: happened or not)"),
)


def agreement_work(location: str | Path, include_all: bool = False) -> Callable[[Any, threading.Event], dict[str, Any]]:
    def work(progress, cancel: threading.Event) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        with Project.open(location, readonly=True) as p:  # its own connection: never the GUI's
            names = annotators_with_work(p)
            if len(names) < 2:
                return {"too_few": names}  # explained in the dashboard, not an error box
            total = p.count_documents()
            progress(0, total)
            report = build_report(p.iter_annotated(names), names, include_all=include_all,
                                  progress=lambda n: progress(n, total), cancel=cancel)
            titles: dict[int, str] = {}
            for record in report["disagreements"]:  # documents are named by title, not by id
                if record["doc_id"] not in titles:
                    doc = p.document(record["doc_id"])
                    titles[doc.id] = doc.title or doc.ext_id or f"document {doc.id}"
                record["title"] = titles[record["doc_id"]]
            return report
    return work


def _fmt(value: Any) -> str:
    return "—" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


# ---------------------------------------------------------------------- models
class MatrixModel(QAbstractTableModel):
    """Annotator × annotator, one statistic of `report["matrix"]`."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.table: dict[str, dict[str, Any]] = {}

    def set_data(self, names: list[str], table: dict[str, dict[str, Any]]) -> None:
        self.beginResetModel()
        self.names, self.table = names, table
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.names)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.names)

    def value(self, row: int, column: int) -> float | None:
        return self.table.get(self.names[row], {}).get(self.names[column])

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        if index.row() == index.column():
            return "·" if role == DISPLAY else None
        value = self.value(index.row(), index.column())
        if role == DISPLAY:
            return _fmt(value)
        if role == HEAT_ROLE:
            return value
        if role == TONE_ROLE:
            return "score"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if role == DISPLAY and 0 <= section < len(self.names):
            return self.names[section]
        return None


class ConfusionModel(QAbstractTableModel):
    """Rows: annotator a's label, columns: b's (∅ = nothing there); cells coloured by count."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[str] = []
        self.matrix: list[list[int]] = []
        self.top = 1

    def set_data(self, labels: list[str], matrix: list[list[int]]) -> None:
        self.beginResetModel()
        self.labels, self.matrix = labels, matrix
        off = [v for i, row in enumerate(matrix) for j, v in enumerate(row) if i != j]
        on = [row[i] for i, row in enumerate(matrix)]
        self.top_on, self.top_off = max(on, default=0) or 1, max(off, default=0) or 1
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.labels)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.labels)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        count = self.matrix[index.row()][index.column()]
        same = index.row() == index.column()
        if role == DISPLAY:
            return str(count) if count else "·"
        if role == HEAT_ROLE:
            return count / (self.top_on if same else self.top_off)
        if role == TONE_ROLE:
            return "good" if same else "bad"
        if role == Qt.ItemDataRole.ToolTipRole:
            return None  # labels come from the data: no rich-text tooltips
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if role == DISPLAY and 0 <= section < len(self.labels):
            return self.labels[section]
        return None


DISAGREEMENT_COLUMNS = ("document", "level", "what", "where", "a says", "b says")


class DisagreementModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[dict[str, Any]] = []

    def set_records(self, records: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.records = records
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(DISAGREEMENT_COLUMNS)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() >= 4:
            return escaped(self.data(index, DISPLAY))  # the whole version, escaped: never rich text
        if role != DISPLAY:
            return None
        r = self.records[index.row()]
        a, b = r["annotators"]
        column = index.column()
        if column == 0:
            return r.get("title") or r["ext_id"] or f"document {r['doc_id']}"
        if column == 1:
            return r["level"]
        if column == 2:
            return ", ".join(r["kinds"])
        if column == 3:
            return f"{r['start']}–{r['end']}"
        return f"{[a, b][column - 4]}: {describe_version(r['versions'][[a, b][column - 4]])}"

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal:
            return DISAGREEMENT_COLUMNS[section]
        return None


def _table(name: str, model: QAbstractTableModel, heat: bool) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if heat:
        view.setItemDelegate(HeatDelegate(view))
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return view


# ---------------------------------------------------------------------- dashboard
class AgreementDashboard(QDialog):
    def __init__(self, bench: Workbench) -> None:
        super().__init__(bench.parent)
        self.setObjectName("agreementDashboard")
        self.setWindowTitle("Agreement — annotator")
        self.bench = bench
        self.report: dict[str, Any] | None = None
        self.comparison: ComparisonDialog | None = None
        self.summary = QLabel("computing…")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("agreementSummary")
        self.summary.setWordWrap(True)
        self.include_all = QCheckBox("include documents not marked done by both")
        self.recompute_button = QPushButton("Recompute")
        self.recompute_button.clicked.connect(self.recompute)
        self.include_all.toggled.connect(lambda _: self.recompute())
        self.statistic = QComboBox()
        self.pair = QComboBox()
        self.pair.setObjectName("pairChoice")
        self.pair.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.pair.setMinimumContentsLength(12)
        self.bar_kind = QComboBox()
        self.bar_kind.addItems(["entity", "trigger"])
        self.confusion_kind = QComboBox()
        self.confusion_kind.addItems(["entity", "event"])
        self.matrix_model = MatrixModel()
        self.matrix_view = _table("agreementMatrix", self.matrix_model, True)
        self.bars = BarChart()
        self.confusion_model = ConfusionModel()
        self.confusion_view = _table("confusionHeatmap", self.confusion_model, True)
        self.disagreement_model = DisagreementModel()
        self.disagreement_view = _table("disagreementList", self.disagreement_model, False)
        self.disagreement_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.disagreement_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.disagreement_view.horizontalHeader()
        for column in range(len(DISAGREEMENT_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents if column < 4
                                        else QHeaderView.ResizeMode.Stretch)
        self.disagreement_view.setWordWrap(False)
        self.disagreement_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.disagreement_view.doubleClicked.connect(lambda index: self.open_disagreement(index.row()))
        self.disagreement_view.activated.connect(lambda index: self.open_disagreement(index.row()))
        self.disagreement_count = QLabel("")
        self.disagreement_count.setTextFormat(Qt.TextFormat.PlainText)
        self._layout()
        self.statistic.currentIndexChanged.connect(lambda _: self._show_matrix())
        self.pair.currentIndexChanged.connect(lambda _: self._show_pair())
        self.bar_kind.currentIndexChanged.connect(lambda _: self._show_pair())
        self.confusion_kind.currentIndexChanged.connect(lambda _: self._show_pair())
        self.resize(1240, 780)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.include_all)
        top.addWidget(self.recompute_button)
        top.addWidget(QLabel("pair:"))
        top.addWidget(self.pair)

        matrix_box = QGroupBox("Pairwise agreement")
        mb = QVBoxLayout(matrix_box)
        mb.addWidget(self.statistic)
        mb.addWidget(self.matrix_view)
        bars_box = QGroupBox("Per label F1 (exact match)")
        bb = QVBoxLayout(bars_box)
        bb.addWidget(self.bar_kind)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.bars)
        bb.addWidget(scroll)
        confusion_box = QGroupBox("Confusion (rows: a, columns: b; ∅ = nothing there)")
        cb = QVBoxLayout(confusion_box)
        cb.addWidget(self.confusion_kind)
        cb.addWidget(self.confusion_view)
        upper = QSplitter(Qt.Orientation.Horizontal)
        for box in (matrix_box, bars_box, confusion_box):
            upper.addWidget(box)
        upper.setSizes([300, 470, 440])  # the per-label counts beside the bars need room

        list_box = QGroupBox("Disagreements — double-click (or Enter) to see both versions in the document")
        lb = QVBoxLayout(list_box)
        lb.addWidget(self.disagreement_count)
        lb.addWidget(self.disagreement_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(list_box)
        splitter.setSizes([380, 360])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

    # ------------------------------------------------------------------ computing
    def recompute(self) -> None:
        self.summary.setText("computing…")
        self.recompute_button.setEnabled(False)

        def done(report: dict[str, Any]) -> None:
            self.show_report(report)

        task = self.bench.run_task("Computing agreement",
                                   agreement_work(self.bench.project.location, self.include_all.isChecked()),
                                   done, asked_from=self)
        task.finished_with.connect(lambda kind, value: self._task_ended(kind, value))

    def _task_ended(self, kind: str, value: Any) -> None:
        self.recompute_button.setEnabled(True)
        if kind != "ok":
            self.summary.setText(f"not computed: {value}" if value else f"not computed ({kind})")

    def explain_too_few(self, names: list[str]) -> None:
        """One annotator (or none) has work: say what agreement needs instead of opening empty."""
        who = f"only {names[0]} has" if len(names) == 1 else "nobody has"
        self.summary.setText(
            f"Agreement compares two annotators' work on the same documents, and {who} annotated "
            "anything yet. Give the documents to two people (annotator assign PROJECT --annotators "
            "NAME1,NAME2 --overlap 0.2), let both annotate and mark documents done, then open this "
            "dashboard again.")
        self.disagreement_count.setText("no pair of annotators yet")
        self.matrix_model.set_data([], {})
        self.confusion_model.set_data([], [])
        self.disagreement_model.set_records([])
        self.bars.set_rows([])

    def show_report(self, report: dict[str, Any]) -> None:
        if "too_few" in report:
            self.report = report
            self.explain_too_few(report["too_few"])
            return
        self.report = report
        docs = report["documents"]
        rule = "with a layer" if report["include_all"] else "marked done by both annotators of a pair"
        alpha = report.get("token_alpha") or {}
        text = (f"{docs['counted']} of {docs['seen']} documents counted ({rule}); "
                f"annotators: {', '.join(report['annotators'])}")
        if alpha.get("alpha") is not None:
            text += f"; token α = {alpha['alpha']:.3f}"
        self.summary.setText(text)
        keep_stat = self.statistic.currentData()
        self.statistic.blockSignals(True)
        self.statistic.clear()
        for key, label in STATISTICS:
            if key in report["matrix"]:
                self.statistic.addItem(label, key)
        at = self.statistic.findData(keep_stat)
        self.statistic.setCurrentIndex(max(at, 0))
        self.statistic.blockSignals(False)
        self.pair.blockSignals(True)
        self.pair.clear()
        for pair in report["pairs"]:
            self.pair.addItem(f"{pair['a']} / {pair['b']}", (pair["a"], pair["b"]))
        self.pair.blockSignals(False)
        self._show_matrix()
        self._show_pair()

    def _show_matrix(self) -> None:
        if self.report is None or "too_few" in self.report:
            return
        key = self.statistic.currentData()
        self.matrix_model.set_data(self.report["annotators"], self.report["matrix"].get(key, {}))

    def current_pair(self) -> tuple[str, str] | None:
        data = self.pair.currentData()
        return tuple(data) if data else None  # type: ignore[return-value]

    def _show_pair(self) -> None:
        if self.report is None or "too_few" in self.report:
            return
        pair = self.current_pair()
        item = next((p for p in self.report["pairs"] if pair and (p["a"], p["b"]) == pair), None)
        rows: list[tuple[str, float | None, str]] = []
        if item is not None and "span" in item:
            labels = item["span"][self.bar_kind.currentText()]["exact"]["labels"]
            for label, s in sorted(labels.items()):
                rows.append((label, s["f1"], f"{s['tp']} agreed, {s['fn']} / {s['fp']} only "
                                             f"{item['a']} / {item['b']}"))
        self.bars.set_rows(rows)
        confusion = next((c for c in self.report["confusion"].get(self.confusion_kind.currentText(), [])
                          if pair and (c["a"], c["b"]) == pair), None)
        self.confusion_model.set_data(confusion["labels"] if confusion else [],
                                      confusion["matrix"] if confusion else [])
        records = [r for r in self.report["disagreements"] if pair and tuple(r["annotators"]) == pair]
        self.disagreement_model.set_records(records)
        self.disagreement_count.setText(f"{len(records)} disagreement(s) between "
                                        f"{pair[0]} and {pair[1]}" if pair else "no pair")

    # ------------------------------------------------------------------ opening a disagreement
    def open_disagreement(self, row: int) -> "ComparisonDialog | None":
        if not 0 <= row < len(self.disagreement_model.records):
            return None
        record = self.disagreement_model.records[row]
        if self.comparison is None:
            self.comparison = ComparisonDialog(self.bench, self)
        self.comparison.show_record(record)
        self.comparison.show()
        self.comparison.raise_()
        self.comparison.activateWindow()
        return self.comparison


class ComparisonDialog(QDialog):
    """Both annotators' layers of one document side by side, at one disagreement."""

    def __init__(self, bench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disagreementView")
        self.bench = bench
        self.record: dict[str, Any] | None = None
        self.heading = QLabel("")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.heading.setObjectName("disagreementHeading")
        self.sides: list[LayerView] = []
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.workbench_button = QPushButton("Show in the workbench")
        self.workbench_button.clicked.connect(self.show_in_workbench)
        self.adjudicate_button = QPushButton("Adjudicate this document…")
        self.adjudicate_button.clicked.connect(self.adjudicate)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.workbench_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.adjudicate_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(buttons)
        self.resize(1180, 640)

    def show_record(self, record: dict[str, Any]) -> None:
        self.record = record
        a, b = record["annotators"]
        project = self.bench.project
        while len(self.sides) < 2:
            side = LayerView(project, "", parent=self)
            self.sides.append(side)
            self.splitter.addWidget(side)
        doc = project.document(record["doc_id"])
        self.setWindowTitle(f"{doc.title or doc.ext_id or doc.id}: {a} vs {b} — annotator")
        self.heading.setText(f"Document {doc.id} {doc.ext_id or ''} “{doc.title or ''}” — {record['level']} "
                             f"disagreement ({', '.join(record['kinds'])}) at {record['start']}–{record['end']}")
        for side, name in zip(self.sides, (a, b)):
            side.session.annotator = name
            side.setObjectName(f"layerView_{name}")
            side.session.open(record["doc_id"])
            side.set_title(f"{name} ({side.session.layer.state.replace('_', ' ')})")
            version = record["versions"].get(name)
            side.note.setText(f"{name}: {describe_version(version)}")
            label = (version.get("type") or version.get("label")) if version else None
            at = (version["start"], version["end"]) if version else (record["start"], record["end"])
            side.show_place(*at, record["level"], label, focus=(record["start"], record["end"]))

    def show_in_workbench(self) -> None:
        if self.record is None:
            return
        self.bench.show_place(self.record["doc_id"], self.record["start"], self.record["end"])

    def adjudicate(self) -> None:
        if self.record is None:
            return
        from .adjudication import open_adjudication

        a, b = self.record["annotators"]
        open_adjudication(self.bench, self.record["doc_id"], a, b, at=(self.record["start"], self.record["end"]))


def open_dashboard(bench: Workbench) -> AgreementDashboard:
    """Show the window's dashboard (one per window) and compute the report afresh."""
    dashboard = bench.parent.findChild(AgreementDashboard)
    if dashboard is None:
        dashboard = AgreementDashboard(bench)
        return_focus_to(dashboard, bench.parent)
    dashboard.show()
    dashboard.raise_()
    dashboard.activateWindow()
    dashboard.recompute()
    return dashboard
