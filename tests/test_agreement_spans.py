"""Span P/R/F1 (exact, overlap, per label), boundary-vs-label alignment, token-level BIO κ / α,
the report builder, automatic adjudication and evaluation — on small hand-made layers."""

from __future__ import annotations

import json
import math
from collections import Counter

import krippendorff
import numpy as np
import pytest

from annotator.agreement.adjudicate import auto_agree
from annotator.agreement.evaluate import evaluate_layers
from annotator.agreement.report import build_report, per_label_rows
from annotator.agreement.spans import align_spans, counted_spans, span_agreement
from annotator.agreement.stats import cohen_kappa
from annotator.agreement.tokens import TokenCounts, bio_tags, token_kappa
from annotator.core import AnnotatedDocument, Argument, Document, Event, Layer, Span
from annotator.core.model import MODEL
from annotator.core.offsets import token_spans

TEXT = "Israeli Prime Minister Benjamin Netanyahu met Antony Blinken in Jerusalem on Sunday."
NETANYAHU = (23, 41)
TITLE_NAME = (8, 41)  # "Prime Minister Benjamin Netanyahu"
BLINKEN = (46, 60)
JERUSALEM = (64, 73)
SUNDAY = (77, 83)
MET = (42, 45)


def make(name: str, spans: list[tuple[int, int, str]], state: str = "done", events=()) -> Layer:
    layer = Layer(name, state)
    for i, (s, e, label) in enumerate(spans, 1):
        layer.add_span(Span(i, s, e, label))
    for k, (trigger, etype, mode, args) in enumerate(events, 100):
        layer.add_span(Span(k, *trigger, etype, layer="trigger"))
        layer.add_event(Event(k + 1000, k, etype, mode, arguments=[Argument(r, sid) for r, sid in args]))
    return layer


A_SPANS = [(*NETANYAHU, "PERSON"), (*BLINKEN, "PERSON"), (*JERUSALEM, "GPE"), (*SUNDAY, "DATE")]


def test_exact_and_overlap_span_scores_per_label():
    a = make("a", A_SPANS)
    b = make("b", [(*TITLE_NAME, "PERSON"), (*BLINKEN, "PERSON"), (*JERUSALEM, "LOC")])
    exact = span_agreement(a, b, mode="exact")
    assert exact["overall"]["tp"] == 1 and exact["overall"]["fp"] == 2 and exact["overall"]["fn"] == 3
    assert exact["overall"]["precision"] == pytest.approx(1 / 3, abs=1e-6)
    assert exact["overall"]["recall"] == 0.25
    assert exact["labels"]["PERSON"]["f1"] == 0.5
    overlap = span_agreement(a, b, mode="overlap")
    assert overlap["labels"]["PERSON"]["f1"] == 1.0  # the title+name span overlaps the name
    assert overlap["labels"]["GPE"]["f1"] == 0.0  # overlap never forgives a different label
    assert overlap["labels"]["DATE"] == {"tp": 0, "fp": 0, "fn": 1, "precision": None, "recall": 0.0, "f1": 0.0}


def test_alignment_separates_boundary_from_label_disagreements():
    a = make("a", A_SPANS)
    b = make("b", [(*TITLE_NAME, "PERSON"), (*BLINKEN, "PERSON"), (*JERUSALEM, "LOC"), (0, 7, "NORP")])
    kinds = Counter(kind for _, _, kind in align_spans(counted_spans(a), counted_spans(b)))
    assert kinds == {"agree": 1, "boundary": 1, "label": 1, "only_a": 1, "only_b": 1}


def test_neither_rejected_spans_nor_pending_suggestions_are_a_persons_answer():
    """A suggestion left pending -- also in a layer marked done ("Leave pending, mark done") --
    is nobody's answer, as training and the exports take it; the model's layer says its
    suggestions."""
    a = make("a", A_SPANS)
    b = make("b", A_SPANS)
    b.state = "done"
    b.spans[1].status = "rejected"
    b.spans[2].status = "suggested"
    assert span_agreement(a, b)["overall"]["tp"] == 2
    model = make(MODEL, A_SPANS)
    for span in model.spans.values():
        span.status = "suggested"
    assert span_agreement(a, model)["overall"]["tp"] == len(A_SPANS)


