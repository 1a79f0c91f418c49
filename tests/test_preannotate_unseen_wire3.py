"""Rules written from a third look at real news outside the development sets (2026-12-05/06: the
errors left in the two earlier unseen samples, and two new samples judged blind by helpers; the
sentences here are written for the tests). Each test pairs the rule with the case it must keep:
- unnamed rights groups and aid workers are NGOs of no country (actors.yaml: NGO "also unnamed
  aid workers", HRI);
- every item of the list an accusation names ("accuse the military of killings, razing villages
  and ...") is alleged, not an act of its own (dev guidelines: acts only alleged are the ACCUSE);
- "is due to start joint exercises" is a plan;
- "hail" beside the weather, and "promises" whose subject is a thing, are other senses;
- an act in a prepositional phrase with its own agent, place or result in the tree is reported
  (ruling 7: "during rallies called by the ruling party");
- wire phrasings the lexicon had no pattern for (declared support, joint military drills,
  "persona non grata" in quotes after "declared", launched an offensive, overran an outpost,
  agreed a ceasefire);
- "..., officials said" with no country word of the speaker's own reports the act, it is no
  allegation by whichever country is named nearest;
- exercises with another country's forces are COOPERATE;
- forecasters' warnings, seizing a chance, appealing for a penalty and a storm that "struck";
- a thing that supports ("sentiment was supported by steady oil prices"), "offered to" a
  person, and acts held back ("stopped short of accusing", "held off on signing") are no events;
  "the plan was backed by France" is no plan deliberated;
- people hurt beside another attack are its casualties (ruling 1), not recognising a decision is
  a rejection, a vow to fight is a threat, retaliation by tariffs is a sanction;
- an act lost through a finite verb taken for a noun modifier ("sent the first tranche of"), a
  bomb named as a device beside rockets, people released, "stormed", diplomats ordered out, a
  warning side "prepared to" act;
- hospitals, spaceflight, fire danger, match reports, opinion polls and a war's toll told in its
  relative clause are no new events;
- a named actor that "will" sign, meet, visit or send aid promises it (PLOVER AGREE: future-tense
  reports of meetings, support, cooperation or aid), one that "will expel" diplomats threatens;
- a verdict in a said-clause ("was 'wrong'", "out of control", "trumped up", "a joke") blames;
  "something went wrong" does not.
"""

from __future__ import annotations

import pytest

from preannotate_support import entity_codes, suggest, types


def test_unnamed_rights_groups_and_aid_workers_are_ngos_of_no_country():
    codes = entity_codes("Rights groups have condemned the arrests of the journalists in Minsk.")
    assert codes["Rights groups"] == "NGOHRI"
    codes = entity_codes("Aid workers were attacked by gunmen in Darfur on Monday.")
    assert codes["Aid workers"] == "NGO"
    assert codes["gunmen"] == "SDNREB"  # a generic actor still takes the country of its place


def test_the_rights_group_is_the_source_of_its_accusation():
    text = "Rights groups accuse the military of extrajudicial killings."
    layer = suggest(text)
    [event] = layer.events.values()
    sources = [layer.spans[a.span_id] for a in event.arguments if a.role == "source"]
    assert (event.type, [text[s.start:s.end] for s in sources]) == ("ACCUSE", ["Rights groups"])


@pytest.mark.parametrize("sentence", [
    "Rights groups accuse the military of extrajudicial killings, razing villages and using air strikes "
    "as collective punishment of its opponents.",
    "The opposition accused the army of killing civilians and burning homes.",
])
def test_every_item_an_accusation_lists_is_alleged(sentence):
    assert [t for _w, t in types(sentence)] == ["ACCUSE"]


def test_an_act_after_the_accusation_s_clause_is_its_own():
    found = types("The opposition accused the army of killing civilians, and soldiers later arrested its leader.")
    assert [t for _w, t in found] == ["ACCUSE", "COERCE"]


@pytest.mark.parametrize("sentence", [
    "The United States is due to start joint exercises with South Korea in early April.",
    "The two navies are due to hold drills next week.",
])
def test_due_to_before_a_verb_is_a_plan(sentence):
    assert types(sentence) == []


