"""A pipeline trained by `annotator train` added to the rules, never in their place.

`annotator train` writes a pipeline of its own tok2vec, `ner`, `spancat` (entities) and
`spancat_triggers` (trigger spans labelled with their event type). Loaded as it is, its trigger
spans were written under the same key as the rule triggers and replaced them: a model trained on a
small corpus then lost most of what the rules found. Here the trained components are copied into
the default pipeline instead (each with its own copy of the trained tok2vec, spaCy's
`replace_listeners`), so the shipped tagger, parser and rules keep working, and every layer is a
union with one precedence (docs/preannotation.md):

- entities: the trained `ner` runs first and its entities are set aside (MODEL_ENTITIES_KEY);
  the default pipeline's own `ner` and the gazetteer run as without a model, then
  `EntityUnion` adds the trained entities that overlap none of theirs, and where a trained
  entity covers theirs (all inside it, one of its label, any other a nationality) it takes their
  place: the team's boundaries ("Russian President Vladimir Putin" for "Russian" and "Vladimir
  Putin"; never "Argentina Alberto Fernández" for a GPE and a PERSON). Where they
  disagree on the label or cross each other's boundaries the default stays: a model trained on
  a few dozen documents labels known names worse than the gazetteer and the shipped NER
  (docs/preannotation.md measures it). `--entities-from model` lets the trained `ner` win
  instead (it runs first and is not set aside);
- triggers: the trained spans are written under `MODEL_TRIGGERS_KEY` and `TriggerUnion` adds
  those that overlap no rule trigger to the rule triggers when the model gives them a
  probability of at least ADDED_TRIGGER_MIN_SCORE (a model trained on 31 tune articles added 49
  wrong events for 5 right ones on the other 30 at any score, 15 for 3 from 0.8 up); where a
  trained trigger covers one rule trigger of the same type it gives its (wider) boundaries,
  otherwise the rule trigger stays
  (so every rule trigger is still there, with its type, on the same words: a trained model never
  lowers the rules' trigger recall);
- arguments: the events component attaches arguments to every trigger of the union the same way.
The trained entity `spancat` (overlapping entities) is left out: the model layer keeps `doc.ents`.
"""

from __future__ import annotations

from typing import Any

MODEL_TRIGGERS_KEY = "model_triggers"
MODEL_ENTITIES_KEY = "model_entities"
UNION_PIPE = "annotator_union"
SET_ASIDE_PIPE = "annotator_team_entities"
ENTITY_UNION_PIPE = "annotator_entity_union"
TEAM_PREFIX = "team_"
# Components of a trained pipeline that are added to the rules, in pipeline order.
TRAINED_COMPONENTS = ("ner", "spancat_triggers")

_registered = False


class TriggerUnion:
    """spaCy component: doc.spans[triggers] = the rule triggers -- where a trained trigger of the
    same type covers one, the trained span instead (the team's boundaries, e.g. "launched
    airstrikes" for the rules' "airstrikes") -- plus the trained triggers that overlap no rule
    trigger."""

    def __init__(self, rules_key: str, model_key: str = MODEL_TRIGGERS_KEY) -> None:
        self.rules_key = rules_key
        self.model_key = model_key

    def __call__(self, doc: Any) -> Any:
        learned = doc.spans.get(self.model_key)
        if not learned:
            return doc
        rules = list(doc.spans.get(self.rules_key, ()))
        # in text order, as the events component and the layer builder expect
        doc.spans[self.rules_key] = widen_or_add(rules, confident(learned, rules, len(doc)), len(doc))
        return doc


# A trained trigger over no rule trigger is added only when the model is this sure of it (its
# softmax probability). Chosen on tune half B with a model trained on half A (`annotator train
# --max-steps 1500 --seed 0`): event F1 0.676 with every trained trigger, 0.699 / 0.704 / 0.711 /
# 0.707 from 0.6 / 0.7 / 0.8 / 0.9 up; the rules alone 0.723 (docs/preannotation.md).
ADDED_TRIGGER_MIN_SCORE = 0.8


def confident(learned: Any, rules: list[Any], n_tokens: int) -> list[Any]:
    """The trained triggers to offer the union: all that touch a rule trigger (they can only
    widen it) and, of the others, those scored at least ADDED_TRIGGER_MIN_SCORE."""
    scores = learned.attrs.get("scores") if hasattr(learned, "attrs") else None
    if scores is None or ADDED_TRIGGER_MIN_SCORE <= 0:
        return list(learned)
    owner = token_owners(rules, n_tokens)
    return [span for span, score in zip(learned, scores)
            if any(owner[i] >= 0 for i in range(span.start, span.end))
            or float(max(score.ravel())) >= ADDED_TRIGGER_MIN_SCORE]


def token_owners(spans: list[Any], n_tokens: int) -> list[int]:
    """For each token of the doc, the index in `spans` of the span over it, or -1."""
    owner = [-1] * n_tokens
    for index, span in enumerate(spans):
        for i in range(span.start, span.end):
            owner[i] = index
    return owner


