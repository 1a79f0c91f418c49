"""The rows of a `ModelBatch` inserted with one statement per table (SQLite's JSON functions).

The whole insert of a table is one sqlite3_step, during which Python's sqlite3 releases the
GIL, so a writer thread's B-tree work runs alongside the caller's NLP instead of handing the
GIL back and forth once per row (executemany).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from ..rows import argument_positions_insert

if TYPE_CHECKING:
    from ..model_layer import ModelBatch

# One statement per table over the batch as ONE JSON text (`ModelBatch.docs`, see there): the
# whole insert is one sqlite3_step, during which Python's sqlite3 releases the GIL, so a writer
# thread's B-tree work runs alongside the caller's NLP instead of handing the GIL back and forth
# once per row (executemany). Ids, the layer, origin and status are computed here, not sent.
# json_extract, not ->>: SQLite < 3.38 lacks the operator.
# ?1 = the model's annotator id, ?2 = the batch's time stamp, ?3 = ModelBatch.docs as JSON.
# The documents are materialised first: otherwise SQLite re-reads each document's JSON for
# every entity, trigger and argument row (`d.ent_base` is an expression over the whole text).
_DOCS = ("WITH d AS MATERIALIZED (SELECT json_extract(value, '$[0]') AS doc_id, "
         "json_extract(value, '$[1]') AS ent_base, json_extract(value, '$[2]') AS ents, "
         "json_extract(value, '$[3]') AS trig_base, json_extract(value, '$[4]') AS triggers "
         "FROM json_each(?3)) ")
_ENTITY_INSERT = (
    _DOCS + 'INSERT INTO spans (id, doc_id, annotator_id, layer, start, "end", label, actor_code, origin, status, attrs, '
    "created_at, updated_at) "
    "SELECT d.ent_base + e.key, d.doc_id, ?1, 'entity', json_extract(e.value, '$[0]'), "
    "json_extract(e.value, '$[1]'), json_extract(e.value, '$[2]'), NULLIF(json_extract(e.value, '$[3]'), ''), "
    "'model', 'suggested', CASE json_extract(e.value, '$[4]') WHEN 'generic' THEN '{\"generic\": true}' ELSE '{}' END, "
    "?2, ?2 FROM d, json_each(d.ents) AS e WHERE e.type = 'array'")
# A generic actor ("police", "protesters": preannotate.actors) is marked in its attrs, as
# rows.dumps({"generic": True}) writes it; the evaluation does not count it as a named entity.
# The attrs text is what rows.dumps({"lemma": ...}) writes for a string lemma.
_TRIGGER_INSERT = (
    _DOCS + 'INSERT INTO spans (id, doc_id, annotator_id, layer, start, "end", label, actor_code, origin, status, attrs, '
    "created_at, updated_at) "
    "SELECT d.trig_base + 2 * t.key, d.doc_id, ?1, 'trigger', json_extract(t.value, '$[0]'), "
    "json_extract(t.value, '$[1]'), json_extract(t.value, '$[2][0]'), NULL, 'model', 'suggested', "
    "'{\"lemma\": ' || json_quote(json_extract(t.value, '$[2][2]')) || '}', ?2, ?2 "
    "FROM d, json_each(d.triggers) AS t WHERE t.type = 'array'")
_EVENT_INSERT = (
    _DOCS + "INSERT INTO events (id, doc_id, annotator_id, trigger_span_id, type, mode, context, negated, origin, status, "
    "attrs, created_at, updated_at) "
    "SELECT d.trig_base + 2 * t.key + 1, d.doc_id, ?1, d.trig_base + 2 * t.key, json_extract(t.value, '$[2][0]'), "
    "json_extract(t.value, '$[2][1]'), NULL, json_extract(t.value, '$[2][3]') IS 1, 'model', 'suggested', "
    "'{}', ?2, ?2 FROM d, json_each(d.triggers) AS t WHERE t.type = 'array'")
_ARGUMENT_INSERT = _DOCS + argument_positions_insert(
    "SELECT d.trig_base + 2 * t.key + 1 AS event_id, json_extract(a.value, '$[0]') AS role, "
    "d.ent_base + json_extract(a.value, '$[1]') AS span_id "
    "FROM d, json_each(d.triggers) AS t, json_each(t.value, '$[2][4]') AS a WHERE t.type = 'array'")
# ?1 = time stamp, ?2 = annotator id, ?3 = edit kind, ?4 = [doc_id, payload_text] rows as JSON.
_AUDIT_INSERT = ("INSERT INTO audit (ts, annotator_id, doc_id, action, edit_kind, payload) "
                 "SELECT ?1, ?2, json_extract(value, '$[0]'), 'system', ?3, json_extract(value, '$[1]') "
                 "FROM json_each(?4)")


def insert_model_rows(conn: sqlite3.Connection, ann_id: int, batch: ModelBatch) -> None:
    """Spans, events, arguments and one audit row per document of `batch`, inside the caller's
    transaction (the model rows they replace are already deleted)."""
    docs = (ann_id, batch.ts, "[" + ",".join(batch.docs) + "]")
    for statement in (_ENTITY_INSERT, _TRIGGER_INSERT, _EVENT_INSERT, _ARGUMENT_INSERT):
        conn.execute(statement, docs)
    conn.execute(_AUDIT_INSERT, (batch.ts, ann_id, batch.kind, "[" + ",".join(batch.audit) + "]"))
