"""Automatic adjudication: a gold layer from everything all annotators agree on, plus the conflicts.

`auto_agree(layers)` (two or more layers of the same document) returns
`AutoAgreement(layer, conflicts)`:
- an entity span goes to gold when every layer has a span with the same offsets and label
  (its actor code too when they all give the same one; otherwise it is left empty and the
  actor code is a conflict);
- an event goes to gold when every layer has an event whose trigger has the same offsets and
  the same type, and they all say it happened or all say it did not (negation: an event whose
  negation is disputed is a conflict, left out of gold -- written, it would say one of the two);
  its mode and context when they all agree, else left empty and a conflict;
  each argument (role + filler offsets) when every layer has it and its filler is itself a
  gold span (an argument whose filler's label is disputed waits for that decision);
- everything else becomes a conflict: the disputed annotations of all layers, grouped where
  their offsets overlap, with every annotator's version (an empty list = that annotator has
  nothing there).
Every gold span and event carries provenance in `attrs["adjudication"]`:
`{"decided_by": <who>, "rule": "agree", "from": [annotators]}`.
What each layer says counts (`core.integrity.answers`): rejected annotations and suggestions
left pending are nobody's answer.

`pick_version(gold, conflict, source)` settles one conflict by taking one annotator's version
(refused with `OtherVersionInGold` while gold holds another side's entity or event there):
it returns a core `Batch` of edits on the gold layer (apply it with `Project.apply(doc, "gold",
batch)`: one transaction, one audit row, undoable), with provenance
`{"decided_by": <adjudicator>, "rule": "pick", "from": [<annotator>]}` on what it adds or changes.

`settle_all(gold, conflicts, source)` gives the edits that settle every conflict with one
annotator's version (the view's "take all"); `take_side` applies them (`adjudicate --prefer
NAME`), with `decided_by` "auto-prefer".

`fill_agreed(gold, agreed, removed)` adds to a gold being built the agreed items it lacks (only
adds), but not those the lead took out of gold (`taken_out(gold, undo stack)`);
`settle(gold, conflict, source, decided_by=, agreed=)` is `pick_version` with, on an empty gold,
those agreed items first in the same Batch, so they reach gold whatever the lead does first.
The edits of both start with `core.edits.guarded`'s `ExpectFree`: written from a stale copy of gold (another
lead wrote at the same place meanwhile) they are refused as "changed meanwhile".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..core.edits import (AddEvent, AddSpan, Batch, Edit, ExpectFree, SetDocState, UpdateEvent, guarded,
                          set_event_fields, set_fillers, set_span_fields)
from ..core.errors import EditError
from ..core.ids import new_id
from ..core.integrity import answers
from ..core.model import GOLD, Argument, Event, Layer, Span
from .events import EventView, event_views
from .spans import counted_spans, span_record

AUTO = "auto-agree"
PREFER = "auto-prefer"  # decided_by of `take_side`'s picks (`adjudicate --prefer NAME`)


@dataclass
class Conflict:
    """A place where the annotators differ; `versions[annotator]` = what they said there."""

    level: str  # entity | event | actor_code | mode | argument
    start: int
    end: int
    versions: dict[str, list[dict[str, Any]]]
    detail: str = ""
    # The event type of a mode / argument conflict: its records hold only arguments, and a pick
    # needs to know which of the annotator's events at the trigger to take. Not in to_dict, so
    # the reports keep their format.
    event_type: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "start": self.start, "end": self.end, "detail": self.detail,
                "versions": self.versions}


class AutoAgreement(NamedTuple):
    layer: Layer
    conflicts: list[Conflict]


def _provenance(names: list[str], decided_by: str) -> dict[str, Any]:
    return {"adjudication": {"decided_by": decided_by, "rule": "agree", "from": list(names)}}


def _common(keys_per_layer: list[Counter]) -> Counter:
    common = keys_per_layer[0].copy()
    for keys in keys_per_layer[1:]:
        common &= keys
    return common


def _split_agreed(names: list[str], items: dict[str, list[Any]],
                  key: Callable[[Any], Hashable]) -> tuple[Counter, list[tuple[str, Any, bool]]]:
    """The keys every annotator has (with how many times), and each annotator's items as
    (name, item, agreed): an item is agreed while its key's common count lasts for that
    annotator, the rest are disputed."""
    common = _common([Counter(key(item) for item in items[name]) for name in names])
    split = []
    for name in names:
        left = common.copy()
        for item in items[name]:
            k = key(item)
            agreed = left[k] > 0
            if agreed:
                left[k] -= 1
            split.append((name, item, agreed))
    return common, split


def _clusters(items: list[tuple[str, int, int, dict[str, Any]]]) -> list[list[tuple[str, int, int, dict[str, Any]]]]:
    """Group (annotator, start, end, record) whose offsets overlap (transitively)."""
    groups: list[list[tuple[str, int, int, dict[str, Any]]]] = []
    end = -1
    for item in sorted(items, key=lambda t: (t[1], t[2])):
        if groups and item[1] < end:
            groups[-1].append(item)
            end = max(end, item[2])
        else:
            groups.append([item])
            end = item[2]
    return groups


def _conflicts(level: str, names: list[str], items: list[tuple[str, int, int, dict[str, Any]]],
               detail: str = "") -> list[Conflict]:
    out = []
    for group in _clusters(items):
        versions: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
        for name, _s, _e, record in group:
            versions[name].append(record)
        out.append(Conflict(level, min(g[1] for g in group), max(g[2] for g in group), versions, detail))
    return out


def auto_agree(layers: Sequence[Layer], *, annotator: str = GOLD, decided_by: str = AUTO,
               text: str | None = None) -> AutoAgreement:
    if len(layers) < 2:
        raise ValueError("automatic adjudication needs at least two layers")
    # what each layer says: a suggestion two annotators both left pending is agreed by nobody
    layers = [answers(layer) for layer in layers]
    names = [layer.annotator for layer in layers]
    gold = Layer(annotator, "in_progress")
    conflicts: list[Conflict] = []

    # ---- entity spans: same offsets and label everywhere
    entities = {layer.annotator: counted_spans(layer, "entity") for layer in layers}
    common, split = _split_agreed(names, entities, lambda s: (s.start, s.end, s.label))
    gold_span_at: dict[tuple[int, int], int] = {}
    disputed = [(name, span.start, span.end, span_record(span, text) or {})
                for name, span, agreed in split if not agreed]
    for key, count in sorted(common.items()):
        for _ in range(count):
            start, end, label = key
            codes = {name: next((s.actor_code for s in entities[name] if (s.start, s.end, s.label) == key), None)
                     for name in names}
            code = codes[names[0]] if len(set(codes.values())) == 1 else None
            span = Span(new_id(), start, end, label, "entity", code, "human", "accepted",
                        _provenance(names, decided_by))
            gold.add_span(span)
            gold_span_at.setdefault((start, end), span.id)
            if len(set(codes.values())) > 1:
                conflicts.append(Conflict("actor_code", start, end,
                                          {n: [{"start": start, "end": end, "label": label, "actor_code": c}]
                                           for n, c in codes.items()}, "actor codes differ"))
    conflicts += _conflicts("entity", names, disputed)

    # ---- events: same trigger offsets and type everywhere
    views = {layer.annotator: event_views(layer) for layer in layers}
    agreed_events, split = _split_agreed(names, views, lambda v: (v.start, v.end, v.type))
    disputed_events: list[tuple[str, int, int, dict[str, Any]]] = []
    chosen: dict[tuple[int, int, str], list[list[EventView]]] = {}
    for name, view, agreed in split:
        if agreed:
            chosen.setdefault((view.start, view.end, view.type), [[] for _ in names])[names.index(name)].append(view)
        else:
            disputed_events.append((name, view.start, view.end, view.record(text)))
    originals = {layer.annotator: layer for layer in layers}
    for key, per_layer in sorted(chosen.items()):
        for k in range(agreed_events[key]):
            group = [per_layer[i][k] for i in range(len(names))]
            conflicts += _add_event(gold, key, group, names, originals, gold_span_at, decided_by, text)
    conflicts += _conflicts("event", names, disputed_events)
    # relations between spans (kept from brat, doccano, Prodigy) that every layer draws, once
    # gold holds the spans they join (a trigger too: a brat R line may name an event's T)
    _add_relations(gold, set.intersection(*(_relations(layer) for layer in layers)))
    conflicts.sort(key=lambda c: (c.start, c.end, c.level))
    gold.state = "in_progress" if conflicts else "done"
    return AutoAgreement(gold, conflicts)


def _add_event(gold: Layer, key: tuple[int, int, str], group: list[EventView], names: list[str],
               originals: dict[str, Layer], gold_span_at: dict[tuple[int, int], int], decided_by: str,
               text: str | None) -> list[Conflict]:
    start, end, etype = key
    conflicts: list[Conflict] = []
    source_events = [originals[n].events[v.id] for n, v in zip(names, group)]
    negated = {e.negated for e in source_events}
    contexts = {e.context for e in source_events}
    if len(negated) > 1 or len(contexts) > 1:
        # with each side's negation and context: what the conflict is about, and what tells which
        # side gold holds
        conflicts.append(Conflict("event", start, end,
                                  {n: [{**v.record(text), "negated": e.negated, "context": e.context}]
                                   for n, v, e in zip(names, group, source_events)},
                                  "negation differs" if len(negated) > 1 else "context differs"))
    if len(negated) > 1:
        # "not negated" is what an empty field says: written so, gold would assert an event one
        # annotator said did not happen. Taking a side brings that side's whole event.
        return conflicts
    trigger = Span(new_id(), start, end, etype, "trigger", None, "human", "accepted", _provenance(names, decided_by))
    gold.add_span(trigger)
    modes = {v.mode for v in group}
    if len(modes) > 1:
        conflicts.append(Conflict("mode", start, end, {n: [v.record(text)] for n, v in zip(names, group)},
                                  "modes differ", etype))
    fillers = [Counter((role, s, e) for role, ivs in v.arguments.items() for s, e in ivs) for v in group]
    common = _common(fillers)
    arguments = []
    waiting = []
    for role, s, e in sorted(common):
        span_id = gold_span_at.get((s, e))
        if span_id is None:
            waiting.append((role, s, e))
        else:
            arguments.append(Argument(role, span_id))
    differing = [(n, role, s, e) for n, f in zip(names, fillers) for (role, s, e) in (f - common)]
    if differing or waiting:
        versions: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
        for n, role, s, e in differing:
            versions[n].append({"role": role, "start": s, "end": e, **({"text": text[s:e]} if text else {})})
        for role, s, e in waiting:
            for n in names:
                versions[n].append({"role": role, "start": s, "end": e, "filler_label_disputed": True})
        # (only waiting: every side has the same arguments, and the lead decides the label first)
        detail = (f"arguments of the {etype} event differ" if differing else
                  f"the {etype} event's {', '.join(sorted({role for role, _s, _e in waiting}))} "
                  "waits for its filler's disputed label")
        conflicts.append(Conflict("argument", start, end, versions, detail, etype))
    first = source_events[0]
    gold.add_event(Event(
        new_id(), trigger.id, etype, group[0].mode if len(modes) == 1 else None,
        first.context if len(contexts) == 1 else None, first.negated,
        "human", "accepted", arguments, _provenance(names, decided_by),
    ))
    return conflicts


def is_empty(layer: Layer | None) -> bool:
    return layer is None or (not layer.spans and not layer.events)


# ------------------------------------------------------------------ which documents are adjudicated
@dataclass(frozen=True)
class Readiness:
    """Whether a document can be adjudicated from the chosen annotators' layers, and if not why:
    who has no layer on it (not assigned, never annotated) and who has not marked it done."""

    layers: list[Layer]  # the layers auto_agree gets; empty when the document is skipped
    missing: tuple[str, ...] = ()
    not_done: tuple[str, ...] = ()
    include_all_takes_it: bool = False  # skipped now, but --include-all would adjudicate it

    @property
    def reason(self) -> str:
        """Why it is skipped, naming the annotators (e.g. "not annotated by ann2")."""
        parts = []
        if self.missing:
            parts.append(f"not annotated by {', '.join(self.missing)}")
        if self.not_done:
            parts.append(f"not marked done by {', '.join(self.not_done)}")
        return "; ".join(parts)


def readiness(layers: dict[str, Layer | None], *, include_all: bool = False) -> Readiness:
    """The adjudication rule: a document is adjudicated when every chosen annotator marked it
    done; with `include_all` when at least two of them have a layer on it, whatever its state.
    `layers` maps each chosen annotator to their layer on the document (None: no layer)."""
    present = [layer for layer in layers.values() if layer is not None]
    missing = tuple(name for name, layer in layers.items() if layer is None)
    not_done = tuple(name for name, layer in layers.items() if layer is not None and layer.state != "done")
    enough = len(present) >= 2
    if include_all:
        # Unfinished layers are taken, so only the missing ones can be the reason.
        return Readiness(present if enough else [], missing if not enough else ())
    if not missing and not not_done and enough:
        return Readiness(present)
    return Readiness([], missing, not_done, include_all_takes_it=enough)


# ------------------------------------------------------------------ writing into a gold others may write too
def additions(edits: Sequence[Edit]) -> list[Edit]:
    """The edits that change gold (without the `guarded` check): what a message counts."""
    return [e for e in edits if not isinstance(e, ExpectFree)]


# ------------------------------------------------------------------ settling one conflict by hand
def _picked(attrs: dict[str, Any], decided_by: str, source: str, what: str | None = None) -> dict[str, Any]:
    attrs = dict(attrs)
    if what is None:
        attrs["adjudication"] = {"decided_by": decided_by, "rule": "pick", "from": [source]}
    else:  # a field of an item decided earlier: keep its provenance, add this decision
        note = dict(attrs.get("adjudication", {}))
        note["picked"] = [*note.get("picked", []), {"field": what, "decided_by": decided_by, "from": source}]
        attrs["adjudication"] = note
    return attrs


class _GoldBuilder:
    """Collects the edits that bring spans/events of `source` into `gold` (spans reused by offsets).
    An argument whose filler gold lacks is left off, not brought with the pick, when the lead took
    that span out of gold (`removed`) or its label is still disputed (`disputed`: the offsets of
    open entity conflicts): a pick decides its own conflict, never another one (`left_off` says
    which were left off, and why)."""

    def note_event_field(self, event: Event, what: str) -> None:
        """Record who decided a field of an existing gold event: one attrs update per event per
        pick, folded into an earlier update of the same batch so the edits never go stale."""
        for edit in self.edits:
            if isinstance(edit, UpdateEvent) and edit.event_id == event.id:
                if "attrs" not in edit.after:
                    edit.before["attrs"], edit.after["attrs"] = event.attrs, dict(event.attrs)
                edit.after["attrs"] = _picked(edit.after["attrs"], self.decided_by, self.source.annotator, what)
                return
        self.edits.append(set_event_fields(event, attrs=_picked(event.attrs, self.decided_by,
                                                                self.source.annotator, what)))

    def __init__(self, gold: Layer, source: Layer, decided_by: str, removed: "TakenOut | None" = None,
                 disputed: frozenset[tuple[int, int]] = frozenset()) -> None:
        self.gold, self.source, self.decided_by = gold, source, decided_by
        self.removed = removed.entities if removed is not None else frozenset()
        self.disputed = disputed
        self.edits: list[Edit] = []
        self.left_off: list[str] = []
        self.span_at: dict[tuple[int, int, str], int] = {}
        for span in gold.spans.values():
            self.span_at.setdefault((span.start, span.end, span.layer), span.id)

    def filler(self, original: Span, role: str) -> int | None:
        """The gold span an argument of the picked version points at (`span`), or None when it is
        left off (the class doc)."""
        key = (original.start, original.end, original.layer)
        if key not in self.span_at and original.layer == "entity":
            why = ("you took it out of gold" if (original.start, original.end) in self.removed else
                   "its label is still disputed" if (original.start, original.end) in self.disputed else "")
            if why:
                self.left_off.append(f"the {role} at {original.start}–{original.end} ({why})")
                return None
        return self.span(original)

    def span(self, original: Span) -> int:
        key = (original.start, original.end, original.layer)
        if key not in self.span_at:
            # not its relations: their "to" is an id of the annotator's layer, none of gold's
            # (`take_side` adds the relations between spans gold holds)
            own = {key: value for key, value in original.attrs.items() if key != "relations"}
            copy = original.copy(id=new_id(), origin="human", status="accepted",
                                 attrs=_picked(own, self.decided_by, self.source.annotator))
            self.edits.append(AddSpan(copy))
            self.span_at[key] = copy.id
        return self.span_at[key]

    def event(self, original: Event) -> None:
        trigger_span = self.source.spans[original.trigger]
        trigger = new_id()
        self.edits.append(AddSpan(trigger_span.copy(id=trigger, origin="human", status="accepted",
                                                    attrs=_picked({}, self.decided_by, self.source.annotator))))
        arguments = [Argument(a.role, sid) for a in original.arguments if a.span_id in self.source.spans
                     for sid in [self.filler(self.source.spans[a.span_id], a.role)] if sid is not None]
        self.edits.append(AddEvent(Event(new_id(), trigger, original.type, original.mode, original.context,
                                         original.negated, "human", "accepted", arguments,
                                         _picked({}, self.decided_by, self.source.annotator))))


def _events_at(layer: Layer, start: int, end: int) -> list[Event]:
    return [e for e in layer.events.values() if e.status != "rejected" and e.trigger in layer.spans
            and (layer.spans[e.trigger].start, layer.spans[e.trigger].end) == (start, end)]


class Pick(NamedTuple):
    batch: Batch
    left_off: list[str]  # arguments not taken, and why (`_GoldBuilder`)


def pick_version(gold: Layer, conflict: Conflict, source: Layer, *, decided_by: str,
                 removed: "TakenOut | None" = None, disputed: frozenset[tuple[int, int]] = frozenset()) -> Batch:
    """The edits that settle `conflict` in `gold` with `source`'s version (see module docstring).
    Taking an annotator who has nothing there (an empty version) changes nothing. An argument
    whose filler gold lacks is left off when the lead took that span out (`removed`) or its label
    is disputed (`disputed`); `picked` says which."""
    return picked(gold, conflict, source, decided_by=decided_by, removed=removed, disputed=disputed).batch


class OtherVersionInGold(EditError):
    """Gold already holds another annotator's entity or event of this conflict: taking this
    side (`pick_version` only adds) would keep both versions in gold."""

    def __init__(self, other: str) -> None:
        super().__init__(f"gold has {other}'s version here: take it out of gold first")
        self.other = other


class GoldIndex:
    """What a gold layer holds, indexed once, to ask of many conflicts whether gold holds one
    annotator's version (the adjudication view asks it of every conflict after every edit: built
    per question, a long document took seconds a key)."""

    def __init__(self, gold: Layer) -> None:
        live = [s for s in gold.spans.values() if s.status != "rejected"]
        self.entities = {(s.start, s.end, s.label) for s in live if s.layer == "entity"}
        self.codes: dict[tuple[int, int, str], set[str | None]] = {}
        for s in live:
            self.codes.setdefault((s.start, s.end, s.label), set()).add(s.actor_code or None)
        self.events: dict[tuple[int, int], list[tuple[Event, set[tuple[str, int, int]]]]] = {}
        for event in gold.events.values():
            trigger = gold.spans.get(event.trigger)
            if trigger is not None and event.status != "rejected":
                fillers = {(a.role, gold.spans[a.span_id].start, gold.spans[a.span_id].end)
                           for a in event.arguments if a.span_id in gold.spans}
                self.events.setdefault((trigger.start, trigger.end), []).append((event, fillers))

    def holds_item(self, conflict: Conflict, name: str) -> bool:
        """Does gold hold `name`'s entity (its label at its offsets) or event (its type at its
        trigger) of this conflict, whatever became of its details (a filler deleted, a mode changed)?"""
        records = conflict.versions.get(name) or []
        if conflict.level == "entity":
            return any((r["start"], r["end"], r["label"]) in self.entities for r in records)
        return any(event.type == r.get("type") for r in records
                   for event, _fillers in self.events.get((r["start"], r["end"]), ()))

    def matches(self, conflict: Conflict, name: str) -> bool:
        """Does gold hold `name`'s (non-empty) version of this conflict?"""
        if name not in conflict.versions:
            return False
        records = conflict.versions.get(name) or []
        # An empty version of an argument conflict is still a version: the event without the
        # others' arguments. For the other levels it means "nothing here", which gold cannot hold.
        if not records and conflict.level != "argument":
            return False
        if conflict.level == "entity":
            return all((r["start"], r["end"], r["label"]) in self.entities for r in records)
        if conflict.level == "actor_code":
            return all((r.get("actor_code") or None) in self.codes.get((r["start"], r["end"], r["label"]), ())
                       for r in records)
        if conflict.level == "argument":
            others = {(r["role"], r["start"], r["end"]) for n, rs in conflict.versions.items() if n != name for r in rs}
            mine = {(r["role"], r["start"], r["end"]) for r in records}
            return any(mine <= fillers and not (others - mine) & fillers
                       for _event, fillers in self.events.get((conflict.start, conflict.end), ()))
        if conflict.level == "mode":  # the mode only: the arguments are their own conflict's
            return all(any((event.type, event.mode) == (r["type"], r["mode"])
                           for event, _f in self.events.get((r["start"], r["end"]), ())) for r in records)
        return all(any(event.type == r["type"]
                       and {(a["role"], a["start"], a["end"]) for a in r.get("arguments", [])} <= fillers
                       # a negation / context conflict records both; one side's is in gold, not both
                       and all(getattr(event, field) == r[field] for field in ("negated", "context") if field in r)
                       for event, fillers in self.events.get((r["start"], r["end"]), ())) for r in records)


