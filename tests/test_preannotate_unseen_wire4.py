"""Rules written from a fourth look at real news outside the development sets (2026-12-06: the
errors of the two samples judged blind last stop; the sentences here are written for the tests).
Each test pairs the rule with the case it must keep:
- inside a line, a sentence starts only after . ! ? or an ellipsis: the small parser cut news
  sentences in the middle ("Belarus | yesterday | jailed ...") and every rule read a fragment;
- what the weather or an accident did no party did: the hazard as the verb's subject, people
  evacuated with no one named who evacuated them, a request to evacuate before a storm, and the
  second participle of "killing four and injuring dozens";
- companies agreeing to buy or merge, and markets that rally, are no political events;
- a sanction a body decided or agreed on is the sanction, not an agreement to act;
- clashes between protesters and police, and protesters burning or throwing, are their riot;
- exercises held by two named sides, jointly, or by an alliance are COOPERATE;
- a warning of countermeasures, or of war on a condition, is a threat;
- "responded with tear gas" and "the start of an exercise" tell the act; one act named by two
  nouns in a list is one event;
- a jail term is a conviction; a jail after "inside" is a place; "jailed opposition leader" names
  who, not an act; captives handed over are released; relief experts deployed are aid;
- commuted sentences, courts dissolving parties, a minister received, investment restrictions;
- the crime named after "convicted of" or "charged with" is the conviction's or the charge's,
  a detention told as lasting ("remains jailed") is a standing state, "quit smoking" is a habit,
  a promised response or countermeasure threatens, and more street and security phrasings;
- "warned water levels could still rise" is a forecast as "warned that ..." is; medical teams
  mobilised are aid.
"""

from __future__ import annotations

import pytest

from preannotate_support import default_nlp, type_mode_pairs, types, verdict


def test_no_sentence_starts_inside_a_line_but_after_an_end_mark():
    nlp = default_nlp()
    doc = nlp("Belarus yesterday jailed opposition leader Andrei Sannikov for five years on charges of "
              "organising protests. Britain called the trial a new low.")
    assert [s.text.strip()[:20] for s in doc.sents] == ["Belarus yesterday ja", "Britain called the t"]


def test_a_sentence_still_starts_after_an_ellipsis_and_a_line_break():
    nlp = default_nlp()
    doc = nlp("He said the talks failed ... The army then attacked.\nRebels fled")
    assert len(list(doc.sents)) == 3


@pytest.mark.parametrize("sentence", [
    "The rains cut off power to nearly 300,000 homes in three cities.",
    "More than 60,000 people were evacuated after flash floods swept the region, state media said.",
    "The city office urged around 300,000 people to evacuate due to the approaching typhoon.",
    "A passenger train derailed in eastern India late Wednesday, killing four passengers and injuring dozens.",
])
def test_what_the_weather_or_an_accident_did_no_party_did(sentence):
    assert types(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Israel cut off power to Gaza on Monday.", ["COERCE"]),
    ("Troops evacuated thousands of civilians from the besieged city.", ["AID"]),
    ("Last year we evacuated U.S. citizens from areas that were hit by the tsunami.", ["AID"]),
    ("Gunmen stormed the village, killing four people and injuring dozens.", ["ASSAULT"]),
])
def test_acts_with_a_party_stay(sentence, expected):
    assert [t for _w, t in types(sentence)] == expected


@pytest.mark.parametrize("sentence", [
    "Drugs maker Merck has agreed a deal to buy Sigma-Aldrich for $17 billion in cash.",
    "Siemens signed a definitive agreement to acquire the software company for $10 billion.",
    "The two airlines agreed to merge in a deal valued at $2 billion.",
    "Tokyo stocks surged as Japanese exporters rallied on the yen's slide.",
    "European shares rallied on Tuesday after the central bank cut rates.",
])
def test_company_deals_and_market_rallies_are_no_events(sentence):
    assert types(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Iran agreed to buy 20 fighter jets from Russia.", "AGREE"),
    ("Russia and China signed an agreement to build a gas pipeline.", "SUPPORT"),
    ("Thousands of supporters rallied in the capital on Sunday.", "PROTEST"),
])
def test_states_deals_and_people_rallying_stay(sentence, expected):
    assert [t for _w, t in types(sentence)] == [expected]


