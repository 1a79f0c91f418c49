"""Evaluate one layer against another (model vs gold, annotator vs gold): per-label P/R/F1.

- entities:  spans of the entity layer, label = entity label;
- triggers:  trigger spans, label = event type (the type must be right);
- arguments: label = role. An argument is right when its event is matched to a reference
  event of the same type (exact: identical trigger offsets; overlap: overlapping triggers,
  aligned one-to-one) and a filler of the same role is matched (exact: identical offsets;
  overlap: overlapping). Arguments of unmatched events are all wrong (fp or fn).

`match="exact"` (default) or `"overlap"`. Rejected annotations never count.

What a layer says (`answers`): the model's layer says its suggestions (they are all it is); a
person's layer -- an annotator's, gold -- says its decisions only, `core.integrity.accepted_only`,
the rule training and the exports follow: a suggestion nobody accepted is no answer, on either side.

Which documents are scored (`Scope`): those where a person's layer, on either side, holds
decisions (`core.reviewed.decided_something`, the rule of training: marked done, or something
accepted or rejected; never skipped). A layer still in progress has not judged all of its text: in
what it has not reached, the other side's items would count as wrong (fp) or missed (fn). So of
such a document only the sentences an annotator's layer has reviewed are scored (`Scope.scored`,
`core.reviewed`: a decision there and no suggestion pending; none reviewed yet: left out; gold is
taken whole, by what it holds: `cut_to_reviewed`), the count of such
documents is reported, and `only_done` (`--only-done`, as for export and train) scores only
layers marked done. A layer that holds no decision (only opened, to do), a skipped one, or none
at all is never scored. The model's layer is scored wherever the reference is (none = it
suggested nothing); as the reference, where it exists. `Scope` counts the documents left out and
why.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..core.integrity import answers, unmarked_is_outside
from ..core.model import MODEL, Layer
from ..core.reviewed import cut_to_reviewed, decided_something, reviewed_by_all, reviewed_parts
from .events import EventView, _match_fillers, align_events, event_views
from .spans import SpanCounts, counted_spans
from .stats import prf


# Why a document is left out, per side (reference, layer): no layer there; a person's layer that
# holds no decision (only opened, or to do, nothing accepted or rejected); skipped; not marked done
# (only_done); in progress with no sentence reviewed yet (`core.reviewed`).
REASONS = ("missing", "no_decision", "skipped", "in_progress", "not_reviewed")


def left_out_because(layer: Layer | None, *, needed: bool, only_done: bool = False) -> str | None:
    """Why a document is not scored on account of one side's layer (one of REASONS), or None
    when that side lets it be scored (the module doc). `needed`: whether a missing layer leaves
    the document out (the reference's; a person's on the evaluated side: they never had it)."""
    if layer is None:
        return "missing" if needed else None
    if unmarked_is_outside(layer):
        return None
    if layer.state == "skipped":
        return "skipped"
    if not decided_something(layer):
        return "no_decision"
    return "in_progress" if only_done else None


@dataclass
class Scope:
    """Which documents an evaluation of `layer` against `against` scores, and how many it left
    out and why: `admits(predicted, reference)` per document, in order."""

    layer: str
    against: str
    only_done: bool = False
    documents: int = 0
    in_progress: int = 0  # scored documents with a person's layer not marked done
    left_out: dict[str, Counter] = field(default_factory=lambda: {"reference": Counter(), "layer": Counter()})

    def admits(self, predicted: Layer | None, reference: Layer | None) -> bool:
        if not self._sides_let_in(predicted, reference):
            return False
        self._count(predicted, reference)
        return True

    def scored(self, text: str, predicted: Layer | None, reference: Layer | None) -> "Scored | None":
        """`admits`, and what of the document is scored: the whole of it, or -- where a person's
        layer is still in progress -- the sentences it has reviewed (`core.reviewed`). None when
        the document is left out, also when such a layer has reviewed no sentence yet."""
        if not self._sides_let_in(predicted, reference):
            return None
        parts = reviewed_by_all(text, [predicted, reference])
        if not parts:
            self.left_out[_unreviewed_side(text, predicted, reference)]["not_reviewed"] += 1
            return None
        self._count(predicted, reference)
        return Scored(text, predicted, reference, parts)

    def _sides_let_in(self, predicted: Layer | None, reference: Layer | None) -> bool:
        """Whether neither side's layer leaves the document out (`left_out_because`, counted)."""
        for side, layer, needed in (("reference", reference, True), ("layer", predicted, self.layer != MODEL)):
            why = left_out_because(layer, needed=needed, only_done=self.only_done)
            if why is not None:
                self.left_out[side][why] += 1
                return False
        return True

    def _count(self, predicted: Layer | None, reference: Layer | None) -> None:
        self.documents += 1
        self.in_progress += any(x is not None and not unmarked_is_outside(x) for x in (predicted, reference))

    def to_dict(self) -> dict[str, Any]:
        """{"only_done", "in_progress", "left_out": {"documents", "reference": {reason: n},
        "layer": {reason: n}}}: every reason of REASONS, 0 when none."""
        sides = {side: {reason: counts[reason] for reason in REASONS} for side, counts in self.left_out.items()}
        return {"only_done": self.only_done, "in_progress": self.in_progress,
                "left_out": {"documents": sum(sum(c.values()) for c in self.left_out.values()), **sides}}

    def rule(self) -> str:
        """Which documents were scored, in words."""
        people = " and ".join(repr(n) for n in dict.fromkeys((self.against, self.layer)) if n != MODEL)
        if not people:
            return "documents with a model layer"
        if self.only_done:
            return f"documents whose {people} layer is marked done"
        return f"documents whose {people} layer holds decisions (marked done, or something accepted or rejected)"

    def notes(self, in_progress_hint: str = "") -> list[str]:
        """One line per side with documents left out ("left out: 2 whose 'gold' layer is
        skipped, ..."); `in_progress_hint` follows the count of layers left out as not done."""
        lines = []
        for side, name in (("reference", self.against), ("layer", self.layer)):
            counts = self.left_out[side]
            parts = [f"{counts[r]} {what}" for r, what in (
                ("missing", f"without a {name!r} layer"),
                ("no_decision", (f"whose {name!r} layer holds no decision (only opened or to do, nothing "
                                 "accepted or rejected)")),
                ("skipped", f"whose {name!r} layer is skipped"),
                ("in_progress", f"whose {name!r} layer is not marked done{in_progress_hint}"),
                ("not_reviewed", (f"whose {name!r} layer is in progress with no sentence reviewed yet (a "
                                  "decision there and no suggestion pending) -- or none the other layer has "
                                  "reviewed too"))) if counts[r]]
            if parts:
                lines.append("left out: " + ", ".join(parts))
        return lines

    def in_progress_note(self, hint: str = "") -> str | None:
        """The warning when documents with a layer not marked done were scored; `hint` says how
        to score only done ones."""
        if not self.in_progress:
            return None
        return (f"{self.in_progress} of the {self.documents} document(s) scored have a layer not marked done: "
                "of an annotator's only the sentences it has reviewed are scored (a decision there and no "
                f"suggestion pending), gold by what it holds{hint}")