def test_bio_tags_and_nested_spans():
    tokens = token_spans(TEXT)
    spans = [Span(1, *TITLE_NAME, "PERSON"), Span(2, *NETANYAHU, "PERSON"), Span(3, *JERUSALEM, "GPE")]
    tags = bio_tags(tokens, spans)
    words = [TEXT[s:e] for s, e in tokens]
    assert list(zip(words, tags))[:7] == [("Israeli", "O"), ("Prime", "B-PERSON"), ("Minister", "I-PERSON"),
                                          ("Benjamin", "I-PERSON"), ("Netanyahu", "I-PERSON"), ("met", "O"),
                                          ("Antony", "O")]
    assert tags[words.index("Jerusalem")] == "B-GPE"


def test_token_kappa_is_cohen_over_bio_tags():
    a = make("a", A_SPANS)
    b = make("b", [(*TITLE_NAME, "PERSON"), (*BLINKEN, "PERSON"), (*JERUSALEM, "LOC")])
    tokens = token_spans(TEXT)
    expected = cohen_kappa(bio_tags(tokens, counted_spans(a)), bio_tags(tokens, counted_spans(b)))
    assert token_kappa(TEXT, a, b) == pytest.approx(expected)
    assert 0 < expected < 1


def test_token_counts_match_full_tagging_and_the_krippendorff_package():
    # The windowed counting (only text near spans is tokenised) must equal tagging every token.
    layers = {"a": make("a", A_SPANS), "b": make("b", [(*TITLE_NAME, "PERSON"), (*JERUSALEM, "LOC")]),
              "c": make("c", [(*NETANYAHU, "PERSON"), (*SUNDAY, "DATE"), (0, 7, "NORP")])}
    counts = TokenCounts(["a", "b", "c"])
    counts.add(TEXT, layers)
    tokens = token_spans(TEXT)
    tags = {n: bio_tags(tokens, counted_spans(layer)) for n, layer in layers.items()}
    assert counts.kappa("a", "b") == pytest.approx(cohen_kappa(tags["a"], tags["b"]))
    codes = {t: i for i, t in enumerate(sorted({t for v in tags.values() for t in v}))}
    matrix = np.array([[codes[t] for t in tags[n]] for n in "abc"], dtype=float)
    assert counts.alpha() == pytest.approx(krippendorff.alpha(reliability_data=matrix,
                                                              level_of_measurement="nominal"))


def _doc(doc_id: int, layers: list[Layer]) -> AnnotatedDocument:
    return AnnotatedDocument(Document(TEXT, ext_id=f"d{doc_id}", id=doc_id), layers)


def test_report_counts_only_documents_both_marked_done():
    agreed = [make("a", A_SPANS), make("b", A_SPANS)]
    unfinished = [make("a", A_SPANS), make("b", [(*BLINKEN, "PERSON")], state="in_progress")]
    report = build_report([_doc(1, agreed), _doc(2, unfinished)], ["a", "b"])
    assert report["documents"] == {"seen": 2, "counted": 1}
    assert report["pairs"][0]["span"]["entity"]["exact"]["overall"]["f1"] == 1.0
    assert report["disagreements"] == []
    everything = build_report([_doc(1, agreed), _doc(2, unfinished)], ["a", "b"], include_all=True)
    assert everything["documents"]["counted"] == 2
    overall = everything["pairs"][0]["span"]["entity"]["exact"]["overall"]
    assert overall["f1"] == pytest.approx(2 * 5 / 13, abs=1e-6)  # 5 agreed of 8 + 5 spans
    assert {d["kinds"][0] for d in everything["disagreements"]} == {"only_a"}
    json.dumps(everything)  # plain data


