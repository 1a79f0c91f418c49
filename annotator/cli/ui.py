"""Console output for the CLI: short coloured messages, progress bars, errors without tracebacks."""

from __future__ import annotations

import functools
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..core.errors import AnnotatorError, Cancelled
from ..store.errors import describe_database_error, is_database_error
from ..store.locations import masked_in

class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader went away (`annotator agreement P | head`): what it wanted it has, so the
        command ends as `export P - | head` does, exit 0 -- rich's own ends with exit 1."""
        try:
            super().on_broken_pipe()  # (standard output to /dev/null: nothing more is written)
        except SystemExit:
            raise typer.Exit(0) from None


console = _Console(highlight=False, soft_wrap=True)
err_console = _Console(stderr=True, highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def data_on_stdout() -> None:
    """The command writes its data to standard output (`export P /dev/stdout`): its messages go
    to standard error from now on, or "✓ wrote …" would end up inside the data."""
    global console
    console = err_console


def ok(message: str) -> None:
    console.print(f"[green]✓[/green] {escape(message)}")


def info(message: str) -> None:
    console.print(escape(message))


def warn(message: str) -> None:
    err_console.print(f"[yellow]warning:[/yellow] {escape(message)}")


def error(message: str) -> None:
    err_console.print(f"[bold red]error:[/bold red] {escape(message)}")


def print_table(table: Any) -> None:
    """A table on standard output. Piped or redirected, it keeps its natural width: rich would
    squeeze it into 80 columns, cutting a long document title's neighbours to nothing ("┃  ┃┃┃")
    and labels to "CO…". In a terminal it fits the window, as rich does."""
    if console.is_terminal:
        console.print(table)
        return
    from rich.measure import Measurement

    natural = Measurement.get(console, console.options.update_width(1_000_000), table).maximum
    width = console.width
    console.width = max(width, natural)
    try:
        console.print(table)
    finally:
        console.width = width


def escape(text: str) -> str:
    """A message as printed: rich markup escaped, and the password of any PostgreSQL URL in it
    hidden (a URL given where a file was expected was printed whole, as a path)."""
    from rich.markup import escape as rich_escape

    return rich_escape(masked_in(text))


def handle_errors(func: F) -> F:
    """Turn user errors into one line + exit 2, Ctrl+C into exit 130; never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with _ended_by_signal():
                return func(*args, **kwargs)
        except Ended as exc:
            # "the step was rolled back" would be wrong when the signal lands just after a commit
            # (a large import's checkpoint takes a second): what was committed stays
            error(f"stopped by {exc.name}; what was saved stays (a step it cut off before its commit was "
                  "rolled back; `annotator stats` shows what is in) and no half-written output was kept")
            raise typer.Exit(128 + exc.signum) from None
        except AnnotatorError as exc:
            error(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except (KeyboardInterrupt, Cancelled):
            error("cancelled; everything saved before stays, the interrupted step was rolled back, and "
                  "no half-written output was kept (a file or folder it would have replaced is as it was)")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None
        except Exception as exc:
            if isinstance(exc, OSError) and not is_database_error(exc):
                # A folder that cannot be written, a full disk: one line naming where.
                error(describe_os_error(exc))
                raise typer.Exit(2) from None
            if not is_database_error(exc):
                raise
            # A project damaged (or locked, or a server gone) under us mid-command: still one
            # line, no traceback.
            error(describe_database_error(exc))
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


class Ended(BaseException):
    """`kill` (SIGTERM) or a closed terminal (SIGHUP) during a command. A BaseException, like
    KeyboardInterrupt, so the same clean-up runs: open transactions roll back, temporary
    outputs (*.part) are removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name


@contextmanager
def _ended_by_signal() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # handlers belong to the main thread (tests call commands from others)
        return

    def end(signum: int, frame: Any) -> None:
        raise Ended(signum)

    endings = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {s: signal.signal(s, end) for s in endings}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def describe_os_error(exc: OSError) -> str:
    """What the system refused, where, and what to do. A temporary file of ours (".out.jsonl.x1y2.part",
    removed again) is named by its folder: the user never asked for that file."""
    import errno

    where = str(exc.filename) if exc.filename else ""
    name = Path(where).name
    if name.startswith(".") and ".part" in name:  # also its "-journal"
        where = f"the folder {Path(where).parent}"
    reason = exc.strerror or str(exc)
    hint = {errno.ENOSPC: "free some space on that disk, or write elsewhere",
            errno.EDQUOT: "free some space, or write elsewhere",
            errno.EACCES: "check the permissions, or write elsewhere",
            errno.EPERM: "check the permissions, or write elsewhere",
            errno.EROFS: "write to another disk"}.get(exc.errno or 0, "")
    text = f"{where}: {reason}" if where else reason
    return text + ("; " + hint if hint else "")


@contextmanager
def cancel_on_interrupt(stopping: str) -> Iterator[threading.Event]:
    """Ctrl+C sets the yielded Event (the work stops at its next safe point and says `stopping`);
    a second Ctrl+C aborts at once (KeyboardInterrupt)."""
    cancel = threading.Event()

    def on_interrupt(signum: int, frame: Any) -> None:
        if cancel.is_set():
            raise KeyboardInterrupt
        cancel.set()
        warn(stopping)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield cancel
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A progress bar; yields `update(done)`. Quiet when output is not a terminal."""
    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn()]
    with Progress(*columns, console=err_console, transient=True, disable=not err_console.is_terminal) as bar:
        task = bar.add_task(description, total=total)

        def update(done: int) -> None:
            bar.update(task, completed=done)

        yield update


@contextmanager
def step_progress() -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar for work done in named steps; yields `update(step, done, total)` (each new
    step restarts the bar under its own name). Quiet when output is not a terminal."""
    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn()]
    with Progress(*columns, console=err_console, transient=True, disable=not err_console.is_terminal) as bar:
        tasks: dict[str, Any] = {}

        def update(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total)
            bar.update(tasks[step], completed=done, total=total)

        yield update
