"""The learned-review experiment (benchmarks/learned_review.py) keeps measuring what it says: the
reviewer drops a kept candidate it scores low, restores a dropped one it scores high (never a
second event of a type the sentence has), and its hook on the decider is undone after the run,
so the product's events component is never left revised. No model is trained here."""

from __future__ import annotations

import pytest
import spacy

from annotator.preannotate import arguments
from annotator.preannotate.decide import Candidate, Decision
from benchmarks.learned_review import Reviewer, decider_hook, features, with_verdict


@pytest.fixture(scope="module")
def doc():
    return spacy.blank("en")("Police said protesters attacked the building and marched to the square.")


def _candidates():
    return [Candidate(3, 4, "ASSAULT", None, "attack", False), Candidate(7, 8, "PROTEST", "demonstrate", "march", False)]


def test_the_reviewer_drops_a_low_scored_kept_candidate_and_restores_a_high_scored_dropped_one(doc):
    reviewer = Reviewer({"lemma=attack": -10.0, "lemma=march": 10.0}, 0.0, drop_below=0.1, add_above=0.7)
    verdicts = reviewer.revise(doc, 0, len(doc), _candidates(), [Decision("ASSAULT", None), None])
    assert verdicts[0] is None
    assert verdicts[1] is not None and (verdicts[1].type, verdicts[1].mode) == ("PROTEST", "demonstrate")


def test_the_reviewer_restores_no_second_event_of_a_kept_type(doc):
    cands = _candidates()
    cands[1].type = "ASSAULT"
    reviewer = Reviewer({"lemma=attack": 10.0, "lemma=march": 10.0}, 0.0, drop_below=0.1, add_above=0.7)
    verdicts = reviewer.revise(doc, 0, len(doc), cands, [Decision("ASSAULT", None), None])
    assert verdicts[0] is not None and verdicts[1] is None


def test_the_verdict_is_a_feature_only_when_crossed_in(doc):
    cands = _candidates()
    plain = features(doc, 0, len(doc), cands[0], cands, [Decision("ASSAULT", None), None])
    assert "lemma=attack" in plain and not any("kept" in f or "dropped" in f for f in plain)
    crossed = with_verdict(plain, None)
    assert "lemma=attack|dropped" in crossed and "bias_dropped" in crossed


def test_the_decider_hook_is_undone_after_the_block_even_on_error():
    original = arguments.decide
    seen = []
    with pytest.raises(RuntimeError):
        with decider_hook(lambda doc, s0, s1, cands, verdicts: seen.append(verdicts) or verdicts):
            assert arguments.decide is not original
            arguments.decide(spacy.blank("en")("Nothing happened."), 0, 3, [])
            raise RuntimeError("stop")
    assert arguments.decide is original
    assert seen == [[]]
