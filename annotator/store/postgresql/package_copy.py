"""The rows of a work package copied from a server project into a new SQLite package: one
REPEATABLE READ snapshot of the server (never write-locking it), inserted into the package in
one transaction — the same rows, columns and package meta as store/sqlite/package_copy.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from ...core.model import MODEL
from ..connection import now

if TYPE_CHECKING:
    from ..project import Project


def copy_into_package(pkg: Project, project: Project, annotator: str, role: str,
                      package_id: str) -> tuple[int, int]:
    src, dst = project.connection, pkg.connection
    src_ann = project.annotator_id(annotator)
    src_model = project.annotator_id(MODEL, "model")
    # The package's two people are copies of the project's, spelt as there (allow_case_twin).
    dst_ann = pkg.annotator_id(annotator, role, allow_case_twin=True)
    dst_model = pkg.annotator_id(MODEL, "model", allow_case_twin=True)
    with src.snapshot():
        docs = [r[0] for r in src.execute(
            "SELECT d.id FROM documents d JOIN assignments a ON a.doc_id = d.id "
            "WHERE a.annotator_id = ? AND a.assigned = 1 ORDER BY d.id", (src_ann,))]
        marks = ",".join("?" * len(docs)) or "NULL"
        in_docs = f"doc_id IN ({marks})"
        tables: list[tuple[str, list[str], list[Sequence[Any]]]] = []

        def take(table: str, where: str, params: Sequence[Any], **fixed: Any) -> None:
            cur = src.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY 1", list(params))
            columns = [d[0] for d in cur.description]
            rows = [[fixed.get(col, value) for col, value in zip(columns, row)] for row in cur]
            tables.append((table, columns, rows))

        meta = src.execute("SELECT key, value FROM meta").fetchall()
        take("documents", f"id IN ({marks})", docs)
        for src_id, dst_id in ((src_model, dst_model), (src_ann, dst_ann)):
            for table in ("spans", "events"):
                take(table, f"annotator_id = ? AND {in_docs}", [src_id, *docs], annotator_id=dst_id)
        take("arguments", f"event_id IN (SELECT id FROM events WHERE annotator_id IN (?, ?) AND {in_docs})",
             [src_model, src_ann, *docs])
        take("assignments", f"annotator_id = ? AND {in_docs}", [src_ann, *docs], annotator_id=dst_ann)
        # The annotator's history travels too, so undo works in the package as it did at home.
        take("audit", f"annotator_id = ? AND {in_docs}", [src_ann, *docs], annotator_id=dst_ann)
        source_audit_max = src.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0]
    with dst.write():
        for key, value in meta:
            dst.set_meta(key, value)
        for table, columns, rows in tables:
            if rows:
                names = ", ".join(f'"{c}"' for c in columns)
                dst.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})", rows)
        dst.execute("INSERT INTO package_docs (package_id, doc_id, seconds_base) "
                    "SELECT ?, doc_id, seconds_spent FROM assignments WHERE annotator_id = ?", (package_id, dst_ann))
        package_audit_base = dst.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0]
        for key, value in (("package_id", package_id), ("package_annotator", annotator),
                           ("package_created_at", now()), ("package_source", str(project.path)),
                           ("package_source_audit_max", str(source_audit_max)),
                           ("package_audit_base", str(package_audit_base))):
            dst.set_meta(key, value)
        spans = dst.execute("SELECT count(*) FROM spans WHERE annotator_id = ?", (dst_ann,)).fetchone()[0]
        events = dst.execute("SELECT count(*) FROM events WHERE annotator_id = ?", (dst_ann,)).fetchone()[0]
    dst.forget_scheme()
    return spans, events
