"""The audit log: one row per change (user edits as "do", "undo" and "redo", everything else
as "system"), written in the same transaction as the change. Undo and redo stacks are
rebuilt from it, so they survive restarts.

An edit's row also names its writer (`writer`: who made it -- the name a window works under,
which the session lock makes one window at a time; NULL for a script or command). A layer
can have several writers (two leads on gold: the gold workbench, another lead's adjudication
view, `annotator check --fix`), and each one's undo and redo stacks hold only its own edits:
rebuilt from the whole log, Ctrl+Z after a live refresh undid another lead's edit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

from ..core.edits import Edit, replay
from ..core.errors import ProjectError
from ..core.model import Layer
from . import rows as R
from .connection import Connection, now
from .engine import CommitAnswerLost


@dataclass(frozen=True)
class AuditEntry:
    id: int
    ts: str
    action: str  # do | undo | redo | system
    edit: Edit | None
    kind: str
    writer: str | None = None  # who made the edit (None: a script or command)


_INSERT = ("INSERT INTO audit (ts, annotator_id, doc_id, action, edit_kind, payload, writer) "
           "VALUES (?, ?, ?, ?, ?, ?, ?)")
_INSERT_EDIT = ("INSERT INTO audit (ts, annotator_id, doc_id, action, edit_kind, payload, writer, edit_token) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


def record(c: Connection, ann_id: int, doc_id: int | None, action: str, kind: str,
           payload: dict[str, Any], *, by: str | None = None) -> int:
    """Write one audit row inside the caller's transaction; returns its id. THE way every part
    records what it changed (edits, system changes, team actions). `by`: the writer."""
    audit_id = c.insert_id(_INSERT, (now(), ann_id, doc_id, action, kind, R.dumps(payload), by))
    c.wrote_audit(audit_id)  # live refresh leaves a window's own rows out (changes.py)
    return audit_id


def record_at_commit(c: Connection, ann_id: int, doc_id: int, action: str, kind: str,
                     payload: dict[str, Any], token: int, *, by: str | None = None) -> Callable[[], int]:
    """`record` for a user edit, as the last statement of the caller's `write()`: the function
    returned gives the row's id once the transaction has committed (a server sends the row with
    COMMIT). `token` (core.ids.new_id, one per edit) is kept in the row: `landed_edit` finds it.
    `by`: the writer."""
    audit_id = c.insert_id_at_commit(
        _INSERT_EDIT, (now(), ann_id, doc_id, action, kind, R.dumps(payload), by, token), prepare=True)
    c.wrote_audit(audit_id)
    return audit_id


def landed_edit(c: Connection, doc_id: int, ann_id: int, token: int, lost: CommitAnswerLost) -> int:
    """The id of the audit row the edit with `token` wrote, after the answer to its COMMIT was
    `lost`: asked once that transaction has ended for good (`settle_lost_commit`; on a server, a
    new connection), so the edit is reported as it is stored. Raises `lost` when the edit was
    not stored, and ProjectError when that cannot be told now (the server still away)."""
    try:
        c.engine.settle_lost_commit(c.raw, lost, (doc_id, ann_id))
        row = c.execute("SELECT id FROM audit WHERE doc_id = ? AND annotator_id = ? AND edit_token = ?",
                        (doc_id, ann_id, token)).fetchone()
    except Exception as exc:
        if not (isinstance(exc, ProjectError) or c.engine.is_storage_error(exc)):
            raise
        raise ProjectError(
            f"the connection to the database server was lost as the edit was being saved, and whether "
            f"it was saved cannot be told now ({exc})",
            hint="reopen the document once the server answers: it shows what was saved") from lost
    if row is None:
        raise lost
    c.wrote_committed_audit(row[0])
    return row[0]


def history(c: Connection, doc_id: int, annotator: str) -> list[AuditEntry]:
    """The audit rows of one layer, oldest first (user edits decoded to Edit objects)."""
    ann_id = c.annotator_id_or_none(annotator)
    if ann_id is None:
        return []
    entries = []
    for aid, ts, action, kind, payload, writer in c.execute(
        "SELECT id, ts, action, edit_kind, payload, writer FROM audit WHERE doc_id = ? AND annotator_id = ? "
        "ORDER BY id",
        (doc_id, ann_id),
    ):
        edit = Edit.from_payload(json.loads(payload)) if action != "system" else None
        entries.append(AuditEntry(aid, ts, action, edit, kind, writer))
    return entries


# The system row of a merge that replayed the edits of two places (a package and the main file)
# in time order, rebasing or dropping those that no longer fit (store/team/merge.py).
MERGED_FROM_TWO_PLACES = "MergeLayer"


def undo_state(c: Connection, doc_id: int, annotator: str, *, by: str | None = None,
               every_writer: bool = False) -> tuple[list[Edit], list[Edit]]:
    """Rebuild the undo and redo stacks of a layer from its audit log (survives restarts), for
    one writer: `by`'s own edits only (None: those written without a name). Another writer's
    edit is never on them -- undoing it would take back someone else's work -- and it does not
    clear this writer's redo stack either: a redo, like an undo, is written only if it still
    fits the layer as others left it (stale values and the span–event rules are checked).
    `every_writer`: every writer's stacks merged, in the order their edits were last written
    (what is in effect, whoever made it: the adjudication view's "what the leads took out of
    gold"; not for undoing). A system change of the layer (suggestions seeded, a layer
    imported, replaced -- `adjudicate --force` -- or merged) starts every writer's stacks
    afresh: the edits before it were made on content that is gone, so undoing one would write
    into the new layer what the old one held (undo and redo are written as given, unguarded).
    A merge's log also holds two places' edits in the order each place made them, not the
    order they hold in the merged layer."""
    stacks: dict[str | None, tuple[list[tuple[int, Edit]], list[tuple[int, Edit]]]] = {}
    for entry in history(c, doc_id, annotator):
        if entry.edit is None:
            stacks.clear()
            continue
        done, undone = stacks.setdefault(entry.writer, ([], []))
        if entry.action == "do":
            done.append((entry.id, entry.edit))
            undone.clear()
        elif entry.action == "undo" and done:
            undone.append((entry.id, done.pop(_undoing(done, entry.edit))[1]))
        elif entry.action == "redo" and undone:
            done.append((entry.id, undone.pop(_redoing(undone, entry.edit))[1]))
    chosen = list(stacks.values()) if every_writer else [stacks.get(by, ([], []))]
    return ([edit for _, edit in sorted(item for done, _ in chosen for item in done)],
            [edit for _, edit in sorted(item for _, undone in chosen for item in undone)])


# Two views of one layer keep undo stacks of their own (the lead's workbench on gold and the
# adjudication view of the same window: one writer): an undo row need not undo the newest edit.
# Each row is matched to the edit it inverts (an undo row holds `edit.inverse()`, a redo row the
# edit again), newest first; taken as the newest, the rebuilt stacks offered to undo what was
# undone and the real edit could no longer be undone. A row that matches nothing (written by an
# older version) takes the newest.
def _undoing(done: list[tuple[int, Edit]], written: Edit) -> int:
    wanted = written.to_payload()
    return next((i for i in range(len(done) - 1, -1, -1) if done[i][1].inverse().to_payload() == wanted), -1)


def _redoing(undone: list[tuple[int, Edit]], written: Edit) -> int:
    wanted = written.to_payload()
    return next((i for i in range(len(undone) - 1, -1, -1) if undone[i][1].to_payload() == wanted), -1)


def replayed_layer(c: Connection, doc_id: int, annotator: str) -> Layer | None:
    """The layer its audit log rebuilds from empty: the user edits ("do", "undo", "redo"),
    oldest first, applied by the core alone (`core.edits.replay`). Equal to the stored layer
    when every change of the layer went through `Project.apply`; the proof that no edit was
    lost or half-written. None when the log holds a system change of this layer (suggestions
    seeded, a layer replaced or merged), which does not carry the content to replay.
    Raises EditError when a logged edit does not fit the layer the earlier ones made."""
    edits = []
    for entry in history(c, doc_id, annotator):
        if entry.edit is None:
            return None
        edits.append(entry.edit)
    return replay(edits, annotator)
