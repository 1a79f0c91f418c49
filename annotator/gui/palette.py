"""The colours the window paints with: label colours, suggested vs accepted style, role outlines.

The highlighter, the event frame and the legend all take their colours from here, so the
legend always shows what the text shows.

A project stores its scheme with its colours. The colours the built-in PLOVER scheme shipped
with were hard to tell apart (the four verbal-cooperation types were near-identical greens, and
ORG was green too), so a label still carrying its shipped colour is painted with the reworked
one below; a colour a project chose itself is used as it is.
"""

from __future__ import annotations

from ..core.scheme import Scheme

# Entities are drawn as a background fill: hues kept away from the event families' text colours
# (ORG is no longer green).
# Events are drawn as coloured, underlined text: one hue family per PLOVER quad class (green:
# verbal cooperation, blue: material cooperation, orange: verbal conflict, red: material
# conflict), and within a family the types differ in hue and lightness, not in shade alone.
REWORKED = {
    ("entity", "PERSON", "#1f77b4"): "#4e79a7",
    ("entity", "ORG", "#2ca02c"): "#b07aa1",
    ("entity", "GPE", "#9467bd"): "#e0b000",
    ("entity", "NORP", "#ff7f0e"): "#f28e2b",
    ("entity", "LOC", "#8c564b"): "#9c755f",
    ("entity", "FAC", "#e377c2"): "#ff7fa0",
    ("entity", "DATE", "#7f7f7f"): "#b0bec5",
    ("trigger", "AGREE", "#2e7d32"): "#1b5e20",
    ("trigger", "CONSULT", "#388e3c"): "#43a047",
    ("trigger", "SUPPORT", "#43a047"): "#9e9d24",
    ("trigger", "CONCEDE", "#66bb6a"): "#00897b",
    ("trigger", "COOPERATE", "#1565c0"): "#0d47a1",
    ("trigger", "AID", "#1e88e5"): "#039be5",
    ("trigger", "RETREAT", "#42a5f5"): "#7986cb",
    ("trigger", "REQUEST", "#ef6c00"): "#ff9800",
    ("trigger", "ACCUSE", "#f57c00"): "#ffc400",
    ("trigger", "REJECT", "#fb8c00"): "#5d4037",
    ("trigger", "THREATEN", "#ffa726"): "#f4511e",
    ("trigger", "PROTEST", "#b71c1c"): "#ec407a",
    ("trigger", "SANCTION", "#c62828"): "#8e24aa",
    ("trigger", "MOBILIZE", "#d32f2f"): "#ff8a80",
    ("trigger", "COERCE", "#e53935"): "#6d1b1b",
    ("trigger", "ASSAULT", "#f44336"): "#b00020",
}
FALLBACK = "#888888"

# How strongly an entity's fill shows: a suggestion is a faint fill with a dashed underline,
# an accepted span a solid fill without one (triggers: italic + dashed vs bold + solid).
ACCEPTED_ALPHA = 110
SUGGESTED_ALPHA = 30

# Outlines of the current event's arguments, one colour per role (text view and event frame).
ROLE_COLORS = {"source": "#c62828", "target": "#1565c0", "location": "#2e7d32", "date": "#6a1b9a",
               "other": "#616161"}


def label_color(scheme: Scheme, layer: str, name: str) -> str:
    """The colour a span of this label is painted with ("#rrggbb")."""
    label = scheme.label(layer, name)
    if label is None:
        return FALLBACK
    color = (label.color or FALLBACK).lower()
    return REWORKED.get((layer, name, color), color)


def role_color(role: str) -> str:
    return ROLE_COLORS.get(role, "#616161")
