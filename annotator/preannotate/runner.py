"""`run(project, ...)`: pre-annotate documents into the project's `model` layer.

Texts stream from the project through `nlp.pipe` (batched, optionally several processes);
every `batch_size` documents the model layers of that batch are replaced in one transaction.
`cancel` (a threading.Event) is checked after each batch: the run stops there, with every
finished batch saved. People's layers are never touched: an annotator receives the model's
suggestions when they first open a document (`Project.open_layer`).
"""

from __future__ import annotations

import secrets
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..core.model import MODEL, Argument, Event, Layer, Span
from ..store import model_layer

if TYPE_CHECKING:
    import threading

    from ..core.scheme import Scheme
    from ..store import Project

DEFAULT_BATCH_SIZE = 64
ProgressCallback = Callable[[int, int], None]  # (documents done, documents to do)


@dataclass
class PreannotateReport:
    documents: int = 0  # documents whose model layer was written
    total: int = 0  # documents selected
    spans: int = 0
    events: int = 0
    arguments: int = 0
    words: int = 0
    seconds: float = 0.0  # processing and saving, without building the pipeline
    setup_seconds: float = 0.0  # loading the model and building the pipeline
    cancelled: bool = False
    model: str = "rules"
    parser: bool = False
    labels: Counter = field(default_factory=Counter)  # entity labels and event types
    skipped_labels: Counter = field(default_factory=Counter)  # labels the scheme lacks

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["labels"] = dict(self.labels)
        data["skipped_labels"] = dict(self.skipped_labels)
        return data


class IdBlock:
    """Span and event ids in runs of consecutive numbers after a random 62-bit base.

    Same uniqueness argument as `core.ids.new_id` (the base is random; a block spans 2**24
    ids), but rows inserted together land next to each other in the spans/events B-trees
    instead of at random pages, which makes the batch INSERTs several times faster."""

    SIZE = 1 << 24

    def __init__(self) -> None:
        self._renew()

    def _renew(self) -> None:
        self._next = (secrets.randbits(62) & ~(self.SIZE - 1)) or self.SIZE
        self._left = self.SIZE - 1

    def __call__(self) -> int:
        if not self._left:
            self._renew()
        self._left -= 1
        self._next += 1
        return self._next


class LayerBuilder:
    """Turns a processed Doc into the model Layer, keeping only what the scheme knows."""

    def __init__(self, scheme: Scheme) -> None:
        self.entity_labels = set(scheme.entity_names())
        self.modes = {label.name: set(label.mode_names()) for label in scheme.events}
        self.new_id = IdBlock()

    def layer(self, doc: Any, report: PreannotateReport) -> Layer:
        from .arguments import EVENTS_KEY, TRIGGERS_KEY

        new_id = self.new_id

        layer = Layer(MODEL)
        spans = layer.spans
        ent_ids: list[int | None] = []
        for ent in doc.ents:
            label = ent.label_
            if label not in self.entity_labels:
                report.skipped_labels[label] += 1
                ent_ids.append(None)
                continue
            sid = new_id()
            spans[sid] = Span(sid, ent.start_char, ent.end_char, label, "entity", ent.id_ or None, "model",
                              "suggested", {})
            ent_ids.append(sid)
            report.labels[label] += 1
        triggers = doc.spans.get(TRIGGERS_KEY, ())
        records = doc.user_data.get(EVENTS_KEY, ())
        for trigger, (etype, mode, lemma, negated, args) in zip(triggers, records):
            modes = self.modes.get(etype)
            if modes is None:
                report.skipped_labels[etype] += 1
                continue
            sid = new_id()
            spans[sid] = Span(sid, trigger.start_char, trigger.end_char, etype, "trigger", None, "model",
                              "suggested", {"lemma": lemma})
            arguments = [Argument(role, ent_ids[i]) for role, i in args if ent_ids[i] is not None]
            eid = new_id()
            layer.events[eid] = Event(eid, sid, etype, mode if mode in modes else None, None, bool(negated),
                                      "model", "suggested", arguments, {})
            report.labels[etype] += 1
            report.arguments += len(arguments)
        report.spans += len(spans)
        report.events += len(layer.events)
        return layer


def run(
    project: Project,
    *,
    model: str | None = None,
    doc_ids: Sequence[int] | None = None,
    only_todo: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    nlp: Any = None,
) -> PreannotateReport:
    """Pre-annotate `doc_ids` (default: every document) of `project` into its model layer.

    `model`: an installed spaCy pipeline name or a folder (default: rules only). `nlp`: an
    already built pipeline (from `build_pipeline`) to reuse. Returns a report; with `cancel`
    set, the report says `cancelled=True` and covers the batches that were saved."""
    from .pipeline import build_pipeline, has_parser

    started = time.perf_counter()
    batch_size = max(1, int(batch_size))
    nlp = nlp if nlp is not None else build_pipeline(model)
    setup = time.perf_counter() - started
    started += setup
    ids = model_layer.select_documents(project, doc_ids, only_todo=only_todo)
    report = PreannotateReport(total=len(ids), model=model or "rules", parser=has_parser(nlp), setup_seconds=setup)
    if progress:
        progress(0, len(ids))
    if not ids:
        return report
    builder = LayerBuilder(project.scheme)
    docs = nlp.pipe(model_layer.iter_texts(project, ids, page=max(batch_size, 200)), as_tuples=True,
                    batch_size=batch_size, n_process=max(1, int(n_process)))
    batch: list[tuple[int, Layer]] = []
    try:
        for doc, doc_id in docs:
            report.words += len(doc)
            batch.append((doc_id, builder.layer(doc, report)))
            if len(batch) >= batch_size:
                _flush(project, batch, report, progress)
                batch = []
                if cancel is not None and cancel.is_set():
                    report.cancelled = True
                    break
        else:
            _flush(project, batch, report, progress)
    finally:
        close = getattr(docs, "close", None)
        if close is not None:
            close()  # stops worker processes when the loop ended early
    report.seconds = time.perf_counter() - started
    return report


def _flush(project: Project, batch: list[tuple[int, Layer]], report: PreannotateReport,
           progress: ProgressCallback | None) -> None:
    if not batch:
        return
    model_layer.replace_model_layers(project, batch)
    report.documents += len(batch)
    if progress:
        progress(report.documents, report.total)


def preannotate_texts(texts: Iterable[str], nlp: Any, scheme: Scheme) -> list[Layer]:
    """Model layers for plain texts, without a project (for tests and notebooks)."""
    builder = LayerBuilder(scheme)
    report = PreannotateReport()
    return [builder.layer(doc, report) for doc in nlp.pipe(texts)]
