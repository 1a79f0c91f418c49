"""Prodigy JSONL: one task per document, as Prodigy's `ner_manual`/`spans_manual`/`rel.manual`
recipes write them.

Written per document (one layer, `--layer`):
    {"text", "id"?, "title"?, "source"?, "published"?, "meta",
     "tokens": [{"text", "start", "end", "id", "ws"}],                 # spacy.blank("en") tokens
     "spans": [{"start", "end", "token_start", "token_end", "label",   # token_end inclusive
                "id", "layer", "actor_code", "status", "origin", "offsets"?, "attrs"?,
                ...}],                                                   # the span's own fields (SPAN_FIELDS)
     "relations": [{"head", "child", "head_span", "child_span", "label"}],  # event arguments, each once:
                   # head = trigger, child = argument, label = role, head/child = token_end index
     "events": [{"id", "trigger", "type", "mode", "context", "negated", "status", "origin",
                 "attrs"?, "arguments": [{"role", "span", "offsets"}]}],  # span ids and offsets
     "answer", "_input_hash", "_task_hash", "_annotator_id", "_annotator_state"}
Extra keys are ignored by Prodigy and make our own files round-trip exactly. Character
offsets are authoritative on read; token indices of spans whose edges fall inside a token
cover the tokens they touch (counted in a warning).

Reading files Prodigy wrote (the rule for `answer`):
- `accept`, or no answer (an input file): spans are imported as accepted, layer state done
  (todo without an answer);
- `reject`: the spans are imported as rejected (kept, so the decision is not lost), state done;
- `ignore`: the document and its spans are imported as suggestions, state skipped;
- a span's own `answer` (binary `ner.teach` tasks) overrides the task's answer for that span;
- a binary answer (ner.teach, ner.match: `_is_binary`) makes its layer in progress, not done: it
  judged one suggested span, not the rest of the text.
Tasks with the same `_input_hash` (several binary decisions on one text) become one document:
their spans are merged, and for the same span the later decision wins. The same question
answered again by the same annotator (a manual interface's whole-text answer, or the same
`_task_hash`) keeps only the later answer (`_latest_answers`; counted in a warning). A span's
`text`, where given, must be the text at its offsets, or lie within it (a pattern match snapped
to its token), or the task's tokens must begin and end at its offsets (both counted in a warning);
else the file is refused: its offsets count something else (`_check_offsets`). The head of a
relation labelled with an argument role is a trigger (as in doccano), a plain token (no span)
included, which gets the event type UNTYPED_EVENT; relations of other labels between two
spans are kept with the first (`attrs.relations`, `layers.RelationArguments`) and written
back; one from or to a plain token is counted in a warning.

Several annotators (Prodigy's multi-user sessions sign each task with `_annotator_id`,
"<dataset>-<session>", and `_session_id`): when a file is signed by more than one, every
annotator gets a layer of their own, named by `_annotator_id`, else `_session_id`; tasks signed
by nobody go into the layer `--annotator` (else the default) names. A file signed by one
annotator or none is one layer per document, named as before (`LayerNamer`). Prodigy's unnamed
default session ("<dataset>-<server start time>") names nobody: its tasks are unsigned (`_person`).

Answers about the whole text go into the document's meta, in the shape the spaCy readers use:
`cats` = {label: 1.0 | 0.0} from a task-level `label` (accept 1.0, reject 0.0) and from choice
tasks (`options` + `accept`: the accepted ids 1.0, the other options 0.0), and `user_input`
(a text_input block). When several annotators answered one text they stay apart:
`cats_by_annotator` / `user_input_by_annotator` = {layer name: ...}. Options ticked in a task
answered reject or ignore are not turned into categories (counted in a warning). Such a task
(`_view_id` classification, choice, text_input; without one, a task-level `label`, `options`,
`accept` or `user_input` and no `tokens`) makes no span layer: done and empty, it would tell
training "no entity in this text". The spans it shows as context (an entity to link, a pattern
match) are not the annotator's and are left out (counted, with the lines); see `_annotates_spans`.
"""

from __future__ import annotations

import bisect
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..core.errors import InputError
from ..core.model import LAYERS, ORIGINS, STATUSES, AnnotatedDocument, Argument, Event, Layer, Span
from .io import (MAX_LINE_BYTES, atomic_file, decode, dumps_line, first_json_objects, json_lines, raw_lines,
                 sniffed_suffix)
from .layers import (IdMap, LayerNamer, RelationArguments, Tally, integer, integer_field, is_trigger_label,
                     layer_relations, layered, listed_arguments, numbered_by_file, record_document,
                     relabelled_event, report_widened, role_of, span_order, with_other_fields)
from .registry import ReadOptions, WriteOptions

ANSWER_STATUS = {"accept": "accepted", "reject": "rejected", "ignore": "suggested"}
ANSWER_STATE = {"accept": "done", "reject": "done", "ignore": "skipped"}
_INPUT_HASH = re.compile(rb'(?<!\\)"_input_hash"\s*:\s*(-?\d+)')
# Who answered a task, in order of preference (see `_signed_by`), and how to find it in a raw line.
SIGNATURE_KEYS = ("_annotator_id", "_session_id")
_SIGNATURES = [(f'"{key}"'.encode(), re.compile(rb'(?<!\\)"' + key.encode() + rb'"\s*:\s*("(?:[^"\\]|\\.)*")'))
               for key in SIGNATURE_KEYS]