@pytest.mark.parametrize("sentence", [
    "The EU has agreed to freeze assets linked to the president, officials said.",
    "EU foreign ministers decided to impose sanctions against officials in Ukraine.",
])
def test_a_sanction_decided_or_agreed_on_is_the_sanction(sentence):
    assert [t for _w, t in types(sentence)] == ["SANCTION"]


@pytest.mark.parametrize("sentence, expected", [
    ("The two countries agreed to hold talks next month.", ["AGREE"]),
    ("The EU would decide to impose sanctions if the talks failed.", []),
])
def test_other_agreements_and_conditional_decisions_stay_as_they_were(sentence, expected):
    assert [t for _w, t in types(sentence)] == expected


@pytest.mark.parametrize("sentence", [
    "Clashes between demonstrators and police on Saturday left at least three dead.",
    "Hundreds of protesters torched several police vehicles outside the parliament.",
    "Rioters burned police stations in the city.",
    "Protesters threw stones at the embassy.",
    "Hundreds of protesters clashed on Thursday with police outside the residence as they called for his "
    "ouster and torched several police vehicles.",
])
def test_protesters_clashing_with_police_or_burning_riot(sentence):
    assert type_mode_pairs(sentence) == [("PROTEST", "riot")]


@pytest.mark.parametrize("sentence", [
    "Gunmen torched a police station in the northern city.",
    "Clashes between rebels and the army killed ten people.",
    "Clashes between students and protesters left dozens injured.",
])
def test_armed_men_and_other_crowds_assault(sentence):
    assert [t for _w, t in types(sentence)] == ["ASSAULT"]


@pytest.mark.parametrize("sentence", [
    "U.S. and South Korean forces launched maritime exercises in the Yellow Sea this week.",
    "The Russian Defense Ministry announced the start of a naval exercise jointly with China.",
    "NATO forces began exercises in Poland on Monday.",
])
def test_exercises_with_partners_cooperate(sentence):
    assert [t for _w, t in types(sentence)] == ["COOPERATE"]


def test_one_country_s_drills_mobilize():
    assert [t for _w, t in types("Russia held military drills near the border on Thursday.")] == ["MOBILIZE"]


@pytest.mark.parametrize("sentence", [
    "The spokesman warned that North Korea could take very powerful countermeasures if the drills continue.",
    "President Gbagbo warned of all-out war if the insurgents spurned the peace initiative.",
])
def test_a_warning_of_countermeasures_or_of_war_on_a_condition_threatens(sentence):
    assert [t for _w, t in types(sentence)] == ["THREATEN"]


def test_an_observer_s_warning_of_war_stays_a_forecast():
    assert types("Experts warned of war if the talks fail.") == []


def test_the_answer_given_with_a_weapon_is_the_act_and_one_event():
    found = types("The police responded with tear gas and water cannon.")
    assert [t for _w, t in found] == ["ASSAULT"]


def test_a_back_reference_after_another_verb_stays_dropped():
    assert verdict("Police arrested him after the attack on the convoy.", "attack") \
        == "back-reference in a prepositional phrase"


@pytest.mark.parametrize("sentence, expected", [
    ("Belarus yesterday jailed opposition leader Andrei Sannikov for five years on charges of organising protests.",
     [("SANCTION", "convict")]),
    ("Police jailed the activist on Tuesday.", [("COERCE", "arrest")]),
    ("Activists protested on Friday after jailed opposition leader Leopoldo Lopez was sentenced to 14 years.",
     [("PROTEST", "demo"), ("SANCTION", "convict")]),
])
def test_a_jail_term_convicts_and_a_jailed_leader_is_who(sentence, expected):
    assert type_mode_pairs(sentence) == expected


def test_a_jail_after_inside_is_a_place():
    assert types("The amnesty covers political prisoners inside Iraqi jails, the agency said.") == []


