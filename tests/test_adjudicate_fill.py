"""Pre-filling gold with what both annotators agree on never brings back what the lead took out
of gold: a deleted, rejected, re-bounded or retyped agreed item stays the lead's decision."""

from __future__ import annotations

from adjudication_support import TEXT, annotator_layer, at

from annotator.agreement.adjudicate import Fill, TakenOut, auto_agree, fill_agreed, taken_out
from annotator.core.edits import (
    AddEvent,
    AddSpan,
    Batch,
    Edit,
    delete_span_plan,
    edited,
    reject,
    set_event_fields,
    set_span_fields,
)
from annotator.core.ids import new_id
from annotator.core.model import GOLD, Layer, Span


def agreed() -> Layer:
    result = auto_agree([annotator_layer("ann1"), annotator_layer("ann2")], text=TEXT)
    assert not result.conflicts
    return result.layer


def prefilled() -> tuple[Layer, list[Edit]]:
    """An empty gold pre-filled with everything agreed, and its undo stack."""
    fill = fill_agreed(Layer(GOLD), agreed())
    edit = Batch(fill.edits, "pre-fill agreed")
    return edited(Layer(GOLD), edit), [edit]


def then(gold: Layer, applied: list[Edit], edit: Edit) -> Layer:
    applied.append(edit)
    return edited(gold, edit)


def entity_at(gold: Layer, needle: str) -> Span:
    return next(s for s in gold.spans.values() if s.layer == "entity" and (s.start, s.end) == at(needle))


def texts(fill: Fill) -> list[str]:
    return sorted(TEXT[e.span.start:e.span.end] for e in fill.edits if isinstance(e, AddSpan))


def test_prefill_on_an_empty_gold_adds_everything_agreed():
    gold, applied = prefilled()
    assert sorted(TEXT[s.start:s.end] for s in gold.spans.values()) == \
        ["Cairo", "Egypt", "Gaza", "Hamas", "Israel", "accused"]
    assert taken_out(gold, applied) == TakenOut()
    assert fill_agreed(gold, agreed(), taken_out(gold, applied)) == Fill([], 0)


def test_what_the_lead_deleted_rejected_rebounded_or_retyped_is_not_brought_back():
    gold, applied = prefilled()
    gold = then(gold, applied, delete_span_plan(gold, entity_at(gold, "Egypt").id))
    gold = then(gold, applied, reject(entity_at(gold, "Cairo")))
    gold = then(gold, applied, set_span_fields(entity_at(gold, "Gaza"), end=at("Gaza")[1] - 1))  # "Gaz"
    (event,) = gold.events.values()
    gold = then(gold, applied, set_event_fields(event, type="ASSAULT"))

    removed = taken_out(gold, applied)
    assert removed.entities == {at("Egypt"), at("Cairo"), at("Gaza")}
    assert removed.events == {(*at("accused"), "ACCUSE")}
    assert fill_agreed(gold, agreed(), removed) == Fill([], 4)
    # without the lead's history the old rule would put all four back
    assert texts(fill_agreed(gold, agreed())) == ["Cairo", "Egypt", "Gaza", "accused"]


def test_a_deletion_undone_is_not_a_decision():
    gold, applied = prefilled()
    deletion = delete_span_plan(gold, entity_at(gold, "Egypt").id)
    gold = edited(edited(gold, deletion), deletion.inverse())  # undone: off the undo stack
    assert taken_out(gold, applied) == TakenOut()


def test_an_agreed_event_comes_without_the_argument_whose_filler_the_lead_took_out():
    gold, applied = Layer(GOLD), []
    israel = Span(new_id(), *at("Israel"), "GPE", "entity", origin="human", status="accepted")
    gold = then(gold, applied, AddSpan(israel))  # the lead marks Israel by hand, then deletes it
    gold = then(gold, applied, delete_span_plan(gold, israel.id))
    removed = taken_out(gold, applied)
    assert removed == TakenOut(frozenset({at("Israel")}), frozenset())
    fill = fill_agreed(gold, agreed(), removed)
    (added,) = [e.event for e in fill.edits if isinstance(e, AddEvent)]
    assert [a.role for a in added.arguments] == ["source"]
    assert "Israel" not in texts(fill) and fill.withheld == 1


