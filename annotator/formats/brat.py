"""brat standoff: a folder of `NAME.txt` + `NAME.ann` pairs and an `annotation.conf`
(or BioNLP Shared Task style `NAME.txt` + `NAME.a1` + `NAME.a2`, read only).

Write (one layer, `--layer`): `NAME.txt` holds the stored text byte for byte (UTF-8, line
endings kept); NAME is the document id made file-safe (letters of any script kept; `doc-<n>`
without one). `NAME.ann`:
- `T` entity and trigger spans (`Label start end<TAB>text`); a span crossing a line break is
  written as fragments `start end;start end` around the break (brat shows one line per
  fragment); a span that starts or ends with a line break loses it (counted in a warning);
- `E` events `Type:T1 Source:T2 Target:T3` (our roles capitalised, or the brat role names the
  event was read with);
- `A` attributes: `Mode`, `Context`, `Negation` on events, `ActorCode` on spans, `Status` on
  spans/events that are not accepted, and any other attribute read from brat (on T, E or R);
- `R` relations and `*` equivalences read from brat, `N` normalisations and `#` notes.
`annotation.conf` declares the scheme's labels and event types plus everything used.
Lost: document title and meta, span/event origin, attrs other than those above.

Read (a folder, recursively, or one `.ann` file): every `.txt` is a document (its `.ann`,
if any, is the annotator's layer, state done); the document id is the path without `.txt`.
Without a `.ann`, the BioNLP Shared Task files `NAME.a1` (given entities), `NAME.a2` (events),
`NAME.co` and `NAME.rel` that exist are read as one file, in that order, ids shared -- as brat
does; with a `.ann` they are ignored (as brat does), and a warning names them. An annotation
file without its `.txt` refuses the import (its offsets point into no text).
- `T` (discontinuous `s e;s e` becomes one span from the first start to the last end, the
  fragments kept in `attrs.fragments`, sorted as brat's viewer sorts them; counted in a
  warning). An empty span or fragment (`5 5`) or one that ends before it starts is refused.
  A `T` is a trigger when an `E` uses it or `annotation.conf` lists its label under `[events]`.
- `E`: type = event type (new types are *event* types with `--add-labels`); roles named
  Source/Target/Location/Date (or Place/Time) map to ours, all others become `other` with the
  brat name kept in `attrs.brat_roles` ("role:span id" -> name); an argument that is an event
  points at that event's trigger (`attrs.argument_events` remembers the event). A span fills
  one role of an event (core/integrity.py): the same argument written twice is kept once; a
  span brat gives a second role (`Plaintiff:T1 Defendant:T1`, or Theme:E4 Theme:E5 where both
  events share a trigger) keeps the first, and a warning names each one dropped. An event with
  its own trigger as an argument is refused. E lines list arguments in role order.
- `A`/`M` attributes (on T, E, R), `R` (between T spans; one naming an event is skipped with a
  warning), `*`, `N` (on T, E), `#` (on T, E, R) as above, kept in attrs so they are written back.
- Every id a line names must be defined in the file, and no id twice: else the file is
  refused, naming the `.ann` line and the brat ids.
- Offsets count characters (code points) of the `.txt`. A `.txt` starting with a BOM: brat
  counts the BOM as character 0, so the BOM is dropped and every offset shifted by one -- unless
  the `T` texts show the file's offsets were made without it. Offsets that count a CRLF line
  break as one character (brat's editor on Windows, brat issue #853), as the `T` texts show,
  are mapped onto the stored text, with a warning.
- The text after the second tab of a `T` line must match the document text at its offsets
  (whitespace-insensitively, or CSV-quoted), else the file is refused, naming the `.ann` line.
  What brat's own parser accepts is taken too, with a warning: no text column at all (the text
  is the offsets'); the text followed by whitespace and more (a further column); a
  discontinuous span's text written as brat before 1.3 did, fragments joined without spaces.
- `N` lines in the BioNLP-ST 2013 form `Reference Annotation:T1 Referent:DB:ID` (or Referent
  first) are read as brat reads them, `Reference T1 DB:ID`, and written back so.
"""

from __future__ import annotations

import bisect

import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..core.errors import InputError
from ..core.model import MODEL, AnnotatedDocument, Argument, Document, Event, Layer, Span
from .io import atomic_folder, decode, safe_child
from .layers import IdMap, LayerNamer, Tally, kept_fragments, layered, role_of, sorted_arguments, span_order
from .registry import ReadOptions, WriteOptions
from .text import title_of

BOM = "\ufeff"
_SAFE_ASCII = re.compile(r"[A-Za-z0-9._\-]")
_SPACE = re.compile(r"\s+")
# Every character Python's line reading ends a line at (brat reads .ann files with `codecs`):
# inside a text column or note it would cut the line in two, each half unreadable.
_LINE_END = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
# A span is written as fragments around each of them: brat compares a T line's text column with the
# document's text at its fragments joined by a space (annotation.py, _parse_textbound_annotation),
# so one written as a space inside a fragment would not match and brat would refuse the line.
_BREAK = _LINE_END
# What is said of a trigger span (its attributes, notes, normalisations) is written on its first
# event under these names -- brat allows no A, N or # line on a trigger T -- and read back onto the
# trigger. The underscore keeps an event's own attribute ("TriggeredBy") where it is.
TRIGGER_PREFIX = "Trigger_"
ROLE_NAMES = {"source": "Source", "target": "Target", "location": "Location", "date": "Date", "other": "Other"}
ANN_SUFFIX = ".ann"
# BioNLP Shared Task corpora come as NAME.txt + NAME.a1 (given entities) + NAME.a2 (events), and
# the CO and REL tasks added .co and .rel. brat opens them when there is no NAME.ann, reading the
# ones that exist in this order as one file (annotation.py: PARTIAL_ANN_FILE_SUFF,
# _select_input_files), so the .a2 names the .a1's T ids.
PARTIAL_SUFFIXES = (".a1", ".a2", ".co", ".rel")
ANNOTATION_SUFFIXES = (ANN_SUFFIX, *PARTIAL_SUFFIXES)
# BioNLP-ST 2013 wrote normalisations as `Reference Annotation:T1 Referent:UniProt:P60568`; brat
# rewrites both argument orders to its own `Reference T1 UniProt:P60568` before parsing
# (annotation.py: BIONLP_ST_2013_NORMALIZATION_RES), and only for the type `Reference`.
BIONLP_2013_NORMALIZATIONS = (
    (re.compile(r"^(Reference) Annotation:(\S+) Referent:(\S+)"), r"\1 \2 \3"),
    (re.compile(r"^(Reference) Referent:(\S+) Annotation:(\S+)"), r"\1 \3 \2"),
)


