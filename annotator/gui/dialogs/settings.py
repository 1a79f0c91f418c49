"""Settings (Ctrl+,) and the one-time annotator-name prompt. Values live in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ..prefs import DEFAULT_FONT, FONT_KEY, LIVE_KEY, NAME_KEY, SNAP_KEY, font_size, live_interval_ms, snap_enabled
from .buttons import ok_cancel

__all__ = ["DEFAULT_FONT", "FONT_KEY", "NAME_KEY", "SNAP_KEY", "SettingsDialog", "ask_annotator_name",
           "font_size", "snap_enabled"]


class SettingsDialog(QDialog):
    def __init__(self, settings: QSettings, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.settings = settings
        self.name = QLineEdit(annotator)
        self.font_size = QSpinBox()
        self.font_size.setRange(7, 32)
        self.font_size.setValue(font_size(settings))
        self.snap = QCheckBox("selections grow to whole words (hold Alt while selecting for characters)")
        self.snap.setChecked(snap_enabled(settings))
        self.live = QSpinBox(objectName="liveRefreshSeconds")  # gui/live.py
        self.live.setRange(0, 600)
        self.live.setSuffix(" s")
        self.live.setSpecialValueText("never")
        self.live.setValue(round(live_interval_ms(settings) / 1000))
        self.live.setToolTip("how often the window looks for what others changed in the project "
                             "(their progress, gold, new documents)")
        note = QLabel("Every edit is saved as you make it; there is nothing to save.")
        note.setWordWrap(True)
        buttons = ok_cancel(self)
        form = QFormLayout(self)
        form.addRow("annotator name", self.name)
        form.addRow("text size", self.font_size)
        form.addRow(self.snap)
        form.addRow("show others' changes every", self.live)
        form.addRow(note)
        form.addRow(buttons)

    def save(self) -> None:
        name = self.name.text().strip()
        if name:
            self.settings.setValue(NAME_KEY, name)
        self.settings.setValue(FONT_KEY, self.font_size.value())
        self.settings.setValue(SNAP_KEY, "true" if self.snap.isChecked() else "false")
        self.settings.setValue(LIVE_KEY, self.live.value() * 1000)
        self.settings.sync()


def ask_annotator_name(settings: QSettings, parent: QWidget | None = None) -> str | None:
    """The remembered name, or ask once (and remember it). None if the user cancels."""
    name = str(settings.value(NAME_KEY, "") or "").strip()
    if name:
        return name
    text, ok = QInputDialog.getText(parent, "Who is annotating?",
                                    "Your name (it stamps every edit you make):")
    name = text.strip() if ok else ""
    if not name:
        return None
    settings.setValue(NAME_KEY, name)
    settings.sync()
    return name
