"""Offset helpers: token snapping and Python-str <-> UTF-16 positions.

Stored offsets are Python `str` indices (code points). Qt counts UTF-16 code units,
so a character outside the Basic Multilingual Plane (emoji, some CJK) is one
Python index but two Qt positions. The GUI converts through `Utf16Index`, and so does the
doccano format, whose files count UTF-16 units too; nothing else sees them.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from typing import TYPE_CHECKING

from .layout import soft_breaks, unwrapped

if TYPE_CHECKING:
    from .model import Layer, Span

ZWJ, ZWNJ = "\u200d", "\u200c"  # joiners: emoji sequences; Persian words ("امیر\u200cعبداللهیان")
# Scripts written without spaces between words: Han, kana, Thai, Lao, Myanmar, Khmer (Korean is
# spaced). A run of their letters is a clause, not a word: each letter is a token of its own.
UNSPACED_CHARS = ("\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
                  "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff")
UNSPACED = re.compile(f"[{UNSPACED_CHARS}]")


# Abbreviations written with dots ("U.S.", "e.g."), words with inner apostrophes, hyphens
# or dots ("Amir-Abdollahian", "3.5"), or single other non-space characters. A sentence's
# final period is its own token. Close to spaCy's English tokenizer for snapping purposes
# without importing spaCy.
# Hebrew geresh and gershayim (U+05F3, U+05F4) are letters' marks inside a word ("צה״ל",
# "ג׳ורג׳"), not punctuation.
def _token_pattern(word: str) -> str:
    """The token pattern, words made of `word` (a regex for one word character)."""
    return rf"[^\W\d_](?:\.[^\W\d_])+\.?|{word}+(?:[-'’.\u05f3\u05f4]{word}+)*\u05f3?|[^\w\s]"


_TOKEN = re.compile(_token_pattern(r"\w"), re.UNICODE)
# With letters of unspaced scripts in the text: each of them first, and no word runs into them.
_TOKEN_MIXED = re.compile(f"[{UNSPACED_CHARS}]|" + _token_pattern(f"(?:(?![{UNSPACED_CHARS}])\\w)"))


def token_spans(text: str) -> list[tuple[int, int]]:
    if text.isascii():
        return [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    pattern = _TOKEN_MIXED if UNSPACED.search(text) else _TOKEN
    return _whole_characters(text, [(m.start(), m.end()) for m in pattern.finditer(text)])


def _extends(ch: str) -> bool:
    """A code point that belongs to the character before it: a combining mark (the accent of a
    decomposed "é", a Devanagari or Thai vowel sign), a zero-width joiner, a variation
    selector, an emoji skin tone or tag; a zero-width non-joiner inside a Persian word.
    Python's \\w has no marks, so the pattern cuts there."""
    o = ord(ch)
    return (unicodedata.category(ch)[0] == "M" or ch in (ZWJ, ZWNJ) or 0xFE00 <= o <= 0xFE0F
            or 0x1F3FB <= o <= 0x1F3FF or 0xE0020 <= o <= 0xE007F)


def inside_character(text: str, i: int) -> bool:
    """Whether position i of `text` falls inside one user-perceived character: before a mark,
    a zero-width joiner, a variation selector or a skin tone that belongs to the character
    before it, or right after a joiner (the parts of "👩‍👩‍👧"). A word's zero-width non-joiner
    (Persian) is a boundary inside a word, not inside a character."""
    if i <= 0 or i >= len(text):
        return False
    return (_extends(text[i]) and text[i] != ZWNJ) or text[i - 1] == ZWJ


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF  # two of them make a flag


