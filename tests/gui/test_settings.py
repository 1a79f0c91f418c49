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


def _type_name_in_settings(qtbot, window, name: str) -> None:
    """Ctrl+, , type the name, Enter: as a user does it."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        dialog.name.setText(name)
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)


@pytest.mark.parametrize("typed", ["ann1", "Ann1"])
def test_a_name_refused_in_settings_is_not_remembered_for_the_next_start(qtbot, make_window, db_path, typed):
    """The refused name was saved before the switch was refused: the next start opened a
    colleague's layer and stamped the edits with their name (their window closed by then), or
    was refused at every start (a case twin of a name the project has)."""
    colleague = make_window(db_path, "ann1")  # ann1's window is open: working as ann1 is refused
    settings = app_settings()
    settings.setValue(NAME_KEY, "ann2")
    settings.sync()
    window = make_window(db_path, None)  # the remembered name
    assert window.session.annotator == "ann2"
    _type_name_in_settings(qtbot, window, typed)
    assert window.session.annotator == "ann2" and window.status.last_error
    assert app_settings().value(NAME_KEY) == "ann2"
    window.close()
    colleague.close()
    again = make_window(db_path, None)  # the next morning: `annotator gui work.db`
    assert again.session.annotator == "ann2"


def test_a_name_accepted_in_settings_is_remembered(qtbot, make_window, db_path):
    window = make_window(db_path, "ann1")
    _type_name_in_settings(qtbot, window, "ann3")
    assert window.session.annotator == "ann3" and app_settings().value(NAME_KEY) == "ann3"
