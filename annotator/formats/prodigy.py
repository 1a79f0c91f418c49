"""Prodigy JSONL: one task per document, as Prodigy's `ner_manual`/`spans_manual`/`rel.manual`
recipes write them.

Written per document (one layer, `--layer`):
    {"text", "id"?, "title"?, "source"?, "published"?, "meta",
     "tokens": [{"text", "start", "end", "id", "ws"}],                 # spacy.blank("en") tokens
     "spans": [{"start", "end", "token_start", "token_end", "label",   # token_end inclusive
                "id", "layer", "actor_code", "status", "origin", "attrs"?}],
     "relations": [{"head", "child", "head_span", "child_span", "label"}],  # event arguments:
                   # head = trigger, child = argument, label = role, head/child = token_end index
     "events": [{"id", "trigger", "type", "mode", "context", "negated", "status", "origin",
                 "attrs"?, "arguments": [{"role", "span"}]}],           # span ids
     "answer", "_input_hash", "_task_hash", "_annotator_id", "_annotator_state"}
Extra keys are ignored by Prodigy and make our own files round-trip exactly. Character
offsets are authoritative on read; token indices of spans whose edges fall inside a token
cover the tokens they touch (counted in a warning).

Reading files Prodigy wrote (the rule for `answer`):
- `accept`, or no answer (an input file): spans are imported as accepted, layer state done
  (todo without an answer);
- `reject`: the spans are imported as rejected (kept, so the decision is not lost), state done;
- `ignore`: the document and its spans are imported as suggestions, state skipped;
- a span's own `answer` (binary `ner.teach` tasks) overrides the task's answer for that span.
Tasks with the same `_input_hash` (several binary decisions on one text) become one document:
their spans are merged, and for the same span the later decision wins. Relations whose
label is not an argument role or whose head is not a trigger cannot be represented and are
counted in a warning.
"""

from __future__ import annotations

import bisect
import json
import re
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..core.errors import InputError
from ..core.model import LAYERS, ORIGINS, STATUSES, AnnotatedDocument, Argument, Event, Layer, Span
from .io import MAX_LINE_BYTES, atomic_file, decode, dumps_line, first_json_object, json_lines, raw_lines
from .layers import (IdMap, LayerNamer, Tally, add_relation_argument, is_trigger_label, layered, record_document,
                     span_order)
from .registry import ReadOptions, WriteOptions

ANSWER_STATUS = {"accept": "accepted", "reject": "rejected", "ignore": "suggested"}
ANSWER_STATE = {"accept": "done", "reject": "done", "ignore": "skipped"}
_INPUT_HASH = re.compile(rb'(?<!\\)"_input_hash"\s*:\s*(-?\d+)')


def _hash32(value: Any) -> int:
    from murmurhash import hash as murmur  # a spaCy dependency; Prodigy hashes with it too

    return murmur(json.dumps(value, sort_keys=True, ensure_ascii=False))


# ----------------------------------------------------------------------------- writing
def tokenize(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, followed by whitespace) of spaCy's blank-English tokens."""
    from .spacy_docbin import blank_nlp

    return [(t.idx, t.idx + len(t), bool(t.whitespace_)) for t in blank_nlp().make_doc(text)]


class TokenIndex:
    def __init__(self, tokens: list[tuple[int, int, bool]]) -> None:
        self.starts = [t[0] for t in tokens]
        self.ends = [t[1] for t in tokens]

    def cover(self, start: int, end: int) -> tuple[int, int, bool]:
        """Indices of the first and last token touching [start, end) and whether it aligns."""
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end) - 1
        if first > last:  # only whitespace between tokens: point at the nearest token
            first = last = max(0, min(first, len(self.starts) - 1))
        aligned = (first < len(self.starts) and self.starts[first] == start
                   and 0 <= last < len(self.ends) and self.ends[last] == end)
        return first, last, aligned


