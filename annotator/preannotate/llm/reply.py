"""Reading the model's reply: the documented JSON object (bare or in a ```json fence), and every
string anchored in the chunk text that was sent.

Offsets come only from where a `quote` is found in the chunk and where the trigger, argument or
entity string is found inside that quote — never from numbers the model wrote. An item whose
text cannot be found, whose type or label the scheme lacks, or an argument that is the trigger
itself, is dropped and counted by reason (`Anchored.dropped`).
"""

from __future__ import annotations

import ast
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...core.find import Finder
from ...core.offsets import UNSPACED
from .prompt import CODED_LABELS, EXAMPLE_ROLES

if TYPE_CHECKING:
    from ...core.scheme import Scheme

# Reasons an item is dropped (the report counts them).
NOT_FOUND = "text not found in the document as whole words"
UNKNOWN_TYPE = "unknown event type"
UNKNOWN_LABEL = "unknown entity label"
ARGUMENT_IS_TRIGGER = "argument is (part of) the trigger"
NO_ENTITY = "argument is not one of the entities and its label cannot be told"
BAD_ITEM = "not an object with the documented fields"
UNKNOWN_MODE = "unknown mode (the event is kept without it)"
DUPLICATE = "duplicate event"
TWO_ROLES = "one entity in two roles of an event"
TRIGGER_IS_ENTITY = "trigger is one of the entities"
UNKNOWN_ROLE = "argument role the scheme lacks (the window could not show it)"

_FENCE = re.compile(r"```[ \t]*(?:json|JSON)?[ \t]*\n?(.*?)```", re.S)
_THINKING = re.compile(r"<think>.*?</think>", re.S | re.I)  # reasoning models' preamble
MAX_OBJECT_STARTS = 200
# A Python literal ({'events': [...], 'entities': [...]}) is read only up to this size and depth:
# the parser is not fed a reply that could exhaust memory or the stack.
MAX_LITERAL_CHARS = 200_000
MAX_LITERAL_DEPTH = 40
_ACTOR_CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
_WORD = re.compile(r"\w")
# Characters models often swap for a look-alike: typographic and straight quotes, dashes.
_LOOSE = {c: cls for cls, chars in (("[\"“”„]", "\"“”„"), ("['‘’`]", "'‘’`"), ("[-‐–—]", "-‐–—"))
          for c in chars}


class ReplyError(Exception):
    """The reply cannot be read as the documented format (the document gets no suggestions)."""


@dataclass
class EventHit:
    trigger: tuple[int, int]
    type: str
    mode: str | None
    arguments: list[tuple[str, tuple[int, int]]] = field(default_factory=list)  # (role, entity offsets)


@dataclass
class Anchored:
    """Suggestions of one chunk, offsets relative to the chunk."""

    entities: dict[tuple[int, int], tuple[str, str | None]] = field(default_factory=dict)  # -> label, code
    events: list[EventHit] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)


# ---------------------------------------------------------------------- the JSON object
def parse_reply(content: str) -> dict[str, list[Any]]:
    """The reply's JSON object with its `events` and `entities` lists (missing lists are empty).
    Taken as the whole reply, a fenced block, or the first object with either list in the text
    around it: models write a `<think>` block first (dropped), or a sentence after the object.
    Failing JSON (and JSON without trailing commas), a Python dict literal is read."""
    text = _THINKING.sub("", content)
    # A reasoning model's chat template may open the <think> block in the prompt: the reply then
    # holds only its end ("...</think>{...}"). Whatever stands before the last </think> is
    # reasoning, and a draft or a quoted format in it ({"events": [], ...}) is not the answer.
    close = text.lower().rfind("</think>")
    if close != -1:
        text = text[close + len("</think>"):]
    elif text.lstrip()[:7].lower() == "<think>":
        # reasoning cut off before its end (the output limit): there is no answer in it. (Only at
        # the start: a quoted "<think>" in an answer's text is no reasoning.)
        raise ReplyError("the reply is only the model's reasoning, cut off before an answer: " + excerpt(text))
    text = text.strip()
    fenced = _FENCE.search(text)
    candidates = [fenced.group(1).strip()] if fenced else []
    candidates.append(text)
    if "{" in text:
        candidates.append(text[text.index("{"): text.rindex("}") + 1] if "}" in text else text)
    data: Any = None
    for candidate in candidates:
        try:
            data = json.loads(candidate)
            break
        except ValueError:
            continue
    else:
        data = _first_reply_object(text)
        if data is None:
            data = _first_reply_object(_without_trailing_commas(text))
        if data is None:
            # small local models write the object as a Python dict: single quotes, None, True
            data = next((d for d in map(_python_literal, candidates) if d is not None), None)
        if data is None:
            raise ReplyError("the reply is not JSON: " + excerpt(text))
    if not isinstance(data, dict):
        raise ReplyError(f"the reply is JSON but not an object: {excerpt(text)}")
    keys = {key.casefold(): key for key in data if isinstance(key, str)}  # "Events" is events
    if "events" not in keys and "entities" not in keys:
        # {"error": "context length exceeded"} is not "nothing found": taken as such it would
        # wipe the document's suggestions and be cached as its answer
        raise ReplyError(f"the reply has neither 'events' nor 'entities': {excerpt(text)}")
    out: dict[str, list[Any]] = {}
    for key in ("events", "entities"):
        value = data.get(keys[key], []) if key in keys else []
        if value is None:
            value = []
        if not isinstance(value, list):
            raise ReplyError(f"the reply's {key!r} is not a list: {excerpt(text)}")
        out[key] = value
    return out


