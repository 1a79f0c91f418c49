"""Shared reading and writing helpers: strict UTF-8 lines with numbers, JSON lines with
clear errors, and files written atomically (a cancelled export never leaves half a file)."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator

from ..core.errors import AnnotatorError, InputError

try:
    import fcntl
except ImportError:  # Windows: no flock, so a killed writer's temporaries are left for the user
    fcntl = None  # type: ignore[assignment]

# A temporary beside its target: `.NAME.` + mkstemp's 8 random characters + `.part` or `.old`.
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.(?:part|old)\Z")
# A temporary this young is never swept, locked or not: it may be one another writer has just
# made and not yet locked.
_SWEEP_AFTER_SECONDS = 60

MAX_LINE_BYTES = 64 * 1024 * 1024  # one JSON line bigger than this is refused, not read into memory


def read_text(path: Path) -> str:
    """The whole file as text: strict UTF-8, a leading BOM dropped, nothing else changed."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", file=str(path)) from None
    return decode(raw, path)


def decode(raw: bytes, path: Path, first_line: int = 1) -> str:
    if raw.startswith(b"\xef\xbb\xbf") and first_line == 1:
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + raw[: exc.start].count(b"\n")
        raise InputError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", file=str(path), line=line,
            hint="save the file as UTF-8",
        ) from None


def raw_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(byte offset, raw line) for each line, undecoded; a line is read up to MAX_LINE_BYTES + 1
    bytes at a time, so an over-long one is never held whole (callers check the length)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", file=str(path)) from None
    with handle:
        position = 0
        while True:
            raw = handle.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            yield position, raw
            position += len(raw)


def numbered_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line, decoded strictly as UTF-8; BOM dropped."""
    for number, (_offset, raw) in enumerate(raw_lines(path), 1):
        if len(raw) > MAX_LINE_BYTES:
            raise InputError(f"line is longer than {MAX_LINE_BYTES // 2**20} MB", file=str(path), line=number)
        yield number, decode(raw, path, number)


_DECODER = json.JSONDecoder()


def json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line of a JSONL file (strict UTF-8, BOM dropped).

    One loop rather than json over `numbered_lines` over `raw_lines`: this runs once per
    document of the largest imports, so the per-line cost counts."""
    loads, raw_decode = json.loads, _DECODER.raw_decode
    for number, (_offset, raw) in enumerate(raw_lines(path), 1):
        if len(raw) > MAX_LINE_BYTES:
            raise InputError(f"line is longer than {MAX_LINE_BYTES // 2**20} MB", file=str(path), line=number)
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = decode(raw, path, number)  # raises with the line and byte
        if number == 1 and line.startswith("\ufeff"):
            line = line[1:]
        try:
            try:  # json.loads without its wrapper's two whitespace scans, for a line that starts with
                value, end = raw_decode(line)  # its value and ends after it
                if end != len(line) and line[end:].strip():
                    raise ValueError("extra data")
            except ValueError:
                value = loads(line)  # the general path, and its error message
        except json.JSONDecodeError as exc:
            if not line.strip():
                continue
            if exc.pos >= len(line.rstrip()) or exc.msg.startswith("Unterminated"):
                problem = "truncated JSON: the line ends before the object is complete"
            else:
                problem = f"invalid JSON: {exc.msg} (column {exc.colno})"
            raise InputError(problem, file=str(path), line=number) from None
        except RecursionError:
            raise InputError("JSON nested too deeply", file=str(path), line=number) from None
        if type(value) is not dict:
            raise InputError(f"each line must be a JSON object, found {type(value).__name__}",
                             file=str(path), line=number)
        yield number, value


# How many records of a JSONL file the sniffers look at: a file's first record can be a plain
# input ({"text": ...}) that every tool writes, and the task that tells the tool apart comes later.
SNIFF_RECORDS = 20


def first_json_object(path: Path) -> dict[str, Any] | None:
    """The first JSON object of a JSONL file, or None (used to sniff formats)."""
    head = first_json_objects(path, 1)
    return head[0] if head else None


