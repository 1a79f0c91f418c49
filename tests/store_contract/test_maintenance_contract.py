"""Stats count what is stored; check finds nothing in a sound project and names what is broken;
a backup is a sound project with the same content."""

from __future__ import annotations

from annotator.core import AddSpan, AnnotatedDocument, Document, Span, new_id
from annotator.store import Project

from .conftest import reopen

TEXTS = ["Israel attacked Gaza.", "Hamas leaders met Egyptian officials in Cairo."]


def _project(new_project):
    project = new_project(documents=[AnnotatedDocument(Document(t, ext_id=f"d{i}")) for i, t in enumerate(TEXTS)])
    project.apply(1, "ann1", AddSpan(Span(new_id(), 0, 6, "GPE", status="rejected")))
    project.apply(2, "ann1", AddSpan(Span(new_id(), 0, 5, "ORG", status="accepted")))
    return project


def test_stats_count_what_is_stored(new_project):
    stats = _project(new_project).stats()
    assert stats["documents"] == 2 and stats["spans"] == 2 and stats["events"] == 0
    assert stats["audit_rows"] == 2
    (ann1,) = [a for a in stats["annotators"] if a["name"] == "ann1"]
    assert ann1["spans"] == 2 and ann1["states"] == {"in_progress": 2}
    assert ann1["spans_by_status"] == {"accepted": 1, "rejected": 1}


def test_check_is_clean_on_a_sound_project_and_names_a_broken_span(new_project):
    project = _project(new_project)
    assert project.check() == []
    steps: list[tuple[str, int, int]] = []
    assert project.check(deep=True, progress=lambda *step: steps.append(step)) == []
    assert [step for step, done, _ in steps if done == 0] == ["database integrity", "texts", "references and offsets"]
    assert ("texts", 0, 2) in steps  # counted against the documents, on either engine
    with project.write():  # damage as an outside program could: a span past the end of its text
        project.conn.execute('UPDATE spans SET "end" = 500 WHERE doc_id = 1')
    (problem,) = project.check()
    assert "outside its text" in problem and "document 1" in problem


def test_a_backup_is_a_sound_copy(new_project, tmp_path):
    project = _project(new_project)
    dest = project.backup(tmp_path / "copy.db")  # a desktop file whatever the engine
    with Project.open(dest, readonly=True) as copy:
        assert copy.check() == []
        assert copy.stats()["spans"] == 2 and copy.layer(1, "ann1") == project.layer(1, "ann1")
        assert copy.project_id == project.project_id


def test_what_the_annotations_use_and_a_scheme_put_in_place_only_when_it_fits(new_project):
    import dataclasses

    import pytest

    from annotator.core import AddEvent, Argument, Event
    from annotator.core.errors import ProjectError

    project = _project(new_project)
    trigger, event = Span(new_id(), 7, 15, "ASSAULT", "trigger"), new_id()
    project.apply(1, "ann1", AddSpan(trigger))
    project.apply(1, "ann2", AddSpan(Span(new_id(), 0, 6, "GPE")))
    project.apply(1, "ann1", AddEvent(Event(event, trigger.id, "ASSAULT", "aerial", "military")))
    used = project.scheme_in_use()
    assert used.entities == {"GPE": 2, "ORG": 1} and used.events == {"ASSAULT": 2}
    assert used.modes == {("ASSAULT", "aerial"): 1} and used.contexts == {"military": 1} and used.roles == {}
    scheme = project.scheme
    without = dataclasses.replace(scheme, events=tuple(
        dataclasses.replace(e, modes=tuple(m for m in e.modes if m.name != "aerial")) for e in scheme.events))
    with pytest.raises(ProjectError, match="mode 'aerial' of ASSAULT"):
        project.replace_scheme(without)
    assert project.scheme == scheme
    renamed = dataclasses.replace(scheme, version="2")
    project.replace_scheme(renamed)
    assert reopen(project).scheme.version == "2"
