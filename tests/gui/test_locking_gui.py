"""Issue 10 in the window: one editing window per annotator (session lock, heartbeat,
release on close) and the rotating daily backup made when a project is opened."""

from __future__ import annotations

import os
import socket
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.gui.app import build_window, run_window
from annotator.gui.locking import SessionRefused
from annotator.store import Project, sessions
from annotator.store.backups import daily_backups

pytestmark = pytest.mark.gui


def test_a_second_window_for_the_same_annotator_is_refused_until_the_first_closes(qtbot, make_window, db_path):
    first = make_window()
    with Project.open(db_path, readonly=True) as p:
        held = sessions.holder(p, "ann1")
    assert held is not None and held.pid == os.getpid()
    with pytest.raises(SessionRefused) as refused:
        build_window(db_path, annotator="ann1")
    assert "ann1 is already editing this project" in str(refused.value)
    assert f"process {os.getpid()}" in str(refused.value)
    assert "read-only" in refused.value.hint  # what to do instead

    other = make_window(annotator="ann2")  # another annotator works at the same time
    assert other.session.annotator == "ann2"

    first.close()
    with Project.open(db_path, readonly=True) as p:
        assert sessions.holder(p, "ann1") is None  # released on close
        assert sessions.holder(p, "ann2") is not None
    again = make_window()
    assert again.session_lock is not None and not again.session_lock.released


def test_the_window_heartbeats_and_stops_editing_after_a_takeover(qtbot, make_window, db_path):
    window = make_window()
    guard = window.session_lock
    assert guard._thread.is_alive()  # the heartbeat thread runs
    with Project.open(db_path, readonly=True) as p:
        before = sessions.holder(p, "ann1").heartbeat
    time.sleep(0.05)
    assert guard.beat()
    with Project.open(db_path, readonly=True) as p:
        assert sessions.holder(p, "ann1").heartbeat > before
    window.session.select_range(0, 7)
    assert window.editor.label("NORP")  # editing works while the lock is ours

    with Project.open(db_path) as p:
        taker = sessions.acquire(p, "ann1", force=True)  # another instance took over (user confirmed there)
    assert not guard.beat() and guard.lost
    qtbot.waitUntil(lambda: "took over" in (window.status.last_error or ""), timeout=5000)
    window.session.select_range(8, 16)
    assert not window.editor.label("NORP")  # refused: this window no longer saves edits
    window.close()
    with Project.open(db_path, readonly=True) as p:
        assert sessions.holder(p, "ann1") is not None  # closing did not release the other's lock
    taker.release()


def test_the_refusal_is_a_plain_text_message_and_exit_code_2(qtbot, make_window, db_path):
    make_window()
    seen: dict[str, object] = {}

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, close_box)
            return
        seen.update(name=box.objectName(), format=box.textFormat(), text=box.text())
        box.done(0)

    import signal

    before = [signal.getsignal(ending) for ending in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)]
    QTimer.singleShot(50, close_box)
    assert run_window(db_path, "ann1") == 2
    assert seen["name"] == "sessionRefused" and seen["format"] == Qt.TextFormat.PlainText
    assert "ann1 is already editing this project" in str(seen["text"]) and "read-only" in str(seen["text"])
    # the box's Ctrl+C / kill handlers are gone with it: left in place, they outlived the box
    # (in this test run, Ctrl+C and `kill` no longer stopped pytest)
    assert [signal.getsignal(ending) for ending in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)] == before


@pytest.mark.parametrize("ending", ["SIGTERM", "SIGINT"])
def test_kill_or_ctrl_c_ends_a_refused_start_waiting_on_its_message(db_path, ending):
    """`annotator gui` refused (the annotator's window is open elsewhere) waited on its message box
    with no signal handler yet: `timeout`, `kill` and Ctrl+C left it running until kill -9."""
    import signal
    import subprocess
    import sys

    with Project.open(db_path) as p:
        held = sessions.acquire(p, "ann1")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen([sys.executable, "-m", "annotator.cli.main", "gui", str(db_path), "--annotator", "ann1"],
                               stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert "is already editing this project" in process.stderr.readline()  # the box is up now
        time.sleep(0.5)
        process.send_signal(getattr(signal, ending))
        process.wait(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
        process.stderr.close()
        held.release()
    assert process.returncode == 2


def test_a_lock_left_by_a_dead_process_does_not_lock_anyone_out(qtbot, make_window, db_path):
    with Project.open(db_path) as p, p.write():
        p.conn.execute("INSERT INTO sessions (annotator, token, pid, host, started_at, heartbeat) "
                       "VALUES ('ann1', 'x', 999999999, ?, '2026-01-01T00:00:00+00:00', strftime('%s','now'))",
                       (socket.gethostname(),))
    window = make_window()  # the crashed instance's lock is taken over at once
    assert window.session_lock is not None


def test_opening_a_project_makes_todays_backup_once(qtbot, make_window, db_path):
    window = make_window()
    qtbot.waitUntil(lambda: window.daily_backup.outcome is not None, timeout=20000)
    kind, path = window.daily_backup.outcome
    assert kind == "made"
    with Project.open(db_path, readonly=True) as p:
        made = daily_backups(p)
    assert [str(m) for m in made] == [path]
    with Project.open(path, readonly=True) as copy:  # a sound project with the documents
        assert copy.count_documents() == 3 and copy.check() == []
    window.close()
    again = make_window()
    qtbot.waitUntil(lambda: again.daily_backup.outcome is not None, timeout=20000)
    assert again.daily_backup.outcome[0] == "exists"  # once a day
