"""doccano JSONL, both project types in one file.

Written per document (one layer, `--layer`), both forms side by side so the same file imports
into a doccano sequence-labelling project (`label`) and a relation project (`entities` +
`relations`):
    {"text", "id"?, "title"?, "source"?, "published"?, "meta",
     "label": [[start, end, "LABEL"], ...],
     "entities": [{"id", "start_offset", "end_offset", "label",
                   "layer", "actor_code", "status", "origin", "attrs"?}],
     "relations": [{"id", "from_id", "to_id", "type"}],      # trigger -> argument, type = role; each once
     "events": [{"id", "trigger", "trigger_offsets", "type", "mode", "context", "negated", "status", "origin",
                 "attrs"?, "arguments": [{"role", "span", "offsets"}]}],
     "annotator", "state"}
Triggers are entities labelled with their event type; the extra keys (which doccano ignores)
make our own files round-trip exactly. An event's `arguments` tell which relations are its own
when several events share a trigger (`layers.RelationArguments`).

Reading: the relation form when `entities` is present, else the sequence-labelling form
(`label`, or `labels`, or a `*label` column such as doccano's `column_label`; the text is
`text` or the `--text-column`). Overlapping spans are kept. Without our extra keys a span is a
trigger when it is the source of a relation whose type is an argument role (source, target,
location, date) or when its label is an event type of the scheme and not an entity label;
other relations are kept with their first entity (`attrs.relations`, as brat's `R` lines) and
written back in `relations`. Pretty-printed files (one
JSON object over several lines, as doccano's documentation shows) are read too. Labels of the
whole document (text classification, intent detection's `cats`) go into meta as `cats`; the label
strings of a file whose answers read as texts (a sequence-to-sequence project, same shape:
`_label_strings_are_texts`) as `texts`.
doccano 1.x `annotations` are spans (with offsets) or, in a text-classification project, labels of
the whole document (without), each signed by a `user` number: a file signed by several users gets
a layer per user, `<--annotator or doccano>-user<N>`, and its document labels go into meta as
`cats_by_annotator` under the same names (`_LayerNames`, docs/formats.md).

Offsets are written in UTF-16 code units, as doccano 1.6 on counts them (its web client's
JavaScript string positions, doccano issue #2290): an emoji before a span counts two. Read, a
record's offsets are taken in the unit of the doccano version its shape names -- code points for
doccano 0.x after March 2019 to 1.5 -- unless the record shows the other unit (`_Units`). Other top-level keys
of a record are the example's metadata (doccano spreads `meta` into the record) and are kept in
the document's meta.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..core.errors import InputError
from ..core.model import DOC_STATES, LAYERS, ORIGINS, STATUSES, AnnotatedDocument, Event, Layer, Span
from ..core.offsets import Utf16Index, inside_character
from .io import (atomic_file, dumps_line, first_json_objects, is_stream, json_lines, raw_lines, read_text,
                 sniffed_suffix)
from .layers import (IdMap, LayerNamer, RelationArguments, Tally, integer, integer_field, is_trigger_label,
                     layer_relations, layered, listed_arguments, numbered_by_file, record_document,
                     relabelled_event, report_widened, role_of, span_order, with_other_fields)
from .registry import ReadOptions, WriteOptions

SNIFF_BYTES = 1 << 20
# Keys of a record that are not the example's own metadata (doccano writes that as top-level
# keys beside these: `{"id", "text", **meta, "label"}`).
RECORD_KEYS = frozenset({"id", "text", "title", "source", "published", "meta", "label", "labels", "entities",
                         "relations", "events", "annotator", "state", "cats", "annotations", "comments",
                         "Comments"})


# ----------------------------------------------------------------------------- writing
def record_for(doc: AnnotatedDocument, layer: Layer) -> dict[str, Any]:
    d = doc.document
    spans = sorted(layer.spans.values(), key=span_order)
    units = Utf16Index(d.text)
    offsets = {s.id: (units.to_utf16(s.start), units.to_utf16(s.end)) for s in spans}
    entities = []
    for s in spans:
        start, end = offsets[s.id]
        entity = {"id": s.id, "start_offset": start, "end_offset": end, "label": s.label, "layer": s.layer,
                  "actor_code": s.actor_code, "status": s.status, "origin": s.origin}
        if s.attrs:
            entity["attrs"] = s.attrs
        entities.append(entity)
    relations = [{"id": k, "from_id": head, "to_id": child, "type": rtype}
                 for k, (head, child, rtype) in enumerate(layer_relations(layer))]
    events = []
    for event in sorted(layer.events.values(), key=lambda e: e.id):
        record = {"id": event.id, "trigger": event.trigger,
                  # doccano renumbers entities on import and exports this record's other keys as they
                  # were: the offsets let a file that went through doccano find the trigger again
                  "trigger_offsets": list(offsets[event.trigger]) if event.trigger in offsets else None,
                  "type": event.type, "mode": event.mode,
                  "context": event.context, "negated": event.negated, "status": event.status,
                  "origin": event.origin,
                  # a relation does not say which of the events sharing its trigger it belongs to: each
                  # event's own arguments, by id and (for a file that went through doccano) offsets
                  "arguments": [{"role": a.role, "span": a.span_id, "offsets": list(offsets[a.span_id])}
                                for a in event.arguments if a.span_id in offsets]}
        if event.attrs:
            record["attrs"] = event.attrs
        events.append(record)
    out: dict[str, Any] = {"text": d.text}
    for key, value in (("id", d.ext_id), ("title", d.title or None), ("source", d.source),
                       ("published", d.published)):
        if value is not None:
            out[key] = value
    out["meta"] = d.meta
    out["label"] = [[*offsets[s.id], s.label] for s in spans]
    out["entities"] = entities
    out["relations"] = relations
    out["events"] = events
    out["annotator"] = layer.annotator
    out["state"] = layer.state
    return out


def _overlaps(layer: Layer) -> bool:
    end = -1
    for span in sorted(layer.spans.values(), key=lambda s: (s.start, s.end)):
        if span.start < end:
            return True
        end = max(end, span.end)
    return False


def write(documents: Iterable[AnnotatedDocument], path: Path, options: WriteOptions) -> int:
    count = 0
    tally = Tally()
    with atomic_file(path) as out:
        for doc, layer in layered(documents, options, tally):
            if _overlaps(layer):
                # doccano's import (data_import/pipeline/labels.py, Spans.clean) keeps only the first of
                # overlapping spans unless the project allows overlapping entities; in a relation project
                # a relation on a dropped span then fails the whole batch (KeyError in Relations.save)
                tally.add("document(s) have overlapping spans: create the doccano project with \"Allow "
                          "overlapping entity\" on, or doccano drops all but the first of them (and, with "
                          "relations, imports none of the batch's relations)", doc.document.ext_id or None)
            report_widened(layer.spans.values(), doc.document.text, tally, "doccano")
            out.write(dumps_line(record_for(doc, layer)))
            count += 1
    tally.flush(options.warnings)
    return count


# ----------------------------------------------------------------------------- reading
def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line, object) from JSONL; a pretty-printed file (objects over several lines) is read whole."""
    try:
        yield from json_lines(path)
        return
    except InputError as exc:
        if exc.line != 1 or not _starts_with_brace(path):
            raise
    text = read_text(path)
    decoder = json.JSONDecoder()
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return
        line = text.count("\n", 0, position) + 1
        try:
            value, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg}", file=str(path), line=exc.lineno) from None
        values = value if isinstance(value, list) else [value]
        for item in values:
            if not isinstance(item, dict):
                raise InputError(f"each record must be a JSON object, found {type(item).__name__}",
                                 file=str(path), line=line)
            yield line, item


