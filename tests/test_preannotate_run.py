"""`annotator.preannotate.run` over a project and the `preannotate` command: batches, re-runs,
people's layers untouched, cancel, --docs / --only todo."""

from __future__ import annotations

import threading

import pytest
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core.edits import AddSpan, SetDocState, accept, reject
from annotator.core.ids import new_id
from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.preannotate import run
from annotator.store import Project
from preannotate_support import default_nlp as nlp

SENTENCES = [
    "Israeli Prime Minister Benjamin Netanyahu met with U.S. Secretary of State Antony Blinken on October 22.",
    "Hezbollah launched a drone attack on Haifa, and the Israel Defense Forces launched airstrikes on Beirut.",
    "Iran warned Israel against any attack. The United Nations urged both sides to show restraint.",
    "Egyptian police arrested dozens of protesters in Cairo on March 3.",
]




def add_docs(project: Project, n: int) -> None:
    project.import_documents(
        AnnotatedDocument(Document(text=" ".join(SENTENCES[(i + k) % 4] for k in range(3)), ext_id=f"d{i}"))
        for i in range(n))


def fail_second_save(monkeypatch, error: BaseException | type[BaseException]) -> None:
    """Make the second batch's save raise `error` before it writes anything; the others save."""
    from annotator.store import model_layer

    real = model_layer.replace_model_layers
    calls = {"n": 0}

    def failing(p, batch):
        calls["n"] += 1
        if calls["n"] == 2:
            raise error
        return real(p, batch)

    monkeypatch.setattr(model_layer, "replace_model_layers", failing)


def snapshot(project: Project, doc_id: int, name: str):
    layer = project.layer(doc_id, name)
    return (layer.state, sorted((s.id, s.start, s.end, s.label, s.actor_code, s.status, s.origin)
                                for s in layer.spans.values()),
            sorted((e.id, e.type, e.mode, tuple(e.arguments)) for e in layer.events.values()))


def content(project: Project, doc_id: int, name: str = "model"):
    """The layer without ids (ids are fresh on every run)."""
    layer = project.layer(doc_id, name)
    spans = {s.id: (s.start, s.end, s.layer, s.label, s.actor_code) for s in layer.spans.values()}
    events = sorted((spans[e.trigger], e.type, e.mode, e.negated,
                     tuple(sorted((a.role, spans[a.span_id]) for a in e.arguments))) for e in layer.events.values())
    return sorted(spans.values()), events


def test_run_fills_the_model_layer_and_reports(project):
    calls = []
    report = run(project, nlp=nlp(), progress=lambda done, total: calls.append((done, total)))
    assert report.documents == report.total == 1 and not report.cancelled
    assert calls[0] == (0, 1) and calls[-1] == (1, 1)
    model = project.layer(1, "model")
    assert len(model.spans) == report.spans > 50
    assert len(model.events) == report.events > 10
    assert report.words > 600 and report.labels["PERSON"] > 5
    assert project.check() == []
    # audit: one system row for the document
    assert [entry.kind for entry in project.history(1, "model")] == ["Preannotate"]


def test_annotators_receive_suggestions_on_first_open(project):
    run(project, nlp=nlp())
    alice = project.open_layer(1, "alice")
    model = project.layer(1, "model")
    assert len(alice.spans) == len(model.spans) and len(alice.events) == len(model.events)
    assert {s.status for s in alice.spans.values()} == {"suggested"}
    assert {s.origin for s in alice.spans.values()} == {"model"}
    assert not set(alice.spans) & set(model.spans)  # own copies, own ids


