"""Line breaks that only wrap a line, told from those that end a paragraph.

A text saved from an e-mail, a wire feed, a terminal or a PDF is often hard-wrapped: every line
is cut before a fixed width (60 to 100 characters), and a paragraph ends with a blank line or a
short line. Everything else here reads a line break as the end of a paragraph, and so of a
sentence (`core.sentences`, the pipeline's `ParagraphBreaks`): in such a text every sentence
would be cut at each line's end, and the parser would read the halves apart.

`unwrapped(text)` is the text with each wrapping line break read as a space: the same length,
so every offset stays what it is in the stored text (which is never changed). A line break wraps
when the text is wrapped -- its lines are at most `MAX_WIDTH` long, and most lines followed by
another line are filled, which is how a wrapping program leaves them -- and the line before it is
filled: the first word of the next line would not have fitted on it (`len(line) + 1 +
len(word) > width`, the test a greedy wrapper applies). A blank line, a short line (the last line
of a paragraph, a headline) and a text whose lines are paragraphs keep their breaks.
"""

from __future__ import annotations

import re
from functools import lru_cache

MAX_WIDTH = 100  # the widest wrap in use (terminals and mail wrap at 72 to 80)
MIN_WIDTH = 30  # narrower lines are a list, a table or verse, not wrapped prose
_MIN_LINES = 3
_FILLED_SHARE = 0.6  # of the lines followed by another line, at least this many are filled
_LINE = re.compile(r"([^\n]*)(\n|$)")
_FIRST_WORD = re.compile(r"\s*(\S*)")


def soft_breaks(text: str) -> list[int]:
    """The index of each line break ("\\n", with a "\\r" before it) that only wraps a line."""
    if "\n" not in text:
        return []
    lines = [(m.group(1).rstrip("\r"), m.start(1), m.start(2)) for m in _LINE.finditer(text) if m.group(0)]
    widths = sorted(len(line.rstrip()) for line, _s, _e in lines if line.strip())
    if len(widths) < _MIN_LINES:
        return []
    # The widest line but for one in ten longer (an address, a table row): in a text of a few
    # lines, the widest, so that one long paragraph is not taken for an exception.
    width = widths[len(widths) - 1 - len(widths) // 10]
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return []
    joined: list[int] = []
    candidates = 0
    for (line, _start, end), (following, _s, _e) in zip(lines, lines[1:]):
        if not line.strip() or not following.strip():
            continue  # a blank line ends a paragraph
        candidates += 1
        word = _FIRST_WORD.match(following)
        if len(line.rstrip()) + 1 + len(word.group(1) if word else "") > width:
            joined.append(end)
    if len(joined) < 2 or len(joined) < _FILLED_SHARE * candidates:
        return []
    return joined


@lru_cache(maxsize=8)  # `sentences(text, a, b)` is asked once per long paragraph of one text
def unwrapped(text: str) -> str:
    """`text` with its wrapping line breaks (`soft_breaks`) as spaces; the same length."""
    breaks = soft_breaks(text)
    if not breaks:
        return text
    chars = list(text)
    for at in breaks:
        chars[at] = " "
        if at and chars[at - 1] == "\r":
            chars[at - 1] = " "
    return "".join(chars)
