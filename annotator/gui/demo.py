"""The demo project opened when `annotator` runs without a project: created once in the
user's data folder from the shipped `corpora/demo.jsonl` (with its model layer)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from ..core.resources import corpus_path
from ..formats import ReadOptions, native
from ..store import Project

DEMO_NAME = "demo.db"


def data_dir() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / ".local" / "share" / "annotator"


def demo_project(folder: Path | None = None) -> Path:
    folder = folder or data_dir()
    path = folder / DEMO_NAME
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{DEMO_NAME}.{os.getpid()}.partial"
    for leftover in folder.glob(f".{DEMO_NAME}.*.partial*"):
        leftover.unlink(missing_ok=True)
    project = Project.create(partial)
    try:
        project.import_documents(native.read(corpus_path("demo.jsonl"), ReadOptions()), source="demo.jsonl")
    finally:
        project.close()
    # Built aside and renamed, so an interrupted first start never leaves half a demo.
    os.replace(partial, path)
    return path
