"""A generated corpus with a gold layer, for training tests and the model-in-the-loop demo.

The texts come from `make_corpus.generate`; the gold annotations are found by string search,
since the generator knows its own actor, action, place and date strings:
- entity spans: each actor (PERSON / ORG / GPE / NORP, without a leading "the"), each place (GPE),
  each date "March 5" (DATE);
- trigger spans: the verb (phrase) of each action, labelled with its PLOVER event type;
- one event per trigger: source = the actor before it in its sentence, target = the actor after
  it, location = the place, date = the date of the sentence (the generator's sentence shapes
  guarantee these roles).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from annotator.core.ids import new_id
from annotator.core.model import GOLD, AnnotatedDocument, Argument, Document, Event, Layer, Span

try:
    from .make_corpus import MONTHS, PLACES, generate
except ImportError:  # run as a script from benchmarks/
    from make_corpus import MONTHS, PLACES, generate  # type: ignore[no-redef]

# actor string in make_corpus.ACTORS -> (text of the entity span, label)
ACTORS = {
    "Israeli Prime Minister Benjamin Netanyahu": "PERSON",
    "U.S. Secretary of State Antony Blinken": "PERSON",
    "the White House": "ORG",
    "Iranian Foreign Minister Hossein Amir-Abdollahian": "PERSON",
    "Hezbollah": "ORG",
    "Hamas": "ORG",
    "the Israel Defense Forces": "ORG",
    "the United Nations": "ORG",
    "the European Union": "ORG",
    "Russian President Vladimir Putin": "PERSON",
    "Ukraine": "GPE",
    "the Turkish government": "ORG",
    "Egyptian officials": "NORP",
    "the Palestinian Authority": "ORG",
    "Qatar": "GPE",
    "NATO": "ORG",
    "French President Emmanuel Macron": "PERSON",
    "the Lebanese army": "ORG",
    "protesters in Tehran": "NORP",
    "Houthi rebels": "ORG",
    "the Saudi foreign ministry": "ORG",
    "Chinese Foreign Minister Wang Yi": "PERSON",
    "German Chancellor Olaf Scholz": "PERSON",
    "the Syrian government": "ORG",
    "Jordan": "GPE",
    "the Iraqi parliament": "ORG",
    "Kurdish fighters": "NORP",
    "India": "GPE",
    "Pakistan": "GPE",
}
# trigger words of make_corpus.ACTIONS -> PLOVER event type
TRIGGERS = {
    "met with": "CONSULT", "urged": "REQUEST", "warned": "THREATEN", "accused": "ACCUSE",
    "launched airstrikes": "ASSAULT", "condemned": "ACCUSE", "pledged humanitarian aid": "AID",
    "imposed sanctions": "SANCTION", "rejected": "REJECT", "threatened": "THREATEN",
    "signed a trade agreement": "COOPERATE", "arrested": "COERCE", "deployed troops": "MOBILIZE",
    "praised": "SUPPORT", "called on": "REQUEST", "fired rockets": "ASSAULT", "expelled diplomats": "SANCTION",
    "agreed to hold talks": "AGREE",
}


def _strip_the(actor: str) -> str:
    return actor.removeprefix("the ")


def _pattern(strings: list[str]) -> re.Pattern[str]:
    alternatives = sorted(strings, key=len, reverse=True)  # longest first: "protesters in Tehran" > "Tehran"
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(s) for s in alternatives) + r")(?![\w])")


_ACTOR_TEXTS = {_strip_the(a): label for a, label in ACTORS.items()}
_ENTITIES = {**_ACTOR_TEXTS, **{p: "GPE" for p in PLACES}}
_ENTITY_RE = _pattern(list(_ENTITIES))
_TRIGGER_RE = _pattern(list(TRIGGERS))
_DATE_RE = re.compile(r"\b(?:" + "|".join(MONTHS) + r") \d{1,2}\b")
_SENTENCE_END_RE = re.compile(r"(?<!U\.S)\.(?= |$)")  # "U.S." does not end a sentence


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(text)]
    begin = max([0, *(e + 1 for e in ends if e <= start)])
    finish = min([len(text), *(e for e in ends if e >= end)])
    return begin, finish


def gold_layer(text: str) -> Layer:
    layer = Layer(GOLD, "done")

    def add(start: int, end: int, label: str, kind: str) -> Span:
        return layer.add_span(Span(new_id(), start, end, label, kind, origin="human", status="accepted"))

    for m in _ENTITY_RE.finditer(text):
        add(m.start(), m.end(), _ENTITIES[m.group()], "entity")
    for m in _DATE_RE.finditer(text):
        add(m.start(), m.end(), "DATE", "entity")
    for m in _TRIGGER_RE.finditer(text):
        trigger = add(m.start(), m.end(), TRIGGERS[m.group()], "trigger")
        sentence_start, sentence_end = _sentence_bounds(text, m.start(), m.end())
        inside = [s for s in layer.spans.values() if s.layer == "entity"
                  and sentence_start <= s.start and s.end <= sentence_end]
        actors = [s for s in inside if s.label != "DATE" and text[s.start:s.end] in _ACTOR_TEXTS]
        before = [s for s in actors if s.end <= trigger.start]
        after = [s for s in actors if s.start >= trigger.end]
        arguments = []
        if before:
            arguments.append(Argument("source", max(before, key=lambda s: s.end).id))
        if after:
            arguments.append(Argument("target", min(after, key=lambda s: s.start).id))
        used = {a.span_id for a in arguments}
        place = [s for s in inside if s.label == "GPE" and text[s.start:s.end] in PLACES and s.id not in used]
        if place:
            arguments.append(Argument("location", place[0].id))
        date = [s for s in inside if s.label == "DATE"]
        if date:
            arguments.append(Argument("date", date[0].id))
        layer.add_event(Event(new_id(), trigger.id, trigger.label, origin="human", status="accepted",
                              arguments=arguments))
    return layer


def gold_documents(n: int, seed: int = 7, sentences: tuple[int, int] = (8, 30),
                   with_gold: bool = True) -> Iterator[AnnotatedDocument]:
    """`n` generated documents, each with a done gold layer (or none, with_gold=False)."""
    for record in generate(n, seed, sentences):
        document = Document(record["text"], ext_id=record["id"], title=record["title"])
        layers = [gold_layer(record["text"])] if with_gold else []
        yield AnnotatedDocument(document, layers)
