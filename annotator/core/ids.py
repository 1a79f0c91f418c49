"""Identifiers for spans and events.

Spans and events get random 62-bit integer ids chosen by the client, not by
SQLite: an edit (and its inverse) is then complete before it reaches the
database, redo re-inserts the same id, and a work package edited on another
machine merges back without renumbering. Collisions are negligible (birthday
bound ~1e-5 at ten million rows).
"""

from __future__ import annotations

import os


def new_id() -> int:
    # = secrets.randbits(62) (os.urandom), without loading `secrets` -> hmac -> OpenSSL at start-up
    return (int.from_bytes(os.urandom(8), "big") >> 2) or 1