def test_report_disagreements_say_who_said_what():
    a = make("a", A_SPANS, events=[(MET, "CONSULT", "visit", [("source", 1), ("target", 2)])])
    b = make("b", [(*NETANYAHU, "PERSON"), (*BLINKEN, "PERSON"), (*JERUSALEM, "LOC"), (*SUNDAY, "DATE")],
             events=[(MET, "CONSULT", "visit", [("source", 2), ("target", 1)])])
    report = build_report([_doc(7, [a, b])], ["a", "b"])
    by_level = {d["level"]: d for d in report["disagreements"]}
    entity = by_level["entity"]
    assert (entity["doc_id"], entity["start"], entity["end"], entity["kinds"]) == (7, *JERUSALEM, ["label"])
    assert entity["versions"]["a"]["label"] == "GPE" and entity["versions"]["b"]["label"] == "LOC"
    assert entity["versions"]["a"]["text"] == "Jerusalem"
    event = by_level["event"]
    assert "swap" in event["kinds"] and event["versions"]["a"]["arguments"][0]["text"] == "Benjamin Netanyahu"
    assert report["pairs"][0]["event"]["swaps"] == 1
    confusion = report["confusion"]["entity"][0]
    labels = confusion["labels"]
    assert confusion["matrix"][labels.index("GPE")][labels.index("LOC")] == 1
    rows = per_label_rows(report)
    assert {r["label"] for r in rows} == {"PERSON", "GPE", "LOC", "DATE"}


def test_token_alpha_treats_unfinished_annotators_as_missing():
    three = [make("a", A_SPANS), make("b", A_SPANS), make("c", [], state="todo")]
    report = build_report([_doc(1, three)], ["a", "b", "c"])
    assert report["token_alpha"]["alpha"] == 1.0
    assert [p["documents"] for p in report["pairs"]] == [1, 0, 0]
    assert report["matrix"]["token_kappa"]["a"]["b"] == 1.0


# ---------------------------------------------------------------- adjudication
def test_auto_agree_keeps_what_all_agree_on_with_provenance():
    a = make("ann1", A_SPANS, events=[(MET, "CONSULT", "visit", [("source", 1), ("target", 2), ("location", 3)])])
    b = make("ann2", [(*NETANYAHU, "PERSON"), (*BLINKEN, "PERSON"), (*JERUSALEM, "LOC")],
             events=[(MET, "CONSULT", "third-party", [("source", 1), ("target", 2), ("location", 3)])])
    gold, conflicts = auto_agree([a, b], text=TEXT)
    entities = sorted((s.start, s.end, s.label) for s in gold.spans.values() if s.layer == "entity")
    assert entities == [(*NETANYAHU, "PERSON"), (*BLINKEN, "PERSON")]
    for span in gold.spans.values():
        assert span.attrs["adjudication"] == {"decided_by": "auto-agree", "rule": "agree", "from": ["ann1", "ann2"]}
    (event,) = gold.events.values()
    assert event.type == "CONSULT" and event.mode is None  # modes differ: left for the adjudicator
    assert {(arg.role, gold.spans[arg.span_id].start) for arg in event.arguments} == {
        ("source", NETANYAHU[0]), ("target", BLINKEN[0])}
    levels = Counter(c.level for c in conflicts)
    assert levels == {"entity": 2, "mode": 1, "argument": 1}  # Jerusalem GPE/LOC, Sunday only in ann1
    jerusalem = next(c for c in conflicts if c.level == "entity" and c.start == JERUSALEM[0])
    assert jerusalem.versions["ann1"][0]["label"] == "GPE" and jerusalem.versions["ann2"][0]["label"] == "LOC"
    sunday = next(c for c in conflicts if c.level == "entity" and c.start == SUNDAY[0])
    assert sunday.versions["ann2"] == []
    (argument,) = (c for c in conflicts if c.level == "argument")  # the same on both sides
    assert argument.detail == "the CONSULT event's location waits for its filler's disputed label"
    assert gold.state == "in_progress"


def test_auto_agree_on_identical_layers_has_no_conflicts():
    events = [(MET, "CONSULT", "visit", [("source", 1), ("target", 2)])]
    gold, conflicts = auto_agree([make("x", A_SPANS, events=events), make("y", A_SPANS, events=events)])
    assert conflicts == [] and gold.state == "done"
    assert len(gold.spans) == 5 and len(gold.events) == 1


def pending(layer: Layer) -> Layer:
    """`layer` as the model's suggestions an annotator left pending and marked done."""
    for span in layer.spans.values():
        span.status, span.origin = "suggested", "model"
    for event in layer.events.values():
        event.status, event.origin = "suggested", "model"
    return layer


