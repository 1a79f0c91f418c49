"""CSV: one document per row. `--text-column` names the text column (default `text`);
`id` and `title` columns are used when present, every other column goes into `meta`.
A `.tsv` file is read the same way, its fields separated by tabs (`delimiter_of`)."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Iterator

from ..core.errors import InputError
from ..core.model import AnnotatedDocument, Document
from .io import read_text, sniffed_suffix
from .registry import ReadOptions


def read(path: Path, options: ReadOptions) -> Iterator[AnnotatedDocument]:
    # Decoded up front so invalid UTF-8 is reported with its line before anything is parsed.
    text = read_text(path)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    # strict: a quote never closed was read as one field running to the end of the file (every
    # later row inside it) and imported without a word
    delimiter = delimiter_of(path)
    kind = "TSV" if delimiter == "\t" else "CSV"
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        columns = reader.fieldnames or []
    except csv.Error as exc:
        raise InputError(f"not readable as {kind}: {exc}", file=str(path), line=1) from None
    if options.text_column not in columns:
        raise InputError(
            f"no column named {options.text_column!r} (columns: {_listed(columns)})",
            file=str(path), line=1, hint=_missing_column_hint(columns, delimiter),
        )
    line = 1
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                raise InputError("row has more fields than the header", file=str(path), line=line)
            body = row.get(options.text_column)
            if body is None:
                raise InputError("row has fewer fields than the header", file=str(path), line=line)
            ext_id = row.get(options.id_column) or None
            meta = {k: v for k, v in row.items() if k not in (options.text_column, options.id_column, "title")}
            yield AnnotatedDocument(
                Document(text=body, ext_id=ext_id, title=row.get("title") or "", meta=meta),
                source_file=str(path), source_line=line,
            )
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):  # the row that opened the quote, not the file's end
            raise InputError("a quoted field is never closed (a \" without its closing \")",
                             file=str(path), line=line + 1) from None
        # the row being read
        raise InputError(f"not readable as {kind}: {exc}", file=str(path), line=line + 1) from None


def delimiter_of(path: Path) -> str:
    """A `.tsv` is tab-separated: read with csv's default comma, each of its lines would be one
    column, and the file refused for lacking a text column it has."""
    return "\t" if path.suffix.lower() == ".tsv" else ","


def _missing_column_hint(columns: list[str], delimiter: str) -> str:
    """A header read as one column that holds the other separator is a file named for the wrong
    one (tabs in a .csv, commas in a .tsv): naming the right column would not help, renaming does."""
    other = "," if delimiter == "\t" else "\t"
    if len(columns) == 1 and other in columns[0]:
        if other == "\t":
            return "the header is separated by tabs: name the file .tsv"
        return "the header is separated by commas, not tabs: name the file .csv"
    return "pass --text-column NAME"


def sniff(path: Path, suffix: str | None = None) -> bool:
    return path.is_file() and sniffed_suffix(path, suffix) in (".csv", ".tsv")


def _listed(columns: list[str], most: int = 12, width: int = 40) -> str:
    """The columns a message names: a few, each cut short (a JSON line read as CSV made a
    "column" of every comma-separated piece of an article: a 4 kB message)."""
    shown = [name if len(name) <= width else name[:width - 1] + "…" for name in columns[:most]]
    more = f" and {len(columns) - most} more" if len(columns) > most else ""
    return (", ".join(shown) + more) or "none"