def _starts_with_brace(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def read(path: Path, options: ReadOptions) -> Iterator[AnnotatedDocument]:
    path = Path(path)
    names = _LayerNames(options, _users_in_file(path))
    label_texts = _label_strings_are_texts(path)
    tally = Tally()
    for line, record in _records(path):
        try:
            yield _document(_as_annotated_in_doccano(record, tally), path, line, options, names, label_texts, tally)
        except InputError as exc:
            raise exc.located(str(path), line) from None
    names.report()
    tally.flush(options.warnings)


# ----------------------------------------------------------------------------- who annotated (doccano 1.x)
def _user(item: Any) -> str | None:
    """The user a doccano 1.x annotation is signed by (1.x writes the user's number), as text;
    None when it names nobody usable."""
    user = item.get("user") if isinstance(item, dict) else None
    if isinstance(user, int) and not isinstance(user, bool):
        return str(user)
    if isinstance(user, str) and user.strip():
        return user.strip()
    return None


def _users_in_file(path: Path) -> set[str]:
    """First pass: the users that sign the file's doccano 1.x annotations, at most two (enough to
    tell "several"; the naming must be decided before the first document, as a document only user
    2 annotated still goes to user 2's layer). A file that never mentions "user" (every doccano
    export but 1.x's) is only scanned, not parsed; JSON errors are left to the second pass, which
    reports them with their line."""
    users: set[str] = set()
    # Import reads a pipe from a file copy (`registry.documents_to_import`); a pipe given to the
    # reader itself is read once, named as for one user.
    if is_stream(path) or not _mentions_user(path):
        return users
    try:
        for _line, record in _records(path):
            if annotations_1x(record):
                users.update(filter(None, map(_user, record["annotations"])))
                if len(users) > 1:
                    break
    except InputError:
        pass
    return users


def _mentions_user(path: Path) -> bool:
    return any(b'"user"' in raw for _offset, raw in raw_lines(path))


class _LayerNames:
    """Which layer each doccano 1.x annotation goes into, and its name.

    doccano 1.x exports every annotator's work on an example in one "annotations" list, each item
    signed with its "user" number. A file signed by several users gets a layer per user, named
    `<base>-user<N>` in every document alike, where <base> is --annotator, else 'doccano': one
    layer for all would credit one person's work to another and hold every span twice. Unsigned
    annotations in such a file go into the layer named as below. A file signed by one user or by
    none is one layer per document, named as every foreign format names it (`LayerNamer`:
    --annotator, else the record's "annotator", else 'doccano'), so those imports are as before."""

    def __init__(self, options: ReadOptions, users: set[str]) -> None:
        self.options = options
        self.namer = LayerNamer(options, "doccano")
        self.base = options.annotator or "doccano"
        self.several = len(users) > 1
        self.per_user: set[str] = set()  # the per-user layer names given, for the report

    def key(self, item: dict[str, Any], tally: Tally) -> str | None:
        """Annotations of one record with the same key make one layer."""
        if not self.several:
            return None
        user = _user(item)
        if user is None and item.get("user") is not None:
            tally.add("doccano 1.x annotation(s) whose 'user' is not a user number or name: put with the "
                      "unsigned ones", repr(item["user"])[:40])
        return user

    def name(self, key: str | None, record: dict[str, Any]) -> str:
        if key is None:
            signed = record.get("annotator")
            return self.namer(signed if isinstance(signed, str) and signed else None)
        name = f"{self.base}-user{key}"  # one prefix for all: no two users share a name
        self.per_user.add(name)
        return name

    def report(self) -> None:
        self.namer.report()
        if not self.per_user:
            return
        shown = sorted(self.per_user, key=lambda n: (len(n), n))
        listed = ", ".join(shown[:5]) + (", ..." if len(shown) > 5 else "")
        how = (f"--annotator {self.options.annotator!r} named their base" if self.options.annotator
               else "pass --annotator NAME to name them NAME-user<N> instead")
        self.options.warnings.append(
            f"the doccano 1.x annotations are signed by {len(shown)} users: each user's went into a layer of "
            f"their own, named '{self.base}-user<N>' after doccano's user number ({listed}); {how}")


def _label_key(record: dict[str, Any]) -> str | None:
    for key in ("label", "labels"):
        if key in record:
            return key
    return next((k for k in record if k.endswith(("label", "labels")) and isinstance(record[k], list)), None)


def _document(record: dict[str, Any], path: Path, line: int, options: ReadOptions, names: _LayerNames,
              label_texts: bool, tally: Tally) -> AnnotatedDocument:
    text_key = options.text_column if options.text_column in record else "text"
    if text_key not in record:  # doccano lets a project name its columns (column_data/column_label)
        named = [k for k, v in record.items() if k.endswith(("data", "text")) and isinstance(v, str)]
        text_key = named[0] if len(named) == 1 else text_key
    text = record.get(text_key)
    if not isinstance(text, str):
        if text_key not in record:
            raise InputError("the record has no 'text'", hint="pass --text-column NAME if the text is under another key")
        raise InputError(f"'{text_key}' must be a string, not {type(text).__name__}")
    meta = record.get("meta", {})
    if not isinstance(meta, dict):
        meta = {"meta": meta}
    meta = _kept_in_meta(record, meta, tally, label_texts)
    if label_texts and _document_labels(record.get(_label_key(record) or "")):
        # a sequence-to-sequence project of doccano 1.6 on: the texts written for the example
        # (translations, summaries), kept as the 1.x shape's {"text", "user"} answers are
        meta = _kept_by_annotator(meta, "texts", {None: list(record[_label_key(record) or ""])}, record, names,
                                  tally, SEQ2SEQ_TEXTS)
    meta = with_other_fields(record, meta, RECORD_KEYS | {text_key, _label_key(record)}, "doccano's", tally)
    units = _units_of(record, text, line, tally)
    state = record.get("state") if record.get("state") in DOC_STATES else "done"
    entities = record.get("entities")
    if not isinstance(entities, list) and annotations_1x(record):
        layers, labels, texts = _annotations_form(record, units, state, options, names, tally)
        meta = _with_document_labels_1x(meta, labels, record, names, tally)
        meta = _kept_by_annotator(meta, "texts", texts, record, names, tally, SEQ2SEQ_TEXTS)
    else:
        layers = _one_layer(record, units, state, options, names, tally)
    document = record_document(record, text, meta)
    return AnnotatedDocument(document, layers, source_file=str(path), source_line=line,
                             own_numbering=numbered_by_file(layers))


# ----------------------------------------------------------------------------- back from doccano
# Our export (`record_for`) writes both forms and our bookkeeping (`state`, `annotator`, `events`
# with their status, each entity's `status`/`layer`). doccano keeps the keys a project does not
# read as the example's metadata and writes them back unchanged: they say what the layer was at
# export time (the model's "todo", "suggested"), not what the annotator did. Read as they were,
# an annotator's whole doccano session came back as untouched suggestions, and a sequence-labelling
# project's fresh `label` lost to the stale `entities` beside it.
OUR_RECORD_KEYS = ("events", "state", "annotator")
OUR_ENTITY_KEYS = ("layer", "status", "origin")


def _annotated_in(record: dict[str, Any]) -> str | None:
    """Which form a record of ours came back from doccano with, fresh: "entities" (a relation
    project: doccano's entities carry none of our keys), "label" (a sequence-labelling project:
    its `label` differs from our stale `entities`, or doccano marked the record as its own -- a
    `Comments` column, a numeric example id, neither of which our writer writes); None for our
    own file as written, or any file without our bookkeeping."""
    entities = record.get("entities")
    # all of our bookkeeping, as our writer leaves it (a metadata column "state": "Texas" is none)
    ours_written = isinstance(record.get("events"), list) and record.get("state") in DOC_STATES \
        and isinstance(record.get("annotator"), str)
    if not ours_written or not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
        return None
    ours = any(key in e for e in entities for key in OUR_ENTITY_KEYS)
    by_doccano = "Comments" in record or type(record.get("id")) is int
    if entities and not ours:
        return "entities"
    label = record.get("label")
    if ours and isinstance(label, list):
        # compared as JSON text: an entity missing an offset (None) is left for the reading proper
        # to refuse with its line -- sorted as tuples, None beside an int was a TypeError traceback
        written = sorted(json.dumps([e.get("start_offset"), e.get("end_offset"), e.get("label")]) for e in entities)
        now = sorted(json.dumps(item) for item in label if isinstance(item, list) and len(item) == 3)
        if now != written or by_doccano:
            return "label"
    return None  # (an empty relation example: our own "nothing here", or nobody's work -- as written)


def _as_annotated_in_doccano(record: dict[str, Any], tally: Tally) -> dict[str, Any]:
    """The record as its annotator left it in doccano (`_annotated_in`): every span theirs
    (accepted), our stale state and layer name dropped (the doccano default, done, and
    --annotator), events kept for what doccano cannot show (mode, context, negation) with their
    type from the trigger's label now, found by `trigger_offsets`; after a sequence-labelling
    project, the entities rebuilt from `label` and the stale relations (arguments, doccano's own)
    kept between the spans still at their offsets."""
    fresh = _annotated_in(record)
    if fresh is None:
        return record
    tally.add(f"record(s) written by annotator came back from a doccano {'relation' if fresh == 'entities' else 'sequence-labelling'} "
              "project: what the annotator did there is read, not the state and statuses written at export")
    out = {key: value for key, value in record.items() if key not in ("state", "annotator")}
    out["events"] = [{key: value for key, value in e.items() if key not in ("status", "origin", "trigger")}
                     for e in record.get("events") or [] if isinstance(e, dict)]
    if fresh == "label":
        stale = {e.get("id"): (e.get("start_offset"), e.get("end_offset")) for e in record["entities"]}
        entities, at = [], {}
        for i, item in enumerate(record["label"]):
            if isinstance(item, list) and len(item) == 3:
                entities.append({"id": i, "start_offset": item[0], "end_offset": item[1], "label": item[2]})
                at.setdefault((item[0], item[1]), i)
        relations = []
        for r in record.get("relations") or []:
            if isinstance(r, dict) and stale.get(r.get("from_id")) in at and stale.get(r.get("to_id")) in at:
                relations.append({**r, "from_id": at[stale[r["from_id"]]], "to_id": at[stale[r["to_id"]]]})
        out["entities"], out["relations"] = entities, relations
    return out


def _one_layer(record: dict[str, Any], units: _Units, state: str, options: ReadOptions, names: _LayerNames,
               tally: Tally) -> list[Layer]:
    """The record's spans (relation form, intent detection's entity lists, sequence labelling)
    as one layer, or no layer when it has none."""
    layer = Layer("", state)
    ids = IdMap()
    entities = record.get("entities")
    key = _label_key(record)
    if isinstance(entities, list) and all(isinstance(e, dict) for e in entities):
        _relation_form(record, units, layer, ids, options, tally)
        has_annotations = True
    elif isinstance(entities, list):  # intent detection: "entities" as [[start, end, label]], "cats" beside
        _sequence_form(entities, "entities", units, layer, ids, options)
        has_annotations = True
    else:
        has_annotations = key is not None and not _document_labels(record[key])
        if has_annotations:
            _sequence_form(record[key], key, units, layer, ids, options)
    if has_annotations and not layer.spans and "state" not in record:
        # doccano exports every example, those nobody annotated with an empty list; a done
        # layer would say "checked: nothing here" of each. Our own files say "state".
        tally.add("record(s) with an empty label list: imported as texts without a layer (doccano writes "
                  "the examples nobody annotated so)")
        return []
    if not has_annotations:
        return []
    layer.annotator = names.name(None, record)
    return [layer]


def _document_labels(items: Any) -> bool:
    """doccano's text classification (and seq2seq) projects export "label" as a list of strings:
    labels of the whole document, not spans."""
    return isinstance(items, list) and bool(items) and all(isinstance(item, str) for item in items)


def _kept_in_meta(record: dict[str, Any], meta: dict[str, Any], tally: Tally, label_texts: bool = False
                  ) -> dict[str, Any]:
    """What a record says about the whole document goes into its meta: the labels of a text
    classification project (and the "cats" beside an intent-detection record) as spaCy's `cats`
    ({label: 1.0}), and the annotators' comments. With `label_texts` (`_label_strings_are_texts`)
    the record's label strings are texts of a sequence-to-sequence project, not labels: the
    caller keeps them as `texts`."""
    kept = dict(meta)
    keys = ("cats",) if label_texts else (_label_key(record), "cats")
    labels = [item for key in keys if key and _document_labels(record.get(key)) for item in record[key]]
    if labels:
        kept.setdefault("cats", {label: 1.0 for label in labels})
        tally.add("record(s) with document labels (text classification): kept in the document's meta as cats")
    for key in ("comments", "Comments"):
        if isinstance(record.get(key), list) and record[key]:
            kept.setdefault("comments", record[key])
    return kept


SEQ2SEQ_TEXTS = "texts written for them (sequence to sequence: a translation, a summary)"
# How many records with label strings `_label_strings_are_texts` looks at.
LABEL_STRINGS_SEEN = 200
# The end of a sentence, in the scripts a translation or summary is written in.
_SENTENCE_END = tuple(".!?。！？…؟।")


def _label_strings_are_texts(path: Path) -> bool:
    """Whether a file's `label` lists of strings are texts written for each example (a doccano
    1.6-on sequence-to-sequence project: {"text": "Hello!", "label": ["こんにちは！"]}) rather
    than the categories of a text classification project ({"label": ["negative"]}): doccano
    writes both alike (data_export/pipeline/factories.py maps both to "label"). Read as
    categories, every translation became a category of its own. A file is one project: decided
    once, on its first records with label strings, texts when any of them reads as text rather
    than a name (`_reads_as_text`). A file of spans says so at its first annotated record, and the
    look stops there: this is a second reading of the file. A pipe given to the reader itself is
    read once: categories."""
    if is_stream(path):
        return False
    seen = 0
    try:
        for number, (_line, record) in enumerate(_records(path), 1):
            items = record.get(_label_key(record) or "")
            if isinstance(record.get("entities"), list) and record["entities"] or annotations_1x(record) \
                    or isinstance(items, list) and any(isinstance(item, list) for item in items):
                return False  # spans: a sequence-labelling, relation or 1.x project
            if _document_labels(items):
                if any(_reads_as_text(item) for item in items):
                    return True
                seen += 1
            if seen >= LABEL_STRINGS_SEEN or number >= 10 * LABEL_STRINGS_SEEN:
                break
    except InputError:
        pass  # the reading proper reports it, with its line
    return False


def _reads_as_text(item: str) -> bool:
    """A category is a name ("negative", "sports news"); a sentence ends as one ("こんにちは！",
    "See you.") or runs on (a line break, over eight words)."""
    item = item.strip()
    return item.endswith(_SENTENCE_END) or "\n" in item or len(item.split()) > 8


# doccano 1.x exported the ids of a project's labels, not their names.
NUMERIC_LABEL = ("doccano 1.x label(s) given as a numeric id (the export has no label names): named "
                 "'label <id>', rename them to the project's label names")


def _annotations_form(record: dict[str, Any], units: _Units, state: str, options: ReadOptions,
                      names: _LayerNames, tally: Tally
                      ) -> tuple[list[Layer], dict[str | None, dict[str, float]], dict[str | None, list[str]]]:
    """doccano 1.x: "annotations": [{"label", "start_offset", "end_offset", "user"}] of a
    sequence-labelling project are spans; [{"label", "user"}] (no offsets) of a text-classification
    project are labels of the whole document; [{"text", "user"}] of a sequence-to-sequence project
    are texts written for it. Returns the layers (one per user when the file has several, see
    `_LayerNames`), and the document labels and the texts by the same layer key."""
    layers: dict[str | None, Layer] = {}
    labels: dict[str | None, dict[str, float]] = {}
    texts: dict[str | None, list[str]] = {}
    ids = IdMap()
    for i, item in enumerate(record["annotations"]):
        where = f"annotations[{i}]"
        if not isinstance(item, dict):
            raise InputError(f"{where} must be an object")
        key = names.key(item, tally)
        if "label" not in item and isinstance(item.get("text"), str) and _labels_whole_document(item):
            texts.setdefault(key, []).append(item["text"])
            continue
        if _labels_whole_document(item):
            labels.setdefault(key, {})[_label_name(item.get("label"), where, tally)] = 1.0
            continue
        start, end = _entity_offsets(item, units, where)
        label = _label_name(item.get("label"), where, tally)
        kind = "trigger" if is_trigger_label(label, options) else "entity"
        layer = layers.setdefault(key, Layer("", state))
        layer.add_span(Span(ids(object()), start, end, label, kind, origin="import", status="accepted"))
    for key, layer in layers.items():
        layer.annotator = names.name(key, record)
    return list(layers.values()), labels, texts


def _labels_whole_document(item: dict[str, Any]) -> bool:
    """A 1.x text-classification answer: a label with no offsets (an item with only one of them is
    a broken span, reported as such)."""
    return "start_offset" not in item and "end_offset" not in item


def _label_name(label: Any, where: str, tally: Tally) -> str:
    if isinstance(label, int) and not isinstance(label, bool):
        tally.add(NUMERIC_LABEL, f"label {label}")
        return f"label {label}"
    if not isinstance(label, str) or not label:
        raise InputError(f"{where}.label must be a label name or a label id")
    return label


def _with_document_labels_1x(meta: dict[str, Any], labels: dict[str | None, dict[str, float]],
                             record: dict[str, Any], names: _LayerNames, tally: Tally) -> dict[str, Any]:
    """The document's meta plus its 1.x text-classification labels, in the shape the other
    readers keep them: `cats` ({label: 1.0}) from a file with one user or none; from a file with
    several, `cats_by_annotator` ({layer name: cats}, the name the user's spans would get), so
    who said what stays apart in every document alike. The file's own meta wins."""
    one = {None: {label: 1.0 for cats in labels.values() for label in cats}} if labels else {}
    return _kept_by_annotator(meta, "cats", labels if names.several else one, record, names, tally,
                              "document labels (text classification)")


def _kept_by_annotator(meta: dict[str, Any], key: str, values: dict[str | None, Any], record: dict[str, Any],
                       names: _LayerNames, tally: Tally, what: str) -> dict[str, Any]:
    """meta plus `values` (by layer key): under `key` from a file with one user or none, under
    `<key>_by_annotator` ({layer name: value}) from a file with several. The file's own meta wins."""
    if not values:
        return meta
    kept = dict(meta)
    if names.several:
        key, value = f"{key}_by_annotator", {names.name(user, record): v for user, v in values.items()}
    else:
        value = next(iter(values.values())) if len(values) == 1 else [x for v in values.values() for x in v]
    if key in kept and kept[key] != value:
        tally.add(f"record(s) already had a meta {key!r}: their doccano 1.x {what} were not kept")
        return kept
    kept[key] = value
    tally.add(f"record(s) with {what}: kept in the document's meta as {key}")
    return kept


# doccano's import takes an entity's offsets under these names only (data_import/pipeline/label.py,
# SpanLabel: start_offset, end_offset, label): {"start", "end"} is not a doccano variant.
ENTITY_OFFSETS = "doccano gives an entity's offsets as start_offset and end_offset"


def _entity_offsets(item: Any, units: _Units, where: str) -> tuple[int, int]:
    """The checked offsets of an entity written as an object (relation form, doccano 1.x)."""
    if not isinstance(item, dict):
        raise InputError(f"{where} must be an object")
    said = ENTITY_OFFSETS + (" (rename 'start'/'end' to read this file as doccano)"
                             if "start" in item and "end" in item else "")
    start = integer_field(item, "start_offset", where, said)
    end = integer_field(item, "end_offset", where, said)
    return units.span(start, end, where)


# How doccano counted offsets, by version (what its web client measured a selection with):
# - 0.x before March 2019: JavaScript string positions, UTF-16 code units (doccano PR #99);
# - from doccano PR #108 (2019-03, "Correct emoji length calculation") through 1.5: Unicode code
#   points -- EntityItemBox.vue measures `[...preSelectionRange.toString()].length` "to count the
#   number of characters correctly"; these versions export `annotation_approver` beside the
#   labels, and doccano 1.x's `annotations` signed with a `user`;
# - 1.6 on (v-annotator, doccano PR #1511): UTF-16 code units again (doccano issue #2290), or
#   grapheme clusters with the project's "Count grapheme clusters as one character" option.
UTF16, CODE_POINTS = "UTF-16 code units", "code points"


def _offset_pairs(record: dict[str, Any]) -> list[tuple[int, int]]:
    """Every (start, end) a record gives, wherever doccano's forms put them, read leniently: what
    is not a pair of integers is left to the reading proper, which reports it."""
    pairs: list[tuple[int, int]] = []
    lists = [record.get("entities"), record.get("annotations"), record.get(_label_key(record) or "")]
    for items in lists:
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict):
                pair = item.get("start_offset"), item.get("end_offset")
            elif isinstance(item, list) and len(item) == 3:
                pair = item[0], item[1]
            else:
                continue
            if all(isinstance(v, int) and not isinstance(v, bool) for v in pair):
                pairs.append(pair)  # type: ignore[arg-type]
    return pairs


