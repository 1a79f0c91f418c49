"""Suggestions of the rules, a trained model and both combined, for comparing them on gold.

Nothing is written: `annotator evaluate --compare MODEL` and benchmarks/eval_devset.py run each
suggester over the reference documents in memory and score the layers (agreement/event_quality).
- rules: the default pipeline;
- model: the same pipeline built with MODEL, with the rule triggers and the gazetteer switched
  off (the trained entities and triggers; arguments attached by the same events component);
- combined: the pipeline `preannotate --model MODEL` runs (combine.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..core.model import Layer

if TYPE_CHECKING:
    from ..core.scheme import Scheme


def suggestions(texts: Sequence[str], scheme: "Scheme", model: str | None = None) -> dict[str, list[Layer]]:
    """{"rules": layers} and, with `model`, "model" and "combined": one model layer per text."""
    from .pipeline import GAZETTEER_PIPE, TRIGGER_PIPE, build_pipeline
    from .runner import preannotate_texts

    out = {"rules": preannotate_texts(texts, build_pipeline(), scheme)}
    if model:
        nlp = build_pipeline(model)
        out["combined"] = preannotate_texts(texts, nlp, scheme)
        with nlp.select_pipes(disable=[GAZETTEER_PIPE, TRIGGER_PIPE]):
            out["model"] = preannotate_texts(texts, nlp, scheme)
    return out