def test_the_first_pick_on_a_gold_the_lead_emptied_leaves_out_what_they_took_out():
    from annotator.agreement.adjudicate import settle

    one, two = annotator_layer("ann1"), annotator_layer("ann2")
    gaza_two = next(s for s in two.spans.values() if (s.start, s.end) == at("Gaza"))
    two.spans[gaza_two.id] = gaza_two.copy(label="LOC")
    result = auto_agree([one, two], text=TEXT)
    (conflict,) = result.conflicts
    gold, applied = Layer(GOLD), []
    egypt = Span(new_id(), *at("Egypt"), "GPE", "entity", origin="human", status="accepted")
    gold = then(gold, applied, AddSpan(egypt))
    gold = then(gold, applied, delete_span_plan(gold, egypt.id))  # gold is empty again
    settled = settle(gold, conflict, two, decided_by="lead", agreed=result.layer,
                     removed=taken_out(gold, applied))
    added = sorted(TEXT[e.span.start:e.span.end] for e in settled.batch.edits if isinstance(e, AddSpan))
    assert "Egypt" not in added and {"Gaza", "Hamas", "Israel", "Cairo"} <= set(added)


def _owned_by(name: str, drawn: bool, label: str = "ORG") -> Layer:
    """"Abu Dhabi TV is owned by Abu Dhabi Media.": two ORGs, and (drawn) the relation part_of
    between them, as a doccano relation project or a brat R line leaves it."""
    layer = Layer(name, "done")
    tv = layer.add_span(Span(new_id(), 0, 12, "ORG", origin="human", status="accepted"))
    media = layer.add_span(Span(new_id(), 25, 40, label, origin="human", status="accepted"))
    if drawn:
        tv.attrs["relations"] = [{"type": "part_of", "to": media.id}]
    return layer


def _gold_relations(gold: Layer) -> list[tuple[int, str, int]]:
    return [(first.start, rtype, second.start) for first, rtype, second in gold.span_relations()]


def test_a_relation_every_annotator_drew_reaches_gold_in_golds_own_ids():
    """Relations between entities (kept from doccano, Prodigy, brat) never reached gold."""
    from annotator.agreement.adjudicate import take_side

    agreed = auto_agree([_owned_by("ann1", True), _owned_by("ann2", True)])
    assert _gold_relations(agreed.layer) == [(0, "part_of", 25)] and not agreed.conflicts
    one_side = auto_agree([_owned_by("ann1", True), _owned_by("ann2", False)])
    assert _gold_relations(one_side.layer) == []
    # --prefer: the preferred annotator's relations between the spans gold holds, in gold's ids
    preferred = _owned_by("ann1", True, label="GPE")
    result = auto_agree([preferred, _owned_by("ann2", False)])
    assert take_side(result.layer, result.conflicts, preferred) == []
    assert _gold_relations(result.layer) == [(0, "part_of", 25)]
    ids = set(result.layer.spans)
    assert all(r["to"] in ids for s in result.layer.spans.values() for r in s.attrs.get("relations", []))


def test_an_agreed_relation_to_a_trigger_reaches_gold_too():
    """A brat R line may name an event's T: the relation waited for gold's triggers and was
    dropped when gold only held the entities."""
    from annotator.core.model import Event

    def drawn(name: str) -> Layer:
        layer = _owned_by(name, False)
        tv = next(s for s in layer.spans.values() if s.start == 0)
        trigger = layer.add_span(Span(new_id(), 16, 21, "AID", "trigger", origin="human", status="accepted"))
        layer.add_event(Event(new_id(), trigger.id, "AID", origin="human", status="accepted"))
        tv.attrs["relations"] = [{"type": "Cause", "to": trigger.id}]
        return layer

    gold = auto_agree([drawn("ann1"), drawn("ann2")]).layer
    assert _gold_relations(gold) == [(0, "Cause", 16)]
