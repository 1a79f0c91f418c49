"""event_quality: per-sentence event matching, event-free sentences, actor codes, named entities."""

import pytest

from annotator.agreement.event_quality import event_quality
from annotator.core.model import Argument, Event, Layer, Span

TEXT = ("Iranian Foreign Minister Javad Zarif met U.S. envoy Brian Hook in Oslo. "
        "The weather was mild.\nPolice arrested Mr. Smith on Tuesday. Protesters marched.")


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def layer(name: str, entities, events) -> Layer:
    """entities: (needle, label, code, generic); events: (trigger, type, {role: needle})."""
    out = Layer(name)
    ids = {}
    for i, (needle, label, code, generic) in enumerate(entities, 1):
        s, e = at(TEXT, needle)
        out.add_span(Span(i, s, e, label, "entity", code, attrs={"generic": True} if generic else {}))
        ids[needle] = i
    for j, (trigger, type_, roles) in enumerate(events, 100):
        s, e = at(TEXT, trigger)
        out.add_span(Span(j, s, e, type_, "trigger"))
        out.add_event(Event(j + 1000, j, type_, arguments=[Argument(r, ids[n]) for r, n in roles.items()]))
    return out


GOLD_ENTITIES = [("Javad Zarif", "PERSON", "IRNGOV", False), ("Brian Hook", "PERSON", "USAGOV", False),
                 ("Oslo", "GPE", "NOR", False), ("Police", "ORG", "USACOP", True),
                 ("Smith", "PERSON", "USA", False), ("Protesters", "ORG", "USAOPP", True)]
GOLD_EVENTS = [("met", "CONSULT", {"source": "Javad Zarif", "target": "Brian Hook"}),
               ("arrested", "COERCE", {"source": "Police", "target": "Smith"}),
               ("marched", "PROTEST", {"source": "Protesters"})]


def test_perfect_suggestions_score_one():
    gold = layer("gold", GOLD_ENTITIES, GOLD_EVENTS)
    r = event_quality([(TEXT, gold, gold)])
    assert r["events"]["overall"]["f1"] == 1.0
    assert r["no_event"] == {"sentences": 1, "with_suggestion": 0, "rate": 0.0}
    assert r["actors"]["source"]["full"] == 1.0 and r["actors"]["target"]["root"] == 1.0
    # generic actors (police, protesters) are not named entities
    assert r["entities"]["kinds"]["person"]["reference"] == 3
    assert "organisation" not in r["entities"]["kinds"] or r["entities"]["kinds"]["organisation"]["reference"] == 0


def test_wrong_type_event_in_empty_sentence_and_wrong_actor():
    gold = layer("gold", GOLD_ENTITIES, GOLD_EVENTS)
    pred = layer("model", [("Javad Zarif", "PERSON", "IRN", False), ("Brian Hook", "PERSON", "GBRGOV", False),
                           ("weather", "ORG", None, False)],
                 [("met", "CONSULT", {"source": "Javad Zarif", "target": "Brian Hook"}),
                  ("mild", "ASSAULT", {}), ("arrested", "ASSAULT", {})])
    r = event_quality([(TEXT, pred, gold)])
    types = r["events"]["types"]
    assert types["CONSULT"]["tp"] == 1 and types["COERCE"]["fn"] == 1 and types["PROTEST"]["fn"] == 1
    assert types["ASSAULT"]["fp"] == 2
    assert r["events"]["overall"]["precision"] == pytest.approx(1 / 3, abs=1e-5)
    assert r["events"]["overall"]["recall"] == pytest.approx(1 / 3, abs=1e-5)
    assert r["no_event"]["with_suggestion"] == 1
    source, target = r["actors"]["source"], r["actors"]["target"]
    assert (source["root"], source["full"]) == (1.0, 0.0)  # IRN vs IRNGOV: root right, code not
    assert target["root"] == 0.0
    ent = r["entities"]
    assert ent["kinds"]["person"]["found"] == 2 / 3
    assert ent["kinds"]["organisation"]["right"] == 0.0  # "weather" is no organisation


