"""Parsing of document id ranges given on the command line ("1-200,305")."""

from __future__ import annotations

from ..core.errors import InputError


def parse_doc_range(spec: str) -> list[int]:
    ids: list[int] = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            if "-" in part:
                low, high = (int(x) for x in part.split("-", 1))
                if low > high:
                    raise ValueError
                ids.extend(range(low, high + 1))
            else:
                ids.append(int(part))
        except ValueError:
            raise InputError(f"{part!r} is not a document id or range like 1-200") from None
    return sorted(set(ids))