USER_INPUT = "user_input"  # the field Prodigy's text_input block writes by default; kept in meta as is
# A task's top-level keys that are Prodigy's own (what its interfaces and recipes write; `review`
# adds `view_id`, `versions` and `sessions`), or our writer's (`task_for`): a key outside them
# is the user's own (`"resume_id": 1` carried from the input file) and goes into the meta, as the
# other JSONL readers keep a record's fields (`layers.with_other_fields`). Prodigy's own keys are
# read where they mean something, or are its bookkeeping and the media it showed (html, image ...).
PRODIGY_KEYS = frozenset({"text", "tokens", "spans", "relations", "answer", "meta", "label", "options", "accept",
                          USER_INPUT, "html", "image", "audio", "video", "view_id", "versions", "sessions"})
OUR_KEYS = frozenset({"id", "title", "source", "published", "events", "_annotator_state"})


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
        start, end = span.start, span.end
        if not aligned and tokens and tokens[first][0] < span.end and span.start < tokens[last][1]:
            # Prodigy's spans start and end on tokens (ner_manual snaps a selection to them), and what
            # reads its files takes start/end for it (doc.char_span(start, end) is None off the
            # tokens): start/end cover the tokens, our own offsets go in "offsets" for our reader
            start, end = tokens[first][0], tokens[last][1]
            tally.add("span(s) do not align to tokens: start/end cover the tokens they touch, the exact "
                      "offsets are kept in 'offsets'", repr(text[span.start:span.end]))
        elif not aligned:
            tally.add("span(s) do not align to tokens (token_start/token_end cover the tokens they touch)")
        base = {"start": start, "end": end, "token_start": first, "token_end": last,
                "label": span.label}
        span_dicts[span.id] = base
        out = {**base, "id": span.id, "layer": span.layer, "actor_code": span.actor_code,
               "status": span.status, "origin": span.origin}
        if (start, end) != (span.start, span.end):
            out["offsets"] = [span.start, span.end]
        fields = span.attrs.get(SPAN_FIELDS)
        attrs = span.attrs
        if isinstance(fields, dict):  # a span's own Prodigy fields (`_with_span_fields`), back where they were
            out.update((key, value) for key, value in fields.items() if key not in out and key not in SPAN_KEYS)
            attrs = {key: value for key, value in attrs.items() if key != SPAN_FIELDS}
        if attrs:
            out["attrs"] = attrs
        spans_out.append(out)
    relations = [{"head": span_dicts[head]["token_end"], "child": span_dicts[child]["token_end"],
                  "head_span": span_dicts[head], "child_span": span_dicts[child], "label": label}
                 for head, child, label in layer_relations(layer)]
    events = []
    for event in sorted(layer.events.values(), key=lambda e: e.id):
        # the offsets find an argument Prodigy rewrote without our id (a span relabelled there): a
        # relation does not say which of the events sharing its trigger it belongs to
        record = {"id": event.id, "trigger": event.trigger, "type": event.type, "mode": event.mode,
                  "context": event.context, "negated": event.negated, "status": event.status,
                  "origin": event.origin,
                  "arguments": [{"role": a.role, "span": a.span_id,
                                 "offsets": [layer.spans[a.span_id].start, layer.spans[a.span_id].end]}
                                for a in event.arguments]}
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
    task["answer"] = "accept"  # a skipped layer is never written (layers.layered): it holds no decision
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
            report_widened(layer.spans.values(), doc.document.text, tally, "Prodigy")
            out.write(dumps_line(task_for(doc, layer, tally)))
            count += 1
    tally.flush(options.warnings)
    return count


# ----------------------------------------------------------------------------- reading
Entry = tuple[int, dict[str, Any]]  # (line number, task): errors and warnings name the task's own line


@dataclass
class _FileSurvey:
    repeated: dict[int, list[tuple[int, int]]]  # _input_hash -> (byte offset, line) of its lines, if on several
    annotators: set[str]  # who signed the tasks (at most two are collected: enough to tell "several")


def _survey(path: Path) -> _FileSurvey:
    """First pass, over raw bytes (JSON is parsed once, in the second pass, as this runs over the
    largest files): the lines of every `_input_hash` that occurs more than once, and whether the
    tasks are signed by more than one annotator."""
    offsets: dict[int, list[tuple[int, int]]] = {}
    annotators: set[str] = set()
    for line, (position, raw) in enumerate(raw_lines(path), 1):
        match = _INPUT_HASH.search(raw)
        if match:
            offsets.setdefault(int(match.group(1)), []).append((position, line))
        if len(annotators) < 2:
            who = _signature_in(raw)
            if who is not None:
                annotators.add(who)
    return _FileSurvey({h: o for h, o in offsets.items() if len(o) > 1}, annotators)


def _signature_in(raw: bytes) -> str | None:
    """`_signed_by` of a raw line, found without parsing it; "" for Prodigy's default session,
    which names nobody but is somebody: beside a named session it is another person's work."""
    for key, pattern in _SIGNATURES:
        if key not in raw:  # a substring test is much cheaper than the regex on long lines
            continue
        match = pattern.search(raw)
        if match:
            try:
                value = json.loads(match.group(1))
            except ValueError:  # a broken line: the second pass reports it with its line number
                continue
            person = _person(value)
            if person:
                return person
            if isinstance(value, str) and value:
                return ""
    return None


def _signed_by(task: dict[str, Any]) -> str | None:
    """Who answered a task: the person of Prodigy's `_annotator_id` ("<dataset>-<session>" in
    multi-user sessions), else of its `_session_id` (see `_person`)."""
    for key in SIGNATURE_KEYS:
        person = _person(task.get(key))
        if person:
            return person
    return None


