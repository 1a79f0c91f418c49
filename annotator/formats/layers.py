"""What the single-layer foreign formats (Prodigy, doccano, brat, spaCy, PLOVER) share:
choosing the layer to write, naming the layer read, keeping ids, counting what was lost.

Foreign formats carry one unnamed layer. On import it is named by `--annotator`, else by
the name the file gives (Prodigy `_annotator_id`), else after the format (`prodigy`,
`doccano`, `brat`, `spacy`) -- and a warning says so.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable, Iterable, Iterator

from ..core.errors import InputError
from ..core.ids import MAX_ID, kept_from_file, new_id
from ..core.integrity import accepted_only, exportable, holds_decisions, unmarked_is_outside
from ..core.model import MODEL, ROLES, AnnotatedDocument, Argument, Document, Event, Layer, Span
from .registry import ReadOptions, WriteOptions


def layer_to_write(doc: AnnotatedDocument, options: WriteOptions) -> Layer:
    """The layer a single-layer writer writes for this document (empty if it has none)."""
    if options.layer is not None:
        return doc.layer(options.layer) or Layer(options.layer)
    if doc.layers:
        return doc.layers[0]
    return Layer("")


def unfinished_person_layer(layer: Layer) -> bool:
    """A person's layer whose unmarked text is not yet "nothing here" (not done): what a
    writer warns of, each in its format's terms."""
    return layer.annotator != MODEL and not unmarked_is_outside(layer)


def layered(documents: Iterable[AnnotatedDocument], options: WriteOptions, tally: "Tally", *,
            warn_not_done: bool = True) -> Iterator[tuple[AnnotatedDocument, Layer]]:
    """(document, layer to write) for each document that has the chosen layer, with progress;
    the layer without its rejected spans and events (`core.integrity.exportable`). A person's
    layer (not the model's, whose suggestions are its content) gives its decisions only, the
    rule `annotator train` learns from: its accepted items (`accepted_only`), and only when it
    holds any (`holds_decisions`: accepted, or marked done, and not skipped) -- untouched
    suggestions, or a skipped document, written as training data would say "no entity here".
    A document without the layer is not written either (an unannotated text would teach a model
    that it mentions nothing); the numbers left out are reported. A person's layer not marked
    done is written with a warning (`warn_not_done=False`: the writer says it its own way)."""
    for doc in progress_every(documents, options):
        if options.layer is not None and doc.layer(options.layer) is None:
            tally.add(f"document(s) without a {options.layer!r} layer were not written")
            continue
        layer = layer_to_write(doc, options)
        person = layer.annotator != MODEL
        if person and not holds_decisions(layer):
            tally.add(f"document(s) whose {layer.annotator!r} layer was skipped were not written"
                      if layer.state == "skipped" else
                      f"document(s) whose {layer.annotator!r} layer holds no decision yet (nothing accepted, "
                      "not marked done) were not written")
            continue
        kept = exportable(layer)  # never a rejected span, nor an event or argument on one (core/integrity.py)
        if len(kept.events) < len(layer.events):
            tally.add("rejected event(s) were not written", n=len(layer.events) - len(kept.events))
        if len(kept.spans) < len(layer.spans):
            tally.add("rejected span(s) were not written", n=len(layer.spans) - len(kept.spans))
        if person:
            decided = accepted_only(kept)
            if len(decided.spans) < len(kept.spans):
                tally.add("pending suggestion(s) nobody accepted were not written",
                          n=len(kept.spans) - len(decided.spans))
            kept = decided
            if warn_not_done and unfinished_person_layer(layer):
                # the file cannot say where the annotator stopped: a tool training on it reads the
                # rest as "nothing here" (`annotator train` takes the reviewed sentences only)
                tally.add(f"document(s) were written with a {layer.annotator!r} layer not marked done: the text "
                          "not reviewed yet carries no span, which training on this file takes as 'no span "
                          "here' (export --only-done leaves them out; `annotator train` uses their reviewed "
                          "sentences only)")
        yield doc, kept


def record_document(record: dict[str, Any], text: str, meta: dict[str, Any]) -> Document:
    """The Document of a JSON task/record (Prodigy, doccano): `id`, `title`, `source` and
    `published` are taken when they have a usable type and left empty otherwise."""
    ext_id = record.get("id")
    return Document(
        text=text,
        ext_id=str(ext_id) if isinstance(ext_id, (str, int)) and not isinstance(ext_id, bool) else None,
        title=record["title"] if isinstance(record.get("title"), str) else "",
        meta=meta,
        source=record["source"] if isinstance(record.get("source"), str) else None,
        published=record["published"] if isinstance(record.get("published"), str) else None,
    )


