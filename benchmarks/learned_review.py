"""Experiment (not shipped): can a small learned model revise the decider's verdicts better than the rules?

    python benchmarks/learned_review.py            # 5-fold cross-validation by article within tune
    python benchmarks/learned_review.py --exact    # also the whole pipeline per fold (a few minutes)

Issue 14 asked for a learned component, trained on the dev set's tune part, that adds to the
hand-written event rules (annotator/preannotate/decide.py) and generalises better than more rules.
This script is that experiment, kept so it can be re-run and extended; nothing here is used by
the product, which was left unchanged because the component did not help on held-out news.

What it does. Every trigger candidate the lexicon finds in a tune article is decided by the
rules; `features` describes it (lexicon lemma and type, nominal or verbal, the trigger's tag,
dependency relation and head, its children's auxiliaries/negation/markers, negation, modal,
plan, conditional and report cue words before it, the words around it, quotation, the other
candidates' verdicts in the sentence, the entity labels of the sentence). Its label: the gold has
an event of the candidate's type (the rules' type when kept) in the same sentence -- the dev-set
measure (agreement/event_quality.py). A logistic regression (numpy, L2, Newton steps,
deterministic) scores candidates; `Reviewer.revise` drops kept candidates scoring below
`drop_below` and restores dropped ones scoring above `add_above` (when the sentence has no kept
event of that type). The feature set (with or without the rules' own verdict crossed in), the L2
strength and the thresholds are chosen by 5-fold cross-validation by article within tune
(article i is in fold i % 5 of the tune file's order); the held-out part is never read here. To
run the pipeline with a reviewer the script wraps the decider as the events component calls it
(`arguments.decide`), for the run only.

Measured (2026-12-03; tune 61 articles, held-out 16; event type P/R over all event types):
- CV over the 856 candidates (rules' events on the candidates: P 0.703 R 0.839 F1 0.765): chosen
  features without the verdict, L2 1.0, drop < 0.1, restore > 0.7: P 0.699 R 0.870 F1 0.775.
- exact 5-fold CV, whole pipeline: rules alone P 0.729 R 0.535 F1 0.617, event-free sentences
  with a suggestion 0.089; rules + review P 0.722 R 0.551 F1 0.625, 0.091 (source root 0.672 both,
  target root 0.692 -> 0.703). The model deciding alone (drop = restore threshold 0.4): P 0.634
  R 0.515 F1 0.569, 0.128.
- held-out (eval_devset.py --set heldout, the model trained on all of tune; three runs in all):
  rules alone P 0.48 R 0.40 (63 of 157 events, 131 suggested), event-free 0.15, source/target
  root 0.63/0.61; rules + review P 0.47 R 0.41 (64, 137 suggested), 0.16, 0.62/0.61; the model
  deciding alone P 0.45 R 0.41 (143 suggested), 0.17, 0.58/0.50.
- also tried within tune, no gain: a classifier of quoted statements (ACCUSE/SUPPORT on a speech
  verb, sentence words) in place of the evaluative word lists: 12-13 right / 6-7 wrong against the
  rules' 11 / 8 over 160 statements; a token-level trigger proposer for verbs and nouns no
  candidate covers (multinomial, 6,860 tokens, 222 gold triggers): precision 0.2 at best.
Why so little: most misses are not verdicts at all. Of the tune gold triggers, 358 have a
candidate of the same type, 29 one of another type and 236 none (lexicon misses, quoted
statements); the tune set is small (623 events) and the rules were written on it.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotator.agreement.event_quality import event_quality, sentence_of  # noqa: E402
from annotator.core.model import GOLD  # noqa: E402
from annotator.core.sentences import sentences  # noqa: E402
from annotator.preannotate import arguments  # noqa: E402
from annotator.preannotate.decide import (CONDITIONALS, MODALS, NEGATORS, PLAN_WORDS, REPORT_VERBS,  # noqa: E402
                                          SPEECH_VERBS, Candidate, Decision, inside_quotation)
from benchmarks.eval_devset import load  # noqa: E402

FOLDS = 5
MIN_COUNT = 2
L2_GRID = (0.3, 1.0, 3.0, 10.0)
DROP_GRID = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
ADD_GRID = (1.01, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5)
SPEECH = frozenset(SPEECH_VERBS) | REPORT_VERBS


class Reviewer:
    """Feature weights and the two thresholds of a trained review model."""

    def __init__(self, weights: dict[str, float], bias: float, drop_below: float, add_above: float,
                 uses_verdict: bool = False) -> None:
        self.weights = weights
        self.bias = bias
        self.drop_below = drop_below
        self.add_above = add_above
        self.uses_verdict = uses_verdict

    def score(self, features: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def revise(self, doc: Any, s0: int, s1: int, candidates: list[Candidate],
               verdicts: list[Decision | None]) -> list[Decision | None]:
        scores = []
        for cand, verdict in zip(candidates, verdicts):
            feats = features(doc, s0, s1, cand, candidates, verdicts)
            scores.append(self.score(with_verdict(feats, verdict) if self.uses_verdict else feats))
        out = [None if v is not None and p < self.drop_below else v for v, p in zip(verdicts, scores)]
        kept_types = {v.type for v in out if v is not None}
        for i, (cand, verdict, p) in enumerate(zip(candidates, verdicts, scores)):
            if verdict is None and p > self.add_above and cand.type not in kept_types:
                out[i] = Decision(cand.type, cand.mode, reason="restored by the review model")
                kept_types.add(cand.type)
        return out


@contextmanager
def decider_hook(hook):
    """Run the events component with hook(doc, s0, s1, candidates, verdicts) -> verdicts after the
    rules' decider, for the duration of the block."""
    original = arguments.decide

    def wrapped(doc: Any, s0: int, s1: int, candidates: list[Candidate]) -> list[Decision | None]:
        return hook(doc, s0, s1, candidates, original(doc, s0, s1, candidates))

    arguments.decide = wrapped
    try:
        yield
    finally:
        arguments.decide = original


