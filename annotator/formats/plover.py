"""PLOVER event records (JSONL, write only): one flat-ish object per event, the shape event-data
users load with `pandas.read_json(path, lines=True)` (nested fields flatten with
`pandas.json_normalize`).

    {"id", "doc_id", "doc_title", "published", "annotator",
     "event_type", "mode", "context", "negated", "status",
     "source": ACTOR | null, "target": ACTOR | null,        # the first source / target argument
     "sources": [ACTOR], "targets": [ACTOR],                 # all of them
     "location": PLACE | null, "locations": [PLACE], "date": {"text", "start", "end"} | null,
     "dates": [{"text", "start", "end"}], "others": [ACTOR],  # every date; the arguments in the "other" role
     "sentence": {"text", "start", "end"}, "trigger": {"text", "start", "end"}}
    ACTOR = {"text", "start", "end", "label", "actor_code", "country", "sectors", "other_blocks"}
    PLACE = {"text", "start", "end", "label", "actor_code", "country"}

`actor_code` is the CAMEO string stored on the span; PLOVER keeps country and sector apart, so
it is split: the first block is the country (ISO alpha-3), or a PLOVER pseudo-country for
international actors (IGO...UNO -> UNO, IGO...EUR/EEC -> EUR, IGO, NGO, NGM -> ISM, IMG, MNC);
the remaining CAMEO role blocks map to PLOVER sectors by the `plover_sectors` table of the
project's ontology (actors.yaml), e.g. MED -> JRN, HLH -> MED, INS/SEP -> REB, HRI/ENV/DEV -> SOC;
organisation blocks with no sector (HMS in PSEREBHMS) are kept in `other_blocks`.
The sentence is found with spaCy's rule-based sentencizer over the same blank-English
tokenizer as pre-annotation. Rejected events are not written (their number is reported).
"""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import Any, Iterable

from ..core.model import AnnotatedDocument, Event, Layer, Span
from ..core.scheme import Scheme
from .io import atomic_file, dumps_line, first_json_object, sniffed_suffix
from .layers import Tally, layered, report_widened, unfinished_person_layer
from .registry import WriteOptions

# CAMEO role block -> PLOVER sector (actors.yaml, plover_sectors).
CAMEO_TO_PLOVER_SECTOR = {
    "COP": "COP", "GOV": "GOV", "JUD": "JUD", "LEG": "LEG", "MIL": "MIL", "PTY": "PTY",
    "REB": "REB", "INS": "REB", "SEP": "REB", "SPY": "SPY", "UAF": "UAF",
    "AGR": "AGR", "BUS": "BUS", "CRM": "CRM", "CVL": "CVL", "EDU": "EDU", "ELI": "ELI",
    "MED": "JRN", "LAB": "LAB", "HLH": "MED", "REF": "REF", "OPP": "OPP",
    "HRI": "SOC", "ENV": "SOC", "DEV": "SOC", "NGM": "SOC",
}
# CAMEO international first blocks -> PLOVER pseudo-countries (actors.yaml, plover_names).
INTERNATIONAL = {"NGO": "NGO", "NGM": "ISM", "IMG": "IMG", "MNC": "MNC"}


def split_actor_code(code: str | None, countries: set[str] | None = None) -> dict[str, Any]:
    """CAMEO string -> PLOVER {country, sectors, other_blocks}."""
    if not code:
        return {"country": None, "sectors": [], "other_blocks": []}
    blocks = [code[i:i + 3].upper() for i in range(0, len(code), 3)]
    country: str | None = None
    rest = blocks
    first = blocks[0]
    if first == "IGO":
        country = "UNO" if "UNO" in blocks[1:] else "EUR" if {"EUR", "EEC"} & set(blocks[1:]) else "IGO"
        rest = [b for b in blocks[1:] if b not in ("UNO", "EUR", "EEC")]
    elif first in INTERNATIONAL:
        country, rest = INTERNATIONAL[first], blocks[1:]
    elif first not in CAMEO_TO_PLOVER_SECTOR and (countries is None or first in countries):
        country, rest = first, blocks[1:]
    sectors, other = [], []
    for block in rest:
        sector = CAMEO_TO_PLOVER_SECTOR.get(block)
        if sector and sector not in sectors:
            sectors.append(sector)
        elif not sector:
            other.append(block)
    return {"country": country, "sectors": sectors, "other_blocks": other}


def _countries(scheme: Scheme | None) -> set[str] | None:
    if scheme and scheme.actor_countries:
        return set(scheme.actor_countries)
    try:
        import pycountry

        return {c.alpha_3 for c in pycountry.countries} | {"KSV", "KOS", "SCG"}
    except ImportError:  # pragma: no cover - pycountry is a dependency
        return None


