"""Conversion between SQLite rows and core objects (no queries here)."""

from __future__ import annotations

import json
from typing import Any

from ..core.model import Argument, Document, Event, Span

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


SPAN_INSERT = (
    'INSERT INTO spans (id, doc_id, annotator_id, layer, start, "end", label, actor_code, origin, '
    "status, attrs, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def event_values(event: Event, doc_id: int, annotator_id: int, now: str) -> tuple[Any, ...]:
    return (event.id, doc_id, annotator_id, event.trigger, event.type, event.mode, event.context,
            int(event.negated), event.origin, event.status, dumps(event.attrs), now, now)


EVENT_INSERT = (
    "INSERT INTO events (id, doc_id, annotator_id, trigger_span_id, type, mode, context, negated, "
    "origin, status, attrs, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)

ARGUMENT_INSERT = "INSERT INTO arguments (event_id, role, span_id, position) VALUES (?,?,?,?)"


def argument_values(event: Event) -> list[tuple[Any, ...]]:
    return [(event.id, a.role, a.span_id, i) for i, a in enumerate(event.arguments)]
