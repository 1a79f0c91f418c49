"""Two leads adjudicating one document at once, each from the copy of gold their view read: what
they write is checked against gold as stored, inside the edit's transaction (the
`ExpectFree` that `core.edits.guarded` puts first), so gold never holds the agreed
items twice nor both sides of a conflict. Two `Project` connections play the two windows."""

from __future__ import annotations

from collections import Counter

import pytest
from adjudication_support import TEXT, annotator_layer, at

from annotator.agreement.adjudicate import auto_agree, fill_agreed, settle
from annotator.core import (
    AnnotatedDocument,
    Batch,
    Document,
    EditError,
    Layer,
)
from annotator.core.model import GOLD
from annotator.store import Project


@pytest.fixture
def leads(new_project):
    """Two connections on one project holding ann1's and ann2's layers of document 1."""
    first = new_project(documents=[AnnotatedDocument(Document(TEXT, ext_id="d1"),
                                                     [annotator_layer("ann1", "GPE"), annotator_layer("ann2", "LOC")])])
    second = Project.open(first.location)
    yield first, second
    second.close()


def views(project: Project) -> tuple[Layer, Layer, Layer]:
    """What an adjudication view reads when it opens: both layers and gold."""
    return project.layer(1, "ann1"), project.layer(1, "ann2"), project.layer(1, GOLD)


def prefill(project: Project, ann1: Layer, ann2: Layer, gold: Layer) -> None:
    fill = fill_agreed(gold, auto_agree([ann1, ann2], text=TEXT).layer)
    assert fill.edits
    project.apply(1, GOLD, Batch(fill.edits, "pre-fill agreed (ann1, ann2)"))


def places(project: Project) -> Counter:
    gold = project.layer(1, GOLD)
    return Counter((s.start, s.end, s.layer) for s in gold.spans.values() if s.status != "rejected")


def test_two_leads_prefilling_the_same_gold_write_the_agreed_items_once(leads):
    first, second = leads
    seen_by_first, seen_by_second = views(first), views(second)  # both views open on empty gold
    prefill(first, *seen_by_first)
    written = first.layer(1, GOLD)
    with pytest.raises(EditError, match="changed meanwhile"):
        prefill(second, *seen_by_second)
    assert second.layer(1, GOLD) == written  # nothing of the second pre-fill was kept
    assert max(places(second).values()) == 1 and len(written.events) == 1
    # A view that reads gold afresh has nothing left to pre-fill.
    ann1, ann2, gold = views(second)
    assert not fill_agreed(gold, auto_agree([ann1, ann2], text=TEXT).layer).edits


def test_two_leads_taking_different_sides_of_one_conflict_keep_the_first(leads):
    first, second = leads
    prefill(first, *views(first))
    seen_by_first, seen_by_second = views(first), views(second)  # both after the pre-fill
    ann1, ann2, gold = seen_by_first
    (conflict,) = auto_agree([ann1, ann2], text=TEXT).conflicts
    first.apply(1, GOLD, settle(gold, conflict, ann1, decided_by="boss").batch)  # Gaza = GPE
    ann1, ann2, gold = seen_by_second
    with pytest.raises(EditError, match="changed meanwhile"):
        second.apply(1, GOLD, settle(gold, conflict, ann2, decided_by="boss2").batch)  # Gaza = LOC
    stored = second.layer(1, GOLD)
    assert [s.label for s in stored.spans.values() if (s.start, s.end) == at("Gaza")] == ["GPE"]
    assert max(places(second).values()) == 1


def test_two_first_picks_on_an_empty_gold_bring_the_agreed_items_once(leads):
    """The first pick on an empty gold brings the agreed items with it (settle): the second
    lead's first pick, made on the same empty copy, is refused as a whole."""
    first, second = leads
    seen_by_first, seen_by_second = views(first), views(second)
    for project, (ann1, ann2, gold), source in ((first, seen_by_first, 0), (second, seen_by_second, 1)):
        result = auto_agree([ann1, ann2], text=TEXT)
        (conflict,) = result.conflicts
        batch = settle(gold, conflict, (ann1, ann2)[source], decided_by="boss", agreed=result.layer).batch
        if project is first:
            project.apply(1, GOLD, batch)
        else:
            with pytest.raises(EditError, match="changed meanwhile"):
                project.apply(1, GOLD, batch)
    assert max(places(second).values()) == 1
    assert {s.label for s in second.layer(1, GOLD).spans.values() if (s.start, s.end) == at("Gaza")} == {"GPE"}


def test_the_checked_prefill_undoes_and_redoes_from_its_audit_row(leads):
    """The check travels in the audit row: undo after reopening takes the pre-fill out, the log
    replays to the stored layer, and redo checks the places again."""
    first, second = leads
    prefill(first, *views(first))
    (edit,), undone = second.undo_state(1, GOLD)  # read back from the audit row
    assert not undone
    second.apply(1, GOLD, edit.inverse(), action="undo")
    assert not second.layer(1, GOLD).spans
    assert second.replayed_layer(1, GOLD) == second.layer(1, GOLD)
    prefill(first, *views(first))  # meanwhile the place filled again (the other lead pre-filled)
    with pytest.raises(EditError, match="changed meanwhile"):
        second.apply(1, GOLD, edit, action="redo")
    assert max(places(second).values()) == 1
