"""Document list panel: state filter, search box, the lazy list, and "next to do"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..models.documents import STATE_TEXT, TEAM_COLUMNS, DocumentListModel
from .keys import claim_editing_keys, claim_list_keys


TITLE_EMS = 9  # the width of title the list always keeps (a few words)


class DocumentPanel(QWidget):
    document_chosen = Signal(int)
    next_todo_requested = Signal()

    def __init__(self, model: DocumentListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentPanel")
        self.model = model
        self.state_filter = QComboBox(objectName="stateFilter")
        self.state_filter.addItem("all states", None)
        for state, text in STATE_TEXT.items():
            self.state_filter.addItem(text, state)
        self.search = claim_editing_keys(QLineEdit(objectName="documentSearch"))
        self.search.setPlaceholderText("search titles and text…")
        self.search.setClearButtonEnabled(True)
        self.table = claim_list_keys(QTableView(objectName="documentList"))
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 3, *TEAM_COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # The id column is sized for the widest id loaded (Qt sizes it to the first rows only:
        # "1…" for the five-digit ids further down a long list).
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        model.modelReset.connect(self._fit_ids)
        model.rowsInserted.connect(self._fit_ids)
        self.next_button = QPushButton("Next to do", objectName="nextTodo")
        top = QHBoxLayout()
        top.addWidget(self.state_filter)
        top.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        self.state_filter.currentIndexChanged.connect(self._apply_filter)
        self.search.returnPressed.connect(self._apply_filter)
        self.search.textChanged.connect(lambda text: self._apply_filter() if not text else None)
        self.next_button.clicked.connect(self.next_todo_requested)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        # Up/Down in the list open the document under the cursor, and so does Enter (`activated`).
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, previous: self._clicked(current) if self.table.hasFocus() and not self._quiet else None)
        self._current: int | None = None
        self._quiet = False  # a refresh moving the current row opens nothing
        self.table.installEventFilter(self)
        self._fit_ids()

    def _fit_ids(self, *_: object) -> None:
        widest = str(self.model.rows[-1].id if self.model.rows else 0)  # ids are listed in order
        digits = self.table.fontMetrics().horizontalAdvance("8" * max(len(widest), 2))
        self.table.horizontalHeader().resizeSection(0, digits + 14)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """End / Ctrl+End in the list: the last document of the list, not of the rows loaded so far."""
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_End  # type: ignore[attr-defined]
                and not event.modifiers() & ~(Qt.KeyboardModifier.ControlModifier  # type: ignore[attr-defined]
                                              | Qt.KeyboardModifier.KeypadModifier)):
            self.model.fetch_all()
            last = self.model.rowCount() - 1
            if last >= 0:
                self.table.setCurrentIndex(self.model.index(last, 0))  # opens it, as Down does
                self.table.scrollToBottom()
            return True
        return super().eventFilter(watched, event)

    def show_team_columns(self, visible: bool) -> None:
        """Others' progress and the gold state (hidden while the annotator works blind)."""
        for column in TEAM_COLUMNS:
            self.table.setColumnHidden(column, not visible)
        self._keep_room_for_titles()

    def _keep_room_for_titles(self) -> None:
        """The panel is at least as wide as its columns plus a readable title: with the team
        columns shown, the default width squeezed every title to "…"."""
        table = self.table
        others = sum(max(table.horizontalHeader().sectionSizeHint(c), table.sizeHintForColumn(c))
                     for c in range(self.model.columnCount()) if c != 1 and not table.isColumnHidden(c))
        chrome = table.verticalScrollBar().sizeHint().width() + 2 * table.frameWidth() + 4
        self.setMinimumWidth(others + table.fontMetrics().horizontalAdvance("m" * TITLE_EMS) + chrome)

    def show_fetched(self, generation: int, limit: int, total: int, rows) -> bool | None:  # type: ignore[no-untyped-def]
        """Rows read again by a live refresh (`DocumentListModel.apply_fetched`), keeping the
        selection, the scroll position and the focus where they are."""
        bar = self.table.verticalScrollBar()
        position = bar.value()
        self._quiet = True
        try:
            reset = self.model.apply_fetched(generation, limit, total, rows)
            if reset:  # the list itself changed: put the view back as it was
                self.show_current(self._current, scroll=False)
                bar.setValue(position)
        finally:
            self._quiet = False
        return reset

    def _apply_filter(self) -> None:
        self.model.set_filter(self.state_filter.currentData(), self.search.text())
        self.show_current(self._current)

    def _clicked(self, index) -> None:  # type: ignore[no-untyped-def]
        doc_id = self.model.doc_id(index.row())
        if doc_id is not None and doc_id != self._current:
            self.document_chosen.emit(doc_id)

    def show_current(self, doc_id: int | None, *, scroll: bool = True) -> None:
        """Highlight the open document's row (without opening anything)."""
        self._current = doc_id
        row = self.model.row_of(doc_id) if doc_id is not None else None
        selection = self.table.selectionModel()
        if row is None:
            selection.clearSelection()
            return
        index = self.model.index(row, 0)
        selection.select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                         | QItemSelectionModel.SelectionFlag.Rows)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        if scroll:
            self.table.scrollTo(index)
