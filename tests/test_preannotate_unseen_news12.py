"""Rules from a twelfth look at news outside the development sets (2026-12-06, sixth session: new
agency samples of Sub-Saharan Africa and of Latin America, Europe and Asia, coded blind before
the software saw them; the sentences here are written for the tests). Each test pairs the rule
with the case it must keep:
- an act a body "decided to" or "decides to" do is done (not one it "will decide to" do);
  withdrawing one's diplomats is a recall (SANCTION/withdraw); suspending a state from a body
  is a SANCTION;
- trigger words in a sense that is no act: a source who "requested anonymity", "denied its
  people the peace" (deprived), "a demonstration of strength";
- "described Monday's arrests as a coup": the label blames (ACCUSE), the act judged and the
  label are no acts of their own; a neutral description stays no event;
- a count of signatories is a tally, a deal of two parties is not;
- "backtracked on his pledge" reneges (REJECT); backtracking on a plan concedes;
- a title followed by a date ("named president this month") names no person;
- protesters' riot: "others" after protesters, a relative clause ("crowds who threw bottles"),
  "set on fire", "attacked and set on fire" (one act), a riot beside a blockade (two acts), the
  things thrown (no second event); protesters clashing with a rival crowd assault it;
- the noun right before a joined verb is its subject ("... and police fired tear gas");
- "those convicted by the court included ...": the conviction is reported;
- a protest a state makes is a complaint (ACCUSE); an ambassador "invited to the ministry" is
  summoned; someone "under investigation" is in a standing condition;
- "hiding in a hotel" and "the group responsible for the ambush" blame no one; "held Iran
  responsible" still does;
- a summons for questioning is an inquiry (ACCUSE/investigate; a court's summons to appear
  stays a demand), a summoned ambassador is rebuked; lifting someone's immunity is a SANCTION;
- a name right before "was" is the subject of a passive frame verb ("Mr X was badly beaten"),
  and "in custody" after that act is where it happened (not an arrest of its own); beating a
  speaker is an assault, beating a rival in an election is not;
- a High Commissioner is a diplomat; a protest "was lodged" is a complaint; a demand a protest
  march makes is part of it; participants who "faced arrest" are threatened; the acts named in
  a charge are no acts of their own, and an arrest "on charges of" is an accusation with the
  arrest's parties; the military dissolving the Senate coerces;
- police or gendarmes blocking a person restrict him (not "setting the road blocks"); the
  gendarmerie is a police force, and a lower-case "name" with a function word in it
  ("gendarmerie in") is no person;
- an act done in defiance ("defied a ban on protests to take to the streets") is the act, not a
  rejection;
- "growing concern" voiced over another's acts and a position called "untenable" blame, and so
  do "fabricated" and "maliciously".
"""

from __future__ import annotations

import pytest

from preannotate_support import event_roles, types, types_and_modes


@pytest.mark.parametrize("sentence, expected", [
    ("The foreign ministry decided to summon the Danish ambassador over the cartoons.", ("summon", "ACCUSE")),
    ("The regional bloc decides to suspend Niger from all its bodies.", ("suspend", "SANCTION")),
])
def test_an_act_a_body_decided_to_do_is_done(sentence, expected):
    assert expected in types(sentence)


def test_an_act_a_body_will_decide_on_is_not_done():
    assert not any(t == "SANCTION" for _, t in types("The government will decide to expel the diplomats next week."))


def test_withdrawing_ones_diplomats_is_a_recall():
    found = types_and_modes("Pretoria has decided to withdraw all its diplomats in Tel Aviv.")
    assert ("withdraw", "SANCTION", "withdraw") in found


def test_withdrawing_troops_stays_a_retreat():
    assert ("withdrew", "RETREAT") in types("Russia withdrew its troops from the western bank.")


@pytest.mark.parametrize("sentence", [
    "A police officer, who requested anonymity, said three people had died.",
    "A soldier, who asked not to be named, said the base was quiet.",
])
def test_a_source_asking_not_to_be_named_requests_nothing(sentence):
    assert not any(t == "REQUEST" for _, t in types(sentence))


def test_a_request_for_help_is_still_a_request():
    assert any(t == "REQUEST" for _, t in types("The mayor asked the army to help evacuate the town."))


def test_denying_someone_something_is_no_denial():
    sentence = "The war has robbed the region of hope and denied its people the peace they deserve, she said."
    assert not any(t == "REJECT" for _, t in types(sentence))


def test_denying_an_accusation_is_a_denial():
    assert ("denied", "REJECT") in types("Iran denied the accusation.")


