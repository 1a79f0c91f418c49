"""The inter-coder agreement check of the dev set (benchmarks/coder_agreement.py) scores a second
coding against the gold with the suggestions' own measure."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from benchmarks.coder_agreement import agreement, second_codings

REPO = Path(__file__).resolve().parent.parent
CODING = REPO / "corpora" / "dev" / "coding"
ARTICLE = "wikinews-sultan-qaboos-of-oman-dies"


def test_the_gold_coded_again_agrees_fully_and_a_dropped_or_retyped_event_shows(tmp_path):
    same = tmp_path / "same"
    same.mkdir()
    shutil.copy(CODING / f"{ARTICLE}.json", same)
    figures = agreement(second_codings(same), with_rules=False)["second coder vs gold"]
    assert figures["events"]["overall"]["precision"] == 1.0 and figures["events"]["overall"]["recall"] == 1.0
    assert figures["entities"]["found"] == 1.0

    coding = json.loads((CODING / f"{ARTICLE}.json").read_text(encoding="utf-8"))
    gold_events = len(coding["events"])
    assert gold_events >= 3
    dropped = coding["events"].pop(0)
    retyped = coding["events"][0]
    retyped["type"] = "PROTEST" if retyped["type"] != "PROTEST" else "ASSAULT"
    retyped["mode"] = None
    other = tmp_path / "other"
    other.mkdir()
    (other / f"{ARTICLE}.json").write_text(json.dumps(coding), encoding="utf-8")
    overall = agreement(second_codings(other), with_rules=False)["second coder vs gold"]["events"]["overall"]
    assert dropped["type"] and (overall["tp"], overall["fn"], overall["fp"]) == (gold_events - 2, 2, 1)


def test_the_committed_second_codings_build_and_are_articles_of_the_set():
    second = second_codings(REPO / "corpora" / "dev" / "second")
    split = json.loads((REPO / "corpora" / "dev" / "split.json").read_text(encoding="utf-8"))
    assert len(second) >= 6 and set(second) <= set(split["tune"])
    assert sum(len(doc.layer("gold").events) for doc in second.values()) >= 50
