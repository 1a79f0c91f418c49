"""Rules written from a third look at real news outside the development sets (2026-12-05/06: the
errors left in the two earlier unseen samples, and two new samples judged blind by helpers; the
sentences here are written for the tests). Each test pairs the rule with the case it must keep:
- unnamed rights groups and aid workers are NGOs of no country (actors.yaml: NGO "also unnamed
  aid workers", HRI);
- every item of the list an accusation names ("accuse the military of killings, razing villages
  and ...") is alleged, not an act of its own (dev guidelines: acts only alleged are the ACCUSE);
- "is due to start joint exercises" is a plan;
- "hail" beside the weather, and "promises" whose subject is a thing, are other senses.
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
