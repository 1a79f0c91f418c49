"""Right-hand panel: the selected span (label, actor code with completion) above the
event frame and the document's events list. Every field shows user data as plain text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
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
from .edit_choice import EditChoice
from .event_panel import EventPanel
from .keys import claim_editing_keys


class SpanBox(QGroupBox):
    entered = Signal()  # Enter (saved) or Esc (taken back) in the actor code field: the keys go back to the text

    def __init__(self, session: Session, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__("Selected span", parent)
        self.setObjectName("spanBox")
        self.session = session
        self.editor = editor
        scheme = session.project.scheme
        self.text = plain_label("spanText")
        self.label = EditChoice(objectName="spanLabel")
        self.status = plain_label("spanStatus")
        self.actor = claim_editing_keys(QLineEdit(objectName="actorCode"))
        self.actor.setPlaceholderText("CAMEO code, e.g. ISRGOV")
        completer = QCompleter(QStringListModel(scheme.known_actor_codes(), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.actor.setCompleter(completer)
        # A code highlighted in the list (arrow keys) or chosen from it is put in with setText,
        # which marks the field unmodified: shown, it was never saved. So "being typed" is also
        # "typed for a span since the field last showed its code" (`_typing`), and a code chosen
        # is saved at once, as Enter saves it.
        completer.activated[str].connect(self._completion_chosen)
        # Installed after the completer's own filter, so this one sees a focus-out first: the
        # completer swallows focus-outs while its list is open, and editingFinished never comes.
        self.actor.installEventFilter(self)
        self._typed_for: int | None = None  # the span the code in the field was typed for
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
        self.actor.editingFinished.connect(self.commit_actor_code)  # Enter (and Qt's focus-out)
        self.actor.returnPressed.connect(self._entered)
        self.actor.textEdited.connect(self._actor_typed)
        session.selection_changed.connect(self.refresh)
        session.changed.connect(lambda change: self.refresh())
        session.loaded.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self._save_code_of_left_span()
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
            self._show_code("")
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
        if not self._typing():  # (what is being typed stays until it is saved)
            self._show_code(span.actor_code or "")
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

    # ------------------------------------------------------------------ the actor code field
    def commit_actor_code(self) -> bool:
        """THE one place the field saves: what the annotator typed becomes one edit (none if the
        code is already stored) on the span it was typed for. Reached from Enter, from focus
        leaving the field, from the selection leaving that span, and from the window before it
        changes document or closes. False if it could not be saved: the status bar says why and
        the field shows what is stored."""
        if not self._typing():
            return True  # nothing typed since the field last showed the stored code
        typed, span_id = self.actor.text(), self._typed_for
        # Taken before the write: the write's own refresh must not try to save it a second time.
        self.actor.setModified(False)
        self._typed_for = None
        saved = self.editor.set_actor_code(typed, span_id)
        self._show_stored_code()
        return saved

    def _entered(self) -> None:
        """Enter saves the code and hands the keys back: the field kept them (and its completion
        list stayed open), so the next label key was typed into the code and saved with it."""
        self._leave_actor_field()
        self.entered.emit()

    def _completion_chosen(self, code: str) -> None:
        if self.actor.text() != code:
            self.actor.setText(code)
        self._actor_typed(code)
        self._entered()

    def _typing(self) -> bool:
        """Whether the field holds what the annotator typed (or took from the completion list)
        and not yet saved, rather than the stored code it last showed."""
        return self.actor.isModified() or self._typed_for is not None

    def _actor_typed(self, text: str) -> None:
        if self._typed_for is None:
            self._typed_for = self.session.current_span_id
        self._describe_code(text)

    def _save_code_of_left_span(self) -> None:
        # A code typed for a span that is no longer selected is saved before the field shows the
        # new selection: whichever way the selection moved, the typing is not thrown away.
        current = self.session.current_span_id
        if self._typed_for is not None and self._typed_for != current:
            self.commit_actor_code()

    def _show_stored_code(self) -> None:
        span = self.session.current_span
        self._show_code(span.actor_code or "" if span is not None else "")

    def _show_code(self, code: str) -> None:
        """Show a stored code: the field is no longer being typed in."""
        if self.actor.text() != code:  # (the same text again would drop a selection made with A)
            self.actor.setText(code)
        self.actor.setModified(False)
        self._typed_for = None
        self._describe_code(code)

    def _leave_actor_field(self) -> None:
        self.actor.completer().popup().hide()  # a list left open would float over other widgets
        self.commit_actor_code()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.actor and _leaves_field(event):
            self._leave_actor_field()
        if watched is self.actor and _escape(event):
            if self._typing():
                self._show_stored_code()  # Esc takes the typing back: the field shows what is stored
            # ... and, as Enter does, gives the keys back to the text: left in the field, the
            # next label key was typed onto the stored code ("EGY" + "p") and saved when the
            # field lost the focus
            self.entered.emit()
            return True
        return super().eventFilter(watched, event)


def _escape(event: QEvent) -> bool:
    return isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape


def _leaves_field(event: QEvent) -> bool:
    # The completion list opening is a focus-out too (PopupFocusReason): the annotator is
    # still typing then.
    return (isinstance(event, QFocusEvent) and event.type() == QEvent.Type.FocusOut
            and event.reason() != Qt.FocusReason.PopupFocusReason)


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
