"""`import` and `export`: move documents and layers between files and a project."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, List, Optional

import typer

from ..core.errors import InputError
from ..core.model import MODEL, AnnotatedDocument
from ..formats import (
    Format,
    ReadOptions,
    WriteOptions,
    detect,
    documents_to_import,
    get,
    readable,
    writable,
)
from ..formats.io import is_stream, name_as_given, standard_stream, stream_copies, what_writing_replaces
from ..formats.selection import OnlyDone
from ..formats.units import import_units
from ..store import Project, refuse_database_import, refuse_writing_over_project
from ..store.bulk import ImportReport
from ..store.roles import check_may_read, hidden_layers, layers_with_work
from . import ui
from .args import project_argument
from .ranges import DOCS_HELP, select_documents


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
    app.command("export")(export)


def _units(paths: list[Path], fmt_name: str, project: str) -> Iterator[tuple[Path, str]]:
    """(path, format) pairs, one per transaction: a file, or a folder its format reads whole."""
    for path in paths:
        if path.is_file():
            refuse_database_import(path, project)
        yield from import_units(path, fmt_name, skipped=lambda child: ui.warn(
            f"skipped {child}: not a format annotator reads"))


@ui.handle_errors
def import_(
    project: str = project_argument("Project file or PostgreSQL URL (create it with `annotator init`)"),
    paths: List[Path] = typer.Argument(..., help="Files or folders: .txt, JSONL, CSV, and the formats below; "
                                       "- (or /dev/stdin) reads standard input"),
    fmt: str = typer.Option("auto", "--format", "-f",
                            help=f"auto (recognise from the file), or one of: {', '.join(readable())}"),
    annotator: Optional[str] = typer.Option(None, "--annotator", "-a",
                                            help="Layer name for annotations that carry no annotator."),
    text_column: str = typer.Option("text", "--text-column", help="CSV column that holds the text."),
    add_labels: bool = typer.Option(False, "--add-labels",
                                    help="Add labels the scheme lacks instead of refusing the file."),
    atomic: bool = typer.Option(False, "--all-or-nothing",
                                help="One transaction for all PATHS (default: one per file)."),
    ignore_ids: bool = typer.Option(False, "--ignore-ids",
                                    help="Match documents by their text, not by the file's ids (another tool's "
                                         "numbering: two doccano projects both count from 1); the id is kept in "
                                         "meta as file_id."),
) -> None:
    """Import documents (and any annotations they carry). Bad input is refused whole, per file."""
    paths = [STANDARD_INPUT if str(path) == "-" and not path.exists() else path for path in paths]
    with stream_copies(paths) as copies:
        _import(project, [copies.get(path, path) for path in paths], {copy: path for path, copy in copies.items()},
                fmt, annotator, text_column, add_labels, atomic, ignore_ids)


STANDARD_INPUT = Path("/dev/stdin")  # what `-` names among the paths (a file named "-" is that file)
STANDARD_OUTPUT = Path("/dev/stdout")  # what `-` names as export's OUT


def _import(project: str, paths: list[Path], shown: dict[Path, Path], fmt: str, annotator: Optional[str],
            text_column: str, add_labels: bool, atomic: bool, ignore_ids: bool = False) -> None:
    """`import_` once every stream among the paths is a file (`stream_copies`); `shown` gives the
    name the user gave for each such copy, the one every message names."""
    try:
        units = list(_units(paths, fmt, project))
    except InputError as exc:
        for copy, path in shown.items():
            name_as_given(exc, copy, path)
        raise
    total = ImportReport()
    # Ctrl+C stops at the next document, which rolls the file back; once every document is read,
    # the import completes. (Raised at any moment, it could land after the commit -- a large
    # import's checkpoint takes a second -- and say "rolled back" of documents that are in.)
    with Project.open(project) as p, \
            ui.cancel_on_interrupt("stopping at the next document: a file not yet complete is rolled back "
                                  "(Ctrl+C again to abort)") as cancel:
        def run_unit(path: Path, fmt_name: str, update) -> ImportReport:  # type: ignore[no-untyped-def]
            options = ReadOptions(annotator=annotator, text_column=text_column, scheme=p.scheme,
                                  ignore_ids=ignore_ids)
            given = shown.get(path)
            if fmt == "auto":
                ui.info(f"{given or path}: reading as {fmt_name}")
            report = p.import_documents(documents_to_import(get(fmt_name), path, options, cancel, shown_as=given),
                                        progress=update, source=str(given or path), add_labels=add_labels)
            for warning in options.warnings:
                ui.warn(f"{given or path}: {warning}")
            return report

        with ui.progress("importing") as update:
            if atomic:
                with p.write():
                    reports = [run_unit(path, name, update) for path, name in units]
            else:
                reports = []
                for done, (path, name) in enumerate(units):
                    try:
                        reports.append(run_unit(path, name, update))
                    except BaseException:  # a bad file, a full disk, Ctrl+C: say what did get in
                        if done:
                            names = ", ".join(str(shown.get(u, u)) for u, _ in units[:min(done, 3)]) + \
                                (" …" if done > 3 else "")
                            ui.warn(f"{done} file(s) before {shown.get(path, path)} were imported ({names}); "
                                    "importing again skips them")
                        raise
        where = p.path
        if cancel.is_set():  # pressed once every document was read: the import completed
            ui.warn("Ctrl+C came after the last document was read: nothing was rolled back, the import "
                    "completed (annotator stats shows it)")
        for report in reports:
            for key in ("documents_added", "duplicates", "layers_added", "layers_skipped", "spans", "events"):
                setattr(total, key, getattr(total, key) + getattr(report, key))
            total.duplicate_examples += report.duplicate_examples
            total.labels_added += report.labels_added
    ui.ok(f"imported {total.documents_added} document(s), {total.layers_added} layer(s), "
          f"{total.spans} span(s), {total.events} event(s) into {where}")
    if total.duplicates:
        examples = ", ".join(list(dict.fromkeys(total.duplicate_examples))[:5])  # each document once
        ui.info(f"  {total.duplicates} document(s) were already in the project (or earlier in the file) and "
                "were not duplicated"
                f" (e.g. {examples})")
    if total.layers_skipped:
        ui.info(f"  {total.layers_skipped} layer(s) skipped: that annotator already has work on the document")
    if total.labels_added:
        ui.info(f"  labels added to the scheme: {', '.join(total.labels_added)}")


@ui.handle_errors
def export(
    project: str = project_argument(),
    out: Path = typer.Argument(..., help="Output file (or folder for brat); - (or /dev/stdout) writes standard output"),
    fmt: str = typer.Option("jsonl", "--format", "-f", help=f"One of: {', '.join(writable())}"),
    layer: Optional[str] = typer.Option(None, "--layer", "-l",
                                        help="Annotator layer to write (gold, model, or a name). "
                                        "jsonl writes every layer unless given; other formats take the "
                                        "only layer with work when there is one."),
    only_done: bool = typer.Option(False, "--only-done", help="Only layers whose document is marked done."),
    docs: Optional[str] = typer.Option(None, "--docs", help=DOCS_HELP),
    force: bool = typer.Option(False, "--force", help="Replace OUT if it exists (a brat folder whole)."),
) -> None:
    """Export documents and annotations (jsonl = the native dump of every layer; it imports back as it was, rejected suggestions left out)."""
    if str(out) == "-" and not out.exists():  # as import reads standard input from `-`
        out = STANDARD_OUTPUT
    if standard_stream(out) == 1:
        ui.data_on_stdout()
    if fmt not in writable():  # (an unknown name listed what only import reads: "csv" was offered)
        raise InputError(f"format {fmt!r} cannot be exported" if fmt in readable() else f"unknown export format {fmt!r}",
                         hint=f"use one of {', '.join(writable())}")
    fmt_obj = get(fmt)
    _check_target(out, force)
    refuse_writing_over_project(project, out)
    with Project.open(project, readonly=True) as p:
        if layer is not None:
            p.require_layer(layer)
        names = p.annotator_names()
        # A hidden layer (an annotator's database user in blind mode) would be written empty, and
        # "every layer" / "the only layer with work" cannot be told: refused (docs/server.md).
        visible = [n for n in names if n not in hidden_layers(p)]
        check_may_read(p, [layer] if layer is not None else None,
                       outcome="an export would write {them} empty or leave {them} out; nothing was written",
                       hint=f"export a layer you can read with --layer ({', '.join(visible)}), or connect as "
                            "the database's owner or a lead's user to export every layer")
        if layer is not None:
            _refuse_a_layer_without_work(p, layer)
        if fmt_obj.single_layer and layer is None:
            layer = _only_layer_with_work(p, fmt)
        doc_ids = select_documents(p, docs)
        total = len(doc_ids) if doc_ids is not None else p.count_documents()
        options = WriteOptions(layer=layer, only_done=only_done, scheme=p.scheme)
        documents: Iterator[AnnotatedDocument] = p.iter_annotated([layer] if layer else None, doc_ids=doc_ids)
        not_done = OnlyDone()
        if only_done:
            documents = not_done.keep_done(documents, layer)
        with ui.progress(f"exporting {fmt}", total) as update:
            options.progress = update
            count = fmt_obj.writer(documents, out, options)
    for warning in options.warnings:
        ui.warn(warning)
    if not_done.left_out:
        ui.warn(not_done.message(layer))
    if count and not is_stream(out):  # a pipe read again would wait for more input
        _warn_if_unrecognised(out, fmt_obj)
    ui.ok(f"wrote {count} document(s) to {out} ({fmt})")


def _warn_if_unrecognised(out: Path, fmt: Format) -> None:
    """An export named so that `import --format auto` would not read it back as written (e.g.
    `x.txt` for Prodigy): say so now, not when the file comes back. Asks `detect` itself, so
    the warning follows whatever import recognises."""
    if fmt.reader is None:
        return  # export-only (PLOVER): import refuses it whatever its name
    try:
        found: Optional[str] = detect(out).name
    except InputError:
        found = None
    if found == fmt.name:
        return
    seen = f"it would read it as {found}" if found else "it cannot tell its format"
    named = f" or name it *{fmt.extensions[0]}" if fmt.extensions and not fmt.writes_folder else ""
    ui.warn(f"`annotator import` will not recognise {out} as {fmt.name} ({seen}); "
            f"import it with --format {fmt.name}{named}")


def _check_target(out: Path, force: bool) -> None:
    """Never overwrite a user's file unasked; never create a folder they may have mistyped."""
    if not out.parent.is_dir():
        raise InputError(f"the folder {out.parent} does not exist; nothing was written",
                         hint="create it first, or check the path")
    what = what_writing_replaces(out)
    if what is not None and not force:
        raise InputError(f"{out} already exists ({what}); nothing was written",
                         hint="pass --force to replace it, or choose another name")