class _Units:
    """A record's offsets as doccano counts them, turned into checked Python indices.

    Which unit a record counts in: the one its version wrote (`_default_unit`) unless the record
    itself shows the other: with an emoji (a character outside the Basic Multilingual Plane,
    one code point, two UTF-16 units) before a span, the two readings differ, and a reading that
    cuts an emoji in two, runs past the text's end or puts a span's edge inside a character (in an
    emoji sequence, before a combining mark) is wrong where the other reading fits. A file that
    is not ours is also read in the other unit when that puts every span edge on a word boundary
    and its own unit does not (the shifted reading of a span cuts words). Taken in the wrong
    unit, every emoji before a span moves it one character, silently."""

    def __init__(self, text: str, pairs: list[tuple[int, int]] = (), default: str = UTF16,  # type: ignore[assignment]
                 ours: bool = False) -> None:
        self.text = text
        self.index = Utf16Index(text)
        self.default = default
        self.unit, self.reason = self._choose(pairs, ours)

    @property
    def matters(self) -> bool:
        return not self.index.trivial

    def _reading(self, unit: str, pairs: list[tuple[int, int]]) -> tuple[bool, int, int]:
        """(fits: every offset in the text and no emoji cut, edges inside a character, edges mid-word)."""
        length = len(self.text) if unit == CODE_POINTS else self.index.utf16_length
        fits, inside, mid_word = True, 0, 0
        for start, end in pairs:
            if not 0 <= start < end <= length:
                fits = False
                continue
            if unit == UTF16:
                python = self.index.to_python(start), self.index.to_python(end)
                if (self.index.to_utf16(python[0]), self.index.to_utf16(python[1])) != (start, end):
                    fits = False
                    continue
                start, end = python
            inside += inside_character(self.text, start) + inside_character(self.text, end)
            mid_word += _mid_word(self.text, start) + _mid_word(self.text, end)
        return fits, inside, mid_word

    def _choose(self, pairs: list[tuple[int, int]], ours: bool) -> tuple[str, str | None]:
        if self.index.trivial or not pairs:
            return self.default, None
        other = CODE_POINTS if self.default == UTF16 else UTF16
        fits, inside, mid_word = self._reading(self.default, pairs)
        other_fits, other_inside, other_mid_word = self._reading(other, pairs)
        if not other_fits:
            return self.default, None
        if not fits:
            return other, (f"read as {self.default} an offset cuts an emoji in two or lies outside the text"
                           if self.default == UTF16 else f"read as {self.default} an offset lies outside the text")
        if other_inside < inside:
            return other, f"read as {self.default} a span edge falls inside a character (an emoji sequence)"
        if not ours and other_inside == inside and other_mid_word == 0 < mid_word:
            return other, f"read as {self.default} span edges fall inside words, read as {other} none does"
        return self.default, None

    def span(self, start: int, end: int, where: str) -> tuple[int, int]:
        if self.unit == CODE_POINTS:
            if not 0 <= start < end <= len(self.text):
                counted = f" {CODE_POINTS}" if self.matters else ""
                raise InputError(f"{where} [{start}, {end}) is outside the text (length {len(self.text)}{counted}) "
                                 "or empty")
            return start, end
        # the length from the text's one table: walking the text for each span made an import
        # grow with spans x text length (2,800 spans over 185 kB took 14 s)
        length = self.index.utf16_length
        if not 0 <= start < end <= length:
            counted = f" {UTF16}, as doccano 1.6 on counts" if self.matters else ""
            raise InputError(f"{where} [{start}, {end}) is outside the text (length {length}{counted}) or empty")
        python = self.index.to_python(start), self.index.to_python(end)
        if (self.index.to_utf16(python[0]), self.index.to_utf16(python[1])) != (start, end):
            raise InputError(f"{where} [{start}, {end}) cuts a character outside the Basic Multilingual Plane "
                             "(an emoji) in two read as UTF-16 code units (doccano 1.6 on), and the record's "
                             "offsets do not fit as code points (doccano 1.0-1.5) either",
                             hint="check how the file was made: were these offsets doccano's own?")
        return python