def gold_types(text: str, layer) -> set[tuple[int, str]]:
    """The (sentence, type) pairs of the gold events of `text`."""
    bounds = sentences(text)
    pairs = set()
    for e in layer.events.values():
        span = layer.spans.get(e.trigger)
        if span is not None and e.status != "rejected":
            pairs.add((sentence_of(bounds, span.start), e.type))
    return pairs


def collect(docs: list, nlp: Any) -> list[dict]:
    """One row per rule candidate: article index, sentence, type, verdict, features, label."""
    rows = []
    for index, d in enumerate(docs):
        text = d.document.text
        bounds, gold = sentences(text), gold_types(text, d.layer(GOLD))
        recorded = []

        def record(doc, s0, s1, candidates, verdicts):
            for cand, verdict in zip(candidates, verdicts):
                recorded.append((doc, cand, verdict, features(doc, s0, s1, cand, candidates, verdicts)))
            return verdicts

        with decider_hook(record):
            doc = nlp(text)
        for _doc, cand, verdict, feats in recorded:
            sent = sentence_of(bounds, doc[cand.start].idx)
            etype = verdict.type if verdict is not None else cand.type
            label = (sent, etype) in gold or (verdict is not None and verdict.alleged_by is not None
                                             and (sent, "ACCUSE") in gold)
            rows.append({"article": index, "sent": sent, "type": etype, "kept": verdict is not None,
                         "features": feats, "crossed": with_verdict(feats, verdict), "label": bool(label)})
    return rows


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3+"


def with_verdict(feats: list[str], verdict: Decision | None) -> list[str]:
    """`feats` crossed with the rules' verdict on the candidate (kept/dropped, retyped, alleged)."""
    state = "kept" if verdict is not None else "dropped"
    out = feats + [f"{f}|{state}" for f in feats] + [f"bias_{state}"]
    if verdict is not None and verdict.alleged_by is not None:
        out.append("alleged")
    return out


def features(doc: Any, s0: int, s1: int, cand: Candidate, candidates: list[Candidate],
             verdicts: list[Decision | None]) -> list[str]:
    """The candidate's features as strings (see the module docstring): what the candidate is and
    its context, not the rules' verdict on it (the verdicts on the other candidates of the
    sentence do count)."""
    etype = cand.type
    f = [f"type={etype}", f"lemma={cand.lemma}", f"nominal={cand.nominal}", f"mode={cand.mode}|{etype}"]
    root = doc[cand.start:cand.end].root
    f += [f"tag={root.tag_}", f"dep={root.dep_}", f"dep={root.dep_}|{etype}",
          f"head={root.head.lemma_.lower()}|{root.dep_}"]
    if root.head is not root:
        f.append(f"headpos={root.head.pos_}|{root.dep_}")
    for child in root.children:
        if child.dep_ in ("aux", "auxpass", "neg", "mark", "advmod", "det", "poss", "prep"):
            f.append(f"child={child.dep_}:{child.lower_}")
    # the clause so far: cue words before the trigger in the sentence
    window = [doc[i].lower_ for i in range(max(s0, cand.start - 6), cand.start)]
    near = window[-3:]
    for name, words in (("neg", NEGATORS), ("modal", MODALS), ("plan", PLAN_WORDS), ("cond", CONDITIONALS),
                        ("report", SPEECH)):
        if any(w in words for w in window):
            f.append(f"{name}_before")
        if any(w in words for w in near):
            f.append(f"{name}_near")
    if any(doc[i].lower_ in SPEECH for i in range(cand.end, s1)):
        f.append("report_after")
    if cand.start > s0:
        f.append(f"w-1={doc[cand.start - 1].lower_}")
    if cand.start - 1 > s0:
        f.append(f"w-2={doc[cand.start - 2].lower_}")
    if cand.end < s1:
        f.append(f"w+1={doc[cand.end].lower_}")
    if inside_quotation(doc, s0, s1, cand.start):
        f.append("quoted")
    if cand.start - s0 <= 2:
        f.append("sentence_start")
    others = [(c, v) for c, v in zip(candidates, verdicts) if c is not cand]
    f.append(f"candidates={_bucket(len(others))}")
    for c, v in others:
        if v is not None:
            f.append(f"other_kept={v.type}|{etype}")
            if c.type == etype:
                f.append("same_type_kept")
    ents = {doc[i].ent_type_ for i in range(s0, s1) if doc[i].ent_type_}
    f += [f"ent={e}" for e in sorted(ents)]
    return f


