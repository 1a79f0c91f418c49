"""Modal verbs: what marks an act as planned, possible or owed rather than done.

One place for the word list and for telling the modal "may" from the month and the name
("on May 16 fired rubber bullets", "Theresa May met"), used by every rule that reads modality.
"""

from __future__ import annotations

from typing import Any

MODALS = frozenset({"will", "would", "could", "may", "might", "can", "should", "shall", "must", "'ll", "'d",
                    "wo", "ca", "ought"})


def is_modal(token: Any, modals: frozenset[str] = MODALS) -> bool:
    """A modal verb ("may", "will"), not the month or a name in capitals inside a sentence.
    `modals`: the modal words a rule reads (a subset of MODALS)."""
    return token.lower_ in modals and not (token.text in ("May", "Will") and not token.is_sent_start)
