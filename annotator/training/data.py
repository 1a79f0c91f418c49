"""Which documents a layer can teach, the train/dev split, and the DocBin files spaCy reads.

Only *accepted* annotations are training data: suggestions nobody looked at and rejected
spans are left out (the layer is filtered before the formats module's spaCy writer sees it,
so the DocBin follows the same rules as `annotator export --format spacy`).

A document is used when its layer is marked done (an empty done layer is a valid negative
example: "this text mentions nothing") or holds a decision (`core.reviewed.decided_something`:
something accepted or rejected); with `only_done=True` only done layers count. Of an
annotator's layer still in progress only the reviewed sentences are written, each run of them
as a document of its own (`core.reviewed`): the span groups (`sc`, `triggers`) have no
"missing" and would learn every trigger and name nobody has reviewed yet as "no span here". A
reviewed sentence is written as judged whole, for the entity recogniser too. Gold in progress is
written whole, as `annotator export --format spacy` writes a layer in progress: its unmarked text
"missing" for the entity recogniser only (`core.integrity.unmarked_is_outside`).
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import Cancelled
from ..core.integrity import accepted_only
from ..core.model import AnnotatedDocument, Document, Layer
from ..core.reviewed import decided_something, reviewed_parts, teaches_only_reviewed
from ..formats import WriteOptions, spacy_docbin


@dataclass
class Selection:
    """The documents of a layer that can be used, with label counts per document kind."""

    layer: str
    doc_ids: list[int] = field(default_factory=list)
    # doc id -> (entity label counts, trigger label counts); small: labels only, no text
    labels: dict[int, tuple[Counter, Counter]] = field(default_factory=dict)
    skipped_unfinished: int = 0  # layer exists, nothing accepted or rejected, not done
    skipped_not_done: int = 0  # only_done: layer has accepted spans but is not done
    skipped_pending: int = 0  # every sentence with a decision still has a suggestion pending
    partly_reviewed: int = 0  # in progress: used, but only its reviewed sentences
    done_left_pending: int = 0  # marked done with suggestions left pending: used but their sentences


def select(documents: Iterable[AnnotatedDocument], layer: str, *, only_done: bool = False,
           cancel: threading.Event | None = None) -> Selection:
    selection = Selection(layer)
    for doc in documents:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        found = doc.layer(layer)
        if found is None:
            continue
        accepted = [s for s in found.spans.values() if s.status == "accepted"]
        if only_done and found.state != "done":
            if accepted:
                selection.skipped_not_done += 1
            continue
        if not decided_something(found):
            if found.spans:
                selection.skipped_unfinished += 1
            continue
        parts = teaching_parts(doc, found)
        if not parts:
            selection.skipped_pending += 1
            continue
        if parts[0].document is not doc.document:  # not the whole text
            if found.state == "done":
                selection.done_left_pending += 1
            else:
                selection.partly_reviewed += 1
        taught = [s for part in parts for s in part.layers[0].spans.values()]
        entities = Counter(s.label for s in taught if s.layer == "entity")
        triggers = Counter(s.label for s in taught if s.layer == "trigger")
        selection.doc_ids.append(doc.document.id)  # type: ignore[arg-type]
        selection.labels[doc.document.id] = (entities, triggers)  # type: ignore[index]
    return selection


def split(doc_ids: list[int], dev_fraction: float, seed: int) -> tuple[list[int], list[int]]:
    """Reproducible split by document: the same ids, fraction and seed give the same split,
    whatever order the ids came in. At least one document on each side (caller checks n >= 2)."""
    ordered = sorted(doc_ids)
    random.Random(seed).shuffle(ordered)
    n_dev = min(len(ordered) - 1, max(1, round(len(ordered) * dev_fraction)))
    dev, train = ordered[:n_dev], ordered[n_dev:]
    return sorted(train), sorted(dev)


def count_labels(selection: Selection, doc_ids: Iterable[int]) -> tuple[Counter, Counter]:
    entities: Counter = Counter()
    triggers: Counter = Counter()
    for doc_id in doc_ids:
        e, t = selection.labels[doc_id]
        entities.update(e)
        triggers.update(t)
    return entities, triggers


def teaching_parts(doc: AnnotatedDocument, layer: Layer) -> list[AnnotatedDocument]:
    """What `layer` teaches of `doc`, as documents of one layer of accepted annotations: the
    whole document when the layer speaks for its whole text (done), otherwise each run of its
    reviewed sentences (`core.reviewed`) as a document of that text alone, judged whole: the
    entity recogniser learns what they leave unmarked as no entity, as the span groups do."""
    accepted = accepted_only(layer)
    if not teaches_only_reviewed(layer):  # done and decided, the model's, or gold (written whole, as it is)
        return [AnnotatedDocument(doc.document, [accepted])]
    whole = doc.document
    runs = reviewed_parts(whole.text, layer)
    if runs == [(0, len(whole.text))]:
        return [AnnotatedDocument(whole, [_judged_whole(accepted)])]
    parts = []
    for (start, end), part in zip(runs, accepted.split(runs)):
        # an id of its own: the part is not the document (a DocBin of parts reads back as documents)
        ext_id = None if whole.ext_id is None else f"{whole.ext_id}@{start}-{end}"
        document = Document(whole.text[start:end], ext_id, whole.title, whole.meta, whole.source,
                            whole.published, whole.id)
        parts.append(AnnotatedDocument(document, [_judged_whole(part)]))
    return parts


def _judged_whole(layer: Layer) -> Layer:
    layer.state = "done"  # reviewed: what it leaves unmarked is known to be nothing
    return layer


def filtered(documents: Iterable[AnnotatedDocument], layer: str, cancel: threading.Event | None
             ) -> Iterator[AnnotatedDocument]:
    for doc in documents:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        found = doc.layer(layer)
        if found is not None:
            yield from teaching_parts(doc, found)


def write_docbin(documents: Iterable[AnnotatedDocument], layer: str, path: Path,
                 cancel: threading.Event | None, warnings: list[str]) -> int:
    """Write the accepted annotations of `layer` with the formats module's spaCy writer."""
    options = WriteOptions(layer=layer)
    count = spacy_docbin.write(filtered(documents, layer, cancel), path, options)
    warnings.extend(f"{path.name}: {w}" for w in options.warnings)
    return count
