"""Type-ahead pickers: type letters to filter, Enter picks, Esc cancels. The event-type picker
(Alt + a type's one-letter key from the scheme picks it at once) and the context picker
(Ctrl+Shift+C: 36 PLOVER contexts under readable names). Both open beside the trigger, never
over the sentence being coded, and the window is active again when they close."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...core.scheme import Scheme
from ..messages import return_focus_to
from ..names import readable
from ..plain import escaped


@dataclass(frozen=True)
class Choice:
    value: str | None  # what is stored (None: "no context")
    text: str  # what the list shows
    description: str = ""
    key: str = ""  # Alt + this letter picks it at once
    hay: str = ""  # further words the filter matches


class FilterPicker(QDialog):
    picked = Signal(object)  # the chosen value (str, or None for a "none" choice)

    def __init__(self, title: str, prefix: str, choices: list[Choice], parent: QWidget | None = None,
                 current: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title} — annotator")
        self.choices = choices
        self.chosen: str | None = None
        self.filter = QLineEdit(objectName=f"{prefix}Filter")
        self.filter.setPlaceholderText("type to filter; Enter picks; Esc cancels")
        self.list = QListWidget(objectName=f"{prefix}List")
        self.description = QLabel(objectName=f"{prefix}Description")
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.description.setMinimumHeight(60)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(self.description)
        for index, choice in enumerate(choices):
            item = QListWidgetItem(choice.text)
            item.setData(Qt.ItemDataRole.UserRole, index)
            if choice.description:
                item.setToolTip(escaped(choice.description))
            self.list.addItem(item)
        self.filter.textChanged.connect(self._refilter)
        self.list.currentItemChanged.connect(self._describe)
        self.list.itemActivated.connect(lambda item: self._pick(self._choice(item)))
        self.filter.installEventFilter(self)
        self._refilter("")
        for i, choice in enumerate(choices):
            if current is not None and choice.value == current:
                self.list.setCurrentRow(i)
        self.resize(400, 420)

    def _choice(self, item: QListWidgetItem) -> Choice:
        return self.choices[item.data(Qt.ItemDataRole.UserRole)]

    def _refilter(self, text: str) -> None:
        needle = text.strip().lower()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            choice = self._choice(item)
            names = f"{choice.value or ''} {choice.text}".lower()
            hidden = bool(needle) and needle not in names and needle not in choice.hay.lower() \
                and needle not in choice.description.lower()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
            if not hidden and needle and self._starts(choice, needle) and not self._starts(self._choice(first), needle):
                first = item
        if first is not None:
            self.list.setCurrentItem(first)

    @staticmethod
    def _starts(choice: Choice, needle: str) -> bool:
        return (choice.value or "").lower().startswith(needle) or choice.text.lower().startswith(needle)

    def _describe(self, item: QListWidgetItem | None) -> None:
        self.description.setText(self._choice(item).description if item else "")

    def _pick(self, choice: Choice) -> None:
        self.chosen = choice.value
        self.picked.emit(choice.value)
        self.accept()

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        if watched is self.filter and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.list.currentItem()
                if item is not None and not item.isHidden():
                    self._pick(self._choice(item))
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._step(1 if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) else -1)
                return True
            if event.modifiers() & Qt.KeyboardModifier.AltModifier and Qt.Key.Key_A <= key <= Qt.Key.Key_Z:
                # Alt + the choice's own key (from the scheme) picks it directly (Alt+C -> CONSULT).
                letter = chr(key).lower()
                match = next((c for c in self.choices if c.key == letter), None)
                if match is not None:
                    self._pick(match)
                return True
        return super().eventFilter(watched, event)

    def _step(self, step: int) -> None:
        rows = [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]
        if not rows:
            return
        current = self.list.currentRow()
        position = rows.index(current) if current in rows else -1
        self.list.setCurrentRow(rows[max(0, min(len(rows) - 1, position + step))])


class TypePicker(FilterPicker):
    def __init__(self, scheme: Scheme, parent: QWidget | None = None, current: str | None = None) -> None:
        choices = [Choice(label.name, f"{f'[{label.key}] ' if label.key else '    '}{label.name}  — "
                                      f"{readable(label.group)}", label.description, label.key or "", label.group)
                   for label in scheme.events]
        super().__init__("Event type", "type", choices, parent, current)
        self.setObjectName("typePicker")


class ContextPicker(FilterPicker):
    def __init__(self, scheme: Scheme, parent: QWidget | None = None, current: str | None = None) -> None:
        choices = [Choice(None, "(no context)", "the event has no particular PLOVER context")]
        choices += [Choice(name, readable(name), hay=name.replace("_", " ")) for name in scheme.contexts]
        super().__init__("Event context", "context", choices, parent, current)
        self.setObjectName("contextPicker")


MIN_PICKER_HEIGHT = 220  # a filter line, several rows of the list and the description


def place_beside(dialog: QWidget, avoid: QRect, within: QRect) -> None:
    """Move `dialog` next to the global rectangle `avoid` (the sentence being coded) without
    covering it: below it if there is room, else above (shortened to fit if need be), else to
    the side; always inside `within` (the screen)."""
    gap = 8
    size = dialog.size()
    below = within.bottom() - (avoid.bottom() + gap)
    above = (avoid.top() - gap) - within.top()
    for room, top in ((below, lambda h: avoid.bottom() + gap), (above, lambda h: avoid.top() - gap - h)):
        if room >= min(size.height(), MIN_PICKER_HEIGHT):
            height = min(size.height(), room)
            dialog.resize(size.width(), height)
            x = max(within.left(), min(avoid.left(), within.right() - size.width()))
            dialog.move(x, top(height))
            return
    for x in (avoid.right() + gap, avoid.left() - gap - size.width()):  # beside the sentence
        if within.left() <= x and x + size.width() <= within.right():
            y = max(within.top(), min(avoid.top(), within.bottom() - size.height()))
            dialog.move(x, y)
            return
    dialog.move(within.right() - size.width(), within.top())  # nowhere free: the screen's corner


def _open(picker: FilterPicker, parent: QWidget | None, on_pick: Callable[[str | None], None],
          avoid: QRect | None) -> FilterPicker:
    picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    picker.picked.connect(on_pick)
    return_focus_to(picker, parent.window() if parent is not None else None)
    if avoid is not None:
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        place_beside(picker, avoid, screen.availableGeometry())
    picker.open()
    picker.filter.setFocus()
    return picker


def open_type_picker(scheme: Scheme, parent: QWidget | None, on_pick: Callable[[str], None],
                     current: str | None = None, avoid: QRect | None = None) -> TypePicker:
    """Open the picker window-modally without blocking (tests and the event loop keep running)."""
    return _open(TypePicker(scheme, parent, current), parent, on_pick, avoid)  # type: ignore[return-value]


def open_context_picker(scheme: Scheme, parent: QWidget | None, on_pick: Callable[[str | None], None],
                        current: str | None = None, avoid: QRect | None = None) -> ContextPicker:
    return _open(ContextPicker(scheme, parent, current), parent, on_pick, avoid)  # type: ignore[return-value]
