"""Plain-text descriptions of spans for tooltips and the inspector (never rich text)."""

from __future__ import annotations

import unicodedata

from ..core.model import Layer, Span
from ..core.scheme import Scheme

MAX_QUOTE = 80


def quote(text: str) -> str:
    text = " ".join(text.split())
    text = text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1] + "…"
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text):
        # Hebrew or Arabic: isolated (FSI ... PDI) after a left-to-right mark, or a label that
        # starts with it is laid out right to left and "“…”  [109, 117)" shows as "(117 ,109]  “…”"
        return f"\u200e“\u2068{text}\u2069”"
    return f"“{text}”"


def span_tooltip(span: Span, layer: Layer, text: str, scheme: Scheme) -> str:
    kind = "event trigger" if span.layer == "trigger" else "entity"
    lines = [f"{span.label} ({kind}) · {span.status}, from {span.origin}", quote(span.text_in(text))]
    if span.actor_code:
        lines.append(f"actor code: {span.actor_code} — {scheme.actor_code_description(span.actor_code)}")
    if span.layer == "trigger":
        event = layer.event_of_trigger(span.id)
        if event is not None:
            if event.mode:
                lines.append(f"mode: {event.mode}")
            for argument in event.arguments:
                filler = layer.spans.get(argument.span_id)
                if filler is not None:
                    lines.append(f"{argument.role}: {quote(filler.text_in(text))}")
    else:
        roles = [f"{a.role} of {e.type}" for e in layer.events.values() for a in e.arguments
                 if a.span_id == span.id]
        if roles:
            lines.append("is " + ", ".join(roles))
    label = scheme.label(span.layer, span.label)
    if label is not None and label.description:
        lines.append(label.description)
    return "\n".join(lines)
