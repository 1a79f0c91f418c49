"""`run(project, ...)`: pre-annotate documents into the project's `model` layer.

Texts stream from the project through `nlp.pipe` (batched, optionally several processes);
every `batch_size` documents the model layers of that batch are replaced in one transaction,
by the store's model writer (`Project.model_writer()`), in a writer thread while the next batch
is processed when the writer has a connection of its own (`_Writer`).
`cancel` (a threading.Event) is checked after each batch: the run stops there, with every
finished batch saved. With several processes the texts stop flowing instead, and the run ends
when the workers have finished (and the writer saved) the batches they hold (`_stop_feeding`).
People's layers are never touched: an annotator receives the model's suggestions when they
first open a document (`Project.open_layer`).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.queues
import multiprocessing.util
import queue
import os
import re
import secrets
import signal
import threading
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..core.model import MODEL, Argument, Event, Layer, Span
from ..core.offsets import ModelText, inside_character, model_text
from ..store import model_layer
from .truecase import truecased

if TYPE_CHECKING:
    from ..core.scheme import Scheme
    from ..store import Project
    from ..store.model_layer import ModelWriter

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
    skipped_modes: Counter = field(default_factory=Counter)  # "TYPE mode" the scheme lacks
    skipped_roles: Counter = field(default_factory=Counter)  # argument roles the scheme lacks

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        for name in ("labels", "skipped_labels", "skipped_modes", "skipped_roles"):
            data[name] = dict(data[name])
        return data

    def left_out(self) -> str | None:
        """What the rules suggested and the project's scheme has no place for, counted (the
        command line and the window say it): None when nothing was left out."""
        parts = [f"{what} {', '.join(f'{name} ({count})' for name, count in sorted(counted.items()))}"
                 for what, counted in (("labels", self.skipped_labels), ("modes", self.skipped_modes),
                                       ("argument roles", self.skipped_roles)) if counted]
        return "not in the project's scheme, left out: " + "; ".join(parts) if parts else None


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
        return self.reserve(1)

    def reserve(self, n: int) -> int:
        """The first of `n` consecutive fresh ids."""
        if n > self._left:
            self._renew()
        first = self._next + 1
        self._next += n
        self._left -= n
        return first


class LayerBuilder:
    """Turns a processed Doc into the model Layer, keeping only what the scheme knows."""

    def __init__(self, scheme: Scheme) -> None:
        self.entity_labels = set(scheme.entity_names())
        self.modes = {label.name: set(label.mode_names()) for label in scheme.events}
        self.roles = set(scheme.role_names())
        self.new_id = IdBlock()

    def layer(self, doc: Any, report: PreannotateReport, read: ModelText | None = None) -> Layer:
        """`read`: how the text the model read maps back to the stored one (`model_text`)."""
        from .actors import GENERIC
        from .arguments import EVENTS_KEY, TRIGGERS_KEY

        new_id = self.new_id
        stored = read.span if read is not None else _same

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
            spans[sid] = Span(sid, *stored(ent.start_char, ent.end_char), label, "entity", ent.id_ or None, "model",
                              "suggested", {"generic": True} if ent.kb_id_ == GENERIC else {})
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
            spans[sid] = Span(sid, *stored(trigger.start_char, trigger.end_char), etype, "trigger", None, "model",
                              "suggested", {"lemma": lemma})
            args = self._roles_kept([[role, i] for role, i in args if ent_ids[i] is not None], report)
            arguments = [Argument(role, ent_ids[i]) for role, i in args]
            eid = new_id()
            layer.events[eid] = Event(eid, sid, etype, self._mode_kept(etype, mode, modes, report), None,
                                      bool(negated), "model", "suggested", arguments, {})
            report.labels[etype] += 1
            report.arguments += len(arguments)
        report.spans += len(spans)
        report.events += len(layer.events)
        return layer

    def add(self, doc: Any, doc_id: int, out: model_layer.ModelBatch, report: PreannotateReport,
            read: ModelText | None = None) -> None:
        """The same model layer as `layer()`, appended to `out` in its compact form (entities
        and the events component's records as they are; see `ModelBatch`). Per document this
        is two list comprehensions and a pass over the records; anything the scheme lacks
        takes the slower `_fit` path."""
        from .arguments import EVENTS_KEY, TRIGGERS_KEY

        ents = [(e.start_char, e.end_char, e.label_, e.id_, e.kb_id_) for e in doc.ents]
        records = doc.user_data.get(EVENTS_KEY, ())
        triggers = [(t.start_char, t.end_char, r) for t, r in zip(doc.spans.get(TRIGGERS_KEY, ()), records)]
        if read is not None:  # offsets in the text the model read -> in the stored text
            ents = [(*read.span(e[0], e[1]), *e[2:]) for e in ents]
            triggers = [(*read.span(t[0], t[1]), t[2]) for t in triggers]
        if len(triggers) != len(records):  # as zip() in layer(): a record without its span is dropped
            records = [t[2] for t in triggers]
        labels = [e[2] for e in ents]
        fits = self.entity_labels.issuperset(labels)
        all_modes, roles, n_arguments = self.modes, self.roles, 0
        for record in records:
            modes = all_modes.get(record[0])
            if modes is None or (record[1] is not None and record[1] not in modes) \
                    or any(argument[0] not in roles for argument in record[4]):
                fits = False
            n_arguments += len(record[4])
        if not fits:
            ents, triggers, labels, n_arguments = self._fit(ents, triggers, report)
        else:
            labels += [r[0] for r in records]
        base = self.new_id.reserve(len(ents) + 2 * len(triggers))
        n_spans, n_events = len(labels), len(triggers) - triggers.count(None)
        out.add(doc_id, base, ents, base + len(ents), triggers, n_spans, n_events)
        report.labels.update(labels)
        report.spans += n_spans
        report.events += n_events
        report.arguments += n_arguments
        report.documents += 1

    def _fit(self, ents: list, triggers: list, report: PreannotateReport) -> tuple[list, list, list[str], int]:
        """Entities and triggers with what the scheme lacks set to None (and counted as skipped),
        modes and argument roles it lacks dropped (and counted), arguments of skipped entities
        left out. Returns them with the labels kept and the number of arguments kept."""
        kept: list[str] = []
        fitted_ents: list = []
        for ent in ents:
            if ent[2] in self.entity_labels:
                fitted_ents.append(ent)
                kept.append(ent[2])
            else:
                report.skipped_labels[ent[2]] += 1
                fitted_ents.append(None)
        fitted_triggers: list = []
        n_arguments = 0
        for start, end, (etype, mode, lemma, negated, args) in triggers:
            modes = self.modes.get(etype)
            if modes is None:
                report.skipped_labels[etype] += 1
                fitted_triggers.append(None)
                continue
            args = self._roles_kept([[role, i] for role, i in args if fitted_ents[i] is not None], report)
            fitted_triggers.append((start, end, [etype, self._mode_kept(etype, mode, modes, report), lemma,
                                                 negated, args]))
            kept.append(etype)
            n_arguments += len(args)
        return fitted_ents, fitted_triggers, kept, n_arguments

    def _roles_kept(self, args: list, report: PreannotateReport) -> list:
        """The arguments in roles the scheme has: one it lacks the window cannot show, so the
        annotator could neither see nor clear it, and accepting the event accepted it."""
        kept = [argument for argument in args if argument[0] in self.roles]
        if len(kept) < len(args):
            report.skipped_roles.update(argument[0] for argument in args if argument[0] not in self.roles)
        return kept

    @staticmethod
    def _mode_kept(etype: str, mode: str | None, modes: set[str], report: PreannotateReport) -> str | None:
        if mode is None or mode in modes:
            return mode
        report.skipped_modes[f"{etype} {mode}"] += 1
        return None


def run(
    project: Project,
    *,
    model: str | None = None,
    doc_ids: Sequence[int] | None = None,
    only_todo: bool = False,
    only_new: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    nlp: Any = None,
    prefer: str = "auto",
) -> PreannotateReport:
    """Pre-annotate `doc_ids` (default: every document) of `project` into its model layer.

    `model`: an installed spaCy pipeline name or a folder (default: rules only). `prefer`: whose
    entities win where the model's and the gazetteer's overlap ("auto", "model", "gazetteer", see
    `pipeline.build_pipeline`). `nlp`: an already built pipeline (from `build_pipeline`) to
    reuse. Returns a report; with `cancel` set, the report says `cancelled=True` and covers the
    batches that were saved.

    Batches are saved by a writer thread with its own connection (`_Writer`), so the
    database's work and commits overlap `nlp.pipe`; `run()` returns only when every batch handed
    to it is committed (or, on an error, re-raises it after the writer has stopped)."""
    from .pipeline import build_pipeline, default_model_name, has_parser, pipeline_name

    started = time.perf_counter()
    batch_size = max(1, int(batch_size))
    ids = model_layer.select_documents(project, doc_ids, only_todo=only_todo, only_new=only_new)
    # A worker takes whole batches: more workers than batches only cost memory (--n-process 300
    # on one document started 300 processes and took 6 GB)
    n_process = max(1, min(int(n_process), -(-len(ids) // batch_size)))
    if not ids and nlp is None and model is None:
        # Nothing to do (e.g. `--only new` after a full run): the default pipeline needs no
        # checking, so it is not loaded (about 12 s). A named model still is, so a wrong path
        # fails the same way whether or not there is work.
        if progress:
            progress(0, 0)
        return PreannotateReport(model=default_model_name())
    nlp = nlp if nlp is not None else build_pipeline(model, prefer=prefer)
    setup = time.perf_counter() - started
    started += setup
    report = PreannotateReport(total=len(ids), model=pipeline_name(model, nlp), parser=has_parser(nlp),
                               setup_seconds=setup)
    if progress:
        progress(0, len(ids))
    if not ids:
        return report
    builder = LayerBuilder(project.scheme)
    model_layer.model_annotator_id(project)  # created here, before a writer connection needs it
    writer = project.model_writer()
    parallel = max(1, int(n_process)) > 1
    # With several processes, the batches the workers finish after a cancel are saved too (the
    # run waits for them anyway, see `_stop_feeding`).
    saver = (_Writer if writer.concurrent else _Saver)(writer, report, progress, None if parallel else cancel)
    long: list[int] = []  # documents too long to read with the others (MAX_PIECE): read after them
    texts = _as_models_read(model_layer.iter_texts(project, ids, page=max(batch_size, 200)), long)
    if parallel:
        texts = _stop_feeding(texts, lambda: (cancel is not None and cancel.is_set()) or saver.stopped)
        _workers_ignore_ctrl_c()
    children = set(multiprocessing.active_children())
    docs = nlp.pipe(texts, as_tuples=True, batch_size=batch_size, n_process=max(1, int(n_process)))
    stream = _then(_whole(docs), lambda: () if (cancel is not None and cancel.is_set()) or saver.stopped
                   else _read_in_pieces(nlp, model_layer.iter_texts(project, long, page=1)))
    batch, stats = model_layer.ModelBatch(), PreannotateReport()
    finished = False
    try:
        try:
            with _abort_ends_workers(parallel, children, cancel):
                for doc, (doc_id, read) in stream:
                    stats.words += len(doc)
                    builder.add(doc, doc_id, batch, stats, read)
                    if len(batch) >= batch_size:
                        saver.save(batch, stats)
                        batch, stats = model_layer.ModelBatch(), PreannotateReport()
                        if cancel is not None and cancel.is_set():
                            report.cancelled = True
                            if not parallel:
                                break
                        if saver.stopped and not parallel:
                            break
                else:
                    saver.save(batch, stats)
                    finished = True
                    report.cancelled = report.cancelled or (parallel and cancel is not None and cancel.is_set())
        finally:
            if parallel and not finished:
                _end_workers(children)  # an error in this loop: nothing they hold is wanted
            close = getattr(docs, "close", None)
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=WORKERS_ENDED)
                stream.close()
                if close is not None:
                    close()  # stops worker processes when the loop ended early
    except BaseException:
        # As without the thread: batches finished before the error (or a second Ctrl+C) are
        # saved. Interrupted again while waiting, the writer's transaction is rolled back.
        saver.drain()
        raise
    saver.finish()  # waits until every batch handed over is committed; re-raises its error
    report.seconds = time.perf_counter() - started
    return report


def _then(first: Iterable[Any], later: Callable[[], Iterable[Any]]) -> Iterator[Any]:
    """The items of `first`, then those of `later()` (called only when `first` is done)."""
    yield from first
    yield from later()


def _stop_feeding(texts: Iterable[tuple[str, Any]], stop: Callable[[], bool]) -> Iterable[tuple[str, Any]]:
    """The texts until `stop()` says so.

    With several processes, leaving spaCy's `nlp.pipe` loop early hangs: its workers, forked
    with every pipe's reading end open, block sending a finished batch nobody reads while the
    parent waits for them to exit (and Ctrl+C then stops nothing). So on cancel the texts stop
    flowing, the workers finish the batches they already hold (saved: the run waits for them
    anyway) and exit as at the end of a run."""
    for item in texts:
        if stop():
            return
        yield item


def _worker_signals_after_fork(_: object) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for ending in (signal.SIGTERM, signal.SIGHUP):  # the CLI's handlers (cli.ui) are the parent's
        signal.signal(ending, signal.SIG_DFL)
    _end_with_the_parent()


_PARENT_PID = os.getpid()  # set again before workers are started (`_workers_ignore_ctrl_c`)
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _end_with_the_parent() -> None:
    """A worker ends when the run that started it dies: killed with SIGKILL (the OOM killer, kill
    -9), the parent cannot end its workers, which stayed, idle, holding the command's output pipes
    open -- a script reading them waited for ever. On Linux the kernel sends SIGTERM then
    (prctl); elsewhere a thread looks every second."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0
    except (OSError, AttributeError):  # not Linux
        armed = False
    if os.getppid() != _PARENT_PID:  # it died before the signal was armed
        os._exit(1)
    if not armed:
        def watch() -> None:
            while os.getppid() == _PARENT_PID:
                time.sleep(1.0)
            os._exit(1)
        threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


class _AfterFork:
    """multiprocessing's after-fork registry keeps weak references: this object stays."""


_AFTER_FORK = _AfterFork()
_after_fork_registered = False


def _workers_ignore_ctrl_c() -> None:
    """A terminal's Ctrl+C reaches every process of the group: a forked worker would run the
    CLI's handler (printing "stopping…" again) or die with a traceback on the second press.
    Only the parent decides what Ctrl+C does. (Registered once per process: a command line run
    is one command, and the app pre-annotates in one process.)"""
    global _after_fork_registered, _PARENT_PID
    _PARENT_PID = os.getpid()
    if not _after_fork_registered:
        multiprocessing.util.register_after_fork(_AFTER_FORK, _worker_signals_after_fork)
        _after_fork_registered = True


WORKERS_ENDED = r"\[W127\]"  # spaCy's "not all workers exited with code 0": we ended them


@contextmanager
def _abort_ends_workers(parallel: bool, before: set[Any], cancel: threading.Event | None) -> Iterator[None]:
    """The Ctrl+C that aborts (the second one, or the first without a cancel event), `kill` or a
    closed terminal end the worker processes before the exception is raised: raised inside
    spaCy's loop, it runs spaCy's cleanup, which waits for workers that cannot finish (see
    `_stop_feeding`)."""
    if not parallel or threading.current_thread() is not threading.main_thread():
        yield  # signal handlers belong to the main thread; the app runs one process
        return
    # SIGTERM / SIGHUP (kill, a closed terminal) abort at once, as the CLI handles them (cli.ui).
    watched = [signal.SIGINT, *(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
                                if s is not None)]
    previous = {s: signal.getsignal(s) for s in watched}

    def on_signal(signum: int, frame: Any) -> None:
        handler = previous[signum]
        if handler == signal.SIG_IGN:
            return  # ignored before this run: still ignored
        if signum != signal.SIGINT or cancel is None or cancel.is_set():
            _end_workers(before)
        if callable(handler):
            handler(signum, frame)
        elif signum == signal.SIGINT:
            signal.default_int_handler(signum, frame)
        else:  # the default action (or a handler outside Python): ended as it would have been
            signal.signal(signum, signal.SIG_DFL)
            signal.raise_signal(signum)

    for s in watched:
        signal.signal(s, on_signal)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=WORKERS_ENDED)
            yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _end_workers(before: set[Any]) -> None:
    """Terminate the worker processes started since `before` (see `_stop_feeding`)."""
    workers = [process for process in multiprocessing.active_children() if process not in before]
    for process in workers:
        process.terminate()
    for process in workers:
        process.join(5)
    if workers:
        # The texts queued for them may fill a pipe nobody reads any more: without this, exiting
        # waits for ever on the queue's feeder thread (multiprocessing joins it at exit).
        import gc

        for thing in gc.get_objects():
            if isinstance(thing, multiprocessing.queues.Queue):
                thing.cancel_join_thread()


