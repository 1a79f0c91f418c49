"""Verb frames: a verb's event type from its object ("signed a maritime border agreement" ->
SUPPORT, "imposed new economic sanctions" -> SANCTION, "released two detained journalists" ->
RETREAT/release).

The lexicon's phrases allow one optional word between verb and noun; news puts more there.
A frame verb (lexicon "frames", pattern id "FRAME|<verb>") is typed by the first object noun
of one of its frames found:
- in the parse: the verb's direct object or passive subject (and nouns coordinated with it),
  a noun of the frame's or, where the frame lists "@PERSON" or "@PLACE", a named person or place
  ("released Viktor Bout", "captured Shusha");
  in a relative clause whose pronoun is the object, the noun the clause hangs on ("the deal that
  was signed in 2015", "measures, which the government dropped"), and the noun a bare past
  participle describes ("the truce, brokered by Egypt");
- else in a window: up to WINDOW words after the verb, before a clause break ("signed a
  letter of intent ..." stops nowhere, but the noun must be one of the frame's), or, for a
  passive ("The agreement was signed by ..."), up to BACK words before it.
No object of a frame -> no candidate ("signed a petition", "released a statement"); nor a participle
used as an adjective ("guarding captured fighters", "the released prisoners"). Two cases need no
frame noun: "dismiss X as Y" disparages X (ACCUSE) or denies a claim (REJECT), and a person
captured ("he was captured in Rawalpindi") is arrested (COERCE/arrest).
No spaCy import here: works on any Doc-like sequence of tokens.
"""

from __future__ import annotations

from typing import Any

from .gazetteer import GENERIC_ACTORS, POSSESSIVES
from .lexicon import ENTITY_KINDS, Trigger, closed_compound

WINDOW = 6
BACK = 10
# (and "from": "received a letter from the prime minister" receives no minister)
STOPS = frozenset({",", ";", ":", ".", "that", "which", "who", "while", "but", "because", "after", "before", "when",
                   "if", "as", "said", "says", "from"})
BE_FORMS = frozenset({"was", "were", "been", "be", "is", "are", "being", "got", "get", "gets"})
OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "nsubj:pass", "attr", "oprd"})
PREP_OBJECT_DEPS = frozenset({"pobj", "obj"})
NEGATED_OBJECT = frozenset({"not", "no", "never", "n't"})
RELATIVE_DEPS = frozenset({"relcl", "acl:relcl", "acl"})  # the base model labels relative clauses "acl"
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})
# Objects that count another noun through "of": the frame's noun is the counted one.
QUANTITY_NOUNS = frozenset({"barrage", "volley", "salvo", "hail", "wave", "series", "string", "number", "dozens",
                            "hundreds", "thousands", "scores", "tens", "millions", "couple", "pair", "group",
                            "batch", "total", "handful", "shipment", "consignment", "tons", "tonnes"})


# "dismissed the government as a band of thieves" disparages its object; "dismissed the reports
# as baseless" denies them. Whatever the object, the "as" predicate decides the act.
AS_PREDICATE_VERBS = frozenset({"dismiss", "dismissed", "dismisses", "dismissing"})
CLAIM_NOUNS = frozenset({"claim", "claims", "allegation", "allegations", "accusation", "accusations", "report",
                         "reports", "charge", "charges", "rumour", "rumours", "rumor", "rumors", "suggestion",
                         "suggestions", "criticism", "story", "stories", "speculation", "assertion", "assertions"})
# A person captured, with no frame noun: taken by the authorities the report speaks for (the
# "capture" frames type a captured soldier or hostage as an abduction).
CAPTURED = frozenset({"captured"})
PERSON_PRONOUNS = frozenset({"he", "she", "they"})
ARREST = Trigger("COERCE", "arrest")
DISAPPROVE = Trigger("ACCUSE", "disapprove")
DENY = Trigger("REJECT", None)