def _only_layer_with_work(p: Project, fmt: str) -> str:
    """The layer a single-layer format writes when --layer is not given: the only one with work,
    or else the only one with a person's work (a pre-annotated project always has the model's)."""
    working = layers_with_work(p)
    if len(working) == 1:
        ui.info(f"writing the {working[0]!r} layer (the only one with work)")
        return working[0]
    people = [name for name in working if name != MODEL]
    if len(people) == 1:
        ui.info(f"writing the {people[0]!r} layer (the only one with a person's work; "
                f"--layer {MODEL} writes the suggestions)")
        return people[0]
    if not working:
        # e.g. a Prodigy or doccano text classification import: its labels are the documents' own
        raise InputError(f"--format {fmt} writes a layer's spans and events, and no layer has work yet; nothing "
                         "was written", hint="labels of whole documents (imported categories) are in the "
                                             "documents' meta: --format jsonl writes them")
    raise InputError(f"--format {fmt} writes one layer; pass --layer (layers with work: {', '.join(working)})")


def _refuse_a_layer_without_work(p: Project, layer: str) -> None:
    """A layer nobody has worked on (gold before adjudication, an annotator who only opened
    documents) would be written as 0 documents, or as bare texts, under a "wrote" that looks
    like success."""
    working = layers_with_work(p)
    if layer not in working:
        raise InputError(f"the {layer!r} layer holds no work yet (no span, event or document moved on from "
                         "to do): there is nothing of it to export",
                         hint=f"layers with work: {', '.join(working)}" if working else "no layer has work yet")