# ----------------------------------------------------------------------------- writing
class _Conf:
    """What annotation.conf must declare, collected while the documents stream past."""

    def __init__(self, options: WriteOptions) -> None:
        scheme = options.scheme  # (its names as brat can write them: `_label`)
        self.entities: list[str] = [_label(n) for n in scheme.entity_names()] if scheme else []
        self.events: dict[str, set[str]] = {_label(name): set() for name in (scheme.event_names() if scheme else [])}
        self.modes: set[str] = {_label(m) for e in scheme.events for m in e.mode_names()} if scheme else set()
        self.contexts: set[str] = {_label(c) for c in scheme.contexts} if scheme else set()
        self.relations: set[str] = set()
        self.attributes: dict[tuple[str, str], set[str]] = defaultdict(set)  # (name, ENTITY|EVENT) -> values

    def text(self) -> str:
        lines = ["# Written by annotator: the labels of the project's scheme and those used in the export.",
                 "[entities]", *self.entities, "", "[relations]",
                 "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>"]
        lines += [f"{name}\tArg1:<ANY>, Arg2:<ANY>" for name in sorted(self.relations)]
        lines += ["", "[events]"]
        for name, roles in self.events.items():
            used = sorted(roles | {"Source", "Target", "Location", "Date", "Other"})
            lines.append(f"{name}\t" + ", ".join(f"{role}*:<ANY>" for role in used))
        lines += ["", "[attributes]", "Negation\tArg:<EVENT>"]
        # the scheme's modes and contexts and those written (a value outside the scheme's list
        # too): each attribute is declared once, as brat wants
        modes = self.modes | self.attributes.get(("Mode", "<EVENT>"), set())
        contexts = self.contexts | self.attributes.get(("Context", "<EVENT>"), set())
        if modes:
            lines.append("Mode\tArg:<EVENT>, Value:" + "|".join(sorted(modes)))
        if contexts:
            lines.append("Context\tArg:<EVENT>, Value:" + "|".join(sorted(contexts)))
        # a corpus's own "Status" attribute (corpus_sdoh: History_of) shares the name: its values too
        statuses = {"suggested", "rejected"} | {v for target in ("<ENTITY>", "<EVENT>")
                                                for v in self.attributes.get(("Status", target), set()) if v is not True}
        lines.append("Status\tArg:<ANY>, Value:" + "|".join(sorted(statuses)))
        declared = {("Negation", "<EVENT>"), ("Mode", "<EVENT>"), ("Context", "<EVENT>"), ("Status", "<EVENT>"),
                    ("Status", "<ENTITY>")}
        for (name, target), values in sorted(self.attributes.items()):
            if (name, target) in declared:
                continue
            real = sorted(v for v in values if v is not True)
            lines.append(f"{name}\tArg:{target}" + (", Value:" + "|".join(real) if real else ""))
        return "\n".join(lines) + "\n"


def _label(name: str) -> str:
    """A label, type or attribute value as brat can write it: no white space (it parts every
    line's fields) and no ":" (it parts an E line's "Type:T1"). Read back, `_SchemeNames` gives
    the scheme's own name again."""
    return _SPACE.sub("_", name.strip()).replace(":", "-") or "_"


class _SchemeNames:
    """The project's scheme's names by the form `_label` writes them: a brat export of a scheme
    with "ARMED GROUP", "X:Y" or the mode "sit in" reads back as those, not as "ARMED_GROUP"
    (a label the scheme lacks) -- only where the name read is not the scheme's already, and one
    scheme name writes that way."""

    def __init__(self, scheme: Any) -> None:
        def written(names: Iterable[str]) -> dict[str, str]:
            names = set(names)
            by_form: dict[str, list[str]] = defaultdict(list)
            for name in names:
                by_form[_label(name)].append(name)
            return {form: found[0] for form, found in by_form.items()
                    if len(found) == 1 and form not in names}
        self.labels = written([*scheme.entity_names(), *scheme.event_names()]) if scheme else {}
        self.values = written([*(m for e in scheme.events for m in e.mode_names()), *scheme.contexts]) if scheme else {}

    def restore(self, layer: Layer) -> None:
        if not self.labels and not self.values:
            return
        for span in layer.spans.values():
            span.label = self.labels.get(span.label, span.label)
        for event in layer.events.values():
            event.type = self.labels.get(event.type, event.type)
            if event.mode is not None:
                event.mode = self.values.get(event.mode, event.mode)
            if event.context is not None:
                event.context = self.values.get(event.context, event.context)


def _file_safe(char: str) -> str:
    """A character of a file name as written: ASCII letters, digits and "._-", and the letters,
    marks and digits of every other script ("東京", "Zürich-1" read back as the same ids, so a
    re-import finds its documents); anything else is "_"."""
    if char.isascii():
        return char if _SAFE_ASCII.match(char) else "_"
    return char if unicodedata.category(char)[0] in "LMN" else "_"


def _stem(doc: AnnotatedDocument, used: set[str]) -> str:
    ext_id = doc.document.ext_id
    parts = ["".join(map(_file_safe, p)) for p in ext_id.split("/")] if ext_id else []
    parts = [p if p.strip(".") else p.replace(".", "_") or "_" for p in parts]
    stem = "/".join(parts) if parts else f"doc-{doc.document.id if doc.document.id is not None else len(used) + 1}"
    candidate, n = stem, 2
    while candidate.lower() in used:
        candidate, n = f"{stem}-{n}", n + 1
    used.add(candidate.lower())
    return candidate


def _fragments(span: Span, text: str) -> list[tuple[int, int]]:
    pairs = kept_fragments(span)
    if pairs is not None and not any(_BREAK.search(text[s:e]) for s, e in pairs):
        return pairs
    out, position = [], span.start
    for brk in _BREAK.finditer(text, span.start, span.end):
        if brk.start() > position:
            out.append((position, brk.start()))
        position = brk.end()
    if position < span.end:
        out.append((position, span.end))
    return out


