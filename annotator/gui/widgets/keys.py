"""Let text inputs keep keys that are also window shortcuts (Return, Tab, Delete, letters)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Delete,
         Qt.Key.Key_Escape}


class _Claim(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() in _KEYS and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                event.accept()
        return False


_CLAIM = _Claim()


def claim_editing_keys(widget: QWidget) -> QWidget:
    widget.installEventFilter(_CLAIM)
    return widget
