"""Sentences of a text as [start, end) offsets, with no model: paragraph breaks, then . ! ? before
a capital, except after a known abbreviation or an initial. Used where the figures must not depend
on a pipeline (agreement/event_quality.py) and to cut texts for an LLM (preannotate/llm)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .layout import unwrapped

# A sentence ends at . ! ? (closing quotes/brackets may follow) before white space and a capital,
# a digit or an opening quote -- unless the word before is a known abbreviation or an initial.
_END = re.compile(r"([.!?][\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov",
    "sen", "rep", "rev", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "maj", "pres", "mt", "a.m", "p.m",
}
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")  # "U.S", "U.N", "E.U" (the final dot is the match)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each line of text (a paragraph), white space trimmed, empty ones dropped;
    the lines of a hard-wrapped text are joined into their paragraphs (`core.layout`)."""
    return trimmed(text, ((m.start(), m.end()) for m in re.finditer(r"[^\n]+", unwrapped(text))))


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """[start, end) of each sentence of text[start:end] (sentences never cross a paragraph)."""
    end = len(text) if end is None else end
    bounds: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", unwrapped(text)[:end]):
        if para.end() <= start:
            continue
        first = max(start, para.start())
        for m in _END.finditer(text, first, para.end()):
            token = _word_before(text, first, m.start())
            if token in _ABBREVIATIONS or _INITIALS.fullmatch(token) or (len(token) == 1 and token.isalpha()):
                continue
            bounds.append((first, m.end(1)))
            first = m.end()
        bounds.append((first, para.end()))
    return trimmed(text, bounds)


def _word_before(text: str, first: int, end: int) -> str:
    """The word (letters, digits, dots) just before `end`, lower-cased, looked for in a short
    window (an abbreviation is short; searching back to the sentence start at every dot made a
    long sentence full of "Sen." quadratic). A word longer than the window is no abbreviation."""
    start = max(first, end - _WINDOW)
    word = re.search(r"([\w.]+)$", text[start:end])
    if word is None or (word.start() == 0 and start > first and re.match(r"[\w.]", text[start - 1])):
        return ""
    return word.group(1).lower()


_WINDOW = 32


def trimmed(text: str, pieces: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each [a, b) without its surrounding white space; pieces left empty are dropped."""
    out = []
    for a, b in pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out
