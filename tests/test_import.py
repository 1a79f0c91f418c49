"""`annotator import` of every accepted input, and refusal of bad input with nothing half-imported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.store import Project

runner = CliRunner()


def cli(*args: str):
    result = runner.invoke(app, [str(a) for a in args])
    return result


@pytest.fixture
def work(tmp_path) -> Path:
    path = tmp_path / "work.db"
    assert cli("init", path).exit_code == 0
    return path


def _docs(path: Path) -> list[tuple]:
    with Project.open(path, readonly=True) as p:
        return p.conn.execute("SELECT ext_id, title, text FROM documents ORDER BY id").fetchall()


def _counts(path: Path) -> tuple[int, int, int, int]:
    with Project.open(path, readonly=True) as p:
        return tuple(p.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("documents", "spans", "events", "audit"))


def test_text_files_and_folders_are_stored_exactly(work, tmp_path):
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes("\ufeffFirst line\r\nIsraël — “quoted” 😀\r\n".encode("utf-8"))
    (folder / "sub" / "b.txt").write_text("Second doc", encoding="utf-8")
    result = cli("import", work, folder)
    assert result.exit_code == 0, result.output
    docs = _docs(work)
    assert docs[0] == ("a", "First line", "First line\r\nIsraël — “quoted” 😀\r\n")  # BOM dropped, CRLF kept
    assert docs[1][0] == "sub/b"


def test_reimport_does_not_duplicate_and_says_so(work):
    seeds = Path(__file__).parent.parent / "seeds"
    assert cli("import", work, seeds).exit_code == 0
    result = cli("import", work, seeds)
    assert result.exit_code == 0
    assert "already in the project" in result.output
    assert len(_docs(work)) == 1


def test_jsonl_and_csv(work, tmp_path):
    jsonl = tmp_path / "d.jsonl"
    jsonl.write_text(json.dumps({"id": "j1", "title": "T", "text": "Iran warned Israel.", "meta": {"k": 1}}) + "\n"
                     + json.dumps({"text": "No id here."}) + "\n", encoding="utf-8")
    csv_file = tmp_path / "d.csv"
    csv_file.write_text('id,body,outlet\nc1,"Hezbollah fired rockets, officials said.",AP\n', encoding="utf-8")
    assert cli("import", work, jsonl).exit_code == 0
    result = cli("import", work, csv_file, "--text-column", "body")
    assert result.exit_code == 0, result.output
    with Project.open(work, readonly=True) as p:
        assert p.document(1).meta == {"k": 1}
        assert p.document(3).text == "Hezbollah fired rockets, officials said."
        assert p.document(3).meta == {"outlet": "AP"}



def test_a_tsv_file_is_read_with_tabs(work, tmp_path):
    """`.tsv` was taken as CSV and read with commas: its header was one column, "id\ttext\tlabel",
    and the file refused for lacking the text column it has."""
    tsv = tmp_path / "derived.tsv"
    tsv.write_text("id\ttext\tlabel\n1\tThe House voted 316-94, a good sign.\tpolitics\n"
                   't2\t"Quoted, with a\ttab"\tother\n', encoding="utf-8")
    result = cli("import", work, tsv)
    assert result.exit_code == 0, result.output
    assert "reading as csv" in result.output
    with Project.open(work, readonly=True) as p:
        assert (p.document(1).ext_id, p.document(1).text, p.document(1).meta) == (
            "1", "The House voted 316-94, a good sign.", {"label": "politics"})
        assert (p.document(2).text, p.document(2).meta) == ("Quoted, with a\ttab", {"label": "other"})
    body = tmp_path / "body.tsv"
    body.write_text("id\tbody\nb1\tIran warned Israel.\n", encoding="utf-8")
    result = cli("import", work, body, "--text-column", "body")
    assert result.exit_code == 0, result.output
    with Project.open(work, readonly=True) as p:
        assert p.document(3).text == "Iran warned Israel."


def test_jsonl_fields_outside_the_native_format_are_kept_in_meta_and_named(work, tmp_path):
    # A scraped news file: its url and date are the article's provenance, as a CSV's extra
    # columns are, so they are kept, not dropped; a field meta already has keeps meta's value.
    jsonl = tmp_path / "scraped.jsonl"
    jsonl.write_text(json.dumps({"id": "s1", "text": "Iran warned Israel.", "url": "https://a.example/1",
                                 "date": "2024-05-01"}) + "\n"
                     + json.dumps({"id": "s2", "text": "Egypt protested.", "url": "https://a.example/2",
                                   "meta": {"url": "https://mirror.example/2"}}) + "\n", encoding="utf-8")
    result = cli("import", work, jsonl)
    assert result.exit_code == 0, result.output
    assert "1 record(s) with fields outside the native format: kept in the document's meta (e.g. url, date)" \
        in result.output
    assert "1 record(s) with a field also in their meta: meta's value kept, the field's dropped (e.g. url)" \
        in result.output
    with Project.open(work, readonly=True) as p:
        assert p.document(1).meta == {"url": "https://a.example/1", "date": "2024-05-01"}
        assert p.document(2).meta == {"url": "https://mirror.example/2"}

def test_documents_with_annotations_go_to_the_named_layer(work, tmp_path):
    record = {"id": "x", "text": "Iran warned Israel.", "annotations": [{"state": "done", "spans": [
        {"id": "T1", "start": 0, "end": 4, "label": "GPE"}, {"id": "T2", "start": 5, "end": 11, "label": "THREATEN",
                                                               "layer": "trigger"}],
        "events": [{"trigger": "T2", "type": "THREATEN", "arguments": [{"role": "source", "span": "T1"}]}]}]}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = cli("import", work, path, "--annotator", "ann1")
    assert result.exit_code == 0, result.output
    with Project.open(work, readonly=True) as p:
        layer = p.layer(1, "ann1")
    assert layer.state == "done" and len(layer.spans) == 2
    (event,) = layer.events.values()
    assert layer.spans[event.arguments[0].span_id].label == "GPE"


BAD_INPUTS = {
    "invalid_utf8.txt": (b"fine\nbad \xff byte\n", "line 2: not valid UTF-8"),
    "truncated.jsonl": (b'{"text": "ok"}\n{"text": "cut', "line 2: truncated JSON"),
    "not_object.jsonl": (b'{"text": "ok"}\n[1, 2]\n', "line 2: each line must be a JSON object"),
    "missing_text.jsonl": (b'{"text": "ok"}\n{"id": "x"}\n', "line 2: document: 'text' is missing"),
    "offsets.jsonl": (b'{"text": "ok"}\n{"text": "abc", "annotations": [{"annotator": "a", "spans": '
                      b'[{"start": 2, "end": 9, "label": "GPE"}]}]}\n', "line 2: span [2, 9) is outside the text"),
    "reversed.jsonl": (b'{"text": "abc", "annotations": [{"annotator": "a", "spans": '
                       b'[{"start": 2, "end": 1, "label": "GPE"}]}]}\n', "line 1: span [2, 1)"),
    "labels.jsonl": (b'{"text": "abc", "annotations": [{"annotator": "a", "spans": '
                     b'[{"start": 0, "end": 1, "label": "WEAPON"}]}]}\n', "line 1: labels not in the project's scheme: WEAPON"),
    "surrogate.jsonl": (b'{"text": "a \\ud800 b"}\n', "line 1: the text contains a lone surrogate"),
    "nul.jsonl": (b'{"text": "a \\u0000 b"}\n', "line 1: the text contains a NUL character"),
    # a noncharacter Qt takes for a paragraph break: every highlight after it would be misplaced
    "frame.jsonl": (b'{"text": "ok"}\n{"text": "Turkey protested\\ufdd0 loudly."}\n',
                    "line 2: the text contains \\ufdd0 at character 16"),
    "wrongtype.jsonl": (b'{"text": 42}\n', "line 1: document: 'text' must be str"),
    "csv_missing_column.csv": (b"id,body\n1,x\n", "line 1: no column named 'text'"),
    # named for the other separator: --text-column would not help, the name does
    "tsv_of_commas.tsv": (b"id,text\n1,x\n", "line 1: no column named 'text' (columns: id,text) (the header is "
                                              "separated by commas, not tabs: name the file .csv)"),
    "csv_of_tabs.csv": (b"id\ttext\n1\tx\n", "(the header is separated by tabs: name the file .tsv)"),
    "tsv_missing_column.tsv": (b"id\tbody\n1\tx\n", "line 1: no column named 'text' (columns: id, body) "
                                                      "(pass --text-column NAME)"),
    "tsv_long_row.tsv": (b"id\ttext\n1\tx\ty\n", "line 2: row has more fields than the header"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_refused_whole_with_file_and_line(work, tmp_path, name):
    content, message = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(content)
    before = _counts(work)
    result = cli("import", work, path)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert str(path) in result.output
    assert "Traceback" not in result.output
    assert _counts(work) == before  # nothing from the file


def test_add_labels_extends_the_scheme(work, tmp_path):
    path = tmp_path / "labels.jsonl"
    path.write_bytes(BAD_INPUTS["labels.jsonl"][0])
    result = cli("import", work, path, "--add-labels")
    assert result.exit_code == 0, result.output
    assert "WEAPON" in result.output
    with Project.open(work, readonly=True) as p:
        assert p.scheme.entity("WEAPON") is not None


def test_all_or_nothing_rolls_back_every_file(work, tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text('{"text": "fine"}\n', encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(BAD_INPUTS["truncated.jsonl"][0])
    result = cli("import", work, good, bad, "--all-or-nothing")
    assert result.exit_code == 2
    assert _counts(work)[0] == 0


def test_a_failing_later_file_names_the_files_that_did_get_in(work, tmp_path, monkeypatch):
    """Each file is its own transaction: when the third fails for a reason that is not its
    content (here a full disk), the user is told which two are in, not only "nothing was saved"."""
    from annotator.core.errors import StorageFull
    from annotator.store import Project

    files = []
    for name in ("one", "two", "three"):
        path = tmp_path / f"{name}.jsonl"
        path.write_text(f'{{"id": "{name}", "text": "Report {name} from Cairo."}}\n', encoding="utf-8")
        files.append(path)
    real = Project.import_documents

    def full_on_the_third(self, documents, **kwargs):
        if kwargs.get("source", "").endswith("three.jsonl"):
            raise StorageFull("the disk holding work.db is full; the step being written was rolled back")
        return real(self, documents, **kwargs)

    monkeypatch.setattr(Project, "import_documents", full_on_the_third)
    result = cli("import", work, *files)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "2 file(s) before" in result.output and "one.jsonl" in result.output and "two.jsonl" in result.output
    assert _counts(work)[0] == 2


def test_an_id_reused_with_another_text_is_refused(work, tmp_path):
    a = tmp_path / "a.jsonl"
    a.write_text('{"id": "x", "text": "one"}\n', encoding="utf-8")
    b = tmp_path / "b.jsonl"
    b.write_text('{"id": "x", "text": "two"}\n', encoding="utf-8")
    assert cli("import", work, a).exit_code == 0
    result = cli("import", work, b)
    assert result.exit_code == 2 and "different text" in result.output


def test_ids_of_another_tool_can_be_ignored_and_documents_matched_by_text(work, tmp_path):
    """Two doccano projects both number their examples from 1: the second export was refused
    ("document id '1' is already in the project with a different text") with no way on but
    editing the file. --ignore-ids matches by text and keeps the file's id in meta."""
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps({"id": 1, "text": "Troops left the city.", "label": [[0, 6, "ORG"]]}) + "\n",
                     encoding="utf-8")
    second = tmp_path / "second.jsonl"
    second.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": 1, "text": "Police arrested protesters.", "label": [[0, 6, "ORG"]]},
        {"id": 2, "text": "Troops left the city.", "label": [[0, 6, "NORP"]]}]), encoding="utf-8")
    assert cli("import", work, first, "--annotator", "ann1").exit_code == 0
    refused = cli("import", work, second, "--annotator", "ann2")
    assert refused.exit_code == 2 and "--ignore-ids" in refused.output
    result = cli("import", work, second, "--annotator", "ann2", "--ignore-ids")
    assert result.exit_code == 0, result.output
    with Project.open(work, readonly=True) as p:
        by_text = {d.text: d for d in (p.document(row.id) for row in p.documents(0, 100))}
        troops = by_text["Troops left the city."]
        assert [s.label for s in p.layer(troops.id, "ann2").spans.values()] == ["NORP"]  # the same document
        police = by_text["Police arrested protesters."]
        assert police.ext_id is None and police.meta["file_id"] == "1"
        assert p.count_documents() == 2
