"""Recall of the PLOVER types the rules rarely suggested (issue 14: THREATEN, AGREE, MOBILIZE,
SANCTION, RETREAT): each family of general news English is suggested with its type, and its
negated, planned or standing variant is not. The sentences are invented for these tests."""

from __future__ import annotations

import pytest

from preannotate_support import types_and_modes as suggested


def types(text: str) -> list[str]:
    return [etype for _trigger, etype, _mode in suggested(text)]


FAMILIES = [
    # THREATEN: a promise of force is a threat; measures announced for later by any actor
    ('Tehran vowed a "crushing response" to any aggression.', "vowed", "THREATEN", None),
    ("The rebels promised swift retaliation against the army.", "promised", "THREATEN", None),
    ("The ministry will continue to take all necessary measures to protect the country.",
     "take all necessary measures", "THREATEN", None),
    ("Tehran said it reserved the right to respond to the strike.", "reserved the right to respond", "THREATEN",
     None),
    ("The bloc pledged to impose further sanctions on the junta.", "pledged", "THREATEN", None),
    ("The government vowed to crack down on the rioters.", "vowed", "THREATEN", None),
    ("The ministry did not rule out military action against the cartel.", "rule out military action", "THREATEN",
     "violence"),
    ('The army said it would respond "with force" to any provocation.', "said", "THREATEN", None),
    ('"We will use the full force of the law against the gang," said Interior Minister Ana Lopes.', "said",
     "THREATEN", None),
    # AGREE: committing to do something; compliance or cooperation announced for later
    ("Iran said it will abide by the deal.", "abide by", "AGREE", None),
    ("The two sides agreed on Tuesday to extend the truce.", "agreed", "AGREE", None),
    ("The junta agreed in principle to a prisoner swap.", "agreed in principle", "AGREE", None),
    ("Russia guaranteed safe passage for the convoy.", "guaranteed safe passage", "AGREE", None),
    ("The queen announced she will comply with the request of the prime minister.", "comply with", "AGREE", None),
    ('"We will be working together with the new government."', "working together", "AGREE", None),
    ("Japan committed to providing $1 billion in reconstruction aid.", "committed to", "AGREE", None),
    ("The army accused the rebels of the raid, committing to send more troops to the province.",
     "committing to", "AGREE", None),
    # MOBILIZE: dispatched or stationed forces, scrambled jets (numbers between verb and noun)
    ("The navy dispatched two warships to the Gulf.", "dispatched", "MOBILIZE", "troops"),
    ("NATO jets were scrambled to intercept the bombers.", "scrambled", "MOBILIZE", "weapons"),
    ("Moscow amassed 90,000 troops along the frontier.", "amassed", "MOBILIZE", "troops"),
    ("The Pentagon is sending an aircraft carrier to the region.", "sending", "MOBILIZE", "troops"),
    ("Tehran placed its armed forces on high alert.", "placed its armed forces on high alert", "MOBILIZE", "troops"),
    # SANCTION: verdicts with the party between verb and verdict, rulings on a named act,
    # revoked papers, downgraded ties, fines in the passive, acts done by a vote
    ("A jury found the former mayor guilty of bribery.", "found", "SANCTION", "convict"),
    ("The court found the company liable for the damage.", "found", "SANCTION", "convict"),
    ("The constitutional court ruled the decree unconstitutional.", "ruled the decree unconstitutional",
     "SANCTION", None),
    ("The interior ministry revoked the reporter's accreditation.", "revoked", "SANCTION", "discontinue"),
    ("Canada downgraded diplomatic ties with the regime.", "downgraded", "SANCTION", "discontinue"),
    ("The opposition leader was fined $10,000.", "was fined", "SANCTION", "discontinue"),
    ("The regulator fined the company $5 million.", "fined", "SANCTION", "discontinue"),
    ("The blogger was given a five-year prison sentence.", "given", "SANCTION", "convict"),
    ("The dissident received a ten-year sentence.", "received", "SANCTION", "convict"),
    ("The court sentenced the activist to three years in jail.", "sentenced", "SANCTION", "convict"),
    ("The ambassador was recalled for consultations.", "recalled", "SANCTION", "withdraw"),
    ("The senate voted to impeach the governor.", "impeach", "SANCTION", "discontinue"),
    ("The appeals court found the detention to be unlawful.", "found", "SANCTION", None),
    ("The president withdrew the country from the arms control treaty.", "withdrew", "SANCTION", "withdraw"),
    ("The judge ordered him to pay $2 million in damages.", "ordered him to pay", "SANCTION", "convict"),
    ("The mayor suspended two police officers.", "suspended", "SANCTION", "expel"),
    # COERCE: custody named by its keeper, detention without charge
    ("The suspect was taken into police custody.", "taken into police custody", "COERCE", "arrest"),
    ("The blogger was held without charge for three weeks.", "held without charge", "COERCE", "arrest"),
    ("The website was blocked by the authorities.", "blocked", "COERCE", "censor"),
    # RETREAT: troops pulled back, weapons handed over, captives released (passive)
    ("Russia pulled its troops back from the frontier.", "pulled its troops back", "RETREAT", "withdraw"),
    ("The militia handed over their weapons to the peacekeepers.", "handed over their weapons", "RETREAT",
     "disarm"),
    ("The hostages were released on Sunday.", "were released", "RETREAT", "release"),
    ("The hostages were freed on Monday.", "were freed", "RETREAT", "release"),
    ("The last American troops left the country on August 30.", "troops left", "RETREAT", "withdraw"),
]


