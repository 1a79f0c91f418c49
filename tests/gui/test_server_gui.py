"""The desktop app on a PostgreSQL project (issue 17, item 1): `build_window(URL)` opens it, an
edit made with the keyboard and mouse is stored in the server database (with its audit row) and
undone from it, a second window for the same annotator is refused, the progress pane counts from
the server, and the window never shows the password written into the URL. Skipped where
PostgreSQL is not installed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import AnnotatedDocument, Document
from annotator.gui.app import build_window
from annotator.gui.locking import SessionRefused
from annotator.store import Project, sessions

from .conftest import SEED, find, model_layer
from .helpers import drag, key, span_at, stored_layer

pytestmark = pytest.mark.gui
PASSWORD = "pa55-word"


@pytest.fixture
def server_url(new_pg_url) -> str:
    url = new_pg_url().replace("postgresql://postgres@", f"postgresql://postgres:{PASSWORD}@", 1)
    with Project.create(url) as project:
        project.import_documents([
            AnnotatedDocument(Document(SEED, ext_id="seed", title="Netanyahu meets Blinken"), [model_layer(SEED)]),
            AnnotatedDocument(Document("Qatar hosted talks in Doha.", ext_id="two", title="second")),
        ])
    return url


def test_the_window_edits_a_server_project_and_refuses_a_second_window(qtbot, make_window, server_url):
    window = make_window(server_url)
    assert window.project.is_server
    database = server_url.rsplit("/", 1)[1]
    assert database in window.windowTitle() and PASSWORD not in window.windowTitle()
    assert window.text_view.toPlainText() == SEED
    window.daily_backup.wait(5)
    assert window.daily_backup.thread is None  # no file to copy: the server is backed up with pg_dump

    start, end = find(SEED, "Prime Minister")
    drag(window.text_view, start, end)
    key(qtbot, window, Qt.Key.Key_O)
    span = span_at(stored_layer(server_url), start, end, "ORG")  # read back from the server
    assert span is not None and span.origin == "human" and span.status == "accepted"
    with Project.open(server_url, readonly=True) as p:
        assert p.history(1, "ann1")[-1].kind == "AddSpan"
        held = sessions.holder(p, "ann1")
    assert held is not None

    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo, from the audit log
    assert span_at(stored_layer(server_url), start, end) is None

    with pytest.raises(SessionRefused) as refused:
        build_window(server_url, annotator="ann1")
    assert "ann1 is already editing this project" in str(refused.value)
    assert PASSWORD not in str(refused.value)

    window.toggle_progress()  # the pane counts on a worker thread, reopening the project by its URL
    dock = window.findChild(object, "progressDock")
    qtbot.waitUntil(lambda: bool(dock.rows), timeout=10000)
    assert "cannot count" not in dock.note.text()
    assert any(row.name == "ann1" for row in dock.rows)

    window.close()
    with Project.open(server_url, readonly=True) as p:
        assert sessions.holder(p, "ann1") is None  # released on close
    again = make_window(server_url)
    assert again.session_lock is not None and again.session.doc_id == 1


def test_long_jobs_reopen_the_server_project_in_their_worker(qtbot, make_window, server_url, tmp_path):
    """Export and the agreement dashboard run on worker threads with connections of their own,
    opened from `project.location` (the URL), not from a path."""
    window = make_window(server_url)
    key(qtbot, window, Qt.Key.Key_Tab)
    key(qtbot, window, Qt.Key.Key_Return)  # accept a suggestion: ann1 has work
    dest = tmp_path / "ann1.jsonl"
    task = window.start_export(dest, "jsonl", "ann1")
    with qtbot.waitSignal(task.finished_with, timeout=20000) as blocker:
        pass
    assert blocker.args[0] == "ok", blocker.args
    assert dest.read_text(encoding="utf-8").count("\n") == 2 and '"annotator": "ann1"' in dest.read_text(encoding="utf-8")

    qtbot.keyClick(window.text_view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    from annotator.gui.dialogs.agreement_dashboard import AgreementDashboard

    dashboard = window.findChild(AgreementDashboard)
    qtbot.waitUntil(lambda: dashboard.report is not None, timeout=20000)
    assert "only ann1 has annotated" in dashboard.summary.text()
    dashboard.close()


def test_a_database_user_who_may_only_read_gets_a_read_only_window(qtbot, make_window, server_url):
    """No write grant: the window opens read-only with the server's reason (not "the disk is
    full" or "the file is read-only"), and an edit is refused with it."""
    import uuid

    import psycopg

    reader = f"reader_{uuid.uuid4().hex[:8]}"
    admin = server_url.replace(f":{PASSWORD}@", "@", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {reader} LOGIN")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {reader}")
    try:
        window = make_window(server_url.replace(f"postgres:{PASSWORD}@", f"{reader}:{PASSWORD}@", 1))
        assert window.project.readonly and window.session_lock is None
        assert window.read_only_reason == "this database user may not write the project"
        assert "[read-only]" in window.windowTitle() and PASSWORD not in window.windowTitle()
        start, end = find(SEED, "Prime Minister")
        drag(window.text_view, start, end)
        key(qtbot, window, Qt.Key.Key_O)
        assert span_at(stored_layer(server_url), start, end) is None
        assert "may not write" in (window.status.last_error or "")
        window.close()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP OWNED BY {reader}")
            conn.execute(f"DROP ROLE {reader}")


