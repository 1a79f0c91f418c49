"""User data is shown as plain text. Where Qt insists on guessing (tooltips, whose text Qt
renders as rich text when it "looks like" HTML), escape it first."""

from __future__ import annotations

from PySide6.QtGui import Qt as _GuiQt


def escaped(text: str) -> str:
    """Plain text as an HTML fragment that shows exactly these characters (`<b>` stays `<b>`)."""
    return _GuiQt.convertFromPlainText(text or "")
