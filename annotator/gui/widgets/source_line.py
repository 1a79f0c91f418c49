"""The line above the article naming where it comes from and under which licence
(meta.attribution / meta.licence / meta.url, else the document's source and date): reusing a
CC-licensed article needs its attribution in view. Plain text, selectable (to copy the URL)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core.model import Document
from ..plain import plain_label
from ..session import Session


def source_text(document: Document | None) -> str:
    if document is None:
        return ""
    meta = document.meta or {}

    def first(*keys: str) -> str:
        return next((str(meta[k]).strip() for k in keys if meta.get(k) not in (None, "")), "")

    licence = first("licence", "license")
    url = first("url", "link")
    attribution = first("attribution")
    if attribution:  # a full attribution line (Wikinews records carry one): add only what it lacks
        parts = [f"Source: {attribution}"]
        parts += [f"licence: {licence}"] if licence and licence not in attribution else []
        parts += [url] if url and url not in attribution else []
        return " · ".join(parts)
    parts = []
    origin = first("source", "publisher", "author") or (document.source or "").strip()
    if origin:
        parts.append(f"Source: {origin}")
    date = document.published or first("date")
    if date:
        parts.append(date)
    if licence:
        parts.append(f"licence: {licence}")
    if url:
        parts.append(url)
    return " · ".join(parts)


class SourceLine(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.label: QLabel = plain_label("documentSource", wrap=True, selectable=True)
        self.label.setStyleSheet("color: #555; padding: 2px 10px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        session.loaded.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        text = source_text(self.session.document)
        self.label.setText(text or "source and licence not recorded for this document")
        self.label.setToolTip("where this article comes from (meta.attribution, meta.licence, meta.url)")
