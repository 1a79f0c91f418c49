"""Inter-annotator agreement: pure functions over plain data (no Qt, no SQL).

- `stats`: Cohen's κ, Fleiss' κ, Krippendorff's α (with their formulas);
- `spans`: span P/R/F1 (exact, overlap, per label) and boundary-vs-label alignment;
- `tokens`: token-level κ / α over BIO labels;
- `events`: event alignment and per-aspect scores (trigger, type, mode, roles, swaps);
- `report`: the full report (JSON shape in docs/agreement.md);
- `adjudicate`: `auto_agree` — gold from what everybody agrees on, plus the conflicts;
  `pick_version` — the edits (a core Batch) that settle one conflict with one annotator's version;
- `evaluate`: per-label P/R/F1 of one layer against another.
"""

from .adjudicate import AutoAgreement, Conflict, auto_agree, pick_version
from .evaluate import evaluate, evaluate_layers
from .events import align_events, event_agreement, event_views
from .report import build_report
from .spans import align_spans, span_agreement
from .stats import cohen_kappa, fleiss_kappa, krippendorff_alpha
from .tokens import bio_tags, token_kappa

__all__ = [
    "AutoAgreement", "Conflict", "auto_agree", "pick_version", "evaluate", "evaluate_layers", "align_events",
    "event_agreement", "event_views", "build_report", "align_spans", "span_agreement", "cohen_kappa",
    "fleiss_kappa", "krippendorff_alpha", "bio_tags", "token_kappa",
]
