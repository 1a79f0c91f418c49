"""Trigger words that name no new act on unseen web news (annotator/preannotate/unreported.py,
issue 14). Each rule drops the candidate of an invented sentence under its own verdict name and
keeps a near miss; each test fails when its rule is lost or widened too far."""

from __future__ import annotations

import pytest

from preannotate_support import types, verdict


@pytest.mark.parametrize("dropped, near_miss, trigger, rule", [
    ("There has been talk that the army might close the border.",
     "The two parties held talks in Geneva on Monday.", "talk", "talk as rumour"),
    ("Maria Lopez talks during her first press conference in Lima on Monday.",
     "Maria Lopez talks with the rebel leaders in Lima on Monday.", "talks", "speaking, not consulting"),
    ("Militants shelled the town in retaliation for the arrests.",
     "Militants shelled the town on Monday.", "shelled", "kept"),
    ("The raids hurt American standing with local farmers.",
     "The president is standing with the protesters.", "standing", "noun 'standing'"),
    ("This kidnapping has embarrassed the governor.",
     "A kidnapping in the capital on Monday has embarrassed the governor.", "kidnapping",
     "act told before (demonstrative)"),
    ("Police found two car bombs near the market.",
     "Two car bombs exploded near the market on Sunday.", "car bombs", "device found, not set off"),
    ("He blamed the failure of the army to disarm the militias.",
     "The army disarmed the militias on Friday.", "disarm", "failed act"),
    ("The dispute killed the peace talks last year.",
     "The gunmen killed two policemen last year.", "killed", "figurative 'kill'"),
    ("Some people are suggesting that we march on the capital.",
     "Reports suggested that the farmers marched on the capital on Sunday.", "march", "content of a suggestion"),
    ("Many observers see the raids as a warning to the rebels.",
     "Police raided the rebel camp on Monday.", "raid", "act seen as something"),
    ("It was probably the work of militants punishing the elders for cooperating with the census.",
     "The villagers cooperated with the army in the search.", "cooperat", "reason for another act"),
    ("The newspaper has more on the consequences of the invasion.",
     "The army's invasion of the island began on Monday.", "invasion", "topic of a discussion"),
    ("The scandal is threatening to derail the peace process.",
     "The rebels are threatening to derail the peace process.", "threatening", "a risk, not a threat"),
    ("The peace talks between the two parties are deadlocked.",
     "Talks between the government and the rebels resumed in Oslo on Monday.", "talks", "a state of the act"),
    ("The party had long been firmly committed to sending troops.",
     "The party committed to sending troops on Monday.", "committed", "committed (a stance)"),
    ('The minister said the bombing was "cowardly".',
     "A bombing killed five people on Sunday.", "bombing", "act judged"),
    ("The prisoner 'confessed' his part in the plot.",
     "The prisoner confessed his part in the plot.", "confessed", "scare quotes"),
    ('The militia calls itself the party\'s "fighting arm" in the north.',
     "The air force began a bombing campaign against the rebels.", "ing", "participle adjective (-ing)"),
    ("There are rumours about preparations by the rebels for another attack on the city.",
     "The rebels made another attack on the city on Monday.", "attack", "prepared or rumoured act"),
    ("Thousands of farmers marched in the capital on Monday, protesting the new land law.",
     "Farmers were protesting the new land law on Monday.", "protesting", "same protest, participle clause"),
    ("He blamed the failure of the police to disarm or even arrest the militants.",
     "The police arrested the militants on Friday.", "arrest", "failed act"),
    ("Churches are calling for donations of blood and food for the flood victims.",
     "The opposition is calling for the release of the prisoners.", "calling", "appeal for donations"),
    ("If the governor keeps up this talk, he will attack the rebels in the north.",
     '"If they attack us, we will strike back," the governor said.', "strike", "conditional prediction"),
    ("The minister admitted that the economy was weak.",
     "The minister admitted that the army had made mistakes.", "admitted", "a fact admitted"),
    ("Even its critics concede that the plan has some merit.",
     "The rebels conceded defeat on Sunday.", "conced", "a fact admitted"),
    ("The UN warned that millions of people could face famine.",
     "Iran warned that it would retaliate against any attack.", "warned", "a warning of danger"),
    ("Analysts warned of a possible collapse of the ceasefire.",
     "The president warned Russia of serious consequences.", "warned", "a warning of danger"),
    ("The embassy warned its citizens to avoid the area.",
     "The army warned the people of Gaza that it would strike the tunnels.", "warned", "a warning of danger"),
])
def test_no_act_is_dropped_and_its_near_miss_kept(dropped, near_miss, trigger, rule):
    if rule == "conditional prediction":  # the near miss is a threat in the speaker's own words
        assert verdict(dropped, "attack") == rule
        assert verdict(near_miss, trigger) == "kept"
        return
    if rule == "kept":  # the act of the sentence stays; its purpose phrase is dropped
        assert verdict(dropped, "retaliation") == "purpose phrase"
        assert verdict(dropped, trigger) == "kept"
        assert verdict(near_miss, trigger) == "kept"
        return
    assert verdict(dropped, trigger) == rule
    assert verdict(near_miss, trigger) == "kept"


def test_as_opposed_to_is_a_fixed_expression():
    assert verdict("Most of the violence was in the north as opposed to the south.", "opposed") == "purpose phrase"


def test_that_as_a_complementiser_is_no_demonstrative():
    assert verdict("Police said that attacks by rebels killed five soldiers on Monday.", "attacks") == "kept"


def test_the_verb_talk_about_is_no_rumour():
    assert verdict("The president said, 'Let's talk about it tomorrow.'", "talk") != "talk as rumour"


def test_a_past_necessity_is_an_act_done_but_a_future_one_is_not():
    done = types("The army had to withdraw its troops from the border in 1998.")
    assert ("withdraw", "RETREAT") in done
    assert not types("The army will have to withdraw its troops from the border.")
