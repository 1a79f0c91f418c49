"""The load benchmark (benchmarks/bench_load.py) runs and its checks can fail: a short run with
two annotator processes loses no edit and every layer's audit log replays to the stored layer;
the verifier itself catches a lost edit and a log that no longer replays. No timing asserts."""

from __future__ import annotations

import json

from annotator.core import AddSpan, Span, new_id, set_label
from annotator.store import Project
from benchmarks import bench_load


def _short_run(location: str, engine: str) -> None:
    argv = ["--annotators", "2", "--seconds", "2", "--docs", "2", "--location", location]
    figures = dict(bench_load.main(argv))
    assert figures[f"load_{engine}_annotators"] == 2
    assert figures[f"load_{engine}_failed_workers"] == 0
    assert figures[f"load_{engine}_edits_per_s"] > 0
    assert figures[f"load_{engine}_lost_edits"] == 0
    assert figures[f"load_{engine}_unreported_edits"] == 0
    assert figures[f"load_{engine}_replay_mismatches"] == 0
    assert figures[f"load_{engine}_layers_replayed"] == 4  # both annotators edited both their documents


def test_a_short_run_with_two_annotators_loses_nothing(tmp_path):
    _short_run(str(tmp_path / "load.db"), "sqlite")


def test_a_short_run_on_postgresql_loses_nothing(new_pg_url):
    _short_run(new_pg_url(), "postgresql")


def test_the_verifier_catches_a_lost_edit_and_a_log_that_does_not_replay(tmp_path):
    location = str(tmp_path / "work.db")
    bench_load.prepare(location, ["ann01"], 1)
    result = bench_load.WorkerResult("ann01")
    with Project.open(location) as project:
        span = Span(new_id(), 0, 5, "PERSON")
        for edit in (AddSpan(span), set_label(span, "ORG")):
            applied = project.apply(1, "ann01", edit)
            result.saved.append((applied.audit_id, 1, "do", json.dumps(applied.edit.to_payload())))
    verdict = bench_load.verify(location, [result])
    assert (verdict.lost, verdict.unreported, verdict.layers, verdict.replay_mismatches) == (0, 0, 1, 0)

    with Project.open(location) as project:  # the relabel's audit row disappears
        with project.write():
            project.conn.execute("DELETE FROM audit WHERE id = ?", (result.saved[1][0],))
    verdict = bench_load.verify(location, [result])
    assert verdict.lost == 1 and verdict.replay_mismatches == 1
    assert "replay != stored layer" in verdict.problems[0]
