"""Rules written from a sixth look at news outside the development sets (2026-12-06: passages of
real agency copy on Africa, Asia and Latin America, coded blind, read once, then tuned on; the
sentences here are written for the tests). Each test pairs the rule with the case it must keep:
- a concession asked for ("protests calling for him and his brother ... to step down", "their
  deadline to resign") is the demand's content, not a concession;
- truces agreed with numbers or plurals concede, a ceasefire proposal accepted agrees;
- the same protest told by a verb and a participle is one event; one weapon listed after a
  verb phrase ("fired tear gas and a water cannon") is one act;
- a noun that labels an act told ("It was the first visit ...", "the meeting was 'good'"),
  what people fled, a casualty toll, a count ("the number of people abducted"), forces
  stationed for years: no event of its own;
- armed men looting seize; a vow to defy rejects; another's decision regretted disapproves;
- "given 72 hours to leave" expels; mounted and mopping-up operations assault;
- nouns in other senses: a programme host, a hotel lobby;
- from a second passage sample: a poll is a survey only with its findings; "according to"
  names its source after it; the speaker's side announcing force threatens; seats seized,
  measures described, lists agreed on a date, dangers, labels, annual events and films are no
  events; a protest's blockade is its own event; agency phrasings (remanded in custody,
  throwing firecrackers, labelled 'beyond the law', stern representations, dismissed a report,
  exchanged opinions, exchanged artillery).
"""

from __future__ import annotations

import pytest

from preannotate_support import type_mode_pairs as pairs
from preannotate_support import types


@pytest.mark.parametrize("sentence, expected", [
    ("Prime Minister Mahinda Rajapaksa resigned Monday following weeks of protests calling for him and his "
     "brother, President Gotabaya Rajapaksa, to step down.", ["RETREAT", "PROTEST"]),
    ("Thousands protested on Sunday after the prime minister ignored their deadline to resign.", ["PROTEST"]),
    ("The prime minister said he would step down next month.", ["CONCEDE"]),
])
def test_a_concession_asked_for_is_the_demand_s_content(sentence, expected):
    assert [t for _w, t in types(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("The army and the RSF had agreed to several 72-hour truces to allow evacuations.", "CONCEDE"),
    ("In a phone call he also agreed to the ceasefire proposal and a meeting.", "AGREE"),
])
def test_truces_agreed_concede_and_a_proposal_accepted_agrees(sentence, expected):
    assert [t for _w, t in types(sentence)] == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ('Hundreds of supporters gathered around the procession, chanting "Ruto must go".', [("PROTEST", "demo")]),
    ("Police on Monday fired tear gas and a water cannon at the crowd.", [("ASSAULT", "crowd-control")]),
])
def test_one_act_told_twice_in_a_clause_is_one_event(sentence, expected):
    assert pairs(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "It was the first visit to Manila by a top Chinese official in recent years.",
    'The minister said the meeting was "good" and left.',
    "Aid agencies helped people fleeing fighting in Khartoum.",
    'The spokesman said the toll was "33 militiamen neutralised (killed)".',
    "Officials said the exact number of people abducted is unknown.",
    "The soldiers had been deployed for several years in Mali.",
])
def test_labels_causes_tolls_counts_and_presences_are_no_events(sentence):
    assert types(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("The meeting was held in Paris on Monday between the two ministers.", ["CONSULT"]),
    ("Troops were deployed to the border on Monday.", ["MOBILIZE"]),
    ("Gunmen killed 12 people in the town, the army said.", ["ASSAULT"]),
])
def test_the_acts_themselves_stay(sentence, expected):
    assert [t for _w, t in types(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Trucks carrying food aid were looted by gunmen near Mogadishu.", [("AID", None), ("COERCE", "seize")]),
    ("Protesters looted shops in the capital.", [("PROTEST", "riot")]),
    ("The authorities vowed to defy U.N. calls to allow freedom of movement.", [("REJECT", None)]),
    ('"The Mission takes note of this decision which it deeply regrets," it stated.', [("ACCUSE", "disapprove")]),
    ("The minister regretted the loss of life.", [("CONCEDE", None)]),
    ("The spokesman was on Wednesday given 72 hours to leave the country.", [("SANCTION", "expel")]),
    ("The troops were now in control as mopping-up operations continued.", [("ASSAULT", None)]),
])
def test_who_does_it_and_to_what_types_it(sentence, expected):
    assert pairs(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Tewodros Zerfu, a presenter and program host, spoke on Monday.",
    "Journalists waited in the hotel lobby.",
])
def test_nouns_in_other_senses(sentence):
    assert types(sentence) == []


