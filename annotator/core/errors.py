"""User-facing errors: each says what is wrong, where, and how to fix it.

Every error a user can cause by their input or their project file derives from
`AnnotatorError`; the CLI prints it on one line (no traceback) and exits with
`exit_code`. Programming errors stay ordinary exceptions.
"""

from __future__ import annotations


class AnnotatorError(Exception):
    """A problem the user can fix. `str()` is the message shown to them."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.hint = hint

    def where(self) -> str:
        if self.file and self.line:
            return f"{self.file}, line {self.line}"
        return self.file or ""

    def __str__(self) -> str:
        where = self.where()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text

    def located(self, file: str | None = None, line: int | None = None) -> "AnnotatorError":
        """Return the same error with a file/line filled in where it was missing."""
        if self.file is None and file is not None:
            self.file = str(file)
        if self.line is None and line is not None:
            self.line = line
        return self


class InputError(AnnotatorError):
    """A file given to import (or a scheme file) cannot be read as declared."""


class SchemeError(InputError):
    """A scheme file is malformed or inconsistent."""


class ProjectError(AnnotatorError):
    """A project file is missing, damaged, locked or from a newer version."""


class CannotWrite(ProjectError):
    """The project's storage refuses writes (full disk, read-only folder or file). Nothing was
    changed; reading still works (`Project.open(path, readonly=True)`). A window catches this
    to say "not saved" and keep the screen equal to what is stored."""


class StorageFull(CannotWrite):
    """The disk (or quota) holding the project is full: SQLITE_FULL, "database or disk is full"."""


class ReadOnlyStorage(CannotWrite):
    """The project file or its folder cannot be written (read-only mount, permissions)."""


class ProjectBusy(ProjectError):
    """Another writer held the project's write lock for longer than this write waits (a long
    import, pre-annotation or adjudication). Nothing was written; the same write can be made
    again once that writer is done."""


class SessionTakenOver(ProjectError):
    """A write to an annotator's layer from a program whose editing session (the one-window
    lock, store/sessions.py) was taken over by another instance meanwhile (a stale lock taken
    after its laptop slept, or `force`). Refused in the write's own transaction: nothing was
    written; the other instance now edits that layer."""


class EditError(AnnotatorError):
    """An edit does not fit the current state of the layer (stale or invalid)."""


class Cancelled(Exception):
    """Long work was cancelled by the user; everything committed before stays."""
