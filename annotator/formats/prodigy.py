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
their spans are merged, and for the same span the later decision wins. The head of a
relation labelled with an argument role is a trigger (as in doccano); relations of other labels
cannot be represented and are counted in a warning.

Several annotators (Prodigy's multi-user sessions sign each task with `_annotator_id`,
"<dataset>-<session>", and `_session_id`): when a file is signed by more than one, every
annotator gets a layer of their own, named by `_annotator_id`, else `_session_id`; tasks signed
by nobody go into the layer `--annotator` (else the default) names. A file signed by one
annotator or none is one layer per document, named as before (`LayerNamer`).

Answers about the whole text go into the document's meta, in the shape the spaCy readers use:
`cats` = {label: 1.0 | 0.0} from a task-level `label` (accept 1.0, reject 0.0) and from choice
tasks (`options` + `accept`: the accepted ids 1.0, the other options 0.0), and `user_input`
(a text_input block). When several annotators answered one text they stay apart:
`cats_by_annotator` / `user_input_by_annotator` = {layer name: ...}. Options ticked in a task
answered reject or ignore are not turned into categories (counted in a warning).
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..core.errors import InputError
from ..core.model import LAYERS, ORIGINS, STATUSES, AnnotatedDocument, Argument, Event, Layer, Span
from .io import MAX_LINE_BYTES, atomic_file, decode, dumps_line, first_json_objects, json_lines, raw_lines
from .layers import (IdMap, LayerNamer, Tally, add_relation_argument, is_trigger_label, layered, record_document,
                     role_of, span_order)
from .registry import ReadOptions, WriteOptions

ANSWER_STATUS = {"accept": "accepted", "reject": "rejected", "ignore": "suggested"}
ANSWER_STATE = {"accept": "done", "reject": "done", "ignore": "skipped"}
_INPUT_HASH = re.compile(rb'(?<!\\)"_input_hash"\s*:\s*(-?\d+)')
# Who answered a task, in order of preference (see `_signed_by`), and how to find it in a raw line.
SIGNATURE_KEYS = ("_annotator_id", "_session_id")
_SIGNATURES = [(f'"{key}"'.encode(), re.compile(rb'(?<!\\)"' + key.encode() + rb'"\s*:\s*("(?:[^"\\]|\\.)*")'))
               for key in SIGNATURE_KEYS]
USER_INPUT = "user_input"  # the field Prodigy's text_input block writes by default; kept in meta as is


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
@dataclass
class _FileSurvey:
    repeated: dict[int, list[int]]  # _input_hash -> byte offsets of its lines, for hashes on several lines
    annotators: set[str]  # who signed the tasks (at most two are collected: enough to tell "several")


def _survey(path: Path) -> _FileSurvey:
    """First pass, over raw bytes (JSON is parsed once, in the second pass, as this runs over the
    largest files): the lines of every `_input_hash` that occurs more than once, and whether the
    tasks are signed by more than one annotator."""
    offsets: dict[int, list[int]] = {}
    annotators: set[str] = set()
    for position, raw in raw_lines(path):
        match = _INPUT_HASH.search(raw)
        if match:
            offsets.setdefault(int(match.group(1)), []).append(position)
        if len(annotators) < 2:
            who = _signature_in(raw)
            if who:
                annotators.add(who)
    return _FileSurvey({h: o for h, o in offsets.items() if len(o) > 1}, annotators)


def _signature_in(raw: bytes) -> str | None:
    """`_signed_by` of a raw line, found without parsing it."""
    for key, pattern in _SIGNATURES:
        if key not in raw:  # a substring test is much cheaper than the regex on long lines
            continue
        match = pattern.search(raw)
        if match:
            try:
                value = json.loads(match.group(1))
            except ValueError:  # a broken line: the second pass reports it with its line number
                continue
            if _names_a_person(value):
                return value
    return None


def _signed_by(task: dict[str, Any]) -> str | None:
    """Who answered a task: Prodigy's `_annotator_id` ("<dataset>-<session>" in multi-user
    sessions), else its `_session_id`."""
    for key in SIGNATURE_KEYS:
        value = task.get(key)
        if _names_a_person(value):
            return value
    return None


# An unnamed Prodigy session is "<dataset>-2019-03-11_11-10-47": a server start, not a person
# (one annotator over three days would otherwise get three layers).
SESSION_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}$")


def _names_a_person(value: Any) -> bool:
    return isinstance(value, str) and bool(value) and not SESSION_TIMESTAMP.search(value)