def frame_trigger(doc: Any, start: int, end: int, s0: int, s1: int,
                  frames: list[tuple[frozenset[str], Trigger]],
                  preps: frozenset[str] = frozenset()) -> tuple[Trigger, int] | None:
    """(the trigger, the object's token index) for the frame verb doc[start:end], or None.
    With `preps`, the object is that of one of these prepositions after the verb ("spoke with
    the president", "spoke to Bazoum"), not a direct object."""
    def match(i: int, parsed: bool = False) -> Trigger | None:
        word = closed_compound(doc, i) or doc[i].lower_  # AP's "cease-fire", split at its hyphen
        if i > 0 and doc[i - 1].lower_ in NEGATED_OBJECT:
            return None  # "found him not guilty", "signed no agreement": the frame's act is denied
        found = next((trigger for forms, trigger in frames if word in forms), None)
        kind = ENTITY_KINDS.get(doc[i].ent_type_) if parsed else None
        if found is None and kind is not None:
            # a named object, read only where the parse says it is the object ("released Viktor
            # Bout", "captured Shusha"); a window would take any name nearby
            found = next((trigger for forms, trigger in frames if kind in forms), None)
        return found

    if preps and doc[start].lower_.endswith("ing") and (start == s0 or doc[start - 1].is_punct):
        return None  # "Speaking to Martin Smith of PBS, he said": an interview framing a statement
    if doc[start].lower_ in AS_PREDICATE_VERBS:
        found = _as_predicate(doc, end, s1)
        if found is not None:
            return found

    if doc.has_annotation("DEP"):
        root = doc[start:end].root
        if root.dep_ == "amod" and (root.i == s0 or doc[root.i - 1].pos_ not in ("NOUN", "PROPN", "PRON")):
            # a participle used as an adjective ("guarding captured fighters", "the released
            # prisoners"): no act. After a noun it is the parser's slip on a subject's verb
            # ("Troops battled rebels"), so the frame still applies.
            return None
        children = list(root.children)
        if preps:  # the prepositions' objects stand for the verb's
            children = [g for c in children if c.dep_ == "prep" and c.lower_ in preps for g in c.children
                        if g.dep_ in PREP_OBJECT_DEPS]
        elif root.dep_ == "conj" and not any(c.dep_ in OBJECT_DEPS for c in children):
            children += list(root.head.children)  # "were jailed and beaten": the object the two verbs share
        for child in children:
            if child.dep_ not in OBJECT_DEPS and not preps:
                continue
            # (and a noun or name set beside the object: "captured Shusha, the second-largest
            # town", "freed basketball star Brittney Griner", which the base model parses as the
            # object's appositive or second object)
            named = (c for c in child.children if c.dep_ == "appos" or (c.dep_ in ("dobj", "obj") and c.ent_type_))
            for token in (child, *(c for c in child.children if c.dep_ == "conj"), *_counted_nouns(child), *named):
                hit = match(token.i, parsed=True)
                if hit is not None:
                    return hit, token.i
        if root.lower_ in CAPTURED:
            person = next((c for c in root.children if c.dep_ in ("nsubjpass", "nsubj:pass")
                           and (c.ent_type_ == "PERSON" or c.lower_ in PERSON_PRONOUNS)), None)
            if person is not None:
                return ARREST, person.i  # "He had been captured in Rawalpindi", "Hambali has been captured"
        if root.dep_ in RELATIVE_DEPS and s0 <= root.head.i < start and (any(
                c.lower_ in RELATIVE_PRONOUNS and c.dep_ in OBJECT_DEPS for c in root.children)
                or (root.tag_ == "VBN" and not any(c.dep_ in OBJECT_DEPS for c in root.children))):
            # the noun a relative clause hangs on is its object when the relative pronoun is:
            # "new lockdown measures, which the government dropped", "the deal that was signed";
            # so is the noun a bare past participle describes ("the truce, brokered by Egypt", "a
            # deal reached in Istanbul")
            hit = match(root.head.i)
            if hit is not None:
                return hit, root.head.i
    if preps:
        if end >= s1 or doc[end].lower_ not in preps:
            return None  # "spoke about the president": not spoken with
        end += 1
    agent = False
    for i in range(end, min(s1, end + WINDOW)):
        if doc[i].lower_ in STOPS:
            break
        agent = agent or doc[i].lower_ == "by"
        if agent and doc[i].lower_ in GENERIC_ACTORS:
            continue  # "a rally held by protesters": the people after "by" did it, they are no object
        hit = match(i, parsed=i == end and _name_as_object(doc, i, s1))
        if hit is not None:
            return hit, i
    if not preps and _passive(doc, s0, start):
        for i in range(start - 1, max(s0, start - BACK) - 1, -1):
            if doc[i].lower_ in STOPS:
                break
            # (a name right before the verb's "was" is its subject, whatever the parse made of it:
            # "after Mr Tsvangirai was badly beaten")
            hit = match(i, parsed=doc[i].ent_type_ == "PERSON" and i + 1 < start and doc[i + 1].lower_ in BE_FORMS)
            if hit is not None:
                return hit, i
    return None


def _name_as_object(doc: Any, i: int, s1: int) -> bool:
    """A name right after the verb (or its preposition) is its object whatever the parse says
    ("received Qureshi at the airport", which the base model makes a preposition), unless it
    owns the noun after it ("received Trump's letter")."""
    if not doc[i].ent_type_ or doc[i].ent_iob_ != "B":
        return False
    after = i + 1
    while after < s1 and doc[after].ent_iob_ == "I":
        after += 1
    return after >= s1 or doc[after].lower_ not in POSSESSIVES


def _counted_nouns(obj: Any) -> list[Any]:
    """The noun a quantity object counts: "launched a barrage of more than 50 rockets",
    "fired dozens of missiles", "released hundreds of prisoners" (and its conjuncts)."""
    if obj.lower_ not in QUANTITY_NOUNS:
        return []
    nouns = [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ in ("pobj", "obj")]
    return [t for n in nouns for t in (n, *(c for c in n.children if c.dep_ == "conj"))]


def _as_predicate(doc: Any, end: int, s1: int) -> tuple[Trigger, int] | None:
    """The object and the act of "dismiss X as Y": REJECT when X is a claim, else ACCUSE."""
    for i in range(end, min(s1, end + BACK)):
        word = doc[i].lower_
        if word == "as" and i > end:
            claim = any(doc[k].lower_ in CLAIM_NOUNS for k in range(end, i))
            return (DENY if claim else DISAPPROVE), end
        if word in STOPS and not (word == "that" and i == end):  # (a determiner: "dismissed that charge as")
            return None
    return None


def _passive(doc: Any, s0: int, start: int) -> bool:
    for i in range(start - 1, max(s0, start - 3) - 1, -1):
        word = doc[i].lower_
        if word in BE_FORMS:
            return True
        if not word.endswith("ly"):
            return False
    return False


def coordinated(doc: Any, i: int) -> list[int]:
    """Token i and the nouns coordinated with it ("teargas and rubber bullets"), by the parse."""
    if not doc.has_annotation("DEP"):
        return [i]
    first = doc[i]
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    group, todo = [], [first]
    while todo:
        token = todo.pop()
        group.append(token.i)
        todo += [c for c in token.children if c.dep_ == "conj"]
    return group if i in group else [i, *group]
