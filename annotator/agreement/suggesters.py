"""Compare suggesters: the model layer's documents grouped by who suggested them (the
`attrs["suggester"]` provenance an LLM run writes, e.g. "llm:qwen2.5:7b"), each group evaluated
against the reference as `evaluate.evaluate` does. Suggestions without provenance come from the
rules or a spaCy pipeline (`preannotate.run`)."""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

from ..core.model import Layer
from .evaluate import evaluate

NO_PROVENANCE = "rules/spaCy"


def suggester_of(layer: Layer | None) -> str | None:
    """The suggester most of the layer's spans and events name; None for an empty layer."""
    if layer is None or not (layer.spans or layer.events):
        return None
    names = Counter(str(item.attrs.get("suggester") or NO_PROVENANCE)
                    for item in [*layer.spans.values(), *layer.events.values()])
    return names.most_common(1)[0][0]


def evaluate_by_suggester(scored: Iterable[tuple[str | None, Layer | None, Layer | None]], *,
                          match: str = "exact") -> dict[str, dict[str, Any]]:
    """{suggester: evaluate() result over the documents it suggested for}, from (suggester of the
    document's whole model layer -- `suggester_of` --, predicted, reference as scored); documents
    without suggestions (None) are left out (no suggester to credit or blame)."""
    groups: dict[str, list[tuple[Layer | None, Layer | None]]] = {}
    for name, predicted, reference in scored:
        if name is not None:
            groups.setdefault(name, []).append((predicted, reference))
    return {name: evaluate(group, match=match) for name, group in sorted(groups.items())}