def test_a_demonstration_of_strength_is_no_protest():
    sentence = "Recalling an ambassador is a demonstration of the government's dissatisfaction."
    assert not any(t == "PROTEST" for _, t in types(sentence))


def test_a_demonstration_of_farmers_is_a_protest():
    assert ("demonstration", "PROTEST") in types("Thousands joined a demonstration of farmers in Paris.")


def test_a_label_given_to_an_act_blames_and_the_act_judged_is_not_told_again():
    found = types("The information ministry described Tuesday's detentions as a coup.")
    assert found == [("described", "ACCUSE")]


def test_a_neutral_description_is_no_event():
    assert types("Police described the march as peaceful.") == []


def test_a_deal_of_two_parties_is_no_tally():
    assert ("signed", "SUPPORT") in types("The country's two rival leaders have signed a ceasefire deal.")


def test_a_count_of_signatories_is_a_tally():
    assert not any(t == "SUPPORT" for _, t in types("Fifty-four nations have signed the treaty."))


def test_backtracking_on_a_pledge_reneges():
    found = types("The junta leader has backtracked on his pledge to hand over power within a year.")
    assert [t for _, t in found] == ["REJECT"]


def test_backtracking_on_a_plan_concedes():
    assert any(t == "CONCEDE" for _, t in types("The government backtracked on the fuel tax after the strikes."))


def test_a_date_after_a_title_is_no_person():
    roles = event_roles("Kabore, who was named interim president this month, has resigned.", "RETREAT")
    assert roles.get("source", ("", ""))[0] != "this month"


@pytest.mark.parametrize("sentence, trigger", [
    ("Protesters were dispersed with tear gas, while others threw rocks at the police.", "threw rocks"),
    ("Officers stood between the shouting crowds who threw bottles at them.", "threw bottles"),
    ("Demonstrators attacked and set on fire the offices of the ruling party.", "attacked"),
])
def test_violence_protesters_do_is_their_riot(sentence, trigger):
    assert (trigger, "PROTEST", "riot") in types_and_modes(sentence)


def test_gunmen_setting_a_church_on_fire_assault():
    assert ("set the church on fire", "ASSAULT") in types("Gunmen set the church on fire overnight.")


def test_a_riot_beside_a_blockade_is_a_second_act():
    found = [t for _, t in types("Protesters blocked the main road and set tires on fire.")]
    assert found.count("PROTEST") == 2


def test_the_things_thrown_are_no_second_act():
    found = types("Officers stood between the shouting crowds who threw bottles, flares and stun grenades.")
    assert [t for _, t in found] == ["PROTEST"]


def test_protesters_clashing_with_a_rival_crowd_assault_it():
    found = types("Student protesters clashed with supporters of the president outside parliament.")
    assert ("clashed", "ASSAULT") in found


def test_protesters_clashing_with_police_riot():
    assert ("clashed", "PROTEST") in types("Protesters clashed with police outside parliament.")


def test_the_noun_before_a_joined_verb_is_its_subject():
    roles = event_roles("Protesters threw stones at officers and police fired tear gas at them.", "ASSAULT")
    assert roles["source"][0] == "police"


def test_those_convicted_by_a_court_were_convicted():
    sentence = "Those convicted by the city court included seven exiled opposition leaders."
    assert ("convicted", "SANCTION") in types(sentence)


def test_a_protest_a_state_makes_is_a_complaint():
    assert ("protest", "ACCUSE") in types("Argentina made a similar protest two years ago.")


def test_a_protest_students_make_is_a_protest():
    assert ("protest", "PROTEST") in types("Students made a protest outside the embassy.")


def test_an_ambassador_invited_to_the_ministry_is_summoned():
    sentence = '"This morning we invited the Ambassador of Ukraine to the Ministry of Foreign Affairs," Szijjarto wrote.'
    assert ("invited", "ACCUSE") in types(sentence)


def test_someone_under_investigation_is_in_a_standing_condition():
    sentence = "The ambassador met a politician under investigation by the Supreme Court."
    assert not any(t == "ACCUSE" for _, t in types(sentence))


@pytest.mark.parametrize("sentence", [
    "They said people are hiding in a hotel near the port.",
    "Troops arrested two members of the group responsible for the ambush, the army said.",
])
def test_words_that_only_sound_like_blame_blame_no_one(sentence):
    assert not any(t == "ACCUSE" for _, t in types(sentence))


def test_holding_someone_responsible_still_blames():
    assert ("said", "ACCUSE") in types("Israel said it held Tehran responsible for the attack.")


def test_a_summons_for_questioning_is_an_inquiry():
    found = types_and_modes("The opposition leader was summoned by a judge for questioning on Monday.")
    assert ("summoned", "ACCUSE", "investigate") in found


