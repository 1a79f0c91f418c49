"""A person's code from the organisation or nationality the sentence gives them, where no title did.

Called by the actors component (actors.py) on its entity items ([start, end, label, code]) after
titles are read and before the document's country fills what is still uncoded. A person whose
code nothing has set yet takes:

1. the code of a named organisation right after the name, introduced by "of", "from" or "at"
   ("Sabrina Bennoui of Reporters Without Borders", "Jane Roe from Amnesty International");
2. the code of the first named organisation in an apposition after the name that names a
   member's role ("Phil Chetwynd, director of global news for AFP,", "Agnès Callamard, a UN
   rapporteur for ...,", "Ahmed Saleh, an official with the World Health Organization,");
   a nationality right after the apposition's article gives the country instead, with the role
   of the apposition's noun where one is known ("Omar Said, a Syrian journalist," -> SYRMED);
3. the country of "Name is/was a <nationality> <noun>" ("Hatice Cengiz is a Turkish national");
4. the country of a nationality right before up to three lower-case nouns or adjectives that
   lead into the name ("Pakistani microbiologist Abdul Qadoos Khan", "the Iranian nuclear
   scientist Ali Rezai", "Malaysian Yazid Sufaat"), with the role of the last word where one is
   known. A verb or any other word between them breaks the tie ("a Russian court jailed
   opposition figure X").

An apposition without a member's role ("a critic of the Kremlin", "a victim of Hamas") or whose
first name is a person's ("fiancée of journalist Jamal Khashoggi") gives nothing. A code-less
name the model took for a place ("[Agnès Callamard|GPE], a UN rapporteur") is a person when such
an apposition or an organisation after "of" follows it. Later mentions of the surname then share
the code (actors.py, rule 5). No spaCy import here.
"""

from __future__ import annotations

from typing import Any

from .gazetteer import NOT_COUNTRIES

# Nouns for someone who works for, speaks for or belongs to an organisation (besides the
# gazetteer's titles); an apposition holding one of them ties the person to the organisation.
MEMBER_NOUNS = frozenset({
    "director", "directors", "head", "chief", "member", "members", "official", "officer", "executive",
    "chairman", "chairwoman", "chairperson", "chair", "founder", "co-founder", "cofounder", "leader",
    "president", "secretary", "representative", "rapporteur", "envoy", "delegate", "researcher",
    "analyst", "editor", "correspondent", "reporter", "journalist", "lawyer", "attorney", "counsel",
    "adviser", "advisor", "commander", "coordinator", "manager", "employee", "staffer", "worker",
    "volunteer", "campaigner", "activist", "professor", "lecturer", "economist", "expert", "deputy",
    "spokesman", "spokeswoman", "spokesperson", "ceo", "organiser", "organizer", "negotiator",
    "commissioner", "investigator", "inspector", "monitor", "diplomat", "ambassador", "minister",
    "lawmaker", "legislator", "senator", "mp", "governor", "mayor", "general", "colonel", "captain",
    "fighter", "militant", "operative", "aide", "strategist", "consultant", "scientist", "photographer",
    "producer", "columnist", "writer", "presenter", "anchor", "judge", "prosecutor", "administrator",
})
# An apposition ends at one of these (or at a verb the tagger calls finite)
BOUNDARIES = frozenset({",", ".", ";", ":", "(", ")", '"', "“", "”", "who", "whose", "which", "that", "and",
                        "said"})
