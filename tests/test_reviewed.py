"""core.reviewed: the sentences of a layer in progress its annotator has reviewed (what training
may learn "nothing else here" from, and what evaluation scores)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.ids import new_id
from annotator.core.model import MODEL, Argument, Event, Layer, Span
from annotator.core.reviewed import decided_something, reviewed_by_all, reviewed_parts
from annotator.core.sentences import sentences

TEXT = ("Israel attacked Gaza on Monday. Egypt condemned the strikes. "
        "Qatar hosted talks in Doha. Police arrested ten protesters.")
FIRST, SECOND, THIRD, FOURTH = sentences(TEXT)
WHOLE = [(0, len(TEXT))]


def at(word: str, text: str = TEXT) -> tuple[int, int]:
    return text.index(word), text.index(word) + len(word)


def span(layer: Layer, word: str, status: str = "accepted", kind: str = "entity", label: str = "GPE",
         text: str = TEXT) -> Span:
    return layer.add_span(Span(new_id(), *at(word, text), label, kind, origin="model", status=status))


def test_a_done_layer_and_the_model_s_speak_for_the_whole_text():
    model = Layer(MODEL, "todo")
    span(model, "Egypt", "suggested")  # the model's suggestions are all it says
    done = Layer("ann1", "done")
    span(done, "Egypt", "rejected")
    for layer in (model, done, Layer("ann1", "done")):
        assert reviewed_parts(TEXT, layer) == WHOLE


def test_a_done_layer_with_suggestions_left_pending_leaves_out_their_sentences_only():
    """"Leave pending, mark done": undecided is not rejected. Whole, the pending suggestion was
    taught as "no entity"; the other sentences -- empty ones too, wherever they lie -- count."""
    layer = Layer("ann1", "done")
    span(layer, "Israel")
    span(layer, "Egypt", "suggested")
    assert reviewed_parts(TEXT, layer) == [(FIRST[0], FIRST[1]), (THIRD[0], FOURTH[1])]


def test_a_sentence_counts_when_it_holds_a_decision_and_nothing_pending():
    layer = Layer("ann1", "in_progress")
    span(layer, "Israel")
    span(layer, "Egypt")
    span(layer, "condemned", "suggested", "trigger", "ACCUSE")  # waiting: the sentence is not reviewed
    span(layer, "Qatar", "rejected")  # a rejection is a decision
    assert reviewed_parts(TEXT, layer) == [FIRST, THIRD]  # the fourth, below the last decision: unknown


def test_adjacent_reviewed_sentences_make_one_run_and_all_of_them_the_whole_text():
    layer = Layer("ann1", "in_progress")
    span(layer, "Israel")
    span(layer, "Egypt", "rejected")
    assert reviewed_parts(TEXT, layer) == [(FIRST[0], SECOND[1])]
    span(layer, "Police")  # the third, with nothing in it, was passed on the way
    assert reviewed_parts(TEXT, layer) == WHOLE
    assert reviewed_parts(TEXT + "\n", layer) == [(0, len(TEXT) + 1)]  # a final line break changes nothing


def test_a_sentence_with_nothing_in_it_counts_once_the_annotator_went_past_it():
    layer = Layer("ann1", "in_progress")
    span(layer, "Qatar")
    assert reviewed_parts(TEXT, layer) == [(FIRST[0], THIRD[1])]
    span(layer, "Gaza", "suggested")  # the first is waiting: never reviewed, whatever is below
    assert reviewed_parts(TEXT, layer) == [(SECOND[0], THIRD[1])]


def test_a_suggested_event_on_an_accepted_trigger_is_still_pending():
    layer = Layer("ann1", "in_progress")
    trigger = span(layer, "attacked", kind="trigger", label="ASSAULT")
    layer.add_event(Event(new_id(), trigger.id, "ASSAULT", origin="model", status="suggested"))
    span(layer, "Qatar")
    assert reviewed_parts(TEXT, layer) == [(SECOND[0], THIRD[1])]


def test_a_span_across_a_sentence_end_joins_the_two_sentences():
    layer = Layer("ann1", "in_progress")
    start, _ = at("Monday")
    _, end = at("Egypt")
    layer.add_span(Span(new_id(), start, end, "DATE", "entity"))
    span(layer, "strikes", "suggested", "trigger", "ASSAULT")  # pending in the second: both are out
    span(layer, "Police")
    assert reviewed_parts(TEXT, layer) == [(THIRD[0], FOURTH[1])]
    layer = Layer("ann1", "in_progress")
    layer.add_span(Span(new_id(), start, end, "DATE", "entity"))
    assert reviewed_parts(TEXT, layer) == [(FIRST[0], SECOND[1])]


def test_an_accepted_event_joins_the_sentences_of_its_arguments():
    """Accepting an event accepts its arguments wherever they are: that is no review of the
    argument's sentence, which still counts only with nothing pending in it."""
    layer = Layer("ann1", "in_progress")
    trigger = span(layer, "attacked", kind="trigger", label="ASSAULT")
    police = span(layer, "Police")
    span(layer, "arrested", "suggested", "trigger", "COERCE")
    layer.add_event(Event(new_id(), trigger.id, "ASSAULT", arguments=[Argument("source", police.id)]))
    assert reviewed_parts(TEXT, layer) == []
    layer.spans[next(i for i, s in layer.spans.items() if s.label == "COERCE")].status = "rejected"
    assert reviewed_parts(TEXT, layer) == WHOLE


