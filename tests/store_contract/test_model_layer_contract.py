"""Pre-annotation writes the model layer through the store's API on every engine: the stored
layer is exactly what the pipeline built (ids aside), and a person's layer is seeded from it."""

from __future__ import annotations

from annotator.core.model import AnnotatedDocument, Document
from annotator.core.scheme import default_scheme
from annotator.preannotate import run
from annotator.preannotate.runner import preannotate_texts
from test_preannotate_storage import TEXTS, canonical, nlp


def test_the_model_layer_stored_is_the_pipelines_and_seeds_a_person(new_project):
    project = new_project(documents=[AnnotatedDocument(Document(text=t, ext_id=f"d{i}")) for i, t in enumerate(TEXTS)])
    writer = project.model_writer()
    assert writer.concurrent  # a connection of its own: the save can run beside the NLP
    writer.close()
    report = run(project, nlp=nlp(), batch_size=3)
    expected = preannotate_texts(TEXTS, nlp(), default_scheme())
    stored = [project.layer(i, "model") for i in range(1, len(TEXTS) + 1)]
    assert [canonical(layer) for layer in stored] == [canonical(layer) for layer in expected]
    assert report.events == sum(len(layer.events) for layer in stored) > 5
    assert any(s.attrs.get("generic") for layer in stored for s in layer.spans.values())
    seeded = project.open_layer(1, "ann1")
    assert canonical(seeded)[0] == canonical(stored[0])[0] and len(seeded.events) == len(stored[0].events)
    # Running again replaces the model layer (no duplicates) and refreshes the untouched copy.
    run(project, nlp=nlp(), batch_size=3)
    assert [canonical(project.layer(i, "model")) for i in range(1, len(TEXTS) + 1)] == [canonical(x) for x in expected]
    assert project.check() == []


def test_only_new_selects_the_documents_never_pre_annotated(new_project):
    """`preannotate --only new` on every engine: after an import, only the new documents."""
    project = new_project(documents=[AnnotatedDocument(Document(text=t, ext_id=f"d{i}")) for i, t in enumerate(TEXTS)])
    run(project, nlp=nlp(), batch_size=3)
    project.import_documents([AnnotatedDocument(Document(text=TEXTS[0] + " Later.", ext_id="late"))])
    report = run(project, nlp=nlp(), only_new=True)
    assert report.total == 1 and report.documents == 1
    assert project.layer(len(TEXTS) + 1, "model").spans
    assert run(project, nlp=nlp(), only_new=True).total == 0


def test_pre_annotating_again_never_fills_a_layer_a_person_brought(new_project):
    """An imported layer is a person's work even when it holds no span ("nothing here", marked
    done) or only suggestions as they left them: pre-annotating again refreshes the copies of
    people who only opened the document, never these (before: both were wiped and re-seeded, and
    `adjudicate` wrote the model's suggestions into gold as what both annotators agreed on)."""
    import time

    from annotator.core.model import Layer, Span

    suggested = Layer("ann2", "in_progress")
    suggested.add_span(Span(7, 0, 4, "PERSON", origin="model", status="suggested"))
    project = new_project(documents=[AnnotatedDocument(Document(text=TEXTS[0], ext_id="d0"),
                                                       [Layer("ann1", "done"), suggested])])
    run(project, nlp=nlp(), batch_size=3)
    project.open_layer(1, "ann3")  # opened, never touched: a copy of the suggestions
    time.sleep(0.002)  # audit timestamps have millisecond resolution
    before = {name: canonical(project.layer(1, name)) for name in ("ann1", "ann2")}
    run(project, nlp=nlp(), batch_size=3)
    after = {name: canonical(project.open_layer(1, name)) for name in ("ann1", "ann2")}
    assert after == before
    assert project.layer(1, "ann1").state == "done" and not project.layer(1, "ann1").spans
    assert canonical(project.open_layer(1, "ann3"))[0] == canonical(project.layer(1, "model"))[0]


def test_a_layer_seeded_while_a_batch_was_running_takes_that_batchs_suggestions(new_project):
    """A document opened while `annotator preannotate` works on its batch is seeded from the OLD
    model layer; the batch's audit rows carry the time the batch STARTED, earlier than that
    seeding. Whether the copy is older than the suggestions is decided by the order of the audit
    rows, not by their time stamps: the untouched copy takes the new suggestions at the next
    open (before: never), a copy a person edited keeps their work, and a refreshed copy stays
    as it is at the opens after that."""
    import time

    from annotator.core import accept, new_id
    from annotator.core.model import MODEL, Layer, Span
    from annotator.store.model_layer import ModelBatch

    text = "Israel attacked Gaza. Hamas leaders met Egyptian officials in Cairo."
    old = Layer(MODEL)
    old.add_span(Span(new_id(), 0, 6, "GPE", origin="model", status="suggested"))
    project = new_project(documents=[AnnotatedDocument(Document(text=text, ext_id="d0"), [old])])
    batch = ModelBatch()  # the batch starts: its time stamp is taken now
    batch.add(1, new_id() >> 2, [[0, 6, "GPE", ""], [16, 20, "GPE", ""]], new_id() >> 2, [], spans=2, events=0)
    time.sleep(0.01)  # the pipeline works on the batch; meanwhile two people open the document
    assert [(s.start, s.end) for s in project.open_layer(1, "ann1").spans.values()] == [(0, 6)]
    (span,) = project.open_layer(1, "ann2").spans.values()
    project.apply(1, "ann2", accept(span))  # ann2's work
    writer = project.model_writer()
    try:
        writer.save(batch)  # the batch is saved
    finally:
        writer.close()
    assert sorted((s.start, s.end) for s in project.layer(1, MODEL).spans.values()) == [(0, 6), (16, 20)]
    refreshed = project.open_layer(1, "ann1")
    assert sorted((s.start, s.end) for s in refreshed.spans.values()) == [(0, 6), (16, 20)]
    assert all(s.origin == "model" and s.status == "suggested" for s in refreshed.spans.values())
    assert project.open_layer(1, "ann1").spans == refreshed.spans  # not seeded again: same ids
    kept = project.open_layer(1, "ann2")
    assert [(s.start, s.end, s.status) for s in kept.spans.values()] == [(0, 6, "accepted")]
    assert project.check() == []
