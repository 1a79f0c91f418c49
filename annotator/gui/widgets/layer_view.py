"""One annotator's layer of a document, shown with the workbench's own text view and colours.

Used side by side by the disagreement view and the adjudication view. `LayerSession` reads a
layer as stored (`Project.layer`: never seeds model suggestions, so looking at someone's work
writes nothing); `MarkedTextView` adds outlines of places of interest (conflicts, the
disagreement being looked at) on top of the usual span and event outlines.
"""

from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core.model import Layer
from ...store import Project
from ..session import Session
from ..textmap import TextMap
from .text_view import AnnotatedTextView

MARK_COLOR = "#ef6c00"  # conflicts / disagreements: orange, distinct from every role colour


class LayerSession(Session):
    """A Session on any layer (another annotator's, gold) that opens it without seeding."""

    def open(self, doc_id: int) -> None:
        self.show_layer(doc_id, self.project.layer(doc_id, self.annotator))

    def show_layer(self, doc_id: int, layer: Layer) -> None:
        self.document = self.project.document(doc_id)
        self.layer = layer
        self.doc_id = doc_id
        self.tmap = TextMap(self.document.text)
        self._suggested = sum(1 for s in layer.spans.values() if s.status == "suggested")
        self.current_span_id = self.current_event_id = None
        self.current_range = None
        self.loaded.emit()
        self.selection_changed.emit()

    def show_place(self, start: int, end: int, level: str | None = None, label: str | None = None) -> bool:
        """Select what this layer has at [start, end) (a trigger and its event for event levels,
        an entity otherwise); without one, outline the range. True when something was found."""
        kind = "trigger" if level in ("event", "mode", "argument") else "entity"
        found = [s for s in self.layer.spans.values() if s.start == start and s.end == end
                 and s.layer == kind and s.status != "rejected" and (label is None or s.label == label)]
        if found:
            self.select_span(found[0].id)
            return True
        self.current_span_id = self.current_event_id = None
        self.current_range = (start, end) if start < end else None
        self.selection_changed.emit()
        return False


class MarkedTextView(AnnotatedTextView):
    """The annotated text plus orange outlines: dashed for every mark, solid for the focus."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.marks: list[tuple[int, int]] = []
        self.focus_range: tuple[int, int] | None = None

    def set_marks(self, marks: Iterable[tuple[int, int]]) -> None:
        self.marks = list(marks)
        self.viewport().update()

    def set_focus_range(self, start: int, end: int) -> None:
        """Outline [start, end) and scroll it to the middle of the view."""
        self.focus_range = (start, end)
        tmap = self.session.tmap
        cursor = self.textCursor()
        cursor.clearSelection()
        cursor.setPosition(tmap.to_qt(min(start, len(tmap.text))))
        self._quiet = True
        try:
            self.setTextCursor(cursor)
            self.centerCursor()
        finally:
            self._quiet = False
        self.highlight_visible()
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.session.doc_id is None or not (self.marks or self.focus_range):
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor(MARK_COLOR)
        painter.setPen(QPen(color, 1.2, Qt.PenStyle.DotLine))
        for start, end in self.marks:
            for rect in self.range_rects(start, end):
                painter.drawRoundedRect(rect.adjusted(-3, -2, 3, 2), 4, 4)
        if self.focus_range is not None:
            painter.setPen(QPen(color, 2.6))
            for rect in self.range_rects(*self.focus_range):
                painter.drawRoundedRect(rect.adjusted(-4, -3, 4, 3), 5, 5)
        painter.end()


class LayerView(QWidget):
    """A title, the layer's text view and a plain-text note (e.g. this annotator's version)."""

    def __init__(self, project: Project, annotator: str, title: str | None = None,
                 parent: QWidget | None = None, session: Session | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"layerView_{annotator}")
        self.session = session if session is not None else LayerSession(project, annotator)
        self.title = QLabel(title or annotator)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.view = MarkedTextView(self.session)
        self.note = QLabel("")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setObjectName("versionNote")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)

    def set_title(self, text: str) -> None:
        self.title.setText(text)

    def show_place(self, start: int, end: int, level: str | None = None, label: str | None = None,
                   focus: tuple[int, int] | None = None) -> bool:
        found = False
        if isinstance(self.session, LayerSession):
            found = self.session.show_place(start, end, level, label)
        self.view.set_focus_range(*(focus or (start, end)))
        return found


def describe_version(version: dict[str, Any] | None) -> str:
    """One line (plain text) for a disagreement/conflict record: label or event frame."""
    if not version:
        return "— (nothing here)"
    quoted = _quote(version)
    if "type" in version:
        head = f"{version['type']} {quoted}"
        if version.get("mode"):
            head += f" [{version['mode']}]"
        # a negation or context disagreement differs only here: unnamed, both sides read alike
        if version.get("negated"):
            head += " (negated)"
        if version.get("context"):
            head += f" context {version['context']}"
        args = [f"{a['role']}: {_quote(a)}" for a in version.get("arguments", [])]
        return head + (" — " + "; ".join(args) if args else " — no arguments")
    if "role" in version:
        disputed = " (its label is disputed)" if version.get("filler_label_disputed") else ""
        return f"{version['role']}: {_quote(version)}{disputed}"
    head = f"{version.get('label', '?')} {quoted}"
    if "actor_code" in version:
        head += f" actor {version['actor_code'] or '—'}"
    return head


def _quote(record: dict[str, Any]) -> str:
    text = record.get("text")
    return f"“{text}”" if text is not None else f"{record['start']}–{record['end']}"
