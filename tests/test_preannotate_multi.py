"""Sentences with more than one candidate event: which of them are events, and why a candidate
is dropped (the decider's trace). Short sentences written for these tests; each test fails when
its rule is removed (docs/preannotation.md, "Several events in one sentence")."""

from __future__ import annotations

from functools import lru_cache

import pytest

from annotator.core.scheme import default_scheme


@lru_cache(maxsize=1)
def nlp():
    from annotator.preannotate.pipeline import build_pipeline

    return build_pipeline()


def types(text: str) -> list[tuple[str, str]]:
    from annotator.preannotate import preannotate_texts

    layer = preannotate_texts([text], nlp(), default_scheme())[0]
    spans = layer.spans
    return [(spans[e.trigger].text_in(text), e.type)
            for e in sorted(layer.events.values(), key=lambda e: spans[e.trigger].start)]


def trace(text: str) -> list[tuple[str, str, str]]:
    """(trigger text, candidate type, verdict) for every candidate of `text`."""
    from annotator.preannotate.arguments import TRACE_KEY
    from annotator.preannotate.pipeline import EVENTS_PIPE

    pipe = nlp().get_pipe(EVENTS_PIPE)
    pipe.trace = True
    try:
        doc = nlp()(text)
    finally:
        pipe.trace = False
    return [(text[s:e], etype, verdict) for s, e, etype, _lemma, verdict in doc.user_data[TRACE_KEY]]


# -- the trace --------------------------------------------------------------------------

def test_trace_names_the_rule_that_dropped_each_candidate():
    found = trace("Iran did not attack Israel, but Egypt urged Turkey to release the hostages.")
    assert ("attack", "ASSAULT", "negated") in found
    assert ("urged", "REQUEST", "kept") in found
    assert any(t.startswith("release") and v == "embedded under a speech act" for t, _e, v in found)


def test_trace_is_off_by_default():
    from annotator.preannotate.arguments import TRACE_KEY

    assert TRACE_KEY not in nlp()("Iran did not attack Israel.").user_data
