"""Organisation names the model and the gazetteer miss or mislabel, found from the form of the name.

Called by the actors component (actors.py) on its entity items ([start, end, label, code]) after
the gazetteer ruler and the model ran, before titles and generic actors are read. In order:

1. A capitalised name ending in an organisation head word ("Deakin University", "Puerto Rico
   Senate", "Cinema for Peace Foundation") or a head word with an "of/for/on" complement
   ("Ministry of Foreign Affairs", "Bank of England", "Commission on Human Rights") is one ORG;
   the model's pieces inside it (a GPE "Ministry of Foreign", a PERSON "Raksa Chart") give way.
   A name going on past the head word with other capitalised words ("Army Hospital", "Times
   Square", "Police Station") names something else and is left alone; a title after the head
   word ("Senate President X") ends the name. A capitalised name followed by "party" or
   "movement" in lower case ("the Democratic party") is an ORG too.
2. A legislature, cabinet or court named by its capitalised head word alone, inside a sentence
   ("a majority in Parliament", "the Speaker of the House"; "the Times" a newspaper) is the ORG
   of the country in context.
3. An acronym in parentheses right after an organisation's name, or the name in parentheses
   after its acronym ("... Guard Corps (IRGC)"), is the same ORG, and so is every later use of
   the acronym in the document; so are an unmarked capitalised name whose initials are exactly
   its acronym's capitals and that acronym ("Free Trade Area (AfCFTA)"). A one-word all-capital
   name the model labels as a person or place without the gazetteer knowing it ("ZANU") is an ORG.
4. One surface, one reading per document: where a name is an ORG once, its other mentions that
   nothing or only the model labelled otherwise are the same ORG with the same code ("Mahan
   Air" ... "Mahan" too). A model's own ORG spreads only to unmarked mentions, and not when the
   surface is a person, place or facility elsewhere in the text or follows "in" ("in Omsk").

Codes: a name keeps the gazetteer code of the one organisation inside it, else takes the one
country inside it plus the role its head word gives (`org_role`: a ministry -> GOV, a court ->
JUD, police -> COP, army/forces -> MIL, a legislature -> LEG, a university -> EDU, news media ->
MED); with no country inside, the actors component adds the document's country and the role.
A party gets its country only (whether it governs, GOVPTY, or not, OPPPTY, the name cannot
tell). Nothing else is guessed. No spaCy import here.
"""

from __future__ import annotations

import re
from typing import Any

from .gazetteer import NOT_COUNTRIES, POSSESSIVES

# Head words that end an organisation's name, with the CAMEO role they give ("" = none the
# word alone can tell: a council, a commission, a bank may be the state's or not).
HEAD_ROLES = {
    "ministry": "GOV", "department": "GOV", "cabinet": "GOV", "government": "GOV", "office": "GOV",
    "parliament": "LEG", "senate": "LEG", "house": "LEG", "congress": "LEG", "assembly": "LEG", "legislature": "LEG",
    "duma": "LEG", "court": "JUD", "tribunal": "JUD", "police": "COP", "gendarmerie": "COP",
    "army": "MIL", "navy": "MIL", "forces": "MIL", "force": "MIL", "corps": "MIL", "guard": "MIL", "guards": "MIL",
    "university": "EDU", "college": "EDU", "academy": "",
    "news": "MED", "times": "MED", "post": "MED", "press": "MED", "herald": "MED", "tribune": "MED",
    "journal": "MED", "gazette": "MED", "telegraph": "MED", "chronicle": "MED", "media": "MED",
    "broadcasting": "MED", "television": "MED",
    "airlines": "BUS", "airways": "BUS", "air": "BUS", "holdings": "BUS", "command": "MIL", "municipality": "GOV",
    "mail": "MED", "tv": "MED", "corporation": "BUS", "company": "BUS", "inc": "BUS", "inc.": "BUS",
    "ltd": "BUS", "ltd.": "BUS", "plc": "BUS",
    "party": "", "council": "", "committee": "", "commission": "", "agency": "", "union": "", "front": "",
    "movement": "", "association": "", "organisation": "", "organization": "", "foundation": "",
    "federation": "", "alliance": "", "coalition": "", "institute": "", "bank": "", "service": "",
    "authority": "", "bureau": "", "league": "", "society": "", "board": "", "group": "", "directorate": "",
    "secretariat": "", "brigade": "", "brigades": "", "forum": "",
}
# Words that make any name holding them news media ("Saudi Press Agency") or an intelligence
# service ("State Intelligence Agency"), whatever its last head word.
MEDIA_WORDS = frozenset({"news", "press", "times", "broadcasting", "television", "media", "tv"})
INTELLIGENCE = "intelligence"
# Head words that name a state's legislature, cabinet or court on their own (rule 2); "House"
# only after "the" ("the House voted"), as it is often a building.
BARE_HEADS = frozenset({"parliament", "senate", "congress", "cabinet", "assembly", "legislature", "court", "house",
                        "times", "post"})