def test_suggestions_both_annotators_left_pending_are_neither_agreed_nor_put_in_gold():
    """Both annotators chose "Leave pending, mark done": the model's suggestions were decided by
    nobody. They went into gold as accepted human spans, and read as full agreement."""
    events = [(MET, "CONSULT", "visit", [("source", 1), ("target", 2)])]
    a, b = pending(make("ann1", A_SPANS, events=events)), pending(make("ann2", A_SPANS, events=events))
    for layer in (a, b):  # Netanyahu accepted by both; the rest left pending
        layer.spans[1].status = "accepted"
    gold, conflicts = auto_agree([a, b], text=TEXT)
    assert [(s.start, s.end) for s in gold.spans.values()] == [NETANYAHU]
    assert not gold.events and not conflicts
    report = build_report([_doc(1, [a, b])], ["ann1", "ann2"])
    pair = report["pairs"][0]
    assert pair["span"]["entity"]["exact"]["overall"]["tp"] == 1
    assert report["pairs"][0]["event"]["aligned"] == 0


def test_an_argument_on_a_rejected_span_and_the_trigger_of_a_rejected_event_are_no_answer():
    """As the exports and `evaluate` read a layer (`core.integrity.answers`): agreement counted
    the location of an event on a span its annotator rejected, and the trigger of an event the
    annotator rejected as an agreed trigger."""
    events = [(MET, "CONSULT", None, [("source", 1), ("location", 3)])]
    a = make("ann1", A_SPANS, events=events)
    b = make("ann2", A_SPANS, events=events)
    b.spans[3].status = "rejected"
    report = build_report([_doc(1, [a, b])], ["ann1", "ann2"])
    roles = report["pairs"][0]["event"]["roles"]
    assert roles["location"]["tp"] == 0 and roles["location"]["only_a"] == 1
    b.spans[3].status = "accepted"
    b.events[1100].status = "rejected"
    report = build_report([_doc(1, [a, b])], ["ann1", "ann2"])
    assert report["pairs"][0]["span"]["trigger"]["exact"]["overall"]["tp"] == 0


# ---------------------------------------------------------------- evaluation
def test_evaluate_per_label_entities_triggers_arguments():
    gold = make("gold", A_SPANS, events=[(MET, "CONSULT", "visit", [("source", 1), ("target", 2)])])
    model = make("model", [(*NETANYAHU, "PERSON"), (*JERUSALEM, "LOC"), (0, 7, "NORP")],
                 events=[(MET, "CONSULT", None, [("source", 1), ("target", 2)])])
    result = evaluate_layers(model, gold)
    ents = result["entities"]
    assert ents["overall"] == {"tp": 1, "fp": 2, "fn": 3, "precision": pytest.approx(1 / 3, abs=1e-6),
                               "recall": 0.25, "f1": pytest.approx(2 / 7, abs=1e-6)}
    assert ents["labels"]["NORP"]["fp"] == 1 and ents["labels"]["DATE"]["fn"] == 1
    assert result["triggers"]["labels"]["CONSULT"]["f1"] == 1.0
    # model's target points at Jerusalem, gold's at Blinken: source right, target wrong.
    assert result["arguments"]["labels"]["source"]["f1"] == 1.0
    assert result["arguments"]["labels"]["target"] == {"tp": 0, "fp": 1, "fn": 1, "precision": 0.0,
                                                       "recall": 0.0, "f1": 0.0}
    wrong_type = make("model", A_SPANS, events=[(MET, "ACCUSE", None, [("source", 1), ("target", 2)])])
    result = evaluate_layers(wrong_type, gold)
    assert result["triggers"]["overall"]["tp"] == 0 and result["arguments"]["overall"]["tp"] == 0
    overlap = evaluate_layers(make("m", [(*TITLE_NAME, "PERSON")]), gold, match="overlap")
    assert overlap["entities"]["labels"]["PERSON"]["tp"] == 1
    assert math.isclose(evaluate_layers(gold, gold)["arguments"]["overall"]["f1"], 1.0)


# ---------------------------------------------------------------- properties on random layers
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WORDS = st.sampled_from(["Iran", "U.S.", "Amir-Abdollahian", "said", ",", "’s", "😀", "talks", "on", "May", "5."])


