"""Small charts drawn with QPainter (no plotting library): horizontal bars and a heat-cell delegate.

Every string drawn here is plain text (QPainter.drawText never interprets markup)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ..plain import escaped

HEAT_ROLE = Qt.ItemDataRole.UserRole + 1  # float 0..1: how strongly to colour the cell
TONE_ROLE = Qt.ItemDataRole.UserRole + 2  # "good" (green scale) or "bad" (red scale)


def score_color(value: float | None) -> QColor:
    """Red (0) → amber (0.5) → green (1); grey when undefined."""
    if value is None:
        return QColor("#e0e0e0")
    value = max(0.0, min(1.0, value))
    hue = int(120 * value)  # HSV hue: 0 red, 60 yellow, 120 green
    return QColor.fromHsv(hue, 150, 235)


class HeatDelegate(QStyledItemDelegate):
    """Fills a cell by its HEAT_ROLE value (0..1) in the TONE_ROLE scale, then the text on top."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        heat = index.data(HEAT_ROLE)
        if heat is None:
            super().paint(painter, option, index)
            return
        tone = index.data(TONE_ROLE) or "good"
        painter.save()
        if tone == "score":
            fill = score_color(float(heat))
        else:
            base = QColor("#2e7d32") if tone == "good" else QColor("#c62828")
            fill = QColor(base)
            fill.setAlpha(int(25 + 200 * max(0.0, min(1.0, float(heat)))) if heat > 0 else 0)
        painter.fillRect(option.rect, fill)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(option.palette.highlight().color())
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
        dark = tone != "score" and heat > 0.55
        painter.setPen(QColor("#ffffff") if dark else QColor("#111111"))
        text = index.data(Qt.ItemDataRole.DisplayRole)
        painter.drawText(option.rect, int(Qt.AlignmentFlag.AlignCenter), "" if text is None else str(text))
        painter.restore()


class BarChart(QWidget):
    """Labelled horizontal bars of values in 0..1 (e.g. F1 per label), with a note per bar."""

    ROW = 22

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("barChart")
        self.rows: list[tuple[str, float | None, str]] = []  # label, value, note (e.g. "n=12")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_rows(self, rows: list[tuple[str, float | None, str]]) -> None:
        self.rows = list(rows)
        self.setMinimumHeight(max(40, self.ROW * len(self.rows) + 8))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        metrics = self.fontMetrics()
        widths = [metrics.horizontalAdvance(r[0]) + metrics.horizontalAdvance(r[2]) for r in self.rows]
        return QSize(max([320, *(w + 220 for w in widths)]), max(40, self.ROW * len(self.rows) + 8))

    def tooltip_for_row(self, row: int) -> str:
        label, value, note = self.rows[row]
        return f"{label}: {'—' if value is None else f'{value:.3f}'}  {note}"

    def event(self, event) -> bool:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent
        from PySide6.QtWidgets import QToolTip

        if event.type() == QEvent.Type.ToolTip:
            row = (event.pos().y() - 4) // self.ROW
            if 0 <= row < len(self.rows):  # the whole note, even where the bar left it no room
                QToolTip.showText(event.globalPos(), escaped(self.tooltip_for_row(row)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        if not self.rows:
            painter.setPen(QColor("#757575"))
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), "nothing to show")
            return
        label_w = min(max(metrics.horizontalAdvance(r[0]) for r in self.rows) + 10, self.width() // 4)
        value_w = metrics.horizontalAdvance("0.000") + 12
        rest = max(40, self.width() - label_w - value_w - 6)
        # The notes (counts) are read more than the bars are measured: give them the width they
        # need, and the bar what is left (at least a fifth).
        note_need = max(metrics.horizontalAdvance(r[2]) for r in self.rows) + 8
        bar_w = max(30, int(rest / 5), rest - note_need - 6)
        note_w = max(0, rest - bar_w - 6)
        for i, (label, value, note) in enumerate(self.rows):
            top = 4 + i * self.ROW
            middle = int(Qt.AlignmentFlag.AlignVCenter)
            painter.setPen(QColor("#212121"))
            painter.drawText(QRect(0, top, label_w - 6, self.ROW), int(Qt.AlignmentFlag.AlignRight) | middle,
                             metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 6))
            track = QRect(label_w, top + 4, bar_w, self.ROW - 8)
            painter.fillRect(track, QColor("#eeeeee"))
            if value is not None:
                filled = QRect(track.left(), track.top(), int(bar_w * max(0.0, min(1.0, value))), track.height())
                painter.fillRect(filled, score_color(value))
            painter.setPen(QColor("#212121"))
            shown = "—" if value is None else f"{value:.3f}"
            x = label_w + bar_w + 6
            painter.drawText(QRect(x, top, value_w, self.ROW), int(Qt.AlignmentFlag.AlignLeft) | middle, shown)
            painter.setPen(QColor("#616161"))
            painter.drawText(QRect(x + value_w, top, note_w, self.ROW), int(Qt.AlignmentFlag.AlignLeft) | middle,
                             metrics.elidedText(note, Qt.TextElideMode.ElideRight, note_w))
        painter.end()
