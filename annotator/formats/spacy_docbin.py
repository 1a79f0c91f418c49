"""spaCy DocBin (`.spacy`): training data for `spacy train`, and readable back.

Written per document (one layer, `--layer`; of a person's layer its decisions only, as for every
foreign format: formats.layers.layered):
- tokens from `spacy.blank("en")`, the tokenizer pre-annotation uses;
- `doc.ents`: the entity spans written (a person's: accepted; the `model` layer's: its
  suggestions). `doc.ents` cannot overlap, so overlaps are resolved by spaCy's
  `filter_spans` rule -- the longest span (in tokens) wins, ties go to the earliest start -- and
  the number dropped is reported. The other tokens are "O" (no entity) when the layer is the
  model's or marked done, and spaCy's "missing" (ent_iob_ "") while a person's layer is still
  in progress: nobody has judged them yet (`core.integrity.unmarked_is_outside`); so are the
  words of an entity suggestion a done layer left pending ("Leave pending, mark done");
- `doc.spans["sc"]`: the same entity spans, overlaps allowed (spancat's key);
- `doc.spans["triggers"]`: every trigger span of an event written, labelled with its event type;
- `doc.spans[NAME]`: a foreign DocBin's own groups, as read (`attrs.span_group`), with their attrs;
  spans carry the `kb_id` and `id_` they were read with;
- `doc.cats`: the document's `meta["cats"]` (category scores, as the readers keep them);
- `doc.user_data["events"]`: the events with their roles as plain data
  (`{id, type, mode, context, negated, trigger: [start, end], arguments: [{role, start, end, label}]}`);
- `doc.user_data["annotator"]`: the whole layer and the document fields as a JSON string
  (native JSONL record without the text), so reading our own DocBin back is lossless.
Spans whose edges fall inside a token are grown to whole tokens (`alignment_mode="expand"`) in the
training views only, and counted in a warning; the exact offsets stay in `user_data`. A
discontinuous span (brat fragments with words between them) is left out of the training views,
its fragments' tokens missing in `doc.ents`, and named in a warning.

Read: a `.spacy` file (or a folder of them). With our `user_data` the layer comes back exactly;
otherwise `doc.ents`, every span group (`triggers` as trigger spans, others as entity spans)
and `user_data["events"]` are imported; a span's `kb_id_` and `id_` go into its attrs (`kb_id`,
`span_id`). The group `incorrect_spans` (spaCy ner's negative examples) gives rejected spans, and
the same span also given as an entity stays rejected, with a warning (`SpansRead`). A doc with
entity annotation (tokens marked O count: "no entities here") or a span group, even empty, gets
a layer; one with neither is a plain text (with only `incorrect_spans`: a layer in progress).
`doc.cats` goes into the document's meta as `cats`, JSON user_data under `spacy_user_data`,
`doc._` extension values under `spacy_extensions`, span-group attrs under
`spacy_span_group_attrs`; what cannot be kept (token tags and parses, token/span extension
values, non-JSON values) is counted in a warning.
`source_line` is the document's position in the file.

A DocBin is one msgpack blob: spaCy reads a file whole. The writer keeps only spaCy's compact
token arrays (not Doc objects); for very large corpora write to a folder (a path without
suffix), which is filled with `part-NNNNN.spacy` files of at most SHARD_DOCS documents and
about SHARD_TOKENS tokens (spacy train accepts a folder).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..core.errors import InputError
from ..core.integrity import unmarked_is_outside
from ..core.model import MODEL, AnnotatedDocument, Argument, Document, Event, Layer, Span
from ..core.sentences import trimmed
from . import native
from .io import atomic_file, atomic_folder, is_stream, sniffed_suffix
from .layers import (IdMap, LayerNamer, Tally, fragments_text, gapped_fragments, layered, numbered_by_file,
                     partly_annotated, unfinished_person_layer)
from .registry import ReadOptions, WriteOptions

PAYLOAD_KEY = "annotator"
EVENTS_KEY = "events"
SHARD_DOCS = 10_000
# A DocBin holds about 0.5 kB per token until it is written (measured on news text: 10,000
# documents of ~170 tokens took over 1 GB); a shard closes at whichever limit comes first.
SHARD_TOKENS = 250_000
# Where a foreign doc's own data goes in the document's meta (`cats` as spacy-json reads it).
CATS_META = "cats"
USER_DATA_META = "spacy_user_data"
EXTENSIONS_META = "spacy_extensions"
SPAN_GROUP_ATTRS_META = "spacy_span_group_attrs"
# spaCy's `ner` reads the span group its `incorrect_spans_key` names as "spans that are known to be
# incorrect entity annotations" (negative examples); `incorrect_spans` is the name spaCy's docs give
# it, and what apps that retrain from user feedback fill with the entities a user flagged wrong.
# Read as entities, they would teach the very mistake that was flagged: they are rejected spans.
INCORRECT_SPANS = "incorrect_spans"


@functools.lru_cache(maxsize=1)
def blank_nlp() -> Any:
    """spaCy's blank English pipeline (imported lazily: spaCy is slow to import)."""
    import spacy

    return spacy.blank("en")