def ann_text(layer: Layer, text: str, conf: _Conf, tally: Tally) -> str:
    lines: list[str] = []
    tname: dict[int, str] = {}
    counters = defaultdict(int)

    def next_id(prefix: str) -> str:
        counters[prefix] += 1
        return f"{prefix}{counters[prefix]}"

    def notes(target: str, attrs: dict[str, Any], prefix: str = "") -> None:
        for note in attrs.get("notes") or []:
            if isinstance(note, list) and len(note) == 2:
                lines.append(f"{next_id('#')}\t{prefix}{note[0]} {target}\t{_LINE_END.sub(' ', str(note[1]))}")

    def normalizations(target: str, attrs: dict[str, Any], prefix: str = "") -> None:
        for norm in attrs.get("normalizations") or []:
            if isinstance(norm, list) and len(norm) == 3:
                lines.append(f"{next_id('N')}\t{prefix}{norm[0]} {target} {norm[1]}\t"
                             f"{_LINE_END.sub(' ', str(norm[2]))}")

    def attributes(target: str, pairs: list[tuple[str, Any]], kind: str) -> None:
        for name, value in pairs:
            if value is None or value is False:
                continue
            value = value if value is True else _label(str(value))  # brat values have no spaces
            conf.attributes[(name, kind)].add(value)
            lines.append(f"{next_id('A')}\t{_label(name)} {target}" + ("" if value is True else f" {value}"))

    def attr_map(item: Span | Event, key: str) -> dict[str, Any]:
        value = item.attrs.get(key)
        return value if isinstance(value, dict) else {}

    written_spans = []
    for span in layer.spans.values():
        frags = _fragments(span, text)
        if not frags:
            tally.add("span(s) cover only line breaks and cannot be written to brat")
            continue
        if frags[0][0] != span.start or frags[-1][1] != span.end:
            tally.add("span(s) start or end with a line break; brat cannot show it, written without it")
        written_spans.append((frags, span))
    # Ordered by what is written (ids are random after a brat import); identical spans by the
    # events that use them, so T numbers do not depend on ids.
    usage: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for event in layer.events.values():
        t = layer.spans.get(event.trigger)
        where = (t.start, t.end) if t else ()
        what = (event.type, event.mode or "", event.context or "", event.negated, event.status,
                repr(sorted(attr_map(event, "attributes").items())), where, len(event.arguments))
        usage[event.trigger].append(("trigger", *what))
        for a in event.arguments:
            usage[a.span_id].append((a.role, *what))
    written_spans.sort(key=lambda item: (item[0][0][0], item[0][-1][1], item[1].layer, item[1].label,
                                         item[1].actor_code or "", item[1].status,
                                         sorted(usage.get(item[1].id, [])), item[1].id))
    # brat (server/src/annotation.py, Annotations._sanity) refuses a document where an event's trigger
    # T has another type than the event (EventWithNonTriggerError) or where anything but an event or
    # a relation names a trigger T (TriggerReferenceError: an A, N or # line). So a trigger's T is
    # labelled with its event's type (one T per type when events of several types share it), and
    # what we would say of the trigger span goes onto its first event (TRIGGER_PREFIX: Trigger_Status ...).
    trigger_types: dict[int, list[str]] = defaultdict(list)
    for event in sorted(layer.events.values(), key=lambda e: e.id):
        if _label(event.type) not in trigger_types[event.trigger]:
            trigger_types[event.trigger].append(_label(event.type))
    typed_tname: dict[tuple[int, str], str] = {}
    on_first_event: dict[str, Span] = {}  # trigger T name -> its span, said on the first event it triggers
    for frags, span in written_spans:
        types = trigger_types.get(span.id) or [_label(span.label)]
        is_trigger = span.id in trigger_types
        label = types[0]
        if span.layer == "entity" and not is_trigger and label not in conf.entities:
            conf.entities.append(label)
        if span.layer == "trigger" or is_trigger:
            conf.events.setdefault(label, set())
        where = ";".join(f"{s} {e}" for s, e in frags)
        shown = _LINE_END.sub(' ', ' '.join(text[s:e] for s, e in frags))
        for etype in types:
            name = next_id("T")
            tname.setdefault(span.id, name)
            typed_tname[(span.id, etype)] = name
            lines.append(f"{name}\t{etype} {where}\t{shown}")
        if len(types) > 1:
            tally.add("trigger span(s) of events of several types were written as one T per event type "
                      "(brat wants a trigger's type to be its event's)")
        if is_trigger and label != _label(span.label):
            tally.add("trigger span(s) labelled unlike their event were written with the event type "
                      "(brat wants a trigger's type to be its event's)", repr(span.label))
        name = tname[span.id]
        if is_trigger:
            for etype in types:
                on_first_event[typed_tname[(span.id, etype)]] = span
            continue
        extra = attr_map(span, "attributes")
        attributes(name, [("ActorCode", span.actor_code),
                          ("Status", span.status if span.status != "accepted" else None),
                          *sorted(extra.items())], "<ENTITY>")
        normalizations(name, span.attrs)
        notes(name, span.attrs)
    ename: dict[int, str] = {}

    def arg_key(a: Argument) -> str:
        return f"{a.role}:{a.span_id}"

    def t_number(span_id: int) -> int:  # T numbers follow content order (see above)
        return int(tname[span_id][1:]) if span_id in tname else 0

    def event_order(e: Event, depth: int = 0) -> tuple[Any, ...]:
        # Ids are random after a brat import and arguments are kept sorted by span id, so
        # events and their arguments are ordered by content (an event argument by its event).
        refs = attr_map(e, "argument_events")
        args = []
        for a in e.arguments:
            ref = layer.events.get(refs.get(arg_key(a))) if refs.get(arg_key(a)) is not None else None
            inner = event_order(ref, depth + 1) if ref is not None and depth < 4 else ()
            args.append((ROLE_NAMES.get(a.role, a.role), t_number(a.span_id), inner))
        return (t_number(e.trigger), e.type, tuple(sorted(args, key=repr)), e.mode or "", e.context or "",
                e.negated, e.status, e.id if depth == 0 else 0)

    events = sorted(layer.events.values(), key=event_order)
    for event in events:
        if event.trigger in tname:
            ename[event.id] = f"E{len(ename) + 1}"
    for event in events:
        if event.id not in ename:
            tally.add("event(s) whose trigger could not be written were left out")
            continue
        name = ename[event.id]
        etype = _label(event.type)
        roles_read, arg_events = attr_map(event, "brat_roles"), attr_map(event, "argument_events")
        written = []
        for argument in event.arguments:
            role = ROLE_NAMES.get(argument.role, argument.role.capitalize())
            read_as = roles_read.get(arg_key(argument))
            if isinstance(read_as, str) and role_of(read_as) in (argument.role, None):
                role = _label(read_as)
            ref = arg_events.get(arg_key(argument))
            target = ename.get(ref) if ref is not None else None
            target = target or tname.get(argument.span_id)
            if target is None:
                tally.add("event argument(s) whose span could not be written were left out")
                continue
            conf.events.setdefault(etype, set()).add(re.sub(r"\d+$", "", role))
            rank = list(ROLE_NAMES).index(argument.role) if argument.role in ROLE_NAMES else len(ROLE_NAMES)
            written.append((rank, role, span_order(layer.spans[argument.span_id])[:4], target))
        trigger_t = typed_tname.get((event.trigger, etype), tname[event.trigger])
        parts = [f"{etype}:{trigger_t}"] + [f"{w[1]}:{w[3]}" for w in sorted(written, key=repr)]
        lines.append(f"{name}\t{' '.join(parts)}")
        extra = attr_map(event, "attributes")
        attributes(name, [("Negation", event.negated), ("Mode", event.mode), ("Context", event.context),
                          ("Status", event.status if event.status != "accepted" else None),
                          *sorted(extra.items())], "<EVENT>")
        trigger = on_first_event.pop(trigger_t, None)
        if trigger is not None:  # said of the trigger span; brat allows no A, N or # on a trigger T
            attributes(name, [(f"{TRIGGER_PREFIX}ActorCode", trigger.actor_code),
                              (f"{TRIGGER_PREFIX}Status", trigger.status if trigger.status != "accepted" else None),
                              *((f"{TRIGGER_PREFIX}{k}", v) for k, v in sorted(attr_map(trigger, "attributes").items()))],
                       "<EVENT>")
            if trigger_t == tname[event.trigger]:  # notes once, with the span's first T
                normalizations(name, trigger.attrs, TRIGGER_PREFIX)
                notes(name, trigger.attrs, TRIGGER_PREFIX)
        normalizations(name, event.attrs)
        notes(name, event.attrs)
    for span in sorted(layer.spans.values(), key=span_order):
        if span.id not in tname:
            continue
        for rel in span.attrs.get("relations") or []:
            target = tname.get(rel.get("to")) if isinstance(rel, dict) else None
            if target is None:
                tally.add("relation(s) whose second argument is gone were left out")
                continue
            roles = rel.get("roles") if isinstance(rel.get("roles"), list) and len(rel["roles"]) == 2 \
                else ["Arg1", "Arg2"]
            rtype = _label(str(rel.get("type", "Relation")))
            conf.relations.add(rtype)
            rname = next_id("R")
            lines.append(f"{rname}\t{rtype} {roles[0]}:{tname[span.id]} {roles[1]}:{target}\t")
            rel_attributes = rel.get("attributes")
            if isinstance(rel_attributes, dict):
                attributes(rname, sorted(rel_attributes.items()), "<RELATION>")
            notes(rname, rel)
        for eq in span.attrs.get("equiv") or []:
            members = [tname.get(m) for m in eq.get("with", [])] if isinstance(eq, dict) else []
            if members and all(members):
                lines.append(f"*\t{_label(str(eq.get('type', 'Equiv')))} {tname[span.id]} {' '.join(members)}")
    return "".join(line + "\n" for line in lines)


