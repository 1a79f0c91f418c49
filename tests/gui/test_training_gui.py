"""Model in the loop from the window (issue 9): train with progress and cancel, per-label
scores, re-suggest for documents to do with the new model, and the model quality view.

The fast tests replace `annotator.training.train` / `annotator.preannotate.run` to check
the dialog plumbing (worker thread, progress, cancel, what is passed, what is shown); one
test trains a real model for a few steps (about 10 s) and pre-annotates with it."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.errors import Cancelled
from annotator.core.ids import new_id
from annotator.core.model import GOLD, MODEL, AnnotatedDocument, Layer, Span
from annotator.gui.dialogs import train as train_dialog
from annotator.gui.dialogs.evaluate import QualityDialog
from annotator.gui.dialogs.train import TrainDialog, TrainResultDialog
from annotator.store import Project

from .conftest import SEED, find
from .helpers import key, record_task_progress

pytestmark = pytest.mark.gui


def _wait(qtbot, dialog, timeout: int = 20000) -> tuple[str, object]:
    with qtbot.waitSignal(dialog.finished_with, timeout=timeout) as blocker:
        pass
    return tuple(blocker.args)


def _fake_report(out_dir: Path, layer: str):  # type: ignore[no-untyped-def]
    from annotator.training import TrainReport

    scores = {"entities (ner)": {"overall": {"p": 0.75, "r": 0.5, "f": 0.6},
                                 "labels": {"PERSON": {"p": 1.0, "r": 0.5, "f": 2 / 3}, "NORP": None}}}
    return TrainReport(out_dir=str(out_dir), model_dir=str(out_dir / "model-best"), layer=layer, seed=0,
                       train_docs=16, dev_docs=4, examples={"entity": {"PERSON": [10, 2]}}, steps=5,
                       seconds=1.0, best_score=0.6, scores=scores, warnings=["NORP: fewer than 5 examples"])


@pytest.fixture
def fake_training(monkeypatch):
    """`annotator.training.train` replaced: records its arguments, reports steps, honours cancel."""
    from annotator import training
    from annotator.training import TrainProgress

    calls: list[dict] = []
    gate = threading.Event()
    gate.set()

    def train(project, out_dir, *, progress=None, cancel=None, **options):
        calls.append({"project": project, "out_dir": Path(out_dir), **options})
        for step in range(1, 6):
            gate.wait(10)
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            progress(TrainProgress("train", step, options["max_steps"]))
            time.sleep(0.01)
        (Path(out_dir) / "model-best").mkdir(parents=True)
        return _fake_report(Path(out_dir), options["layer"])

    monkeypatch.setattr(training, "train", train)
    return calls, gate


def test_train_action_asks_then_trains_in_a_worker_and_shows_per_label_scores(
        qtbot, window, tmp_path, fake_training, monkeypatch):
    calls, _ = fake_training
    asked: list[TrainDialog] = []

    def fill_in(dialog: TrainDialog) -> int:
        asked.append(dialog)
        assert "teaches only the sentences its annotator has reviewed" in dialog.only_done.toolTip()
        dialog.out_dir.setText(str(tmp_path / "models" / "r1"))
        dialog.max_steps.setValue(5)
        dialog.min_docs.setValue(1)  # below what training takes: the box does not offer it
        assert dialog.min_docs.value() == 2
        dialog.min_docs.setValue(3)
        return 1

    monkeypatch.setattr(TrainDialog, "exec", fill_in)
    progressed = record_task_progress(monkeypatch)
    key(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert asked and [asked[0].layer.itemText(i) for i in range(asked[0].layer.count())] == [GOLD, "ann1"]
    task = window.tasks[-1]
    kind, _ = _wait(qtbot, task)
    assert kind == "ok"
    call = calls[0]
    assert call["layer"] == GOLD and call["max_steps"] == 5 and call["min_docs"] == 3
    assert call["project"] == window.project.location  # a file or a URL: opened in the worker's thread
    assert progressed and progressed[-1] == (5, 5)
    result = window.findChild(TrainResultDialog)
    assert result is not None and result.isVisible()
    text = result.text.toPlainText()
    assert re.search(r"PERSON\s+100\.0\s+50\.0\s+66\.7", text)
    assert re.search(r"NORP\s+-\s+-\s+-\s+\(no dev examples\)", text)
    assert "fewer than 5 examples" in text
    # the model is remembered for Re-suggest and Model quality
    assert train_dialog.current_model(window.settings, window.project) == str(tmp_path / "models" / "r1" / "model-best")


def test_cancelling_training_keeps_no_model(qtbot, window, tmp_path, fake_training):
    _, gate = fake_training
    gate.clear()  # the fake training waits at its first step
    task = train_dialog.start_training(window.workbench(), tmp_path / "models" / "r1", layer=GOLD, max_steps=5, min_docs=3)
    task.cancel_work()
    gate.set()
    kind, _ = _wait(qtbot, task)
    assert kind == "cancelled" and window.status.last_error == "cancelled"
    assert window.findChild(TrainResultDialog) is None
    assert train_dialog.current_model(window.settings, window.project) is None


def test_too_little_data_is_one_clear_message(qtbot, window, tmp_path):
    pytest.importorskip("spacy")
    task = train_dialog.start_training(window.workbench(), tmp_path / "models" / "r1", layer=GOLD, max_steps=5)
    kind, message = _wait(qtbot, task, timeout=120000)
    assert kind == "failed" and "document" in message and "Traceback" not in message
    box = window.findChild(QMessageBox)
    assert box is not None and box.textFormat() == Qt.TextFormat.PlainText
    assert not (tmp_path / "models" / "r1").exists()


def test_resuggest_runs_the_new_model_on_documents_to_do(qtbot, window, tmp_path, fake_training, monkeypatch):
    from annotator import preannotate

    seen: list[dict] = []

    def run(project, *, model=None, only_todo=False, progress=None, cancel=None, **rest):
        seen.append({"model": model, "only_todo": only_todo, "thread": threading.current_thread()})
        progress(0, 2)
        progress(2, 2)
        from annotator.preannotate.runner import PreannotateReport

        return PreannotateReport(documents=2, total=2, model=model)

    monkeypatch.setattr(preannotate, "run", run)
    assert window.resuggest() is None and "train one first" in window.status.last_error
    kind, report = _wait(qtbot, train_dialog.start_training(window.workbench(), tmp_path / "m", layer=GOLD, max_steps=5, min_docs=3))
    assert kind == "ok"
    result = window.findChild(TrainResultDialog)
    qtbot.mouseClick(result.resuggest_button, Qt.MouseButton.LeftButton)
    task = window.tasks[-1]
    kind, _ = _wait(qtbot, task)
    assert kind == "ok"
    assert seen[0]["model"] == report.model_dir and seen[0]["only_todo"] is True
    assert seen[0]["thread"] is not threading.main_thread()
    # the menu action uses the remembered model
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    key(qtbot, window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    kind, _ = _wait(qtbot, window.tasks[-1])
    assert kind == "ok" and seen[1]["model"] == report.model_dir


# ---------------------------------------------------------------------------- model quality
def test_model_quality_shows_per_label_scores_against_gold(qtbot, window, db_path):
    gold = Layer(GOLD, "done")
    for needle, label in (("Benjamin Netanyahu", "PERSON"), ("Gaza", "GPE")):
        gold.add_span(Span(new_id(), *find(SEED, needle), label, status="accepted"))
    with Project.open(db_path) as p:
        p.replace_layer(1, GOLD, gold)
    key(qtbot, window, Qt.Key.Key_F8)
    kind, result = _wait(qtbot, window.tasks[-1])
    assert kind == "ok" and result["layer"] == MODEL and result["documents"] == 1
    dialog = window.findChild(QualityDialog)
    assert dialog is not None and dialog.isVisible()
    table = dialog.table
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, table.columnCount())]
            for r in range(table.rowCount())}
    # the model suggested Netanyahu and Blinken (PERSON): 1 right, 1 wrong; it missed Gaza (GPE)
    assert rows["PERSON"] == ["1", "1", "0", "50.0", "100.0", "66.7"]
    assert rows["GPE"][:3] == ["0", "0", "1"]
    assert dict((r[0], r[1]) for r in dialog.chart.rows)["PERSON"] == pytest.approx(2 / 3)
    assert [dialog.part.itemText(i) for i in range(dialog.part.count())] == ["entities", "triggers", "arguments"]
    dialog.part.setCurrentIndex(1)
    assert table.item(table.rowCount() - 1, 0).text() == "(all)"  # sorted by label, "(all)" last
    assert "model against gold" in dialog.windowTitle()


def test_model_quality_without_gold_says_so(qtbot, window):
    key(qtbot, window, Qt.Key.Key_F8)
    kind, result = _wait(qtbot, window.tasks[-1])
    assert kind == "ok" and result["documents"] == 0
    dialog = window.findChild(QualityDialog)
    assert "nothing to compare with" in dialog.summary.text() and dialog.table.rowCount() == 0


# ---------------------------------------------------------------------------- real training (slow)
def test_real_training_then_resuggest_with_the_new_model(qtbot, make_window, tmp_path):
    pytest.importorskip("spacy")
    from benchmarks.gold_corpus import gold_documents

    path = tmp_path / "round.db"
    with Project.create(path) as p:
        docs = list(gold_documents(16, seed=11, sentences=(3, 4)))
        # the last four: no gold yet, to be re-suggested
        p.import_documents([*docs[:12], *(AnnotatedDocument(d.document) for d in docs[12:])])
    window = make_window(path)
    with Project.open(path, readonly=True) as p:
        todo = p.document_ids()[12:]
        assert not any(p.layer(d, MODEL).spans for d in todo)
    kind, report = _wait(qtbot, train_dialog.start_training(window.workbench(), tmp_path / "models" / "r1", layer=GOLD, max_steps=6,
                                                      min_docs=5), timeout=600000)
    assert kind == "ok", report
    assert Path(report.model_dir, "meta.json").is_file()
    text = window.findChild(TrainResultDialog).text.toPlainText()
    assert "triggers (spancat)" in text and re.search(r"\(all\)\s+\d+\.\d", text)
    kind, pre = _wait(qtbot, window.resuggest(), timeout=600000)
    assert kind == "ok" and pre.model.startswith(report.model_dir + " + ")  # with the rules: a union
    assert pre.documents == len(todo)  # only the documents nobody has marked done
    with Project.open(path, readonly=True) as p:
        assert all(p.layer(d, MODEL).spans for d in todo)
        assert not p.layer(1, MODEL).spans  # done documents are left alone
