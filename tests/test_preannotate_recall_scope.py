"""Recall on unseen news (issue 14, ewttune): acts the decider dropped because a rule reached
beyond its scope, and general words the lexicon lacked. Each rule has an invented sentence whose
act is now kept (or typed) and a near miss that the narrowed rule must still drop; each test
fails when its rule is lost or widened too far."""

from __future__ import annotations

import pytest

from preannotate_support import types_and_modes, verdict


@pytest.mark.parametrize("kept, near_miss, trigger, rule", [
    # a negator or a "stop/end" word does not reach over a subordinating word into another clause
    ("The talks came to an end when soldiers attacked the convoy.",
     "Aid resumed because the rebels no longer attacked the convoys.", "attacked", "negated"),
    # what a cause "led to" or "resulted in" is reported there; other prepositions still refer back
    ("The dispute over grazing land led to clashes between farmers and herders.",
     "The minister travelled north in response to clashes between farmers and herders.", "clashes",
     "back-reference in a prepositional phrase"),
    ("The dispute resulted in clashes between farmers and herders.",
     "The minister travelled north in response to clashes between farmers and herders.", "clashes",
     "back-reference in a prepositional phrase"),
    # "talks with" is a noun after "rounds of" (not a verb-only word used as a modifier)
    ("The government held several rounds of talks with the rebels.",
     "The envoy left the country after talks with the rebels.", "talks with",
     "back-reference in a prepositional phrase"),
    # an -ing speech act right after the noun ending a kept act is the actor's own act; after a
    # protest it is the protest's demand, after an actor noun what that actor does
    ("The opposition walked out of the negotiations demanding new elections.",
     "Thousands staged protests demanding new elections.", "demanding", "descriptive participle"),
    ("The opposition walked out of the negotiations demanding new elections.",
     "The union, a group demanding higher wages, met the minister.", "demanding", "descriptive participle"),
    # a speech act noun with its own speaker is that party's act, not the answering act's complement
    ("The court rejected a request of the Electoral Board to ban the party.",
     "The court rejected a request to ban the party.", "request", "embedded under a speech act"),
    # a visit that names the place it went to carries its own place: reported, not referred back to
    ("The minister came back from a visit to Nairobi and Kampala a tired man.",
     "The minister came back from the visit a tired man.", "visit", "back-reference in a prepositional phrase"),
    # a verb phrase in -ing after "by"/"of" is the act ("by closing their newspaper"), unless a
    # word imputes it ("suspected of")
    ("The junta silenced its critics by closing their newspaper.",
     "The mayor was suspected of closing the newspaper.", "closing", "modifier use"),
    # a condition ("unless", "if") does not reach past a contrastive clause ("although"); a reason
    # inside the condition ("because ...") stays in it
    ("Unless the envoy steps in, the talks will fail, although the rebels already shelled the town on Monday.",
     "If the talks fail because the rebels shelled the town, the army will respond.", "shelled", "hypothetical"),
    # the article of the subject before a verb does not make the verb's object definite; a
    # quantity's article does ("the number of kidnappings")
    ("The decision sparked protests across the country.",
     "The protests ended on Monday.", "protests", "definite nominal without actors"),
    ("Militants carried out kidnappings in the province.",
     "The governor said there had been a jump in the number of kidnappings.", "kidnappings",
     "definite nominal without actors"),
    # "murder" names the act as a noun too; as a modifier ("a murder investigation") it does not
    ("A murder in Lagos on Monday shocked the city.",
     "The police opened a murder investigation.", "murder", "modifier use"),
])
def test_rule_kept_in_scope(kept: str, near_miss: str, trigger: str, rule: str) -> None:
    assert verdict(kept, trigger) == "kept"
    assert verdict(near_miss, trigger) == rule


@pytest.mark.parametrize("sentence, expected", [
    # "beat" is an assault on people; a win over a rival is not
    ("Police beat the demonstrators with batons.", [("beat", "ASSAULT", "beat")]),
    ("Several journalists were beaten by police.", [("beaten", "ASSAULT", "beat")]),
    ("Brazil beat Argentina 2-1 on Sunday.", []),
    # "retake" a place is seizing it, as "recapture"
    ("Government forces retook the town from the rebels.", [("retook", "COERCE", "seize")]),
    # a name that opens the sentence is no trigger ("Amnesty International"); the word alone is
    ("Amnesty International said security forces had arrested hundreds of activists.",
     [("arrested", "COERCE", "arrest")]),
])
def test_general_words_typed(sentence: str, expected: list) -> None:
    assert types_and_modes(sentence) == expected


