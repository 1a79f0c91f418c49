"""Rules from a seventeenth look at news outside the development sets (2026-12-07, eleventh
session: six new agency samples coded blind, four tuned on and two kept blind; the sentences here
are written for the tests). Each test pairs the rule with the case it must keep:
- "describe(s)", "calls", "brands", "labels": the present of a judging verb judges its object as
  the past does ("Critics describe the law as illegal");
- "a blow to", "violently", "coerced", "under duress": words of blame;
- "protesters were striking the glass walls", "protesters have occupied the universities":
  protesters' violence is their riot and their occupation a blockade (PLOVER PROTEST), as
  "stormed" already was; gunmen striking stay ASSAULT and troops occupying stay COERCE;
- "hurled fireworks at police" is a thrown object; "surrounded the presidency" a place ringed;
- 'said it is "shocking" that the United States vetoed ...': a judgement told before the act it
  judges is the speaker's own event beside the veto; "said the United States vetoed ..." stays
  the veto alone;
- "will suspend", "will impose sanctions", "appropriate measures in response", "would be
  arrested if he returned": threats ("we will suspend our aid if ..." of a party named);
- "took place very close to the border": nearness, nothing closed;
- "the names of the hostages were released": information made public, no one freed;
- "all those who are arbitrarily detained": a present passive describing whom it holds is a
  standing state ("were detained on Monday" is the act);
- "we reiterate our call for ...": a call renewed in the speaker's own words is the request,
  quoted or not;
- "has spent 12 years under house arrest": time served told as lasting (ruling 7), while
  "spending 13 days in detention until ..." is the detention told;
- "arrested for allegedly flouting the dress code": the act given as the reason is the charge;
- "residents opposed to the gangs": a stance described, no rejection ("Residents opposed the
  mine" rejects);
- "attack drones", "an attack helicopter": a kind of weapon ("a drone attack" is one);
- '"... forces must raise the white flag," it said': "it" is who spoke before the quotation,
  never a party inside it;
- '"... by the security forces," said Kaneko': a party that ends a quotation right before the
  speech verb is what was said, not who says it ('"...," the foreign ministry said' is);
- "downed 17 Russian drones": a verb frame finds the aircraft however many words count it
  ("downed power lines" is no attack); "pausing assistance": aid withdrawn.
"""

from __future__ import annotations

import pytest

from preannotate_support import event_roles, types, verdict


@pytest.mark.parametrize("sentence, trigger", [
    ("Opposition leaders describe the new law as illegal.", "describe"),
    ("The opposition brands the election a fraud.", "brands"),
])
def test_the_present_of_a_judging_verb_judges(sentence, trigger):
    assert (trigger, "ACCUSE") in types(sentence)


def test_a_present_judging_verb_with_a_neutral_label_judges_nothing():
    assert types("Officials describe the region as mountainous.") == []


@pytest.mark.parametrize("sentence", [
    'The UN chief called the army\'s move a "serious blow to democratic reforms".',
    'Venezuelan opposition leader Maria Machado said the video message had been coerced.',
])
def test_new_words_of_blame(sentence):
    assert any(etype == "ACCUSE" for _t, etype in types(sentence))


def test_a_neutral_report_blames_no_one():
    assert types("Venezuelan opposition leader Maria Machado said the video message had been recorded.") == []


def test_a_protesters_blow_at_a_building_is_their_riot():
    found = types("Protesters were striking the glass walls of the parliament with metal poles.")
    assert ("striking", "PROTEST") in found


def test_gunmen_striking_stay_an_assault():
    found = types("Gunmen struck a police post in the north on Monday.")
    assert ("struck", "ASSAULT") in found


def test_protesters_occupying_a_place_block_it():
    found = types("Protesters have occupied the universities for weeks.")
    assert ("occupied", "PROTEST") in found


def test_troops_occupying_a_town_seize_it():
    found = types("Russian troops occupied the town on Monday.")
    assert ("occupied", "COERCE") in found


def test_fireworks_hurled_at_police_are_thrown():
    found = types("Protesters hurled fireworks at police outside the parliament.")
    assert ("hurled fireworks", "PROTEST") in found


def test_protesters_surrounding_the_presidency_protest():
    found = types("Protesters surrounded the presidency on Sunday.")
    assert ("surrounded", "PROTEST") in found


def test_a_judgement_told_before_the_act_is_the_speakers_own_event():
    text = ('Russian envoy Vassily Nebenzia said it is "shocking" that the United States vetoed the '
            'resolution.')
    found = types(text)
    assert ("vetoed", "REJECT") in found
    assert ("said", "ACCUSE") in found


def test_a_plain_report_of_a_veto_is_the_veto_alone():
    found = types("Russian envoy Vassily Nebenzia said the United States vetoed the resolution.")
    assert ("vetoed", "REJECT") in found
    assert ("said", "ACCUSE") not in found


