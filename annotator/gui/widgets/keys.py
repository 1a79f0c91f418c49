"""Let text inputs, lists and choice boxes keep keys that are also window shortcuts (Return, Tab,
Delete, letters)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Delete,
         Qt.Key.Key_Escape}


# In a list (the documents, an event's rows) and a choice box (span label, event type, mode,
# context) Enter, Delete and Backspace are the widget's, and so is a character typed without Ctrl or
# Alt (a list's or box's search): as window shortcuts they accepted, rejected, relabelled or
# deleted the span selected in the text, out of sight ("p" in the type box made the trigger a
# PERSON; Backspace in the mode box rejected the event).
_LIST_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete, Qt.Key.Key_Backspace}
_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)


class _Claim(QObject):
    def __init__(self, keys: set[Qt.Key], typing: bool = False) -> None:
        super().__init__()
        self.keys = keys
        self.typing = typing  # also every printable character typed without Ctrl, Alt or Meta

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() in self.keys and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                event.accept()
            elif self.typing and not event.modifiers() & _COMMAND_MODIFIERS \
                    and event.text().strip() and event.text().isprintable():
                event.accept()
        return False


_CLAIM = _Claim(_KEYS)
_CLAIM_IN_LIST = _Claim(_LIST_KEYS, typing=True)


def claim_editing_keys(widget: QWidget) -> QWidget:
    widget.installEventFilter(_CLAIM)
    return widget


def claim_list_keys(widget: QWidget) -> QWidget:
    """For a list or a choice box: Enter, Delete, Backspace and typed characters are its own."""
    widget.installEventFilter(_CLAIM_IN_LIST)
    return widget
