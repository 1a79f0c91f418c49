"""The demo project opened when `annotator` runs without a project: created once in the
user's data folder from the shipped `corpora/demo.jsonl` (with its model layer). Its file name
carries a digest of the shipped corpus, so an upgrade that ships a new corpus opens a new demo
(the user's work in the old one stays where it was)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from ..core.resources import corpus_path
from ..formats import ReadOptions, native
from ..store import Project


def demo_name() -> str:
    import hashlib  # at first use (start-up time, see app.py)

    digest = hashlib.sha256(corpus_path("demo.jsonl").read_bytes()).hexdigest()[:8]
    return f"demo-{digest}.db"


def data_dir() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / ".local" / "share" / "annotator"


def demo_project(folder: Path | None = None) -> Path:
    folder = folder or data_dir()
    name = demo_name()
    path = folder / name
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{name}.{os.getpid()}.partial"
    for leftover in folder.glob(".demo-*.partial*"):
        leftover.unlink(missing_ok=True)
    project = Project.create(partial)
    try:
        project.import_documents(native.read(corpus_path("demo.jsonl"), ReadOptions()), source="demo.jsonl")
    finally:
        project.close()
    # Built aside and renamed, so an interrupted first start never leaves half a demo.
    os.replace(partial, path)
    return path
