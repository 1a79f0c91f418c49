"""Evaluate one layer against another (model vs gold, annotator vs gold): per-label P/R/F1.

- entities:  spans of the entity layer, label = entity label;
- triggers:  trigger spans, label = event type (the type must be right);
- arguments: label = role. An argument is right when its event is matched to a reference
  event of the same type (exact: identical trigger offsets; overlap: overlapping triggers,
  aligned one-to-one) and a filler of the same role is matched (exact: identical offsets;
  overlap: overlapping). Arguments of unmatched events are all wrong (fp or fn).

`match="exact"` (default) or `"overlap"`. Rejected annotations never count; suggestions do
(the model layer consists of suggestions).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

from ..core.model import Layer
from .events import EventView, _match_fillers, align_events, event_views
from .spans import SpanCounts, counted_spans
from .stats import prf


def _args(view: EventView) -> Counter:
    return Counter(role for role, ivs in view.arguments.items() for _ in ivs)


def _argument_counts(ref: list[EventView], pred: list[EventView], match: str, counts: SpanCounts) -> None:
    """Adds per-role tp / fn (only in reference) / fp (only predicted) to `counts`."""
    if match == "exact":
        pairs = []
        waiting: dict[tuple[int, int, str], list[EventView]] = {}
        for v in ref:
            waiting.setdefault((v.start, v.end, v.type), []).append(v)
        matched_pred = set()
        for j, v in enumerate(pred):
            bucket = waiting.get((v.start, v.end, v.type))
            if bucket:
                pairs.append((bucket.pop(), v))
                matched_pred.add(j)
        unmatched_ref = [v for bucket in waiting.values() for v in bucket]
        unmatched_pred = [v for j, v in enumerate(pred) if j not in matched_pred]
    else:
        pairs, unmatched_ref, unmatched_pred = [], [], []
        for x, y in align_events(ref, pred):
            if x is not None and y is not None and x.type == y.type:
                pairs.append((x, y))
            else:
                if x is not None:
                    unmatched_ref.append(x)
                if y is not None:
                    unmatched_pred.append(y)
    for v in unmatched_ref:
        counts.only_a.update(_args(v))
    for v in unmatched_pred:
        counts.only_b.update(_args(v))
    for x, y in pairs:
        for role in set(x.arguments) | set(y.arguments):
            fx, fy = x.fillers(role), y.fillers(role)
            if match == "exact":
                agreed = sum((Counter(fx) & Counter(fy)).values())
            else:
                agreed = len(_match_fillers(fx, fy))
            counts.agreed[role] += agreed
            counts.only_a[role] += len(fx) - agreed
            counts.only_b[role] += len(fy) - agreed


def _to_dict(counts: SpanCounts) -> dict[str, Any]:
    """Reference = A: fp = only predicted (B), fn = only in the reference (A)."""
    return {"overall": prf(sum(counts.agreed.values()), sum(counts.only_b.values()), sum(counts.only_a.values())),
            "labels": {label: prf(counts.agreed[label], counts.only_b[label], counts.only_a[label])
                       for label in counts.labels()}}


def evaluate(pairs: Iterable[tuple[Layer | None, Layer | None]], *, match: str = "exact") -> dict[str, Any]:
    """`pairs` = (predicted layer, reference layer) per document. Returns
    {"match", "documents", "entities", "triggers", "arguments"}, each part
    {"overall": prf, "labels": {label: prf}} with prf = {tp, fp, fn, precision, recall, f1}."""
    if match not in ("exact", "overlap"):
        raise ValueError(f"match must be 'exact' or 'overlap', not {match!r}")
    entities, triggers, arguments = SpanCounts(), SpanCounts(), SpanCounts()
    documents = 0
    for predicted, reference in pairs:
        documents += 1
        entities.add(counted_spans(reference, "entity"), counted_spans(predicted, "entity"), match)
        triggers.add(counted_spans(reference, "trigger"), counted_spans(predicted, "trigger"), match)
        _argument_counts(event_views(reference), event_views(predicted), match, arguments)
    return {"match": match, "documents": documents, "entities": _to_dict(entities),
            "triggers": _to_dict(triggers), "arguments": _to_dict(arguments)}


def evaluate_layers(predicted: Layer | None, reference: Layer | None, *, match: str = "exact") -> dict[str, Any]:
    return evaluate([(predicted, reference)], match=match)