def test_rejected_suggestions_do_not_count():
    gold = layer("gold", GOLD_ENTITIES, GOLD_EVENTS)
    pred = layer("model", [], [("mild", "ASSAULT", {})])
    for event in pred.events.values():
        event.status = "rejected"
    r = event_quality([(TEXT, pred, gold)])
    assert r["no_event"]["with_suggestion"] == 0
    assert r["events"]["overall"]["fp"] == 0


def test_suggested_generic_actors_are_not_counted_as_named_entities():
    gold = layer("gold", GOLD_ENTITIES, GOLD_EVENTS)
    suggested = layer("model", GOLD_ENTITIES, GOLD_EVENTS)
    r = event_quality([(TEXT, gold, suggested)])
    # "Police" and "Protesters" are generic on both sides: suggested PERSON/place only
    assert r["entities"]["right"] == 1.0
    assert sum(k["suggested"] for k in r["entities"]["kinds"].values()) == 4


def test_a_sentence_of_a_layer_scores_as_a_text_of_its_own():
    # --sentences of benchmarks/eval_devset.py: Layer.within moves the sentence's spans to its
    # own offsets and keeps only the events (and arguments) inside it
    gold = layer("gold", GOLD_ENTITIES, GOLD_EVENTS)
    start, end = at(TEXT, "Police arrested Mr. Smith on Tuesday.")
    part = gold.within(start, end)
    sentence = TEXT[start:end]
    assert sorted(s.text_in(sentence) for s in part.spans.values()) == ["Police", "Smith", "arrested"]
    [event] = part.events.values()
    assert event.type == "COERCE" and {a.role for a in event.arguments} == {"source", "target"}
    # an argument outside the sentence is dropped, not kept with a dangling id
    start, end = at(TEXT, "Iranian Foreign Minister Javad Zarif met")
    [event] = gold.within(start, end).events.values()
    assert [a.role for a in event.arguments] == ["source"]
    result = event_quality([(sentence, part, gold.within(*at(TEXT, "Police arrested Mr. Smith on Tuesday.")))])
    assert result["events"]["overall"]["precision"] == 1.0 and result["actors"]["source"]["root"] == 1.0


def test_actor_figures_do_not_depend_on_the_order_a_layer_holds_its_events_in():
    """Two reference COERCE events in one sentence, one suggestion: which one it is paired with
    decided the actor figures, by the order of the layer's events -- their ids, drawn at random
    on import (the same file gave other figures in another project). Now by the text."""
    text = "Police arrested Smith and soldiers detained Jones."
    entities = {"Police": "USACOP", "Smith": "USA", "soldiers": "USAMIL", "Jones": "GBR"}

    def coded(name: str, order: list[tuple[str, str, str]], first_id: int) -> Layer:
        out = Layer(name)
        ids = {}
        for i, (needle, code) in enumerate(entities.items(), 1):
            s, e = at(text, needle)
            ids[needle] = out.add_span(Span(i, s, e, "ORG", "entity", code)).id
        for j, (trigger, source, target) in enumerate(order):
            s, e = at(text, trigger)
            out.add_span(Span(50 + j, s, e, "COERCE", "trigger"))
            out.add_event(Event(first_id - j, 50 + j, "COERCE",
                                arguments=[Argument("source", ids[source]), Argument("target", ids[target])]))
        return out

    events = [("arrested", "Police", "Smith"), ("detained", "soldiers", "Jones")]
    suggestion = coded("model", [("detained", "Police", "Jones")], 900)
    figures = [event_quality([(text, suggestion, coded("gold", order, first_id))])["actors"]
               for order, first_id in ((events, 10), (events[::-1], 10), (events, 500))]
    assert figures[0] == figures[1] == figures[2]
    assert figures[0]["target"]["root"] == 1.0  # paired with "detained", the nearest trigger
