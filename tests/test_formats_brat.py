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


def test_a_discontinuous_span_is_widened_in_no_export_unsaid(tmp_path):
    """brat's `T3 LOC 0 6;16 19` ("Madrid … EFE", the CoNLL-2002 Spanish news of brat's examples
    with one such line added) became one span from 0 to 19 in every export but brat's, without a
    word: in doc.ents "Madrid, 23 may (EFE" -- the longest, so it pushed the real "Madrid" and
    "EFE" out -- and [0, 19] in doccano and Prodigy."""
    import spacy
    from spacy.tokens import DocBin

    from annotator.formats import doccano, prodigy, spacy_docbin

    folder = _collection(tmp_path / "in", {
        "a.txt": "Madrid, 23 may (EFE). The minister met the press.",
        "a.ann": "T1\tLOC 0 6\tMadrid\nT2\tORG 16 19\tEFE\nT3\tLOC 0 6;16 19\tMadrid EFE\n",
    })
    (doc,), _ = _read(folder)
    options = WriteOptions(layer="ann")
    spacy_docbin.write([doc], tmp_path / "out.spacy", options)
    (sdoc,) = DocBin().from_disk(tmp_path / "out.spacy").get_docs(spacy.blank("en").vocab)
    assert [(e.text, e.label_) for e in sdoc.ents] == [("Madrid", "LOC"), ("EFE", "ORG")]
    assert "Madrid, 23 may (EFE" not in [s.text for s in sdoc.spans["sc"]]
    assert any("discontinuous" in w and "'Madrid … EFE' LOC" in w for w in options.warnings), options.warnings
    for fmt in (doccano, prodigy):
        options = WriteOptions(layer="ann")
        fmt.write([doc], tmp_path / f"{fmt.__name__}.jsonl", options)
        assert any("discontinuous" in w and "'Madrid … EFE' LOC" in w for w in options.warnings), options.warnings
    # ... and the fragments come back from our own doccano file, as from brat's
    (again,) = doccano.read(tmp_path / f"{doccano.__name__}.jsonl", ReadOptions())
    assert sorted(s.attrs.get("fragments") or [] for s in again.layers[0].spans.values()) == [
        [], [], [[0, 6], [16, 19]]]


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


PEER_NEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "peer-data" / "brat" / "tutorials-news"


@pytest.mark.skipif(not PEER_NEWS.is_dir(), reason="../shared/peer-data is not here")
def test_offsets_that_count_each_crlf_as_one_character_are_mapped_onto_the_text(tmp_path):
    """brat's editor on Windows counted a CRLF as one character (brat issue #853): a real brat
    document with its .txt in CRLF and its .ann unchanged imports with every span on its words
    (before: refused at the first span after a line break), and says so in a warning."""
    text = (PEER_NEWS / "000-introduction.txt").read_text(encoding="utf-8")
    ann = (PEER_NEWS / "000-introduction.ann").read_text(encoding="utf-8")
    folder = _collection(tmp_path / "in", {"a.txt": text.replace("\n", "\r\n").encode("utf-8"), "a.ann": ann})
    (doc,), warnings = _read(folder)
    stored = doc.document.text
    assert stored.count("\r\n") == text.count("\n") > 5
    shown = [line.split("\t")[2] for line in ann.splitlines() if line.startswith("T")]
    assert sorted(s.text_in(stored) for s in doc.layers[0].spans.values()) == sorted(shown)
    assert any("count each CRLF line break" in w for w in warnings)
    # offsets counting both characters (brat on Linux, issue #1169) are kept as they are
    lf_counted = "".join(f"T{i}\tGPE {m.start() + text[:m.start()].count(chr(10))} "
                         f"{m.end() + text[:m.start()].count(chr(10))}\t{m.group()}\n"
                         for i, m in enumerate(re.finditer(r"Citibank|Switzerland", text), 1))
    folder = _collection(tmp_path / "two", {"a.txt": text.replace("\n", "\r\n").encode("utf-8"),
                                            "a.ann": lf_counted})
    (doc,), warnings = _read(folder)
    assert sorted({s.text_in(doc.document.text) for s in doc.layers[0].spans.values()}) == ["Citibank", "Switzerland"]
    assert not any("CRLF" in w for w in warnings)


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


