"""The shipped English base model: part-of-speech, a dependency parse, sentences and named
entities (PERSON, ORG, GPE, LOC, FAC) with no download.

It lives in resources/models/en_annotator_base/ (in a wheel: annotator/_resources/models/...),
trained on UD English EWT and Universal NER English EWT (CC BY-SA 4.0; its LICENSE and
ATTRIBUTION.md sit beside it) by scripts/base_model/train.py. Labels: token.tag_ is Penn
Treebank, token.pos_ is UPOS; token.dep_ uses en_core_web_sm's (ClearNLP) names for the
relations the argument rules read -- nsubj, nsubjpass, agent, dobj, prep + pobj, poss, converted
from UD at training time -- and Universal Dependencies names for the rest (obl, nmod, flat ...).

`base_pipeline()` is the pipeline `build_pipeline(model=None)` puts the rules on; if the folder is
missing (a stripped install) it falls back to the rules-only `spacy.blank("en")`.
spaCy is imported lazily, when called.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.resources import resource_path
from .gazetteer import load_gazetteer

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


# ---------------------------------------------------------------------------------------------
# Precedence between the base model's `ner` and the gazetteer (docs/preannotation.md)
#
# The base model's ner runs first; the gazetteer ruler comes after it and wins where both mark
# text (its curated entries carry actor codes and the right GPE/NORP/ORG label), with one
# exception: a gazetteer match strictly inside a longer ORG or FAC name the model found ("the
# Ministry of Foreign Affairs of Kazakhstan", "the Saudi Press Agency", "Bank of Israel") is
# part of that name, so the model's name stays, and takes the code of the one organisation, else
# the one country or demonym, inside it (KAZ, SAU, ISR) when it has no code of its own. A "name"
# holding a title ("U.S. Secretary of State Antony Blinken") is not one, and a model entity that
# starts with a title ("Secretary Blinken") is dropped: the actor rules make the person (with
# a code) from the title. Nor is a model entity that runs on into a phrase ("Trump's conduct a
# breach of his oath", "Civic Platform's time in government"): it is dropped, so the names
# inside it are the gazetteer's (and the model's guesses never make a wrong ORG of a clause).

NAME_KEEPING_RULER = "annotator_name_keeping_ruler"
NAME_LABELS = frozenset({"ORG", "FAC"})
COUNTRY_LABELS = frozenset({"GPE", "NORP"})
_registered = False


def register_name_keeping_ruler() -> None:
    """Register the `annotator_name_keeping_ruler` factory (an EntityRuler, see above) once."""
    global _registered
    if _registered:
        return
    from spacy.language import Language
    from spacy.pipeline import EntityRuler
    from spacy.tokens import Span

    titles = [f" {t} " for t in load_gazetteer().titles]

    class NameKeepingRuler(EntityRuler):
        def set_annotations(self, doc: Any, matches: list) -> None:
            ents = [named for e in doc.ents
                    if not f" {e.text.lower()} ".startswith(tuple(titles)) and not runs_into_a_phrase(e)
                    and not lower_case_phrase(e)
                    for named in [the_place_named(e)] if named is not None]
            if ents != list(doc.ents):
                doc.ents = ents  # "Secretary Blinken": the actor rules make the person from the title
            names = [e for e in ents if e.label_ in NAME_LABELS
                     and not any(t in f" {e.text.lower()} " for t in titles)]
            if not names:
                return super().set_annotations(doc, matches)
            kept, inner = [], {}
            for match in matches:
                _, start, end = match
                outer = next((n for n in names if n.start <= start and end <= n.end
                              and n.end - n.start > end - start), None)
                if outer is None:
                    kept.append(match)
                else:
                    label, code = self._ent_ids.get(match[0], (None, None))
                    if code:
                        inner.setdefault((outer.start, outer.end), []).append((label, code))
            super().set_annotations(doc, kept)
            codes = {key: _code_from_inner(found) for key, found in inner.items()}
            if any(codes.values()):
                doc.ents = [Span(doc, e.start, e.end, label=e.label_, span_id=code)
                            if not e.id_ and (code := codes.get((e.start, e.end))) else e for e in doc.ents]

    @Language.factory(NAME_KEEPING_RULER, default_config={"overwrite_ents": True, "validate": False})
    def make_ruler(nlp: Any, name: str, overwrite_ents: bool, validate: bool) -> Any:
        return NameKeepingRuler(nlp, name, overwrite_ents=overwrite_ents, validate=validate)

    _registered = True


POSSESSIVE_MARKS = frozenset({"'s", "’s"})
# Lower-case words no name holds: pronouns, the copula, "as"/"that" ("Muslims of that Indian state
# as a justification"). Articles and "of/for/and" are left out: "Alliance for a Green Revolution".
NEVER_IN_NAMES = frozenset({"his", "her", "their", "its", "our", "my", "your", "that", "as", "is", "was", "were",
                            "are", "said", "says"})


def runs_into_a_phrase(entity: Any) -> bool:
    """A model entity that goes on past a possessive into lower-case words ("Trump's state of
    emergency"; "India's military" and "prime minister's office" too: they are the generic
    actor rules' to code) or holds a word no name holds."""
    tokens = list(entity)
    for i, token in enumerate(tokens[:-1]):
        if token.text in POSSESSIVE_MARKS and tokens[i + 1].text.islower():
            return True
    return any(t.text in NEVER_IN_NAMES for t in tokens[1:-1])


FUNCTION_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PRON", "AUX", "VERB", "PART"})


def lower_case_phrase(entity: Any) -> bool:
    """A "name" of lower-case words holding a function word ("blocked by the gendarmerie in
    Dakar" -> "gendarmerie in" PERSON): the model's slip, no name (a role noun alone, as
    "spokesman", is left to the actor rules)."""
    return entity.text.islower() and any(t.pos_ in FUNCTION_POS for t in entity)


# Lower-case nouns of a place described before its name: "the Ukrainian city of Kharkiv", "the
# northern province of Idlib", "the Red Sea port town of Hodeidah".
PLACE_NOUNS = frozenset({"city", "town", "village", "capital", "province", "region", "district", "county",
                         "state", "port", "island", "islands", "peninsula", "enclave", "governorate",
                         "municipality", "suburb", "neighbourhood", "neighborhood", "area", "border"})


def the_place_named(entity: Any) -> Any:
    """A model entity that describes a place before naming it ("Ukrainian city of Kharkiv" ORG,
    "Red Sea port town" ORG): the name after "of" as a GPE ("Kharkiv"), or None (dropped, so
    the names inside are the gazetteer's: "Ukrainian" NORP). Any other entity as it is."""
    from spacy.tokens import Span

    tokens = list(entity)
    for i, token in enumerate(tokens):
        if token.lower_ in PLACE_NOUNS and token.is_lower and i > 0:
            rest = tokens[i + 1:]
            if rest and rest[0].lower_ == "of" and len(rest) > 1 and all(t.is_title or not t.is_alpha for t in rest[1:]):
                return Span(entity.doc, rest[1].i, entity.end, label="GPE")
            if rest and rest[0].lower_ == "of" or not rest and tokens[i - 1].is_lower:
                return None  # "Arakan region of Myanmar", "Red Sea port town" ("Doda district" stays)
    return entity


def _code_from_inner(found: list[tuple[str, str]]) -> str | None:
    """The code a model-found name takes from the gazetteer names inside it: the one
    organisation's code ("State Department" in "the U.S. State Department's office"), else the
    one country's ("Kazakhstan" in "the Ministry of Foreign Affairs of Kazakhstan"), else none."""
    for labels in ({"ORG"}, COUNTRY_LABELS):
        codes = {code for label, code in found if label in labels}
        if len(codes) == 1:
            return codes.pop()
        if codes:
            return None
    return None
