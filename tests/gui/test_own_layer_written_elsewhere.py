"""The annotator's own layer of the open document, written by something else -- an import of it
(in this window, or `annotator import` in another process) -- is shown as stored. Before, the
window kept the seeded suggestions the import had replaced: the imported work was invisible and
every accept or reject was refused ("span ... is not in ann1's layer (was it deleted?)")."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from annotator.store import Project

from .conftest import SEED, find
from .helpers import key, stored_layer


def spans(layer):
    return sorted((s.start, s.end, s.label, s.status) for s in layer.spans.values())


def own_layer_file(tmp_path: Path) -> tuple[Path, tuple[int, int]]:
    a, b = find(SEED, "Blinken")
    record = {"id": "seed", "title": "Netanyahu meets Blinken", "text": SEED,
              "annotations": [{"annotator": "ann1", "state": "in_progress", "events": [], "spans": [
                  {"id": 1, "start": a, "end": b, "label": "PERSON", "layer": "entity",
                   "origin": "human", "status": "accepted"}]}]}
    source = tmp_path / "ann1.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return source, (a, b)


def then_the_annotator_works_on(qtbot, window, db_path) -> None:
    assert spans(window.session.layer) == spans(stored_layer(db_path))
    assert "changed elsewhere" in window.statusBar().currentMessage()
    window.text_view.setFocus()
    g = find(SEED, "Gaza")
    window.session.select_range(*g)
    key(qtbot, window, Qt.Key.Key_G)  # a label key: stored, and shown with the imported span
    assert spans(window.session.layer) == spans(stored_layer(db_path))
    assert (g[0], g[1], "GPE", "accepted") in spans(stored_layer(db_path))
    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo works from there
    assert spans(window.session.layer) == spans(stored_layer(db_path))


def test_an_import_in_this_window_shows_the_layer_it_wrote(qtbot, window, db_path, tmp_path):
    assert len(window.session.layer.spans) == 5  # the seeded suggestions, untouched
    source, (a, b) = own_layer_file(tmp_path)
    window.start_import(source)  # what OK in File > Import does
    qtbot.waitUntil(lambda: not window.tasks, timeout=20000)
    assert spans(stored_layer(db_path)) == [(a, b, "PERSON", "accepted")]  # the import replaced the copy
    then_the_annotator_works_on(qtbot, window, db_path)


def test_an_import_by_another_process_reaches_the_open_document(qtbot, window, db_path, tmp_path):
    source, (a, b) = own_layer_file(tmp_path)
    done = subprocess.run([sys.executable, "-m", "annotator.cli.main", "import", str(db_path), str(source)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    window.live.poll()  # what the timer does every few seconds
    then_the_annotator_works_on(qtbot, window, db_path)


def test_others_changes_leave_the_open_layer_and_its_history_alone(qtbot, window, db_path):
    key(qtbot, window, Qt.Key.Key_Tab)
    key(qtbot, window, Qt.Key.Key_Return)  # an edit of ann1's, undoable
    with Project.open(db_path) as p:  # ann2 works on the same document meanwhile
        layer = p.open_layer(1, "ann2")
        from annotator.core import accept
        p.apply(1, "ann2", accept(next(iter(layer.spans.values()))))
    window.live.poll()
    assert "changed elsewhere" not in window.statusBar().currentMessage()
    assert window.history.stack.canUndo()
