"""Every edit is one transaction together with its audit row; undo and redo come from the audit
log, so they survive a restart; the span–event rules hold after every edit. (Moved here from
test_store.py so that every engine runs them.)"""

from __future__ import annotations

import pytest

from annotator.core import (
    AddEvent,
    AddSpan,
    AnnotatedDocument,
    Argument,
    Batch,
    Document,
    EditError,
    Event,
    Layer,
    Span,
    delete_span_plan,
    new_id,
    reject,
    set_event_fields,
    set_label,
)
from annotator.core.integrity import problems
from annotator.store import Project
from annotator.store import edits as store_edits

from .conftest import reopen

TEXT = "Netanyahu met with Blinken in Jerusalem on Tuesday. Israel attacked Gaza."


def _audit_count(p: Project) -> int:
    return p.conn.execute("SELECT count(*) FROM audit").fetchone()[0]


@pytest.fixture
def project(new_project):
    return new_project(documents=[AnnotatedDocument(Document(TEXT, ext_id="d1"))])


def test_an_edit_is_written_with_its_audit_row(project):
    span = Span(new_id(), 0, 9, "PERSON", actor_code="ISRGOV")
    audit_id = project.apply(1, "ann1", AddSpan(span)).audit_id
    row = project.conn.execute("SELECT action, edit_kind, payload FROM audit WHERE id = ?", (audit_id,)).fetchone()
    assert row[0] == "do" and row[1] == "AddSpan" and str(span.id) in row[2]
    # Another connection (another process) sees it: it was committed.
    with Project.open(project.path, readonly=True) as other:
        assert other.layer(1, "ann1").spans[span.id].label == "PERSON"
        assert [e.edit for e in other.history(1, "ann1")] == [AddSpan(span)]
    assert project.layer(1, "ann1").state == "in_progress"


def test_a_failing_edit_rolls_back_everything_including_the_audit_row(project):
    person = Span(new_id(), 0, 9, "PERSON")
    project.apply(1, "ann1", AddSpan(person))
    before_layer, before_audit = project.layer(1, "ann1"), _audit_count(project)
    outside = Span(new_id(), 10, 10**6, "PERSON")  # beyond the text
    with pytest.raises(EditError, match="outside the text"):
        project.apply(1, "ann1", Batch([set_label(person, "ORG"), AddSpan(outside)]))
    assert project.layer(1, "ann1") == before_layer
    assert _audit_count(project) == before_audit


def test_an_edit_the_stored_rows_refuse_is_an_edit_error_and_leaves_no_trace(project):
    """A write the database refuses (here a span id another layer already uses) fails the edit
    as an EditError with nothing of it kept — on a server too, where the writes travel with the
    audit row and COMMIT and the refusal arrives there."""
    person = Span(new_id(), 0, 9, "PERSON")
    project.apply(1, "ann1", AddSpan(person))
    taken = Span(new_id(), 19, 26, "PERSON")
    project.apply(1, "ann2", AddSpan(taken))
    before_layer, before_audit = project.layer(1, "ann1"), _audit_count(project)
    with pytest.raises(EditError, match="conflicts with stored data"):
        project.apply(1, "ann1", Batch([set_label(person, "ORG"), AddSpan(taken)]))
    assert project.layer(1, "ann1") == before_layer and _audit_count(project) == before_audit
    assert project.layer(1, "ann2").spans == {taken.id: taken}
    project.apply(1, "ann1", set_label(person, "ORG"))  # the next edit goes through as usual
    assert project.layer(1, "ann1").spans[person.id].label == "ORG"
    assert _audit_count(project) == before_audit + 1


def test_an_edit_inside_a_longer_transaction_commits_with_it(project):
    """Project.apply inside an open `write()` joins it: the edit and its audit row (its id known
    at once) are kept when that transaction commits, and dropped when it rolls back."""
    kept, dropped = Span(new_id(), 0, 9, "PERSON"), Span(new_id(), 19, 26, "PERSON")
    with project.write():
        audit_id = project.apply(1, "ann1", AddSpan(kept)).audit_id
    assert [e.id for e in project.history(1, "ann1")] == [audit_id]
    with pytest.raises(RuntimeError, match="changed my mind"):
        with project.write():
            project.apply(1, "ann1", AddSpan(dropped))
            raise RuntimeError("changed my mind")
    assert list(project.layer(1, "ann1").spans) == [kept.id] and _audit_count(project) == 1