def first_json_objects(path: Path, limit: int = SNIFF_RECORDS) -> list[dict[str, Any]]:
    """Up to `limit` leading JSON objects of a JSONL file (blank lines skipped), to sniff a format
    on more than one record; stops at the first line that is not a JSON object."""
    found: list[dict[str, Any]] = []
    with path.open("rb") as handle:
        for _ in range(limit + 50):
            raw = handle.readline(MAX_LINE_BYTES)
            if not raw or len(found) >= limit:
                break
            if not raw.strip():
                continue
            try:
                value = json.loads(raw.decode("utf-8-sig"))
            except ValueError:
                break  # a pretty-printed or broken file: the records read so far decide
            if not isinstance(value, dict):
                break
            found.append(value)
    return found


def dumps_line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) + "\n"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _need_parent(path: Path) -> None:
    """A missing folder is the user's typo more often than a wish: say so, create nothing."""
    if not path.parent.is_dir():
        raise InputError(f"the folder {path.parent} does not exist; nothing was written",
                         hint="create it first, or check the path")


_STANDARD_STREAM = re.compile(r"/dev/(stdout|stderr)|/dev/fd/(\d+)|/proc/self/fd/(\d+)")
_STANDARD_INPUT = ("/dev/stdin", "/dev/fd/0", "/proc/self/fd/0")


def standard_stream(path: Path) -> int | None:
    """The open file descriptor a path names (/dev/stdout, /dev/fd/3, /proc/self/fd/1), or None.
    Written through that descriptor, wherever it leads: `annotator export P /dev/stdout >> all.jsonl`
    appends to all.jsonl, as the shell was asked -- opened anew by name, the file would be
    truncated (or, being a file, refused as "already exists")."""
    match = _STANDARD_STREAM.fullmatch(str(path))
    if match is None:
        return None
    fd = {"stdout": 1, "stderr": 2}[match[1]] if match[1] else int(match[2] or match[3])
    try:
        os.fstat(fd)
    except OSError:
        return None  # not open in this process: the path is taken as a file name
    return fd


def is_stream(path: Path) -> bool:
    """A named pipe, a character device or a standard stream (/dev/stdout, a FIFO a reader
    waits on): written straight into, never replaced by a file."""
    if standard_stream(path) is not None:
        return True
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


@contextmanager
def stream_copies(paths: Iterable[Path]) -> Iterator[dict[Path, Path]]:
    """{stream: a file copy of it} for the streams among `paths` (a pipe: `cat f.jsonl |
    annotator import w.db /dev/stdin`, `-`; a named pipe; a character device), read once, here.
    A stream can be read only once, and import reads its input more than once: the format is
    recognised from the first records, Prodigy's and doccano's readers make a first pass (which
    annotators signed the tasks, which lines answer the same text) and Prodigy seeks back to the
    other tasks of a text. Each copy is a regular file under the stream's own name (`stdin`) in a
    private temporary folder -- what a reader takes from a name (the `.tsv` separator, a text's
    id) stays as it was -- and is deleted when the block ends; anything else is not in the dict.
    A name without a suffix (`/dev/stdin`) gets the one its content shows (`suffix_by_content`)."""
    copies: dict[Path, Path] = {}
    folder: Path | None = None
    try:
        for path in paths:
            path = Path(path)
            # Standard input redirected from a file (`- < f.jsonl`) is no stream, but its name says
            # nothing of its format: copied too, and named by its content below.
            if path in copies or path.is_dir() or not (is_stream(path) or str(path) in _STANDARD_INPUT):
                continue
            if folder is None:
                folder = Path(tempfile.mkdtemp(prefix="annotator-import-"))
            copy = folder / str(len(copies)) / (path.name or "stdin")
            copy.parent.mkdir()
            try:
                fd = standard_stream(path)
                source = os.fdopen(os.dup(fd), "rb") if fd is not None else open(path, "rb")
                with source, open(copy, "wb") as out:
                    shutil.copyfileobj(source, out, 1 << 20)
            except OSError as exc:
                raise InputError(f"cannot read it into a temporary copy ({copy.parent}): {exc.strerror}",
                                 file=str(path), hint="save it to a file and import the file") from None
            if not copy.suffix:  # `/dev/stdin`: named for what it holds, so `--format auto` can tell
                named = copy.with_name(copy.name + suffix_by_content(copy))
                copy = copy.rename(named) if named != copy else copy
            copies[path] = copy
        yield copies
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def name_as_given(exc: AnnotatorError, copy: Path, given: Path) -> None:
    """Make `exc` name `given` (what the user typed: `/dev/stdin`) where it names its file copy
    (`stream_copies`): the copy is gone when the message is read."""
    old, new = str(copy), str(given)
    if exc.file is not None:
        exc.file = exc.file.replace(old, new)
    exc.message = exc.message.replace(old, new)
    if exc.hint is not None:
        exc.hint = exc.hint.replace(old, new)