def _written_by_brat_export(file: Path) -> bool:
    """A file an earlier brat export wrote: an .ann, a .conf, or a .txt beside its .ann (a folder
    of the user's own texts is not one)."""
    suffix = file.suffix.lower()
    return suffix in (".ann", ".conf") or (suffix == ".txt" and file.with_suffix(".ann").exists())


def write(documents: Iterable[AnnotatedDocument], path: Path, options: WriteOptions) -> int:
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise InputError(f"{path} is a file; brat writes a folder", hint="give a folder name")
    conf = _Conf(options)
    tally = Tally()
    used: set[str] = set()
    count = 0
    with atomic_folder(path, lambda file: _written_by_brat_export(path / file), "a brat export") as folder:
        for doc, layer in layered(documents, options, tally, warn_not_done=False):
            if layer.annotator != MODEL and layer.state != "done":
                # read back, every .ann is a done layer: "not judged yet" would become "no entity"
                tally.add("document(s) whose layer is not marked done were written: brat keeps no state and "
                          "reads every .ann back as done (--only-done leaves them out; jsonl, doccano, Prodigy "
                          "and spaCy keep the state)")
            stem = _stem(doc, used)
            txt = safe_child(folder, f"{stem}.txt")
            ann = safe_child(folder, f"{stem}.ann")
            txt.parent.mkdir(parents=True, exist_ok=True)
            txt.write_bytes(doc.document.text.encode("utf-8"))
            ann.write_bytes(ann_text(layer, doc.document.text, conf, tally).encode("utf-8"))
            count += 1
        (folder / "annotation.conf").write_text(conf.text(), encoding="utf-8", newline="\n")
    tally.flush(options.warnings)
    return count


# ----------------------------------------------------------------------------- reading
def _event_types_of_conf(folder: Path, root: Path) -> set[str]:
    """Event types declared in the nearest annotation.conf (brat looks up the folder tree)."""
    current = folder
    while True:
        conf = current / "annotation.conf"
        if conf.is_file():
            types, section = set(), ""
            for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
                stripped = line.strip()
                if not stripped or stripped.startswith("#"):
                    continue
                if stripped.startswith("[") and stripped.endswith("]"):
                    section = stripped[1:-1].strip()
                elif section == "events":
                    types.add(stripped.split()[0].lstrip("!"))
            return types
        if current == root or current.parent == current:
            return set()
        current = current.parent


def read(path: Path, options: ReadOptions) -> Iterator[AnnotatedDocument]:
    path = Path(path)
    if path.is_file():
        # One annotation file given (an .a2 too) stands for its document, with all its files.
        base, files = path.parent, [path.with_suffix(".txt")]
        _refuse_annotations_without_txt([path] if path.suffix.lower() in ANNOTATION_SUFFIXES else [])
    else:
        base = path
        files = sorted(p for p in path.rglob("*.txt") if p.is_file() and not p.name.startswith("."))
        _refuse_annotations_without_txt(list(_annotation_files_under(path)))
    namer = LayerNamer(options, "brat")
    tally = Tally()
    conf_cache: dict[Path, set[str]] = {}
    names = _SchemeNames(options.scheme)
    for txt in files:
        if txt.parent not in conf_cache:
            conf_cache[txt.parent] = _event_types_of_conf(txt.parent, base)
        yield _read_pair(txt, base, conf_cache[txt.parent], namer, tally, names)
    namer.report()
    tally.flush(options.warnings)


def _annotation_files_under(folder: Path) -> Iterator[Path]:
    """Every .ann, .a1, .a2, .co and .rel file of a folder tree (hidden ones aside), sorted."""
    return (p for p in sorted(folder.rglob("*"))
            if p.suffix in ANNOTATION_SUFFIXES and p.is_file() and not p.name.startswith("."))


def _refuse_annotations_without_txt(anns: list[Path]) -> None:
    """Annotations whose text is missing cannot be placed (their offsets point into NAME.txt):
    the import is refused before any document is read, rather than leaving them out unseen."""
    for ann in anns:
        if not ann.with_suffix(".txt").is_file():
            raise InputError(f"this {ann.suffix} has no .txt beside it, so its offsets point into no text",
                             file=str(ann), hint=f"put {ann.with_suffix('.txt').name} next to it, or remove it")


