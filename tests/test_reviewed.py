"""core.reviewed: the sentences of a layer in progress its annotator has reviewed (what training
may learn "nothing else here" from)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.ids import new_id
from annotator.core.model import MODEL, Event, Layer, Span
from annotator.core.reviewed import reviewed_parts
from annotator.core.sentences import sentences

TEXT = ("Israel attacked Gaza on Monday. Egypt condemned the strikes. "
        "Qatar hosted talks in Doha. Police arrested ten protesters.")
FIRST, SECOND, THIRD, FOURTH = sentences(TEXT)


def at(word: str) -> tuple[int, int]:
    return TEXT.index(word), TEXT.index(word) + len(word)


def span(layer: Layer, word: str, status: str = "accepted", kind: str = "entity", label: str = "GPE") -> Span:
    return layer.add_span(Span(new_id(), *at(word), label, kind, origin="model", status=status))


def test_a_done_layer_and_the_model_s_speak_for_the_whole_text():
    for layer in (Layer("ann1", "done"), Layer(MODEL, "todo")):
        span(layer, "Egypt", "suggested")
        assert reviewed_parts(TEXT, layer) == [(0, len(TEXT))]


def test_a_sentence_counts_when_it_holds_a_decision_and_nothing_pending():
    layer = Layer("ann1", "in_progress")
    span(layer, "Israel")
    span(layer, "Egypt")
    span(layer, "condemned", "suggested", "trigger", "ACCUSE")  # waiting: the sentence is not reviewed
    span(layer, "Qatar", "rejected")  # a rejection is a decision
    assert reviewed_parts(TEXT, layer) == [FIRST, THIRD]


def test_adjacent_reviewed_sentences_make_one_run():
    layer = Layer("ann1", "in_progress")
    span(layer, "Israel")
    span(layer, "Egypt", "rejected")
    span(layer, "Police")
    assert reviewed_parts(TEXT, layer) == [(FIRST[0], SECOND[1]), FOURTH]


def test_a_suggested_event_on_an_accepted_trigger_is_still_pending():
    layer = Layer("ann1", "in_progress")
    trigger = span(layer, "attacked", kind="trigger", label="ASSAULT")
    layer.add_event(Event(new_id(), trigger.id, "ASSAULT", origin="model", status="suggested"))
    span(layer, "Qatar")
    assert reviewed_parts(TEXT, layer) == [THIRD]


def test_a_span_across_a_sentence_end_joins_the_two_sentences():
    layer = Layer("ann1", "in_progress")
    start, _ = at("Monday")
    _, end = at("Egypt")
    layer.add_span(Span(new_id(), start, end, "DATE", "entity"))
    span(layer, "strikes", "suggested", "trigger", "ASSAULT")  # pending in the second: both are out
    span(layer, "Police")
    assert reviewed_parts(TEXT, layer) == [FOURTH]
    layer = Layer("ann1", "in_progress")
    layer.add_span(Span(new_id(), start, end, "DATE", "entity"))
    assert reviewed_parts(TEXT, layer) == [(FIRST[0], SECOND[1])]


def test_an_untouched_layer_in_progress_has_nothing_reviewed():
    layer = Layer("ann1", "in_progress")
    span(layer, "Israel", "suggested")
    assert reviewed_parts(TEXT, layer) == []
    assert reviewed_parts(TEXT, Layer("ann1", "todo")) == []


WORDS = ["Israel", "attacked", "Gaza", "Egypt", "condemned", "strikes", "Qatar", "talks", "Doha", "Police",
         "arrested", "protesters"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(["suggested", "accepted", "rejected"])),
                max_size=8))
def test_parts_are_whole_sentences_with_a_decision_and_no_suggestion(marks):
    layer = Layer("ann1", "in_progress")
    for word, status in marks:
        span(layer, word, status)
    parts = reviewed_parts(TEXT, layer)
    bounds = sentences(TEXT)
    covered = [s for s in bounds if any(a <= s[0] and s[1] <= b for a, b in parts)]
    for sentence in bounds:
        statuses = {x.status for x in layer.spans.values() if sentence[0] <= x.start < sentence[1]}
        expected = bool(statuses) and "suggested" not in statuses
        assert (sentence in covered) == expected
    for a, b in parts:  # each run starts and ends on a sentence edge, and runs never touch
        assert any(s[0] == a for s in bounds) and any(s[1] == b for s in bounds)
    assert all(parts[i][1] < parts[i + 1][0] for i in range(len(parts) - 1))


def test_two_layers_in_progress_are_compared_where_both_have_reviewed():
    from annotator.core.reviewed import reviewed_by_all

    first, second = Layer("ann1", "in_progress"), Layer("ann2", "in_progress")
    for word in ("Israel", "Egypt", "Qatar"):
        span(first, word)
    for word in ("Egypt", "Qatar", "Police"):
        span(second, word)
    assert reviewed_by_all(TEXT, [first, second]) == [(SECOND[0], THIRD[1])]
    assert reviewed_by_all(TEXT, [first, None, Layer(MODEL)]) == [(FIRST[0], THIRD[1])]
    assert reviewed_by_all(TEXT, [Layer("gold", "done"), None]) == [(0, len(TEXT))]