def with_other_fields(record: dict[str, Any], meta: dict[str, Any], known: Iterable[str], fmt: str,
                      tally: Tally | None) -> dict[str, Any]:
    """A record's fields outside the `known` ones of format `fmt` ("url", "date" of a scraped
    article; doccano writes an example's metadata as such fields) go into its meta rather than
    being dropped; a field meta already has keeps meta's value."""
    known = set(known)
    other = [key for key in record if key not in known]
    if not other:
        return meta
    kept = dict(meta)
    added = [key for key in other if key not in kept]
    clashing = [key for key in other if key in kept and kept[key] != record[key]]
    kept.update((key, record[key]) for key in added)
    if tally is not None:
        for what, keys in ((f"record(s) with fields outside {fmt}: kept in the document's meta", added),
                           ("record(s) with a field also in their meta: meta's value kept, the field's dropped",
                            clashing)):
            for i, key in enumerate(keys):
                tally.add(what, key, n=0 if i else 1)  # one record, every field named
    return kept


def integer(value: Any, what: str) -> int:
    """`value` as an offset or index of a record, or the error naming `what` (bool is no integer)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{what} must be an integer, not {type(value).__name__}")
    return value


def integer_field(item: dict[str, Any], key: str, where: str, fmt: str = "") -> int:
    """`item[key]` as an integer (`integer`). A missing key is said to be missing, with the keys the
    item has: an entity written {"start", "end", "label"} was refused as "start_offset must be an
    integer, not NoneType", which names neither the problem nor what the file holds. `fmt` says
    which format expects the key ("doccano's entities give ...")."""
    if key not in item:
        found = ", ".join(map(str, list(item)[:8])) + (", ..." if len(item) > 8 else "") or "none"
        raise InputError(f"{where} has no {key!r} (its keys: {found})" + (f"; {fmt}" if fmt else ""))
    return integer(item[key], f"{where}.{key}")


def partly_annotated(layer: Layer, tally: Tally, missing: str) -> None:
    """A layer whose entity annotation covers only some tokens (spaCy's "missing", as binary
    answers leave the tokens nobody judged) is kept in progress, not done: done would say "no
    entity" of those tokens to training and agreement. `missing` says how the file marks them."""
    layer.state = "in_progress"
    tally.add(f"document(s) whose entity annotation covers only some tokens (the others are {missing}): "
              "kept in progress, not done")


def kept_fragments(span: Span) -> list[tuple[int, int]] | None:
    """The fragments of a discontinuous span as the brat reader keeps them (`attrs.fragments`, brat's
    `T1 LOC 20 26;36 39`), when they are still the span's: ascending, each non-empty, none
    overlapping the next, from the span's start to its end (an edit since may have moved it).
    None for a span without them."""
    frags = span.attrs.get("fragments")
    if not isinstance(frags, list) or not frags or not all(
            isinstance(f, list) and len(f) == 2 and all(type(x) is int for x in f) for f in frags):
        return None
    pairs = [(f[0], f[1]) for f in frags]
    if pairs[0][0] != span.start or pairs[-1][1] != span.end or not all(s < e for s, e in pairs) \
            or not all(a[1] <= b[0] for a, b in zip(pairs, pairs[1:])):
        return None
    return pairs


def gapped_fragments(span: Span, text: str) -> list[tuple[int, int]] | None:
    """`kept_fragments` when words lie between them (not only white space, as between the parts of
    a span our brat export wrote around a line break): read as one stretch from its first start to
    its last end, such a span takes in text that is none of it ("Madrid, 23 may (EFE" for the LOC
    "Madrid … EFE"). Formats without discontinuous spans must not write it so unsaid."""
    pairs = kept_fragments(span)
    if pairs is None or all(not text[a[1]:b[0]].strip() for a, b in zip(pairs, pairs[1:])):
        return None
    return pairs


def fragments_text(span: Span, text: str) -> str:
    """A discontinuous span as a message names it: its fragments' text joined by " … "."""
    pairs = kept_fragments(span) or [(span.start, span.end)]
    return repr(" … ".join(text[s:e] for s, e in pairs))


def report_widened(spans: Iterable[Span], text: str, tally: Tally, fmt: str, carries_attrs: bool = True) -> None:
    """Count, naming them, the discontinuous spans (`gapped_fragments`) a format without such spans
    writes from first start to last end; their fragments stay in the span's attrs where the format
    carries attrs (our own reader takes them back)."""
    kept = "the fragments are kept in attrs.fragments" if carries_attrs else "the fragments are not in the file"
    for span in spans:
        if gapped_fragments(span, text) is not None:
            tally.add(f"discontinuous span(s) (brat fragments with text between them) were written to {fmt} as one "
                      f"span from their first start to their last end, taking in the text between the fragments "
                      f"({kept})", f"{fragments_text(span, text)} {span.label}")


