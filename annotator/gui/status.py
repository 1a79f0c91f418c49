"""Status bar: annotator, document state, suggestions left, saved state (all plain text)."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar

from .models.documents import STATE_TEXT
from .session import Change, Session

BULK = 5  # more spans accepted at once is a bulk step the user chose ("accept all"): not listed


def _label(name: str) -> QLabel:
    label = QLabel(objectName=name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setContentsMargins(6, 0, 6, 0)
    return label


class StatusLine:
    def __init__(self, bar: QStatusBar, session: Session) -> None:
        self.bar = bar
        self.session = session
        self.annotator = _label("statusAnnotator")
        self.state = _label("statusState")
        self.left = _label("statusLeft")
        self.saved = _label("statusSaved")
        # Fixed widths: a label that changes size makes the whole window lay out and repaint.
        metrics = self.left.fontMetrics()
        for widget, sample in ((self.annotator, "annotator: a-long-name"), (self.state, "in progress"),
                               (self.left, "00000 suggestions left")):
            widget.setFixedWidth(metrics.horizontalAdvance(sample) + 16)
            bar.addPermanentWidget(widget)
        self.saved.setFixedWidth(metrics.horizontalAdvance("saved ✓ change event mode, type · 00:00:00") + 16)
        bar.addPermanentWidget(self.saved)
        self.last_error = ""
        self._named_besides = False
        self._told = ""  # the last "also …" message shown
        self.saved.setText("saved")
        session.loaded.connect(self._document_loaded)
        session.changed.connect(self._changed)
        session.committed.connect(self.committed)

    def _document_loaded(self) -> None:
        # A message about the previous document must not look as if it were about this one.
        self.bar.clearMessage()
        self.last_error = ""
        self.refresh()

    def refresh(self) -> None:
        s = self.session
        self.annotator.setText(f"annotator: {s.annotator}")
        self.state.setText(STATE_TEXT.get(s.layer.state, s.layer.state) if s.doc_id is not None else "")
        self.left.setText(f"{s.suggestions_left()} suggestions left" if s.doc_id is not None else "")

    def _changed(self, change: Change) -> None:
        self.refresh()
        if self._told and self.bar.currentMessage() == self._told:
            self.bar.clearMessage()  # about the step before: an undo must not leave it standing
        also = accepted_besides(change, self.session)
        self._named_besides = bool(also)  # `committed`, which comes next, leaves the message
        if also:
            self._tell(also)

    def _tell(self, message: str) -> None:
        self._told = message
        self.bar.showMessage(message, 15000)

    def committed(self, description: str) -> None:
        # "accept CONSULT; accepted PERSON (source of the CONSULT event)": the step in the label
        # (its width is fixed), what the span–event rules added in the message area
        step, _, besides = description.partition("; ")
        self.saved.setText(f"saved ✓ {step} · {time.strftime('%H:%M:%S')}")
        self.saved.setToolTip(f"saved: {description}")
        self.saved.setStyleSheet("color: #2e7d32;")
        if self.last_error and self.bar.currentMessage() == self.last_error:
            self.bar.clearMessage()  # an edit has been saved since: the refusal is over
        self.last_error = ""
        if besides and not self._named_besides:  # accepted arguments are named already
            self._tell(f"also: {besides}")
        self._named_besides = False

    def not_saved(self, reason: str) -> None:
        """The last edit could not be written: say so where "saved" was (never "saved")."""
        self.saved.setText(f"not saved ✗ {reason} · {time.strftime('%H:%M:%S')}")
        self.saved.setToolTip(f"the last edit was not saved: {reason}; the screen shows what is stored")
        self.saved.setStyleSheet("color: #c62828; font-weight: bold;")

    def read_only(self, reason: str) -> None:
        self.saved.setText("read-only: not saving")
        self.saved.setToolTip(reason)
        self.saved.setStyleSheet("color: #c62828; font-weight: bold;")

    def error(self, message: str) -> None:
        self.last_error = message
        self.bar.showMessage(message, 8000)


def accepted_besides(change: Change, session: Session) -> str:
    """The entity suggestions an edit accepted besides the selected span -- the arguments of an
    event accepted with Enter, retyped or given a role (core.integrity: an accepted event rests
    on accepted spans) -- named, so that what Tab will no longer stop at is seen; "" if none."""
    was = {span.id: span.status for span in change.before}
    text = session.document.text if session.document is not None else ""
    names = [f"“{text[s.start:s.end]}” {s.label}" + (f" {s.actor_code}" if s.actor_code else "")
             for s in sorted(change.after, key=lambda span: span.start)
             if s.layer == "entity" and s.status == "accepted" and was.get(s.id) == "suggested"
             and s.id != session.current_span_id]
    if not names or len(names) > BULK:
        return ""
    return f"also accepted: {', '.join(names)}"