# Who a Prodigy session id names. What Prodigy says:
# - a named session (`?session=alex` in the app's URL) signs its answers "<dataset>-<name>": "a
#   session identifier consisting of the current dataset name and the session ID -- for example,
#   ner_person-alex" (the v1.7 README on multi-user sessions, quoted by its authors at
#   https://support.prodi.gy/t/prodigy-multi-user-session-access/1644/2);
# - without a name, "all annotations will be added to one default session"
#   (https://support.prodi.gy/t/training-with-multiple-annotators/1798/5), whose id is the time
#   the server started: Prodigy prints "Session ID: 2019-03-11_15-15-44" on exit
#   (https://gist.github.com/marchdown/37cd1c3cd0814e7ba0251b2f33aa1f92), and Explosion's own
#   db-out fixture (explosion/prodigy-evaluate, tests/test_evaluate.py) signs its answers with the
#   bare "2024-02-06_10-17-19"; with the dataset in front ("ner_news-2019-03-11_11-10-47") it
#   follows the named form.
# Every server start is a new timestamp, so taken as names they would split one person into a
# layer per start: the default session names nobody, and its tasks go where unsigned ones go
# (`--annotator`, else "prodigy"), so the user says whose they are.
SESSION_TIMESTAMP = re.compile(r"(?:^|-)\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}$")


def _person(session: Any) -> str | None:
    """The annotator a session id names: a named session as it is ("ner_news-alice"); None for
    Prodigy's default session ("ner_news-2019-03-11_11-10-47", or the bare time) and no id."""
    if not isinstance(session, str) or not session or SESSION_TIMESTAMP.search(session):
        return None
    return session


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
            return self.namer(_person(first.get("_annotator_id")))
        if key is None:
            return self.namer(None)
        if key != self.options.annotator:
            self.signers.add(key)
        return key

    def answerer(self, key: str | None, first: dict[str, Any]) -> str:
        """Whose answers about the whole text these are, when they make no layer (`_annotates_spans`):
        in a file of several annotators the name their layer would have, which keys
        `cats_by_annotator`; else no name -- one annotator's answers are the document's own `cats`,
        and naming a layer that is not made would only count it in the "went into the layer" warning."""
        return self.name(key, first) if self.several else ""

    def report(self) -> None:
        self.namer.report()
        if self.signers and self.options.annotator:
            names = ", ".join(sorted(self.signers)[:5]) + (", ..." if len(self.signers) > 5 else "")
            self.options.warnings.append(
                f"the tasks are signed by {len(self.signers)} annotators ({names}): each went into a layer of "
                f"their own; --annotator {self.options.annotator!r} named only the tasks without "
                "_annotator_id or _session_id")


def _line_at(handle: Any, offset: int, line: int, path: Path) -> Entry:
    handle.seek(offset)
    raw = handle.readline(MAX_LINE_BYTES + 1)
    try:
        value = json.loads(decode(raw, path, line))
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", file=str(path), line=line) from None
    return line, value


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
                    group = [_line_at(seeker, offset, number, path) for offset, number in repeated[key]]
                    group = [(n, t) for n, t in group if isinstance(t, dict) and t.get("_input_hash") == key] \
                        or [(line, task)]
                else:
                    group = [(line, task)]
                yield _document(group, path, line, options, names, tally)
            except InputError as exc:
                raise exc.located(str(path), line) from None
    names.report()
    tally.flush(options.warnings)


@contextmanager
def _at_line(line: int) -> Iterator[None]:
    """An error about one task of a document names that task's line (the tasks of one text can be
    far apart in the file)."""
    try:
        yield
    except InputError as exc:
        raise exc.located(line=line) from None


def _document(entries: list[Entry], path: Path, line: int, options: ReadOptions, names: _LayerNames,
              tally: Tally) -> AnnotatedDocument:
    """One document from the tasks that share its `_input_hash`: a layer per annotator (see
    `_LayerNames`) from their latest answers, and what the answers say of the whole text in its meta."""
    first = entries[0][1]
    text = first.get("text")
    if not isinstance(text, str):
        raise InputError("'text' is missing or not a string" if "text" not in first
                         else f"'text' must be a string, not {type(text).__name__}")
    meta = first.get("meta", {})
    if not isinstance(meta, dict):
        raise InputError(f"'meta' must be an object, not {type(meta).__name__}")
    layers: list[Layer] = []
    answers: dict[str, DocumentAnswers] = {}
    for key, own in _tasks_by_layer(entries, names).items():
        own = _latest_answers(own, tally)
        layer = _layer_of(own, text, options, tally)
        said = _document_answers(own, tally)
        if layer is not None:
            layer.annotator = names.name(key, own[0][1])
            layers.append(layer)
        if said:
            answers[layer.annotator if layer is not None else names.answerer(key, own[0][1])] = said
    meta = _meta_with_answers(_with_own_fields(first, meta, tally), answers, tally)
    return AnnotatedDocument(record_document(first, text, meta), layers, source_file=str(path), source_line=line,
                             own_numbering=numbered_by_file(layers))


def _with_own_fields(task: dict[str, Any], meta: dict[str, Any], tally: Tally) -> dict[str, Any]:
    """The task's meta with the fields that are neither Prodigy's nor ours (`PRODIGY_KEYS`,
    `OUR_KEYS`), named in a warning. Prodigy prefixes the keys it adds for itself with "_"
    (_input_hash, _task_hash, _view_id, _session_id, _annotator_id, _timestamp, _is_binary ...):
    those are its bookkeeping, never the user's. The fields of the document's first task: the
    tasks of one text (one `_input_hash`) carry the same input."""
    internal = {key for key in task if key.startswith("_")}
    return with_other_fields(task, meta, PRODIGY_KEYS | OUR_KEYS | internal, "Prodigy's", tally)


