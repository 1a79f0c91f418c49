"""Import, export and pre-annotation run in a worker thread with progress and cancel."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.errors import Cancelled
from annotator.core.model import AnnotatedDocument, Document
from annotator.formats import WriteOptions, native
from annotator.gui.dialogs import preannotate as pre_dialog
from annotator.store import Project

pytestmark = pytest.mark.gui


def _corpus(path: Path, n: int) -> Path:
    docs = (AnnotatedDocument(Document(f"Document {i}: Egypt urged Israel to talk.", ext_id=f"new-{i}",
                                       title=f"new {i}")) for i in range(n))
    native.write(docs, path, WriteOptions())
    return path


def _wait(qtbot, dialog) -> tuple[str, object]:
    with qtbot.waitSignal(dialog.finished_with, timeout=20000) as blocker:
        pass
    return tuple(blocker.args)


def test_import_runs_in_a_worker_and_refreshes_the_list(qtbot, window, tmp_path, db_path):
    corpus = _corpus(tmp_path / "more.jsonl", 120)
    dialog = window.start_import(corpus, "jsonl")
    # The import holds the write lock: an edit meanwhile is refused at once, not left to freeze the GUI.
    window.session.select_range(0, 7)
    assert not window.editor.label("NORP") and "in progress" in window.status.last_error
    kind, imported = _wait(qtbot, dialog)
    assert kind == "ok" and imported.report.documents_added == 120 and imported.notes == []
    assert window.editor.label("NORP")
    assert window.doc_model.total == 123
    with Project.open(db_path, readonly=True) as p:
        assert p.count_documents() == 123


def test_cancelled_import_rolls_back(qtbot, window, tmp_path, db_path):
    corpus = _corpus(tmp_path / "more.jsonl", 3000)
    dialog = window.start_import(corpus, "jsonl")
    dialog.cancel_work()
    kind, _ = _wait(qtbot, dialog)
    assert kind == "cancelled"
    with Project.open(db_path, readonly=True) as p:
        assert p.count_documents() == 3
    assert window.status.last_error == "cancelled"


def test_a_bad_import_file_is_reported_not_raised(qtbot, window, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"text": 5}\n', encoding="utf-8")
    kind, message = _wait(qtbot, window.start_import(bad, "jsonl"))
    assert kind == "failed" and "bad.jsonl" in message and "line 2" in message
    assert window.status.last_error == message


def test_importing_a_work_package_says_to_merge_it_and_an_empty_file_says_it_is_empty(qtbot, window, tmp_path,
                                                                                         db_path):
    """The window's import follows the command line's rules (formats.documents_to_import,
    store.refuse_database_import)."""
    from annotator.store import team

    with Project.open(db_path) as p:
        team.assign(p, ["ann9"], per_doc=1, seed=0)
        team.package(p, "ann9", tmp_path / "ann9.db")
    kind, message = _wait(qtbot, window.start_import(tmp_path / "ann9.db", "auto"))
    assert kind == "failed" and "work package" in message and "merge" in message
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    kind, message = _wait(qtbot, window.start_import(empty, "spacy-json"))
    assert kind == "failed" and "no documents" in message
    with Project.open(db_path, readonly=True) as p:
        assert p.count_documents() == 3


def test_export_writes_the_annotators_layer(qtbot, window, tmp_path):
    window.session.select_range(0, 7)
    window.editor.label("NORP")
    out = tmp_path / "out.jsonl"
    kind, exported = _wait(qtbot, window.start_export(out, "jsonl", "ann1"))
    assert kind == "ok" and out.exists() and exported.count == 3  # every document, as `export --layer ann1`
    records = list(native.read(out, __import__("annotator.formats", fromlist=["ReadOptions"]).ReadOptions()))
    layer = records[0].layer("ann1")
    assert layer is not None and any(s.label == "NORP" for s in layer.spans.values())


@pytest.mark.parametrize("fmt", ["jsonl", "doccano"])
def test_the_windows_only_done_export_writes_what_the_command_writes_and_says_what_it_warns(
        qtbot, window, tmp_path, db_path, fmt):
    """One rule for "only done" (formats.selection.OnlyDone): the window wrote a document whose
    layer is in progress as a record without annotations (JSONL), and kept the command's warnings
    to itself."""
    from typer.testing import CliRunner
    from PySide6.QtWidgets import QApplication, QMessageBox

    from annotator.cli.main import app
    from annotator.core.edits import SetDocState

    window.session.select_range(0, 7)
    window.editor.label("NORP")  # document 1: in progress
    with Project.open(db_path) as p:
        p.apply(2, "ann1", SetDocState("todo", "done"))  # document 2: done, nothing in it
    out, by_command = tmp_path / "window.jsonl", tmp_path / "command.jsonl"
    kind, exported = _wait(qtbot, window.start_export(out, fmt, "ann1", only_done=True))
    assert kind == "ok" and exported.count == 1
    result = CliRunner().invoke(app, ["export", str(db_path), str(by_command), "--format", fmt, "--layer", "ann1",
                                      "--only-done"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == by_command.read_text(encoding="utf-8")
    assert exported.notes == ["1 document(s) have a 'ann1' layer that is not marked done and were not written; "
                              "drop --only-done or mark them done"]
    qtbot.waitUntil(lambda: any(box.objectName() == "exportNotes" and box.isVisible()
                                for box in QApplication.topLevelWidgets() if isinstance(box, QMessageBox)))
    kind, everything = _wait(qtbot, window.start_export(tmp_path / "all.jsonl", fmt, "ann1"))
    assert any("not marked done" in note for note in everything.notes) == (fmt != "jsonl")


def test_the_windows_only_done_export_with_nothing_done_fails_as_the_command_does_and_writes_nothing(
        qtbot, window, tmp_path):
    """An export that "only done" leaves empty is refused (formats.selection.OnlyDone), not written
    as an empty file under a success."""
    window.session.select_range(0, 7)
    window.editor.label("NORP")  # in progress; no document of ann1 is done
    out = tmp_path / "window.jsonl"
    kind, message = _wait(qtbot, window.start_export(out, "jsonl", "ann1", only_done=True))
    assert kind == "failed" and "no document has its 'ann1' layer marked done" in message
    assert not out.exists() and not list(tmp_path.glob(".window.jsonl*"))  # no temporary left either


def test_a_folder_imports_in_the_window_as_on_the_command_line(qtbot, window, tmp_path, db_path):
    """"Detect from the file" with a folder said "cannot tell the format of this file" in the
    window, and imported on the command line (formats.units.import_units, one rule)."""
    import json

    folder = tmp_path / "articles"
    (folder / "more").mkdir(parents=True)
    (folder / "a.txt").write_text("Egypt urged calm in Gaza.", encoding="utf-8")
    (folder / "more" / "b.txt").write_text("Jordan hosted talks in Amman.", encoding="utf-8")
    (folder / "c.jsonl").write_text(json.dumps({"id": "c", "text": "Qatar hosted talks in Doha."}) + "\n",
                                    encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with Project.open(db_path, readonly=True) as p:
        before = p.count_documents()
    kind, imported = _wait(qtbot, window.start_import(folder, "auto"))
    assert kind == "ok", imported
    assert imported.report.documents_added == 3
    assert any("skipped" in note and "photo.png" in note for note in imported.notes)
    with Project.open(db_path, readonly=True) as p:
        assert p.count_documents() == before + 3
        assert {"a", "more/b", "c"} <= {p.document(i).ext_id for i in range(1, before + 4)}


def test_long_work_asked_from_a_dialog_deleted_meanwhile_ends_cleanly(qtbot, window):
    """The window that asked gets the keys back when the work ends; asked from a dialog deleted
    on close meanwhile, asking it whether it was shown raised, and edits stayed blocked."""
    import threading

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    asker = QDialog(window)
    asker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    asker.show()
    go = threading.Event()
    dialog = window.run_task("Waiting", lambda progress, cancel: go.wait(5) and 1, lambda value: None,
                             holds_write_lock=True, asked_from=asker)
    asker.close()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(asker))
    go.set()
    kind, _ = _wait(qtbot, dialog)
    assert kind == "ok" and window.history.blocked is None


def test_after_pre_annotation_the_list_counts_the_open_documents_new_suggestions(qtbot, make_window, tmp_path):
    """A document opened before pre-annotation gets its suggestions when the work ends; the list,
    read before that, said "left 0" beside the status bar's "2 suggestions left"."""
    from annotator.core.model import Layer, Span
    from annotator.core.ids import new_id

    path = tmp_path / "fresh.db"
    with Project.create(path) as p:
        p.import_documents([AnnotatedDocument(Document("Israel attacked Gaza on Monday.", ext_id="a"))])
    window = make_window(path)
    assert window.session.doc_id == 1 and window.session.suggestions_left() == 0
    with Project.open(path) as p:  # what pre-annotation writes, from its worker's connection
        model = Layer("model")
        for start, end in ((0, 6), (16, 20)):
            model.add_span(Span(new_id(), start, end, "GPE", origin="model", status="suggested"))
        p.replace_layer(1, "model", model, kind="PreannotateRules")
    window.reload_documents()  # the end of pre-annotation in the window
    model = window.doc_model
    assert window.session.suggestions_left() == 2
    assert model.data(model.index(model.row_of(1), 3)) == "2"


