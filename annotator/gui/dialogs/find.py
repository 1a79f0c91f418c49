"""Find bar (Ctrl+F) above the text: Enter / F3 select the next match (scrolled into view), Esc
closes. Case and the way an accent is written do not matter (core.find)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from ...core.find import Finder
from ..widgets.keys import claim_editing_keys


class FindBar(QWidget):
    found = Signal(int, int)  # Python range of the match
    missed = Signal()  # no match: the earlier one must not stay selected for a label key
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.edit = claim_editing_keys(QLineEdit(objectName="findText"))
        self.edit.setPlaceholderText("find in this document (Enter: next match; Esc: back to the text, "
                                     "the match selected for a label key)")
        self.count = QLabel(objectName="findCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        close = QToolButton()
        close.setText("×")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(close)
        self.text = ""
        self.position = 0
        self.finder: Finder | None = None  # built for the open document's text on first search
        self.edit.returnPressed.connect(self.find_next)
        self.edit.textChanged.connect(lambda _: setattr(self, "position", 0))
        close.clicked.connect(self.close_bar)
        self.hide()

    def open_bar(self, text: str, position: int) -> None:
        self.text = text
        self.position = position
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def follow(self, text: str) -> None:
        """Search `text` from now on: the open document changed under an open bar. Left on
        the old text, Enter selected the previous document's match offsets in the new one,
        and a label key then saved a span over whatever stood there."""
        if text is self.text or text == self.text:
            return  # the same document read again
        self.text, self.position, self.finder = text, 0, None
        self.count.clear()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def find_next(self) -> bool:
        needle = self.edit.text()
        if not needle:
            return False
        if self.finder is None or self.finder.text is not self.text:
            self.finder = Finder(self.text)
        match, total = self.finder.next_match(needle, self.position)
        if match is None:
            self.count.setText("not found")
            self.missed.emit()
            return False
        self.count.setText(f"{total} match{'es' if total != 1 else ''}")
        self.position = match[0] + 1
        self.found.emit(*match)
        return True
