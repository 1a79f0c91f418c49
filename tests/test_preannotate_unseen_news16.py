"""Rules from a sixteenth look at news outside the development sets (2026-12-07, tenth session:
agency samples coded blind, some tuned on and some kept blind; the sentences here are written
for the tests). Each test pairs the rule with the case it must keep:
- "X accused Y of ...ing ... and demanded ...": a finite verb the parse joined to the gerund
  shares the subject of the finite verb above it (X), not the accused; and a verb joined by
  "and" to an active verb is active whatever its -ed form is tagged ("accused Russia ... and
  called for sanctions"), while one joined to a passive stays passive;
- a demand typed as the protesters' PROTEST still says what is demanded ("protesters demanded
  Hasina step down": no resignation);
- "Amnesty Kenya called for ...": a capitalised trigger noun opening the sentence before a
  country is a name the recogniser split;
- "tell us that not everybody ...": "not" marks an order only as "not to";
- "police charged through the gate": a rush, no accusation;
- "would push ahead until Kabila agreed to talks": the act a future or a condition waits for
  is not done ("fought on until Kabila agreed to talks" tells it done);
- "..., asking not to be named": the source's anonymity, no request of the story;
- "a ban on street rallies": what a ban forbids is no rally held;
- "inadequate", "insufficient", "excessive", "disproportionate", "intimidating", "subvert",
  "manipulating", "mass grave", "failing to": words of blame;
- "..., killing one civilian and damaging an industrial facility, officials said": damage told,
  no blame (a "damaging" report still blames);
- "an attack blamed on jihadists": the attack's source, no accuser ("X blamed Y" accuses);
- "the soldiers killed were aged 18 to 20": those killed in an act told, described;
- "was met with widespread shock": a reception, no meeting;
- "once reinforcements arrived": troops, not an act ("sent reinforcements" mobilises);
- "claimed Russian troops had violated the ceasefire": a claim with a clause after it, however
  parsed, is an allegation ("claims sovereignty over the islands" claims an object);
- "declared a three-day unilateral ceasefire": declaring or announcing a truce, whatever its
  modifiers, concedes (PLOVER CONCEDE); "The ceasefire was declared in preparation for ..."
  tells one already told;
- "protesters are demanding the resignation of ...": what a crowd goes on demanding is its
  protest's cause (ruling 2), no request ("protesters demanded ... on Monday" is the protest);
- "remains a worrisome security threat", "poses a threat": a danger described, no threat made;
- "The strike was the first big salvo in weeks", "The strikes appear to be the first sign of
  conflict": an act named by "the" as the subject of "be" with a noun after it is described,
  told before ("The attack was carried out by Hamas" tells who did it);
- "in a bid to force Nawaz Sharif, the prime minister, to resign": an infinitive inside an aim
  is sought, not done, however far from the aim;
- "BEIRUT (AP) -- Artillery fire ...": a capital after a dateline's dash opens the story, it
  names no organisation ("the Artillery Fire Directorate" still does);
- "Officers stopped a truck carrying gang members": stopping a vehicle is a seizure (COERCE);
  "the rain stopped the match" is not;
- "invited citizens to mobilize against it": an invitation to act asks it (REQUEST); one to
  talk or meet stays AGREE ("invited the countries to open dialogue").
"""

from __future__ import annotations

import pytest

from preannotate_support import event_roles, types, verdict


def test_a_finite_verb_joined_to_a_gerund_shares_the_accusers_subject():
    roles = event_roles("Vietnam accused China of violating its sovereignty and demanded that Beijing "
                        "pay compensation.", "REQUEST")
    assert roles["source"] == ("Vietnam", "VNM")


def test_a_verb_joined_to_the_main_verb_itself_keeps_its_subject():
    roles = event_roles("Vietnam accused China of violating its sovereignty.", "ACCUSE")
    assert roles["source"] == ("Vietnam", "VNM")
    assert roles["target"] == ("China", "CHN")


def test_a_verb_joined_to_an_active_verb_is_active():
    roles = event_roles("The Ukrainian minister accused Russia of lying and called for new sanctions.", "REQUEST")
    assert roles["source"][0] == "minister"
    assert "target" not in roles or roles["target"][0] != "minister"


def test_a_verb_joined_to_a_passive_verb_stays_passive():
    roles = event_roles("Two activists were detained and beaten by police.", "ASSAULT")
    assert roles["source"][0] == "police"
    assert roles["target"][0] == "activists"


def test_what_protesters_demand_is_not_done():
    found = types("Protesters demanded Hasina step down.")
    assert ("step down", "RETREAT") not in found
    assert ("demanded", "PROTEST") in found


def test_a_resignation_told_is_done():
    assert types("Prime Minister Hasina stepped down on Monday.") == [("stepped down", "RETREAT")]


