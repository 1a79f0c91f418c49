"""The project store on SQLite: schema, pragmas, paging, seeding, the store agreeing with the core.
The promises every engine keeps (edits with their audit row, undo after reopening, …) are in
tests/store_contract/."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from annotator.core import (
    AddEvent,
    AddSpan,
    AnnotatedDocument,
    Argument,
    Document,
    EditError,
    Event,
    Layer,
    ProjectError,
    SetDocState,
    Span,
    accept,
    delete_span_plan,
    new_id,
    set_label,
)
from annotator.store import Project
from test_core_edits import edit_sequences


def test_new_project_has_schema_wal_and_foreign_keys(project_path):
    p = Project.create(project_path)
    assert p.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert p.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert p.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    tables = set(p.db.table_names())
    assert {"documents", "spans", "events", "arguments", "assignments", "audit", "annotators", "meta"} <= tables
    assert {a["name"] for a in p.annotators()} == {"model", "gold"}
    assert len(p.scheme.events) == 16
    p.close()
    reopened = Project.open(project_path)
    assert reopened.scheme == p.scheme
    reopened.close()


def test_create_refuses_an_existing_file_and_open_a_missing_one(project, project_path, tmp_path):
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(project_path)
    with pytest.raises(ProjectError, match="does not exist"):
        Project.open(tmp_path / "nope.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ProjectError, match="not an annotator project"):
        Project.open(junk)


def test_labels_outside_the_scheme_and_stale_edits_are_refused(project):
    span = Span(new_id(), 0, 7, "NORP")
    project.apply(1, "ann1", AddSpan(span))
    with pytest.raises(EditError, match="not in the scheme"):
        project.apply(1, "ann1", set_label(span, "WEAPON"))
    project.apply(1, "ann1", set_label(span, "ORG"))
    with pytest.raises(EditError, match="changed meanwhile"):
        project.apply(1, "ann1", set_label(span, "GPE"))  # built from the stale NORP span


def test_layers_are_separate_per_annotator(project):
    span = Span(new_id(), 0, 7, "NORP")
    project.apply(1, "ann1", AddSpan(span))
    with pytest.raises(EditError, match="not in ann2's layer"):
        project.apply(1, "ann2", set_label(span, "ORG"))
    assert project.layer(1, "ann2").spans == {}


def test_first_open_copies_model_suggestions_once(project):
    model = Layer("model")
    person = model.add_span(Span(new_id(), 8, 22, "PERSON", origin="model"))
    trigger = model.add_span(Span(new_id(), 42, 45, "CONSULT", layer="trigger", origin="model"))
    model.add_event(Event(new_id(), trigger.id, "CONSULT", origin="model",
                          arguments=[Argument("source", person.id)]))
    project.replace_layer(1, "model", model)
    layer = project.open_layer(1, "ann1")
    assert {s.status for s in layer.spans.values()} == {"suggested"}
    assert {s.origin for s in layer.spans.values()} == {"model"}
    assert not set(layer.spans) & set(model.spans)  # own ids: the model layer stays untouched
    (event,) = layer.events.values()
    assert layer.spans[event.arguments[0].span_id].label == "PERSON"
    # Deleting a suggestion and reopening does not bring it back.
    copied_trigger = next(s for s in layer.spans.values() if s.layer == "trigger")
    project.apply(1, "ann1", delete_span_plan(layer, copied_trigger.id))
    again = project.open_layer(1, "ann1")
    assert len(again.spans) == 1
    assert project.layer(1, "model") == Layer("model", "todo", model.spans, model.events)


def test_paged_document_queries(tmp_path):
    p = Project.create(tmp_path / "many.db")
    p.import_documents(AnnotatedDocument(Document(f"text number {i}", ext_id=f"d{i}", title=f"T{i}"))
                       for i in range(250))
    assert p.count_documents() == 250
    page = p.documents(offset=100, limit=50)
    assert [r.ext_id for r in page] == [f"d{i}" for i in range(100, 150)]
    assert p.count_documents(search="number 24") == 11  # 24, 240-249
    p.apply(5, "ann1", SetDocState("todo", "done"))
    assert [r.id for r in p.documents(annotator="ann1", state="done")] == [5]
    assert p.count_documents(annotator="ann1", state="todo") == 249
    assert p.next_document("ann1", after=4) == 6


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=edit_sequences())
def test_store_and_core_agree_on_every_edit(tmp_path_factory, case):
    text, start, edits, expected = case
    p = Project.create(tmp_path_factory.mktemp("agree") / "p.db")
    p.import_documents([AnnotatedDocument(Document(text, ext_id="d"), [start])])
    for edit in edits:
        p.apply(1, "ann1", edit)
    stored = p.layer(1, "ann1")
    assert stored.spans == expected.spans
    assert stored.events == expected.events
    for edit in reversed(edits):
        p.apply(1, "ann1", edit.inverse(), action="undo")
    assert p.layer(1, "ann1").spans == start.spans
    assert p.layer(1, "ann1").events == start.events
    assert p.check() == []
    p.close()


def test_events_need_a_trigger_span_in_the_same_layer(project):
    entity = Span(new_id(), 0, 7, "NORP")
    project.apply(1, "ann1", AddSpan(entity))
    with pytest.raises(EditError):
        project.apply(1, "ann1", AddEvent(Event(new_id(), entity.id, "ACCUSE")))
    with pytest.raises(EditError):
        project.apply(1, "ann2", AddEvent(Event(new_id(), entity.id, "ACCUSE")))


def test_backup_is_a_consistent_copy(project, tmp_path):
    project.apply(1, "ann1", AddSpan(Span(new_id(), 0, 7, "NORP")))
    dest = project.backup(tmp_path / "copy.db")
    copy = Project.open(dest, readonly=True)
    assert copy.layer(1, "ann1") == project.layer(1, "ann1")
    assert copy.check() == []


def test_migrations_run_on_an_empty_file_and_are_recorded(tmp_path):
    from annotator.store.schema import known_migration_names

    path = tmp_path / "empty.db"
    path.touch()
    p = Project.create(path)
    applied = [r[0] for r in p.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    assert applied == known_migration_names()
    p.close()
    with pytest.raises(ProjectError, match="not an annotator project"):
        empty = tmp_path / "other.db"
        empty.touch()
        Project.open(empty)


def test_untouched_suggestions_are_refreshed_when_the_model_layer_changes(project):
    import time

    project.open_layer(1, "ann1")  # opened before pre-annotation: nothing to copy yet
    project.open_layer(1, "ann2")
    time.sleep(0.002)  # audit timestamps have millisecond resolution
    model = Layer("model")
    model.add_span(Span(new_id(), 8, 22, "PERSON", origin="model"))
    project.replace_layer(1, "model", model)
    ann2 = project.open_layer(1, "ann2")
    ann2_span = next(iter(ann2.spans.values()))
    project.apply(1, "ann2", accept(ann2_span))  # ann2 worked on it: never replaced again
    time.sleep(0.002)
    second = Layer("model")
    second.add_span(Span(new_id(), 0, 7, "NORP", origin="model"))
    project.replace_layer(1, "model", second)
    assert [s.label for s in project.open_layer(1, "ann1").spans.values()] == ["NORP"]
    kept = project.open_layer(1, "ann2")
    assert [(s.label, s.status) for s in kept.spans.values()] == [("PERSON", "accepted")]


def test_undoing_mark_todo_after_undoing_an_edit_works(project):
    mark_todo = SetDocState("in_progress", "todo")
    project.apply(1, "ann1", SetDocState("todo", "in_progress"))
    project.apply(1, "ann1", mark_todo)
    span = AddSpan(Span(new_id(), 0, 7, "NORP"))
    project.apply(1, "ann1", span)  # the first edit moves the document to in progress again
    project.apply(1, "ann1", span.inverse(), action="undo")
    project.apply(1, "ann1", mark_todo.inverse(), action="undo")
    assert project.layer(1, "ann1").state == "in_progress"
