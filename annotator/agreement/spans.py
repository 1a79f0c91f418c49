"""Span agreement between two layers: precision / recall / F1, exact and overlap matching, per label,
and a label-agnostic alignment that tells boundary disagreements from label disagreements.

Which spans count: what each layer says (`core.integrity.answers`: the model's layer its
suggestions, a person's layer its decisions -- a suggestion left pending is nobody's answer, also
in a layer marked done), never a rejected one. `counted_spans` takes a layer as it is given.

With layer A as the reference: P = agreed / |B|, R = agreed / |A|, F1 = 2·agreed / (|A| + |B|)
(symmetric, so F1 between annotators does not depend on who is "reference").
- exact: agreed = spans with the same (start, end, label) in both layers (multiset intersection);
- overlap: spans with the same label whose offsets overlap, matched one-to-one (the largest
  number of pairs; among those, the largest total overlap).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..core.integrity import answers
from ..core.model import Layer, Span
from .assign import count_first, jaccard, match_overlapping
from .stats import prf

NONE = "∅"  # the "no span here" row/column of a confusion matrix


def counted_spans(layer: Layer | None, kind: str = "entity") -> list[Span]:
    if layer is None:
        return []
    return [s for s in layer.spans.values() if s.layer == kind and s.status != "rejected"]


def exact_pairs(a: list[Span], b: list[Span]) -> list[tuple[Span, Span]]:
    """Pairs of identical spans (same start, end and label), one-to-one."""
    waiting: dict[tuple[int, int, str], list[Span]] = {}
    for span in a:
        key = (span.start, span.end, span.label)
        bucket = waiting.get(key)
        if bucket is None:
            waiting[key] = [span]
        else:
            bucket.append(span)
    pairs = []
    for span in b:
        bucket = waiting.get((span.start, span.end, span.label))
        if bucket:
            pairs.append((bucket.pop(), span))
    return pairs


def _rest(spans: list[Span], pairs: list[tuple[Span, Span]], side: int) -> list[Span]:
    if len(pairs) == len(spans):
        return []
    used = {id(p[side]) for p in pairs}
    return [s for s in spans if id(s) not in used]


def match_spans(a: list[Span], b: list[Span], mode: str = "exact", *, same_label: bool = True,
                exact: list[tuple[Span, Span]] | None = None) -> list[tuple[Span, Span]]:
    """One-to-one pairs of agreeing spans. Identical spans pair first (`exact`, if already
    computed); in overlap mode the rest are matched optimally among overlapping pairs (same label
    unless `same_label=False`)."""
    if mode not in ("exact", "overlap"):
        raise ValueError(f"mode must be 'exact' or 'overlap', not {mode!r}")
    pairs = list(exact) if exact is not None else exact_pairs(a, b)
    if mode == "exact":
        return pairs
    rest_a, rest_b = _rest(a, pairs, 0), _rest(b, pairs, 1)
    if not rest_a or not rest_b:
        return pairs
    n = len(rest_a) + len(rest_b)

    def weight(i: int, j: int) -> float | None:
        x, y = rest_a[i], rest_b[j]
        if same_label and x.label != y.label:
            return None
        return count_first(n, jaccard((x.start, x.end), (y.start, y.end)))

    found = match_overlapping([(s.start, s.end) for s in rest_a], [(s.start, s.end) for s in rest_b], weight)
    return pairs + [(rest_a[i], rest_b[j]) for i, j in found]


@dataclass
class SpanCounts:
    """Per-label agreed / only-in-A / only-in-B counts; add documents with `add`."""

    agreed: Counter = field(default_factory=Counter)
    only_a: Counter = field(default_factory=Counter)
    only_b: Counter = field(default_factory=Counter)

    def add(self, a: list[Span], b: list[Span], mode: str = "exact",
            exact: list[tuple[Span, Span]] | None = None) -> None:
        pairs = match_spans(a, b, mode, exact=exact)
        for x, _ in pairs:
            self.agreed[x.label] += 1
        self.only_a.update(s.label for s in a)
        self.only_b.update(s.label for s in b)
        for x, y in pairs:
            self.only_a[x.label] -= 1
            self.only_b[y.label] -= 1

    def merge(self, other: "SpanCounts") -> None:
        self.agreed.update(other.agreed)
        self.only_a.update(other.only_a)
        self.only_b.update(other.only_b)

    def labels(self) -> list[str]:
        return sorted(set(self.agreed) | set(self.only_a) | set(self.only_b))

    def overall(self) -> dict[str, Any]:
        return prf(sum(self.agreed.values()), sum(self.only_b.values()), sum(self.only_a.values()))

    def by_label(self) -> dict[str, dict[str, Any]]:
        return {label: prf(self.agreed[label], self.only_b[label], self.only_a[label]) for label in self.labels()}

    def to_dict(self) -> dict[str, Any]:
        return {"overall": self.overall(), "labels": self.by_label()}


def span_agreement(a: Layer | None, b: Layer | None, kind: str = "entity", mode: str = "exact") -> dict[str, Any]:
    """P/R/F1 of what layer B says against what layer A says (`answers`) for one document:
    {"overall": prf, "labels": {label: prf}}."""
    counts = SpanCounts()
    counts.add(counted_spans(answers(a), kind), counted_spans(answers(b), kind), mode)
    return counts.to_dict()


# ------------------------------------------------------------------ alignment for disagreements
AGREE = "agree"
LABEL = "label"
BOUNDARY = "boundary"
BOUNDARY_LABEL = "boundary+label"
ONLY_A = "only_a"
ONLY_B = "only_b"
KINDS = (AGREE, LABEL, BOUNDARY, BOUNDARY_LABEL, ONLY_A, ONLY_B)


def classify(x: Span | None, y: Span | None) -> str:
    if x is None:
        return ONLY_B
    if y is None:
        return ONLY_A
    same_offsets = (x.start, x.end) == (y.start, y.end)
    same_label = x.label == y.label
    if same_offsets:
        return AGREE if same_label else LABEL
    return BOUNDARY if same_label else BOUNDARY_LABEL


def align_spans(a: list[Span], b: list[Span], exact: list[tuple[Span, Span]] | None = None,
                ) -> list[tuple[Span | None, Span | None, str]]:
    """Every span of A and B placed once: pairs of overlapping spans regardless of label
    (identical spans first, then the most pairs, preferring same label and larger overlap),
    and the rest alone; each with its kind (agree, label, boundary, boundary+label, only_a, only_b)."""
    pairs = list(exact) if exact is not None else exact_pairs(a, b)
    if len(pairs) == len(a) == len(b):
        return [(x, y, AGREE) for x, y in pairs]
    used_a = {id(x) for x, _ in pairs}
    used_b = {id(y) for _, y in pairs}
    rest_a = [s for s in a if id(s) not in used_a]
    rest_b = [s for s in b if id(s) not in used_b]
    if rest_a and rest_b:
        n = len(rest_a) + len(rest_b)

        def weight(i: int, j: int) -> float:
            x, y = rest_a[i], rest_b[j]
            bonus = 0.5 * (x.label == y.label) + 0.5 * jaccard((x.start, x.end), (y.start, y.end))
            return count_first(n, bonus)

        found = match_overlapping([(s.start, s.end) for s in rest_a], [(s.start, s.end) for s in rest_b], weight)
        pairs += [(rest_a[i], rest_b[j]) for i, j in found]
        used_a |= {id(rest_a[i]) for i, _ in found}
        used_b |= {id(rest_b[j]) for _, j in found}
    result: list[tuple[Span | None, Span | None, str]] = [(x, y, classify(x, y)) for x, y in pairs]
    result += [(x, None, ONLY_A) for x in a if id(x) not in used_a]
    result += [(None, y, ONLY_B) for y in b if id(y) not in used_b]
    result.sort(key=lambda t: min(s.start for s in t[:2] if s is not None))
    return result


def confusion_update(confusion: Counter, aligned: Iterable[tuple[Span | None, Span | None, str]]) -> None:
    """Count (label in A, label in B) of aligned spans; ∅ where one annotator has no span."""
    for x, y, _ in aligned:
        confusion[(x.label if x else NONE, y.label if y else NONE)] += 1


def span_record(span: Span | None, text: str | None) -> dict[str, Any] | None:
    if span is None:
        return None
    record: dict[str, Any] = {"start": span.start, "end": span.end, "label": span.label}
    if span.actor_code:
        record["actor_code"] = span.actor_code
    if text is not None:
        record["text"] = text[span.start:span.end]
    return record