def test_export_progress_counts_against_the_number_of_documents(qtbot, make_window, tmp_path, monkeypatch):
    """The export dialog counted with no total ("Exporting: 2000", a busy bar)."""
    from .helpers import record_task_progress

    path = tmp_path / "many.db"
    with Project.create(path) as p:
        p.import_documents(AnnotatedDocument(Document(f"Report {i} from Cairo.", ext_id=f"d{i}")) for i in range(120))
    window = make_window(path)
    seen = record_task_progress(monkeypatch)
    dialog = window.start_export(tmp_path / "all.jsonl", "jsonl", "ann1")
    kind, _ = _wait(qtbot, dialog)
    assert kind == "ok" and seen and all(total == 120 for _, total in seen)


def test_preannotate_runs_off_the_gui_thread_with_progress_and_cancel(qtbot, window, monkeypatch, db_path):
    seen: dict[str, object] = {}
    go = threading.Event()

    def fake_run(project, *, model=None, doc_ids=None, batch_size=64, progress=None, cancel=None):
        go.wait(5)
        seen["thread"] = threading.current_thread()
        seen["own_connection"] = project.conn is not window.project.conn
        progress(1, 3)
        if cancel.wait(5):
            raise Cancelled()
        return None

    monkeypatch.setattr(pre_dialog, "preannotate_runner", lambda: fake_run)
    monkeypatch.setattr("annotator.gui.main_window.preannotate_runner", lambda: fake_run)
    dialog = window.start_preannotate()
    # Loading spaCy and the models takes seconds (22 s on a busy machine): until the first count
    # the dialog says so instead of a bare "Pre-annotating".
    qtbot.waitUntil(lambda: "loading the pipeline" in dialog.labelText(), timeout=5000)
    go.set()
    qtbot.waitUntil(lambda: "1 of 3" in dialog.labelText(), timeout=5000)
    dialog.cancel_work()
    kind, _ = _wait(qtbot, dialog)
    assert kind == "cancelled"
    assert seen["thread"] is not threading.main_thread() and seen["own_connection"]


