"""Build the pre-annotation pipeline: the shipped base model plus rules, or a given pipeline plus rules.

    annotator_gazetteer (EntityRuler) -> annotator_triggers (SpanRuler, spans_key "triggers",
      longest match wins) -> the model's own pipes (tok2vec, tagger, parser, ner ...; the
      shipped base model of base_model.py when no model is given, or a sentencizer if that is
      missing), with annotator_paragraphs (paragraphs.py: line breaks and closing quotation
      marks as sentence boundaries) right before the parser -> annotator_datelines (wire datelines, dateline.py) -> annotator_actors (titles,
      kinds, codes) -> annotator_events (arguments)

NER merge rule (docs/preannotation.md):
- a pipeline trained by `annotator train` (its meta.json has an "annotator" entry) is added to
  the default pipeline, not put in its place (combine.py: entities, triggers and arguments are
  unions): the default entities stay, the trained ones are added where those found nothing and
  widen one of the same label they cover (the team's boundaries);
- the shipped base model (no `model` given): its `ner` runs first and the gazetteer after it wins
  where both mark text, except inside a longer ORG/FAC name the model found (base_model.py);
- any other pipeline (en_core_web_sm, ...): the gazetteer runs before
  the model's `ner`, which keeps the entities already set and predicts only around them, so
  where both would mark overlapping text the curated actor lists win.
`prefer="model"` / `"gazetteer"` (`--entities-from`) chooses one of the two orders for any model.
Either way the model's entities get a code when their surface is in the gazetteer.
spaCy is imported here, lazily: nothing imports this module at `import annotator.preannotate`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.errors import InputError
from .arguments import TRIGGERS_KEY
from .combine import SET_ASIDE_PIPE, TEAM_PREFIX, add_entity_union, add_trained
from .base_model import (BASE_MODEL_NAME, NAME_KEEPING_RULER, base_model_available, base_pipeline,
                         register_name_keeping_ruler)
from .gazetteer import load_gazetteer
from .lexicon import load_lexicon

GAZETTEER_PIPE = "annotator_gazetteer"
TRIGGER_PIPE = "annotator_triggers"
PARAGRAPH_PIPE = "annotator_paragraphs"
DATELINE_PIPE = "annotator_datelines"
ACTORS_PIPE = "annotator_actors"
EVENTS_PIPE = "annotator_events"
OUR_PIPES = (GAZETTEER_PIPE, TRIGGER_PIPE, PARAGRAPH_PIPE, DATELINE_PIPE, ACTORS_PIPE, EVENTS_PIPE)

_registered = False


def _register() -> None:
    global _registered
    if _registered:
        return
    from spacy.language import Language

    from .actors import ActorTagger
    from .arguments import EventBuilder
    from .dateline import DatelineMarker
    from .paragraphs import ParagraphBreaks

    register_name_keeping_ruler()

    @Language.factory(PARAGRAPH_PIPE)
    def make_paragraphs(nlp: Any, name: str) -> ParagraphBreaks:
        return ParagraphBreaks()

    @Language.factory(DATELINE_PIPE)
    def make_datelines(nlp: Any, name: str) -> DatelineMarker:
        return DatelineMarker(load_gazetteer())

    @Language.factory(ACTORS_PIPE)
    def make_actors(nlp: Any, name: str) -> ActorTagger:
        return ActorTagger(nlp, load_gazetteer())

    @Language.factory(EVENTS_PIPE)
    def make_events(nlp: Any, name: str) -> EventBuilder:
        return EventBuilder(load_lexicon(), nlp.vocab)

    _registered = True


def check_model(name: str) -> None:
    """The errors `load_model` would give for a folder that does not exist or a package that is
    not installed, at once and without loading spaCy: a command says them before anything else."""
    import importlib.util

    if Path(name).expanduser().exists():
        return
    if "/" in name or "\\" in name or name.startswith((".", "~")):
        # A path, not a package name: pip cannot help.
        raise InputError(f"the model folder {name} does not exist",
                         hint="check the path (a folder written by `annotator train` or spacy train)")
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise InputError(
            f"the spaCy pipeline {name!r} is not installed",
            hint=f"where spaCy's models can be downloaded: python -m spacy download {name} (from GitHub; "
                 "or pip install the model's wheel file); or pass the path of a saved pipeline folder, "
                 "e.g. one `annotator train` wrote. The default, without --model, needs no download",
        )


def load_model(name: str) -> Any:
    """`spacy.load` with an error a user can act on."""
    import spacy

    check_model(name)
    path = Path(name).expanduser()
    try:
        return spacy.load(path if path.exists() else name)
    except OSError as exc:
        if path.exists():
            inside = [path / sub for sub in ("model-best", "model-last") if (path / sub / "meta.json").is_file()]
            raise InputError(f"{name} is not a saved spaCy pipeline ({exc})",
                             hint=f"pass {inside[0]}: a training folder holds the pipelines" if inside else
                             "pass the folder written by nlp.to_disk() or spacy train") from None
        raise InputError(f"the spaCy pipeline {name!r} could not be loaded ({exc})",
                         hint="reinstall it, or pass the path of a saved pipeline folder") from None


PREFER = ("auto", "model", "gazetteer")


def build_pipeline(model: str | None = None, prefer: str = "auto") -> Any:
    """The pipeline `run` uses. `model` is an installed package name or a folder (default: the
    shipped base model, base_model.py). `prefer`:
    whose entity wins where the model's `ner` and the gazetteer both mark text -- "auto" (the
    rule in the module docstring), "model" or "gazetteer"."""
    if prefer not in PREFER:
        raise InputError(f"prefer must be one of {', '.join(PREFER)}, not {prefer!r}")
    _register()
    loaded = load_model(model) if model else None
    # A pipeline trained by `annotator train` is added to the default one (combine.py); any
    # other (en_core_web_sm, a user's own full pipeline) takes the default's place.
    trained = loaded if loaded is not None and trained_here(loaded) else None
    nlp = base_pipeline() if loaded is None or trained is not None else loaded
    for name in OUR_PIPES:
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)  # a pipeline saved from ours: rebuild with the current lexicons
    splits = any(name in nlp.pipe_names for name in ("parser", "senter", "sentencizer"))
    if not splits:
        nlp.add_pipe("sentencizer", first=True)
    # the layout's boundaries go in before the component that splits the rest keeps them; a
    # sentencizer sets every token, so after it
    splitter = next(name for name in nlp.pipe_names if name in ("parser", "senter", "sentencizer"))
    nlp.add_pipe(PARAGRAPH_PIPE, **({"after": splitter} if splitter == "sentencizer" else {"before": splitter}))
    # The trigger ruler goes first: add_patterns tokenises its phrase patterns with the pipes
    # that precede it (with a trained model that would be tok2vec, tagger, parser ... over 16k
    # phrases). The gazetteer goes first too (a `ner` after it keeps its entities and predicts
    # around them, spaCy's documented EntityRuler-before-ner behaviour) unless the model was
    # trained on this team's data (see the module docstring).
    triggers = nlp.add_pipe("span_ruler", name=TRIGGER_PIPE, first=True, config={
        "spans_key": "triggers", "validate": False, "phrase_matcher_attr": "LOWER",
        "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
    })
    triggers.add_patterns(load_lexicon().patterns)
    if trained is not None:
        add_trained(nlp, trained, rules_key=TRIGGERS_KEY, after_triggers=TRIGGER_PIPE,
                    entities_win=prefer == "model")
    ner = next((name for name in ("ner", TEAM_PREFIX + "ner") if name in nlp.pipe_names), None)
    model_first = prefer == "model"
    if (loaded is None or trained is not None) and prefer == "auto" and ner:
        # the shipped base model: its ner, then the gazetteer, which wins except inside a
        # longer ORG/FAC name the model found (base_model.py)
        nlp.add_pipe(GAZETTEER_PIPE, source=_gazetteer_source(nlp, overwrite=True, factory=NAME_KEEPING_RULER),
                     after=ner)
    elif model_first and ner:
        nlp.add_pipe(GAZETTEER_PIPE, source=_gazetteer_source(nlp, overwrite=False), after=ner)
    else:  # before the model's ner; after the trained entities are set aside, if they are
        where = {"after": SET_ASIDE_PIPE} if SET_ASIDE_PIPE in nlp.pipe_names else {"first": True}
        nlp.add_pipe(GAZETTEER_PIPE, source=_gazetteer_source(nlp, overwrite=True), **where)
    add_entity_union(nlp)
    nlp.add_pipe(DATELINE_PIPE)
    nlp.add_pipe(ACTORS_PIPE)
    nlp.add_pipe(EVENTS_PIPE)
    return nlp


def trained_here(nlp: Any) -> bool:
    """Whether `annotator train` made this pipeline (it records its provenance in meta.json)."""
    return isinstance(nlp.meta.get("annotator"), dict)


def _gazetteer_source(nlp: Any, *, overwrite: bool, factory: str = "entity_ruler") -> Any:
    """A pipeline holding only the gazetteer EntityRuler, sharing `nlp`'s vocab and tokenizer,
    to add to `nlp` with `add_pipe(source=...)`. Built apart because `add_patterns` runs the
    pipes before the ruler over its 16k phrases: placed after a trained `ner` in `nlp` itself,
    that would be tok2vec and ner over every phrase (seconds) instead of the tokenizer alone."""
    import spacy

    source = spacy.blank(nlp.lang, vocab=nlp.vocab)
    source.tokenizer = nlp.tokenizer
    ruler = source.add_pipe(factory, name=GAZETTEER_PIPE,
                            config={"overwrite_ents": overwrite, "validate": False})
    ruler.add_patterns(load_gazetteer().patterns)
    return source


def default_model_name() -> str:
    """What `build_pipeline(None)` runs, for reports: the base model + rules, or rules only."""
    return f"{BASE_MODEL_NAME} + rules" if base_model_available() else "rules"


def pipeline_name(model: str | None, nlp: Any) -> str:
    """What `build_pipeline(model)` built, for reports: a model trained here is added to the
    default pipeline ("OUT/model-best + en_annotator_base + rules"); any other takes the base
    model's place, with the rules ("en_core_web_sm + rules")."""
    if not model:
        return default_model_name()
    if any(name.startswith(TEAM_PREFIX) for name in nlp.pipe_names):
        return f"{model} + {default_model_name()}"
    return f"{model} + rules"


def has_parser(nlp: Any) -> bool:
    return "parser" in nlp.pipe_names