def test_due_to_before_a_noun_is_a_cause():
    found = types("Flights were cancelled due to airstrikes by Israel on the capital on Monday.")
    assert [t for _w, t in found] == ["ASSAULT"]


def test_hail_in_a_weather_report_is_no_praise():
    assert types("Homes could be flooded, with damage from lightning strikes, hail or strong winds.") == []


def test_hailing_a_person_stays_support():
    assert [t for _w, t in types("The crowd hailed the new president in Kinshasa.")] == ["SUPPORT"]


def test_a_thing_that_promises_promises_nothing():
    assert types("The legal back and forth promises another unpredictable weekend at international airports.") == []


@pytest.mark.parametrize("sentence", [
    "Officials promised a full investigation into the shooting.",
    "The party promised a referendum on the treaty.",
])
def test_actors_and_bodies_that_promise_still_agree(sentence):
    assert [t for _w, t in types(sentence)] == ["AGREE"]


@pytest.mark.parametrize("sentence, kind", [
    ("Violence erupted during rallies called by the ruling and opposition parties in Dhaka on Saturday.", "PROTEST"),
    ("The police filed a case against him after a protest he held in the capital on Saturday.", "PROTEST"),
])
def test_an_act_in_a_prepositional_phrase_with_its_own_agent_or_place_is_reported(sentence, kind):
    assert kind in [t for _w, t in types(sentence)]


def test_a_bare_back_reference_stays_dropped():
    assert types("The talks resumed after the clashes.") == []


@pytest.mark.parametrize("sentence, expected", [
    # an agreement concluded is SUPPORT, as "agreed on maritime borders" in the dev gold
    ("The two sides agreed a ceasefire on Friday.", "SUPPORT"),
    ("The party declared support for the prime minister on Tuesday.", "SUPPORT"),
    ("Sudan declared 15 embassy staff personae non gratae on Monday.", "SANCTION"),
    ("Turkey declared Egypt's ambassador \"persona non grata\" on Saturday.", "SANCTION"),
    ("The army launched a coordinated offensive against the rebels.", "ASSAULT"),
    ("Militants overran an army outpost in the north.", "ASSAULT"),
    ("South Korea and the United States began their largest joint military drills on Monday.", "COOPERATE"),
])
def test_wire_phrasings_the_lexicon_had_no_pattern_for(sentence, expected):
    assert [t for _w, t in types(sentence)] == [expected]


def test_overrun_by_people_is_no_attack():
    assert types("The islands are mostly overrun by foreigners.") == []


def test_a_quoted_noun_without_a_declaring_verb_is_still_framing():
    assert types("\"These attacks are our right,\" the group's leader told a rally of supporters.") == []


def test_an_unplaced_generic_speaker_does_not_turn_the_report_into_an_accusation():
    found = types("Turkey downgraded diplomatic relations with Egypt on Saturday, the foreign ministry said.")
    assert [t for _w, t in found] == ["SANCTION"]
    found = types("Hezbollah fired rockets at northern Israel on Sunday, officials said.")
    assert [t for _w, t in found] == ["ASSAULT"]


def test_a_party_that_names_its_country_still_alleges():
    found = types("Hezbollah fired rockets at northern Israel on Sunday, Israeli officials said.")
    assert [t for _w, t in found] == ["ACCUSE"]


@pytest.mark.parametrize("sentence", [
    "Australia on Friday launched its largest military exercises with Philippine forces.",
    "Russia began military exercises with Belarus on Monday.",
])
def test_exercises_with_another_country_s_forces_are_cooperation(sentence):
    assert [t for _w, t in types(sentence)] == ["COOPERATE"]


def test_exercises_of_one_country_are_a_show_of_force():
    assert [t for _w, t in types("China held military drills near Taiwan on Monday.")] == ["MOBILIZE"]


