"""Pre-annotation: spaCy pipeline suggestions (actors, triggers, events) into the model layer.

Importing this package does not import spaCy; `build_pipeline` and `run` do, when called.
"""

from .runner import DEFAULT_BATCH_SIZE, PreannotateReport, preannotate_texts, run


def build_pipeline(model: str | None = None):  # type: ignore[no-untyped-def]
    from .pipeline import build_pipeline as build

    return build(model)


__all__ = ["DEFAULT_BATCH_SIZE", "PreannotateReport", "build_pipeline", "preannotate_texts", "run"]
