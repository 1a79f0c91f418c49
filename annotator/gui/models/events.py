"""The events of the open document, in text order, for the events list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ..session import Session
from ..tooltips import quote

Index = QModelIndex | QPersistentModelIndex


class EventListModel(QAbstractListModel):
    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.events = session.sorted_events()
        session.loaded.connect(self.refresh)
        session.changed.connect(lambda change: self.refresh())

    def refresh(self) -> None:
        self.beginResetModel()
        self.events = self.session.sorted_events()
        self.endResetModel()

    def row_of(self, event_id: int | None) -> int | None:
        return next((i for i, e in enumerate(self.events) if e.id == event_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.events)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.events):
            return None
        event = self.events[index.row()]
        s = self.session
        if role == Qt.ItemDataRole.DisplayRole:
            roles = ", ".join(f"{a.role}={quote(s.span_text(a.span_id))}" for a in event.arguments)
            mode = f"/{event.mode}" if event.mode else ""
            status = "" if event.status == "accepted" else f" [{event.status}]"
            negated = "NOT " if event.negated else ""
            context = f" ({event.context})" if event.context else ""
            return (f"{negated}{event.type}{mode}{context} {quote(s.span_text(event.trigger))}{status}"
                    + (f"  {roles}" if roles else ""))
        if role == Qt.ItemDataRole.ForegroundRole:
            if event.status == "rejected":
                return QColor("#9e9e9e")
            if event.status == "suggested":
                return QColor("#616161")
        if role == Qt.ItemDataRole.UserRole:
            return event.id
        return None