def _tasks_by_layer(entries: list[Entry], names: _LayerNames) -> dict[str | None, list[Entry]]:
    """The tasks grouped by the layer they go into, in the order of the file."""
    groups: dict[str | None, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(names.key(entry[1]), []).append(entry)
    return groups


# ----------------------------------------------------------------------------- the same text answered again
# Interfaces whose answer is the whole annotation of the text (what the manual recipes write:
# ner.manual, spans.manual, rel.manual, review, blocks), unlike the binary ones (`ner`,
# `classification`), where several answers on one text are decisions on different suggestions.
COMPLETE_VIEWS = frozenset({"ner_manual", "spans_manual", "relations", "pos_manual", "review", "blocks"})


def _question(task: dict[str, Any]) -> Any:
    """What an answered task answers, for telling when one annotator answered it again: the whole
    text (a manual interface), else the question its `_task_hash` names -- the same text answered
    again (Prodigy keeps every answer: re-annotating a text, or a text twice in the input stream,
    gives two). None (never superseded) for an input line without an answer or a task without a hash."""
    if "answer" not in task:
        return None
    if task.get("_view_id") in COMPLETE_VIEWS:
        return "the whole text"
    task_hash = task.get("_task_hash")
    return ("task", task_hash) if isinstance(task_hash, int) and not isinstance(task_hash, bool) else None


def _latest_answers(entries: list[Entry], tally: Tally) -> list[Entry]:
    """One annotator's tasks on one text, each question answered once: kept both, an earlier ORG
    and a later GPE on "Cupertino" would both land as accepted. Which answer stays: `_supersedes`;
    the dropped ones are counted, with their lines."""
    questions = [_question(task) for _, task in entries]
    latest: dict[Any, Entry] = {}
    for question, entry in zip(questions, entries):
        if question is not None and (question not in latest or _supersedes(entry[1], latest[question][1])):
            latest[question] = entry
    kept = []
    for question, entry in zip(questions, entries):
        if question is None or latest[question] is entry:
            kept.append(entry)
        else:
            tally.add("answer(s) superseded by the same annotator's later answer to the same text were dropped "
                      "(an ignore does not replace an accept or reject)", f"line {entry[0]}")
    return kept


def _supersedes(task: dict[str, Any], earlier: dict[str, Any]) -> bool:
    """Whether `task`, further down the file, replaces `earlier` as the answer to the same question.
    An ignore is a skip, not a decision (Prodigy trains on neither), so it never replaces an
    accept or reject -- a text served twice and skipped the second time keeps its annotation --
    and is replaced by one. Otherwise the later answer wins: by `_timestamp`, else by line."""
    skipped, skipped_before = task.get("answer") == "ignore", earlier.get("answer") == "ignore"
    if skipped != skipped_before:
        return skipped_before
    return not _answered_before(task, earlier)


def _answered_before(task: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether `task` is known to be answered before `other` by Prodigy's `_timestamp` (seconds)."""
    mine, theirs = task.get("_timestamp"), other.get("_timestamp")
    return _is_number(mine) and _is_number(theirs) and mine < theirs


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# ----------------------------------------------------------------------------- one annotator's layer
# What a task's answer is about: its spans, or the whole text (`_annotates_spans`). The interface
# it was answered in (`_view_id`) says it where the file names one:
SPAN_VIEWS = frozenset({"ner_manual", "spans_manual", "relations", "pos_manual",  # the spans are the annotation
                        "ner", "spans"})  # binary ner.teach / spans.teach: the answer is a decision on the spans
WHOLE_TEXT_VIEWS = frozenset({"classification", "choice", "text_input"})  # spans there are only shown
# Interfaces made of others (blocks; review, which shows another interface's answers): spans are
# annotated there when a span interface was among them, and one leaves its trace in the task.
COMPOSITE_VIEWS = frozenset({"review", "blocks"})
WHOLE_TEXT_KEYS = ("label", "options", "accept", USER_INPUT)  # see `_asks_about_the_whole_text`


def _annotates_spans(task: dict[str, Any]) -> bool:
    """Whether a task's answer is about its spans -- and so makes the annotator's layer -- rather
    than about the whole text (a text classification or choice question, whose answer goes into
    the document's meta only). The spans of a classification or choice task (a model's entity shown
    as context for an entity-linking choice, a pattern match highlighted for textcat.teach) are
    not the annotator's decisions: accepting the question is not accepting them, and a done layer
    without spans would say "no entity here" of every token. Without a view id (input files,
    older Prodigy, converters): tokens mean the text was prepared for span annotation; else a
    task that asks about the whole text annotates no spans, and any other does (ner.teach)."""
    view = task.get("_view_id")
    if view in SPAN_VIEWS:
        return True
    if view in WHOLE_TEXT_VIEWS:
        return False
    if view in COMPOSITE_VIEWS:  # a span block needs tokens and writes spans; a choice block alone neither
        return "tokens" in task or bool(task.get("spans"))
    return "tokens" in task or not _asks_about_the_whole_text(task)


def _asks_about_the_whole_text(task: dict[str, Any]) -> bool:
    """A task-level `label` (textcat.teach, the classification view), `options`/`accept` (a choice
    question) or a typed answer (text_input): what `_document_answers` keeps in the meta."""
    return any(task.get(key) not in (None, "") for key in WHOLE_TEXT_KEYS)


def _leave_out_context_spans(task: dict[str, Any], line: int, tally: Tally) -> None:
    """The spans of a task answered about the whole text are left out, and counted with the line:
    they are what the question showed, not what the annotator decided (`_annotates_spans`)."""
    if _spans_of(task):
        tally.add("task(s) answered about the whole text (a classification, choice or text_input question) "
                  "showed spans as context: they were not imported as annotations, the answer went into the "
                  "document's meta", f"line {line}")


def _layer_of(entries: list[Entry], text: str, options: ReadOptions, tally: Tally) -> Layer | None:
    """One annotator's layer from their tasks on one text (unnamed yet), made of the tasks that
    annotate spans (`_annotates_spans`) only. None when there is no such task, or none of them was
    answered or has spans (an input line: the document alone): an answer about the whole text
    goes into the document's meta, and a layer made of it -- done, without a span -- would tell
    training "no entity anywhere in this text", a decision nobody made."""
    layer = Layer("")
    ids = IdMap()
    by_key: dict[tuple[int, int, str, str], int] = {}
    answered = False
    states = []
    complete = False  # a complete answer (not a binary decision) marked the text done
    for line, task in entries:
        with _at_line(line):
            answer = _checked_answer(task, text)
            if not _annotates_spans(task):
                _leave_out_context_spans(task, line, tally)
                continue
            state = _read_task(task, answer, text, layer, ids, by_key, options, tally, line)
            if state == "done" and _is_binary(task):
                state = "in_progress"
                tally.add("binary answer(s) (ner.teach: accept or reject one suggested span) keep their layer in "
                          "progress, not done: the text they did not judge is unknown, not \"no entity\"",
                          f"line {line}")
            complete = complete or state == "done"
            states.append(state)
        answered = answered or answer is not None
    if not answered and not layer.spans:
        return None
    layer.state = "skipped" if states and all(s == "skipped" for s in states) else "done" if complete else next(
        (s for s in reversed(states) if s != "skipped"), "todo")
    return layer


# Interfaces of binary decisions: the annotator accepts or rejects the one suggestion shown (ner.teach,
# ner.match, spans.teach), which says nothing of the rest of the text.
BINARY_VIEWS = frozenset({"ner", "spans"})
MODEL_SPAN_KEYS = ("score", "rank")  # what ner.teach's model adds to the span it asks about


def _is_binary(task: dict[str, Any]) -> bool:
    """Whether a task is a binary decision on suggested spans (ner.teach, ner.match) rather than the
    whole annotation of its text (ner.manual, ner.correct, rel.manual). Prodigy says so in
    `_view_id` ("ner", "spans"), or `_is_binary`; files without them (Prodigy before 1.8, as
    Explosion's own reddit-PRODUCT example dataset) show it in the spans: a span with its own
    `answer`, or with the model's `score` and `rank`. Prodigy trains on such answers with the
    tokens nobody judged as missing values, "not O" (its `--binary` training); a rejected span is
    only "not this label here"."""
    view = task.get("_view_id")
    if view in BINARY_VIEWS or task.get("_is_binary") is True:
        return True
    if view is not None or task.get("_is_binary") is False:
        return False
    spans = task.get("spans")
    return isinstance(spans, list) and any(
        isinstance(span, dict) and ("answer" in span or all(key in span for key in MODEL_SPAN_KEYS))
        for span in spans)


def _checked_answer(task: dict[str, Any], text: str) -> Any:
    """The task's answer, once the task is known to belong to the text and to answer as Prodigy does."""
    if task.get("text") != text:
        raise InputError("tasks with the same _input_hash have different texts")
    answer = task.get("answer")
    if answer is not None and answer not in ANSWER_STATUS:
        raise InputError(f"'answer' must be accept, reject or ignore, not {answer!r}")
    return answer


def _spans_of(task: dict[str, Any]) -> list[Any]:
    spans = task.get("spans", [])
    if not isinstance(spans, list):
        raise InputError("'spans' must be a list")
    return spans


def _read_task(task: dict[str, Any], answer: Any, text: str, layer: Layer, ids: IdMap,
               by_key: dict[tuple[int, int, str, str], int], options: ReadOptions, tally: Tally, line: int) -> str:
    """A task's spans and events into the layer; the layer state its answer implies."""
    task = _as_answered_in_prodigy(task, options, tally)
    default_status = ANSWER_STATUS.get(answer, "accepted")
    state = task.get("_annotator_state")
    if state not in ("todo", "in_progress", "done", "skipped"):
        state = ANSWER_STATE.get(answer, "todo")
    trigger_ids = _trigger_refs(task)
    for i, raw in enumerate(_spans_of(task)):
        _span(raw, i, text, task, default_status, trigger_ids, layer, ids, by_key, options, tally, line)
    _events(task, text, default_status, layer, ids, by_key, tally, line)
    return state


# Keys Prodigy writes on every answered task and our writer never does.
PRODIGY_ANSWER_KEYS = ("_view_id", "_session_id", "_timestamp")


def _back_from_prodigy(task: dict[str, Any]) -> bool:
    """A task of ours (`task_for`: our `events`, `_annotator_state`) that Prodigy answered."""
    return (isinstance(task.get("events"), list) or "_annotator_state" in task) \
        and any(key in task for key in PRODIGY_ANSWER_KEYS)


def _as_answered_in_prodigy(task: dict[str, Any], options: ReadOptions, tally: Tally) -> dict[str, Any]:
    """Our task as its annotator answered it in Prodigy (`_back_from_prodigy`). Prodigy keeps a
    task's keys, and those of each span nobody touched: our `_annotator_state` ("todo"), a span's
    `status` ("suggested") and the `events` (their arguments by our span ids) say what the layer
    was at export. Read so, an accepted session came back as untouched suggestions, an argument
    deleted in rel.manual came back, and a trigger deleted refused the whole file. Here the
    answer decides the spans' status and the state; an event is kept for what Prodigy cannot show
    (mode, context, negation) while its trigger is still a span, typed by that span's label now,
    its arguments Prodigy's relations (`_events`)."""
    if not _back_from_prodigy(task):
        return task
    tally.add("task(s) written by annotator came back answered in Prodigy: the answer, spans and relations "
              "there are read, not the state and statuses written at export")
    spans = [{k: v for k, v in raw.items() if k != "status"} if isinstance(raw, dict) else raw
             for raw in task.get("spans") or []]
    labels = {raw.get("id"): raw.get("label") for raw in spans if isinstance(raw, dict) and "id" in raw}
    events = []
    for raw in task.get("events") or []:
        if not isinstance(raw, dict) or raw.get("trigger") not in labels:
            tally.add("event(s) whose trigger was deleted in Prodigy were left out")
            continue
        # (its `arguments` only tell apart the events sharing a trigger: Prodigy's relations are them)
        event = {k: v for k, v in raw.items() if k not in ("status", "origin")}
        label = labels[raw["trigger"]]
        if isinstance(label, str):  # relabelled there, maybe
            mode = event.get("mode") if isinstance(event.get("mode"), str) else None
            event["type"], event["mode"] = relabelled_event(event["type"], mode, label, options)
        events.append(event)
    # ner.manual keeps the relations as exported, each end with the label it had: a span
    # relabelled there (its offsets kept) is still that end, under its label now
    label_at = {(raw.get("start"), raw.get("end")): raw.get("label") for raw in spans if isinstance(raw, dict)}

    def now(end: Any) -> Any:
        if isinstance(end, dict) and end.get("label") is not None \
                and label_at.get((end.get("start"), end.get("end")), end["label"]) != end["label"]:
            return {**end, "label": label_at[(end.get("start"), end.get("end"))]}
        return end

    relations = [{**r, "head_span": now(r.get("head_span")), "child_span": now(r.get("child_span"))}
                 if isinstance(r, dict) else r for r in task.get("relations") or []]
    return {**{k: v for k, v in task.items() if k != "_annotator_state"}, "spans": spans, "events": events,
            "relations": relations}


# ----------------------------------------------------------------------------- answers about the whole text
@dataclass
class DocumentAnswers:
    """What one annotator's tasks say of a whole text: categories in spaCy's `cats` shape
    (label -> 1.0 / 0.0) and what they typed in a text_input block."""

    cats: dict[str, float] = field(default_factory=dict)
    typed: list[Any] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.cats or self.typed)


def _document_answers(entries: list[Entry], tally: Tally) -> DocumentAnswers:
    """The answers of one annotator's tasks on one text; for the same category the later wins."""
    said = DocumentAnswers()
    for line, task in entries:
        answer = task.get("answer")
        said.cats.update(_binary_category(task, answer))
        with _at_line(line):
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
          layer: Layer, ids: IdMap, by_key: dict[tuple[int, int, str, str], int], options: ReadOptions,
          tally: Tally, line: int) -> None:
    where = f"spans[{i}]"
    if not isinstance(raw, dict):
        raise InputError(f"{where} must be an object")
    shown: tuple[int, int] | None = None
    offsets = raw.get("offsets")  # our writer's exact offsets of a span start/end snap to tokens
    if isinstance(offsets, list) and len(offsets) == 2 and all(type(x) is int for x in offsets) \
            and "start" in raw and "end" in raw:
        shown = integer_field(raw, "start", where), integer_field(raw, "end", where)
        start, end = offsets
        if not 0 <= start < end <= len(text):
            raise InputError(f"{where}.offsets [{start}, {end}) is outside the text (length {len(text)}) or empty")
        if not _snaps_to(task.get("tokens"), (start, end), shown):
            # start/end moved since (the span was corrected in Prodigy): they are the span now
            (start, end), shown = shown, None
    elif "start" in raw or "end" in raw:
        start, end = integer_field(raw, "start", where), integer_field(raw, "end", where)
    else:  # token-only span: character offsets from the task's tokens
        tokens = task.get("tokens") or []
        try:
            start = integer(tokens[integer(raw.get("token_start"), f"{where}.token_start")]["start"], "a token's start")
            end = integer(tokens[integer(raw.get("token_end"), f"{where}.token_end")]["end"], "a token's end")
        except (IndexError, KeyError, TypeError):
            raise InputError(f"{where} has no start/end and its token indices do not match 'tokens'") from None
    # the stated text, if any, is of the offsets the file shows (Prodigy's own: on the tokens)
    _check_offsets(raw, where, text, *(shown or (start, end)), task.get("tokens"), tally, line)
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
    attrs = _with_span_fields(raw, raw.get("attrs") if isinstance(raw.get("attrs"), dict) else {}, tally)
    key = (start, end, label, kind)
    if key in by_key and "id" not in raw:  # the same span decided again: the later decision wins
        layer.spans[by_key[key]].status = status
        return
    span_id = ids(raw["id"] if "id" in raw else object())
    if span_id in layer.spans:
        raise InputError(f"{where}: span id {raw.get('id')!r} is used twice")
    layer.add_span(Span(span_id, start, end, label, kind, actor_code, origin, status, attrs))
    by_key.setdefault(key, span_id)
    if shown is not None:  # relations name the span by the offsets the file shows
        by_key.setdefault((*shown, label, kind), span_id)


