"""brat specifics: discontinuous spans, the BOM rule, CRLF, file names, annotation.conf."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator.core import AnnotatedDocument, Argument, Document, Event, Layer, Span
from annotator.core.errors import InputError
from annotator.core.validate import check_layer
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
    assert "ActorCode T" in ann and "Negation E1" in ann
    assert "Iran" not in ann  # a pending suggestion is not gold's decision (formats.layers.layered)
    (back,), _ = _read(tmp_path / "out")
    assert back.document.ext_id == "news/2024/a_b"
    got = back.layers[0]
    assert sorted((s.start, s.end, s.label, s.actor_code, s.status) for s in got.spans.values()) == sorted(
        (s.start, s.end, s.label, s.actor_code, s.status) for s in layer.spans.values() if s.status == "accepted")
    (event,) = got.events.values()
    assert event.negated and sorted(a.role for a in event.arguments) == ["source"]


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


# ----------------------------------------------------------------------------- bad and awkward files
SUE_TEXT = "Apple Inc. and Google sued Microsoft in Paris on Monday.\n"
SUE_SPANS = "T1\tOrganization 0 10\tApple Inc.\nT2\tOrganization 15 21\tGoogle\nT3\tSue 22 26\tsued\n"


def _refused(folder: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        _read(folder)
    message = str(caught.value)
    assert not re.search(r"\d{6,}", message), f"an internal id leaks into {message!r}"
    return caught.value


def test_ann_without_txt_is_refused_naming_it(tmp_path):
    folder = _collection(tmp_path / "in", {"a.txt": "Fine text.", "a.ann": "",
                                           "lost.ann": "T1\tOrganization 0 4\tFine\n"})
    error = _refused(folder)
    assert error.file.endswith("lost.ann") and "has no .txt beside it" in error.message
    error = _refused(folder / "lost.ann")  # the .ann given on its own
    assert error.file.endswith("lost.ann") and "has no .txt beside it" in error.message


def test_txt_without_ann_is_a_plain_text(tmp_path):
    (doc,), _ = _read(_collection(tmp_path / "in", {"a.txt": "Just text."}))
    assert doc.document.text == "Just text." and not doc.layers


@pytest.mark.parametrize("roles", ["Plaintiff:T1 Defendant:T1", "Source:T1 Target:T1"])
def test_span_in_two_roles_keeps_the_first_and_says_which_was_dropped(tmp_path, roles):
    folder = _collection(tmp_path / "in", {"d.txt": SUE_TEXT, "d.ann": SUE_SPANS + f"E1\tSue:T3 {roles}\n"})
    (doc,), warnings = _read(folder)
    layer = doc.layers[0]
    (event,) = layer.events.values()
    assert len(event.arguments) == 1
    check_layer(layer, len(doc.document.text), None)  # what the store will accept
    first, second = roles.split()
    (warning,) = [w for w in warnings if "E1" in w]
    assert "merged" not in warning and "dropped" in warning
    assert second in warning and first.split(":")[0] in warning and "d.ann line 4" in warning


def test_exact_repeat_of_an_argument_is_merged(tmp_path):
    folder = _collection(tmp_path / "in", {"d.txt": SUE_TEXT, "d.ann": SUE_SPANS + "E1\tSue:T3 Agent:T1 Agent:T1\n"})
    (doc,), warnings = _read(folder)
    (event,) = doc.layers[0].events.values()
    assert len(event.arguments) == 1 and any("merged" in w for w in warnings)


@pytest.mark.parametrize("line, names", [
    ("R1\tPartner Arg1:T1 Arg2:T9", ["R1", "T9"]),
    ("R1\tPartner Arg1:T9 Arg2:T1", ["R1", "T9"]),
    ("A1\tNegated T9", ["A1", "T9"]),
    ("M1\tNegation E9", ["M1", "E9"]),
    ("#1\tAnnotatorNotes T9\tsome note", ["#1", "T9"]),
    ("*\tEquiv T1 T9", ["T9"]),
    ("N1\tReference T9 Wikipedia:1\tApple", ["N1", "T9"]),
])
def test_dangling_reference_is_refused_with_file_line_and_ids(tmp_path, line, names):
    folder = _collection(tmp_path / "in", {"d.txt": SUE_TEXT, "d.ann": SUE_SPANS + line + "\n"})
    error = _refused(folder)
    assert error.file.endswith("d.ann") and error.line == 4
    assert all(name in error.message for name in names), error.message


def test_attribute_on_a_relation_is_kept_and_written_back(tmp_path):
    folder = _collection(tmp_path / "in", {"d.txt": SUE_TEXT, "d.ann": SUE_SPANS +
                                           "R1\tPartner Arg1:T1 Arg2:T2\t\nA1\tCertain R1 High\n"})
    (doc,), warnings = _read(folder)
    assert not any("attribute" in w for w in warnings)
    brat.write([doc], tmp_path / "out", WriteOptions())
    ann = (tmp_path / "out" / "d.ann").read_text(encoding="utf-8")
    assert "\tPartner Arg1:T1 Arg2:T2\t\n" in ann and "\tCertain R1 High\n" in ann
    assert "Certain\tArg:<RELATION>, Value:High" in (tmp_path / "out" / "annotation.conf").read_text(encoding="utf-8")


@pytest.mark.parametrize("event_line", ["E1\tSue:T3 Theme:T3", "E1\tSue:T3 Theme:E1",
                                        "E1\tSue:T3 Theme:E2\nE2\tSue:T3 Agent:T1"])
def test_event_with_its_own_trigger_as_argument_is_refused_in_brat_terms(tmp_path, event_line):
    folder = _collection(tmp_path / "in", {"d.txt": SUE_TEXT, "d.ann": SUE_SPANS + event_line + "\n"})
    error = _refused(folder)
    assert error.file.endswith("d.ann") and error.line == 4
    assert "E1" in error.message and "T3" in error.message and "Theme" in error.message


def test_fragments_out_of_order_are_sorted_as_brat_does(tmp_path):
    folder = _collection(tmp_path / "in", {"d.txt": SUE_TEXT, "d.ann": "T1\tOrganization 15 21;0 5\tGoogle Apple\n"})
    (doc,), _ = _read(folder)
    (span,) = doc.layers[0].spans.values()
    assert (span.start, span.end) == (0, 21) and span.attrs["fragments"] == [[0, 5], [15, 21]]


@pytest.mark.parametrize("where, problem", [("5 5", "empty"), ("0 5;7 7", "empty"), ("9 4", "ends before it starts")])
def test_empty_or_reversed_span_is_refused_saying_so(tmp_path, where, problem):
    folder = _collection(tmp_path / "in", {"d.txt": SUE_TEXT, "d.ann": f"T1\tOrganization {where}\tApple\n"})
    error = _refused(folder)
    assert error.line == 1 and "T1" in error.message and problem in error.message
    assert "outside the text" not in error.message


def test_id_defined_twice_is_refused(tmp_path):
    folder = _collection(tmp_path / "in", {"d.txt": SUE_TEXT, "d.ann": SUE_SPANS +
                                           "E1\tSue:T3 Agent:T1\nE1\tSue:T3 Agent:T2\n"})
    error = _refused(folder)
    assert error.line == 5 and "E1 is defined twice" in error.message
