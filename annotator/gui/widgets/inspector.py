"""Right-hand panel: the selected span (label, actor code with completion) above the
event frame and the document's events list. Every field shows user data as plain text."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, QSize, QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..editing import Editor
from ..plain import plain_label
from ..session import Session
from ..tooltips import quote
from .event_panel import EventPanel
from .keys import claim_editing_keys


class SpanBox(QGroupBox):
    def __init__(self, session: Session, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__("Selected span", parent)
        self.setObjectName("spanBox")
        self.session = session
        self.editor = editor
        scheme = session.project.scheme
        self.text = plain_label("spanText")
        self.label = QComboBox(objectName="spanLabel")
        self.status = plain_label("spanStatus")
        self.actor = claim_editing_keys(QLineEdit(objectName="actorCode"))
        self.actor.setPlaceholderText("CAMEO code, e.g. ISRGOV")
        completer = QCompleter(QStringListModel(scheme.known_actor_codes(), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.actor.setCompleter(completer)
        self.actor_help = plain_label("actorHelp")
        self.description = plain_label("labelDescription")
        self.description.setStyleSheet("color: #555;")
        form = QFormLayout(self)
        form.addRow(self.text)
        form.addRow("label", self.label)
        form.addRow("status", self.status)
        form.addRow("actor", self.actor)
        form.addRow(self.actor_help)
        form.addRow(self.description)
        self.label.activated.connect(self._label_chosen)
        self.actor.editingFinished.connect(self._actor_entered)
        self.actor.textEdited.connect(self._describe_code)
        session.selection_changed.connect(self.refresh)
        session.changed.connect(lambda change: self.refresh())
        session.loaded.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        s = self.session
        span = s.current_span
        scheme = s.project.scheme
        blocker = QSignalBlocker(self.label)
        self.label.clear()
        if span is None:
            rng = s.current_range
            self.text.setText(f"selection {quote(s.text[rng[0]:rng[1]])} — press a label key" if rng else
                              "nothing selected")
            for widget in (self.label, self.actor):
                widget.setEnabled(False)
            self.actor.clear()
            self.status.clear()
            self.actor_help.clear()
            self.description.clear()
            del blocker
            return
        names = scheme.entity_names() if span.layer == "entity" else scheme.event_names()
        self.label.addItems(names if span.label in names else [*names, span.label])
        self.label.setCurrentText(span.label)
        del blocker
        self.label.setEnabled(True)
        self.actor.setEnabled(True)
        self.text.setText(quote(span.text_in(s.text)) + f"  [{span.start}, {span.end})")
        self.status.setText(f"{span.status}, from {span.origin}" + (" · trigger" if span.layer == "trigger" else ""))
        if not self.actor.hasFocus():
            self.actor.setText(span.actor_code or "")
        self._describe_code(self.actor.text())
        label = scheme.label(span.layer, span.label)
        # A trigger's type is described in the event frame just below.
        self.description.setText(label.description if label and span.layer == "entity" else "")
        self.description.setVisible(span.layer == "entity")

    def _describe_code(self, text: str) -> None:
        code = text.strip().upper()
        self.actor_help.setText(self.session.project.scheme.actor_code_description(code) if code else "")

    def _label_chosen(self, index: int) -> None:
        span = self.session.current_span
        name = self.label.itemText(index)
        if span is None or name == span.label:
            return
        if span.layer == "entity":
            self.editor.label(name)
        else:
            self.editor.mark_trigger(name)

    def _actor_entered(self) -> None:
        span = self.session.current_span
        if span is not None and (self.actor.text().strip().upper() or None) != span.actor_code:
            self.editor.set_actor_code(self.actor.text())


class Inspector(QScrollArea):
    """Scrolls when the window is short, so wrapped descriptions are never squeezed."""

    def __init__(self, session: Session, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.span_box = SpanBox(session, editor, body)
        self.event_panel = EventPanel(session, editor, body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.span_box)
        layout.addWidget(self.event_panel, 1)
        self.setWidget(body)
        self.body = body

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # Never narrower than the panel's widgets need beside the vertical scroll bar: squeezed
        # by the splitter, combo boxes and × buttons would slide under the scroll bar.
        hint = super().minimumSizeHint()
        need = self.body.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(max(hint.width(), need), hint.height())