def _merge(report: PreannotateReport, stats: PreannotateReport) -> None:
    report.documents += stats.documents
    report.words += stats.words
    report.spans += stats.spans
    report.events += stats.events
    report.arguments += stats.arguments
    report.labels.update(stats.labels)
    report.skipped_labels.update(stats.skipped_labels)
    report.skipped_modes.update(stats.skipped_modes)
    report.skipped_roles.update(stats.skipped_roles)


class _Saver:
    """Saves each batch in the calling thread (the fallback when the store's writer has no
    connection of its own: a project in memory, or inside an open transaction)."""

    def __init__(self, writer: ModelWriter, report: PreannotateReport, progress: ProgressCallback | None,
                 cancel: threading.Event | None) -> None:
        self.writer, self.report, self.progress, self.cancel = writer, report, progress, cancel
        self.stopped = False

    def save(self, batch: model_layer.ModelBatch, stats: PreannotateReport) -> None:
        if not batch:
            return
        self.writer.save(batch)
        _merge(self.report, stats)
        if self.progress:
            self.progress(self.report.documents, self.report.total)

    def abort(self) -> None:
        pass

    def drain(self) -> None:
        pass

    def finish(self) -> None:
        self.writer.close()


class _Writer:
    """Saves batches in a thread, through the store's model writer (its own connection).

    Batches come over a bounded queue, so at most one batch waits while one is written and
    the next is processed. The database driver releases the GIL while it works, so the
    inserts and commits run on the second core while `nlp.pipe` continues. Each batch is one
    transaction (`ModelWriter.save`); progress is reported when it is saved.

    Cancel: after a batch is saved the writer checks `cancel`; once it is set, batches handed
    over later are dropped (the producer stops at its next batch too). So, as without the
    thread, the run stops after the current batch with every earlier batch saved. An error in
    the writer (or in `progress`) stops it: later batches are dropped and `finish()` re-raises
    the error in the caller's thread. If the caller fails (or gets KeyboardInterrupt), `drain()`
    still saves the batches already handed over, as the synchronous loop had; interrupted while
    waiting for that, `abort()` rolls back the batch being written and drops the rest."""

    def __init__(self, writer: ModelWriter, report: PreannotateReport, progress: ProgressCallback | None,
                 cancel: threading.Event | None) -> None:
        self.writer = writer
        self.report, self.progress, self.cancel = report, progress, cancel
        self.queue: queue.Queue = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.stopped = False  # cancel seen after a saved batch, or an error: drop what follows
        self.dropped = 0
        self._aborted = False
        self._thread = threading.Thread(target=self._main, name="preannotate-writer", daemon=True)
        self._thread.start()

    def save(self, batch: model_layer.ModelBatch, stats: PreannotateReport) -> None:
        if batch:
            self.queue.put((batch, stats))

    def _main(self) -> None:
        try:
            while True:
                item = self.queue.get()
                if item is None:
                    return
                batch, stats = item
                if self.stopped or self._aborted:
                    self.dropped += len(batch)
                    continue
                try:
                    self.writer.save(batch)
                    _merge(self.report, stats)
                    if self.progress:
                        self.progress(self.report.documents, self.report.total)
                except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
                    self.error, self.stopped = exc, True
                    continue
                if self.cancel is not None and self.cancel.is_set():
                    self.stopped = True
        finally:
            self.writer.close()

    def _join(self) -> None:
        if not self._thread.is_alive():
            return
        self.queue.put(None)  # the writer drains the queue, so this never waits long
        self._thread.join()

    def abort(self) -> None:
        self._aborted = True
        if self._thread.is_alive():
            self.writer.interrupt()  # the running statement fails; its transaction rolls back
        self._join()

    def drain(self) -> None:
        """Wait until the batches handed over are saved (or the writer failed); never raises
        the writer's error (the caller is already raising its own)."""
        try:
            self._join()
        except BaseException:  # a second Ctrl+C while waiting: roll back the batch in progress
            self.abort()
            raise

    def finish(self) -> None:
        self.drain()
        if self.dropped:
            self.report.cancelled = self.report.cancelled or self.error is None
        if self.error is not None:
            raise self.error