def test_an_edit_whose_audit_row_fails_leaves_no_trace(project, monkeypatch):
    """The rows of the edit are written first; if writing the audit row then fails, the rows go
    too (one transaction), and the project takes the next edit as usual."""
    def failing_record(*args, **kwargs):
        raise RuntimeError("the audit row could not be written")

    monkeypatch.setattr(store_edits, "record_at_commit", failing_record)
    span = Span(new_id(), 0, 9, "PERSON")
    with pytest.raises(RuntimeError, match="audit row"):
        project.apply(1, "ann1", AddSpan(span))
    monkeypatch.undo()
    assert project.layer(1, "ann1").spans == {} and _audit_count(project) == 0
    project.apply(1, "ann1", AddSpan(span))
    assert project.layer(1, "ann1").spans[span.id] == span and _audit_count(project) == 1


def _lose_the_next_commit_answer(project: Project, monkeypatch, *, committed: bool) -> None:
    """The engine's next COMMIT raises CommitAnswerLost, as a server's does when the connection
    breaks there (test_postgresql_lost_commit.py cuts a real one), after the transaction
    committed (`committed`) or after it was lost instead."""
    from annotator.store.engine import CommitAnswerLost

    engine = project.connection.engine
    real_commit, armed = engine.commit, [True]

    def commit(raw) -> None:
        if not armed:
            return real_commit(raw)
        armed.clear()
        real_commit(raw) if committed else engine.rollback(raw)
        raise CommitAnswerLost("no answer to COMMIT")

    monkeypatch.setattr(engine, "commit", commit)


def test_an_edit_whose_commit_answer_was_lost_is_reported_as_the_database_kept_it(project, monkeypatch):
    """Saved: reported saved, with its audit row and undo step, once, and counted as the window's
    own write (before: "not saved", and the annotator made it again: stored twice). Not saved:
    reported not saved, nothing of it kept."""
    from annotator.store.engine import CommitAnswerLost

    project.connection.track_own_writes = True  # a window's live refresh
    project.open_layer(1, "ann1")  # as the window does first (the next COMMIT is the edit's)
    kept = Span(new_id(), 0, 9, "PERSON")
    _lose_the_next_commit_answer(project, monkeypatch, committed=True)
    applied = project.apply(1, "ann1", AddSpan(kept))
    assert project.layer(1, "ann1").spans == {kept.id: kept}
    assert [(e.id, e.action) for e in project.history(1, "ann1")] == [(applied.audit_id, "do")]
    assert applied.audit_id in project.connection.own_audit_ids
    assert project.undo_state(1, "ann1") == ([applied.edit], [])
    _lose_the_next_commit_answer(project, monkeypatch, committed=False)
    with pytest.raises(CommitAnswerLost):
        project.apply(1, "ann1", AddSpan(Span(new_id(), 19, 26, "PERSON")))
    assert project.layer(1, "ann1").spans == {kept.id: kept} and _audit_count(project) == 1
    project.apply(1, "ann1", applied.edit.inverse(), action="undo")  # the saved edit undoes as any
    assert project.layer(1, "ann1").spans == {}


def test_undo_and_redo_come_from_the_audit_log_after_reopening(project):
    span = Span(new_id(), 0, 9, "PERSON")
    first, second, third = AddSpan(span), set_label(span, "ORG"), None
    project.apply(1, "ann1", first)
    project.apply(1, "ann1", second)
    project.apply(1, "ann1", second.inverse(), action="undo")
    project = reopen(project)
    try:
        done, undone = project.undo_state(1, "ann1")
        assert done == [first] and undone == [second]
        assert project.layer(1, "ann1").spans[span.id].label == "PERSON"
        project.apply(1, "ann1", undone[-1], action="redo")
        project = reopen(project)
        done, undone = project.undo_state(1, "ann1")
        assert done == [first, second] and undone == []
        assert project.layer(1, "ann1").spans[span.id].label == "ORG"
        third = set_label(project.layer(1, "ann1").spans[span.id], "GPE")
        project.apply(1, "ann1", third)  # a new edit clears the redo stack
        assert project.undo_state(1, "ann1") == ([first, second, third], [])
        assert [e.action for e in project.history(1, "ann1")] == ["do", "do", "undo", "redo", "do"]
    finally:
        project.close()


def test_a_layer_replaced_whole_starts_its_undo_afresh(project):
    """`adjudicate --force` replaces gold: undoing the lead's earlier "delete PERSON" would have
    written the old span into the new gold beside the one it now has (undo is not guarded)."""
    span = Span(new_id(), 0, 9, "PERSON")
    project.apply(1, "gold", AddSpan(span))
    removal = delete_span_plan(project.layer(1, "gold"), span.id)
    project.apply(1, "gold", removal)
    project.apply(1, "gold", removal.inverse(), action="undo")
    assert project.undo_state(1, "gold") == ([AddSpan(span)], [removal])
    replacement = Layer("gold")
    replacement.add_span(Span(new_id(), 0, 9, "PERSON"))
    project.replace_layer(1, "gold", replacement, kind="AutoAdjudicate")
    assert project.undo_state(1, "gold") == ([], [])
    again = Span(new_id(), 14, 21, "PERSON")
    project.apply(1, "gold", AddSpan(again))  # edits after it are undone as usual
    assert project.undo_state(1, "gold") == ([AddSpan(again)], [])


