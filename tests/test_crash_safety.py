"""Guarantee 1 (docs/reliability.md): a process killed with SIGKILL at any moment loses no
edit it reported as saved, leaves no edit half-applied and never damages the file.

`crash_worker.py` applies a stream of edits through `Project.apply` and prints each audit id
once `apply` returned; the test kills it at random moments, then checks the file (see
`crash_support.verify`). Rounds run on the same file one after the other, so every round
also starts from the state a crash left (reopen, WAL recovery, undo stacks rebuilt).
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from annotator.formats.io import dumps_line
from annotator.store import Project
from crash_support import kill_rounds, make_project, reported, start_worker, verify, wait_ready

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

ROUNDS = 50
SOAK_ROUNDS = 300


def _kill_rounds(tmp_path: Path, rounds: int, seed: int, max_delay: float) -> tuple[int, int]:
    path = tmp_path / "work.db"
    make_project(path)
    return kill_rounds(path, tmp_path, rounds, seed, max_delay)


def test_sigkill_at_random_moments_loses_nothing(tmp_path):
    saved, audit = _kill_rounds(tmp_path, ROUNDS, seed=1, max_delay=0.3)
    # The kills must have landed while edits were streaming, not only at start-up.
    assert saved >= ROUNDS * 3, f"only {saved} edits were saved in {ROUNDS} rounds"
    assert audit >= saved


@pytest.mark.slow
def test_sigkill_soak(tmp_path):
    saved, _ = _kill_rounds(tmp_path, SOAK_ROUNDS, seed=int(time.time()), max_delay=0.6)
    assert saved >= SOAK_ROUNDS


def test_sigkill_during_import_leaves_whole_files_or_nothing(tmp_path):
    """An import is one transaction per file: after a kill, each file is in whole or not at all."""
    folder = tmp_path / "in"
    folder.mkdir()
    per_file = 300
    for f in range(6):
        with (folder / f"part{f}.jsonl").open("w", encoding="utf-8") as out:
            for i in range(per_file):
                out.write(dumps_line({"id": f"f{f}-{i}", "text": f"Document {f}/{i}: Israel attacked Iran.",
                                      "annotations": [{"annotator": "ann9", "state": "done", "spans": [
                                          {"id": 1, "start": 0, "end": 8, "label": "ORG"}]}]}))
    rng = random.Random(7)
    for round_no in range(8):
        path = tmp_path / f"import{round_no}.db"
        make_project(path, n_docs=1)
        out = tmp_path / f"import{round_no}.out"
        proc = start_worker(path, out, "--import-folder", str(folder))
        try:
            wait_ready(proc, out)
            time.sleep(rng.uniform(0, 0.6))
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.kill()
            proc.wait()
        lines = out.read_text().splitlines()
        finished = sum(1 for line in lines if line.startswith("imported "))
        with Project.open(path) as p:
            assert p.check() == []
            imported = p.count_documents() - 1
            assert imported % per_file == 0, f"{imported} documents: a file was half-imported"
            assert imported // per_file in (finished, finished + 1)
            spans = p.conn.execute("SELECT count(*) FROM spans").fetchone()[0]
            assert spans == imported  # every document came with its layer
        # The import of the cut file can simply be run again.
        if imported // per_file < 6:
            with Project.open(path) as p:
                from annotator.formats import ReadOptions, native

                for part in sorted(folder.glob("*.jsonl")):
                    p.import_documents(native.read(part, ReadOptions()))
                assert p.count_documents() == 1 + 6 * per_file
                assert p.check() == []


def test_worker_protocol_is_checked(tmp_path):
    """The verifier is not vacuous: a reported edit missing from the file is caught."""
    path = tmp_path / "work.db"
    make_project(path)
    out = tmp_path / "w.out"
    proc = start_worker(path, out, "--seed", "3", "--count", "40")
    assert proc.wait(timeout=60) == 0
    saved, _ = reported(out)
    assert len(saved) > 20
    verify(path, "ann1", saved)
    # Remove the newest audit row behind the store's back: the verifier must notice.
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM audit WHERE id = ?", (saved[-1].audit_id,))
    conn.commit()
    conn.close()
    with pytest.raises(AssertionError):
        verify(path, "ann1", saved)
    # And a span written without its audit row (a half-applied edit) is caught too.
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM audit WHERE id > 0 AND id NOT IN (SELECT max(id) FROM audit)")
    conn.commit()
    conn.close()
    with pytest.raises(AssertionError):
        verify(path, "ann1", [], exclusive=False)


def _export_caught_writing(tmp_path: Path):
    """A project of 3,000 long documents and `annotator export` of it, caught while it writes
    its hidden temporary: (project path, output path, the running process)."""
    import subprocess

    from annotator.core.model import AnnotatedDocument, Document

    path = tmp_path / "big.db"
    with Project.create(path) as p:
        p.import_documents(AnnotatedDocument(Document("Talks in Cairo resumed on Monday. " * 400, ext_id=f"d{i}"))
                           for i in range(3000))
    out = tmp_path / "out" / "all.jsonl"
    out.parent.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "annotator.cli.main", "export", str(path), str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any(out.parent.iterdir()) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    assert process.poll() is None, "the export ended before it could be interrupted"
    return path, out, process


@pytest.mark.parametrize("ending", ["SIGTERM", "SIGHUP"])
def test_kill_or_a_closed_terminal_leaves_no_half_written_export(tmp_path, ending):
    """`kill` (or closing the terminal) during an export left a hidden *.part file the size of the
    output beside it, never cleaned up; now the command stops as for Ctrl+C: the part is
    removed, nothing else is written, one line says so, exit 128 + the signal."""
    path, out, process = _export_caught_writing(tmp_path)
    process.send_signal(getattr(signal, ending))
    _, err = process.communicate(timeout=60)
    signum = getattr(signal, ending)
    assert process.returncode == 128 + signum, err
    assert f"stopped by {ending}" in err and "Traceback" not in err
    assert list(out.parent.iterdir()) == []  # neither the output nor its temporary part


@pytest.mark.skipif(sys.platform == "win32", reason="no flock: a killed writer's temporaries are left there")
def test_the_next_export_sweeps_what_a_killed_export_left(tmp_path):
    """`kill -9` leaves the hidden `.NAME.xxxxxxxx.part` of a half-written export (as large as
    the output); they piled up. The next write to the same name removes those no live writer
    holds, once a minute old, and leaves a live writer's, other names' and the user's files."""
    import subprocess

    from annotator.formats.io import temporary_beside

    path, out, process = _export_caught_writing(tmp_path)
    process.kill()
    process.communicate(timeout=60)
    (abandoned,) = out.parent.iterdir()
    assert abandoned.name.startswith(".all.jsonl.") and abandoned.name.endswith(".part")
    kept = [out.parent / ".other.jsonl.abcd1234.part", out.parent / ".all.jsonl.notes.part"]
    for file in kept:
        file.write_text("someone else's")
    an_hour_ago = time.time() - 3600
    with temporary_beside(out, folder=False) as live:  # another export of the same name, running
        young = out.parent / ".all.jsonl.young123.part"
        young.write_text("made a moment ago, maybe not yet locked")
        for file in [abandoned, live, *kept]:
            os.utime(file, (an_hour_ago, an_hour_ago))
        result = subprocess.run([sys.executable, "-m", "annotator.cli.main", "export", str(path), str(out),
                                 "--docs", "1"], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert not abandoned.exists()
        assert live.exists() and young.exists() and all(file.exists() for file in kept)
        assert out.read_text(encoding="utf-8").count("\n") == 1


@pytest.mark.skipif(sys.platform == "win32", reason="no flock: a killed writer's temporaries are left there")
def test_a_folder_export_sweeps_the_folders_a_killed_one_left(tmp_path):
    """The same for one-folder formats: a killed brat export leaves `.NAME.xxxxxxxx.part/` (and,
    killed while swapping an old export out, `.NAME.xxxxxxxx.old/`)."""
    from typer.testing import CliRunner

    from annotator.cli.main import app
    from annotator.core.model import MODEL, AnnotatedDocument, Document, Layer, Span

    path = tmp_path / "p.db"
    suggestions = Layer(MODEL)
    suggestions.add_span(Span(1, 9, 14, "GPE", origin="model", status="suggested"))
    with Project.create(path) as p:
        p.import_documents([AnnotatedDocument(Document("Talks in Cairo resumed.", ext_id="d1"), [suggestions])])
    left = [tmp_path / ".brat.k1ll3d00.part", tmp_path / ".brat.k1ll3d01.old"]
    for folder in left:
        (folder / "previous").mkdir(parents=True)
        (folder / "previous" / "d1.txt").write_text("half")
        an_hour_ago = time.time() - 3600
        os.utime(folder, (an_hour_ago, an_hour_ago))
    result = CliRunner().invoke(app, ["export", str(path), str(tmp_path / "brat"), "--format", "brat",
                                      "--layer", "model"])
    assert result.exit_code == 0, result.output
    assert not any(folder.exists() for folder in left)
    assert (tmp_path / "brat" / "annotation.conf").exists()