def _annotation_files(txt: Path, tally: Tally) -> list[Path]:
    """The files holding a document's annotations, picked as brat picks them: NAME.ann if there
    is one, else the Shared Task files that exist (PARTIAL_SUFFIXES, in brat's order)."""
    ann = txt.with_suffix(ANN_SUFFIX)
    partial = [p for p in (txt.with_suffix(suffix) for suffix in PARTIAL_SUFFIXES) if p.is_file()]
    if not ann.is_file():
        return partial
    if partial:  # brat reads the .ann alone; the others would be lost without a word
        tally.add("document(s) have both a .ann and .a1/.a2 files: the .ann was read and the others "
                  "ignored, as brat does", f"{txt.stem} ({' '.join(p.suffix for p in partial)})")
    return [ann]


def _numbered_lines(files: list[Path]) -> list[tuple[Path, int, str]]:
    """The lines of a document's annotation files as one file (brat reads .a1 then .a2 as one),
    each with the file and line it came from, for the errors."""
    lines = []
    for file in files:
        for number, line in enumerate(decode(_read_bytes(file), file).split("\n"), 1):
            lines.append((file, number, line))
    return lines


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", file=str(path)) from None


def _read_pair(txt: Path, base: Path, conf_events: set[str], namer: LayerNamer, tally: Tally,
               names: _SchemeNames) -> AnnotatedDocument:
    raw = _read_bytes(txt)
    decode(raw, txt)  # strict UTF-8 check with the line of a bad byte
    text = raw.decode("utf-8")
    ext_id = txt.relative_to(base).with_suffix("").as_posix()
    sources = _annotation_files(txt, tally)
    layers: list[Layer] = []
    item_lines: dict[tuple[str, int], tuple[str, int]] = {}
    if sources:
        ann_lines = _numbered_lines(sources)
        shift = 0
        t_lines = [line for _, _, line in ann_lines]
        if text.startswith(BOM):
            shift = 1 if _bom_counted(t_lines, text) else 0
            text = text[1:]
        offsets = _FileOffsets(shift, _crlf_counted_once(t_lines, text, shift))
        if offsets.crlf:
            tally.add(".ann file(s) count each CRLF line break of their .txt as one character (brat's editor "
                      "on Windows, brat issue #853): their offsets were mapped onto the .txt's characters",
                      sources[0].name)
        # An .ann file means the document was annotated, even when nothing was found in it.
        reader = _AnnReader(text, offsets, conf_events, tally)
        layer = reader.read(ann_lines)
        names.restore(layer)
        layer.annotator = namer()
        layers.append(layer)
        pending = sum(1 for s in layer.spans.values() if s.status == "suggested")
        if pending:
            # brat keeps what the annotator did not touch: our export's "Status suggested" lines
            # stay on every suggestion they kept as it was
            tally.add("span(s) still carry our export's 'Status suggested' attribute: imported as pending "
                      "suggestions of a done layer (training leaves their sentences out; accept them in the app, "
                      "or delete the attribute in brat)", txt.name, n=pending)
        item_lines = reader.item_lines()
    elif text.startswith(BOM):
        text = text[1:]
    document = Document(text=text, ext_id=ext_id, title=title_of(text), source=txt.name)
    return AnnotatedDocument(document, layers, source_file=str(sources[0] if layers else txt), source_line=None,
                             item_lines=item_lines)


def _norm(value: str) -> str:
    return _SPACE.sub(" ", value).strip()


NO_TEXT, TAIL, PRE_1_3 = "no text column", "more after the text", "fragments joined without spaces"


def _text_difference(parts: list[str], shown: str) -> str:
    """How a T line's text column differs from the text at its offsets (`parts`: one per
    fragment, in the order written). "" not at all; "whitespace" or "CSV-style quoting"
    (surrounding quotes, "" for ") -- files of published corpora went through spreadsheets;
    NO_TEXT, TAIL or PRE_1_3 for what brat's own parser accepts (_brat_accepts); "other" for a
    real mismatch (wrong offsets or wrong text)."""
    at_offsets = " ".join(parts)
    if at_offsets == shown:
        return ""
    if not shown.strip():
        return NO_TEXT
    if _norm(at_offsets) == _norm(shown):
        return "whitespace"
    unquoted = shown.strip()
    if len(unquoted) >= 2 and unquoted[0] == unquoted[-1] == '"':
        unquoted = unquoted[1:-1]
    if _norm(at_offsets) in (_norm(unquoted.replace('""', '"')), _norm(shown.replace('""', '"'))):
        return "CSV-style quoting"
    return _brat_accepts(parts, shown) or "other"


def _brat_accepts(parts: list[str], shown: str) -> str:
    """TAIL or PRE_1_3 when brat's parser takes a text column that is not exactly the text at
    the offsets (annotation.py, TextAnnotations._parse_textbound_annotation), else "". brat reads
    the text as the first len(text at offsets) characters: the rest of the column is a tail that
    must start with whitespace (a tab: a further column). A discontinuous span's column may
    instead start with its fragments joined with nothing between them, as brat wrote them
    before 1.3; brat then ignores whatever follows."""
    joined = " ".join(parts)
    if shown.startswith(joined) and shown[len(joined):len(joined) + 1].isspace():
        return TAIL
    if len(parts) > 1 and shown.startswith("".join(parts)):
        return PRE_1_3
    return ""


def _tolerated_text_warning(difference: str) -> str:
    """The warning for T lines whose text column is taken although it is not the offsets' text."""
    if difference == NO_TEXT:
        return "T line(s) have no text column (brat fills it in): the text at their offsets was taken"
    if difference == TAIL:
        return ("T line(s) have more after the text in their text column (brat, too, takes only the "
                "text at the offsets): the offsets were used and the rest was not kept")
    if difference == PRE_1_3:
        return ("discontinuous T line(s) have their fragments' text joined without spaces (as brat "
                "before 1.3 wrote them): the offsets were used")
    return (f"T line(s) whose text column differs from the text at their offsets only by {difference}: "
            "the offsets were used")


def _bom_counted(lines: list[str], text_with_bom: str) -> bool:
    """True when the T texts match offsets that count the BOM as character 0 (brat's way)."""
    samples = _t_texts(lines)
    return not samples or _matching(samples, lambda s, e: text_with_bom[s:e]) * 2 >= len(samples)


def _t_texts(lines: list[str], most: int = 20, after: int = -1) -> list[tuple[list[tuple[int, int]], str]]:
    """(fragments, text column) of the first T lines that have a text column and start after
    offset `after`: what tells how the file counted its offsets (a line without one says nothing
    either way)."""
    samples = []
    for line in lines:
        parsed = _parse_t(line)
        if parsed is not None and parsed[3].strip() and parsed[2] and parsed[2][0][0] > after:
            samples.append((parsed[2], parsed[3]))
            if len(samples) >= most:
                break
    return samples


