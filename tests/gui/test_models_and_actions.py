"""Item models (lazy paging), the actions table, the gui command and the demo project."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence

from annotator.core.model import AnnotatedDocument, Document
from annotator.gui.actions import ACTIONS, scheme_actions
from annotator.gui.models.documents import DocumentListModel
from annotator.store import Project

pytestmark = pytest.mark.gui


@pytest.fixture
def big_project(tmp_path: Path):
    project = Project.create(tmp_path / "big.db")
    project.import_documents(AnnotatedDocument(Document(f"Text number {i}.", ext_id=str(i), title=f"T{i}"))
                             for i in range(1000))
    yield project
    project.close()


def test_document_model_pages_lazily(qtmodeltester, big_project):
    model = DocumentListModel(big_project, "ann1")
    assert model.total == 1000 and model.rowCount() == model.PAGE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * model.PAGE
    assert model.neighbour(None, 1) == 1
    assert model.neighbour(999, 1) == 1000 and model.rowCount() == 1000
    qtmodeltester.check(model)


def test_document_model_filters(big_project):
    model = DocumentListModel(big_project, "ann1")
    model.set_filter(search="number 99")
    assert model.total == 11 and [r.id for r in model.rows][:2] == [100, 991]
    model.set_filter(state="done")
    assert model.total == 0


def test_every_action_has_a_menu_and_unique_shortcuts(window):
    specs = [*ACTIONS, *scheme_actions(window.project.scheme)]
    seen: dict[str, str] = {}
    for spec in specs:
        action = window.actions_[spec.name]
        assert action.associatedObjects(), spec.name  # in a menu
        for shortcut in spec.shortcuts:
            text = QKeySequence(shortcut).toString()
            assert text not in seen, f"{text} used by {seen.get(text)} and {spec.name}"
            seen[text] = spec.name
        if spec.shortcuts:
            assert action.shortcut().toString(), spec.name
    required = ["Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+F", "Ctrl+Q", "Ctrl+,", "Ctrl+D", "Return", "Del", "Tab",
                "T", "P", "O", "G", "Alt+S", "Alt+T", "Alt+L", "Alt+D", "Ctrl+]", "Ctrl+["]
    assert not [k for k in required if QKeySequence(k).toString() not in seen]


def test_gui_command_is_registered():
    from typer.testing import CliRunner

    from annotator.cli.main import app

    result = CliRunner().invoke(app, ["--help"])
    assert "gui" in result.output


def test_demo_project_is_created_once_from_the_shipped_corpus(tmp_path):
    from annotator.core.resources import corpus_path
    from annotator.gui.demo import demo_project

    path = demo_project(tmp_path)
    with Project.open(path, readonly=True) as project:
        expected = sum(1 for line in corpus_path("demo.jsonl").read_text(encoding="utf-8").splitlines() if line)
        assert project.count_documents() == expected
    stamp = path.stat().st_mtime_ns
    assert demo_project(tmp_path) == path and path.stat().st_mtime_ns == stamp
    assert not list(tmp_path.glob(".*partial*"))


def test_guidelines_show_scheme_descriptions(qtbot, window):
    from PySide6.QtCore import Qt

    qtbot.keyClick(window.text_view, Qt.Key.Key_F1)
    assert window.guidelines.isVisible()
    text = window.guidelines.view.toPlainText()
    assert "CONSULT" in text and "mode visit" in text and "[p] PERSON" in text
    window.guidelines.filter.setText("hostage")
    assert "PERSON" not in window.guidelines.view.toPlainText()


def test_gui_command_refuses_a_missing_project(tmp_path):
    from typer.testing import CliRunner

    from annotator.cli.main import app

    result = CliRunner().invoke(app, ["gui", str(tmp_path / "nope.db")])
    assert result.exit_code == 2 and "does not exist" in result.output