@pytest.mark.parametrize("sentence", [
    "A warning with respect to high winds and heavy rainfall has been issued for the West Coast.",
    "The Meteorological Agency issued a warning of torrential rain for Kyushu.",
    "Salpeter seized a chance to secure third spot on the podium.",
    "Chamakh had appealed for a penalty in the first half.",
    "Cyclone Vardah, which struck Tamil Nadu last year, killed 18 people.",
])
def test_other_senses_of_wire_words(sentence):
    assert types(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Iran warned of a crushing response to any attack.", "THREATEN"),
    ("Rebels seized the town on Monday.", "COERCE"),
    ("The UN appealed for calm.", "REQUEST"),
    ("The militants, who struck the village at night, killed 18 people.", "ASSAULT"),
])
def test_the_political_senses_stay(sentence, expected):
    assert expected in [t for _w, t in types(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    ("Thousands of nurses walked off the job on Monday over pay.", "PROTEST"),
    ("The town fell into the hands of the M23 rebels on Monday.", "COERCE"),
    ("Gunmen stormed into the hotel on Friday night.", "ASSAULT"),
    ("Militants burned police stations in the city.", "ASSAULT"),
    ("Xi extended warm greetings to the new president.", "SUPPORT"),
    ("The Philippines raised alarm over Beijing's assertive actions.", "ACCUSE"),
    ("Pakistan sent its 18th consignment of humanitarian aid to Gaza.", "AID"),
])
def test_more_wire_phrasings(sentence, expected):
    assert [t for _w, t in types(sentence)] == [expected]


@pytest.mark.parametrize("sentence", [
    "Our house is burning.",
    "Market sentiment was supported by steady oil prices.",
    "Financial services clients held off on signing deals.",
    "The minister stopped short of accusing Russian forces of the attack.",
    "Gifts were allegedly offered to election supporters.",
])
def test_things_that_support_and_acts_held_back_are_no_events(sentence):
    assert types(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Turkey offered to mediate between Russia and Ukraine.", "AGREE"),
    ("The proposal was supported by most lawmakers.", "SUPPORT"),
    ("The plan was backed by France and Germany.", "SUPPORT"),
    ("The United States supported the resolution.", "SUPPORT"),
])
def test_actors_that_offer_and_support_stay(sentence, expected):
    assert [t for _w, t in types(sentence)] == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("A policeman and an activist were killed and more than 200 people were injured on Saturday as violence "
     "erupted.", ["ASSAULT"]),
    ("Three soldiers were wounded in the north on Monday.", ["ASSAULT"]),
])
def test_people_hurt_beside_another_attack_are_its_casualties(sentence, expected):
    assert [t for _w, t in types(sentence)] == expected


def test_not_recognising_an_outcome_is_a_rejection_and_a_standing_non_recognition_no_event():
    assert types("Of course, the president does not recognize this decision.") == [("recognize", "REJECT")]
    assert types("Same-sex marriage is not recognized in the country.") == []


@pytest.mark.parametrize("sentence", [
    "The army vowed on Monday that its forces would defend their homeland.",
    "Supporters vowed to take over the capital if police tried to detain him.",
])
def test_a_vow_to_fight_or_on_a_condition_is_a_threat(sentence):
    assert [t for _w, t in types(sentence)] == ["THREATEN"]


def test_a_vow_to_build_stays_a_promise():
    assert [t for _w, t in types("The president vowed to rebuild the city.")] == ["AGREE"]


def test_retaliation_by_tariffs_is_a_sanction_and_by_airstrikes_an_attack():
    assert [t for _w, t in types("China retaliated with tariffs on a similar amount of goods.")] == ["SANCTION"]
    assert [t for _w, t in types("Israel retaliated with airstrikes on Gaza.")] == ["ASSAULT"]


def test_a_hazard_named_before_a_relative_clause_struck_no_one():
    assert types("Cyclone Vardah, which struck Tamil Nadu and Andhra Pradesh in December last year, has caused "
                 "extensive damage to Chennai city.") == []