def _matching(samples: list[tuple[list[tuple[int, int]], str]], text_at: Callable[[int, int], str]) -> int:
    """How many sampled T lines' texts are the text at their offsets, read by `text_at(start, end)`."""
    return sum(_text_difference([text_at(s, e) for s, e in frags], shown) != "other" for frags, shown in samples)


class _FileOffsets:
    """How an .ann file's offsets map onto the stored text: less a BOM brat counted (`shift`),
    plus, where the file counted each CRLF line break as one character (`crlf`: the position,
    so counted, of each such break), the carriage returns before the position."""

    def __init__(self, shift: int = 0, crlf: list[int] | None = None) -> None:
        self.shift, self.crlf = shift, crlf or []

    def __call__(self, offset: int) -> int:
        at = offset - self.shift
        return at + bisect.bisect_left(self.crlf, at) if self.crlf else at


def _crlf_counted_once(lines: list[str], text: str, shift: int) -> list[int]:
    """Where the breaks of a CRLF text lie when each counts as one character, if the T texts
    match offsets so counted and not the .txt's own characters; else []."""
    if "\r\n" not in text:
        return []
    breaks = [m.start() - k for k, m in enumerate(re.finditer("\r\n", text))]
    once = _FileOffsets(shift, breaks)
    samples = _t_texts(lines, after=breaks[0] + shift)  # before the first break both countings agree
    as_is = _matching(samples, lambda s, e: text[max(0, s - shift):e - shift])
    as_once = _matching(samples, lambda s, e: text[once(s):once(e)])
    return breaks if as_once > as_is and as_once * 2 >= len(samples) else []


def _parse_t(line: str) -> tuple[str, str, list[tuple[int, int]], str] | None:
    if not line.startswith("T"):
        return None
    fields = line.rstrip("\r").split("\t", 2)
    if len(fields) < 2:
        return None
    head = fields[1].split(" ", 1)
    if len(head) != 2:
        return None
    try:
        frags = [(int(a), int(b)) for a, b in (f.split() for f in head[1].split(";"))]
    except ValueError:
        return None
    return fields[0], head[0], frags, fields[2] if len(fields) > 2 else ""


class _BratEvent:
    """An E line as written, until every T and E of the file is known."""

    def __init__(self, event: Event, trigger: str, args: list[tuple[str, str]], number: int) -> None:
        self.event, self.trigger, self.args, self.number = event, trigger, args, number


