"""Editing sessions: at most one live app instance per annotator and project file.

Two windows editing the same annotator's layer would each keep an undo stack built from
the audit log and an in-memory copy of the layer; edits of one would make the other's
stale (they are refused by the store, never lost, but the user sees errors). So the app
takes a *session lock* when it opens a project for an annotator, and a second instance
is **refused** with a message naming the holder. The caller may then offer to open the
project read-only (`Project.open(path, readonly=True)`), which needs no lock.

The lock is a row of the `sessions` table (annotator, token, pid, host, heartbeat). It is
alive while its heartbeat is fresh and, on this host, its process still runs. A crashed
instance therefore never locks anyone out for long: on the same host its lock is taken over
at once (the pid is gone); from another host (a project on a network share) after
`STALE_AFTER` seconds without a heartbeat. The holder calls `heartbeat()` (or
`start_heartbeat()`) well within that time.

A lock is also kept where it matters most, in the store's write path: the connection that took
a session remembers it (`Connection.held_sessions`), and every write of that annotator's layer
through it (an edit, seeding, replacing the layer) reads the session row in its own transaction
and is refused with `SessionTakenOver`, nothing written, once the row is another instance's
(`refuse_unless_owner`). A window whose laptop slept past `STALE_AFTER` and whose lock was taken
over meanwhile therefore never writes into the layer the other instance now edits, whenever its
heartbeat would have noticed.

Heartbeats use their own short-lived connection (through the project's engine, so the same
lock works in a SQLite file and on a PostgreSQL server), so they can run on a timer thread
without touching the caller's connection or its open transaction. On a server, clients on other
machines are told apart by their heartbeat only.
"""

from __future__ import annotations

import datetime as _dt
import os
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.errors import ProjectError, SessionTakenOver

if TYPE_CHECKING:
    from .connection import Connection
    from .engine import Engine
    from .project import Project

STALE_AFTER = 120.0  # seconds without a heartbeat after which a lock is considered abandoned
HEARTBEAT_EVERY = 30.0
# Session rows are written as their own small "layer" (document 0): on a server they then wait
# neither for edits nor block them (see Connection.write's scope).
_SCOPE = (0, 0)


@dataclass(frozen=True)
class SessionInfo:
    annotator: str
    pid: int
    host: str
    started_at: str
    heartbeat: float  # unix time of the last heartbeat

    def describe(self) -> str:
        age = max(0, int(time.time() - self.heartbeat))
        return f"{self.annotator} is already editing this project (process {self.pid} on {self.host}, " \
               f"since {self.started_at}, last seen {age} s ago)"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