def _first_reply_object(text: str) -> dict[str, Any] | None:
    """The first JSON object in `text` that has an `events` or `entities` key, wherever it
    starts and whatever follows it ("{...} (Note: I used {} where nothing was found.)")."""
    decoder = json.JSONDecoder()
    for tried, brace in enumerate(re.finditer(r"\{", text)):
        if tried == MAX_OBJECT_STARTS:  # a reply of braces is not worth a quadratic search
            return None
        try:
            data, _end = decoder.raw_decode(text, brace.start())
        except ValueError:
            continue
        if isinstance(data, dict) and {"events", "entities"} & {k.casefold() for k in data if isinstance(k, str)}:
            return data
    return None


_STRING_OR_TRAILING_COMMA = re.compile(r'"(?:[^"\\]|\\.)*"|,(\s*[\]}])')


def _without_trailing_commas(text: str) -> str:
    """`text` with the commas before a closing bracket removed outside JSON strings ({"a": [1,],}):
    small local models write them; tried only after the strict parse failed."""
    return _STRING_OR_TRAILING_COMMA.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(0), text)


def _python_literal(text: str) -> Any:
    """`text` read as a Python literal with `ast.literal_eval` (literals only: no name, call or
    attribute is ever evaluated), as JSON would read it (tuples become lists); None when it is
    not one, is larger than MAX_LITERAL_CHARS, nests deeper than MAX_LITERAL_DEPTH, or holds
    anything JSON has not (bytes, sets, complex numbers, keys that are not strings)."""
    text = text.strip()
    if not text.startswith("{") or len(text) > MAX_LITERAL_CHARS:
        return None
    depth = deepest = 0
    for token in _STRING_OR_BRACKET.findall(text):  # brackets inside strings do not count
        if token in ("(", "[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in (")", "]", "}"):
            depth -= 1
    if deepest > MAX_LITERAL_DEPTH:
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None

    def plain(v: Any) -> bool:
        if isinstance(v, dict):
            return all(isinstance(k, str) and plain(x) for k, x in v.items())
        if isinstance(v, (list, tuple)):
            return all(plain(x) for x in v)
        return v is None or isinstance(v, (str, bool, int, float))

    if not isinstance(value, dict) or not plain(value):
        return None
    return json.loads(json.dumps(value))  # tuples as lists, as JSON has them


# a quoted Python string (either quote) or one bracket: the brackets outside strings give the depth
_STRING_OR_BRACKET = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[()\[\]{}]""")


def _shown(value: str) -> str:
    """A label or type the model wrote, as a report names it (quoted, at most 40 characters)."""
    value = " ".join(value.split())
    return repr(value if len(value) <= 40 else value[:39] + "…")


def excerpt(text: str, limit: int = 80) -> str:
    """A text's first `limit` characters on one line, quoted (what a message shows of a reply)."""
    text = " ".join(text.split())
    return repr(text[:limit] + ("…" if len(text) > limit else ""))


# ---------------------------------------------------------------------- finding strings
def _is_word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and bool(_WORD.match(text[i]))


def _joined(text: str, i: int) -> bool:
    """Whether characters i-1 and i belong to one word. Scripts written without spaces (Chinese,
    Japanese, Thai ...) have no word boundary to see: "北京" in "北京抗议东京" is the model's name."""
    return _is_word_char(text, i - 1) and _is_word_char(text, i) and not (
        UNSPACED.match(text[i - 1]) or UNSPACED.match(text[i]))


