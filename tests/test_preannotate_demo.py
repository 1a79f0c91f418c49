"""The shipped demo corpus: the seed article and 77 attributed Wikinews articles, with the
pre-annotator's model layer, exactly what scripts/build_demo_corpus.py produces today (re-run the
script after changing a lexicon or the shipped model)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from annotator.core.resources import corpus_path
from annotator.formats import ReadOptions, native

REPO = Path(__file__).resolve().parent.parent


def test_demo_corpus_is_the_seed_and_the_attributed_wikinews_articles():
    docs = list(native.read(corpus_path("demo.jsonl"), ReadOptions()))
    assert len(docs) == 78 and docs[0].document.ext_id == "000_0e3eb90125af58f6"
    for doc in docs[1:]:
        meta = doc.document.meta
        assert doc.document.ext_id.startswith("wikinews-")
        assert meta["licence"] == "CC BY 2.5" and "Wikinews" in meta["attribution"]
        assert doc.document.source == meta["url"] and doc.document.published == meta["date"]
        [layer] = doc.layers
        assert layer.annotator == "model" and layer.spans  # pre-annotated
    events = sum(len(d.layers[0].events) for d in docs[1:])
    assert events > 100


def test_demo_corpus_has_the_model_layer_of_the_seed():
    doc = next(native.read(corpus_path("demo.jsonl"), ReadOptions()))
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