def test_ids_in_any_script_are_kept_so_a_re_import_finds_its_documents(tmp_path):
    """東京 and 北京 were written as `__.txt` and `__-2.txt`, Zürich-1 as `Z_rich-1`: read back,
    none matched its document, and a re-import doubled the project."""
    ids = ["東京", "北京", "Zürich-1", "تهران/2024", "a b"]
    docs = [AnnotatedDocument(Document("x", ext_id=ext), [Layer("gold", "done")]) for ext in ids]
    brat.write(docs, tmp_path / "out", WriteOptions(layer="gold"))
    back, _ = _read(tmp_path / "out")
    assert sorted(d.document.ext_id for d in back) == sorted(["東京", "北京", "Zürich-1", "تهران/2024", "a_b"])


def test_a_line_separator_inside_a_span_does_not_cut_its_ann_line(tmp_path):
    """brat reads `.ann` files with Python's line reading, which ends a line at U+2028, U+0085,
    a form feed …: written raw in the text column, the line was cut in two and brat refused it."""
    text = "Qatar\u2028Egypt\x0cmet\x85in Doha."
    layer = Layer("gold", "done")
    layer.add_span(Span(1, 0, 11, "ORG", attrs={"notes": [["AnnotatorNotes", "first\u2029second"]]}))
    layer.add_span(Span(2, 12, 19, "CONSULT", layer="trigger"))
    layer.add_event(Event(3, 2, "CONSULT"))
    brat.write([AnnotatedDocument(Document(text, ext_id="d"), [layer])], tmp_path / "out", WriteOptions(layer="gold"))
    ann = (tmp_path / "out" / "d.ann").read_text(encoding="utf-8")
    assert len(ann.splitlines()) == ann.count("\n")  # each line ends at its \n and nowhere else
    # written as fragments around the separator: brat compares the text column with the text at the
    # fragments joined by a space, and "Qatar Egypt" is not the text at 0-11 (it refused the line)
    assert "\tORG 0 5;6 11\tQatar Egypt\n" in ann and "\tfirst second\n" in ann
    (doc,), _ = _read(tmp_path / "out")
    assert sorted((s.start, s.end) for s in doc.layers[0].spans.values()) == [(0, 11), (12, 19)]


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


def test_names_brat_cannot_write_are_written_its_way_declared_once_and_read_back_as_the_schemes(tmp_path):
    """A scheme's "ARMED GROUP", "X:Y" and mode "sit in": a space parts a brat line's fields and
    ":" an E line's Type:T1. The export wrote "E3 X:Y:T8", which no reader takes back, changed the
    others silently, and declared Mode twice in annotation.conf."""
    import dataclasses

    from annotator.core import default_scheme
    from annotator.core.scheme import Label, Mode

    base = default_scheme()
    scheme = dataclasses.replace(
        base, entities=(*base.entities, Label("ARMED GROUP", "entity")),
        events=(*base.events, Label("X:Y", "event", modes=(Mode("sit in"), Mode("march")))),
        contexts=(*base.contexts, "street protest"))
    text = "Armed men staged a sit-in on Monday."
    layer = Layer("gold", "done")
    layer.add_span(Span(1, 0, 9, "ARMED GROUP"))
    layer.add_span(Span(2, 10, 16, "X:Y", "trigger"))
    layer.add_event(Event(3, 2, "X:Y", "sit in", "street protest", arguments=[Argument("source", 1)]))
    brat.write([AnnotatedDocument(Document(text, ext_id="d"), [layer])], tmp_path / "out",
               WriteOptions(layer="gold", scheme=scheme))
    ann = next((tmp_path / "out").glob("*.ann")).read_text(encoding="utf-8")
    assert "X-Y:T" in ann and "ARMED_GROUP 0 9" in ann and " sit_in" in ann
    conf = (tmp_path / "out" / "annotation.conf").read_text(encoding="utf-8")
    assert [line.split("\t")[0] for line in conf.splitlines()].count("Mode") == 1
    assert "ARMED GROUP" not in conf and "ARMED_GROUP" in conf
    (doc,) = list(brat.read(tmp_path / "out", ReadOptions(scheme=scheme)))
    (back,) = doc.layers
    assert sorted((s.start, s.end, s.label, s.layer) for s in back.spans.values()) == [
        (0, 9, "ARMED GROUP", "entity"), (10, 16, "X:Y", "trigger")]
    (event,) = back.events.values()
    assert (event.type, event.mode, event.context) == ("X:Y", "sit in", "street protest")
    # without the scheme (another tool's reader), brat's own names
    (plain,) = list(brat.read(tmp_path / "out", ReadOptions()))[0].layers
    assert {s.label for s in plain.spans.values()} == {"ARMED_GROUP", "X-Y"}


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


