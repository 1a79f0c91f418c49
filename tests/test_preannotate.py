"""Pre-annotation quality: the seed article's main actors and events, and sentences that are
not in the seed (the lexicons are general, not tuned to one article)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from annotator.core.model import Layer
from annotator.core.scheme import default_scheme
from preannotate_support import default_nlp as nlp
from preannotate_support import suggest

SEED_FILE = next((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


annotate = suggest


def entities(layer: Layer, text: str, surface: str) -> list:
    return [s for s in layer.spans.values() if s.layer == "entity" and s.text_in(text) == surface]


def event_at(layer: Layer, text: str, surface: str):
    spans = [s for s in layer.spans.values() if s.layer == "trigger" and s.text_in(text) == surface]
    assert spans, f"no trigger {surface!r}; triggers: {triggers(layer, text)}"
    return layer.event_of_trigger(spans[0].id)


def triggers(layer: Layer, text: str) -> list[tuple[str, str]]:
    return sorted((s.text_in(text), s.label) for s in layer.spans.values() if s.layer == "trigger")


def argument(layer: Layer, text: str, event, role: str) -> list[str]:
    return [layer.spans[sid].text_in(text) for sid in event.spans_in_role(role)]


@pytest.fixture(scope="module")
def seed():
    text = SEED_FILE.read_text(encoding="utf-8")
    return text, annotate(text)


@pytest.mark.parametrize("surface,label,code", [
    ("Benjamin Netanyahu", "PERSON", "ISRGOV"),
    ("Netanyahu", "PERSON", "ISRGOV"),
    ("Antony Blinken", "PERSON", "USAGOV"),
    ("Blinken", "PERSON", "USAGOV"),
    ("U.S.", "GPE", "USA"),
    ("Israel", "GPE", "ISR"),
    ("Iran", "GPE", "IRN"),
    ("Hezbollah", "ORG", "LBNREB"),
    ("Hamas", "ORG", "PSEREBHMS"),
    ("Israel Defense Forces", "ORG", "ISRMIL"),
    ("White House", "ORG", "USAGOV"),
    ("U.S. State Department", "ORG", "USAGOV"),
    ("United Nations", "ORG", "IGOUNO"),
    ("Hossein Amir-Abdollahian", "PERSON", "IRNGOV"),
    ("Amir Saeed Iravani", "PERSON", "IRNGOV"),
    ("Yehya Sinwar", "PERSON", "PSEREBHMS"),
    ("Beirut", "GPE", "LBN"),
    ("Gaza", "GPE", "PSEGZA"),
    ("Palestinians", "NORP", "PSE"),
    ("The Jerusalem Post", "ORG", "ISRMED"),
    ("Prime Minister’s Office", "ORG", "ISRGOV"),
    ("October 22", "DATE", None),
])
def test_seed_main_actors_with_codes(seed, surface, label, code):
    text, layer = seed
    found = entities(layer, text, surface)
    assert found, f"{surface!r} not suggested"
    assert {(s.label, s.actor_code) for s in found} == {(label, code)}
    assert all(s.origin == "model" and s.status == "suggested" for s in found)


def test_every_mention_of_a_main_actor_is_found(seed):
    text, layer = seed
    assert len(entities(layer, text, "Hezbollah")) == text.count("Hezbollah")
    assert len(entities(layer, text, "Netanyahu")) == text.count("Netanyahu") - 1  # once inside the full name
    assert len(entities(layer, text, "Iran")) >= 8


def test_seed_main_events_have_sensible_types(seed):
    text, layer = seed
    found = dict(triggers(layer, text))
    assert found["met with"] == "CONSULT"
    assert found["urged"] == "REQUEST"
    assert found["warned"] == "THREATEN"
    assert found["accused"] == "ACCUSE"
    assert found["drone attack"] == "ASSAULT"
    assert found["launched airstrikes"] == "ASSAULT"
    # "the group claims responsibility for the drone attack": the claimed act, by the claimer
    assert "claims responsibility" not in found


def test_every_trigger_has_an_event_of_its_type(seed):
    _text, layer = seed
    trigger_spans = [s for s in layer.spans.values() if s.layer == "trigger"]
    # statements, negated acts and bare back-references are not suggested (e.g. "the talks
    # were described as productive", "would not engage in negotiations"), so fewer than before
    assert len(trigger_spans) == len(layer.events) >= 10
    for event in layer.events.values():
        assert layer.spans[event.trigger].label == event.type
        assert event.origin == "model" and event.status == "suggested"
        for arg in event.arguments:
            assert layer.spans[arg.span_id].layer == "entity"


def test_seed_event_arguments(seed):
    text, layer = seed
    airstrikes = event_at(layer, text, "launched airstrikes")
    assert airstrikes.mode == "aerial"
    # "The Israel Defense Forces reported that ... they launched airstrikes": "they" is the
    # source, coded as the group named before it
    assert argument(layer, text, airstrikes, "source") == ["they"]
    assert layer.spans[airstrikes.spans_in_role("source")[0]].actor_code == "ISRMIL"
    assert argument(layer, text, airstrikes, "target") == ["Hezbollah"]
    assert argument(layer, text, airstrikes, "location") == ["Beirut"]
    assert argument(layer, text, airstrikes, "date") == ["the night of October 22"]
    meeting = event_at(layer, text, "met with")
    assert argument(layer, text, meeting, "source") == ["Benjamin Netanyahu"]
    assert argument(layer, text, meeting, "target") == ["Antony Blinken"]
    assert argument(layer, text, meeting, "date") == ["October 22"]
    urged = event_at(layer, text, "urged")
    assert (argument(layer, text, urged, "source"), argument(layer, text, urged, "target")) == (["Blinken"], ["Israel"])
    accused = event_at(layer, text, "accused")
    assert argument(layer, text, accused, "source") == ["Amir Saeed Iravani"]
    assert argument(layer, text, accused, "target") == ["U.S."]
    drone = event_at(layer, text, "drone attack")
    assert drone.mode == "drone"
    assert argument(layer, text, drone, "target") == ["Netanyahu"]
    # "the group claims responsibility for ...": the claimer is the attacker, coded as the group
    assert argument(layer, text, drone, "source") == ["group"]
    assert layer.spans[drone.spans_in_role("source")[0]].actor_code == "LBNREB"
    assaults = event_at(layer, text, "assaults")
    assert argument(layer, text, assaults, "source") == ["Hezbollah"]  # "assaults from Hezbollah"


def test_title_modifiers_are_not_arguments(seed):
    text, layer = seed
    israeli = entities(layer, text, "Israeli")[0]
    used = {a.span_id for e in layer.events.values() for a in e.arguments}
    assert israeli.actor_code == "ISR" and israeli.id not in used


def test_negated_act_is_not_suggested(seed):
    # "Hezbollah would not engage in negotiations with Israel": no event (coding guidelines)
    text, layer = seed
    assert ("negotiations", "CONSULT") not in triggers(layer, text)
    assert event_at(layer, text, "met with").negated is False


def test_trigger_lemmas_come_from_the_lexicon(seed):
    text, layer = seed
    lemmas = {s.text_in(text): s.attrs.get("lemma") for s in layer.spans.values() if s.layer == "trigger"}
    assert lemmas["launched airstrikes"] == "launch airstrike"
    assert lemmas["met with"] == "meet with"
    assert lemmas["urged"] == "urge"


GENERAL = [
    # (sentence, {entity: (label, code)}, (trigger, type, mode, source, target))
    ("German Chancellor Olaf Scholz met with French President Emmanuel Macron in Paris.",
     {"Olaf Scholz": ("PERSON", "DEUGOV"), "Emmanuel Macron": ("PERSON", "FRAGOV"), "Paris": ("GPE", "FRA")},
     ("met with", "CONSULT", None, "Olaf Scholz", "Emmanuel Macron")),
    ("Egyptian police arrested dozens of protesters in Cairo on March 3.",
     {"Egyptian police": ("ORG", "EGYCOP"), "Cairo": ("GPE", "EGY"), "March 3": ("DATE", None),
      "protesters": ("ORG", "EGYOPP")},  # a generic actor, coded from the country in context
     ("arrested", "COERCE", "arrest", "Egyptian police", "protesters")),
    ("Houthi rebels fired missiles at a commercial ship in the Red Sea.",
     {"Houthi rebels": ("ORG", "YEMREB")},
     ("fired missiles", "ASSAULT", "heavy-weapons", "Houthi rebels", None)),
    ("Russian President Vladimir Putin condemned the sanctions imposed by the European Union on Monday.",
     {"Vladimir Putin": ("PERSON", "RUSGOV"), "European Union": ("ORG", "IGOEUREEC"), "Monday": ("DATE", None)},
     # the parse: the sanctions "imposed by the European Union" make the EU the target
     ("condemned", "ACCUSE", "disapprove", "Vladimir Putin", "European Union")),
    ("The United Nations urged both sides to release all hostages, while Qatar offered to mediate.",
     {"United Nations": ("ORG", "IGOUNO"), "Qatar": ("GPE", "QAT")},
     ("urged", "REQUEST", None, "United Nations", None)),  # the release is only asked for: no RETREAT
    ("Ukraine accused Russia of shelling civilian areas in Kharkiv.",
     {"Ukraine": ("GPE", "UKR"), "Russia": ("GPE", "RUS"), "Kharkiv": ("GPE", "UKR")},
     ("accused", "ACCUSE", None, "Ukraine", "Russia")),
    ("Egypt condemned the raid, accusing Israel of violating the truce.",
     {"Egypt": ("GPE", "EGY"), "Israel": ("GPE", "ISR")},
     ("condemned", "ACCUSE", "disapprove", "Egypt", None)),  # ", accusing" ends the clause
    ("Thousands of demonstrators protested in Tehran against the Iranian government.",
     {"Tehran": ("GPE", "IRN"), "Iranian government": ("ORG", "IRNGOV")},
     ("protested", "PROTEST", "demo", "demonstrators", "Iranian government")),  # a generic actor (IRNOPP)
]


@pytest.mark.parametrize("sentence,expected_entities,expected_event", GENERAL)
def test_sentences_outside_the_seed(sentence, expected_entities, expected_event):
    layer = annotate(sentence)
    for surface, (label, code) in expected_entities.items():
        found = entities(layer, sentence, surface)
        assert [(s.label, s.actor_code) for s in found] == [(label, code)], surface
    trigger, etype, mode, source, target = expected_event
    event = event_at(layer, sentence, trigger)
    assert (event.type, event.mode) == (etype, mode)
    assert argument(layer, sentence, event, "source") == ([source] if source else [])
    assert argument(layer, sentence, event, "target") == ([target] if target else [])


def test_unknown_actors_get_no_code():
    sentence = "Prime Minister Jane Doe met with officials of the Xyzzy Federation."
    layer = annotate(sentence)
    [jane] = entities(layer, sentence, "Jane Doe")
    assert jane.label == "PERSON" and jane.actor_code is None


def test_the_lexicon_covers_all_sixteen_plover_types():
    from annotator.preannotate.lexicon import load_lexicon

    lexicon = load_lexicon()
    scheme = default_scheme()
    assert lexicon.types == set(scheme.event_names())
    assert len(lexicon.types) == 16
    for trigger in lexicon.triggers.values():
        if trigger.mode is not None:
            assert trigger.mode in scheme.event(trigger.type).mode_names(), trigger


def test_lexicon_inflects_lemmas_with_lemminflect():
    from annotator.preannotate.lexicon import inflections, parse

    assert {"meet", "met", "meets", "meeting"} <= set(inflections("meet", "V"))
    assert {"airstrike", "airstrikes"} <= set(inflections("airstrike", "N"))
    lexicon = parse({"entries": [{"type": "ASSAULT", "mode": "aerial", "patterns": ["launch~V ?DET airstrike~N"]}]})
    phrases = {p["pattern"] for p in lexicon.patterns}
    assert {"launched airstrikes", "launches an airstrike", "launching new airstrikes", "launch airstrike"} <= phrases
    assert {p["id"] for p in lexicon.patterns} == {"ASSAULT|aerial"}
    assert lexicon.lemma(["launched", "airstrikes"]) == "launch airstrike"


def test_contradicting_lexicon_is_refused():
    from annotator.core.errors import InputError
    from annotator.preannotate.lexicon import parse

    with pytest.raises(InputError, match="both"):
        parse({"entries": [{"type": "ASSAULT", "patterns": ["attack~V"]},
                           {"type": "ACCUSE", "patterns": ["attack~N"]}]})


def test_a_frame_names_entity_objects_only_by_a_known_kind():
    from annotator.core.errors import InputError
    from annotator.preannotate.lexicon import parse

    lexicon = parse({"entries": [], "frames": [{"verb": "free", "type": "RETREAT", "objects": ["@PERSON", "hostage"]}]})
    [(forms, _trigger)] = lexicon.frames["FRAME|free"]
    assert "@PERSON" in forms and "hostages" in forms and "@persons" not in forms  # the marker is not inflected
    spoken = parse({"entries": [], "frames": [{"verb": "speak", "type": "CONSULT", "prepositions": ["With", "to"],
                                               "objects": ["@PERSON"]}]})
    assert spoken.frame_preps == {"FRAME|speak": frozenset({"with", "to"})} and not lexicon.frame_preps
    with pytest.raises(InputError, match="frame 1: 'prepositions' must be a list"):
        parse({"entries": [], "frames": [{"verb": "speak", "type": "CONSULT", "prepositions": "with",
                                          "objects": ["@PERSON"]}]})
    with pytest.raises(InputError, match="frame 1: unknown entity object '@PEOPLE'"):
        parse({"entries": [], "frames": [{"verb": "free", "type": "RETREAT", "objects": ["@PEOPLE"]}]})


def test_lemmas_without_lookup_tables():
    # No lemmatizer component (it would need spacy-lookups-data): trigger tokens get their
    # lemma from the lexicon's lemminflect expansion.
    assert "lemmatizer" not in nlp().pipe_names
    doc = nlp()("Rebels launched airstrikes and urged talks.")
    assert [t.lemma_ for t in doc[1:3]] == ["launch", "airstrike"]
    assert doc[4].lemma_ == "urge"


def test_importing_the_package_does_not_import_spacy():
    import subprocess

    code = "import sys, annotator.preannotate, annotator.cli.main; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
