"""Finding a typed phrase: case and the way an accent is written do not matter; matches are
stored-text indices of whole characters."""

from __future__ import annotations

from annotator.core.find import Finder

NFD = "In Zu\u0308rich, ZU\u0308RICH police met Zurich envoys and Zoë."


def test_a_phrase_typed_with_composed_accents_finds_the_decomposed_text_and_back():
    assert [NFD[a:b] for a, b in Finder(NFD).matches("zürich")] == ["Zu\u0308rich", "ZU\u0308RICH"]
    composed = "Talks in Zürich."
    assert Finder(composed).matches("Zu\u0308rich") == [(9, 15)]


def test_a_match_never_ends_inside_a_stored_character():
    # Zurich's "Zu", not the "Zu" of Zürich stored as Z, u, U+0308, nor of the composed "Zoë"
    assert [NFD[a:b] for a, b in Finder(NFD).matches("zu")] == ["Zu"]
    assert [NFD[a:b] for a, b in Finder(NFD).matches("zo")] == ["Zo"]
    assert Finder(NFD).matches("zoe") == []


def test_next_match_wraps_and_counts():
    finder = Finder("Blinken met blinken; BLINKEN left.")
    assert finder.next_match("blinken", 0) == ((0, 7), 3)
    assert finder.next_match("blinken", 1) == ((12, 19), 3)
    assert finder.next_match("blinken", 22) == ((0, 7), 3)  # wraps to the first
    assert finder.next_match("Doha", 0) == (None, 0)
    assert finder.next_match("", 0) == (None, 0)


from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"abcXYZ .,\n", "é", "e\u0301", "Ü", "ß", "İ", "ﬁ", "😀", "ا", "\u0308"]),
                max_size=40).map("".join))
def test_folding_by_runs_is_folding_character_by_character(text):
    """The Finder folds ASCII runs whole (speed); it must equal folding each character alone."""
    from annotator.core.find import Finder, _fold

    finder = Finder(text)
    if finder.plain:
        return
    pieces = [_fold(ch) for ch in text]
    assert finder.hay == "".join(pieces)
    assert finder.origin == [i for i, piece in enumerate(pieces) for _ in piece] + [len(text)]


def test_a_part_of_one_emoji_is_not_a_match():
    """"👩" matched twice inside the family "👩‍👩‍👧" (a label key then labelled half an emoji);
    a Persian word's zero-width non-joiner is no such part: "امیر" is found in the full name."""
    text = "Family 👩\u200d👩\u200d👧 and 👩 alone; 👍🏽 ok; امیر\u200cعبداللهیان spoke."
    finder = Finder(text)
    assert finder.matches("👩") == [(text.index("👩 alone"), text.index("👩 alone") + 1)]
    assert finder.matches("👍") == []  # the skin tone is part of that emoji
    assert [text[a:b] for a, b in finder.matches("امیر")] == ["امیر"]
