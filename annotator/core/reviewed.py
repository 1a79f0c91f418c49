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
event) and no suggestion still pending, and the sentences with nothing in them (no span, no
suggestion) above the last such one: the annotator went past them. Sentences one span crosses,
or one accepted event's trigger and arguments span, count as one.

Training also cuts a layer marked done with suggestions left pending ("Leave pending, mark done":
undecided, which is not rejected; `teaches_only_reviewed`): every sentence is reviewed but those
holding a pending suggestion (with the sentences joined to them), empty ones included wherever
they lie -- the annotator finished the text. Whole, its pending suggestions were taught as "no
entity / no trigger". Evaluation scores such a layer whole, its pending suggestions being no
answer (`agreement.evaluate.answers`), so that a decisions-only export gives the same figures.

Gold is not cut (`cut_to_reviewed`): adjudication writes it from the annotators' layers rather
than anyone reading it top to bottom, what keeps it in progress is its open conflicts, not a
reading position, and what both annotators rejected is not carried into it -- so its last item
says nothing about where review stopped. Gold not marked done is taken by what it holds, as
before this rule.
"""

from __future__ import annotations

from bisect import bisect_right

from .integrity import holds_decisions, unmarked_is_outside
from .model import GOLD, MODEL, Layer
from .review import pending_counts
from .sentences import sentences

Part = tuple[int, int]


def decided_something(layer: Layer) -> bool:
    """Whether a person's layer holds any decision to learn from or score: `holds_decisions`
    (something accepted, or marked done), or a suggestion rejected -- never when skipped."""
    if holds_decisions(layer):
        return True
    return layer.state != "skipped" and any(
        item.status == "rejected" for item in [*layer.spans.values(), *layer.events.values()])


def cut_to_reviewed(layer: Layer) -> bool:
    """Whether only the reviewed sentences of `layer` count: an annotator's layer not marked done
    (not the model's, whose suggestions are all it says; not gold: the module doc)."""
    return not unmarked_is_outside(layer) and layer.annotator != GOLD


def teaches_only_reviewed(layer: Layer) -> bool:
    """Whether training takes only the reviewed sentences of `layer`: `cut_to_reviewed`, and an
    annotator's layer marked done with suggestions left pending (the module doc)."""
    return cut_to_reviewed(layer) or (layer.state == "done" and layer.annotator not in (GOLD, MODEL)
                                      and left_pending(layer))


def left_pending(layer: Layer) -> bool:
    """Whether a span or event of `layer` is still a suggestion nobody decided on."""
    return any(pending_counts(layer))


def reviewed_parts(text: str, layer: Layer) -> list[Part]:
    """[start, end) runs of `text` whose marks `layer` has all judged, in order (the module doc).
    The whole text when training would not cut the layer (`teaches_only_reviewed`), or when every
    sentence is reviewed."""
    if not teaches_only_reviewed(layer):
        return [(0, len(text))]
    bounds = sentences(text)
    if not bounds:
        return []
    # Pieces cover the text without gaps (a sentence with the space after it; the first from 0), so
    # that a span with a space at an edge, or in the space between sentences, lies in one.
    starts = [0] + [start for start, _ in bounds[1:]]
    groups = _groups(starts, layer)
    group_of = [0] * len(starts)
    for g, (first, last) in enumerate(groups):
        for piece in range(first, last + 1):
            group_of[piece] = g
    decided, pending, marked = set(), set(), set()
    for span in layer.spans.values():
        g = group_of[_piece_of(starts, span.start)]
        marked.add(g)
        (pending if span.status == "suggested" else decided).add(g)
    for event in layer.events.values():
        trigger = layer.spans.get(event.trigger)
        if trigger is not None:
            g = group_of[_piece_of(starts, trigger.start)]
            (pending if event.status == "suggested" else decided).add(g)
    judged = [g for g in decided if g not in pending]
    # a sentence with nothing in it was passed over: above the last judged one, or anywhere in a
    # text marked done
    passed = len(groups) if layer.state == "done" else max(judged, default=-1)
    reviewed = [g not in pending and (g in decided or (g not in marked and g < passed)) for g in range(len(groups))]
    if all(reviewed):
        return [(0, len(text))]
    runs: list[list[int]] = []  # [first group, last group] of each run of reviewed groups
    for g, ok in enumerate(reviewed):
        if ok:
            if runs and runs[-1][1] == g - 1:
                runs[-1][1] = g
            else:
                runs.append([g, g])
    return _trimmed(text, layer, starts, groups, runs)


def reviewed_by_all(text: str, layers: list[Layer | None]) -> list[Part]:
    """[start, end) runs of `text` every one of `layers` has reviewed (`reviewed_parts`; None,
    no layer, takes no part away): where two layers can be compared."""
    runs: list[Part] = [(0, len(text))]
    for layer in layers:
        if layer is not None and cut_to_reviewed(layer):
            runs = _intersection(runs, reviewed_parts(text, layer))
    return runs


def _groups(starts: list[int], layer: Layer) -> list[tuple[int, int]]:
    """[first, last] piece of each group: the pieces, with each run of them that one span crosses,
    or that an accepted event's trigger and arguments spread over, joined into one."""
    reach = list(range(len(starts)))  # reach[i]: the last piece piece i is joined to

    def join(first: int, last: int) -> None:
        reach[first] = max(reach[first], last)

    for span in layer.spans.values():
        join(_piece_of(starts, span.start), _piece_of(starts, max(span.start, span.end - 1)))
    for event in layer.events.values():
        if event.status != "accepted":
            continue
        members = [event.trigger, *(argument.span_id for argument in event.arguments)]
        pieces = [_piece_of(starts, layer.spans[i].start) for i in members if i in layer.spans]
        if pieces:
            join(min(pieces), max(pieces))
    groups: list[tuple[int, int]] = []
    first, last = 0, reach[0]
    for piece in range(1, len(starts)):
        if piece > last:
            groups.append((first, last))
            first, last = piece, reach[piece]
        else:
            last = max(last, reach[piece])
    groups.append((first, last))
    return groups


def _trimmed(text: str, layer: Layer, starts: list[int], groups: list[tuple[int, int]],
             runs: list[list[int]]) -> list[Part]:
    """The runs as [start, end) offsets, without the white space at their edges -- but never
    cutting a span of the layer that reaches into it."""
    ends = starts[1:] + [len(text)]
    parts = [[starts[groups[first][0]], ends[groups[last][1]]] for first, last in runs]
    for part in parts:
        start, end = part
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        part[:] = [start, end, part[0], part[1]]
    run_starts = [part[2] for part in parts]
    for span in layer.spans.values():
        index = bisect_right(run_starts, span.start) - 1
        if index >= 0 and span.start < parts[index][3]:
            parts[index][0] = min(parts[index][0], span.start)
            parts[index][1] = max(parts[index][1], span.end)
    return [(start, end) for start, end, _, _ in parts if start < end]


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


def _piece_of(starts: list[int], offset: int) -> int:
    """The index of the piece an offset falls in (pieces cover the text from 0)."""
    return max(0, bisect_right(starts, offset) - 1)
