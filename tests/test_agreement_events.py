"""Event agreement on hand-made cases with the expected per-aspect, per-role scores; the exact
assignment solver against brute force."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.agreement.assign import hungarian_max, match_overlapping
from annotator.agreement.events import align_events, event_agreement, event_views
from annotator.core import Argument, Event, Layer, Span

TEXT = "Israel accused Iran of attacking ships near Hormuz on Monday, and Iran denied it."
#       0         1         2         3         4         5         6         7
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678901
ISRAEL, IRAN, HORMUZ, MONDAY = (0, 6), (15, 19), (44, 50), (54, 60)
ACCUSED, DENIED = (7, 14), (71, 77)
IRAN2 = (66, 70)


def layer(name: str, entities: dict[str, tuple[int, int, str]], events: list[dict], state: str = "done") -> Layer:
    out = Layer(name, state)
    ids = {}
    for i, (key, (s, e, label)) in enumerate(entities.items(), 1):
        out.add_span(Span(i, s, e, label))
        ids[key] = i
    for k, ev in enumerate(events, 100):
        s, e = ev["trigger"]
        out.add_span(Span(k, s, e, ev["type"], layer="trigger"))
        args = [Argument(role, ids[key]) for role, key in ev.get("args", [])]
        out.add_event(Event(1000 + k, k, ev["type"], ev.get("mode"), ev.get("context"), ev.get("negated", False),
                            arguments=args))
    return out


ENTS = {"israel": (*ISRAEL, "GPE"), "iran": (*IRAN, "GPE"), "hormuz": (*HORMUZ, "LOC"),
        "monday": (*MONDAY, "DATE"), "iran2": (*IRAN2, "GPE")}
ACCUSE = {"trigger": ACCUSED, "type": "ACCUSE", "mode": "allege",
          "args": [("source", "israel"), ("target", "iran"), ("location", "hormuz"), ("date", "monday")]}
DENY = {"trigger": DENIED, "type": "REJECT", "args": [("source", "iran2")]}


def scores(a: Layer, b: Layer) -> dict:
    return event_agreement(a, b)


def test_mode_agreement_is_over_events_either_side_gave_a_mode():
    """Two events without a mode (most types have none) were counted as agreeing on it, so the
    figure was mostly the share of such events."""
    plain = dict(ACCUSE, mode=None)
    assert scores(layer("ann1", ENTS, [plain, DENY]), layer("ann2", ENTS, [plain, DENY]))["mode"] == {
        "agreement": None, "compared": 0}
    s = scores(layer("ann1", ENTS, [ACCUSE, DENY]), layer("ann2", ENTS, [plain, DENY]))
    assert s["mode"] == {"agreement": 0.0, "compared": 1} and s["full"]["count"] == 1


def test_negation_and_context_are_compared_and_break_full_agreement():
    """One annotator marked "Iran denied it" negated and gave a context: agreement said full F1
    1.0 with no disagreement, where adjudication calls it a conflict ("negation differs")."""
    negated = dict(DENY, negated=True, context="diplomatic")
    s = scores(layer("ann1", ENTS, [ACCUSE, DENY]), layer("ann2", ENTS, [ACCUSE, negated]))
    assert s["negation"] == {"agreement": 0.5, "compared": 2, "disagreements": 1}
    assert s["context"] == {"agreement": 0.0, "compared": 1}
    assert s["full"]["count"] == 1
    same = scores(layer("ann1", ENTS, [ACCUSE, negated]), layer("ann2", ENTS, [ACCUSE, negated]))
    assert same["negation"]["agreement"] == 1.0 and same["context"]["agreement"] == 1.0
    assert same["full"]["count"] == 2


def test_a_negation_disagreement_is_listed_with_both_versions():
    from annotator.agreement.report import build_report
    from annotator.core import AnnotatedDocument, Document

    doc = AnnotatedDocument(Document(TEXT, ext_id="d"), [layer("ann1", ENTS, [ACCUSE, DENY]),
                                                         layer("ann2", ENTS, [ACCUSE, dict(DENY, negated=True)])])
    report = build_report([doc], ["ann1", "ann2"])
    (found,) = [d for d in report["disagreements"] if d["level"] == "event"]
    assert found["kinds"] == ["negation"]
    assert found["versions"]["ann2"]["negated"] is True and "negated" not in found["versions"]["ann1"]
    assert report["matrix"]["negation"]["ann1"]["ann2"] == 0.5


def test_identical_events_agree_on_every_aspect():
    a = layer("ann1", ENTS, [ACCUSE, DENY])
    b = layer("ann2", ENTS, [ACCUSE, DENY])
    s = scores(a, b)
    assert (s["events_a"], s["events_b"], s["aligned"]) == (2, 2, 2)
    assert s["trigger"] == {"f1": 1.0, "f1_exact": 1.0, "boundary_disagreements": 0}
    assert s["type"]["agreement"] == 1.0 and s["type"]["f1"] == 1.0
    assert s["mode"] == {"agreement": 1.0, "compared": 1}  # REJECT without a mode on both sides: not compared
    for role, tp in (("source", 2), ("target", 1), ("location", 1), ("date", 1)):
        assert s["roles"][role]["tp"] == tp
        assert s["roles"][role]["f1"] == 1.0 and s["roles"][role]["f1_all"] == 1.0
    assert s["roles"]["other"]["f1"] is None  # nobody used it: undefined, not 0 or 1
    assert s["swaps"] == 0
    assert s["full"] == {"count": 2, "f1": 1.0}


def test_swapped_source_and_target():
    swapped = dict(ACCUSE, args=[("source", "iran"), ("target", "israel"), ("location", "hormuz"),
                                 ("date", "monday")])
    s = scores(layer("ann1", ENTS, [ACCUSE]), layer("ann2", ENTS, [swapped]))
    assert s["aligned"] == 1 and s["trigger"]["f1"] == 1.0 and s["type"]["agreement"] == 1.0
    assert s["swaps"] == 1
    for role in ("source", "target"):
        r = s["roles"][role]
        assert (r["tp"], r["only_a"], r["only_b"], r["f1"]) == (0, 1, 1, 0.0)
    assert s["roles"]["location"]["f1"] == 1.0 and s["roles"]["date"]["f1"] == 1.0
    assert {(c["a"], c["b"]) for c in s["role_confusion"]} == {("source", "target"), ("target", "source")}
    assert s["full"]["count"] == 0


def test_one_sided_role_change_is_not_a_swap():
    changed = dict(ACCUSE, args=[("source", "iran"), ("location", "hormuz"), ("date", "monday")])
    s = scores(layer("ann1", ENTS, [ACCUSE]), layer("ann2", ENTS, [changed]))
    assert s["swaps"] == 0
    assert s["roles"]["source"]["f1"] == 0.0
    assert (s["roles"]["target"]["only_a"], s["roles"]["target"]["only_b"]) == (1, 0)


def test_shifted_trigger_boundary_is_a_boundary_not_a_label_disagreement():
    shifted = dict(ACCUSE, trigger=(7, 22))  # "accused Iran of" instead of "accused"
    s = scores(layer("ann1", ENTS, [ACCUSE]), layer("ann2", ENTS, [shifted]))
    assert s["aligned"] == 1
    assert s["trigger"] == {"f1": 1.0, "f1_exact": 0.0, "boundary_disagreements": 1}
    assert s["type"]["agreement"] == 1.0 and s["type"]["label_disagreements"] == 0
    assert s["disagreements"]["boundary"] == 1 and s["disagreements"]["label"] == 0
    for role in ("source", "target", "location", "date"):
        assert s["roles"][role]["f1"] == 1.0


def test_different_type_is_a_label_disagreement():
    other = dict(ACCUSE, type="THREATEN", mode="violence")
    s = scores(layer("ann1", ENTS, [ACCUSE]), layer("ann2", ENTS, [other]))
    assert s["aligned"] == 1
    assert s["trigger"]["f1"] == 1.0 and s["trigger"]["boundary_disagreements"] == 0
    assert s["type"] == {"agreement": 0.0, "f1": 0.0, "label_disagreements": 1}
    assert s["mode"]["compared"] == 0  # modes of different types are not compared
    assert s["disagreements"]["label"] == 1
    assert s["roles"]["source"]["f1"] == 1.0  # the frame still agrees


def test_missing_event():
    s = scores(layer("ann1", ENTS, [ACCUSE, DENY]), layer("ann2", ENTS, [ACCUSE]))
    assert (s["events_a"], s["events_b"], s["aligned"]) == (2, 1, 1)
    assert s["trigger"]["f1"] == pytest.approx(2 / 3, abs=1e-6)
    assert s["type"]["f1"] == pytest.approx(2 / 3, abs=1e-6)
    assert s["disagreements"]["only_a"] == 1
    source = s["roles"]["source"]
    assert (source["tp"], source["unaligned_a"], source["unaligned_b"]) == (1, 1, 0)
    assert source["f1"] == 1.0  # over aligned events
    assert source["f1_all"] == pytest.approx(2 / 3, abs=1e-6)  # DENY's source counts against
    assert s["full"]["count"] == 1


def test_argument_boundary_is_counted_apart():
    ents_b = dict(ENTS, hormuz=(39, 50, "LOC"))  # "near Hormuz"
    s = scores(layer("ann1", ENTS, [ACCUSE]), layer("ann2", ents_b, [ACCUSE]))
    loc = s["roles"]["location"]
    assert (loc["tp"], loc["boundary"], loc["f1"], loc["f1_exact"]) == (1, 1, 1.0, 0.0)


def _aligned_starts(a: Layer, b: Layer) -> list[tuple[int, int]]:
    pairs = align_events(event_views(a), event_views(b))
    return sorted((x.start, y.start) for x, y in pairs if x is not None and y is not None)


def test_alignment_aligns_the_most_events_one_to_one():
    a = layer("ann1", ENTS, [dict(ACCUSE, trigger=(7, 14)), dict(DENY, trigger=(15, 19), type="ACCUSE")])
    # B's first trigger overlaps both of A's; greedy by overlap would pair it with A's first and leave
    # two events unaligned; the optimal matching aligns both pairs.
    b = layer("ann2", ENTS, [{"trigger": (7, 19), "type": "REJECT"}, {"trigger": (10, 14), "type": "ACCUSE"}])
    assert _aligned_starts(a, b) == [(7, 10), (15, 7)]


def test_alignment_prefers_the_same_type_over_a_larger_overlap():
    a = layer("ann1", ENTS, [dict(ACCUSE, trigger=(7, 14))])
    b = layer("ann2", ENTS, [{"trigger": (7, 14), "type": "REJECT"}, {"trigger": (10, 14), "type": "ACCUSE"}])
    assert _aligned_starts(a, b) == [(7, 10)]


def test_rejected_events_do_not_count():
    a = layer("ann1", ENTS, [ACCUSE])
    b = layer("ann2", ENTS, [ACCUSE])
    next(iter(b.events.values())).status = "rejected"
    assert scores(a, b)["aligned"] == 0


# ---------------------------------------------------------------- the assignment solver
def brute_force(weights):
    n, m = len(weights), len(weights[0])
    best = 0.0
    for perm in itertools.permutations(range(m), min(n, m)) if n <= m else []:
        best = max(best, sum(weights[i][j] or 0 for i, j in zip(range(n), perm)))
    if n > m:
        for perm in itertools.permutations(range(n), m):
            best = max(best, sum(weights[i][j] or 0 for j, i in enumerate(perm)))
    return best


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 5).flatmap(lambda n: st.integers(1, 5).flatmap(lambda m: st.lists(
    st.lists(st.none() | st.floats(0.1, 10), min_size=m, max_size=m), min_size=n, max_size=n))))
def test_hungarian_finds_the_maximum_weight_matching(weights):
    pairs = hungarian_max(weights)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert all(weights[i][j] is not None for i, j in pairs)
    assert sum(weights[i][j] for i, j in pairs) == pytest.approx(brute_force(weights))


def test_match_overlapping_only_pairs_overlaps():
    a = [(0, 5), (10, 20), (30, 31)]
    b = [(4, 12), (15, 16), (40, 50)]
    found = match_overlapping(a, b, lambda i, j: 1.0)
    assert len(found) == 2 and all(a[i][0] < b[j][1] and b[j][0] < a[i][1] for i, j in found)
