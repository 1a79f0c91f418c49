"""Rules from a nineteenth look at news outside the development sets (2026-12-07, thirteenth
session: five new agency samples coded blind, from West Africa, South Asia and Latin America
tuned on, Europe and southern Africa kept blind; the sentences here are written for the tests).
Each test pairs the rule with the case it must keep:
- "the fight against coronavirus", "fight for indigenous rights": a disease or a cause fought,
  no fighting; "to help fight jihadist groups", "to help the navy fight the pirates": what the
  help is for, not done; "helped Kenya fight al-Shabaab" and "fought the rebels" stay ASSAULT;
- "banned rallies in three provinces": the rallies are what the ban forbids, none held;
- "Thank God the fighting is over": relief, no one thanked; "thanked Qatar" stays SUPPORT;
- "marched ... chanting slogans and carrying placards expressing anger": one protest (ruling 1),
  its message part of it (ruling 2); "with farmers blocking highways" is an act of its own;
- "Riot police put up barricades": a cordon (COERCE/restrict); protesters' barricades stay PROTEST;
- 'accusing him of authorising "arbitrary detentions" and suppressing "freedom of assembly"':
  the second act charged is the accusation's content too, quotation marks and all;
- "used two frigates to shell the port", "used her speech to thank the mediators": what a thing
  was used for was done; "using water cannon to disperse the protesters" is the one act of force,
  and "could use the truce to attack" is still a possibility;
- "used tear gas to break up a large anti-government protest": the protest was there to break up;
- "40 roadblocks had been cleared" (COERCE/restrict); "drove into the crowd" (ASSAULT), while
  "drove into the city" is none;
- "has denied the allegations and has called the minister a 'liar'", "rejected the report but
  called the minister a 'liar'": a second predicate makes its own statement;
- "President Vucic said student-led protesters attacked a camp of his supporters": a state's
  word against its own opposition is an allegation (ACCUSE) as one country's against another's
  is; "said gunmen attacked a village" stays the attack;
- '"This is a shameful act," ..., told local press': whom it was told to is the statement's frame,
  so the quotation before it is what was said;
- "an act of piracy", "a ploy to delay the elections": words of blame the list lacked; "was held
  to delay the elections" stays a neutral report;
- "assured us that no fighting had taken place": a fact assured, no promise (AGREE stays for
  "assured Musharraf that any action ... would be acted upon");
- "talks with the ELN were called off", "talks, which Tehran has ruled out", "announced talks
  ... that never materialized": talks not held; "Talks ... resumed" stay CONSULT;
- "The protesters are demanding Prime Minister Hasina step down": the resignation is what is
  demanded, however the tagger reads "step".
"""

from __future__ import annotations

import pytest

from preannotate_support import type_mode_pairs, types


@pytest.mark.parametrize("sentence", [
    "The minister said the long fight against coronavirus had drained the budget.",
    "The rebels say they fight for indigenous rights.",
    "Special forces are stationed in Niger to help fight jihadist groups.",
    "Marines were flown in to help the navy fight the pirates.",
])
def test_a_fight_that_is_no_fighting(sentence):
    assert types(sentence) == []


@pytest.mark.parametrize("sentence, trigger", [
    ("The United States helped Kenya fight al-Shabaab last year.", "fight"),
    ("Soldiers fought the rebels near the border.", "fought"),
])
def test_fighting_done_is_still_an_assault(sentence, trigger):
    assert types(sentence) == [(trigger, "ASSAULT")]


def test_rallies_banned_are_not_held():
    assert types("The interior ministry banned rallies in three provinces.") == [("banned", "COERCE")]


def test_a_rally_held_is_still_a_protest():
    assert types("Thousands rallied in the capital on Sunday.") == [("rallied", "PROTEST")]


def test_thank_god_thanks_no_one():
    assert types('"Thank God the fighting is over," a resident said.') == []


def test_thanking_a_party_is_still_support():
    assert types("The president thanked Qatar for its mediation.") == [("thanked", "SUPPORT")]


@pytest.mark.parametrize("sentence", [
    "Farmers marched to the ministry chanting slogans against the new tax.",
    "Teachers marched through the capital chanting slogans and carrying placards expressing anger at the pay freeze.",
])
def test_a_march_and_its_chants_are_one_protest(sentence):
    assert types(sentence) == [("marched", "PROTEST")]


def test_a_crowd_with_its_own_act_stays_apart():
    assert types("Protests erupted in the north, with farmers blocking highways.") == [
        ("Protests", "PROTEST"), ("blocking highways", "PROTEST")]


def test_police_barricades_restrict():
    assert type_mode_pairs("Riot police put up barricades around the parliament building.") == [
        ("COERCE", "restrict")]


