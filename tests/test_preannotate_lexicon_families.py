"""The trigger lexicon's word families (resources/lexicons/plover_triggers.json), one sentence
per family written for these tests: each family's act is suggested with its PLOVER type, and the
decider's rules still apply to it (a negated or planned act is not suggested). A test fails when
the lexicon loses the family or a pattern of it stops matching."""

from __future__ import annotations

import pytest

from preannotate_support import types as suggested


FAMILIES = [
    # court rulings (coding ruling 12: an act or law declared unlawful is SANCTION)
    ("The Supreme Court ruled on the appeal on Tuesday.", "ruled on", "SANCTION"),
    ("The constitutional court annulled the election in March.", "annulled", "SANCTION"),
    ("A federal judge overturned the ban on Friday.", "overturned the ban", "SANCTION"),
    ("The High Court issued a ruling against the ministry.", "issued a ruling", "SANCTION"),
    ("The tribunal declared it unconstitutional.", "declared it unconstitutional", "SANCTION"),
    # dismissing an official, typed by the object (frames "fire" and "dismiss")
    ("The president fired his interior minister on Monday.", "fired", "SANCTION"),
    ("The king dismissed the army chief after the protests.", "dismissed", "SANCTION"),
    # firearms and thrown missiles
    ("Soldiers fired shots at the crowd near the border.", "fired shots", "ASSAULT"),
    ("An officer discharged his firearm outside the station.", "discharged his firearm", "ASSAULT"),
    ("Youths hurled stones at the police in Hebron.", "hurled stones", "ASSAULT"),
    ("Settlers threw stones at the embassy.", "threw stones", "ASSAULT"),
    ("Police fired tear gas at the marchers.", "fired tear gas", "ASSAULT"),
    ("The army razed the village in 2015.", "razed", "ASSAULT"),
    # security build-up
    ("The government strengthened security measures around the parliament.", "strengthened security measures",
     "MOBILIZE"),
    # meeting
    ("The Arab League convened a summit in Cairo on Sunday.", "convened a summit", "CONSULT"),
    ("President Macron received a delegation from Mali.", "received a delegation", "CONSULT"),
    # threats
    ("Militias intimidated voters in the north.", "intimidated", "THREATEN"),
    ("\"We will take all necessary measures to defend our country,\" the minister said.",
     "take all necessary measures", "THREATEN"),
    # protest
    ("Students heckled the prime minister at the university.", "heckled", "PROTEST"),
    ("Opposition members disrupted the session of parliament.", "disrupted the session", "PROTEST"),
    ("Lawmakers interrupted the speech of the chief executive.", "interrupted the speech", "PROTEST"),
    ("Demonstrators carried placards outside the embassy.", "carried placards", "PROTEST"),
    # criticism
    ("The opposition took issue with the government's budget.", "took issue with", "ACCUSE"),
    ("The senator hit out at the president over the pardon.", "hit out at", "ACCUSE"),
    ("Rights groups said they were disappointed by the court's decision.", "disappointed by", "ACCUSE"),
    # allegations and legal action
    ("The ministry attributed the bombing to the rebels.", "attributed", "ACCUSE"),
    ("The family took legal action against the police.", "took legal action", "ACCUSE"),
    # cooperation, support, agreement, concession, retreat, arrest
    ("Denmark joined the coalition against the Islamic State.", "joined the coalition", "COOPERATE"),
    ("Greece sent a letter of support to Cyprus.", "letter of support", "SUPPORT"),
    ("\"We stand ready to help Lebanon,\" the minister said.", "stand ready to", "AGREE"),
    ("The general confessed to ordering the massacre.", "confessed", "CONCEDE"),
    ("Britain relinquished control of the islands in 1997.", "relinquished control", "RETREAT"),
    ("Passengers subdued the hijacker.", "subdued", "COERCE"),
    ("The ministry suspended the airline's permit.", "suspended", "COERCE"),
    # completed from the ontology's glosses: execution, conscription, aid shipments, brushing off
    ("Iran executed two protesters on Monday.", "executed", "ASSAULT"),
    ("Two men were executed in Tehran.", "executed", "ASSAULT"),
    ("Russia conscripted thousands of men.", "conscripted", "MOBILIZE"),
    ("The United States airdropped food to Gaza.", "airdropped food", "AID"),
    ("The minister brushed aside the criticism.", "brushed aside", "REJECT"),
    ("The government climbed down over the fuel tax.", "climbed down", "CONCEDE"),
]


@pytest.mark.parametrize("sentence, trigger, etype", FAMILIES)
def test_each_word_family_is_suggested_with_its_type(sentence, trigger, etype):
    assert (trigger, etype) in suggested(sentence)


@pytest.mark.parametrize("sentence", [
    "The court did not annul the election.",
    "The president will fire his interior minister.",
    "The army may raze the village.",
    "Students did not heckle the prime minister.",
    "The government plans to strengthen security measures.",
    "The family could take legal action against the police.",
    "If the ministry suspended the airline's permit, flights would stop.",
])
def test_a_negated_or_planned_act_of_a_family_is_not_suggested(sentence):
    assert suggested(sentence) == []


@pytest.mark.parametrize("sentence", [
    "The fire spread to the neighbouring building.",  # "fire" with no official as object
    "She dismissed the claims as rumours.",  # REJECT, not a dismissal from office
    "The museum received a donation.",  # "receive" without an envoy
    "They joined the campaign in May.",  # "join" without a coalition
    "The government executed its plan.",  # "execute" without a person as object
])
def test_an_ambiguous_verb_needs_its_frame(sentence):
    assert all(etype not in ("SANCTION", "CONSULT", "COOPERATE", "ASSAULT") for _t, etype in suggested(sentence))