def picked(gold: Layer, conflict: Conflict, source: Layer, *, decided_by: str,
           removed: "TakenOut | None" = None, disputed: frozenset[tuple[int, int]] = frozenset()) -> Pick:
    """`pick_version`'s edits, and the arguments it left off (with why). Raises
    `OtherVersionInGold` when gold holds another side's entity or event of the conflict and not
    this side's: gold never holds two sides of one conflict (taking one side and then the other
    left "French" + "Emmanuel Macron" beside "French President Emmanuel Macron")."""
    if conflict.level in ("entity", "event"):
        held = GoldIndex(gold)
        if not held.holds_item(conflict, source.annotator):
            other = next((name for name in conflict.versions
                          if name != source.annotator and held.holds_item(conflict, name)), None)
            if other is not None:
                raise OtherVersionInGold(other)
    build = _GoldBuilder(gold, source, decided_by, removed, disputed)
    records = conflict.versions.get(source.annotator, [])
    who = source.annotator
    if conflict.level == "entity":
        for r in records:
            original = next((s for s in source.spans.values() if s.layer == "entity" and s.status != "rejected"
                             and (s.start, s.end, s.label) == (r["start"], r["end"], r["label"])), None)
            if original is not None and not any(
                    (g.start, g.end, g.label, g.layer) == (original.start, original.end, original.label, "entity")
                    for g in gold.spans.values()):
                build.span_at.pop((original.start, original.end, "entity"), None)
                build.span(original)
    elif conflict.level == "actor_code":
        for r in records:
            target = next((g for g in gold.spans.values() if (g.start, g.end, g.label) == (r["start"], r["end"],
                                                                                           r["label"])), None)
            if target is not None and target.actor_code != r["actor_code"]:
                build.edits.append(set_span_fields(target, actor_code=r["actor_code"],
                                                   attrs=_picked(target.attrs, decided_by, who, "actor_code")))
    elif conflict.level in ("event", "mode", "argument"):
        for r in records:
            if "type" not in r:
                continue
            original = next((e for e in _events_at(source, r["start"], r["end"]) if e.type == r["type"]), None)
            if original is None:
                continue
            existing = next((e for e in _events_at(gold, r["start"], r["end"]) if e.type == r["type"]), None)
            if existing is None:
                build.event(original)
                continue
            fields = {k: getattr(original, k) for k in ("mode", "context", "negated")
                      if getattr(original, k) != getattr(existing, k)}
            if fields:
                build.edits.append(set_event_fields(existing, **fields))
                build.note_event_field(existing, "+".join(sorted(fields)))
        if conflict.level == "argument":
            # The records of an argument conflict are arguments only, so the loop above added
            # nothing: when gold lacks the event (no pre-fill yet, or it was deleted), taking a
            # side brings that annotator's whole event (trigger, type, arguments and their spans).
            for original in _events_at(source, conflict.start, conflict.end):
                if conflict.event_type in ("", original.type) and not any(
                        e.type == original.type for e in _events_at(gold, conflict.start, conflict.end)):
                    build.event(original)
            for existing in _events_at(gold, conflict.start, conflict.end):
                original = next((e for e in _events_at(source, conflict.start, conflict.end)
                                 if e.type == existing.type), None)
                if original is None:
                    continue
                wanted = {(a.role, sid) for a in original.arguments if a.span_id in source.spans
                          for sid in [build.filler(source.spans[a.span_id], a.role)] if sid is not None}
                have = {(a.role, a.span_id) for a in existing.arguments}
                if have == wanted:
                    continue
                # role by role, stating the fillers this copy of gold shows (`set_fillers`): a role
                # another lead changed since refuses the pick as stale, never two sources
                for role in sorted({r for r, _ in have | wanted}):
                    changed = set_fillers(existing, role, [sid for r, sid in wanted if r == role])
                    if changed is not None:
                        build.edits.append(changed)
                build.note_event_field(existing, "arguments")
    else:
        raise ValueError(f"unknown conflict level {conflict.level!r}")
    return Pick(Batch(guarded(gold, build.edits), f"take {who}'s version ({conflict.level})"), build.left_off)


