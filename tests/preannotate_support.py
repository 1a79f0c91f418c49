"""What the pre-annotation tests share: one default pipeline for the whole test session
(building it loads the base model and compiles the trigger lexicon, seconds each time), and a
text's suggested layer with its events in text order."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from annotator.core.model import Event, Layer
from annotator.core.scheme import default_scheme


@lru_cache(maxsize=1)
def default_nlp() -> Any:
    from annotator.preannotate.pipeline import build_pipeline

    return build_pipeline()


def suggest(text: str) -> Layer:
    """The default pipeline's suggestions for `text` (nothing stored)."""
    from annotator.preannotate import preannotate_texts

    return preannotate_texts([text], default_nlp(), default_scheme())[0]


def events_in_order(layer: Layer) -> list[Event]:
    return sorted(layer.events.values(), key=lambda e: layer.spans[e.trigger].start)


def traced_candidates(text: str) -> list[tuple[int, int, str, str, str]]:
    """(start, end, candidate type, lemma, verdict) of every trigger candidate of `text`: the
    events component's trace (kept, or the name of the rule that dropped it)."""
    from annotator.preannotate.arguments import TRACE_KEY
    from annotator.preannotate.pipeline import EVENTS_PIPE

    pipe = default_nlp().get_pipe(EVENTS_PIPE)
    pipe.trace = True
    try:
        doc = default_nlp()(text)
    finally:
        pipe.trace = False
    return list(doc.user_data[TRACE_KEY])


def verdict(text: str, trigger: str) -> str:
    """The decider's verdict on the first candidate whose text contains `trigger`."""
    found = [v for s, e, _t, _l, v in traced_candidates(text) if trigger.lower() in text[s:e].lower()]
    assert found, f"no candidate {trigger!r} in {text!r}"
    return found[0]


def types(text: str) -> list[tuple[str, str]]:
    """(trigger text, type) of each suggested event, in text order."""
    return [(trigger, etype) for trigger, etype, _mode in types_and_modes(text)]


def types_and_modes(text: str) -> list[tuple[str, str, str | None]]:
    """(trigger text, type, mode) of each suggested event, in text order."""
    layer = suggest(text)
    return [(layer.spans[e.trigger].text_in(text), e.type, e.mode) for e in events_in_order(layer)]


def type_mode_pairs(text: str) -> list[tuple[str, str | None]]:
    """(type, mode) of each suggested event, in text order."""
    return [(etype, mode) for _trigger, etype, mode in types_and_modes(text)]


def entity_codes(text: str) -> dict[str, str | None]:
    """The actor code of each suggested entity of `text`, by its text."""
    layer = suggest(text)
    return {text[s.start:s.end]: s.actor_code for s in layer.spans.values() if s.layer == "entity"}


def event_roles(text: str, etype: str) -> dict[str, tuple[str, str | None]]:
    """(text, actor code) of each argument of the one suggested event of type `etype`, by role."""
    layer = suggest(text)
    (event,) = [e for e in layer.events.values() if e.type == etype]
    return {a.role: (layer.spans[a.span_id].text_in(text), layer.spans[a.span_id].actor_code)
            for a in event.arguments}
