"""GUI fixtures: a project with the seed article (+ model suggestions) and the real main
window built by `build_window`. QSettings are redirected into tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.ids import new_id  # noqa: E402
from annotator.core.model import MODEL, AnnotatedDocument, Document, Event, Layer, Span  # noqa: E402
from annotator.store import Project  # noqa: E402

SEED = next((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt")).read_text(encoding="utf-8")


def find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def model_layer(text: str) -> Layer:
    """What a pre-annotator would suggest for the seed article's first sentence."""
    layer = Layer(MODEL)
    netanyahu = Span(new_id(), *find(text, "Benjamin Netanyahu"), "PERSON", origin="model", status="suggested")
    blinken = Span(new_id(), *find(text, "Antony Blinken"), "PERSON", origin="model", status="suggested")
    date = Span(new_id(), *find(text, "October 22"), "DATE", origin="model", status="suggested")
    israel = Span(new_id(), *find(text, "Israeli"), "NORP", origin="model", status="suggested")
    met = Span(new_id(), *find(text, "met"), "CONSULT", "trigger", origin="model", status="suggested")
    for span in (netanyahu, blinken, date, israel, met):
        layer.add_span(span)
    layer.add_event(Event(new_id(), met.id, "CONSULT", origin="model", status="suggested"))
    return layer


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path):
    """Never touch the user's settings: QSettings (INI, user scope) point into tmp_path."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield tmp_path / "settings"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "work.db"
    project = Project.create(path)
    project.import_documents([
        AnnotatedDocument(Document(SEED, ext_id="seed", title="Netanyahu meets Blinken"), [model_layer(SEED)]),
        AnnotatedDocument(Document("Hamas fired rockets at Israel on Monday. Egypt urged calm.", ext_id="two",
                                   title="second")),
        AnnotatedDocument(Document("Qatar hosted talks in Doha.", ext_id="three", title="third")),
    ])
    project.close()
    return path


@pytest.fixture
def make_window(qtbot, db_path: Path):
    """Build (and show) the real main window; call again to 'restart' on the same project."""
    from annotator.gui.app import build_window

    def make(path: Path = db_path, annotator: str = "ann1"):
        window = build_window(path, annotator=annotator)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        # Window shortcuts only fire in the active window.
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        window.text_view.setFocus()
        return window

    return make


@pytest.fixture
def window(make_window):
    return make_window()


# ------------------------------------------------------------------ another program at work (both engines)
ONE = "Israeli officials met Egyptian envoys in Cairo on Monday."
TWO = "Rebels attacked a convoy near Goma; the army of Congo responded."


@pytest.fixture(params=["sqlite", "postgresql"])
def two_documents(request, tmp_path: Path):
    """A project on each engine: document 1 ("one"), and document 2 ("two") with a model
    suggestion ("Rebels") that a first opening copies into the annotator's layer (a write)."""
    where = request.getfixturevalue("new_pg_url")() if request.param == "postgresql" else tmp_path / "two.db"
    model = Layer(MODEL)
    model.add_span(Span(new_id(), 0, 6, "ORG", origin="model", status="suggested"))
    with Project.create(where) as p:
        p.import_documents([AnnotatedDocument(Document(ONE, ext_id="d1", title="one")),
                            AnnotatedDocument(Document(TWO, ext_id="d2", title="two"), [model])])
    return where


def listed(window) -> int | None:
    """The document the list shows as current."""
    return window.doc_model.doc_id(window.doc_panel.table.currentIndex().row())


def wholly_on_document_one(window) -> None:
    """The window shows document 1 of `two_documents` and nothing of another: session, text,
    title, the list's row, the layer."""
    s = window.session
    assert s.doc_id == 1 and s.document.id == 1 and s.text == ONE
    assert window.text_view.toPlainText() == ONE
    assert window.windowTitle().startswith("one — ")
    assert listed(window) == 1
    assert s.layer.spans == {}  # document 1's layer, not a seeded copy of document 2's
