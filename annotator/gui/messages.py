"""Message boxes and dialogs that behave: a real title, plain text, never blocking the event
loop, and the window that opened them active again when they close.

Without a window manager (a bare X server, a kiosk session) nobody re-activates the main window
after a dialog closes, and every window shortcut silently stops working; `return_focus_to`
does it for every dialog the window opens.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


def reactivate(window: QWidget | None) -> None:
    """Make `window` the active window again (and give its focus widget the keyboard)."""
    if window is None or not window.isVisible():
        return
    window.raise_()
    window.activateWindow()
    focus = window.focusWidget()
    if focus is not None:
        focus.setFocus(Qt.FocusReason.ActiveWindowFocusReason)


def return_focus_to(dialog: QDialog, window: QWidget | None) -> QDialog:
    """When `dialog` closes (accepted, rejected or closed), re-activate `window`."""
    if window is not None:
        # After the dialog has gone: activating a window while the modal dialog still shows is ignored.
        dialog.finished.connect(lambda _result: QTimer.singleShot(0, lambda: reactivate(window)))
    return dialog


def message_box(parent: QWidget | None, title: str, text: str, *,
                icon: QMessageBox.Icon = QMessageBox.Icon.Information, name: str = "") -> QMessageBox:
    """A plain-text message box titled "<title> — annotator" (user data never renders as HTML)."""
    if not title:
        raise ValueError("every message box needs a title that says what it is about")
    box = QMessageBox(icon, f"{title} — annotator", "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if name:
        box.setObjectName(name)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return_focus_to(box, parent.window() if parent is not None else None)
    return box


def ask(parent: QWidget, title: str, text: str, choices: list[tuple[str, str, QMessageBox.ButtonRole]],
        on_choice: Callable[[str | None], None], *, name: str = "", informative: str = "",
        default: str | None = None) -> QMessageBox:
    """A window-modal question with named buttons (`(key, text, role)`), opened without blocking;
    `on_choice(key)` runs with the chosen key, or None when the box is closed without a choice.
    `default`: the key of the button Enter presses (Qt's pick otherwise: the first accepting one)."""
    box = message_box(parent, title, text, icon=QMessageBox.Icon.Question, name=name)
    if informative:
        box.setInformativeText(informative)
    buttons = {}
    for key, label, role in choices:
        button = box.addButton(label, role)
        button.setObjectName(f"{name or 'choice'}_{key}")
        buttons[button] = key
        if key == default:
            box.setDefaultButton(button)
    chosen: list[str | None] = [None]
    box.buttonClicked.connect(lambda button: chosen.__setitem__(0, buttons.get(button)))
    box.finished.connect(lambda _result: on_choice(chosen[0]))
    box.open()
    return box
