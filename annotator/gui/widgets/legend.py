"""The colour legend (F2, View ▸ Colour legend): every label with its colour and key, what a
suggestion looks like next to an accepted span, and the outline colour of each role.

Colours and styles come from gui/palette.py, the module the highlighter paints with, so the
legend always matches the text. Every text here is plain (label names come from the scheme).
"""

from __future__ import annotations

from itertools import groupby

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDockWidget, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...core.scheme import Scheme
from ..names import readable
from ..palette import ACCEPTED_ALPHA, SUGGESTED_ALPHA, label_color, role_color
from ..plain import escaped, plain_label


def _rgba(color: str, alpha: int) -> str:
    c = QColor(color)
    return f"rgba({c.red()}, {c.green()}, {c.blue()}, {alpha})"


def entity_style(color: str, suggested: bool) -> str:
    """The look of an entity span: faint fill + dashed underline (suggested) or solid fill."""
    fill = _rgba(color, SUGGESTED_ALPHA if suggested else ACCEPTED_ALPHA)
    line = f"border-bottom: 2px dashed {color};" if suggested else "border-bottom: 2px solid transparent;"
    return f"background: {fill}; {line} padding: 1px 4px;"


def trigger_style(color: str, suggested: bool) -> str:
    """The look of a trigger: italic + dashed underline (suggested) or bold + solid underline."""
    text = QColor(color).darker(125).name()
    if suggested:
        return f"color: {text}; font-style: italic; border-bottom: 2px dashed {color}; padding: 1px 4px;"
    return f"color: {text}; font-weight: bold; border-bottom: 2px solid {color}; padding: 1px 4px;"


def role_style(color: str) -> str:
    return f"border: 2px dashed {color}; border-radius: 4px; padding: 1px 4px;"


def _sample(text: str, style: str, name: str = "") -> QLabel:
    label = plain_label(name, wrap=False, selectable=False)
    label.setText(text)
    label.setStyleSheet(style)
    return label


def _heading(text: str) -> QLabel:
    label = plain_label(wrap=False, selectable=False)
    label.setText(text)
    label.setStyleSheet("font-weight: bold; margin-top: 4px;")
    return label


def _key(text: str) -> QLabel:
    label = plain_label(wrap=False, selectable=False)
    label.setText(text)
    label.setStyleSheet("color: #555;")
    return label


class Legend(QWidget):
    """The legend's content, in columns (it docks below the text and must stay low): styles and
    roles, entities, then one column per event family. `samples` by name, for tests."""

    def __init__(self, scheme: Scheme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.samples: dict[str, QLabel] = {}
        row_layout = QHBoxLayout(self)
        row_layout.setContentsMargins(8, 4, 8, 4)

        column = self._column(row_layout, "Suggested / accepted")
        person = label_color(scheme, "entity", scheme.entity_names()[0]) if scheme.entity_names() else "#888888"
        first_event = scheme.event_names()[0] if scheme.event_names() else ""
        event = label_color(scheme, "trigger", first_event)
        for suggested in (True, False):
            state = "suggested" if suggested else "accepted"
            line = QHBoxLayout()
            line.addWidget(self._add(f"style_entity_{state}", _sample("entity", entity_style(person, suggested))))
            line.addWidget(self._add(f"style_trigger_{state}", _sample("trigger", trigger_style(event, suggested))))
            line.addWidget(_key("model's suggestion: faint, dashed" if suggested else "accepted: solid"))
            line.addStretch(1)
            column.addLayout(line)
        column.addWidget(_key("Enter accepts, Delete rejects, Tab: next"))
        column.addWidget(_heading("Roles (outlines, Alt + key)"))
        grid = QGridLayout()
        for row, role in enumerate(scheme.roles):
            grid.addWidget(self._add(f"role_{role.name}", _sample(role.name, role_style(role_color(role.name)))),
                           row // 2, 2 * (row % 2))
            grid.addWidget(_key(f"Alt+{role.key.upper()}" if role.key else ""), row // 2, 2 * (row % 2) + 1)
        column.addLayout(grid)
        column.addStretch(1)

        column = self._column(row_layout, "Entities (key)")
        grid = QGridLayout()
        for row, label in enumerate(scheme.entities):
            color = label_color(scheme, "entity", label.name)
            sample = self._add(f"entity_{label.name}", _sample(label.name, entity_style(color, False)))
            sample.setToolTip(escaped(label.description))
            grid.addWidget(sample, row, 0)
            grid.addWidget(_key(label.key.upper() if label.key else ""), row, 1)
        column.addLayout(grid)
        column.addStretch(1)

        for group, labels in groupby(scheme.events, key=lambda lab: lab.group):
            column = self._column(row_layout, readable(group))
            grid = QGridLayout()
            for row, label in enumerate(labels):
                color = label_color(scheme, "trigger", label.name)
                sample = self._add(f"trigger_{label.name}", _sample(label.name, trigger_style(color, False)))
                sample.setToolTip(escaped(label.description))
                grid.addWidget(sample, row, 0)
                # the key works inside the type picker T opens (in the text, Alt+S is a role)
                grid.addWidget(_key(f"T, Alt+{label.key.upper()}" if label.key else ""), row, 1)
            column.addLayout(grid)
            column.addStretch(1)
        row_layout.addStretch(1)

    @staticmethod
    def _column(row_layout: QHBoxLayout, title: str) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(3)
        column.addWidget(_heading(title))
        row_layout.addLayout(column)
        row_layout.addSpacing(14)
        return column

    def _add(self, name: str, sample: QLabel) -> QLabel:
        sample.setObjectName(f"legend_{name}")
        self.samples[name] = sample
        return sample


class LegendDock(QDockWidget):
    def __init__(self, scheme: Scheme, parent: QWidget | None = None) -> None:
        super().__init__("Colour legend", parent)
        self.setObjectName("legend")
        self.content = Legend(scheme)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.content)
        self.setWidget(scroll)
        # Docked below the text: as tall as its columns, the text keeps its width.
        self.setMinimumHeight(self.content.sizeHint().height() + 40)