# ----------------------------------------------------------------------------- files brat itself opens
# BioNLP Shared Task layout (probe case a1a2): given entities in .a1, events in .a2, ids shared.
PMID_TEXT = "IL-2 activates NF-kB.\n"
PMID_A1 = "T1\tProtein 0 4\tIL-2\nT2\tProtein 15 20\tNF-kB\n"
PMID_A2 = "T3\tPositive_regulation 5 14\tactivates\nE1\tPositive_regulation:T3 Theme:T2 Cause:T1\n"


def _spans_by_text(doc: AnnotatedDocument) -> dict[str, Span]:
    return {s.text_in(doc.document.text): s for s in doc.layers[0].spans.values()}


def test_bionlp_a1_and_a2_are_read_as_one_annotation_file(tmp_path):
    folder = _collection(tmp_path / "in", {"PMID-1.txt": PMID_TEXT, "PMID-1.a1": PMID_A1, "PMID-1.a2": PMID_A2})
    (doc,), _ = _read(folder)
    assert doc.document.ext_id == "PMID-1" and doc.layers[0].state == "done"
    spans = _spans_by_text(doc)
    assert sorted(spans) == ["IL-2", "NF-kB", "activates"] and spans["activates"].layer == "trigger"
    (event,) = doc.layers[0].events.values()  # the .a2's E1 names the .a1's T1 and T2
    assert event.type == "Positive_regulation" and event.trigger == spans["activates"].id
    assert sorted(event.attrs["brat_roles"].values()) == ["Cause", "Theme"]
    (again,), _ = _read(folder / "PMID-1.a2")  # one of the files given: its whole document
    assert len(again.layers[0].spans) == 3 and len(again.layers[0].events) == 1
    assert brat.sniff(folder) and brat.sniff(folder / "PMID-1.a1")  # --format auto finds them


def test_a1_and_a2_beside_an_ann_are_ignored_as_brat_does_and_named(tmp_path):
    folder = _collection(tmp_path / "in", {"P.txt": PMID_TEXT, "P.ann": "T1\tProtein 0 4\tIL-2\n",
                                           "P.a1": PMID_A1, "P.a2": PMID_A2})
    (doc,), warnings = _read(folder)
    assert list(_spans_by_text(doc)) == ["IL-2"] and not doc.layers[0].events
    (warning,) = [w for w in warnings if ".a1" in w]
    assert "the .ann was read" in warning and "P (.a1 .a2)" in warning