def hostname() -> str:
    """`socket.gethostname()`; on POSIX read from uname (the same value) without loading `socket`."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def is_alive(info: SessionInfo, *, stale_after: float = STALE_AFTER, now: float | None = None) -> bool:
    """Whether a recorded session still holds its lock."""
    now = time.time() if now is None else now
    if now - info.heartbeat > stale_after:
        return False
    if info.host == hostname():
        return _pid_alive(info.pid)
    return True  # another machine: only the heartbeat can tell


def holder(project: "Project", annotator: str) -> SessionInfo | None:
    """The session recorded for `annotator` (alive or not), or None."""
    row = project.conn.execute(
        "SELECT annotator, pid, host, started_at, heartbeat FROM sessions WHERE annotator = ?", (annotator,)
    ).fetchone()
    return SessionInfo(*row) if row else None


def live_sessions(project: "Project", *, stale_after: float = STALE_AFTER) -> list[SessionInfo]:
    rows = project.conn.execute("SELECT annotator, pid, host, started_at, heartbeat FROM sessions ORDER BY annotator")
    return [info for info in (SessionInfo(*r) for r in rows) if is_alive(info, stale_after=stale_after)]


_OWNER_COLUMNS = "token, annotator, pid, host, started_at, heartbeat"


def owner_read(c: "Connection", annotator: str) -> tuple[str, tuple[str]] | None:
    """The read, inside a write transaction of `annotator`'s layer, whose rows
    `refuse_unless_owner` checks; None when this connection took no session of `annotator` (a
    command, a worker: nothing to check). A caller that sends its reads together
    (`Connection.query_all`) adds it to them; others call `check_owner`. On an engine whose
    writers run side by side the row is locked until the write commits, so a takeover waits for
    a write that found the session ours, and a write after it sees the new owner."""
    if annotator not in c.held_sessions:
        return None
    return (f"SELECT {_OWNER_COLUMNS} FROM sessions WHERE annotator = ?{c.engine.for_share}", (annotator,))


def refuse_unless_owner(c: "Connection", annotator: str, rows: Any) -> None:
    """THE rule of the write path: a connection that took `annotator`'s session writes that
    layer only while the session is still its own (the token it took). Raises SessionTakenOver
    otherwise (the caller's transaction then rolls back: nothing written). `rows`: of
    `owner_read`."""
    token = c.held_sessions.get(annotator)
    if token is None:
        return
    row = next(iter(rows), None)
    if row is not None and row[0] == token:
        return
    hint = (f"this window no longer saves {annotator}'s edits; close it and go on where the session is now "
            "(your saved work is in the project)")
    if row is None:
        raise SessionTakenOver(f"{annotator}'s editing session on this project was ended elsewhere; nothing was saved",
                               hint=hint)
    other = SessionInfo(*row[1:])
    raise SessionTakenOver(f"{annotator}'s editing session was taken over by process {other.pid} on {other.host} "
                           f"(since {other.started_at}); nothing was saved", hint=hint)


def check_owner(c: "Connection", annotator: str) -> None:
    """`refuse_unless_owner` with its own read, inside the caller's write transaction."""
    read = owner_read(c, annotator)
    if read is not None:
        refuse_unless_owner(c, annotator, c.execute(*read).fetchall())


class SessionLock:
    """A held session; `release()` (or leaving the `with` block) gives it up."""

    def __init__(self, engine: Engine, location: Any, annotator: str, token: str,
                 connection: "Connection | None" = None) -> None:
        self.engine = engine
        self.path = location
        self.annotator = annotator
        self.token = token
        self.connection = connection  # the one whose writes of the layer check this session
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.released = False

    def _execute(self, sql: str, params: tuple[object, ...]) -> int:
        engine = self.engine
        raw, _, _ = engine.connect(self.path)
        try:
            engine.begin_write(raw, self.path, _SCOPE)
            try:
                count = raw.execute(sql, params).rowcount
                engine.commit(raw)
            except BaseException:
                engine.rollback(raw)
                raise
            return count
        finally:
            engine.close(raw)

    def heartbeat(self) -> bool:
        """Refresh the lock. False when it was taken over meanwhile (the caller should then
        stop editing, or re-acquire)."""
        if self.released:
            return False
        try:
            return self._execute("UPDATE sessions SET heartbeat = ? WHERE annotator = ? AND token = ?",
                                 (time.time(), self.annotator, self.token)) == 1
        except Exception as exc:  # noqa: BLE001 - the engine's errors, whatever the engine
            if isinstance(exc, ProjectError) or self.engine.is_storage_error(exc):
                return True  # busy or unreachable now: the next heartbeat will do; the lock stays ours
            raise

    def start_heartbeat(self, every: float = HEARTBEAT_EVERY) -> None:
        """Refresh the lock on a daemon thread until `release()`."""
        if self._thread is not None:
            return

        def beat() -> None:
            while not self._stop.wait(every):
                self.heartbeat()

        self._thread = threading.Thread(target=beat, name=f"session-heartbeat-{self.annotator}", daemon=True)
        self._thread.start()

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        if self.connection is not None and self.connection.held_sessions.get(self.annotator) == self.token:
            del self.connection.held_sessions[self.annotator]  # given up: its writes are no one's to refuse
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        try:
            self._execute("DELETE FROM sessions WHERE annotator = ? AND token = ?", (self.annotator, self.token))
        except Exception as exc:  # noqa: BLE001
            if not (isinstance(exc, ProjectError) or self.engine.is_storage_error(exc)):
                raise
            # an unreleased lock goes stale on its own (dead pid or old heartbeat)

    def __enter__(self) -> "SessionLock":
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def acquire(project: "Project", annotator: str, *, stale_after: float = STALE_AFTER,
            force: bool = False) -> SessionLock:
    """Take the editing session of `annotator` in this project.

    Raises ProjectError when a live session (fresh heartbeat, and on this host a running
    process) holds it. A stale lock is taken over. `force=True` takes over even a live one
    (only after the user confirmed the other instance is gone)."""
    if project.readonly:
        raise ProjectError(f"{project.path} is open read-only; a read-only window needs no session lock")
    from .roles import check_identity

    check_identity(project, annotator)  # on a server: a database user works as its own annotator only
    token = os.urandom(16).hex()  # = secrets.token_hex(16)
    with project.write(_SCOPE):
        current = holder(project, annotator)
        if current is not None and not force and is_alive(current, stale_after=stale_after):
            raise ProjectError(
                current.describe(),
                hint="switch to that window, or open the project read-only; if that program has "
                     f"crashed, its lock expires {int(stale_after)} s after its last heartbeat",
            )
        project.conn.execute(
            project.connection.engine.insert_or_replace(
                "sessions", "annotator, token, pid, host, started_at, heartbeat", "annotator"),
            (annotator, token, os.getpid(), hostname(),
             _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"), time.time()),
        )
    # From now on this connection's writes of the layer are refused once the session is not ours.
    project.connection.held_sessions[annotator] = token
    return SessionLock(project.connection.engine, project.path, annotator, token, project.connection)
