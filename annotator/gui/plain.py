"""User data is shown as plain text. Where Qt insists on guessing (tooltips, whose text Qt
renders as rich text when it "looks like" HTML), escape it first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as _GuiQt
from PySide6.QtWidgets import QLabel


def escaped(text: str, *, wrap: bool = False) -> str:
    """Plain text as an HTML fragment that shows exactly these characters (`<b>` stays `<b>`);
    `wrap` lets a long text wrap (a tooltip of a paragraph) instead of one very wide line."""
    if wrap:
        return _GuiQt.convertFromPlainText(text or "", _GuiQt.WhiteSpaceMode.WhiteSpaceNormal)
    return _GuiQt.convertFromPlainText(text or "")


class WrappingLabel(QLabel):
    """A word-wrapped label that asks for the height its text needs at its current width.
    Layouts inside a scroll area (the inspector) do not ask a label for its height-for-width
    and would cut a long description to one line."""

    def _fit(self) -> None:
        need = self.heightForWidth(self.width()) if self.text() else 0
        if need > 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802
        super().setText(text)
        if not text:
            self.setMinimumHeight(0)
        self._fit()


def plain_label(name: str = "", *, wrap: bool = True, selectable: bool = True) -> QLabel:
    """A QLabel that never interprets its text as HTML (article text, titles, labels)."""
    cls = WrappingLabel if wrap else QLabel
    label = cls(objectName=name) if name else cls()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
