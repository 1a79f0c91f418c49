"""Qt's undo stack over core edits.

A command holds one core edit. `push` writes the edit first (so a refused edit never
reaches the stack) and the command's first `redo()` — which QUndoStack.push calls — is
then a no-op; later redos write the edit again with action="redo", undos write
`edit.inverse()` with action="undo". Because those are audit rows like any other,
`Project.undo_state` rebuilds the same stack after a restart (`restore`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.edits import Batch, Edit
from .faults import is_refusal, is_taken_over, write_failure_reason
from .session import Session


class EditCommand(QUndoCommand):
    def __init__(self, history: "History", edit: Edit, *, written: bool) -> None:
        super().__init__(edit.describe())
        self.history = history
        self.edit = edit
        self._skip_redo = written

    def redo(self) -> None:
        if self._skip_redo or self.history.replaying:
            self._skip_redo = False
            return
        self.history.run(self, self.edit, "redo")

    def undo(self) -> None:
        if self.history.replaying:
            return
        self.history.run(self, self.edit.inverse(), "undo")


class History(QObject):
    """One QUndoStack for the open document, rebuilt from the audit log when it opens."""

    failed = Signal(str)
    not_saved = Signal(str)  # an edit could not be written (full disk, read-only file): the reason
    # The store refused an edit because another window took over this annotator's session (its
    # words): the window stops editing that layer (locking.SessionGuard.lose).
    taken_over = Signal(str)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.stack = QUndoStack(self)
        self.replaying = False
        # Set while a long task holds the project's write lock (an import is one transaction):
        # an edit would wait for it with the GUI frozen, so it is refused at once instead.
        self.blocked: str | None = None
        # Set when the project could not be opened for writing (app.py): every edit is refused.
        self.readonly: str | None = None

    def push(self, edit: Edit) -> bool:
        """Write a user edit and make it undoable. False (and `failed`) if it was refused."""
        if isinstance(edit, Batch) and not edit.edits:
            return False
        if self._refused():
            return False
        try:
            written = self.session.commit(edit, "do")  # with what the span–event rules added
        except Exception as exc:  # nothing was written, nothing shown
            if not is_refusal(exc):
                raise
            self._report(exc, "")
            return False
        self.stack.push(EditCommand(self, written, written=True))
        return True

    def run(self, command: EditCommand, edit: Edit, action: str) -> None:
        try:
            # the inverse of "accept ORG" describes itself as a change of status: name the step
            # (without what the rules added to it then: "; accepted PERSON (source …)")
            self.session.commit(edit, action, said=f"{action}ne: {command.text().partition('; ')[0]}")
        except Exception as exc:
            if not is_refusal(exc):
                raise
            # The stored layer no longer fits this step (edited elsewhere) or cannot be written:
            # drop it from the stack.
            command.setObsolete(True)
            self._report(exc, f"cannot {action}: ")

    def _refused(self) -> bool:
        reason = self.readonly or self.blocked
        if reason:
            self.failed.emit(reason)
        return bool(reason)

    def _report(self, exc: BaseException, prefix: str) -> None:
        if is_taken_over(exc):
            said = f"{prefix}not saved: {exc.message}"  # type: ignore[attr-defined]
            self.failed.emit(said)
            self.taken_over.emit(said)  # after: the window adds what it means from now on
            return
        reason = write_failure_reason(exc)
        if reason is not None:
            self.not_saved.emit(reason)
            self.failed.emit(f"{prefix}not saved: {reason} ({exc})")
        else:
            self.failed.emit(f"{prefix}{exc}")

    def restore(self) -> None:
        """Rebuild the stack of the session's document from the audit log."""
        self.replaying = True
        try:
            self.stack.clear()
            if self.session.doc_id is None:
                return
            # this window's own edits only: another lead's on the same layer are theirs to undo
            done, undone = self.session.project.undo_state(self.session.doc_id, self.session.annotator,
                                                           by=self.session.writer)
            for edit in [*done, *reversed(undone)]:
                self.stack.push(EditCommand(self, edit, written=True))
            for _ in undone:
                self.stack.undo()
            self.stack.setClean()
        finally:
            self.replaying = False

    def undo(self) -> None:
        if not self._refused():
            self.stack.undo()

    def redo(self) -> None:
        if not self._refused():
            self.stack.redo()
