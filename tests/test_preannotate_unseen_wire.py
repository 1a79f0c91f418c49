"""Rules written from real news outside the development sets (47 paragraphs of VOA, UN, Reuters,
AP and regional outlets, read by a helper on 2026-12-05; the sentences here are written for the
tests): a refusal to give details, a grand slam, a danger that "threatens to", a deal struck, a
meeting that is only the setting ("on the sidelines of"), the name beside a nationality, a name
the model cut short, the second half of a hyphenated title taken for a name, a dateline taken
for the story's country, "Congo", and a place named with its kind. Each test pairs the rule
with the case it must keep. On the development sets the event rules changed one suggestion
(ewtfresh: "convincing the Hazara Shia candidate Mohammed Mohaqeq" has the candidate as its
target, not "Shia"), the place rule two (locations found), the whole names about 40 spans
("Bill" -> "Bill Weld", "Regina" -> "Regina Ip"; two worse: "Hatfill Theory", "Roman Catholic
Christianity"), with every figure the same at two decimals. (A rule that a name inside a clause
describing the actor is not the actor, "groups occupying the town of Kidal signed", was tried
and dropped: on tune it lost a right target.)"""

from __future__ import annotations

import pytest

from preannotate_support import entity_codes, event_roles, suggest, types


@pytest.mark.parametrize("sentence", [
    "A company spokeswoman declined to provide further details about the deal.",
    "The ministry declined to give a reason for the decision.",
    "Police refused to release the names of the suspects.",
])
def test_declining_to_give_details_is_no_rejection(sentence):
    assert not [t for t in types(sentence) if t[1] == "REJECT"]


def test_declining_an_offer_is_still_a_rejection():
    assert ("declined", "REJECT") in [(w.split()[0], t) for w, t in types("Iran declined the offer of talks.")]


def test_a_grand_slam_accuses_nobody():
    assert not [t for t in types("Djokovic won a second grand slam title on Sunday.") if t[1] == "ACCUSE"]
    assert ("slammed", "ACCUSE") in types("The minister slammed the decision on Sunday.")


@pytest.mark.parametrize("sentence", [
    "The disputed vote threatens to further destabilize the country, analysts said.",
    "Fresh clashes threatened to throw the country back into chaos.",
])
def test_a_danger_that_threatens_is_no_threat(sentence):
    assert not [t for t in types(sentence) if t[1] == "THREATEN"]


def test_an_actor_that_threatens_still_threatens():
    assert [t for t in types("The rebels threatened to attack the capital.") if t[1] == "THREATEN"]


def test_a_deal_struck_is_no_blow():
    assert not [t for t in types("The deal comes after an agreement Spotify struck with Universal last year.")
                if t[1] == "ASSAULT"]
    assert [t for t in types("An airstrike struck a school in Gaza.") if t[1] == "ASSAULT"]


def test_a_meeting_that_is_only_the_setting_is_no_second_meeting():
    found = types("The two ministers held talks on the sidelines of the SCO meeting in Goa.")
    assert [t for t in found if t[1] == "CONSULT"] == [("held talks", "CONSULT")]


def test_the_name_beside_a_nationality_is_the_actor():
    text = "Lavrov met his Turkish counterpart Mevlut Cavusoglu in Moscow on Monday."
    layer = suggest(text)
    (event,) = [e for e in layer.events.values() if e.type == "CONSULT"]
    target = [layer.spans[a.span_id] for a in event.arguments if a.role == "target"]
    assert [text[s.start:s.end] for s in target] == ["Mevlut Cavusoglu"]  # before: "Turkish"


def _entities(text: str) -> list[tuple[str, str]]:
    layer = suggest(text)
    return [(text[s.start:s.end], s.label) for s in sorted(layer.spans.values(), key=lambda s: s.start)
            if s.layer == "entity"]


def test_a_name_the_model_cut_short_goes_on_over_the_next_capitalised_word():
    found = _entities("Mali's security minister, General Sada Samake, signed the accord in Algiers.")
    assert ("Sada Samake", "PERSON") in found  # before: "Sada"


def test_a_name_does_not_swallow_a_place_word_after_it():
    found = _entities("Protesters gathered outside Trump Tower on Monday.")
    assert not [text for text, _label in found if text.endswith("Tower") and text != "Trump Tower"] \
        and ("Trump Tower", "PERSON") not in found


def test_the_second_half_of_a_hyphenated_title_is_no_name():
    found = _entities("The Secretary-General called for an immediate ceasefire.")
    assert ("General", "PERSON") not in found  # before: a PERSON "General", the source of the call



def test_a_dateline_is_where_the_story_was_filed_not_whose_actors_they_are():
    """Wire copy filed from a neighbouring capital: "LIBREVILLE (Reuters) - Central African
    Republic's government and rebels ...": the rebels, troops and insurgents were Gabon's."""
    codes = entity_codes("LIBREVILLE (Reuters) - Central African Republic's government and rebels have agreed to a "
                   "temporary ceasefire.")
    assert codes["rebels"] == "CAFREB"  # before: GABREB
    codes = entity_codes("NAIROBI, Dec 31 (Reuters) - The South Sudanese government and rebels loyal to Riek Machar have "
                   "agreed on a ceasefire as they prepare for talks.")
    assert codes["they"] == "SSDREB"  # before: KENREB


def test_a_dateline_still_gives_the_country_when_nothing_else_names_one():
    codes = entity_codes("BAGHDAD (Reuters) - Police arrested five men suspected of planting bombs.")
    assert codes["Police"] == "IRQCOP"


def test_congo_alone_is_the_democratic_republic_as_news_writes_it():
    """Wire copy writes "Congo" for the Democratic Republic and "Republic of Congo" or "Congo
    Republic" for its neighbour; the bare name was coded COG."""
    codes = entity_codes("Fighting in eastern Congo displaced thousands, while the Congo Republic held elections.")
    assert codes["Congo"] == "COD" and codes["Congo Republic"] == "COG"


def _roles(text: str, etype: str) -> dict[str, str]:
    return {role: words for role, (words, _code) in event_roles(text, etype).items()}


def test_a_place_named_with_its_kind_is_where_it_happened():
    """"protests in the capital Caracas" made Caracas the target; "in the eastern city of
    Baqubah" gave no location."""
    assert _roles("Thousands joined protests in the capital Caracas on Saturday.", "PROTEST").get("location") == "Caracas"
    assert _roles("In the eastern city of Baqubah, guerrillas detonated a car bomb outside a police station.",
                  "ASSAULT").get("location") == "Baqubah"

