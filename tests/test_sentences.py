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


def test_the_word_before_a_dot_is_read_from_a_short_window_with_the_same_result():
    """An abbreviation is looked for in the few characters before the dot (reading back to the
    sentence start at every dot was quadratic in a long roster of "Sen. X (D-Ill.)"): a word
    longer than the window is no abbreviation, even when its end spells one."""
    roster = ", ".join(f"Sen. Name{i} (D-Ill.)" for i in range(300)) + ". Next sentence."
    assert [roster[a:b] for a, b in sentences(roster)][1] == "Next sentence."
    long_word = "x" * 60 + "co. Next one."  # ends in "co" (an abbreviation), but is one long word
    assert [long_word[a:b] for a, b in sentences(long_word)] == ["x" * 60 + "co.", "Next one."]
    assert len(sentences("He met Mr. Smith. Then Gen. Jones left.")) == 2
