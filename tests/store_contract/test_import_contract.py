"""An import is all or nothing: a bad document anywhere (or a cancel) leaves the project as it
was, even after earlier batches of the same import were written."""

from __future__ import annotations

import json

import pytest

from annotator.core import AnnotatedDocument, Document, InputError, Layer, Span, new_id
from annotator.core.model import hash64
from annotator.store import Project

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


# Plain documents (no layers) are the bulk of large imports: on a server their rows go through
# one COPY that stays open from batch to batch, and an import into an empty project looks
# nothing up. The promises must hold across those batches all the same.
ODD_TEXT = "Tab\there, newline\nthere, back\\slash, \\N, quote ' \" and Israël — “quoted” 😀 {i}"


def _plain(n: int, *, bad_at: int | None = None, ids: bool = True):
    for i in range(n):
        if i == bad_at:
            raise InputError("line is not valid JSON", file="plain.jsonl", line=i + 1)
        yield AnnotatedDocument(Document(ODD_TEXT.format(i=i), ext_id=f"p{i}" if ids else None,
                                         title=f"Title\t{i}", meta={"n": i, "k": "é"} if i % 2 else {}),
                                source_line=i + 1)


def test_plain_documents_across_batches_are_stored_exactly_and_matched(new_project):
    project = new_project()
    extra = [
        AnnotatedDocument(Document(ODD_TEXT.format(i=3), ext_id="p3"), source_line=251),  # same id and text
        AnnotatedDocument(Document(ODD_TEXT.format(i=5)), source_line=252),  # same text, no id
        AnnotatedDocument(Document("no id, new", source="wire", published="2026-12-03"), source_line=253),
        AnnotatedDocument(Document("no id, new"), source_line=254),  # same text as the line before
    ]
    report = project.import_documents([*_plain(250), *extra], batch_size=100)
    assert (report.documents_added, report.duplicates) == (251, 3)
    rows = project.conn.execute(
        "SELECT id, ext_id, title, text, text_len, text_sha256, text_hash, source, published, meta "
        "FROM documents ORDER BY id").fetchall()
    assert [r[0] for r in rows] == list(range(1, 252))
    for i, (_id, ext_id, title, text, text_len, sha, text_hash, source, published, meta) in enumerate(rows[:250]):
        expected = Document(ODD_TEXT.format(i=i))
        assert (ext_id, title, text, text_len) == (f"p{i}", f"Title\t{i}", expected.text, len(expected.text))
        assert (sha, text_hash) == (expected.sha256, hash64(expected.sha256))
        assert (source, published) == (None, None)
        assert json.loads(meta) == ({"n": i, "k": "é"} if i % 2 else {})
    assert rows[250][7:9] == ("wire", "2026-12-03")
    # A second import into the now non-empty project matches by id and by text.
    again = project.import_documents([*_plain(120, ids=False), *_plain(10)], batch_size=50)
    assert (again.documents_added, again.duplicates) == (0, 130)
    assert project.check() == []


def test_an_id_reused_with_another_text_in_a_later_batch_leaves_nothing(new_project):
    project = new_project()
    docs = [*_plain(150), AnnotatedDocument(Document("another text", ext_id="p7"), source_line=151)]
    with pytest.raises(InputError) as error:
        project.import_documents(docs, batch_size=100)
    assert error.value.line == 151 and "different text" in str(error.value)
    assert project.count_documents() == 0


@pytest.mark.parametrize("stop", ["bad line", "cancel"])
def test_plain_batches_written_before_a_bad_line_or_a_cancel_leave_nothing(new_project, stop):
    project = new_project()

    def cancel(done: int) -> None:
        if done >= 200:
            raise KeyboardInterrupt

    with pytest.raises(InputError if stop == "bad line" else KeyboardInterrupt):
        if stop == "bad line":
            project.import_documents(_plain(350, bad_at=330), batch_size=100)
        else:
            project.import_documents(_plain(500), batch_size=100, progress=cancel)
    assert project.count_documents() == 0
    report = project.import_documents(_plain(350), batch_size=100)  # the same connection goes on
    assert report.documents_added == 350 and project.check() == []


