"""Lines written in capitals read as a reader reads them: "ISRAEL STRIKES HAMAS TARGETS IN GAZA".

A headline set in capitals, or a whole story from a feed that sends capitals only, defeats both
halves of entity finding: the gazetteer matches case ("ISRAEL" is no "Israel") and a NER trained
on ordinary text reads every capitalised word as a name (the headline above gave an ORG "ISRAEL"
without a code and an ORG "FIRE"). So the text the model reads spells such a line in ordinary
case, one character for one, so every offset stays (`runner._as_models_read`; the stored text
never changes):
- a run of words that is a name the gazetteer knows takes the gazetteer's spelling, longest
  first ("U.N. SECURITY COUNCIL" -> "U.N. Security Council", "US" stays "US");
- a word the same text writes elsewhere not in capitals takes its spelling there (the body of a
  story names the person its headline shouts: "BLINKEN" -> "Blinken");
- every other word is written in small letters, the line's first word with a capital; an
  abbreviation ("U.N.", "D.C.") keeps its capitals, and a title before a name takes one, as
  English writes it ("GOVERNOR PIERLUISI" -> "Governor Pierluisi": "governor Pierluisi" lost
  the title's role).
A headline in Title Case ("Turkey Invades Syria's Northeast": every word of four letters or
more capitalised) lost its event (the verb read as part of a name): its words the event lexicon
or English function words hold are written small ("Turkey invades Syria's northeast"), unless
the text spells them otherwise elsewhere or they are part of a gazetteer name; other words (a
name) stay as written.
A line counts as in capitals when it has no small letter and at least `MIN_WORDS` words: a dateline's place
("WASHINGTON (Reuters) -", dateline.py) and an acronym in running text ("NATO said") keep their
capitals. A name neither the gazetteer nor the text knows is lost to small letters; in capitals
it was read as a name of the wrong kind or as no name as often as not.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .gazetteer import load_gazetteer

MIN_WORDS = 3  # (a dateline's place has at most three: "RIO DE JANEIRO")
_WORD = re.compile(r"[^\W\d_](?:[\w.'’\-]*[^\W_])?")  # letters, inner . ' - ("U.N.", "AL-QAEDA")
_LINE = re.compile(r"[^\n]+")
_MAX_NAME_WORDS = 8


@lru_cache(maxsize=1)
def _names() -> dict[tuple[str, ...], tuple[str, ...]]:
    """The gazetteer's names by their words in capitals: ("UNITED", "NATIONS") -> ("United", "Nations")."""
    names: dict[tuple[str, ...], tuple[str, ...]] = {}
    for surface in load_gazetteer().codes:
        words = tuple(_WORD.findall(surface))
        if words and len(words) <= _MAX_NAME_WORDS:
            names.setdefault(tuple(_upper(w) for w in words), words)
    return names


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    """The last words of the gazetteer's people, in capitals ("MAY" of "Theresa May")."""
    return frozenset(_upper(words[-1]) for surface, (label, _code) in load_gazetteer().codes.items()
                     if label == "PERSON" for words in [_WORD.findall(surface)] if len(words) > 1)


@lru_cache(maxsize=1)
def _names_as_written() -> dict[tuple[str, ...], tuple[str, ...]]:
    """The gazetteer's names by their own words (a Title Case headline keeps them as they are)."""
    return {spelled: spelled for spelled in _names().values()}


def _upper(word: str) -> str:
    return "".join(_same_length(c, c.upper()) for c in word)


def _lower(word: str) -> str:
    return "".join(_same_length(c, c.lower()) for c in word)


def _same_length(c: str, cased: str) -> str:
    return cased if len(cased) == 1 else c  # ("ß".upper() is "SS", "İ".lower() two characters)


def _shouting(line: str) -> bool:
    return not any(c.islower() for c in line) and len(_WORD.findall(line)) >= MIN_WORDS \
        and any(c.isupper() for c in line)


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def _title_case(line: str) -> bool:
    """A headline in Title Case: every word of four letters or more capitalised, at least
    `MIN_WORDS` of them ("Turkey Invades Syria's Northeast", "Germany Bans Mahan Air of Iran")."""
    long_words = 0
    for m in _LONG_WORD.finditer(line):
        if not m.group()[0].isupper():
            return False  # (most lines: at one of their first words)
        long_words += 1
    return long_words >= MIN_WORDS and any(c.islower() for c in line)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Words that are no names in a Title Case headline: the event lexicon's ("Invades", "Bans",
    "Talks"), the generic actors' ("Protesters", "Police") and English function words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from .lexicon import load_lexicon

    from .gazetteer import GENERIC_ACTORS

    words = {p["pattern"].lower() for p in load_lexicon().patterns  # (one-word triggers: "air" of
             if isinstance(p.get("pattern"), str) and " " not in p["pattern"]}  # "air strike" is a name's)
    return frozenset(words | set(STOP_WORDS) | {noun for noun in GENERIC_ACTORS if " " not in noun})