def preannotate_texts(texts: Iterable[str], nlp: Any, scheme: Scheme) -> list[Layer]:
    """Model layers for plain texts, without a project (for tests and notebooks)."""
    builder = LayerBuilder(scheme)
    report = PreannotateReport()
    texts = list(texts)
    long: list[int] = []
    layers: dict[int, Layer] = {}
    read = list(_as_models_read(((text, i) for i, text in enumerate(texts)), long))
    for doc, (i, how) in _whole(nlp.pipe(read, as_tuples=True)):
        layers[i] = builder.layer(doc, report, how)
    for doc, (i, how) in _read_in_pieces(nlp, ((texts[i], i) for i in long)):
        layers[i] = builder.layer(doc, report, how)
    return [layers[i] for i in range(len(texts))]


# A text longer than this is read apart, after the others, in pieces of at most this many
# characters, one at a time: cut at a paragraph (else a sentence, else a space) and joined again
# (`_whole`). spaCy refuses a text over `nlp.max_length` (a million characters): one such document
# stopped the whole run with a traceback. And its parser and NER need about 1 GB per 100,000
# characters of a batch, and some rules take time that grows faster than the text: a text of a
# million characters took 93 s and 3.3 GB; in pieces read one at a time, 32 s and 1.2 GB. A news
# article is a few thousand characters; what is said across a cut (a pronoun, "the group") is read
# without what came before it.
MAX_PIECE = 100_000


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _as_models_read(texts: Iterable[tuple[str, Any]], long: list[Any] | None = None
                    ) -> Iterator[tuple[str, tuple[Any, ModelText | None, int, bool]]]:
    """(text, key) -> (the text a model reads, (key, how it maps back, where the piece starts in
    it, whether it is the last piece)): composed, without invisible characters
    (`core.offsets.model_text`), so "Zu\u0308rich" and "Iran\u200b" get the suggestions "Zürich"
    and "Iran" get, on the stored characters. A text longer than `MAX_PIECE`: its key is put in
    `long` and the text left out, or without `long`, the text comes in pieces."""
    limit = MAX_PIECE
    for text, key in texts:
        read = model_text(text)
        reads = truecased(text if read is None else read.text)  # (one character for one)
        if not reads.isascii() and _LONE_SURROGATE.search(reads):
            # half of a character cut from its pair (a tweet cut short, JSON "\ud83d"): spaCy's
            # tokenizer raised UnicodeEncodeError and the whole batch failed (import refuses
            # such text; texts handed to `preannotate_texts` need not come through import)
            reads = _LONE_SURROGATE.sub("\ufffd", reads)
        if len(reads) <= limit:
            yield reads, (key, read, 0, True)
            continue
        if long is not None:
            long.append(key)
            continue
        cuts = _pieces(reads, limit)
        for k, (start, end) in enumerate(cuts):
            last = k == len(cuts) - 1  # (only the last piece carries the map, to `_whole`)
            yield reads[start:end], (key, read if last else None, start, last)


