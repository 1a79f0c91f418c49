"""Events from trigger spans: type and mode from the lexicon, arguments within the sentence.

With a dependency parse (a trained pipeline with a parser) the tree decides first:
nsubj -> source, nsubjpass -> target, agent/"by" -> source, dobj -> target, the object of
"against", "on", "to", "at", "with", "toward(s)", "into" -> target, a possessive of a noun
trigger ("Israel's attack") -> source. Whatever the tree leaves empty, and everything when
there is no parse, the positional heuristics fill (docs/preannotation.md):

- source: an actor after the trigger introduced by "by"/"from" ("assaults from Hezbollah"),
  else the nearest actor before the trigger in the sentence that is not the object of a
  preposition;
- target: among the actors after the trigger, before the next trigger of the sentence or a
  clause break ("; ", ", and", ", but", "while", ", <verb>ing"), the first introduced by a target
  preposition, else the first one;
- date: the nearest DATE in the sentence; location: the nearest GPE/LOC/FAC introduced by
  "in", "at", "near" ... in the sentence.
Actors are PERSON, ORG, GPE and NORP entities that are not modifiers of a person ("Israeli"
in "Israeli Prime Minister Benjamin Netanyahu"). A negation word up to three tokens before
the trigger marks the event negated.

The result is stored on the Doc (`doc.user_data[EVENTS_KEY]`, one record per trigger span,
arguments as indexes into `doc.ents`) so it survives `nlp.pipe(n_process>1)`.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from .actors import MODIFIERS_KEY
from .lexicon import Lexicon

EVENTS_KEY = "annotator.events"
TRIGGERS_KEY = "triggers"
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATION_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout"})
TARGET_PREPS = frozenset({"against", "on", "to", "at", "with", "toward", "towards", "into", "upon"})
SOURCE_PREPS = frozenset({"by", "from"})
OBJECT_PREPS = TARGET_PREPS | SOURCE_PREPS | LOCATION_PREPS | {"of", "for", "over", "about"}
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
SKIP_BEFORE = frozenset({"the", "a", "an"})
CLAUSE_WORDS = frozenset({"while", "whereas", "although", "though"})


class EventBuilder:
    """spaCy component: one event record per trigger span (see module docstring)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Any) -> Any:
        triggers = doc.spans.get(TRIGGERS_KEY, [])
        if not len(triggers):
            doc.user_data[EVENTS_KEY] = []
            return doc
        ents = list(doc.ents)
        modifiers = set(doc.user_data.get(MODIFIERS_KEY, ()))
        sent_starts = [s.start for s in doc.sents]
        token_ent = [-1] * len(doc)
        info = []
        by_sent: dict[int, list[int]] = {}
        for index, ent in enumerate(ents):
            for i in range(ent.start, ent.end):
                token_ent[i] = index
            sent = bisect_right(sent_starts, ent.start) - 1
            by_sent.setdefault(sent, []).append(index)
            info.append((ent.start, ent.end, ent.label_, _prep_before(doc, ent.start), ent.start in modifiers))
        trigger_starts: dict[int, list[int]] = {}
        for t in triggers:
            trigger_starts.setdefault(bisect_right(sent_starts, t.start) - 1, []).append(t.start)
        has_tree = doc.has_annotation("DEP")
        lemma_of = self.lexicon.lemma_of
        records = []
        for t in triggers:
            trigger = self.lexicon.triggers.get(t.id_)
            words = [tok.lower_ for tok in t]
            for tok, word in zip(t, words):
                tok.lemma_ = lemma_of.get(word, word)
            sent = bisect_right(sent_starts, t.start) - 1
            candidates = by_sent.get(sent, [])
            roles: dict[str, int] = {}
            if has_tree:
                _tree_arguments(t, token_ent, info, roles)
            sent_start = sent_starts[sent]
            later = [s for s in trigger_starts[sent] if s > t.start]
            sent_end = sent_starts[sent + 1] if sent + 1 < len(sent_starts) else len(doc)
            window_end = _clause_end(doc, t.end, later[0] if later else sent_end)
            _positional_arguments(t.start, t.end, window_end, candidates, info, roles)
            negated = any(doc[i].lower_ in NEGATIONS for i in range(max(sent_start, t.start - 3), t.start))
            records.append([
                trigger.type if trigger else t.label_, trigger.mode if trigger else None,
                self.lexicon.lemma(words), negated, [[role, index] for role, index in roles.items()],
            ])
        doc.user_data[EVENTS_KEY] = records
        return doc


