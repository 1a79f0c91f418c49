"""File → Pre-annotate with the LLM option, against the fake OpenAI-compatible server on 127.0.0.1:
the dialog is filled with keys and clicks, the run goes through the worker thread with progress
and cancel, the endpoint and model are remembered per project."""

from __future__ import annotations

import json
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QTableWidget

from annotator.core.model import MODEL
from annotator.preannotate.llm import client as llm_client
from annotator.store import Project

from llm_fake import FakeLLM

from .helpers import key, record_task_progress

pytestmark = pytest.mark.gui

FIRST = "Israeli Prime Minister Benjamin Netanyahu met with U.S. Secretary of State Antony Blinken on October 22"
REPLY = {"events": [{"quote": FIRST, "trigger": "met", "type": "CONSULT", "mode": None, "source": "Benjamin Netanyahu",
                     "target": "Antony Blinken", "location": None, "date": "October 22"}],
         "entities": [{"quote": FIRST, "text": "Benjamin Netanyahu", "label": "PERSON", "actor_code": "ISRGOV"},
                      {"quote": FIRST, "text": "Antony Blinken", "label": "PERSON", "actor_code": "USAGOV"}]}


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(llm_client, "BACKOFF_SECONDS", 0.01)
    server = FakeLLM().start()
    server.answers["Benjamin Netanyahu met"] = f"```json\n{json.dumps(REPLY)}\n```"
    yield server
    server.stop()


def _open_dialog(qtbot, window):
    window.activateWindow()  # as a user clicks back into the window after the last dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    key(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    found = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if w.objectName() == "preannotateDialog"
                    and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=5000)
    return found[0]


def _fill_llm(qtbot, dialog, endpoint: str, model: str) -> None:
    qtbot.mouseClick(dialog.llm, Qt.MouseButton.LeftButton)
    assert dialog.endpoint.isEnabled() and dialog.model.isEnabled()
    for field, text in ((dialog.endpoint, endpoint), (dialog.model, model)):
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, text)


