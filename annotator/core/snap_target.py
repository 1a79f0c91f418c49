"""Where a snapped selection ends up: whole tokens, without a possessive or edge punctuation.

A drag over "Hezbollah" in "Hezbollah’s fighters" grows to whole tokens, and the tokenizer keeps
"Hezbollah’s" as one token; the name is "Hezbollah" (the model's suggestion, its actor code,
the other annotator's span). So the possessive `'s`/`’s` and punctuation at either edge
("productive.”", "(Hamas)") are left out, unless that leaves nothing. An abbreviation keeps its
final dot ("U.S."). Pure function; the GUI's TextMap.snap calls it.
"""

from __future__ import annotations

import re

from .offsets import snap_to_tokens

_POSSESSIVE = re.compile(r"[’']s$|(?<=s)[’']$", re.IGNORECASE)  # "Israel’s", "allies'"
_ABBREVIATION = re.compile(r"(?:^|\W)(?:[^\W\d_]\.)+$")  # "U.S." keeps its final dot
_EDGE_PUNCTUATION = ",;:!?.\"“”‘’'()[]{}«»…"


def trim_selection(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without a trailing possessive and without punctuation at its edges."""
    original = (start, end)
    changed = True
    while changed and start < end:
        changed = False
        chunk = text[start:end]
        possessive = _POSSESSIVE.search(chunk)
        if possessive and possessive.start() > 0:
            end = start + possessive.start()
            changed = True
        elif chunk[-1] in _EDGE_PUNCTUATION and not (chunk[-1] == "." and _ABBREVIATION.search(chunk)):
            end -= 1
            changed = True
        elif chunk[0] in _EDGE_PUNCTUATION:
            start += 1
            changed = True
        while start < end and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
    return (start, end) if start < end else original


def snap_selection(text: str, start: int, end: int, tokens: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """A selection grown to whole tokens (core.offsets.snap_to_tokens), then trimmed."""
    start, end = snap_to_tokens(text, start, end, tokens)
    return trim_selection(text, start, end) if start < end else (start, end)
