"""PLOVER event records: one object per event, the CAMEO code split into PLOVER country and
sectors, the sentence around the trigger, loadable by pandas-style flat readers."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core import AnnotatedDocument, Argument, Document, Event, Layer, Span, default_scheme
from annotator.formats import WriteOptions, plover
from annotator.formats.plover import split_actor_code
from annotator.store import Project

TEXT = ("Officials met in Doha. On Monday, Hezbollah fired rockets at Israel in the Galilee, "
        "the IDF said. Nothing else happened.")


def _doc() -> AnnotatedDocument:
    layer = Layer("gold", "done")

    def add(i, word, label, kind="entity", code=None, status="accepted", nth=0):
        start = TEXT.index(word) if not nth else TEXT.index(word, TEXT.index(word) + 1)
        return layer.add_span(Span(i, start, start + len(word), label, kind, code, status=status))

    add(1, "Hezbollah", "ORG", code="LBNREB")
    add(2, "Israel", "GPE", code="ISR")
    add(3, "fired", "ASSAULT", "trigger")
    add(4, "Galilee", "LOC", code="ISR")
    add(5, "Monday", "DATE")
    add(6, "met", "CONSULT", "trigger")
    add(7, "IDF", "ORG", code="ISRMIL")
    layer.add_event(Event(10, 3, "ASSAULT", mode="aerial", context="military", arguments=[
        Argument("source", 1), Argument("target", 2), Argument("location", 4), Argument("date", 5),
        Argument("other", 7)]))
    layer.add_event(Event(11, 6, "CONSULT", status="rejected"))
    return AnnotatedDocument(Document(TEXT, ext_id="story-1", title="Rockets", published="2024-01-08"), [layer])


def test_one_record_per_event_with_the_documented_fields(tmp_path):
    options = WriteOptions(layer="gold", scheme=default_scheme())
    assert plover.write([_doc()], tmp_path / "e.jsonl", options) == 1
    records = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 1  # the rejected CONSULT event is left out ...
    assert any("1 rejected event(s)" in w for w in options.warnings)  # ... and says so
    r = records[0]
    assert (r["id"], r["doc_id"], r["event_type"], r["mode"], r["context"], r["annotator"]) == (
        10, "story-1", "ASSAULT", "aerial", "military", "gold")
    assert r["source"]["text"] == "Hezbollah" and r["source"]["actor_code"] == "LBNREB"
    assert (r["source"]["country"], r["source"]["sectors"]) == ("LBN", ["REB"])
    assert r["target"]["text"] == "Israel" and (r["target"]["country"], r["target"]["sectors"]) == ("ISR", [])
    assert r["location"]["text"] == "Galilee" and r["location"]["country"] == "ISR"
    assert r["date"]["text"] == "Monday" and [d["text"] for d in r["dates"]] == ["Monday"]
    assert [(o["text"], o["country"], o["sectors"]) for o in r["others"]] == [("IDF", "ISR", ["MIL"])]  # not lost
    assert r["sentence"]["text"] == "On Monday, Hezbollah fired rockets at Israel in the Galilee, the IDF said."
    assert TEXT[r["trigger"]["start"]:r["trigger"]["end"]] == "fired" == r["trigger"]["text"]
    assert r["published"] == "2024-01-08"


@pytest.mark.parametrize("code, country, sectors, other", [
    ("ISRGOV", "ISR", ["GOV"], []),
    ("PSEREBHMS", "PSE", ["REB"], ["HMS"]),
    ("IGOUNO", "UNO", [], []),
    ("IGOUNOREFHCR", "UNO", ["REF"], ["HCR"]),
    ("IGOEUREEC", "EUR", [], []),
    ("IGOWSTNAT", "IGO", [], ["WST", "NAT"]),
    ("NGOHRIAMN", "NGO", ["SOC"], ["AMN"]),
    ("USAMED", "USA", ["JRN"], []),       # CAMEO media -> PLOVER JRN
    ("USAHLH", "USA", ["MED"], []),       # CAMEO health -> PLOVER MED
    ("SYRINS", "SYR", ["REB"], []),
    ("MED", None, ["JRN"], []),           # bare role code (petrarch2 codes Al Jazeera so)
    (None, None, [], []),
])
def test_cameo_code_split(code, country, sectors, other):
    countries = set(default_scheme().actor_countries)
    assert split_actor_code(code, countries) == {"country": country, "sectors": sectors, "other_blocks": other}


def test_sector_table_matches_the_ontology():
    """The table in plover.py is the plover_sectors table of ../shared/ontology/actors.yaml."""
    from conftest import SHARED

    yaml = pytest.importorskip("yaml")
    path = SHARED / "ontology" / "actors.yaml"
    if not path.exists():
        pytest.skip("ontology not present")
    table = yaml.safe_load(path.read_text(encoding="utf-8"))["plover_sectors"]
    expected = {cameo: row["plover"] for row in table for cameo in row["cameo"]}
    assert plover.CAMEO_TO_PLOVER_SECTOR == expected


def test_export_through_the_cli(tmp_path):
    project_path = tmp_path / "w.db"
    with Project.create(project_path) as p:
        p.import_documents([_doc()])
    result = CliRunner().invoke(app, ["export", str(project_path), str(tmp_path / "ev.jsonl"), "--format", "plover",
                                      "--layer", "gold"])
    assert result.exit_code == 0, result.output
    (line,) = (tmp_path / "ev.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["event_type"] == "ASSAULT"


def test_a_document_without_events_is_not_counted_as_written_and_is_named(tmp_path):
    """One record per event: a document with none is not in the file, so "wrote N document(s)"
    must not count it (before, it did: 4 said, records of 3)."""
    quiet = Layer("gold", "done")
    quiet.add_span(Span(1, 0, 9, "PERSON"))
    documents = [_doc(), AnnotatedDocument(Document("Officials met nobody.", ext_id="quiet"), [quiet])]
    options = WriteOptions(layer="gold", scheme=default_scheme())
    assert plover.write(documents, tmp_path / "e.jsonl", options) == 1
    assert {json.loads(line)["doc_id"] for line in (tmp_path / "e.jsonl").read_text().splitlines()} == {"story-1"}
    assert any(w.startswith("1 document(s) hold no event to write") for w in options.warnings)


def test_a_layer_not_marked_done_is_named_in_events_terms(tmp_path):
    """An events file said a layer not marked done "carries no span, which training on this file
    takes as 'no span here'": nothing trains on PLOVER records; what a reader must know is that
    the coding may be unfinished."""
    doc = _doc()
    doc.layers[0].state = "in_progress"
    options = WriteOptions(layer="gold", scheme=default_scheme())
    assert plover.write([doc], tmp_path / "e.jsonl", options) == 1
    [said] = [w for w in options.warnings if "not marked done" in w]
    assert "coded all of their events" in said and "no span" not in said