def task_for(doc: AnnotatedDocument, layer: Layer, tally: Tally) -> dict[str, Any]:
    d = doc.document
    text = d.text
    tokens = tokenize(text)
    index = TokenIndex(tokens)
    spans_out: list[dict[str, Any]] = []
    span_dicts: dict[int, dict[str, Any]] = {}
    for span in sorted(layer.spans.values(), key=span_order):
        first, last, aligned = index.cover(span.start, span.end) if tokens else (0, 0, False)
        if not aligned:
            tally.add("span(s) do not align to tokens (token_start/token_end cover the tokens they touch)")
        base = {"start": span.start, "end": span.end, "token_start": first, "token_end": last,
                "label": span.label}
        span_dicts[span.id] = base
        out = {**base, "id": span.id, "layer": span.layer, "actor_code": span.actor_code,
               "status": span.status, "origin": span.origin}
        if span.attrs:
            out["attrs"] = span.attrs
        spans_out.append(out)
    relations, events = [], []
    for event in sorted(layer.events.values(), key=lambda e: e.id):
        head = span_dicts[event.trigger]
        for argument in event.arguments:
            child = span_dicts[argument.span_id]
            relations.append({"head": head["token_end"], "child": child["token_end"], "head_span": head,
                              "child_span": child, "label": argument.role})
        record = {"id": event.id, "trigger": event.trigger, "type": event.type, "mode": event.mode,
                  "context": event.context, "negated": event.negated, "status": event.status,
                  "origin": event.origin,
                  "arguments": [{"role": a.role, "span": a.span_id} for a in event.arguments]}
        if event.attrs:
            record["attrs"] = event.attrs
        events.append(record)
    task: dict[str, Any] = {"text": text}
    if d.ext_id is not None:
        task["id"] = d.ext_id
    if d.title:
        task["title"] = d.title
    if d.source is not None:
        task["source"] = d.source
    if d.published is not None:
        task["published"] = d.published
    task["meta"] = d.meta
    task["tokens"] = [{"text": text[s:e], "start": s, "end": e, "id": i, "ws": ws}
                      for i, (s, e, ws) in enumerate(tokens)]
    task["spans"] = spans_out
    task["relations"] = relations
    task["events"] = events
    task["answer"] = "ignore" if layer.state == "skipped" else "accept"
    task["_input_hash"] = _hash32({"text": text, "id": d.ext_id})
    task["_task_hash"] = _hash32({"input": task["_input_hash"], "spans": spans_out, "events": events})
    task["_annotator_id"] = layer.annotator
    task["_annotator_state"] = layer.state
    return task


def write(documents: Iterable[AnnotatedDocument], path: Path, options: WriteOptions) -> int:
    tally = Tally()
    count = 0
    with atomic_file(path) as out:
        for doc, layer in layered(documents, options, tally):
            out.write(dumps_line(task_for(doc, layer, tally)))
            count += 1
    tally.flush(options.warnings)
    return count


# ----------------------------------------------------------------------------- reading
def _repeated_hashes(path: Path) -> dict[int, list[int]]:
    """First pass: byte offsets of the lines of every `_input_hash` that occurs more than once."""
    offsets: dict[int, list[int]] = {}
    for position, raw in raw_lines(path):
        match = _INPUT_HASH.search(raw)
        if match:
            offsets.setdefault(int(match.group(1)), []).append(position)
    return {h: o for h, o in offsets.items() if len(o) > 1}


def _line_at(handle: Any, offset: int, path: Path) -> tuple[int, dict[str, Any]]:
    handle.seek(offset)
    raw = handle.readline(MAX_LINE_BYTES + 1)
    try:
        value = json.loads(decode(raw, path, 1 if offset == 0 else 2))
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", file=str(path)) from None
    return offset, value


