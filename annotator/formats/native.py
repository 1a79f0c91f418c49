"""Native JSONL: one document per line with every layer (rejected suggestions are left out on export).

    {"id", "title", "text", "meta", "source", "published",
     "annotations": [{"annotator", "state",
        "spans": [{"id", "start", "end", "label", "layer", "actor_code", "origin", "status", "attrs"}],
        "events": [{"id", "trigger", "type", "mode", "context", "negated", "arguments": [{"role", "span"}],
                    "origin", "status", "attrs"}]}]}

Offsets are Python str indices, half-open. A plain record with only `text` (and optional
`id`, `title`, `meta`) is a document without annotations, so simple JSONL is read here too.
Export -> import into a fresh project -> export gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

from ..core.errors import InputError
from ..core.integrity import exportable
from ..core.model import (
    DOC_STATES,
    AnnotatedDocument,
    Argument,
    Document,
    Event,
    Layer,
    Span,
)
from .doccano import annotations_1x
from .io import atomic_file, dumps_line, first_json_objects, json_lines, sniffed_suffix
from .layers import IdMap, Tally, numbered_by_file, with_other_fields
from .registry import ReadOptions, WriteOptions


class _Fields:
    """Typed access to one JSON object with errors that name the field."""

    def __init__(self, data: dict[str, Any], where: str) -> None:
        self.data = data
        self.where = where

    def fail(self, message: str) -> InputError:
        return InputError(f"{self.where}: {message}")

    def get(self, key: str, types: type | tuple[type, ...], default: Any = ..., *, nullable: bool = False) -> Any:
        if key not in self.data or (self.data[key] is None and default is not ... and not nullable):
            if default is ...:
                raise self.fail(f"'{key}' is missing")
            return default
        value = self.data[key]
        if value is None and nullable:
            return None
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in _as_tuple(types)):
            names = "/".join(t.__name__ for t in _as_tuple(types))
            raise self.fail(f"'{key}' must be {names}, not {type(value).__name__}")
        return value


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


class _Ids(IdMap):
    """`IdMap`, refusing ids that are neither integers nor strings (naming where)."""

    def __call__(self, value: Any, where: _Fields) -> int:  # type: ignore[override]
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise where.fail(f"id must be an integer or a string, not {type(value).__name__}")
        return super().__call__(value)


_PLAIN_KEYS = {"id", "title", "text", "meta"}
NATIVE_KEYS = frozenset({*_PLAIN_KEYS, "source", "published", "annotations"})


def parse_record(record: dict[str, Any], path: Path, line: int, options: ReadOptions,
                 tally: Tally | None = None) -> AnnotatedDocument:
    text, ext_id, title = record.get("text"), record.get("id"), record.get("title", "")
    if (record.keys() <= _PLAIN_KEYS and type(text) is str and type(title) is str
            and (ext_id is None or type(ext_id) is str) and type(record.get("meta", {})) is dict):
        # Fast path for plain document records (most large imports): same result as below.
        return AnnotatedDocument(Document(text=text, ext_id=ext_id, title=title, meta=record.get("meta", {})),
                                 source_file=str(path), source_line=line)
    f = _Fields(record, "document")
    text = f.get("text", str)
    ext_id = f.get("id", (str, int), None, nullable=True)
    meta = with_other_fields(record, f.get("meta", dict, {}), NATIVE_KEYS, "the native format", tally)
    document = Document(
        text=text,
        ext_id=str(ext_id) if ext_id is not None else None,
        title=f.get("title", str, "") or "",
        meta=meta,
        source=f.get("source", str, None, nullable=True),
        published=f.get("published", str, None, nullable=True),
    )
    layers = [_parse_layer(item, i, options) for i, item in enumerate(f.get("annotations", list, []))]
    if options.annotator and len(layers) == 1 and not record["annotations"][0].get("annotator"):
        layers[0].annotator = options.annotator
    return AnnotatedDocument(document, layers, source_file=str(path), source_line=line,
                             own_numbering=numbered_by_file(layers))


def _parse_layer(item: Any, index: int, options: ReadOptions) -> Layer:
    if not isinstance(item, dict):
        raise InputError(f"annotations[{index}] must be an object")
    f = _Fields(item, f"annotations[{index}]")
    annotator = f.get("annotator", str, None, nullable=True) or options.annotator
    if not annotator:
        raise f.fail("'annotator' is missing (or pass --annotator NAME)")
    state = f.get("state", str, "todo")
    if state not in DOC_STATES:
        raise f.fail(f"state {state!r} is not one of {', '.join(DOC_STATES)}")
    layer = Layer(annotator, state)
    ids = _Ids()
    for i, raw in enumerate(f.get("spans", list, [])):
        if not isinstance(raw, dict):
            raise f.fail(f"spans[{i}] must be an object")
        s = _Fields(raw, f"annotations[{index}].spans[{i}]")
        start, end = s.get("start", int), s.get("end", int)
        span_id = ids(s.get("id", (int, str), i + 1), s)
        if span_id in layer.spans:
            raise s.fail(f"span id {raw.get('id')!r} is used twice")
        layer.add_span(Span(
            id=span_id, start=start, end=end, label=s.get("label", str),
            layer=s.get("layer", str, "entity"),
            actor_code=s.get("actor_code", str, None, nullable=True),
            origin=s.get("origin", str, "import"), status=s.get("status", str, "accepted"),
            attrs=s.get("attrs", dict, {}),
        ))
    event_ids = _Ids()
    for i, raw in enumerate(f.get("events", list, [])):
        if not isinstance(raw, dict):
            raise f.fail(f"events[{i}] must be an object")
        e = _Fields(raw, f"annotations[{index}].events[{i}]")
        trigger_ref = e.get("trigger", (int, str))
        if trigger_ref not in ids.map:
            raise e.fail(f"trigger {trigger_ref!r} is not the id of a span of this layer")
        arguments = []
        for j, arg in enumerate(e.get("arguments", list, [])):
            if not isinstance(arg, dict):
                raise e.fail(f"arguments[{j}] must be an object")
            a = _Fields(arg, f"{e.where}.arguments[{j}]")
            ref = a.get("span", (int, str))
            if ref not in ids.map:
                raise a.fail(f"span {ref!r} is not the id of a span of this layer")
            arguments.append(Argument(a.get("role", str), ids.map[ref]))
        event_id = event_ids(e.get("id", (int, str), i + 1), e)
        layer.add_event(Event(
            id=event_id, trigger=ids.map[trigger_ref], type=e.get("type", str),
            mode=e.get("mode", str, None, nullable=True),
            context=e.get("context", str, None, nullable=True),
            negated=e.get("negated", bool, False),
            origin=e.get("origin", str, "import"), status=e.get("status", str, "accepted"),
            arguments=arguments, attrs=e.get("attrs", dict, {}),
        ))
    return layer


def read(path: Path, options: ReadOptions) -> Iterator[AnnotatedDocument]:
    source = str(path)
    tally = Tally()
    for line, record in json_lines(path):
        # The fast path of parse_record inlined (plain documents: most lines of large imports).
        text, ext_id, title = record.get("text"), record.get("id"), record.get("title", "")
        meta = record["meta"] if "meta" in record else {}
        if (type(text) is str and type(title) is str and (ext_id is None or type(ext_id) is str)
                and type(meta) is dict and record.keys() <= _PLAIN_KEYS):
            yield AnnotatedDocument(Document(text, ext_id, title, meta), source_file=source, source_line=line)
            continue
        try:
            yield parse_record(record, path, line, options, tally)
        except InputError as exc:
            raise exc.located(source, line) from None
    tally.flush(options.warnings)


def to_record(doc: AnnotatedDocument) -> dict[str, Any]:
    d = doc.document
    return {
        "id": d.ext_id,
        "title": d.title,
        "text": d.text,
        "meta": d.meta,
        "source": d.source,
        "published": d.published,
        "annotations": [_layer_record(layer) for layer in doc.layers],
    }


def _layer_record(layer: Layer) -> dict[str, Any]:
    return {
        "annotator": layer.annotator,
        "state": layer.state,
        "spans": [
            {"id": s.id, "start": s.start, "end": s.end, "label": s.label, "layer": s.layer,
             "actor_code": s.actor_code, "origin": s.origin, "status": s.status, "attrs": s.attrs}
            for s in sorted(layer.spans.values(), key=lambda s: (s.start, s.end, s.layer, s.label, s.id))
        ],
        "events": [
            {"id": e.id, "trigger": e.trigger, "type": e.type, "mode": e.mode, "context": e.context,
             "negated": e.negated, "arguments": [{"role": a.role, "span": a.span_id} for a in e.arguments],
             "origin": e.origin, "status": e.status, "attrs": e.attrs}
            for e in sorted(layer.events.values(), key=lambda e: e.id)
        ],
    }


def write(documents: Iterable[AnnotatedDocument], path: Path, options: WriteOptions) -> int:
    count = 0
    with atomic_file(path) as out:
        for doc in documents:
            chosen = [l for l in doc.layers if options.layer is None or l.annotator == options.layer]
            doc = AnnotatedDocument(doc.document, [exportable(l) for l in chosen])  # no rejected span
            out.write(dumps_line(to_record(doc)))
            count += 1
            if options.progress and count % 100 == 0:
                options.progress(count)
    if options.progress:
        options.progress(count)
    return count


def sniff(path: Path, suffix: str | None = None) -> bool:
    if path.is_dir() or sniffed_suffix(path, suffix) not in (".jsonl", ".ndjson", ".json"):
        return False
    head = first_json_objects(path)
    if not head or "text" not in head[0] or any(annotations_1x(record) for record in head):
        return False
    if any(record.get("annotations") for record in head):
        return True  # our layers, whatever other keys a record carries
    return not any(FOREIGN_KEYS & set(record) for record in head)


# Keys by which another tool's JSONL tells itself apart from plain {"text": ...} records
# (Prodigy tasks, doccano exports of every project type).
FOREIGN_KEYS = frozenset({"spans", "tokens", "label", "labels", "entities", "cats", "_input_hash", "_task_hash",
                          "answer", "accept"})