class _LayerNames:
    """Which layer each task's answers go into, and its name.

    A file signed by one annotator (or by none) is one layer per document, named as every foreign
    format names it (`LayerNamer`: --annotator, else `_annotator_id`, else 'prodigy'). A file signed
    by several (Prodigy's multi-user sessions: one task per annotator for the same input) gets a
    layer per annotator, named as signed, in every document alike -- merging them would credit
    one person's work to another. --annotator then names only the tasks nobody signed."""

    def __init__(self, options: ReadOptions, annotators: set[str]) -> None:
        self.options = options
        self.namer = LayerNamer(options, "prodigy")
        self.several = len(annotators) > 1
        self.signers: set[str] = set()

    def key(self, task: dict[str, Any]) -> str | None:
        """Tasks of one document with the same key make one layer."""
        if not self.several:
            return None
        return _signed_by(task) or self.options.annotator or None

    def name(self, key: str | None, first: dict[str, Any]) -> str:
        if not self.several:
            signed = first.get("_annotator_id")
            return self.namer(signed if isinstance(signed, str) else None)
        if key is None:
            return self.namer(None)
        if key != self.options.annotator:
            self.signers.add(key)
        return key

    def report(self) -> None:
        self.namer.report()
        if self.signers and self.options.annotator:
            names = ", ".join(sorted(self.signers)[:5]) + (", ..." if len(self.signers) > 5 else "")
            self.options.warnings.append(
                f"the tasks are signed by {len(self.signers)} annotators ({names}): each went into a layer of "
                f"their own; --annotator {self.options.annotator!r} named only the tasks without "
                "_annotator_id or _session_id")


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
    survey = _survey(path)
    repeated = survey.repeated
    done: set[int] = set()
    names = _LayerNames(options, survey.annotators)
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
                yield _document(group, path, line, options, names, tally)
            except InputError as exc:
                raise exc.located(str(path), line) from None
    names.report()
    tally.flush(options.warnings)


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{what} must be an integer, not {type(value).__name__}")
    return value


def _document(tasks: list[dict[str, Any]], path: Path, line: int, options: ReadOptions, names: _LayerNames,
              tally: Tally) -> AnnotatedDocument:
    """One document from the tasks that share its `_input_hash`: a layer per annotator (see
    `_LayerNames`), and what the answers say of the whole text in its meta."""
    first = tasks[0]
    text = first.get("text")
    if not isinstance(text, str):
        raise InputError("'text' is missing or not a string" if "text" not in first
                         else f"'text' must be a string, not {type(text).__name__}")
    meta = first.get("meta", {})
    if not isinstance(meta, dict):
        raise InputError(f"'meta' must be an object, not {type(meta).__name__}")
    layers: list[Layer] = []
    answers: dict[str, DocumentAnswers] = {}
    for key, own in _tasks_by_layer(tasks, names).items():
        layer, answered = _layer_of(own, text, options, tally)
        said = _document_answers(own, tally)
        if not answered and not layer.spans and not said:
            continue  # an input line without annotations: the document alone
        layer.annotator = names.name(key, own[0])
        layers.append(layer)
        if said:
            answers[layer.annotator] = said
    document = record_document(first, text, _meta_with_answers(meta, answers, tally))
    return AnnotatedDocument(document, layers, source_file=str(path), source_line=line)


def _tasks_by_layer(tasks: list[dict[str, Any]], names: _LayerNames) -> dict[str | None, list[dict[str, Any]]]:
    """The tasks grouped by the layer they go into, in the order of the file."""
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for task in tasks:
        groups.setdefault(names.key(task), []).append(task)
    return groups


def _layer_of(tasks: list[dict[str, Any]], text: str, options: ReadOptions, tally: Tally) -> tuple[Layer, bool]:
    """One annotator's layer from their tasks on one text (unnamed yet), and whether any task
    carried an answer."""
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
    return layer, answered


# ----------------------------------------------------------------------------- answers about the whole text
@dataclass
class DocumentAnswers:
    """What one annotator's tasks say of a whole text: categories in spaCy's `cats` shape
    (label -> 1.0 / 0.0) and what they typed in a text_input block."""

    cats: dict[str, float] = field(default_factory=dict)
    typed: list[Any] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.cats or self.typed)


def _document_answers(tasks: list[dict[str, Any]], tally: Tally) -> DocumentAnswers:
    """The answers of one annotator's tasks on one text; for the same category the later wins."""
    said = DocumentAnswers()
    for task in tasks:
        answer = task.get("answer")
        said.cats.update(_binary_category(task, answer))
        said.cats.update(_choice_categories(task, answer, tally))
        typed = task.get(USER_INPUT)
        if typed not in (None, "") and typed not in said.typed:
            said.typed.append(typed)
    return said