@pytest.mark.parametrize("sentence", [
    "Protesters clashed with riot police and put up barricades in the streets.",
    "Demonstrators set up barricades and burned tyres.",
])
def test_protesters_barricades_stay_their_protest(sentence):
    assert all(etype == "PROTEST" for etype, _mode in type_mode_pairs(sentence))
    assert ("barricades", "PROTEST") in types(sentence)


def test_the_second_act_charged_is_the_accusation_content():
    sentence = ('Officials said on Friday that they will sanction army general Carlos Ruiz Mendez, accusing him of '
                'authorising "arbitrary pre-trial detentions" and suppressing "freedom of assembly".')
    assert types(sentence) == [("accusing", "ACCUSE")]


@pytest.mark.parametrize("sentence, expected", [
    ("The navy used two frigates to shell the port.", [("shell", "ASSAULT")]),
    ("She used her speech to thank the mediators from Qatar.", [("thank", "SUPPORT")]),
    ("Riot police intervened, using water cannon to disperse the protesters.", [("water cannon", "ASSAULT")]),
    ("The rebels could use the truce to attack the town.", []),
])
def test_what_a_thing_was_used_for_was_done(sentence, expected):
    assert types(sentence) == expected


def test_a_protest_broken_up_was_held():
    sentence = "Police used tear gas to break up a large anti-government protest in the capital on Sunday."
    assert types(sentence) == [("tear gas", "ASSAULT"), ("protest", "PROTEST")]


def test_roadblocks_cleared_restrict():
    assert type_mode_pairs("Police said 40 roadblocks had been cleared.") == [("COERCE", "restrict")]


def test_driving_into_a_crowd_is_an_assault():
    assert types("Officers drove into the crowd on motorbikes.") == [("drove into the crowd", "ASSAULT")]


def test_driving_into_a_city_is_none():
    assert types("The convoy drove into the city on Monday.") == []


@pytest.mark.parametrize("sentence, verb", [
    ('The senator has denied the allegations and has called the minister a "liar".', "denied"),
    ('The senator rejected the report but called the minister a "liar".', "rejected"),
])
def test_a_second_predicate_makes_its_own_statement(sentence, verb):
    assert types(sentence) == [(verb, "REJECT"), ("called", "ACCUSE")]


@pytest.mark.parametrize("sentence", [
    "Serbian President Aleksandar Vucic said student-led protesters attacked a camp of his supporters.",
    "Interior Minister Ivica Dacic said protesters attacked police officers with stones in Belgrade.",
])
def test_a_state_alleging_its_opposition_attacked_accuses(sentence):
    assert [etype for _t, etype in types(sentence)] == ["ACCUSE"]


def test_a_state_reporting_gunmen_tells_the_attack():
    assert types("Interior Minister Ivica Dacic said gunmen attacked a village near the border.") == [
        ("attacked", "ASSAULT")]


def test_a_quotation_told_to_the_local_press_is_what_was_said():
    sentence = '"This is a shameful act," the head of the consular section, Luis Ortega, told local press.'
    assert types(sentence) == [("told", "ACCUSE")]


@pytest.mark.parametrize("sentence, verb", [
    ("Lithuania's foreign minister described the forced landing of the plane by Belarus as an act of piracy.",
     "described"),
    ("The foreign minister said the referendum was a ploy to delay the elections.", "said"),
])
def test_piracy_and_a_ploy_blame(sentence, verb):
    assert types(sentence) == [(verb, "ACCUSE")]


def test_a_neutral_report_of_a_purpose_blames_no_one():
    assert types("The foreign minister said the referendum was held to delay the elections.") == []


def test_a_fact_assured_is_no_promise():
    assert types("He assured us that no fighting had taken place on Wednesday near the churches.") == []


def test_an_assurance_of_what_will_be_done_is_a_promise():
    sentence = "The president assured Musharraf that any action against Pakistan would be acted upon swiftly."
    assert ("assured", "AGREE") in types(sentence)


@pytest.mark.parametrize("sentence", [
    "But talks with the rebels were called off in 2019 by the then president.",
    "The United Nations had announced talks in Geneva in September that never materialized.",
])
def test_talks_not_held(sentence):
    assert types(sentence) == []


def test_talks_resumed_are_held():
    assert types("Talks between the two sides resumed in Geneva on Monday.") == [("Talks", "CONSULT")]


def test_a_resignation_demanded_is_not_done():
    sentence = "The protesters are demanding Prime Minister Sheikh Hasina step down in favour of new elections."
    assert all(etype != "RETREAT" for _t, etype in types(sentence))
