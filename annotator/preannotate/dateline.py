"""Wire-service datelines: "BAGHDAD, Jan 5 (Reuters) - Iraqi lawmakers voted ...".

A dateline opens a wire story (or a paragraph of a feed): the place it was filed from, in
capitals, sometimes its region or country, the date and the agency, then a dash. It reports
where the story was written, so its words are never an actor of the sentence's events, and in
capitals the NER reads "BAGHDAD" as a person and the gazetteer (which matches case) not at all.
The component after the NER (pipeline.py) therefore:
- marks the place as the gazetteer names it (GPE with its country code; "UNITED NATIONS" is
  the ORG it is), or with the code of the region that follows it ("KANDAHAR, Afghanistan");
- marks the date ("Jan 5") as DATE and the agency as the organisation the gazetteer knows;
- drops whatever else the NER put on those words ("Jan" PERSON);
- records the dateline's token ranges (DATELINE_KEY) so arguments.py proposes none of its
  entities as an argument.
A capitalised run counts only in a dateline's shape: at the start of the text or of a line,
followed by a dash, and a place the gazetteer knows or followed by a region, a date or an agency
("KABUL, Afghanistan -", "WASHINGTON (AP) -"); title-case words only before "(Agency)" and a
dash ("Beijing (AFP) -").
"""

from __future__ import annotations

import re
from typing import Any

from .gazetteer import Gazetteer

DATELINE_KEY = "annotator.datelines"  # [(start token, end token)] per dateline: msgpack-safe
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_CAPS_WORD = r"[A-Z][A-Z.'’\-]*[A-Z.]"
_TITLE_WORD = r"[A-Z][a-zA-Z.'’\-]+"
# Between the words of a dateline: spaces, never a line break ("By Jane Doe" above a blank line
# and "WASHINGTON (Reuters) -" were read as one place, a GPE across the paragraph break).
_S = r"[^\S\n]"
_REGION = rf"(?:,{_S}+(?P<region>{_TITLE_WORD}(?:{_S}+{_TITLE_WORD}){{0,3}}))?"
_DATE = rf"(?:,?{_S}+(?P<date>{_MONTH}{_S}+\d{{1,2}}))?"
_AGENCY = rf"{_S}*\((?P<agency>[A-Z][\w.&’' -]{{0,40}}?)\)"
_DASH = rf"{_S}*(?:--|[-—–])\s+"
DATELINE = re.compile(
    rf"(?m)^[ \t]*(?P<place>{_CAPS_WORD}(?:{_S}+{_CAPS_WORD}){{0,3}}|{_TITLE_WORD}(?:{_S}+{_TITLE_WORD}){{0,3}})"
    rf"{_REGION}{_DATE}(?:{_AGENCY})?{_DASH}")


class DatelineMarker:
    """spaCy component: entities of the datelines in a text (module docstring)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Any) -> Any:
        found = []
        for match in DATELINE.finditer(doc.text):
            marked = self._mark(doc, match)
            if marked is not None:
                found.append(marked)
        doc.user_data[DATELINE_KEY] = [list(r) for r, _ in found]
        if found:
            new = [span for _, spans in found for span in spans]
            ranges = [r for r, _ in found]
            kept = [e for e in doc.ents if not any(s < e.end and e.start < t for s, t in ranges)]
            doc.ents = sorted(kept + new, key=lambda span: span.start)
        return doc

    def _mark(self, doc: Any, match: re.Match) -> tuple[tuple[int, int], list[Any]] | None:
        from spacy.tokens import Span

        place = match.group("place")
        caps = not any(c.islower() for c in place)
        if not caps and not match.group("agency"):
            return None  # "Officials said - ...": title case is a dateline only before "(Agency)"
        hit = self.gazetteer.code_for(_title_case(place) if caps else place)
        region = match.group("region")
        region_hit = self.gazetteer.code_for(region) if region else None
        if not (match.group("agency") or match.group("date") or region or (hit and hit[0] in ("GPE", "LOC"))):
            return None  # "ISIS - the group ...": capitals and a dash alone are no dateline
        whole = doc.char_span(match.start("place"), match.end(), alignment_mode="expand")
        if whole is None:
            return None
        spans = []
        label, code = hit if hit else ("GPE", region_hit[1] if region_hit else None)
        spans.append(self._span(doc, match.start("place"), match.end("place"), label, code))
        if region:
            rlabel, rcode = region_hit if region_hit else ("GPE", None)
            spans.append(self._span(doc, match.start("region"), match.end("region"), rlabel, rcode))
        if match.group("date"):
            spans.append(self._span(doc, match.start("date"), match.end("date"), "DATE", None))
        if match.group("agency"):
            agency = self.gazetteer.code_for(match.group("agency"))
            spans.append(self._span(doc, match.start("agency"), match.end("agency"), "ORG",
                                    agency[1] if agency else None))
        spans = [s for s in spans if s is not None]
        return (whole.start, whole.end), [Span(doc, s, e, label=lab, span_id=c or 0) for s, e, lab, c in spans]

    @staticmethod
    def _span(doc: Any, start: int, end: int, label: str, code: str | None) -> tuple[int, int, str, str | None] | None:
        span = doc.char_span(start, end, alignment_mode="contract")
        return None if span is None or not len(span) else (span.start, span.end, label, code)


def _title_case(caps: str) -> str:
    """ "GAZA CITY" -> "Gaza City", "U.S." stays: the gazetteer's spelling of a capitalised name."""
    return " ".join(w if "." in w else "-".join(p.capitalize() for p in w.split("-")) for w in caps.split())


def in_dateline(ranges: list[list[int]], start: int) -> bool:
    """Whether the token at `start` lies in one of the doc's datelines (DATELINE_KEY)."""
    return any(s <= start < e for s, e in ranges)
