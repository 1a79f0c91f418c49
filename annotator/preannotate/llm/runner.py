"""`run_llm(project, options, ...)`: suggestions from an OpenAI-compatible chat server into the
project's `model` layer.

Per document: the text is cut into chunks (`prompt.chunk_text`); each chunk is answered from the
project's reply cache (store/llm_cache.py) or sent to the server, up to `concurrency` requests at
a time; when every chunk of the document has a usable reply, the anchored suggestions replace
the document's model layer in one transaction (`Project.replace_layer`, with its audit row).
A document with an unusable reply keeps its model layer as it was and is named in the report.

The first request goes alone: if the server cannot be used (unreachable, 401/403, 404) the run
stops with `client.EndpointError` before anything is written. `cancel` is checked between
documents and between a request's tries: the run stops there with every finished document saved;
nothing more is sent, the requests in flight are waited for (within their timeout), and their
usable replies go into the cache (their documents are not written; the next run uses them).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...core.errors import AnnotatorError
from ...core.ids import new_id
from ...core.model import MODEL, Argument, Event, Layer, Span
from ...store import llm_cache, model_layer
from . import client as llm_client
from .prompt import PROMPT_VERSION, Chunk, Example, chunk_text, load_examples, messages, system_prompt
from .reply import Anchored, Anchorer, ReplyError, parse_reply

if TYPE_CHECKING:
    from ...store import Project

ProgressCallback = Callable[[int, int], None]  # (documents done, documents to do)
DEFAULT_MAX_CHARS = 4000
DEFAULT_TIMEOUT = 120.0
DEFAULT_CONCURRENCY = 2
STOP_AFTER_FAILURES = 3  # documents failed before any succeeded (or any request was answered): the run stops
NOT_SENT = "not sent: no request has been answered yet"


@dataclass
class LlmOptions:
    url: str  # the API base, e.g. http://localhost:11434/v1
    model: str
    concurrency: int = DEFAULT_CONCURRENCY
    timeout: float = DEFAULT_TIMEOUT  # seconds per request
    max_chars: int = DEFAULT_MAX_CHARS  # characters of text per request
    refresh: bool = False  # ask again even when the cache has the reply
    tries: int = llm_client.TRIES
    backoff: float | None = None  # seconds before the 2nd try (default client.BACKOFF_SECONDS)

    @property
    def suggester(self) -> str:
        return f"llm:{self.model}"


@dataclass
class LlmReport:
    model: str = ""
    prompt_version: str = PROMPT_VERSION
    total: int = 0  # documents selected
    documents: int = 0  # documents whose model layer was written
    chunks: int = 0  # chunks of the documents finished (written or failed)
    requests: int = 0  # HTTP requests sent, retries included
    retries: int = 0
    cache_hits: int = 0  # of those, chunks answered from the cache
    prompt_tokens: int = 0  # from the server's `usage`, requests of this run only
    completion_tokens: int = 0
    spans: int = 0
    events: int = 0
    arguments: int = 0
    examples: int = 0  # worked examples available to the prompt
    seconds: float = 0.0
    cancelled: bool = False
    stopped: str | None = None  # the server became unusable mid-run (documents before it are saved)
    failed: list[tuple[int, str, str]] = field(default_factory=list)  # (doc id, name, why)
    dropped: Counter = field(default_factory=Counter)  # reason -> items dropped
    labels: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["dropped"] = dict(self.dropped)
        data["labels"] = dict(self.labels)
        data["failed"] = [{"doc_id": d, "document": n, "reason": r} for d, n, r in self.failed]
        return data


@dataclass
class _Job:
    """One document on its way: its chunks, and for each chunk a reply or the future of one."""

    doc_id: int
    chunks: list[Chunk]
    replies: list[Any]  # ChatReply (from the cache or the server), or an exception, or None while waiting
    fresh: set[int] = field(default_factory=set)  # chunks answered by the server in this run
    cached: int = 0  # chunks answered from the cache
    futures: dict[int, Future] = field(default_factory=dict)


def run_llm(project: Project, options: LlmOptions, *, doc_ids: Sequence[int] | None = None,
            only_todo: bool = False, only_new: bool = False, progress: ProgressCallback | None = None,
            cancel: threading.Event | None = None) -> LlmReport:
    """Pre-annotate `doc_ids` (default: all) of `project` with the model of `options`.
    Raises client.EndpointError (nothing written) when the server cannot be used at all."""
    return _Run(project, options, cancel, progress).run(
        model_layer.select_documents(project, doc_ids, only_todo=only_todo, only_new=only_new))


class _Run:
    def __init__(self, project: Project, options: LlmOptions, cancel: threading.Event | None,
                 progress: ProgressCallback | None) -> None:
        from ..gazetteer import load_gazetteer

        self.project, self.options, self.cancel, self.progress = project, options, cancel, progress
        self.report = LlmReport(model=options.model)
        self.scheme_prompt = system_prompt(project.scheme)
        self.examples: list[Example] = load_examples(project)
        self.report.examples = len(self.examples)
        self.anchorer = Anchorer(project.scheme, load_gazetteer().code_for)
        self.attrs = {"suggester": options.suggester, "prompt": PROMPT_VERSION}
        self.done = 0
        self.probed = False  # a request has succeeded: the server is usable
        self.unanswered = 0  # documents whose requests, sent one at a time before any succeeded, failed

    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def run(self, ids: list[int]) -> LlmReport:
        started = time.perf_counter()
        report = self.report
        report.total = len(ids)
        if self.progress:
            self.progress(0, len(ids))
        options = self.options
        window = max(16, 4 * options.concurrency)
        client = llm_client.ChatClient(options.url, options.model, timeout=options.timeout, tries=options.tries,
                                       backoff=options.backoff)
        pool = ThreadPoolExecutor(max_workers=max(1, options.concurrency), thread_name_prefix="llm")
        jobs: list[_Job] = []
        try:
            for first in range(0, len(ids), window):
                if self.cancelled():
                    report.cancelled = True
                    break
                try:
                    jobs = [self._start(doc_id, text, client, pool)
                            for text, doc_id in model_layer.iter_texts(self.project, ids[first:first + window])]
                except llm_client.EndpointError as exc:
                    if self.done == 0:
                        raise  # nothing written yet: the caller says so and stops (exit 2)
                    report.stopped = str(exc)
                    break
                for job in jobs:
                    if not self._finish(job):
                        for later in jobs:
                            for future in later.futures.values():
                                future.cancel()
                        break
                if report.cancelled or report.stopped:
                    break
        finally:
            pool.shutdown(wait=True, cancel_futures=True)  # requests in flight end within their timeout
            if report.cancelled:
                self._cache_answered(jobs)
            report.requests, report.retries = client.requests, client.retries
            client.close()
            report.seconds = time.perf_counter() - started
        return report

    # ------------------------------------------------------------------ one document
    def _start(self, doc_id: int, text: str, client: llm_client.ChatClient, pool: ThreadPoolExecutor) -> _Job:
        chunks = chunk_text(text, self.options.max_chars)
        job = _Job(doc_id, chunks, [None] * len(chunks))
        unanswered = False
        for i, chunk in enumerate(chunks):
            if not self.options.refresh:
                cached = llm_cache.cached_reply(self.project, self.options.model, PROMPT_VERSION, chunk.text)
                if cached is not None:
                    job.replies[i] = cached
                    job.cached += 1
                    continue
            chat = messages(self.scheme_prompt, chunk.text, self.examples, doc_id)
            job.fresh.add(i)
            if self.cancelled():
                job.replies[i] = llm_client.RequestFailed(llm_client.CANCELLED)  # nothing is sent after Ctrl+C
            elif not self.probed and self.unanswered >= STOP_AFTER_FAILURES:
                # no request has been answered yet: the run stops (`_finish`) before this document
                job.replies[i] = llm_client.RequestFailed(NOT_SENT)
            elif not self.probed:
                # The first request goes alone: an unusable server stops the run here (EndpointError
                # propagates) before anything is written.
                try:
                    job.replies[i] = client.complete(chat, self.cancel)
                    self.probed = True
                except llm_client.RequestFailed as exc:
                    job.replies[i] = exc
                    unanswered = True
            else:
                job.futures[i] = pool.submit(client.complete, chat, self.cancel)
        self.unanswered += unanswered
        return job

    def _cache_answered(self, jobs: list[_Job]) -> None:
        """On cancel: the usable replies that did arrive go into the cache (not into the model
        layer: their documents are not complete), so the next run does not pay for them again."""
        for job in jobs:
            for i in job.fresh:
                future = job.futures.get(i)
                reply = job.replies[i]
                if future is not None and future.done() and not future.cancelled() and future.exception() is None:
                    reply = future.result()
                if reply is None or isinstance(reply, Exception):
                    continue
                try:
                    parse_reply(reply.content)
                except ReplyError:
                    continue
                llm_cache.store_replies(self.project, self.options.model, PROMPT_VERSION, [(job.chunks[i].text, reply)])

    def _finish(self, job: _Job) -> bool:
        """Wait for the job's replies and write its layer. False: stop the run (cancelled, or the
        server became unusable)."""
        pending = set(job.futures.values())
        while pending:
            if self.cancelled():
                self.report.cancelled = True
                return False
            _, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
        if self.cancelled():
            self.report.cancelled = True
            return False
        for i, future in job.futures.items():
            try:
                job.replies[i] = future.result()
            except llm_client.EndpointError as exc:
                self.report.stopped = str(exc)
                return False
            except llm_client.RequestFailed as exc:
                job.replies[i] = exc
        self._write(job)
        self.done += 1
        if self.progress:
            self.progress(self.done, self.report.total)
        if (self.report.documents == 0 or not self.probed) and len(self.report.failed) >= STOP_AFTER_FAILURES:
            # nothing has worked yet: the same failure for every document would take hours and
            # print a line per document (a server that answers 500 or a format it never reads).
            # Documents read from the cache do not count: the server may still never answer.
            self.report.stopped = (f"the first {len(self.report.failed)} documents got no usable answer "
                                   f"(the last: {self.report.failed[-1][2]}); nothing more is sent")
            return False
        return True

    def _write(self, job: _Job) -> None:
        report = self.report
        # Counted here, not when the job starts: a cancel leaves later jobs of the window unfinished,
        # and the report speaks of the documents it finished.
        report.chunks += len(job.chunks)
        report.cache_hits += job.cached
        anchored: list[tuple[Chunk, Anchored]] = []
        usable: list[tuple[str, llm_cache.CachedReply]] = []
        problem = None
        for i, (chunk, reply) in enumerate(zip(job.chunks, job.replies)):
            if isinstance(reply, Exception):
                problem = problem or str(reply)
                continue
            if i in job.fresh:
                report.prompt_tokens += reply.prompt_tokens
                report.completion_tokens += reply.completion_tokens
            try:
                data = parse_reply(reply.content)
            except ReplyError as exc:
                cut = (" (the answer was cut off: finish_reason 'length'; the model's context or output limit "
                       "is too small for the prompt, lower --llm-max-chars or give the server a larger context)"
                       if reply.finish_reason == "length" else "")
                problem = problem or str(exc) + cut
                continue
            if i in job.fresh:
                usable.append((chunk.text, reply))
            anchored.append((chunk, self.anchorer.anchor(data, chunk.text)))
        llm_cache.store_replies(self.project, self.options.model, PROMPT_VERSION, usable)
        if problem is None:
            layer = self._layer(anchored)
            try:
                self.project.replace_layer(job.doc_id, MODEL, layer, kind="PreannotateLLM")
            except AnnotatorError as exc:  # e.g. a string that cannot be stored
                problem = str(exc)
            else:
                report.documents += 1
                report.spans += len(layer.spans)
                report.events += len(layer.events)
                report.arguments += sum(len(e.arguments) for e in layer.events.values())
                report.labels.update(s.label for s in layer.spans.values())
                for _, a in anchored:
                    report.dropped.update(a.dropped)
        if problem is not None:
            report.failed.append((job.doc_id, self._name(job.doc_id), problem))

    def _layer(self, anchored: list[tuple[Chunk, Anchored]]) -> Layer:
        layer = Layer(MODEL)
        for chunk, found in anchored:
            base = chunk.start
            entity_ids: dict[tuple[int, int], int] = {}
            for (start, end), (label, code) in sorted(found.entities.items()):
                span = Span(new_id(), base + start, base + end, label, "entity", code, "model", "suggested",
                            dict(self.attrs))
                layer.add_span(span)
                entity_ids[(start, end)] = span.id
            for hit in found.events:
                trigger = Span(new_id(), base + hit.trigger[0], base + hit.trigger[1], hit.type, "trigger", None,
                               "model", "suggested", dict(self.attrs))
                layer.add_span(trigger)
                arguments = [Argument(role, entity_ids[where]) for role, where in hit.arguments]
                layer.add_event(Event(new_id(), trigger.id, hit.type, hit.mode, None, False, "model", "suggested",
                                      arguments, dict(self.attrs)))
        return layer

    def _name(self, doc_id: int) -> str:
        document = self.project.document(doc_id)
        label = document.ext_id or document.title
        return f"document {doc_id}" + (f" ({label})" if label else "")
