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