@pytest.mark.parametrize("sentence, expected", [
    ("These sanctions also targeted two firms in Yangon.", ("SANCTION", "discontinue")),
    ("Gunmen targeted a military checkpoint on Saturday.", ("ASSAULT", None)),
    ("The prisoners were handed over to a humanitarian delegation in the jungle.", ("RETREAT", "release")),
    ("The rebels handed over the town to government forces.", ("COOPERATE", None)),
    ("India has deployed more than 700 disaster relief experts to Nepal.", ("AID", None)),
    ("India has deployed 700 troops to the border.", ("MOBILIZE", "troops")),
])
def test_who_or_what_does_the_act_types_it(sentence, expected):
    assert type_mode_pairs(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("The general commuted the death sentences of 38 prisoners to life in prison.", "CONCEDE"),
    ("An Egyptian court on Saturday dissolved the political wing of the Muslim Brotherhood.", "COERCE"),
    ("The foreign minister of Rwanda received the foreign minister of Somalia in Kigali on Tuesday.", "CONSULT"),
    ("The Treasury also announced investment restrictions on a Chinese company.", "SANCTION"),
])
def test_wire_phrasings_the_lexicon_had_no_pattern_for(sentence, expected):
    assert [t for _w, t in types(sentence)] == [expected]


@pytest.mark.parametrize("sentence", [
    "Thousands of workers commute to the city every day.",
    "She received a letter from the prime minister.",
    "A frog which hails from the Andes is a new species.",
    "Tola won the marathon, toppling yet another mark.",
])
def test_the_same_words_in_other_senses_are_no_events(sentence):
    assert types(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("A court convicted him of arson and murder on Tuesday.", [("SANCTION", "convict")]),
    ("The court found the two men guilty of bombing the embassy.", [("SANCTION", "convict")]),
    ("He was charged with attacking a police officer.", [("ACCUSE", "allege")]),
])
def test_the_crime_named_in_a_conviction_or_charge_is_no_event_of_its_own(sentence, expected):
    assert type_mode_pairs(sentence) == expected


def test_the_crime_told_as_an_act_stays():
    assert [t for _w, t in types("Rebels attacked a police post on Tuesday.")] == ["ASSAULT"]


@pytest.mark.parametrize("sentence", [
    "The opposition leader was being detained without charge, his lawyer said.",
    "The journalist remains jailed in Tehran.",
])
def test_a_detention_told_as_lasting_is_a_standing_state(sentence):
    assert types(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Police detained the journalist on Tuesday.",
    "He had been imprisoned for three years before his release.",
])
def test_a_detention_told_as_done_stays(sentence):
    assert [t for _w, t in types(sentence)] == ["COERCE"]


@pytest.mark.parametrize("sentence, expected", [
    ("The prime minister quit on Tuesday after the vote.", [("RETREAT", "resign")]),
    ("Russia quit the treaty in 2019.", [("SANCTION", "withdraw")]),
    ("He quit smoking last year.", []),
    ("Three ministers quit on Tuesday.", [("RETREAT", "resign")]),
    ("Many schools will raise their fees or they will quit.", []),
    ("The two ministers discussed the border dispute on Monday.", [("CONSULT", None)]),
    ("A main issue discussed was the border.", []),
    ("Discussing his concern in a statement, the prime minister said talks would go on.", []),
])
def test_quitting_an_office_or_a_treaty_and_discussing_are_told_apart_from_other_senses(sentence, expected):
    assert type_mode_pairs(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Russia warned the move would not go without a response.",
    "Moscow said it would take countermeasures against Washington.",
])
def test_a_promised_response_or_countermeasure_threatens(sentence):
    assert [t for _w, t in types(sentence)] == ["THREATEN"]


@pytest.mark.parametrize("sentence, expected", [
    ("Protesters hurled bottles at police.", ("PROTEST", "riot")),
    ("Protesters overturned cars and set fires in the capital.", ("PROTEST", "vandalize")),
    ("Protesters stopped traffic on the main road.", ("PROTEST", "obstruct")),
    ("Police fired stun grenades at the crowd.", ("ASSAULT", "crowd-control")),
    ("Soldiers harassed villagers at the checkpoint.", ("COERCE", None)),
    ("Police chased away the protesters.", ("COERCE", None)),
    ("The army launched a military campaign against the rebels.", ("ASSAULT", None)),
])
def test_more_wire_phrasings_of_street_and_security_acts(sentence, expected):
    assert type_mode_pairs(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("He warned water levels could still rise.", []),
    ("The minister warned the move could trigger a war.", []),
    ("He warned Iran could face sanctions.", ["THREATEN"]),
    ("North Korea warned it could strike US bases.", ["THREATEN"]),
])
def test_a_warning_without_that_is_read_like_one_with_it(sentence, expected):
    assert [t for _w, t in types(sentence)] == expected


def test_medical_teams_mobilised_are_aid():
    assert type_mode_pairs("The government mobilised medical teams and aid workers after the quake.") == [("AID", None)]
