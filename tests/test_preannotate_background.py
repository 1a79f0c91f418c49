"""Trigger words a sentence uses without reporting an act (annotator/preannotate/background.py)
and the PLOVER retypes beside them (issue 14, precision on unseen news). Each rule has an
invented sentence whose candidate it drops, under the rule's own verdict name, and a near miss
that keeps the act; each test fails when its rule is lost or widened too far."""

from __future__ import annotations

from typing import Any

import pytest

from preannotate_support import types_and_modes, verdict


@pytest.mark.parametrize("dropped, near_miss, trigger, rule", [
    ("The former envoy was known for mediating between the rival factions.",
     "The former envoy mediated between the rival factions in March.", "mediat", "reputation"),
    ("A new threat to the king's rule emerged in the north.",
     "The rebels issued a threat to attack the capital.", "threat", "danger, not a threat"),
    ("The minister rejected demands for an independent investigation.",
     "The ministry opened an independent investigation into the shooting.", "investigation",
     "content of a request"),
    ("As part of his election campaign, the senator pledged to build new schools.",
     "The senator pledged to cooperate with the new government.", "pledged", "campaign promise"),
    ("The writer openly supported independence for the region.",
     "The writer openly supported the government's proposal.", "supported", "stance on a cause"),
    ("Protests were not reported in the capital.", "Protests were reported in the capital.", "Protests",
     "did not happen"),
    ("The rebels have conceded nothing.", "The rebels conceded defeat on Monday.", "conceded", "did not happen"),
    ("A harsh crackdown is on the way.", "A harsh crackdown began on Monday.", "crackdown", "still to come"),
    ("The embassy advised its citizens to leave the country.",
     "The opposition leader advised citizens to protest against the decree.", "advised", "advice to the public"),
    ("The president designated the general as defence minister.",
     "The government designated the group as a terrorist organisation.", "designated", "appointment"),
    ("The mayor suffered two deep wounds in the attack.", "The gunman wounded two guards.", "wound", "injury"),
    ("The president repeated the claim at a campaign rally on Friday.",
     "Thousands of workers held a rally against the pension reform.", "rally", "political rally"),
    ("The mayor praised residents, who had long opposed the plan.",
     "The mayor praised residents, who opposed the plan at a meeting on Monday.", "opposed", "background clause"),
    ("Gunmen killed five villagers in what witnesses described as a reprisal attack.",
     "Gunmen killed five villagers in a reprisal attack.", "attack", "characterised act"),
    ("A car bomb killed five people in Kabul, another attack blamed on the Taliban.",
     "A car bomb killed five people in Kabul and another attack hit Kandahar.", "attack", "characterised act"),
    ("His overthrow of the king in 1970 was a bloodless coup.",
     "The army overthrew the king in 1970, and a coup followed in 1975.", "coup", "characterised act"),
    ("The bombing of the embassy was a terrorist attack.",
     "The bombing of the embassy was followed by an attack on the consulate.", "attack", "characterised act"),
    ("The minister found the air strike justified.", "The minister ordered an air strike on the base.",
     "air strike", "opinion about the act"),
    ("The court said the prorogation was unlawful.", "The government's prorogation of parliament began on Monday.",
     "prorogation", "opinion about the act"),
    ("The prime minister is expected to resign next month.", "The prime minister will resign next month.",
     "resign", "expected, not announced"),
    ("Around 20,000 people attended the rally, organisers said.",
     "Around 20,000 people attended a rally in the capital on Sunday.", "rally", "attendance"),
    ("Only 27 countries have ratified the treaty.", "Kenya ratified the treaty on Monday.", "ratified", "tally"),
    ("Summit meetings usually focus on trade.", "The leaders held meetings in Geneva on Monday.", "meetings",
     "generic statement"),
    ("Suicide bombings have become a weapon of choice for the insurgents.",
     "Suicide bombings killed 20 people in the capital on Monday.", "bombings", "generic statement"),
    ("The policy of targeted killings has been widely criticized.",
     "The army carried out targeted killings of rebel leaders in May.", "killings", "a policy, not an act"),
    ("The territory is recognized only by Turkey.", "Turkey recognized the territory in 1983.", "recognized",
     "a state"),
    ("The Kurdish group is banned in Turkey.", "Turkey banned the Kurdish group in 1990.", "banned", "a state"),
    ("The two countries have clashing claims over the islands.", "Police clashed with demonstrators in the capital.",
     "clash", "other sense"),
    ("Evidence supported the claim that he was murdered.", "Germany supported the proposal on Monday.",
     "supported", "other sense"),
    ("The author recognizes that the war was a mistake.", "Turkey recognized the new government in Kabul.",
     "recogni", "other sense"),
    # an act deliberated on is not done
    ("The United States is considering new sanctions against Myanmar.",
     "The United States announced new sanctions against Myanmar.", "sanctions", "hypothetical"),
    ("The cabinet debated a ban on the group.", "The cabinet imposed a ban on the group.", "ban", "hypothetical"),
    # "any attack": whatever may come, none in particular
    ("The minister said any attack on its soldiers would be answered.",
     "The minister said an attack on its soldiers killed two men on Monday.", "attack", "hypothetical"),
    # ruling 9: declining to comment is no REJECT
    ("The minister refused to comment on the report.", "The government refused to negotiate with the rebels.",
     "refused", "other sense"),
    ("In his talk at the university, the minister praised the deal.", "The two ministers held talks in Cairo.",
     "talk", "a talk (speech)"),
    ("Two senators opposed the bill, and a third voted against it.", "The government opposed the deal.",
     "opposed", "a vote"),
    ("She asked the widow to be patient.", "She asked the government to release the prisoners.", "asked",
     "personal advice"),
    ("The EU imposed sanctions over alleged assassination plots.", "The EU alleged that Iran plotted assassinations.",
     "alleged", "adjective 'alleged'"),
    ("A report alleged that police used tear gas.", "The opposition alleged that police used tear gas.", "alleged",
     "a report, not an accusation"),
    ("He is a convicted murderer.", "The court convicted the murderer on Monday.", "convicted",
     "participle adjective"),
    ("A bill was proposed for banning the niqab.", "The government banned the niqab in 2015.", "bann",
     "content of a proposal"),
    ("It is host to a coalition fighting the rebels.", "Egypt is hosting talks between Israel and Hamas.", "host",
     "a state"),
    ("The mayor was unhurt, but his guard suffered two deep wounds in the attack.",
     "Dozens died in the attack, reportedly conducted by the Taliban.", "attack", "setting of an act told before"),
    ("The candidate urged supporters to turn out on Sunday.",
     "The candidate urged the government to release the prisoners.", "urged", "election appeal"),
    ("Israel prepared for a possible attack by Iran.", "Israel repelled an attack by Iran on Monday.", "attack",
     "possible act"),
    ("There are fears of renewed protests in Hong Kong.", "There were renewed protests in Hong Kong on Sunday.",
     "protests", "possible act"),
    ("Police foiled a bomb attack on the parliament.", "Militants carried out a bomb attack on the parliament.",
     "attack", "possible act"),
    ("Police arrested five protesters, and the arrests sparked anger.",
     "Police arrested five protesters on Sunday, and the arrests of three journalists in Lagos on Monday sparked anger.",
     "arrests",
     "same act told again"),
    ("A bombing at a mosque in Kabul, which killed 20 people, was claimed by ISIS.",
     "Police arrested the bomber, who killed 20 people.", "killed", "same act told again"),
    ("The group, banned since 2015, held a rally in the capital.",
     "The government banned the group in 2015.", "banned", "background clause"),
    ("The SDF, which has been fighting ISIS since 2015, welcomed the decision.",
     "The SDF was fighting ISIS in Raqqa on Monday.", "fighting", "background clause"),
])
def test_a_mention_is_dropped_and_its_near_miss_kept(dropped, near_miss, trigger, rule):
    assert verdict(dropped, trigger) == rule
    assert verdict(near_miss, trigger) in ("kept", "same incident")  # "same incident": its verb gave way to it
    assert types_and_modes(near_miss), near_miss