# ------------------------------------------------------------------ agreed items into a gold being built
class TakenOut(NamedTuple):
    """What the lead took out of gold: entity offsets, and (trigger offsets, type) of events."""

    entities: frozenset[tuple[int, int]] = frozenset()
    events: frozenset[tuple[int, int, str]] = frozenset()


def item_keys(layer: Layer, rejected: bool = False) -> tuple[set[tuple[int, int]], set[tuple[int, int, str]]]:
    """The entity offsets and event (trigger offsets, type) of a layer's live items (or rejected)."""
    entities = {(s.start, s.end) for s in layer.spans.values()
                if s.layer == "entity" and (s.status == "rejected") == rejected}
    events = {(layer.spans[e.trigger].start, layer.spans[e.trigger].end, e.type)
              for e in layer.events.values()
              if (e.status == "rejected") == rejected and e.trigger in layer.spans}
    return entities, events


def taken_out(gold: Layer, applied: Sequence[Edit]) -> TakenOut:
    """The items gold had after one of its edits still in effect (`applied`: its undo stack,
    oldest first, as `Project.undo_state` gives it) and has no more -- deleted, rejected,
    re-bounded or retyped by the lead -- and the items rejected in gold. Walks back from gold
    by the inverse edits; where the log and the layer disagree it stops there."""
    now_entities, now_events = item_keys(gold)
    had_entities, had_events = set(now_entities), set(now_events)
    layer = gold.copy()
    for edit in reversed(applied):
        try:
            for leaf in edit.inverse().leaves():
                if not isinstance(leaf, SetDocState):  # the state is not an item, and moves by rule
                    leaf.apply(layer)
        except EditError:
            break
        entities, events = item_keys(layer)
        had_entities |= entities
        had_events |= events
    rejected_entities, rejected_events = item_keys(gold, rejected=True)
    return TakenOut(frozenset((had_entities | rejected_entities) - now_entities),
                    frozenset((had_events | rejected_events) - now_events))


