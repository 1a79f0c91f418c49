"""One layer, two writers (two leads on gold, each with a connection of their own, as two windows
or processes are): every engine keeps these promises --

- an undo or redo is written only if it fits the layer as the other writer left it: stale
  values and the span–event rules are checked, and the step is never completed with changes
  to what the other writer did (a redo used to leave an accepted event with a rejected source);
- each writer's undo and redo stacks hold its own edits only (`apply(..., by=)`,
  `undo_state(..., by=)`), also after reopening;
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

from .conftest import reopen

TEXT = "Israeli officials met Egyptian envoys in Cairo on Monday."
A, B = "lead-a", "lead-b"  # the two writers (the names their windows work under)


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


def test_an_undo_that_would_take_back_what_another_writer_built_on_is_refused(gold):
    """A marks Cairo; B makes it the location of the event; A's undo (delete Cairo) is refused:
    it would have to take B's location out too."""
    first, second, ids = gold
    cairo = Span(new_id(), *at("Cairo"), "GPE")
    added = first.apply(1, GOLD, AddSpan(cairo)).edit
    second.apply(1, GOLD, set_argument(second.layer(1, GOLD), ids["event"], "location", cairo.id))
    with pytest.raises(EditError, match="the GPE span is still used by the CONSULT event"):
        first.apply(1, GOLD, added.inverse(), action="undo")
    assert first.layer(1, GOLD).events[ids["event"]].spans_in_role("location") == [cairo.id]


def test_each_writers_undo_stacks_hold_only_its_own_edits_also_after_reopening(gold):
    first, second, ids = gold
    cairo = Span(new_id(), *at("Cairo"), "GPE")
    monday = Span(new_id(), *at("Monday"), "DATE")
    mine = first.apply(1, GOLD, AddSpan(cairo), by=A).edit
    theirs = second.apply(1, GOLD, set_argument(second.layer(1, GOLD), ids["event"], "source", ids["israeli"]),
                          by=B).edit
    assert first.undo_state(1, GOLD, by=A) == ([mine], [])
    assert first.undo_state(1, GOLD, by=B) == ([theirs], [])
    assert first.undo_state(1, GOLD) == ([AddSpan(first.layer(1, GOLD).spans[ids["israeli"]]),
                                          AddSpan(first.layer(1, GOLD).spans[ids["egyptian"]]),
                                          AddSpan(first.layer(1, GOLD).spans[ids["met"]]),
                                          first.history(1, GOLD)[3].edit], [])  # the set-up's, by nobody named
    first.apply(1, GOLD, mine.inverse(), action="undo", by=A)
    second.apply(1, GOLD, AddSpan(monday), by=B)  # another writer's new edit leaves A's redo alone
    first = reopen(first)
    try:
        assert first.undo_state(1, GOLD, by=A) == ([], [mine])
        assert first.undo_state(1, GOLD, by=B) == ([theirs, AddSpan(monday)], [])
        first.apply(1, GOLD, mine, action="redo", by=A)  # still fits: written
        assert first.undo_state(1, GOLD, by=A) == ([mine], [])
        gold_now = first.layer(1, GOLD)
        assert cairo.id in gold_now.spans and gold_now.events[ids["event"]].spans_in_role("source") == [ids["israeli"]]
        # everybody's edits together: what is in effect (the adjudication view's "taken out")
        done, _ = first.undo_state(1, GOLD, every_writer=True)
        assert done[-3:] == [theirs, AddSpan(monday), mine]
    finally:
        first.close()


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


def test_the_writer_travels_with_the_history_into_a_package_back_and_into_a_pulled_copy(new_project, tmp_path):
    """Who made an edit goes where its audit row goes: a work package, the merge back, a copy
    pulled to a desktop file -- so the window's undo stack is the same there."""
    from annotator.store import pushpull, team
    from team_helpers import documents

    work = new_project(documents=documents(2))
    team.assign(work, ["ann1"], per_doc=1, seed=1)
    doc = sorted(team.assignments(work, "ann1"))[0]
    work.open_layer(doc, "ann1")  # as the window opens it: the model's suggestions first
    first = work.apply(doc, "ann1", AddSpan(Span(new_id(), 0, 3, "PERSON")), by="ann1").edit
    package = tmp_path / "ann1.db"
    team.package(work, "ann1", package)
    with Project.open(package) as pkg:
        assert pkg.undo_state(doc, "ann1", by="ann1") == ([first], [])
        second = pkg.apply(doc, "ann1", AddSpan(Span(new_id(), 4, 8, "ORG")), by="ann1").edit
    team.merge(work, package)
    assert work.undo_state(doc, "ann1", by="ann1") == ([first, second], [])
    pushpull.pull(work.location, tmp_path / "copy.db")
    with Project.open(tmp_path / "copy.db") as copy:
        assert copy.undo_state(doc, "ann1", by="ann1") == ([first, second], [])
        assert copy.undo_state(doc, "ann1") == ([], [])  # nobody unnamed made them
