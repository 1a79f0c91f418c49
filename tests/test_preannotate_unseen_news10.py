"""Rules from a tenth look at news outside the development sets (2026-12-06, fourth session: the
tuned halves of the agency samples, misses of a whole class; the sentences here are written for
the tests). Each test pairs the rule with the case it must keep:
- an act of cooperation on the calendar is told for later (PLOVER AGREE: "future-tense reports
  of meetings, support, cooperation or aid"): "is due to meet with", "are scheduled to sign",
  talks a named actor "is expected to hold"; a meeting needs another party named ("G7 is
  scheduled to meet" is a body's own sitting), and a plan is still no report;
- what a named actor "would" do in a report, or the speaker's own side, is announced ("China
  said it would send medical teams", "a spokesperson said Qureshi would hold talks"), not a
  forecast ("would likely"), nor on a condition or negated;
- a name right after a frame verb is its object whatever the parse made of it ("received
  Qureshi at the airport"), unless it owns the noun after it;
- "due to visit" is an infinitive, not a preposition's object;
- a crowd gathered "to oppose" or "chanting" is protesting, officials or mourners gathered are not;
- a speaker named after the act, title and all, is no party to it; one named after the report
  verb may come with a title ("said Taiwan Foreign Minister Joseph Wu");
- "unrest" is no trigger; protest vowed is a threat; a ruler promising what it gives up
  concedes, a candidate's promise of elections stays AGREE;
- a force described by where it is deployed is no deployment, nor the larger act after "part of";
- a doer's report of its own material act is the act, not a statement typed by its words.
"""

from __future__ import annotations

import pytest

from preannotate_support import event_roles, types


@pytest.mark.parametrize("sentence, expected", [
    ("Tillerson is also due to meet with President Enrique Pena Nieto.", [("meet with", "AGREE")]),
    ("Pompeo is expected to hold follow-up talks with North Korean officials next week.",
     [("talks with", "AGREE")]),
    ("China said it would send medical teams to Italy.", [("send medical teams", "AGREE")]),
    # held, not to come: the meeting itself
    ("The two leaders held talks with Putin in Moscow.", [("held talks", "CONSULT")]),
])
def test_cooperation_on_the_calendar_is_told_for_later(sentence, expected):
    assert types(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "G7 was already scheduled to meet this weekend.",  # a body's own sitting: no other party
    "The election commission is scheduled to discuss the events on Monday.",
    "Widodo was planning to visit Wiranto in hospital.",  # a plan, not the calendar
    "The rebels said they would not release the hostages.",  # negated
    "China said it would send medical teams if Italy asked for them.",  # on a condition
])
def test_a_sitting_a_plan_or_a_conditional_offer_is_no_agreement(sentence):
    assert not any(etype == "AGREE" for _, etype in types(sentence))


def test_the_announcing_side_is_the_source_of_what_it_would_do():
    roles = event_roles("China said it would send medical teams to Italy.", "AGREE")
    assert roles["source"] == ("China", "CHN")
    assert roles["target"] == ("Italy", "ITA")


def test_a_name_right_after_a_frame_verb_is_its_object():
    text = ("Pakistan Foreign Minister Shah Mahmood Qureshi arrived in Kabul on Thursday. Afghan Foreign "
            "Minister Amir Khan Muttaqi received Qureshi at the Kabul airport.")
    roles = event_roles(text, "CONSULT")
    assert roles["target"] == ("Qureshi", "PAKGOV")
    # a name that owns the noun after it is no object: a letter received is no visit
    assert types("Muttaqi received Qureshi's letter on Thursday.") == []


def test_a_scheduled_visit_is_no_preposition_s_object():
    # "due to" is no preposition before a verb: the visit on the calendar is told for later
    assert types("Putin is due to visit India in December.") == [("visit", "AGREE")]


def test_a_crowd_gathered_to_oppose_or_chanting_is_protesting():
    assert types("Several thousand students and workers had gathered near parliament to oppose "
                 "a new law.") == [("gathered", "PROTEST")]
    assert ("gathered", "PROTEST") in types("Thousands of people gathered in downtown Havana, "
                                            "chanting slogans against the government.")
    # a meeting's participants or mourners gather for something else
    assert types("Officials gathered in Geneva to discuss the crisis.") == []
    assert types("Hundreds of mourners gathered for the funeral.") == []


