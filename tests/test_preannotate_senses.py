"""Decider, frame and lexicon rules written from web news the rules had never seen
(corpora/dev/ewtfresh, then ewtblind, once their blind figures were taken): a word's other
sense, an act asked of or avoided by its actor, a promise of harm, words that attack, verbs
typed by their object. The tests pair the rules with near misses they must keep, on sentences
written for these tests; each test has a case that fails when its rule is removed (checked on
the rules of 2026-12-04's second session start, commit e3ccbba)."""

from __future__ import annotations

import pytest

from preannotate_support import types


def test_a_literal_verb_form_used_as_a_verb_is_no_noun_phrase():
    # "ordered" is listed literally (not "an order"); after "Since" it heads a clause, so the
    # back-reference rule for nouns in a prepositional phrase does not apply to it
    assert ("ordered", "REQUEST") in types("Since President Hu ordered state oil firms to buy fields abroad, "
                                           "prices have risen.")


@pytest.mark.parametrize("sentence", [
    "The government has avoided criticising the general in public.",
    "Washington refrained from condemning the coup.",
])
def test_an_act_avoided_is_not_done(sentence):
    assert not [t for t in types(sentence) if t[1] == "ACCUSE"]


def test_an_act_not_avoided_is_still_reported():
    assert ("criticised", "ACCUSE") in types("The government criticised the general in public.")


@pytest.mark.parametrize("sentence", [
    "India's growing demand for oil has pushed up prices.",
    "Rising energy demand is straining the grid.",
    "Its demand for coal doubled in a decade.",
])
def test_demand_in_the_market_sense_asks_no_one(sentence):
    assert not [t for t in types(sentence) if t[1] == "REQUEST"]


def test_a_political_demand_is_still_a_request():
    assert ("demand", "REQUEST") in types("The opposition repeated its demand for the release of the "
                                          "jailed activists on Monday.") \
        or ("repeated its demand", "REQUEST") in types("The opposition repeated its demand for the release "
                                                       "of the jailed activists on Monday.")


@pytest.mark.parametrize("sentence, trigger", [
    ("The rebels pledged to disrupt the vote.", "pledged"),
    ("Moscow promised to veto any resolution against Damascus.", "promised"),
    ("The militia vowed to sabotage the pipeline.", "vowed"),
])
def test_a_promise_of_harm_is_a_threat(sentence, trigger):
    assert (trigger, "THREATEN") in types(sentence)


def test_a_promise_of_help_stays_agree():
    assert ("pledged", "AGREE") in types("Japan pledged to rebuild the schools.")


@pytest.mark.parametrize("sentence, etype", [
    ("The minister dismissed his rival as a thief and a traitor.", "ACCUSE"),
    ("The army dismissed the reports of civilian deaths as propaganda.", "REJECT"),
])
def test_dismissing_as_disparages_or_denies(sentence, etype):
    assert [t[1] for t in types(sentence)] == [etype]


def test_dismissing_an_official_is_still_a_sanction():
    assert ("dismissed", "SANCTION") in types("The president dismissed the interior minister on Monday.")


def test_asking_a_question_is_no_request():
    assert types("The reporter asked the minister whether he wanted to resume the talks.") == []
    assert types("She asked the envoy what he hoped to achieve in Kabul.") == []


def test_asking_someone_to_act_is_still_a_request():
    assert ("asked", "REQUEST") in types("The UN asked Israel to open the crossings.")


@pytest.mark.parametrize("sentence", [
    "The dispute has brought refugees, and even the threat of nuclear war, to the region.",
    "Analysts say the threat of civil war is growing in the north.",
])
def test_the_threat_of_a_calamity_is_a_danger(sentence):
    assert not [t for t in types(sentence) if t[1] == "THREATEN"]


def test_a_partys_threat_of_war_is_a_threat():
    assert ("threat", "THREATEN") in types("North Korea renewed its threat of nuclear war against the United States.")