def test_span_event_rules_hold_after_every_edit_and_its_undo(project):
    spans = {
        "net": Span(new_id(), 0, 9, "PERSON", origin="model", status="suggested"),
        "met": Span(new_id(), 10, 13, "CONSULT", "trigger", origin="model", status="suggested"),
        "bli": Span(new_id(), 19, 26, "PERSON", origin="model", status="suggested"),
    }
    for span in spans.values():
        project.apply(1, "ann1", AddSpan(span))
    event = Event(new_id(), spans["met"].id, "CONSULT", origin="model", status="suggested",
                  arguments=[Argument("source", spans["net"].id), Argument("target", spans["bli"].id)])
    project.apply(1, "ann1", AddEvent(event))
    layer = project.layer(1, "ann1")
    stored = []
    for make in (lambda now: reject(now.spans[spans["net"].id]),  # takes Netanyahu out of the event
                 lambda now: set_event_fields(now.events[event.id], status="accepted"),  # accepts its trigger and spans
                 lambda now: delete_span_plan(now, spans["bli"].id)):
        applied = project.apply(1, "ann1", make(project.layer(1, "ann1")))
        stored.append(applied.edit)
        layer = project.layer(1, "ann1")
        assert problems(layer) == [] and project.check() == []
    assert layer.events[event.id].status == "accepted"
    assert layer.spans[spans["met"].id].status == "accepted"
    assert layer.events[event.id].arguments == []
    for edit in reversed(stored):  # undo writes the stored (completed) edit back exactly
        project.apply(1, "ann1", edit.inverse(), action="undo")
        assert problems(project.layer(1, "ann1")) == []
    restored = project.layer(1, "ann1")
    assert restored.events[event.id].arguments == event.arguments
    assert project.check() == []


def test_the_audit_log_replays_to_the_stored_layer(project):
    """Replaying a layer's audit log from empty gives the stored layer (the load benchmark's
    check that no saved edit was lost); a layer seeded with suggestions cannot be replayed."""
    person = Span(new_id(), 0, 9, "PERSON")
    trigger = Span(new_id(), 10, 13, "CONSULT", "trigger")
    project.apply(1, "ann1", AddSpan(person))
    project.apply(1, "ann1", Batch([AddSpan(trigger), AddEvent(Event(
        new_id(), trigger.id, "CONSULT", arguments=[Argument("source", person.id)]))]))
    relabel = project.apply(1, "ann1", set_label(person, "ORG")).edit
    project.apply(1, "ann1", relabel.inverse(), action="undo")
    project.apply(1, "ann1", delete_span_plan(project.layer(1, "ann1"), trigger.id))
    stored = project.layer(1, "ann1")
    assert stored.spans == {person.id: person} and stored.state == "in_progress"
    assert project.replayed_layer(1, "ann1") == stored
    project.conn.execute("DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)")  # a lost edit shows
    assert project.replayed_layer(1, "ann1") != stored

    suggestion = Span(new_id(), 0, 9, "PERSON", origin="model", status="suggested")
    project.replace_layer(1, "model", Layer("model", spans={suggestion.id: suggestion}))
    project.open_layer(1, "ann2")  # seeds the model's suggestions: a system row
    assert project.layer(1, "ann2").spans and project.replayed_layer(1, "ann2") is None


def test_an_undo_from_another_view_undoes_the_edit_it_inverts_in_the_rebuilt_history(project):
    """The lead's workbench and the adjudication view write gold with undo stacks of their own:
    a pick (view), a label (workbench), the pick undone (view). Rebuilt after a restart, the
    stacks took the undo for the label's: they offered to undo the pick again and to redo the
    label, and the label could no longer be undone."""
    pick = AddSpan(Span(new_id(), 0, 9, "PERSON"))
    label = AddSpan(Span(new_id(), 14, 21, "PERSON"))
    project.apply(1, "gold", pick)  # the adjudication view
    project.apply(1, "gold", label)  # the workbench
    project.apply(1, "gold", pick.inverse(), action="undo")  # the view's Ctrl+Z
    assert project.undo_state(1, "gold") == ([label], [pick])
    project.apply(1, "gold", pick, action="redo")
    assert project.undo_state(1, "gold") == ([label, pick], [])
    project.apply(1, "gold", label.inverse(), action="undo")  # the workbench's Ctrl+Z, now under the pick
    assert project.undo_state(1, "gold") == ([pick], [label])
