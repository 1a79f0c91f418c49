"""spaCy DocBin export: what goes into doc.ents / doc.spans / user_data, the overlap rule, the
misalignment warning, reading foreign DocBins, and `spacy train` on the export."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from annotator.core import AnnotatedDocument, Argument, Document, Event, Layer, Span
from annotator.core.integrity import exportable
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
    assert sorted((s.text, s.label_) for s in doc.spans["sc"]) == sorted([
        ("Israeli", "NORP"), ("Israeli Prime Minister Benjamin Netanyahu", "PERSON"), ("Blinken", "PERSON"),
        ("Jerusalem", "GPE"), ("Monday", "DATE")])
    assert [(s.text, s.label_) for s in doc.spans["triggers"]] == [("met", "CONSULT")]
    (event,) = doc.user_data["events"]
    assert event["type"] == "CONSULT" and event["mode"] == "visit" and list(event["trigger"]) == [42, 45]
    assert sorted((a["role"], doc.text[a["start"]:a["end"]]) for a in event["arguments"]) == [
        ("date", "Monda"), ("location", "Jerusalem"), ("source", "Israeli Prime Minister Benjamin Netanyahu"),
        ("target", "Blinken")]
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
    spacy_docbin.write([original], tmp_path / "x.spacy", WriteOptions(layer="gold"))
    (doc,) = spacy_docbin.read(tmp_path / "x.spacy", ReadOptions())
    written = exportable(original.layers[0])  # no rejected span is exported
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