def test_rerun_is_idempotent_and_replaces_only_the_model_layer(project):
    run(project, nlp=nlp())
    first = content(project, 1)
    first_ids = set(project.layer(1, "model").spans)
    # A person works on the document: accepts one suggestion, rejects one, adds their own span.
    alice = project.open_layer(1, "alice")
    spans = sorted(alice.spans.values(), key=lambda s: s.start)
    project.apply(1, "alice", accept(spans[0]))
    project.apply(1, "alice", reject(spans[1]))
    own = Span(new_id(), 0, 7, "NORP", "entity", "ISR", "human", "accepted")
    project.apply(1, "alice", AddSpan(own))
    project.apply(1, "gold", AddSpan(own.copy(id=new_id())))
    before_alice = snapshot(project, 1, "alice")
    before_gold = snapshot(project, 1, "gold")

    run(project, nlp=nlp())
    assert content(project, 1) == first
    assert not set(project.layer(1, "model").spans) & first_ids  # replaced, not added to
    assert snapshot(project, 1, "alice") == before_alice
    assert snapshot(project, 1, "gold") == before_gold
    assert project.open_layer(1, "alice").spans[own.id].origin == "human"
    assert project.check() == []


def test_batches_docs_and_only_todo(tmp_path):
    project = Project.create(tmp_path / "w.db")
    add_docs(project, 7)
    report = run(project, nlp=nlp(), doc_ids=[2, 3, 4, 99], batch_size=2)
    assert report.total == 3 and report.documents == 3
    assert [bool(project.layer(i, "model").spans) for i in range(1, 8)] == [False, True, True, True] + [False] * 3
    # Alice marks document 1 done: --only todo leaves it alone.
    project.open_layer(1, "alice")
    project.apply(1, "alice", SetDocState("todo", "done"))
    report = run(project, nlp=nlp(), only_todo=True, batch_size=3)
    assert report.total == 6
    assert not project.layer(1, "model").spans
    assert all(project.layer(i, "model").spans for i in range(2, 8))
    project.close()


def test_cancel_stops_after_the_current_batch_with_earlier_batches_saved(tmp_path):
    project = Project.create(tmp_path / "w.db")
    add_docs(project, 10)
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 3:
            cancel.set()  # as if the user pressed Stop while batch 2 was running

    report = run(project, nlp=nlp(), batch_size=3, progress=progress, cancel=cancel)
    assert report.cancelled and report.documents == 3 and report.total == 10
    done = [i for i in range(1, 11) if project.layer(i, "model").spans]
    assert done == [1, 2, 3]
    assert project.check() == []
    # A later run without cancel finishes the rest.
    report = run(project, nlp=nlp(), batch_size=3)
    assert report.documents == 10 and not report.cancelled
    project.close()


def test_cancel_rolls_back_nothing_already_saved_when_writing_fails(tmp_path, monkeypatch):
    """A failure inside a batch's transaction leaves earlier batches and the rest untouched."""
    project = Project.create(tmp_path / "w.db")
    add_docs(project, 6)
    fail_second_save(monkeypatch, KeyboardInterrupt)
    with pytest.raises(KeyboardInterrupt):
        run(project, nlp=nlp(), batch_size=2)
    assert [bool(project.layer(i, "model").spans) for i in range(1, 7)] == [True, True] + [False] * 4
    project.close()


def test_two_processes_give_the_same_layers(tmp_path):
    one = Project.create(tmp_path / "one.db")
    two = Project.create(tmp_path / "two.db")
    add_docs(one, 4)
    add_docs(two, 4)
    run(one, nlp=nlp(), batch_size=2)
    run(two, nlp=nlp(), batch_size=2, n_process=2)
    for i in range(1, 5):
        assert content(one, i) == content(two, i)
    one.close()
    two.close()


