"""The agreement report: every annotator pair, every level, in one pass over the documents.

`build_report(documents, annotators)` reads `AnnotatedDocument`s (e.g. from
`Project.iter_annotated(annotators=...)`) and returns a plain dict whose shape is stable and
documented in docs/agreement.md (`"version": 1`). A document counts for a pair only when both
annotators marked it done (`include_all=True`: when at least one of them has a layer on it);
it counts for Krippendorff's α over all annotators with the annotators who marked it done
(the others are missing values there), when at least two did.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from ..core.errors import Cancelled
from ..core.integrity import answers
from ..core.model import AnnotatedDocument, Layer, Span
from ..core.scheme import actor_root
from .events import EventCounts, PairDiff, event_views
from .spans import (AGREE, KINDS, NONE, SpanCounts, align_spans, confusion_update, counted_spans, exact_pairs,
                    span_record)
from .stats import f1, iter_pairs, safe
from .tokens import TokenCounts

VERSION = 1
LEVELS = ("span", "token", "event")
SPAN_KINDS = ("entity", "trigger")


@dataclass
class _Pair:
    a: str
    b: str
    documents: int = 0
    exact: dict[str, SpanCounts] = field(default_factory=lambda: {k: SpanCounts() for k in SPAN_KINDS})
    overlap: dict[str, SpanCounts] = field(default_factory=lambda: {k: SpanCounts() for k in SPAN_KINDS})
    span_kinds: dict[str, Counter] = field(default_factory=lambda: {k: Counter() for k in SPAN_KINDS})
    entity_confusion: Counter = field(default_factory=Counter)
    events: EventCounts = field(default_factory=EventCounts)
    codes: Counter = field(default_factory=Counter)  # actor codes of the same entities: compared/full/root


def _count_codes(codes: Counter, same: list[tuple[Span, Span]]) -> None:
    """Actor codes of the entity spans both marked alike (offsets and label), where either gave
    one: the same code (full), the same country or block (root, `actor_root`). A code one side
    left empty counts as a disagreement."""
    for x, y in same:
        if not (x.actor_code or y.actor_code):
            continue
        codes["compared"] += 1
        codes["full"] += (x.actor_code or "").upper() == (y.actor_code or "").upper()
        codes["root"] += bool(x.actor_code and y.actor_code and actor_root(x.actor_code) == actor_root(y.actor_code))


def _code_agreement(codes: Counter) -> dict[str, Any]:
    n = codes["compared"]
    return {"compared": n, "agreement": safe(codes["full"] / n) if n else None,
            "root_agreement": safe(codes["root"] / n) if n else None}


def _counts(layer: Layer | None, include_all: bool) -> bool:
    if layer is None:
        return False
    return include_all or layer.state == "done"


def build_report(
    documents: Iterable[AnnotatedDocument],
    annotators: Sequence[str],
    *,
    levels: Sequence[str] = LEVELS,
    include_all: bool = False,
    progress: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
) -> dict[str, Any]:
    annotators = list(dict.fromkeys(annotators))
    if len(annotators) < 2:
        raise ValueError("agreement needs at least two annotators")
    unknown = set(levels) - set(LEVELS)
    if unknown:
        raise ValueError(f"unknown level(s) {sorted(unknown)}; use {LEVELS}")
    pairs = {(a, b): _Pair(a, b) for a, b in iter_pairs(annotators)}
    tokens = TokenCounts(annotators)
    by_document: list[dict[str, Any]] = []
    disagreements: list[dict[str, Any]] = []
    seen = counted_docs = 0
    for doc in documents:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        seen += 1
        if progress is not None and seen % 100 == 0:
            progress(seen)
        layers = {name: answers(doc.layer(name)) for name in annotators}
        if include_all:
            active = [(a, b) for a, b in pairs if layers[a] is not None or layers[b] is not None]
        else:
            active = [(a, b) for a, b in pairs if _counts(layers[a], False) and _counts(layers[b], False)]
        coders = [name for name in annotators if _counts(layers[name], include_all)]
        if not active and len(coders) < 2:
            continue
        counted_docs += 1
        text = doc.document.text
        doc_id, ext_id = doc.document.id, doc.document.ext_id
        if "token" in levels:
            tokens.add(text, layers, active, coders)
        doc_rows = []
        spans = {name: {k: counted_spans(layers[name], k) for k in SPAN_KINDS}
                 for name in annotators}
        views = ({name: event_views(layers[name]) for name in annotators}
                 if "event" in levels else {})
        for a, b in active:
            pair = pairs[(a, b)]
            pair.documents += 1
            row: dict[str, Any] = {"a": a, "b": b}
            issues = 0
            if "span" in levels:
                for kind in SPAN_KINDS:
                    sa, sb = spans[a][kind], spans[b][kind]
                    same = exact_pairs(sa, sb)
                    pair.exact[kind].add(sa, sb, "exact", same)
                    pair.overlap[kind].add(sa, sb, "overlap", same)
                    aligned = align_spans(sa, sb, same)
                    pair.span_kinds[kind].update(k for _, _, k in aligned)
                    if kind == "entity":  # (a row's trigger F1 is the events' aligned triggers, below)
                        _count_codes(pair.codes, same)
                        row["entity_f1"] = safe(f1(len(same), len(sa) - len(same), len(sb) - len(same)))
                        confusion_update(pair.entity_confusion, aligned)
                        for x, y, k in aligned:
                            if k != AGREE:
                                issues += 1
                                disagreements.append(_record(doc_id, ext_id, a, b, "entity", [k],
                                                             span_record(x, text), span_record(y, text), x, y))
            if "event" in levels:
                before = (pair.events.same_type, pair.events.full, pair.events.aligned)
                n_events = len(views[a]) + len(views[b])
                for diff in pair.events.add(views[a], views[b]):
                    if diff.kinds:
                        issues += 1
                        disagreements.append(_event_record(doc_id, ext_id, a, b, diff, text))
                same_type = pair.events.same_type - before[0]
                full = pair.events.full - before[1]
                aligned_triggers = pair.events.aligned - before[2]
                row["trigger_f1"] = safe(2 * aligned_triggers / n_events) if n_events else None
                row["event_f1"] = safe(2 * same_type / n_events) if n_events else None
                row["event_full_f1"] = safe(2 * full / n_events) if n_events else None
            row["disagreements"] = issues
            doc_rows.append(row)
        if doc_rows:
            by_document.append({"doc_id": doc_id, "ext_id": ext_id, "title": doc.document.title, "pairs": doc_rows})
    if progress is not None:
        progress(seen)
    return _assemble(annotators, levels, include_all, pairs, tokens, by_document, disagreements, seen, counted_docs)


def _record(doc_id: int | None, ext_id: str | None, a: str, b: str, level: str, kinds: list[str],
            ra: dict[str, Any] | None, rb: dict[str, Any] | None, *located: Any) -> dict[str, Any]:
    present = [x for x in located if x is not None]
    return {
        "doc_id": doc_id, "ext_id": ext_id, "level": level, "kinds": kinds,
        "start": min(x.start for x in present), "end": max(x.end for x in present),
        "annotators": [a, b], "versions": {a: ra, b: rb},
    }


def _event_record(doc_id: int | None, ext_id: str | None, a: str, b: str, diff: PairDiff,
                  text: str) -> dict[str, Any]:
    return _record(doc_id, ext_id, a, b, "event", diff.kinds,
                   diff.a.record(text) if diff.a else None, diff.b.record(text) if diff.b else None,
                   diff.a, diff.b)


def _confusion(counter: Counter) -> dict[str, Any]:
    labels = sorted({x for x, _ in counter} | {y for _, y in counter}, key=lambda s: (s == NONE, s))
    return {"labels": labels, "matrix": [[counter.get((x, y), 0) for y in labels] for x in labels]}


def _assemble(annotators: list[str], levels: Sequence[str], include_all: bool, pairs: dict[tuple[str, str], _Pair],
              tokens: TokenCounts, by_document: list[dict[str, Any]], disagreements: list[dict[str, Any]],
              seen: int, counted: int) -> dict[str, Any]:
    token_part = tokens.to_dict() if "token" in levels else None
    kappas = {(p["a"], p["b"]): p for p in token_part["pairs"]} if token_part else {}
    pair_out = []
    matrix: dict[str, dict[str, dict[str, Any]]] = {
        name: {a: {} for a in annotators}
        for name in ("entity_f1", "entity_f1_overlap", "actor_code", "trigger_f1", "token_kappa", "event_f1",
                     "event_full_f1", "negation")
    }
    confusion: dict[str, list[dict[str, Any]]] = {"entity": [], "event": []}
    for (a, b), pair in pairs.items():
        item: dict[str, Any] = {"a": a, "b": b, "documents": pair.documents}
        values: dict[str, Any] = {}
        if "span" in levels:
            item["span"] = {
                kind: {"exact": pair.exact[kind].to_dict(), "overlap": pair.overlap[kind].to_dict(),
                       "disagreements": {k: pair.span_kinds[kind].get(k, 0) for k in KINDS}}
                for kind in SPAN_KINDS
            }
            item["span"]["entity"]["actor_code"] = _code_agreement(pair.codes)
            values["entity_f1"] = item["span"]["entity"]["exact"]["overall"]["f1"]
            values["actor_code"] = item["span"]["entity"]["actor_code"]["agreement"]
            values["entity_f1_overlap"] = item["span"]["entity"]["overlap"]["overall"]["f1"]
            confusion["entity"].append({"a": a, "b": b, **_confusion(pair.entity_confusion)})
        if token_part is not None:
            item["token"] = {"tokens": kappas[(a, b)]["tokens"], "kappa": kappas[(a, b)]["kappa"]}
            values["token_kappa"] = item["token"]["kappa"]
        if "event" in levels:
            item["event"] = pair.events.to_dict()
            # "trigger F1" means one thing everywhere (the CLI's table, the dashboard, by document):
            # aligned event triggers, whatever their type; "event F1" adds the type
            values["trigger_f1"] = item["event"]["trigger"]["f1"]
            values["event_f1"] = item["event"]["type"]["f1"]
            values["event_full_f1"] = item["event"]["full"]["f1"]
            values["negation"] = item["event"]["negation"]["agreement"]
            confusion["event"].append({"a": a, "b": b, **_confusion(pair.events.type_confusion)})
        for name, value in values.items():
            matrix[name][a][b] = value
            matrix[name][b][a] = value
        pair_out.append(item)
    return {
        "format": "annotator-agreement",
        "version": VERSION,
        "annotators": annotators,
        "levels": [level for level in LEVELS if level in levels],
        "include_all": include_all,
        "documents": {"seen": seen, "counted": counted},
        "pairs": pair_out,
        "matrix": {name: table for name, table in matrix.items() if any(table[a] for a in annotators)},
        "token_alpha": token_part["alpha"] if token_part else None,
        "by_document": by_document,
        "confusion": confusion,
        "disagreements": disagreements,
    }


def per_label_rows(report: dict[str, Any], kind: str = "entity", match: str = "exact") -> list[dict[str, Any]]:
    """Flat rows (a, b, label, tp, fp, fn, precision, recall, f1) for tables and charts."""
    rows = []
    for pair in report["pairs"]:
        if "span" not in pair:
            continue
        for label, scores in pair["span"][kind][match]["labels"].items():
            rows.append({"a": pair["a"], "b": pair["b"], "label": label, **scores})
    return rows


def mean_f1(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return safe(sum(present) / len(present)) if present else None


__all__ = ["build_report", "per_label_rows", "mean_f1", "f1", "VERSION", "LEVELS"]
