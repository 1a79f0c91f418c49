"""Bulk access to the `model` layer for pre-annotation: choose documents, stream their texts,
replace the model layer of a batch of documents in one transaction (one INSERT ... SELECT
per table over the batch as one JSON text, see `ModelBatch` and `replace_model_layers`).

Only the model annotator's rows are deleted or written; every person's layer (including the
suggestions already copied into it) stays exactly as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..core.model import MODEL, ROLES

if TYPE_CHECKING:
    from .project import Project

_CHUNK = 500  # host parameters per IN (...) list


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
# Positions follow Event.sort_arguments: by role, in the order of core.model.ROLES.
_ROLE_RANK = "CASE role " + " ".join(f"WHEN '{r}' THEN {i}" for i, r in enumerate(ROLES)) + f" ELSE {len(ROLES)} END"
_ARGUMENT_INSERT = (
    _DOCS + "INSERT INTO arguments (event_id, role, span_id, position) "
    f"SELECT event_id, role, span_id, row_number() OVER (PARTITION BY event_id ORDER BY {_ROLE_RANK}, span_id) - 1 "
    "FROM (SELECT d.trig_base + 2 * t.key + 1 AS event_id, json_extract(a.value, '$[0]') AS role, "
    "d.ent_base + json_extract(a.value, '$[1]') AS span_id "
    "FROM d, json_each(d.triggers) AS t, json_each(t.value, '$[2][4]') AS a WHERE t.type = 'array')")
# ?1 = time stamp, ?2 = annotator id, ?3 = edit kind, ?4 = [doc_id, payload_text] rows as JSON.
_AUDIT_INSERT = ("INSERT INTO audit (ts, annotator_id, doc_id, action, edit_kind, payload) "
                 "SELECT ?1, ?2, json_extract(value, '$[0]'), 'system', ?3, json_extract(value, '$[1]') "
                 "FROM json_each(?4)")
_json_rows = json.JSONEncoder(ensure_ascii=False, check_circular=False, allow_nan=False).encode


def select_documents(project: Project, doc_ids: Sequence[int] | None = None, *,
                     only_todo: bool = False) -> list[int]:
    """Ids to pre-annotate, in id order: all, or those of `doc_ids` that exist; with
    `only_todo`, only documents no person (any role but the model) has marked done."""
    where = ""
    if only_todo:
        where = ("WHERE NOT EXISTS (SELECT 1 FROM assignments a JOIN annotators n ON n.id = a.annotator_id "
                 "WHERE a.doc_id = d.id AND a.state = 'done' AND n.role != 'model')")
    ids = [r[0] for r in project.conn.execute(f"SELECT d.id FROM documents d {where} ORDER BY d.id")]
    if doc_ids is not None:
        wanted = set(doc_ids)
        ids = [i for i in ids if i in wanted]
    return ids


def iter_texts(project: Project, doc_ids: Sequence[int], page: int = 200) -> Iterator[tuple[str, int]]:
    """(text, doc_id) pairs, a page of rows at a time (fetched whole, so no cursor stays open
    across the caller's write transactions)."""
    for start in range(0, len(doc_ids), page):
        chunk = list(doc_ids[start : start + page])
        marks = ",".join("?" * len(chunk))
        rows = dict(project.conn.execute(f"SELECT id, text FROM documents WHERE id IN ({marks})", chunk).fetchall())
        for doc_id in chunk:
            if doc_id in rows:
                yield rows[doc_id], doc_id


class ModelBatch:
    """The model layers of a batch of documents, in the compact form the pre-annotator
    produces and `replace_model_layers` writes: the SQL computes ids, layer, origin, status
    and argument positions, so no per-row tuples are built in Python. Per document (`add`):

    entities[i] = [start, end, label, actor_code or ""] gets span id ent_base + i; None skips
    it (its id stays unused). triggers[k] = [start, end, [type, mode, lemma, negated,
    [[role, entity_index], ...]]] gets span id trig_base + 2k and event id trig_base + 2k + 1;
    None skips it. The producer reserves those id ranges, checks labels and modes against the
    scheme, and leaves out arguments of skipped entities.

    Each document is encoded to JSON as it is added: a batch then holds a few strings per
    document instead of thousands of lists, which would otherwise survive into the older
    garbage-collector generations and make Python's collections run (measured: +6% time).
    The annotator (the model), the time stamp `ts` (taken when the batch is started) and the
    audit `kind` are the same for the whole batch."""

    __slots__ = ("audit", "doc_ids", "docs", "kind", "ts")

    def __init__(self, kind: str = "Preannotate") -> None:
        from .project import now

        self.doc_ids: list[int] = []
        self.docs: list[str] = []
        self.audit: list[str] = []
        self.ts = now()
        self.kind = kind

    def __len__(self) -> int:
        return len(self.doc_ids)

    def add(self, doc_id: int, ent_base: int, entities: list, trig_base: int, triggers: list,
            spans: int, events: int) -> None:
        """One document's model layer; `spans` and `events` (the numbers kept) go to its audit row."""
        self.doc_ids.append(doc_id)
        self.docs.append(_json_rows([doc_id, ent_base, entities, trig_base, triggers]))
        payload = f'{{"events": {int(events)}, "spans": {int(spans)}}}'  # as rows.dumps writes it
        self.audit.append(_json_rows([doc_id, payload]))


def model_annotator_id(project: Project) -> int:
    return project.annotator_id(MODEL, "model")


def replace_model_layers(project: Project, batch: ModelBatch) -> None:
    """Replace the model layer of every document of `batch` in ONE transaction, with one audit
    row per document. The caller guarantees offsets and labels fit (the pre-annotator builds
    them from the stored text and the project's scheme)."""
    if not batch:
        return
    ann_id = model_annotator_id(project)
    doc_ids = batch.doc_ids
    conn = project.conn
    with project.write():
        for start in range(0, len(doc_ids), _CHUNK):
            chunk = doc_ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            params = [ann_id, *chunk]
            conn.execute("DELETE FROM arguments WHERE event_id IN "
                         f"(SELECT id FROM events WHERE annotator_id = ? AND doc_id IN ({marks}))", params)
            conn.execute(f"DELETE FROM events WHERE annotator_id = ? AND doc_id IN ({marks})", params)
            conn.execute(f"DELETE FROM spans WHERE annotator_id = ? AND doc_id IN ({marks})", params)
        docs = (ann_id, batch.ts, "[" + ",".join(batch.docs) + "]")
        for statement in (_ENTITY_INSERT, _TRIGGER_INSERT, _EVENT_INSERT, _ARGUMENT_INSERT):
            conn.execute(statement, docs)
        conn.execute(_AUDIT_INSERT, (batch.ts, ann_id, batch.kind, "[" + ",".join(batch.audit) + "]"))