# ----------------------------------------------------------------------------- writing
class DocBuilder:
    """Turns one layer of one document into a spaCy Doc, counting what it had to change."""

    def __init__(self, tally: Tally) -> None:
        self.nlp = blank_nlp()
        self.tally = tally

    def build(self, doc: AnnotatedDocument, layer: Layer) -> Any:
        from spacy.tokens import Span as SpacySpan
        from spacy.util import filter_spans

        text = doc.document.text
        sdoc = self.nlp.make_doc(text)
        aligned: dict[int, Any] = {}
        expanded: set[int] = set()
        gapped: list[tuple[int, int]] = []  # the fragments of discontinuous entities
        for span in sorted(layer.spans.values(), key=lambda s: (s.start, s.end, s.label, s.id)):
            if span.status == "rejected":
                continue
            fragments = gapped_fragments(span, text)
            if fragments is not None:
                # A spaCy span is one stretch of tokens: from first start to last end, brat's "Madrid
                # … EFE" became the entity "Madrid, 23 may (EFE", and as the longest it pushed the
                # real "Madrid" and "EFE" out of doc.ents. Its words are the annotator's entity but
                # no entity of their own: missing in doc.ents, as spaCy leaves what it cannot align.
                self.tally.add("discontinuous span(s) (brat fragments with text between them) cannot be one spaCy "
                               "span: left out of doc.ents/doc.spans, their fragments' tokens marked missing in "
                               "doc.ents (kept whole in user_data)", f"{fragments_text(span, text)} {span.label}")
                if span.layer == "entity":
                    gapped.extend(fragments)
                continue
            # spaCy makes a token of a run of spaces or line breaks: a span's whitespace edges
            # would put it into an entity (" Putin", "\n\n"), which `spacy debug data` rejects
            inside = trimmed(text, [(span.start, span.end)])
            if not inside:
                self.tally.add("span(s) cover no token and were left out of doc.ents/doc.spans",
                               repr(span.text_in(text)))
                continue
            ((start, end),) = inside
            if (start, end) != (span.start, span.end):
                self.tally.add("span(s) with spaces or line breaks at an edge were trimmed in the training views",
                               repr(span.text_in(text)))
            ids = _spacy_ids(span)
            token_span = sdoc.char_span(start, end, label=span.label, **ids)
            if token_span is None:
                token_span = sdoc.char_span(start, end, label=span.label, alignment_mode="expand", **ids)
                if token_span is None or len(token_span) == 0:
                    self.tally.add("span(s) cover no token and were left out of doc.ents/doc.spans",
                                   repr(span.text_in(text)))
                    continue
                expanded.add(span.id)
            aligned[span.id] = token_span
        # Grown to whole tokens, spans that do not overlap in the text can land on the same tokens (a
        # run of Chinese or Japanese is one token of spacy.blank("en"): PERSON, GPE and a trigger all
        # became that token). None of them can be taught there: left out, their tokens "missing" in
        # doc.ents (spaCy's own rule for entities it cannot align, W030: "ignored during training").
        collided: set[int] = set()
        for sid in expanded:
            one = layer.spans[sid]
            for oid, other_tokens in aligned.items():
                other = layer.spans[oid]
                if oid == sid or one.start < other.end and other.start < one.end:
                    continue  # the same span, or spans that overlap in the text too
                if aligned[sid].start < other_tokens.end and other_tokens.start < aligned[sid].end:
                    collided.update((sid, oid))
        for sid in sorted(expanded - collided):
            self.tally.add("span(s) did not align to spaCy tokens and were expanded to whole tokens",
                           repr(layer.spans[sid].text_in(text)))
        unteachable = [aligned.pop(sid) for sid in sorted(collided)]
        for sid in sorted(collided):
            self.tally.add("span(s) share a spaCy token with another span they do not overlap (text the English "
                           "tokenizer does not split, such as Chinese): left out of doc.ents/doc.spans, their "
                           "tokens marked missing in doc.ents", repr(layer.spans[sid].text_in(text)))
        ent_candidates = [aligned[s.id] for s in layer.spans.values() if s.id in aligned and s.layer == "entity"]
        ents = filter_spans(ent_candidates)
        if len(ents) < len(ent_candidates):
            self.tally.add("overlapping entity span(s) left out of doc.ents (longest first, then earliest; "
                           "all are in doc.spans['sc'])", n=len(ent_candidates) - len(ents))
        # a person's layer still in progress has not judged the rest of its text: "missing", not "O";
        # nor, in a layer marked done with "Leave pending", the words of a suggestion nobody
        # decided on ("nobody's answer", as `annotator train` leaves their sentences out)
        in_ents = {i for ent in ents for i in range(ent.start, ent.end)}
        unknown = {i for t in unteachable for i in range(t.start, t.end)}
        unsure = [(p.start, p.end) for p in _pending_entities(doc, layer)] + gapped
        for start, end in unsure:
            found = sdoc.char_span(start, end, alignment_mode="expand")
            if found is not None:
                unknown.update(range(found.start, found.end))
        missing = [SpacySpan(sdoc, i, i + 1) for i in sorted(unknown) if i not in in_ents]
        sdoc.set_ents(ents, missing=missing, default="outside" if unmarked_is_outside(layer) else "missing")
        ordered = sorted(layer.spans.values(), key=lambda s: (s.start, s.end, s.label, s.id))
        sdoc.spans["sc"] = [aligned[s.id] for s in ordered if s.id in aligned and s.layer == "entity"]
        # labelled by the event, not by the trigger span's own label (an import may let them differ)
        sdoc.spans["triggers"] = [
            SpacySpan(sdoc, aligned[e.trigger].start, aligned[e.trigger].end, label=e.type)
            for e in sorted(layer.events.values(), key=lambda e: (layer.spans[e.trigger].start, e.type, e.id))
            if e.trigger in aligned]
        # a foreign DocBin's own groups (`attrs.span_group`, as read) go back under their name: a
        # spancat trained on that key found nothing after a round trip
        for group, members in _own_groups(layer, aligned, ordered).items():
            sdoc.spans[group] = members
        for group, attrs in _group_attrs(doc.document.meta).items():
            if group in sdoc.spans:
                sdoc.spans[group].attrs.update(attrs)
        sdoc.cats = cats_from_meta(doc.document.meta, self.tally)
        sdoc.user_data[EVENTS_KEY] = events_data(layer)
        record = native.to_record(AnnotatedDocument(doc.document, [layer] if layer.annotator else []))
        del record["text"]
        sdoc.user_data[PAYLOAD_KEY] = json.dumps(record, ensure_ascii=False, sort_keys=True)
        return sdoc