def fit(rows: list[dict], l2: float, key: str = "features") -> tuple[dict[str, float], float]:
    """Logistic regression on rows[key] by full-batch Newton steps (deterministic)."""
    counts = Counter(f for r in rows for f in set(r[key]))
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    X = np.zeros((len(rows), len(vocab) + 1))
    X[:, -1] = 1.0
    for n, r in enumerate(rows):
        for f in set(r[key]):
            if f in index:
                X[n, index[f]] = 1.0
    y = np.array([r["label"] for r in rows], dtype=float)
    w = np.zeros(X.shape[1])
    reg = np.full(X.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(15):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
        grad = X.T @ (p - y) + reg * w
        hess = (X * (p * (1 - p))[:, None]).T @ X + np.diag(reg + 1e-6)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    weights = {f: round(float(w[i]), 5) for f, i in index.items() if abs(w[i]) >= 1e-4}
    return weights, round(float(w[-1]), 5)


def outcome(rows: list[dict], probs: list[float], drop_below: float, add_above: float) -> Counter:
    """tp/fp/fn and event-free-sentence suggestions of the candidates' events after review, with
    the dev-set matching (per sentence and type, one to one). Events the rules add outside the
    decider (quoted statements) are not in `rows`; they are the same on both sides."""
    suggested: Counter = Counter()  # (article, sent, type) -> suggestions
    gold: set = set()
    by_sentence: dict = {}
    for r, p in zip(rows, probs):
        by_sentence.setdefault((r["article"], r["sent"]), []).append((r, p))
    for key, items in by_sentence.items():
        kept_types = set()
        final = []
        for r, p in items:
            keep = r["kept"] and p >= drop_below
            final.append(keep)
            if keep:
                kept_types.add(r["type"])
        for n, (r, p) in enumerate(items):
            if not r["kept"] and p > add_above and r["type"] not in kept_types:
                final[n] = True
                kept_types.add(r["type"])
        for (r, _p), keep in zip(items, final):
            if keep:
                suggested[key + (r["type"],)] += 1
            if r["label"]:
                gold.add(key + (r["type"],))
    c = Counter()
    for key, n in suggested.items():
        hit = key in gold
        c["tp"] += hit
        c["fp"] += n - hit
    c["fn_seen"] = len(gold - set(suggested))
    # approximate: a sentence whose gold events no candidate reaches counts as event-free here
    sentences_with = {k[:2] for k in suggested}
    c["noevent_with"] = len({k for k in sentences_with if not any(g[:2] == k for g in gold)})
    return c


def cross_validate(rows: list[dict], l2: float, key: str) -> list[float]:
    """Out-of-fold probabilities: each fold's candidates scored by the model of the other folds."""
    probs = [0.0] * len(rows)
    for fold in range(FOLDS):
        weights, bias = fit([r for r in rows if r["article"] % FOLDS != fold], l2, key)
        scorer = Reviewer(weights, bias, 0.0, 1.0)
        for n, r in enumerate(rows):
            if r["article"] % FOLDS == fold:
                probs[n] = scorer.score(r[key])
    return probs


def f1(c: Counter) -> tuple[float, float, float]:
    """P/R/F1 over the gold (sentence, type) pairs that some candidate reaches."""
    fn = c["fn_seen"]
    p = c["tp"] / max(1, c["tp"] + c["fp"])
    r = c["tp"] / max(1, c["tp"] + fn)
    return p, r, 2 * p * r / max(1e-9, p + r)


VARIANTS = {"features": False, "crossed": True}  # row key -> the model sees the rules' verdict


def choose(rows: list[dict]) -> dict:
    """The feature set, L2 strength and thresholds with the best cross-validated F1, among those
    that do not let the event-free sentences with a suggestion grow by more than a tenth."""
    base = outcome(rows, [0.5] * len(rows), 0.0, 1.01)
    best = None
    table = []
    for key, uses_verdict in VARIANTS.items():
        for l2 in L2_GRID:
            probs = cross_validate(rows, l2, key)
            for drop in DROP_GRID:
                for add in ADD_GRID:
                    c = outcome(rows, probs, drop, add)
                    if c["noevent_with"] > base["noevent_with"] * 1.1 + 1:
                        continue
                    p, r, f = f1(c)
                    entry = {"uses_verdict": uses_verdict, "l2": l2, "drop_below": drop, "add_above": add,
                             "precision": p, "recall": r, "f1": f, "noevent_with": c["noevent_with"]}
                    table.append(entry)
                    if best is None or f > best["f1"] + 1e-9:
                        best = entry
    bp, br, bf = f1(base)
    return {"rules": {"precision": bp, "recall": br, "f1": bf, "noevent_with": base["noevent_with"]},
            "best": best, "table": table}


def exact_cv(docs: list, rows: list[dict], nlp: Any, chosen: dict | None) -> dict:
    """The dev-set figures of the tune articles, each fold's articles suggested with the model
    trained on the other folds (the whole pipeline, as eval_devset.py measures it); with
    `chosen` None, the rules alone."""
    from annotator.core.scheme import default_scheme
    from annotator.preannotate.runner import preannotate_texts

    scheme = default_scheme()
    layers: list = [None] * len(docs)
    for fold in range(FOLDS):
        part = [i for i in range(len(docs)) if i % FOLDS == fold]
        texts = [docs[i].document.text for i in part]
        if chosen is None:
            fold_layers = preannotate_texts(texts, nlp, scheme)
        else:
            key = "crossed" if chosen["uses_verdict"] else "features"
            weights, bias = fit([r for r in rows if r["article"] % FOLDS != fold], chosen["l2"], key)
            reviewer = Reviewer(weights, bias, chosen["drop_below"], chosen["add_above"], chosen["uses_verdict"])
            with decider_hook(reviewer.revise):
                fold_layers = preannotate_texts(texts, nlp, scheme)
        for i, layer in zip(part, fold_layers):
            layers[i] = layer
    return event_quality((d.document.text, layer, d.layer(GOLD)) for d, layer in zip(docs, layers))


def show_quality(name: str, q: dict) -> None:
    o, ne = q["events"]["overall"], q["no_event"]
    print(f"{name}: event type P {o['precision']:.3f} R {o['recall']:.3f} F1 {o['f1']:.3f}, "
          f"event-free sentences with a suggestion {ne['rate']:.3f}; source root {q['actors']['source']['root']:.3f}, "
          f"target root {q['actors']['target']['root']:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exact", action="store_true", help="also run the whole pipeline per fold")
    parser.add_argument("--json", action="store_true", help="print the chosen setting and figures as JSON")
    args = parser.parse_args()
    from annotator.preannotate.pipeline import build_pipeline

    nlp = build_pipeline()
    docs = load("tune")
    rows = collect(docs, nlp)
    chosen = choose(rows)
    b, rules = chosen["best"], chosen["rules"]
    if args.json:
        print(json.dumps({"candidates": len(rows), "rules": rules, "chosen": b}, indent=1))
    else:
        print(f"{len(rows)} candidates in {len(docs)} tune articles, {sum(r['label'] for r in rows)} right")
        for e in sorted(chosen["table"], key=lambda e: -e["f1"])[:8]:
            print(f"  verdict {e['uses_verdict']!s:<5} l2 {e['l2']:<5} drop<{e['drop_below']:<5} "
                  f"add>{e['add_above']:<5} P {e['precision']:.3f} R {e['recall']:.3f} F1 {e['f1']:.3f} "
                  f"event-free sentences hit {e['noevent_with']}")
        print(f"rules alone (candidates' events): P {rules['precision']:.3f} R {rules['recall']:.3f} "
              f"F1 {rules['f1']:.3f}, event-free sentences hit {rules['noevent_with']}")
        print(f"chosen: uses_verdict {b['uses_verdict']} l2 {b['l2']} drop_below {b['drop_below']} "
              f"add_above {b['add_above']}")
    if args.exact:
        show_quality(f"exact {FOLDS}-fold CV, rules alone", exact_cv(docs, rows, nlp, None))
        show_quality(f"exact {FOLDS}-fold CV, rules + review", exact_cv(docs, rows, nlp, b))
        alone = {"uses_verdict": False, "l2": b["l2"], "drop_below": 0.4, "add_above": 0.4}
        show_quality(f"exact {FOLDS}-fold CV, the model deciding alone (threshold 0.4)",
                     exact_cv(docs, rows, nlp, alone))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
