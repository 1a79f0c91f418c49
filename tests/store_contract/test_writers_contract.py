"""One layer, two writers (two leads on gold, each with a connection of their own, as two windows
or processes are): every engine keeps these promises --

- an undo or redo is written only if it fits the layer as the other writer left it: stale
  values and the span–event rules are checked, and the step is never completed with changes
  to what the other writer did (a redo used to leave an accepted event with a rejected source);
- a role edit states the fillers it replaces: made from a stale copy it is refused, never a
  second source beside the other lead's."""

from __future__ import annotations

import pytest

from annotator.core import (
    AddEvent,
    AddSpan,
    AnnotatedDocument,
    Document,
    EditError,
    Event,
    Span,
    new_id,
    set_argument,
    set_span_fields,
)
from annotator.core.integrity import problems
from annotator.core.model import GOLD
from annotator.store import Project

TEXT = "Israeli officials met Egyptian envoys in Cairo on Monday."


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def gold(new_project):
    """Two connections on one project whose gold has "Israeli", "Egyptian" and a CONSULT event
    on "met" without arguments; yields (first, second, ids)."""
    first = new_project(documents=[AnnotatedDocument(Document(TEXT, ext_id="d1"))])
    ids = {
        "israeli": Span(new_id(), *at("Israeli"), "NORP", origin="model", status="accepted"),
        "egyptian": Span(new_id(), *at("Egyptian"), "NORP", origin="human", status="accepted"),
        "met": Span(new_id(), *at("met"), "CONSULT", "trigger", origin="human", status="accepted"),
    }
    event = Event(new_id(), ids["met"].id, "CONSULT", origin="human", status="accepted")
    for edit in (AddSpan(ids["israeli"]), AddSpan(ids["egyptian"]), AddSpan(ids["met"]), AddEvent(event)):
        first.apply(1, GOLD, edit)
    second = Project.open(first.location)
    yield first, second, {**{k: s.id for k, s in ids.items()}, "event": event.id}
    second.close()


def test_a_redo_that_would_leave_a_rejected_source_is_refused_and_writes_nothing(gold):
    first, second, ids = gold
    israeli = first.layer(1, GOLD).spans[ids["israeli"]]
    rejected = first.apply(1, GOLD, set_span_fields(israeli, status="rejected")).edit
    first.apply(1, GOLD, rejected.inverse(), action="undo")
    second.apply(1, GOLD, set_argument(second.layer(1, GOLD), ids["event"], "source", ids["israeli"]))
    stored = first.layer(1, GOLD)
    audit_rows = len(first.history(1, GOLD))
    with pytest.raises(EditError, match="changed meanwhile: the NORP span is the source of the CONSULT event now"):
        first.apply(1, GOLD, rejected, action="redo")
    assert first.layer(1, GOLD) == stored and len(first.history(1, GOLD)) == audit_rows
    assert problems(stored) == [] and first.check() == []


def test_a_role_set_from_a_stale_copy_is_refused_and_the_event_keeps_one_source(gold):
    first, second, ids = gold
    seen_by_first = first.layer(1, GOLD)
    second.apply(1, GOLD, set_argument(second.layer(1, GOLD), ids["event"], "source", ids["israeli"]))
    with pytest.raises(EditError, match="source of the CONSULT event changed meanwhile"):
        first.apply(1, GOLD, set_argument(seen_by_first, ids["event"], "source", ids["egyptian"]))
    assert first.layer(1, GOLD).events[ids["event"]].spans_in_role("source") == [ids["israeli"]]
    # from the layer as stored the same key is written: the source moves to Egyptian
    first.apply(1, GOLD, set_argument(first.layer(1, GOLD), ids["event"], "source", ids["egyptian"]))
    assert first.layer(1, GOLD).events[ids["event"]].spans_in_role("source") == [ids["egyptian"]]
    assert first.replayed_layer(1, GOLD) == first.layer(1, GOLD)  # the role edits replay from the log
