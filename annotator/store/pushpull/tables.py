"""The columns push and pull copy, table by table: every column of every table of a project
except `sessions` (who has the project open is a fact about one database, not project data) and
a server's own tables (its migrations, and the database users mapped to annotators: users
belong to one server; `annotator role URL NAME ROLE --db-user USER` maps them again).

Named here rather than read from the database (`PRAGMA table_info` is SQLite's only) so the
copy is plain SQL on any engine; tests/test_pushpull.py fails when a migration adds a column
that is not listed here.
"""

from __future__ import annotations

from .. import rows as R

# The tables the store's parts write row by row already have their column lists in rows.py.
DOCUMENTS = R.DOCUMENT_ROW
ANNOTATORS = ("id", "name", "role")
SPANS = R.SPAN_ROW
EVENTS = R.EVENT_ROW
ARGUMENTS = R.ARGUMENT_ROW
ASSIGNMENTS = ("doc_id", "annotator_id", "state", "assigned", "seconds_spent", "seeded_at", "updated_at")
AUDIT = ("id", "ts", "annotator_id", "doc_id", "action", "edit_kind", "payload", "edit_token", "writer")
PACKAGE_DOCS = ("package_id", "doc_id", "seconds_base")
MERGED_AUDIT = ("package_id", "package_audit_id", "audit_id")
LLM_CACHE = ("model", "prompt_version", "chunk_sha256", "reply", "prompt_tokens", "completion_tokens", "created_at")
META = ("key", "value")

COPIED = {
    "meta": META, "documents": DOCUMENTS, "annotators": ANNOTATORS, "spans": SPANS, "events": EVENTS,
    "arguments": ARGUMENTS, "assignments": ASSIGNMENTS, "audit": AUDIT, "package_docs": PACKAGE_DOCS,
    "merged_audit": MERGED_AUDIT, "llm_cache": LLM_CACHE,
}
NOT_COPIED = ("sessions",)
SERVER_ONLY = ("annotator_migrations", "server_users")


def names(columns: tuple[str, ...], prefix: str = "") -> str:
    """The column list for SQL ("end" is a keyword: every name is quoted)."""
    return ", ".join(f'{prefix}"{col}"' for col in columns)

