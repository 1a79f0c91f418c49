"""Sentence boundaries a news text shows by its layout, set before the parser splits the rest.

A parser trained on web text (the shipped base model, or any other) splits a quotation that
closes a paragraph wrongly:

    ... bomb plan."<newline>Khan was convicted of terrorism years ago ...

becomes `... bomb plan.` and `"<newline>Khan was convicted ...`: the closing quotation mark
opens the next sentence, whose every word then counts as quoted (an odd number of marks before
it; decide.py's `inside_quotation`), so a report there was read as the speaker's words. And a
line break never ends a sentence for it, so a headline or dateline runs into the story.

spaCy's parser keeps boundaries set before it. This component sets these:
- a line break ends a sentence: the first word after it starts one (the evaluation splits
  paragraphs the same way, core/sentences.py);
- whitespace belongs to the sentence before it, never opens one;
- a quotation mark glued to the . ! ? before it closes that sentence;
- inside a line, no sentence starts but after . ! ? or an ellipsis, nor inside brackets
  ("(5:47 p.m. Thursday GMT)"). The small parser otherwise
  cut one in 13 news sentences in the middle ("Belarus | yesterday | jailed opposition leader |
  Andrei Sannikov for five years ..."; "Bill | Weld, the former governor"), and every rule that
  reads a sentence then saw a fragment.
Where a sentence may start, the parser decides (not after "Mr.", "U.S." or a decimal point).
Tokens only; one pass over the document.
"""

from __future__ import annotations

from typing import Any

ENDS = frozenset({".", "!", "?"})
QUOTE_MARKS = frozenset({'"', "”", "’", "'"})


class ParagraphBreaks:
    """spaCy component: the layout's sentence boundaries (module docstring)."""

    def __call__(self, doc: Any) -> Any:
        # Set through an array: spaCy's `Token.is_sent_start` setter checks the whole Doc for a
        # parse each time, which made this quadratic (60 s for a text of 20,000 short paragraphs).
        from spacy.attrs import SENT_START

        if len(doc) < 2:
            return doc
        starts = doc.to_array(SENT_START)
        changed = False
        prev = doc[0]
        opened = 0 if prev.text == "(" else -1  # where the bracket still open on this line was opened
        for i in range(1, len(doc)):
            token = doc[i]
            if token.is_space:
                starts[i], changed = _NO, True
            elif "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
                starts[i], changed = _YES, True
                opened = -1
            elif token.text in QUOTE_MARKS and prev.text in ENDS and not prev.whitespace_:
                starts[i], changed = _NO, True
            elif not _after_an_end(doc, i) or (opened >= 0 and i - opened <= BRACKET_REACH):
                starts[i], changed = _NO, True
            if token.text == "(":
                opened = i
            elif token.text == ")":
                opened = -1
            prev = token
        if changed:
            doc.from_array([SENT_START], starts)
        return doc


CLOSERS = QUOTE_MARKS | {"“", "‘", ")", "]"}
# No sentence starts inside a bracket opened on the same line ("fired around 1:47 a.m. (5:47
# p.m. Thursday GMT) and ...") -- within this many tokens of it, since a stray "(" never closes.
BRACKET_REACH = 30


def _after_an_end(doc: Any, i: int) -> bool:
    """Whether the words before token i end with . ! ? or an ellipsis (closing quotes and brackets
    may follow): only there may a sentence start inside a line."""
    j = i - 1
    while j > 0 and j > i - 3 and (doc[j].text in CLOSERS or doc[j].is_space):
        j -= 1
    return doc[j].text[-1:] in (".", "!", "?", "…")


# Token.sent_start values in a Doc's uint64 array: 1 starts a sentence, -1 does not
_YES, _NO = 1, (1 << 64) - 1
