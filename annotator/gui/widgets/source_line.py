"""The line above the article naming where it comes from and under which licence: reusing a
CC-licensed article needs its attribution in view. One line (source, licence, date, URL from
meta.source / meta.licence / meta.date / meta.url, else the document's source and date),
elided to the width; the full attribution (meta.attribution) is its tooltip. Plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ...core.model import Document
from ..plain import escaped
from ..session import Session

NOT_RECORDED = "source and licence not recorded for this document"


def _first(meta: dict, *keys: str) -> str:
    return next((str(meta[k]).strip() for k in keys if meta.get(k) not in (None, "")), "")


def source_text(document: Document | None) -> str:
    """Source · date · licence · URL, the parts that are known ("" when none is)."""
    if document is None:
        return ""
    meta = document.meta or {}
    origin = _first(meta, "source", "publisher", "author") or (document.source or "").strip()
    date = (document.published or _first(meta, "date")).strip()
    licence = _first(meta, "licence", "license")
    url = _first(meta, "url", "link")
    # Most important first: the line is cut at its end when narrow.
    parts = [f"Source: {origin}" if origin else "", licence, date, url]
    text = " · ".join(p for p in parts if p)
    if not (origin or licence or url):
        attribution = _first(meta, "attribution")
        text = f"Source: {attribution}" if attribution else text
    return text


def source_tooltip(document: Document | None) -> str:
    meta = (document.meta or {}) if document is not None else {}
    return _first(meta, "attribution") or source_text(document)


class SourceLine(QLabel):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentSource")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet("color: #555; padding: 2px 10px;")
        # One line whatever the width: the text is elided, never wrapped over the article.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.session = session
        self.full = ""
        session.loaded.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        document = self.session.document
        self.full = source_text(document) or NOT_RECORDED
        tip = source_tooltip(document)
        self.setToolTip(escaped(tip, wrap=True) if tip else "")
        self._elide()

    def _elide(self) -> None:
        width = max(40, self.width() - 24)
        self.setText(self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideRight, width))

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        self._elide()