class Sentences:
    """Sentence boundaries of one text (spaCy sentencizer over blank English)."""

    _nlp: Any = None

    def __init__(self, text: str) -> None:
        if Sentences._nlp is None:
            import spacy

            nlp = spacy.blank("en")
            nlp.add_pipe("sentencizer")
            Sentences._nlp = nlp
        doc = Sentences._nlp(text)
        self.bounds = [(s.start_char, s.end_char) for s in doc.sents]
        self.starts = [b[0] for b in self.bounds]
        self.text = text

    def around(self, start: int, end: int) -> dict[str, Any]:
        if not self.bounds:
            return {"text": self.text, "start": 0, "end": len(self.text)}
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        j = max(i, bisect.bisect_left(self.starts, end) - 1)
        s, e = self.bounds[i][0], self.bounds[j][1]
        return {"text": self.text[s:e], "start": s, "end": e}


def _where(span: Span, text: str) -> dict[str, Any]:
    return {"text": span.text_in(text), "start": span.start, "end": span.end}


def records_for(doc: AnnotatedDocument, layer: Layer, countries: set[str] | None, tally: Tally
                ) -> list[dict[str, Any]]:
    text = doc.document.text
    events = [e for e in sorted(layer.events.values(), key=lambda e: (layer.spans[e.trigger].start, e.id))
              if e.trigger in layer.spans]
    if not events:
        return []
    sentences = Sentences(text)
    d = doc.document
    written = {i for e in events for i in (e.trigger, *(a.span_id for a in e.arguments)) if i in layer.spans}
    report_widened((layer.spans[i] for i in sorted(written)), text, tally, "PLOVER records", carries_attrs=False)
    out = []
    for event in events:
        trigger = layer.spans[event.trigger]

        def spans(role: str, event: Event = event) -> list[Span]:
            return [layer.spans[i] for i in event.spans_in_role(role) if i in layer.spans]

        def actor(span: Span) -> dict[str, Any]:
            return {**_where(span, text), "label": span.label, "actor_code": span.actor_code,
                    **split_actor_code(span.actor_code, countries)}

        def place(span: Span) -> dict[str, Any]:
            return {**_where(span, text), "label": span.label, "actor_code": span.actor_code,
                    "country": split_actor_code(span.actor_code, countries)["country"]}

        sources = [actor(s) for s in spans("source")]
        targets = [actor(s) for s in spans("target")]
        locations = [place(s) for s in spans("location")]
        dates = [_where(s, text) for s in spans("date")]
        others = [actor(s) for s in spans("other")]
        out.append({
            "id": event.id,
            "doc_id": d.ext_id if d.ext_id is not None else (str(d.id) if d.id is not None else None),
            "doc_title": d.title,
            "published": d.published,
            "annotator": layer.annotator,
            "event_type": event.type,
            "mode": event.mode,
            "context": event.context,
            "negated": event.negated,
            "status": event.status,
            "source": sources[0] if sources else None,
            "target": targets[0] if targets else None,
            "sources": sources,
            "targets": targets,
            "location": locations[0] if locations else None,
            "locations": locations,
            "date": dates[0] if dates else None,
            "dates": dates,
            "others": others,
            "sentence": sentences.around(trigger.start, trigger.end),
            "trigger": _where(trigger, text),
        })
    return out


def write(documents: Iterable[AnnotatedDocument], path: Path, options: WriteOptions) -> int:
    """Writes one record per event; returns the number of documents the file holds records of
    (a document with no event leaves no trace in it: said in a warning, not counted as written)."""
    tally = Tally()
    countries = _countries(options.scheme)
    count = 0
    with atomic_file(path) as out:
        for doc, layer in layered(documents, options, tally, warn_not_done=False):
            if unfinished_person_layer(layer):
                tally.add(f"document(s) whose {layer.annotator!r} layer is not marked done were written: their "
                          "annotator may not have coded all of their events yet (--only-done leaves them out)")
            records = records_for(doc, layer, countries, tally)
            for record in records:
                out.write(dumps_line(record))
            if records:
                count += 1
            else:
                tally.add("document(s) hold no event to write, and a PLOVER file has one record per event: "
                          "they are not in it")
    tally.flush(options.warnings)
    return count


def sniff(path: Path, suffix: str | None = None) -> bool:
    """A PLOVER export (to refuse it by name on import: the format is write only)."""
    if path.is_dir() or sniffed_suffix(path, suffix) not in (".jsonl", ".ndjson", ".json"):
        return False
    first = first_json_object(path)
    return first is not None and "text" not in first and {"event_type", "trigger", "doc_id"} <= set(first)