class _AnnReader:
    """One .ann file (or a document's .a1 and .a2, read as one) read into a Layer. Errors name
    the file, the line and brat's own ids (T3, E1), never ours: the user has the .ann in front of
    them, not our database. A line is known by its number in all the lines read (`number`);
    `origins` says which file and line of it that is."""

    def __init__(self, text: str, offsets: _FileOffsets, conf_events: set[str], tally: Tally) -> None:
        self.text, self.offsets, self.conf_events, self.tally = text, offsets, conf_events, tally
        self.origins: list[tuple[Path, int]] = []  # number - 1 -> (file, its line)
        self.layer = Layer("", "done")
        self.span_ids, self.event_ids = IdMap(), IdMap()
        self.spans: dict[str, Span] = {}
        self.events: dict[str, _BratEvent] = {}
        self.relations: dict[str, dict[str, Any]] = {}  # R lines kept (in the attrs of their Arg1 span)
        self.skipped_relations: set[str] = set()  # R lines we cannot represent (told in a warning)
        self.defined: dict[str, int] = {}  # every id of the file -> its line

    def item_lines(self) -> dict[tuple[str, int], tuple[str, int]]:
        """Where each span and event read came from (AnnotatedDocument.item_lines), so that the
        import's later checks (labels not in the scheme) can name the line too."""
        def place(name: str) -> tuple[str, int]:
            file, line = self.origins[self.defined[name] - 1]
            return str(file), line
        lines = {("span", span.id): place(name) for name, span in self.spans.items()}
        lines.update({("event", read.event.id): place(name) for name, read in self.events.items()})
        return lines

    def fail(self, number: int, message: str) -> InputError:
        file, line = self.origins[number - 1]
        return InputError(message, file=str(file), line=line)

    def where(self, number: int) -> str:
        file, line = self.origins[number - 1]
        return f"{file.name} line {line}"

    def read(self, lines: list[tuple[Path, int, str]]) -> Layer:
        later: list[tuple[int, list[str]]] = []  # lines that refer to ids defined anywhere in the file
        for number, (file, line_number, line) in enumerate(lines, 1):
            self.origins.append((file, line_number))
            line = line.rstrip("\r")
            if not line.strip():
                continue
            kind = line[0]
            if kind not in "TEARMN#*":
                self.tally.add("line(s) of an unknown kind were skipped", line.split("\t", 1)[0])
                continue
            self.define(number, line.split("\t", 1)[0])
            if kind == "T":
                self.read_t(number, line)
            elif kind == "E":
                self.read_e(number, line)
            else:
                later.append((number, line.split("\t")))
        for name in self.events:
            self.link_event(name)
        # Relations first: an attribute or a note may name a relation written below it.
        for number, fields in sorted(later, key=lambda item: item[1][0][0] != "R"):
            self.read_later(number, fields)
        return self.layer

    def define(self, number: int, name: str) -> None:
        if name == "*":  # equivalences have no id of their own
            return
        if name in self.defined:
            first = self.defined[name]
            same_file = self.origins[first - 1][0] == self.origins[number - 1][0]
            where = f"line {self.origins[first - 1][1]}" if same_file else self.where(first)
            raise self.fail(number, f"{name} is defined twice (first on {where})")
        self.defined[name] = number

    # ------------------------------------------------------------------------- T lines
    def read_t(self, number: int, line: str) -> None:
        parsed = _parse_t(line)
        if parsed is None:
            raise self.fail(number, "a T line must be 'T1<TAB>Label start end<TAB>text'")
        name, label, written, shown = parsed
        frags = self.fragments(number, name, written)
        # The text column lists the fragments in the order they are written.
        parts = [self.text[s:e] for s, e in frags]
        difference = _text_difference(parts, shown)
        if difference == "other":
            raise self.fail(number, f"{name}: the text at '{_offsets(written)}' is "
                                    f"{' '.join(parts)!r}, but the line says {shown!r}")
        if difference:  # brat itself goes by the offsets: take them, and say so
            self.tally.add(_tolerated_text_warning(difference), self.where(number))
        frags.sort()  # brat's viewer sorts fragments too ("ensure ascending order", visualizer.js)
        attrs: dict[str, Any] = {}
        if len(frags) > 1:
            attrs["fragments"] = [[s, e] for s, e in frags]
            self.tally.add("discontinuous T span(s) became one span from first start to last end "
                           "(fragments kept in attrs)", name)
        kind_of = "trigger" if label in self.conf_events else "entity"
        span = Span(self.span_ids(name), frags[0][0], max(e for _, e in frags), label, kind_of, origin="import",
                    status="accepted", attrs=attrs)
        self.spans[name] = span
        self.layer.add_span(span)

    def fragments(self, number: int, name: str, written: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The fragments in the stored text (`_FileOffsets`: a BOM, CRLF breaks counted once),
        each checked for what is wrong with it in the file's own numbers."""
        whole = "the span" if len(written) == 1 else "fragment"
        out = []
        for s, e in written:
            if e < s:
                raise self.fail(number, f"{name}: {whole} '{s} {e}' ends before it starts")
            if e == s:
                raise self.fail(number, f"{name}: {whole} '{s} {e}' is empty (a span covers at least one character)")
            shifted = (max(0, self.offsets(s)), self.offsets(e))
            if s < 0 or shifted[1] > len(self.text):
                raise self.fail(number, f"{name}: offsets '{s} {e}' are outside the text "
                                        f"(length {len(self.text) + self.offsets.shift})")
            if shifted[0] == shifted[1]:
                raise self.fail(number, f"{name}: {whole} '{s} {e}' covers only the byte-order mark (BOM)")
            out.append(shifted)
        return out

    # ------------------------------------------------------------------------- E lines
    def read_e(self, number: int, line: str) -> None:
        fields = line.split("\t")
        if len(fields) < 2 or ":" not in fields[1].split(" ")[0]:
            raise self.fail(number, "an E line must be 'E1<TAB>Type:T1 Role:T2 ...'")
        parts = fields[1].split()
        etype, trigger = parts[0].split(":", 1)
        args = []
        for part in parts[1:]:
            if ":" not in part:
                raise self.fail(number, f"event argument {part!r} must be Role:ID")
            role, ref = part.split(":", 1)
            args.append((role, ref))
        event = Event(self.event_ids(fields[0]), 0, etype, origin="import")
        self.events[fields[0]] = _BratEvent(event, trigger, args, number)

    def trigger_of(self, name: str) -> Span:
        read = self.events[name]
        trigger = self.spans.get(read.trigger)
        if trigger is None:
            raise self.fail(read.number, f"{name}: trigger {read.trigger} is not a T of this file")
        return trigger

    def link_event(self, name: str) -> None:
        """Trigger and arguments (which may be events defined later in the file). A span fills one
        role of an event (core/integrity.py): of two roles brat gives one span, the first is kept."""
        read = self.events[name]
        event, trigger = read.event, self.trigger_of(name)
        if trigger.label != event.type:
            self.tally.add("event(s) whose type differs from their trigger's label took the event type", name)
            trigger.label = event.type
        trigger.layer = "trigger"
        event.trigger = trigger.id
        brat_roles: dict[str, str] = {}
        argument_events: dict[str, int] = {}
        filled: dict[int, tuple[str, str]] = {}  # span id -> the (role, ref) that put it in the event
        for role, ref in read.args:
            span = self.argument_span(name, role, ref)
            if span.id == trigger.id:
                raise self.fail(read.number, self.own_trigger_problem(name, role, ref))
            if span.id in filled:
                self.skip_second_role(name, (role, ref), filled[span.id])
                continue
            filled[span.id] = (role, ref)
            ours = role_of(role) or "other"
            event.arguments.append(Argument(ours, span.id))
            key = f"{ours}:{span.id}"
            if ROLE_NAMES.get(ours) != role:
                brat_roles[key] = role
            if ref in self.events:
                argument_events[key] = self.events[ref].event.id
        sorted_arguments(event)
        if brat_roles:
            event.attrs["brat_roles"] = brat_roles
        if argument_events:
            event.attrs["argument_events"] = argument_events
        self.layer.add_event(event)

    def argument_span(self, name: str, role: str, ref: str) -> Span:
        if ref in self.spans:
            return self.spans[ref]
        if ref in self.events:
            self.tally.add("event argument(s) that are events point at that event's trigger span", f"{name} {role}")
            return self.trigger_of(ref)
        raise self.fail(self.events[name].number, f"{name}: argument {role}:{ref} is not a T or E of this file")

    def own_trigger_problem(self, name: str, role: str, ref: str) -> str:
        trigger = self.events[name].trigger
        if ref == name:
            what = f"argument {role}:{ref} is {name} itself (trigger {trigger})"
        elif ref in self.events:
            what = f"argument {role}:{ref} has the same trigger {trigger} as {name}"
        else:
            what = f"its trigger {trigger} is also its argument {role}:{ref}"
        return f"{name}: {what}; an event cannot have its own trigger as an argument"

    def skip_second_role(self, name: str, second: tuple[str, str], first: tuple[str, str]) -> None:
        number = self.events[name].number
        if second == first:  # the very same argument written twice: nothing is lost
            self.tally.add("repeated event argument(s) (same role and id) were merged", f"{name} {second[0]}:{second[1]}")
            return
        span = second[1] if second[1] in self.spans else f"the trigger of {second[1]}"
        via = "" if first[1] == second[1] or first[1] in self.spans else f" (as {first[1]})"
        self.tally.add("event argument(s) were dropped because their span already fills another role of the "
                       "same event (a span fills one role of an event)",
                       f"{self.where(number)}: {name} {second[0]}:{second[1]} dropped, {span} is already "
                       f"its {first[0]}{via}")

    # ------------------------------------------------------------------------- A, M, R, N, #, * lines
    def read_later(self, number: int, fields: list[str]) -> None:
        kind = fields[0][0]
        if kind in "AM":
            self.read_attribute(number, fields)
        elif kind == "R":
            self.read_relation(number, fields)
        elif kind == "N":
            self.read_normalization(number, fields)
        elif kind == "#":
            self.read_note(number, fields)
        else:
            self.read_equivalence(number, fields)

    def read_attribute(self, number: int, fields: list[str]) -> None:
        bits = fields[1].split(None, 2) if len(fields) > 1 else []
        if len(bits) < 2:
            raise self.fail(number, f"an {fields[0][0]} line must be '{fields[0][0]}1<TAB>Name ID [value]'")
        name, ref, value = bits[0], bits[1], (bits[2] if len(bits) > 2 else True)
        if ref in self.spans:
            _span_attribute(self.spans[ref], name, value)
        elif (trigger := self.trigger_named(ref, name)) is not None:
            # what our export says of a trigger span, on its event (brat allows no A line on a trigger T)
            _span_attribute(trigger, name[len(TRIGGER_PREFIX):], value)
        elif ref in self.events:
            _event_attribute(self.events[ref].event, name, value)
        elif ref in self.relations:
            self.relations[ref].setdefault("attributes", {})[name] = value
        elif ref in self.skipped_relations:
            self.tally.add("attribute(s) on relations that were skipped went with them", f"{fields[0]} {name}")
        else:
            raise self.fail(number, f"{fields[0]}: {ref} is not a T, E or R of this file")

    def read_relation(self, number: int, fields: list[str]) -> None:
        bits = fields[1].split() if len(fields) > 1 else []
        args = [b.split(":", 1) for b in bits[1:]]
        if len(bits) != 3 or any(len(a) != 2 for a in args):
            raise self.fail(number, "an R line must be 'R1<TAB>Type Arg1:T1 Arg2:T2'")
        (role1, ref1), (role2, ref2) = args
        for role, ref in args:
            if ref not in self.spans and ref not in self.events:
                raise self.fail(number, f"{fields[0]}: argument {role}:{ref} is not a T or E of this file")
        events = [ref for ref in (ref1, ref2) if ref in self.events]
        if events:  # relations are kept between spans only (in the attrs of the first)
            between = "events" if len(events) == 2 else "an event and a span"
            self.tally.add(f"relation(s) between {between} were skipped (relations are kept between T spans only)",
                           fields[0])
            self.skipped_relations.add(fields[0])
            return
        rel = {"type": bits[0], "roles": [role1, role2], "to": self.spans[ref2].id}
        self.spans[ref1].attrs.setdefault("relations", []).append(rel)
        self.relations[fields[0]] = rel

    def read_normalization(self, number: int, fields: list[str]) -> None:
        data = fields[1] if len(fields) > 1 else ""
        brat_form = _from_bionlp_2013(data)
        if brat_form is not None:
            self.tally.add("N line(s) in the BioNLP-ST 2013 form (Annotation:/Referent:) were read as brat "
                           "reads them (written back in brat's form)", fields[0])
            data = brat_form
        bits = data.split()
        if len(bits) != 3:
            raise self.fail(number, "an N line must be 'N1<TAB>Type ID Resource:Entry<TAB>text'")
        kind, trigger = bits[0], self.trigger_named(bits[1], bits[0])
        target = trigger.attrs if trigger is not None else self.attrs_of(bits[1], relations=False)
        if target is None:
            raise self.fail(number, f"{fields[0]}: {bits[1]} is not a T or E of this file")
        if trigger is not None:
            kind = kind[len(TRIGGER_PREFIX):]
        target.setdefault("normalizations", []).append([kind, bits[2], fields[2] if len(fields) > 2 else ""])

    def read_note(self, number: int, fields: list[str]) -> None:
        bits = fields[1].split() if len(fields) > 1 else []
        if len(bits) < 2:
            raise self.fail(number, "a # line must be '#1<TAB>AnnotatorNotes ID<TAB>text'")
        ref, kind = bits[1], bits[0]
        trigger = self.trigger_named(ref, kind)
        target = trigger.attrs if trigger is not None else self.attrs_of(ref, relations=True)
        if trigger is not None:
            kind = kind[len(TRIGGER_PREFIX):]
        if target is not None:
            target.setdefault("notes", []).append([kind, "\t".join(fields[2:])])
        elif ref in self.defined:  # a skipped relation, or an attribute, normalisation or note
            self.tally.add("note(s) (#) on skipped relations or on A, N and # lines were skipped",
                           f"{fields[0]} on {ref}")
        else:
            raise self.fail(number, f"{fields[0]}: {ref} is not a T, E or R of this file")

    def read_equivalence(self, number: int, fields: list[str]) -> None:
        bits = fields[1].split() if len(fields) > 1 else []
        if len(bits) < 3:
            raise self.fail(number, "a * line must be '*<TAB>Type T1 T2 ...'")
        for member in bits[1:]:
            if member not in self.spans:
                raise self.fail(number, f"equivalence {bits[0]}: {member} is not a T of this file")
        first, *others = (self.spans[m] for m in bits[1:])
        first.attrs.setdefault("equiv", []).append({"type": bits[0], "with": [m.id for m in others]})

    def trigger_named(self, ref: str, name: str) -> Span | None:
        """The trigger span of event `ref` when `name` is said of it (TRIGGER_PREFIX), else None."""
        if ref in self.events and name.startswith(TRIGGER_PREFIX) and len(name) > len(TRIGGER_PREFIX):
            return self.spans.get(self.events[ref].trigger)
        return None

    def attrs_of(self, ref: str, relations: bool) -> dict[str, Any] | None:
        """Where notes and normalisations of a T, E (or kept R) are kept, so they are written back."""
        if ref in self.spans:
            return self.spans[ref].attrs
        if ref in self.events:
            return self.events[ref].event.attrs
        return self.relations.get(ref) if relations else None


def _from_bionlp_2013(data: str) -> str | None:
    """An N line's `Reference Annotation:T1 Referent:DB:ID` (either order) in brat's own form
    `Reference T1 DB:ID`, as brat rewrites it; None for any other line."""
    for pattern, brat_form in BIONLP_2013_NORMALIZATIONS:
        rewritten = pattern.sub(brat_form, data, count=1)
        if rewritten != data:
            return rewritten
    return None


def _offsets(frags: list[tuple[int, int]]) -> str:
    return ";".join(f"{s} {e}" for s, e in frags)


def _span_attribute(span: Span, name: str, value: Any) -> None:
    if name == "ActorCode" and isinstance(value, str):
        span.actor_code = value
    elif name == "Status" and value in ("suggested", "rejected", "accepted"):
        span.status = value
    else:
        span.attrs.setdefault("attributes", {})[name] = value


def _event_attribute(event: Event, name: str, value: Any) -> None:
    if name in ("Negation", "Negated") and value is True:
        event.negated = True
    elif name == "Mode" and isinstance(value, str):
        event.mode = value
    elif name == "Context" and isinstance(value, str):
        event.context = value
    elif name == "Status" and value in ("suggested", "rejected", "accepted"):
        event.status = value
    else:
        event.attrs.setdefault("attributes", {})[name] = value


def sniff(path: Path, suffix: str | None = None) -> bool:
    # (`suffix`: a brat file is known by its own name -- .ann, .a1, .a2, a .txt beside them)
    path = Path(path)
    if path.is_file():
        if path.suffix.lower() == ".txt":
            # the text of a brat pair (`import db corpus/*.txt`): read as plain text, its
            # annotations beside it were left out without a word
            return any(path.with_suffix(suffix).is_file() for suffix in (ANN_SUFFIX, ".a1", ".a2"))
        return path.suffix.lower() in (ANN_SUFFIX, ".a1", ".a2")
    # .a1/.a2 too: a Shared Task folder would otherwise be read as plain texts.
    return path.is_dir() and any(p.suffix in (ANN_SUFFIX, ".a1", ".a2") for p in path.rglob("*"))