def truecased(text: str) -> str:
    """`text` with each line in capitals in ordinary case, and each headline in Title Case with
    its common words small (module docstring); the same length, character for character. `text`
    itself (the same object) when it has no such line."""
    lines = []
    for m in _LINE.finditer(text):
        if _shouting(m.group()):
            lines.append((m, True))
        elif _title_case(m.group()):
            lines.append((m, False))
    if not lines:
        return text
    seen = _spellings(text, [m for m, _caps in lines])
    names = _names()
    out = list(text)
    for line, caps in lines:
        words = list(_WORD.finditer(line.group()))
        base = line.start()
        line_words: list[tuple[re.Match[str], str]] = []
        i = 0
        in_name = False  # (Title Case) the word before is a name nothing knows: "Nusra", "Ulysses"
        while i < len(words):
            size, spelled = _name_at(words, i, names if caps else _names_as_written())
            if spelled is None:
                word = words[i].group()
                if not caps:
                    # a common word after an unknown name is that name's ("Nusra Front", "Ulysses Grant")
                    small = _lower(word) in _common_words() and not in_name
                    spelled = (word if i == 0 else seen.get(_upper(word)) or (_lower(word) if small else word),)
                    # a name's own word (no common word, nor written small in the text) carries on
                    # the name; a common word kept for it does not ("Nusra Front Claims")
                    in_name = spelled[0][:1].isupper() and not (
                        _lower(word) in _common_words() or seen.get(_upper(word), word)[:1].islower())
                else:
                    spelled = (word if "." in word else  # an abbreviation: "U.N", "D.C"
                               seen.get(word) or (_capitalised(word) if i == 0 else _lower(word)),)
            else:
                in_name = False
            line_words.extend(zip(words[i:i + size], spelled))
            i += size
        _titles_before_names(line_words)
        for m, cased in line_words:
            if len(cased) == len(m.group()):
                out[base + m.start():base + m.end()] = cased
    return "".join(out)


def _titles_before_names(line_words: list[tuple[re.Match[str], str]]) -> None:
    """A title of the gazetteer's right before a word spelled with a capital takes capitals
    ("Governor Pierluisi", "Secretary of State Blinken"), its small words excepted."""
    titles = _titles()
    k = len(line_words) - 2
    while k >= 0:
        if line_words[k + 1][1][:1].isupper():
            for size in range(min(_MAX_NAME_WORDS, k + 1), 0, -1):
                words = tuple(cased.lower() for _, cased in line_words[k - size + 1:k + 1])
                if words in titles:
                    for j in range(k - size + 1, k + 1):
                        m, cased = line_words[j]
                        if cased.lower() not in _SMALL_WORDS:
                            line_words[j] = m, _capitalised(cased)
                    k -= size - 1
                    break
        k -= 1


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "to"})


@lru_cache(maxsize=1)
def _titles() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(_WORD.findall(title)) for title in load_gazetteer().titles)


def _name_at(words: list[re.Match[str]], i: int, names: dict) -> tuple[int, tuple[str, ...] | None]:
    for size in range(min(_MAX_NAME_WORDS, len(words) - i), 0, -1):
        spelled = names.get(tuple(m.group() for m in words[i:i + size]))
        if spelled is not None:
            return size, spelled
    return 1, None


def _capitalised(word: str) -> str:
    return _upper(word[0]) + _lower(word[1:])


def _spellings(text: str, shouting: list[re.Match[str]]) -> dict[str, str]:
    """How the text spells each word outside the lines recased, by the word in capitals: as a
    person's name where it writes it with a capital inside a sentence and the gazetteer knows it
    as a surname ("Theresa May", though it also writes "may continue"), else in small letters if
    it is ever written so, or only ever opens a
    sentence and is a common word ("After"), else its most frequent spelling ("Blinken")."""
    counts: dict[str, Counter] = {}
    names: dict[str, Counter] = {}
    for part in _between(text, shouting):
        for m in _WORD.finditer(part):
            word = m.group()
            if word.isupper():
                continue
            key = _upper(word)
            counts.setdefault(key, Counter())[word] += 1
            if word[0].isupper() and not _opens_sentence(part, m.start()):
                names.setdefault(key, Counter())[word] += 1
    spelled = {}
    for key, spellings in counts.items():
        small = next((w for w in spellings if w == _lower(w)), None)
        if key in names and key in _surnames():  # ("Court" of "Supreme Court" stays a common word)
            spelled[key] = names[key].most_common(1)[0][0]
        elif small is None and _lower(key) in _common_words():
            spelled[key] = _lower(key)  # only ever opening a sentence, and a common word ("After")
        else:
            spelled[key] = small or spellings.most_common(1)[0][0]
    return spelled


def _opens_sentence(part: str, at: int) -> bool:
    """Whether the word at `at` opens a sentence or a line (where any word takes a capital)."""
    before = part[:at].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n"


def _between(text: str, shouting: list[re.Match[str]]) -> list[str]:
    parts, at = [], 0
    for line in shouting:
        parts.append(text[at:line.start()])
        at = line.end()
    parts.append(text[at:])
    return parts