def _mid_word(text: str, i: int) -> bool:
    """Whether position i falls between two letters or digits: a span edge there cuts a word."""
    return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()


def _default_unit(record: dict[str, Any]) -> str:
    """The unit the doccano version that wrote such a record counted in: code points for doccano
    1.0-1.5 (`annotation_approver`, or 1.x `annotations` signed by users) and 0.x (`doc_id` and
    `username`: most such files are from after PR #108; the earlier ones show it, `_Units`), else
    UTF-16 code units (1.6 on)."""
    old_shape = "annotation_approver" in record or ("doc_id" in record and "username" in record)
    return CODE_POINTS if old_shape or annotations_1x(record) else UTF16


def _units_of(record: dict[str, Any], text: str, line: int, tally: Tally) -> _Units:
    """The record's `_Units`, with a warning naming the records whose unit mattered (an emoji
    before a span) and how they were read."""
    ours = any(key in record for key in OUR_RECORD_KEYS)  # our writer's keys: always UTF-16, as doccano 1.6
    pairs = _offset_pairs(record)
    units = _Units(text, pairs, _default_unit(record), ours)
    if units.reason:
        tally.add(f"record(s) with emoji whose offsets count {units.unit}, not {units.default} as the doccano "
                  f"version that writes such records does: read as {units.unit} ({units.reason})", f"line {line}")
    elif units.matters and not ours and pairs:  # our own files: always UTF-16, nothing to say
        tally.add(f"record(s) with characters outside the Basic Multilingual Plane (emoji): offsets read as "
                  f"{units.unit}, as the doccano version that writes such records counts "
                  f"({'1.0-1.5' if units.unit == CODE_POINTS else '1.6 on; 1.0-1.5 counted code points'})",
                  f"line {line}")
    return units