def _whole_characters(text: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join tokens the pattern split inside one user-perceived character or word: "Cafe" + U+0301,
    "Zu" + U+0308 + "rich", an emoji with its joiners and modifiers, the two halves of a flag."""
    out: list[tuple[int, int]] = []
    for start, end in tokens:
        if out and out[-1][1] == start:
            prev_start, prev_end = out[-1]
            before, first = text[prev_end - 1], text[start]
            if (_extends(first) or before in (ZWJ, ZWNJ)
                    or (_extends(before) and first.isalnum() and text[prev_start].isalnum()
                        and not UNSPACED.match(first))  # a Thai letter after a vowel mark starts anew
                    or (_regional(before) and _regional(first) and prev_end - prev_start == 1)):
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


def snap_to_tokens(text: str, start: int, end: int, tokens: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """Grow [start, end) to whole tokens, after trimming surrounding whitespace.

    A selection that covers only whitespace stays as it is (the caller decides)."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, end
    tokens = tokens if tokens is not None else token_spans(text)
    starts = [t[0] for t in tokens]
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and tokens[i][0] <= start < tokens[i][1]:
        start = tokens[i][0]
    j = bisect.bisect_left(starts, end) - 1
    if j >= 0 and tokens[j][0] < end < tokens[j][1]:
        end = tokens[j][1]
    start = _trim_start(text, start, end, set(tokens[max(0, i): i + 8]))
    return start, _trim_end(text, start, end, set(tokens[max(0, j - 8): j + 2]))


def _trim_start(text: str, start: int, end: int, near: set[tuple[int, int]]) -> int:
    """Leave opening punctuation that is a token of its own ("(Hamas", "“productive") out of a
    snapped selection, unless nothing would be left."""
    while end - start > 1 and not (text[start].isalnum() or text[start].isspace()) and (start, start + 1) in near:
        start += 1
        while start < end and text[start].isspace():
            start += 1
    return start


# "Hezbollah’s", "Israel's": the possessive is not part of the name (the model's suggestion and
# another annotator's span are "Hezbollah"), so a selection snapped to tokens leaves it out.
_POSSESSIVE = re.compile(r"\w['’][sS]$")


def _trim_end(text: str, start: int, end: int, near: set[tuple[int, int]]) -> int:
    """Leave a possessive 's / ’s and trailing punctuation (", . ; : ! ?) and quotes) out of a
    snapped selection, unless nothing would be left. An abbreviation keeps its dot ("U.S."):
    only punctuation that is a token of its own (`near`: the tokens around the end) goes."""
    while end > start:
        if end - 2 > start and _POSSESSIVE.search(text, max(start, end - 3), end):
            end -= 2
            continue
        last = text[end - 1]
        if not (last.isalnum() or last.isspace()) and end - 1 > start and (end - 1, end) in near:
            end -= 1
            while end > start and text[end - 1].isspace():
                end -= 1
            continue
        break
    return end


class Utf16Index:
    """Converts between Python indices and UTF-16 positions of one text in O(log n)."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # UTF-16 position of each astral character's first unit, for the reverse direction.
        self._astral_u16 = [i + k for k, i in enumerate(self._astral)]
        self.length = len(text)

    @property
    def trivial(self) -> bool:
        return not self._astral

    @property
    def utf16_length(self) -> int:
        """The text's length in UTF-16 code units, from the table (`utf16_len` walks the text)."""
        return self.length + len(self._astral)

    def to_utf16(self, index: int) -> int:
        if not self._astral:
            return index
        return index + bisect.bisect_left(self._astral, index)

    def to_python(self, position: int) -> int:
        """UTF-16 position to Python index; a position inside a surrogate pair maps to
        the start of that character."""
        if not self._astral:
            return position
        k = bisect.bisect_right(self._astral_u16, position)
        if k and self._astral_u16[k - 1] + 1 == position:
            return self._astral[k - 1]  # inside a surrogate pair: snap to its character
        return position - bisect.bisect_left(self._astral_u16, position)


def utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


# ------------------------------------------------------------------ the text a model reads
# Invisible characters that split a word for a tokenizer but not for a reader: zero-width
# space, non-joiner and joiner, word joiner, byte-order mark, soft hyphen ("Iran\u200b",
# "Ger\u00admany" pasted from the web are "Iran" and "Germany"); and the marks that only set
# the direction of bidirectional text -- left-to-right and right-to-left marks, the Arabic letter
# mark, embeddings, overrides and isolates ("\u200eTrump\u200e" copied from a page in Arabic or
# Hebrew): on ten news articles with such marks around a third of their capitalised words, 204 of
# their 583 entities were lost or changed, some cut with a mark at their end.
_INVISIBLE = ("\u200b\u200c\u200d\u2060\ufeff\u00ad"
              "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_HAS_INVISIBLE = re.compile(f"[{_INVISIBLE}]")
# Spaces between words other than U+0020 -- no-break ("10\u00a0km", "Mr.\u00a0Smith" from web
# pages), figure, thin, narrow no-break, the typographic ones: a tokenizer that splits on " " alone
# glued the words around them into one token, and one text in seven such gaps lost a fifth of its
# event suggestions. Read as " ", one character for one, so offsets stay. A tab (and the
# ideographic and Ogham spaces) is a token of its own for the tokenizer, which the NER took into a
# name ("Abu\t" PERSON, a span ending in white space) and the gazetteer matched across no more
# ("Abu\tMahdi al-Muhandis", "Saudi\tArabia"): read as " " too.
_ODD_SPACES = ("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
               "\t\u3000\u1680")
_ODD_SPACE = re.compile(f"[{_ODD_SPACES}]")
_AS_SPACE = str.maketrans(dict.fromkeys(_ODD_SPACES, " "))
# HTML left in text taken from a page's source or a scraper that did not decode it: character
# references ("AT&amp;T", "Iran&#39;s", "&quot;We will respond,&quot; he said") read as the
# character they name, and the tags of running text read as nothing (inline: "<b>Iran</b>'s") or
# as a line break (a paragraph, a heading, a list item, "<br>"), so "Iran&#39;s" is "Iran" + "'s"
# for the tokenizer and "<p>Iran</p><p>Israel" two paragraphs. Only references that name a
# character (ending in ";") and tags of HTML's own names, bare or with attributes given values
# ('<a href="...">'): "AT&T", "&c." and "a <b and c> d" stay as written.
_BLOCK_TAGS = ("p|br|div|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|thead|tbody|blockquote|hr|pre"
               "|section|article|header|footer|figure|figcaption|caption")
_INLINE_TAGS = ("a|b|i|u|s|em|strong|span|font|sup|sub|small|big|abbr|cite|q|strike|del|ins|mark"
                "|code|tt|img|time")
_MARKUP = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
                     rf"|<(/?)(?:({_BLOCK_TAGS})|{_INLINE_TAGS})"
                     r"(?:\s[^<>=]{0,200}=[^<>]{0,2000})?\s{0,20}/?>", re.IGNORECASE)
# (bounded: with "+" and "*" the attribute part backtracked quadratically over a long run of
# spaces after a stray "<b ", 9 s for 40,000 of them)


# Marks of plain-text markup that a reader does not read as words, read as nothing (each mark
# maps back to its own characters, so a span never starts or ends inside one):
# - a Markdown link's brackets and target: "[Turkey](https://en.wikipedia.org/wiki/Turkey)" reads
#   "Turkey" (before, the link text ran into the address -- "Brett McGurk](https://en.wikipedia.org"
#   a PERSON -- or the name was found in the address);
# - Markdown emphasis: "**Seibert**", "__x__", "*x*", "_x_";
# - a footnote marker after a word or a stop, as text copied from Wikipedia holds them:
#   "States[3]", "Monday.[2]", "[citation needed]", superscript digits "Turkey¹" ("United States[3"
#   was a GPE without a code, "Turkey¹" no entity at all);
# - a list's bullet at the start of a line ("• Lorenzana said": the bullet went into the name,
#   and "- Police arrived" lost its actor);
# - emoji.
_LINK = re.compile(r"\[(?P<link>[^\[\]\n]{1,300})\]\((?:https?://|www\.)[^\s()]{1,2000}\)")
_STRONG = re.compile(r"(?P<strong>\*\*|__)(?=\S)[^\n]{1,300}?(?<=\S)(?P=strong)")
# (each pattern starts with its mark, which the regex engine finds fast; what must come before the
# mark is checked apart: a look-behind first made every character a try, 40 ms a corpus pass)
_EMPHASIS = re.compile(r"\*(?=[^\s*])[^*\n]{1,300}?(?<=[^\s*])\*(?![\w*])|_(?=[^\s_])[^_\n]{1,300}?(?<=[^\s_])_(?![\w_])")
_FOOTNOTE = re.compile(r"\[(?:\d{1,3}|[a-z]|citation needed|note \d{1,3})\]|[¹²³⁰⁴⁵⁶⁷⁸⁹]+")
_AFTER_WORD_OR_STOP = frozenset(".,;:!?)\"'”’")
_BULLET = re.compile(r"^[ \t]*(?:[-*•◦▪‣·]|\(\d{1,3}\))[ \t]+(?=\S)", re.MULTILINE)
# emoji (pictographs, their skin tones, flags, the variation selector): "Turkey 👍🏽 attacked"
# made "Turkey 👍" an ORG, ending between the emoji and its skin tone
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]+")
_SUPERSCRIPT = re.compile("[¹²³⁰⁴⁵⁶⁷⁸⁹]")
_LINE_START_MARK = re.compile(r"^[ \t]*[-*•◦▪‣·(]", re.MULTILINE)
# Single guillemets read as the double ones the sentence splitter and the statement rules know
# (the closing "›" went into a place name: "United States?›").
_AS_QUOTES = str.maketrans({"‹": "«", "›": "»"})


