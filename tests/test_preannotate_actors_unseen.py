"""Actor rules written from the errors on unseen web news (corpora/dev/ewttune), each on a short
sentence invented for the test, with a near miss that must keep its old reading."""

from __future__ import annotations

import pytest

from test_preannotate_actors import only
from test_preannotate_rules import events


@pytest.mark.parametrize(("sentence", "etype", "role", "surface", "code"), [
    # irregular fighters by their older name, placed by a city of the country
    ("In the northern city of Kirkuk, guerrillas ambushed a patrol on Sunday.", "ASSAULT", "source",
     "guerrillas", "IRQREB"),
    # a private person named by kin
    ("A bride was arrested by police in Mosul on Tuesday.", "COERCE", "target", "bride", "IRQCVL"),
    ("In Jaffna, his mother was killed by soldiers on Friday.", "ASSAULT", "target", "mother", "LKACVL"),
])
def test_fighters_and_kin_are_generic_actors_of_the_country_of_the_city(sentence, etype, role, surface, code):
    assert only(sentence, etype)[role] == (surface, code)


def test_marines_are_the_us_marine_corps_and_royal_marines_the_british():
    assert only("Marines stormed the building on Monday.", "ASSAULT")["source"] == ("Marines", "USAMIL")
    assert only("Royal Marines stormed the building on Monday.", "ASSAULT")["source"] == ("Royal Marines", "GBRMIL")


def test_a_generic_noun_before_a_past_verb_is_its_subject_not_a_modifier():
    event = only("Rockets hit Israel days after its army withdrew from the border.", "RETREAT")
    assert event["source"] == ("army", "ISRMIL")


def test_a_generic_noun_before_a_noun_is_still_a_modifier():
    found = only("The military court jailed two activists.", "COERCE")
    assert found["source"][0] == "court"  # not "military"


def test_a_country_before_a_noun_act_is_its_source():
    # after "by" the country is no subject the position would guess
    event = only("The riots were provoked by the US assault on the city.", "ASSAULT")
    assert event["source"] == ("US", "USA")


@pytest.mark.parametrize("sentence", [
    "The Baghdad bombing killed three people.",  # a city places the act
    "Thousands joined anti-US protests in Cairo.",  # "anti-" opposes the country
])
def test_a_city_or_an_opposed_country_before_a_noun_act_is_no_source(sentence):
    found = [e for e in events(sentence) if e["type"] in ("ASSAULT", "PROTEST")]
    assert found and all("source" not in e for e in found), found


def test_civilians_take_the_country_of_the_place_not_of_a_foreign_force_acting_there():
    event = only("In Mosul, US troops arrested a young bride on Monday.", "COERCE")
    assert event["target"] == ("bride", "IRQCVL")
    assert event["source"] == ("US troops", "USAMIL")


def test_with_no_place_named_civilians_still_take_the_forces_country():
    event = only("Israeli soldiers shot protesters on Friday.", "ASSAULT")
    assert event["target"] == ("protesters", "ISROPP")


def test_a_religious_community_takes_the_country_the_article_places_it_in():
    event = only("In Basra, Sunni clerics have accused Shiite parties of rigging the vote.", "ACCUSE")
    assert event["source"][1] is not None and event["source"][1][:3] == "IRQ"
    assert event["target"][1] is not None and event["target"][1][:3] == "IRQ"


def test_who_an_event_is_reported_according_to_is_no_party_to_it():
    event = only("Abbas condemned the killing, according to Reuters.", "ACCUSE")
    assert event["source"][0] == "Abbas"
    assert "target" not in event
    # near miss: a party after "to" is still a target
    assert only("Abbas sent a warning to Israel on Monday.", "THREATEN")["target"] == ("Israel", "ISR")


def test_a_force_deployed_in_the_passive_is_the_source_of_its_mobilisation():
    event = only("Under the accord, the Indian army was deployed in the north.", "MOBILIZE")
    assert event["source"] == ("Indian army", "INDMIL")
    assert "target" not in event


def test_an_attack_in_the_passive_keeps_its_subject_as_target():
    event = only("The Indian army was attacked in the north.", "ASSAULT")  # near miss: not MOBILIZE
    assert event["target"] == ("Indian army", "INDMIL")


def test_who_died_in_an_act_is_its_target():
    event = only("In Kirkuk, three policemen died in the bombing of the market.", "ASSAULT")
    assert event["target"] == ("policemen", "IRQCOP")
    assert "source" not in event
    # near miss: who killed in an ambush still did it
    assert only("In Kirkuk, rebels killed two policemen in an ambush.", "ASSAULT")["source"] == ("rebels", "IRQREB")


def test_zionist_is_a_name_for_israel_in_statements_against_it():
    event = only("Tehran condemned the Zionist regime on Friday.", "ACCUSE")
    assert event["target"] == ("Zionist regime", "ISRGOV")
