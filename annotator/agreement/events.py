"""Event agreement: align two annotators' events, then score each aspect separately.

Alignment: two events are candidates when their trigger spans overlap. Among candidates a
one-to-one matching is chosen exactly (Hungarian algorithm per connected component, see
`assign.py`) that aligns the most events; among those, it prefers same event type
and larger trigger overlap.

Aspects, per aligned pair (A reference, B compared; all F1 are symmetric):
- trigger:  F1 = 2·aligned / (|A| + |B|);  f1_exact counts only pairs with identical trigger offsets;
            boundary disagreements = aligned pairs with different offsets.
- type:     agreement = same-type pairs / aligned;  F1 = 2·same type / (|A| + |B|)
            (trigger and type right); label disagreements = aligned pairs with different types.
- mode:     agreement among aligned pairs of the same type where either side gave a mode (two
            events without one say nothing of modes: most types have none, COOPERATE among them,
            and counted as agreeing they made the figure the share of such events).
- negation: agreement among aligned pairs of the same type on whether the event happened
            ("did not attack" marked negated by one annotator only: before, nothing showed it).
- context:  agreement among aligned pairs of the same type where either side gave a context.
- each role (source, target, location, date, other), over aligned events: the role's fillers
            (spans) are matched one-to-one by overlap → tp, only_a, only_b; `boundary` = matched
            fillers with different offsets.  f1 = 2tp/(2tp + only_a + only_b) (overlap),
            f1_exact the same with only identical fillers, f1_all also counts the fillers of
            events the other annotator does not have as disagreements.
- swaps:    aligned pairs where A's source overlaps B's target AND A's target overlaps B's
            source (each filler not matched in its own role) — counted, and also scored as
            role disagreements.
- full:     aligned pairs identical in everything (trigger offsets, type, mode, negation, context,
            every filler).
Events with status `rejected` do not count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..core.integrity import answers
from ..core.model import ROLES, Layer
from .assign import count_first, jaccard, match_overlapping
from .spans import NONE
from .stats import f1, safe

Interval = tuple[int, int]


@dataclass(slots=True)
class EventView:
    """An event with its spans resolved to offsets (what agreement compares)."""

    id: int
    start: int
    end: int
    type: str
    mode: str | None
    arguments: dict[str, list[Interval]]
    layer: str = ""
    negated: bool = False
    context: str | None = None

    @property
    def trigger(self) -> Interval:
        return (self.start, self.end)

    def fillers(self, role: str) -> list[Interval]:
        return self.arguments.get(role, [])

    def record(self, text: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "type": self.type, "mode": self.mode}
        if self.negated:
            out["negated"] = True
        if self.context is not None:
            out["context"] = self.context
        if text is not None:
            out["text"] = text[self.start:self.end]
        args = []
        for role in sorted(self.arguments, key=_role_rank):
            for s, e in sorted(self.arguments[role]):
                arg: dict[str, Any] = {"role": role, "start": s, "end": e}
                if text is not None:
                    arg["text"] = text[s:e]
                args.append(arg)
        out["arguments"] = args
        return out


def _role_rank(role: str) -> int:
    return ROLES.index(role) if role in ROLES else len(ROLES)


def event_views(layer: Layer | None) -> list[EventView]:
    """The events of a layer as it is given (but rejected ones), to compare."""
    if layer is None:
        return []
    views = []
    for event in layer.events.values():
        if event.status == "rejected":
            continue
        trigger = layer.spans.get(event.trigger)
        if trigger is None:
            continue
        arguments: dict[str, list[Interval]] = {}
        for argument in event.arguments:
            span = layer.spans.get(argument.span_id)
            if span is not None:
                arguments.setdefault(argument.role, []).append((span.start, span.end))
        for fillers in arguments.values():
            fillers.sort()  # canonical order: equal frames compare equal
        views.append(EventView(event.id, trigger.start, trigger.end, event.type, event.mode, arguments,
                               layer.annotator, event.negated, event.context))
    views.sort(key=lambda v: (v.start, v.end, v.type, v.id))
    return views


def align_events(a: list[EventView], b: list[EventView]) -> list[tuple[EventView | None, EventView | None]]:
    """Every event of A and B once: aligned pairs, then A's and B's unaligned events."""
    n = len(a) + len(b)

    def weight(i: int, j: int) -> float:
        x, y = a[i], b[j]
        return count_first(n, 0.5 * (x.type == y.type) + 0.5 * jaccard(x.trigger, y.trigger))

    found = match_overlapping([v.trigger for v in a], [v.trigger for v in b], weight)
    used_a = {i for i, _ in found}
    used_b = {j for _, j in found}
    result: list[tuple[EventView | None, EventView | None]] = [(a[i], b[j]) for i, j in found]
    result += [(v, None) for i, v in enumerate(a) if i not in used_a]
    result += [(None, v) for j, v in enumerate(b) if j not in used_b]
    result.sort(key=lambda p: min(v.start for v in p if v is not None))
    return result


def _match_fillers(x: list[Interval], y: list[Interval]) -> list[tuple[int, int]]:
    """Fillers of one role matched one-to-one: identical offsets first, then by overlap."""
    if len(x) == 1 and len(y) == 1:  # the usual case
        (p,), (q,) = x, y
        return [(0, 0)] if p[0] < q[1] and q[0] < p[1] else []
    pairs = []
    free_y = list(range(len(y)))
    rest_x = []
    for i, iv in enumerate(x):
        j = next((j for j in free_y if y[j] == iv), None)
        if j is None:
            rest_x.append(i)
        else:
            pairs.append((i, j))
            free_y.remove(j)
    if rest_x and free_y:
        n = len(rest_x) + len(free_y)
        found = match_overlapping([x[i] for i in rest_x], [y[j] for j in free_y],
                                  lambda i, j: count_first(n, jaccard(x[rest_x[i]], y[free_y[j]])))
        pairs += [(rest_x[i], free_y[j]) for i, j in found]
    return pairs


@dataclass
class RoleCounts:
    tp: int = 0
    only_a: int = 0
    only_b: int = 0
    boundary: int = 0
    unaligned_a: int = 0
    unaligned_b: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp, "only_a": self.only_a, "only_b": self.only_b, "boundary": self.boundary,
            "unaligned_a": self.unaligned_a, "unaligned_b": self.unaligned_b,
            "f1": safe(f1(self.tp, self.only_a, self.only_b)),
            "f1_exact": _f1_exact(self.tp, self.boundary, self.only_a, self.only_b),
            "f1_all": safe(f1(self.tp, self.only_a + self.unaligned_a, self.only_b + self.unaligned_b)),
        }


def _f1_exact(tp: int, boundary: int, only_a: int, only_b: int) -> float | None:
    total = 2 * tp + only_a + only_b
    return None if total == 0 else safe(2 * (tp - boundary) / total)


@dataclass
class PairDiff:
    """How one aligned (or unaligned) pair of events differs; `kinds` empty = full agreement."""

    a: EventView | None
    b: EventView | None
    kinds: list[str]


@dataclass
class EventCounts:
    """Event agreement of one annotator pair, accumulated over documents with `add`."""

    events_a: int = 0
    events_b: int = 0
    aligned: int = 0
    trigger_exact: int = 0
    same_type: int = 0
    mode_compared: int = 0
    mode_agree: int = 0
    negation_compared: int = 0
    negation_agree: int = 0
    context_compared: int = 0
    context_agree: int = 0
    swaps: int = 0
    full: int = 0
    disagreements: Counter = field(default_factory=Counter)
    roles: dict[str, RoleCounts] = field(default_factory=lambda: {r: RoleCounts() for r in ROLES})
    role_confusion: Counter = field(default_factory=Counter)
    type_confusion: Counter = field(default_factory=Counter)

    def add(self, a: list[EventView], b: list[EventView]) -> list[PairDiff]:
        """Count one document's events; returns every pair with what differs (for reports)."""
        self.events_a += len(a)
        self.events_b += len(b)
        diffs = []
        for x, y in align_events(a, b):
            self.type_confusion[(x.type if x else NONE, y.type if y else NONE)] += 1
            if x is None or y is None:
                kind = "only_b" if x is None else "only_a"
                self.disagreements[kind] += 1
                side = x or y
                assert side is not None
                for role, fillers in side.arguments.items():
                    counts = self._role(role)
                    if x is None:
                        counts.unaligned_b += len(fillers)
                    else:
                        counts.unaligned_a += len(fillers)
                diffs.append(PairDiff(x, y, [kind]))
                continue
            diffs.append(PairDiff(x, y, self._compare(x, y)))
        return diffs

    def _role(self, role: str) -> RoleCounts:
        if role not in self.roles:
            self.roles[role] = RoleCounts()
        return self.roles[role]

    def _compare(self, x: EventView, y: EventView) -> list[str]:
        kinds = []
        self.aligned += 1
        exact = x.trigger == y.trigger
        same_type = x.type == y.type
        self.trigger_exact += exact
        self.same_type += same_type
        if not exact and not same_type:
            kinds.append("boundary+label")
        elif not exact:
            kinds.append("boundary")
        elif not same_type:
            kinds.append("label")
        if kinds:
            self.disagreements[kinds[0]] += 1
        if same_type and (x.mode is not None or y.mode is not None):
            self.mode_compared += 1
            if x.mode == y.mode:
                self.mode_agree += 1
            else:
                kinds.append("mode")
        if same_type:
            self.negation_compared += 1
            if x.negated == y.negated:
                self.negation_agree += 1
            else:
                kinds.append("negation")
            if x.context is not None or y.context is not None:
                self.context_compared += 1
                if x.context == y.context:
                    self.context_agree += 1
                else:
                    kinds.append("context")
        if x.arguments == y.arguments:  # same frame: every filler agrees exactly
            for role, fillers in x.arguments.items():
                self._role(role).tp += len(fillers)
            if not kinds:
                self.full += 1
            return kinds
        leftovers: dict[str, tuple[list[Interval], list[Interval]]] = {}
        for role in sorted(set(x.arguments) | set(y.arguments), key=_role_rank):
            fx, fy = x.fillers(role), y.fillers(role)
            pairs = _match_fillers(fx, fy)
            counts = self._role(role)
            counts.tp += len(pairs)
            boundary = sum(1 for i, j in pairs if fx[i] != fy[j])
            counts.boundary += boundary
            counts.only_a += len(fx) - len(pairs)
            counts.only_b += len(fy) - len(pairs)
            if len(pairs) < max(len(fx), len(fy)) or boundary:
                kinds.append(role)
            matched_x = {i for i, _ in pairs}
            matched_y = {j for _, j in pairs}
            leftovers[role] = ([iv for i, iv in enumerate(fx) if i not in matched_x],
                               [iv for j, iv in enumerate(fy) if j not in matched_y])
        # Fillers one annotator put in role r and the other in role r' (same place, other role).
        for ra, (left_a, _) in leftovers.items():
            for rb, (_, left_b) in leftovers.items():
                if ra != rb:
                    hits = sum(1 for p in left_a for q in left_b if _overlap(p, q))
                    if hits:
                        self.role_confusion[(ra, rb)] += hits
        if "source" in leftovers and "target" in leftovers:
            src_a, src_b = leftovers["source"]
            tgt_a, tgt_b = leftovers["target"]
            if any(_overlap(p, q) for p in src_a for q in tgt_b) and any(_overlap(p, q) for p in tgt_a for q in src_b):
                self.swaps += 1
                kinds.append("swap")
        if not kinds:
            self.full += 1
        return kinds

    def to_dict(self) -> dict[str, Any]:
        total = self.events_a + self.events_b
        aligned = self.aligned
        return {
            "events_a": self.events_a,
            "events_b": self.events_b,
            "aligned": aligned,
            "trigger": {"f1": safe(f1(aligned, self.events_a - aligned, self.events_b - aligned)),
                        "f1_exact": safe(2 * self.trigger_exact / total) if total else None,
                        "boundary_disagreements": aligned - self.trigger_exact},
            "type": {"agreement": safe(self.same_type / aligned) if aligned else None,
                     "f1": safe(2 * self.same_type / total) if total else None,
                     "label_disagreements": aligned - self.same_type},
            "mode": {"agreement": safe(self.mode_agree / self.mode_compared) if self.mode_compared else None,
                     "compared": self.mode_compared},
            "negation": {"agreement": safe(self.negation_agree / self.negation_compared)
                         if self.negation_compared else None,
                         "compared": self.negation_compared, "disagreements": self.negation_compared - self.negation_agree},
            "context": {"agreement": safe(self.context_agree / self.context_compared) if self.context_compared else None,
                        "compared": self.context_compared},
            "roles": {role: counts.to_dict() for role, counts in self.roles.items()},
            "swaps": self.swaps,
            "full": {"count": self.full, "f1": safe(2 * self.full / total) if total else None},
            "disagreements": {k: self.disagreements.get(k, 0)
                              for k in ("boundary", "label", "boundary+label", "only_a", "only_b")},
            "role_confusion": [{"a": ra, "b": rb, "count": n} for (ra, rb), n in sorted(self.role_confusion.items())],
        }


def _overlap(p: Interval, q: Interval) -> bool:
    return p[0] < q[1] and q[0] < p[1]


def event_agreement(a: Layer | None, b: Layer | None) -> dict[str, Any]:
    """Event agreement of what two layers of one document say (`core.integrity.answers`; the
    shape of `EventCounts.to_dict`)."""
    counts = EventCounts()
    counts.add(event_views(answers(a)), event_views(answers(b)))
    return counts.to_dict()
