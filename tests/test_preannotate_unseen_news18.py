"""Rules from an eighteenth look at news outside the development sets (2026-12-07, twelfth
session: six new agency samples coded blind, four tuned on and two kept blind; the sentences here
are written for the tests). Each test pairs the rule with the case it must keep:
- "calls", "brands", "labels" tagged as plural nouns name things, not a judgement ("the phone
  calls the leaders made were illegal, officials said" is the officials' judgement);
- "South Korea's military said North Korea fired a ballistic missile toward the sea": a show of
  force told by the side it is aimed at stays MOBILIZE, while "Israel said Hezbollah fired
  rockets at northern towns" is still Israel's allegation;
- "police who responded with batons", "intervened with pepper spray", "sprayed pepper gas":
  force used on a crowd (ASSAULT/crowd-control); "responded with a statement" is none;
- "filed a protest note to Interpol": a diplomatic protest (ACCUSE/disapprove);
- "hundreds of angry demonstrators gathered ... and targeted the embassies": the crowd's attack
  is its riot, even where the parse hangs the second verb on "Hundreds"; "gunmen targeted a
  police station" stays ASSAULT; "Hundreds of protesters who had gathered outside stormed the
  parliament": the subject's "of protesters" is read from the parse (token identity compared
  with ==, as spaCy makes a new Token object at each access);
- "Supporters of ... al-Sadr stormed Baghdad's Green Zone": a party's crowd breaking in riots;
  "he stormed to a fourth straight term": a landslide won; "the police barricades": a line the
  police hold, no protest;
- "agreed to a request by Kuwait to extend the deadline", "agreed to the cessation of
  hostilities": a demand met and a truce (CONCEDE), the request kept beside it; "agreed to
  hold talks" stays AGREE;
- "regretted Burundi's 'unilateral decision'": another's decision deplored (ACCUSE), however
  many words name whose it was;
- "defied calls to step down": the resignation is what was asked, not done;
- "the Japanese measures go against WTO rules", "would violate the principles of ...",
  "brutally": words of blame in the forms the list lacked; a neutral report stays none;
- "closed two consulates", "closed its embassy": relations cut back (PLOVER SANCTION), while
  "closed its border" still restricts (COERCE);
- "sought to derail the elections", "a campaign of terror": blame; "The continued Israeli
  colonization ...": an adjective after "the" is no speech verb;
- "others, who had evaded detention": no one was held; "a resident contacted by AFP", "invited
  media to a briefing": a reporter's call, no meeting or invitation of a party ("invited the
  opposition leader to talks" still is one);
"""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize("sentence, trigger", [
    ("Protesters threw bottles at police who responded with batons.", "responded with batons"),
    ("Police intervened with pepper spray and dispersed the protesters.", "intervened with pepper spray"),
    ("Kosovo police sprayed pepper gas to repel a crowd of Serbs.", "sprayed pepper gas"),
])
def test_force_used_on_a_crowd(sentence, trigger):
    assert (trigger, "ASSAULT") in types(sentence)


def test_a_response_in_words_uses_no_force():
    assert types("The government responded with a statement on Monday.") == []


def test_a_protest_note_is_a_diplomatic_protest():
    assert ("protest note", "ACCUSE") in types("Belgrade has filed a protest note to Interpol over the request.")


def test_a_crowd_that_targets_embassies_riots():
    sentence = "Hundreds of angry demonstrators gathered in Gombe and targeted the embassies of Rwanda and Uganda."
    assert types(sentence) == [("gathered", "PROTEST"), ("targeted", "PROTEST")]


def test_gunmen_who_target_a_station_attack():
    assert types("Gunmen targeted a police station in Kabul.") == [("targeted", "ASSAULT")]


def test_hundreds_of_protesters_named_before_a_relative_clause_riot():
    sentence = "Hundreds of protesters who had gathered outside stormed the parliament building on Tuesday."
    assert ("stormed the parliament", "PROTEST") in types(sentence)