# UTF-8 read as Windows-1252 (a page or a file decoded with the wrong code page): "Courtâ€™s",
# "ErdoÄŸan", "cafÃ©". A run of a UTF-8 lead byte's character and continuation bytes' characters
# that decodes as UTF-8 reads as what it encodes (before, "Supreme Courtâ€" was an ORG ending
# inside the run and "ErdoÄŸan" no person). The stored text keeps what was pasted.
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                       "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022"
                       "\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}")


_MOJIBAKE_LEADS = "ÂÃÄÅÐÑØÙâ"


def _mojibake_read(run: str, after: str = "") -> str | None:
    """What a run of `_MOJIBAKE` encodes, or None when it is no UTF-8 read as Windows-1252.
    Only the runs pasted text shows: Latin letters after "Â"/"Ã"/"Ä"/"Å", Cyrillic after "Ð"/"Ñ",
    Arabic after "Ø"/"Ù", punctuation after "â" ("â€™"); a no-break space or a soft hyphen only
    after "Â"/"Ã" ("Ã\xa0" is "à"; "Å" + soft hyphen is a word broken for the line). After
    "Ä"/"Å"/"Ð"/"Ñ"/"Ø"/"Ù" the run must read as a letter inside a word (`after`: the character
    following it): "BLÅ»" is a Norwegian word before a closing guillemet, "PIÙ»" Italian, not
    "BLŻ" and an Arabic letter; "ErdoÄŸan" and "ÐœÐ¾ÑÐºÐ²Ð°" are mojibake."""
    if run[0] not in _MOJIBAKE_LEADS or (run[0] not in "ÂÃ" and ("\xa0" in run or "\xad" in run)):
        return None
    try:
        raw = bytes(ord(c) if ord(c) < 256 else c.encode("cp1252")[0] for c in run)
        read = raw.decode("utf-8")
    except (UnicodeError, ValueError):
        return None
    if run[0] in "ÄÅÐÑØÙ" and not (read.isalpha() and after[:1].isalpha()):
        return None
    return read if len(read) < len(run) else None


