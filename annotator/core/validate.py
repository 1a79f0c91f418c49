"""Checks that annotations fit their text and the project's scheme.

Used by importers (bad files are refused before anything is written) and by the
store when it applies an edit.
"""

from __future__ import annotations

from typing import Any, Iterator

from .errors import InputError
from .integrity import event_problems
from .model import DOC_STATES, LAYERS, ORIGINS, ROLES, STATUSES, AnnotatedDocument, Document, Event, Layer, Span
from .scheme import Scheme


def check_span(span: Span, text_len: int, scheme: Scheme | None) -> None:
    if not isinstance(span.start, int) or not isinstance(span.end, int) or isinstance(span.start, bool):
        raise InputError(f"span offsets must be integers, got {span.start!r}, {span.end!r}")
    if not 0 <= span.start < span.end <= text_len:
        raise InputError(
            f"span [{span.start}, {span.end}) is outside the text (length {text_len}) or empty/reversed"
        )
    if span.layer not in LAYERS:
        raise InputError(f"span layer {span.layer!r} is not one of {', '.join(LAYERS)}")
    if span.origin not in ORIGINS:
        raise InputError(f"span origin {span.origin!r} is not one of {', '.join(ORIGINS)}")
    if span.status not in STATUSES:
        raise InputError(f"span status {span.status!r} is not one of {', '.join(STATUSES)}")
    if not isinstance(span.label, str) or not span.label:
        raise InputError("span label must be a non-empty string")
    if scheme is not None and scheme.label(span.layer, span.label) is None:
        kind = "entity label" if span.layer == "entity" else "event type"
        raise InputError(f"{kind} {span.label!r} is not in the scheme {scheme.name!r}",
                         hint="add it to the scheme, or import with --add-labels")
    if span.actor_code is not None and not isinstance(span.actor_code, str):
        raise InputError(f"actor_code must be a string or null, got {span.actor_code!r}")
    check_storable([span.label, span.actor_code, span.attrs], f"span [{span.start}, {span.end})")


def check_event(event: Event, spans: dict[int, Span], scheme: Scheme | None) -> None:
    trigger = spans.get(event.trigger)
    if trigger is None:
        raise InputError(f"event {event.id}: its trigger span {event.trigger} does not exist")
    if trigger.layer != "trigger":
        raise InputError(f"event {event.id}: span {event.trigger} is an entity, not a trigger")
    if event.origin not in ORIGINS or event.status not in STATUSES:
        raise InputError(f"event {event.id}: bad origin/status {event.origin!r}/{event.status!r}")
    check_storable([event.type, event.mode, event.context, event.attrs], f"event {event.id}")
    if scheme is not None:
        etype = scheme.event(event.type)
        if etype is None:
            raise InputError(f"event type {event.type!r} is not in the scheme {scheme.name!r}",
                             hint="add it to the scheme, or import with --add-labels")
        if event.mode is not None and event.mode not in etype.mode_names():
            # (a type without modes takes none: the window offers none to see or change it by)
            raise InputError(
                f"mode {event.mode!r} is not a mode of {event.type} "
                f"({', '.join(etype.mode_names()) or 'it has none'})",
                hint="add it to the type's modes in the scheme, or leave the mode out")
        if event.context is not None and scheme.contexts and event.context not in scheme.contexts:
            raise InputError(f"context {event.context!r} is not one of the scheme's contexts "
                             f"({', '.join(scheme.contexts)})")
        roles = scheme.role_names()
        for argument in event.arguments:
            if argument.role in ROLES and argument.role not in roles:
                raise InputError(f"event {event.id}: the scheme {scheme.name!r} has no role {argument.role!r} "
                                 f"({', '.join(roles)}): the window could neither show nor clear it")
    seen = set()
    for argument in event.arguments:
        if argument.role not in ROLES:
            raise InputError(f"event {event.id}: role {argument.role!r} is not one of {', '.join(ROLES)}")
        if argument.span_id not in spans:
            raise InputError(f"event {event.id}: its {argument.role} span {argument.span_id} does not exist")
        if (argument.role, argument.span_id) in seen:
            raise InputError(f"event {event.id}: span {argument.span_id} is {argument.role} twice")
        seen.add((argument.role, argument.span_id))
    for problem in event_problems(event, Layer("", spans=spans)):  # the rules of core/integrity.py
        raise InputError(problem.describe(), hint=_MENDED_BY.get(problem.rule))


# How a file breaking a span–event rule is mended (the store keeps them after every edit; a
# project holding such a layer fails `annotator check`, and agreement and evaluation read it
# differently)
_MENDED_BY = {"rejected-trigger": "reject the event too, or accept its trigger",
              "rejected-argument": "take the span out of the event's arguments, or accept it"}


