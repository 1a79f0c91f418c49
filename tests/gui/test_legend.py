"""The colour legend (issue 16, item 3): F2 and View ▸ Colour legend toggle it; it lists every
label with the colour the text is painted with and its key; the palette tells types apart."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from annotator.core.scheme import default_scheme
from annotator.gui.palette import label_color, role_color

from .conftest import SEED, find

pytestmark = pytest.mark.gui


def _lab(color: str) -> tuple[float, float, float]:
    """CIE L*a*b* of an sRGB colour (D65), for colour differences as people see them."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(color)
    r, g, b = (linear(v / 255) for v in (q.red(), q.green(), q.blue()))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _distance(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b))) ** 0.5


def test_the_palette_tells_every_type_and_label_apart():
    scheme = default_scheme()
    events = [label_color(scheme, "trigger", n) for n in scheme.event_names()]
    entities = [label_color(scheme, "entity", n) for n in scheme.entity_names()]
    assert min(_distance(a, b) for a, b in itertools.combinations(events, 2)) >= 20
    assert min(_distance(a, b) for a, b in itertools.combinations(entities, 2)) >= 20
    org_hue = QColor(label_color(scheme, "entity", "ORG")).hsvHue()
    assert not 75 <= org_hue <= 170  # ORG is not green like the cooperation types


def test_f2_shows_every_label_with_its_colour_and_key(qtbot, window):
    qtbot.keyClick(window.text_view, Qt.Key.Key_F2)
    legend = window.legend()
    assert legend is not None and legend.isVisible() and legend.objectName() == "legend"
    scheme = window.project.scheme
    samples = legend.content.samples
    for name in scheme.entity_names():
        assert label_color(scheme, "entity", name)[1:] in _rgb_hex(samples[f"entity_{name}"].styleSheet())
    for name in scheme.event_names():
        assert label_color(scheme, "trigger", name) in samples[f"trigger_{name}"].styleSheet()
    for role in scheme.roles:
        assert role_color(role.name) in samples[f"role_{role.name}"].styleSheet()
    texts = [w.text() for w in legend.findChildren(type(samples["role_source"]))]
    assert "P" in texts and "T, Alt+C" in texts and "Alt+S" in texts  # PERSON's key, CONSULT's (in the T picker), source's
    suggested, accepted = samples["style_entity_suggested"].styleSheet(), samples["style_entity_accepted"].styleSheet()
    assert "dashed" in suggested and "dashed" not in accepted
    assert "italic" in samples["style_trigger_suggested"].styleSheet()
    assert "bold" in samples["style_trigger_accepted"].styleSheet()
    # The text is painted with the same colours: the suggested "met" (CONSULT) trigger.
    assert _underline_at(window, find(SEED, "met")[0]) == label_color(scheme, "trigger", "CONSULT")
    qtbot.keyClick(window.text_view, Qt.Key.Key_F2)
    assert not legend.isVisible()


def test_the_view_menu_toggles_the_legend(qtbot, window):
    menu_bar = window.menuBar()
    view = next(a for a in menu_bar.actions() if a.text() == "V&iew")
    qtbot.mouseClick(menu_bar, Qt.MouseButton.LeftButton, pos=menu_bar.actionGeometry(view).center())
    menu = view.menu()
    qtbot.waitUntil(menu.isVisible)
    item = next(a for a in menu.actions() if a.objectName() == "action_legend")
    assert "F2" in item.shortcut().toString()
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(item).center())
    assert window.legend().isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _rgb_hex(style: str) -> str:
    """rgba(r, g, b, a) in a style sheet as "rrggbb"."""
    inside = style.split("rgba(")[1].split(")")[0]
    r, g, b, _ = (int(v) for v in inside.split(","))
    return f"{r:02x}{g:02x}{b:02x}"


def _underline_at(window, index: int) -> str:
    window.text_view.highlighter.finish()
    block = window.text_view.document().findBlock(window.session.tmap.to_qt(index))
    offset = window.session.tmap.to_qt(index) - block.position()
    formats = block.layout().formats()
    for fmt_range in formats:
        if fmt_range.start <= offset < fmt_range.start + fmt_range.length:
            return QColor(fmt_range.format.underlineColor()).name()
    raise AssertionError("no format at that character")
