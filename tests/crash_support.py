"""Shared by the crash-safety and concurrency tests: run `crash_worker.py`, read what it
reported as saved, and verify a project file against it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from annotator.core.edits import Edit
from annotator.core.errors import EditError
from annotator.core.model import AnnotatedDocument, Document, Layer
from annotator.store import Project

WORKER = Path(__file__).resolve().parent / "crash_worker.py"
SEED_TEXT = next((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Reported:
    audit_id: int
    doc_id: int
    action: str
    payload: dict


def make_project(path: Path | str, n_docs: int = 3) -> None:
    """A project with `n_docs` documents cut from the seed article (ids 1..n_docs)."""
    size = max(200, len(SEED_TEXT) // n_docs)
    docs = [AnnotatedDocument(Document(SEED_TEXT[i * size:(i + 1) * size] + f" [{i}]", ext_id=f"d{i + 1}"))
            for i in range(n_docs)]
    with Project.create(path) as p:
        p.import_documents(docs)


def start_worker(project: Path, out: Path, *args: str) -> subprocess.Popen:
    # Output goes to a file, not a pipe: a pipe that is not drained would block the worker,
    # and a file keeps every line the worker flushed before it was killed.
    handle = out.open("wb")
    try:
        return subprocess.Popen([sys.executable, str(WORKER), str(project), *args], stdout=handle,
                                stderr=subprocess.STDOUT)
    finally:
        handle.close()


def wait_ready(proc: subprocess.Popen, out: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if out.exists() and out.read_bytes().startswith(b"ready\n"):
            return
        if proc.poll() is not None:
            raise AssertionError(f"worker exited early: {out.read_text(errors='replace')}")
        time.sleep(0.005)
    raise AssertionError("worker did not start")


def wait_saved(proc: subprocess.Popen, out: Path, timeout: float = 30.0) -> None:
    """Until the worker reported its first saved edit."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and b"\nsaved " not in out.read_bytes():
        if proc.poll() is not None:
            raise AssertionError(f"worker exited early: {out.read_text(errors='replace')}")
        time.sleep(0.005)


def reported(out: Path) -> tuple[list[Reported], list[str]]:
    """Edits reported as saved (complete lines only: a line cut by the kill was not reported),
    and any other complete lines that are not part of the protocol."""
    data = out.read_bytes()
    complete = data[: data.rfind(b"\n") + 1].decode("utf-8").splitlines()
    saved, other = [], []
    for line in complete:
        if line.startswith("saved "):
            _, audit_id, doc_id, body = line.split(" ", 3)
            record = json.loads(body)
            saved.append(Reported(int(audit_id), int(doc_id), record["action"], record["edit"]))
        elif line not in ("ready", "done") and not line.startswith(("refused ", "imported ")):
            other.append(line)
    return saved, other


def replay(payloads: list[dict], annotator: str, start: Layer | None = None) -> Layer:
    """The layer the store must hold after these edits, computed by the core alone
    (from `start`, a copy of which is used, or an empty layer).

    Mirrors the one rule the store adds to the core edits: the first edit that changes a
    `todo` layer's content moves it to `in_progress` (store/project.py `_write_difference`).
    An edit that does not apply means the audit log and the stored layer disagree."""
    layer = start.copy() if start is not None else Layer(annotator)
    for payload in payloads:
        before = layer.copy()
        try:
            Edit.from_payload(payload).apply(layer)
        except EditError as exc:
            raise AssertionError(f"audit row does not replay: {exc}") from None
        content_changed = before.spans != layer.spans or before.events != layer.events
        if layer.state == before.state and content_changed and layer.state == "todo":
            layer.state = "in_progress"
    return layer


def audit_rows(conn, annotator: str, since: int = 0) -> dict[int, list[tuple[int, str, dict]]]:
    """doc id -> [(audit id, action, payload)] of one annotator after audit id `since`, oldest first."""
    rows: dict[int, list[tuple[int, str, dict]]] = {}
    for aid, doc_id, action, payload in conn.execute(
        "SELECT a.id, a.doc_id, a.action, a.payload FROM audit a JOIN annotators n ON n.id = a.annotator_id "
        "WHERE n.name = ? AND a.id > ? ORDER BY a.id", (annotator, since)
    ):
        rows.setdefault(doc_id, []).append((aid, action, json.loads(payload)))
    return rows


def same_layer(stored: Layer, expected: Layer) -> str | None:
    """None when equal, else what differs (for the assertion message)."""
    if stored.state != expected.state:
        return f"state {stored.state!r} != {expected.state!r}"
    if stored.spans != expected.spans:
        missing = expected.spans.keys() - stored.spans.keys()
        extra = stored.spans.keys() - expected.spans.keys()
        return f"spans differ: missing {sorted(missing)}, extra {sorted(extra)}"
    if stored.events != expected.events:
        return f"events differ: stored {stored.events} expected {expected.events}"
    return None


