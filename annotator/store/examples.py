"""Where accepted annotations are: documents whose gold layer, or a person's layer marked done,
holds accepted events (worked examples for an LLM prompt, see preannotate/llm/prompt.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.model import GOLD

if TYPE_CHECKING:
    from .project import Project


def accepted_event_layers(project: Project, limit: int = 20) -> list[tuple[int, str]]:
    """(document id, layer name) pairs, gold first, then people's done layers, by document id;
    one layer per document; at most `limit`."""
    rows = project.conn.execute(
        "SELECT e.doc_id, n.name FROM events e JOIN annotators n ON n.id = e.annotator_id "
        "LEFT JOIN assignments a ON a.doc_id = e.doc_id AND a.annotator_id = e.annotator_id "
        "WHERE e.status = 'accepted' AND n.role != 'model' AND (n.name = ? OR a.state = 'done') "
        "GROUP BY e.doc_id, n.name ORDER BY (n.name = ?) DESC, e.doc_id, n.name",
        (GOLD, GOLD)).fetchall()
    seen: set[int] = set()
    found: list[tuple[int, str]] = []
    for doc_id, name in rows:
        if doc_id in seen:
            continue
        seen.add(doc_id)
        found.append((doc_id, name))
        if len(found) >= limit:
            break
    return found