def test_cli_preannotate(tmp_path):
    runner = CliRunner()
    path = tmp_path / "w.db"
    project = Project.create(path)
    add_docs(project, 5)
    project.close()
    result = runner.invoke(app, ["preannotate", str(path), "--docs", "1-3", "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    assert "3 of 3 documents" in result.output
    with Project.open(path) as p:
        assert [bool(p.layer(i, "model").spans) for i in range(1, 6)] == [True] * 3 + [False] * 2
    result = runner.invoke(app, ["preannotate", str(path), "--only", "todo"])
    assert result.exit_code == 0 and "5 of 5 documents" in result.output
    assert "skipped" not in result.output
    with Project.open(path) as p:
        p.open_layer(2, "ann1")
        p.apply(2, "ann1", SetDocState("todo", "done"))
    result = runner.invoke(app, ["preannotate", str(path), "--only", "todo"])
    assert "1 document(s) a person marked done were skipped (--only todo)" in result.output
    assert "4 of 4 documents" in result.output
    result = runner.invoke(app, ["preannotate", str(path), "--only", "everything"])
    assert result.exit_code == 2 and "--only todo" in result.output
    result = runner.invoke(app, ["preannotate", str(path), "--docs", "x-y"])
    assert result.exit_code == 2 and "no document with the id 'x-y'" in result.output


def test_ctrl_c_in_the_cli_stops_after_the_current_batch(tmp_path):
    """A real SIGINT to `annotator preannotate`: exit 130, whole batches saved, the rest not."""
    import signal

    path = tmp_path / "w.db"
    project = Project.create(path)
    add_docs(project, 3000)
    project.close()
    process, _ = _preannotate_in_a_terminal_group(path, "--batch-size", "10")
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, out + err
    assert "cancelled" in out + err
    with Project.open(path) as p:
        done = [i for i in range(1, 3001) if p.layer(i, "model").spans]
        assert p.check() == []
    assert 0 < len(done) < 3000
    assert len(done) % 10 == 0 and done == list(range(1, len(done) + 1))


def _preannotate_in_a_terminal_group(path, *args):
    """`annotator preannotate` in its own process group, as a terminal runs it (Ctrl+C reaches
    the worker processes too), once the first batch is saved."""
    import os
    import subprocess
    import sys
    import time

    process = subprocess.Popen([sys.executable, "-m", "annotator.cli.main", "preannotate", str(path), *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    saved = 0
    while saved == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        with Project.open(path, readonly=True) as p:
            saved = p.stats()["annotators"][0]["spans"]
    return process, os.getpgid(process.pid)


@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_stops_a_run_with_several_processes(tmp_path, presses):
    """spaCy's workers hung the run when its loop was left early (the parent waited for workers
    blocked on a pipe), so Ctrl+C, and Ctrl+C again, stopped nothing: now the first press stops
    the flow of texts and saves what the workers finish, the second ends them at once."""
    import os
    import signal
    import subprocess
    import time

    path = tmp_path / "w.db"
    project = Project.create(path)
    project.import_documents(AnnotatedDocument(Document(text=" ".join(SENTENCES * 12), ext_id=f"d{i}"))
                             for i in range(400))
    project.close()
    process, group = _preannotate_in_a_terminal_group(path, "--n-process", "2", "--batch-size", "8")
    try:
        os.killpg(group, signal.SIGINT)
        if presses == 2:
            time.sleep(0.3)
            os.killpg(group, signal.SIGINT)
        out, err = process.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(group, signal.SIGKILL)
        out, err = process.communicate()
        pytest.fail(f"the run did not stop after Ctrl+C: {out}{err}")
    assert process.returncode == 130, out + err
    assert "Traceback" not in err and err.count("stopping after") == 1, err  # said once, by the parent
    with Project.open(path) as p:
        done = [i for i in range(1, 401) if p.layer(i, "model").spans]
        assert p.check() == []
    assert 0 < len(done) < 400 and done == list(range(1, len(done) + 1))
    if presses == 1:
        assert f"cancelled: {len(done)} of 400 documents" in err
    else:  # the summary is not printed: the stop still says what is kept
        assert f"{len(done)} of 400 documents were pre-annotated and saved before this stop" in err


def _two_worker_run(path):  # type: ignore[no-untyped-def]
    """`annotator preannotate --n-process 2` on 400 documents in a process group of its own, once
    both workers run: (the process, its workers' pids)."""
    import subprocess
    import sys
    import time

    project = Project.create(path)
    project.import_documents(AnnotatedDocument(Document(text=" ".join(SENTENCES * 12), ext_id=f"d{i}"))
                             for i in range(400))
    project.close()
    process = subprocess.Popen([sys.executable, "-m", "annotator.cli.main", "preannotate", str(path),
                                "--n-process", "2", "--batch-size", "64"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
        found = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True)
        workers = [int(pid) for pid in found.stdout.split()]
    assert len(workers) >= 2, "the workers never started"
    return process, workers


def test_kill_ends_a_run_with_several_processes(tmp_path):
    """SIGTERM while the workers hold their first batches: the exception raised inside spaCy's
    loop made it wait for workers that could not finish, and the run never ended."""
    import os
    import signal
    import subprocess
    import time

    path = tmp_path / "w.db"
    process, _workers = _two_worker_run(path)
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGTERM)
    try:
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("the run did not end after SIGTERM")
    assert process.returncode == 128 + signal.SIGTERM, err
    assert "stopped by SIGTERM" in err and "Traceback" not in err
    with Project.open(path) as p:
        assert p.check() == []


def test_workers_end_when_the_run_is_killed_with_sigkill(tmp_path):
    """kill -9 (or the OOM killer) on the run: its workers stayed, idle, adopted by init, holding
    the command's output pipes open, so a script reading them waited for ever."""
    import os
    import signal
    import subprocess

    process, workers = _two_worker_run(tmp_path / "w.db")
    process.kill()
    try:
        process.communicate(timeout=30)  # the pipes close once every process holding them is gone
    except subprocess.TimeoutExpired:
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        process.communicate()
        pytest.fail("the workers outlived the run killed with SIGKILL")
    import time

    def ended(pid: int) -> bool:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                return stat.read().split(") ")[1][0] == "Z"
        except FileNotFoundError:
            return True

    # (a worker's pipes close as it exits, a moment before it is a zombie: seen "R" right after)
    deadline = time.monotonic() + 10
    while not all(ended(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(ended(pid) for pid in workers)


def test_writer_errors_surface_and_later_batches_are_not_written(tmp_path, monkeypatch):
    """Batches are saved by a writer thread: its error is raised by run(), after it stopped."""
    project = Project.create(tmp_path / "w.db")
    add_docs(project, 8)
    fail_second_save(monkeypatch, RuntimeError("disk full"))
    with pytest.raises(RuntimeError, match="disk full"):
        run(project, nlp=nlp(), batch_size=2)
    assert [bool(project.layer(i, "model").spans) for i in range(1, 9)] == [True, True] + [False] * 6
    assert project.check() == []
    project.close()


def test_a_pipeline_error_keeps_the_batches_finished_before_it(tmp_path):
    project = Project.create(tmp_path / "w.db")
    add_docs(project, 7)

    class Failing:
        """The real pipeline, failing on the 6th document."""

        def __getattr__(self, name):
            return getattr(nlp(), name)

        def pipe(self, texts, **kw):
            for n, item in enumerate(nlp().pipe(texts, **kw)):
                if n == 5:
                    raise ValueError("bad document")
                yield item

    with pytest.raises(ValueError, match="bad document"):
        run(project, nlp=Failing(), batch_size=2)
    assert [bool(project.layer(i, "model").spans) for i in range(1, 8)] == [True] * 4 + [False] * 3
    project.close()


def test_report_counts_only_saved_documents_when_cancelled(tmp_path):
    project = Project.create(tmp_path / "w.db")
    add_docs(project, 12)
    cancel = threading.Event()
    report = run(project, nlp=nlp(), batch_size=4, cancel=cancel,
                 progress=lambda done, total: cancel.set() if done >= 4 else None)
    assert report.cancelled and report.documents == 4
    saved = [project.layer(i, "model") for i in range(1, 13)]
    assert report.spans == sum(len(layer.spans) for layer in saved)
    assert report.events == sum(len(layer.events) for layer in saved)
    assert sum(report.labels.values()) == report.spans  # entity labels and event types (one per trigger)
    project.close()


def test_only_new_takes_the_documents_never_pre_annotated(tmp_path):
    """After an import into a large project, the new documents alone: the window and the CLI
    otherwise redid every document (half an hour on 20,000)."""
    path = tmp_path / "w.db"
    project = Project.create(path)
    add_docs(project, 3)
    run(project, nlp=nlp())
    before = [content(project, i) for i in range(1, 4)]
    project.import_documents(AnnotatedDocument(Document(f"Egypt urged Israel to talk, said report {i}.",
                                                        ext_id=f"late{i}")) for i in range(2))
    report = run(project, nlp=nlp(), only_new=True)
    assert report.total == 2 and report.documents == 2
    assert all(project.layer(i, "model").spans for i in (4, 5))
    assert [content(project, i) for i in range(1, 4)] == before
    assert run(project, nlp=nlp(), only_new=True).total == 0  # nothing new any more
    project.close()
    runner = CliRunner()
    result = runner.invoke(app, ["preannotate", str(path), "--only", "todo,new"])
    assert result.exit_code == 0 and "5 document(s) pre-annotated before were skipped (--only new)" in result.output
    result = runner.invoke(app, ["preannotate", str(path), "--only", "old"])
    assert result.exit_code == 2 and "--only new" in result.output


def test_nothing_new_is_said_without_loading_the_pipeline(tmp_path, monkeypatch):
    """`--only new` after a full run has nothing to do: it said so only after loading the
    default pipeline (about 12 s). A named model is still checked, so a wrong path fails, first."""
    from annotator.preannotate import pipeline

    path = tmp_path / "w.db"
    project = Project.create(path)
    add_docs(project, 2)
    run(project, nlp=nlp())
    project.close()

    def no_pipeline(*args, **kwargs):
        raise AssertionError("the pipeline was built for no document")

    monkeypatch.setattr(pipeline, "build_pipeline", no_pipeline)
    result = CliRunner().invoke(app, ["preannotate", str(path), "--only", "new"])
    assert result.exit_code == 0, result.output
    assert "0 of 0 documents" in result.output and "2 document(s) pre-annotated before" in result.output
    result = CliRunner().invoke(app, ["preannotate", str(path), "--only", "new", "--model", str(tmp_path / "nope")])
    assert result.exit_code == 2 and f"the model folder {tmp_path / 'nope'} does not exist" in result.output
    assert "pre-annotated before" not in result.output  # said before anything about the documents


@pytest.mark.parametrize("n_process", [1, 2])
def test_decomposed_accents_and_invisible_characters_get_the_suggestions_of_the_plain_text(tmp_path, n_process):
    """Text from a Mac or a scraper writes "Zürich" as "Zu" + a combining diaeresis, and web copy
    leaves zero-width characters behind "Iran": the pipeline missed Zürich, Genève and Iran and
    cut "Andrés Manuel López Obrador" to a PERSON "Obrador" coded USA. It reads the text composed
    and without them; the suggestions lie on the stored characters."""
    import unicodedata

    plain = ("Swiss police arrested 12 protesters in Zürich and Genève on Monday. Iran accused Israel "
             "of sabotage. Mexican President Andrés Manuel López Obrador met officials in Querétaro.")
    stored = unicodedata.normalize("NFD", plain).replace("Iran ", "Iran\u200b ").replace("Israel ", "Israel\u2060 ")
    assert stored != plain
    project = Project.create(tmp_path / "p.db")
    project.import_documents([AnnotatedDocument(Document(plain, ext_id="plain")),
                              AnnotatedDocument(Document(stored, ext_id="stored"))])
    run(project, nlp=nlp(), n_process=n_process)
    seen = []
    for doc_id, text in ((1, plain), (2, stored)):
        layer = project.layer(doc_id, "model")
        seen.append(sorted((unicodedata.normalize("NFC", text[s.start:s.end]).replace("\u200b", "").replace("\u2060", ""),
                            s.label, s.actor_code) for s in layer.spans.values()))
        for s in layer.spans.values():  # on whole stored characters, no invisible one at an edge
            assert not unicodedata.combining(text[s.end:s.end + 1] or "a"), text[s.start:s.end + 1]
            assert text[s.start] not in "\u200b\u2060" and text[s.end - 1] not in "\u200b\u2060"
    assert seen[1] == seen[0]
    assert ("Zürich", "GPE", "CHE") in seen[0] and ("Andrés Manuel López Obrador", "PERSON", "MEXGOV") in seen[0]
    project.close()