def check_layer(layer: Layer, text_len: int, scheme: Scheme | None) -> None:
    if not isinstance(layer.annotator, str) or not layer.annotator.strip():
        raise InputError("annotation layer needs an annotator name")
    if layer.state not in DOC_STATES:
        raise InputError(f"state {layer.state!r} is not one of {', '.join(DOC_STATES)}")
    for span in layer.spans.values():
        check_span(span, text_len, scheme)
    triggers: set[int] = set()
    for event in layer.events.values():
        check_event(event, layer.spans, scheme)
        triggers.add(event.trigger)


FRAME_MARKERS = ("\ufdd0", "\ufdd1")  # check_shown_text


def check_text(value: str, what: str) -> None:
    """Text must be storable exactly: no NUL characters, no lone surrogates."""
    if "\x00" in value:
        raise InputError(f"{what} contains a NUL character (\\u0000)", hint="remove it; it is not text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{what} contains a lone surrogate (\\u{ord(value[exc.start]):04x} at character {exc.start}), "
            "which is not valid Unicode"
        ) from None


def check_storable(value: Any, what: str) -> None:
    """Every string inside `value` (dict keys too) must be valid Unicode: a lone surrogate
    (JSON "\\ud800") cannot be stored as UTF-8 and would crash the write."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputError(
                f"{what} contains a lone surrogate (\\u{ord(value[exc.start]):04x}), which is not valid Unicode"
            ) from None
    elif isinstance(value, dict):
        for key, item in value.items():
            check_storable(key, what)
            check_storable(item, what)
    elif isinstance(value, (list, tuple)):
        for item in value:
            check_storable(item, what)


def check_shown_text(value: str) -> None:
    """A document's text must be shown exactly too: U+FDD0 and U+FDD1 are Unicode noncharacters
    Qt's text document keeps for its own frames; shown, one breaks the paragraph there and every
    highlight after it is misplaced."""
    for marker in FRAME_MARKERS:
        if marker in value:
            raise InputError(f"the text contains \\u{ord(marker):04x} at character {value.index(marker)}, a "
                             "Unicode noncharacter (not text) that the window would take for a paragraph break",
                             hint="remove it")


def check_document(d: Document) -> None:
    """The document's own fields can be stored exactly (text, title, id, source, date, meta)."""
    if not isinstance(d.text, str):
        raise InputError("document text must be a string")
    check_text(d.text, "the text")
    check_shown_text(d.text)
    if d.title:
        check_text(d.title, "the title")
    if d.ext_id is not None:
        check_storable(d.ext_id, "the id")
    if d.source is not None:
        check_storable(d.source, "the source")
    if d.published is not None:
        check_storable(d.published, "the published date")
    if d.meta:
        check_storable(d.meta, "the meta data")


def check_annotated(doc: AnnotatedDocument, scheme: Scheme | None) -> None:
    check_document(doc.document)
    if not doc.layers:
        return
    for layer in doc.layers:
        check_storable(layer.annotator, "the annotator name")
    names = [layer.annotator for layer in doc.layers]
    if len(names) != len(set(names)):
        raise InputError("the same annotator appears twice in one document")
    for layer in doc.layers:
        check_layer(layer, len(doc.document.text), scheme)


def unknown_labels(doc: AnnotatedDocument, scheme: Scheme) -> tuple[set[str], set[str]]:
    """Entity labels and event types used in `doc` that the scheme lacks."""
    entities: set[str] = set()
    events: set[str] = set()
    for _item, is_entity, label in _unknown(doc, scheme):
        (entities if is_entity else events).add(label)
    return entities, events


def items_with_unknown_labels(doc: AnnotatedDocument, scheme: Scheme) -> list[tuple[str, int]]:
    """("span" | "event", id) of every item whose label or type the scheme lacks (the keys of
    `AnnotatedDocument.item_lines`)."""
    return [item for item, _is_entity, _label in _unknown(doc, scheme)]


def _unknown(doc: AnnotatedDocument, scheme: Scheme) -> Iterator[tuple[tuple[str, int], bool, str]]:
    """(item, whether its label is an entity label, the label) of each item the scheme lacks: an
    entity span's label, a trigger span's or an event's type."""
    for layer in doc.layers:
        for span in layer.spans.values():
            if span.layer == "entity" and scheme.entity(span.label) is None:
                yield ("span", span.id), True, span.label
            elif span.layer == "trigger" and scheme.event(span.label) is None:
                yield ("span", span.id), False, span.label
        for event in layer.events.values():
            if scheme.event(event.type) is None:
                yield ("event", event.id), False, event.type
