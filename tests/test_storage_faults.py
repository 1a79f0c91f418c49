"""A full disk and a read-only place are named as such, change nothing, and reading still works
(issue 16, item 7). Real filesystems: a small tmpfs filled up, and one remounted read-only.
Mounting needs root (CI runs as root; root also ignores file modes, hence a read-only mount
rather than chmod); elsewhere these tests are skipped, saying why."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core import AddSpan, ReadOnlyStorage, Span, StorageFull, new_id
from annotator.store import Project

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()
MISLEADING = ("damaged", "not an annotator project", "Traceback")


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def volume(tmp_path):
    """A 1 MB tmpfs of our own, unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small test filesystem needs root")
    mount_point = tmp_path / f"vol-{uuid.uuid4().hex[:6]}"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def _project(folder: Path) -> Path:
    path = folder / "p.db"
    assert cli("init", path).exit_code == 0
    data = folder.parent / "docs.jsonl"
    data.write_text(json.dumps({"id": "a1", "text": "Iran warned Israel on Tuesday."}) + "\n", encoding="utf-8")
    assert cli("import", path, data).exit_code == 0
    return path


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 1024)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def _reading_works(path: Path, out: Path) -> None:
    for args in (("stats", path), ("check", path), ("export", path, out)):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.output)
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["id"] == "a1"


def test_a_full_disk_is_named_nothing_changes_and_reading_works(volume, tmp_path):
    path = _project(volume)
    window = Project.open(path)  # opened before the disk filled up, like a running app
    filler = _fill(volume)
    try:
        with pytest.raises(StorageFull, match="is full"):
            window.apply(1, "ann1", AddSpan(Span(new_id(), 0, 4, "GPE")))
        assert window.layer(1, "ann1").spans == {}
    finally:
        window.close()
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"id": "b2", "text": "Hamas fired rockets. " * 400}) + "\n", encoding="utf-8")
    result = cli("import", path, more)
    assert result.exit_code == 2
    assert "is full" in result.output and not any(word in result.output for word in MISLEADING)
    _reading_works(path, tmp_path / "dump.jsonl")
    with pytest.raises(StorageFull):  # at opening (no room for the -shm file) or at the first write
        with Project.open(path) as p:
            p.add_time(1, "ann1", 5)
    fallback = Project.open(path, or_read_only=True)
    assert fallback.readonly and isinstance(fallback.cannot_write, StorageFull)
    with pytest.raises(StorageFull):
        fallback.add_time(1, "ann1", 5)
    fallback.close()
    result = cli("init", volume / "new.db")
    assert result.exit_code == 2 and "is full" in result.output
    assert not (volume / "new.db").exists()
    filler.unlink()
    with Project.open(path) as p:
        assert p.count_documents() == 1 and p.layer(1, "ann1").spans == {} and p.check() == []


def test_a_read_only_place_is_named_nothing_changes_and_reading_works(volume, tmp_path):
    path = _project(volume)
    remount = subprocess.run(["mount", "-o", "remount,ro", str(volume)], capture_output=True, text=True)
    if remount.returncode != 0:
        pytest.skip(f"cannot remount read-only: {remount.stderr.strip()}")
    _reading_works(path, tmp_path / "dump.jsonl")
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"id": "b2", "text": "Hamas fired rockets."}) + "\n", encoding="utf-8")
    result = cli("import", path, more)
    assert result.exit_code == 2
    assert "read-only place" in result.output and not any(word in result.output for word in MISLEADING)
    with pytest.raises(ReadOnlyStorage):
        Project.open(path)
    with Project.open(path, or_read_only=True) as p:
        assert p.readonly and isinstance(p.cannot_write, ReadOnlyStorage)
        assert p.open_layer(1, "ann1").spans == {}  # opening a document writes nothing
        with pytest.raises(ReadOnlyStorage):
            p.apply(1, "ann1", AddSpan(Span(new_id(), 0, 4, "GPE")))
    assert sorted(f.name for f in volume.iterdir()) == ["p.db"]


def test_a_read_of_a_read_only_project_does_not_keep_it_read_only(tmp_path):
    """`stats` on a project made read-only (chmod 444) left -wal/-shm files with that mode; once
    the project was writable again every write failed as "a read-only place" until the user
    found and deleted the -shm file by hand. Run without root's power over permissions."""
    import shutil
    import sys

    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv (util-linux) is needed to drop root's permission bypass")
    as_user = [setpriv, "--inh-caps=-all", "--bounding-set=-all", sys.executable, "-m", "annotator.cli.main"]
    path = tmp_path / "R.db"
    Project.create(path).close()
    corpus = tmp_path / "one.jsonl"
    corpus.write_text('{"id": "a", "text": "Talks resumed in Cairo."}\n', encoding="utf-8")
    path.chmod(0o444)
    read = subprocess.run([*as_user, "stats", str(path)], capture_output=True, text=True)
    assert read.returncode == 0, read.stderr
    path.chmod(0o644)
    write = subprocess.run([*as_user, "import", str(path), str(corpus)], capture_output=True, text=True)
    assert write.returncode == 0, write.stdout + write.stderr
    with Project.open(path, readonly=True) as p:
        assert p.count_documents() == 1
