"""An import is all or nothing: a bad document anywhere (or a cancel) leaves the project as it
was, even after earlier batches of the same import were written."""

from __future__ import annotations

import pytest

from annotator.core import AnnotatedDocument, Document, InputError, Layer, Span, new_id

TEXT = "Israel attacked Gaza on day {i}."


def _docs(n: int, bad_at: int | None = None):
    for i in range(n):
        if i == bad_at:
            raise InputError("line is not valid JSON", file="docs.jsonl", line=i + 1)
        layer = Layer("ann1", "done")
        layer.add_span(Span(new_id(), 0, 6, "GPE"))
        yield AnnotatedDocument(Document(TEXT.format(i=i), ext_id=f"d{i}"), [layer])


def _counts(p) -> tuple[int, ...]:
    return tuple(p.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                 for table in ("documents", "spans", "events", "audit", "assignments", "annotators"))


def test_a_bad_document_after_several_batches_leaves_nothing(new_project):
    project = new_project(documents=list(_docs(3)))
    before = _counts(project)
    with pytest.raises(InputError) as error:
        project.import_documents(_docs(250, bad_at=230), batch_size=100)  # two batches written first
    assert error.value.line == 231
    assert _counts(project) == before
    assert project.check() == []
    report = project.import_documents(_docs(250), batch_size=100)  # the fixed file goes in whole
    assert report.documents_added == 247 and report.duplicates == 3
    assert project.count_documents() == 250
    assert project.layer(project.document_ids_for(["d249"])["d249"], "ann1").state == "done"


def test_a_cancelled_import_leaves_nothing(new_project):
    project = new_project()
    before = _counts(project)

    def cancel(done: int) -> None:
        if done >= 200:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        project.import_documents(_docs(500), batch_size=100, progress=cancel)
    assert _counts(project) == before
    assert project.count_documents() == 0


def test_documents_with_and_without_source_in_one_batch_keep_their_fields(new_project):
    """The bulk path writes undated documents (no source, no published date) with a shorter
    row; a batch mixing both kinds keeps every field and the file's order of ids."""
    project = new_project()
    docs = [Document(f"Text number {i}.", ext_id=f"m{i}", title=f"T{i}",
                     source="wire" if i % 3 == 0 else None, published="2020-01-02" if i % 4 == 0 else None,
                     meta={"n": i} if i % 5 == 0 else {})
            for i in range(12)]
    report = project.import_documents([AnnotatedDocument(d) for d in docs], batch_size=5)
    assert report.documents_added == 12
    ids = project.document_ids_for([d.ext_id for d in docs])
    assert [ids[d.ext_id] for d in docs] == sorted(ids.values())
    for d in docs:
        stored = project.document(ids[d.ext_id])
        assert (stored.text, stored.title, stored.source, stored.published, stored.meta) == \
            (d.text, d.title, d.source, d.published, d.meta)


def test_repeats_are_found_across_batches_of_one_import(new_project):
    """An importer remembers only its current batch: repeats of documents from earlier batches
    of the same import are found in the database (the transaction sees its own rows)."""
    project = new_project()
    docs = [Document(f"Story {i}.", ext_id=f"s{i}") for i in range(6)]
    docs += [Document("Story 1."),  # no id, the text of s1 (two batches back)
             Document("Story 4.", ext_id="s4"),  # the same id and text again
             Document("Loose text."), Document("Loose text.")]  # no id, twice in one batch
    docs += [Document("Loose text.")]  # and once more in the next batch
    report = project.import_documents([AnnotatedDocument(d) for d in docs], batch_size=3)
    assert (report.documents_added, report.duplicates) == (7, 4)
    assert project.count_documents() == 7
    with pytest.raises(InputError, match="different text"):
        project.import_documents([AnnotatedDocument(Document(f"New {i}.", ext_id=f"n{i}")) for i in range(4)]
                                 + [AnnotatedDocument(Document("Another story.", ext_id="n0"))], batch_size=2)
    assert project.count_documents() == 7