def test_a_trigger_noun_opening_a_name_before_a_country_is_the_name():
    assert verdict("Amnesty Kenya called for the release of the 11 arrested.", "Amnesty") == "part of a name"


def test_an_amnesty_opening_the_sentence_is_still_an_act():
    assert verdict("Amnesty was granted to 300 prisoners on Monday.", "Amnesty") != "part of a name"


def test_tell_with_a_that_clause_orders_nothing():
    text = '"The events in the region tell us that not everybody has accepted democracy," the president said.'
    assert ("tell", "REQUEST") not in types(text)


def test_tell_not_to_is_an_order():
    assert ("told", "REQUEST") in types("The UN told Israel not to expand the offensive.")


@pytest.mark.parametrize("sentence", [
    "Police officers charged through the gate, triggering pandemonium.",
    "Riot police charged across the square on Sunday.",
])
def test_charging_through_a_place_is_no_accusation(sentence):
    assert "ACCUSE" not in [etype for _, etype in types(sentence)]


def test_charged_with_a_crime_is_an_accusation():
    assert ("charged", "ACCUSE") in types("Prosecutors charged the opposition leader with treason on Monday.")


def test_an_act_a_future_waits_for_is_not_done():
    text = "The rebels said they would push ahead to seize more territory until President Kabila agreed to talks."
    assert ("agreed to", "AGREE") not in types(text)
    assert verdict(text, "agreed") == "hypothetical"


def test_an_act_that_ended_a_past_fight_is_done():
    text = "The rebels fought on until President Kabila agreed to talks in December."
    assert ("agreed to", "AGREE") in types(text)


@pytest.mark.parametrize("sentence", [
    "Two houses were burned, a villager said, asking not to use his name.",
    "The official, who asked not to be quoted, said two houses were burned.",
])
def test_asking_not_to_be_named_is_no_request(sentence):
    assert "REQUEST" not in [etype for _, etype in types(sentence)]


def test_asking_a_party_not_to_act_is_a_request():
    assert ("asked", "REQUEST") in types("The UN asked Israel not to enter Rafah.")


def test_what_a_ban_forbids_is_no_rally():
    text = "The government had already enforced a two-month ban on street rallies in the capital."
    assert types(text) == [("ban", "COERCE")]


def test_a_rally_against_a_ban_is_held():
    assert ("rally", "PROTEST") in types("Thousands joined a rally against the ban in the capital on Sunday.")


@pytest.mark.parametrize("sentence", [
    "The UN envoy said the ceasefire was inadequate to ease the plight of civilians.",
    "The UN envoy said the police had been intimidating journalists for weeks.",
    "Rights groups said the police response was excessive and disproportionate.",
    "The minister said the general had tried to subvert the constitutional order.",
    "Activists said the regional bloc was manipulating the democratic process.",
    "MSF said the city had been turned into a mass grave.",
])
def test_words_of_blame_make_an_accusation(sentence):
    assert "ACCUSE" in [etype for _, etype in types(sentence)]


def test_a_neutral_statement_is_no_accusation():
    assert "ACCUSE" not in [etype for _, etype in types("The UN envoy said the ceasefire would last two days.")]


def test_damage_told_in_a_report_blames_no_one():
    text = ("Russian warplanes fired missiles at targets in Ukraine on Friday, killing one civilian, wounding "
            "four more and damaging an industrial facility, Kyiv officials said.")
    assert "ACCUSE" not in [etype for _, etype in types(text)]
    assert ("fired missiles", "ASSAULT") in types(text)


def test_a_damaging_report_still_blames():
    text = "The minister said the report was damaging and dishonest."
    assert "ACCUSE" in [etype for _, etype in types(text)]


def test_an_attack_blamed_on_a_group_is_the_groups_attack():
    text = "At least four soldiers were killed on Tuesday in an attack blamed on jihadists in northern Mali."
    assert "ACCUSE" not in [etype for _, etype in types(text)]
    roles = event_roles(text, "ASSAULT")
    assert roles["source"][0] == "jihadists"


def test_blaming_a_party_accuses_it():
    assert ("blamed", "ACCUSE") in types("The army blamed jihadists for the attack on Tuesday.")


@pytest.mark.parametrize("sentence", [
    "The soldiers killed were aged 18 to 20.",
    "The gang members killed on Monday were presumed to be linked to the faction.",
])
def test_those_killed_described_are_no_new_killing(sentence):
    assert types(sentence) == []


def test_a_killing_told_is_an_act():
    assert types("Gunmen killed the soldiers on Monday.") == [("killed", "ASSAULT")]


def test_met_with_shock_is_no_meeting():
    assert types("The decision to deploy the armed forces was met with widespread shock.") == []


