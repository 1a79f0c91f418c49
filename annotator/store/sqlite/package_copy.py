"""The rows of a work package copied from the team's project file (SQLite: ATTACH the source,
INSERT ... SELECT table by table in one deferred transaction of the new file)."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from ...core.model import MODEL
from ..connection import now

if TYPE_CHECKING:
    from ..project import Project


def copy_into_package(pkg: Project, project: Project, annotator: str, role: str,
                       package_id: str) -> tuple[int, int]:
    c = pkg.conn
    src_ann = project.annotator_id(annotator)
    src_model = project.annotator_id(MODEL, "model")
    # The package's two people are copies of the project's, spelt as there (allow_case_twin).
    dst_ann = pkg.annotator_id(annotator, role, allow_case_twin=True)
    dst_model = pkg.annotator_id(MODEL, "model", allow_case_twin=True)
    c.execute("ATTACH DATABASE ? AS src", (str(project.path),))
    try:
        # A deferred transaction: it writes only the new file and merely reads the source (one
        # consistent snapshot), so the team's project is never write-locked while packaging.
        with _deferred(c):
            c.execute("INSERT OR REPLACE INTO meta (key, value) SELECT key, value FROM src.meta")
            docs_sql = ("SELECT d.id FROM src.documents d JOIN src.assignments a ON a.doc_id = d.id "
                        "WHERE a.annotator_id = ? AND a.assigned = 1")
            _copy(c, "documents", f"id IN ({docs_sql})", (src_ann,))
            in_package = "doc_id IN (SELECT id FROM main.documents)"
            for src_id, dst_id in ((src_model, dst_model), (src_ann, dst_ann)):
                for table in ("spans", "events"):
                    _copy(c, table, f"annotator_id = ? AND {in_package}", (src_id,), annotator_id=dst_id)
            _copy(c, "arguments", "event_id IN (SELECT id FROM main.events)", ())
            _copy(c, "assignments", f"annotator_id = ? AND {in_package}", (src_ann,), annotator_id=dst_ann)
            # The annotator's history travels too, so undo works in the package as it did at home.
            _copy(c, "audit", f"annotator_id = ? AND {in_package}", (src_ann,), annotator_id=dst_ann)
            c.execute(
                """INSERT INTO package_docs (package_id, doc_id, seconds_base)
                   SELECT ?, doc_id, seconds_spent FROM assignments WHERE annotator_id = ?""",
                (package_id, dst_ann),
            )
            source_audit_max = c.execute("SELECT coalesce(max(id), 0) FROM src.audit").fetchone()[0]
            package_audit_base = c.execute("SELECT coalesce(max(id), 0) FROM main.audit").fetchone()[0]
            for key, value in (("package_id", package_id), ("package_annotator", annotator),
                               ("package_created_at", now()), ("package_source", str(project.path)),
                               ("package_source_audit_max", str(source_audit_max)),
                               ("package_audit_base", str(package_audit_base))):
                pkg.connection.set_meta(key, value)
            spans = c.execute("SELECT count(*) FROM spans WHERE annotator_id = ?", (dst_ann,)).fetchone()[0]
            events = c.execute("SELECT count(*) FROM events WHERE annotator_id = ?", (dst_ann,)).fetchone()[0]
    finally:
        c.execute("DETACH DATABASE src")
    pkg.connection.forget_scheme()
    return spans, events


def _copy(c: sqlite3.Connection, table: str, where: str, params: Sequence[Any], **fixed: Any) -> None:
    """Copy the rows of `src.table` matching `where` into the same table of the package, column
    by column name (both files have the same migrations, but never rely on column order);
    `fixed` columns get a given value instead (the annotator ids differ between files)."""
    columns = [r[1] for r in c.execute(f"PRAGMA main.table_info({table})")]
    selected = ", ".join("?" if col in fixed else f'"{col}"' for col in columns)
    names = ", ".join(f'"{col}"' for col in columns)
    c.execute(f"INSERT INTO main.{table} ({names}) SELECT {selected} FROM src.{table} WHERE {where}",
              [*(fixed[col] for col in columns if col in fixed), *params])


@contextmanager
def _deferred(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()