def test_blows_listed_after_a_kept_blow_are_one_act_but_a_later_clause_is_its_own():
    assert verdict("Video showed rival fans punching, kicking and throwing stones.", "throwing") == "same act listed"
    assert verdict("Rival fans were punching stewards on Saturday, and on Sunday gunmen were shooting at the stadium.",
                   "shooting") == "kept"


def test_a_trigger_word_as_a_noun_modifier_is_no_act():
    assert verdict("He was convicted over a stock exchange bomb plan.", "bomb") == "modifier use"
    assert ("bombed", "ASSAULT") in [(t, ty) for t, ty, _m in types_and_modes("Militants bombed the stock exchange.")]


def test_a_participle_describing_a_noun_is_dropped_but_a_gerund_after_a_preposition_is_kept():
    assert verdict("It is host to a coalition fighting the rebels.", "fighting") == "descriptive participle"
    assert verdict("The US was allied with Kurdish groups in fighting ISIS.", "fighting") == "kept"


# -- PLOVER retypes ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # dev-set ruling 2: demands voiced by protesters are their PROTEST
    ("Protesters called for the mayor's resignation.", [("called for", "PROTEST", "demo")]),
    ("Protesters marched through the city and called for the mayor's resignation.", [("marched", "PROTEST", "demo")]),
    ("The opposition called for the mayor's resignation.", [("called for", "REQUEST", None)]),
    # a clash of protesters with police is their riot, stones thrown in it part of it
    ("Protesters clashed with police and threw stones.", [("clashed", "PROTEST", "riot")]),
    ("Troops clashed with rebels near the border.", [("clashed", "ASSAULT", None)]),
    # PLOVER: deploying forces for relief is AID
    ("A warship was deployed to rescue the migrants.", [("deployed", "AID", None)]),
    ("Troops were deployed to the border.", [("deployed", "MOBILIZE", "troops")]),
    # PLOVER SANCTION/withdraw: pulling one's membership out of an agreement or body
    ("The United States withdrew from the nuclear agreement.", [("withdrew", "SANCTION", "withdraw")]),
    ("Russia withdrew its troops from the region.", [("withdrew", "RETREAT", "withdraw")]),
    # a state's protest is a diplomatic complaint (ACCUSE), as "lodged a protest with"; people protest
    ("China protested to Japan over the visit to the shrine.", [("protested", "ACCUSE", "disapprove")]),
    ("The foreign ministry protested strongly against the decision.", [("protested", "ACCUSE", "disapprove")]),
    ("Students protested against the tuition increase.", [("protested", "PROTEST", "demo")]),
])
def test_plover_retypes_the_act(sentence, expected):
    assert types_and_modes(sentence) == expected


