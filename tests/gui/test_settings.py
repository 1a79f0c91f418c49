"""The annotator's name is asked once and remembered; settings persist; nothing touches the
user's real settings (see the isolated_settings fixture)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog

from annotator.gui.app import app_settings, build_window
from annotator.gui.dialogs.settings import NAME_KEY, SettingsDialog, font_size, snap_enabled
from annotator.store import Project

from .conftest import SEED, find

pytestmark = pytest.mark.gui


def test_settings_live_in_the_test_folder(isolated_settings):
    settings = app_settings()
    settings.setValue("probe", 1)
    settings.sync()
    assert str(isolated_settings) in settings.fileName()


def test_name_is_asked_once_and_stamps_edits(qtbot, db_path, monkeypatch):
    asked: list[str] = []

    def fake_get_text(*args, **kwargs):
        asked.append(args[1])
        return "maria", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(fake_get_text))
    window = build_window(db_path)
    qtbot.addWidget(window)
    assert window.session.annotator == "maria" and len(asked) == 1
    window.session.select_range(*find(SEED, "Prime Minister"))
    window.editor.label("PERSON")
    window.close()
    again = build_window(db_path)
    qtbot.addWidget(again)
    assert again.session.annotator == "maria" and len(asked) == 1  # remembered, not asked again
    assert app_settings().value(NAME_KEY) == "maria"
    with Project.open(db_path, readonly=True) as p:
        assert [e.kind for e in p.history(1, "maria") if e.action == "do"] == ["AddSpan"]


def test_settings_dialog_saves_and_switching_annotator_reloads(qtbot, window):
    dialog = SettingsDialog(window.settings, "ann1", window)
    dialog.font_size.setValue(15)
    dialog.snap.setChecked(False)
    dialog.name.setText("ann2")
    dialog.save()
    assert font_size(window.settings) == 15 and not snap_enabled(window.settings)
    window.switch_annotator("ann2")
    assert window.session.annotator == "ann2" and "ann2" in window.status.annotator.text()
    assert window.session.suggestions_left() == 5  # ann2 gets their own copy of the suggestions