def _spacy_ids(span: Span) -> dict[str, str]:
    """The knowledge-base id (entity linking) and span id a spaCy span had, as read into its attrs
    (`_span_attrs`), for `Doc.char_span`: an entity linker's gold kb_id was lost on export."""
    found = {"kb_id": span.attrs.get("kb_id"), "span_id": span.attrs.get("span_id")}
    return {name: value for name, value in found.items() if isinstance(value, str) and value}


# Groups the writer fills itself (and spaCy's negatives, never exported): no span's own group.
WRITER_GROUPS = frozenset({"sc", "triggers", INCORRECT_SPANS})


def _own_groups(layer: Layer, aligned: dict[int, Any], ordered: list[Span]) -> dict[str, list[Any]]:
    """{group: its spans} for the spans read from a foreign DocBin's own span groups
    (`attrs.span_group`), in text order."""
    groups: dict[str, list[Any]] = {}
    for span in ordered:
        group = span.attrs.get("span_group")
        if span.id in aligned and isinstance(group, str) and group and group not in WRITER_GROUPS:
            groups.setdefault(group, []).append(aligned[span.id])
    return groups


def _group_attrs(meta: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The span-group attrs a foreign DocBin had (meta `spacy_span_group_attrs`, as read)."""
    kept = meta.get(SPAN_GROUP_ATTRS_META)
    if not isinstance(kept, dict):
        return {}
    return {name: attrs for name, attrs in kept.items() if isinstance(name, str) and isinstance(attrs, dict)}


def cats_from_meta(meta: dict[str, Any], tally: Tally) -> dict[str, float]:
    """meta["cats"] (as the spaCy readers keep doc.cats) back into doc.cats, so textcat data
    survives a round trip through the project; a value that is not a number cannot be a
    category score and is left out (it stays in user_data["annotator"])."""
    cats = meta.get(CATS_META)
    if not isinstance(cats, dict):
        return {}
    scores = {label: float(value) for label, value in cats.items()
              if isinstance(label, str) and isinstance(value, (int, float)) and not isinstance(value, bool)}
    if len(scores) < len(cats):
        tally.add("document(s) have meta['cats'] values that are not numbers, left out of doc.cats")
    return scores


def events_data(layer: Layer) -> list[dict[str, Any]]:
    """Events with their roles as plain msgpack-able data (for users of the DocBin)."""
    out = []
    for event in sorted(layer.events.values(), key=lambda e: e.id):
        trigger = layer.spans[event.trigger]
        out.append({
            "id": event.id, "type": event.type, "mode": event.mode, "context": event.context,
            "negated": event.negated, "status": event.status,
            "trigger": [trigger.start, trigger.end],
            "arguments": [
                {"role": a.role, "start": layer.spans[a.span_id].start, "end": layer.spans[a.span_id].end,
                 "label": layer.spans[a.span_id].label}
                for a in event.arguments if a.span_id in layer.spans
            ],
        })
    return out


def _layered(documents: Iterable[AnnotatedDocument], options: WriteOptions, tally: Tally
             ) -> Iterator[tuple[AnnotatedDocument, Layer]]:
    """`layered`, saying what a layer not marked done means here: doc.ents marks its text not
    reviewed yet "missing", but the span groups cannot ("no span here" to spancat)."""
    for doc, layer in layered(documents, options, tally, warn_not_done=False):
        if unfinished_person_layer(layer):
            tally.add(f"document(s) were written with a {layer.annotator!r} layer not marked done: doc.ents marks "
                      "the text not reviewed yet as missing, but doc.spans cannot, and a spancat trained on them "
                      "takes it as 'no span here' (export --only-done leaves them out; `annotator train` uses "
                      "their reviewed sentences only)")
        yield doc, layer


def write(documents: Iterable[AnnotatedDocument], path: Path, options: WriteOptions) -> int:
    from spacy.tokens import DocBin

    path = Path(path)
    tally = Tally()
    builder = DocBuilder(tally)
    count = 0
    # (standard output, a pipe: one DocBin written into it -- "/dev/stdout" has no suffix, and
    # was refused as "exists and is not a folder")
    sharded = not is_stream(path) and (path.is_dir() or path.suffix == "")
    if not sharded:
        docbin = DocBin(store_user_data=True)
        for doc, layer in _layered(documents, options, tally):
            docbin.add(builder.build(doc, layer))
            count += 1
        with atomic_file(path, "wb") as out:
            out.write(docbin.to_bytes())
    else:
        with atomic_folder(path, lambda file: file.suffix == ".spacy", "spaCy DocBin parts") as folder:
            docbin = DocBin(store_user_data=True)
            shard = tokens = 0
            for doc, layer in _layered(documents, options, tally):
                built = builder.build(doc, layer)
                docbin.add(built)
                count += 1
                tokens += len(built)
                if len(docbin) >= SHARD_DOCS or tokens >= SHARD_TOKENS:
                    (folder / f"part-{shard:05d}.spacy").write_bytes(docbin.to_bytes())
                    shard += 1
                    docbin, tokens = DocBin(store_user_data=True), 0
            if len(docbin) or shard == 0:
                (folder / f"part-{shard:05d}.spacy").write_bytes(docbin.to_bytes())
    tally.flush(options.warnings)
    return count


# ----------------------------------------------------------------------------- reading
def read(path: Path, options: ReadOptions) -> Iterator[AnnotatedDocument]:
    path = Path(path)
    files = sorted(p for p in path.rglob("*.spacy") if p.is_file()) if path.is_dir() else [path]
    namer = LayerNamer(options, "spacy")
    tally = Tally()
    for file in files:
        yield from _read_file(file, options, namer, tally)
    namer.report()
    tally.flush(options.warnings)


def _read_file(file: Path, options: ReadOptions, namer: LayerNamer, tally: Tally) -> Iterator[AnnotatedDocument]:
    from spacy.tokens import DocBin

    try:
        docbin = DocBin(store_user_data=True).from_disk(file)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", file=str(file)) from None
    except Exception as exc:  # spaCy/msgpack/zlib raise many kinds for a damaged file
        raise InputError(f"not a spaCy DocBin file ({type(exc).__name__}: {exc})", file=str(file)) from None
    for number, sdoc in enumerate(docbin.get_docs(blank_nlp().vocab), 1):
        if not sdoc.text and PAYLOAD_KEY not in sdoc.user_data:
            # `spacy convert` ends some files with an empty doc: there is nothing to annotate.
            tally.add("empty document(s) (no text) were skipped")
            continue
        try:
            payload = sdoc.user_data.get(PAYLOAD_KEY)
            if isinstance(payload, str):
                yield _from_payload(payload, sdoc.text, file, number, options)
            else:
                yield _from_doc(sdoc, file, number, namer, tally)
        except InputError as exc:
            raise exc.located(str(file), number) from None


def _from_payload(payload: str, text: str, file: Path, number: int, options: ReadOptions) -> AnnotatedDocument:
    try:
        record = json.loads(payload)
    except json.JSONDecodeError as exc:
        raise InputError(f"document {number}: user_data[{PAYLOAD_KEY!r}] is not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise InputError(f"document {number}: user_data[{PAYLOAD_KEY!r}] is not a JSON object")
    record["text"] = text
    doc = native.parse_record(record, file, number, options)
    if options.annotator:
        for layer in doc.layers:
            layer.annotator = options.annotator
    return doc


def _from_doc(sdoc: Any, file: Path, number: int, namer: LayerNamer, tally: Tally) -> AnnotatedDocument:
    layer = _layer_from_doc(sdoc, tally)
    layers = []
    # A doc annotated as having no entities is a negative training example: it keeps its (empty)
    # layer like a doccano record with "label": [], or exporting would leave it out.
    if layer.spans or _has_span_annotation(sdoc):
        layer.annotator = namer()
        layers.append(layer)
        if _entities_partly_missing(sdoc):
            partly_annotated(layer, tally, "spaCy's 'missing', as binary answers leave them")
        elif not _has_span_annotation(sdoc):
            # spans marked wrong say nothing of the rest of the text, which a done layer would
            # export as "no entity here"
            partly_annotated(layer, tally, f"not annotated: the doc has only doc.spans[{INCORRECT_SPANS!r}]")
    _count_token_annotations(sdoc, tally)
    document = Document(text=sdoc.text, meta=_meta_from_doc(sdoc, tally))
    return AnnotatedDocument(document, layers, source_file=str(file), source_line=number,
                             own_numbering=numbered_by_file(layers))


def _layer_from_doc(sdoc: Any, tally: Tally) -> Layer:
    """doc.ents, every span group and user_data["events"] as one layer (state done): accepted
    spans, but those of the group `incorrect_spans`, which are rejected (`SpansRead`)."""
    layer = Layer("", "done")
    spans = SpansRead(layer, tally)
    # the spans marked wrong first, so that the same span given as right meets them in any group order
    for span in sdoc.spans.get(INCORRECT_SPANS, []):
        spans.reject(span)
    for ent in sdoc.ents:
        spans.accept(ent, "entity", None)
    for group, members in sdoc.spans.items():
        if group == INCORRECT_SPANS:
            continue
        kind = "trigger" if group == "triggers" else "entity"
        for span in members:
            spans.accept(span, kind, group)
    for raw in sdoc.user_data.get(EVENTS_KEY) or []:
        event = _event_from_data(raw, layer, spans.accepted, spans.ids)
        if event is None:
            tally.add("event(s) in user_data['events'] could not be matched to spans and were skipped")
        else:
            layer.add_event(event)
    return layer


SpanKey = tuple[int, int, str, str]  # (start, end, label, kind): one span of the layer per key and status


class SpansRead:
    """The spans of a foreign doc, read into one layer: one span per key and status, a span given
    twice (in doc.ents and a group) merged with what each adds. A span marked wrong
    (`INCORRECT_SPANS`) is rejected, and never merged with an accepted one: the same span also
    given as right (the model's entity the person flagged) stays rejected, and is reported."""

    def __init__(self, layer: Layer, tally: Tally) -> None:
        self.layer = layer
        self.tally = tally
        self.ids = IdMap()
        self.accepted: dict[SpanKey, int] = {}  # where events look for their trigger and arguments
        self.rejected: dict[SpanKey, int] = {}
        self.contradicted: set[SpanKey] = set()

    def reject(self, span: Any) -> None:
        key = self._key(span, "entity")
        if key is not None:
            self._keep(span, key, INCORRECT_SPANS, "rejected", self.rejected)

    def accept(self, span: Any, kind: str, group: str | None) -> None:
        key = self._key(span, kind)
        if key is None:
            return
        if key in self.rejected:
            # spaCy's trainer refuses a doc with the same span in its gold ents and its negatives
            # (E868). Such files come from apps that keep the model's entities and add what the
            # user flagged wrong: the flag is the later, human word, so the rejection stands.
            self._report_contradiction(span, key)
            self._keep(span, key, group, "rejected", self.rejected)
            return
        self._keep(span, key, group, "accepted", self.accepted)

    def _key(self, span: Any, kind: str) -> SpanKey | None:
        if not span.label_:
            self.tally.add("span(s) without a label were skipped")
            return None
        return (span.start_char, span.end_char, span.label_, kind)

    def _keep(self, span: Any, key: SpanKey, group: str | None, status: str, found: dict[SpanKey, int]) -> None:
        attrs = _span_attrs(span, group)
        if key in found:  # the same span in doc.ents and a group: one span, with what each adds
            kept = self.layer.spans[found[key]].attrs
            if "span_group" in kept and kept["span_group"] != attrs.get("span_group", kept["span_group"]):
                self.tally.add("span(s) in several of the doc's own span groups kept the first group's name only "
                               "(written back to that group)", f"{span.text!r} {attrs['span_group']}")
            for name, value in attrs.items():
                kept.setdefault(name, value)
            return
        new = Span(self.ids(object()), span.start_char, span.end_char, span.label_, key[3], origin="import",
                   status=status, attrs=attrs)
        found[key] = new.id
        self.layer.add_span(new)

    def _report_contradiction(self, span: Any, key: SpanKey) -> None:
        if key in self.contradicted:  # once per span, however many groups repeat it
            return
        self.contradicted.add(key)
        self.tally.add(f"span(s) given as entities and also marked wrong in doc.spans[{INCORRECT_SPANS!r}] were "
                       "imported as rejected only (the mark is a correction of the entity; spaCy's trainer "
                       "refuses such a doc, E868)", f"{span.text!r} {span.label_}")


def _span_attrs(span: Any, group: str | None) -> dict[str, Any]:
    """What a spaCy span carries besides offsets and label, kept in the span's attrs: the group
    it came from (other than those whose meaning the span's kind or status carries), its
    knowledge-base id (entity linking) and its id."""
    attrs: dict[str, Any] = {}
    if group and group not in ("sc", "triggers", INCORRECT_SPANS):
        attrs["span_group"] = group
    if span.kb_id_:
        attrs["kb_id"] = span.kb_id_
    if span.id_:
        attrs["span_id"] = span.id_
    return attrs


def _has_span_annotation(sdoc: Any) -> bool:
    """spaCy tells "annotated as outside" (ent_iob_ "O") from "not annotated" (""): a doc whose
    tokens are all O says "no entities here". A span group that exists, even empty, says the same
    for spancat -- but for `incorrect_spans`, which says only what is wrong. An empty doc counts as
    annotated for spaCy, but there is nothing to annotate."""
    return ((len(sdoc) > 0 and sdoc.has_annotation("ENT_IOB"))
            or any(group != INCORRECT_SPANS for group in sdoc.spans))


def _entities_partly_missing(sdoc: Any) -> bool:
    return (len(sdoc) > 0 and sdoc.has_annotation("ENT_IOB")
            and not sdoc.has_annotation("ENT_IOB", require_complete=True))


# Token-level annotations a DocBin may carry (from `spacy convert` of CoNLL files, or a pipeline):
# not annotations in this model (DESIGN: spans and events), so they are dropped -- with a word.
TOKEN_ANNOTATIONS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "SENT_START")


def _count_token_annotations(sdoc: Any, tally: Tally) -> None:
    present = [attr for attr in TOKEN_ANNOTATIONS if len(sdoc) and sdoc.has_annotation(attr)]
    if present:
        tally.add("document(s) carried token tags, lemmas, morphology, a parse or sentence boundaries, "
                  "which are not annotations here and were dropped", "/".join(present))


def _meta_from_doc(sdoc: Any, tally: Tally) -> dict[str, Any]:
    """doc.cats, plain user_data, doc._ extension values and span-group attrs, as meta; what is
    not plain JSON is counted in a warning."""
    meta: dict[str, Any] = {}
    if sdoc.cats and _is_plain_json(sdoc.cats):
        meta[CATS_META] = dict(sdoc.cats)
    elif sdoc.cats:
        tally.add("document(s) had doc.cats scores that are not plain JSON (NaN or infinity), which were dropped")
    user_data, extensions = _user_data_parts(sdoc.user_data, tally)
    group_attrs = _span_group_attrs(sdoc, tally)
    for key, part in ((USER_DATA_META, user_data), (EXTENSIONS_META, extensions),
                      (SPAN_GROUP_ATTRS_META, group_attrs)):
        if part:
            meta[key] = part
    return meta


def _user_data_parts(user_data: dict[Any, Any], tally: Tally) -> tuple[dict[str, Any], dict[str, Any]]:
    """(plain string-keyed user_data, doc._ extension values) that are JSON; the rest is counted
    (once per document and kind) as dropped."""
    plain: dict[str, Any] = {}
    extensions: dict[str, Any] = {}
    not_json: list[str] = []
    not_doc_level: list[str] = []
    for key, value in user_data.items():
        if key == EVENTS_KEY:
            continue  # read as events (or counted as skipped) by _layer_from_doc
        if isinstance(key, str):
            target, name = plain, key
        elif _is_extension_key(key) and key[2] is None and key[3] is None:
            target, name = extensions, key[1]
        elif _is_extension_key(key):
            not_doc_level.append(str(key[1]))
            continue
        else:
            not_json.append(repr(key))
            continue
        if _is_plain_json(value):
            target[name] = value
        else:
            not_json.append(repr(name))
    if not_json:
        tally.add("document(s) had user_data values that are not plain JSON, which were dropped",
                  ", ".join(not_json))
    if not_doc_level:
        tally.add("document(s) had token or span extension values (token._ / span._), which were dropped",
                  ", ".join(not_doc_level))
    return plain, extensions


def _is_extension_key(key: Any) -> bool:
    """spaCy stores `doc._.name` under ("._.", name, None, None), token and span values under
    ("._.", name, start, end)."""
    return isinstance(key, tuple) and len(key) == 4 and key[0] == "._." and isinstance(key[1], str)


def _span_group_attrs(sdoc: Any, tally: Tally) -> dict[str, Any]:
    """{group name: its attrs} (SpanGroup.attrs belong to a group, not to its spans)."""
    kept: dict[str, Any] = {}
    not_json: list[str] = []
    for name, group in sdoc.spans.items():
        if not group.attrs:
            continue
        if _is_plain_json(group.attrs):
            kept[name] = dict(group.attrs)
        else:
            not_json.append(repr(name))
    if not_json:
        tally.add("document(s) had span group attrs that are not plain JSON, which were dropped",
                  ", ".join(not_json))
    return kept


def _is_plain_json(value: Any) -> bool:
    """Storable in the document's meta, a JSON column (tuples come back as lists)."""
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True


def _event_from_data(raw: Any, layer: Layer, seen: dict[SpanKey, int], ids: IdMap) -> Event | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
        return None
    try:
        t_start, t_end = raw["trigger"]
        trigger = seen.get((t_start, t_end, raw["type"], "trigger"))
        if trigger is None:
            return None
        arguments = []
        for arg in raw.get("arguments") or []:
            span_id = seen.get((arg["start"], arg["end"], arg["label"], "entity")) \
                or seen.get((arg["start"], arg["end"], arg["label"], "trigger"))
            if span_id is None:
                return None
            arguments.append(Argument(str(arg["role"]), span_id))
    except (KeyError, TypeError, ValueError):
        return None
    return Event(ids(raw.get("id", object())), trigger, raw["type"], raw.get("mode"), raw.get("context"),
                 bool(raw.get("negated", False)), "import", raw.get("status") or "accepted", arguments)


def sniff(path: Path, suffix: str | None = None) -> bool:
    path = Path(path)
    if path.is_dir():
        return any(p.suffix == ".spacy" for p in path.iterdir()) and not any(path.rglob("*.ann"))
    return sniffed_suffix(path, suffix) == ".spacy"


def _pending_entities(doc: AnnotatedDocument, layer: Layer) -> list[Span]:
    """The entity suggestions still pending in the person's layer `layer` was written from."""
    if layer.annotator == MODEL:
        return []
    whole = doc.layer(layer.annotator)
    if whole is None:
        return []
    return [s for s in whole.spans.values() if s.layer == "entity" and s.status == "suggested"]
