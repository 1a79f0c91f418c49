"""The event decider and argument rules, one family per test, on short sentences written for
these tests (docs/preannotation.md, "Events, not talk about events"; the coding guidelines'
notion of an event). Each test fails when its rule is removed."""

from __future__ import annotations

import pytest

from annotator.core.scheme import default_scheme
from preannotate_support import default_nlp as nlp
from preannotate_support import events_in_order, suggest


def events(text: str) -> list[dict]:
    """Each suggested event as {"trigger", "type", "mode", role: (surface, code), ...}."""
    layer = suggest(text)
    out = []
    for event in events_in_order(layer):
        record = {"trigger": layer.spans[event.trigger].text_in(text), "type": event.type, "mode": event.mode}
        for arg in event.arguments:
            span = layer.spans[arg.span_id]
            record[arg.role] = (span.text_in(text), span.actor_code)
        out.append(record)
    return out


def entity(text: str, surface: str):
    layer = suggest(text)
    found = [s for s in layer.spans.values() if s.layer == "entity" and s.text_in(text) == surface]
    assert found, f"{surface!r} is not an entity"
    return found[0]


def types(text: str) -> list[tuple[str, str]]:
    return [(e["trigger"], e["type"]) for e in events(text)]


# -- negation ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Iran did not attack Israel.",
    "Egypt never recognised the government in Tripoli.",
    "The two sides failed to reach an agreement.",
    "There were no talks between Armenia and Azerbaijan.",
    "President Trump has yet to concede the election.",
])
def test_negated_acts_are_not_suggested(sentence):
    assert events(sentence) == []


def test_refusing_an_act_is_reject_not_the_act():
    [event] = events("Russia refused to meet Ukraine.")
    assert (event["trigger"], event["type"]) == ("refused", "REJECT")
    assert event["source"] == ("Russia", "RUS") and event["target"] == ("Ukraine", "UKR")


# -- plans, possibilities, conditionals, questions vs acts ------------------------------

@pytest.mark.parametrize("sentence", [
    "Israel plans to impose sanctions on Iran.",
    "The army could attack the city.",
    "If Turkey invades, Greece may respond.",
    "Will Iran attack Israel?",
    "The ministers are expected to meet in Geneva.",
])
def test_plans_possibilities_and_questions_are_not_acts(sentence):
    assert events(sentence) == []


def test_the_act_itself_is_suggested():
    assert types("Israel imposed sanctions on Iran.") == [("imposed sanctions", "SANCTION")]
    assert types("The rebels began to attack the town.") == [("attack", "ASSAULT")]  # it happened


def test_an_announced_future_withdrawal_is_concede():
    [event] = events("The United States will withdraw its troops from Syria.")
    assert (event["type"], event["source"]) == ("CONCEDE", ("United States", "USA"))
    [event] = events("Governor Rosselló announced his resignation on Wednesday.")
    assert event["type"] == "CONCEDE"


def test_force_announced_by_the_speaker_is_threaten():
    [event] = events('"We will bomb their bases," the commander said.')
    assert (event["trigger"], event["type"]) == ("bomb", "THREATEN")


# -- allegations and reports ------------------------------------------------------------

def test_an_act_alleged_by_a_party_is_accuse_by_the_speaker():
    [event] = events("Israel said Hezbollah fired rockets at Haifa.")
    assert (event["type"], event["mode"]) == ("ACCUSE", "allege")
    assert event["source"] == ("Israel", "ISR") and event["target"] == ("Hezbollah", "LBNREB")


def test_an_allegation_reported_after_the_act_is_accuse():
    [event] = events("Russian forces shelled Kharkiv overnight, Ukrainian officials said.")
    assert (event["type"], event["source"], event["target"]) == (
        "ACCUSE", ("Ukrainian officials", "UKRGOV"), ("Russian forces", "RUSMIL"))


def test_a_party_reporting_its_own_act_is_the_act():
    [event] = events("Israel's military said it struck Hamas targets in Gaza.")
    assert (event["type"], event["source"]) == ("ASSAULT", ("Israel's military", "ISRMIL"))


def test_thousands_of_people_are_the_subject():
    [event] = events("Thousands of demonstrators marched through Cairo.")
    assert event["source"][0] == "demonstrators" and event["location"] == ("Cairo", "EGY")


def test_an_incident_reported_by_the_police_is_the_act():
    assert types("Police said a gunman shot three people in Paris.") == [("shot", "ASSAULT")]


def test_an_act_inside_a_request_or_accusation_is_not_suggested():
    assert types("The EU called on Russia to withdraw its troops.") == [("called on", "REQUEST")]
    assert types("Ukraine accused Russia of shelling Kharkiv.") == [("accused", "ACCUSE")]
    assert types("Egypt condemned the attack.") == [("condemned", "ACCUSE")]


def test_verbal_criticism_is_not_violence():
    assert types("Erdogan attacked the decision as illegal.") == [("attacked", "ACCUSE")]


# -- nominal triggers -------------------------------------------------------------------