def test_a_speaker_named_with_a_title_after_the_act_is_no_party_to_it():
    roles = event_roles("North Korea fired at least one ballistic missile early Friday morning, "
                        "Japanese Defense Minister Yasukazu Hamada said.", "MOBILIZE")
    assert roles["source"] == ("North Korea", "PRK")
    assert "target" not in roles


def test_a_speaker_after_the_verb_may_come_with_a_title():
    text = ('"Beijing treats the rule of law with utter contempt," said Taiwan Foreign Minister '
            'Joseph Wu.')
    assert types(text) == [("said", "ACCUSE")]
    assert event_roles(text, "ACCUSE")["source"][0] == "Joseph Wu"
    # past words that are no title the search stops: an actor further on is no speaker
    assert types('"This is a disgrace," said a statement released on Friday by the Israeli army.') == []


def test_unrest_is_a_label_not_a_riot():
    # "unrest" sums up what other words tell; coders never code it as an act of its own
    assert types("Unrest broke out in the capital on Sunday after the election.") == []
    assert types("The unrest began when armed men stormed a prison near the capital.") == [("stormed", "ASSAULT")]
    assert types("Protesters rioted in the capital on Sunday.") == [("rioted", "PROTEST")]


def test_protest_vowed_is_a_threat():
    # CAMEO 133 (threaten political dissent): the vow, not a promise to cooperate
    assert types("He vowed to go ahead with protests every Monday and Thursday despite the police "
                 "ban on demonstrations.") == [("vowed", "THREATEN")]
    assert types("The government promised to protect peaceful protests.") == [("promised", "AGREE")]


@pytest.mark.parametrize("sentence, trigger", [
    ("The government has promised limited reform that comes nowhere near protester demands.", "promised"),
    ("President Morales promised to hold new elections.", "promised"),
    ("The president pledged to step down next year.", "pledged"),
])
def test_a_ruler_promising_what_it_gives_up_concedes(sentence, trigger):
    assert types(sentence) == [(trigger, "CONCEDE")]


@pytest.mark.parametrize("sentence", [
    "She promised to conduct new completely fair elections.",  # a candidate's campaign promise
    "The opposition leader promised to hold new elections.",
    "Iran offered to hold talks with the United States.",  # talks are no concession
])
def test_a_promise_of_elections_by_a_candidate_or_of_talks_is_agreement(sentence):
    assert [etype for _, etype in types(sentence)] == ["AGREE"]


def test_a_force_described_by_where_it_is_deployed_is_no_deployment():
    text = ("President Emmanuel Macron had announced the withdrawal of 1,400 French troops, which were "
            "deployed in Niger as part of a wider fight against jihadists.")
    assert types(text) == [("withdrawal", "CONCEDE")]  # nor the fight the deployment was part of
    assert types("The rebels shot at a helicopter of the UN peacekeeping force deployed in the DRC.") \
        == [("shot", "ASSAULT")]
    # deployed by someone who has the force there, or at a time, it is told
    assert types("Pakistan now has a large force deployed in Baluchistan.") == [("deployed", "MOBILIZE")]
    assert types("Russia deployed troops to the border on Monday.") == [("deployed troops", "MOBILIZE")]


def test_a_named_actors_act_to_come_told_by_anyone_is_agreement():
    text = ("Pakistan Foreign Minister Shah Mahmood Qureshi arrived in Kabul on Thursday. A foreign office "
            "spokesperson in Islamabad said Qureshi would hold high-level delegation talks with his Afghan "
            "counterpart.")
    assert ("talks with", "AGREE") in types(text)
    assert types("The ministry said Iran would send aid to Syria.") == [("send aid", "AGREE")]
    # a forecast or a refusal is no announcement
    assert types("Analysts said China would likely send aid to Iran.") == []
    assert types("Officials said Russia would not send aid to Syria.") == []


def test_a_doers_report_of_its_own_act_is_the_act_not_a_statement():
    text = ('Hezbollah said on Sunday it had launched guided rockets onto three posts in the Shebaa Farms '
            '"in solidarity" with the Palestinian people.')
    assert types(text) == [("launched", "ASSAULT")]
    # words of blame about another's act still make the report an accusation
    assert types("Iran said Israel had launched a brutal attack on its consulate.") == [("attack", "ACCUSE")]
