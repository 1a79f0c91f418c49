"""Load benchmark: N simulated annotators, each a separate process, editing one project at once.

    python benchmarks/bench_load.py                  # 20 annotators, 60 s: SQLite, then PostgreSQL
    python benchmarks/bench_load.py --annotators 5 --seconds 10 --no-pg
    python benchmarks/bench_load.py --pg postgresql://host/loadtest   # SQLite, then this server
    python benchmarks/bench_load.py --location /tmp/load.db --location postgresql://host/loadtest

PostgreSQL by default on a throwaway cluster (initdb in a temporary folder, fsync on) when
PostgreSQL is installed; `--pg URL` uses an empty database of yours instead.

Each location (a SQLite file path or a PostgreSQL URL; it must not hold a project yet) gets a
new project with `--docs` documents per annotator, assigned first (`team.assign`). Every
annotator process then opens the project, takes its editing session like the app, opens its
documents and applies real user edits through `Project.apply` for `--seconds`: add a span,
change a label, accept or reject, move a span, add an event with its trigger and arguments,
set or clear an argument, delete a span with what depends on it, mark the document, undo and
redo (rebuilt from the audit log, as the app does). It keeps its layers in memory as the
window does (the edit as stored, applied by the core). `--think` adds a pause between edits
(0: edit as fast as possible, the worst case). Each `apply` is timed.

Printed per engine: edits/s, p50/p95/p99 latency of the saved edits, lost edits (edits the
client was told were saved whose audit row is not in the store afterwards, or differs: must
be 0), errors by kind ("busy", "refused", ...), and the audit-replay check: each layer's audit
log replayed from empty by the core (`Project.replayed_layer`) equals the stored layer.
CPU per saved edit: the clients' in `Project.apply` and in their whole loop, and the server's
(a PostgreSQL server on this machine: its processes' CPU time from /proc) — with every core
busy, edits/s is the cores' time over their sum, so these say where to cut.
Goal (issue 17): p95 < 50 ms at 20 annotators against PostgreSQL on the 2-core machine;
SQLite for comparison.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.core.edits import Edit, edited  # noqa: E402
from annotator.core.errors import EditError  # noqa: E402
from annotator.core.model import AnnotatedDocument, Document  # noqa: E402
from annotator.store import Project  # noqa: E402
from benchmarks.server_cpu import postmaster_of, server_cpu_seconds  # noqa: E402
from benchmarks.throwaway_pg import throwaway_database  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from crash_worker import Editor  # noqa: E402  (the crash tests' random user edits)

GOAL_P95_MS = 50.0


# ---------------------------------------------------------------------------- one annotator


@dataclass
class WorkerResult:
    name: str
    latencies: list[float] = field(default_factory=list)  # seconds, one per saved edit
    saved: list[tuple[int, int, str, str]] = field(default_factory=list)  # audit id, doc, action, payload
    errors: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)  # kind -> the first message of that kind
    failed: str = ""  # why the worker stopped early (could not open, lost its connection ...)
    apply_cpu: float = 0.0  # CPU seconds this process spent inside `Project.apply`
    loop_cpu: float = 0.0  # CPU seconds of the whole editing loop (choosing and mirroring edits too)


def error_kind(exc: BaseException) -> str:
    """A short name for an error an edit met, to count them by kind."""
    if isinstance(exc, EditError):
        return "refused"  # stale or not fitting: with own documents only, this should not happen
    text = str(exc).lower()
    for word in ("busy", "deadlock", "serializ", "lock", "timeout", "connection"):
        if word in text:
            return {"serializ": "serialization"}.get(word, word)
    return type(exc).__name__


class Annotator(Editor):
    """Chooses the next edit the way a person at the window might — the crash tests' generator of
    random user edits (tests/crash_worker.py) — on in-memory layers kept as the window keeps them."""

    def __init__(self, project: Project, name: str, doc_ids: list[int], rng: random.Random) -> None:
        self.layers = {d: project.open_layer(d, name) for d in doc_ids}  # seeded before the undo stacks are read
        super().__init__(project, name, doc_ids, rng)

    def choose_next(self, doc: int) -> tuple[str, Edit] | None:
        return self.choose(doc, self.layers[doc])

    def saved(self, doc: int, action: str, edit: Edit) -> None:
        """Mirror a saved edit as the window does: the edit as stored, applied by the core."""
        self.layers[doc] = edited(self.layers[doc], edit)
        self.record(doc, action, edit)

    def reload(self, doc: int) -> None:
        self.layers[doc] = self.p.layer(doc, self.annotator)
        self.stacks[doc] = self.p.undo_state(doc, self.annotator)


def run_annotator(location: str, name: str, seconds: float, think: float, seed: int, ready: Any, go: Any,
                  results: Any) -> None:
    """One annotator process: open, take the session, open its documents, say it is ready;
    when every annotator is, edit until the time is up; report."""
    from annotator.store import sessions, team

    result = WorkerResult(name)
    try:
        project = Project.open(location)
    except Exception as exc:  # noqa: BLE001 - reported, not raised in a child process
        result.failed = f"could not open: {exc}"
        ready.put(name)
        results.put(result)
        return
    lock, is_ready = None, False
    try:
        lock = sessions.acquire(project, name)
        lock.start_heartbeat()
        rng = random.Random(seed)
        person = Annotator(project, name, sorted(team.assignments(project, name)), rng)
        ready.put(name)
        is_ready = True
        go.wait(timeout=600)  # every annotator starts at the same moment
        end = time.monotonic() + seconds
        loop_started = time.process_time()
        failures_in_a_row = 0
        while time.monotonic() < end and failures_in_a_row < 100:
            doc = rng.choice(person.docs)
            chosen = person.choose_next(doc)
            if chosen is None:
                continue
            action, edit = chosen
            started, cpu_started = time.perf_counter(), time.process_time()
            try:
                applied = project.apply(doc, name, edit, action=action)
            except Exception as exc:  # noqa: BLE001 - every failure is counted by kind
                result.apply_cpu += time.process_time() - cpu_started
                result.errors[error_kind(exc)] += 1
                result.examples.setdefault(error_kind(exc), f"{type(exc).__name__}: {exc}"[:300])
                failures_in_a_row += 1
                try:
                    person.reload(doc)
                except Exception as again:  # noqa: BLE001
                    result.errors[f"reload: {error_kind(again)}"] += 1
                continue
            result.latencies.append(time.perf_counter() - started)
            result.apply_cpu += time.process_time() - cpu_started
            failures_in_a_row = 0
            result.saved.append((applied.audit_id, doc, action, json.dumps(applied.edit.to_payload())))
            try:
                person.saved(doc, action, applied.edit)
            except EditError:  # the in-memory layer disagrees with the store: the store wins
                result.errors["mirror"] += 1
                person.reload(doc)
            if think:
                time.sleep(rng.expovariate(1 / think))
        result.loop_cpu = time.process_time() - loop_started
        if failures_in_a_row >= 100:
            result.failed = f"stopped after {failures_in_a_row} failed edits in a row"
    except Exception as exc:  # noqa: BLE001
        result.failed = f"{type(exc).__name__}: {exc}"
        if not is_ready:  # the parent waits for every annotator before it says go
            ready.put(name)
    finally:
        if lock is not None:
            try:
                lock.release()
            except Exception:  # noqa: BLE001 - the result matters more than a clean release
                pass
        project.close()
        results.put(result)


# ---------------------------------------------------------------------------- one engine


def document_texts(n: int, seed: int = 11) -> list[AnnotatedDocument]:
    """News-like documents of 8-15 sentences (~1.5k characters), as annotators code them."""
    from benchmarks.make_corpus import generate

    return [AnnotatedDocument(Document(r["text"], ext_id=r["id"], title=r["title"]))
            for r in generate(n, seed=seed, sentences=(8, 15))]


def prepare(location: str, annotators: list[str], docs_per_annotator: int) -> None:
    from annotator.store import team

    with Project.create(location) as project:
        project.import_documents(document_texts(len(annotators) * docs_per_annotator))
        team.assign(project, annotators, per_doc=1, seed=1)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


@dataclass
class Verdict:
    lost: int = 0  # reported saved, audit row missing or different
    unreported: int = 0  # user edits in the store that no client was told about
    layers: int = 0
    replay_mismatches: int = 0
    not_replayable: int = 0
    problems: list[str] = field(default_factory=list)


def verify(location: str, results: list[WorkerResult]) -> Verdict:
    """Every edit a client was told was saved is in the audit log as saved; each layer's log
    replays to the stored layer; the store's own check is clean."""
    verdict = Verdict()
    with Project.open(location) as project:
        stored: dict[int, tuple[int, str, str, str]] = {}
        for aid, doc, name, action, payload in project.conn.execute(
            "SELECT a.id, a.doc_id, n.name, a.action, a.payload FROM audit a "
            "JOIN annotators n ON n.id = a.annotator_id WHERE a.action <> 'system'"
        ):
            stored[aid] = (doc, name, action, payload)
        reported = set()
        for result in results:
            for aid, doc, action, payload in result.saved:
                reported.add(aid)
                row = stored.get(aid)
                same = row is not None and row[:3] == (doc, result.name, action)
                if not same or json.loads(row[3]) != json.loads(payload):
                    verdict.lost += 1
        verdict.unreported = len(stored.keys() - reported)
        for result in results:
            for doc in sorted({doc for _, doc, _, _ in result.saved}):
                verdict.layers += 1
                try:
                    replayed = project.replayed_layer(doc, result.name)
                except EditError as exc:
                    verdict.replay_mismatches += 1
                    verdict.problems.append(f"{result.name} document {doc}: the log does not replay ({exc})")
                    continue
                if replayed is None:
                    verdict.not_replayable += 1
                elif replayed != project.layer(doc, result.name):
                    verdict.replay_mismatches += 1
                    verdict.problems.append(f"{result.name} document {doc}: replay != stored layer")
        verdict.problems += project.check()
    return verdict


