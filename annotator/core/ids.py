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


# An id below this was not chosen by `new_id` (the chance is 2**-22 per id): a file's own
# numbering, written by hand or by another tool ("id": 1, 2, 9). Such ids are the same in every
# annotator's file, so the readers give them fresh ids: kept, two annotators' layers imported into
# their own work packages merged into one project with "UNIQUE constraint failed".
GENERATED_FLOOR = 1 << 40
MAX_ID = 2**63 - 1


def kept_from_file(value: object) -> bool:
    """Whether a file's span/event id is kept on import: an id the app wrote (`new_id`)."""
    return isinstance(value, int) and not isinstance(value, bool) and GENERATED_FLOOR <= value <= MAX_ID