def _quiet_marks(read: str) -> tuple[set[int], list[int]]:
    """The indices of `read` that are markup marks, to be read as nothing, and those to be read as
    a space: an emoji or symbol between two words ("Russia🇷🇺Ukraine") parts them (read as
    nothing, "RussiaUkraine" was one ORG). Each kind of mark is looked for only in a text holding
    the characters it starts with (a test in C; the patterns are slow to try at every character)."""
    marks: set[int] = set()
    spaces: list[int] = []
    if "](" in read:
        for m in _LINK.finditer(read):
            marks.add(m.start())
            marks.update(range(m.end("link"), m.end()))
    if "**" in read or "__" in read:
        for m in _STRONG.finditer(read):
            width = len(m.group("strong"))
            marks.update(range(m.start(), m.start() + width))
            marks.update(range(m.end() - width, m.end()))
    if "*" in read or "_" in read:
        for m in _EMPHASIS.finditer(read):
            before = read[m.start() - 1] if m.start() else " "
            if not (before.isalnum() or before in "*_"):  # ("2*3*4", "snake_case")
                marks.update((m.start(), m.end() - 1))
    whole = []
    if "[" in read or (not read.isascii() and _SUPERSCRIPT.search(read)):
        for m in _FOOTNOTE.finditer(read):
            before = read[m.start() - 1] if m.start() else " "
            # after a word or a stop ("States[3]", "Monday.[2]", "Turkey¹"), not "see [a]" or "x2"
            if before.isalpha() or (before.isdigit() and m.group()[0] == "[") or before in _AFTER_WORD_OR_STOP:
                whole.append(m)
    if _LINE_START_MARK.search(read):
        whole += list(_BULLET.finditer(read))
    for m in whole:  # a footnote, superscript digits, a bullet with its spaces
        marks.update(range(m.start(), m.end()))
    if not read.isascii():
        for m in _EMOJI.finditer(read):
            between_words = m.start() > 0 and m.end() < len(read) and not read[m.start() - 1].isspace() \
                and not read[m.end()].isspace()
            marks.update(range(m.start() + between_words, m.end()))
            if between_words:
                spaces.append(m.start())
    return marks, spaces


