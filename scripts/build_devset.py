"""Build the development gold set (corpora/dev/*.jsonl) from the hand codings in corpora/dev/coding/.

A coding file (one per article, `corpora/dev/coding/<article id>.json`) names strings, not
offsets, so a person can write and review it; this script finds the offsets:

    {"id": "wikinews-...",
     "entities": [{"text": "Boris Johnson", "label": "PERSON", "code": "GBRGOV"},
                  {"text": "Turkey", "label": "GPE", "code": "TUR", "in": "troops entered Turkey"}],
     "events": [{"quote": "Johnson met Macron in Paris on Tuesday",
                 "trigger": "met", "type": "CONSULT", "mode": null, "context": null, "negated": false,
                 "source": "Johnson", "target": "Macron", "location": "Paris", "date": "Tuesday"}]}

- entities: every whole-word occurrence of `text` in the article becomes an entity span (longer
  texts first; an occurrence overlapping a longer one is skipped). `in` restricts it to the
  occurrences inside that quote. `code` is the CAMEO actor code (null for places that are not
  actors, dates ...).
- events: `quote` is an exact substring of the article (unique, or the first occurrence is
  meant); `trigger` and each argument are found inside the quote (first whole-word occurrence).
  An argument is a string (it must coincide with an entity span from the list, or it becomes
  a span of the label given by its role: date -> DATE) or an object
  {"text": ..., "label": ..., "code": ..., "generic": true} for an actor that is not a named
  entity ("police", "protesters"): generic spans are arguments but do not count as named
  entities in the evaluation (attrs.generic). `source`/`target` may also be a list.
- Sentences with no event need nothing: every article is coded whole, so a sentence without an
  event in its coding file has none.

Usage:
    python scripts/build_devset.py                # validate every coding file, write the sets
    python scripts/build_devset.py --check FILE   # validate one file and print its events
    python scripts/build_devset.py --articles corpora/dev/ewt/articles.jsonl --coding corpora/dev/ewt/coding \
        --one-set corpora/dev/ewt.jsonl              # the EWT set (corpora/dev/ewt/README.md)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotator.core.model import GOLD, Argument, Event, Span  # noqa: E402
from annotator.core.scheme import default_scheme  # noqa: E402

DEV = REPO / "corpora" / "dev"
# The Wikinews articles as shipped in corpora/ (a copy of ../shared/news; ANNOTATOR_SHARED=DIR
# reads DIR/news/articles.jsonl instead).
ARTICLES = (Path(os.environ["ANNOTATOR_SHARED"]) / "news" / "articles.jsonl" if os.environ.get("ANNOTATOR_SHARED")
            else REPO / "corpora" / "wikinews" / "articles.jsonl")
ROLES = ("source", "target", "location", "date", "other")


class CodingError(Exception):
    pass


def find_word(text: str, needle: str, start: int = 0, end: int | None = None) -> int:
    """First whole-word occurrence of `needle` in text[start:end], or -1."""
    end = len(text) if end is None else end
    pattern = (r"(?<!\w)" if needle[:1].isalnum() else "") + re.escape(needle) + (r"(?!\w)" if needle[-1:].isalnum() else "")
    m = re.compile(pattern).search(text, start, end)
    return m.start() if m else -1


def all_words(text: str, needle: str, start: int = 0, end: int | None = None) -> list[int]:
    end = len(text) if end is None else end
    pattern = (r"(?<!\w)" if needle[:1].isalnum() else "") + re.escape(needle) + (r"(?!\w)" if needle[-1:].isalnum() else "")
    return [m.start() for m in re.compile(pattern).finditer(text, start, end)]


class Builder:
    def __init__(self, article: dict, coding: dict, path: Path) -> None:
        self.text = article["text"]
        self.coding = coding
        self.path = path
        self.scheme = default_scheme()
        self.spans: dict[tuple[int, int, str], Span] = {}
        self.entity_at: dict[tuple[int, int], Span] = {}
        self.events: list[Event] = []
        self.next_id = 1

    def fail(self, where: str, message: str) -> None:
        raise CodingError(f"{self.path.name}: {where}: {message}")

    def new_span(self, start: int, end: int, label: str, layer: str, code: str | None, attrs: dict) -> Span:
        key = (start, end, layer)
        if key in self.spans:
            return self.spans[key]
        span = Span(self.next_id, start, end, label, layer, code, "human", "accepted", attrs)
        self.next_id += 1
        self.spans[key] = span
        if layer == "entity":
            self.entity_at[(start, end)] = span
        return span

    def build_entities(self) -> None:
        entries = self.coding.get("entities", [])
        taken: list[tuple[int, int]] = []
        order = sorted(range(len(entries)), key=lambda i: -len(entries[i].get("text", "")))
        for i in order:
            e = entries[i]
            where = f"entities[{i}] {e.get('text')!r}"
            for key in ("text", "label"):
                if not e.get(key):
                    self.fail(where, f"'{key}' is missing")
            if self.scheme.entity(e["label"]) is None:
                self.fail(where, f"unknown label {e['label']!r} (use {', '.join(self.scheme.entity_names())})")
            lo, hi = 0, len(self.text)
            if e.get("in"):
                lo = self.text.find(e["in"])
                if lo < 0:
                    self.fail(where, f"'in' quote not found in the article: {e['in']!r}")
                hi = lo + len(e["in"])
            hits = all_words(self.text, e["text"], lo, hi)
            if not hits:
                self.fail(where, "text not found in the article (as whole words)")
            for s in hits:
                t = s + len(e["text"])
                if any(s < b and a < t for a, b in taken):
                    continue
                taken.append((s, t))
                attrs = {"generic": True} if e.get("generic") else {}
                self.new_span(s, t, e["label"], "entity", e.get("code"), attrs)

    def argument_span(self, value, role: str, lo: int, hi: int, where: str) -> Span:
        if isinstance(value, str):
            value = {"text": value}
        if not isinstance(value, dict) or not value.get("text"):
            self.fail(where, f"{role}: give a string or an object with 'text'")
        s = find_word(self.text, value["text"], lo, hi)
        if s < 0:
            self.fail(where, f"{role} {value['text']!r} is not in the quote")
        t = s + len(value["text"])
        existing = self.entity_at.get((s, t))
        if existing is not None:
            return existing
        label = value.get("label") or {"date": "DATE"}.get(role)
        if label is None:
            inside = [sp for (a, b), sp in self.entity_at.items() if a <= s and t <= b]
            hint = f" (the entity span there is {self.text[inside[0].start:inside[0].end]!r})" if inside else ""
            self.fail(where, f"{role} {value['text']!r} is not an entity span of the list{hint}: "
                             "add it to the entities, or give an object with label/code")
        if self.scheme.entity(label) is None:
            self.fail(where, f"{role}: unknown label {label!r}")
        attrs = {"generic": True} if value.get("generic", role in ("source", "target")) else {}
        return self.new_span(s, t, label, "entity", value.get("code"), attrs)

    def build_events(self) -> None:
        for i, ev in enumerate(self.coding.get("events", [])):
            where = f"events[{i}] {ev.get('trigger')!r}"
            for key in ("quote", "trigger", "type"):
                if not ev.get(key):
                    self.fail(where, f"'{key}' is missing")
            label = self.scheme.event(ev["type"])
            if label is None:
                self.fail(where, f"unknown event type {ev['type']!r}")
            if ev.get("mode") and ev["mode"] not in label.mode_names():
                self.fail(where, f"mode {ev['mode']!r} is not a mode of {ev['type']} ({', '.join(label.mode_names()) or 'none'})")
            lo = self.text.find(ev["quote"])
            if lo < 0:
                self.fail(where, f"quote not found in the article: {ev['quote']!r}")
            hi = lo + len(ev["quote"])
            s = find_word(self.text, ev["trigger"], lo, hi)
            if s < 0:
                self.fail(where, "trigger is not in the quote")
            trigger = self.new_span(s, s + len(ev["trigger"]), ev["type"], "trigger", None, {})
            if any(e.trigger == trigger.id for e in self.events):
                self.fail(where, "two events share this trigger (quote it more precisely)")
            arguments: list[Argument] = []
            used: set[int] = set()
            for role in ROLES:
                values = ev.get(role)
                if values is None:
                    continue
                for value in values if isinstance(values, list) else [values]:
                    span = self.argument_span(value, role, lo, hi, where)
                    if span.id in used or span.id == trigger.id:
                        self.fail(where, f"{role}: the same span fills two roles")
                    used.add(span.id)
                    arguments.append(Argument(role, span.id))
            self.events.append(Event(self.next_id, trigger.id, ev["type"], ev.get("mode"),
                                     ev.get("context"), bool(ev.get("negated")), "human",
                                     "accepted", arguments, {}))
            self.next_id += 1

    def record(self, article: dict) -> dict:
        self.build_entities()
        self.build_events()
        spans = sorted(self.spans.values(), key=lambda s: (s.start, s.end, s.layer))
        return {
            "id": article["id"], "title": article["title"], "text": article["text"],
            "meta": article["meta"], "source": article["meta"].get("source"),
            "published": article["meta"].get("date"),
            "annotations": [{
                "annotator": GOLD, "state": "done",
                "spans": [{"id": s.id, "start": s.start, "end": s.end, "label": s.label,
                           "layer": s.layer, "actor_code": s.actor_code, "origin": "human",
                           "status": "accepted", "attrs": s.attrs} for s in spans],
                "events": [{"id": e.id, "trigger": e.trigger, "type": e.type, "mode": e.mode,
                            "context": e.context, "negated": e.negated,
                            "arguments": [{"role": a.role, "span": a.span_id} for a in e.arguments],
                            "origin": "human", "status": "accepted", "attrs": {}} for e in self.events],
            }],
        }


def load_articles(path: Path = ARTICLES) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def build_one(path: Path, articles: dict[str, dict]) -> dict:
    try:
        coding = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CodingError(f"{path.name}: line {exc.lineno}: not JSON ({exc.msg})") from None
    article = articles.get(coding.get("id"))
    if article is None:
        raise CodingError(f"{path.name}: id {coding.get('id')!r} is not an article of {ARTICLES}")
    return Builder(article, coding, path).record(article)


def show(record: dict) -> None:
    text = record["text"]
    layer = record["annotations"][0]
    spans = {s["id"]: s for s in layer["spans"]}
    print(f"{record['id']}: {sum(1 for s in spans.values() if s['layer'] == 'entity')} entity spans, "
          f"{len(layer['events'])} events")
    for e in sorted(layer["events"], key=lambda e: spans[e["trigger"]]["start"]):
        t = spans[e["trigger"]]
        args = ", ".join(f"{a['role']}={text[spans[a['span']]['start']:spans[a['span']]['end']]!r}"
                         f"[{spans[a['span']]['actor_code']}]" for a in e["arguments"])
        print(f"  {e['type']}{'/' + e['mode'] if e['mode'] else ''}{' NEG' if e['negated'] else ''} "
              f"{text[t['start']:t['end']]!r} @{t['start']}: {args}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", type=Path, help="validate one coding file and print its events")
    parser.add_argument("--coding", type=Path, nargs="+", default=[DEV / "coding"],
                        help="folders of coding files (default corpora/dev/coding)")
    parser.add_argument("--out", type=Path, default=DEV, help="where tune.jsonl / heldout.jsonl go")
    parser.add_argument("--articles", type=Path, default=ARTICLES,
                        help="the texts the codings name (default: the Wikinews articles)")
    parser.add_argument("--one-set", type=Path, metavar="FILE",
                        help="write every coding of --coding into FILE, unsplit (e.g. the EWT set: corpora/dev/ewt/README.md)")
    args = parser.parse_args()
    articles = load_articles(args.articles)
    if args.check:
        try:
            show(build_one(args.check, articles))
        except CodingError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return 0
    split = json.loads((DEV / "split.json").read_text(encoding="utf-8"))
    built: dict[str, dict] = {}
    errors = 0
    for path in sorted(p for folder in args.coding for p in folder.glob("*.json")):
        try:
            record = build_one(path, articles)
        except CodingError as exc:
            print(f"error: {exc}", file=sys.stderr)
            errors += 1
            continue
        built[record["id"]] = record
    if errors:
        return 2
    if args.one_set:
        with open(args.one_set, "w", encoding="utf-8") as out:
            for record_id in sorted(built):
                out.write(json.dumps(built[record_id], ensure_ascii=False) + "\n")
        events = sum(len(r["annotations"][0]["events"]) for r in built.values())
        print(f"{len(built)} documents, {events} events -> {args.one_set}")
        return 0
    for part in ("tune", "heldout"):
        rows = [built[i] for i in split[part] if i in built]
        args.out.mkdir(parents=True, exist_ok=True)
        with open(args.out / f"{part}.jsonl", "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        events = sum(len(r["annotations"][0]["events"]) for r in rows)
        print(f"{part}: {len(rows)} articles, {events} events -> {args.out / (part + '.jsonl')}")
    missing = [i for part in ("tune", "heldout") for i in split[part] if i not in built]
    if missing:
        print(f"not coded yet: {len(missing)} articles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