def _sequence_form(items: Any, key: str, units: _Units, layer: Layer, ids: IdMap, options: ReadOptions) -> None:
    if not isinstance(items, list):
        raise InputError(f"'{key}' must be a list of [start, end, label]")
    for i, item in enumerate(items):
        where = f"{key}[{i}]"
        if not isinstance(item, list) or len(item) != 3 or not isinstance(item[2], str) or not item[2]:
            raise InputError(f"{where} must be [start, end, \"LABEL\"]")
        start, end = units.span(integer(item[0], f"{where} start"), integer(item[1], f"{where} end"), where)
        kind = "trigger" if is_trigger_label(item[2], options) else "entity"
        layer.add_span(Span(ids(object()), start, end, item[2], kind, origin="import", status="accepted"))


def _relation_form(record: dict[str, Any], units: _Units, layer: Layer, ids: IdMap, options: ReadOptions,
                   tally: Tally) -> None:
    relations = record.get("relations") or []
    if not isinstance(relations, list):
        raise InputError("'relations' must be a list")
    events_raw = record.get("events") if isinstance(record.get("events"), list) else []
    declared_triggers = {e.get("trigger") for e in events_raw if isinstance(e, dict)}
    role_sources = {r.get("from_id") for r in relations if isinstance(r, dict) and role_of(str(r.get("type", "")))}
    for i, raw in enumerate(record["entities"]):
        where = f"entities[{i}]"
        start, end = _entity_offsets(raw, units, where)
        label = raw.get("label")
        if not isinstance(label, str) or not label:
            raise InputError(f"{where}.label must be a non-empty string")
        if "id" not in raw:
            raise InputError(f"{where} has no 'id'")
        kind = raw.get("layer")
        if kind not in LAYERS:
            kind = "trigger" if (raw["id"] in declared_triggers or raw["id"] in role_sources
                                 or is_trigger_label(label, options)) else "entity"
        span_id = ids(raw["id"])
        if span_id in layer.spans:
            raise InputError(f"{where}: entity id {raw['id']!r} is used twice")
        layer.add_span(Span(
            span_id, start, end, label, kind,
            raw.get("actor_code") if isinstance(raw.get("actor_code"), str) else None,
            raw.get("origin") if raw.get("origin") in ORIGINS else "import",
            raw.get("status") if raw.get("status") in STATUSES else "accepted",
            raw.get("attrs") if isinstance(raw.get("attrs"), dict) else {},
        ))
    event_ids = IdMap()
    claimed: list[tuple[Event, str, int]] = []  # each event's own arguments, as written (`RelationArguments`)
    # doccano keeps a record's other keys (our "events") as the example's metadata and exports them
    # unchanged, while it gives the entities new ids: there an event's trigger is found by its offsets
    at_offsets: dict[tuple[int, int], list[Span]] = {}
    for span in layer.spans.values():
        at_offsets.setdefault((span.start, span.end), []).append(span)
    renumbered = not any(isinstance(e, dict) and "layer" in e for e in record["entities"])
    for i, raw in enumerate(events_raw):
        trigger = ids.get(raw.get("trigger")) if isinstance(raw, dict) else None
        where = raw.get("trigger_offsets") if isinstance(raw, dict) else None
        if isinstance(where, list) and len(where) == 2 and all(type(x) is int for x in where):
            try:
                at = units.span(where[0], where[1], f"events[{i}].trigger_offsets")
            except InputError:
                at = None
            if at is not None and (trigger is None or (layer.spans[trigger].start, layer.spans[trigger].end) != at):
                found = sorted(at_offsets.get(at, []), key=lambda s: (s.label != raw.get("type"), s.id))
                trigger = found[0].id if found else None
        if trigger is None and renumbered and isinstance(raw, dict):
            tally.add("event(s) in 'events' name a trigger this record's entities no longer have (doccano "
                      "renumbers entities and exports the record's other keys unchanged): left out, events "
                      "rebuilt from the relations")
            continue
        if trigger is None or not isinstance(raw.get("type"), str):
            raise InputError(f"events[{i}] must name the id of an entity as 'trigger' and have a 'type'")
        layer.spans[trigger].layer = "trigger"
        etype, mode = raw["type"], raw.get("mode") if isinstance(raw.get("mode"), str) else None
        if renumbered:  # back from doccano: the trigger may have been relabelled there
            etype, mode = relabelled_event(etype, mode, layer.spans[trigger].label, options)
        event = Event(
            event_ids(raw.get("id", object())), trigger, etype, mode,
            raw.get("context") if isinstance(raw.get("context"), str) else None,
            bool(raw.get("negated")), raw.get("origin") if raw.get("origin") in ORIGINS else "import",
            raw.get("status") if raw.get("status") in STATUSES else "accepted", [],
            raw.get("attrs") if isinstance(raw.get("attrs"), dict) else {},
        )
        layer.add_event(event)
        claimed += [(event, role, span) for role, span in _written_arguments(raw, layer, ids, units, at_offsets,
                                                                             renumbered)]
    arguments = RelationArguments(layer, units.text, lambda: event_ids(object()), tally, "entity")
    for event, role, span in claimed:
        arguments.claim(event, role, span)
    for i, raw in enumerate(relations):
        if not isinstance(raw, dict):
            raise InputError(f"relations[{i}] must be an object")
        head, child = ids.get(raw.get("from_id")), ids.get(raw.get("to_id"))
        if head is None or child is None:
            raise InputError(f"relations[{i}]: from_id/to_id must be ids of entities of this record")
        arguments.add(head, child, str(raw.get("type", "")))