def layer_relations(layer: Layer) -> list[tuple[int, int, str]]:
    """(head span id, child span id, label) of each relation a layer makes, once, in the order
    doccano and Prodigy write them: each event's trigger to its arguments (the role as label;
    two events on one trigger with the same argument, brat's E1 and E2 with Theme = a Binding
    trigger, make one relation), then the relations between entities (`Layer.span_relations`)."""
    seen: set[tuple[int, int, str]] = set()
    out: list[tuple[int, int, str]] = []
    pairs = [(event.trigger, a.span_id, a.role) for event in sorted(layer.events.values(), key=lambda e: e.id)
             for a in event.arguments]
    for relation in [*pairs, *((first.id, second.id, rtype) for first, rtype, second in layer.span_relations())]:
        if relation not in seen:
            seen.add(relation)
            out.append(relation)
    return out


def listed_arguments(args: Any, span_by_id: Callable[[Any], int | None],
                     spans_at: Callable[[int, int], list[int]]) -> list[tuple[str, int]]:
    """(role, span id) of the arguments our doccano and Prodigy exports list for an event
    (`[{"role", "span", "offsets"}]`), read leniently: they only tell apart the events sharing a
    trigger, the relations being the arguments (`RelationArguments.claim`). Each names its span
    by id (`span_by_id`: the span while the file still has it, else None) or, once the other
    tool renumbered or rewrote the spans, by its offsets (`spans_at`, in the file's units)."""
    found: list[tuple[str, int]] = []
    for arg in args if isinstance(args, list) else []:
        if not isinstance(arg, dict) or not isinstance(arg.get("role"), str):
            continue
        span = span_by_id(arg.get("span"))
        if span is not None:
            found.append((arg["role"], span))
            continue
        where = arg.get("offsets")
        if isinstance(where, list) and len(where) == 2 and all(type(x) is int for x in where):
            found += [(arg["role"], s) for s in spans_at(where[0], where[1])]
    return found


def sorted_arguments(event: Event) -> Event:
    """Arguments are a set kept in one canonical order (core sorts them on creation)."""
    sort = getattr(event, "sort_arguments", None)
    if sort is not None:
        sort()
    return event


def span_order(span: Span) -> tuple[Any, ...]:
    return (span.start, span.end, span.layer, span.label, span.id)


class LayerNamer:
    """Names the layer read from a file and warns (once) when the name was chosen for the user."""

    def __init__(self, options: ReadOptions, fmt: str) -> None:
        self.options = options
        self.fmt = fmt
        self.defaulted = 0

    def __call__(self, from_file: str | None = None) -> str:
        if self.options.annotator:
            return self.options.annotator
        if from_file:
            return from_file
        self.defaulted += 1
        return self.fmt

    def report(self) -> None:
        if self.defaulted:
            self.options.warnings.append(
                f"annotations of {self.defaulted} document(s) went into the layer {self.fmt!r} "
                "(pass --annotator NAME to choose the layer)"
            )


class IdMap:
    """File ids -> span/event ids: usable positive integers are kept (so our own exports
    round-trip with the same ids), anything else gets a fresh random id."""

    def __init__(self) -> None:
        self.map: dict[Any, int] = {}
        self.used: set[int] = set()

    def __call__(self, value: Any) -> int:
        key = value
        if key not in self.map:
            if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID \
                    and value not in self.used:
                new = value
            else:
                new = new_id()
                while new in self.used:
                    new = new_id()
            self.map[key] = new
            self.used.add(new)
        return self.map[key]

    def get(self, value: Any) -> int | None:
        return self.map.get(value)


def numbered_by_file(layers: Iterable[Layer]) -> bool:
    """Whether a reader kept ids the file numbered itself (1, 2, 9: a tool's or a hand's
    numbering, `core.ids.kept_from_file`), for `AnnotatedDocument.own_numbering`: the store gives
    them fresh ids after its checks. Ids `IdMap` chose are `new_id`'s, above that floor."""
    return any(not kept_from_file(i) for layer in layers for i in (*layer.spans, *layer.events))


