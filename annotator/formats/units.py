"""What one path given to import holds, as (path, format) units read one at a time: the command
line's `annotator import` and the window's Import (a folder of .txt files in "detect from the file"
said "cannot tell the format of this file" in the window, and imported on the command line)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ..core.errors import InputError
from .registry import detect, get


def import_units(path: Path, fmt_name: str = "auto",
                 skipped: Callable[[Path], None] = lambda _path: None) -> Iterator[tuple[Path, str]]:
    """(path, format name) for each unit `path` holds: itself, in the format given or recognised;
    a folder a format reads whole (brat) as that format; another folder as its .txt files (one
    unit, ids relative to the folder) and each other file it can recognise, `skipped(child)` for
    each it cannot. A folder with nothing to read is refused: "imported 0 documents" would not say
    what went wrong."""
    if not path.exists():
        raise InputError(f"{path} does not exist")
    if fmt_name != "auto":
        yield path, get(fmt_name).name
        return
    if not path.is_dir():
        yield path, detect(path).name
        return
    try:
        whole = detect(path).name  # formats that read whole folders (brat) claim them here
    except InputError:
        whole = None
    if whole is not None:
        yield path, whole
        return
    children = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    found = any(child.suffix.lower() == ".txt" for child in children)
    if found:
        yield path, "text"
    for child in children:
        if child.suffix.lower() == ".txt":
            continue
        try:
            fmt = detect(child)
        except InputError:
            skipped(child)
            continue
        found = True
        yield child, fmt.name
    if not found:
        raise InputError("the folder holds no file annotator reads (.txt, JSONL, CSV, a spaCy "
                         "DocBin, brat …); nothing to import", file=str(path))