@pytest.mark.parametrize("sentence", [
    '"We will suspend the talks with Mali," ECOWAS President Omar Touray said.',
    'The Iranian foreign minister said Iran would take appropriate measures in response to the resolution.',
    'Prime Minister Irakli Garibashvili had said that Saakashvili would be arrested if he returned.',
])
def test_threats_of_measures(sentence):
    assert any(etype == "THREATEN" for _t, etype in types(sentence))


def test_a_measure_announced_for_oneself_is_no_threat():
    found = types('"We will suspend our operations in the city until further notice," the ministry said.')
    assert not any(etype == "THREATEN" and trigger == "said" for trigger, etype in found)


def test_close_to_a_border_is_nearness():
    text = 'The president said the attacks had taken place "very close" to the border.'
    assert not any(etype == "COERCE" for _t, etype in types(text))


def test_closing_a_border_is_a_restriction():
    assert ("closed the border", "COERCE") in types("The government closed the border on Monday.")


def test_names_released_free_no_one():
    assert verdict("The names of the hostages were released on Friday.", "released") == "information released"


def test_hostages_released_are_freed():
    assert ("released", "RETREAT") in types("Hamas released three hostages on Saturday.")


def test_those_who_are_detained_are_described():
    text = "The envoy called for the release of all those who are arbitrarily detained."
    assert verdict(text, "detained") == "standing state"


def test_people_detained_on_a_day_were_detained():
    assert ("detained", "COERCE") in types("Police detained 12 activists in the capital on Monday.")


def test_a_call_renewed_in_a_quotation_is_the_request():
    text = ('"We reiterate our call for the immediate release of the prisoners," the UN spokeswoman '
            'said on Thursday.')
    assert verdict(text, "call for") == "kept"


def test_time_served_under_house_arrest_is_a_standing_state():
    text = "The opposition leader has spent over 12 years under house arrest in Yangon."
    assert verdict(text, "house arrest") == "standing state"


def test_days_spent_in_detention_until_release_are_the_detention():
    text = "They ended up spending 13 days in detention until lawyers secured their release on bail."
    assert verdict(text, "detention") != "standing state"


def test_an_act_given_as_the_reason_for_an_arrest_is_the_charge():
    text = "The student was arrested by the morality police last year for allegedly flouting mandatory dress codes."
    assert ("flouting", "REJECT") not in types(text)
    assert ("arrested", "COERCE") in types(text)


def test_people_opposed_to_a_party_are_described():
    assert verdict("The groups were formed by residents opposed to the gangs.", "opposed") == "standing state"


def test_opposing_a_plan_is_a_rejection():
    assert ("opposed", "REJECT") in types("Residents opposed the new mine on Monday.")


def test_attack_drones_are_weapons():
    assert verdict("Separatists said Azerbaijan was using artillery and attack drones.", "attack") \
        == "a device, not an act"


def test_a_drone_attack_is_an_attack():
    assert any(etype == "ASSAULT" for _t, etype in types("Russia launched a drone attack on Kyiv on Monday."))


def test_it_after_a_quotation_is_not_a_party_quoted():
    roles = event_roles('The Azerbaijani defence ministry issued a statement. "Illegal Armenian armed forces must '
                        'raise the white flag," it said.', "REQUEST")
    assert roles["source"][1] == "AZEGOVMIL"
    assert roles["target"][1] == "ARMMIL"


def test_a_party_at_the_end_of_a_quotation_is_not_its_speaker():
    text = ('Suu Kyi remains in detention. "We remain deeply concerned at the continuation of violence and '
            'intimidation by the security forces," said Kaneko.')
    roles = event_roles(text, "ACCUSE")
    assert roles["source"][0] == "Kaneko"


def test_a_speaker_between_the_quotation_and_the_verb_speaks():
    roles = event_roles('"These arrests are illegal," the Iranian foreign ministry said.', "ACCUSE")
    assert roles["source"][1] == "IRNGOV"


@pytest.mark.parametrize("sentence", [
    "Ukrainian forces downed 17 Russian drones over the Odesa region overnight.",
    "US and coalition forces downed a total of at least 28 drones in the Red Sea.",
])
def test_drones_downed_however_counted_are_an_assault(sentence):
    assert ("downed", "ASSAULT") in types(sentence)


def test_power_lines_downed_by_a_storm_are_no_assault():
    assert types("The storm downed power lines across the region.") == []


def test_pausing_assistance_withdraws_it():
    assert ("pausing", "SANCTION") in types("On Monday, Japan and Austria joined them in pausing assistance.")


def test_paused_talks_are_no_sanction():
    assert not any(etype == "SANCTION" for _t, etype in types("The talks were paused on Monday."))
