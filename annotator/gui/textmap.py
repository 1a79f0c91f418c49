"""Python str indices <-> positions in the Qt text document of one article.

Stored offsets are Python indices (code points). A QTextDocument counts UTF-16 units
(an emoji is two positions) and turns "\\r\\n" into ONE paragraph separator, which would
shift every later offset; so the view shows `display_text(text)`, where each "\\r\\n"
becomes " \\n" (same length, same line break; a leading byte-order mark, which Qt drops, becomes
a word joiner), and `TextMap` converts with
`core.offsets.Utf16Index`. This module is the only place offsets are converted.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from ..core.offsets import Utf16Index, snap_to_tokens, token_spans


_BLOCK_BREAK = re.compile("[\n\r\u2029]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, ... and their presentation forms).
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")


def display_text(text: str) -> str:
    if text.startswith("\ufeff"):
        # setPlainText drops a leading byte-order mark (kept by a JSONL or CSV text field), which
        # would shift every position by one; a word joiner is as invisible and Qt keeps it
        text = "\u2060" + text[1:]
    return text.replace("\r\n", " \n") if "\r" in text else text


def paragraph_direction(display: str) -> bool | None:
    """The direction to lay every paragraph out in: None = each by its first strong letter (Qt's
    own rule), False = left to right, True = right to left; whichever lays out the fewest
    paragraphs against the direction of most of their letters.

    Qt (like the Unicode bidi algorithm) lays a paragraph out in the direction of its first strong
    letter, so an English paragraph that opens with an Arabic name would be right-aligned and read
    from the right. A plain-text view takes one direction for all paragraphs (the block format's
    direction is ignored), hence one choice for the document."""
    if not _RIGHT_TO_LEFT.search(display):
        return None  # the common case: nothing to count
    against_first = against_left = against_right = 0
    for paragraph in _BLOCK_BREAK.split(display):
        if not _RIGHT_TO_LEFT.search(paragraph):
            against_right += bool(re.search(r"[^\W\d_]", paragraph))  # a letter: left to right
            continue
        first, left, right = None, 0, 0
        for char in paragraph:
            kind = unicodedata.bidirectional(char)
            if kind == "L":
                left += 1
            elif kind in ("R", "AL"):
                right += 1
            else:
                continue
            if first is None:
                first = kind == "L"
        if left == right:
            continue
        against_first += first != (left > right)
        against_left += right > left
        against_right += left > right
    fewest = min(against_first, against_left, against_right)
    if against_first == fewest:
        return None
    return against_left != fewest


class TextMap:
    def __init__(self, text: str) -> None:
        self.text = text
        self.display = display_text(text)
        # Most articles have no character outside the BMP: then both counts agree and the
        # per-character index is not built at all (it dominated opening a long document).
        self._u16 = Utf16Index(text) if _ASTRAL.search(text) else None
        self._tokens: list[tuple[int, int]] | None = None
        self._block_starts: list[int] | None = None

    def to_qt(self, index: int) -> int:
        return index if self._u16 is None else self._u16.to_utf16(index)

    def to_py(self, position: int) -> int:
        if self._u16 is None:
            return min(position, len(self.text))
        return min(self._u16.to_python(position), len(self.text))

    @property
    def tokens(self) -> list[tuple[int, int]]:
        if self._tokens is None:
            self._tokens = token_spans(self.text)
        return self._tokens

    def snap(self, start: int, end: int) -> tuple[int, int]:
        """Whole tokens, without a possessive or edge punctuation (core.offsets.snap_to_tokens)."""
        return snap_to_tokens(self.text, start, end, self.tokens)

    @property
    def block_starts(self) -> list[int]:
        """Qt position where each block (paragraph) starts; block n = line n of the text."""
        if self._block_starts is None:
            # QTextDocument starts a block after \n, a lone \r and U+2029.
            self._block_starts = [0, *(self.to_qt(m.end()) for m in _BLOCK_BREAK.finditer(self.display))]
        return self._block_starts

    def blocks_of(self, qstart: int, qend: int) -> range:
        """Block numbers touched by the Qt range [qstart, qend)."""
        starts = self.block_starts
        first = bisect.bisect_right(starts, qstart) - 1
        last = bisect.bisect_right(starts, max(qstart, qend - 1)) - 1
        return range(max(first, 0), max(last, 0) + 1)
