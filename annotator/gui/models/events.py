"""The events of the open document as a table (type, trigger, source, target, status), in
text order; the view sorts it by any column through a proxy."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...core.model import Event
from ..names import readable
from ..plain import escaped
from ..session import Session
from ..tooltips import quote

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("type", "trigger", "source", "target", "status")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class EventListModel(QAbstractTableModel):
    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.events = session.sorted_events()
        session.loaded.connect(self.refresh)
        session.changed.connect(self._changed)

    def _changed(self, change: Any) -> None:
        """Rebuild the rows only when an edit can change them: it touched an event, or the span
        of a trigger or argument (its text is a cell). Labelling a word in a long article
        otherwise rebuilt every row each time (half the time of a keypress on 5,000 spans)."""
        if change.events:
            self.refresh()
            return
        shown = {i for e in self.events for i in (e.trigger, *(a.span_id for a in e.arguments))}
        if any(span.id in shown for span in (*change.before, *change.after)):
            self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.events = self.session.sorted_events()
        self.endResetModel()

    def row_of(self, event_id: int | None) -> int | None:
        return next((i for i, e in enumerate(self.events) if e.id == event_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def type_text(self, event: Event) -> str:
        mode = f"/{event.mode}" if event.mode else ""
        return f"{'NOT ' if event.negated else ''}{event.type}{mode}"

    def _fillers(self, event: Event, role: str) -> str:
        return ", ".join(self.session.span_text(i) for i in event.spans_in_role(role))

    def cell(self, event: Event, column: str) -> str:
        if column == "type":
            return self.type_text(event)
        if column == "trigger":
            return self.session.span_text(event.trigger)
        if column in ("source", "target"):
            return self._fillers(event, column)
        return event.status

    def describe(self, event: Event) -> str:
        """The whole event in one text (the row's tooltip)."""
        s = self.session
        parts = [f"{self.type_text(event)} {quote(s.span_text(event.trigger))} ({event.status}, from {event.origin})"]
        if event.context:
            parts.append(f"context: {readable(event.context)}")
        parts += [f"{a.role}: {quote(s.span_text(a.span_id))}" for a in event.arguments]
        return "\n".join(parts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.events):
            return None
        event = self.events[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(event, column)
        if role == SORT_ROLE:
            if column == "trigger":  # text order, not alphabetical
                trigger = self.session.layer.spans.get(event.trigger)
                return trigger.start if trigger else -1
            return self.cell(event, column).lower()
        if role == Qt.ItemDataRole.ToolTipRole:
            return escaped(self.describe(event))
        if role == Qt.ItemDataRole.ForegroundRole:
            if event.status == "rejected":
                return QColor("#9e9e9e")
            if event.status == "suggested":
                return QColor("#616161")
        if role == Qt.ItemDataRole.FontRole and event.status == "suggested":
            from PySide6.QtGui import QFont

            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return event.id
        return None
