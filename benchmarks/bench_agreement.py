"""Agreement benchmark: the full report (`build_report`: span, token and event level, all pairs,
per label, per document, confusion matrices, disagreement list, token α) over N generated documents
× 3 annotators, against the `krippendorff` package computing α on the prepared token matrix
(3 × tokens, BIO labels as numbers) of the same documents, in the same run.

The annotators are simulated from one generated "truth" (actors, places, dates, event triggers
with source/target/location/date) with independent noise: missed spans, other labels, shifted
boundaries, other event types and modes, swapped source/target. Documents are held in memory
(reading them from a project is the store's cost, measured by its own benchmarks).
Prints `agreement_report_vs_krippendorff: <ratio>` (goal <= 2) and docs/s.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import krippendorff  # noqa: E402

from annotator.agreement.report import build_report  # noqa: E402
from annotator.agreement.spans import counted_spans  # noqa: E402
from annotator.agreement.stats import krippendorff_alpha  # noqa: E402
from annotator.agreement.tokens import bio_tags  # noqa: E402
from annotator.core import AnnotatedDocument, Argument, Document, Event, Layer, Span  # noqa: E402
from annotator.core.offsets import token_spans  # noqa: E402
from benchmarks.make_corpus import ACTIONS, ACTORS, MONTHS, PLACES, generate  # noqa: E402

ANNOTATORS = ("ann1", "ann2", "ann3")
_ACTOR = re.compile("|".join(re.escape(a) for a in sorted(ACTORS, key=len, reverse=True)), re.IGNORECASE)
_PLACE = re.compile(r"\b(?:" + "|".join(map(re.escape, PLACES)) + r")\b")
_DATE = re.compile(r"\b(?:" + "|".join(MONTHS) + r") \d{1,2}\b")
VERBS = {a.split()[0]: t for a, t in zip(ACTIONS, [
    "CONSULT", "REQUEST", "THREATEN", "ACCUSE", "ASSAULT", "ACCUSE", "AID", "SANCTION", "REJECT", "THREATEN",
    "AGREE", "COERCE", "MOBILIZE", "SUPPORT", "REQUEST", "ASSAULT", "SANCTION", "AGREE"])}
_VERB = re.compile(r"\b(?:" + "|".join(VERBS) + r")\b")
PERSON_WORDS = ("Minister", "President", "Secretary", "Chancellor")
TYPES = sorted(set(VERBS.values()))


def _label(text: str) -> str:
    if any(w in text for w in PERSON_WORDS):
        return "PERSON"
    if text.lower().startswith("the ") or text in ("Hezbollah", "Hamas", "NATO"):
        return "ORG"
    return "GPE"


def truth(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[tuple[int, int], str, dict[str, int]]]]:
    """Entities (start, end, label) and events (trigger, type, {role: entity index}) of a text."""
    entities: list[tuple[int, int, str]] = []
    for m in _ACTOR.finditer(text):
        entities.append((m.start(), m.end(), _label(m.group())))
    for m in _PLACE.finditer(text):
        if not any(s <= m.start() < e for s, e, _ in entities):
            entities.append((m.start(), m.end(), "GPE" if m.group() != "Gaza" else "LOC"))
    for m in _DATE.finditer(text):
        entities.append((m.start(), m.end(), "DATE"))
    entities.sort()
    events = []
    starts = [e[0] for e in entities]
    for m in _VERB.finditer(text):
        sentence_start = text.rfind(". ", 0, m.start()) + 1
        sentence_end = text.find(".", m.end())
        stop = sentence_end if sentence_end >= 0 else len(text)
        inside = [i for i, s in enumerate(starts) if sentence_start <= s < stop]
        roles: dict[str, int] = {}
        before = [i for i in inside if entities[i][1] <= m.start() and entities[i][2] != "DATE"]
        after = [i for i in inside if entities[i][0] >= m.end() and entities[i][2] != "DATE"]
        if before:
            roles["source"] = before[-1]
        if after:
            roles["target"] = after[0]
        places = [i for i in inside if entities[i][2] in ("GPE", "LOC") and i not in roles.values()]
        dates = [i for i in inside if entities[i][2] == "DATE"]
        if places:
            roles["location"] = places[-1]
        if dates:
            roles["date"] = dates[0]
        events.append(((m.start(), m.end()), VERBS[m.group()], roles))
    return entities, events


def annotate(name: str, entities, events, rng: random.Random, noise: float) -> Layer:  # type: ignore[no-untyped-def]
    layer = Layer(name, "done")
    ids: dict[int, int] = {}
    next_id = 1
    for i, (s, e, label) in enumerate(entities):
        r = rng.random()
        if r < noise:
            continue  # missed
        if r < 2 * noise:
            label = rng.choice(["PERSON", "ORG", "GPE", "NORP", "LOC"])
        elif r < 3 * noise and e - s > 6:
            s = s + 4 if rng.random() < 0.5 else s  # boundary: drop "the " or similar
        layer.add_span(Span(next_id, s, e, label))
        ids[i] = next_id
        next_id += 1
    for (ts, te), etype, roles in events:
        r = rng.random()
        if r < noise:
            continue
        if r < 2 * noise:
            etype = rng.choice(TYPES)
        trigger = next_id
        next_id += 1
        layer.add_span(Span(trigger, ts, te, etype, layer="trigger"))
        assigned = dict(roles)
        if rng.random() < noise and "source" in assigned and "target" in assigned:
            assigned["source"], assigned["target"] = assigned["target"], assigned["source"]
        arguments = [Argument(role, ids[i]) for role, i in assigned.items() if i in ids and rng.random() > noise / 2]
        mode = None if rng.random() < 0.8 else "x"
        layer.add_event(Event(next_id, trigger, etype, mode, arguments=arguments))
        next_id += 1
    return layer


def corpus(n: int, seed: int = 7, noise: float = 0.05) -> list[AnnotatedDocument]:
    rng = random.Random(seed)
    docs = []
    for i, record in enumerate(generate(n, seed, sentences=(6, 14)), 1):
        entities, events = truth(record["text"])
        layers = [annotate(name, entities, events, rng, noise) for name in ANNOTATORS]
        docs.append(AnnotatedDocument(Document(record["text"], ext_id=record["id"], id=i), layers))
    return docs


def token_matrix(docs: list[AnnotatedDocument]) -> np.ndarray:
    """The reliability matrix the package needs: one row per annotator, one column per token."""
    codes: dict[str, int] = {}
    rows: list[list[int]] = [[] for _ in ANNOTATORS]
    for doc in docs:
        tokens = token_spans(doc.document.text)
        for k, name in enumerate(ANNOTATORS):
            tags = bio_tags(tokens, counted_spans(doc.layer(name)))
            rows[k].extend(codes.setdefault(t, len(codes)) for t in tags)
    return np.array(rows, dtype=float)


def main(argv: list[str] | None = None) -> list[tuple[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="documents (the README figure uses 10000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="best of R timings for each side")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    docs = corpus(args.n, args.seed)
    matrix = token_matrix(docs)
    prepared = time.perf_counter() - t0

    rows = matrix.astype(int).tolist()
    alone = []
    baseline, ours = [], []
    alpha_theirs = report = None
    for _ in range(args.repeat):
        start = time.perf_counter()
        alpha_theirs = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
        baseline.append(time.perf_counter() - start)
        start = time.perf_counter()
        report = build_report(docs, list(ANNOTATORS))
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        krippendorff_alpha(rows)
        alone.append(time.perf_counter() - start)
    assert report is not None and alpha_theirs is not None
    alpha_ours = report["token_alpha"]["alpha"]
    if abs(alpha_ours - alpha_theirs) > 1e-6:
        raise SystemExit(f"token alpha differs: ours {alpha_ours} vs krippendorff {alpha_theirs}")
    spans = sum(len(layer.spans) for d in docs for layer in d.layers)
    events = sum(len(layer.events) for d in docs for layer in d.layers)
    ratio = min(ours) / min(baseline)
    print(f"# {args.n} documents x {len(ANNOTATORS)} annotators: {matrix.shape[1]} tokens, {spans} spans, "
          f"{events} events, {len(report['disagreements'])} disagreements (generated in {prepared:.1f} s)")
    print(f"# token alpha: ours {alpha_ours:.6f}, krippendorff {alpha_theirs:.6f}")
    print(f"# full report {min(ours):.3f} s, krippendorff.alpha on the prepared matrix {min(baseline):.3f} s")
    print(f"# for scale: our krippendorff_alpha alone on the same matrix {min(alone):.3f} s")
    print(f"agreement_report_vs_krippendorff: {ratio:.2f}")
    print(f"agreement_report_docs_per_s: {args.n / min(ours):.0f}")
    return [("agreement_report_vs_krippendorff", ratio)]


if __name__ == "__main__":
    main()