def test_gerund_complement_still_embedded() -> None:
    """An -ing form right after a speech verb is its complement: the denied act did not happen."""
    assert verdict("The army denied shelling the village.", "shelling") == "embedded under a speech act"


@pytest.mark.parametrize("text, noun, expected", [
    ("The court rejected a request to ban the party.", "request", False),
    ("The court rejected the request to ban the party.", "request", True),
    ("The court heard this request on Monday.", "request", True),
])
def test_definite_stops_at_the_article(text: str, noun: str, expected: bool) -> None:
    """"The court rejected a request": the noun's own article decides, not a "the" before the verb."""
    from annotator.preannotate.decide import Candidate, definite
    from preannotate_support import default_nlp

    doc = default_nlp()(text)
    i = next(t.i for t in doc if t.lower_ == noun)
    assert definite(doc, 0, Candidate(i, i + 1, "REQUEST", None, noun, True)) is expected


def test_coordinated_verb_is_a_second_act() -> None:
    """"condemned the bombing and promised revenge": the second verb is coordinated with the
    first, not inside its complement; a promise of revenge is a threat."""
    found = types_and_modes("The party condemned the bombing and promised swift revenge against the militia.")
    assert ("promised", "THREATEN", None) in found
    assert any(trigger == "condemned" and etype == "ACCUSE" for trigger, etype, _mode in found)
    # near miss: coordinated inside the complement of "urged ... to", still asked for, not done
    assert verdict("The minister urged the militia to disarm and release the hostages.",
                   "release") == "embedded under a speech act"


def test_verb_only_word_after_of_is_still_a_plain_noun() -> None:
    """The -ing exception is for verb phrases in -ing; "traces of poison" stays a plain noun."""
    assert verdict("The police found traces of poison in the cup.", "poison") == "modifier use"


@pytest.mark.parametrize("text, expected, near_miss, near_miss_events", [
    # REQUEST: getting another party to act ("persuaded X to"), not a belief ("convinced that")
    ("Egyptian mediators persuaded the rebels to release the hostages.", ("persuaded", "REQUEST", None),
     "The minister was convinced that the talks would fail.", []),
    # SUPPORT: backing given in the past; "are backed by" is a standing alignment
    ("The party was backed by the unions in the election.", ("was backed by", "SUPPORT", None),
     "The rebels are backed by Iran.", []),
    # COERCE: surrounding a place (active or passive), a cordon; not "the controversy surrounding"
    ("Troops surrounded the village on Monday.", ("surrounded", "COERCE", "restrict"),
     "The controversy surrounding the election grew.", []),
    ("The village was surrounded by troops on Monday.", ("surrounded", "COERCE", "restrict"),
     "The controversy surrounding the election grew.", []),
    ("Police set up a cordon around the stadium.", ("cordon", "COERCE", "restrict"),
     "The controversy surrounding the election grew.", []),
    # RETREAT: abandoning a place; abandoning a plan stays the lexicon's CONCEDE
    ("The rebels abandoned the town overnight.", ("abandoned", "RETREAT", "withdraw"),
     "The government abandoned the plan.", [("abandoned the plan", "CONCEDE", None)]),
    # CONCEDE: accepting a ceasefire or accord; accepting an offer stays AGREE
    ("The rebels accepted the ceasefire on Monday.", ("accepted", "CONCEDE", None),
     "The rebels accepted the offer on Monday.", [("accepted the offer", "AGREE", None)]),
    # CONCEDE: declaring a ceasefire spelt in two words, as for "ceasefire"
    ("The rebels declared a cease fire on Sunday.", ("declared a cease fire", "CONCEDE", None),
     "The rebels did not declare a cease fire.", []),
    # CONCEDE: an announced end to one's own attacks (a declared ceasefire); not "the end of" a term
    ("The militia announced an end to its rocket attacks on the city.", ("announced an end to", "CONCEDE", None),
     "The ministry announced the end of the school year.", []),
])
def test_new_lexicon_words(text: str, expected: tuple, near_miss: str, near_miss_events: list) -> None:
    assert expected in types_and_modes(text)
    assert types_and_modes(near_miss) == near_miss_events


def test_a_visit_the_traveller_is_on_is_reported_and_hosted_by_the_place() -> None:
    """"arrived in Dhaka on a two-day visit": the visit is the act (not a back-reference in a
    prepositional phrase) and the country of the place it is at is its host."""
    from test_preannotate_actors import only

    event = only("The Indian prime minister arrived in Dhaka on a two-day visit.", "CONSULT")
    assert event["target"] == ("Dhaka", "BGD") and "location" not in event
    assert verdict("He returned home after the visit.", "visit") == "back-reference in a prepositional phrase"