def test_white_space_at_a_span_s_edge_or_before_the_first_sentence_stays_inside():
    text = "\n  Israel attacked Gaza. Egypt condemned it. Qatar hosted talks."
    layer = Layer("ann1", "in_progress")
    layer.add_span(Span(new_id(), 0, at("Israel", text)[1], "GPE", "entity", origin="model", status="suggested"))
    span(layer, "Qatar", text=text)
    assert reviewed_parts(text, layer) == [(text.index("Egypt"), len(text))]  # the pending one is seen
    layer = Layer("ann1", "in_progress")
    gaza = layer.add_span(Span(new_id(), at("Gaza", text)[0], at("Gaza", text)[1] + 2, "GPE", "entity"))  # "Gaza. "
    (part,) = reviewed_parts(text, layer)
    assert part[0] <= gaza.start and gaza.end <= part[1] and text[part[0]:part[1]].startswith("Israel")


def test_an_untouched_layer_in_progress_has_nothing_reviewed():
    layer = Layer("ann1", "in_progress")
    span(layer, "Israel", "suggested")
    assert reviewed_parts(TEXT, layer) == []
    assert reviewed_parts(TEXT, Layer("ann1", "todo")) == []
    assert reviewed_parts("  \n ", Layer("ann1", "in_progress")) == []


def test_rejections_alone_are_decisions_to_learn_from_and_score():
    layer = Layer("ann1", "in_progress")
    span(layer, "Israel", "rejected")
    assert decided_something(layer) and reviewed_parts(TEXT, layer) == [FIRST]
    layer.state = "skipped"
    assert not decided_something(layer)
    assert not decided_something(Layer("ann1", "in_progress"))
    assert decided_something(Layer("ann1", "done"))


def test_two_layers_in_progress_are_compared_where_both_have_reviewed():
    first, second = Layer("ann1", "in_progress"), Layer("ann2", "in_progress")
    for word in ("Israel", "Egypt", "Qatar"):
        span(first, word)
    span(second, "Egypt")
    span(second, "Qatar", "suggested")
    span(second, "Police")
    assert reviewed_parts(TEXT, second) == [(FIRST[0], SECOND[1]), FOURTH]
    assert reviewed_by_all(TEXT, [first, second]) == [(FIRST[0], SECOND[1])]
    assert reviewed_by_all(TEXT, [first, None, Layer(MODEL)]) == [(FIRST[0], THIRD[1])]
    assert reviewed_by_all(TEXT, [Layer("gold", "done"), None]) == WHOLE


WORDS = ["Israel", "attacked", "Gaza", "Egypt", "condemned", "strikes", "Qatar", "talks", "Doha", "Police",
         "arrested", "protesters"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(["suggested", "accepted", "rejected"])),
                max_size=8))
def test_parts_are_the_sentences_judged_or_passed_with_nothing_pending(marks):
    layer = Layer("ann1", "in_progress")
    for word, status in marks:
        span(layer, word, status)
    parts = reviewed_parts(TEXT, layer)
    bounds = sentences(TEXT)
    statuses = [{x.status for x in layer.spans.values() if s[0] <= x.start < s[1]} for s in bounds]
    judged = [i for i, found in enumerate(statuses) if found and "suggested" not in found]
    expected = [i for i, found in enumerate(statuses)
                if (found and "suggested" not in found) or (not found and judged and i < max(judged))]
    if len(expected) == len(bounds):
        assert parts == WHOLE
        return
    covered = [i for i, s in enumerate(bounds) if any(a <= s[0] and s[1] <= b for a, b in parts)]
    assert covered == expected
    for a, b in parts:  # each run starts and ends on a sentence edge, and runs never touch
        assert any(s[0] == a for s in bounds) and any(s[1] == b for s in bounds)
    assert all(parts[i][1] < parts[i + 1][0] for i in range(len(parts) - 1))


def test_gold_is_not_cut_it_is_taken_by_what_it_holds():
    """Adjudication writes gold; its open conflicts keep it in progress, not a reading position,
    and what both annotators rejected is not in it: its last item says nothing of where review
    stopped."""
    from annotator.core.reviewed import cut_to_reviewed

    gold = Layer("gold", "in_progress")
    span(gold, "Israel")
    assert not cut_to_reviewed(gold) and reviewed_parts(TEXT, gold) == WHOLE
    assert reviewed_by_all(TEXT, [gold, None]) == WHOLE
    person = Layer("ann1", "in_progress")
    span(person, "Israel")
    assert cut_to_reviewed(person) and reviewed_by_all(TEXT, [gold, person]) == [FIRST]