def read(path: Path, options: ReadOptions) -> Iterator[AnnotatedDocument]:
    path = Path(path)
    repeated = _repeated_hashes(path)
    done: set[int] = set()
    namer = LayerNamer(options, "prodigy")
    tally = Tally()
    with path.open("rb") as seeker:
        for line, task in json_lines(path):
            key = task.get("_input_hash")
            try:
                if isinstance(key, int) and key in repeated:
                    if key in done:
                        continue
                    done.add(key)
                    group = [value for _, value in (_line_at(seeker, o, path) for o in repeated[key])]
                    group = [t for t in group if isinstance(t, dict) and t.get("_input_hash") == key] or [task]
                else:
                    group = [task]
                yield _document(group, path, line, options, namer, tally)
            except InputError as exc:
                raise exc.located(str(path), line) from None
    namer.report()
    tally.flush(options.warnings)


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{what} must be an integer, not {type(value).__name__}")
    return value


def _document(tasks: list[dict[str, Any]], path: Path, line: int, options: ReadOptions, namer: LayerNamer,
              tally: Tally) -> AnnotatedDocument:
    first = tasks[0]
    text = first.get("text")
    if not isinstance(text, str):
        raise InputError("'text' is missing or not a string" if "text" not in first
                         else f"'text' must be a string, not {type(text).__name__}")
    meta = first.get("meta", {})
    if not isinstance(meta, dict):
        raise InputError(f"'meta' must be an object, not {type(meta).__name__}")
    document = record_document(first, text, meta)
    layer = Layer("")
    ids = IdMap()
    by_key: dict[tuple[int, int, str, str], int] = {}
    answered = False
    states = []
    for task in tasks:
        if task.get("text") != text:
            raise InputError("tasks with the same _input_hash have different texts")
        answer = task.get("answer")
        if answer is not None and answer not in ANSWER_STATUS:
            raise InputError(f"'answer' must be accept, reject or ignore, not {answer!r}")
        answered = answered or answer is not None
        default_status = ANSWER_STATUS.get(answer, "accepted")
        state = task.get("_annotator_state")
        states.append(state if state in ("todo", "in_progress", "done", "skipped")
                      else ANSWER_STATE.get(answer, "todo"))
        spans_raw = task.get("spans", [])
        if not isinstance(spans_raw, list):
            raise InputError("'spans' must be a list")
        trigger_ids = _trigger_refs(task)
        for i, raw in enumerate(spans_raw):
            _span(raw, i, text, task, default_status, trigger_ids, layer, ids, by_key, options)
        _events(task, layer, ids, by_key, tally)
    layer.state = "skipped" if states and all(s == "skipped" for s in states) else next(
        (s for s in reversed(states) if s != "skipped"), "todo")
    if not answered and not layer.spans:
        return AnnotatedDocument(document, [], source_file=str(path), source_line=line)
    layer.annotator = namer(first.get("_annotator_id") if isinstance(first.get("_annotator_id"), str) else None)
    return AnnotatedDocument(document, [layer], source_file=str(path), source_line=line)


def _trigger_refs(task: dict[str, Any]) -> set[Any]:
    events = task.get("events")
    if not isinstance(events, list):
        return set()
    return {e.get("trigger") for e in events if isinstance(e, dict)}


def _span(raw: Any, i: int, text: str, task: dict[str, Any], default_status: str, trigger_refs: set[Any],
          layer: Layer, ids: IdMap, by_key: dict[tuple[int, int, str, str], int], options: ReadOptions) -> None:
    where = f"spans[{i}]"
    if not isinstance(raw, dict):
        raise InputError(f"{where} must be an object")
    if "start" in raw or "end" in raw:
        start, end = _int(raw.get("start"), f"{where}.start"), _int(raw.get("end"), f"{where}.end")
    else:  # token-only span: character offsets from the task's tokens
        tokens = task.get("tokens") or []
        try:
            start = tokens[_int(raw.get("token_start"), f"{where}.token_start")]["start"]
            end = tokens[_int(raw.get("token_end"), f"{where}.token_end")]["end"]
        except (IndexError, KeyError, TypeError):
            raise InputError(f"{where} has no start/end and its token indices do not match 'tokens'") from None
    if not 0 <= start < end <= len(text):
        raise InputError(f"{where} [{start}, {end}) is outside the text (length {len(text)}) or empty")
    label = raw.get("label")
    if not isinstance(label, str) or not label:
        raise InputError(f"{where}.label must be a non-empty string")
    kind = raw.get("layer")
    if kind not in LAYERS:
        kind = "trigger" if ("id" in raw and raw["id"] in trigger_refs) or is_trigger_label(label, options) \
            else "entity"
    status = raw.get("status")
    if status not in STATUSES:
        status = ANSWER_STATUS.get(raw.get("answer"), default_status)
    origin = raw.get("origin") if raw.get("origin") in ORIGINS else "import"
    actor_code = raw.get("actor_code") if isinstance(raw.get("actor_code"), str) else None
    attrs = raw.get("attrs") if isinstance(raw.get("attrs"), dict) else {}
    key = (start, end, label, kind)
    if key in by_key and "id" not in raw:  # the same span decided again: the later decision wins
        layer.spans[by_key[key]].status = status
        return
    span_id = ids(raw["id"] if "id" in raw else object())
    if span_id in layer.spans:
        raise InputError(f"{where}: span id {raw.get('id')!r} is used twice")
    layer.add_span(Span(span_id, start, end, label, kind, actor_code, origin, status, attrs))
    by_key.setdefault(key, span_id)