@pytest.mark.parametrize("sentence, expected", [
    ("India on Tuesday sent the first tranche of humanitarian assistance comprising medicines to Ukraine.", "AID"),
    ("Militants fired scores of rockets and mortar bombs into southern Israel.", "ASSAULT"),
    ("FARC rebels have released eight people who had been held in the jungle.", "RETREAT"),
    ("The settlers stormed Beit Furik on Friday night.", "ASSAULT"),
    ("India retaliated by ordering six Canadian diplomats to leave the country.", "SANCTION"),
    ("Washington has repeatedly warned that it was prepared to impose further costs on wealthy Russians.", "THREATEN"),
])
def test_acts_the_rules_lost_through_a_verb_a_device_or_a_people_noun(sentence, expected):
    assert [t for _w, t in types(sentence)] == [expected]


@pytest.mark.parametrize("sentence", [
    "Isaiah Bolden has been released from a Green Bay area hospital after the game.",
    "China on Thursday launched a Long March-3B carrier rocket, placing a new satellite in space.",
    "There are catastrophic and extreme fire warnings across southern South Australia.",
    "Tottenham Hotspur rallied from two goals down to draw 2-2 with Manchester United in a thrilling Premier "
    "League clash on Thursday.",
    "The breakthrough came in the 66th minute when a ball from the right by Kevin De Bruyne was met by Foden.",
    "The president stormed out of the meeting.",
    "For the first time since July, more Americans approve of the job the president is doing than disapprove, "
    "according to a new poll.",
    "A war that has killed thousands of civilians entered its third year.",
])
def test_hospitals_spaceflight_fire_danger_match_reports_polls_and_a_war_s_toll_are_no_new_events(sentence):
    assert types(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Protesters rallied in the capital before the cup final.", "PROTEST"),
    ("Iran warned of catastrophic consequences.", "THREATEN"),
    ("The court ordered the government to leave the decision to parliament.", "REQUEST"),
    ("Rebels who attacked the town killed 12 soldiers.", "ASSAULT"),
])
def test_their_near_misses_stay(sentence, expected):
    assert expected in [t for _w, t in types(sentence)]


def test_riots_that_killed_are_one_event():
    found = types("Sri Lanka declared a state of emergency to quell anti-Muslim riots that have killed at least two "
                  "people.")
    assert [t for _w, t in found] == ["COERCE", "PROTEST"]


@pytest.mark.parametrize("sentence, expected", [
    ("The Houthis vowed to target U.S. warships in the Red Sea.", "THREATEN"),
    ("The parties signed a ceasefire in Doha on July 19.", "SUPPORT"),
    ("Police lobbed teargas at demonstrators in Nairobi.", "ASSAULT"),
    ("The Chinese Coast Guard water cannoned the boat.", "ASSAULT"),
])
def test_threats_signed_truces_and_crowd_control_in_wire_words(sentence, expected):
    assert [t for _w, t in types(sentence)] == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("Indonesia will sign a trade and investment partnership deal with Australia in March.", ("sign", "AGREE")),
    ("Putin will visit China next month.", ("visit", "AGREE")),
    ("France will expel Algerian diplomats in response.", ("expel", "THREATEN")),
])
def test_an_announced_future_meeting_signing_or_expulsion_is_a_promise_or_a_threat(sentence, expected):
    assert types(sentence) == [expected]


@pytest.mark.parametrize("sentence", [
    "It will meet again next week.",
    "Indonesia will sign the deal if Australia agrees.",
    "China will not sign the treaty.",
    "It is inevitable that most Iraqi Shiites will side with their coreligionists.",
    "Per the request, Parliament would meet briefly in early September.",
])
def test_futures_without_a_named_actor_or_on_a_condition_or_predicted_are_no_events(sentence):
    assert types(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Google said the decision was \"wrong\" and that it would appeal.",
    "Le Drian said on Friday that Mali's ruling junta was \"out of control\".",
    "Machado said the charges were trumped up.",
    "Khan said the ruling was a joke.",
])
def test_a_verdict_in_a_said_clause_is_an_accusation(sentence):
    assert [t for _w, t in types(sentence)] == ["ACCUSE"]


def test_something_that_went_wrong_blames_no_one():
    assert types("Officials said something went wrong with the launch.") == []
