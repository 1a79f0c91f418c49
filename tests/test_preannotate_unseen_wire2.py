"""Rules written from a second round of real news outside the development sets (2026-12-05: 45
paragraphs of Dawn, BBC, AP, Reuters, Kyiv Independent, NPR and others, and 120 single wire
sentences of Reuters, AP, AFP, TASS, Yonhap, Anadolu and PTI, each judged by a helper; the
sentences here are written for the tests). Each test pairs the rule with the case it must keep:
- a missile or rocket object the fixed phrases could not reach ("fired a ballistic missile",
  "launched a barrage of more than 50 rockets"), and a missile fired into the sea or in a test
  (MOBILIZE/weapons, not an attack on anyone);
- a frame's object coordinated with a noun that is a trigger itself ("fired teargas and rubber
  bullets": one event);
- a person's name opening the sentence is no act ("Ban said");
- deaths in an accident or a natural disaster are no ASSAULT;
- a warning that the warning side's own country will act is a threat;
- a diplomat summoned and a protest lodged are rebukes (ACCUSE/disapprove);
- an arrest warrant is a threat of arrest (PLOVER THREATEN/arrest);
- a weather warning threatens nobody;
- an organisation after a country's possessive is that country's.
On the development tuning sets these changed three suggestions: two arrest warrants are now
THREATEN/arrest as the gold codes them, and "Egyptian Islamic Jihad" is EGYREB."""

from __future__ import annotations

import pytest

from preannotate_support import entity_codes, types, types_and_modes


def test_a_missile_fired_at_someone_behind_adjectives_is_an_attack():
    found = types_and_modes("Militants fired a guided anti-tank missile at the convoy on Sunday.")
    assert [(t, m) for _w, t, m in found] == [("ASSAULT", "heavy-weapons")]


def test_the_rockets_a_barrage_counts_are_the_frames_object():
    found = types("Hezbollah launched a barrage of more than 50 rockets into northern Israel.")
    assert found == [("launched", "ASSAULT")]


def test_launching_what_no_frame_names_is_no_event():
    assert types("The company launched a new smartphone in Seoul on Monday.") == []


@pytest.mark.parametrize("sentence", [
    "North Korea fired a ballistic missile into the sea off its east coast on Sunday.",
    "Pyongyang fired several cruise missiles during a weapons test on Thursday.",
])
def test_a_missile_fired_into_the_sea_or_in_a_test_is_a_show_of_force(sentence):
    assert [(t, m) for _w, t, m in types_and_modes(sentence)] == [("MOBILIZE", "weapons")]


def test_rockets_fired_at_towns_stay_an_attack():
    assert [t for _w, t in types("Hamas fired rockets at Israeli towns near the sea on Sunday.")] == ["ASSAULT"]


def test_a_frame_whose_coordinated_object_is_a_trigger_gives_one_event():
    found = types("Police fired teargas and rubber bullets to disperse the crowd.")
    assert [t for _w, t in found] == ["ASSAULT"]


@pytest.mark.parametrize("sentence", [
    "Ban said the attack on the school should be investigated.",
    "Ban spoke a few hours after the council met.",
])
def test_a_name_opening_the_sentence_is_no_ban(sentence):
    assert not [t for t in types(sentence) if t[1] == "COERCE"]


def test_a_ban_opening_the_sentence_is_still_a_ban():
    assert ("Ban", "COERCE") in types("Ban on opposition rallies extended by a year.")


@pytest.mark.parametrize("sentence", [
    "At least 20 people were killed when a bus plunged into a gorge in northern Pakistan.",
    "A powerful earthquake struck central Italy on Wednesday, killing at least 38 people.",
    "More than 300 people were injured in a stampede at the stadium.",
    "Floods killed at least 40 people in Kerala, officials said.",
])
def test_an_accident_or_a_disaster_is_no_attack(sentence):
    assert not [t for t in types(sentence) if t[1] == "ASSAULT"]


@pytest.mark.parametrize("sentence", [
    "Thirty-three people were killed when gunmen opened fire on a bus near Kishtwar.",
    "The plane crashed after it was hit by a missile, killing all 176 people on board.",
    "Others struck him with their fists and took his fire extinguisher.",
])
def test_an_assailant_beside_the_mishap_keeps_the_attack(sentence):
    assert [t for t in types(sentence) if t[1] == "ASSAULT"]


def test_a_warning_of_the_speakers_own_countrys_act_is_a_threat():
    found = types("He warned that his country would challenge the status of the islands if Japan continued its "
                  "claims.")
    assert ("warned", "THREATEN") in found


def test_a_warning_of_what_may_befall_a_country_is_no_threat():
    assert types("The agency warned that their country could face famine if the rains fail.") == []


@pytest.mark.parametrize("sentence", [
    "Pakistan summoned a senior Afghan diplomat to protest the cross-border attack.",
    "The Philippines summoned a Chinese envoy over the water cannon incident.",
])
def test_a_diplomat_summoned_is_a_rebuke(sentence):
    assert [(t, m) for _w, t, m in types_and_modes(sentence)][0] == ("ACCUSE", "disapprove")