def test_a_server_refusing_writes_is_named_as_such():
    """The banner / "not saved" reason for a server's refusal, not "the disk is full" or a file's."""
    errors = pytest.importorskip("psycopg.errors")

    from annotator.gui.faults import write_failure_reason
    from annotator.store.locations import ServerLocation
    from annotator.store.postgresql.engine import POSTGRES

    where = ServerLocation("postgresql://ann1@db.example/corpus")
    for raw, reason in ((errors.InsufficientPrivilege("permission denied for table spans"),
                         "this database user may not write the project"),
                        (errors.DiskFull("could not extend file"), "the database server is out of space")):
        try:
            try:
                raise raw
            except errors.Error as exc:
                raise POSTGRES.storage_problem(where, exc) from None  # as Connection.write raises it
        except Exception as problem:  # noqa: BLE001
            assert write_failure_reason(problem) == reason
    assert write_failure_reason(errors.AdminShutdown("terminating connection")) == \
        "the connection to the database server was lost"


def test_an_edit_whose_commit_answer_is_lost_shows_saved_once_with_its_undo_step(qtbot, make_window, server_url):
    """The connection breaks as the edit's COMMIT goes out, after the server committed it (a proxy
    on 127.0.0.1 cuts it, tests/pg_proxy.py): the window says saved, shows the span and can undo
    it, and the key pressed again on the same words stores nothing more (before: "not saved",
    nothing shown, no undo step, and the second press stored the span twice)."""
    from pg_proxy import CuttingProxy

    proxy = CuttingProxy(server_url)
    try:
        window = make_window(proxy.url)
        start, end = find(SEED, "Prime Minister")
        drag(window.text_view, start, end)
        proxy.cut_next_commit("after")
        key(qtbot, window, Qt.Key.Key_O)
        assert proxy.fired.is_set()
        assert window.status.saved.text().startswith("saved") and window.history.stack.count() == 1
        assert span_at(window.session.layer, start, end, "ORG") is not None
        drag(window.text_view, start, end)
        key(qtbot, window, Qt.Key.Key_O)
        with Project.open(server_url, readonly=True) as p:
            stored = [s for s in p.layer(1, "ann1").spans.values() if (s.start, s.end, s.label) == (start, end, "ORG")]
            assert len(stored) == 1 and [h.kind for h in p.history(1, "ann1") if h.action == "do"] == ["AddSpan"]
        key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo, on the new connection
        assert span_at(stored_layer(server_url), start, end) is None
        window.close()
    finally:
        proxy.close()
