"""Which part of a person's layer still in progress its annotator has reviewed: the text a model
may learn "nothing else here" from.

A layer marked done (or the model's layer) speaks for its whole text. A layer in progress does
not: the sentences below where the annotator stopped, and every suggestion not yet looked at,
are unknown. spaCy's entity recogniser has a "missing" value for such tokens
(`integrity.unmarked_is_outside`), but its span categorisers (`spancat`, the trigger
component) have none: a document written whole teaches them that every unreviewed trigger and
name is *not* one; scored whole, it counts the other side's items there as wrong or missed. So
training (`training.data`) and evaluation (`agreement.evaluate.Scope`) take from a layer in
progress only its reviewed sentences: those holding a decision (an accepted or rejected span or
event) and no suggestion still pending. Sentences one span crosses count as one.
"""

from __future__ import annotations

from bisect import bisect_right

from .integrity import unmarked_is_outside
from .model import Layer
from .sentences import sentences

Part = tuple[int, int]


def reviewed_parts(text: str, layer: Layer) -> list[Part]:
    """[start, end) runs of `text` whose marks `layer` has all judged, in order. The whole text
    when what the layer leaves unmarked is known to be nothing (`unmarked_is_outside`)."""
    if unmarked_is_outside(layer):
        return [(0, len(text))]
    pieces = _joined_where_spans_cross(sentences(text), layer)
    decided = [False] * len(pieces)
    pending = [False] * len(pieces)
    starts = [a for a, _ in pieces]

    def mark(flags: list[bool], start: int) -> None:
        index = _piece_of(starts, start)
        if index is not None:
            flags[index] = True

    for span in layer.spans.values():
        mark(pending if span.status == "suggested" else decided, span.start)
    for event in layer.events.values():
        trigger = layer.spans.get(event.trigger)
        if trigger is not None:
            mark(pending if event.status == "suggested" else decided, trigger.start)
    runs: list[Part] = []
    previous = -2  # index of the last reviewed piece
    for index, ((start, end), judged, waiting) in enumerate(zip(pieces, decided, pending)):
        if not judged or waiting:
            continue
        if previous == index - 1:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
        previous = index
    return runs


def reviewed_by_all(text: str, layers: list[Layer | None]) -> list[Part]:
    """[start, end) runs of `text` every one of `layers` has reviewed (`reviewed_parts`; None,
    no layer, takes no part away): where two layers can be compared."""
    runs: list[Part] = [(0, len(text))]
    for layer in layers:
        if layer is not None and not unmarked_is_outside(layer):
            runs = _intersection(runs, reviewed_parts(text, layer))
    return runs


def _intersection(first: list[Part], second: list[Part]) -> list[Part]:
    """The overlaps of two sorted lists of disjoint runs."""
    out: list[Part] = []
    i = j = 0
    while i < len(first) and j < len(second):
        start, end = max(first[i][0], second[j][0]), min(first[i][1], second[j][1])
        if start < end:
            out.append((start, end))
        if first[i][1] <= second[j][1]:
            i += 1
        else:
            j += 1
    return out


def _joined_where_spans_cross(pieces: list[Part], layer: Layer) -> list[Part]:
    """The sentences, with each run of them that one span crosses joined into one piece."""
    if not pieces:
        return []
    starts = [a for a, _ in pieces]
    joins = set()  # index i: piece i is joined to piece i + 1
    for span in layer.spans.values():
        first, last = _piece_of(starts, span.start), _piece_of(starts, max(span.start, span.end - 1))
        if first is not None and last is not None:
            joins.update(range(first, last))
    joined: list[Part] = []
    for index, (start, end) in enumerate(pieces):
        if index - 1 in joins:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _piece_of(starts: list[int], offset: int) -> int | None:
    """The index of the piece an offset falls in or after (spaces between pieces belong to the
    piece before); None before the first."""
    index = bisect_right(starts, offset) - 1
    return index if index >= 0 else None
