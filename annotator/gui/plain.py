"""User data is shown as plain text. Where Qt insists on guessing (tooltips, whose text Qt
renders as rich text when it "looks like" HTML), escape it first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as _GuiQt
from PySide6.QtWidgets import QLabel


def escaped(text: str) -> str:
    """Plain text as an HTML fragment that shows exactly these characters (`<b>` stays `<b>`)."""
    return _GuiQt.convertFromPlainText(text or "")


def plain_label(name: str = "", *, wrap: bool = True, selectable: bool = True) -> QLabel:
    """A QLabel that never interprets its text as HTML (article text, titles, labels)."""
    label = QLabel(objectName=name) if name else QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
