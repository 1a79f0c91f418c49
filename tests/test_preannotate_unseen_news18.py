"""Rules from an eighteenth look at news outside the development sets (2026-12-07, twelfth
session: six new agency samples coded blind, four tuned on and two kept blind; the sentences here
are written for the tests). Each test pairs the rule with the case it must keep:
- "calls", "brands", "labels" tagged as plural nouns name things, not a judgement ("the phone
  calls the leaders made were illegal, officials said" is the officials' judgement);
- "South Korea's military said North Korea fired a ballistic missile toward the sea": a show of
  force told by the side it is aimed at stays MOBILIZE, while "Israel said Hezbollah fired
  rockets at northern towns" is still Israel's allegation;
"""

from __future__ import annotations

from preannotate_support import types


def test_a_plural_noun_spelled_like_a_judging_verb_judges_nothing():
    assert types("The phone calls the leaders made were illegal, officials said.") == [("said", "ACCUSE")]


def test_the_judging_verb_it_resembles_still_judges():
    assert ("calls", "ACCUSE") in types("The opposition calls the election a fraud.")


def test_a_show_of_force_reported_by_its_target_stays_the_show_of_force():
    sentence = "South Korea's military said North Korea fired a ballistic missile toward the Sea of Japan."
    assert types(sentence) == [("fired", "MOBILIZE")]


def test_an_attack_reported_by_its_target_is_still_alleged():
    assert [etype for _t, etype in types("Israel said Hezbollah fired rockets at northern towns on Friday.")] == ["ACCUSE"]
