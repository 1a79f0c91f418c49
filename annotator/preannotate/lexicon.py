"""The PLOVER trigger lexicon: lemma patterns expanded to every inflected form.

The lexicon (resources/lexicons/plover_triggers.json) is written in lemmas ("launch~V ?DET
airstrike~N"); lemminflect generates the inflected forms once, at load time, and the
patterns match on LOWER. So the pipeline needs no lemmatizer tables at run time (no
spacy-lookups-data): matching is one hash lookup per token, deterministic and English-only.
No spaCy import here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from ..core.resources import resource_path

LEXICON_FILE = "lexicons/plover_triggers.json"

# What an optional "?DET" slot may hold (one word: "imposed new sanctions"; "launched a
# new airstrike" and "launched a series of" are deliberately not covered).
DETERMINERS = ("a", "an", "the", "its", "their", "his", "her", "our", "new", "fresh", "further",
               "more", "several", "additional", "multiple", "all", "some", "any", "remaining", "those")


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry group: an event type and optional mode."""

    type: str
    mode: str | None

    @property
    def key(self) -> str:
        return f"{self.type}|{self.mode or ''}"


@dataclass
class Lexicon:
    # phrase patterns for the SpanRuler (label = event type, id = Trigger.key)
    patterns: list[dict[str, Any]] = field(default_factory=list)
    phrases: set[str] = field(default_factory=set)
    keys: dict[str, str] = field(default_factory=dict)  # phrase -> pattern id (Trigger.key)
    triggers: dict[str, Trigger] = field(default_factory=dict)  # pattern id -> Trigger
    lemma_of: dict[str, str] = field(default_factory=dict)  # lower-case form -> lemma
    types: set[str] = field(default_factory=set)
    # Phrases from patterns with a verb slot ("launch~V ...") and from the others (nouns:
    # "airstrike~N", "unrest"). A phrase in both ("attack") is resolved in context by the decider.
    verbal: set[str] = field(default_factory=set)
    nominal: set[str] = field(default_factory=set)
    # Verb frames ("sign" + an agreement noun -> SUPPORT): pattern id "FRAME|<verb>" -> the
    # (object forms, trigger) pairs that type the verb by its object (frames.py).
    frames: dict[str, list[tuple[frozenset[str], Trigger]]] = field(default_factory=dict)
    # Frame verbs whose object follows a preposition ("spoke with/to" + the president): pattern
    # id -> the prepositions.
    frame_preps: dict[str, frozenset[str]] = field(default_factory=dict)

    def trigger(self, key: str) -> Trigger:
        return self.triggers[key]

    def lemma(self, words: list[str]) -> str:
        return " ".join(self.lemma_of.get(w, w) for w in words)


def inflections(word: str, pos: str) -> list[str]:
    """All forms of `word` as a verb (pos 'V') or noun ('N'), the lemma first."""
    from lemminflect import getAllInflections, getAllInflectionsOOV

    upos = {"V": "VERB", "N": "NOUN"}[pos]
    table = getAllInflections(word, upos=upos) or getAllInflectionsOOV(word, upos=upos)
    forms = [word]
    for values in table.values():
        forms += [f.lower() for f in values if f.lower() not in forms]
    return forms


def _slot(text: str, lemma_of: dict[str, str]) -> list[str]:
    """The words one slot of a pattern can be ("" when it is optional)."""
    optional = text.startswith("?")
    if optional:
        text = text[1:]
    if text == "DET":
        return ["", *DETERMINERS]
    forms: list[str] = []
    for alternative in text.split("|"):
        word, _, pos = alternative.partition("~")
        word = word.lower()
        expanded = inflections(word, pos) if pos else [word]
        for form in expanded:
            lemma_of.setdefault(form, word)
        forms += [f for f in expanded if f not in forms]
    forms += [HYPHENATED[f] for f in forms if f in HYPHENATED]  # "cease - fire" as well as "ceasefire"
    return ["", *forms] if optional else forms


def expand(text: str, lemma_of: dict[str, str]) -> list[str]:
    """Every phrase a pattern stands for ("launch~V ?DET airstrike~N" -> "launched airstrikes",
    "launches an airstrike", ...). Phrases feed a PhraseMatcher on LOWER: one hash lookup per
    token, far faster than token patterns with IN sets."""
    phrases = [""]
    for part in text.split():
        phrases = [f"{p} {w}".strip() for p in phrases for w in _slot(part, lemma_of)]
    return [p for p in phrases if p]


# Words news spells either closed or hyphenated (AP writes "cease-fire", others "air-strike",
# "shoot-out"); the tokenizer splits at the hyphen, so a pattern's slot matches the hyphenated
# spelling as three words, and `closed_compound` reads the three tokens back as the one word.
HYPHENATED = {closed: f"{head} - {tail}" for closed, head, tail in (
    ("ceasefire", "cease", "fire"), ("ceasefires", "cease", "fires"), ("airstrike", "air", "strike"),
    ("airstrikes", "air", "strikes"), ("crackdown", "crack", "down"), ("crackdowns", "crack", "downs"),
    ("walkout", "walk", "out"), ("walkouts", "walk", "outs"), ("shootout", "shoot", "out"),
    ("shootouts", "shoot", "outs"), ("firefight", "fire", "fight"), ("firefights", "fire", "fights"),
    ("gunfight", "gun", "fight"), ("gunfights", "gun", "fights"), ("teargas", "tear", "gas"))}


