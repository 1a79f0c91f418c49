"""Sentence boundaries from the layout (annotator/preannotate/paragraphs.py): a quotation that
closes a paragraph ends its sentence, and the next paragraph is no quotation. The same words laid
out otherwise -- hard-wrapped, with no-break spaces -- get the same suggestions."""

from __future__ import annotations

import spacy

from annotator.preannotate.paragraphs import ParagraphBreaks
from preannotate_support import default_nlp, suggest, verdict

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


def test_a_hard_wrapped_article_gets_the_suggestions_of_the_same_article_unwrapped():
    """Every line break of a text wrapped at 72 columns used to end a sentence, so half of the
    events of the demo's news changed (core/layout.py): now the model reads them as spaces."""
    import json
    import re
    import textwrap
    from collections import Counter
    from pathlib import Path

    demo = Path(__file__).resolve().parent.parent / "corpora" / "demo.jsonl"
    articles = [json.loads(line)["text"] for line in demo.read_text(encoding="utf-8").splitlines()[1:9]]

    def events(text):
        layer = suggest(text)
        return Counter((" ".join(text[layer.spans[e.trigger].start:layer.spans[e.trigger].end].split()), e.type)
                       for e in layer.events.values())

    total = 0
    for article in articles:
        spaced = article.replace("\n", "\n\n")
        wrapped = "\n\n".join("\n".join(textwrap.wrap(p, 72)) for p in article.split("\n"))
        expected = events(spaced)
        total += sum(expected.values())
        assert events(wrapped) == expected
        # a no-break space in one gap between words in five (web pages write them): before, the
        # words around each were one token, and a fifth of the events changed
        gaps = iter(range(10**6))
        nbsp = re.sub(r"(?<=\w) (?=\w)", lambda m: "\u00a0" if next(gaps) % 5 == 0 else " ", spaced)
        assert Counter({(k.replace("\u00a0", " "), t): n for (k, t), n in events(nbsp).items()}) == expected
    assert total > 20
