"""Pre-annotation from the GUI: `annotator.preannotate.run` in a worker thread.

The pre-annotation package is imported only when the action runs (spaCy is slow to
import and must never delay start-up); if it is not available the user is told so.
"""

from __future__ import annotations

import importlib
import threading
from pathlib import Path
from typing import Any, Callable

from ...core.errors import AnnotatorError
from ...store import Project
from .task import Progress


def preannotate_runner() -> Callable[..., Any] | None:
    try:
        module = importlib.import_module("annotator.preannotate")
    except ImportError:
        return None
    runner = getattr(module, "run", None)
    return runner if callable(runner) else None


def preannotate_work(db_path: Path, doc_ids: list[int] | None = None):  # type: ignore[no-untyped-def]
    def work(progress: Progress, cancel: threading.Event) -> Any:
        runner = preannotate_runner()
        if runner is None:
            raise AnnotatorError("pre-annotation is not available in this installation",
                                 hint="the annotator.preannotate package has no run() yet")
        project = Project.open(db_path)  # this thread's own connection
        try:
            return runner(project, doc_ids=doc_ids, progress=progress, cancel=cancel)
        finally:
            project.close()
    return work