# From a second passage sample of real agency news (Europe, South and East Asia), tuned on after
# one blind reading.


@pytest.mark.parametrize("sentence, expected", [
    ("The opposition alliance rejected the result of parliamentary elections and demanded a fresh poll.",
     ["REJECT", "REQUEST"]),
    ("A recent poll showed most voters opposed the plan.", []),
])
def test_a_poll_is_a_survey_only_with_its_findings(sentence, expected):
    assert [t for _w, t in types(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Police detained at least 12 protesters in Tbilisi on Monday, according to media reports.",
     [("COERCE", "arrest")]),
    ("Israeli troops killed three Palestinians in Gaza, according to Hamas.", [("ACCUSE", "allege")]),
])
def test_according_to_names_its_source_after_it(sentence, expected):
    assert pairs(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Sharif said that his country would retaliate.", [("THREATEN", "violence")]),
    ("The minister said his government would consider the proposal.", []),
])
def test_the_speaker_s_side_announcing_force_threatens(sentence, expected):
    assert pairs(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Protesters gathered outside the parliament building, chanting slogans and blocking the central "
     "Rustaveli Avenue.", [("PROTEST", "demo"), ("PROTEST", "obstruct")]),
    ("Protesters began throwing firecrackers and paint bottles at the police.", [("PROTEST", "riot")]),
    ("The male protesters were remanded in custody.", [("COERCE", "arrest")]),
    ("The Interior Ministry labelled the rally as 'beyond the law'.", [("ACCUSE", "disapprove")]),
    ("Liu summoned the deputy chief of the Japanese Embassy to make stern representations.",
     [("ACCUSE", "disapprove")]),
    ("Taiwan on Tuesday dismissed a newspaper report that its jets had entered China's airspace.",
     [("REJECT", None)]),
    ("Yokochi exchanged opinions on Japan-China relations.", [("CONSULT", None)]),
    ("India and Pakistan exchanged heavy artillery along their contested frontier.",
     [("ASSAULT", "heavy-weapons")]),
])
def test_phrasings_of_real_agency_copy(sentence, expected):
    assert pairs(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The opposition won seven seats out of 298 while the ruling coalition seized 288.",
    "The restrictive measures include travel bans and asset freezes.",
    "He was not included in the sanctions list agreed on October 2.",
    "They threaten the safety of our people.",
    '"The meeting is over, the conversation was difficult," Vucic said.',
    "They were the first publicly known arrests under the new law.",
    "She was a former organizer of the city's annual vigil.",
    "The ministry released a video apparently shot in Crimea.",
])
def test_seats_measures_described_dates_dangers_labels_and_films_are_no_events(sentence):
    assert types(sentence) == []


def test_terrorist_camps_named_by_the_attacker_blame_no_one():
    assert [t for _w, t in types('New Delhi said it targeted "terrorist camps" in the night.')] == ["ASSAULT"]


@pytest.mark.parametrize("sentence, expected", [
    ("Rebels seized the town on Monday.", ["COERCE"]),
    ("The EU imposed sanctions including travel bans on officials.", ["SANCTION"]),
    ("Soldiers shot dead two protesters.", ["ASSAULT"]),
])
def test_near_misses_stay(sentence, expected):
    assert [t for _w, t in types(sentence)] == expected
