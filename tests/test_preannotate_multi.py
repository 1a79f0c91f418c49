"""Sentences with more than one candidate event: which of them are events, and why a candidate
is dropped (the decider's trace). Short sentences written for these tests; each test fails when
its rule is removed (docs/preannotation.md, "Several events in one sentence")."""

from __future__ import annotations

import pytest

from preannotate_support import default_nlp as nlp
from preannotate_support import traced_candidates, types


def trace(text: str) -> list[tuple[str, str, str]]:
    """(trigger text, candidate type, verdict) for every candidate of `text`."""
    return [(text[s:e], etype, verdict) for s, e, etype, _lemma, verdict in traced_candidates(text)]


# -- the trace --------------------------------------------------------------------------

def test_trace_names_the_rule_that_dropped_each_candidate():
    found = trace("Iran did not attack Israel, but Egypt urged Turkey to release the hostages.")
    assert ("attack", "ASSAULT", "negated") in found
    assert ("urged", "REQUEST", "kept") in found
    assert any(t.startswith("release") and v == "embedded under a speech act" for t, _e, v in found)


def test_trace_is_off_by_default():
    from annotator.preannotate.arguments import TRACE_KEY

    assert TRACE_KEY not in nlp()("Iran did not attack Israel.").user_data


# -- one act told twice -----------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Egypt denounced the summit, calling the agreement illegal.", [("denounced", "ACCUSE")]),
    ("The minister criticised the decision, calling it a disgrace.", [("criticised", "ACCUSE")]),
])
def test_a_participle_restating_the_act_is_not_a_second_event(sentence, expected):
    assert types(sentence) == expected


def test_a_participle_of_another_type_is_its_own_event():
    assert types("Egypt denounced the summit, urging Turkey to withdraw its troops.") == [
        ("denounced", "ACCUSE"), ("urging", "REQUEST")]


def test_the_attack_that_was_the_means_of_a_killing_is_the_same_event():
    # an indefinite attack noun names the act (the guidelines' trigger); a definite one refers back
    sentence = "United States forces killed Qasem Soleimani, head of the Quds Force, in an airstrike."
    assert types(sentence) == [("airstrike", "ASSAULT")]
    assert ("killed", "ASSAULT", "same incident") in trace(sentence)
    sentence = "Abu Mahdi al-Muhandis, who was with him, was also killed in the airstrike."
    assert types(sentence) == [("killed", "ASSAULT")]


def test_separately_named_attacks_stay_two_events():
    found = types("Israeli jets bombed Gaza on Monday; militants fired rockets at Israel on Tuesday.")
    assert [t for _w, t in found] == ["ASSAULT", "ASSAULT"]


# -- not an act -------------------------------------------------------------------------

def test_asking_about_something_is_a_question_not_a_request():
    assert types("The press asked Trump about it that same day.") == []
    assert types("The president asked Congress that same day to fund the wall.") == [("asked", "REQUEST")]


def test_a_participle_used_as_an_adjective_after_a_number_is_not_an_act():
    assert types("The party finalised the division of the 41 pledged delegates.") == []


# -- plans and references, read more exactly --------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("His decision led to tensions and a failed coup in the country.", [("coup", "COERCE")]),  # "to" a preposition
    ("According to officials, protests broke out in the capital.", [("protests", "PROTEST")]),
    ("Mugabe was able to negotiate immunity from prosecution.", [("negotiate", "CONSULT")]),
    ("The army placed Mugabe under house arrest.", [("house arrest", "COERCE")]),
    ("The attack was claimed by the Houthi movement.", [("attack", "ASSAULT")]),
])
def test_acts_that_happened_are_kept(sentence, expected):
    assert types(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The annual meeting of the General Assembly is set to open tomorrow.",
    "Mugabe is able to negotiate immunity.",
    "The rebels plan to carry out new attacks.",
])
def test_events_still_to_come_are_not_suggested(sentence):
    assert types(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("African leaders met in Niamey for a summit on Sunday.", [("met", "CONSULT")]),
    ("Two people were killed and eight were injured in a suicide bombing.", [("suicide bombing", "ASSAULT")]),
])
def test_a_noun_naming_the_occasion_of_a_kept_act_is_the_same_event(sentence, expected):
    assert types(sentence) == expected
    assert sum(verdict == "same incident" for _t, _e, verdict in trace(sentence)) == len(trace(sentence)) - 1


def test_a_participle_describing_a_noun_is_not_an_act_but_a_speech_act_there_is():
    assert types("Russia supports the militias fighting the government in Libya.") == []
    assert ("fighting", "ASSAULT", "descriptive participle") in trace(
        "Russia supports the militias fighting the government in Libya.")
    assert types("Pompeo posted a message on Twitter blaming Iran for the attacks.") == [("blaming", "ACCUSE")]


def test_a_speech_act_before_the_comma_does_not_embed_the_main_clause():
    found = types("Refusing to give up power, Mugabe agreed to a power-sharing deal with the opposition.")
    assert ("agreed to", "AGREE") in found


def test_a_government_reporting_a_killing_does_not_accuse_the_victim():
    # the parse calls "Hamza bin Laden" nsubj of "has been killed": a passive's subject is the target
    sentence = ("On Saturday, in a brief but official statement, US President Donald Trump said Hamza bin Laden, "
                "son of the late Al-Qaeda founder Osama bin Laden, has been killed in a US counter-terrorism operation.")
    assert types(sentence) == [("killed", "ASSAULT")]


@pytest.mark.parametrize("sentence, expected", [
    # the subject of its own clause after "since"/"after" is no preposition's object
    ("More than 1000 people have been arrested since the protests began in June.", "PROTEST"),
    # the agent of a passive and "the target of" name the act
    ("Oil facilities were hit by multiple drone strikes in a pre-dawn raid.", "ASSAULT"),
    ("In 2006, Abqaiq was the target of an Al-Qaeda suicide attack.", "ASSAULT"),
])
def test_nouns_after_a_preposition_that_report_the_act(sentence, expected):
    assert expected in [t for _w, t in types(sentence)]


def test_a_definite_noun_after_a_passive_by_refers_back():
    assert types("Syria and all refugees are covered by the ban.") == []


@pytest.mark.parametrize("sentence, expected", [
    ("An IT worker went on a stabbing spree, killing four.", [("stabbing", "ASSAULT")]),
    ('The minister urged Iran to release the sailors, saying: "We urge Tehran to free them now."',
     [("urged", "REQUEST")]),
    ("Rathke also asked the governments of South East Asia not to turn away boats of people seeking asylum.",
     [("asked", "REQUEST")]),
])
def test_the_casualties_a_quoted_restatement_and_a_describing_participle_are_no_second_event(sentence, expected):
    assert types(sentence) == expected
