"""Plain text: one document per `.txt` file; a folder is read recursively in name order.

The text is stored exactly as read (UTF-8, a leading BOM dropped, line endings kept).
The document id is the file's path relative to the folder given, without `.txt`; the
title is the first line (shortened).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..core.model import AnnotatedDocument, Document
from .io import read_text, sniffed_suffix
from .registry import ReadOptions

TITLE_CHARS = 120


def title_of(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if len(first) <= TITLE_CHARS else first[: TITLE_CHARS - 1].rstrip() + "…"


def text_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.txt") if p.is_file() and not p.name.startswith("."))


def read(path: Path, options: ReadOptions) -> Iterator[AnnotatedDocument]:
    files = text_files(path) if path.is_dir() else [path]
    base = path if path.is_dir() else path.parent
    for file in files:
        text = read_text(file)
        ext_id = file.relative_to(base).with_suffix("").as_posix()
        yield AnnotatedDocument(
            Document(text=text, ext_id=ext_id, title=title_of(text), source=file.name),
            source_file=str(file),
        )


def sniff(path: Path, suffix: str | None = None) -> bool:
    return path.is_file() and sniffed_suffix(path, suffix) == ".txt"
