"""The development gold set (corpora/dev): built from its codings, split without overlap, coded whole."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "corpora" / "dev"
BUILD = REPO / "scripts" / "build_devset.py"


def builder():
    spec = importlib.util.spec_from_file_location("build_devset", BUILD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_dev_set_is_built_from_its_codings(tmp_path):
    result = subprocess.run([sys.executable, str(BUILD), "--out", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for part in ("tune", "heldout"):
        assert (tmp_path / f"{part}.jsonl").read_bytes() == (DEV / f"{part}.jsonl").read_bytes(), \
            "run: python scripts/build_devset.py"


def test_tune_and_heldout_are_disjoint_and_big_enough():
    split = json.loads((DEV / "split.json").read_text(encoding="utf-8"))
    assert not set(split["tune"]) & set(split["heldout"])
    assert len(split["tune"]) + len(split["heldout"]) >= 40 and len(split["heldout"]) >= 10
    coded = {p.stem for p in (DEV / "coding").glob("*.json")}
    assert set(split["heldout"]) <= coded
    rows = [json.loads(line) for line in (DEV / "heldout.jsonl").read_text(encoding="utf-8").splitlines()]
    events = sum(len(r["annotations"][0]["events"]) for r in rows)
    assert events >= 100 and all(r["meta"]["licence"] == "CC BY 2.5" for r in rows)


def test_a_coding_that_does_not_fit_the_text_names_file_and_item(tmp_path):
    module = builder()
    articles = module.load_articles()
    article_id = next(iter(articles))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"id": article_id, "entities": [], "events": [
        {"quote": "this sentence is not in the article", "trigger": "is", "type": "CONSULT"}]}), encoding="utf-8")
    try:
        module.build_one(bad, articles)
    except module.CodingError as exc:
        assert "bad.json: events[0]" in str(exc) and "quote not found" in str(exc)
    else:
        raise AssertionError("a quote that is not in the text was accepted")
    bad.write_text(json.dumps({"id": article_id, "events": [
        {"quote": articles[article_id]["text"][:40], "trigger": articles[article_id]["text"][:3],
         "type": "FIGHT"}]}), encoding="utf-8")
    try:
        module.build_one(bad, articles)
    except module.CodingError as exc:
        assert "unknown event type 'FIGHT'" in str(exc)
    else:
        raise AssertionError("an unknown type was accepted")


@pytest.mark.parametrize("name, documents", [("ewt", 12), ("ewttune", 10), ("ewtfresh", 7), ("ewtblind", 10)])
def test_each_ewt_set_is_built_from_its_codings_over_its_own_texts(tmp_path, name, documents):
    ewt = DEV / name
    out = tmp_path / f"{name}.jsonl"
    result = subprocess.run([sys.executable, str(BUILD), "--articles", str(ewt / "articles.jsonl"),
                             "--coding", str(ewt / "coding"), "--one-set", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == (DEV / f"{name}.jsonl").read_bytes(), f"run the --one-set command in corpora/dev/{name}/README.md"
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == documents and all(r["meta"]["licence"] == "CC BY-SA 4.0" for r in rows)
    assert sum(len(r["annotations"][0]["events"]) for r in rows) >= 40