@pytest.mark.parametrize("sentence", [
    "The two ministers traded shrill public attacks over the budget.",
    "The senator launched personal attacks on the governor.",
    "The rivals exchanged attacks in the media all week.",
])
def test_attacks_made_of_words_are_accuse(sentence):
    found = types(sentence)
    assert [t for t in found if t[1] == "ACCUSE"] and not [t for t in found if t[1] == "ASSAULT"]


def test_an_armed_attack_stays_an_assault():
    assert ("attacks", "ASSAULT") in types("Rebels carried out attacks on army posts near the border.") \
        or ("carried out attacks", "ASSAULT") in types("Rebels carried out attacks on army posts near the border.")


@pytest.mark.parametrize("sentence", [
    "No one expects the cleric to call the US to withdraw its troops.",
    "Washington should press the general to step down and to repeal the decree.",
    "The sooner the soldiers can be withdrawn, the better.",
])
def test_a_concession_asked_of_another_or_to_come_is_not_made(sentence):
    assert not [t for t in types(sentence) if t[1] in ("CONCEDE", "RETREAT")]


def test_an_announced_withdrawal_is_still_a_concession():
    assert ("withdraw", "CONCEDE") in types("Russia will withdraw its forces next week.")


def test_a_candidate_withdrawing_from_a_race_concedes_nothing():
    assert types("The mayor was running in the elections and has now withdrawn.") == []
    assert ("withdrew its demand", "CONCEDE") in types("The opposition withdrew its demand for early elections.")


def test_a_cheap_shot_is_no_shooting():
    assert types("That remark was a cheap shot at the prime minister.") == []


@pytest.mark.parametrize("sentence, trigger, etype", [
    ("Soldiers destroyed three houses in the village.", "destroyed", "ASSAULT"),
    ("Dozens of temples have been destroyed by the militia.", "destroyed", "ASSAULT"),
    ("The army moved two battalions and dozens of tanks to the border.", "moved", "MOBILIZE"),
    ("The navy intercepted a freighter carrying rifles off the coast.", "intercepted", "COERCE"),
    ("The militant leader was captured in Quetta last month, and he was captured again in May.", "captured", "COERCE"),
    ("Iraq had destroyed its stockpiles by 1998.", "destroyed", "RETREAT"),
    ("A judge dismissed the lawsuit against the newspaper.", "dismissed", "REJECT"),
    ("The charity provided the refugees with $35,000 in cash.", "provided", "AID"),
    ("Police nabbed the suspect in Karachi.", "nabbed", "COERCE"),
    ("Iran and Syria agreed upon a mutual defence pact.", "agreed upon", "SUPPORT"),
    ("The government raised the threat level to orange.", "raised the threat level", "MOBILIZE"),
])
def test_verbs_typed_by_their_object_and_words_added_from_web_news(sentence, trigger, etype):
    assert (trigger, etype) in types(sentence)


@pytest.mark.parametrize("sentence", [
    "The fire destroyed three houses in the village.",
    "The family moved to the capital.",
    "The radar intercepted a weak signal.",
])
def test_the_same_verbs_without_their_object_or_by_nature_are_no_event(sentence):
    assert types(sentence) == []


def test_backing_told_is_support_but_who_stands_behind_whom_is_not():
    assert ("backed", "SUPPORT") in types("On Monday France backed the Kenyan plan for a ceasefire.") \
        or ("backed the Kenyan plan", "SUPPORT") in types("On Monday France backed the Kenyan plan for a ceasefire.")
    assert types("The rebels are backed by Iran.") == []
    assert types("An Iranian-backed militia controls the port.") == []


def test_a_frame_verb_in_a_relative_clause_takes_the_noun_it_hangs_on_as_its_object():
    assert ("signed", "SUPPORT") in types("He helped negotiate the nuclear deal that was signed in Vienna.")
    assert ("signed", "SUPPORT") not in types("He praised the young poet who signed copies in Vienna.")


