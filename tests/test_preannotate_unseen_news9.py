"""Rules from a ninth look at news outside the development sets (2026-12-06, third session:
the targets of the tuned halves of the agency samples, scored sentence by sentence, where the
right country was named in the sentence but not given to the target; the sentences here are
written for the tests). Each test pairs the rule with the case it must keep:
- the victims an attack's casualty clause counts are its target when it has no actor as its
  object ("gunmen attacked a hotel, killing 12 people") or only the place of the attack ("in
  Kabul") as its target; a party already found as the target stays;
- a generic actor takes the country of its "from" phrase ("soldiers from Ivory Coast"), and the
  people of a place that of their "in" phrase ("prisoners in Nicaragua"); a force "in" a
  country is not of it;
- members of an intergovernmental body ("leaders of ECOWAS") have the body's code;
- an act in the phrase of a proposal noun or in the object of deliberating is not done ("was
  considering a timetable for imposing sanctions", "weighing a package of sanctions"); a phrase
  that only sets the scene of the plan ("at a meeting ..., he was planning ...") leaves the
  meeting told;
- a weapon tested is a show of force (MOBILIZE/weapons: "tested a new ballistic missile"), a
  vaccine tested is not;
- a deal brokered is mediation, also when the participle follows the noun ("the truce, brokered
  by Egypt"), which makes the noun a bare participle describes the object of any frame verb;
- a ruler removed from office or power is coerced ("removed the president from office"), a judge
  removed from a case is not.
"""

from __future__ import annotations

import pytest

from preannotate_support import entity_codes, event_roles, types
from preannotate_support import type_mode_pairs as pairs


@pytest.mark.parametrize("sentence, target", [
    ("Gunmen attacked a hotel in Kabul on Monday, killing at least 12 people.", ("people", "AFGCVL")),
    ("Two bombs exploded on a bus in Lagos, killing nine passengers and wounding 30.", ("passengers", "NGACVL")),
])
def test_the_victims_of_a_casualty_clause_are_the_attacks_target(sentence, target):
    assert event_roles(sentence, "ASSAULT")["target"] == target


def test_a_casualty_clause_keeps_the_target_already_found():
    roles = event_roles("Israeli troops attacked Hamas fighters in Gaza, killing three civilians.", "ASSAULT")
    assert roles["target"] == ("Hamas fighters", "PSEREBHMS")


def test_a_generic_actor_takes_the_country_of_its_from_or_in_phrase():
    assert entity_codes("Mali said it had arrested 49 soldiers from Ivory Coast.")["soldiers"] == "CIVMIL"
    assert entity_codes("Over 200 political prisoners in Nicaragua were released and flown to "
                        "the United States.")["political prisoners"] == "NICOPP"
    # a force is not of the country it is in: the country named before it still codes it
    assert entity_codes("Turkey said troops in Iraq struck rebel positions.")["troops"] == "TURMIL"


def test_members_of_an_intergovernmental_body_have_its_code():
    codes = entity_codes("Leaders of the African Union met in Addis Ababa on Sunday.")
    assert codes["Leaders"][:3] == "IGO"
    assert entity_codes("The leaders of Iraq met in Baghdad.")["leaders"] == "IRQGOV"


@pytest.mark.parametrize("sentence, expected", [
    ("The European Union was considering a timetable for imposing sanctions against Russia.", []),
    ("The bloc was weighing a package of sanctions against Belarus.", []),
    ("Ministers drew up a plan for deploying troops to the border.", []),
    ("The European Union imposed sanctions against Russia on Monday.", [("imposed sanctions", "SANCTION")]),
    ("A source said that at a meeting in April 2003 Osama bin Laden was planning new raids.", [("meeting", "CONSULT")]),
])
def test_an_act_put_forward_in_a_plan_is_not_done(sentence, expected):
    assert types(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("North Korea tested a new intercontinental ballistic missile on Friday.", [("MOBILIZE", "weapons")]),
    ("Researchers tested the vaccine on volunteers in Oxford.", []),
    ("Qatar brokered a ceasefire between the two sides.", [("CONSULT", "third-party")]),
    ("The truce, brokered by Egypt, took effect on Friday.", [("CONSULT", "third-party")]),
    ("Oil brokers in London were busy on Friday.", []),
    ("The generals removed the president from office on Wednesday.", [("COERCE", None)]),
    ("The court removed the judge from the case.", []),
])
def test_a_weapon_tested_a_deal_brokered_and_a_ruler_removed(sentence, expected):
    assert pairs(sentence) == expected
