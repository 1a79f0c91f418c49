"""What the other tools' own code requires of our exports (checked against their code: brat's
server/src/annotation.py, doccano 1.8's data_import pipeline and its exporter, spaCy's W030 rule,
the spaCy relation tutorial's reader of Prodigy files)."""

from __future__ import annotations

import json
import re

from annotator.core import AnnotatedDocument, Argument, Document, Event, Layer, Span
from annotator.formats import ReadOptions, WriteOptions, brat, doccano, prodigy, spacy_docbin


def _doc(text: str, layer: Layer, ext_id: str = "d") -> AnnotatedDocument:
    return AnnotatedDocument(Document(text, ext_id=ext_id), [layer])


def test_brat_never_names_a_trigger_t_from_an_attribute_and_types_it_as_its_event(tmp_path):
    """brat's Annotations._sanity raises TriggerReferenceError for an A/N/# line on a trigger T and
    EventWithNonTriggerError when the trigger T's type is not the event's: the document does not open."""
    text = "Iran and Iraq met and agreed on Monday."
    layer = Layer("model", "todo")
    layer.add_span(Span(1, 0, 4, "GPE", actor_code="IRN", status="suggested"))
    layer.add_span(Span(2, 9, 13, "GPE", status="suggested"))
    layer.add_span(Span(3, 14, 17, "CONSULT", layer="trigger", status="suggested"))
    layer.add_event(Event(4, 3, "CONSULT", status="suggested", arguments=[Argument("source", 1)]))
    layer.add_event(Event(5, 3, "AGREE", status="suggested", arguments=[Argument("target", 2)]))
    brat.write([_doc(text, layer)], tmp_path / "out", WriteOptions(layer="model"))
    lines = (tmp_path / "out" / "d.ann").read_text(encoding="utf-8").splitlines()
    types = {f[0]: f[1].split()[0] for f in (line.split("\t") for line in lines) if f[0].startswith("T")}
    triggers = set()
    for line in lines:
        if line.startswith("E"):
            etype, trigger = line.split("\t")[1].split()[0].split(":")
            assert types[trigger] == etype
            triggers.add(trigger)
    for line in lines:
        if line[0] in "AN#":
            assert line.split("\t")[1].split()[1] not in triggers, line
    (back,) = brat.read(tmp_path / "out", ReadOptions(annotator="model"))
    statuses = {(s.start, s.label): s.status for s in back.layers[0].spans.values()}
    assert statuses[(14, "CONSULT")] == "suggested" and statuses[(14, "AGREE")] == "suggested"
    assert statuses[(0, "GPE")] == "suggested"


def test_brat_text_column_is_the_text_at_the_fragments(tmp_path):
    """brat refuses a T line whose text is not the text at its fragments joined by a space."""
    text = "Russia\u2028Federation and Gaza\x0cStrip."
    layer = Layer("gold", "done")
    layer.add_span(Span(1, 0, 17, "GPE"))
    layer.add_span(Span(2, 22, 32, "LOC"))
    brat.write([_doc(text, layer)], tmp_path / "out", WriteOptions(layer="gold"))
    for line in (tmp_path / "out" / "d.ann").read_text(encoding="utf-8").splitlines():
        _, what, shown = line.split("\t")
        frags = [tuple(map(int, f.split())) for f in what.split(" ", 1)[1].split(";")]
        assert shown == " ".join(text[s:e] for s, e in frags)


def test_doccano_events_survive_doccano_renumbering_its_entities(tmp_path):
    """doccano keeps our record's other keys as example metadata and exports them unchanged, with
    new entity ids: the events find their trigger again by its offsets."""
    text = "\U0001F1FA\U0001F1F8 Biden met Xi."
    layer = Layer("ann1", "done")
    layer.add_span(Span(1, 3, 8, "PERSON"))
    layer.add_span(Span(2, 9, 12, "CONSULT", layer="trigger"))
    layer.add_span(Span(3, 13, 15, "PERSON"))
    layer.add_event(Event(4, 2, "CONSULT", mode="meet", arguments=[Argument("source", 1), Argument("target", 3)]))
    record = doccano.record_for(_doc(text, layer), layer)
    # what doccano 1.8 exports for it: its own entities and relations, our other keys as they were
    new_ids = {1: 101, 2: 102, 3: 103}
    record["entities"] = [{"id": new_ids[e["id"]], "label": e["label"], "start_offset": e["start_offset"],
                           "end_offset": e["end_offset"]} for e in record["entities"]]
    record["relations"] = [{"id": 9 + i, "from_id": new_ids[r["from_id"]], "to_id": new_ids[r["to_id"]],
                            "type": r["type"]} for i, r in enumerate(record["relations"])]
    path = tmp_path / "all.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (doc,) = doccano.read(path, ReadOptions(annotator="ann1"))
    (event,) = doc.layers[0].events.values()
    spans = doc.layers[0].spans
    assert (event.type, event.mode, (spans[event.trigger].start, spans[event.trigger].end)) == ("CONSULT", "meet", (9, 12))
    assert sorted((a.role, spans[a.span_id].start) for a in event.arguments) == [("source", 3), ("target", 13)]


