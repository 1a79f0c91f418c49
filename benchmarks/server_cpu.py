"""CPU time of a PostgreSQL server running on this machine, for the load benchmark's per-edit
CPU accounting (client processes against server processes).

The server's CPU is the postmaster's own, that of its live children (the backends serving the
annotators, the WAL writer, the checkpointer ...) and that of the children it has already
reaped (a backend whose client disconnected: the kernel adds its time to the postmaster's
"children" counters). Read from /proc (Linux), so only for a server on this machine; None
otherwise (a server elsewhere, another system).
"""

from __future__ import annotations

import os
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name (field 3 onwards)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text.rsplit(")", 1)[1].split()


def postmaster_of(location: str) -> int | None:
    """The process id of the postmaster serving `location`, when it runs on this machine."""
    import psycopg

    try:
        with psycopg.connect(location, autocommit=True) as conn:
            backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        parent = int(_stat(backend)[1])
        if "postgres" not in Path(f"/proc/{parent}/cmdline").read_bytes().decode(errors="replace"):
            return None
        return parent
    except (OSError, ValueError, IndexError, psycopg.Error):
        return None  # a server elsewhere (its backend's pid is not ours to read), or no /proc


def server_cpu_seconds(postmaster: int) -> float:
    """CPU seconds (user + system) the server has used so far, reaped backends included."""
    own = _stat(postmaster)
    total = sum(int(x) for x in own[11:15])  # utime, stime, cutime, cstime
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = _stat(int(entry.name))
        except (OSError, IndexError):
            continue  # gone meanwhile
        if fields[1] == str(postmaster):
            total += int(fields[11]) + int(fields[12])
    return total / _TICK