# Bare head words that are a body only after "the" ("the House voted", "told the Times"): alone
# they are as often a building or a word.
AFTER_THE = frozenset({"house", "times", "post"})
# Heads that take no "of" complement ("Mahan Air of Iran": the airline is "Mahan Air").
NO_COMPLEMENT = frozenset({"air"})
# Business heads whose name is also used without them ("Mahan Air" ... "Mahan").
SHORTENED = frozenset({"air", "airlines", "airways", "inc", "inc.", "ltd", "ltd.", "plc", "corporation", "company",
                       "holdings", "group"})
# Lower-case head words after a capitalised name ("the Democratic party", "the Houthi movement").
LOWER_HEADS = frozenset({"party", "movement"})
# Heads that end no name ("Opera House"): only a complement follows them ("House of Lords"),
# or they stand alone ("the House").
COMPLEMENT_ONLY = frozenset({"house"})
COMPLEMENTS = frozenset({"of", "for", "on"})
INSIDE_COMPLEMENT = frozenset({"of", "for", "on", "and", "the", "&", "de", "du", "des", "la"})
LEADING_STOP = frozenset({"The", "A", "An", "On", "In", "At", "But", "And", "He", "She", "It", "They", "This", "That",
                          "Its", "His", "Her", "Their", "Our", "When", "While", "After", "Before", "As", "If", "For",
                          "Of", "To", "From", "With", "By", "Under", "Last", "Next", "Meanwhile", "However"})
NAME_LABELS_REPLACEABLE = frozenset({"ORG", "PERSON", "GPE", "LOC", "NORP", "FAC"})
COUNTRY_LABELS = frozenset({"GPE", "NORP"})
ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&\-]*[A-Z0-9]")  # "IRGC", "CNDD-FDD", "AfCFTA"
# Role nouns that may follow an organisation's name ("Research Institute Director Ane Alencar")
# besides the titles of the gazetteer.
ROLE_NOUNS = frozenset({"director", "chairman", "chairwoman", "chair", "commissioner", "spokesperson", "member",
                        "members", "official", "officials", "ceo", "founder", "deputy"})
# Prepositions of place: a name after them is where something happens.
LOCATIVE = frozenset({"in", "near", "into", "across", "outside", "inside", "throughout", "around"})
LOWER_AFTER_HYPHEN = re.compile(r"-[a-z]")
APOSTROPHES = frozenset({"'", "’"})


def org_role(words: list[str]) -> str:
    """The CAMEO role block an organisation's name gives by its words ("" when none can tell)."""
    lower = [w.lower() for w in words]
    if INTELLIGENCE in lower and any(w in ("agency", "service", "services", "directorate", "bureau") for w in lower):
        return "SPY"
    if any(w in MEDIA_WORDS for w in lower):
        return "MED"
    for k in range(len(lower) - 1, -1, -1):
        word = lower[k]
        if word in COMPLEMENT_ONLY and len(lower) > 1 and (k + 1 == len(lower) or lower[k + 1] not in COMPLEMENTS):
            continue  # "Opera House" is no legislature; "House of Representatives", "the House" are
        if word in HEAD_ROLES:
            return HEAD_ROLES[word]
    return ""


def bare_head(words: list[str]) -> bool:
    """A legislature, cabinet or court named by its head word alone ("Parliament", "the House")."""
    return len(words) == 1 and words[0].lower() in BARE_HEADS


