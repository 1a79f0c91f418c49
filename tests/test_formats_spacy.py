"""spaCy DocBin export: what goes into doc.ents / doc.spans / user_data, the overlap rule, the
misalignment warning, reading foreign DocBins, and `spacy train` on the export."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core import AnnotatedDocument, Argument, Document, Event, Layer, Span
from annotator.core.model import MODEL
from annotator.core.integrity import accepted_only, exportable
from annotator.formats import ReadOptions, WriteOptions, spacy_docbin


def _docbin(path: Path):
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(spacy_docbin.blank_nlp().vocab))


def _doc() -> AnnotatedDocument:
    text = "Israeli Prime Minister Benjamin Netanyahu met Blinken in Jerusalem on Monday."
    layer = Layer("gold", "done")
    layer.add_span(Span(1, 0, 7, "NORP", actor_code="ISR"))
    layer.add_span(Span(2, 0, 41, "PERSON", actor_code="ISRGOV"))        # overlaps NORP, longer: wins
    layer.add_span(Span(3, 23, 41, "PERSON", status="rejected"))         # rejected: nowhere in training views
    layer.add_span(Span(4, 46, 53, "PERSON", actor_code="USAGOV"))
    layer.add_span(Span(5, 57, 66, "GPE", status="suggested"))           # a suggestion is not an entity (yet)
    layer.add_span(Span(6, 42, 45, "CONSULT", layer="trigger"))
    layer.add_span(Span(7, 70, 75, "DATE"))                              # "Monda": inside a token
    layer.add_event(Event(8, 6, "CONSULT", mode="visit", arguments=[
        Argument("source", 2), Argument("target", 4), Argument("location", 5), Argument("date", 7)]))
    return AnnotatedDocument(Document(text, ext_id="d1"), [layer])


def test_training_views_and_user_data(tmp_path):
    path = tmp_path / "train.spacy"
    options = WriteOptions(layer="gold")
    assert spacy_docbin.write([_doc()], path, options) == 1
    (doc,) = _docbin(path)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Israeli Prime Minister Benjamin Netanyahu", "PERSON"), ("Blinken", "PERSON"), ("Monday", "DATE")]
    # the pending suggestion (Jerusalem) is in no view: ents and spancat say the same thing
    assert sorted((s.text, s.label_) for s in doc.spans["sc"]) == sorted([
        ("Israeli", "NORP"), ("Israeli Prime Minister Benjamin Netanyahu", "PERSON"), ("Blinken", "PERSON"),
        ("Monday", "DATE")])
    assert [(s.text, s.label_) for s in doc.spans["triggers"]] == [("met", "CONSULT")]
    (event,) = doc.user_data["events"]
    assert event["type"] == "CONSULT" and event["mode"] == "visit" and list(event["trigger"]) == [42, 45]
    assert sorted((a["role"], doc.text[a["start"]:a["end"]]) for a in event["arguments"]) == [
        ("date", "Monda"), ("source", "Israeli Prime Minister Benjamin Netanyahu"), ("target", "Blinken")]
    assert "1 pending suggestion(s) nobody accepted were not written" in options.warnings
    # The overlap rule and the misaligned span are reported, with counts.
    assert any(w.startswith("1 overlapping entity span(s) left out of doc.ents") for w in options.warnings)
    assert any(w.startswith("1 span(s) did not align") for w in options.warnings)


def test_many_overlaps_never_crash(tmp_path):
    text = "a b c d e f"
    layer = Layer("gold", "done")
    for i, (s, e) in enumerate([(0, 3), (2, 5), (0, 11), (4, 7), (6, 9), (8, 11), (0, 1), (0, 1)], 1):
        layer.add_span(Span(i, s, e, "ORG"))
    options = WriteOptions(layer="gold")
    spacy_docbin.write([AnnotatedDocument(Document(text), [layer])], tmp_path / "x.spacy", options)
    (doc,) = _docbin(tmp_path / "x.spacy")
    assert [(e.start_char, e.end_char) for e in doc.ents] == [(0, 11)]
    assert len(doc.spans["sc"]) == 8
    assert any(w.startswith("7 overlapping") for w in options.warnings)


def test_model_layer_suggestions_are_its_entities(tmp_path):
    layer = Layer("model")
    layer.add_span(Span(1, 0, 6, "GPE", origin="model", status="suggested"))
    spacy_docbin.write([AnnotatedDocument(Document("Israel said."), [layer])], tmp_path / "m.spacy",
                       WriteOptions(layer="model"))
    (doc,) = _docbin(tmp_path / "m.spacy")
    assert [(e.text, e.label_) for e in doc.ents] == [("Israel", "GPE")]


def test_reading_our_docbin_back_is_exact(tmp_path):
    original = _doc()
    # ids as the app writes them: a file's own small numbers are given fresh ids on import
    original = AnnotatedDocument(original.document, [original.layers[0].with_new_ids()])
    spacy_docbin.write([original], tmp_path / "x.spacy", WriteOptions(layer="gold"))
    (doc,) = spacy_docbin.read(tmp_path / "x.spacy", ReadOptions())
    written = accepted_only(exportable(original.layers[0]))  # no rejected span, no pending suggestion
    assert len(written.spans) < len(original.layers[0].spans)
    assert doc.layers[0].spans == written.spans
    assert doc.layers[0].events == written.events
    assert doc.document.ext_id == "d1"


def test_reading_a_foreign_docbin(tmp_path):
    from spacy.tokens import DocBin

    nlp = spacy_docbin.blank_nlp()
    doc = nlp.make_doc("Hamas fired rockets at Israel")
    doc.ents = [doc.char_span(0, 5, "ORG"), doc.char_span(23, 29, "GPE")]
    doc.spans["sc"] = [doc.char_span(0, 5, "ORG"), doc.char_span(0, 19, "ORG")]
    doc.spans["triggers"] = [doc.char_span(6, 11, "ASSAULT")]
    doc.spans["other"] = [doc.char_span(12, 19, "WEAPON")]
    doc.user_data["events"] = [{"type": "ASSAULT", "trigger": [6, 11], "arguments": [
        {"role": "source", "start": 0, "end": 5, "label": "ORG"}, {"role": "target", "start": 23, "end": 29,
                                                                     "label": "GPE"}]}]
    DocBin(docs=[doc], store_user_data=True).to_disk(tmp_path / "f.spacy")
    options = ReadOptions(annotator="ann")
    (read,) = spacy_docbin.read(tmp_path / "f.spacy", options)
    layer = read.layers[0]
    got = sorted((s.start, s.end, s.label, s.layer, s.attrs.get("span_group")) for s in layer.spans.values())
    assert got == [(0, 5, "ORG", "entity", None), (0, 19, "ORG", "entity", None),
                   (6, 11, "ASSAULT", "trigger", None), (12, 19, "WEAPON", "entity", "other"),
                   (23, 29, "GPE", "entity", None)]
    (event,) = layer.events.values()
    assert sorted((a.role, layer.spans[a.span_id].label) for a in event.arguments) == [("source", "ORG"),
                                                                                       ("target", "GPE")]


def test_a_folder_path_is_written_in_shards(tmp_path, monkeypatch):
    monkeypatch.setattr(spacy_docbin, "SHARD_DOCS", 2)
    docs = [AnnotatedDocument(Document(f"Text number {i}.", ext_id=str(i)), [Layer("gold", "done")])
            for i in range(5)]
    assert spacy_docbin.write(docs, tmp_path / "train", WriteOptions(layer="gold")) == 5
    assert sorted(p.name for p in (tmp_path / "train").iterdir()) == [
        "part-00000.spacy", "part-00001.spacy", "part-00002.spacy"]
    assert [d.document.ext_id for d in spacy_docbin.read(tmp_path / "train", ReadOptions())] == list("01234")


def test_a_shard_also_closes_at_its_token_budget(tmp_path, monkeypatch):
    """Memory is bounded by tokens, not documents: 10,000 news paragraphs in one shard took
    over 1 GB while writing."""
    monkeypatch.setattr(spacy_docbin, "SHARD_TOKENS", 12)
    docs = [AnnotatedDocument(Document("Talks in Cairo resumed today.", ext_id=str(i)), [Layer("gold", "done")])
            for i in range(5)]  # 6 tokens each: two to a shard
    assert spacy_docbin.write(docs, tmp_path / "train", WriteOptions(layer="gold")) == 5
    parts = sorted((tmp_path / "train").iterdir())
    assert [p.name for p in parts] == ["part-00000.spacy", "part-00001.spacy", "part-00002.spacy"]
    assert [d.document.ext_id for d in spacy_docbin.read(tmp_path / "train", ReadOptions())] == list("01234")


def test_spacy_train_runs_on_the_export(tmp_path):
    """ner + spancat, a few steps on CPU, on a tiny exported corpus."""
    names = ["Israel", "Iran", "Hamas", "Hezbollah", "Egypt", "Qatar"]
    docs = []
    for i in range(12):
        a, b = names[i % 6], names[(i + 1) % 6]
        text = f"{a} accused {b} of attacking Gaza on Monday."
        layer = Layer("gold", "done")
        layer.add_span(Span(1, 0, len(a), "GPE"))
        layer.add_span(Span(2, len(a) + 9, len(a) + 9 + len(b), "GPE"))
        start = text.index("Gaza")
        layer.add_span(Span(3, start, start + 4, "GPE"))
        layer.add_span(Span(4, start, start + 14, "LOC"))  # overlaps: only in spans["sc"]
        layer.add_span(Span(5, len(a) + 1, len(a) + 8, "ACCUSE", layer="trigger"))
        layer.add_event(Event(6, 5, "ACCUSE", arguments=[Argument("source", 1), Argument("target", 2)]))
        docs.append(AnnotatedDocument(Document(text, ext_id=str(i)), [layer]))
    corpus = tmp_path / "train.spacy"
    spacy_docbin.write(docs, corpus, WriteOptions(layer="gold"))
    config = tmp_path / "config.cfg"
    subprocess.run([sys.executable, "-m", "spacy", "init", "config", str(config), "--lang", "en",
                    "--pipeline", "ner,spancat", "--optimize", "efficiency", "--force"],
                   check=True, capture_output=True, text=True)
    result = subprocess.run(
        [sys.executable, "-m", "spacy", "train", str(config), "--output", str(tmp_path / "model"),
         "--paths.train", str(corpus), "--paths.dev", str(corpus), "--training.max_steps", "6",
         "--training.eval_frequency", "3", "--nlp.batch_size", "8"],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (tmp_path / "model" / "model-last" / "meta.json").exists()
    assert "ENTS_F" in result.stdout and "SPANS_SC_F" in result.stdout  # both components were scored


# ----------------------------------------------------------------------------- foreign DocBins: what is kept
def _write_docbin(path: Path, docs) -> Path:
    from spacy.tokens import DocBin

    DocBin(docs=docs, store_user_data=True).to_disk(path)
    return path


def test_a_doc_annotated_as_having_no_entities_keeps_an_empty_layer_and_round_trips(tmp_path):
    """spaCy: ent_iob_ "O" is "outside" (a negative example), "" is "not annotated"."""
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.blank("en")
    with_ents = nlp.make_doc("Apple sued Google.")
    with_ents.ents = [with_ents.char_span(0, 5, "ORG")]
    negative = nlp.make_doc("Nothing to see here.")
    negative.ents = []  # every token O: annotated, no entity
    missing = Doc(nlp.vocab, words=["Missing", "annotation", "."])
    empty_group = nlp.make_doc("Spancat says none.")
    empty_group.spans["sc"] = []  # the group exists: annotated for spancat, no span
    assert not missing.has_annotation("ENT_IOB")
    path = _write_docbin(tmp_path / "neg.spacy", [with_ents, negative, missing, empty_group])
    docs = list(spacy_docbin.read(path, ReadOptions(annotator="ann")))
    assert [[len(layer.spans) for layer in d.layers] for d in docs] == [[1], [0], [], [0]]
    assert all(layer.state == "done" for d in docs for layer in d.layers)
    # Exported again, the negative examples are written (not "without a layer") and read back.
    options = WriteOptions(layer="ann")
    assert spacy_docbin.write(docs, tmp_path / "again.spacy", options) == 3
    assert [w for w in options.warnings if "were not written" in w] == [
        "1 document(s) without a 'ann' layer were not written"]  # the unannotated one only
    again = list(spacy_docbin.read(tmp_path / "again.spacy", ReadOptions()))
    assert [(d.document.text, [len(layer.spans) for layer in d.layers]) for d in again] == [
        ("Apple sued Google.", [1]), ("Nothing to see here.", [0]), ("Spancat says none.", [0])]


@pytest.mark.parametrize("name, content", [("empty.spacy", None), ("empty.json", "[]"),
                                           ("blank.jsonl", "\n\n")])
def test_importing_a_file_that_holds_no_documents_is_refused(tmp_path, name, content):
    """An empty DocBin has a header, `[]` is valid JSON: neither is a blank file, and
    "imported 0 document(s)" would say nothing of what went wrong."""
    from typer.testing import CliRunner

    from annotator.cli.main import app

    path = tmp_path / name
    if content is None:
        _write_docbin(path, [])
    else:
        path.write_text(content, encoding="utf-8")
    runner = CliRunner()
    db = tmp_path / "w.db"
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    result = runner.invoke(app, ["import", str(db), str(path)])
    assert result.exit_code == 2, result.output
    assert "no documents" in result.output or "is empty" in result.output
    assert name in result.output
    assert "Traceback" not in result.output


def test_cats_user_data_and_doc_extensions_go_into_meta(tmp_path):
    from spacy.tokens import Doc

    nlp = spacy_docbin.blank_nlp()
    Doc.set_extension("source_url", default=None, force=True)
    try:
        doc = nlp.make_doc("Apple Inc. sued Google.")
        doc.ents = [doc.char_span(0, 10, "ORG")]
        doc.cats = {"LEGAL": 1.0, "SPORT": 0.0}
        doc.user_data["source"] = "reuters"
        doc._.source_url = "http://x"
        plain = nlp.make_doc("No annotation, only categories.")
        plain.cats = {"LEGAL": 0.0}
        path = _write_docbin(tmp_path / "cats.spacy", [doc, plain])
    finally:
        Doc.remove_extension("source_url")
    options = ReadOptions(annotator="ann")
    first, second = spacy_docbin.read(path, options)
    assert first.document.meta == {"cats": {"LEGAL": 1.0, "SPORT": 0.0}, "spacy_user_data": {"source": "reuters"},
                                   "spacy_extensions": {"source_url": "http://x"}}
    assert second.document.meta == {"cats": {"LEGAL": 0.0}} and second.layers == []
    assert not any("dropped" in w for w in options.warnings)  # everything was kept


def test_what_cannot_be_kept_is_named_in_a_warning(tmp_path):
    from spacy.tokens import Doc, Token

    nlp = spacy_docbin.blank_nlp()
    Token.set_extension("flag", default=None, force=True)
    try:
        docs = []
        for i in range(2):
            doc = Doc(nlp.vocab, words=["Apple", "sued", "Google", "."], tags=["NNP", "VBD", "NNP", "."])
            doc.user_data["blob"] = b"\x00\x01"  # bytes: not JSON
            doc[0]._.flag = True
            docs.append(doc)
        path = _write_docbin(tmp_path / "lossy.spacy", docs)
    finally:
        Token.remove_extension("flag")
    options = ReadOptions(annotator="ann")
    docs = list(spacy_docbin.read(path, options))
    assert all("spacy_user_data" not in d.document.meta for d in docs)
    assert any(w.startswith("2 document(s) had user_data values that are not plain JSON") and "'blob'" in w
               for w in options.warnings)
    assert any(w.startswith("2 document(s) had token or span extension values") and "flag" in w
               for w in options.warnings)
    assert any(w.startswith("2 document(s) carried token tags") and "TAG" in w for w in options.warnings)


def test_kb_ids_and_span_group_attrs_are_kept(tmp_path):
    nlp = spacy_docbin.blank_nlp()
    doc = nlp.make_doc("Apple Inc. sued Google in Paris.")
    doc.ents = [doc.char_span(0, 10, "ORG", kb_id="Q312")]
    doc.spans["places"] = [doc.char_span(26, 31, "GPE", span_id="p1")]
    doc.spans["places"].attrs["note"] = "checked"
    path = _write_docbin(tmp_path / "kb.spacy", [doc])
    (read,) = spacy_docbin.read(path, ReadOptions(annotator="ann"))
    spans = {read.document.text[s.start:s.end]: s.attrs for s in read.layers[0].spans.values()}
    assert spans == {"Apple Inc.": {"kb_id": "Q312"}, "Paris": {"span_group": "places", "span_id": "p1"}}
    assert read.document.meta == {"spacy_span_group_attrs": {"places": {"note": "checked"}}}


def test_cats_in_meta_are_written_to_doc_cats(tmp_path):
    layer = Layer("gold", "done")
    layer.add_span(Span(1, 0, 6, "GPE"))
    docs = [AnnotatedDocument(Document("Israel said.", meta={"cats": {"POLITICS": 1, "SPORT": 0.0}}), [layer]),
            AnnotatedDocument(Document("Iran said.", meta={"cats": {"POLITICS": "yes"}}), [Layer("gold", "done")])]
    options = WriteOptions(layer="gold")
    spacy_docbin.write(docs, tmp_path / "c.spacy", options)
    first, second = _docbin(tmp_path / "c.spacy")
    assert first.cats == {"POLITICS": 1.0, "SPORT": 0.0}
    assert second.cats == {}
    assert any(w.startswith("1 document(s) have meta['cats'] values that are not numbers") for w in options.warnings)
    # Our own file still reads back exactly (the payload carries meta as it was).
    assert [d.document.meta for d in spacy_docbin.read(tmp_path / "c.spacy", ReadOptions())] == [
        {"cats": {"POLITICS": 1, "SPORT": 0.0}}, {"cats": {"POLITICS": "yes"}}]


def test_a_persons_layer_gives_its_decisions_only_and_triggers_carry_their_event_type(tmp_path):
    """Untouched suggestions (a document opened, nothing done) and a skipped document (even with
    a span accepted before the annotator gave up on it) are no training examples: written, they
    would say "no entity here" while sc held the suggestions. A done layer with nothing is one
    ("this text mentions nothing")."""
    text = "Russia attacked Ukraine on Monday."
    untouched = Layer("ann1", "todo")
    untouched.add_span(Span(1, 0, 6, "GPE", origin="model", status="suggested"))
    untouched.add_span(Span(2, 7, 15, "ASSAULT", layer="trigger", origin="model", status="suggested"))
    untouched.add_event(Event(3, 2, "ASSAULT", origin="model", status="suggested", arguments=[Argument("source", 1)]))
    skipped = Layer("ann1", "skipped")
    skipped.add_span(Span(9, 0, 6, "GPE"))
    reviewed = Layer("ann1", "done")
    reviewed.add_span(Span(4, 0, 6, "GPE"))
    reviewed.add_span(Span(5, 16, 23, "GPE", origin="model", status="suggested"))  # left pending at "done"
    reviewed.add_span(Span(6, 7, 15, "CONSULT", layer="trigger"))  # the span's label says CONSULT...
    reviewed.add_event(Event(7, 6, "ASSAULT", arguments=[Argument("source", 4), Argument("target", 5)]))  # ...the event ASSAULT
    docs = [AnnotatedDocument(Document(text, ext_id="untouched"), [untouched]),
            AnnotatedDocument(Document(text, ext_id="skipped"), [skipped]),
            AnnotatedDocument(Document(text, ext_id="reviewed"), [reviewed]),
            AnnotatedDocument(Document("Nothing here.", ext_id="empty-done"), [Layer("ann1", "done")])]
    options = WriteOptions(layer="ann1")
    assert spacy_docbin.write(docs, tmp_path / "ann1.spacy", options) == 2
    reviewed_doc, empty = _docbin(tmp_path / "ann1.spacy")
    assert [(e.text, e.label_) for e in reviewed_doc.ents] == [("Russia", "GPE")]
    assert [(s.text, s.label_) for s in reviewed_doc.spans["sc"]] == [("Russia", "GPE")]
    assert [(s.text, s.label_) for s in reviewed_doc.spans["triggers"]] == [("attacked", "ASSAULT")]
    assert not empty.ents and empty.text == "Nothing here."
    assert ("1 document(s) whose 'ann1' layer holds no decision yet (nothing accepted, not marked done) "
            "were not written") in options.warnings
    assert "1 document(s) whose 'ann1' layer was skipped were not written" in options.warnings
    assert "1 pending suggestion(s) nobody accepted were not written" in options.warnings
    import json

    from annotator.formats import prodigy

    tasks = tmp_path / "ann1.jsonl"
    assert prodigy.write(docs, tasks, WriteOptions(layer="ann1")) == 2  # no "accept" of unreviewed suggestions
    marked = [task["text"][span["start"]:span["end"]]
              for task in map(json.loads, tasks.read_text(encoding="utf-8").splitlines())
              for span in task.get("spans", [])]
    assert "Russia" in marked and "Ukraine" not in marked


def test_whitespace_at_a_span_edge_never_reaches_an_entity(tmp_path):
    text = "Putin\n\nspoke.  Then  Putin left."
    layer = Layer("gold", "done")
    layer.add_span(Span(1, 5, 7, "GPE"))  # only the blank line
    layer.add_span(Span(2, 19, 26, "PERSON"))  # " Putin" with the space before it
    options = WriteOptions(layer="gold")
    spacy_docbin.write([AnnotatedDocument(Document(text), [layer])], tmp_path / "w.spacy", options)
    (doc,) = _docbin(tmp_path / "w.spacy")
    assert [(e.text, e.label_) for e in doc.ents] == [("Putin", "PERSON")]
    assert [s.text for s in doc.spans["sc"]] == ["Putin"]
    assert any(w.startswith("1 span(s) cover no token") for w in options.warnings)
    assert any(w.startswith("1 span(s) with spaces or line breaks at an edge were trimmed") for w in options.warnings)


def test_a_doc_with_tokens_whose_entity_annotation_is_missing_is_kept_in_progress(tmp_path):
    """Binary answers leave the tokens nobody judged "missing" (ent_iob_ ""), not "outside":
    read as a done layer, they said "no entity here" to training and agreement, silently."""
    import spacy

    nlp = spacy.blank("en")
    partial = nlp.make_doc("Google and Apple are rivals in Cupertino.")
    partial.set_ents([partial.char_span(0, 6, "ORG")], outside=[partial[1:2]], default="missing")
    complete = nlp.make_doc("Apple sued Google.")
    complete.ents = [complete.char_span(0, 5, "ORG")]
    assert [t.ent_iob_ for t in partial][:3] == ["B", "O", ""]
    path = _write_docbin(tmp_path / "partial.spacy", [partial, complete])
    options = ReadOptions(annotator="ann")
    docs = list(spacy_docbin.read(path, options))
    assert [(d.layers[0].state, len(d.layers[0].spans)) for d in docs] == [("in_progress", 1), ("done", 1)]
    assert any("1 document(s) whose entity annotation covers only some tokens" in w for w in options.warnings)


def test_a_layer_in_progress_leaves_the_text_nobody_judged_missing_not_outside(tmp_path):
    """A person's layer still in progress has judged only what it accepted: its pending
    suggestion ("Google") and the text not reached yet were written "O", teaching a model that
    they are no entity. Done (or the model's own layer) says that; in progress does not."""
    text = "Apple sued Google in Cupertino."
    in_progress = Layer("ann1", "in_progress")
    in_progress.add_span(Span(1, 0, 5, "ORG"))
    in_progress.add_span(Span(2, 11, 17, "ORG", origin="model", status="suggested"))
    done = Layer("ann1", "done")
    done.add_span(Span(3, 0, 5, "ORG"))
    docs = [AnnotatedDocument(Document(text, ext_id="a"), [in_progress]),
            AnnotatedDocument(Document(text, ext_id="b"), [done])]
    spacy_docbin.write(docs, tmp_path / "ann1.spacy", WriteOptions(layer="ann1"))
    partial, complete = _docbin(tmp_path / "ann1.spacy")
    assert [t.ent_iob_ for t in partial] == ["B", "", "", "", "", ""]
    assert [t.ent_iob_ for t in complete] == ["B", "O", "O", "O", "O", "O"]
    model = Layer(MODEL, "todo")
    model.add_span(Span(4, 11, 17, "ORG", origin="model", status="suggested"))
    spacy_docbin.write([AnnotatedDocument(Document(text, ext_id="m"), [model])], tmp_path / "m.spacy",
                       WriteOptions(layer=MODEL))
    (suggested,) = _docbin(tmp_path / "m.spacy")
    assert [t.ent_iob_ for t in suggested] == ["O", "O", "B", "O", "O", "O"]
    # Read as a foreign file (without our own payload), the in-progress layer stays in progress.
    for doc in (partial, complete):
        del doc.user_data[spacy_docbin.PAYLOAD_KEY]
    path = _write_docbin(tmp_path / "foreign.spacy", [partial, complete])
    read = list(spacy_docbin.read(path, ReadOptions(annotator="ann2")))
    assert [(d.layers[0].state, [s.text_in(text) for s in d.layers[0].spans.values()]) for d in read] == [
        ("in_progress", ["Apple"]), ("done", ["Apple"])]


def test_a_suggestion_left_pending_in_a_done_layer_is_missing_not_outside(tmp_path):
    """"Leave pending, mark done": the suggestion nobody decided on ("Google") was written "O",
    teaching a model that it is no entity, where pending is nobody's answer (and `annotator
    train` leaves its sentence out). Its words are "missing"; the rest of a done layer is "O"."""
    text = "Apple sued Google in Cupertino."
    done = Layer("ann1", "done")
    done.add_span(Span(1, 0, 5, "ORG"))
    done.add_span(Span(2, 11, 17, "ORG", origin="model", status="suggested"))
    done.add_span(Span(3, 21, 30, "GPE", origin="model", status="rejected"))
    spacy_docbin.write([AnnotatedDocument(Document(text, ext_id="a"), [done])], tmp_path / "ann1.spacy",
                       WriteOptions(layer="ann1"))
    (written,) = _docbin(tmp_path / "ann1.spacy")
    assert [t.ent_iob_ for t in written] == ["B", "O", "", "O", "O", "O"]  # rejected: no entity


def test_an_empty_doc_and_a_span_without_a_label_are_skipped_and_counted(tmp_path):
    """`spacy convert` ends some files with an empty doc, which became an empty document; a
    span group's unlabelled span vanished without a word."""
    import spacy
    from spacy.tokens import Span as SpacySpan

    nlp = spacy.blank("en")
    doc = nlp.make_doc("Apple sued Google.")
    doc.spans["sc"] = [SpacySpan(doc, 0, 1, "ORG"), SpacySpan(doc, 2, 3, "")]
    path = _write_docbin(tmp_path / "conv.spacy", [doc, nlp.make_doc("")])
    options = ReadOptions(annotator="ann")
    (read,) = list(spacy_docbin.read(path, options))
    assert [s.label for s in read.layers[0].spans.values()] == ["ORG"]
    assert any("1 empty document(s)" in w for w in options.warnings)
    assert any("1 span(s) without a label" in w for w in options.warnings)


def test_a_layer_not_marked_done_is_written_with_a_warning_that_its_rest_reads_as_no_span(tmp_path):
    """The file cannot say where the annotator stopped: whoever trains on it must be told."""
    for state, warned in (("in_progress", True), ("done", False)):
        doc = _doc()
        doc.layers[0].state = state
        options = WriteOptions(layer="gold")
        assert spacy_docbin.write([doc], tmp_path / f"{state}.spacy", options) == 1
        said = [w for w in options.warnings if "not marked done" in w]
        assert bool(said) is warned, options.warnings
        if warned:
            # what it says holds of the file: doc.ents "missing" there, the span groups cannot say so
            assert said == ["1 document(s) were written with a 'gold' layer not marked done: doc.ents marks the "
                            "text not reviewed yet as missing, but doc.spans cannot, and a spancat trained on them "
                            "takes it as 'no span here' (export --only-done leaves them out; `annotator train` uses "
                            "their reviewed sentences only)"]
            from spacy.tokens import DocBin
            import spacy

            [written] = DocBin().from_disk(tmp_path / f"{state}.spacy").get_docs(spacy.blank("en").vocab)
            assert any(token.ent_iob_ == "" for token in written)  # missing, not "O"


# ----------------------------------------------------------------------------- incorrect_spans (negatives)
def _feedback_doc(groups_first: tuple[str, ...]):
    """What an app that retrains from user feedback writes (the model's entities in doc.ents, the
    one the user flagged wrong in doc.spans["incorrect_spans"], under both labels), with the span
    groups created in the order given."""
    import spacy
    from spacy.tokens import Span as SpacySpan

    doc = spacy.blank("es").make_doc("El Ing. Agrónomo elige las semillas de tomate")
    doc.set_ents([doc.char_span(3, 16, "Actor"), doc.char_span(27, 45, "Recurso")], default="outside")
    flagged = doc.char_span(27, 45)
    groups = {"incorrect_spans": [SpacySpan(doc, flagged.start, flagged.end, label="Actor"),
                                  SpacySpan(doc, flagged.start, flagged.end, label="Recurso")],
              "sc": list(doc.ents)}  # the flagged entity given as right a second time
    for name in groups_first:
        doc.spans[name] = groups[name]
    return doc


@pytest.mark.parametrize("order", [("incorrect_spans", "sc"), ("sc", "incorrect_spans")])
def test_incorrect_spans_are_rejected_and_win_over_the_same_entity(tmp_path, order):
    """spaCy's ner reads doc.spans["incorrect_spans"] as entities known to be wrong: imported as
    accepted, the flagged "semillas de tomate" was merged into the model's Recurso and exported
    as a positive example."""
    path = _write_docbin(tmp_path / "feedback.spacy", [_feedback_doc(order)])
    options = ReadOptions(annotator="ann")
    (read,) = spacy_docbin.read(path, options)
    layer = read.layers[0]
    text = read.document.text
    assert sorted((s.text_in(text), s.label, s.status) for s in layer.spans.values()) == [
        ("Ing. Agrónomo", "Actor", "accepted"),
        ("semillas de tomate", "Actor", "rejected"),
        ("semillas de tomate", "Recurso", "rejected")]  # once: not also an accepted Recurso
    assert all("span_group" not in s.attrs for s in layer.spans.values())  # the status says it
    assert layer.state == "done"
    contradictions = [w for w in options.warnings if "also marked wrong in doc.spans['incorrect_spans']" in w]
    assert contradictions == [  # one span, counted once though doc.ents and "sc" both give it
        "1 span(s) given as entities and also marked wrong in doc.spans['incorrect_spans'] were imported as "
        "rejected only (the mark is a correction of the entity; spaCy's trainer refuses such a doc, E868) "
        "(e.g. 'semillas de tomate' Recurso)"]
    # Exported, the flagged entity is no positive example anywhere.
    spacy_docbin.write([read], tmp_path / "again.spacy", WriteOptions(layer="ann"))
    (doc,) = _docbin(tmp_path / "again.spacy")
    assert [(e.text, e.label_) for e in doc.ents] == [("Ing. Agrónomo", "Actor")]
    assert [(s.text, s.label_) for s in doc.spans["sc"]] == [("Ing. Agrónomo", "Actor")]


def test_a_doc_with_only_incorrect_spans_keeps_a_layer_in_progress_and_no_event_on_them(tmp_path):
    """Spans marked wrong say nothing of the rest of the text: a done layer would be exported as
    "no entity here". An event in user_data is not matched to a span marked wrong."""
    from spacy.tokens import Doc

    nlp = spacy_docbin.blank_nlp()
    doc = Doc(nlp.vocab, words=["Hamas", "fired", "rockets"])  # no entity annotation at all
    doc.spans["incorrect_spans"] = [doc.char_span(0, 5, "GPE")]
    doc.spans["triggers"] = [doc.char_span(6, 11, "ASSAULT")]
    doc.user_data["events"] = [{"type": "ASSAULT", "trigger": [6, 11],
                                "arguments": [{"role": "source", "start": 0, "end": 5, "label": "GPE"}]}]
    only = Doc(nlp.vocab, words=["Iran", "said"])
    only.spans["incorrect_spans"] = [only.char_span(0, 4, "PERSON")]
    path = _write_docbin(tmp_path / "neg.spacy", [doc, only])
    options = ReadOptions(annotator="ann")
    with_trigger, negatives_only = spacy_docbin.read(path, options)
    assert with_trigger.layers[0].state == "done"  # the triggers group is an annotation of the doc
    assert with_trigger.layers[0].events == {}
    assert any(w.startswith("1 event(s) in user_data['events'] could not be matched") for w in options.warnings)
    (layer,) = negatives_only.layers
    assert layer.state == "in_progress"
    assert [(s.label, s.status) for s in layer.spans.values()] == [("PERSON", "rejected")]


def test_a_foreign_docbins_own_span_group_and_kb_ids_are_written_back(tmp_path):
    """Kept on import (attrs span_group / kb_id / span_id), a custom span group and an entity's
    kb_id were not written back: a spancat trained on that key, or an entity linker, found
    nothing after a round trip through the project."""
    nlp = spacy_docbin.blank_nlp()
    doc = nlp.make_doc("Real Madrid beat Valencia in Madrid, said EFE.")
    doc.ents = [doc.char_span(0, 11, "ORG"), doc.char_span(17, 25, "ORG"),
                doc.char_span(29, 35, "LOC", kb_id="Q2807", span_id="m1")]
    doc.spans["organisms_and_orgs"] = [doc.char_span(0, 11, "ORG"), doc.char_span(42, 45, "ORG")]
    doc.spans["organisms_and_orgs"].attrs["source"] = "made by hand"
    (read,) = spacy_docbin.read(_write_docbin(tmp_path / "in.spacy", [doc]), ReadOptions(annotator="ann"))
    out = tmp_path / "out.spacy"
    spacy_docbin.write([read], out, WriteOptions(layer="ann"))
    (written,) = _docbin(out)
    group = written.spans["organisms_and_orgs"]
    assert [(s.text, s.label_) for s in group] == [("Real Madrid", "ORG"), ("EFE", "ORG")]
    assert dict(group.attrs) == {"source": "made by hand"}
    assert [(e.text, e.kb_id_, e.id_) for e in written.ents if e.kb_id_] == [("Madrid", "Q2807", "m1")]
