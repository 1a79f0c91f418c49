"""What is sent to the model: the system prompt built from the project's scheme, a few worked
examples from accepted annotations, and the text cut into chunks within `max_chars`.

`PROMPT_VERSION` names the wording of the instructions and of the reply format; it is part of
the reply cache's key, so change it whenever the text below changes in a way that would change
the answers. The worked examples are not part of the key (new gold would otherwise throw the
cache away): `--llm-refresh` asks again with the newest examples.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...core.model import Layer
from ...core.sentences import paragraphs, sentences

if TYPE_CHECKING:
    from ...core.scheme import Scheme
    from ...store import Project

PROMPT_VERSION = "events-v1"
EXAMPLE_ROLES = ("source", "target", "location", "date")  # the roles the reply format carries
CODED_LABELS = ("PERSON", "ORG", "GPE", "NORP")  # the entity labels that take an actor code
MAX_EXAMPLES = 3

@dataclass(frozen=True)
class Chunk:
    start: int  # offset of the chunk in the document text
    text: str  # exactly text[start : start + len(text)]


@dataclass(frozen=True)
class Example:
    doc_id: int
    text: str  # the sentence shown to the model
    reply: str  # the reply we would want for it (JSON)


# ---------------------------------------------------------------------- chunks
def _hard_split(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """A run longer than max_chars, cut at the last whitespace before the limit (or at the limit)."""
    out = []
    while end - start > max_chars:
        cut = text.rfind(" ", start + 1, start + max_chars)
        cut = cut if cut > start else start + max_chars
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out


def chunk_text(text: str, max_chars: int) -> list[Chunk]:
    """Consecutive paragraphs packed into chunks of at most `max_chars` characters; a longer
    paragraph goes by sentences, a longer sentence is cut at a space."""
    max_chars = max(1, int(max_chars))
    units: list[tuple[int, int]] = []
    for a, b in paragraphs(text):
        if b - a <= max_chars:
            units.append((a, b))
            continue
        for c, d in sentences(text, a, b):
            units.extend([(c, d)] if d - c <= max_chars else _hard_split(text, c, d, max_chars))
    chunks: list[Chunk] = []
    current: tuple[int, int] | None = None
    for a, b in units:
        if current is not None and b - current[0] <= max_chars:
            current = (current[0], b)
            continue
        if current is not None:
            chunks.append(Chunk(current[0], text[current[0]:current[1]]))
        current = (a, b)
    if current is not None:
        chunks.append(Chunk(current[0], text[current[0]:current[1]]))
    return chunks


# ---------------------------------------------------------------------- the system prompt
def system_prompt(scheme: Scheme) -> str:
    lines = [
        "You annotate news text for a political-event corpus. Find the events (PLOVER event types) "
        "and the actors and other entities taking part in them (entity labels, CAMEO actor codes).",
        "",
        "EVENT TYPES (type: description; modes in brackets, use one only when the text says so, else null):",
    ]
    for label in scheme.events:
        modes = f" [modes: {', '.join(f'{m.name} = {m.description}' for m in label.modes)}]" if label.modes else ""
        lines.append(f"- {label.name}: {label.description}{modes}")
    lines += ["", "ENTITY LABELS:"]
    lines += [f"- {label.name}: {label.description}" for label in scheme.entities]
    lines += ["", "ARGUMENT ROLES of an event:"]
    for role in scheme.roles:
        if role.name in EXAMPLE_ROLES:
            lines.append(f"- {role.name}: {role.description}")
    lines += [
        "",
        "ACTOR CODES (CAMEO style): a country's ISO 3166 alpha-3 code (ISR, USA, LBN, PSE), followed by role "
        "blocks for the part of it that acts, e.g. ISRGOV = Israeli government, IRNMIL = Iranian military. "
        "Role blocks: " + ", ".join(f"{code} ({desc.split(':')[0].split('(')[0].strip()})"
                                    for code, desc in scheme.actor_roles.items()) + ".",
    ]
    if scheme.actor_codes:
        lines.append("Complete codes: " + ", ".join(f"{code} = {desc.split('(')[0].strip()}"
                                                   for code, desc in scheme.actor_codes.items()) + ".")
    lines += [
        f"Give an actor_code to {', '.join(CODED_LABELS[:-1])} and {CODED_LABELS[-1]} entities when you know "
        "it, else null.",
        "",
        "REPLY with one JSON object and nothing else:",
        '{"events": [{"quote": "...", "trigger": "...", "type": "...", "mode": null, "source": "...", '
        '"target": "...", "location": null, "date": null}], '
        '"entities": [{"quote": "...", "text": "...", "label": "...", "actor_code": null}]}',
        "Rules:",
        "- quote: an exact, character-for-character copy of the sentence or clause of the text that holds the "
        "item (do not fix spelling, do not shorten with ...).",
        "- trigger, source, target, location, date and text: exact words copied from inside that quote.",
        "- trigger: the few words that say what happened (\"met\", \"launched airstrikes\"), never an actor.",
        "- type and label: one of the names listed above, nothing else.",
        "- source, target, location, date: null when the text does not name them; each one named must also "
        "appear in entities.",
        "- List every entity that takes part in an event; an event with no actor named is still listed.",
        '- Nothing found: {"events": [], "entities": []}.',
    ]
    return "\n".join(lines)


def user_message(text: str) -> str:
    return f"Text:\n{text}"


def messages(scheme_prompt: str, text: str, examples: list[Example], doc_id: int | None = None) -> list[dict[str, str]]:
    """The chat for one chunk: the system prompt, up to MAX_EXAMPLES worked examples (never
    from the document being annotated) as user/assistant turns, then the chunk."""
    chat = [{"role": "system", "content": scheme_prompt}]
    for example in [e for e in examples if e.doc_id != doc_id][:MAX_EXAMPLES]:
        chat.append({"role": "user", "content": user_message(example.text)})
        chat.append({"role": "assistant", "content": example.reply})
    chat.append({"role": "user", "content": user_message(text)})
    return chat


# ---------------------------------------------------------------------- worked examples
def example_from_layer(doc_id: int, text: str, layer: Layer) -> Example | None:
    """The sentence with the most accepted events of `layer`, and the reply describing them
    (only accepted spans and events; arguments outside the sentence are left out)."""
    spans = {sid: s for sid, s in layer.spans.items() if s.status == "accepted"}
    events = [e for e in layer.events.values() if e.status == "accepted" and e.trigger in spans]
    best: tuple[int, int, int] | None = None
    best_count = 0
    for a, b in sentences(text):
        count = sum(1 for e in events if a <= spans[e.trigger].start and spans[e.trigger].end <= b)
        if count > best_count:
            best, best_count = (a, b, count), count
    if best is None:
        return None
    a, b, _ = best
    quote = text[a:b]

    def inside(span_id: int) -> bool:
        span = spans.get(span_id)
        return span is not None and a <= span.start and span.end <= b

    reply_events: list[dict[str, Any]] = []
    for event in sorted(events, key=lambda e: spans[e.trigger].start):
        trigger = spans[event.trigger]
        if not inside(event.trigger):
            continue
        item: dict[str, Any] = {"quote": quote, "trigger": trigger.text_in(text), "type": event.type,
                                "mode": event.mode}
        for role in EXAMPLE_ROLES:
            fillers = [spans[s].text_in(text) for s in event.spans_in_role(role) if inside(s)]
            item[role] = fillers[0] if fillers else None
        reply_events.append(item)
    reply_entities = [{"quote": quote, "text": s.text_in(text), "label": s.label, "actor_code": s.actor_code}
                      for s in sorted(spans.values(), key=lambda s: (s.start, s.end))
                      if s.layer == "entity" and a <= s.start and s.end <= b]
    reply = json.dumps({"events": reply_events, "entities": reply_entities}, ensure_ascii=False)
    return Example(doc_id, quote, reply)


def load_examples(project: Project, limit: int = MAX_EXAMPLES + 1) -> list[Example]:
    """Worked examples from accepted annotations (gold first, then layers marked done), one per
    document, at most `limit` (one more than a prompt uses, so a document never sees itself and
    still gets MAX_EXAMPLES)."""
    from ...store.examples import accepted_event_layers

    examples = []
    for doc_id, name in accepted_event_layers(project, limit=limit * 3):
        example = example_from_layer(doc_id, project.document(doc_id).text, project.layer(doc_id, name))
        if example is not None:
            examples.append(example)
        if len(examples) >= limit:
            break
    return examples
