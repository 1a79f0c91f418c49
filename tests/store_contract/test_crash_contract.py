"""A killed client loses nothing it was told was saved, and many annotators writing at once lose
no edit, on every engine (tests/crash_worker.py applies real edits and prints each saved one;
crash_support.verify replays the audit log against the stored layers)."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import pytest

from annotator.formats.io import dumps_line
from annotator.store import Project
from crash_support import kill_rounds, make_project, reported, start_worker, verify, wait_ready

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def test_killed_clients_lose_no_saved_edit(location, tmp_path):
    where = location()
    make_project(where)
    total, _ = kill_rounds(where, tmp_path, 12, seed=11, max_delay=0.3, min_delay=0.05)
    assert total >= 12  # each round saved an edit before its kill (kill_rounds waits for one)


def test_annotators_and_an_import_at_once_lose_nothing(location, tmp_path):
    where = location()
    make_project(where, n_docs=4)
    folder = tmp_path / "in"
    folder.mkdir()
    for f in range(3):
        with (folder / f"part{f}.jsonl").open("w", encoding="utf-8") as out:
            for i in range(100):
                out.write(dumps_line({"id": f"f{f}-{i}", "text": f"More news {f}/{i}: Israel attacked Iran."}) + "\n")
    names = ["ann1", "ann2", "ann3"]
    outs = {name: tmp_path / f"{name}.out" for name in names}
    procs = {name: start_worker(where, outs[name], "--seed", str(i), "--annotator", name)
             for i, name in enumerate(names)}
    importer_out = tmp_path / "import.out"
    try:
        for name, proc in procs.items():
            wait_ready(proc, outs[name])
        importer = start_worker(where, importer_out, "--import-folder", str(folder))
        importer.wait(timeout=120)
        # each annotator goes on saving after the import: wait for a count, not a time, so a
        # loaded machine (slow workers, a fast import) cannot fail the test
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and any(len(reported(outs[name])[0]) <= 20 for name in names):
            time.sleep(0.2)
    finally:
        for proc in procs.values():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
    assert importer.returncode == 0, importer_out.read_text()
    for name in names:
        saved, other = reported(outs[name])
        assert other == [], other[:5]
        assert len(saved) > 20, f"{name} saved only {len(saved)} edits"
        text = outs[name].read_text()
        assert "busy" not in text
        verify(where, name, saved, max_unreported=1)
    with Project.open(where) as p:
        assert p.count_documents() == 4 + 300
        assert p.check(deep=True) == []
