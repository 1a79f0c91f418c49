"""A two-sentence document two annotators coded alike but for one label, for adjudication tests."""

from __future__ import annotations

from annotator.core.ids import new_id
from annotator.core.model import Argument, Event, Layer, Span

TEXT = "Hamas accused Israel of shelling Gaza. Egypt urged calm in Cairo."


def at(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def annotator_layer(name: str, gaza: str = "GPE") -> Layer:
    """Every entity, and an ACCUSE event (Hamas source, Israel target), accepted and done; Gaza
    labelled `gaza` (two annotators who differ there have one conflict)."""
    layer = Layer(name, "done")

    def span(needle: str, label: str, kind: str = "entity") -> Span:
        return layer.add_span(Span(new_id(), *at(needle), label, kind, origin="human", status="accepted"))

    hamas, israel = span("Hamas", "ORG"), span("Israel", "GPE")
    span("Gaza", gaza)
    span("Egypt", "GPE")
    span("Cairo", "GPE")
    accused = span("accused", "ACCUSE", "trigger")
    layer.add_event(Event(new_id(), accused.id, "ACCUSE", "allege", origin="human", status="accepted",
                          arguments=[Argument("source", hamas.id), Argument("target", israel.id)]))
    return layer