def suffix_by_content(path: Path) -> str:
    """The suffix `--format auto` goes by, for a stream that has none: JSON lines (or a
    pretty-printed object) `.jsonl`, a JSON array `.json`, a zlib stream (a spaCy DocBin)
    `.spacy`; "" for anything else (plain text and CSV look alike: `--format` says which)."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if head[:1] == b"\x78" and head[1:2] in (b"\x01", b"\x5e", b"\x9c", b"\xda"):
        return ".spacy"
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    if start[:1] == b"{":
        return ".jsonl"
    # "[Reuters] Biden met Xi" is text, not a JSON array: it was read as spaCy's JSON and refused
    # as "invalid JSON"
    return ".json" if re.match(rb"\[\s*(?:[\[{\]]|$)", start) else ""


def sniffed_suffix(path: Path, suffix: str | None) -> str:
    """The suffix a format's sniffer judges `path` by: the one `registry.detect` gives it (a file
    whose suffix no format is named by is judged by its content: `registry.judged_suffix`), else
    the file's own."""
    return path.suffix.lower() if suffix is None else suffix


def what_writing_replaces(path: Path) -> str | None:
    """"a file" or "a folder" when writing to `path` would replace something there (to be asked
    first: --force on the command line, a question in the window); None for a new name, an
    empty folder, or a stream written into (/dev/stdout, a named pipe)."""
    path = Path(path)
    if is_stream(path) or not path.exists():
        return None
    if path.is_dir():
        return "a folder" if any(path.iterdir()) else None
    return "a file"


def _real_target(path: Path) -> Path:
    """Where writing to `path` should land: a symlink's target (replacing the link by a file
    would leave the target as it was), refusing what is neither a file, a folder nor a stream
    (a socket, a block device)."""
    path = Path(path)
    if is_stream(path):
        return path  # opened as named (/dev/stdout -> /proc/self/fd/1 -> "pipe:[…]" is no path)
    if path.is_symlink():
        try:
            path = path.resolve()
        except RuntimeError:  # Python's "Symlink loop from …"
            raise InputError(f"{path} is a symlink that leads round in a loop; nothing was written",
                             hint="choose another name, or mend the link") from None
    if path.exists() and not (path.is_file() or path.is_dir()):
        raise InputError(f"{path} is not a regular file or folder; nothing was written",
                         hint="choose a file name")
    return path