def _clause_end(doc: Any, start: int, limit: int) -> int:
    """Where the target search stops: the next trigger, or a clause break ("; ", ", and",
    ", but", "while", ", stressing ...") before it."""
    for i in range(start, limit):
        word = doc[i].lower_
        if word == ";" or word in CLAUSE_WORDS:
            return i
        if word == "," and i + 1 < len(doc):
            following = doc[i + 1].lower_
            if following in CLAUSE_WORDS or following in ("and", "but") or (
                    following.endswith("ing") and doc[i + 1].is_lower and len(following) > 5):
                return i
    return limit


def _prep_before(doc: Any, start: int) -> str:
    i = start - 1
    if i >= 0 and doc[i].lower_ in SKIP_BEFORE:
        i -= 1
    return doc[i].lower_ if i >= 0 else ""


def _is_actor(entry: tuple) -> bool:
    return entry[2] in ACTOR_LABELS and not entry[4]


def _is_location(entry: tuple) -> bool:
    # "at" before a country reads as a target ("fired rockets at Israel"), before a place as a location.
    return entry[2] in PLACE_LABELS and entry[3] in LOCATION_PREPS and not (entry[3] == "at" and entry[2] == "GPE")


def _positional_arguments(start: int, end: int, window_end: int | None, candidates: list[int],
                          info: list[tuple], roles: dict[str, int]) -> None:
    used = set(roles.values())
    before = [i for i in candidates if info[i][1] <= start]
    after = [i for i in candidates if info[i][0] >= end]
    if "date" not in roles:
        dates = [i for i in candidates if info[i][2] == "DATE"]
        if dates:
            roles["date"] = min(dates, key=lambda i: min(abs(info[i][0] - end), abs(start - info[i][1])))
    if "location" not in roles:
        places = [i for i in candidates if _is_location(info[i]) and i not in used]
        if places:
            roles["location"] = min(places, key=lambda i: min(abs(info[i][0] - end), abs(start - info[i][1])))
    used = set(roles.values())
    window = [i for i in after if (window_end is None or info[i][0] < window_end)
              and _is_actor(info[i]) and not _is_location(info[i]) and i not in used]
    if "source" not in roles:
        agent = next((i for i in window if info[i][3] in SOURCE_PREPS), None)
        if agent is not None:
            roles["source"] = agent
        else:
            subjects = [i for i in before if _is_actor(info[i]) and info[i][3] not in OBJECT_PREPS and i not in used]
            if subjects:
                roles["source"] = subjects[-1]
    if "target" not in roles:
        rest = [i for i in window if i != roles.get("source")]
        marked = next((i for i in rest if info[i][3] in TARGET_PREPS), None)
        if marked is not None:
            roles["target"] = marked
        elif rest:
            roles["target"] = rest[0]


def _tree_arguments(trigger: Any, token_ent: list[int], info: list[tuple], roles: dict[str, int]) -> None:
    inside = range(trigger.start, trigger.end)

    def actor(token: Any) -> int | None:
        for tok in [token, *token.subtree]:
            index = token_ent[tok.i]
            if index != -1 and tok.i not in inside and _is_actor(info[index]):
                return index
        return None

    def put(role: str, token: Any) -> None:
        index = actor(token)
        if index is not None and role not in roles and index not in roles.values():
            roles[role] = index

    root = trigger.root
    for token in trigger:
        for child in token.children:
            if child.i in inside and child.dep_ != "prep":
                continue
            dep = child.dep_
            if dep in ("nsubj", "csubj"):
                put("source", child)
            elif dep == "nsubjpass":
                put("target", child)
            elif dep == "agent":
                for obj in child.children:
                    put("source", obj)
            elif dep in ("dobj", "obj", "dative"):
                put("target", child)
            elif dep == "poss" and root.pos_ in ("NOUN", "PROPN"):
                put("source", child)
            elif dep == "prep":
                for obj in child.children:
                    if obj.dep_ not in ("pobj", "pcomp"):
                        continue
                    if child.lower_ in SOURCE_PREPS and root.pos_ in ("NOUN", "PROPN"):
                        put("source", obj)
                    elif child.lower_ in TARGET_PREPS:
                        index = actor(obj)
                        if index is not None and not _is_location(info[index]):
                            put("target", obj)
    if "source" not in roles and root.dep_ in ("xcomp", "conj", "advcl", "ccomp") and root.head is not root:
        for child in root.head.children:
            if child.dep_ in ("nsubj", "csubj"):
                put("source", child)