def _written_arguments(raw: Any, layer: Layer, ids: IdMap, units: _Units,
                       at_offsets: dict[tuple[int, int], list[Span]], renumbered: bool) -> list[tuple[str, int]]:
    """(role, span id) of the arguments our export listed for an event (`record_for`,
    `layers.listed_arguments`): the span by its id, or, once doccano renumbered the entities,
    the spans at its offsets (in the file's units)."""
    def by_id(value: Any) -> int | None:
        span = None if renumbered else ids.get(value)
        return span if span is not None and span in layer.spans else None

    def at(start: int, end: int) -> list[int]:
        try:
            where = units.span(start, end, "an event argument's offsets")
        except InputError:
            return []
        return [s.id for s in at_offsets.get(where, [])]

    return listed_arguments(raw.get("arguments") if isinstance(raw, dict) else None, by_id, at)


def _first_object(path: Path) -> dict[str, Any] | None:
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    text = head.decode("utf-8-sig", errors="replace").lstrip()
    if not text.startswith(("{", "[")):
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError:
        return None
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, dict) else None


def sniff(path: Path, suffix: str | None = None) -> bool:
    if path.is_dir() or sniffed_suffix(path, suffix) not in (".jsonl", ".ndjson", ".json"):
        return False
    head = first_json_objects(path)
    if not head:  # a pretty-printed file or a JSON array
        first = _first_object(path)
        head = [first] if first is not None else []
    if any({"spans", "tokens", "_input_hash"} & set(record) for record in head):
        return False  # Prodigy
    if any(annotations_1x(record) for record in head):
        return True
    if any("annotations" in record for record in head):
        return False  # our own layers
    return any(isinstance(record.get("entities"), list) or isinstance(record.get("cats"), list)
               or (_label_key(record) is not None and isinstance(record[_label_key(record)], list))
               for record in head)


def annotations_1x(record: dict[str, Any]) -> bool:
    """doccano 1.x exported a span as {"label", "start_offset", "end_offset", "user"} under
    "annotations", a text-classification label as {"label", "user"} and a sequence-to-sequence
    answer (a translation, a summary) as {"text", "user"}. Our own layers there ({"annotator",
    "state", "spans", "events"}) have neither offsets nor "label"/"text" and "user"."""
    annotations = record.get("annotations")
    return isinstance(annotations, list) and any(
        isinstance(a, dict) and ("start_offset" in a or (("label" in a or "text" in a) and "user" in a))
        for a in annotations)
