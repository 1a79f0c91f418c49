"""Guidelines pane (F1): the scheme's labels, event types, modes and roles with their
descriptions and keys, with a filter box.

Built block by block with QTextCursor.insertText (plain text, never HTML): headings are bold
paragraphs instead of "=====" rule lines (which wrapped into two ragged lines in a narrow
pane), and descriptions are indented paragraphs that wrap under themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QDockWidget, QLineEdit, QTextEdit, QVBoxLayout, QWidget

from ...core.scheme import Scheme
from ..names import readable
from ..widgets.keys import claim_editing_keys


@dataclass(frozen=True)
class Line:
    kind: str  # "title", "heading", "entry" (key + name) or "text" (a description)
    text: str
    name: str = ""  # the label an entry names (show_label selects it)


def guidelines_lines(scheme: Scheme, needle: str = "") -> list[Line]:
    needle = needle.strip().lower()
    out: list[Line] = [Line("title", f"{scheme.name} v{scheme.version}"), Line("text", scheme.description)]

    def add(title: str, lines: list[Line]) -> None:
        if lines:
            out.extend([Line("heading", title), *lines])

    def keep(*texts: str) -> bool:
        return not needle or any(needle in t.lower() for t in texts)

    add("Entity labels (press the key with text selected)", [
        line for e in scheme.entities if keep(e.name, e.description)
        for line in (Line("entry", f"[{e.key or ' '}] {e.name}", e.name), Line("text", e.description))
    ])
    add("Event types (T, then type to filter; Alt+key picks)", [
        line for e in scheme.events if keep(e.name, e.group, e.description, *(m.name for m in e.modes))
        for line in (Line("entry", f"[{e.key or ' '}] {e.name} ({readable(e.group)})", e.name),
                     Line("text", e.description),
                     *(Line("text", f"mode {m.name}: {m.description}") for m in e.modes))
    ])
    add("Argument roles (Alt+key with a span selected)", [
        line for r in scheme.roles if keep(r.name, r.description)
        for line in (Line("entry", f"[Alt+{r.key.upper() if r.key else ' '}] {r.name}", r.name),
                     Line("text", r.description))
    ])
    return out


def _formats(kind: str) -> tuple[QTextBlockFormat, QTextCharFormat]:
    block, char = QTextBlockFormat(), QTextCharFormat()
    if kind in ("title", "heading"):
        char.setFontWeight(QFont.Weight.Bold)
        char.setFontPointSize(11 if kind == "heading" else 12)
        block.setTopMargin(10)
        block.setBottomMargin(4)
    elif kind == "entry":
        char.setFontWeight(QFont.Weight.DemiBold)
        block.setTopMargin(6)
    else:
        block.setLeftMargin(18)  # a wrapped description stays under itself
        char.setForeground(QColor("#444444"))
    return block, char


class GuidelinesDock(QDockWidget):
    def __init__(self, scheme: Scheme, parent: QWidget | None = None) -> None:
        super().__init__("Guidelines", parent)
        self.setObjectName("guidelines")
        self.scheme = scheme
        body = QWidget()
        self.filter = claim_editing_keys(QLineEdit(objectName="guidelinesFilter"))
        self.filter.setPlaceholderText("filter…")
        # A QTextEdit (not QPlainTextEdit) lays out block margins; text goes in as plain text only.
        self.view = QTextEdit(objectName="guidelinesText")
        self.view.setReadOnly(True)
        self.view.setAcceptRichText(False)
        self.view.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        self.setWidget(body)
        self.filter.textChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.lines = guidelines_lines(self.scheme, self.filter.text())
        document = self.view.document()
        document.clear()
        cursor = QTextCursor(document)
        for i, line in enumerate(self.lines):
            block, char = _formats(line.kind)
            if i == 0:
                cursor.setBlockFormat(block)
                cursor.setBlockCharFormat(char)
            else:
                cursor.insertBlock(block, char)
            cursor.insertText(line.text, char)
        self.view.moveCursor(QTextCursor.MoveOperation.Start)

    def show_label(self, name: str) -> None:
        """Scroll to a label's entry and select its name (exactly the name, not the key before it)."""
        for number, line in enumerate(self.lines):
            if line.kind == "entry" and line.name == name:
                block = self.view.document().findBlockByNumber(number)
                start = block.position() + line.text.index(f"] {name}") + 2
                cursor = QTextCursor(self.view.document())
                cursor.setPosition(start)
                cursor.setPosition(start + len(name), QTextCursor.MoveMode.KeepAnchor)
                self.view.setTextCursor(cursor)
                self.view.ensureCursorVisible()
                return
