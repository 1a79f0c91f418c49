"""Offsets: token snapping and Python index <-> UTF-16 position conversion."""

from __future__ import annotations

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