# A span's keys read for what they mean (Prodigy's and our writer's, `task_for`); any other a span
# carries -- the model that suggested it (`source`, ner.correct), its `input_hash`, a pattern id, a
# score -- is kept in its attrs under SPAN_FIELDS and written back as the span's own key.
SPAN_KEYS = frozenset({"start", "end", "token_start", "token_end", "label", "text", "answer",
                       "id", "layer", "actor_code", "status", "origin", "offsets", "attrs"})
SPAN_FIELDS = "prodigy"


def _with_span_fields(raw: dict[str, Any], attrs: dict[str, Any], tally: Tally) -> dict[str, Any]:
    """A span's attrs plus its fields outside `SPAN_KEYS` (under `SPAN_FIELDS`), named in a warning
    unless the span is our writer's (it carries `layer`): a task's own fields go into the meta
    with a word, a span's were dropped without one."""
    fields = {key: value for key, value in raw.items() if key not in SPAN_KEYS}
    if not fields:
        return attrs
    if "layer" not in raw:
        for i, key in enumerate(fields):
            tally.add(f"span(s) with fields of their own (beyond offsets, tokens and label): kept in the span's "
                      f"attrs.{SPAN_FIELDS} and written back to Prodigy", key, n=0 if i else 1)
    return {**attrs, SPAN_FIELDS: {**fields, **(attrs.get(SPAN_FIELDS) or {})}}


