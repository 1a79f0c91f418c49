"""Lazy document list: rows are fetched a page at a time (canFetchMore/fetchMore), so a
100k-document project opens at once. Never holds document texts."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...store import DocumentRow, Project
from ..plain import escaped

COLUMNS = ("id", "title", "state", "left", "others", "gold")
TEAM_COLUMNS = (4, 5)  # others' progress and the gold state: hidden for an annotator working blind
GOLD_MARK = {"done": "✓", "in_progress": "…", "skipped": "–"}
DONE_LOOK = {Qt.ItemDataRole.ForegroundRole: lambda: QBrush(QColor("#2e6b34")),
             Qt.ItemDataRole.BackgroundRole: lambda: QBrush(QColor("#e8f3e8"))}
STATE_TEXT = {"todo": "to do", "in_progress": "in progress", "done": "done", "skipped": "skipped"}
Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(QAbstractTableModel):
    PAGE = 200

    def __init__(self, project: Project, annotator: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.project = project
        self.annotator = annotator
        self.state: str | None = None
        self.search: str | None = None
        self.rows: list[DocumentRow] = []
        self.total = 0
        self.generation = 0  # bumped by every change made here: a live fetch begun before it is stale
        self.refresh()

    # ------------------------------------------------------------------ filtering
    def set_filter(self, state: str | None = None, search: str | None = None) -> None:
        self.state = state or None
        self.search = (search or "").strip() or None
        self.refresh()

    def refresh(self) -> None:
        self.generation += 1
        self.beginResetModel()
        self.total = self.project.count_documents(annotator=self.annotator, state=self.state, search=self.search)
        self.rows = self._rows(0, self.PAGE)
        self.endResetModel()

    def _rows(self, offset: int, limit: int) -> list[DocumentRow]:
        return self.project.documents(offset, limit, annotator=self.annotator, state=self.state,
                                      search=self.search)

    def update_row(self, doc_id: int, state: str, suggestions: int) -> None:
        """The open document changed: show its new state and count without a query (keeps a
        keypress cheap); a document that leaves the state filter, or enters it from outside the
        list (accepting a suggestion under "in progress", Ctrl+D under "done"), makes it reload."""
        row = self.row_of(doc_id)
        if row is None:
            # Not listed though in the filter's state: it has just entered it -- unless the list is
            # not all loaded yet (it may be further down, and reloading at every key jumped the
            # list back to the top).
            if self.state is not None and state == self.state and len(self.rows) >= self.total:
                self.refresh()
            return
        if self.state is not None and state != self.state:
            self.refresh()
            return
        old = self.rows[row]
        if (old.state, old.suggestions) != (state, suggestions):
            self.generation += 1
            self.rows[row] = replace(old, state=state, suggestions=suggestions)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))  # done looks done

    def fetch_request(self) -> tuple[int, dict[str, Any]]:
        """What a live refresh reads again (on a worker thread: `count_documents` with `filters`,
        `documents(0, limit, **filters)`): the rows shown, at least one page."""
        filters = {"annotator": self.annotator, "state": self.state, "search": self.search}
        return self.generation, {"filters": filters, "limit": max(len(self.rows), self.PAGE)}

    def apply_fetched(self, generation: int, limit: int, total: int, fresh: list[DocumentRow]) -> bool | None:
        """Show rows read again by a live refresh. When the same documents are listed in the same
        order, changed rows are updated in place and new ones appended (the view keeps its
        selection and scroll position): False; when the list itself changed (a document left the
        state filter), the model is reset: True. None: the list changed here since the request
        (a filter, an edit): the rows are stale and nothing is done."""
        if generation != self.generation:
            return None
        old = self.rows
        overlap = min(len(old), len(fresh))
        complete = len(fresh) < limit  # else rows fetched here meanwhile (scrolling) stay as they are
        if [r.id for r in fresh[:overlap]] != [r.id for r in old[:overlap]] or (complete and len(old) > len(fresh)):
            self.generation += 1
            self.beginResetModel()
            self.rows, self.total = fresh, total
            self.endResetModel()
            return True
        for row in range(overlap):
            if old[row] != fresh[row]:
                old[row] = fresh[row]
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        if len(fresh) > len(old):
            self.beginInsertRows(QModelIndex(), len(old), len(fresh) - 1)
            old.extend(fresh[len(old):])
            self.endInsertRows()
        self.total = max(total, len(old))
        return False

    # ------------------------------------------------------------------ lazy loading
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if not parent.isValid():
            self._append_rows(self.PAGE)

    def fetch_all(self) -> None:
        """Every row still unloaded, in one query (page by page, reaching the end of a
        20,000-document list held the GUI 2.5 s)."""
        if len(self.rows) < self.total:
            self._append_rows(self.total - len(self.rows))

    def _append_rows(self, limit: int) -> None:
        more = self._rows(len(self.rows), limit)
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    # ------------------------------------------------------------------ lookups
    def row_of(self, doc_id: int) -> int | None:
        for i, row in enumerate(self.rows):
            if row.id == doc_id:
                return i
        return None

    def doc_id(self, row: int) -> int | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def neighbour(self, doc_id: int | None, step: int) -> int | None:
        """The document `step` rows away in the current list (fetching pages as needed)."""
        row = self.row_of(doc_id) if doc_id is not None else None
        if row is None:
            # Not in the list (filtered out): the first listed one after/before it by id.
            while self.canFetchMore() and (not self.rows or doc_id is None or self.rows[-1].id <= doc_id):
                self.fetchMore()
            ids = [r.id for r in self.rows]
            if doc_id is None:
                return ids[0] if ids else None
            after = [i for i in ids if (i > doc_id if step > 0 else i < doc_id)]
            return (after[0] if step > 0 else after[-1]) if after else None
        target = row + step
        while target >= len(self.rows) and self.canFetchMore():
            self.fetchMore()
        return self.doc_id(target)

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "id":
                return str(row.id)
            if column == "title":
                return row.title or row.ext_id or ""
            if column == "state":
                return ("✓ " if row.state == "done" else "") + STATE_TEXT.get(row.state, row.state)
            if column == "others":
                return str(row.others_done) if row.others_done else ""
            if column == "gold":
                return GOLD_MARK.get(row.gold_state or "", "")
            return str(row.suggestions)
        if row.state == "done" and role in DONE_LOOK:
            return DONE_LOOK[role]()  # a done document looks done: green, struck-out title
        if role == Qt.ItemDataRole.FontRole and column == "title" and row.state == "done":
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == "gold" and row.gold_state:
            return f"gold: {STATE_TEXT.get(row.gold_state, row.gold_state)}"
        if role == Qt.ItemDataRole.ToolTipRole and column == "title":
            # Qt would render a title such as "<b>…" as rich text: escape it.
            return escaped(f"{row.title}\n{row.ext_id or ''} · {row.length} characters")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("id", "left", "others"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("#", "title", "state", "left", "others", "gold")[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return ("document id", "title", "your state", "suggestions left to review",
                    "how many other annotators marked it done", "the gold layer (adjudication): ✓ done, … started")[section]
        return None
