"""Documents: the document list (a page at a time, filtered by state and search), lookups by
id, and which document an annotator should open next. Texts are stored once and never change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from ..core.errors import ProjectError
from ..core.model import GOLD, MODEL, Document
from . import rows as R
from .connection import Connection


@dataclass(frozen=True)
class DocumentRow:
    """One line of the document list (never carries the text)."""

    id: int
    ext_id: str | None
    title: str
    state: str
    suggestions: int
    length: int
    others_done: int = 0  # other people (not the model, not gold) who marked it done
    gold_state: str | None = None  # the gold layer's state; None before adjudication started


def count_documents(c: Connection, *, annotator: str | None = None, state: str | None = None,
                    search: str | None = None) -> int:
    where, params = _filter(annotator, state, search, c.engine.ilike)
    return c.execute(
        f"SELECT count(*) FROM documents d {_join(c, annotator)} {where}", params
    ).fetchone()[0]


def documents(c: Connection, offset: int = 0, limit: int = 100, *, annotator: str | None = None,
              state: str | None = None, search: str | None = None) -> list[DocumentRow]:
    """One page of the document list, in id order (the text is not loaded)."""
    where, params = _filter(annotator, state, search, c.engine.ilike)
    ann_id = c.annotator_id_or_none(annotator)
    model_id = c.annotator_id_or_none(MODEL)
    gold_id = c.annotator_id_or_none(GOLD)
    # Others' progress and the gold state come from the assignments' primary key (doc_id, annotator_id).
    sql = f"""
        SELECT d.id, d.ext_id, d.title, coalesce(a.state, 'todo'), d.text_len,
          CASE WHEN a.seeded_at IS NOT NULL
            THEN (SELECT count(*) FROM spans s WHERE s.doc_id = d.id AND s.annotator_id = ?
                  AND s.status = 'suggested')
            ELSE (SELECT count(*) FROM spans s WHERE s.doc_id = d.id AND s.annotator_id = ?)
          END,
          (SELECT count(*) FROM assignments o WHERE o.doc_id = d.id AND o.state = 'done'
             AND o.annotator_id NOT IN (?, ?, ?)),
          (SELECT g.state FROM assignments g WHERE g.doc_id = d.id AND g.annotator_id = ?)
        FROM documents d {_join(c, annotator)} {where}
        ORDER BY d.id LIMIT ? OFFSET ?"""
    result = c.execute(sql, [ann_id or -1, model_id or -1, ann_id or -1, model_id or -1, gold_id or -1,
                             gold_id or -1, *params, limit, offset])
    return [DocumentRow(i, e, t or "", s, n, length, done, gold)
            for i, e, t, s, length, n, done, gold in result]


def _join(c: Connection, annotator: str | None) -> str:
    ann_id = c.annotator_id_or_none(annotator)
    return f"LEFT JOIN assignments a ON a.doc_id = d.id AND a.annotator_id = {int(ann_id or -1)}"


def _filter(annotator: str | None, state: str | None, search: str | None,
            ilike: str) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if state:
        clauses.append("coalesce(a.state, 'todo') = ?")
        params.append(state)
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append(f"(d.title {ilike} ? ESCAPE '\\' OR d.text {ilike} ? ESCAPE '\\' OR d.ext_id = ?)")
        params += [pattern, pattern, search]
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def document(c: Connection, doc_id: int) -> Document:
    row = c.execute(f"SELECT {R.DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise ProjectError(f"document {doc_id} is not in {c.path}")
    return R.document_from_row(row)


def document_ids_for(c: Connection, ext_ids: Sequence[str]) -> dict[str, int]:
    """Row ids of the documents with these ids (the "id" exports write); unknown ones left out."""
    found: dict[str, int] = {}
    wanted = list(dict.fromkeys(ext_ids))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.update(c.execute(
            f"SELECT ext_id, id FROM documents WHERE ext_id IN ({','.join('?' * len(chunk))})", chunk))
    return found


def existing_document_ids(c: Connection, doc_ids: Sequence[int]) -> list[int]:
    """The row ids among `doc_ids` that are documents of this project, in order."""
    found: set[int] = set()
    wanted = list(dict.fromkeys(doc_ids))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.update(r[0] for r in c.execute(
            f"SELECT id FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return sorted(found)


def document_ids(c: Connection) -> list[int]:
    return [r[0] for r in c.execute("SELECT id FROM documents ORDER BY id")]


def next_document(c: Connection, annotator: str, after: int | None = None) -> int | None:
    """The next document the annotator has not finished (assigned ones first)."""
    ann_id = c.annotator_id_or_none(annotator) or -1
    assigned = c.execute(
        "SELECT 1 FROM assignments WHERE annotator_id = ? AND assigned = 1 LIMIT 1", (ann_id,)
    ).fetchone()
    extra = "AND a.assigned = 1" if assigned else ""
    row = c.execute(
        f"""SELECT d.id FROM documents d LEFT JOIN assignments a
            ON a.doc_id = d.id AND a.annotator_id = ?
            WHERE coalesce(a.state, 'todo') IN ('todo', 'in_progress') {extra}
              AND d.id > ? ORDER BY d.id LIMIT 1""",
        (ann_id, after if after is not None else -1),
    ).fetchone()
    return row[0] if row else None