def test_a_court_summons_stays_a_demand():
    assert [t for _w, t in types("Hasina has been summoned to appear in court next month.")] == ["REQUEST"]


def test_a_protest_lodged_is_a_complaint_and_a_crowds_protest_a_demonstration():
    lodged = types_and_modes("Pakistan registered a strong protest with the Afghan charge d'affaires on Sunday.")
    assert [(t, m) for _w, t, m in lodged] == [("ACCUSE", "disapprove")]
    joined = types_and_modes("Thousands joined a protest in Dhaka on Friday.")
    assert [(t, m) for _w, t, m in joined] == [("PROTEST", "demo")]


def test_an_arrest_warrant_is_a_threat_of_arrest():
    found = types_and_modes("The court issued an arrest warrant for the former president.")
    assert [(t, m) for _w, t, m in found] == [("THREATEN", "arrest")]


def test_a_weather_warning_threatens_nobody():
    assert types("The Met Office issued amber weather warnings for heavy rain across Wales.") == []
    assert ("warning", "THREATEN") in types("The army issued a warning to the rebels to lay down their arms.")



def test_an_organisation_after_a_countrys_possessive_is_that_countrys():
    assert entity_codes("South Korea's National Security Council condemned the launch.")["National Security Council"] \
        == "KORGOV"
    assert entity_codes("The National Security Council met in Washington.")["National Security Council"] == "USAGOV"


def test_an_accident_told_at_length_is_no_attack():
    sentence = ("Thirty-three people were killed and 22 injured when the bus travelling from the hills to the town "
                "went out of the driver's control and plunged into a gorge near the village.")
    assert types(sentence) == []


def test_a_report_of_a_natural_disaster_blames_no_one():
    sentence = ("The 6.3 magnitude quake struck northwest of the capital on Monday, scientists from the US Geological "
                "Survey said, heavily damaging an airport and sending terrified locals fleeing.")
    assert types(sentence) == []
    blamed = types('"The regime is responsible for these crimes," the Turkish foreign ministry said.')
    assert [t for _w, t in blamed] == ["ACCUSE"]


def test_the_people_after_by_are_the_agent_not_the_frames_object():
    found = types("A peaceful but unlawful rally held by protesters on Sunday was cut short by police.")
    assert not [t for t in found if t[1] == "COERCE"]
    assert ("held", "COERCE") in types("Police held three protesters overnight in Lagos.")


@pytest.mark.parametrize("sentence", [
    "A yellow thunderstorm warning is in place for most of England until midnight on Monday.",
    "Some areas could see a month's rainfall in a few hours on Thursday, which could cause flooding, the Met "
    "Office warned.",
])
def test_a_forecasters_warning_threatens_nobody(sentence):
    assert types(sentence) == []


def test_a_century_struck_is_cricket():
    assert types("Joe Root struck a century in the second inning on Friday.") == []


def test_a_protest_rally_is_one_protest():
    found = types("Police fired tear gas during isolated clashes at a protest rally in Islamabad on Tuesday.")
    assert [t for t in found if t[1] == "PROTEST"] == [("rally", "PROTEST")]


def test_protesters_surrounding_a_building_demonstrate():
    found = types_and_modes("Thousands of protesters surrounded the presidential palace in Colombo on Saturday.")
    assert [(t, m) for _w, t, m in found] == [("PROTEST", "demo")]
    troops = types_and_modes("Troops surrounded the town of Kidal on Monday.")
    assert [(t, m) for _w, t, m in troops] == [("COERCE", "restrict")]


def test_the_noun_a_frame_verb_acts_on_is_no_act_of_its_own():
    """"dropped its demand": the demand is what was conceded, not a new request."""
    assert types("The government dropped its demand for a referendum.") == [("dropped", "CONCEDE")]
    assert ("demanded", "REQUEST") in types("The opposition demanded a referendum on Monday.")


def test_more_frame_objects_from_wire_copy():
    assert types_and_modes("Russia suspended the New START Treaty in February.")[0][1:] == ("SANCTION", "discontinue")
    assert ("termed", "ACCUSE") in types("Trump termed the judge's ruling ridiculous.")


@pytest.mark.parametrize("sentence", [
    "At least 20 people were killed when a bus plunged into a gorge in northern Pakistan, police said.",
    "Five soldiers were killed when their helicopter crashed in bad weather, the army said.",
])
def test_police_or_soldiers_in_an_accident_make_it_no_attack(sentence):
    assert types(sentence) == []


def test_a_mishap_in_another_clause_leaves_the_killing_an_attack():
    sentence = ("Eighteen US troops have been killed in Iraq this month, compounded by another twelve deaths from a "
                "helicopter crash on Saturday.")
    assert [t for t in types(sentence) if t[1] == "ASSAULT"]
