"""core.sentences: paragraphs, sentences (abbreviations, initials, closing quotes), trimming."""

from annotator.core.sentences import paragraphs, sentences

TEXT = ("Iranian Foreign Minister Javad Zarif met U.S. envoy Brian Hook in Oslo. "
        "The weather was mild.\nPolice arrested Mr. Smith on Tuesday. Protesters marched.")


def test_sentences_skip_abbreviations_and_split_paragraphs():
    got = [TEXT[a:b] for a, b in sentences(TEXT)]
    assert got == ["Iranian Foreign Minister Javad Zarif met U.S. envoy Brian Hook in Oslo.",
                   "The weather was mild.", "Police arrested Mr. Smith on Tuesday.", "Protesters marched."]


def test_sentences_keep_abbreviations_and_closing_quotes():
    text = 'Netanyahu met U.S. Secretary Blinken on Oct. 22. The talks were “productive.” Gen. Halevi agreed.'
    assert [text[a:b] for a, b in sentences(text)] == [
        "Netanyahu met U.S. Secretary Blinken on Oct. 22.", "The talks were “productive.”", "Gen. Halevi agreed."]


def test_sentences_of_a_range_and_paragraphs():
    text = "  First one. Second one.\n\nThird, alone.  "
    assert [text[a:b] for a, b in paragraphs(text)] == ["First one. Second one.", "Third, alone."]
    start = text.index("Second")
    assert [text[a:b] for a, b in sentences(text, start)] == ["Second one.", "Third, alone."]
    assert [text[a:b] for a, b in sentences(text, 0, text.index("\n"))] == ["First one.", "Second one."]
