"""Plain data of a corpus: documents and one annotator's layer of spans and events.

Offsets are Python `str` indices, half-open `[start, end)`, over the stored text.
Nothing here knows about Qt or SQL.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterator

from .ids import new_id

LAYERS = ("entity", "trigger")
ORIGINS = ("model", "human", "import")
STATUSES = ("suggested", "accepted", "rejected")
ROLES = ("source", "target", "location", "date", "other")
DOC_STATES = ("todo", "in_progress", "done", "skipped")

# Annotator names that are layers rather than people (DESIGN: every layer is an annotator).
MODEL = "model"
GOLD = "gold"
# The name the project records its own changes under (assignments, roles, merges): created when
# the first such change is written, so a person may never take it in another spelling.
LEAD = "lead"
SYSTEM_NAMES = (MODEL, GOLD, LEAD)


def same_name(a: str, b: str) -> bool:
    """Annotator names that differ only in case name one person: "Ann1" typed for "ann1" would
    otherwise start a second, empty layer and leave the work of the first unseen."""
    return a.casefold() == b.casefold()


def text_sha256(text: str) -> str:
    import hashlib  # at first use: loading OpenSSL is not needed to open a window (issue 5)

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def hash64(sha256_hex: str) -> int:
    """The first 64 bits of a SHA-256 hex digest as a signed SQLite integer."""
    return int(sha256_hex[:16], 16) - (1 << 64 if sha256_hex[0] in "89abcdef" else 0)


@dataclass(slots=True)
class Document:
    text: str
    ext_id: str | None = None
    title: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    published: str | None = None
    id: int | None = None

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


@dataclass(slots=True)
class Span:
    id: int
    start: int
    end: int
    label: str
    layer: str = "entity"
    actor_code: str | None = None
    origin: str = "human"
    status: str = "accepted"
    attrs: dict[str, Any] = field(default_factory=dict)

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]

    def copy(self, **changes: Any) -> "Span":
        if not changes:  # the common case (every edit copies its layer): 10x faster than replace()
            return Span(self.id, self.start, self.end, self.label, self.layer, self.actor_code, self.origin,
                        self.status, dict(self.attrs))
        return replace(self, **{"attrs": dict(self.attrs), **changes})


@dataclass(slots=True, frozen=True)
class Argument:
    role: str
    span_id: int


def argument_order(argument: Argument) -> tuple[int, int]:
    rank = ROLES.index(argument.role) if argument.role in ROLES else len(ROLES)
    return (rank, argument.span_id)


@dataclass(slots=True)
class Event:
    id: int
    trigger: int  # span id of the trigger span
    type: str
    mode: str | None = None
    context: str | None = None
    negated: bool = False
    origin: str = "human"
    status: str = "accepted"
    arguments: list[Argument] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.sort_arguments()

    def sort_arguments(self) -> None:
        """Arguments are a set; one canonical order makes equality, undo and export stable."""
        self.arguments.sort(key=argument_order)

    def copy(self, **changes: Any) -> "Event":
        if not changes:  # the common case (every edit copies its layer): 10x faster than replace()
            return Event(self.id, self.trigger, self.type, self.mode, self.context, self.negated, self.origin,
                         self.status, list(self.arguments), dict(self.attrs))
        return replace(self, **{"arguments": list(self.arguments), "attrs": dict(self.attrs), **changes})

    def spans_in_role(self, role: str) -> list[int]:
        return [a.span_id for a in self.arguments if a.role == role]


@dataclass(slots=True)
class Layer:
    """One annotator's annotations of one document (the model and gold are annotators too)."""

    annotator: str
    state: str = "todo"
    spans: dict[int, Span] = field(default_factory=dict)
    events: dict[int, Event] = field(default_factory=dict)

    def add_span(self, span: Span) -> Span:
        self.spans[span.id] = span
        return span

    def add_event(self, event: Event) -> Event:
        self.events[event.id] = event
        return event

    def events_using(self, span_id: int) -> Iterator[Event]:
        """Events whose trigger or one of whose arguments is this span."""
        for event in self.events.values():
            if event.trigger == span_id or any(a.span_id == span_id for a in event.arguments):
                yield event

    def event_of_trigger(self, span_id: int) -> Event | None:
        return next((e for e in self.events.values() if e.trigger == span_id), None)

    def within(self, start: int, end: int) -> "Layer":
        """The part of the layer over text[start:end] as a layer of that text alone: the spans
        wholly inside, moved by -start, and the events whose trigger is among them with the
        arguments that are (e.g. one sentence of an article scored as a text of its own)."""
        return self.split([(start, end)])[0]

    def inside(self, parts: list[tuple[int, int]]) -> "Layer":
        """The layer over these sorted, disjoint [start, end) parts of its text, offsets
        unchanged: the spans wholly inside one of them, and the events whose trigger is among
        them with the arguments that are."""
        index = _part_index(parts)
        kept = Layer(self.annotator, self.state)
        for span in self.spans.values():
            if index(span) is not None:
                kept.add_span(span.copy())
        for event in self.events.values():
            if event.trigger in kept.spans:
                kept.add_event(event.copy(arguments=[a for a in event.arguments if a.span_id in kept.spans]))
        return kept

    def split(self, parts: list[tuple[int, int]]) -> list["Layer"]:
        """`within` for each of these sorted, disjoint parts, in one pass over the layer."""
        index = _part_index(parts)
        pieces = [Layer(self.annotator, self.state) for _ in parts]
        home: dict[int, int] = {}
        for span in self.spans.values():
            i = index(span)
            if i is not None:
                home[span.id] = i
                start = parts[i][0]
                pieces[i].add_span(span.copy(start=span.start - start, end=span.end - start))
        for event in self.events.values():
            i = home.get(event.trigger)
            if i is not None:
                pieces[i].add_event(event.copy(
                    arguments=[a for a in event.arguments if home.get(a.span_id) == i]))
        return pieces

    def span_relations(self) -> Iterator[tuple[Span, str, Span]]:
        """The relations between spans the layer keeps (`attrs.relations` of their first span:
        brat's `R` lines, doccano's and Prodigy's relations that are not event arguments), as
        (first span, type, second span), those whose second span is still in the layer."""
        for span in sorted(self.spans.values(), key=lambda s: (s.start, s.end, s.layer, s.label, s.id)):
            for rel in span.attrs.get("relations") or []:
                other = self.spans.get(rel.get("to")) if isinstance(rel, dict) else None
                if other is not None:
                    yield span, str(rel.get("type", "Relation")), other

    def add_span_relation(self, first: int, rtype: str, second: int) -> None:
        """Keep the relation `rtype` from span `first` to span `second` (`span_relations`), once."""
        kept = self.spans[first].attrs.setdefault("relations", [])
        if not any(isinstance(r, dict) and (r.get("type"), r.get("to")) == (rtype, second) for r in kept):
            kept.append({"type": rtype, "to": second})

    def sorted_spans(self) -> list[Span]:
        return sorted(self.spans.values(), key=lambda s: (s.start, -s.end, s.layer, s.label, s.id))

    def with_new_ids(self, annotator: str | None = None, **changes: Any) -> "Layer":
        """A copy whose spans and events get fresh ids (triggers and arguments follow), e.g. the
        model's suggestions copied into a person's layer, or a layer whose ids are taken.
        `changes` (origin=, status=) are set on every span and event."""
        ids = {sid: new_id() for sid in self.spans}
        event_ids = {eid: new_id() for eid in self.events}
        copy = Layer(annotator or self.annotator, self.state)
        for sid, span in self.spans.items():
            copy.add_span(span.copy(id=ids[sid], attrs=_renumbered_attrs(span.attrs, ids, event_ids), **changes))
        for eid, event in self.events.items():
            copy.add_event(event.copy(id=event_ids[eid], trigger=ids[event.trigger], **changes,
                                      attrs=_renumbered_attrs(event.attrs, ids, event_ids),
                                      arguments=[Argument(a.role, ids[a.span_id]) for a in event.arguments]))
        return copy

    def copy(self) -> "Layer":
        return Layer(
            self.annotator,
            self.state,
            {k: s.copy() for k, s in self.spans.items()},
            {k: e.copy() for k, e in self.events.items()},
        )