AFFILIATION_PREPS = frozenset({"of", "from", "at"})
ARTICLES = frozenset({"a", "an", "the"})
MAX_APPOSITION = 20  # tokens
# Penn tags of a finite verb (past, present, modal); actors.py and arguments.py read them too
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def add_affiliations(doc: Any, owner: list[int], items: list[list[Any]], titles: dict[str, str],
                     roles: dict[str, str]) -> None:
    """Codes the uncoded persons of `items` by the rules of the module docstring. `owner` maps a
    token to its item (-1: none); `titles` are the gazetteer's titles (lower case -> role),
    `roles` the generic actors' nouns -> role (for a nationality's role)."""
    for item in list(items):
        if item[3] is not None or not _maybe_person(doc, item):
            continue
        found = _of_organisation(doc, item[1], owner, items)
        if found is None and item[1] < len(doc) and doc[item[1]].text == ",":
            found = _apposition(doc, item[1] + 1, owner, items, titles, roles)
        if found is None:
            found = _nationality(doc, item[1], owner, items, titles, roles)
        if found is None:
            found = _nationality_before(doc, item, owner, items, titles, roles)
        if found is not None:
            item[2], item[3] = "PERSON", found
    for comma in range(2, len(doc) - 2):
        # a name no recogniser marked, before an apposition that names a member's role
        if doc[comma].text != "," or owner[comma - 1] != -1:
            continue
        start = _unmarked_name(doc, comma, owner, titles)
        if start is None:
            continue
        found = _apposition(doc, comma + 1, owner, items, titles, roles)
        if found is not None:
            items.append([start, comma, "PERSON", found])
            for i in range(start, comma):
                owner[i] = len(items) - 1


def _maybe_person(doc: Any, item: list[Any]) -> bool:
    """A PERSON, or a code-less name of two to four capitalised words the model labelled a place
    or organisation ("Agnès Callamard" GPE)."""
    if item[2] == "PERSON":
        return True
    words = doc[item[0]:item[1]]
    return item[2] in ("GPE", "ORG") and 2 <= len(words) <= 4 and all(t.is_title and t.is_alpha for t in words)


def _organisation(item: list[Any]) -> bool:
    # a named organisation with a code (no generic actor: those come later, `len == 4`)
    return item[2] == "ORG" and bool(item[3]) and len(item) == 4


def _of_organisation(doc: Any, k: int, owner: list[int], items: list[list[Any]]) -> str | None:
    """"Name of/from/at (the) <organisation>": the organisation's code."""
    if k + 1 >= len(doc) or doc[k].lower_ not in AFFILIATION_PREPS:
        return None
    k += 1
    if doc[k].lower_ == "the" and k + 1 < len(doc):
        k += 1
    if owner[k] == -1 or items[owner[k]][0] != k:
        return None
    item = items[owner[k]]
    return item[3] if _organisation(item) else None


def _apposition(doc: Any, k: int, owner: list[int], items: list[list[Any]], titles: dict[str, str],
                roles: dict[str, str]) -> str | None:
    """", (a|the) <role words> ... <organisation>,": the organisation's code when the words name a
    member's role; ", a <nationality> <noun>,": the country plus the noun's role."""
    n = len(doc)
    start = k
    if k < n and doc[k].lower_ in ARTICLES:
        k += 1
    first = None  # the first entity in the apposition
    member = False
    nationality_at = k
    while k < n and k - start < MAX_APPOSITION:
        token = doc[k]
        if owner[k] != -1:
            item = items[owner[k]]
            if first is None:
                first = (k, item)
            k = max(item[1], k + 1)
            continue
        if token.lower_ in BOUNDARIES or token.tag_ in FINITE_VERB_TAGS:
            break
        if token.lower_ in MEMBER_NOUNS or token.lower_ in titles:
            member = True
        k += 1
    if first is None or not member:
        return None
    at, item = first
    if _organisation(item):
        return item[3]
    code = _country_code(item, ("NORP", "GPE"))
    if at == nationality_at and code is not None:
        # "a Syrian journalist": the country, and the role of the noun that ends the apposition
        noun = doc[k - 1].lower_ if k > item[1] else ""
        return _country_and_role(code, noun, titles, roles)
    return None


NOT_NAME_WORDS = frozenset({"The", "A", "An", "On", "In", "At", "But", "And", "He", "She", "It", "They", "This", "That",
                       "Meanwhile", "However", "Yesterday", "Today", "Earlier", "Later", "Last", "Also"})