def verify(path: Path | str, annotator: str, saved: list[Reported], *, baseline: set[int] | None = None,
           max_unreported: int = 1, exclusive: bool = True,
           cache: dict[int, tuple[int, Layer]] | None = None) -> set[int]:
    """Check the file after a crash (or after concurrent use). Returns the audit ids now present.

    - `Project.check()` finds nothing (on SQLite it runs integrity_check and foreign_key_check);
    `path` is a SQLite file or a PostgreSQL URL;
    - every edit reported as saved has its audit row with the same payload;
    - the audit rows replayed by the core reproduce the stored layer exactly (so no span,
      event or argument exists without the audit row that made it, none is missing, and
      every event has all its arguments);
    - when `exclusive` (one writer for this annotator since `baseline`, the audit ids verified
      before): the new audit rows are the reported edits, in order, plus at most
      `max_unreported` committed edit(s) not reported yet (the kill can land between commit
      and print); replaying baseline + reported edits alone gives the stored layer when
      nothing is unreported.
    `cache` (doc -> (last audit id replayed, layer)) carries replayed layers from one call to the
    next, so checking many rounds does not replay the whole log each time (rows are append-only;
    the ids of the rows already replayed are checked to be still there).
    """
    # With a cache, rows up to the newest already verified are not read again (append-only log;
    # their number is checked), so many rounds on a growing file stay fast.
    baseline = baseline or set()
    since = max(baseline) if baseline and cache else 0
    cache = cache if cache is not None else {}
    with Project.open(path) as p:
        # check() runs the engine's own checks too (SQLite: integrity_check, foreign_key_check).
        assert p.check() == []
        rows = audit_rows(p.conn, annotator, since)
        if since:
            (old_rows,) = p.conn.execute(
                "SELECT count(*) FROM audit a JOIN annotators n ON n.id = a.annotator_id "
                "WHERE n.name = ? AND a.id <= ?", (annotator, since)).fetchone()
            assert old_rows == len(baseline), "audit rows verified earlier disappeared"
        by_id = {aid: (doc, action, payload) for doc, items in rows.items() for aid, action, payload in items}
        for r in saved:
            assert r.audit_id in by_id, f"edit reported saved (audit {r.audit_id}) is missing"
            assert by_id[r.audit_id] == (r.doc_id, r.action, r.payload), f"audit {r.audit_id} differs"
        new_ids = set(by_id) - baseline
        if exclusive:
            new = sorted(new_ids)
            mine = [r.audit_id for r in saved]
            assert new[: len(mine)] == mine, "reported edits are not the audit log's newest rows, in order"
            assert len(new) - len(mine) <= max_unreported, f"{len(new) - len(mine)} edits saved but not reported"
        for doc in set(rows) | {r.doc_id for r in saved} | set(cache):
            items = rows.get(doc, [])
            assert all(action in ("do", "undo", "redo") for _, action, _ in items)
            last, start = cache.get(doc, (0, None))
            assert last <= max(since, last), "cache ahead of the log"
            stored = p.layer(doc, annotator)
            replayed = replay([payload for aid, _, payload in items if aid > last], annotator, start)
            problem = same_layer(stored, replayed)
            assert problem is None, f"document {doc}: audit replay != stored layer: {problem}"
            if exclusive and new_ids == {r.audit_id for r in saved} and (start is None or last in baseline):
                base = replay([payload for aid, _, payload in items if last < aid and aid in baseline],
                              annotator, start)
                from_reports = replay([r.payload for r in saved if r.doc_id == doc], annotator, base)
                assert same_layer(stored, from_reports) is None, f"document {doc}: reported edits != stored"
            cache[doc] = (items[-1][0] if items else last, replayed)
        return baseline | set(by_id)


def content_digest(path: Path) -> dict[str, tuple[int, str]]:
    """table -> (row count, sha256 of all rows in a fixed order): equal digests mean the
    project's content is unchanged (whatever the file's bytes, which SQLite may reorganise)."""
    import hashlib

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        digest = {}
        for table in tables:
            rows = sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{table}"'))
            digest[table] = (len(rows), hashlib.sha256("\n".join(rows).encode("utf-8", "surrogatepass")).hexdigest())
        return digest
    finally:
        conn.close()


def kill_rounds(where: Path | str, tmp_path: Path, rounds: int, seed: int, max_delay: float,
                min_delay: float = 0.0) -> tuple[int, int]:
    """`rounds` workers, one after the other, each SIGKILLed at a random moment while editing the
    project at `where` (a file or a server URL), each round checked with `verify`. Returns the
    edits reported saved and the audit rows in the end."""
    import os
    import random
    import signal

    rng = random.Random(seed)
    baseline: set[int] = set()
    cache: dict = {}
    total_saved = 0
    for round_no in range(rounds):
        out = tmp_path / f"round{round_no}.out"
        proc = start_worker(where, out, "--seed", str(rng.randrange(2**32)))
        try:
            wait_ready(proc, out)
            # The first edit saved, then a random moment: the kill lands while edits stream, however
            # slow a loaded machine makes the start.
            wait_saved(proc, out)
            time.sleep(rng.uniform(min_delay, max_delay))
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.kill()
            proc.wait()
        assert proc.returncode == -signal.SIGKILL, out.read_text(errors="replace")
        saved, other = reported(out)
        assert other == [], f"worker printed unexpected output: {other[:5]}"
        baseline = verify(where, "ann1", saved, baseline=baseline, cache=cache)
        total_saved += len(saved)
    return total_saved, len(baseline)
