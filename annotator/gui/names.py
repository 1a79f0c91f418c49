"""Readable names for scheme identifiers shown to people: `pro_democracy` -> "Pro-democracy",
`verbal_cooperation` -> "Verbal cooperation". Display only: what is stored stays the identifier."""

from __future__ import annotations

# Identifiers whose plain spelling would read wrong (acronyms, pairs).
_SPECIAL = {"lgbt": "LGBT", "cbrn": "CBRN (chemical, biological, radiological, nuclear)",
            "religion_ethnicity": "Religion and ethnicity", "rights_freedoms": "Rights and freedoms",
            "natural_resource": "Natural resources"}
_JOINED_PREFIXES = ("pro_", "anti_", "post_", "non_")


def readable(name: str) -> str:
    if name in _SPECIAL:
        return _SPECIAL[name]
    for prefix in _JOINED_PREFIXES:
        if name.startswith(prefix):
            name = prefix[:-1] + "-" + name[len(prefix):]
            break
    text = name.replace("_", " ")
    return text[:1].upper() + text[1:]