class Fill(NamedTuple):
    edits: list[Edit]
    withheld: int  # agreed items not added because the lead took them out of gold


def fill_agreed(gold: Layer, agreed: Layer, removed: TakenOut = TakenOut()) -> Fill:
    """The edits that add to `gold` the items of `agreed` (auto_agree's layer of the two
    annotators) it does not have yet: an entity span unless gold has an entity span at the same
    offsets, an event unless gold has an event of the same type at the same trigger offsets.
    Only adds, so a decision already in gold (a pick, an edit) is never overwritten, and an item
    the lead took out of gold (`removed`, see `taken_out`) is not brought back: both annotators
    agreeing does not overrule the lead. An agreed argument whose filler gold already has at
    those offsets points at gold's span; one whose filler was taken out is left off."""
    have_entity = {(s.start, s.end): s.id for s in gold.spans.values()
                   if s.layer == "entity" and s.status != "rejected"}
    have_event = item_keys(gold)[1]
    span_id: dict[int, int] = {}
    spans: list[Span] = []
    withheld = 0
    for span in agreed.spans.values():
        if span.layer != "entity":
            continue
        if (span.start, span.end) in have_entity:
            span_id[span.id] = have_entity[(span.start, span.end)]
        elif (span.start, span.end) in removed.entities:
            withheld += 1
        else:
            span_id[span.id] = span.id
            spans.append(span)
    events: list[Event] = []
    for event in agreed.events.values():
        trigger = agreed.spans[event.trigger]
        key = (trigger.start, trigger.end, event.type)
        if key in have_event:
            continue
        if key in removed.events:
            withheld += 1
            continue
        spans.append(trigger)
        events.append(event.copy(arguments=[Argument(a.role, span_id[a.span_id]) for a in event.arguments
                                            if a.span_id in span_id]))
    spans.sort(key=lambda s: (s.start, s.end, s.layer))
    return Fill(guarded(gold, [*(AddSpan(s) for s in spans), *(AddEvent(e) for e in events)]), withheld)