def _events(task: dict[str, Any], layer: Layer, ids: IdMap, by_key: dict[tuple[int, int, str, str], int],
            tally: Tally) -> None:
    events = task.get("events")
    if isinstance(events, list) and events:
        event_ids = IdMap()
        for i, raw in enumerate(events):
            where = f"events[{i}]"
            if not isinstance(raw, dict):
                raise InputError(f"{where} must be an object")
            trigger = ids.get(raw.get("trigger"))
            if trigger is None or trigger not in layer.spans:
                raise InputError(f"{where}.trigger {raw.get('trigger')!r} is not the id of a span of this task")
            layer.spans[trigger].layer = "trigger"
            arguments = []
            for j, arg in enumerate(raw.get("arguments") or []):
                span_id = ids.get(arg.get("span")) if isinstance(arg, dict) else None
                if span_id is None or span_id not in layer.spans or not isinstance(arg.get("role"), str):
                    raise InputError(f"{where}.arguments[{j}] must be {{role, span}} naming a span of this task")
                arguments.append(Argument(arg["role"], span_id))
            etype = raw.get("type")
            if not isinstance(etype, str) or not etype:
                raise InputError(f"{where}.type must be a non-empty string")
            event_id = event_ids(raw["id"] if "id" in raw else object())
            layer.add_event(Event(
                event_id, trigger, etype, raw.get("mode") if isinstance(raw.get("mode"), str) else None,
                raw.get("context") if isinstance(raw.get("context"), str) else None, bool(raw.get("negated")),
                raw.get("origin") if raw.get("origin") in ORIGINS else "import",
                raw.get("status") if raw.get("status") in STATUSES else "accepted", arguments,
                raw.get("attrs") if isinstance(raw.get("attrs"), dict) else {},
            ))
        return
    relations = task.get("relations")
    if not isinstance(relations, list):
        return
    by_trigger: dict[int, Event] = {}
    for raw in relations:
        if not isinstance(raw, dict):
            continue
        head, child = _span_ref(raw.get("head_span"), by_key), _span_ref(raw.get("child_span"), by_key)
        add_relation_argument(layer, by_trigger, lambda: ids(object()), head, child, str(raw.get("label", "")),
                              tally, "span")


def _span_ref(raw: Any, by_key: dict[tuple[int, int, str, str], int]) -> int | None:
    if not isinstance(raw, dict):
        return None
    for kind in ("trigger", "entity"):
        found = by_key.get((raw.get("start"), raw.get("end"), raw.get("label"), kind))
        if found is not None:
            return found
    return None


def sniff(path: Path) -> bool:
    if path.is_dir() or path.suffix.lower() not in (".jsonl", ".ndjson", ".json"):
        return False
    first = first_json_object(path)
    return first is not None and "text" in first and "annotations" not in first and bool(
        {"spans", "tokens", "_input_hash", "_task_hash", "answer"} & set(first))