SPLIT_COMPOUNDS = {tuple(split.split(" ")): closed for closed, split in HYPHENATED.items()}


def closed_compound(doc: Any, i: int) -> str | None:
    """The closed spelling ("ceasefire") of the hyphenated compound the tokenizer split ("cease",
    "-", "fire") whose first or last word is token i, else None. Works on any token sequence."""
    for start in (i, i - 2):
        if 0 <= start and start + 2 < len(doc):
            closed = SPLIT_COMPOUNDS.get((doc[start].lower_, doc[start + 1].text, doc[start + 2].lower_))
            if closed is not None:
                return closed
    return None


def parse(data: dict[str, Any], source: str = LEXICON_FILE) -> Lexicon:
    lexicon = Lexicon()
    owner: dict[str, str] = {}  # phrase -> trigger key, to catch contradictions
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise InputError(f"{source}: 'entries' must be a list")
    for number, entry in enumerate(entries, 1):
        try:
            trigger = Trigger(str(entry["type"]), entry.get("mode"))
            patterns = list(entry["patterns"])
        except (KeyError, TypeError):
            raise InputError(f"{source}: entry {number} needs 'type' and 'patterns'") from None
        lexicon.triggers[trigger.key] = trigger
        lexicon.types.add(trigger.type)
        for text in patterns:
            kind = lexicon.verbal if "~V" in text else lexicon.nominal
            for phrase in expand(text, lexicon.lemma_of):
                kind.add(phrase)
                known = owner.setdefault(phrase, trigger.key)
                if known != trigger.key:
                    raise InputError(f"{source}: {phrase!r} is both {known} and {trigger.key}")
                if known == trigger.key and phrase in lexicon.phrases:
                    continue
                lexicon.phrases.add(phrase)
                lexicon.keys[phrase] = trigger.key
                lexicon.patterns.append({"label": trigger.type, "id": trigger.key, "pattern": phrase})
    _parse_frames(data.get("frames", []), lexicon, owner, source)
    return lexicon


FRAME = "FRAME"


# A frame object that is a kind of named entity rather than a noun: "released Viktor Bout"
# (@PERSON), "captured Shusha" (@PLACE); frames.py reads them on the parse's object only.
# Entity label -> the frame object it stands for.
ENTITY_KINDS = {"PERSON": "@PERSON", "GPE": "@PLACE", "LOC": "@PLACE", "FAC": "@PLACE"}
ENTITY_OBJECTS = frozenset(ENTITY_KINDS.values())


def _parse_frames(frames: Any, lexicon: Lexicon, owner: dict[str, str], source: str) -> None:
    """Verb frames: a verb whose event type its object decides ("signed a maritime border
    agreement", "imposed new economic sanctions"), where a fixed phrase with one optional
    word cannot reach the noun. The verb's forms that no phrase owns become candidates with the
    id "FRAME|<verb>"; frames.py types or drops them."""
    if not isinstance(frames, list):
        raise InputError(f"{source}: 'frames' must be a list")
    for number, frame in enumerate(frames, 1):
        try:
            verb = str(frame["verb"]).lower()
            trigger = Trigger(str(frame["type"]), frame.get("mode"))
            objects = list(frame["objects"])
            listed = frame.get("prepositions", [])
        except (KeyError, TypeError):
            raise InputError(f"{source}: frame {number} needs 'verb', 'type' and 'objects'") from None
        if not isinstance(listed, list):
            raise InputError(f"{source}: frame {number}: 'prepositions' must be a list")
        prepositions = frozenset(str(word).lower() for word in listed)
        lexicon.triggers.setdefault(trigger.key, trigger)
        lexicon.types.add(trigger.type)
        unknown = [word for word in objects if str(word).startswith("@") and word not in ENTITY_OBJECTS]
        if unknown:
            raise InputError(f"{source}: frame {number}: unknown entity object {unknown[0]!r} "
                             f"(known: {', '.join(sorted(ENTITY_OBJECTS))})")
        forms = frozenset(form for word in objects
                          for form in ([word] if word in ENTITY_OBJECTS else inflections(word.lower(), "N")))
        key = f"{FRAME}|{verb}"
        if prepositions:
            lexicon.frame_preps[key] = lexicon.frame_preps.get(key, frozenset()) | prepositions
        known = lexicon.frames.setdefault(key, [])
        known.append((forms, trigger))
        if len(known) > 1:
            continue
        for phrase in inflections(verb, "V"):
            lexicon.lemma_of.setdefault(phrase, verb)
            if phrase in owner or phrase in lexicon.phrases:
                continue  # a bare form with its own entry ("withdraw") keeps it
            owner[phrase] = key
            lexicon.phrases.add(phrase)
            lexicon.verbal.add(phrase)
            lexicon.patterns.append({"label": FRAME, "id": key, "pattern": phrase})


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    file = Path(path) if path else resource_path(LEXICON_FILE)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the trigger lexicon {file}: {exc}") from None
    return parse(data, str(file))
