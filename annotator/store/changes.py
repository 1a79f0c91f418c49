"""Live refresh (issue 17): a cheap marker that moves whenever anyone changes the project, and
what changed since an earlier marker, with this connection's own writes left out.

The marker is one statement over two primary keys, so polling it every few seconds costs next
to nothing on either engine:

- the newest audit row: every edit, undo, seeding, layer replacement, assignment, role change,
  merge and model batch writes one in its own transaction (audit.py), so a finished document or
  a gold decision moves it;
- how many audit rows sit among the last `RECENT` ids. On SQLite writers take turns, so ids
  arrive in order and this adds nothing; on a server a transaction that took its id first can
  commit after a later one, below the newest id already seen: this count still moves;
- the newest document (documents are only ever added, with growing ids): an import moves it.

Not covered: time on document (`add_time` writes no audit row; progress shows it at the next
refresh) and an import that only adds layers to documents already there (no audit row, no new
document) — `Refresh` in the progress pane and reopening the list show those.

`changes_since` then reads the audit rows after the old marker (ids, document, annotator and
kind only; never payloads) and leaves out the rows this connection wrote itself: a window's
own edits are already on its screen. Its own ids are remembered only once `track_own_writes`
is on (the window turns it on; the CLI pays nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .connection import Connection

RECENT = 1000  # audit ids looked back over for late commits (server transactions are short)
MAX_ROWS = 5000  # audit rows read per poll; beyond that the change is reported as "many"

_MARKER = (
    "SELECT (SELECT coalesce(max(id), 0) FROM audit), "
    "(SELECT count(*) FROM audit WHERE id > (SELECT coalesce(max(id), 0) FROM audit) - ?), "
    "(SELECT coalesce(max(id), 0) FROM documents)"
)


@dataclass(frozen=True)
class ChangeMarker:
    """Compare two markers with ==: equal means nobody changed anything in between."""

    audit_id: int  # the newest audit row
    audit_recent: int  # audit rows among the last RECENT ids (moves when a late commit lands)
    document_id: int  # the newest document


@dataclass(frozen=True)
class Changes:
    """What others changed between two markers."""

    marker: ChangeMarker  # the newer marker (poll from here next time)
    documents: dict[int, frozenset[str]] = field(default_factory=dict)  # doc id -> layers changed there
    project_wide: frozenset[str] = frozenset()  # audit kinds without a document ("Assign", "SetRole", ...)
    by: frozenset[str] = frozenset()  # who wrote the project-wide rows (e.g. "model" for pre-annotation)
    new_documents: int = 0
    late: bool = False  # rows committed late below the old newest id (a server): details unknown
    truncated: bool = False  # more than MAX_ROWS rows: `documents` lists only the first ones

    @property
    def any(self) -> bool:
        return bool(self.documents or self.project_wide or self.new_documents or self.late or self.truncated)

    def layers_changed(self, doc_id: int) -> frozenset[str]:
        return self.documents.get(doc_id, frozenset())


def change_marker(c: Connection) -> ChangeMarker:
    """The marker now (one statement; indexes only)."""
    c.track_own_writes = True
    row = c.execute(_MARKER, (RECENT,)).fetchone()
    return ChangeMarker(int(row[0]), int(row[1]), int(row[2]))


def changes_since(c: Connection, old: ChangeMarker, new: ChangeMarker | None = None) -> Changes:
    """What others changed after `old` (up to `new`, read now if not given). Rows this
    connection wrote are left out, and forgotten once seen."""
    new = new or change_marker(c)
    rows = c.execute(
        "SELECT a.id, a.doc_id, n.name, a.edit_kind FROM audit a JOIN annotators n ON n.id = a.annotator_id "
        "WHERE a.id > ? AND a.id <= ? ORDER BY a.id LIMIT ?", (old.audit_id, new.audit_id, MAX_ROWS + 1),
    ).fetchall()
    truncated = len(rows) > MAX_ROWS
    own = c.own_audit_ids
    documents: dict[int, set[str]] = {}
    kinds: set[str] = set()
    writers: set[str] = set()
    for audit_id, doc_id, name, kind in rows[:MAX_ROWS]:
        if audit_id in own:
            continue
        if doc_id is None:
            kinds.add(kind)
            writers.add(name)
        else:
            documents.setdefault(int(doc_id), set()).add(name)
    c.forget_own_writes(up_to=new.audit_id)
    late = False
    if new.audit_recent != old.audit_recent or new.audit_id != old.audit_id:
        # Rows that landed at or below the old newest id since then: late commits (server only).
        below = c.execute("SELECT count(*) FROM audit WHERE id > ? AND id <= ?",
                          (old.audit_id - RECENT, old.audit_id)).fetchone()[0]
        late = int(below) > old.audit_recent
    return Changes(
        marker=new,
        documents={doc: frozenset(names) for doc, names in documents.items()},
        project_wide=frozenset(kinds),
        by=frozenset(writers),
        new_documents=max(0, new.document_id - old.document_id),
        late=late,
        truncated=truncated,
    )