def reopen_if_done(gold: Layer, batch: Batch) -> Batch:
    """`batch`, and -- when gold is marked done -- gold set back in progress in the same undo
    step: "done" is the lead's sign-off of the gold they saw, and a pick or pre-fill changes it
    (left done, `export --only-done` and training took gold nobody had signed off)."""
    if gold.state != "done" or not batch.edits:
        return batch
    return Batch([*batch.edits, SetDocState("done", "in_progress")], batch.label)


SpanKey = tuple[int, int, str, str]  # start, end, layer, label


def _key(span: Span) -> SpanKey:
    return span.start, span.end, span.layer, span.label


def _relations(layer: Layer) -> set[tuple[SpanKey, str, SpanKey]]:
    """A layer's relations between spans (`Layer.span_relations`) by the spans' places, which
    two layers can share (their ids differ)."""
    return {(_key(first), rtype, _key(second)) for first, rtype, second in layer.span_relations()
            if first.status != "rejected" and second.status != "rejected"}


def _add_relations(gold: Layer, relations: set[tuple[SpanKey, str, SpanKey]]) -> None:
    """Each relation whose two spans gold holds, in gold's own ids (`attrs.relations` of the
    first), once."""
    at = {_key(span): span for span in gold.spans.values() if span.status != "rejected"}
    for first_key, rtype, second_key in sorted(relations):
        first, second = at.get(first_key), at.get(second_key)
        if first is not None and second is not None:
            gold.add_span_relation(first.id, rtype, second.id)


