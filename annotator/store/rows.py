"""Conversion between SQLite rows and core objects (no queries here)."""

from __future__ import annotations

import json
from typing import Any

from ..core.model import ROLES, Argument, Document, Event, Span

SPAN_COLUMNS = 'id, start, "end", label, layer, actor_code, origin, status, attrs'
EVENT_COLUMNS = "id, trigger_span_id, type, mode, context, negated, origin, status, attrs"
DOCUMENT_COLUMNS = "id, ext_id, title, text, source, published, meta"


def loads_attrs(raw: str) -> dict[str, Any]:
    # Most rows carry no attributes; skipping the parser for them halves layer loading time.
    return {} if raw == "{}" else json.loads(raw)


def span_from_row(row: tuple[Any, ...]) -> Span:
    sid, start, end, label, layer, actor_code, origin, status, attrs = row
    return Span(sid, start, end, label, layer, actor_code, origin, status, loads_attrs(attrs))


def event_from_row(row: tuple[Any, ...], arguments: list[Argument]) -> Event:
    eid, trigger, etype, mode, context, negated, origin, status, attrs = row
    return Event(eid, trigger, etype, mode, context, bool(negated), origin, status, arguments, loads_attrs(attrs))


def document_from_row(row: tuple[Any, ...]) -> Document:
    did, ext_id, title, text, source, published, meta = row
    return Document(text=text, ext_id=ext_id, title=title, meta=json.loads(meta), source=source,
                    published=published, id=did)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def span_values(span: Span, doc_id: int, annotator_id: int, now: str) -> tuple[Any, ...]:
    return (span.id, doc_id, annotator_id, span.layer, span.start, span.end, span.label, span.actor_code,
            span.origin, span.status, dumps(span.attrs), now, now)


# The columns `span_values` / `event_values` / `argument_values` / `document_values` fill, in order
# (the bulk path hands them to the engine's `insert_rows`: executemany on SQLite, COPY on PostgreSQL).
SPAN_ROW = ("id", "doc_id", "annotator_id", "layer", "start", "end", "label", "actor_code", "origin", "status",
            "attrs", "created_at", "updated_at")
EVENT_ROW = ("id", "doc_id", "annotator_id", "trigger_span_id", "type", "mode", "context", "negated", "origin",
             "status", "attrs", "created_at", "updated_at")
ARGUMENT_ROW = ("event_id", "role", "span_id", "position")
AUDIT_ROW = ("ts", "annotator_id", "doc_id", "action", "edit_kind", "payload")  # id: the next one
DOCUMENT_ROW = ("id", "ext_id", "title", "text", "text_len", "text_sha256", "text_hash", "source", "published",
                "meta", "added_at")
# A document without source and published date (most of a large import): those columns left NULL.
# SQLite adapts every None parameter through two failing attribute lookups, which cost a
# short-document import several per cent of its time.
DOCUMENT_ROW_UNDATED = ("id", "ext_id", "title", "text", "text_len", "text_sha256", "text_hash", "meta", "added_at")


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({','.join('?' * len(columns))})"


SPAN_INSERT = insert_sql("spans", SPAN_ROW)
# A layer's state (its assignment row, made when missing): params (doc_id, annotator_id, state, now).
STATE_UPSERT = """INSERT INTO assignments (doc_id, annotator_id, state, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (doc_id, annotator_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at"""


def event_values(event: Event, doc_id: int, annotator_id: int, now: str) -> tuple[Any, ...]:
    return (event.id, doc_id, annotator_id, event.trigger, event.type, event.mode, event.context,
            int(event.negated), event.origin, event.status, dumps(event.attrs), now, now)


EVENT_INSERT = insert_sql("events", EVENT_ROW)
ARGUMENT_INSERT = insert_sql("arguments", ARGUMENT_ROW)


def argument_values(event: Event) -> list[tuple[Any, ...]]:
    return [(event.id, a.role, a.span_id, i) for i, a in enumerate(event.arguments)]


# Argument positions follow Event.sort_arguments: by role, in the order of core.model.ROLES. The
# engines' bulk writers of model layers (sqlite/ and postgresql/ model_rows.py) number the
# (event_id, role, span_id) rows their own JSON functions produce with this one statement.
ROLE_RANK = "CASE role " + " ".join(f"WHEN '{r}' THEN {i}" for i, r in enumerate(ROLES)) + f" ELSE {len(ROLES)} END"


def argument_positions_insert(rows_sql: str) -> str:
    """INSERT of arguments from `rows_sql` (selecting event_id, role, span_id) with their positions."""
    return ("INSERT INTO arguments (event_id, role, span_id, position) SELECT event_id, role, span_id, "
            f"row_number() OVER (PARTITION BY event_id ORDER BY {ROLE_RANK}, span_id) - 1 FROM ({rows_sql}) AS x")