def test_escape_in_the_preannotate_dialog_gives_the_keys_back_to_the_window(qtbot, window, db_path):
    """Esc or Cancel left no window active: every shortcut was dead until a click."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from .conftest import SEED, find
    from .helpers import key, stored_layer

    key(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is not window)
    qtbot.keyClick(QApplication.activeWindow(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    start = find(SEED, "Blinken also")[0]
    window.session.select_range(start, start + 7)
    key(qtbot, window, Qt.Key.Key_L)
    assert any(span.label == "LOC" for span in stored_layer(db_path).spans.values())


def test_preannotate_missing_is_reported(qtbot, window, monkeypatch):
    monkeypatch.setattr("annotator.gui.main_window.preannotate_runner", lambda: None)
    assert window.preannotate() is None
    assert "not available" in window.status.last_error


@pytest.mark.slow
def test_real_preannotation_from_the_menu_action(qtbot, tmp_path):
    if pre_dialog.preannotate_runner() is None:
        pytest.skip("annotator.preannotate.run is not available")
    from .conftest import SEED

    path = tmp_path / "fresh.db"
    project = Project.create(path)
    project.import_documents([AnnotatedDocument(Document(SEED, ext_id="seed"))])
    project.close()
    from annotator.gui.app import build_window

    # Not opened yet: the model's suggestions are copied into a layer when it is first opened.
    window = build_window(path, annotator="ann1", open_document=False)
    qtbot.addWidget(window)
    kind, _ = _wait(qtbot, window.start_preannotate())
    assert kind == "ok"
    window.open_first_document()
    assert window.session.suggestions_left() > 10


def open_preannotate_dialog(qtbot, window, monkeypatch, fake_run):
    """File → Pre-annotate by its keys (Ctrl+Shift+P), with `fake_run` in place of the pipeline."""
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(pre_dialog, "preannotate_runner", lambda: fake_run)
    monkeypatch.setattr("annotator.gui.main_window.preannotate_runner", lambda: fake_run)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.text_view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    return next(w for w in QApplication.topLevelWidgets() if w.objectName() == "preannotateDialog" and w.isVisible())


def test_the_dialog_can_take_only_the_documents_never_pre_annotated(qtbot, window, monkeypatch):
    """File → Pre-annotate, tick "only documents never pre-annotated", OK: the run is asked for
    the new documents only (it always took every document)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    asked: dict[str, object] = {}

    def fake_run(project, *, doc_ids=None, progress=None, cancel=None, **which):
        from annotator.preannotate.runner import PreannotateReport

        asked.update(which)
        return PreannotateReport()

    dialog = open_preannotate_dialog(qtbot, window, monkeypatch, fake_run)
    qtbot.mouseClick(dialog.only_new, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    kind, _ = _wait(qtbot, window.tasks[-1])
    assert kind == "ok" and asked == {"only_new": True}


def test_what_the_scheme_has_no_place_for_is_said_after_pre_annotating(qtbot, window, monkeypatch):
    """File → Pre-annotate by keys, OK: the run left out argument roles the project's scheme lacks,
    and the window said only "N documents pre-annotated"."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    def fake_run(project, *, doc_ids=None, progress=None, cancel=None, **which):
        from annotator.preannotate.runner import PreannotateReport

        report = PreannotateReport(documents=1, total=1)
        report.skipped_roles["location"] += 3
        return report

    dialog = open_preannotate_dialog(qtbot, window, monkeypatch, fake_run)
    qtbot.keyClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.Key.Key_Space)
    kind, _ = _wait(qtbot, window.tasks[-1])
    assert kind == "ok"
    qtbot.waitUntil(lambda: "left out: argument roles location (3)" in (window.status.last_error or ""))


def test_a_document_opened_during_an_import_shows_at_once_and_gets_its_suggestions_after(qtbot, make_window,
                                                                                            tmp_path, monkeypatch):
    """Opening a document never opened before seeds it with the model's suggestions: a write,
    which waited 10 s for the import's lock and then escaped as a "busy" traceback."""
    import annotator.formats as formats

    from .conftest import SEED, model_layer

    path = tmp_path / "two.db"
    with Project.create(path) as project:
        project.import_documents([AnnotatedDocument(Document(SEED, ext_id=f"s{i}"), [model_layer(SEED)])
                                  for i in range(2)])
    window = make_window(path)
    assert window.session.doc_id == 1
    inside, go_on = threading.Event(), threading.Event()
    read = formats.documents_to_import

    def held_open(*args, **kwargs):  # the import waits, inside its transaction, after one document
        for n, doc in enumerate(read(*args, **kwargs)):
            if n == 1:
                inside.set()
                go_on.wait(20)
            yield doc

    monkeypatch.setattr(formats, "documents_to_import", held_open)
    dialog = window.start_import(_corpus(tmp_path / "more.jsonl", 3), "jsonl")
    assert inside.wait(20)
    window.open_document(2)
    assert window.session.doc_id == 2 and window.session.unseeded and not window.session.layer.spans
    assert "suggestions appear" in window.status.last_error
    window.status.last_error = ""
    window.open_document(1)  # opened (seeded) before the import: its suggestions are there, no note
    assert not window.session.unseeded and window.session.layer.spans
    assert "suggestions appear" not in window.status.last_error
    window.open_document(2)
    go_on.set()
    kind, _ = _wait(qtbot, dialog)
    assert kind == "ok"
    assert not window.session.unseeded and window.session.layer.spans  # seeded once the lock is free
    with Project.open(path, readonly=True) as project:
        assert window.session.layer.spans == project.layer(2, "ann1").spans


def test_export_asks_before_replacing_a_file_whose_name_was_typed(qtbot, window, tmp_path):
    """The file chooser asks before replacing a file; a name typed in the Export dialog replaced
    it without a word (the command line wants --force)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    from annotator.gui.dialogs.transfer import ExportDialog
    from annotator.gui.messages import return_focus_to

    from .helpers import click_choice

    existing = tmp_path / "existing.jsonl"
    existing.write_text("precious\n", encoding="utf-8")
    dialog = return_focus_to(ExportDialog(["ann1"], "ann1", window), window)  # as the window opens it
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    dialog.path.edit.setFocus()
    qtbot.keyClicks(dialog.path.edit, str(existing))
    qtbot.keyClick(dialog.path.edit, Qt.Key.Key_Return)
    click_choice(qtbot, dialog, "replaceExisting", "cancel")
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert existing.read_text(encoding="utf-8") == "precious\n"
    qtbot.keyClick(dialog.path.edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(dialog.accepted):
        click_choice(qtbot, window, "replaceExisting", "replace")
    assert dialog.values()[0] == existing
    fresh = ExportDialog(["ann1"], "ann1", window)  # a new name is taken without a question
    qtbot.addWidget(fresh)
    fresh.path.edit.setText(str(tmp_path / "new.jsonl"))
    with qtbot.waitSignal(fresh.accepted):
        fresh.accept()




@pytest.mark.parametrize("which", ["import", "export"])
def test_an_empty_path_is_refused_in_the_dialog_not_taken_for_the_working_folder(
        qtbot, window, tmp_path, monkeypatch, which):
    """Path("") is ".": the text format imported every .txt below the working folder (the window
    cannot delete documents), and a brat export failed with a raw OSError."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    from annotator.gui.dialogs.transfer import ExportDialog, ImportDialog

    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("Private notes, not news.", encoding="utf-8")
    dialog = ImportDialog(window) if which == "import" else ExportDialog(["ann1"], "ann1", window)
    if which == "import":
        dialog.format.setCurrentIndex(dialog.format.findData("text"))
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.path.edit.setFocus()
    qtbot.keyClicks(dialog.path.edit, "   ")
    qtbot.keyClick(dialog.path.edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.path.problem.text() == "give a file or folder"
    qtbot.keyClicks(dialog.path.edit, "x.jsonl")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.path.edit, Qt.Key.Key_Return)


def test_the_replace_question_and_the_export_name_the_same_file(qtbot, window, tmp_path):
    """A trailing space: the dialog asked about a.jsonl and wrote a new file "a.jsonl "."""
    from PySide6.QtCore import Qt

    from annotator.gui.dialogs.transfer import ExportDialog

    from .helpers import click_choice

    existing = tmp_path / "a.jsonl"
    existing.write_text("old\n", encoding="utf-8")
    dialog = ExportDialog(["ann1"], "ann1", window)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.path.edit.setFocus()
    qtbot.keyClicks(dialog.path.edit, f"{existing} ")
    qtbot.keyClick(dialog.path.edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(dialog.accepted):
        click_choice(qtbot, window, "replaceExisting", "replace")
    assert dialog.values()[0] == existing

def test_esc_on_a_progress_dialog_cancels_the_work(qtbot, window):
    """Esc did nothing: the progress dialog was not the active window, so Esc went on to the
    main window's "clear selection", and a long export ran to its end (and replaced the file)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDialog

    from annotator.gui.messages import return_focus_to

    def work(progress, cancel):
        while not cancel.wait(0.01):
            progress(1, 10)
        raise Cancelled()

    asking = return_focus_to(QDialog(window), window)  # as the Export dialog that asked for the work
    asking.open()
    asking.accept()  # it gives the main window its keys back, queued
    dialog = window.run_task("Exporting", work, lambda value: None)
    qtbot.waitUntil(dialog.isActiveWindow)  # yet the keys go to the progress dialog
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    kind, _ = _wait(qtbot, dialog)
    assert kind == "cancelled" and window.status.last_error == "cancelled"


def test_an_import_says_which_layer_foreign_annotations_went_into_and_reads_triggers_by_the_scheme(
        qtbot, window, tmp_path, db_path):
    """The command line prints the reader's notes ("went into the layer 'doccano'"); the window
    said only "imported 1 documents", and read without the project's scheme, so a label that is
    an event type of the scheme was an entity here and a trigger there."""
    import json

    from PySide6.QtWidgets import QApplication, QMessageBox

    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": "Hamas attacked Israel.", "label": [[0, 5, "ORG"], [6, 14, "ASSAULT"]]})
                    + "\n", encoding="utf-8")
    kind, imported = _wait(qtbot, window.start_import(path, "doccano"))
    assert kind == "ok" and imported.report.documents_added == 1
    assert any("layer 'doccano'" in note for note in imported.notes)
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)
               and w.objectName() == "importNotes")
    assert "layer 'doccano'" in box.text() and box.textFormat() == Qt.TextFormat.PlainText
    with Project.open(db_path, readonly=True) as project:
        doc = project.document_ids()[-1]
        layer = project.layer(doc, "doccano")
    assert sorted((s.label, s.layer) for s in layer.spans.values()) == [("ASSAULT", "trigger"), ("ORG", "entity")]


def test_the_import_dialog_can_match_documents_by_text_ignoring_the_files_ids(qtbot, window, tmp_path, db_path):
    """Another tool's numbering clashing with the project's ids ("document id ... is already in the
    project with a different text") had no way on in the window."""
    import json

    from annotator.gui.dialogs.transfer import ImportDialog

    with Project.open(db_path, readonly=True) as p:
        taken, before = p.document(1).ext_id, p.count_documents()
    path = tmp_path / "other_tool.jsonl"
    path.write_text(json.dumps({"id": taken, "text": "Oman hosted talks in Muscat."}) + "\n", encoding="utf-8")
    kind, message = _wait(qtbot, window.start_import(path, "jsonl"))
    assert kind == "failed" and "match by text" in str(message)
    dialog = ImportDialog(window)
    qtbot.mouseClick(dialog.ignore_ids, Qt.MouseButton.LeftButton)
    values = dialog.values()
    assert values[3] is True
    kind, imported = _wait(qtbot, window.start_import(path, "jsonl", *values[2:]))
    assert kind == "ok", imported
    with Project.open(db_path, readonly=True) as p:
        assert p.count_documents() == before + 1 and p.document(before + 1).meta["file_id"] == taken
