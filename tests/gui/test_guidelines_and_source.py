"""The guidelines pane reads well (no "=====" rules wrapping, descriptions indented under their
entry, the right characters highlighted) and the document's source and licence are shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from .conftest import SEED, find
from .helpers import click_char

pytestmark = pytest.mark.gui


def test_guidelines_have_bold_headings_indented_descriptions_and_an_exact_highlight(qtbot, window):
    click_char(qtbot, window.text_view, find(SEED, "Benjamin Netanyahu")[0])
    qtbot.keyClick(window.text_view, Qt.Key.Key_F1)
    dock = window.guidelines
    assert dock.isVisible()
    dock.resize(260, 500)  # a narrow pane
    view = dock.view
    text = view.toPlainText()
    assert not any(line and set(line) == {"="} for line in text.splitlines())
    document = view.document()
    headings = [b for b in _blocks(document) if b.text().startswith("Entity labels")]
    assert headings and headings[0].charFormat().fontWeight() == QFont.Weight.Bold
    description = next(b for b in _blocks(document) if b.text().startswith("A named person"))
    assert description.blockFormat().leftMargin() > 0
    assert view.textCursor().selectedText() == "PERSON"  # the name itself, not "] PERSO"


def _blocks(document):
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def test_the_source_and_licence_of_the_article_are_shown(qtbot, make_window, tmp_path):
    from annotator.core.model import AnnotatedDocument, Document
    from annotator.store import Project

    path = tmp_path / "wikinews.db"
    with Project.create(path) as project:
        project.import_documents([
            AnnotatedDocument(Document("Qatar hosted talks in Doha.", ext_id="wn-1", title="Talks in Doha",
                                       meta={"source": "Wikinews (en.wikinews.org)", "licence": "CC BY 2.5",
                                             "url": "https://en.wikinews.org/wiki/Talks", "date": "2019-05-01"})),
            AnnotatedDocument(Document("Hamas fired rockets.", ext_id="wn-2", title="Rockets",
                                       meta={"attribution": "\"Rockets\", Wikinews, 2019-05-02 "
                                                            "(https://en.wikinews.org/wiki/Rockets). By Wikinews "
                                                            "contributors; licensed under CC BY 2.5"})),
            AnnotatedDocument(Document("Egypt urged calm.", ext_id="x", title="no source")),
        ])
    window = make_window(path)
    window.open_document(1)
    line = window.findChild(object, "documentSource")
    assert line.isVisible() and line.textFormat() == Qt.TextFormat.PlainText
    assert line.full == ("Source: Wikinews (en.wikinews.org) · CC BY 2.5 · 2019-05-01 · "
                         "https://en.wikinews.org/wiki/Talks")
    # One line, cut at its end when narrow: the source and the licence stay in view.
    assert line.text().startswith("Source: Wikinews (en.wikinews.org) · CC BY 2.5")
    qtbot.keyClick(window.text_view, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    assert window.session.doc_id == 2  # only an attribution: it is the line, and the tooltip
    assert line.full.startswith("Source: \"Rockets\", Wikinews") and "Wikinews contributors" in line.toolTip()
    assert line.height() < 2.5 * line.fontMetrics().height()  # never several lines over the article
    qtbot.keyClick(window.text_view, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    assert window.session.doc_id == 3 and "not recorded" in line.text()