def test_nominal_back_references_are_not_events():
    assert types("After the talks, Iran criticised the United States.") == [("criticised", "ACCUSE")]
    assert types("Following two weeks of protests, the governor resigned.") == [("resigned", "RETREAT")]
    assert events("The talks were described as productive.") == []  # the talks of an earlier sentence


def test_nominal_reports_are_events():
    assert types("Iran and the United States held talks in Oman.") == [("held talks", "CONSULT")]
    assert types("Protests erupted in Tehran on Friday.") == [("Protests", "PROTEST")]
    # a back-reference that names who acted still reports the event
    assert types("He took office after the resignation of Governor Ricardo Rosselló.") == [
        ("resignation", "RETREAT")]


def test_modifiers_names_and_other_senses_are_not_events():
    assert events("The impeachment inquiry continued in Washington.") == []
    assert events("The Organisation of Islamic Cooperation was founded in 1969.") == []
    assert events("He died of a heart attack in Paris.") == []
    assert events("Three candidates withdrew from the race.") == []
    assert events("The rescued members included Bangladeshis.") == []


def test_one_incident_one_event_per_clause():
    assert types("A car bombing killed five people and wounded twenty in Kabul.") == [("bombing", "ASSAULT")]


# -- arguments --------------------------------------------------------------------------

def test_passive_subject_is_target_and_by_phrase_source():
    [event] = events("Israel was attacked by Hezbollah.")
    assert event["source"] == ("Hezbollah", "LBNREB") and event["target"] == ("Israel", "ISR")


def test_from_after_an_active_verb_is_not_the_source():
    [event] = events("The Russian government dismissed the claim from Berlin as groundless.")
    assert event["source"] == ("Russian government", "RUSGOV")


def test_talks_between_x_and_y():
    [event] = events("Talks between Iran and the United States began in Oman on Monday.")
    assert event["source"] == ("Iran", "IRN") and event["target"] == ("United States", "USA")
    assert event["location"] == ("Oman", "OMN") and event["date"] == ("Monday", None)


def test_x_and_y_met_source_and_target():
    [event] = events("Iran and the United States held talks in Oman.")
    assert event["source"] == ("Iran", "IRN") and event["target"] == ("United States", "USA")


def test_possessive_forces_are_the_attacker():
    [event] = events("Israel's forces struck Hezbollah in Lebanon.")
    assert event["source"] == ("Israel's forces", "ISRMIL") and event["target"] == ("Hezbollah", "LBNREB")


def test_reporter_is_not_the_source_of_what_it_reports():
    text = "The Jerusalem Post reported that a gunman attacked a synagogue in Haifa."
    [event] = events(text)
    assert event.get("source", ("gunman",))[0] == "gunman"  # the attacker, never the Post


# -- actor codes ------------------------------------------------------------------------

def test_titles_and_nationality_give_codes_and_later_mentions_inherit_them():
    text = ("Iranian Foreign Minister Javad Zarif met U.S. Senator Ted Cruz in Oslo. "
            "Zarif later criticised Cruz.")
    assert entity(text, "Javad Zarif").actor_code == "IRNGOV"
    assert entity(text, "Ted Cruz").actor_code == "USALEG"
    assert entity(text, "Zarif").actor_code == "IRNGOV"
    assert entity("Hong Kong police arrested him.", "Hong Kong police").actor_code == "HKGCOP"


def test_generic_actors_take_the_country_in_context():
    text = "Turkey's parliament met on Monday. The next day police arrested protesters in Ankara."
    police = entity(text, "police")
    assert (police.label, police.actor_code, police.attrs) == ("ORG", "TURCOP", {"generic": True})
    assert entity(text, "protesters").actor_code == "TUROPP"
    # the country named before it in the sentence wins over the document's
    text = "Turkey protested. Egyptian officials said soldiers arrested a journalist in Cairo."
    assert entity(text, "soldiers").actor_code == "EGYMIL"


def test_a_title_without_a_country_takes_the_documents_country():
    text = "The United States and Mexico disagree. President Donald Trump visited the United States border."
    assert entity(text, "Donald Trump").actor_code == "USAGOV"


def test_he_and_she_refer_to_the_last_person_named():
    text = "Prime Minister Boris Johnson of Britain arrived in Paris. He met Emmanuel Macron."
    he = entity(text, "He")
    assert (he.label, he.actor_code, he.attrs) == ("PERSON", "GBRGOV", {"generic": True})
    # with a parse, the person who is the subject nearby wins over the person named last
    text = ("Greek Prime Minister Kyriakos Mitsotakis met U.S. President Donald Trump in Washington, "
            "where he criticised the agreement.")
    assert entity(text, "he").actor_code == "GRCGOV"


def test_attributive_generic_nouns_are_not_actors():
    from annotator.preannotate import preannotate_texts

    text = "Iran condemned the military aggression against Syria."
    layer = preannotate_texts([text], nlp(), default_scheme())[0]
    assert "military" not in {s.text_in(text) for s in layer.spans.values()}


# -- statements typed by what they do ---------------------------------------------------

