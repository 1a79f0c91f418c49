"""Token-level agreement over BIO labels of entity layers (Cohen's κ per pair, Krippendorff's α
over all annotators).

Tokens come from `annotator.core.offsets.token_spans`. A span tags every token it overlaps:
`B-LABEL` on the first, `I-LABEL` on the rest, `O` elsewhere. BIO cannot express nested
spans: spans are taken by start, longer first, and a span that would re-tag an already
tagged token is left out (agreement on nested entities is measured at the span level).

Counting is incremental (`TokenCounts.add` per document), and α uses unit profiles
(see `stats.alpha_from_profiles`), so millions of tokens cost little memory.
Tokens no annotator covered are 'O' for everybody; they are counted without building tags.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..core.integrity import answers
from ..core.model import Layer, Span
from ..core.offsets import token_spans
from .spans import counted_spans
from .stats import alpha_from_profiles, iter_pairs, kappa_from_pairs, safe

OUTSIDE = "O"
_SPACE = re.compile(r"\s")


def bio_tags(tokens: Sequence[tuple[int, int]], spans: Sequence[Span], starts: Sequence[int] | None = None,
             ends: Sequence[int] | None = None) -> list[str]:
    """BIO tag of every token for these spans (see the module docstring for nested spans)."""
    tags = [OUTSIDE] * len(tokens)
    starts = starts if starts is not None else [t[0] for t in tokens]
    ends = ends if ends is not None else [t[1] for t in tokens]
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        first = bisect.bisect_right(ends, span.start)  # first token ending after the span starts
        last = bisect.bisect_left(starts, span.end)  # tokens before this start before the span ends
        if first >= last or any(tags[i] != OUTSIDE for i in range(first, last)):
            continue
        tags[first] = "B-" + span.label
        for i in range(first + 1, last):
            tags[i] = "I-" + span.label
    return tags


def _windows(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    """Merged stretches of text around the spans, widened to whitespace (no token crosses
    whitespace, so tokenising a window gives exactly the tokens the whole text has there)."""
    windows: list[tuple[int, int]] = []
    n = len(text)
    for span in sorted(spans, key=lambda s: s.start):
        start = span.start
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        match = _SPACE.search(text, span.end)
        end = match.start() if match else n
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


@dataclass
class TokenCounts:
    """Accumulates token label pairs (for κ) and unit profiles (for α) over documents."""

    annotators: list[str]
    pairs: dict[tuple[str, str], Counter] = field(default_factory=dict)
    profiles: Counter = field(default_factory=Counter)
    tokens_pair: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        for pair in iter_pairs(self.annotators):
            self.pairs.setdefault(pair, Counter())

    def add(self, text: str, layers: dict[str, Layer | None], pairs: Sequence[tuple[str, str]] | None = None,
            coders: Sequence[str] | None = None) -> None:
        """Count one document (`layers` as they are compared: `core.integrity.answers`). `pairs`:
        annotator pairs for which this document counts (κ); `coders`: annotators whose tags enter
        α for it (others are missing there)."""
        pairs = list(pairs if pairs is not None else self.pairs)
        coders = list(coders if coders is not None else self.annotators)
        if not pairs and len(coders) < 2:
            return
        spans = {name: counted_spans(layers.get(name), "entity") for name in self.annotators}
        covered = [s for name in self.annotators for s in spans[name]]
        if covered:
            tokens = [t for s, e in _windows(text, covered) for t in _tokens_in(text, s, e)]
            starts = [t[0] for t in tokens]
            ends = [t[1] for t in tokens]
            tags = {name: bio_tags(tokens, spans[name], starts, ends) for name in self.annotators}
        else:
            tokens, tags = [], {name: [] for name in self.annotators}
        outside = _count_tokens(text) - len(tokens)
        for a, b in pairs:
            counter = self.pairs.setdefault((a, b), Counter())
            counter.update(zip(tags[a], tags[b]))
            counter[(OUTSIDE, OUTSIDE)] += outside
            self.tokens_pair[(a, b)] += outside + len(tokens)
        if len(coders) >= 2:
            missing = [None] * len(tokens)
            columns = [tags[name] if name in coders else missing for name in self.annotators]
            self.profiles.update(zip(*columns))
            profile = tuple(OUTSIDE if name in coders else None for name in self.annotators)
            self.profiles[profile] += outside

    def kappa(self, a: str, b: str) -> float:
        return kappa_from_pairs(self.pairs.get((a, b), Counter()))

    def alpha(self) -> float:
        return alpha_from_profiles(self.profiles, "nominal")

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": [{"a": a, "b": b, "tokens": self.tokens_pair[(a, b)], "kappa": safe(self.kappa(a, b))}
                      for a, b in self.pairs],
            "alpha": {"coders": list(self.annotators), "level": "nominal",
                      "units": sum(n for p, n in self.profiles.items() if sum(v is not None for v in p) >= 2),
                      "alpha": safe(self.alpha())},
        }


def _tokens_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(s + start, e + start) for s, e in token_spans(text[start:end])]


def _count_tokens(text: str) -> int:
    return len(token_spans(text))


def token_kappa(text: str, a: Layer, b: Layer) -> float:
    """Cohen's κ between the BIO tags two entity layers give the tokens of one text (what each
    says: `core.integrity.answers`)."""
    tokens = token_spans(text)
    tags_a = bio_tags(tokens, counted_spans(answers(a), "entity"))
    tags_b = bio_tags(tokens, counted_spans(answers(b), "entity"))
    return kappa_from_pairs(Counter(zip(tags_a, tags_b)))
