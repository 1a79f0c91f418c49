"""Sentence boundaries a news text shows by its layout, set before the parser splits the rest.

A parser trained on web text (the shipped base model, or any other) splits a quotation that
closes a paragraph wrongly:

    ... bomb plan."<newline>Khan was convicted of terrorism years ago ...

becomes `... bomb plan.` and `"<newline>Khan was convicted ...`: the closing quotation mark
opens the next sentence, whose every word then counts as quoted (an odd number of marks before
it; decide.py's `inside_quotation`), so a report there was read as the speaker's words. And a
line break never ends a sentence for it, so a headline or dateline runs into the story.

spaCy's parser keeps boundaries set before it. This component sets three:
- a line break ends a sentence: the first word after it starts one (the evaluation splits
  paragraphs the same way, core/sentences.py);
- whitespace belongs to the sentence before it, never opens one;
- a quotation mark glued to the . ! ? before it closes that sentence.
Everything else is left to the parser. Tokens only; one pass over the document.
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
        for i in range(1, len(doc)):
            token = doc[i]
            if token.is_space:
                starts[i], changed = _NO, True
            elif "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
                starts[i], changed = _YES, True
            elif token.text in QUOTE_MARKS and prev.text in ENDS and not prev.whitespace_:
                starts[i], changed = _NO, True
            prev = token
        if changed:
            doc.from_array([SENT_START], starts)
        return doc


# Token.sent_start values in a Doc's uint64 array: 1 starts a sentence, -1 does not
_YES, _NO = 1, (1 << 64) - 1