def cpu_figures(engine: str, results: list[WorkerResult], server_cpu: float | None) -> list[tuple[str, float]]:
    """CPU milliseconds per saved edit: in `Project.apply` (the app's share of the client), in the
    whole loop of the annotator processes (choosing and mirroring edits too), and in the server's
    processes (PostgreSQL on this machine only). With every core busy, edits/s is bounded by the
    cores over the sum of loop and server CPU per edit."""
    edits = sum(len(r.latencies) for r in results)
    if not edits:
        return []
    ms = 1000.0 / edits
    figures = [(f"load_{engine}_client_apply_cpu_ms_per_edit", sum(r.apply_cpu for r in results) * ms),
               (f"load_{engine}_client_cpu_ms_per_edit", sum(r.loop_cpu for r in results) * ms)]
    if server_cpu is not None:
        figures.append((f"load_{engine}_server_cpu_ms_per_edit", server_cpu * ms))
    return figures


def run_location(location: str, engine: str, args: argparse.Namespace) -> list[tuple[str, float]]:
    names = [f"ann{i + 1:02d}" for i in range(args.annotators)]
    prepare(location, names, args.docs)
    context = multiprocessing.get_context("spawn")  # a fresh interpreter each, like separate windows
    queue, ready, go = context.Queue(), context.Queue(), context.Event()
    processes = [context.Process(target=run_annotator,
                                 args=(location, name, args.seconds, args.think, args.seed + i, ready, go,
                                       queue))
                 for i, name in enumerate(names)]
    for process in processes:
        process.start()
    for _ in processes:
        ready.get(timeout=120 + 5 * len(names))
    postmaster = postmaster_of(location) if engine == "postgresql" else None
    server_before = server_cpu_seconds(postmaster) if postmaster else 0.0
    go.set()
    results = [queue.get(timeout=args.seconds + 120 + 2 * len(names)) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    server_cpu = server_cpu_seconds(postmaster) - server_before if postmaster else None
    latencies = [x for r in results for x in r.latencies]
    errors: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for r in results:
        errors.update(r.errors)
        for kind, message in r.examples.items():
            examples.setdefault(kind, message)
    failed = [f"{r.name}: {r.failed}" for r in results if r.failed]
    verdict = verify(location, results)
    ms = 1000.0
    figures = [
        (f"load_{engine}_annotators", float(len(names))),
        (f"load_{engine}_edits_per_s", len(latencies) / args.seconds),
        (f"load_{engine}_p50_ms", percentile(latencies, 50) * ms),
        (f"load_{engine}_p95_ms", percentile(latencies, 95) * ms),
        (f"load_{engine}_p99_ms", percentile(latencies, 99) * ms),
        (f"load_{engine}_max_ms", (max(latencies) if latencies else float("nan")) * ms),
        (f"load_{engine}_lost_edits", float(verdict.lost)),
        (f"load_{engine}_unreported_edits", float(verdict.unreported)),
        (f"load_{engine}_errors", float(sum(errors.values()))),
        *[(f"load_{engine}_errors_{kind.replace(' ', '_').replace(':', '')}", float(n))
          for kind, n in sorted(errors.items())],
        (f"load_{engine}_layers_replayed", float(verdict.layers - verdict.not_replayable)),
        (f"load_{engine}_replay_mismatches", float(verdict.replay_mismatches)),
        *cpu_figures(engine, results, server_cpu),
    ]
    for name, value in figures:
        print(f"{name}: {value:.1f}" if not value.is_integer() else f"{name}: {int(value)}", flush=True)
    for line in failed + verdict.problems[:10]:
        print(f"# problem: {line}", flush=True)
    for kind, message in sorted(examples.items()):
        print(f"# {kind}, e.g. {message}", flush=True)
    if latencies:
        stdev = statistics.pstdev(latencies) * ms
        print(f"# {engine}: {len(latencies)} edits in {args.seconds:g} s by {len(names)} annotators "
              f"(think {args.think:g} s), p95 {percentile(latencies, 95) * ms:.1f} ms "
              f"(goal < {GOAL_P95_MS:g} ms), sd {stdev:.1f} ms", flush=True)
    return figures + [(f"load_{engine}_failed_workers", float(len(failed)))]


# ---------------------------------------------------------------------------- entry point


def engine_of(location: str) -> str:
    from annotator.store import is_server_url

    return "postgresql" if is_server_url(location) else "sqlite"


def main(argv: list[str] | None = None) -> list[tuple[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annotators", type=int, default=20, help="annotator processes (default 20)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long they edit (default 60)")
    parser.add_argument("--docs", type=int, default=5, help="documents per annotator (default 5)")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean pause between one annotator's edits, seconds (default 0: no pause)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--location", action="append", default=[],
                        help="where to create the project: a SQLite file path or a PostgreSQL URL "
                             "(repeatable; default: a temporary SQLite file)")
    parser.add_argument("--pg", metavar="URL",
                        help="also run against this (empty) PostgreSQL database; default: a throwaway "
                             "cluster when PostgreSQL is installed, unless --location or --no-pg is given")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--async-commit", action="store_true",
                        help="the throwaway cluster's database with synchronous_commit=off: a commit does not "
                             "wait for the disk (an OS crash may lose the last moments, as with SQLite's "
                             "synchronous=NORMAL; a killed client loses nothing either way)")
    args = parser.parse_args(argv)
    results: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        locations = list(args.location) or [str(Path(tmp) / "load.db")]
        if args.pg:
            locations.append(args.pg)
        elif not args.location and not args.no_pg:
            url = stack.enter_context(throwaway_database(async_commit=args.async_commit))
            if url is not None:
                locations.append(url)
        for location in locations:
            print(f"# {engine_of(location)}: {args.annotators} annotators for {args.seconds:g} s "
                  f"on {os.cpu_count()} cores", flush=True)
            results += run_location(location, engine_of(location), args)
    return results


if __name__ == "__main__":
    main()
