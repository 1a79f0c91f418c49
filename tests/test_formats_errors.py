"""Bad files: one clear error naming file and line, exit code 2 through the CLI, and nothing of
the file imported (the project is unchanged)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.store import Project

runner = CliRunner()
GOOD_PRODIGY = {"text": "Israel attacked Iran.", "spans": [{"start": 0, "end": 6, "label": "GPE"}],
                "answer": "accept", "_input_hash": 1, "_task_hash": 2}
GOOD_DOCCANO = {"text": "Israel attacked Iran.", "label": [[0, 6, "GPE"]]}


def _lines(path: Path, records: list, bad: str) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + bad + "\n", encoding="utf-8")
    return path


def _state(project_path: Path) -> tuple[int, int]:
    with Project.open(project_path, readonly=True) as p:
        spans = p.conn.execute("SELECT count(*) FROM spans").fetchone()[0]
        return p.count_documents(), spans


CASES = {
    "prodigy-truncated": ("prodigy", "bad.jsonl", 3, lambda d: _lines(
        d / "bad.jsonl", [GOOD_PRODIGY, {**GOOD_PRODIGY, "text": "Second.", "spans": [], "_input_hash": 3}],
        '{"text": "cut off', )),
    "prodigy-span-outside": ("prodigy", "bad.jsonl", 2, lambda d: _lines(
        d / "bad.jsonl", [GOOD_PRODIGY], json.dumps({**GOOD_PRODIGY, "_input_hash": 9,
                                                     "spans": [{"start": 5, "end": 99, "label": "GPE"}]}))),
    "prodigy-bad-answer": ("prodigy", "bad.jsonl", 2, lambda d: _lines(
        d / "bad.jsonl", [GOOD_PRODIGY], json.dumps({**GOOD_PRODIGY, "_input_hash": 9, "answer": "maybe"}))),
    "doccano-bad-label": ("doccano", "bad.jsonl", 2, lambda d: _lines(
        d / "bad.jsonl", [GOOD_DOCCANO], json.dumps({"text": "x y", "label": [[0, "2", "GPE"]]}))),
    "doccano-unknown-entity-id": ("doccano", "bad.jsonl", 2, lambda d: _lines(
        d / "bad.jsonl", [GOOD_DOCCANO], json.dumps({"text": "x y", "entities": [
            {"id": 1, "start_offset": 0, "end_offset": 1, "label": "GPE"}],
            "relations": [{"id": 0, "from_id": 1, "to_id": 7, "type": "source"}]}))),
}


def _brat_bad_offsets(d: Path) -> Path:
    folder = d / "bratdir"
    folder.mkdir()
    (folder / "a.txt").write_text("Israel attacked Iran.", encoding="utf-8")
    (folder / "a.ann").write_text("T1\tGPE 0 6\tIsrael\n", encoding="utf-8")
    (folder / "b.txt").write_text("Hamas fired rockets.", encoding="utf-8")
    (folder / "b.ann").write_text("T1\tORG 0 5\tHamas\nT2\tGPE 6 11\tIsrael\n", encoding="utf-8")
    return folder


def _brat_bad_event(d: Path) -> Path:
    folder = d / "bratdir"
    folder.mkdir()
    (folder / "a.txt").write_text("Hamas fired rockets.", encoding="utf-8")
    (folder / "a.ann").write_text("T1\tORG 0 5\tHamas\nT2\tASSAULT 6 11\tfired\nE1\tASSAULT:T2 Source:T9\n",
                                  encoding="utf-8")
    return folder


def _spacy_garbage(d: Path) -> Path:
    (d / "bad.spacy").write_bytes(b"\x00not a docbin at all")
    return d / "bad.spacy"


def _bad_utf8(d: Path) -> Path:
    (d / "bad.jsonl").write_bytes(json.dumps(GOOD_PRODIGY).encode() + b"\n" + b'{"text": "\xff"}\n')
    return d / "bad.jsonl"


CASES.update({
    "brat-text-mismatch": ("brat", "b.ann", 2, _brat_bad_offsets),
    "brat-unknown-argument": ("brat", "a.ann", 3, _brat_bad_event),
    "spacy-garbage": ("spacy", "bad.spacy", None, _spacy_garbage),
    "prodigy-bad-utf8": ("prodigy", "bad.jsonl", 2, _bad_utf8),
})


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("fmt_option", ["named", "auto"])
def test_bad_file_exit_2_names_file_and_line_and_imports_nothing(tmp_path, case, fmt_option):
    fmt, file_name, line, make = CASES[case]
    bad = make(tmp_path)
    project_path = tmp_path / "w.db"
    Project.create(project_path).close()
    before = _state(project_path)
    args = ["import", str(project_path), str(bad), "--add-labels", "--annotator", "ann1"]
    if fmt_option == "named":
        args += ["--format", fmt]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert file_name in result.output
    if line is not None:
        assert f"line {line}" in result.output
    assert "Traceback" not in result.output
    assert _state(project_path) == before


def test_unknown_labels_are_refused_listing_them(tmp_path):
    path = _lines(tmp_path / "p.jsonl", [GOOD_PRODIGY], json.dumps(
        {"text": "Acme rocks", "spans": [{"start": 0, "end": 4, "label": "COMPANY"}], "answer": "accept",
         "_input_hash": 5}))
    project_path = tmp_path / "w.db"
    Project.create(project_path).close()
    result = runner.invoke(app, ["import", str(project_path), str(path)])
    assert result.exit_code == 2 and "COMPANY" in result.output and "--add-labels" in result.output
    assert _state(project_path) == (0, 0)
    result = runner.invoke(app, ["import", str(project_path), str(path), "--add-labels"])
    assert result.exit_code == 0, result.output
    assert _state(project_path) == (2, 2)


def _brat_folder(d: Path, files: dict[str, str]) -> Path:
    folder = d / "bratdir"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


_SUE = "Apple Inc. and Google sued Microsoft in Paris on Monday.\n"
_SUE_SPANS = "T1\tOrganization 0 10\tApple Inc.\nT3\tSue 22 26\tsued\n"
BRAT_CASES = {  # name -> (files, file named, line, words the message must hold)
    "ann-without-txt": ({"a.txt": _SUE, "a.ann": "", "lost.ann": _SUE_SPANS}, "lost.ann", None,
                        ["has no .txt beside it"]),
    "relation-to-nothing": ({"a.txt": _SUE, "a.ann": _SUE_SPANS + "R1\tPartner Arg1:T1 Arg2:T9\n"}, "a.ann", 3,
                            ["R1", "T9"]),
    "event-own-trigger": ({"a.txt": _SUE, "a.ann": _SUE_SPANS + "E1\tSue:T3 Theme:T3\n"}, "a.ann", 3,
                          ["E1", "T3", "Theme"]),
    "empty-span": ({"a.txt": _SUE, "a.ann": "T1\tOrganization 5 5\t\n"}, "a.ann", 1, ["T1", "empty"]),
}


@pytest.mark.parametrize("case", sorted(BRAT_CASES))
def test_bad_brat_file_exit_2_in_brat_terms(tmp_path, case):
    files, file_name, line, words = BRAT_CASES[case]
    bad = _brat_folder(tmp_path, files)
    project_path = tmp_path / "w.db"
    Project.create(project_path).close()
    before = _state(project_path)
    result = runner.invoke(app, ["import", str(project_path), str(bad), "--add-labels", "--annotator", "ann1"])
    assert result.exit_code == 2, result.output
    assert file_name in result.output and all(word in result.output for word in words), result.output
    if line is not None:
        assert f"line {line}" in result.output
    assert "Traceback" not in result.output and "outside the text" not in result.output
    assert _state(project_path) == before
