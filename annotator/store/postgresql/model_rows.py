"""The rows of a `ModelBatch` inserted with one statement per table (PostgreSQL's JSON functions),
the same computation as store/sqlite/model_rows.py: ids, layer, origin, status and argument
positions are derived in SQL from the batch sent as one JSON text, so a batch is five round
trips whatever its size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..rows import argument_positions_insert

if TYPE_CHECKING:
    from ..model_layer import ModelBatch
    from .connection import PgConnection

# %(docs)s = ModelBatch.docs as one JSON array; %(ann)s the model's annotator id; %(ts)s the time.
_DOCS = ("WITH d AS MATERIALIZED (SELECT (v->>0)::bigint AS doc_id, (v->>1)::bigint AS ent_base, "
         "v->2 AS ents, (v->>3)::bigint AS trig_base, v->4 AS triggers "
         "FROM jsonb_array_elements(%(docs)s::jsonb) AS v) ")
_SPAN_COLUMNS = 'id, doc_id, annotator_id, layer, start, "end", label, actor_code, origin, status, attrs, created_at, updated_at'
_ENTITY_INSERT = (
    _DOCS + f"INSERT INTO spans ({_SPAN_COLUMNS}) "
    "SELECT d.ent_base + e.i - 1, d.doc_id, %(ann)s, 'entity', (e.v->>0)::int, (e.v->>1)::int, e.v->>2, "
    "NULLIF(e.v->>3, ''), 'model', 'suggested', "
    "CASE e.v->>4 WHEN 'generic' THEN '{\"generic\": true}' ELSE '{}' END, %(ts)s, %(ts)s "
    "FROM d, jsonb_array_elements(d.ents) WITH ORDINALITY AS e(v, i) WHERE jsonb_typeof(e.v) = 'array'")
# attrs as rows.dumps({"lemma": ...}) writes it (a JSON string, or null).
_TRIGGER_INSERT = (
    _DOCS + f"INSERT INTO spans ({_SPAN_COLUMNS}) "
    "SELECT d.trig_base + 2 * (t.i - 1), d.doc_id, %(ann)s, 'trigger', (t.v->>0)::int, (t.v->>1)::int, "
    "t.v->2->>0, NULL, 'model', 'suggested', '{\"lemma\": ' || coalesce((t.v->2->2)::text, 'null') || '}', "
    "%(ts)s, %(ts)s "
    "FROM d, jsonb_array_elements(d.triggers) WITH ORDINALITY AS t(v, i) WHERE jsonb_typeof(t.v) = 'array'")
_EVENT_INSERT = (
    _DOCS + "INSERT INTO events (id, doc_id, annotator_id, trigger_span_id, type, mode, context, negated, origin, "
    "status, attrs, created_at, updated_at) "
    "SELECT d.trig_base + 2 * (t.i - 1) + 1, d.doc_id, %(ann)s, d.trig_base + 2 * (t.i - 1), t.v->2->>0, "
    "t.v->2->>1, NULL, CASE WHEN t.v->2->3 IN ('1'::jsonb, 'true'::jsonb) THEN 1 ELSE 0 END, 'model', "
    "'suggested', '{}', %(ts)s, %(ts)s "
    "FROM d, jsonb_array_elements(d.triggers) WITH ORDINALITY AS t(v, i) WHERE jsonb_typeof(t.v) = 'array'")
_ARGUMENT_INSERT = _DOCS + argument_positions_insert(
    "SELECT d.trig_base + 2 * (t.i - 1) + 1 AS event_id, a.v->>0 AS role, "
    "d.ent_base + (a.v->>1)::bigint AS span_id "
    "FROM d, jsonb_array_elements(d.triggers) WITH ORDINALITY AS t(v, i), "
    "jsonb_array_elements(CASE WHEN jsonb_typeof(t.v->2->4) = 'array' THEN t.v->2->4 ELSE '[]'::jsonb END) AS a(v) "
    "WHERE jsonb_typeof(t.v) = 'array'")
_AUDIT_INSERT = ("INSERT INTO audit (ts, annotator_id, doc_id, action, edit_kind, payload) "
                 "SELECT %(ts)s, %(ann)s, (v->>0)::bigint, 'system', %(kind)s, v->>1 "
                 "FROM jsonb_array_elements(%(rows)s::jsonb) AS v")


def insert_model_rows(raw: PgConnection, ann_id: int, batch: ModelBatch) -> None:
    """Spans, events, arguments and one audit row per document of `batch`, inside the caller's
    transaction (the model rows they replace are already deleted)."""
    params = {"ann": ann_id, "ts": batch.ts, "docs": "[" + ",".join(batch.docs) + "]"}
    raw.send_waiting()  # statements queued by execute_later go first, in order
    for statement in (_ENTITY_INSERT, _TRIGGER_INSERT, _EVENT_INSERT, _ARGUMENT_INSERT):
        raw.pg.execute(statement, params)
    raw.pg.execute(_AUDIT_INSERT, {"ts": batch.ts, "ann": ann_id, "kind": batch.kind,
                                   "rows": "[" + ",".join(batch.audit) + "]"})
