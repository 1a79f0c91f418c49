"""The shipped English base model: part-of-speech, a dependency parse, sentences and named
entities (PERSON, ORG, GPE, LOC, FAC) with no download.

It lives in resources/models/en_annotator_base/ (in a wheel: annotator/_resources/models/...),
trained on UD English EWT and Universal NER English EWT (CC BY-SA 4.0; its LICENSE and
ATTRIBUTION.md sit beside it) by scripts/base_model/train.py. Labels: token.tag_ is Penn
Treebank, token.pos_ is UPOS, token.dep_ is Universal Dependencies (nsubj, obj, obl,
nsubj:pass, obl:agent, nmod:poss, ...: not the ClearNLP labels of en_core_web_sm).

`base_pipeline()` is the pipeline `build_pipeline(model=None)` puts the rules on; if the folder is
missing (a stripped install) it falls back to the rules-only `spacy.blank("en")`.
spaCy is imported lazily, when called.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.resources import resource_path

BASE_MODEL_NAME = "en_annotator_base"


def base_model_path() -> Path:
    return resource_path(f"models/{BASE_MODEL_NAME}")


def base_model_available() -> bool:
    return (base_model_path() / "config.cfg").is_file()


def base_pipeline() -> Any:
    """The shipped model, loaded; or `spacy.blank("en")` when it is not installed."""
    import spacy

    if not base_model_available():
        return spacy.blank("en")
    return spacy.load(base_model_path())