def test_words_of_dismay_make_a_quotation_criticism():
    found = types('"It is deeply disturbing that the army fired on students," the minister said.')
    assert ("said", "ACCUSE") in found
    # the near miss: dismay and praise together are no praise
    assert ("said", "SUPPORT") not in types('"I find it troubling that the governor would describe the crackdown '
                                            'as good news," the senator said.')


def test_a_request_in_a_clause_of_its_own_is_not_under_the_earlier_refusal():
    found = types("The candidate rejected the offer as his own allies urged him to quit the race.")
    assert ("urged", "REQUEST") in found
    assert ("urged", "REQUEST") not in types("The candidate rejected demands that his allies urged on him.")


@pytest.mark.parametrize("sentence", [
    "The interior minister said the gunmen were linked to an al-Qaeda network.",
    "The president said foreign security forces were involved in the riots.",
])
def test_a_tie_to_a_shady_group_or_a_part_in_a_misdeed_said_of_a_party_is_an_accusation(sentence):
    assert ("said", "ACCUSE") in types(sentence)


def test_a_tie_to_a_name_or_a_part_in_talks_is_no_accusation():
    assert ("said", "ACCUSE") not in types("The president said many dates are tied to the name of the founder.")
    assert ("said", "ACCUSE") not in types("The minister said Norway was involved in the peace talks.")


@pytest.mark.parametrize("sentence, word", [
    ("The administration is planning an attack on the rebel stronghold.", "attack"),  # an act to come
    ("Any US attack on Iran could be perceived by China as a danger.", "attack"),  # whatever act might come
    ("The air force has ten attack squadrons.", "attack"),  # a modifier
    ("The country's economy is exploding.", "exploding"),  # the economy's sense
    ("The storm slammed into the coast on Monday.", "slammed"),  # a collision
    ("Thanks to the new deployments, recruiting is down.", "Thanks"),  # because of
    ("When the cartoons are released, nobody will care.", "released"),  # a publication
    ("The purpose of the letter bombs was to spread fear.", "bombs"),  # the device
    ("Syria has the most advanced chemical weapons capability in the region.", "chemical weapons"),  # a capability
    ("The lawyer advises me that her client knew nothing.", "advises"),  # informs
    ("The senator sought a waiver that would lift all restrictions on aid.", "lift"),  # the waiver would
    ("The group's ability to strike is one of the most immediate threats the country is likely to face.",
     "threats"),  # a danger
])
def test_no_act_in_these_senses(sentence, word):
    assert not [t for t in types(sentence) if word in t[0]], types(sentence)


@pytest.mark.parametrize("sentence, trigger, etype", [
    ("Rebels launched an attack on the rebel stronghold.", "launched an attack", "ASSAULT"),
    ("Two letter bombs were sent to the newspaper's offices.", "bombs", "ASSAULT"),
    ("The government used chemical weapons against the town.", "used chemical weapons", "ASSAULT"),
    ("The minister slammed the decision.", "slammed", "ACCUSE"),
    ("The army released the prisoners on Friday.", "released the prisoners", "RETREAT"),
    ("The report said the hostages were released.", "were released", "RETREAT"),  # the report is not what was released
    ("The UN advised the parties to return to the talks.", "advised", "REQUEST"),
])
def test_the_act_in_its_own_sense_stays(sentence, trigger, etype):
    assert (trigger, etype) in types(sentence)


def test_a_soldier_captured_is_still_an_abduction_and_a_town_a_seizure():
    assert ("captured", "ASSAULT") in types("Two soldiers were captured by the rebels.")
    assert ("captured", "COERCE") in types("Rebels captured the town on Sunday.")


def test_a_thing_that_threatens_is_a_danger_but_an_actor_that_threatens_makes_a_threat():
    assert types("The lobbying scandal threatens to subsume all the party's gains in Congress.") == []
    assert ("threatened", "THREATEN") in types("The union threatened to strike on Monday.") \
        or ("threatened to strike", "THREATEN") in types("The union threatened to strike on Monday.")