def test_quoted_criticism_is_accuse_on_the_speech_verb():
    [event] = events('"This is a serious violation of our sovereignty," Iranian officials said.')
    assert (event["trigger"], event["type"]) == ("said", "ACCUSE")
    assert event["source"] == ("Iranian officials", "IRNGOV")


def test_quoted_praise_is_support_and_a_neutral_statement_is_nothing():
    [event] = events('Germany said the agreement was "an important step" for peace.')
    assert (event["trigger"], event["type"]) == ("said", "SUPPORT")
    assert events("Germany said the talks would continue on Tuesday.") == []


def test_offering_to_resign_is_concede():
    [event] = events("The minister offered to resign on Monday.")
    assert (event["trigger"], event["type"]) == ("offered to", "CONCEDE")


def test_a_capitalised_name_before_a_verb_trigger_is_its_subject():
    [event] = events("Angela Merkel demanded an explanation from Russia.")
    assert event["source"][0] == "Angela Merkel" and event["target"] == ("Russia", "RUS")
    assert entity("Angela Merkel demanded an explanation from Russia.", "Angela Merkel").label == "PERSON"


def test_wound_up_is_not_an_assault():
    assert events('The documents wound up on the street.') == []
    assert [e["type"] for e in events("Police wounded two protesters in Hong Kong.")] == ["ASSAULT"]


# -- verb frames: the object types the verb ------------------------------------------------

def test_a_frame_verb_takes_its_type_from_an_object_beyond_one_word():
    [event] = events("Kenya and Ethiopia signed a long-awaited regional water sharing agreement on Friday.")
    assert (event["trigger"], event["type"]) == ("signed", "SUPPORT")
    assert event["source"][0] == "Kenya"
    [event] = events("Norway imposed tough new economic restrictions on Russia.")
    assert (event["trigger"], event["type"], event["mode"]) == ("imposed", "COERCE", "restrict")
    [event] = events("The rebels released three foreign aid workers on Sunday.")
    assert (event["type"], event["mode"]) == ("RETREAT", "release")


def test_a_frame_verb_without_a_frame_object_is_not_an_event():
    assert events("Thousands of residents signed the letter.") == []
    assert events("The ministry released a short report on Monday.") == []


def test_a_passive_frame_verb_finds_its_object_before_it():
    [event] = events("A new border treaty was signed by Chile and Peru in Lima.")
    assert (event["trigger"], event["type"]) == ("signed", "SUPPORT")


def test_a_frame_object_that_is_a_trigger_itself_carries_the_event():
    # "curfew" is the trigger: the verb adds no second event
    assert types("The army imposed a strict curfew in the capital.") == [("curfew", "COERCE")]


# -- references, quotations and standing positions ------------------------------------------

def test_a_definite_nominal_under_a_verb_that_neither_does_nor_reports_it_is_a_reference():
    text = "Gunmen attacked a convoy near Kandahar on Monday. The governor survived the attack."
    assert types(text) == [("attacked", "ASSAULT")]
    # under a verb that carries it out, it is kept
    assert types("Taliban fighters staged the attack on the convoy.") == [("attack", "ASSAULT")]


def test_a_quoted_noun_is_not_a_report_but_a_light_verb_makes_it_an_act():
    assert events('"These protests are a disgrace to the nation".') == []
    assert ("plea", "REQUEST") in types('The senator said "We made a plea to the president".')


def test_a_standing_position_is_not_an_act():
    assert events("The mayor has supported the rights of minorities for years.") == []
    assert events("Both parties oppose the rebels.") == []
    assert types("Brazil opposed the French proposal on Monday.") == [("opposed", "REJECT")]


def test_claiming_responsibility_codes_the_claimed_act_by_the_claimer():
    text = "The Taliban claimed responsibility for the bombing in Kabul."
    [event] = events(text)
    assert (event["trigger"], event["type"]) == ("bombing", "ASSAULT")
    assert event["source"][0] == "Taliban"


def test_general_verbs_of_each_type_are_found():
    assert types("Soldiers murdered two farmers.") == [("murdered", "ASSAULT")]
    assert types("The army ousted the president.") == [("ousted", "COERCE")]
    assert types("Greece ratified the treaty.") == [("ratified", "SUPPORT")]


# -- pronouns and generic people ----------------------------------------------------------

def test_they_refers_to_the_last_group_and_we_in_a_quote_to_its_speaker():
    text = "Hamas fighters crossed the border. They attacked an army post."
    [event] = events(text)
    assert event["source"][0] == "They" and event["source"][1].startswith("PSE")
    text = 'Ukraine\'s foreign minister said: "We urge Russia to withdraw its troops".'
    event = next(e for e in events(text) if e["type"] == "REQUEST")
    assert event["source"][0] == "We" and event["source"][1].startswith("UKR")


def test_generic_people_nouns_take_the_country_in_context():
    text = "Syrian government forces shelled a village, killing twelve civilians and wounding several children."
    assert entity(text, "civilians").actor_code == "SYRCVL"