def _unreviewed_side(text: str, predicted: Layer | None, reference: Layer | None) -> str:
    """Which side to name when two layers have no reviewed sentence in common: the one that has
    reviewed none (the reference when both have, but apart)."""
    if predicted is not None and cut_to_reviewed(predicted) and not reviewed_parts(text, predicted):
        if reference is None or not cut_to_reviewed(reference) or reviewed_parts(text, reference):
            return "layer"
    return "reference"


@dataclass(frozen=True)
class Scored:
    """A document `Scope.scored` admits: its text and both layers, and the [start, end) parts of
    the text that are scored (the whole text, or the runs of sentences reviewed)."""

    text: str
    predicted: Layer | None
    reference: Layer | None
    parts: list[tuple[int, int]]

    @property
    def whole(self) -> bool:
        return self.parts == [(0, len(self.text))]

    def layers(self) -> tuple[Layer | None, Layer | None]:
        """(predicted, reference) over the scored parts, offsets kept."""
        if self.whole:
            return self.predicted, self.reference
        return tuple(None if layer is None else layer.inside(self.parts)  # type: ignore[return-value]
                     for layer in (self.predicted, self.reference))

    def pieces(self, predicted: Layer | None = None) -> list[tuple[str, Layer | None, Layer | None]]:
        """(text, predicted, reference) per scored part, each a text of its own (for the measures
        by sentence, `event_quality`). `predicted`: another layer over the whole text in place of
        the document's (e.g. a pipeline run on the whole article)."""
        predicted = self.predicted if predicted is None else predicted
        if self.whole:
            return [(self.text, predicted, self.reference)]
        cut = [None if layer is None else layer.split(self.parts) for layer in (predicted, self.reference)]
        return [(self.text[start:end], None if cut[0] is None else cut[0][i], None if cut[1] is None else cut[1][i])
                for i, (start, end) in enumerate(self.parts)]


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
    """`pairs` = (predicted layer, reference layer) per document (the documents `Scope.admits`),
    each layer scored by what it says (`answers`). Returns
    {"match", "documents", "entities", "triggers", "arguments"}, each part
    {"overall": prf, "labels": {label: prf}} with prf = {tp, fp, fn, precision, recall, f1}."""
    if match not in ("exact", "overlap"):
        raise ValueError(f"match must be 'exact' or 'overlap', not {match!r}")
    entities, triggers, arguments = SpanCounts(), SpanCounts(), SpanCounts()
    documents = 0
    for predicted, reference in pairs:
        documents += 1
        predicted, reference = answers(predicted), answers(reference)
        entities.add(counted_spans(reference, "entity"), counted_spans(predicted, "entity"), match)
        triggers.add(counted_spans(reference, "trigger"), counted_spans(predicted, "trigger"), match)
        _argument_counts(event_views(reference), event_views(predicted), match, arguments)
    return {"match": match, "documents": documents, "entities": _to_dict(entities),
            "triggers": _to_dict(triggers), "arguments": _to_dict(arguments)}


def evaluate_layers(predicted: Layer | None, reference: Layer | None, *, match: str = "exact") -> dict[str, Any]:
    return evaluate([(predicted, reference)], match=match)
