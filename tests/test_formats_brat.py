"""brat specifics: discontinuous spans, the BOM rule, CRLF, file names, annotation.conf."""

from __future__ import annotations

from pathlib import Path

from annotator.core import AnnotatedDocument, Argument, Document, Event, Layer, Span
from annotator.formats import ReadOptions, WriteOptions, brat


def _collection(folder: Path, files: dict[str, bytes | str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).write_bytes(data)
    return folder


def _read(folder: Path):
    options = ReadOptions(annotator="ann")
    return list(brat.read(folder, options)), options.warnings


def test_discontinuous_span_is_kept_and_written_back(tmp_path):
    folder = _collection(tmp_path / "in", {
        "a.txt": "the Prime and Defence Ministers met",
        "a.ann": "T1\tPERSON 4 9;22 31\tPrime Ministers\n",
    })
    (doc,), warnings = _read(folder)
    (span,) = doc.layers[0].spans.values()
    assert (span.start, span.end) == (4, 31) and span.attrs["fragments"] == [[4, 9], [22, 31]]
    assert any("discontinuous" in w for w in warnings)
    brat.write([doc], tmp_path / "out", WriteOptions())
    assert (tmp_path / "out" / "a.ann").read_text(encoding="utf-8") == "T1\tPERSON 4 9;22 31\tPrime Ministers\n"


def test_bom_counted_as_character_zero_is_dropped_and_offsets_shifted(tmp_path):
    folder = _collection(tmp_path / "in", {
        "a.txt": b"\xef\xbb\xbfIsrael attacked Iran.",
        "a.ann": "T1\tGPE 1 7\tIsrael\nT2\tGPE 17 21\tIran\n",  # brat counts the BOM
    })
    (doc,), _ = _read(folder)
    assert doc.document.text == "Israel attacked Iran."
    assert sorted(s.text_in(doc.document.text) for s in doc.layers[0].spans.values()) == ["Iran", "Israel"]


def test_bom_not_counted_keeps_offsets(tmp_path):
    folder = _collection(tmp_path / "in", {
        "a.txt": b"\xef\xbb\xbfIsrael attacked Iran.",
        "a.ann": "T1\tGPE 0 6\tIsrael\nT2\tGPE 16 20\tIran\n",  # offsets made without the BOM
    })
    (doc,), _ = _read(folder)
    assert sorted(s.text_in(doc.document.text) for s in doc.layers[0].spans.values()) == ["Iran", "Israel"]


def test_crlf_and_astral_text_is_byte_identical_and_spans_split_at_line_breaks(tmp_path):
    text = "😀 Israel\r\nattacked 🇮🇱 Iran.\r\n"
    layer = Layer("gold", "done")
    layer.add_span(Span(1, 2, 18, "ORG"))  # "Israel\r\nattacked": crosses the CRLF
    layer.add_span(Span(2, 2, 8, "GPE", actor_code="ISR"))
    layer.add_span(Span(3, 10, 18, "ASSAULT", layer="trigger"))
    layer.add_span(Span(4, 22, 26, "GPE", status="suggested"))
    layer.add_event(Event(5, 3, "ASSAULT", negated=True, arguments=[Argument("source", 2), Argument("target", 4)]))
    doc = AnnotatedDocument(Document(text, ext_id="news/2024/a b"), [layer])
    brat.write([doc], tmp_path / "out", WriteOptions(layer="gold"))
    txt = tmp_path / "out" / "news" / "2024" / "a_b.txt"
    assert txt.read_bytes() == text.encode("utf-8")
    ann = (tmp_path / "out" / "news" / "2024" / "a_b.ann").read_text(encoding="utf-8")
    assert "\tORG 2 8;10 18\tIsrael attacked\n" in ann
    assert "ActorCode T" in ann and "Negation E1" in ann and "Status T" in ann
    (back,), _ = _read(tmp_path / "out")
    assert back.document.ext_id == "news/2024/a_b"
    got = back.layers[0]
    assert sorted((s.start, s.end, s.label, s.actor_code, s.status) for s in got.spans.values()) == sorted(
        (s.start, s.end, s.label, s.actor_code, s.status) for s in layer.spans.values())
    (event,) = got.events.values()
    assert event.negated and sorted(a.role for a in event.arguments) == ["source", "target"]


def test_ids_cannot_escape_the_folder(tmp_path):
    docs = [AnnotatedDocument(Document("x", ext_id=ext), [Layer("gold", "done")])
            for ext in ("../../evil", "/etc/passwd", "..", "a/../../b")]
    brat.write(docs, tmp_path / "out", WriteOptions(layer="gold"))
    written = [p for p in tmp_path.rglob("*.txt")]
    assert len(written) == 4
    assert all((tmp_path / "out") in p.parents for p in written)


def test_unrepresentable_lines_are_reported_not_dropped_silently(tmp_path):
    folder = _collection(tmp_path / "in", {
        "a.txt": "Hamas fired rockets at Israel.",
        "a.ann": "T1\tORG 0 5\tHamas\nT2\tASSAULT 6 11\tfired\nE1\tASSAULT:T2 Agent:T1\n"
                 "T3\tGPE 23 29\tIsrael\nE2\tASSAULT:T2 Target:T3\nR1\tLinked Arg1:E1 Arg2:E2\n"
                 "A1\tIntensity R1 High\nX1\tsomething odd\n",
    })
    (doc,), warnings = _read(folder)
    layer = doc.layers[0]
    assert len(layer.events) == 2
    agent = next(e for e in layer.events.values() if e.attrs.get("brat_roles"))
    assert [a.role for a in agent.arguments] == ["other"] and list(agent.attrs["brat_roles"].values()) == ["Agent"]
    text = " | ".join(warnings)
    assert "relation(s) between events" in text and "attribute(s) on relations" in text and "unknown kind" in text


def test_annotation_conf_declares_scheme_and_used_labels(tmp_path):
    from annotator.core import default_scheme

    layer = Layer("gold", "done")
    layer.add_span(Span(1, 0, 5, "WEAPON"))
    brat.write([AnnotatedDocument(Document("rifle"), [layer])], tmp_path / "out",
               WriteOptions(layer="gold", scheme=default_scheme()))
    conf = (tmp_path / "out" / "annotation.conf").read_text(encoding="utf-8")
    entities = conf.split("[entities]")[1].split("[relations]")[0].split()
    assert "GPE" in entities and "WEAPON" in entities
    events = conf.split("[events]")[1].split("[attributes]")[0]
    assert "ASSAULT\t" in events and "Source*:<ANY>" in events
    assert "Mode\tArg:<EVENT>, Value:" in conf