def with_role(code: str | None, words: list[str]) -> str | None:
    """A bare country code plus the role the name's words give ("IDN" + "National Police" -> IDNCOP)."""
    if code and len(code) == 3 and code.isalpha() and code not in NOT_COUNTRIES:
        return code + org_role(words)
    return code


def add_org_names(doc: Any, items: list[list[Any]], gazetteer: Any) -> None:
    """Rules 1-4 of the module docstring, on the actors component's items (changed in place,
    left sorted by start)."""
    finder = _Finder(doc, items, gazetteer)
    finder.names()
    finder.bare_heads()
    finder.acronyms()
    finder.consistency()
    finder.roles()
    items[:] = finder.items


# Capitalised words before a lower-case "party" that make it a celebration, not a political party.
FESTIVE = frozenset({"christmas", "halloween", "birthday", "easter", "thanksgiving", "year", "year's", "eid",
                     "diwali", "hanukkah", "super", "bowl", "launch", "wedding"})
ACRONYM_PIECES = frozenset({"-", "&"})
OPEN, CLOSE = frozenset({"(", "["}), frozenset({")", "]"})


class _Finder:
    def __init__(self, doc: Any, items: list[list[Any]], gazetteer: Any) -> None:
        self.doc = doc
        self.n = len(doc)
        # token texts read once: the scans below look at every token (a spaCy token object per
        # look-up costs more than the rules)
        self.texts = [t.text for t in doc]
        self.lowers = [t.lower() for t in self.texts]
        self.items = sorted(items, key=lambda it: (it[0], -it[1]))
        self.gazetteer = gazetteer
        self.single_titles = frozenset(t for t in gazetteer.titles if " " not in t)
        self.long_titles: dict[str, list[tuple[str, ...]]] = {}  # first word -> multi-word titles
        for title in gazetteer.titles:
            if " " in title:
                self.long_titles.setdefault(title.split()[0], []).append(tuple(title.split()))
        self.ours: set[tuple[int, int]] = set()  # spans these rules made (strong evidence)
        self.defined: dict[tuple[str, ...], str | None] = {}
        self._index()

    # -- bookkeeping -------------------------------------------------------------------------
    def _index(self) -> None:
        self.owner = [-1] * self.n
        for index, item in enumerate(self.items):
            for i in range(item[0], min(item[1], self.n)):
                self.owner[i] = index

    def _known(self, item: list[Any]) -> bool:
        """An entity the gazetteer knows (its label and code are curated)."""
        return self.gazetteer.code_for(self.doc[item[0]:item[1]].text) is not None

    def _place(self, start: int, end: int, label: str, code: str | None) -> bool:
        """Make doc[start:end] one entity, replacing the model's entities inside it; False when
        an entity reaches outside the span or the gazetteer already names exactly this span."""
        inside = {self.owner[i] for i in range(start, end) if self.owner[i] != -1}
        for index in inside:
            item = self.items[index]
            if item[0] < start or item[1] > end or item[2] not in NAME_LABELS_REPLACEABLE:
                return False
            if item[0] == start and item[1] == end and self._known(item):
                return False
        keep = [it for k, it in enumerate(self.items) if k not in inside]
        keep.append([start, end, label, code])
        self.items = sorted(keep, key=lambda it: (it[0], -it[1]))
        self.ours.add((start, end))
        self._index()
        return True

    def _inner_code(self, start: int, end: int, words: list[str]) -> str | None:
        """The code of the one organisation the gazetteer knows inside the name, else the one
        country inside it plus the name's role, else none."""
        found = [self.items[k] for k in {self.owner[i] for i in range(start, end) if self.owner[i] != -1}]
        orgs = {it[3] for it in found if it[2] == "ORG" and it[3] and self._known(it)}
        # a country inside, or the country the model's own ORG took from one ("Indonesian
        # National Police" IDN, base_model.py)
        countries = {it[3][:3] for it in found if it[3] and it[3][:3] not in NOT_COUNTRIES
                     and (it[2] in COUNTRY_LABELS or it[2] == "ORG" and len(it[3]) == 3)}
        if len(orgs) == 1 and not (len(countries) == 1 and next(iter(orgs))[:3] != next(iter(countries))):
            return orgs.pop()
        if len(orgs) > 1:
            return None
        # no organisation, or one of another country: "Libyan House of Representatives" is
        # Libya's, whatever country the gazetteer's "House of Representatives" is
        return with_role(countries.pop(), words) if len(countries) == 1 else None

    # -- tokens ------------------------------------------------------------------------------
    def _cap(self, i: int) -> bool:
        token = self.doc[i]
        return token.text[:1].isupper() and any(c.isalpha() for c in token.text) and not token.is_punct \
            and not LOWER_AFTER_HYPHEN.search(token.text)  # "U.S.-designated" is no name word

    def _joined(self, i: int) -> bool:
        """doc[i] is a hyphen or apostrophe that belongs to the name ("CNDD-FDD", "Workers' Party")."""
        doc = self.doc
        if i <= 0 or i + 1 >= self.n or doc[i - 1].whitespace_:
            return False
        if doc[i].text == "-":
            return not doc[i].whitespace_ and self._cap(i + 1) and self._cap(i - 1)
        return doc[i].text in APOSTROPHES and doc[i - 1].text.endswith("s") and self._cap(i + 1)

    def _title_at(self, i: int) -> bool:
        """A title starts at doc[i] ("President", "Foreign Minister"); not a title word inside a
        name before a head word ("General Assembly")."""
        doc = self.doc
        word = doc[i].lower_
        if i + 1 < self.n and doc[i + 1].lower_ in HEAD_ROLES and doc[i + 1].is_title:
            return False
        if word in self.single_titles or word in ROLE_NOUNS and doc[i].is_title:
            return True
        return any(tuple(t.lower_ for t in doc[i:i + len(title)]) == title for title in self.long_titles.get(word, ()))

    def _name_word(self, i: int) -> bool:
        """A capitalised word that can be part of an organisation's name (no title, no date)."""
        if not self._cap(i) or self._title_at(i):
            return False
        owner = self.owner[i]
        return owner == -1 or self.items[owner][2] in NAME_LABELS_REPLACEABLE

    def _sentence_start(self, i: int) -> bool:
        doc = self.doc
        j = i - 1
        while j >= 0 and doc[j].is_space:
            j -= 1
        return j < 0 or j < i - 1 or doc[i].is_sent_start or doc[j].text in (".", "!", "?", ":", ";", '"', "“", "”",
                                                                           "(", "[", "‘", "'")

    # -- rule 1: names ending in a head word -------------------------------------------------
    def names(self) -> None:
        doc = self.doc
        i = 0
        lowers = self.lowers
        while i < self.n:
            word = lowers[i]
            if word not in HEAD_ROLES and word not in LOWER_HEADS:
                i += 1
                continue
            head = word in HEAD_ROLES and self._cap(i) and not self._title_at(i)
            lower_head = word in LOWER_HEADS and doc[i].is_lower and i > 0 and self._name_word(i - 1)
            span = None
            if head:
                span = self._name_around(i)
            elif lower_head:
                span = self._name_before_lower(i)
            if span is None:
                i += 1
                continue
            start, end = span
            if end - start > 1:
                self._place(start, end, "ORG", self._inner_code(start, end, [t.text for t in doc[start:end]]))
            i = end

    def _left(self, i: int) -> int:
        """The first token of the capitalised name that ends at doc[i]."""
        doc = self.doc
        j = i
        while j > 0 and not self._sentence_start(j):
            k = j - 1
            if self._name_word(k) or self._joined(k):
                j = k
            elif doc[k].lower_ == "for" and k > 0 and self._name_word(k - 1):
                j = k  # "Cinema for Peace Foundation"
            else:
                break
        while j < i and (not self._cap(j) or doc[j].text in LEADING_STOP or self._joined(j)
                         or doc[j].is_stop and self._sentence_start(j)):
            j += 1  # "The", "No" opening the sentence; "for" does not start a name
        return j

    def _name_around(self, i: int) -> tuple[int, int] | None:
        """(start, end) of the organisation name whose head word is doc[i], or None."""
        doc = self.doc
        start = self._left(i)
        end = i + 1
        while True:
            # further head words ("Revolutionary Guard Corps"), joined pieces ("Corps-Quds Force")
            if end < self.n and self._cap(end) and doc[end].lower_ in HEAD_ROLES and not self._title_at(end):
                end += 1
            elif end + 1 < self.n and self._joined(end) and doc[end + 1].lower_ in HEAD_ROLES:
                end += 2
            elif end + 2 < self.n and self._joined(end) and self._cap(end + 1) and doc[end + 2].lower_ in HEAD_ROLES:
                end += 3
            else:
                break
        if end < self.n and doc[end].lower_ in COMPLEMENTS and doc[end - 1].lower_ not in NO_COMPLEMENT:
            tail = self._complement(end)
            if tail is None:
                return None  # "Office of the Prime Minister": a title, not a name, follows
            end = tail
        elif end - start == 1 or doc[end - 1].lower_ in COMPLEMENT_ONLY:
            return (i, i + 1) if end - start == 1 and self._bare_ok(i) else None
        if end < self.n and (self._joined(end) or self._cap(end) and not doc[end].is_sent_start
                             and not self._title_at(end)):
            return None  # "Army Hospital", "Times Square": the name of something else
        if end < self.n and self._title_at(end) and doc[end - 1].lower_ in MEDIA_WORDS:
            return None  # "White House Press Secretary": a title
        if self._indefinite(start, end):
            return None
        return start, end

    def _indefinite(self, start: int, end: int) -> bool:
        """"a [U.S.-designated] Foreign Terrorist Organization.": a kind, not one body's name
        (unless it modifies a noun: "an Army spokesman" names the Army)."""
        doc = self.doc
        k = start - 1
        while k >= 0 and start - k <= 2 and doc[k].lower_ not in ("a", "an") and not self._cap(k) and \
                (doc[k].pos_ in ("ADJ", "ADV") or "-" in doc[k].text):
            k -= 1  # "a newly formed", "a U.S.-designated"
        if k < 0 or doc[k].lower_ not in ("a", "an"):
            return False
        return end >= self.n or doc[end].pos_ not in ("NOUN", "PROPN")

    def _complement(self, k: int) -> int | None:
        """End of "of/for/on [the] Capitalised ... [and Capitalised ...]" starting at doc[k]."""
        doc = self.doc
        j = k + 1
        if j < self.n and doc[j].lower_ == "the":
            j += 1
        if j >= self.n or not self._name_word(j):
            return None
        end = j
        while end < self.n:
            if self._name_word(end) or self._joined(end):
                end += 1
            elif doc[end].lower_ in INSIDE_COMPLEMENT and end + 1 < self.n and (
                    self._name_word(end + 1)
                    or doc[end + 1].lower_ == "the" and end + 2 < self.n and self._name_word(end + 2)):
                end += 1
            else:
                break
        while doc[end - 1].lower_ in INSIDE_COMPLEMENT:
            end -= 1
        return end

    def _name_before_lower(self, i: int) -> tuple[int, int] | None:
        """"the Democratic party": the capitalised name before a lower-case party/movement."""
        start = self._left(i - 1)
        if start >= i or self._sentence_start(start) and i - start == 1:
            return None
        if any(t.lower_ in FESTIVE for t in self.doc[start:i]):
            return None
        owners = {self.owner[k] for k in range(start, i)}
        if len(owners) == 1 and -1 not in owners:
            item = self.items[owners.pop()]
            if item[2] in COUNTRY_LABELS and item[0] == start and item[1] == i:
                return None  # "a Thai party": a country's party, no name
        return start, i + 1

    # -- rule 2: bare head words ------------------------------------------------------------
    def _bare_ok(self, i: int) -> bool:
        doc = self.doc
        word = doc[i].lower_
        if word not in BARE_HEADS or not doc[i].is_title or self._sentence_start(i):
            return False
        if word in AFTER_THE and not (i > 0 and doc[i - 1].lower_ == "the"):
            return False
        if i > 0 and (doc[i - 1].text in POSSESSIVES or self._cap(i - 1) and doc[i - 1].text not in LEADING_STOP):
            return False  # "Britain's Parliament": the country kind rule (actors) reads it
        return not (i + 1 < self.n and (self._joined(i + 1) or self._cap(i + 1) and not self._title_at(i + 1)))

    def bare_heads(self) -> None:
        for i, word in enumerate(self.lowers):
            if word not in BARE_HEADS or not self._bare_ok(i):
                continue
            if self.owner[i] == -1:
                self._place(i, i + 1, "ORG", None)
            else:
                item = self.items[self.owner[i]]
                if item[0] == i and item[1] == i + 1 and not self._known(item):
                    item[2:4] = ["ORG", None]  # the model's PERSON/GPE "Parliament"
                    self.ours.add((i, i + 1))

    # -- rule 3: acronyms ---------------------------------------------------------------------
    def _acronym(self, i: int, j: int) -> str | None:
        """doc[i:j] as one acronym ("IRGC", "CNDD-FDD"), or None."""
        if j <= i or any(self.doc[k].whitespace_ for k in range(i, j - 1)):
            return None
        text = self.doc[i:j].text
        capitals = sum(c.isupper() for c in text)
        return text if ACRONYM.fullmatch(text) and capitals >= (2 if text.isupper() else 3) else None

    def _acronym_after(self, k: int) -> int | None:
        """End of "( ACR )" opening at doc[k]: the index of the closing bracket."""
        if self.doc[k].text not in OPEN:
            return None
        j = k + 1
        while j < self.n and self.doc[j].text not in CLOSE and j - k <= 5:
            j += 1
        return j if j < self.n and self.doc[j].text in CLOSE and self._acronym(k + 1, j) else None

    def _initials(self, acronym: str, start: int, end: int, strict: bool) -> bool:
        words = [t.text for t in self.doc[start:end] if t.text[:1].isalpha()]
        initials = "".join(w[0].upper() for w in words)
        letters = [c for c in acronym if c.isalpha()]
        if not strict:
            return bool(letters) and letters[0] in initials and len(letters) <= 2 * len(words) + 2
        it = iter(initials)
        return all(c in it for c in letters)  # the letters are initials, in order

    def acronyms(self) -> None:
        doc = self.doc
        for item in list(self.items):
            s, e, label, code = item[:4]
            if item not in self.items:
                continue
            org = label == "ORG"
            named = org or label in NAME_LABELS_REPLACEABLE and not code and not self._known(item) and e - s > 1
            if not named:
                continue
            close = self._acronym_after(e) if e + 2 < self.n else None  # "Name (ACR)"
            if close is not None:
                acronym = doc[e + 1:close].text
                if self._initials(acronym, s, e, strict=not org):
                    if not org:
                        self._place(s, e, "ORG", None)
                    self._define(e + 1, close, code if org else None)
            elif s >= 3 and doc[s - 1].text in OPEN and e < self.n and doc[e].text in CLOSE:  # "ACR (Name)"
                a = s - 2
                while a > 0 and not doc[a - 1].whitespace_ and doc[a - 1].text not in CLOSE | OPEN:
                    a -= 1
                acronym = self._acronym(a, s - 1)
                if acronym and self._initials(acronym, s, e, strict=not org):
                    if not org:
                        self._place(s, e, "ORG", None)
                    self._define(a, s - 1, code if org else None)
        for k in range(2, self.n):
            # "African Continental Free Trade Area (AfCFTA)": a capitalised name nobody marked,
            # whose initials are exactly its acronym's capitals, names an organisation
            if self.texts[k] in OPEN and self.owner[k - 1] == -1 and self._name_word(k - 1):
                close = self._acronym_after(k)
                start = self._left(k - 1)
                if close is None or k - start < 2 or any(self.owner[i] != -1 and self.items[self.owner[i]][3]
                                                         for i in range(start, k)):
                    continue
                initials = "".join(t.text[0] for t in doc[start:k] if self._cap(t.i))
                if initials == "".join(c for c in doc[k + 1:close].text if c.isupper()):
                    if self._place(start, k, "ORG", None):
                        self._define(k + 1, close, None)
        for i in range(self.n):
            if self.owner[i] == -1:
                continue
            item = self.items[self.owner[i]]
            if item[0] == i and item[1] == i + 1 and item[2] in ("PERSON", "GPE", "LOC", "NORP") and not item[3] \
                    and doc[i].text.isupper() and sum(c.isalpha() for c in doc[i].text) >= 3 \
                    and not self._known(item):
                item[2] = "ORG"  # the model's PERSON "ZANU": a person's name is not all capitals

    def _define(self, start: int, end: int, code: str | None) -> None:
        key = tuple(t.text for t in self.doc[start:end])
        if self._place(start, end, "ORG", code) or key not in self.defined:
            self.defined.setdefault(key, code)

    # -- rule 4: one surface, one reading ------------------------------------------------------
    def consistency(self) -> None:
        doc = self.doc
        surfaces: dict[tuple[str, ...], list[Any]] = {}  # surface -> [code, strong]
        # surfaces that are, or are part of, a person, place or facility elsewhere in the text:
        # a model's ORG with that surface ("[Hamza] bridged", "[Hamza bin Laden]") is doubtful
        elsewhere: set[tuple[str, ...]] = set()
        for item in self.items:
            key = tuple(t.text for t in doc[item[0]:item[1]])
            if item[2] == "ORG" and any(c.isupper() for c in doc[item[0]:item[1]].text):
                entry = surfaces.setdefault(key, [None, False])
                entry[0] = entry[0] or item[3]
                entry[1] = entry[1] or (item[0], item[1]) in self.ours or self._known(item)
            elif item[2] in ("PERSON", "GPE", "LOC", "FAC"):
                elsewhere.update(key[a:b] for a in range(len(key)) for b in range(a + 1, min(len(key), a + 4) + 1))
        for key, code in self.defined.items():
            surfaces[key] = [code, True]
        for key, (code, strong) in list(surfaces.items()):
            # "Mahan Air" ... "Mahan": a firm's name without its business head word
            if strong and len(key) > 1 and key[-1].lower() in SHORTENED and key[:-1] not in surfaces \
                    and self.gazetteer.code_for(" ".join(key[:-1])) is None and all(w[:1].isupper() for w in key[:-1]):
                surfaces[key[:-1]] = [code, True]
        for i in range(1, self.n):
            if self.lowers[i - 1] in LOCATIVE and self._cap(i):
                # "in Omsk": a surface named as where something is is a place, not a model's ORG
                elsewhere.update(tuple(t.text for t in doc[i:i + k]) for k in range(1, 5))
        surfaces = {key: entry for key, entry in surfaces.items() if entry[1] or key not in elsewhere}
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for key in sorted(surfaces, key=len, reverse=True):
            by_first.setdefault(key[0], []).append(key)
        i = 0
        while i < self.n:
            step = 1
            for key in by_first.get(self.texts[i], ()):
                end = i + len(key)
                if end > self.n or tuple(self.texts[i:end]) != key:
                    continue
                code, strong = surfaces[key]
                owners = {self.owner[k] for k in range(i, end)}
                if owners == {-1}:
                    if end < self.n and (self._joined(end) or self._name_word(end)) or \
                            i > 0 and (self._joined(i - 1) or self._name_word(i - 1) and not self._sentence_start(i)
                                       and doc[i - 1].text not in LEADING_STOP):
                        continue  # part of a longer name nobody marked
                    self._place(i, end, "ORG", code)
                    step = end - i
                elif len(owners) == 1:
                    item = self.items[owners.pop()]
                    if (item[0], item[1]) != (i, end) or item[3] or self._known(item):
                        continue
                    if item[2] == "ORG" or strong:
                        item[2:4] = ["ORG", code]
                    step = end - i
                break
            i += step

    def roles(self) -> None:
        """A name the gazetteer does not know, coded by the one country inside it ("Paris Police
        Prefecture" FRA), takes its head word's role too (FRACOP)."""
        for item in self.items:
            if item[2] == "ORG" and item[3] and len(item[3]) == 3 and not self._known(item):
                item[3] = with_role(item[3], [t.text for t in self.doc[item[0]:item[1]]])