@st.composite
def text_and_layers(draw):
    words = draw(st.lists(WORDS, min_size=1, max_size=25))
    seps = draw(st.lists(st.sampled_from([" ", "  ", "\n", ""]), min_size=len(words), max_size=len(words)))
    text = "".join(w + s for w, s in zip(words, seps))
    layers = {}
    for name in ("a", "b", "c"):
        layer = Layer(name, "done")
        for i in range(draw(st.integers(0, 5))):
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            layer.add_span(Span(i + 1, start, end, draw(st.sampled_from(["PERSON", "GPE", "ORG"]))))
        layers[name] = layer
    return text, layers


@settings(max_examples=150, deadline=None)
@given(text_and_layers())
def test_windowed_token_counts_equal_tagging_every_token(case):
    text, layers = case
    counts = TokenCounts(["a", "b", "c"])
    counts.add(text, layers)
    tokens = token_spans(text)
    tags = {n: bio_tags(tokens, counted_spans(layer)) for n, layer in layers.items()}
    for a, b in (("a", "b"), ("a", "c"), ("b", "c")):
        expected = Counter(zip(tags[a], tags[b]))
        assert +counts.pairs[(a, b)] == +expected
    assert +counts.profiles == +Counter(zip(tags["a"], tags["b"], tags["c"]))


@settings(max_examples=100, deadline=None)
@given(text_and_layers())
def test_span_f1_is_symmetric_and_overlap_is_at_least_exact(case):
    _text, layers = case
    a, b = layers["a"], layers["b"]
    ab, ba = span_agreement(a, b), span_agreement(b, a)
    assert ab["overall"]["f1"] == ba["overall"]["f1"]
    assert ab["overall"]["precision"] == ba["overall"]["recall"]
    overlap = span_agreement(a, b, mode="overlap")["overall"]
    assert overlap["tp"] >= ab["overall"]["tp"]
    kinds = Counter(k for _, _, k in align_spans(counted_spans(a), counted_spans(b)))
    assert kinds["agree"] == ab["overall"]["tp"]
    paired = kinds["agree"] + kinds["label"] + kinds["boundary"] + kinds["boundary+label"]
    assert paired + kinds["only_a"] == len(a.spans)  # every span of A placed exactly once
    assert paired + kinds["only_b"] == len(b.spans)


def test_report_can_be_cancelled_and_reports_progress():
    import threading

    from annotator.core.errors import Cancelled

    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        build_report([_doc(1, [make("a", A_SPANS), make("b", A_SPANS)])], ["a", "b"], cancel=cancel)
    seen = []
    docs = [_doc(i, [make("a", A_SPANS), make("b", A_SPANS)]) for i in range(1, 251)]
    build_report(docs, ["a", "b"], progress=seen.append)
    assert seen[-1] == 250 and seen[0] == 100


def test_pick_version_settles_each_conflict_with_provenance():
    from annotator.agreement.adjudicate import pick_version

    a = make("ann1", A_SPANS, events=[(MET, "CONSULT", "visit", [("source", 1), ("target", 2), ("location", 3)])])
    b = make("ann2", [(*NETANYAHU, "PERSON"), (*BLINKEN, "PERSON"), (*JERUSALEM, "LOC")],
             events=[(MET, "CONSULT", "third-party", [("source", 2), ("target", 1), ("location", 3)])])
    gold, conflicts = auto_agree([a, b], text=TEXT)
    by_level = {c.level: c for c in conflicts if c.level != "entity"}
    jerusalem = next(c for c in conflicts if c.level == "entity" and c.start == JERUSALEM[0])
    sunday = next(c for c in conflicts if c.level == "entity" and c.start == SUNDAY[0])

    pick_version(gold, jerusalem, b, decided_by="lead").apply(gold)
    loc = next(s for s in gold.spans.values() if s.label == "LOC")
    assert (loc.start, loc.end) == JERUSALEM
    assert loc.attrs["adjudication"] == {"decided_by": "lead", "rule": "pick", "from": ["ann2"]}
    assert pick_version(gold, sunday, b, decided_by="lead").edits == []  # ann2 has nothing there

    pick_version(gold, by_level["mode"], a, decided_by="lead").apply(gold)
    (event,) = gold.events.values()
    assert event.mode == "visit"
    assert event.attrs["adjudication"]["picked"] == [{"field": "mode", "decided_by": "lead", "from": "ann1"}]

    batch = pick_version(gold, by_level["argument"], b, decided_by="lead")
    batch.apply(gold)
    (event,) = gold.events.values()
    roles = {(arg.role, gold.spans[arg.span_id].start) for arg in event.arguments}
    assert roles == {("source", BLINKEN[0]), ("target", NETANYAHU[0]), ("location", JERUSALEM[0])}
    batch.inverse().apply(gold)  # a core Batch: undoable
    assert {arg.role for arg in next(iter(gold.events.values())).arguments} == set()