def _snaps_to(tokens: Any, exact: tuple[int, int], shown: tuple[int, int]) -> bool:
    """Whether `shown` is what our writer made of `exact`: the edges of the task's tokens it touches.
    Otherwise start/end were moved since (the span corrected in Prodigy), and they are the span."""
    start, end = exact
    touched = [(t.get("start"), t.get("end")) for t in tokens or [] if isinstance(t, dict)
               and isinstance(t.get("start"), int) and isinstance(t.get("end"), int)
               and t["start"] < end and start < t["end"]]
    return bool(touched) and (touched[0][0], touched[-1][1]) == shown


def _check_offsets(raw: dict[str, Any], where: str, text: str, start: int, end: int, tokens: Any,
                   tally: Tally, line: int) -> None:
    """A span must lie in the text, and its offsets must be the file's own: a span placed by offsets
    that count something else (UTF-16 code units, bytes, a text edited since) would be imported
    shifted without a word, as would every span of its file. Its `text`, where given, tells: Prodigy
    writes spaCy's `Span.text`, the text between its offsets -- but not always: a pattern that
    matched part of a token ("Zulu" in "Zuluovia") is snapped to the whole token by `ner.manual`
    and keeps the text it matched. So a stated text that differs is tolerated (counted, with the
    line) when the offsets are evidently right (`_offsets_borne_out`), and refuses the file otherwise."""
    if not 0 <= start < end <= len(text):
        raise InputError(f"{where} [{start}, {end}) is outside the text (length {len(text)}) or empty")
    said, there = raw.get("text"), text[start:end]
    if said is None or said == there:
        return
    if not _offsets_borne_out(raw, said, text, start, end, tokens):
        raise InputError(f"{where}: the text at [{start}, {end}) is {there!r}, but the span says {said!r} "
                         "(do the offsets count characters of this very text?)")
    tally.add("span(s) whose stated text is not the text at their offsets were imported at their offsets, which "
              "the task bears out (the stated text lies within them -- a pattern match snapped to its token -- "
              "or the task's tokens begin and end there)", f"line {line}: {said!r} at {there!r}")


