"""Train a spaCy pipeline from the accepted annotations of one layer.

    report = train(project_or_path, "models/round1", layer="gold", max_steps=1000, seed=0,
                   progress=callback, cancel=threading.Event())

1. select the documents the layer can teach (data.py) and split them train/dev by document;
2. refuse too little data with an `InputError` that names what is missing;
3. write `corpus/train.spacy` and `corpus/dev.spacy` with the formats module's DocBin writer;
4. generate the config (config.py) and train in-process with `spacy.training.loop.train`,
   reporting steps and losses and checking `cancel` before every step (hooks.py);
5. score `model-best` on the dev documents per label and record where the model came from in
   its `meta.json`.
Everything is written into a temporary folder beside `out_dir`, which is moved into place only
when training finished: a cancelled or failed run leaves `out_dir` as it was.

Output: `out_dir/model-best` and `model-last` (spaCy pipelines: `spacy.load(path)`,
`annotator preannotate --model path`), `config.cfg` (re-run with
`python -m spacy train config.cfg` from inside `out_dir`), `corpus/{train,dev}.spacy`,
`training.json` (this report).
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.errors import InputError
from ..core.model import Document
from ..formats.io import refuse_replacing_other_files, replace_folder, temporary_beside
from ..store import Project, refuse_writing_over_project
from ..store.roles import check_may_read
from . import data
from .config import ENTITY_SPANS_KEY, TRIGGER_COMPONENT, TRIGGER_SPANS_KEY, build_config
from .hooks import CALLBACK, HOOKS_ATTR, LOGGER, Hooks, TrainProgress, register

DEFAULT_MAX_STEPS = 1000
PATIENCE = 400  # stop early after this many steps without a better dev score
DEFAULT_MIN_DOCS = 20
FEWEST_DOCS = 2  # the least --min-docs can be: one document to train on, one to score
DEFAULT_DEV_FRACTION = 0.2
CORPUS_DIR = "corpus"
REPORT_FILE = "training.json"
MODEL_BEST = "model-best"

# part of the report -> (spaCy score prefix, what it is)
PARTS = {
    "entities (ner)": "ents",
    "entities (spancat)": f"spans_{ENTITY_SPANS_KEY}",
    "triggers (spancat)": f"spans_{TRIGGER_SPANS_KEY}",
}


@dataclass
class TrainReport:
    out_dir: str
    model_dir: str  # out_dir/model-best: pass to `annotator preannotate --model`
    layer: str
    seed: int
    train_docs: int
    dev_docs: int
    # "entity" / "trigger" -> label -> [train examples, dev examples]
    examples: dict[str, dict[str, list[int]]]
    steps: int
    seconds: float
    best_score: float | None
    # part -> {"overall": {p, r, f}, "labels": {label: {p, r, f} or None when the dev set has none}}
    scores: dict[str, dict[str, Any]]
    history: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def score_lines(self) -> list[str]:
        """Per-label precision / recall / F1 on the dev documents, as aligned text lines."""
        lines = []
        for part, result in self.scores.items():
            overall = result["overall"]
            lines.append(f"{part:<22} {'P':>6} {'R':>6} {'F':>6}")
            for label, prf in sorted(result["labels"].items()):
                if prf is None:
                    lines.append(f"  {label:<20} {'-':>6} {'-':>6} {'-':>6}   (no dev examples)")
                else:
                    lines.append(f"  {label:<20} {_pct(prf['p'])} {_pct(prf['r'])} {_pct(prf['f'])}")
            if result["labels"] and all(prf is None for prf in result["labels"].values()):
                # spaCy scores nothing as 0.0: it would read as a model that finds nothing
                lines.append(f"  {'(all)':<20} {'-':>6} {'-':>6} {'-':>6}   (no dev examples)")
            else:
                lines.append(f"  {'(all)':<20} {_pct(overall['p'])} {_pct(overall['r'])} {_pct(overall['f'])}")
        return lines


def _pct(value: float) -> str:
    return f"{100 * value:6.1f}"


def train(
    project: Project | str | Path,
    out_dir: str | Path,
    *,
    layer: str = "gold",
    max_steps: int = DEFAULT_MAX_STEPS,
    seed: int = 0,
    dev_fraction: float = DEFAULT_DEV_FRACTION,
    min_docs: int = DEFAULT_MIN_DOCS,
    only_done: bool = False,
    overwrite: bool = False,
    eval_frequency: int | None = None,
    progress: Callable[[TrainProgress], None] | None = None,
    cancel: threading.Event | None = None,
) -> TrainReport:
    """Train from `layer`'s accepted annotations into `out_dir`. `project` is an open Project or
    its location, a file or a PostgreSQL URL (opened read-only here -- what a worker thread should
    pass, as connections stay in their thread). Raises InputError for unusable input, Cancelled
    when `cancel` is set."""
    if isinstance(project, (str, Path)):
        with Project.open(project, readonly=True) as opened:
            return train(opened, out_dir, layer=layer, max_steps=max_steps, seed=seed,
                         dev_fraction=dev_fraction, min_docs=min_docs, only_done=only_done,
                         overwrite=overwrite, eval_frequency=eval_frequency, progress=progress,
                         cancel=cancel)
    out = Path(out_dir)
    _check_arguments(project, out, layer, max_steps, dev_fraction, min_docs, overwrite)
    check_may_read(project, [layer], outcome="training would read {them} as empty; nothing was trained")
    started = time.monotonic()
    hooks = Hooks(max_steps=max_steps, progress=progress, cancel=cancel)
    hooks.report(TrainProgress("export", message=f"reading the {layer!r} layer"))
    selection = data.select(project.iter_annotated([layer]), layer, only_done=only_done, cancel=cancel)
    train_ids, dev_ids = _check_data(selection, min_docs, dev_fraction, seed, only_done)
    train_entities, train_triggers = data.count_labels(selection, train_ids)
    dev_entities, dev_triggers = data.count_labels(selection, dev_ids)
    examples = {
        "entity": {k: [train_entities[k], dev_entities[k]] for k in sorted(train_entities | dev_entities)},
        "trigger": {k: [train_triggers[k], dev_triggers[k]] for k in sorted(train_triggers | dev_triggers)},
    }
    warnings = _thin_labels(examples)
    if selection.partly_reviewed:
        warnings.append(
            f"{selection.partly_reviewed} document(s) still in progress: only their reviewed sentences are "
            "used (a decision and no suggestion pending); mark them done to use them whole")
    if selection.done_left_pending:
        warnings.append(
            f"{selection.done_left_pending} document(s) marked done hold suggestions left pending: their "
            "sentences with one are left out (undecided is not 'no entity'); accept or reject them to use them")
    if selection.skipped_pending:
        warnings.append(
            f"{selection.skipped_pending} document(s) were left out: every sentence with a decision still has "
            "a suggestion pending")

    made = [folder for folder in (out.parent, *out.parent.parents) if not folder.exists()]  # deepest first
    out.parent.mkdir(parents=True, exist_ok=True)
    with temporary_beside(out, folder=True) as tmp:
        try:
            corpus = tmp / CORPUS_DIR
            corpus.mkdir()
            train_path, dev_path = corpus / "train.spacy", corpus / "dev.spacy"
            data.write_docbin(project.iter_annotated([layer], doc_ids=train_ids), layer, train_path, cancel, warnings)
            data.write_docbin(project.iter_annotated([layer], doc_ids=dev_ids), layer, dev_path, cancel, warnings)
            hooks.check()

            hooks.report(TrainProgress("initialize", message="building the pipeline"))
            entity_ngram, trigger_ngram = _longest_spans(train_path)
            frequency = eval_frequency or max(1, min(200, max_steps // 10))
            config = build_config(
                entities=bool(train_entities), triggers=bool(train_triggers), entity_ngram=entity_ngram,
                trigger_ngram=trigger_ngram, train_path=str(train_path), dev_path=str(dev_path),
                max_steps=max_steps, eval_frequency=frequency, seed=seed, patience=PATIENCE,
            )
            _portable(config).to_disk(tmp / "config.cfg")
            provenance = {
                # A server URL is kept as printed (without its password), a file as its full path.
                "project": str(project.path) if project.is_server else str(Path(project.path).resolve()),
                "project_id": project.project_id,
                "scheme": project.scheme.name,
                "scheme_sha256": project.scheme.sha256,
                "layer": layer,
                "only_done": only_done,
                "trained_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
                "documents": {"train": len(train_ids), "dev": len(dev_ids)},
                "train_doc_ids": train_ids,
                # the texts too: scored in another project (the same file imported again), the
                # training documents are known by their text (`trained_on`)
                "train_text_sha256": sorted(project.document(i).sha256 for i in train_ids),
                "dev_doc_ids": dev_ids,
                "seed": seed,
                "max_steps": max_steps,
                "annotator_version": __version__,
            }
            nlp = _run(config, tmp, hooks, provenance, out.name)

            hooks.report(TrainProgress("evaluate", hooks.steps_done, max_steps, message="scoring model-best"))
            scores = _scores(tmp / MODEL_BEST, dev_path, examples)
            del nlp
            provenance["steps"] = hooks.steps_done
            for model in (MODEL_BEST, "model-last"):
                _finish_model(tmp / model, provenance, scores)
            report = TrainReport(
                out_dir=str(out), model_dir=str(out / MODEL_BEST), layer=layer, seed=seed,
                train_docs=len(train_ids), dev_docs=len(dev_ids), examples=examples, steps=hooks.steps_done,
                seconds=round(time.monotonic() - started, 1), best_score=hooks.best_score, scores=scores,
                history=hooks.history, warnings=warnings,
            )
            (tmp / REPORT_FILE).write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
            hooks.check()
            hooks.report(TrainProgress("save", hooks.steps_done, max_steps, message=f"moving into {out}"))
            replace_folder(tmp, out)
            return report
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            for folder in made:  # a run stopped or failed leaves no empty "models/" it made
                try:
                    folder.rmdir()
                except OSError:
                    break
            raise


# ----------------------------------------------------------------------------- checks
def _check_arguments(project: Project, out: Path, layer: str, max_steps: int, dev_fraction: float,
                     min_docs: int, overwrite: bool) -> None:
    project.require_layer(layer)
    if max_steps < 1:
        raise InputError(f"--max-steps must be at least 1, not {max_steps}")
    if not 0 < dev_fraction < 1:
        raise InputError(f"--dev-fraction must be between 0 and 1 (exclusive), not {dev_fraction}")
    if min_docs < FEWEST_DOCS:
        raise InputError(f"--min-docs must be at least {FEWEST_DOCS} (one to train on, one to score), not {min_docs}")
    refuse_writing_over_project(project.location, out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} exists and is not a folder")
    if out.exists() and any(out.iterdir()) and not overwrite:
        raise InputError(f"{out} already exists and is not empty",
                         hint="choose a new folder for this round (e.g. models/round2) or pass --overwrite")
    refuse_replacing_other_files(out, _written_by_training, "a training run's output")


def trained_on(model: str, project_id: str, documents: Iterable[Document] = ()) -> list[int]:
    """The ids of the documents a pipeline made by `train` learned from (its meta.json): those of
    project `project_id` by their ids, and among `documents` those whose text it learned from in
    any project (the same file imported into another one). [] when not made by `train`, or not a
    folder. Scoring a model on them flatters it."""
    meta_path = Path(model).expanduser() / "meta.json"
    try:
        provenance = json.loads(meta_path.read_text(encoding="utf-8")).get("annotator") or {}
    except (OSError, ValueError, AttributeError):
        return []
    if not isinstance(provenance, dict):
        return []
    found: set[int] = set()
    ids = provenance.get("train_doc_ids")
    if provenance.get("project_id") == project_id and isinstance(ids, list):
        found.update(i for i in ids if isinstance(i, int))
    texts = provenance.get("train_text_sha256")
    if isinstance(texts, list):
        learned = set(texts)
        found.update(d.id for d in documents if d.id is not None and d.sha256 in learned)
    return sorted(found)


# What `train` writes into its folder (docs/training.md); --overwrite replaces only such a folder.
TRAINING_OUTPUT = ("config.cfg", "corpus", "model-best", "model-last", "training.json", "meta.json")


def _written_by_training(file: Path) -> bool:
    return file.parts[0] in TRAINING_OUTPUT


def _check_data(selection: data.Selection, min_docs: int, dev_fraction: float, seed: int,
                only_done: bool) -> tuple[list[int], list[int]]:
    layer = selection.layer
    n = len(selection.doc_ids)
    if n < min_docs:
        what = "marked done" if only_done else "with accepted annotations (or marked done)"
        extra = []
        if selection.skipped_unfinished:
            extra.append(f"{selection.skipped_unfinished} more have only unreviewed suggestions")
        if selection.skipped_not_done:
            extra.append(f"{selection.skipped_not_done} more have accepted spans but are not marked done")
        if selection.skipped_pending:
            extra.append(f"{selection.skipped_pending} more have a suggestion still pending "
                         "in every sentence they decided")
        tail = f"; {', '.join(extra)}" if extra else ""
        raise InputError(
            f"too little data to train: layer {layer!r} has {n} document(s) {what}, at least {min_docs} "
            f"are needed{tail}",
            hint="annotate (accept) more documents, or lower --min-docs for a quick trial",
        )
    entities, triggers = data.count_labels(selection, selection.doc_ids)
    if not entities and not triggers:
        raise InputError(
            f"too little data to train: layer {layer!r} has no accepted entity or trigger spans in its "
            f"{n} document(s)", hint="accept suggestions or add spans, then train again")
    train_ids, dev_ids = data.split(selection.doc_ids, dev_fraction, seed)
    train_entities, train_triggers = data.count_labels(selection, train_ids)
    missing = [f"{label} (entity)" for label in sorted(set(entities) - set(train_entities))]
    missing += [f"{label} (event type)" for label in sorted(set(triggers) - set(train_triggers))]
    if missing:
        raise InputError(
            f"too little data to train: no example left in the training documents for {', '.join(missing)} "
            f"-- all of them fell into the {len(dev_ids)} dev document(s)",
            hint="annotate more examples of these labels, or try another --seed / a smaller --dev-fraction")
    return train_ids, dev_ids


def _thin_labels(examples: dict[str, dict[str, list[int]]], few: int = 5) -> list[str]:
    warnings = []
    for kind, labels in examples.items():
        thin = [f"{label} ({counts[0]})" for label, counts in labels.items() if counts[0] < few]
        if thin:
            warnings.append(f"few training examples of {kind} label(s): {', '.join(thin)}; "
                            "expect poor scores for them")
        no_dev = [label for label, counts in labels.items() if counts[1] == 0]
        if no_dev:
            warnings.append(f"no dev examples of {kind} label(s) {', '.join(no_dev)}: they are not scored")
    return warnings


# ----------------------------------------------------------------------------- spaCy
def _longest_spans(train_path: Path) -> tuple[int, int]:
    """The longest entity / trigger span (in tokens) of the training documents."""
    from spacy.tokens import DocBin

    from ..formats.spacy_docbin import blank_nlp

    longest = {ENTITY_SPANS_KEY: 1, TRIGGER_SPANS_KEY: 1}
    for doc in DocBin().from_disk(train_path).get_docs(blank_nlp().vocab):
        for key, length in longest.items():
            if key in doc.spans:
                longest[key] = max([length, *(len(span) for span in doc.spans[key])])
    return longest[ENTITY_SPANS_KEY], longest[TRIGGER_SPANS_KEY]


def _run(config: Any, output: Path, hooks: Hooks, provenance: dict[str, Any], name: str) -> Any:
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as spacy_train

    register()
    runtime = config.copy()
    runtime["training"]["logger"] = {"@loggers": LOGGER}
    runtime["training"]["before_update"] = {"@callbacks": CALLBACK}
    quiet = io.StringIO()
    with _quiet_spacy_logger():
        nlp = init_nlp(runtime, use_gpu=-1)
    hooks.check()
    setattr(nlp, HOOKS_ATTR, hooks)
    nlp.meta.update({
        "name": _package_name(name), "version": "0.0.0",
        "description": f"annotator: trained from the {provenance['layer']!r} layer of "
                       f"{Path(provenance['project']).name}",
        "annotator": provenance,
    })
    hooks.report(TrainProgress("train", 0, hooks.max_steps, message="training"))
    spacy_train(nlp, output, use_gpu=-1, stdout=quiet, stderr=quiet)
    return nlp


class _quiet_spacy_logger:
    """init_nlp logs its steps to the `spacy` logger; keep the CLI's output ours."""

    def __enter__(self) -> None:
        import logging

        self.logger = logging.getLogger("spacy")
        self.level = self.logger.level
        self.logger.setLevel(logging.WARNING)

    def __exit__(self, *exc: object) -> None:
        self.logger.setLevel(self.level)