def test_spacy_spans_collapsed_onto_one_token_are_missing_not_taught(tmp_path):
    """spacy.blank("en") makes one token of a run of Chinese: PERSON and GPE cannot both be that token."""
    text = "习近平在北京会见了拜登。Then Xi met Biden."
    layer = Layer("ann1", "done")
    layer.add_span(Span(1, 0, 3, "PERSON"))
    layer.add_span(Span(2, 4, 6, "GPE"))
    layer.add_span(Span(3, 20, 23, "CONSULT", layer="trigger"))
    layer.add_span(Span(4, 24, 29, "PERSON"))
    layer.add_event(Event(5, 3, "CONSULT"))
    options = WriteOptions(layer="ann1")
    spacy_docbin.write([_doc(text, layer)], tmp_path / "x.spacy", options)
    from spacy.tokens import DocBin
    (sdoc,) = DocBin().from_disk(tmp_path / "x.spacy").get_docs(spacy_docbin.blank_nlp().vocab)
    assert [(e.text, e.label_) for e in sdoc.ents] == [("Biden", "PERSON")]
    assert sdoc[0].ent_iob_ == "" and [s.text for s in sdoc.spans["sc"]] == ["Biden"]
    assert any("share a spaCy token" in w for w in options.warnings)


def test_prodigy_span_offsets_are_on_tokens_as_prodigy_writes_them(tmp_path):
    """What reads Prodigy files takes start/end (doc.char_span is None off the tokens)."""
    text = "They met on Monday in Kyiv."
    layer = Layer("ann1", "done")
    layer.add_span(Span(1, 12, 17, "DATE"))  # "Monda"
    task = prodigy.task_for(_doc(text, layer), layer, prodigy.Tally())
    (span,) = task["spans"]
    assert (span["start"], span["end"], span["offsets"]) == (12, 18, [12, 17])
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(task) + "\n", encoding="utf-8")
    (doc,) = prodigy.read(path, ReadOptions())
    assert [(s.start, s.end) for s in doc.layers[0].spans.values()] == [(12, 17)]


def _round_trip_through_brat(tmp_path, layer: Layer) -> Layer:
    brat.write([_doc("Iran and Iraq met and agreed on Monday.", layer)], tmp_path / "out", WriteOptions(layer="gold"))
    (back,) = brat.read(tmp_path / "out", ReadOptions(annotator="gold"))
    return back.layers[0]


def _met(**trigger_attrs) -> Layer:  # type: ignore[no-untyped-def]
    layer = Layer("gold", "done")
    layer.add_span(Span(1, 0, 4, "GPE"))
    layer.add_span(Span(3, 14, 17, "CONSULT", layer="trigger", attrs=dict(trigger_attrs)))
    return layer


def test_brat_keeps_an_events_own_attribute_named_like_a_trigger_one_on_the_event(tmp_path):
    """Any event attribute starting with "Trigger" was moved onto the trigger span ("TriggeredBy"
    came back as the span's "edBy")."""
    layer = _met()
    layer.add_event(Event(4, 3, "CONSULT", arguments=[Argument("source", 1)],
                          attrs={"attributes": {"TriggeredBy": "press"}}))
    back = _round_trip_through_brat(tmp_path, layer)
    (event,) = back.events.values()
    assert event.attrs.get("attributes") == {"TriggeredBy": "press"}
    assert "attributes" not in back.spans[event.trigger].attrs


def test_brat_keeps_a_trigger_spans_notes_and_normalisations_on_the_trigger(tmp_path):
    """Written on the event (brat allows no # or N line on a trigger T), they were read back as the event's."""
    layer = _met(notes=[["AnnotatorNotes", "check the verb"]], normalizations=[["Reference", "Wiki:Q1", "meet"]])
    layer.add_event(Event(4, 3, "CONSULT", arguments=[Argument("source", 1)], attrs={"notes": [["AnnotatorNotes", "an event"]]}))
    back = _round_trip_through_brat(tmp_path, layer)
    ann = (tmp_path / "out" / "d.ann").read_text(encoding="utf-8")
    assert "Trigger_AnnotatorNotes E1" in ann and "Trigger_Reference E1" in ann
    (event,) = back.events.values()
    trigger = back.spans[event.trigger]
    assert trigger.attrs.get("notes") == [["AnnotatorNotes", "check the verb"]]
    assert trigger.attrs.get("normalizations") == [["Reference", "Wiki:Q1", "meet"]]
    assert event.attrs.get("notes") == [["AnnotatorNotes", "an event"]]