def _renumbered_attrs(attrs: dict[str, Any], spans: dict[int, int], events: dict[int, int]) -> dict[str, Any]:
    """`attrs` with the ids a reader kept in them following the new ids: a relation's target span
    (`relations[i]["to"]`, brat's R lines) and an argument's event and role as read
    (`argument_events`, `brat_roles`: keys "role:span id", values event ids). Left as they were,
    a renumbered import (a file's own ids 1, 2, 9; ids already taken) pointed them at nothing,
    and the next export dropped the relations."""
    if not attrs or not ({"relations", "argument_events", "brat_roles"} & attrs.keys()):
        return dict(attrs)  # (a copy: never shared with the layer copied)
    out = dict(attrs)
    if isinstance(attrs.get("relations"), list):
        out["relations"] = [{**rel, "to": spans.get(rel["to"], rel["to"])}
                            if isinstance(rel, dict) and isinstance(rel.get("to"), int) else rel
                            for rel in attrs["relations"]]
    for key in ("argument_events", "brat_roles"):
        if isinstance(attrs.get(key), dict):
            out[key] = {_renumbered_argument_key(k, spans): (events.get(v, v) if key == "argument_events"
                                                             and isinstance(v, int) else v)
                        for k, v in attrs[key].items()}
    return out


def _renumbered_argument_key(key: str, spans: dict[int, int]) -> str:
    role, _, span_id = key.rpartition(":")
    return f"{role}:{spans[int(span_id)]}" if span_id.isdigit() and int(span_id) in spans else key


def _part_index(parts: list[tuple[int, int]]) -> Callable[[Span], int | None]:
    """For sorted, disjoint [start, end) parts: the index of the part a span lies wholly in, or None."""
    starts = [start for start, _ in parts]

    def index(span: Span) -> int | None:
        i = bisect_right(starts, span.start) - 1
        return i if i >= 0 and span.end <= parts[i][1] else None

    return index


def counts_as_done(layer: Layer) -> bool:
    """What "only done" keeps (export --only-done): a layer marked done, and the model's layer,
    which nobody marks done (its suggestions are what they are)."""
    return layer.state == "done" or layer.annotator == MODEL


@dataclass(slots=True)
class AnnotatedDocument:
    """A document together with the layers that travel with it (import/export unit)."""

    document: Document
    layers: list[Layer] = field(default_factory=list)
    # Where it was read from, so a problem found later can name the file and line.
    source_file: str | None = None
    source_line: int | None = None
    # For a document read from many lines (brat's .ann): ("span" | "event", id) -> (file, line)
    # of the item in its layer, so a problem with one item names that item's line.
    item_lines: dict[tuple[str, int], tuple[str, int]] = field(default_factory=dict, compare=False, repr=False)
    # The file numbered its spans and events itself (1, 2, 9; `core.ids.kept_from_file`): the store
    # gives them fresh ids once the document is checked (so messages name the file's ids). Kept,
    # two annotators' layers imported into their own work packages could not both be merged.
    own_numbering: bool = field(default=False, compare=False, repr=False)

    def layer(self, annotator: str) -> Layer | None:
        return next((layer for layer in self.layers if layer.annotator == annotator), None)
