"""A pipeline trained by `annotator train` added to the rules, never in their place.

`annotator train` writes a pipeline of its own tok2vec, `ner`, `spancat` (entities) and
`spancat_triggers` (trigger spans labelled with their event type). Loaded as it is, its trigger
spans were written under the same key as the rule triggers and replaced them: a model trained on a
small corpus then lost most of what the rules found. Here the trained components are copied into
the default pipeline instead (each with its own copy of the trained tok2vec, spaCy's
`replace_listeners`), so the shipped tagger, parser and rules keep working, and every layer is a
union with one precedence (docs/preannotation.md):

- entities: the trained `ner` runs first (it learned this team's spans), the gazetteer and the
  default pipeline's own entities fill in around it;
- triggers: the trained spans are written under `MODEL_TRIGGERS_KEY` and `TriggerUnion` adds
  those that overlap no rule trigger to the rule triggers; where a trained trigger covers one
  rule trigger of the same type it gives its (wider) boundaries, otherwise the rule trigger stays
  (so every rule trigger is still there, with its type, on the same words: a trained model never
  lowers the rules' trigger recall);
- arguments: the events component attaches arguments to every trigger of the union the same way.
The trained entity `spancat` (overlapping entities) is left out: the model layer keeps `doc.ents`.
"""

from __future__ import annotations

from typing import Any

MODEL_TRIGGERS_KEY = "model_triggers"
UNION_PIPE = "annotator_union"
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
        owner = [-1] * len(doc)  # token -> index of the rule trigger on it
        for index, span in enumerate(rules):
            for i in range(span.start, span.end):
                owner[i] = index
        kept = list(rules)
        for span in learned:
            under = {owner[i] for i in range(span.start, span.end)} - {-1}
            if not under:
                kept.append(span)
            elif len(under) == 1:
                rule = rules[next(iter(under))]
                if rule.label_ == span.label_ and span.start <= rule.start and rule.end <= span.end:
                    kept[next(iter(under))] = span  # same event, the team's (wider) boundaries
        # in text order, as the events component and the layer builder expect
        doc.spans[self.rules_key] = sorted(kept, key=lambda s: (s.start, s.end))
        return doc


def _register(rules_key: str) -> None:
    global _registered
    if _registered:
        return
    from spacy.language import Language

    @Language.factory(UNION_PIPE, default_config={"rules_key": rules_key, "model_key": MODEL_TRIGGERS_KEY})
    def make_union(nlp: Any, name: str, rules_key: str, model_key: str) -> TriggerUnion:
        return TriggerUnion(rules_key, model_key)

    _registered = True


def add_trained(nlp: Any, trained: Any, *, rules_key: str, after_triggers: str) -> list[str]:
    """Copy `trained`'s components (TRAINED_COMPONENTS it has) into `nlp` as `team_<name>`: the
    `ner` first in the pipeline, the trigger spancat writing to MODEL_TRIGGERS_KEY, then the
    union right after `after_triggers` (the rule trigger pipe). Returns the names added."""
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
        else:
            trained.get_pipe(name).cfg["spans_key"] = MODEL_TRIGGERS_KEY
            nlp.add_pipe(name, name=team_name, source=trained, after=after_triggers)
        added.append(team_name)
    if "spancat_triggers" in trained.pipe_names:
        nlp.add_pipe(UNION_PIPE, after=TEAM_PREFIX + "spancat_triggers")
        added.append(UNION_PIPE)
    return added
