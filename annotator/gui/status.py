"""Status bar: annotator, document state, suggestions left, saved state (all plain text)."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar

from .models.documents import STATE_TEXT
from .session import Session


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
        self.saved.setText("saved")
        session.loaded.connect(self._document_loaded)
        session.changed.connect(lambda change: self.refresh())
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

    def committed(self, description: str) -> None:
        self.saved.setText(f"saved ✓ {description} · {time.strftime('%H:%M:%S')}")
        self.saved.setStyleSheet("color: #2e7d32;")

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