def _offsets_borne_out(raw: dict[str, Any], said: Any, text: str, start: int, end: int, tokens: Any) -> bool:
    """Whether a span whose stated text differs from the text at its offsets is nonetheless where
    its offsets say: the stated text lies within the text there (a sub-word snapped to its token;
    shifted offsets of the same length never contain it), or the task's tokens at its
    token_start/token_end begin and end at its offsets (`_tokens_agree`)."""
    if isinstance(said, str) and said and said in text[start:end]:
        return True
    return _tokens_agree(raw, text, start, end, tokens)


def _tokens_agree(raw: dict[str, Any], text: str, start: int, end: int, tokens: Any) -> bool:
    """Whether the task's token at `token_start` begins at `start` and the one at `token_end` ends at
    `end`, each being where it says (its `text` is the text at its offsets): tokens counted in the
    same wrong units as the spans would agree with them too, but not with the text."""
    first, last = _token_at(tokens, raw.get("token_start")), _token_at(tokens, raw.get("token_end"))
    return (first is not None and last is not None and first[0] == start and last[1] == end
            and _token_in_place(first, text) and _token_in_place(last, text))


def _token_at(tokens: Any, index: Any) -> tuple[int, int, str] | None:
    """(start, end, text) of the task's token at `index`, or None where there is no usable one."""
    if not isinstance(tokens, list) or isinstance(index, bool) or not isinstance(index, int) \
            or not 0 <= index < len(tokens) or not isinstance(tokens[index], dict):
        return None
    token = tokens[index]
    start, end, said = token.get("start"), token.get("end"), token.get("text")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)) or not isinstance(said, str):
        return None
    return start, end, said


def _token_in_place(token: tuple[int, int, str], text: str) -> bool:
    start, end, said = token
    return 0 <= start < end <= len(text) and text[start:end] == said


def _events(task: dict[str, Any], text: str, default_status: str, layer: Layer, ids: IdMap,
            by_key: dict[tuple[int, int, str, str], int], tally: Tally, line: int) -> None:
    """The task's events: our own `events` where the file has them, else its relations (rel.manual);
    answered in Prodigy, both: the events, and their arguments from the relations."""
    events = task.get("events")
    claimed: list[tuple[Event, str, int]] = []
    if isinstance(events, list) and events:
        back = _back_from_prodigy(task)
        claimed = _own_events(events, layer, ids, arguments_from_relations=back)
        if not back:
            return
    relations = task.get("relations")
    if isinstance(relations, list):
        _relation_arguments(relations, text, default_status, layer, ids, by_key, claimed, tally, line)


