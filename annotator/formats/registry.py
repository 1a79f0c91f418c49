"""One table of formats: name -> reader and/or writer.

Adding a format = one new module in this package + one `register(...)` line in
`annotator/formats/__init__.py`. Readers yield `AnnotatedDocument`s (streaming; a
reader never holds the whole file); writers consume an iterable of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from threading import Event
from typing import Callable, Iterable, Iterator, Protocol

from ..core.errors import AnnotatorError, Cancelled, InputError
from ..core.model import AnnotatedDocument
from ..core.scheme import Scheme
from .io import is_stream, name_as_given, stream_copies, suffix_by_content


@dataclass
class ReadOptions:
    annotator: str | None = None  # layer name for formats that carry one unnamed layer
    text_column: str = "text"  # CSV
    id_column: str = "id"
    scheme: Scheme | None = None
    # The file's document ids are another tool's numbering (two doccano projects both count from
    # 1): documents are matched by their text, the id kept in meta as `file_id` (`_documents`).
    ignore_ids: bool = False
    # Readers append what they could not represent ("3 relations of type X skipped").
    warnings: list[str] = field(default_factory=list)


@dataclass
class WriteOptions:
    layer: str | None = None  # which annotator's layer to write (single-layer formats)
    only_done: bool = False
    scheme: Scheme | None = None
    progress: Callable[[int], None] | None = None
    warnings: list[str] = field(default_factory=list)


class Reader(Protocol):
    def __call__(self, path: Path, options: ReadOptions) -> Iterator[AnnotatedDocument]: ...


class Writer(Protocol):
    def __call__(self, documents: Iterable[AnnotatedDocument], path: Path, options: WriteOptions) -> int: ...


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    extensions: tuple[str, ...] = ()
    reader: Reader | None = None
    writer: Writer | None = None
    # Returns True when the file (or folder) looks like this format; used by --format auto. The
    # suffix is the one the file is judged by (`judged_suffix`).
    sniff: Callable[[Path, str], bool] | None = None
    writes_folder: bool = False
    single_layer: bool = True  # writer takes one layer (--layer); False = all layers


_FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    _FORMATS[fmt.name] = fmt
    return fmt


def get(name: str) -> Format:
    try:
        return _FORMATS[name]
    except KeyError:
        raise InputError(f"unknown format {name!r}; known formats: {', '.join(sorted(_FORMATS))}") from None


def all_formats() -> list[Format]:
    return list(_FORMATS.values())


def readable() -> list[str]:
    return [f.name for f in _FORMATS.values() if f.reader]


def writable() -> list[str]:
    return [f.name for f in _FORMATS.values() if f.writer]


def detect(path: Path) -> Format:
    """Pick the reader for a file by sniffing its content, then by its extension. A file that
    sniffs as an export-only format (PLOVER) is refused by name."""
    if is_stream(path):  # sniffing would consume what the reader needs (`io.stream_copies` first)
        raise InputError("cannot tell the format of a stream without reading it away", file=str(path),
                         hint=f"pass --format, one of: {', '.join(readable())}")
    suffix = judged_suffix(path)
    for fmt in _FORMATS.values():
        if fmt.reader is None and fmt.sniff:
            try:
                matched = fmt.sniff(path, suffix)
            except (OSError, ValueError, UnicodeDecodeError):
                matched = False
            if matched:
                raise export_only(fmt.name, path)
    for fmt in _FORMATS.values():
        if fmt.reader and fmt.sniff:
            try:
                if fmt.sniff(path, suffix):
                    return fmt
            except (OSError, ValueError, UnicodeDecodeError):
                continue
    # by name only by the file's own suffix: one judged by its content must be recognised by it
    # (a folder's `map.geojson` is skipped, not refused as native JSONL without a 'text')
    for fmt in _FORMATS.values():
        if fmt.reader and path.suffix.lower() in fmt.extensions:
            return fmt
    raise InputError(
        "cannot tell the format of this file",
        file=str(path),
        hint=f"pass --format, one of: {', '.join(readable())}",
    )


def judged_suffix(path: Path) -> str:
    """The suffix `--format auto` judges a file by: its own when a format is named by it (or for a
    folder), else the one its content shows when that is JSON (`io.suffix_by_content`). doccano
    1.x downloads its export as `file.json1`: refused by its name ("cannot tell the format"), the
    same bytes piped to `import -` were read as doccano. Only JSON content is judged so: a zlib
    stream with another name (a git object in a folder given to import) is no DocBin to try."""
    suffix = path.suffix.lower()
    if not path.is_file() or any(suffix in fmt.extensions for fmt in _FORMATS.values()):
        return suffix
    shown = suffix_by_content(path)
    return shown if shown in (".jsonl", ".json") else suffix


def export_only(name: str, path: Path | None = None) -> InputError:
    """The error for importing a format annotator only writes (PLOVER)."""
    shown = name.upper() if name == "plover" else name
    return InputError(f"{shown} is export-only: annotator writes {shown} records but cannot read them back",
                      file=str(path) if path else None,
                      hint=f"import the project's jsonl export instead; readable formats: {', '.join(readable())}")


def documents_to_import(fmt: Format, path: Path, options: ReadOptions,
                        cancel: Event | None = None, shown_as: Path | None = None) -> Iterator[AnnotatedDocument]:
    """What an import reads from `path` (the command line's and the window's): the reader's
    documents, refusing a file that holds none -- a blank file, an empty DocBin, a `[]` --
    where "imported 0 documents" would say nothing of what went wrong. Once `cancel` is set the
    next document raises Cancelled (the import's transaction rolls back); a cancel after the
    last document has been read changes nothing.

    A stream (`/dev/stdin`, a named pipe) is read from a copy (`io.stream_copies`: readers read
    their input more than once); `shown_as` is the name the user gave for a `path` that is such a
    copy already: errors, warnings and the documents' source name it, not the copy."""
    path = Path(path)
    if shown_as is None and is_stream(path):
        with stream_copies([path]) as copies:
            yield from documents_to_import(fmt, copies[path], options, cancel, shown_as=path)
        return
    if shown_as is None:
        yield from _documents(fmt, path, options, cancel)
        return
    copy, shown = str(path), str(shown_as)
    first_warning = len(options.warnings)
    try:
        for document in _documents(fmt, path, options, cancel):
            if document.source_file is not None:
                document.source_file = document.source_file.replace(copy, shown)
            yield document
    except AnnotatorError as exc:
        name_as_given(exc, path, shown_as)
        raise
    finally:
        options.warnings[first_warning:] = [w.replace(copy, shown) for w in options.warnings[first_warning:]]


def _documents(fmt: Format, path: Path, options: ReadOptions, cancel: Event | None) -> Iterator[AnnotatedDocument]:
    if fmt.reader is None:
        raise export_only(fmt.name, path)
    if _is_blank(path):
        raise InputError("the file is empty; nothing to import", file=str(path))
    count = 0
    for document in fmt.reader(path, options):
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        count += 1
        if options.ignore_ids and document.document.ext_id is not None:
            document.document.meta = {"file_id": document.document.ext_id, **document.document.meta}
            document.document.ext_id = None
        yield document
    if count == 0:
        raise InputError(f"the {'folder' if path.is_dir() else 'file'} holds no documents; nothing to import",
                         file=str(path))


def _is_blank(path: Path) -> bool:
    """An empty (or whitespace-only) file."""
    if not path.is_file() or path.stat().st_size > 1 << 20:
        return False
    return not path.read_bytes().strip(b" \t\r\n\xef\xbb\xbf")