def _read_in_pieces(nlp: Any, texts: Iterable[tuple[str, Any]]
                    ) -> Iterator[tuple[Any, tuple[Any, ModelText | None]]]:
    """(doc, (key, how it maps back)) of each long (text, key), read in pieces, one piece a batch:
    spaCy's memory grows with the characters of a batch, not of a text."""
    return _whole(nlp.pipe(_as_models_read(texts), as_tuples=True, batch_size=1))


_PARAGRAPH_END = re.compile(r"\n\s*")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def _pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """[start, end) of consecutive pieces of `text`, each at most `limit` long: cut after the last
    paragraph break of the second half of the window, else after a sentence's end, else after a
    space; a run of `limit` characters without any, at the limit (not inside a character)."""
    pieces: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        low, high = start + limit // 2, start + limit
        cut = None
        for pattern in (_PARAGRAPH_END, _SENTENCE_END, _SPACE):
            last = None
            for last in pattern.finditer(text, low, high):
                pass
            if last is not None and last.end() < high:
                cut = last.end()
                break
        if cut is None:
            cut = high
            while cut > low and inside_character(text, cut):
                cut -= 1
        pieces.append((start, cut))
        start = cut
    pieces.append((start, n))
    return pieces


class _Joined:
    """The pieces of one long text, processed apart, as one Doc for `LayerBuilder`: entities,
    trigger spans and the events component's records, with offsets in the whole text and argument
    indices into all its entities. (A piece's Doc is not kept: only what the builder reads.)"""

    def __init__(self) -> None:
        from .arguments import EVENTS_KEY, TRIGGERS_KEY

        self.ents: list[_Part] = []
        self._triggers: list[_Part] = []
        self._records: list[list[Any]] = []
        self._len = 0
        self.spans = {TRIGGERS_KEY: self._triggers}
        self.user_data = {EVENTS_KEY: self._records}

    def add(self, offset: int, doc: Any) -> None:
        """The piece `doc` of the text, which starts at `offset` in it."""
        from .arguments import EVENTS_KEY, TRIGGERS_KEY

        base = len(self.ents)
        self.ents += [_Part(e.start_char + offset, e.end_char + offset, e.label_, e.id_, e.kb_id_) for e in doc.ents]
        for trigger, (etype, mode, lemma, negated, args) in zip(doc.spans.get(TRIGGERS_KEY, ()),
                                                                doc.user_data.get(EVENTS_KEY, ())):
            self._triggers.append(_Part(trigger.start_char + offset, trigger.end_char + offset))
            self._records.append([etype, mode, lemma, negated, [[role, base + i] for role, i in args]])
        self._len += len(doc)

    def __len__(self) -> int:
        return self._len


@dataclass(slots=True)
class _Part:
    start_char: int
    end_char: int
    label_: str = ""
    id_: str = ""
    kb_id_: str = ""


def _whole(docs: Iterable[tuple[Any, tuple[Any, ModelText | None, int, bool]]]
           ) -> Iterator[tuple[Any, tuple[Any, ModelText | None]]]:
    """(doc, (key, read, offset, last)) of the pieces `_as_models_read` made -> (doc, (key, read))
    of each text: a text read whole as it is, the pieces of a long one joined (`_Joined`)."""
    joined: _Joined | None = None
    for doc, (key, read, offset, last) in docs:
        if last and joined is None:
            yield doc, (key, read)
            continue
        if joined is None:
            joined = _Joined()
        joined.add(offset, doc)
        if last:
            yield joined, (key, read)
            joined = None


def _same(start: int, end: int) -> tuple[int, int]:
    return start, end
