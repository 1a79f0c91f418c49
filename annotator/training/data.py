"""Which documents a layer can teach, the train/dev split, and the DocBin files spaCy reads.

Only *accepted* annotations are training data: suggestions nobody looked at and rejected
spans are left out (the layer is filtered before the formats module's spaCy writer sees it,
so the DocBin follows the same rules as `annotator export --format spacy`).

A document is used when its layer is marked done (an empty done layer is a valid negative
example: "this text mentions nothing") or has at least one accepted span; with
`only_done=True` only done layers count. In a layer still in progress the DocBin writer
leaves the unaccepted text "missing" for the entity recogniser (`core.integrity.unmarked_is_outside`),
but the span groups (`sc`, `triggers`) have no "missing": they say "no other span here", so
`--only-done` is the safer choice once annotators mark their documents done.
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import Cancelled
from ..core.integrity import accepted_only, holds_decisions
from ..core.model import AnnotatedDocument, Layer
from ..formats import WriteOptions, spacy_docbin


@dataclass
class Selection:
    """The documents of a layer that can be used, with label counts per document kind."""

    layer: str
    doc_ids: list[int] = field(default_factory=list)
    # doc id -> (entity label counts, trigger label counts); small: labels only, no text
    labels: dict[int, tuple[Counter, Counter]] = field(default_factory=dict)
    skipped_unfinished: int = 0  # layer exists, nothing accepted, not done
    skipped_not_done: int = 0  # only_done: layer has accepted spans but is not done


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
        if not holds_decisions(found):
            if found.spans:
                selection.skipped_unfinished += 1
            continue
        entities = Counter(s.label for s in accepted if s.layer == "entity")
        triggers = Counter(s.label for s in accepted if s.layer == "trigger")
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


def filtered(documents: Iterable[AnnotatedDocument], layer: str, cancel: threading.Event | None
             ) -> Iterator[AnnotatedDocument]:
    for doc in documents:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        found = doc.layer(layer)
        if found is not None:
            yield AnnotatedDocument(doc.document, [accepted_only(found)])


def write_docbin(documents: Iterable[AnnotatedDocument], layer: str, path: Path,
                 cancel: threading.Event | None, warnings: list[str]) -> int:
    """Write the accepted annotations of `layer` with the formats module's spaCy writer."""
    options = WriteOptions(layer=layer)
    count = spacy_docbin.write(filtered(documents, layer, cancel), path, options)
    warnings.extend(f"{path.name}: {w}" for w in options.warnings)
    return count
