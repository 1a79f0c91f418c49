"""Live refresh (issue 17): a cheap marker that moves whenever anyone changes the project, and
what changed since an earlier marker, with this connection's own writes left out.

The marker is one statement over two primary keys, so polling it every few seconds costs next
to nothing on either engine (and only a few row-level-security checks on a server):

- the newest audit row: every edit, undo, seeding, layer replacement, assignment, role change,
  merge, model batch and imported layer writes one in its own transaction (audit.py), so a
  finished document, a gold decision or layers imported for documents already there move it;
- the newest document (documents are only ever added, with growing ids): an import moves it.

`changes_since` then reads the audit rows after the old marker (ids, document, annotator and
kind only; never payloads) and leaves out the rows this connection wrote itself: a window's
own edits are already on its screen. Its own ids are remembered only once `track_own_writes`
is on (the window turns it on; the CLI pays nothing). When every new id is one of its own,
nothing is read at all.

Late commits (a server): writers there commit side by side, so a transaction that took its
audit id first can commit after a later one, below the newest id already seen. `changes_since`
therefore also reads the last `LOOKBACK` ids below the old newest one and reports those it had
not seen (the marker carries the ids it saw there). Such a row is noticed at the next move of
the marker. On SQLite writers take turns and ids arrive in order.

Not covered: time on document (`add_time` writes no audit row, to keep the log to changes of
the annotation; progress shows it at its next refresh, or `Refresh` in the progress pane).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .connection import Connection

LOOKBACK = 64  # audit ids below the old newest one read again: more than the writers in flight at once
MAX_ROWS = 5000  # audit rows read per poll; beyond that the change is reported as "many"

_MARKER = "SELECT (SELECT coalesce(max(id), 0) FROM audit), (SELECT coalesce(max(id), 0) FROM documents)"


@dataclass(frozen=True)
class ChangeMarker:
    """Compare two markers with ==: equal means nobody changed anything in between (as far as
    this connection may see: on a server, row-level security hides others' layers from a blind
    annotator, and their audit rows with them)."""

    audit_id: int  # the newest audit row
    document_id: int  # the newest document
    # Audit ids in the LOOKBACK window below `audit_id` already accounted for (None: all of
    # them, as for a marker just read). Not part of ==.
    seen: frozenset[int] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Changes:
    """What others changed between two markers."""

    marker: ChangeMarker  # the newer marker (poll from here next time)
    documents: dict[int, frozenset[str]] = field(default_factory=dict)  # doc id -> layers changed there
    project_wide: frozenset[str] = frozenset()  # audit kinds without a document ("Assign", "SetRole", ...)
    by: frozenset[str] = frozenset()  # who wrote the project-wide rows (e.g. "model" for pre-annotation)
    new_documents: int = 0
    truncated: bool = False  # more than MAX_ROWS rows: `documents` lists only the first ones

    @property
    def any(self) -> bool:
        return bool(self.documents or self.project_wide or self.new_documents or self.truncated)

    def layers_changed(self, doc_id: int) -> frozenset[str]:
        return self.documents.get(doc_id, frozenset())

    def seen_by(self, layers: frozenset[str] | set[str]) -> Changes:
        """Only what someone who may see `layers` may learn (blind mode: their own layer and
        the model's): changes to other layers are left out."""
        documents = {doc: names & layers for doc, names in self.documents.items() if names & layers}
        return replace(self, documents=documents)


def change_marker(c: Connection) -> ChangeMarker:
    """The marker now (one statement; primary keys only)."""
    c.track_own_writes = True
    row = c.execute(_MARKER).fetchone()
    return ChangeMarker(int(row[0]), int(row[1]))


def changes_since(c: Connection, old: ChangeMarker, new: ChangeMarker | None = None) -> Changes:
    """What others changed after `old` (up to `new`, read now if not given). Rows this
    connection wrote are left out, and forgotten once seen."""
    new = new or change_marker(c)
    own = c.own_audit_ids
    fresh = new.audit_id - old.audit_id
    if 0 < fresh <= len(own) and all(i in own for i in range(old.audit_id + 1, new.audit_id + 1)):
        # Only this connection's own writes (the usual move while annotating): nothing to read.
        c.forget_own_writes(up_to=new.audit_id)
        seen = None if old.seen is None else _window(old.seen | set(range(old.audit_id + 1, new.audit_id + 1)),
                                                     new.audit_id)
        return Changes(marker=ChangeMarker(new.audit_id, new.document_id, seen),
                       new_documents=max(0, new.document_id - old.document_id))
    low = old.audit_id - LOOKBACK
    rows = c.execute(
        "SELECT a.id, a.doc_id, n.name, a.edit_kind FROM audit a JOIN annotators n ON n.id = a.annotator_id "
        "WHERE a.id > ? AND a.id <= ? ORDER BY a.id LIMIT ?", (low, new.audit_id, MAX_ROWS + LOOKBACK + 1),
    ).fetchall()
    truncated = len(rows) > MAX_ROWS + LOOKBACK
    documents: dict[int, set[str]] = {}
    kinds: set[str] = set()
    writers: set[str] = set()
    for audit_id, doc_id, name, kind in rows[:MAX_ROWS + LOOKBACK]:
        if audit_id in own or (audit_id <= old.audit_id and (old.seen is None or audit_id in old.seen)):
            continue  # our own, or seen before
        if doc_id is None:
            kinds.add(kind)
            writers.add(name)
        else:
            documents.setdefault(int(doc_id), set()).add(name)
    c.forget_own_writes(up_to=new.audit_id)
    seen = frozenset(int(r[0]) for r in rows)
    return Changes(
        marker=ChangeMarker(new.audit_id, new.document_id, _window(seen, new.audit_id)),
        documents={doc: frozenset(names) for doc, names in documents.items()},
        project_wide=frozenset(kinds),
        by=frozenset(writers),
        new_documents=max(0, new.document_id - old.document_id),
        truncated=truncated,
    )


def _window(ids: frozenset[int], newest: int) -> frozenset[int]:
    return frozenset(i for i in ids if i > newest - LOOKBACK)