def _ok(qtbot, dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _wait(qtbot, task):
    with qtbot.waitSignal(task.finished_with, timeout=20000) as blocker:
        pass
    return tuple(blocker.args)


def test_llm_from_the_preannotate_dialog(qtbot, window, fake, db_path, monkeypatch):
    progressed = record_task_progress(monkeypatch)
    dialog = _open_dialog(qtbot, window)
    assert dialog.rules.isChecked() and not dialog.endpoint.isEnabled()  # nothing remembered yet
    _fill_llm(qtbot, dialog, fake.url, "qwen2.5:7b")
    _ok(qtbot, dialog)
    task = window.tasks[-1]
    kind, report = _wait(qtbot, task)
    assert kind == "ok", report
    assert report.documents == 3 and len(fake.requests) == 3
    assert fake.requests[0]["model"] == "qwen2.5:7b"
    assert progressed and progressed[-1] == (3, 3)
    assert "3 of 3 documents pre-annotated with llm:qwen2.5:7b" in window.status.bar.currentMessage()
    with Project.open(db_path, readonly=True) as p:
        layer = p.layer(1, MODEL)
        text = p.document(1).text
    assert {s.text_in(text) for s in layer.spans.values()} == {"Benjamin Netanyahu", "Antony Blinken", "met",
                                                               "October 22"}
    assert all(s.attrs["suggester"] == "llm:qwen2.5:7b" for s in layer.spans.values())
    # Remembered for this project: the next time the dialog opens on the LLM, filled in.
    again = _open_dialog(qtbot, window)
    assert again.llm.isChecked() and again.endpoint.text() == fake.url and again.model.text() == "qwen2.5:7b"
    _ok(qtbot, again)
    kind, report = _wait(qtbot, window.tasks[-1])
    assert kind == "ok" and report.cache_hits == 3 and len(fake.requests) == 3  # from the cache


def test_an_unreachable_server_is_one_message_and_the_llm_run_can_be_cancelled(qtbot, window, fake, db_path):
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    dialog = _open_dialog(qtbot, window)
    _fill_llm(qtbot, dialog, f"http://127.0.0.1:{port}/v1", "m")
    _ok(qtbot, dialog)
    kind, message = _wait(qtbot, window.tasks[-1])
    assert kind == "failed" and "cannot reach the LLM server" in message
    assert window.status.last_error == message
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert box.text() == message
    qtbot.mouseClick(box.buttons()[0], Qt.MouseButton.LeftButton)  # the user closes the message

    fake.gate = threading.Event()  # the server holds every request until released
    dialog = _open_dialog(qtbot, window)
    _fill_llm(qtbot, dialog, fake.url, "m")
    _ok(qtbot, dialog)
    task = window.tasks[-1]
    qtbot.waitUntil(lambda: len(fake.requests) >= 1, timeout=5000)
    task.cancel_work()
    fake.gate.set()
    kind, _ = _wait(qtbot, task)
    assert kind == "cancelled" and window.status.last_error.startswith("cancelled")


def test_a_cancelled_run_says_what_it_kept(qtbot, window, fake, db_path):
    """Documents finished before Cancel are saved; the window said only "cancelled"."""
    release, answered = threading.Event(), []
    answer = fake.reply

    def first_at_once(body):  # the first request is answered; the others wait for the cancel
        answered.append(body)
        if len(answered) > 1:
            release.wait(10)
        return answer(body)

    fake.reply = first_at_once
    dialog = _open_dialog(qtbot, window)
    _fill_llm(qtbot, dialog, fake.url, "m")
    _ok(qtbot, dialog)
    task = window.tasks[-1]
    with Project.open(db_path, readonly=True) as p:
        qtbot.waitUntil(lambda: any(s.attrs.get("suggester") == "llm:m" for d in p.document_ids()
                                    for s in p.layer(d, MODEL).spans.values()), timeout=10000)
    task.cancel_work()
    release.set()
    kind, _ = _wait(qtbot, task)
    assert kind == "cancelled"
    message = window.status.last_error
    assert message.startswith("cancelled; kept what was finished: ") and "documents pre-annotated with llm:m" in message
    assert not message.startswith("cancelled; kept what was finished: 0 of")


def test_the_dialog_asks_for_endpoint_and_model(qtbot, window):
    dialog = _open_dialog(qtbot, window)
    qtbot.mouseClick(dialog.llm, Qt.MouseButton.LeftButton)
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "endpoint" in dialog.problem.text()
    assert window.tasks == []
    dialog.reject()


def test_model_quality_compares_suggesters(qtbot, window, db_path):
    """F8: below the per-label tables, one line per suggester (attrs.suggester of the model layer)."""
    import re

    from annotator.core.ids import new_id
    from annotator.core.model import GOLD, Layer, Span
    from annotator.gui.dialogs.evaluate import QualityDialog

    from .conftest import SEED, find

    llm = {"suggester": "llm:qwen2.5:7b", "prompt": "events-v1"}
    with Project.open(db_path) as p:
        two = p.document(2).text
        # document 1: the LLM suggested Netanyahu (right) and Gaza as ORG (wrong); gold has both as they are
        model = Layer(MODEL)
        for needle, label in (("Benjamin Netanyahu", "PERSON"), ("Gaza", "ORG")):
            model.add_span(Span(new_id(), *find(SEED, needle), label, origin="model", status="suggested",
                                attrs=dict(llm)))
        p.replace_layer(1, MODEL, model)
        gold = Layer(GOLD, "done")
        for needle, label in (("Benjamin Netanyahu", "PERSON"), ("Gaza", "GPE")):
            gold.add_span(Span(new_id(), *find(SEED, needle), label))
        p.replace_layer(1, GOLD, gold)
        # document 2: the rules (no provenance) found Hamas and Israel; gold has both
        rules, gold2 = Layer(MODEL), Layer(GOLD, "done")
        for needle, label in (("Hamas", "ORG"), ("Israel", "GPE")):
            rules.add_span(Span(new_id(), *find(two, needle), label, origin="model", status="suggested"))
            gold2.add_span(Span(new_id(), *find(two, needle), label))
        p.replace_layer(2, MODEL, rules)
        p.replace_layer(2, GOLD, gold2)
    key(qtbot, window, Qt.Key.Key_F8)
    kind, result = _wait(qtbot, window.tasks[-1])
    assert kind == "ok" and result["documents"] == 2
    table = window.findChild(QualityDialog).findChild(QTableWidget, "qualitySuggesters")
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, table.columnCount())]
            for r in range(table.rowCount())}
    assert rows["llm:qwen2.5:7b"][:2] == ["1", "50.0 / 50.0 / 50.0"], rows
    assert rows["rules/spaCy"][:2] == ["1", "100.0 / 100.0 / 100.0"], rows


def test_the_reply_timeout_is_set_in_the_dialog_and_remembered(qtbot, window, fake, db_path):
    """A user with a slow server lowers (or raises) the longest wait in the dialog; the run uses it
    and the next dialog on this project shows it again."""
    def slow_for_the_first_document(body):
        if "Benjamin Netanyahu met" in body["messages"][-1]["content"]:
            import time
            time.sleep(2.5)
        return fake.default_reply(body)

    fake.reply = slow_for_the_first_document
    dialog = _open_dialog(qtbot, window)
    _fill_llm(qtbot, dialog, fake.url, "m")
    dialog.timeout.setFocus()
    dialog.timeout.selectAll()
    qtbot.keyClicks(dialog.timeout, "1")
    assert dialog.timeout.value() == 1
    _ok(qtbot, dialog)
    kind, report = _wait(qtbot, window.tasks[-1])
    assert kind == "ok", report
    assert report.documents == 2 and [d for d, _, _ in report.failed] == [1]
    assert "within the timeout" in report.failed[0][2]
    again = _open_dialog(qtbot, window)
    assert again.timeout.value() == 1
    again.reject()
