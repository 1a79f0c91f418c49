"""The shipped demo corpus carries the pre-annotator's model layer for the seed article and is
what scripts/build_demo_corpus.py produces today (re-run the script after changing a lexicon)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from annotator.core.resources import corpus_path
from annotator.formats import ReadOptions, native

REPO = Path(__file__).resolve().parent.parent


def test_demo_corpus_has_the_model_layer_of_the_seed():
    [doc] = list(native.read(corpus_path("demo.jsonl"), ReadOptions()))
    assert doc.document.ext_id == "000_0e3eb90125af58f6"
    [layer] = doc.layers
    assert layer.annotator == "model"
    text = doc.document.text
    people = {s.text_in(text): s.actor_code for s in layer.spans.values() if s.label == "PERSON"}
    assert people["Benjamin Netanyahu"] == "ISRGOV" and people["Antony Blinken"] == "USAGOV"
    assert {e.type for e in layer.events.values()} >= {"CONSULT", "REQUEST", "THREATEN", "ACCUSE", "ASSAULT"}
    assert all(s.origin == "model" and s.status == "suggested" for s in layer.spans.values())


def test_demo_corpus_is_up_to_date(tmp_path):
    spec = importlib.util.spec_from_file_location("build_demo_corpus", REPO / "scripts" / "build_demo_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "demo.jsonl"
    module.build(REPO / "seeds", out)
    assert out.read_bytes() == corpus_path("demo.jsonl").read_bytes(), "run: python scripts/build_demo_corpus.py"