@contextmanager
def atomic_file(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Write to a temporary file beside `path` and move it in place only on success. The
    file gets the modes the user's umask gives new files (mkstemp's are private: 0600).
    A symlink's target is written (the link stays); a pipe or a character device is written
    into directly (there is nothing to replace)."""
    path = _real_target(path)
    if path.is_dir():
        raise InputError(f"{path} is a folder; this format is written to one file, so nothing was written",
                         hint="give a file name, e.g. a name inside that folder")
    kwargs = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
    fd = standard_stream(path)
    if fd is not None:
        with os.fdopen(os.dup(fd), mode, **kwargs) as handle:  # its own descriptor: ours stays open
            yield handle
        return
    if is_stream(path):
        with open(path, mode, **kwargs) as handle:
            yield handle
        return
    _need_parent(path)
    with temporary_beside(path, folder=False) as tmp:
        try:
            with open(tmp, mode, **kwargs) as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise


def refuse_replacing_other_files(path: Path, ours: Callable[[Path], bool], what: str) -> None:
    """Replacing a folder whole is for an earlier output of the same kind: a folder that also
    holds other files (a project, a thesis, someone's data) is refused, naming them, with
    nothing deleted -- `--force` / `--overwrite` say "replace my old export", not "delete this".
    `ours` is asked about each file's path inside the folder."""
    if not path.is_dir():
        return
    others = sorted(str(f.relative_to(path)) for f in path.rglob("*")
                    if f.is_file() and not ours(f.relative_to(path)))
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        raise InputError(f"{path} holds files that are not {what} ({shown}); replacing the folder would "
                         "delete them, so nothing was written", hint="choose a new or empty folder")


@contextmanager
def atomic_folder(path: Path, ours: Callable[[Path], bool], what: str) -> Iterator[Path]:
    """Fill a temporary folder beside `path`; on success it takes `path`'s place whole (an
    older folder there is removed: no stale file of an earlier export stays beside the new
    ones; the caller has made sure replacing it was asked for). An existing folder holding a
    file that is not `ours` (what this writer writes: `what`) is refused first. A symlink to a
    folder: the folder it points to is replaced, the link stays."""
    path = _real_target(path)
    _need_parent(path)
    if path.exists() and not path.is_dir():
        raise InputError(f"{path} exists and is not a folder")
    refuse_replacing_other_files(path, ours, what)
    with temporary_beside(path, folder=True) as tmp:
        try:
            yield tmp
            replace_folder(tmp, path)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise


def replace_folder(new: Path, path: Path) -> None:
    """Move the folder `new` to `path`. An older folder there is swapped out whole first and
    deleted after; if the swap fails half-way, the old one is put back. The folder gets the
    modes the user's umask gives new folders (mkdtemp's are private, 0700: a team's shared
    drive could not read an export or a trained model)."""
    os.chmod(new, 0o777 & ~_umask())
    if not path.exists():
        os.replace(new, path)
        return
    with temporary_beside(path, folder=True, suffix=".old") as old:
        os.replace(path, old / "previous")
        try:
            os.replace(new, path)
        except BaseException:
            os.replace(old / "previous", path)
            raise
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def temporary_beside(path: Path, *, folder: bool, suffix: str = ".part") -> Iterator[Path]:
    """A new, empty temporary file or folder `.NAME.xxxxxxxx.part` beside `path`, locked while
    the block runs; the caller moves it into place or removes it. The lock is what tells it
    from the temporaries of a writer that was killed (kill -9, a power cut), which are
    swept here first (`sweep_abandoned`): they were left to pile up, each up to an export's
    size."""
    sweep_abandoned(path)
    if folder:
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent))
    else:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
        os.close(fd)
        tmp = Path(name)
    lock = _lock(tmp)
    try:
        yield tmp
    finally:
        if lock is not None:
            os.close(lock)


def sweep_abandoned(path: Path) -> list[Path]:
    """Delete the temporaries of earlier writes to `path` that no live writer holds (see
    `temporary_beside`) and that are over a minute old. Returns what was deleted."""
    if fcntl is None:
        return []
    swept = []
    try:
        siblings = list(os.scandir(path.parent))
    except OSError:
        return []
    for entry in siblings:
        found = _TEMPORARY.match(entry.name)
        if not found or found["name"] != path.name or entry.is_symlink():
            continue
        try:
            if time.time() - entry.stat().st_mtime < _SWEEP_AFTER_SECONDS:
                continue
        except OSError:
            continue
        lock = _lock(Path(entry.path))
        if lock is None:
            continue  # a live writer's, or not ours to open
        try:
            if entry.is_dir():
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
            swept.append(Path(entry.path))
        except OSError:
            pass
        finally:
            os.close(lock)
    return swept


def _lock(tmp: Path) -> int | None:
    """An open descriptor holding an exclusive flock on `tmp` (a file or a folder), or None when
    another process holds it, it cannot be opened, or the system has no flock. The lock lasts
    until the descriptor is closed, however the temporary is written meanwhile."""
    if fcntl is None:
        return None
    try:
        fd = os.open(tmp, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def safe_child(folder: Path, name: str) -> Path:
    """`folder / name`, refusing names that would escape the folder (../, absolute paths)."""
    candidate = (folder / name).resolve()
    if folder.resolve() not in candidate.parents and candidate != folder.resolve():
        raise InputError(f"refusing to write {name!r}: it would land outside {folder}")
    return folder / name