def _occurrences(haystack: str, needle: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where `needle` occurs in haystack[start:end]: exact first; failing that, the same words
    with any whitespace between them (models re-flow line breaks) and quotes or dashes in either
    typographic or plain form. The offsets are always those of the stored text."""
    hits = []
    i = haystack.find(needle, start, end)
    while i != -1:
        hits.append((i, i + len(needle)))
        i = haystack.find(needle, i + 1, end)
    if hits:
        return hits
    words = needle.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join("".join(_LOOSE.get(c, re.escape(c)) for c in w) for w in words))
    hits = [(m.start(), m.end()) for m in pattern.finditer(haystack, start, end)]
    if hits or haystack.isascii():
        return hits
    # the same letters written another way: a model answers "Zürich" (one code point) where the
    # text has "Zu" + a combining diaeresis (macOS, scrapers), or the other way round
    composed = unicodedata.normalize("NFC", needle)
    return [(a, b) for a, b in Finder(haystack).matches(needle)
            if start <= a and b <= end and unicodedata.normalize("NFC", haystack[a:b]) == composed]


def _whole_word_occurrences(haystack: str, needle: str, start: int, end: int) -> list[tuple[int, int]]:
    """`_occurrences` that start and end on word boundaries (never "Iran" inside "Iranian")."""
    def whole(a: int, b: int) -> bool:
        return not _joined(haystack, a) and not _joined(haystack, b)

    return [hit for hit in _occurrences(haystack, needle, start, end) if whole(*hit)]


def _find(haystack: str, needle: Any, start: int, end: int,
          avoid: tuple[tuple[int, int], ...] = ()) -> tuple[int, int] | None:
    """The best occurrence of `needle` inside [start, end) as whole words (never "Iran" inside
    "Iranian", nor "attack" inside "attacked": a part of a word is not what the model named):
    one overlapping none of `avoid` preferred, then the first."""
    if not isinstance(needle, str) or not needle.strip():
        return None
    needle = needle.strip()
    hits = _whole_word_occurrences(haystack, needle, start, end)
    if not hits:
        return None
    return min(hits, key=lambda hit: (any(hit[0] < b and a < hit[1] for a, b in avoid), hit[0]))


# ---------------------------------------------------------------------- anchoring
class Anchorer:
    """Turns parsed replies into offsets inside one chunk, checked against the scheme."""

    def __init__(self, scheme: Scheme, code_for: Any = None) -> None:
        self.entity_labels = set(scheme.entity_names())
        self.modes = {label.name: set(label.mode_names()) for label in scheme.events}
        self.roles = set(scheme.role_names())
        # what the model writes, "gpe " or "Assault", read as the scheme spells it
        self._labels = {name.casefold(): name for name in self.entity_labels}
        self._types = {name.casefold(): name for name in self.modes}
        self.code_for = code_for  # surface -> (label, code) or None (the gazetteer), optional

    def anchor(self, data: dict[str, list[Any]], chunk: str) -> Anchored:
        out = Anchored()
        for item in data.get("entities", []):
            self._entity(item, chunk, out)
        for item in data.get("events", []):
            self._event(item, chunk, out)
        return out

    def _quote(self, item: dict[str, Any], chunk: str) -> tuple[int, int] | None:
        quotes = self._quotes(item, chunk)
        return quotes[0] if quotes else None

    def _quotes(self, item: dict[str, Any], chunk: str) -> list[tuple[int, int]]:
        """Where the item's quote is, first occurrence first (a sentence said twice has two)."""
        quote = item.get("quote")
        if quote is None or (isinstance(quote, str) and not quote.strip()):
            return [(0, len(chunk))]  # no quote given: the strings are searched in the whole chunk
        if not isinstance(quote, str):
            return []
        return _whole_word_occurrences(chunk, quote.strip(), 0, len(chunk))

    def _entity(self, item: Any, chunk: str, out: Anchored) -> None:
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("text", "label")):
            out.dropped[BAD_ITEM] += 1
            return
        label = self._labels.get(item["label"].strip().casefold())
        if label is None:  # named: a model using its own label set (PER, LOCATION) is told at once
            out.dropped[f"{UNKNOWN_LABEL} {_shown(item['label'])}"] += 1
            return
        quote = self._quote(item, chunk)
        where = _find(chunk, item["text"], *quote) if quote else None
        if where is None:
            out.dropped[NOT_FOUND] += 1
            return
        code = item.get("actor_code")
        code = code.strip().upper() if isinstance(code, str) and code.strip() else None
        if code is not None and (not _ACTOR_CODE.match(code) or label not in CODED_LABELS):
            code = None  # a code only where the prompt asks for one (not on a DATE)
        if code is None and label in CODED_LABELS:  # the gazetteer's code only where one belongs
            code = self._gazetteer(chunk[where[0]:where[1]])[1]
        out.entities.setdefault(where, (label, code))

    def _gazetteer(self, surface: str) -> tuple[str | None, str | None]:
        hit = self.code_for(surface) if self.code_for is not None else None
        return (hit[0], hit[1]) if hit else (None, None)

    def _event(self, item: Any, chunk: str, out: Anchored) -> None:
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("trigger", "type")):
            out.dropped[BAD_ITEM] += 1
            return
        etype = self._types.get(item["type"].strip().casefold())
        if etype is None:
            out.dropped[f"{UNKNOWN_TYPE} {_shown(item['type'])}"] += 1
            return
        modes = self.modes[etype]
        # the first place of the quote whose trigger no event of this type has taken yet: "The
        # talks resumed." said twice is two events, "condemned" inside "Israel condemned" is one
        placed = [(q, _find(chunk, item["trigger"], *q, avoid=tuple(out.entities))) for q in self._quotes(item, chunk)]
        placed = [(q, t) for q, t in placed if t is not None]
        if not placed:
            out.dropped[NOT_FOUND] += 1
            return
        # a name is not an act: "Hamas" listed as an ORG and again as the trigger of an ASSAULT
        # would put two suggestions on the same words, one of them wrong
        placed = [(q, t) for q, t in placed if t not in out.entities]
        if not placed:
            out.dropped[TRIGGER_IS_ENTITY] += 1
            return
        free = [(q, t) for q, t in placed
                if not any(e.trigger == t or (e.type == etype and e.trigger[0] < t[1] and t[0] < e.trigger[1])
                           for e in out.events)]
        if not free:
            out.dropped[DUPLICATE] += 1
            return
        quote, trigger = free[0]
        mode = item.get("mode")
        if mode is not None and (not isinstance(mode, str) or mode not in modes):
            out.dropped[UNKNOWN_MODE] += 1
            mode = None
        event = EventHit(trigger, etype, mode)
        trigger_text = chunk[trigger[0]:trigger[1]]
        for role in EXAMPLE_ROLES:
            value = item.get(role)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if not isinstance(value, str):
                out.dropped[BAD_ITEM] += 1
                continue
            if role not in self.roles:
                out.dropped[UNKNOWN_ROLE] += 1
                continue
            if value.strip().casefold() == trigger_text.casefold():
                out.dropped[ARGUMENT_IS_TRIGGER] += 1
                continue
            # not inside the trigger nor inside an argument already placed: in "Iran's minister
            # condemned Iran" the target is the second "Iran", not the one in the source
            where = _find(chunk, value, *quote, avoid=(trigger, *(w for _, w in event.arguments)))
            if where is None:
                out.dropped[NOT_FOUND] += 1
                continue
            if where[0] < trigger[1] and trigger[0] < where[1]:  # "Ukraine" in the trigger "attacked Ukraine"
                out.dropped[ARGUMENT_IS_TRIGGER] += 1
                continue
            if where not in out.entities and not self._add_argument_entity(role, where, chunk, out):
                out.dropped[NO_ENTITY] += 1
                continue
            if any(w == where for _, w in event.arguments):
                out.dropped[TWO_ROLES] += 1
                continue
            event.arguments.append((role, where))
        out.events.append(event)

    def _add_argument_entity(self, role: str, where: tuple[int, int], chunk: str, out: Anchored) -> bool:
        """An argument not at an entity the model listed: the label (and code) the model gave the
        same words elsewhere in the chunk (a sentence said twice: its entities were anchored at
        the first), else the gazetteer's, or DATE for a date; otherwise it cannot be told and the
        argument is dropped."""
        surface = chunk[where[0]:where[1]]
        listed = next((found for (a, b), found in out.entities.items() if chunk[a:b] == surface), None)
        if listed is not None:
            out.entities[where] = listed
            return True
        label, code = self._gazetteer(surface)
        if label is None and role == "date":
            label = "DATE"
        if label is None or label not in self.entity_labels:
            return False
        out.entities[where] = (label, code if label in CODED_LABELS else None)
        return True
