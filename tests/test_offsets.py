"""Offsets: token snapping and Python index <-> UTF-16 position conversion."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.offsets import Utf16Index, snap_to_tokens, token_spans, utf16_len

SEED = "Israeli Prime Minister Benjamin Netanyahu met with U.S. Secretary of State Antony Blinken."


def test_selection_snaps_to_whole_tokens_and_trims_spaces():
    start = SEED.index("rime")
    assert SEED[slice(*snap_to_tokens(SEED, start, start + 10))] == "Prime Minister"
    us = SEED.index("U.S.")
    assert SEED[slice(*snap_to_tokens(SEED, us + 1, us + 3))] == "U.S."
    assert SEED[slice(*snap_to_tokens(SEED, 7, 14))] == "Prime"  # " Prime " -> "Prime"
    end = SEED.index("Blinken.")
    assert SEED[slice(*snap_to_tokens(SEED, end + 2, end + 4))] == "Blinken"  # not the final period
    assert token_spans("e.g. 3.5 Amir-Abdollahian's") == [(0, 4), (5, 8), (9, 27)]


@given(st.text(alphabet=st.sampled_from(list("ab \n") + ["😀", "é", "𝄞"]), max_size=30))
def test_utf16_positions_match_the_encoding(text):
    index = Utf16Index(text)
    for i in range(len(text) + 1):
        expected = len(text[:i].encode("utf-16-le")) // 2
        assert index.to_utf16(i) == expected
        assert index.to_python(expected) == i
    assert utf16_len(text) == len(text.encode("utf-16-le")) // 2


def test_a_position_inside_a_surrogate_pair_maps_to_its_character():
    text = "a😀b"
    assert Utf16Index(text).to_python(2) == 1


def test_snapping_leaves_out_a_possessive_and_trailing_punctuation():
    text = "Hezbollah’s fighters and Israel's army met in Gaza, said the U.S. on Tuesday."
    for start, end, expected in [(0, 5, "Hezbollah"), (0, 11, "Hezbollah"), (25, 33, "Israel"), (25, 27, "Israel"),
                                 (46, 51, "Gaza"), (61, 65, "U.S."), (69, 77, "Tuesday")]:
        got = text[slice(*snap_to_tokens(text, start, end))]
        assert got == expected, (text[start:end], got)
    assert snap_to_tokens("a ! b", 2, 3) == (2, 3)  # only punctuation selected: kept


def test_every_possessive_of_the_seed_article_snaps_to_the_bare_name(seed_text):
    import re

    found = list(re.finditer(r"(\w+)['’]s\b", seed_text))
    assert len(found) >= 10
    for match in found:
        start, end = snap_to_tokens(seed_text, match.start(), match.end())
        assert seed_text[start:end] == match.group(1)


def test_opening_punctuation_and_closing_quotes_are_left_out():
    text = 'Fighters of (Hamas) said the talks were “productive.” U.S. officials agreed.'
    start, end = snap_to_tokens(text, text.index("(Ham"), text.index("as)") + 3)
    assert text[start:end] == "Hamas"
    start, end = snap_to_tokens(text, text.index("“pro"), text.index("ive.”") + 5)
    assert text[start:end] == "productive"
    start, end = snap_to_tokens(text, text.index("U.S."), text.index("U.S.") + 4)
    assert text[start:end] == "U.S."


AWKWARD = ("Cafe\u0301 in Malmo\u0308, Zu\u0308rich; नरेन्द्र मोदी met ประยุทธ์ and مُحَمَّدٌ; "
           "ג׳ורג׳ of צה״ל and امیر\u200cعبداللهیان waved 🇺🇸🇺🇦, 👍🏽 and 👩\u200d⚕️.")


def test_a_word_or_emoji_is_never_cut_inside_one_character():
    """Accents written as a separate mark, Indic and Thai vowel signs, Arabic vowel marks,
    Hebrew geresh/gershayim, and emoji made of several code points (flags, skin tones, ZWJ
    sequences) are part of their word: grown from any letter, a selection takes all of it."""
    words = ["Cafe\u0301", "Malmo\u0308", "Zu\u0308rich", "नरेन्द्र", "मोदी", "مُحَمَّدٌ", "ג׳ורג׳",
             "צה״ל", "امیر\u200cعبداللهیان", "🇺🇸", "🇺🇦", "👍🏽", "👩\u200d⚕️"]
    for word in words:
        start = AWKWARD.index(word)
        assert (start, start + len(word)) in token_spans(AWKWARD), word
        for i in range(start, start + len(word)):  # a click on any of its code points
            assert snap_to_tokens(AWKWARD, i, i + 1) == (start, start + len(word)), (word, i)
        assert snap_to_tokens(AWKWARD, start, start + len(word)) == (start, start + len(word)), word
    end = AWKWARD.index("👩")
    assert AWKWARD[slice(*snap_to_tokens(AWKWARD, end - 8, end + 4))] == "👍🏽 and 👩\u200d⚕️"  # not the "."
    thai = "ประยุทธ์"  # Thai has no spaces between words: a letter is a token, with its marks
    start = AWKWARD.index(thai)
    assert snap_to_tokens(AWKWARD, start, start + len(thai)) == (start, start + len(thai))
    for i in range(start, start + len(thai)):
        a, b = snap_to_tokens(AWKWARD, i, i + 1)
        assert start <= a <= i < b <= start + len(thai) and unicodedata.category(AWKWARD[b])[0] != "M", (i, a, b)


def test_in_a_script_without_spaces_a_selection_is_not_grown_to_the_clause():
    """\\w+ took a whole run of Chinese, Japanese or Thai letters as one word, so dragging over
    东京 (Tokyo) and pressing a label key stored the whole clause."""
    for text, word in (("中国官员在东京会见日本代表。", "东京"), ("日本の首相は東京で会談した。", "東京"),
                       ("นายกรัฐมนตรีพบกับผู้นำที่กรุงเทพฯ", "กรุงเทพ"), ("Talks in東京ended", "東京")):
        start = text.index(word)
        assert snap_to_tokens(text, start, start + len(word)) == (start, start + len(word)), word
        a, b = snap_to_tokens(text, start + 1, start + 2)  # one letter: itself (with its marks)
        assert a == start + 1 and b <= start + len(word) and b - a <= 2, word
    assert snap_to_tokens("Talks in東京ended", 0, 3) == (0, 5)  # Latin words still grow whole


def test_the_text_a_model_reads_is_composed_without_invisible_characters():
    from annotator.core.offsets import model_text

    assert model_text("Israel met Egypt.") is None and model_text("Zürich, 東京") is None  # the common case
    flag = model_text("Zürich, 東京 🇺🇦")  # an emoji reads as nothing (test_preannotate_pasted.py)
    assert flag is not None and flag.text == "Zürich, 東京 "
    stored = "Talks in Zu\u0308rich: Iran\u200b and Ger\u00admany; امیر\u200cعبداللهیان."
    read = model_text(stored)
    assert read is not None and read.text == "Talks in Zürich: Iran and Germany; امیرعبداللهیان."
    for word, back in (("Zürich", "Zu\u0308rich"), ("Iran", "Iran"), ("Germany", "Ger\u00admany"),
                       ("امیرعبداللهیان", "امیر\u200cعبداللهیان")):
        start = read.text.index(word)
        a, b = read.span(start, start + len(word))
        assert stored[a:b] == back, word


def test_other_spaces_between_words_are_read_as_spaces_in_place():
    """A no-break or thin space glued its words into one token: "Mr.\u00a0Smith" was no name."""
    from annotator.core.offsets import model_text

    stored = "Mr.\u00a0Smith met 10\u2009km from Gaza\u202fon Monday."
    read = model_text(stored)
    assert read is not None and read.text == "Mr. Smith met 10 km from Gaza on Monday."
    assert all(read.span(i, i + 1) == (i, i + 1) for i in range(len(stored)))
    accented = model_text("Zu\u0308rich\u00a0police")  # with composing: still one for one at the space
    assert accented is not None and accented.text == "Zürich police"
    assert "Zu\u0308rich\u00a0police"[slice(*accented.span(7, 13))] == "police"


@given(st.text(alphabet=st.sampled_from(list("ab e.\u0301\u0308\u0323\u200b\u200c\u200d\u2060\ufeff\u00ad\u2126Åé\u00a0"))))
def test_a_span_of_the_text_a_model_reads_maps_back_to_the_same_characters(stored):
    import re

    from annotator.core.offsets import model_text

    read = model_text(stored)
    if read is None:
        return
    assert unicodedata.is_normalized("NFC", read.text)
    invisible = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
    for start in range(len(read.text) + 1):
        for end in range(start, len(read.text) + 1):
            a, b = read.span(start, end)
            assert 0 <= a <= b <= len(stored)
            if start < end:  # the same characters (a part of one composed: all of it), without the
                # invisible ones, a run of spaces as one
                assert b == len(stored) or not unicodedata.combining(stored[b])  # never a mark cut off
                assert read.text[start:end] in re.sub(" +", " ", unicodedata.normalize(
                    "NFC", invisible.sub("", stored[a:b])).replace("\u00a0", " "))
