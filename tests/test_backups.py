"""Guarantees 5 and 6 (docs/reliability.md): backups (before migrations, daily, by command),
restore, the integrity check of damaged files, and refusing files of a newer version."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlite_utils import Database
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core.edits import AddEvent, AddSpan, Batch
from annotator.core.errors import ProjectError
from annotator.core.ids import new_id
from annotator.core.model import AnnotatedDocument, Argument, Document, Event, Span
from annotator.store import Project, backups, sessions
from annotator.store import rows as R
from annotator.store.sqlite import backup as sqlite_backup
from annotator.store.schema import known_migration_names, migrations
from crash_support import content_digest, make_project

runner = CliRunner()


def _cli(*args: str):
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _errors(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("error:")]


def _add_event(p: Project, doc: int = 1, annotator: str = "ann1") -> tuple[int, int, int]:
    """An entity span, a trigger span and an event using both; returns their ids."""
    entity, trigger = Span(new_id(), 0, 5, "GPE"), Span(new_id(), 6, 14, "ASSAULT", "trigger")
    event = Event(new_id(), trigger.id, "ASSAULT", arguments=[Argument("source", entity.id)])
    p.apply(doc, annotator, Batch([AddSpan(entity), AddSpan(trigger), AddEvent(event)]))
    return entity.id, trigger.id, event.id


def _file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _kept(folder: Path) -> list[Path]:
    return [p for p in folder.glob("work.db.replaced-*") if not p.name.endswith(("-wal", "-shm"))]


def _checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


# ---------------------------------------------------------------- backup and restore (CLI)


def test_a_backup_or_restore_sweeps_the_temporaries_killed_copies_left(tmp_path):
    """A backup killed with SIGKILL left `.copy.db.<pid>.part` (the project's size, 280 MB in a
    probe) that no later run removed; a killed restore left its own."""
    import os
    import subprocess

    path = tmp_path / "work.db"
    make_project(path)
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = [tmp_path / f".copy.db.{gone.pid}.part", tmp_path / f".copy.db.{gone.pid}.part-journal",
             tmp_path / f"..restored.db.restoring.{gone.pid}.part"]
    young = tmp_path / f".copy.db.{gone.pid + 1}.part"  # may be a copy just started: kept
    other = tmp_path / f".notes.txt.{gone.pid}.part"  # not a copy to this name: kept
    for file in (*stale, young, other):
        file.write_bytes(b"x" * 1000)
    for file in (*stale, other):
        os.utime(file, (time.time() - 3600, time.time() - 3600))
    assert _cli("backup", path, tmp_path / "copy.db").exit_code == 0
    assert _cli("restore", tmp_path / "copy.db", tmp_path / "restored.db").exit_code == 0
    assert not any(file.exists() for file in stale)
    assert young.exists() and other.exists()


def test_restore_replaces_a_project_file_and_nothing_else(tmp_path):
    """With --force, restore moved aside and replaced whatever it was given -- /dev/full (by a
    regular file), a text file, another program's database, the backup itself -- and called it
    "the current project". A project too damaged to open is still replaced."""
    import os

    path = tmp_path / "work.db"
    make_project(path)
    backup = tmp_path / "copy.db"
    assert _cli("backup", path, backup).exit_code == 0
    text = tmp_path / "notes.txt"
    text.write_text("precious", encoding="utf-8")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for target, said in ((text, "not a SQLite database"), (other, "another program's database"),
                         (pipe, "a folder or a device"), (tmp_path, "a folder or a device"),
                         (backup, "the backup itself"), (tmp_path / "nope" / "w.db", "does not exist")):
        result = _cli("restore", backup, target, "--force")
        assert result.exit_code == 2 and said in _errors(result)[0], (target, result.output)
    assert text.read_text(encoding="utf-8") == "precious" and not list(tmp_path.glob("*.replaced-*"))
    assert not (tmp_path / "nope").exists()
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(path.read_bytes()[:4096] + b"\xff" * 8192)
    assert _cli("restore", backup, damaged, "--force").exit_code == 0
    assert content_digest(damaged) == content_digest(path)


def test_backup_command_makes_a_sound_copy_and_never_overwrites(tmp_path):
    path = tmp_path / "work.db"
    make_project(path)
    with Project.open(path) as p:
        _add_event(p)
    result = _cli("backup", path)
    assert result.exit_code == 0, result.output
    (copy,) = tmp_path.glob("work.db.*.bak")
    assert content_digest(copy) == content_digest(path)
    result = _cli("backup", path, copy)
    assert result.exit_code == 2 and "already exists" in _errors(result)[0]
    # The copy is one self-contained file (no -wal needed to read it).
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_restore_brings_back_the_backup_and_keeps_the_replaced_file(tmp_path):
    path = tmp_path / "work.db"
    make_project(path)
    with Project.open(path) as p:
        _add_event(p)
    bak = tmp_path / "good.bak"
    assert _cli("backup", path, bak).exit_code == 0
    backed_up = content_digest(path)
    with Project.open(path) as p:  # later work, then the user decides to go back
        _add_event(p, doc=2)
    later = content_digest(path)
    result = _cli("restore", bak, path)
    assert result.exit_code == 2 and "--force" in _errors(result)[0]
    assert content_digest(path) == later
    result = _cli("restore", bak, path, "--force")
    assert result.exit_code == 0, result.output
    assert content_digest(path) == backed_up
    (kept,) = _kept(tmp_path)
    assert content_digest(kept) == later  # nothing of the replaced file is lost
    with Project.open(path) as p:
        assert p.check() == []


@pytest.mark.parametrize("damage", ["bytes", "event_without_trigger"])
def test_restore_refuses_a_damaged_backup(tmp_path, damage):
    path = tmp_path / "work.db"
    make_project(path, n_docs=30)
    with Project.open(path) as p:
        _, trigger, _ = _add_event(p)
    bak = tmp_path / "bad.bak"
    assert _cli("backup", path, bak).exit_code == 0
    if damage == "bytes":
        _corrupt_index_page(bak)
    else:
        conn = sqlite3.connect(bak)
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM spans WHERE id = ?", (trigger,))
        conn.commit()
        conn.close()
    before = content_digest(path)
    result = _cli("restore", bak, path, "--force")
    assert result.exit_code == 2
    (line,) = _errors(result)
    assert "damaged" in line
    assert content_digest(path) == before
    assert _kept(tmp_path) == []


def test_restore_over_a_damaged_project_keeps_it_for_inspection(tmp_path):
    path = tmp_path / "work.db"
    make_project(path, n_docs=30)
    bak = tmp_path / "good.bak"
    assert _cli("backup", path, bak).exit_code == 0
    _checkpoint(path)
    _corrupt_index_page(path)
    damaged = _file_sha(path)
    result = _cli("restore", bak, path, "--force")
    assert result.exit_code == 0, result.output
    (kept,) = _kept(tmp_path)
    assert _file_sha(kept) == damaged
    with Project.open(path) as p:
        assert p.check() == [] and p.count_documents() == 30


def test_restore_is_refused_while_the_project_is_open_for_editing(tmp_path):
    path = tmp_path / "work.db"
    make_project(path)
    bak = tmp_path / "good.bak"
    assert _cli("backup", path, bak).exit_code == 0
    with Project.open(path) as p:
        lock = sessions.acquire(p, "ann1")
        result = _cli("restore", bak, path, "--force")
        assert result.exit_code == 2 and "open for editing" in _errors(result)[0]
        lock.release()
    assert _cli("restore", bak, path, "--force").exit_code == 0


# ---------------------------------------------------------------- daily backups


def test_daily_backup_once_a_day_rotating_and_made_while_someone_writes(tmp_path):
    path = tmp_path / "work.db"
    make_project(path)
    with Project.open(path) as p:
        _add_event(p)
        # Another connection holds an open write transaction during the backup.
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO meta (key, value) VALUES ('uncommitted', 'x')")
        first = backups.daily_backup(p)
        other.execute("ROLLBACK")
        other.close()
        assert first is not None and first.parent == tmp_path / "work.db.backups"
        assert content_digest(first) == content_digest(path)
        assert backups.daily_backup(p) is None  # today's exists already
        start = dt.date(2026, 1, 1)
        for day in range(10):
            assert backups.daily_backup(p, keep=7, today=start + dt.timedelta(days=day)) is not None
        kept = backups.daily_backups(p)
        assert len(kept) == 7
        assert kept[-1].name.endswith(".daily-2026-01-10.bak") or kept[-1] == first
        names = [k.name for k in kept]
        assert "work.db.daily-2026-01-01.bak" not in names and "work.db.daily-2026-01-10.bak" in names
    with Project.open(first, readonly=True) as b:
        assert b.check() == []


def test_backup_copy_is_atomic(tmp_path, monkeypatch):
    """A failure while writing a backup leaves no file that looks like a backup."""
    path = tmp_path / "work.db"
    make_project(path)
    with Project.open(path) as p:
        def full_disk(src, dst):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(sqlite_backup.os, "replace", full_disk)
        with pytest.raises(ProjectError, match="No space left"):
            backups.daily_backup(p)
        monkeypatch.undo()
        assert list((tmp_path / "work.db.backups").iterdir()) == []
        assert backups.daily_backup(p) is not None


# ---------------------------------------------------------------- check on damaged files


def _corrupt_index_page(path: Path) -> None:
    """Overwrite the cells of an index's root page (the file still opens; integrity_check fails)."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents' "
                        "AND sql IS NOT NULL ORDER BY name LIMIT 1").fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size + 200)
        handle.write(bytes(range(256)) * ((page_size - 400) // 256))


def test_check_is_quiet_on_a_sound_project(tmp_path):
    path = tmp_path / "work.db"
    make_project(path)
    result = _cli("check", path, "--deep")
    assert result.exit_code == 0 and "sound" in result.output


def _damage(path: Path, kind: str) -> str:
    """Damage the project one way; returns a phrase `annotator check` must print."""
    with Project.open(path) as p:
        entity, trigger, event = _add_event(p)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    expected = ""
    if kind == "trigger_deleted":
        conn.execute("DELETE FROM spans WHERE id = ?", (trigger,))
        expected = f"event {event} of document 1 has no trigger span"
    elif kind == "argument_span_deleted":
        conn.execute("DELETE FROM spans WHERE id = ?", (entity,))
        expected = f"event {event} has argument span {entity} that is missing"
    elif kind == "span_past_text":
        length = conn.execute("SELECT text_len FROM documents WHERE id = 1").fetchone()[0]
        conn.execute('UPDATE spans SET "end" = ? WHERE id = ?', (length + 5, entity))
        expected = f"span {entity} of document 1 has offsets [0, {length + 5}) outside its text"
    conn.commit()
    conn.close()
    if kind == "bytes":
        _checkpoint(path)
        _corrupt_index_page(path)
        expected = "SQLite integrity"
    return expected


@pytest.mark.parametrize("kind", ["bytes", "trigger_deleted", "argument_span_deleted", "span_past_text"])
def test_check_reports_damage_and_how_to_repair(tmp_path, kind):
    path = tmp_path / "work.db"
    make_project(path, n_docs=30)
    expected = _damage(path, kind)
    result = _cli("check", path)
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert "To repair:" in result.output and "annotator restore" in result.output
    with Project.open(path, readonly=True) as p:
        assert any(expected in problem for problem in p.check())


def test_a_file_too_damaged_to_open_is_one_clear_error(tmp_path):
    path = tmp_path / "work.db"
    make_project(path, n_docs=30)
    _checkpoint(path)
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:  # the schema page itself, after the file header
        handle.seek(100)
        handle.write(b"\xff" * (page_size - 100))
    for command in (["check", path], ["stats", path], ["export", path, path.with_suffix(".jsonl")]):
        result = _cli(*command)
        assert result.exit_code == 2, result.output
        (line,) = _errors(result)
        assert "damaged" in line or "not an annotator project" in line


def test_export_of_a_file_damaged_mid_read_is_one_clear_error(tmp_path):
    path = tmp_path / "work.db"
    make_project(path, n_docs=30)
    _checkpoint(path)
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'documents'").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:  # every page after the documents table's root: its leaves
        for page in range(root + 1, pages):
            handle.seek((page - 1) * page_size + 8)
            handle.write(b"\x7f" * 64)
    result = _cli("export", path, tmp_path / "out.jsonl")
    assert result.exit_code in (1, 2), result.output
    if result.exit_code == 2:
        assert len(_errors(result)) == 1


# ---------------------------------------------------------------- versions


def _older_file(path: Path) -> None:
    """A project as the first release wrote it: only migration m001, with a document and a span."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.apply(Database(conn), stop_before=known_migration_names()[1])
    template = Project.create(path.with_name("template.db"))
    old = Project(conn, path)
    with old.write():
        for key, value in template.conn.execute("SELECT key, value FROM meta"):
            old.connection.set_meta(key, value)
        old.annotator_id("model", "model")
    template.close()
    old.import_documents([AnnotatedDocument(Document("Israel attacked Iran.", ext_id="d1"))])
    # The span and its audit row in the columns of m001 (today's `apply` writes columns that later
    # migrations added: m005's edit_token, m006's writer).
    span, ann_id, ts = Span(7, 0, 6, "GPE"), old.annotator_id("ann1"), "2025-01-01T00:00:00.000+00:00"
    with old.write():
        old.conn.execute(R.SPAN_INSERT, R.span_values(span, 1, ann_id, ts))
        old.conn.execute("INSERT INTO audit (ts, annotator_id, doc_id, action, edit_kind, payload) "
                         "VALUES (?, ?, 1, 'do', 'AddSpan', ?)", (ts, ann_id, R.dumps(AddSpan(span).to_payload())))
    conn.close()


def test_an_older_file_is_backed_up_then_migrated(tmp_path):
    if len(known_migration_names()) < 2:
        pytest.skip("only one migration exists")
    path = tmp_path / "old.db"
    _older_file(path)
    before = content_digest(path)
    with Project.open(path) as p:
        assert [m.name for m in migrations.applied(p.db)] == known_migration_names()
        assert p.layer(1, "ann1").spans[7].label == "GPE"
        # an edit written before audit rows named their writer is its layer's annotator's to undo
        assert p.undo_state(1, "ann1", by="ann1") == ([AddSpan(Span(7, 0, 6, "GPE"))], [])
        lock = sessions.acquire(p, "ann1")  # the new tables work
        lock.release()
        applied = p.apply(1, "ann1", AddSpan(Span(new_id(), 16, 20, "GPE")))  # a new one, with its token
        tokens = p.conn.execute("SELECT id, edit_token FROM audit ORDER BY id").fetchall()
        assert tokens[0][1] is None and tokens[-1][0] == applied.audit_id and tokens[-1][1] is not None
    (bak,) = tmp_path.glob("old.db.pre-migration-*.bak")
    assert content_digest(bak) == before  # the copy is the file as it was before migrating
    conn = sqlite3.connect(bak)
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")] == known_migration_names()[:1]
    conn.close()
    # Opened again: nothing pending, no further backup.
    with Project.open(path):
        pass
    assert len(list(tmp_path.glob("old.db.pre-migration-*.bak"))) == 1


def test_an_older_file_is_not_migrated_read_only(tmp_path):
    if len(known_migration_names()) < 2:
        pytest.skip("only one migration exists")
    path = tmp_path / "old.db"
    _older_file(path)
    before = _file_sha(path)
    with pytest.raises(ProjectError, match="schema upgrade"):
        Project.open(path, readonly=True)
    assert _file_sha(path) == before
    assert list(tmp_path.glob("old.db.pre-migration-*")) == []


def test_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "work.db"
    make_project(path)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                  "VALUES ('annotator', 'm999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    _checkpoint(path)
    before = _file_sha(path)
    for readonly in (False, True):
        with pytest.raises(ProjectError) as info:
            Project.open(path, readonly=readonly)
        assert "newer version" in str(info.value) and "m999_from_the_future" in str(info.value)
        assert "upgrade annotator" in str(info.value)
    result = _cli("stats", path)
    assert result.exit_code == 2 and "newer version" in _errors(result)[0]
    assert _file_sha(path) == before
    assert list(tmp_path.glob("work.db.pre-migration-*")) == []


def test_backup_file_of_a_running_write_is_consistent(tmp_path):
    """Backups taken while another thread streams edits are always sound."""
    path = tmp_path / "work.db"
    make_project(path)
    stop = threading.Event()

    def edit() -> None:
        with Project.open(path) as writer:
            while not stop.is_set():
                _add_event(writer, doc=2, annotator="ann2")

    thread = threading.Thread(target=edit)
    thread.start()
    try:
        time.sleep(0.1)
        with Project.open(path, readonly=True) as reader:
            for i in range(5):
                copy = reader.backup(tmp_path / f"b{i}.bak")
                with Project.open(copy, readonly=True) as b:
                    assert b.check() == []
                    spans = b.conn.execute("SELECT count(*) FROM spans").fetchone()[0]
                    events = b.conn.execute("SELECT count(*) FROM events").fetchone()[0]
                    assert spans == 2 * events  # whole edits only
    finally:
        stop.set()
        thread.join()


def test_paths_with_uri_characters_work_read_only(tmp_path):
    """Read-only opens go through a file: URI; ?, # and % in a name must not cut it."""
    folder = tmp_path / "odd #1 100%"
    folder.mkdir()
    path = folder / "work?.db"
    make_project(path)
    copy = folder / "copy#?.bak"
    assert _cli("backup", path, copy).exit_code == 0
    result = _cli("check", copy)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "copy#?.bak", "work?.db"]