def _portable(config: Any) -> Any:
    """The config as saved: standard logger and no callback (no dependency on this package),
    corpus paths relative to the output folder, so `python -m spacy train config.cfg` works
    from inside it."""
    saved = config.copy()
    saved["paths"]["train"] = f"{CORPUS_DIR}/train.spacy"
    saved["paths"]["dev"] = f"{CORPUS_DIR}/dev.spacy"
    saved["training"]["logger"] = {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": False}
    saved["training"]["before_update"] = None
    return saved


def _package_name(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_") or "model"
    return f"annotator_{cleaned}"


def _scores(model_dir: Path, dev_path: Path, examples: dict[str, dict[str, list[int]]]) -> dict[str, Any]:
    import spacy
    from spacy.training import Corpus

    nlp = spacy.load(model_dir)
    scores = nlp.evaluate(list(Corpus(str(dev_path))(nlp)))
    present = {
        "ents": "ner" in nlp.pipe_names,
        f"spans_{ENTITY_SPANS_KEY}": "spancat" in nlp.pipe_names,
        f"spans_{TRIGGER_SPANS_KEY}": TRIGGER_COMPONENT in nlp.pipe_names,
    }
    out: dict[str, Any] = {}
    for part, prefix in PARTS.items():
        if not present[prefix]:
            continue
        kind = "trigger" if prefix.endswith(TRIGGER_SPANS_KEY) else "entity"
        per_type = scores.get(f"{prefix}_per_type") or {}
        labels = {}
        for label, counts in examples[kind].items():
            found = per_type.get(label)
            labels[label] = None if found is None and counts[1] == 0 else _prf(found or {})
        out[part] = {"overall": _prf({k[len(prefix) + 1:]: scores.get(k) for k in
                                      (f"{prefix}_p", f"{prefix}_r", f"{prefix}_f")}),
                     "labels": labels}
    return out


def _prf(values: dict[str, Any]) -> dict[str, float]:
    return {k: round(float(values.get(k) or 0.0), 4) for k in ("p", "r", "f")}


def _finish_model(model_dir: Path, provenance: dict[str, Any], scores: dict[str, Any]) -> None:
    """Make the saved pipeline self-contained: a standard config and our provenance in meta.json."""
    from spacy.util import load_config

    if not model_dir.is_dir():
        return
    config_path = model_dir / "config.cfg"
    config = load_config(config_path, interpolate=False)
    _portable(config).to_disk(config_path)
    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["annotator"] = {**provenance, "dev_scores": scores if model_dir.name == MODEL_BEST else None}
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


__all__ = ["DEFAULT_DEV_FRACTION", "DEFAULT_MAX_STEPS", "DEFAULT_MIN_DOCS", "TrainProgress", "TrainReport", "train",
           "trained_on"]