def test_a_summoned_ambassador_is_rebuked():
    assert ("summoned", "ACCUSE", "disapprove") in types_and_modes("Rome summoned the French ambassador on Friday.")


def test_lifting_an_mps_immunity_is_a_sanction():
    assert any(t == "SANCTION" for _, t in types("Parliament voted to lift the senator's immunity on Tuesday."))


def test_a_name_right_before_was_is_the_subject_of_a_passive_frame_verb():
    found = types("The arrest came a week after Mr Chamisa was badly beaten in custody.")
    assert ("beaten", "ASSAULT") in found and not any(t == "COERCE" for _, t in found)


def test_beating_the_parliament_speaker_is_an_assault():
    assert ("beat", "ASSAULT") in types("Protesters stormed the building, and some beat the parliament speaker.")


def test_beating_a_rival_in_an_election_is_no_assault():
    assert types("Biden beat Trump in the election.") == []


def test_held_in_custody_stays_an_arrest():
    assert ("held in custody", "COERCE") in types("The journalist was held in custody for three days.")


def test_a_high_commissioner_summoned_is_rebuked():
    sentence = "Pakistan's foreign secretary summoned the Indian High Commissioner on Thursday."
    assert ("summoned", "ACCUSE", "disapprove") in types_and_modes(sentence)


def test_a_protest_lodged_in_the_passive_is_a_complaint():
    assert ("protest", "ACCUSE") in types("A strong protest was lodged with the Afghan government over the incident.")


def test_a_demand_a_protest_makes_is_part_of_it():
    sentence = "Police arrested three opposition politicians to thwart a protest march demanding the release of Anwar."
    assert not any(t == "REQUEST" for _, t in types(sentence))


def test_a_call_made_by_a_party_is_still_a_request():
    assert ("called for", "REQUEST") in types("The opposition called for a general strike demanding new elections.")


def test_facing_arrest_is_a_threat():
    assert ("faced arrest", "THREATEN") in types("Police banned the rally and said participants faced arrest.")


def test_the_acts_named_in_a_charge_are_no_acts_of_their_own():
    sentence = '"We will file cases against them on charges of sabotage and attacks," the police spokesman said.'
    assert not any(t == "ASSAULT" for _, t in types(sentence))


def test_an_arrest_on_charges_is_also_an_accusation_by_whoever_arrests():
    roles = event_roles("Mali arrested the officers under charges of being mercenaries.", "ACCUSE")
    assert roles["source"][0] == "Mali" and roles["target"][0] == "officers"


def test_the_military_dissolving_the_senate_coerces():
    assert ("dissolved", "COERCE") in types("The military dissolved the Senate on Saturday.")


@pytest.mark.parametrize("sentence", [
    "Scores of police blocked them from the area.",
    "He was blocked by the gendarmerie on the road to the university.",
])
def test_security_forces_blocking_a_person_restrict_him(sentence):
    assert ("blocked", "COERCE", "restrict") in types_and_modes(sentence)


def test_road_blocks_set_up_are_no_blocking_of_people():
    sentence = "They are setting the road blocks at the same positions they were during the war."
    assert not any(t == "COERCE" for _, t in types(sentence))


def test_the_gendarmerie_is_a_police_force_and_no_person():
    roles = event_roles("He was blocked by the gendarmerie in Dakar.", "COERCE")
    assert roles["source"][0] == "gendarmerie"


def test_a_police_commissioner_summoned_by_a_court_is_no_diplomat():
    found = types_and_modes("The court summoned the police commissioner for questioning.")
    assert ("summoned", "ACCUSE", "investigate") in found


def test_an_act_done_in_defiance_of_a_ban_is_the_act():
    found = types("Hundreds of people defied a ban on protests to take to the streets of the capital.")
    assert [t for _, t in found] == ["PROTEST"]


def test_defying_pressure_without_an_act_after_it_stays_a_rejection():
    found = types("The government defied international pressure and refused to release the prisoners.")
    assert ("defied", "REJECT") in found


@pytest.mark.parametrize("sentence", [
    "The army said it had \"growing concern\" over the speed of the government's changes.",
    'Pretoria said the position of the Israeli ambassador was "untenable."',
])
def test_concern_voiced_and_an_untenable_position_blame(sentence):
    assert ("said", "ACCUSE") in types(sentence)


def test_concern_about_someones_health_blames_no_one():
    assert types("The minister said there were growing concerns over his health.") == []


@pytest.mark.parametrize("sentence", [
    "China said the reports were fabricated by Western media.",
    "Russia said the government was acting maliciously.",
])
def test_more_words_of_blame(sentence):
    assert ("said", "ACCUSE") in types(sentence)
