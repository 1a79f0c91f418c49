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
len(word) > width`, the test a greedy wrapper applies) -- unless it ends a sentence (. ! ? : before a capital,
a digit or a quote: the sentence ends there anyway, and so does a paragraph parted by a single
line break), is longer than
the width (a paragraph pasted in whole), or the next line opens a list item (- * • 1.). A blank
line, a short line (the last line of a paragraph, most headlines) and a text whose lines are
paragraphs keep their breaks.

Line breaks other than "\n" -- a lone "\r" (old Mac OS, some exports), the Unicode line and
paragraph separators, a vertical tab (Word's line break), a form feed (a PDF's page break) -- are
read as "\n" first (`lines_read`), one character for one (not U+0085, NEL: in pasted text it is
more often a Windows ellipsis read as Latin-1): before, a "\r"-only text was one paragraph to every
reader here, its headline ran into the story and its datelines were not found.
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
# A line ending a sentence keeps its break: the sentence ends there anyway, and a paragraph
# parted by a single line break (no blank line) ends so. A line opening a list item keeps the one
# before it.
_ENDS_SENTENCE = re.compile(r"[.!?:][\"'”’)\]]*\s*$")
_OPENS_SENTENCE = re.compile(r"\s*[\"'“‘(\[]?[A-Z0-9]")  # "U.S." before "and" ends none
_LIST_ITEM = re.compile(r"\s*(?:[-*•–]|\d{1,3}[.)])\s")
# A line break that is not "\n" ("\r" alone, not the one of "\r\n").
_OTHER_BREAK = re.compile("\r(?!\n)|[\u2028\u2029\x0b\x0c]")


def lines_read(text: str) -> str:
    """`text` with every other line break (`_OTHER_BREAK`) as "\n"; the same length."""
    if not _OTHER_BREAK.search(text):
        return text
    return _OTHER_BREAK.sub("\n", text)


def soft_breaks(text: str) -> list[int]:
    """The index of each line break ("\\n", with a "\\r" before it; or another line break,
    `lines_read`) that only wraps a line."""
    text = lines_read(text)
    if "\n" not in text:
        return []
    lines = [(m.group(1).rstrip("\r"), m.start(1), m.start(2)) for m in _LINE.finditer(text) if m.group(0)]
    widths = sorted(len(line.rstrip()) for line, _s, _e in lines if line.strip())
    wrapped = [w for w in widths if w <= MAX_WIDTH]
    # Lines longer than any wrap (an address, a paragraph pasted in whole) may be one in ten; in a
    # text of a few lines, none, so that one long paragraph is not taken for an exception.
    if len(wrapped) < _MIN_LINES or len(widths) - len(wrapped) > len(widths) // 10:
        return []
    width = wrapped[-1]
    if width < MIN_WIDTH:
        return []
    filled: list[int] = []  # breaks after a filled line: how a wrapped text looks
    joined: list[int] = []  # those of them that only wrap a line
    candidates = 0
    for (line, _start, end), (following, _s, _e) in zip(lines, lines[1:]):
        if not line.strip() or not following.strip():
            continue  # a blank line ends a paragraph
        candidates += 1
        word = _FIRST_WORD.match(following)
        length = len(line.rstrip())
        if length + 1 + len(word.group(1) if word else "") > width:
            filled.append(end)
            # a line longer than the width is no wrapped line (a paragraph pasted in whole)
            ends = _ENDS_SENTENCE.search(line) and _OPENS_SENTENCE.match(following)
            if length <= width and not ends and not _LIST_ITEM.match(following):
                joined.append(end)
    if len(filled) < 2 or len(filled) < _FILLED_SHARE * candidates:
        return []
    return joined


@lru_cache(maxsize=8)  # `sentences(text, a, b)` is asked once per long paragraph of one text
def unwrapped(text: str) -> str:
    """`text` with its wrapping line breaks (`soft_breaks`) as spaces and its other line breaks
    as "\\n" (`lines_read`); the same length."""
    text = lines_read(text)
    breaks = soft_breaks(text)
    if not breaks:
        return text
    chars = list(text)
    for at in breaks:
        chars[at] = " "
        if at and chars[at - 1] == "\r":
            chars[at - 1] = " "
    return "".join(chars)