@pytest.mark.parametrize(("sentence", "trigger", "etype", "mode"), FAMILIES, ids=[f[1] for f in FAMILIES])
def test_each_family_is_suggested_with_its_type(sentence, trigger, etype, mode):
    assert (trigger, etype, mode) in suggested(sentence)


NOT_THE_ACT = [
    # a promise of help, or a "strong response" to a crisis, is no threat
    ("The president promised a strong response to the crisis.", "THREATEN"),
    ("The minister vowed a thorough investigation.", "THREATEN"),
    ("The government vowed to rebuild the bridge.", "THREATEN"),
    ("The ministry ruled out military action against the cartel.", "THREATEN"),
    # measures only possible are no threat
    ("The ministry could take all necessary measures.", "THREATEN"),
    # a standing commitment, or one to a cause, is not a pledge reported
    ("The government remains committed to the peace process.", "AGREE"),
    ("The bank has committed itself to green energy.", "AGREE"),
    # acquittals and planned votes are not verdicts
    ("The jury found him not guilty of all charges.", "SANCTION"),
    ("The senate is expected to vote to impeach the governor.", "SANCTION"),
    ("Police found the weapon in his car.", "SANCTION"),
    # a condition or a refusal is no promise
    ("Iran said it will abide by the deal if the sanctions are lifted.", "AGREE"),
    ("Iran said it will abide by the deal if the sanctions are lifted.", "CONCEDE"),
    ('"We will work together with them if they respect the truce."', "AGREE"),
    ('"We will not work together with the junta."', "AGREE"),
    # troops withdrawn from a place are no pact left
    ("Israel withdrew its troops from the city.", "SANCTION"),
    # frames need their object; an adjective is no fine
    ("The envoy received a warm welcome in the capital.", "SANCTION"),
    ("He recalled the events of that day.", "SANCTION"),
    ("Everything is fine, the minister said.", "SANCTION"),
    # agreeing on a thing (with a date between) is SUPPORT's "agreed on", not a promise
    ("The two countries agreed on Monday on a new border.", "AGREE"),
    # troops on the move, described, have not withdrawn
    ("Troops leaving the city were attacked.", "RETREAT"),
    ("The suspended officers returned to work.", "SANCTION"),
    ("Farmers blocked the main road.", "COERCE"),
    # a release to come, told in the passive, names no one conceding it
    ("His family said a statement would be released later.", "RETREAT"),
    ("His family said a statement would be released later.", "CONCEDE"),
    # frames need their object: dispatching a letter mobilises no one
    ("The embassy dispatched a letter to the ministry.", "MOBILIZE"),
]


@pytest.mark.parametrize(("sentence", "etype"), NOT_THE_ACT, ids=[f"{s[:30]}-{t}" for s, t in NOT_THE_ACT])
def test_a_negated_planned_or_standing_variant_is_not_suggested(sentence, etype):
    assert etype not in types(sentence)