class Tally:
    """Counts of things a reader or writer could not carry, turned into warnings at the end."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = {}

    def add(self, what: str, example: str | None = None, n: int = 1) -> None:
        self.counts[what] += n
        if example is not None:
            seen = self.examples.setdefault(what, [])
            if example not in seen and len(seen) < 5:
                seen.append(example)

    def flush(self, warnings: list[str], prefix: str = "") -> None:
        for what, n in self.counts.items():
            examples = self.examples.get(what)
            tail = f" (e.g. {', '.join(examples)})" if examples else ""
            warnings.append(f"{prefix}{n} {what}{tail}")
        self.counts.clear()
        self.examples.clear()


def role_of(name: str) -> str | None:
    """Our argument role for a foreign role name, or None (kept as 'other' by the caller)."""
    bare = name.rstrip("0123456789").strip().lower()
    if bare in ROLES and bare != "other":
        return bare
    return {"place": "location", "loc": "location", "time": "date"}.get(bare)


def relation_role(label: str) -> str | None:
    """Our argument role for a relation's label (`role_of`; `other`, our fifth role, as our exports
    write it), or None: a relation between spans, not an argument."""
    return role_of(label) or ("other" if label.strip().lower() == "other" else None)


class RelationArguments:
    """Event arguments from relations trigger -(role)-> span (doccano's and Prodigy's relations).

    A relation is an argument of its trigger's event, created on first use. Several events can
    share a trigger (brat's two Binding events on "binding", one with p65, one with p50), and a
    relation does not say which event it belongs to: our exports list each event's own arguments
    beside the relations, and a reader `claim`s them, so each relation goes to the events that
    were written with it (all of them: two events can share an argument too). One that none was
    written with (added in the other tool, or a file without those lists) goes to the first
    event, with a warning naming it -- before, every argument of a shared trigger went to the first
    event, silently, and the other events came back empty.
    Any other relation between two spans (doccano's or Prodigy's "works_for") is kept with its
    first span, in `attrs.relations` as the brat reader keeps brat's `R` lines, and written back
    (`Layer.span_relations`); one without two spans is counted in `tally` and skipped."""

    def __init__(self, layer: Layer, text: str, new_event_id: Callable[[], int], tally: Tally, what: str) -> None:
        self.layer = layer
        self.text = text
        self.new_event_id = new_event_id
        self.tally = tally
        self.what = what
        self.by_trigger: dict[int, list[Event]] = {}
        for event in layer.events.values():
            self.by_trigger.setdefault(event.trigger, []).append(event)
        self.claims: dict[int, set[tuple[str, int]]] = {}

    def claim(self, event: Event, role: str, span_id: int) -> None:
        """`event` was written with the argument `role` -> `span_id` (our export's own list)."""
        self.claims.setdefault(event.id, set()).add((relation_role(role) or role, span_id))

    def add(self, head: int | None, child: int | None, label: str) -> None:
        role = relation_role(label)
        if head is None or child is None:
            self.tally.add(f"relation(s) from or to a plain token or a {self.what} no longer in the file were skipped",
                           label)
            return
        if role is None or self.layer.spans[head].layer != "trigger":
            self.layer.add_span_relation(head, label, child)
            return
        events = self.by_trigger.get(head)
        if not events:
            events = self.by_trigger[head] = [Event(self.new_event_id(), head, self.layer.spans[head].label,
                                                    origin="import")]
            self.layer.add_event(events[0])
        chosen = events if len(events) == 1 else [e for e in events if (role, child) in self.claims.get(e.id, ())]
        if not chosen:
            chosen = events[:1]
            trigger, argument = self.layer.spans[head], self.layer.spans[child]
            self.tally.add("argument(s) of a trigger that several events share, written with none of them (added in "
                           "the other tool, or a file that does not list each event's arguments), were given to the "
                           "first of those events",
                           f"{trigger.text_in(self.text)!r} -{role}-> {argument.text_in(self.text)!r}")
        for event in chosen:
            if Argument(role, child) not in event.arguments:
                event.arguments.append(Argument(role, child))
                sorted_arguments(event)


def is_trigger_label(label: str, options: ReadOptions) -> bool:
    """For files that do not say which spans are triggers: a label that the scheme knows only
    as an event type is a trigger."""
    scheme = options.scheme
    return bool(scheme and scheme.event(label) is not None and scheme.entity(label) is None)


def relabelled_event(etype: Any, mode: str | None, label: str, options: ReadOptions) -> tuple[Any, str | None]:
    """The type and mode of an event whose trigger another tool relabelled (doccano, Prodigy): the
    trigger's label where it is an event type (the annotator's type now), the mode only where that
    type has it (`Scheme.kept_mode`)."""
    if label == etype or not is_trigger_label(label, options):
        return etype, mode
    assert options.scheme is not None  # (is_trigger_label needs it)
    return label, options.scheme.kept_mode(label, mode)


def progress_every(items: Iterable[AnnotatedDocument], options: WriteOptions, every: int = 100
                   ) -> Iterator[AnnotatedDocument]:
    """Pass documents through, calling options.progress every `every` documents and at the end."""
    count = 0
    for item in items:
        yield item
        count += 1
        if options.progress and count % every == 0:
            options.progress(count)
    if options.progress:
        options.progress(count)