def _binary_category(task: dict[str, Any], answer: Any) -> dict[str, float]:
    """A binary classification task (`textcat.teach`, the classification view): a label for the
    whole text, accepted (1.0; no answer counts as accept, as for spans) or rejected (0.0). An
    ignored one decided nothing."""
    label = task.get("label")
    if not isinstance(label, str) or not label or answer == "ignore":
        return {}
    return {label: 0.0 if answer == "reject" else 1.0}


def _choice_categories(task: dict[str, Any], answer: Any, tally: Tally) -> dict[str, float]:
    """A choice task (`textcat.manual`, the choice view or block): every option is a category,
    1.0 when its id is in `accept`, else 0.0."""
    if "accept" not in task:
        return {}
    chosen, offered = task["accept"], task.get("options", [])
    if not isinstance(chosen, list) or not all(_is_option_id(c) for c in chosen):
        raise InputError("'accept' must be a list of option ids (strings or integers)")
    if not isinstance(offered, list):
        raise InputError(f"'options' must be a list, not {type(offered).__name__}")
    if answer in ("reject", "ignore"):
        # The annotator turned the question down: which options they had ticked before is not a
        # decision about the text, so it is not turned into categories -- but it is reported.
        if chosen:
            tally.add("choice answer(s) of tasks answered reject or ignore were not kept as categories")
        return {}
    cats = {str(o["id"]): 0.0 for o in offered if isinstance(o, dict) and _is_option_id(o.get("id"))}
    cats.update({str(c): 1.0 for c in chosen})
    return cats


def _is_option_id(value: Any) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def _meta_with_answers(meta: dict[str, Any], answers: dict[str, DocumentAnswers], tally: Tally) -> dict[str, Any]:
    """The document's meta plus what its answers say of the whole text. With one annotator:
    `cats` (as the spaCy readers keep categories) and `user_input`; with several, who said what
    stays apart: `cats_by_annotator` and `user_input_by_annotator`, keyed by layer name."""
    if not answers:
        return meta
    meta = dict(meta)
    if len(answers) == 1:
        (said,) = answers.values()
        _put_in_meta(meta, "cats", said.cats, tally)
        _put_in_meta(meta, USER_INPUT, _one_or_all(said.typed), tally)
    else:
        _put_in_meta(meta, "cats_by_annotator", {n: a.cats for n, a in answers.items() if a.cats}, tally)
        _put_in_meta(meta, f"{USER_INPUT}_by_annotator",
                     {n: _one_or_all(a.typed) for n, a in answers.items() if a.typed}, tally)
    return meta


def _one_or_all(values: list[Any]) -> Any:
    """One typed answer as itself; several different ones (the same text answered again) as a list."""
    return values[0] if len(values) == 1 else values or None


def _put_in_meta(meta: dict[str, Any], key: str, value: Any, tally: Tally) -> None:
    if not value:
        return
    if key in meta and meta[key] != value:  # the file's own meta wins; ours is reported, not hidden
        tally.add(f"document(s) already had a meta {key!r}: the answers that would go there were not kept", key)
        return
    meta[key] = value


def _trigger_refs(task: dict[str, Any]) -> set[Any]:
    """What marks a span of the task as a trigger: the id an event names as its trigger, or the
    (start, end, label) of the head of a relation labelled with an argument role -- as the
    doccano reader takes the `from_id` of such a relation (rel.manual: "sued" -source-> "Apple")."""
    events = task.get("events")
    refs: set[Any] = {e.get("trigger") for e in events if isinstance(e, dict)} if isinstance(events, list) else set()
    for relation in task.get("relations") or []:
        head = relation.get("head_span") if isinstance(relation, dict) else None
        if isinstance(head, dict) and role_of(str(relation.get("label", ""))):
            refs.add((head.get("start"), head.get("end"), head.get("label")))
    return refs


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
        kind = "trigger" if ("id" in raw and raw["id"] in trigger_refs) or (start, end, label) in trigger_refs \
            or is_trigger_label(label, options) else "entity"
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
    if path.is_dir() or path.suffix.lower() not in (".jsonl", ".ndjson", ".json", ".prodigy"):
        return False
    head = first_json_objects(path)
    return bool(head) and all("text" in task and "annotations" not in task for task in head) and any(
        {"spans", "tokens", "_input_hash", "_task_hash", "answer"} & set(task) for task in head)