def test_errors_in_a1_and_a2_name_their_own_file_and_line(tmp_path):
    folder = _collection(tmp_path / "in", {"P.txt": PMID_TEXT, "P.a1": PMID_A1,
                                           "P.a2": "T2\tPositive_regulation 5 14\tactivates\n"})
    error = _refused(folder)
    assert error.file.endswith("P.a2") and error.line == 1
    assert "T2 is defined twice (first on P.a1 line 2)" in error.message
    (folder / "P.a2").write_text("T3\tPositive_regulation 5 14\tactivates\nE1\tPositive_regulation:T3 Theme:T9\n",
                                 encoding="utf-8")
    error = _refused(folder)
    assert error.file.endswith("P.a2") and error.line == 2 and "T9" in error.message
    (folder / "P.txt").unlink()
    error = _refused(folder)
    assert error.file.endswith("P.a1") and "this .a1 has no .txt beside it" in error.message


def test_a1_a2_folder_is_imported_by_the_command_line_and_a_bad_one_imports_nothing(tmp_path):
    from typer.testing import CliRunner

    from annotator.cli.main import app
    from annotator.store import Project

    folder = _collection(tmp_path / "in", {"P.txt": PMID_TEXT, "P.a1": PMID_A1, "P.a2": PMID_A2})
    project = tmp_path / "p.db"
    Project.create(project).close()
    result = CliRunner().invoke(app, ["import", str(project), str(folder), "--add-labels"])  # --format auto
    assert result.exit_code == 0 and "3 span(s)" in result.output, result.output
    bad = _collection(tmp_path / "bad", {"Q.txt": PMID_TEXT, "Q.a1": PMID_A1,
                                         "Q.a2": "T3\tPositive_regulation 5 14\tactivatex\n"})
    result = CliRunner().invoke(app, ["import", str(project), str(bad), "--format", "brat", "--add-labels"])
    assert result.exit_code == 2 and "Q.a2, line 1" in result.output and "Traceback" not in result.output
    with Project.open(project, readonly=True) as p:
        assert p.count_documents() == 1


