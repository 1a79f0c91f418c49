"""Guidelines pane (F1): the scheme's labels, event types, modes and roles with their
descriptions and keys, as plain text with a filter box."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from ...core.scheme import Scheme
from ..widgets.keys import claim_editing_keys


def guidelines_text(scheme: Scheme, needle: str = "") -> str:
    needle = needle.strip().lower()
    out: list[str] = [f"{scheme.name} v{scheme.version}", scheme.description, ""]

    def add(title: str, lines: list[str]) -> None:
        if lines:
            out.extend([title, "=" * len(title), *lines, ""])

    def keep(*texts: str) -> bool:
        return not needle or any(needle in t.lower() for t in texts)

    add("Entity labels (press the key with text selected)", [
        f"[{e.key or ' '}] {e.name}\n    {e.description}\n" for e in scheme.entities if keep(e.name, e.description)
    ])
    add("Event types (T, then type to filter; Alt+key picks)", [
        f"[{e.key or ' '}] {e.name} ({e.group.replace('_', ' ')})\n    {e.description}\n"
        + "".join(f"    mode {m.name}: {m.description}\n" for m in e.modes)
        for e in scheme.events if keep(e.name, e.group, e.description, *(m.name for m in e.modes))
    ])
    add("Argument roles (Alt+key with a span selected)", [
        f"[Alt+{r.key.upper() if r.key else ' '}] {r.name}\n    {r.description}\n"
        for r in scheme.roles if keep(r.name, r.description)
    ])
    return "\n".join(out)


class GuidelinesDock(QDockWidget):
    def __init__(self, scheme: Scheme, parent: QWidget | None = None) -> None:
        super().__init__("Guidelines", parent)
        self.setObjectName("guidelines")
        self.scheme = scheme
        body = QWidget()
        self.filter = claim_editing_keys(QLineEdit(objectName="guidelinesFilter"))
        self.filter.setPlaceholderText("filter…")
        self.view = QPlainTextEdit(objectName="guidelinesText")
        self.view.setReadOnly(True)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        self.setWidget(body)
        self.filter.textChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.view.setPlainText(guidelines_text(self.scheme, self.filter.text()))

    def show_label(self, name: str) -> None:
        cursor = self.view.document().find(f"] {name}")
        if not cursor.isNull():
            self.view.setTextCursor(cursor)
            self.view.centerCursor()