def _own_events(events: list[Any], layer: Layer, ids: IdMap, arguments_from_relations: bool = False
                ) -> list[tuple[Event, str, int]]:
    """Our `events` into the layer, with their `arguments`; answered in Prodigy, the arguments are
    Prodigy's relations, and those listed are returned as (event, role, span id) to tell apart
    the events that share a trigger (`RelationArguments.claim`)."""
    event_ids = IdMap()
    claimed: list[tuple[Event, str, int]] = []
    for i, raw in enumerate(events):
        where = f"events[{i}]"
        if not isinstance(raw, dict):
            raise InputError(f"{where} must be an object")
        trigger = ids.get(raw.get("trigger"))
        if trigger is None or trigger not in layer.spans:
            raise InputError(f"{where}.trigger {raw.get('trigger')!r} is not the id of a span of this task")
        layer.spans[trigger].layer = "trigger"
        if arguments_from_relations:
            arguments = [Argument(role, span) for role, span in _written_arguments(raw.get("arguments"), layer, ids)]
        else:
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
        event = Event(
            event_id, trigger, etype, raw.get("mode") if isinstance(raw.get("mode"), str) else None,
            raw.get("context") if isinstance(raw.get("context"), str) else None, bool(raw.get("negated")),
            raw.get("origin") if raw.get("origin") in ORIGINS else "import",
            raw.get("status") if raw.get("status") in STATUSES else "accepted",
            [] if arguments_from_relations else arguments,
            raw.get("attrs") if isinstance(raw.get("attrs"), dict) else {},
        )
        layer.add_event(event)
        claimed += [(event, a.role, a.span_id) for a in arguments if arguments_from_relations]
    return claimed


def _written_arguments(args: Any, layer: Layer, ids: IdMap) -> list[tuple[str, int]]:
    """(role, span id) of the arguments our export listed for an event (`task_for`,
    `layers.listed_arguments`): the span by its id while Prodigy kept it, else the spans at its
    offsets."""
    def by_id(value: Any) -> int | None:
        span = ids.get(value)
        return span if span is not None and span in layer.spans else None

    def at(start: int, end: int) -> list[int]:
        return [s.id for s in layer.spans.values() if (s.start, s.end) == (start, end)]

    return listed_arguments(args, by_id, at)


# Relations in Prodigy's relations interface are "anchored either by single words or phrases"
# (https://prodi.gy/docs/dependencies-relations): a relation from a word nobody made a span writes
# that token as its `head_span` with "label": null, e.g. {"start": 6, "end": 11, "token_start": 1,
# "token_end": 1, "label": null}. Labelled with a role ("hired" -source-> "Apple") the token is an
# event's trigger all the same, but one whose type the annotator never gave: it gets this one
# (rather than the token's own text, which would make an event type of every word form).
UNTYPED_EVENT = "UNTYPED"


def _relation_arguments(relations: list[Any], text: str, default_status: str, layer: Layer, ids: IdMap,
                        by_key: dict[tuple[int, int, str, str], int], claimed: list[tuple[Event, str, int]],
                        tally: Tally, line: int) -> None:
    """rel.manual relations trigger -(role)-> span as event arguments (`RelationArguments`, as
    doccano's are read; `claimed`: the arguments our export listed for each event); a head that
    is a plain token becomes a trigger (`_token_trigger`)."""
    arguments = RelationArguments(layer, text, lambda: ids(object()), tally, "span")
    for event, role, span in claimed:
        arguments.claim(event, role, span)
    for i, raw in enumerate(relations):
        if not isinstance(raw, dict):
            continue
        label = str(raw.get("label", ""))
        head, child = _span_ref(raw.get("head_span"), by_key), _span_ref(raw.get("child_span"), by_key)
        if head is None and child is not None and role_of(label) and _is_plain_token(raw.get("head_span")):
            head = _token_trigger(raw["head_span"], f"relations[{i}].head_span", text, default_status, layer, ids,
                                  by_key, tally, line)
        arguments.add(head, child, label)


def _is_plain_token(ref: Any) -> bool:
    """A relation end that is no span: Prodigy writes it with "label": null."""
    return isinstance(ref, dict) and ref.get("label") is None and "start" in ref and "end" in ref


def _token_trigger(ref: dict[str, Any], where: str, text: str, status: str, layer: Layer, ids: IdMap,
                   by_key: dict[tuple[int, int, str, str], int], tally: Tally, line: int) -> int:
    """The trigger span (of type UNTYPED_EVENT) of a plain token at the head of a role relation,
    made on first use: the token's other relations are arguments of the same event."""
    start, end = integer_field(ref, "start", where), integer_field(ref, "end", where)
    _check_offsets(ref, where, text, start, end, None, tally, line)  # the relation has no tokens of its own
    key = (start, end, UNTYPED_EVENT, "trigger")
    if key not in by_key:
        span_id = ids(object())
        layer.add_span(Span(span_id, start, end, UNTYPED_EVENT, "trigger", None, "import", status, {}))
        by_key[key] = span_id
        tally.add(f"plain token(s) (no span) at the head of a relation labelled with a role became triggers "
                  f"of the event type {UNTYPED_EVENT!r}: the file gives them no type", repr(text[start:end]))
    return by_key[key]


def _span_ref(raw: Any, by_key: dict[tuple[int, int, str, str], int]) -> int | None:
    if not isinstance(raw, dict):
        return None
    for kind in ("trigger", "entity"):
        try:
            found = by_key.get((raw.get("start"), raw.get("end"), raw.get("label"), kind))
        except TypeError:  # a list or object where an offset or label should be: no span of ours
            return None
        if found is not None:
            return found
    return None


def sniff(path: Path, suffix: str | None = None) -> bool:
    if path.is_dir() or sniffed_suffix(path, suffix) not in (".jsonl", ".ndjson", ".json", ".prodigy"):
        return False
    head = first_json_objects(path)
    return bool(head) and all("text" in task and "annotations" not in task for task in head) and any(
        {"spans", "tokens", "_input_hash", "_task_hash", "answer"} & set(task) for task in head)
