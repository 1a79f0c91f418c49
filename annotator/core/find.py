"""Finding a typed phrase in a document: ignoring case, and the way an accent is written.

A keyboard types "Zürich" with one code point for ü (NFC); an article may store it as u plus
a combining diaeresis (NFD), and the other way round. Both sides are compared decomposed and
lower-cased, character by character, and a match is reported as Python indices of the stored
text -- whole stored characters only (a search for "Zu" does not match the "Zü" of Zürich).
"""

from __future__ import annotations

import re
import unicodedata

from .offsets import inside_character

_RUNS = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def _fold(ch: str) -> str:
    # Turkish dotted capital I lower-cases to "i" plus a combining dot: "istanbul" missed "İstanbul"
    return "i" if ch == "İ" else unicodedata.normalize("NFD", ch).lower()


class Finder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.plain = text.isascii()
        if self.plain:
            self.hay = text.lower()
            self.origin: list[int] = []
        else:
            # origin[k] = the stored character that position k of `hay` comes from. Runs of ASCII
            # (most of an English article) are folded whole: character by character, a 2 MB
            # article held the window a second.
            parts: list[str] = []
            self.origin = []
            for run in _RUNS.finditer(text):
                chunk, start = run.group(), run.start()
                if chunk.isascii():
                    parts.append(chunk.lower())
                    self.origin.extend(range(start, run.end()))
                    continue
                for i, ch in enumerate(chunk, start):
                    piece = _fold(ch)
                    parts.append(piece)
                    self.origin.extend([i] * len(piece))
            self.hay = "".join(parts)
            self.origin.append(len(text))

    def _needle(self, needle: str) -> str:
        return needle.lower() if self.plain and needle.isascii() else "".join(_fold(ch) for ch in needle)

    def _whole(self, k: int, n: int) -> bool:
        """Whether hay[k:k+n] starts and ends on stored-character boundaries, and no accent of
        the letter it ends on follows (stored as a mark of its own: the "u" of "Zu\u0308rich")."""
        if self.plain:
            return True
        return ((k == 0 or self.origin[k - 1] != self.origin[k]) and self.origin[k + n - 1] != self.origin[k + n]
                and not (k + n < len(self.hay) and unicodedata.combining(self.hay[k + n])))

    def _to_text(self, k: int, n: int) -> tuple[int, int]:
        if self.plain:
            return k, k + n
        return self.origin[k], self.origin[k + n - 1] + 1

    def matches(self, needle: str) -> list[tuple[int, int]]:
        """Every match of `needle`, as [start, end) of the stored text, in order. Never a part of
        one emoji made of several code points: "👩" is not found inside "👩‍👩‍👧"."""
        target = self._needle(needle)
        if not target:
            return []
        found, k = [], self.hay.find(target)
        while k >= 0:
            if self._whole(k, len(target)):
                start, end = self._to_text(k, len(target))
                if self.plain or not (inside_character(self.text, start) or inside_character(self.text, end)):
                    found.append((start, end))
            k = self.hay.find(target, k + 1)
        return found

    def next_match(self, needle: str, position: int) -> tuple[tuple[int, int] | None, int]:
        """The first match starting at or after `position` (else the first one: the search wraps),
        and how many there are."""
        found = self.matches(needle)
        after = next((m for m in found if m[0] >= position), None)
        return (after or (found[0] if found else None)), len(found)