# Entities before what rests on them: an event's arguments find their fillers in gold.
_SETTLING_ORDER = {"entity": 0, "actor_code": 1, "event": 2, "mode": 3, "argument": 4}


def settle_all(gold: Layer, conflicts: Sequence[Conflict], source: Layer, *, decided_by: str,
               agreed: Layer | None = None, removed: "TakenOut | None" = None) -> tuple[Batch, list[Conflict]]:
    """The edits that settle every conflict with `source`'s version ("where they differ, the
    senior annotator's say"): `settle` per conflict, entities first (an event's arguments find
    their fillers), computed on a copy of gold, as one Batch (one undo step in the view); where
    that annotator has nothing, gold keeps nothing. Also returns the conflicts it could not
    settle (gold holding another side there, `OtherVersionInGold`), for the lead."""
    work = gold.copy()
    edits: list[Edit] = []
    left: list[Conflict] = []
    for conflict in sorted(conflicts, key=lambda c: (_SETTLING_ORDER.get(c.level, 5), c.start, c.end)):
        try:
            step = settle(work, conflict, source, decided_by=decided_by, agreed=agreed,
                          removed=removed if removed is not None else TakenOut()).batch
            step.apply(work)
        except EditError:
            left.append(conflict)
            continue
        edits += step.edits
    return Batch(edits, f"take {source.annotator}'s version of every conflict"), \
        sorted(left, key=lambda c: (c.start, c.end, c.level))