# The one other label a wider trained entity may absorb: a nationality modifying the name
# ("Russian" NORP in "Russian President Vladimir Putin"). A place, a date or an organisation
# beside a name is a mention of its own: "in Argentina Alberto Fernández said" is GPE + PERSON,
# not one PERSON "Argentina Alberto Fernández" (a small trained model runs them together).
ABSORBED_MODIFIER = "NORP"


def widen_or_add(default: list[Any], learned: Any, n_tokens: int, *, absorb: bool = False) -> list[Any]:
    """The union of two lists of non-overlapping spans, in text order: every `default` span
    stays, on its own words or inside a `learned` span of the same label that covers it (the
    learned boundaries); learned spans over no default span are added. With `absorb` a learned
    span may cover several default spans, all inside it, one of its label and the others a
    nationality ("Russian President Vladimir Putin" over "Russian" NORP and "Vladimir Putin"
    PERSON): it takes their place."""
    owner = token_owners(default, n_tokens)
    kept: list[Any] = list(default)
    for span in learned:
        under = sorted({owner[i] for i in range(span.start, span.end)} - {-1})
        if not under:
            kept.append(span)
            continue
        if len(under) > 1 and not absorb:
            continue
        covered = [default[i] for i in under]
        if (all(span.start <= d.start and d.end <= span.end for d in covered)
                and any(d.label_ == span.label_ for d in covered)
                and all(d.label_ in (span.label_, ABSORBED_MODIFIER) for d in covered)):
            for i in under:
                kept[i] = None
            kept[under[0]] = span
    return sorted((s for s in kept if s is not None), key=lambda s: (s.start, s.end))


class SetAside:
    """spaCy component: the trained `ner`'s entities -> doc.spans[MODEL_ENTITIES_KEY], doc.ents
    emptied, so the default entity pipes run as if there were no model."""

    def __call__(self, doc: Any) -> Any:
        doc.spans[MODEL_ENTITIES_KEY] = list(doc.ents)
        doc.ents = ()
        return doc


class EntityUnion:
    """spaCy component: doc.ents = the default pipeline's entities widened or completed by the
    set-aside trained ones (widen_or_add)."""

    def __call__(self, doc: Any) -> Any:
        learned = doc.spans.get(MODEL_ENTITIES_KEY)
        if learned:
            doc.ents = widen_or_add(list(doc.ents), learned, len(doc), absorb=True)
        return doc


def _register(rules_key: str) -> None:
    global _registered
    if _registered:
        return
    from spacy.language import Language

    @Language.factory(UNION_PIPE, default_config={"rules_key": rules_key, "model_key": MODEL_TRIGGERS_KEY})
    def make_union(nlp: Any, name: str, rules_key: str, model_key: str) -> TriggerUnion:
        return TriggerUnion(rules_key, model_key)

    @Language.factory(SET_ASIDE_PIPE)
    def make_set_aside(nlp: Any, name: str) -> SetAside:
        return SetAside()

    @Language.factory(ENTITY_UNION_PIPE)
    def make_entity_union(nlp: Any, name: str) -> EntityUnion:
        return EntityUnion()

    _registered = True


def add_trained(nlp: Any, trained: Any, *, rules_key: str, after_triggers: str, entities_win: bool) -> list[str]:
    """Copy `trained`'s components (TRAINED_COMPONENTS it has) into `nlp` as `team_<name>`: the
    `ner` first in the pipeline (`entities_win`: its entities stay, later entity pipes fill in
    around them; otherwise they are set aside for `add_entity_union`), the trigger spancat
    writing to MODEL_TRIGGERS_KEY, then the union right after `after_triggers` (the rule
    trigger pipe). Returns the names added."""
    _register(rules_key)
    tok2vec = "tok2vec" if "tok2vec" in trained.pipe_names else None
    added = []
    for name in TRAINED_COMPONENTS:
        if name not in trained.pipe_names:
            continue
        if tok2vec:  # own copy of the trained embedding: nlp's tok2vec (if any) stays its own
            try:
                trained.replace_listeners(tok2vec, name, ["model.tok2vec"])
            except ValueError:
                pass  # the component has its own tok2vec already
        team_name = TEAM_PREFIX + name
        if name == "ner":
            nlp.add_pipe(name, name=team_name, source=trained, first=True)
            if not entities_win:
                nlp.add_pipe(SET_ASIDE_PIPE, after=team_name)
                added.append(SET_ASIDE_PIPE)
        else:
            trained.get_pipe(name).cfg["spans_key"] = MODEL_TRIGGERS_KEY
            nlp.add_pipe(name, name=team_name, source=trained, after=after_triggers)
        added.append(team_name)
    if "spancat_triggers" in trained.pipe_names:
        nlp.add_pipe(UNION_PIPE, after=TEAM_PREFIX + "spancat_triggers")
        added.append(UNION_PIPE)
    return added


def add_entity_union(nlp: Any) -> None:
    """Append EntityUnion, after the default pipeline's entity pipes, when add_trained set the
    trained entities aside."""
    if SET_ASIDE_PIPE in nlp.pipe_names:
        nlp.add_pipe(ENTITY_UNION_PIPE, last=True)
