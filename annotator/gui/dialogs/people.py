"""Who has work in a project, for the agreement screens (dashboard and adjudication)."""

from __future__ import annotations

from ...core.model import GOLD, MODEL
from ...store import Project


def people_with_work(project: Project) -> list[str]:
    """Annotators (not model/gold) with work: spans, events or a document started or done.
    Unlike the CLI default, merely opening a document (state "todo") does not count: the lead
    browsing the corpus in the workbench would otherwise show up as an empty row."""
    names = []
    for a in project.stats()["annotators"]:
        if a["name"] in (MODEL, GOLD) or a["role"] not in ("annotator", "lead"):
            continue
        if a["spans"] or a["events"] or any(state != "todo" for state in a["states"]):
            names.append(a["name"])
    return names