def _markup_read(match: re.Match[str]) -> str | None:
    """What a reader sees for an HTML reference or tag (`_MARKUP`); None when it is not one (an
    unknown name: "&foo;")."""
    found = match.group()
    if found[0] == "<":
        return "\n" if match.group(2) else ""
    read = html.unescape(found)
    if read == found:
        return None
    return _HAS_INVISIBLE.sub("", read.translate(_AS_SPACE))


class ModelText:
    """A stored text as a model should read it, and the way back to stored offsets: composed
    (NFC: "Zu\u0308rich" from a Mac or a scraper reads as "Zürich", as the lexicons spell it),
    without invisible characters, with other spaces between words (no-break, thin...) as " "
    and a run of spaces as one, HTML character references and tags as a page shows them,
    and with the line breaks that only wrap a line as spaces (`core.layout`; a word such a break
    cut with a hyphen read whole). The stored text is
    never changed; a span the model finds
    in `text` is mapped back with `span()` to the stored characters it came from."""

    def __init__(self, text: str, starts: list[int], ends: list[int], length: int) -> None:
        self.text = text
        self._starts = starts  # for each character of `text`: the stored index it starts at
        self._ends = ends      # ... and the stored index after the last character it came from
        self._length = length

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Stored offsets of [start, end) in `text`: from the first stored character of its
        first character to the last of its last (an invisible character inside stays inside)."""
        if start >= end:
            at = self._starts[start] if start < len(self._starts) else self._length
            return at, at
        return self._starts[start], self._ends[end - 1]


def _hyphenation(text: str, read: str) -> set[int]:
    """Where a hard-wrapped text (`core.layout`) cut a word at a line's end with a hyphen
    ("Pales-\ntinian", as a PDF or a typeset page copies): the hyphen and the wrapping break,
    which `read` (`text` unwrapped) holds as a space. Read as nothing, the word is whole again for
    the tokenizer and the lexicons ("Pales- tinian" was two tokens, and no NORP). Before a capital
    or a digit the hyphen is the word's own and stays ("pro-\nRussian" reads "pro-Russian"); a
    compound cut at its own hyphen before a small letter reads as one word ("well-\nknown" reads
    "wellknown": without a dictionary the two look alike, and typesetting cuts syllables far more
    often)."""
    found: set[int] = set()
    for at in soft_breaks(text):
        hyphen = at - 2 if text[at - 1] == "\r" else at - 1  # (`read` has the "\r" of "\r\n" as a space)
        if hyphen > 0 and read[hyphen] == "-" and read[hyphen - 1].isalpha() \
                and at + 1 < len(read) and read[at + 1].isalnum():
            found.update(range(hyphen if read[at + 1].islower() else hyphen + 1, at + 1))
    return found


def model_text(text: str) -> ModelText | None:
    """The text a model should read in place of `text`; None when it is the same (nearly every
    text: the checks cost a pass or two in C). Wrapping line breaks (`core.layout.unwrapped`) and
    other spaces between words read as " ", one character for one: every offset stays."""
    read = unwrapped(text)
    if _ODD_SPACE.search(read):
        read = read.translate(_AS_SPACE)
    if "‹" in read or "›" in read:
        read = read.translate(_AS_QUOTES)
    # (==, not `is`: `unwrapped` is cached, and may hand back an equal text read before)
    markup = ("&" in read or "<" in read) and any(_markup_read(m) is not None for m in _MARKUP.finditer(read))
    quiet, spaced = _quiet_marks(read)
    if spaced:
        chars = list(read)
        for i in spaced:
            chars[i] = " "
        read = "".join(chars)
    mojibake = not read.isascii() and any(_mojibake_read(m.group(), read[m.end():m.end() + 1])
                                          for m in _MOJIBAKE.finditer(read))
    if read == text and "  " not in read and not markup and not quiet and not mojibake and (
            text.isascii() or (unicodedata.is_normalized("NFC", text) and not _HAS_INVISIBLE.search(text))):
        return None
    # A changed text is mapped back by the groups below, even where nothing composes: a space read
    # for a no-break one may carry a combining mark, which a span must not be cut from.
    hyphens = (_hyphenation(text, read) if read != text else set()) | quiet
    text = read
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        if i in hyphens:  # read as an invisible character: inside a span it stays inside
            i += 1
            continue
        if text[i] == " " and parts and parts[-1].endswith(" "):
            # a second space between words reads as none: the tokenizer made a token of it, which
            # split "Saudi  Arabia" (NORP + PERSON) and "Abu  Mahdi al-Muhandis" for the NER and
            # the gazetteer; inside a span it stays inside, as an invisible character does
            i += 1
            continue
        if markup and text[i] in "&<" and (found := _MARKUP.match(text, i)) is not None \
                and (seen := _markup_read(found)) is not None:
            i = found.end()
            if seen and not (seen == " " and parts and parts[-1].endswith(" ")):
                parts.append(seen)  # the reference is all of one character's place: it maps
                starts.extend([found.start()] * len(seen))  # back whole, never cut
                ends.extend([i] * len(seen))
            continue
        if mojibake and (found := _MOJIBAKE.match(text, i)) is not None \
                and (seen := _mojibake_read(found.group(), text[found.end():found.end() + 1])) is not None:
            i = found.end()
            parts.append(seen)  # the run is all of one character's place: it maps back whole
            starts.extend([found.start()] * len(seen))
            ends.extend([i] * len(seen))
            continue
        if text[i] in _INVISIBLE:
            if text[i] in (ZWJ, ZWNJ) and ends and ends[-1] == i:
                ends[-1] = i + 1  # a joiner stays with the letter before it, as token_spans keeps it
            i += 1
            continue
        j = i + 1  # a character and the combining marks after it compose together (even
        while j < n:  # with an invisible character between them)
            k = j
            while k < n and text[k] in _INVISIBLE:
                k += 1
            if k == n or not unicodedata.combining(text[k]):
                break
            j = k + 1
        group = text[i:j]
        composed = unicodedata.normalize("NFC", _HAS_INVISIBLE.sub("", group))
        parts.append(composed)
        starts.extend([i] * len(composed))  # a part of a group is all of it: no mark is cut off
        ends.extend([j] * len(composed))
        i = j
    return ModelText("".join(parts), starts, ends, n)