def test_the_rules_stay_narrow():
    # "500 wounded": the casualties of an attack, not the noun "wound" (an injury)
    assert verdict("Over 300 Iraqis are reported dead and 500 wounded in Fallujah.", "wounded") == "kept"
    # "became known as" names the act; only "known for" is a reputation
    assert verdict("What became known as the palace coup began in October.", "coup") != "reputation"
    # welcoming a vote's result is praise, not a position taken in the vote
    assert verdict("The EU welcomed the vote on Sunday.", "welcomed") == "kept"
    # a call on supporters to protest, an army telling residents to leave: political requests
    assert verdict("Erdogan urged supporters to take to the streets.", "urged") == "kept"
    assert verdict("The army urged residents to leave the city.", "urged") == "kept"
    # a rally where protesters are: a protest, whoever speaks of it
    assert verdict("The mayor said protesters at a rally in the square threw stones.", "rally") != "political rally"
    # a threat made, a past habit told as acts, a coup attempt, a case of assault, a rally attacked
    assert verdict("The rebels issued a serious threat to attack the capital.", "threat") == "kept"
    assert verdict("Police regularly raided opposition offices last year.", "raided") == "kept"
    assert verdict("An attempted coup by the army failed on Monday.", "coup") == "kept"
    assert verdict("It was a case of assault by police.", "assault") == "kept"
    assert verdict("Police attacked people at a rally in Minsk.", "rally") == "kept"
    assert verdict("In case of an invasion, NATO will respond.", "invasion") == "possible act"
    # a call for calm is a political request; a two-word trigger is no noun modifier ("quit as party leader")
    assert verdict("The president issued a call for calm.", "call for") == "kept"
    assert verdict("The minister quit as party leader.", "quit as") == "kept"
    # an ambiguous lexicon word the tagger reads as a noun still gets the noun rules
    assert verdict('Officers shot him dead in what the police declared a "terrorist-related" attack.',
                   "attack") == "characterised act"


def test_a_statement_of_sympathy_is_no_accusation_however_dark_its_words():
    # coding guidelines: expressions of sympathy are not coded (statements.py, SYMPATHY)
    assert types_and_modes('The mayor wrote on Twitter: "Paris is mourning its family after this appalling attack."') == []
    assert types_and_modes('The mayor wrote on Twitter: "This appalling decision by the government is a disgrace."') == [
        ("wrote", "ACCUSE", "disapprove")]


def test_a_passive_claimed_by_is_a_claim_of_responsibility_not_a_statement():
    assert types_and_modes("A bombing at a mosque in Kabul was claimed by ISIS.") == [("bombing", "ASSAULT", None)]
    assert types_and_modes("Iran claimed the United States had attacked its ships.") == [("attacked", "ACCUSE", "allege")]


def _hand_parsed(words: list[str], heads: list[int], deps: list[str], tags: list[str]) -> Any:
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags)


@pytest.mark.parametrize("heads, deps", [
    # UD, as the base model parses: the noun heads its copula and subject
    ([1, 7, 1, 4, 2, 7, 7, 7], ["det", "nsubj", "prep", "det", "pobj", "cop", "det", "ROOT"]),
    # spaCy's English models: the noun is the "attr" of "was"
    ([1, 5, 1, 4, 2, 5, 7, 5], ["det", "nsubj", "prep", "det", "pobj", "ROOT", "det", "attr"]),
])
def test_a_noun_after_was_labels_the_act_its_subject_names_in_either_tree_style(heads, deps):
    from annotator.preannotate.background import background_verdict

    words = ["The", "bombing", "of", "the", "embassy", "was", "an", "attack"]
    tags = ["DT", "NN", "IN", "DT", "NN", "VBD", "DT", "NN"]
    doc = _hand_parsed(words, heads, deps, tags)
    assert background_verdict(doc, 0, 8, 0, 7, 8, "ASSAULT", "attack", True, [(2, "ASSAULT")]) == "characterised act"
    # the subject names no act of that type: the noun reports its own
    assert background_verdict(doc, 0, 8, 0, 7, 8, "ASSAULT", "attack", True, [(2, "PROTEST")]) is None