def test_supporters_storming_a_compound_riot():
    sentence = "Supporters of Shiite cleric Muqtada al-Sadr stormed Baghdad's Green Zone on Saturday."
    assert types(sentence) == [("stormed", "PROTEST")]


@pytest.mark.parametrize("sentence", [
    "Orban spoke in his victory speech after he stormed to a fourth straight term in office by a landslide.",
    "Protesters were expected to head towards the Blue House and the police barricades.",
])
def test_no_storming_and_no_barricade_in_these_senses(sentence):
    assert [etype for _t, etype in types(sentence) if etype in ("ASSAULT", "PROTEST")] == []


def test_a_request_agreed_to_is_conceded_beside_the_request():
    sentence = "Saudi Arabia and its allies have agreed to a request by Kuwait to extend the deadline."
    assert types(sentence) == [("agreed to", "CONCEDE"), ("request", "REQUEST")]


def test_a_cessation_of_hostilities_agreed_to_is_a_truce():
    assert types("The two parties have formally agreed to the cessation of hostilities.") == [("agreed to", "CONCEDE")]


def test_talks_agreed_to_are_still_an_agreement():
    assert types("The two parties have agreed to hold talks next week.") == [("agreed to", "AGREE")]


def test_another_s_decision_regretted_is_deplored():
    sentence = "Rwanda said it regretted Burundi's \u201cunilateral decision\u201d to close the border."
    assert ("regretted", "ACCUSE") in types(sentence)


def test_a_resignation_called_for_is_not_done():
    sentence = "The protests have challenged her authority, but the president has defied calls to step down."
    assert ("step down", "RETREAT") not in types(sentence)
    assert ("defied", "REJECT") in types(sentence)


@pytest.mark.parametrize("sentence", [
    "The trade minister said the Japanese measures go against both WTO rules and the Wassenaar Arrangement.",
    "Rwanda said the decision would violate the principles of the East African Community.",
    "The opposition said its supporters were brutally beaten by unknown men.",
])
def test_more_forms_of_blame(sentence):
    assert ("said", "ACCUSE") in types(sentence)


def test_a_neutral_report_of_rules_blames_no_one():
    assert types("The trade minister said the new rules take effect on Thursday.") == []


@pytest.mark.parametrize("sentence, trigger", [
    ("Somalia closed two consulates in Puntland and Somaliland over a port deal.", "closed"),
    ("The United States closed its embassy in Kabul.", "closed its embassy"),
])
def test_diplomatic_missions_closed_cut_relations(sentence, trigger):
    assert types(sentence) == [(trigger, "SANCTION")]


def test_a_border_closed_still_restricts():
    assert types("Kenya closed its border with Somalia.") == [("closed its border", "COERCE")]


@pytest.mark.parametrize("sentence, trigger", [
    ("Makuei claimed Machar sought to derail the upcoming elections.", "claimed"),
    ('"The authorities have begun a campaign of terror in the country," Burjanadze told a news conference.', "told"),
])
def test_derailing_and_terror_blame(sentence, trigger):
    assert (trigger, "ACCUSE") in types(sentence)


def test_an_adjective_spelled_like_a_speech_verb_says_nothing():
    sentence = "The continued colonization of the territories helped to derail the peace process, which Sharon opposed."
    assert [etype for _t, etype in types(sentence) if etype == "ACCUSE"] == []


@pytest.mark.parametrize("sentence", [
    "Krupa said police were still looking for others, who had evaded detention.",
    "Another resident contacted by AFP said the fighting was continuing.",
    "Earlier on Wednesday, the AU had invited media to what it described as a briefing.",
])
def test_no_detention_meeting_or_invitation_here(sentence):
    assert types(sentence) == []


def test_a_party_invited_to_talks_is_still_invited():
    assert types("The president invited the opposition leader to talks.") == [("invited", "AGREE")]