def test_a_minister_meeting_with_an_envoy_is_a_meeting():
    assert ("met with", "CONSULT") in types("The foreign minister met with the UN envoy in Geneva on Monday.")


@pytest.mark.parametrize("sentence", [
    "The checkpoints were later retaken once reinforcements arrived.",
    "Army reinforcements were hit by mortar fire ten minutes later.",
])
def test_reinforcements_as_a_subject_are_troops(sentence):
    assert "MOBILIZE" not in [etype for _, etype in types(sentence)]


def test_sending_reinforcements_mobilises():
    assert "MOBILIZE" in [etype for _, etype in types("The army sent reinforcements to the border town on Monday.")]


def test_a_definite_noun_act_leaves_its_killing_an_event():
    text = "The second attack was in the Linwood mosque, killing eight people."
    assert ("killing", "ASSAULT") in types(text)


def test_a_claim_with_a_clause_is_an_allegation():
    assert ("claimed", "ACCUSE") in types("Zelensky claimed Russian troops had violated the ceasefire.")


def test_a_claim_to_an_object_is_no_allegation():
    assert types("China claims sovereignty over the islands.") == []


@pytest.mark.parametrize("sentence", [
    "Last month, President Vladimir Putin declared a three-day unilateral ceasefire in Ukraine.",
    "The rebels announced a week-long humanitarian truce on Sunday.",
])
def test_declaring_a_truce_with_modifiers_concedes(sentence):
    assert "CONCEDE" in [etype for _, etype in types(sentence)]


def test_a_truce_told_before_declared_again_is_no_new_concession():
    assert types("The ceasefire was declared in preparation for the Victory Day parade.") == []


@pytest.mark.parametrize("sentence", [
    "Protesters are demanding the resignation of the president and the dissolution of Congress.",
    "The farmers have been demanding higher prices backed by law for their crops.",
])
def test_what_a_crowd_goes_on_demanding_is_no_request(sentence):
    assert types(sentence) == []


def test_a_demand_made_on_a_day_is_the_protest():
    assert ("demanded", "PROTEST") in types("Protesters demanded the resignation of the president on Monday.")


@pytest.mark.parametrize("sentence", [
    "The Abu Sayyaf remains a worrisome national security threat.",
    "Iran poses a threat to the region.",
])
def test_a_threat_described_is_no_threat_made(sentence):
    assert types(sentence) == []


def test_a_threat_of_force_is_a_threat():
    assert "THREATEN" in [etype for _, etype in types("North Korea threatened to strike the US base on Guam.")]


def test_the_act_described_by_be_is_told_before():
    assert ("strike", "ASSAULT") not in types("The strike was the first big salvo of missiles Russia launched in weeks.")


def test_the_act_with_its_doer_is_told():
    assert types("The attack was carried out by Hamas.") == [("attack", "ASSAULT")]


def test_the_act_that_appears_to_be_something_is_described():
    assert types("The strikes appear to be the first sign of conflict in Kidal since the U.N. left.") == []


def test_an_infinitive_far_inside_an_aim_is_not_done():
    text = ("The party called for street demonstrations on Wednesday in a bid to force Nawaz Sharif, the "
            "prime minister, to resign.")
    assert ("resign", "RETREAT") not in types(text)
    assert verdict(text, "resign") == "hypothetical"


def test_a_resignation_after_an_aim_is_done():
    text = "After a failed bid to keep his seat, the prime minister resigned on Wednesday."
    assert ("resigned", "RETREAT") in types(text)


@pytest.mark.parametrize("sentence, trigger", [
    ("BEIRUT (AP) -- Artillery fire from government-held territory killed at least eight civilians on Saturday.",
     "Artillery fire"),
    ("KYIV (Reuters) – Attacks on the city killed two people on Friday.", "Attacks"),
])
def test_a_capital_after_a_datelines_dash_opens_the_story(sentence, trigger):
    assert verdict(sentence, trigger) != "part of a name"


def test_a_capitalised_trigger_inside_a_sentence_is_a_name():
    assert verdict("A statement from the Artillery Fire Directorate said nothing.", "Artillery") == "part of a name"


def test_stopping_a_vehicle_is_a_seizure():
    assert ("stopped", "COERCE") in types("Officers stopped a truck carrying gang members on Tuesday.")


def test_stopping_a_match_is_no_seizure():
    assert types("The rain stopped the match on Tuesday.") == []


def test_an_invitation_to_act_is_a_request():
    assert types("Arce invited citizens to mobilize against the coup.") == [("invited", "REQUEST")]


def test_an_invitation_to_talk_is_an_agreement():
    assert types("The president invited the countries to open dialogue.") == [("invited", "AGREE")]
