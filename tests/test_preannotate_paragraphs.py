"""Sentence boundaries from the layout (annotator/preannotate/paragraphs.py): a quotation that
closes a paragraph ends its sentence, and the next paragraph is no quotation."""

from __future__ import annotations

import spacy

from annotator.preannotate.paragraphs import ParagraphBreaks
from preannotate_support import default_nlp, verdict

QUOTE_THEN_REPORT = ('He said: "The attackers will be punished."\n'
                     "An airstrike on the market killed five people on Monday.")


def test_a_closing_quotation_mark_ends_its_sentence_and_a_line_break_starts_the_next():
    sentences = [s.text for s in default_nlp()(QUOTE_THEN_REPORT).sents]
    assert sentences[0].rstrip() == 'He said: "The attackers will be punished."'
    assert sentences[1].startswith("An airstrike")


def test_a_report_after_a_quoted_paragraph_is_not_read_as_quoted():
    # before: the closing mark opened the second sentence, so every noun in it was "quoted"
    assert verdict(QUOTE_THEN_REPORT, "airstrike") == "kept"
    assert verdict('The mayor said: "An airstrike on the market killed five people."', "airstrike") == "quoted noun"


def test_whitespace_never_opens_a_sentence_and_the_rest_is_left_to_the_splitter():
    nlp = spacy.blank("en")
    doc = ParagraphBreaks()(nlp.make_doc('He left. "Stop." \n\nThey met on Monday. Then they left.'))
    starts = [t.text for t in doc[1:] if t.is_sent_start]
    assert starts == ["They"]  # unset (None) elsewhere: the parser decides
    assert all(t.is_sent_start is False for t in doc if t.is_space)
    closing = [t for t in doc if t.text == '"'][1]
    assert closing.is_sent_start is False
