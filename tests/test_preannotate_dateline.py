"""Wire-service datelines ("KABUL (Reuters) - ...") and a time between a verb and its particle
("agreed on Thursday to ...") in the default pipeline's suggestions."""

from __future__ import annotations

import pytest

from tests.preannotate_support import events_in_order, suggest


def entities(text: str) -> dict[str, tuple[str, str | None]]:
    layer = suggest(text)
    return {text[s.start:s.end]: (s.label, s.actor_code) for s in layer.spans.values() if s.layer == "entity"}


def argument_texts(text: str) -> list[tuple[str, list[str]]]:
    layer = suggest(text)
    return [(e.type, [text[layer.spans[a.span_id].start:layer.spans[a.span_id].end] for a in e.arguments])
            for e in events_in_order(layer)]


def test_a_dateline_in_capitals_is_the_place_date_and_agency_it_names():
    found = entities("DAMASCUS, Feb 12 (Reuters) - Syrian troops shelled rebel positions near Idlib on Monday.")
    assert found["DAMASCUS"] == ("GPE", "SYR")
    assert found["Feb 12"][0] == "DATE"
    assert found["Reuters"] == ("ORG", "GBRMED")


@pytest.mark.parametrize("text,dateline", [
    ("CAIRO (AP) — Egyptian police arrested dozens of protesters outside the parliament, a security official said.",
     ("CAIRO", "AP")),
    ("HERAT (Reuters) - Taliban fighters attacked a police checkpoint in western Afghanistan overnight, killing 12 "
     "officers, officials said on Tuesday.", ("HERAT", "Reuters")),
])
def test_a_dateline_is_never_an_argument_of_the_story_s_events(text, dateline):
    events = argument_texts(text)
    assert events, "the act is suggested"
    assert all(word not in args for _type, args in events for word in dateline)


@pytest.mark.parametrize("text,place", [
    ("GAZA CITY, Gaza Strip (AP) — Militants fired rockets into southern Israel.", "GAZA CITY"),
    ("Seoul (AFP) - North Korea fired two missiles into the sea.", "Seoul"),
    ("NAIROBI, Kenya — Kenyan police fired tear gas at demonstrators.", "NAIROBI"),
])
def test_dateline_shapes(text, place):
    assert entities(text)[place][0] == "GPE"


@pytest.mark.parametrize("text,word", [
    ("ISIS - the group that seized Mosul - lost its last town.", "ISIS"),
    ("Officials said - without giving details - that talks would resume.", "Officials"),
])
def test_capitals_or_a_name_before_a_dash_alone_are_no_dateline(text, word):
    assert entities(text).get(word, ("", None))[0] != "GPE"


def test_a_time_between_a_verb_and_its_particle_does_not_make_another_phrase():
    text = "The European Union agreed on Thursday to send medical supplies to Libya."
    layer = suggest(text)
    [event] = events_in_order(layer)
    trigger = layer.spans[event.trigger]
    assert (event.type, text[trigger.start:trigger.end]) == ("AGREE", "agreed")
    # with a real object the phrase stays what it is
    text = "The two ministers agreed on a ceasefire in the region."
    assert [e.type for e in events_in_order(suggest(text))] == ["SUPPORT"]


def test_a_phrase_with_no_shorter_reading_is_kept_across_the_time():
    text = "The Supreme Court ruled on September 11 the suspension of parliament was unlawful."
    assert [e.type for e in events_in_order(suggest(text))] == ["SANCTION"]


def test_a_wire_style_date_without_the_abbreviation_point_is_a_date():
    text = "Police detained the opposition leader on Jan 5 and questioned him until Feb 2."
    found = entities(text)
    assert found["Jan 5"][0] == "DATE" and found["Feb 2"][0] == "DATE"