def test_pick_version_never_puts_a_second_side_of_a_conflict_into_gold():
    """ann1 marked "Israeli" NORP + "Benjamin Netanyahu" PERSON, ann2 "Israeli Prime Minister
    Benjamin Netanyahu" PERSON: one conflict. Taking ann1, then ann2, left all three spans in
    gold through the API (only the window refused it). Now the API refuses, until the first side
    is taken out again."""
    from annotator.agreement.adjudicate import OtherVersionInGold, pick_version

    a = make("ann1", [(0, 7, "NORP"), (*NETANYAHU, "PERSON")])
    b = make("ann2", [(0, 41, "PERSON")])
    gold, conflicts = auto_agree([a, b], text=TEXT)
    (conflict,) = conflicts
    taken = pick_version(gold, conflict, a, decided_by="lead")
    taken.apply(gold)
    with pytest.raises(OtherVersionInGold, match="gold has ann1's version here"):
        pick_version(gold, conflict, b, decided_by="lead")
    assert sorted((x.start, x.end, x.label) for x in gold.spans.values()) == [(0, 7, "NORP"), (*NETANYAHU, "PERSON")]
    assert pick_version(gold, conflict, a, decided_by="lead").edits == []  # the same side again: nothing to do
    taken.inverse().apply(gold)  # undone, the other side can be taken
    pick_version(gold, conflict, b, decided_by="lead").apply(gold)
    assert [(x.start, x.end, x.label) for x in gold.spans.values()] == [(0, 41, "PERSON")]


def test_pick_version_adds_a_disputed_event_with_its_frame():
    from annotator.agreement.adjudicate import pick_version

    a = make("ann1", A_SPANS, events=[(MET, "CONSULT", "visit", [("source", 1), ("target", 2)])])
    b = make("ann2", A_SPANS)
    gold, conflicts = auto_agree([a, b], text=TEXT)
    (conflict,) = [c for c in conflicts if c.level == "event"]
    assert conflict.versions["ann2"] == []
    pick_version(gold, conflict, a, decided_by="lead").apply(gold)
    (event,) = gold.events.values()
    assert event.type == "CONSULT" and event.mode == "visit"
    assert {gold.spans[arg.span_id].start for arg in event.arguments} == {NETANYAHU[0], BLINKEN[0]}
    assert len(gold.spans) == 5  # the fillers were gold spans already; only the trigger was added


def test_actor_codes_of_the_entities_both_marked_alike_are_compared():
    """Actor codes are half the coding, and agreement said nothing of them: Merkel DEUGOV for one
    annotator and DEU for the other counted as agreed."""
    a = make("ann1", A_SPANS)
    b = make("ann2", A_SPANS)
    codes = {1: ("ISRGOV", "ISR"), 2: ("USAGOV", "USAGOV"), 3: ("ISR", None)}  # Sunday: neither has one
    for sid, (x, y) in codes.items():
        a.spans[sid].actor_code, b.spans[sid].actor_code = x, y
    report = build_report([_doc(1, [a, b])], ["ann1", "ann2"])
    codes_out = report["pairs"][0]["span"]["entity"]["actor_code"]
    assert codes_out == {"compared": 3, "agreement": pytest.approx(1 / 3), "root_agreement": pytest.approx(2 / 3)}
    assert report["matrix"]["actor_code"]["ann1"]["ann2"] == pytest.approx(1 / 3)
