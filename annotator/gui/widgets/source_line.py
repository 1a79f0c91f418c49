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

    parts = []
    attribution = first("attribution", "author", "publisher") or (document.source or "").strip()
    if attribution:
        parts.append(f"Source: {attribution}")
    if document.published:
        parts.append(document.published)
    licence = first("licence", "license")
    if licence:
        parts.append(f"licence: {licence}")
    url = first("url", "link")
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
