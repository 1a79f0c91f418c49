"""Type-ahead picker for an event type: type letters to filter, Enter picks, Esc cancels.
Alt + a type's one-letter key (from the scheme) picks it at once."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...core.scheme import Scheme
from ..plain import escaped


class TypePicker(QDialog):
    picked = Signal(str)

    def __init__(self, scheme: Scheme, parent: QWidget | None = None, current: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("typePicker")
        self.setWindowTitle("Event type")
        self.scheme = scheme
        self.chosen: str | None = None
        self.filter = QLineEdit(objectName="typeFilter")
        self.filter.setPlaceholderText("type to filter; Enter picks; Esc cancels")
        self.list = QListWidget(objectName="typeList")
        self.description = QLabel(objectName="typeDescription")
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.description.setMinimumHeight(60)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(self.description)
        for label in scheme.events:
            key = f"[{label.key}] " if label.key else "    "
            item = QListWidgetItem(f"{key}{label.name}  — {label.group.replace('_', ' ')}")
            item.setData(Qt.ItemDataRole.UserRole, label.name)
            item.setToolTip(escaped(label.description))
            self.list.addItem(item)
        self.filter.textChanged.connect(self._refilter)
        self.list.currentItemChanged.connect(self._describe)
        self.list.itemActivated.connect(lambda item: self._pick(item.data(Qt.ItemDataRole.UserRole)))
        self.filter.installEventFilter(self)
        self._refilter("")
        if current:
            for i in range(self.list.count()):
                if self.list.item(i).data(Qt.ItemDataRole.UserRole) == current:
                    self.list.setCurrentRow(i)
        self.resize(420, 460)

    def _refilter(self, text: str) -> None:
        needle = text.strip().lower()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            name = item.data(Qt.ItemDataRole.UserRole)
            label = self.scheme.event(name)
            hay = f"{name} {label.group if label else ''} {label.description if label else ''}".lower()
            hidden = bool(needle) and needle not in name.lower() and needle not in hay
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
            if not hidden and needle and name.lower().startswith(needle):
                first = first if first.data(Qt.ItemDataRole.UserRole).lower().startswith(needle) else item
        if first is not None:
            self.list.setCurrentItem(first)

    def _describe(self, item: QListWidgetItem | None) -> None:
        label = self.scheme.event(item.data(Qt.ItemDataRole.UserRole)) if item else None
        self.description.setText(label.description if label else "")

    def _pick(self, name: str) -> None:
        self.chosen = name
        self.picked.emit(name)
        self.accept()

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        if watched is self.filter and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.list.currentItem()
                if item is not None and not item.isHidden():
                    self._pick(item.data(Qt.ItemDataRole.UserRole))
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._step(1 if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) else -1)
                return True
            if event.modifiers() & Qt.KeyboardModifier.AltModifier and Qt.Key.Key_A <= key <= Qt.Key.Key_Z:
                # Alt + the type's own key (from the scheme) picks it directly (Alt+C -> CONSULT).
                letter = chr(key).lower()
                match = next((lab for lab in self.scheme.events if lab.key == letter), None)
                if match is not None:
                    self._pick(match.name)
                return True
        return super().eventFilter(watched, event)

    def _step(self, step: int) -> None:
        rows = [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]
        if not rows:
            return
        current = self.list.currentRow()
        position = rows.index(current) if current in rows else -1
        self.list.setCurrentRow(rows[max(0, min(len(rows) - 1, position + step))])


def open_type_picker(scheme: Scheme, parent: QWidget | None, on_pick: Callable[[str], None],
                     current: str | None = None) -> TypePicker:
    """Open the picker window-modally without blocking (tests and the event loop keep running)."""
    picker = TypePicker(scheme, parent, current)
    picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    picker.picked.connect(on_pick)
    picker.open()
    picker.filter.setFocus()
    return picker