def test_a_label_not_in_the_scheme_is_refused_naming_the_ann_line_it_is_on(tmp_path):
    """Each .ann holds a whole document, so the document's line is no help: the error names the
    line of the first T or E whose label the scheme lacks."""
    from typer.testing import CliRunner

    from annotator.cli.main import app
    from annotator.store import Project

    folder = _collection(tmp_path / "in", {
        "d.txt": "Apple sued Google in Cupertino.",
        "d.ann": "T1\tORG 0 5\tApple\nT2\tGPE 21 30\tCupertino\nT3\tCOMPANY 11 17\tGoogle\n"
                 "T4\tLAWSUIT 6 10\tsued\nE1\tLAWSUIT:T4 Source:T1 Target:T3\n"})
    project = tmp_path / "p.db"
    Project.create(project).close()
    result = CliRunner().invoke(app, ["import", str(project), str(folder)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "d.ann, line 3: labels not in the project's scheme: COMPANY, LAWSUIT" in result.output, result.output
    with Project.open(project, readonly=True) as p:
        assert p.count_documents() == 0


@pytest.mark.parametrize("line", ["T1\tOrg 0 5", "T1\tOrg 0 5\t", "T1\tOrg 0 5\t  "])  # probe notext, notext2
def test_t_line_without_text_column_takes_the_text_at_its_offsets(tmp_path, line):
    folder = _collection(tmp_path / "in", {"n.txt": "Apple pie.", "n.ann": line + "\n"})
    (doc,), warnings = _read(folder)
    assert list(_spans_by_text(doc)) == ["Apple"]
    assert any("no text column" in w and "n.ann line 1" in w for w in warnings)


def test_bom_rule_goes_by_lines_with_a_text_column_and_by_what_brat_accepts(tmp_path):
    # brat counts the BOM as character 0. A line without text is no evidence against that, and a
    # text followed by a tab and more is evidence for it.
    folder = _collection(tmp_path / "in", {"b.txt": b"\xef\xbb\xbfApple pie.", "b.ann": "T1\tOrg 1 6\n"})
    (doc,), _ = _read(folder)
    assert list(_spans_by_text(doc)) == ["Apple"]
    (folder / "b.ann").write_text("T1\tOrg 1 6\tApple\tchecked\n", encoding="utf-8")
    (doc,), _ = _read(folder)
    assert list(_spans_by_text(doc)) == ["Apple"]


@pytest.mark.parametrize("line", ["N1\tReference Annotation:T1 Referent:UniProt:P60568",  # probe norm2013
                                  "N1\tReference Referent:UniProt:P60568 Annotation:T1"])
def test_bionlp_2013_normalization_is_read_as_brat_reads_it(tmp_path, line):
    folder = _collection(tmp_path / "in", {"n.txt": "IL-2 binds.", "n.ann": "T1\tProtein 0 4\tIL-2\n" + line + "\n"})
    (doc,), warnings = _read(folder)
    assert _spans_by_text(doc)["IL-2"].attrs["normalizations"] == [["Reference", "UniProt:P60568", ""]]
    assert any("BioNLP-ST 2013" in w for w in warnings)
    brat.write([doc], tmp_path / "out", WriteOptions())
    assert "\tReference T1 UniProt:P60568\t" in (tmp_path / "out" / "n.ann").read_text(encoding="utf-8")


def test_pre_1_3_discontinuous_text_joined_without_spaces_is_accepted(tmp_path):  # probe discont_oldstyle
    folder = _collection(tmp_path / "in", {"d.txt": "Bank of America and Bank of Spain agreed.",
                                           "d.ann": "T1\tOrganization 0 4;20 33\tBankBank of Spain\n"})
    (doc,), warnings = _read(folder)
    (span,) = doc.layers[0].spans.values()
    assert span.attrs["fragments"] == [[0, 4], [20, 33]]
    assert any("joined without spaces" in w and "d.ann line 1" in w for w in warnings)


@pytest.mark.parametrize("line", ["T1\tOrg 0 5\tApple\tcomment", "T1\tOrg 0 5\tApple\t"])  # probe ttail
def test_text_column_followed_by_a_tab_and_more_is_accepted(tmp_path, line):
    folder = _collection(tmp_path / "in", {"t.txt": "Apple pie.", "t.ann": line + "\n"})
    (doc,), warnings = _read(folder)
    assert list(_spans_by_text(doc)) == ["Apple"]
    if line.endswith("comment"):
        assert any("more after the text" in w and "t.ann line 1" in w for w in warnings)


@pytest.mark.parametrize("ann, problem", [
    ("T1\tOrg 0 5\tApplesauce", "'Applesauce'"),  # brat: text "not separated from rest of line"
    ("T1\tOrg 0 3;6 9\tAppie", "'Appie'"),  # neither brat's joining of fragments, old nor new
    ("T1\tOrg 0 5\tApple\nN1\tNCBI_Taxonomy Annotation:T1 Referent:2", "N1"),  # brat rewrites Reference only
])
def test_what_brat_refuses_stays_refused(tmp_path, ann, problem):
    folder = _collection(tmp_path / "in", {"t.txt": "Apple pie.", "t.ann": ann + "\n"})
    error = _refused(folder)
    assert error.file.endswith("t.ann") and error.line == ann.count("\n") + 1 and problem in error.message


def test_writing_a_layer_not_marked_done_warns_that_brat_reads_it_back_as_done(tmp_path):
    """brat has no document state: an in-progress layer exported and imported again became done,
    and its unjudged text "no entity" in training data, without a word."""
    docs = []
    for ext_id, state in (("a", "in_progress"), ("b", "done")):
        layer = Layer("ann1", state)
        layer.add_span(Span(1, 0, 6, "GPE"))
        docs.append(AnnotatedDocument(Document("Israel attacked Iran.", ext_id=ext_id), [layer]))
    options = WriteOptions(layer="ann1")
    assert brat.write(docs, tmp_path / "out", options) == 2
    assert any(w.startswith("1 document(s) whose layer is not marked done were written: brat keeps no state")
               for w in options.warnings), options.warnings
    read, _ = _read(tmp_path / "out")
    assert {layer.state for doc in read for layer in doc.layers} == {"done"}  # what the warning is about


def test_crlf_counted_once_is_told_by_the_lines_after_the_first_break(tmp_path):
    """Before the first line break both countings agree: sampling the first 20 T lines of a file
    with more annotations than that on its first line told nothing, and the file was refused."""
    first = " ".join(f"Name{i}" for i in range(24))
    text = first + "\r\nTurkey attacked Syria.\r\nIran protested."
    lines = [f"T{i + 1}\tGPE {first.index(f'Name{i} ') if i < 23 else first.rindex('Name23')} "
             f"{(first.index(f'Name{i} ') if i < 23 else first.rindex('Name23')) + len(f'Name{i}')}\tName{i}"
             for i in range(24)]
    once = text.replace("\r\n", "\n")
    for n, word in enumerate(("Turkey", "Syria", "Iran"), 25):
        lines.append(f"T{n}\tGPE {once.index(word)} {once.index(word) + len(word)}\t{word}")
    folder = _collection(tmp_path / "in", {"a.txt": text.encode("utf-8"), "a.ann": "\n".join(lines) + "\n"})
    (doc,), warnings = _read(folder)
    found = {s.text_in(doc.document.text) for s in doc.layers[0].spans.values()}
    assert {"Turkey", "Syria", "Iran", "Name0", "Name23"} <= found
    assert any("count each CRLF line break" in w for w in warnings)


def test_bionlp_st_2009_shape_forward_event_references_shared_triggers_and_m_lines(tmp_path):
    """The shape of a BioNLP-ST 2009 GE document (JULIELab/jcore-base,
    jcore-bionlpformat-reader/src/test/resources/test-data/1493333.a1 and .a2; the .txt is not
    published beside them, so this fixture has its own small text): an event naming an event
    defined after it (E2 Theme:E3), two trigger T lines at the same offsets for two events (T9,
    T10), numbered and site roles (Theme2, CSite), `Entity` spans in the .a2 and legacy M lines
    (Negation, Speculation). A guard: read as brat reads it, and written back the same."""
    text = "MAD-3 masks the p65 site; it inhibit p65 binding and binding of p50.\n"
    a1 = "T1\tProtein 0 5\tMAD-3\nT4\tProtein 16 19\tp65\nT6\tProtein 37 40\tp65\nT12\tProtein 64 67\tp50\n"
    a2 = ("T3\tEntity 20 24\tsite\nT2\tNegative_regulation 6 11\tmasks\nT5\tNegative_regulation 29 36\tinhibit\n"
          "T7\tBinding 41 48\tbinding\nT9\tBinding 53 60\tbinding\nT10\tBinding 53 60\tbinding\n"
          "E1\tNegative_regulation:T2 Theme:T4 Cause:T1 CSite:T3\nE2\tNegative_regulation:T5 Theme:E3 Cause:T1\n"
          "E3\tBinding:T7 Theme:T6\nE5\tBinding:T9 Theme:T12\nE6\tBinding:T10 Theme:T6 Theme2:T12\n"
          "M1\tNegation E5\nM2\tSpeculation E2\n")
    folder = _collection(tmp_path / "in", {"1493333.txt": text, "1493333.a1": a1, "1493333.a2": a2})
    (doc,), _ = _read(folder)
    layer = doc.layers[0]
    assert len(layer.spans) == 10 and len(layer.events) == 5
    by_trigger = {(layer.spans[e.trigger].start, e.trigger): e for e in layer.events.values()}
    inhibit = next(e for (start, _), e in by_trigger.items() if start == 29)
    binding = next(e for (start, _), e in by_trigger.items() if start == 41)
    assert binding.trigger in {a.span_id for a in inhibit.arguments}  # Theme:E3 -> E3's trigger
    assert inhibit.attrs["attributes"] == {"Speculation": True}
    shared = [e for (start, _), e in by_trigger.items() if start == 53]
    assert len(shared) == 2 and len({e.trigger for e in shared}) == 2
    assert sorted(e.negated for e in shared) == [False, True]
    assert brat.write([doc], tmp_path / "out", WriteOptions(layer="ann")) == 1
    written = (tmp_path / "out" / "1493333.ann").read_text(encoding="utf-8")
    assert "CSite:T" in written and "Theme2:T" in written and "Theme:E" in written
    assert "\tNegation E" in written and "\tSpeculation E" in written


def test_the_txt_of_a_brat_pair_is_read_with_its_annotations(tmp_path):
    """`annotator import db corpus/*.txt` on a brat corpus: each .txt was read as plain text, and
    the .ann beside it (63 spans and 16 events in the Commodity News corpus) left out unseen."""
    from typer.testing import CliRunner

    from annotator.cli.main import app
    from annotator.formats import detect
    from annotator.store import Project

    (tmp_path / "oil.txt").write_text("Brent fell in London.", encoding="utf-8")
    (tmp_path / "oil.ann").write_text("T1\tLOC 14 20\tLondon\n", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("No annotations here.", encoding="utf-8")
    assert detect(tmp_path / "oil.txt").name == "brat" and detect(tmp_path / "plain.txt").name == "text"
    db = tmp_path / "p.db"
    runner = CliRunner()
    assert runner.invoke(app, ["init", str(db)]).exit_code == 0
    result = runner.invoke(app, ["import", str(db), str(tmp_path / "oil.txt"), str(tmp_path / "plain.txt"),
                                 "--add-labels"])
    assert result.exit_code == 0, result.output
    with Project.open(db, readonly=True) as p:
        spans = [(s.label, s.start, s.end) for s in p.layer(1, "brat").spans.values()]
        assert spans == [("LOC", 14, 20)] and p.count_documents() == 2


def test_a_corpus_attribute_named_status_has_its_values_declared(tmp_path):
    """corpus_sdoh's `A1 Status T1 History_of` shares its name with our own Status attribute:
    written back, the .ann said History_of and annotation.conf declared only suggested|rejected."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "case.txt").write_text("History of smoking.", encoding="utf-8")
    (tmp_path / "in" / "case.ann").write_text("T1\tEntity 11 18\tsmoking\nA1\tStatus T1 History_of\n",
                                               encoding="utf-8")
    docs, _ = _read(tmp_path / "in")
    brat.write(docs, tmp_path / "out", WriteOptions())
    assert re.search(r"^A\d+\tStatus T\d+ History_of$", (tmp_path / "out" / "case.ann").read_text(), re.M)
    conf = (tmp_path / "out" / "annotation.conf").read_text(encoding="utf-8")
    (status,) = [line for line in conf.splitlines() if line.startswith("Status\t")]
    assert set(status.split("Value:")[1].split("|")) == {"History_of", "suggested", "rejected"}
    again, _ = _read(tmp_path / "out")
    (span,) = again[0].layers[0].spans.values()
    assert span.status == "accepted" and span.attrs["attributes"] == {"Status": "History_of"}


def test_suggestions_kept_as_they_were_in_brat_are_named_in_a_warning(tmp_path):
    """Our brat export marks each suggestion "Status suggested"; an annotator who keeps one in
    brat leaves the line. Read back: a done layer with pending suggestions, and no word of it."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "d.txt").write_text("Brent fell in London.", encoding="utf-8")
    (tmp_path / "in" / "d.ann").write_text("T1\tGPE 14 20\tLondon\nA1\tStatus T1 suggested\n", encoding="utf-8")
    docs, warnings = _read(tmp_path / "in")
    (span,) = docs[0].layers[0].spans.values()
    assert span.status == "suggested"
    assert any("1 span(s) still carry our export's 'Status suggested'" in w for w in warnings), warnings
