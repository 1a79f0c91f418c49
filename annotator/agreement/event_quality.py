"""How good suggestions are as an annotator meets them: per sentence, per event type, per actor.

`evaluate` (evaluate.py) scores spans by offsets. A coder judges suggestions differently: does
this sentence get the events it has (of the right PLOVER type), does a sentence with no event stay
clean, is the suggested source/target the right actor (CAMEO code, or its 3-letter root: ISR,
USA, IGO), are the named people, organisations and places found. This module measures that:

- sentences: core.sentences (paragraph breaks, then . ! ? before a capital), so the figures do
  not depend on the pipeline under test;
- events: matched per sentence by type (one to one; within a type, the nearest triggers first,
  ties in text order: the figures depend on the text, never on the order a layer holds events);
- actors: over matched event pairs whose reference role has a code; right when a suggested filler
  of that role has the same code (full) or the same first block (root);
- entities: reference spans of named kinds (PERSON; ORG; GPE, LOC, FAC = place), not marked
  `generic`, found when any suggested entity overlaps them; a suggested entity of a named kind is
  right when it overlaps a reference named span of the same kind. Suggested generic actors
  (`generic`, e.g. "police", "he") are left out as the reference's are: they are arguments.

Rejected annotations never count. Each layer is scored by what it says, as `evaluate` scores it
(`evaluate.answers`): the model's layer by its suggestions, a person's layer (gold too) by its
decisions, never by the suggestions nobody accepted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from ..core.integrity import answers
from ..core.model import Event, Layer, Span
from ..core.scheme import actor_root
from ..core.sentences import sentences
from .stats import prf

KIND = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}
ACTOR_ROLES = ("source", "target")

def _live(layer: Layer | None) -> tuple[dict[int, Span], list[Event]]:
    if layer is None:
        return {}, []
    spans = {sid: s for sid, s in layer.spans.items() if s.status != "rejected"}
    events = [e for e in layer.events.values() if e.status != "rejected" and e.trigger in spans]
    return spans, events


def sentence_of(bounds: list[tuple[int, int]], offset: int) -> int:
    """The index of the sentence (of `bounds`) that holds `offset`: how events are placed for
    per-sentence matching."""
    for i, (a, b) in enumerate(bounds):
        if offset < b:
            return i
    return max(len(bounds) - 1, 0)


def _codes(event: Event, spans: dict[int, Span], role: str) -> list[str]:
    return [spans[a.span_id].actor_code for a in event.arguments
            if a.role == role and a.span_id in spans and spans[a.span_id].actor_code]


class _Tally:
    def __init__(self) -> None:
        self.types: dict[str, Counter] = defaultdict(Counter)  # type -> tp/fp/fn
        self.triggers = Counter()  # tp/fp/fn of trigger-overlap + type matching
        self.no_event = Counter()  # sentences without a reference event: total / with a suggestion
        self.actors: dict[str, Counter] = defaultdict(Counter)
        self.found = Counter()  # kind -> reference named spans found
        self.reference = Counter()  # kind -> reference named spans
        self.suggested = Counter()  # kind -> suggested named spans
        self.right = Counter()  # kind -> suggested named spans that are right
        self.documents = 0
        self.sentences = 0

    def add(self, text: str, predicted: Layer | None, reference: Layer | None) -> None:
        self.documents += 1
        bounds = sentences(text)
        self.sentences += len(bounds)
        ref_spans, ref_events = _live(answers(reference))
        pred_spans, pred_events = _live(answers(predicted))
        # In text order: the pairing below takes events in turn, and the order a layer holds them
        # in follows their ids, which an import draws at random (the same file gave other actor
        # figures in another project).
        ref_events = sorted(ref_events, key=lambda e: _place(e, ref_spans))
        pred_events = sorted(pred_events, key=lambda e: _place(e, pred_spans))
        by_sentence: dict[int, tuple[list[Event], list[Event]]] = defaultdict(lambda: ([], []))
        for e in ref_events:
            by_sentence[sentence_of(bounds, ref_spans[e.trigger].start)][0].append(e)
        for e in pred_events:
            by_sentence[sentence_of(bounds, pred_spans[e.trigger].start)][1].append(e)
        for i in range(len(bounds)):
            refs, preds = by_sentence.get(i, ([], []))
            if not refs:
                self.no_event["sentences"] += 1
                self.no_event["with_suggestion"] += bool(preds)
            self._match_sentence(refs, preds, ref_spans, pred_spans)
        self._match_triggers(ref_events, pred_events, ref_spans, pred_spans)
        self._entities(ref_spans, pred_spans)

    def _match_sentence(self, refs: list[Event], preds: list[Event],
                        ref_spans: dict[int, Span], pred_spans: dict[int, Span]) -> None:
        for type_ in {e.type for e in refs} | {e.type for e in preds}:
            r = [e for e in refs if e.type == type_]
            p = [e for e in preds if e.type == type_]
            # one to one, the nearest triggers first (ties in text order): taken reference by
            # reference, a suggestion went to the first reference rather than the one it is on
            distances = sorted((abs(pred_spans[y.trigger].start - ref_spans[x.trigger].start), i, j)
                               for i, x in enumerate(r) for j, y in enumerate(p))
            pairs = []
            paired_r: set[int] = set()
            paired_p: set[int] = set()
            for _distance, i, j in distances:
                if i not in paired_r and j not in paired_p:
                    paired_r.add(i)
                    paired_p.add(j)
                    pairs.append((r[i], p[j]))
            self.types[type_]["tp"] += len(pairs)
            self.types[type_]["fn"] += len(r) - len(pairs)
            self.types[type_]["fp"] += len([e for e in preds if e.type == type_]) - len(pairs)
            for x, y in pairs:
                for role in ACTOR_ROLES:
                    gold = _codes(x, ref_spans, role)
                    if not gold:
                        continue
                    guess = _codes(y, pred_spans, role)
                    tally = self.actors[role]
                    tally["events"] += 1
                    tally["suggested"] += bool(guess)
                    tally["full"] += any(g == c for g in gold for c in guess)
                    tally["root"] += any(actor_root(g) == actor_root(c) for g in gold for c in guess)
            for x in r:
                for role in ACTOR_ROLES:
                    if _codes(x, ref_spans, role):
                        self.actors[role]["all_reference"] += 1

    def _match_triggers(self, refs: list[Event], preds: list[Event],
                        ref_spans: dict[int, Span], pred_spans: dict[int, Span]) -> None:
        left = list(preds)
        for x in refs:
            rs = ref_spans[x.trigger]
            hit = next((y for y in left if y.type == x.type and pred_spans[y.trigger].overlaps(rs)), None)
            if hit is None:
                self.triggers["fn"] += 1
            else:
                left.remove(hit)
                self.triggers["tp"] += 1
        self.triggers["fp"] += len(left)

    def _entities(self, ref_spans: dict[int, Span], pred_spans: dict[int, Span]) -> None:
        ref_named = [s for s in ref_spans.values()
                     if s.layer == "entity" and s.label in KIND and not s.attrs.get("generic")]
        # generic actors ("police", "he") are arguments, not named mentions, on both sides
        pred_entities = [s for s in pred_spans.values() if s.layer == "entity" and not s.attrs.get("generic")]
        for s in ref_named:
            kind = KIND[s.label]
            self.reference[kind] += 1
            self.found[kind] += any(p.overlaps(s) for p in pred_entities)
        for p in pred_entities:
            if p.label not in KIND:
                continue
            kind = KIND[p.label]
            self.suggested[kind] += 1
            self.right[kind] += any(KIND[s.label] == kind and s.overlaps(p) for s in ref_named)

    def result(self) -> dict[str, Any]:
        total = Counter()
        for c in self.types.values():
            total.update(c)
        actors = {}
        for role in ACTOR_ROLES:
            c = self.actors[role]
            actors[role] = {
                "events": c["events"], "suggested": c["suggested"],
                "full": _ratio(c["full"], c["events"]), "root": _ratio(c["root"], c["events"]),
                "root_of_all_reference": _ratio(c["root"], c["all_reference"]),
            }
        kinds = sorted(set(self.reference) | set(self.suggested))
        return {
            "documents": self.documents,
            "sentences": self.sentences,
            "events": {"overall": prf(total["tp"], total["fp"], total["fn"]),
                       "types": {t: prf(c["tp"], c["fp"], c["fn"]) for t, c in sorted(self.types.items())}},
            "triggers": prf(self.triggers["tp"], self.triggers["fp"], self.triggers["fn"]),
            "no_event": {"sentences": self.no_event["sentences"],
                         "with_suggestion": self.no_event["with_suggestion"],
                         "rate": _ratio(self.no_event["with_suggestion"], self.no_event["sentences"])},
            "actors": actors,
            "entities": {
                "found": _ratio(sum(self.found.values()), sum(self.reference.values())),
                "right": _ratio(sum(self.right.values()), sum(self.suggested.values())),
                "kinds": {k: {"reference": self.reference[k], "found": _ratio(self.found[k], self.reference[k]),
                              "suggested": self.suggested[k], "right": _ratio(self.right[k], self.suggested[k])}
                          for k in kinds},
            },
        }


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def event_quality(docs: Iterable[tuple[str, Layer | None, Layer | None]]) -> dict[str, Any]:
    """`docs` = (text, predicted layer, reference layer) per document; the reference is coded
    whole (a sentence with no reference event has none). Returns the figures in the module
    docstring: events (overall and per type P/R/F1, matched per sentence), triggers (overlap and
    type), no_event (rate of event-free sentences that got a suggestion), actors (source and
    target: full code and root accuracy), entities (found = recall, right = precision, by kind)."""
    tally = _Tally()
    for text, predicted, reference in docs:
        tally.add(text, predicted, reference)
    return tally.result()


def _place(event: Event, spans: dict[int, Span]) -> tuple:
    """Where an event is, to order events by their text alone: its trigger, type, mode and the
    offsets of its arguments."""
    trigger = spans[event.trigger]
    arguments = sorted((a.role, spans[a.span_id].start, spans[a.span_id].end)
                       for a in event.arguments if a.span_id in spans)
    return trigger.start, trigger.end, event.type, event.mode or "", arguments