def test_readers_are_not_locked_out_while_an_import_writes(new_project):
    project = new_project(documents=list(_plain(5)))
    reader = Project.open(project.location, readonly=True)
    seen: list[int] = []

    def watch(done: int) -> None:
        seen.append(reader.count_documents())  # would wait (or fail) if the import locked readers out

    try:
        project.import_documents(_plain(300), batch_size=100, progress=watch)
    finally:
        reader.close()
    assert seen == [5, 5, 5]  # the import's rows appear at its commit, whole
    assert project.count_documents() == 300


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


def test_a_stored_text_without_an_id_is_found_under_the_number_another_tool_gave_it(new_project):
    """Texts imported without an id, sent to doccano, annotated and exported back: doccano writes
    its own example numbers as "id". Before, each came back as a second copy of its text, holding
    the annotator's layer apart from everyone else's. A number that is also one of ours, under
    another text, finds the stored text too; a name someone gave ("wire-1") stays a document's
    id, as does a stored text's own id."""
    project = new_project()
    project.import_documents([AnnotatedDocument(Document("Police arrested protesters.")),
                              AnnotatedDocument(Document("Troops left the city.", ext_id="2"))])

    def layer(name: str) -> Layer:
        made = Layer(name, "done")
        made.add_span(Span(new_id(), 0, 6, "ORG"))
        return made

    report = project.import_documents([
        AnnotatedDocument(Document("Police arrested protesters.", ext_id="101"), [layer("ann1")]),
        AnnotatedDocument(Document("Troops left the city.", ext_id="102")),
    ], batch_size=1)
    assert (report.documents_added, report.duplicates, report.layers_added) == (1, 1, 1)
    assert project.count_documents() == 3
    assert [s.label for s in project.layer(1, "ann1").spans.values()] == ["ORG"]
    # doccano's example 2 meets our document "2": still the stored text without an id (before: refused)
    report = project.import_documents([AnnotatedDocument(Document("Police arrested protesters.", ext_id="2"),
                                                         [layer("ann2")])])
    assert (report.documents_added, report.duplicates, report.layers_added) == (0, 1, 1)
    assert [s.label for s in project.layer(1, "ann2").spans.values()] == ["ORG"]
    with pytest.raises(InputError, match="different text"):  # a text stored nowhere without an id
        project.import_documents([AnnotatedDocument(Document("A text nobody stored.", ext_id="2"))])
    report = project.import_documents([AnnotatedDocument(Document("Police arrested protesters.", ext_id="wire-1"))])
    assert report.documents_added == 1  # a name, not a number: its own document, as before


@pytest.mark.parametrize("batch_size", [1000, 1])
def test_a_text_twice_with_the_same_annotators_layer_keeps_the_first_layer(new_project, batch_size):
    """A file holding one text twice (spaCy's converter writes "-DOCSTART-" documents alike), each
    time with a layer of the same annotator: the first is their layer, the second is skipped and
    counted -- in one batch as across batches. Before, in one batch both went into one layer,
    which then held "Paris" as GPE and as PERSON."""
    def version(label: str) -> AnnotatedDocument:
        layer = Layer("spacy", "done")
        layer.add_span(Span(new_id(), 0, 5, label))
        return AnnotatedDocument(Document("Paris met London."), [layer])

    project = new_project()
    report = project.import_documents([version("GPE"), version("PERSON")], batch_size=batch_size)
    assert (report.documents_added, report.duplicates, report.layers_added, report.layers_skipped) == (1, 1, 1, 1)
    assert [s.label for s in project.layer(1, "spacy").spans.values()] == ["GPE"]


@pytest.mark.parametrize("batch_size", [1000, 1])
def test_a_file_with_labels_the_scheme_lacks_is_refused_naming_all_of_them(new_project, batch_size):
    """One message listing every label the scheme lacks, located at the first (before, only the
    first document's were named, and a user learnt of the others one run at a time); nothing
    imported."""
    def document(n: int, label: str) -> AnnotatedDocument:
        layer = Layer("ann1", "done")
        layer.add_span(Span(new_id(), 0, 5, label))
        return AnnotatedDocument(Document(f"Paris {n} met London."), [layer], source_file="f.jsonl", source_line=n)

    project = new_project()
    docs = [document(1, "GPE"), document(2, "CITY"), document(3, "GPE"), document(4, "TOWN"), document(5, "CITY")]
    with pytest.raises(InputError) as refused:
        project.import_documents(docs, batch_size=batch_size)
    assert (refused.value.message, refused.value.file, refused.value.line) == (
        "labels not in the project's scheme: CITY, TOWN", "f.jsonl", 2)
    assert project.count_documents() == 0