def take_side(gold: Layer, conflicts: Sequence[Conflict], source: Layer, *,
              decided_by: str = PREFER) -> list[Conflict]:
    """`settle_all` applied to `gold` in place (`adjudicate --prefer NAME`), with the preferred
    annotator's relations between the spans gold then holds; returns the conflicts left."""
    batch, left = settle_all(gold, conflicts, source, decided_by=decided_by)
    batch.apply(gold)
    _add_relations(gold, _relations(answers(source)))  # theirs between the spans gold now holds
    return left


class Settlement(NamedTuple):
    batch: Batch
    prefilled: int  # edits that brought agreed items in
    picked: int  # edits of the pick itself
    left_off: list[str]  # the picked version's arguments not taken, and why (`pick_version`)


def settle(gold: Layer, conflict: Conflict, source: Layer, *, decided_by: str,
           agreed: Layer | None = None, removed: TakenOut = TakenOut(),
           disputed: frozenset[tuple[int, int]] = frozenset()) -> Settlement:
    """`pick_version`, and on a gold that is still empty the agreed items (`fill_agreed` with
    `agreed`) first, in the same batch: the first decision on a document starts its gold, and
    without this the items both annotators agree on (which no conflict lists) would never get
    there unless the lead remembered to pre-fill before picking. What the lead took out of
    gold (`removed`) stays out, as with Pre-fill."""
    fill = fill_agreed(gold, agreed, removed).edits if agreed is not None and is_empty(gold) else []
    work = gold
    if fill:
        work = gold.copy()
        Batch(fill).apply(work)  # the pick is computed against gold as it will be after the fill
    pick, left_off = picked(work, conflict, source, decided_by=decided_by, removed=removed, disputed=disputed)
    label = pick.label + (" with the agreed items" if fill else "")
    return Settlement(Batch([*fill, *pick.edits], label), len(additions(fill)), len(additions(pick.edits)), left_off)