COPULAS = frozenset({"is", "was"})


def _unmarked_name(doc: Any, end: int, owner: list[int], titles: dict[str, str]) -> int | None:
    """The start of two to four capitalised words ending at `end` that no entity holds and that
    are no title or role ("Agnès Callamard" before ", a UN rapporteur"), else None."""
    k = end
    while k > 0 and end - k < 4 and owner[k - 1] == -1 and doc[k - 1].is_title and doc[k - 1].is_alpha \
            and doc[k - 1].text not in NOT_NAME_WORDS and doc[k - 1].lower_ not in titles \
            and doc[k - 1].lower_ not in MEMBER_NOUNS:
        k -= 1
    if end - k < 2 or (k > 0 and (doc[k - 1].is_title or doc[k - 1].lower_ in ("the", "of"))):
        return None  # one word, or part of a longer capitalised phrase
    return k


def _nationality(doc: Any, k: int, owner: list[int], items: list[list[Any]], titles: dict[str, str],
                 roles: dict[str, str]) -> str | None:
    """"Name is/was a (former) <nationality> <noun>" ("Hatice Cengiz is a Turkish national"): the
    country, with the role of the noun where known."""
    n = len(doc)
    if k + 2 >= n or doc[k].lower_ not in COPULAS or doc[k + 1].lower_ not in ("a", "an"):
        return None
    k += 2
    if doc[k].is_lower and owner[k] == -1 and k + 1 < n:
        k += 1  # "a former", "a naturalised"
    if owner[k] == -1:
        return None
    item = items[owner[k]]
    code = _country_code(item)
    if item[0] != k or code is None:
        return None
    noun = doc[item[1]].lower_ if item[1] < n else ""
    return _country_and_role(code, noun, titles, roles)


def _country_code(item: list[Any], labels: tuple[str, ...] = ("NORP",)) -> str | None:
    """The country code (3 letters) of a nationality (or of an entity with one of `labels`), else None."""
    code = item[3]
    if item[2] not in labels or not code or len(code) != 3 or code in NOT_COUNTRIES:
        return None
    return code


def _country_and_role(code: str, noun: str, titles: dict[str, str], roles: dict[str, str]) -> str:
    """The country plus the role a noun names ("journalist" -> MED), or the bare country."""
    role = titles.get(noun) or roles.get(noun) or roles.get(noun + "s") or ""
    return code + ("GOV" if role == "-" else "" if role == "*" else role)


# the words a nationality may describe a person with before the name ("nuclear scientist",
# "former militant": the tagger calls some role nouns adjectives)
DESCRIBING_TAGS = frozenset({"NN", "NNS", "JJ"})
MAX_WORDS_BEFORE_NAME = 3


def _nationality_before(doc: Any, person: list[Any], owner: list[int], items: list[list[Any]],
                        titles: dict[str, str], roles: dict[str, str]) -> str | None:
    """"<nationality> [up to three lower-case words] Name" (rule 4 of the module docstring). A
    name the model took for a place or organisation is a person only after a member's role
    ("Palestinian militant Omar Fadel"), not after any noun ("the Iraqi town Tal Afar")."""
    start = k = person[0]
    while k > 0 and start - k < MAX_WORDS_BEFORE_NAME and owner[k - 1] == -1 and doc[k - 1].is_lower \
            and doc[k - 1].is_alpha and doc[k - 1].tag_ in DESCRIBING_TAGS:
        k -= 1
    if k == 0 or owner[k - 1] == -1:
        return None
    item = items[owner[k - 1]]
    code = _country_code(item)
    if item[1] != k or code is None:
        return None
    noun = doc[start - 1].lower_ if k < start else ""
    if person[2] != "PERSON" and not (noun in MEMBER_NOUNS or noun in titles or noun in roles):
        return None
    return _country_and_role(code, noun, titles, roles)
