"""A choice box whose every choice is a saved edit (span label, event type, mode, context).

A plain QComboBox chooses on a turn of the mouse wheel passing over it and on each arrow key
while it is closed, and says `activated` each time: scrolling the side panel relabelled the
event under the pointer, and arrowing from CONSULT to COOPERATE saved every type between them --
each an edit of its own, and a type without the event's mode dropped the mode on the way.
Here the wheel is left to the panel (the scroll goes on), and an arrow key opens the list, where
the arrows move and Enter or a click chooses once. So does a letter, which a closed box took as a
keyboard search and saved at once (one stray "r" made a CONSULT event RETREAT): the list opens on
the first entry starting with it, and nothing is chosen until Enter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox

from .keys import claim_list_keys

_LIST_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home,
              Qt.Key.Key_End}


class EditChoice(QComboBox):
    popup_closed = Signal()  # the list closed, chosen from or not (Ctrl+Shift+M gives the keys back then)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        claim_list_keys(self)  # a letter, Delete, Backspace are the box's, not the window's shortcuts

    def showPopup(self) -> None:  # noqa: N802
        super().showPopup()
        # Esc closes the list's window without hidePopup: its hiding is what says "closed"
        container = self.view().window()
        if container is not self.window():
            container.removeEventFilter(self)
            container.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Hide and watched is self.view().window():
            self.popup_closed.emit()
        return super().eventFilter(watched, event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        event.ignore()  # passed on to the scroll area around it

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        held = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in _LIST_KEYS and not held:
            self.showPopup()
            return
        typed = event.text()
        if not held & ~Qt.KeyboardModifier.ShiftModifier and typed.strip() and typed.isprintable():
            self.showPopup()
            self.view().keyboardSearch(event.text())  # moves in the open list; Enter chooses
            return
        super().keyPressEvent(event)
