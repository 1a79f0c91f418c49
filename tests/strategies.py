"""Hypothesis strategies for documents, layers and edit sequences (shared by tests)."""

from __future__ import annotations

from hypothesis import strategies as st

from annotator.core import (
    AnnotatedDocument,
    Argument,
    Document,
    Event,
    Layer,
    Span,
    default_scheme,
)
from annotator.core.ids import GENERATED_FLOOR

SCHEME = default_scheme()
ENTITY_LABELS = SCHEME.entity_names()
EVENT_TYPES = SCHEME.event_names()

# Text with non-ASCII, astral characters (emoji), CRLF and markup-looking content.
TEXT_ALPHABET = st.sampled_from(list("abc XYZ\n\r\t.,é中") + ["😀", "🇮🇱", "<b>", "\u00a0", "’"])
texts = st.lists(TEXT_ALPHABET, min_size=0, max_size=40).map("".join)
_ids = st.integers(min_value=GENERATED_FLOOR, max_value=2**62)  # as the app writes them (`core.ids.kept_from_file`)


@st.composite
def layers(draw, text: str, annotator: str) -> Layer:
    layer = Layer(annotator, draw(st.sampled_from(["todo", "in_progress", "done", "skipped"])))
    n = len(text)
    if n == 0:
        return layer
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, n - 1))
        end = draw(st.integers(start + 1, n))
        is_trigger = draw(st.booleans())
        span = Span(
            id=draw(_ids.filter(lambda i: i not in layer.spans)),
            start=start,
            end=end,
            label=draw(st.sampled_from(EVENT_TYPES if is_trigger else ENTITY_LABELS)),
            layer="trigger" if is_trigger else "entity",
            actor_code=draw(st.none() | st.sampled_from(["ISRGOV", "USA", "LBNREB"])),
            origin=draw(st.sampled_from(["model", "human", "import"])),
            # No rejected span: exports leave them out (core/integrity.py), and round trips compare.
            status=draw(st.sampled_from(["suggested", "accepted"])),
        )
        layer.add_span(span)
    entities = [s for s in layer.spans.values() if s.layer == "entity"]
    for trigger in [s for s in layer.spans.values() if s.layer == "trigger"]:
        if not draw(st.booleans()):
            continue
        args = []
        free = list(entities)  # one span fills at most one role of an event
        for role in ("source", "target", "location", "date", "other"):
            if free and draw(st.booleans()):
                chosen = draw(st.sampled_from(free))
                free.remove(chosen)
                args.append(Argument(role, chosen.id))
        event_type = trigger.label
        modes = SCHEME.event(event_type).mode_names()
        layer.add_event(Event(
            id=draw(_ids.filter(lambda i: i not in layer.events)),
            trigger=trigger.id,
            type=event_type,
            mode=draw(st.none() | st.sampled_from(modes)) if modes else None,
            negated=draw(st.booleans()),
            arguments=args,
        ))
    return layer


@st.composite
def annotated_documents(draw) -> AnnotatedDocument:
    text = draw(texts)
    names = draw(st.lists(st.sampled_from(["ann1", "ann2", "gold", "model"]), unique=True, max_size=3))
    doc = Document(
        text=text,
        ext_id=draw(st.none() | st.text(st.characters(min_codepoint=48, max_codepoint=122), min_size=1, max_size=8)),
        title=draw(st.text(max_size=10).filter(lambda t: "\x00" not in t and not any(0xD800 <= ord(c) <= 0xDFFF for c in t))),
        meta=draw(st.dictionaries(st.sampled_from(["a", "b", "ü"]), st.integers() | st.text(max_size=3), max_size=2)),
    )
    return AnnotatedDocument(doc, [draw(layers(text, name)) for name in names])


def unique_corpus(docs: list[AnnotatedDocument]) -> list[AnnotatedDocument]:
    """Drop documents that the importer would treat as duplicates (same id, or same text w/o id)."""
    seen_ids, seen_texts, out = set(), set(), []
    for doc in docs:
        key_id = doc.document.ext_id
        if key_id is not None:
            if key_id in seen_ids:
                continue
            seen_ids.add(key_id)
        else:
            if doc.document.text in seen_texts:
                continue
        seen_texts.add(doc.document.text)
        out.append(doc)
    # Span/event ids must be unique across the corpus for a lossless round trip.
    used: set[int] = set()
    result = []
    for doc in out:
        ids = {i for layer in doc.layers for i in (*layer.spans, *layer.events)}
        if ids & used:
            continue
        used |= ids
        result.append(doc)
    return result
