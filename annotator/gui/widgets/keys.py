"""Let text inputs and lists keep keys that are also window shortcuts (Return, Tab, Delete, letters)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Delete,
         Qt.Key.Key_Escape}


# In a list (the documents, an event's rows) Enter chooses the row and Delete means nothing: as
# window shortcuts they accepted or rejected the span selected in the text, out of sight.
_LIST_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete, Qt.Key.Key_Backspace}


class _Claim(QObject):
    def __init__(self, keys: set[Qt.Key]) -> None:
        super().__init__()
        self.keys = keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() in self.keys and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                event.accept()
        return False


_CLAIM = _Claim(_KEYS)
_CLAIM_IN_LIST = _Claim(_LIST_KEYS)


def claim_editing_keys(widget: QWidget) -> QWidget:
    widget.installEventFilter(_CLAIM)
    return widget


def claim_list_keys(widget: QWidget) -> QWidget:
    widget.installEventFilter(_CLAIM_IN_LIST)
    return widget
