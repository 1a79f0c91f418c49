"""`annotator train`: a spaCy pipeline from a layer's accepted annotations (the next pre-annotator)."""

from __future__ import annotations

from pathlib import Path

import typer

from ..training import (
    DEFAULT_DEV_FRACTION,
    DEFAULT_MAX_STEPS,
    DEFAULT_MIN_DOCS,
    TrainProgress,
    train,
)
from . import ui
from .args import printable, project_argument


def register(app: typer.Typer) -> None:
    app.command("train")(train_command)


@ui.handle_errors
def train_command(
    project: str = project_argument(),
    out_dir: Path = typer.Argument(..., help="New folder for this round, e.g. models/round1"),
    layer: str = typer.Option("gold", "--layer", "-l", help="Layer whose accepted annotations to learn "
                              "(gold, or an annotator's name)."),
    max_steps: int = typer.Option(DEFAULT_MAX_STEPS, "--max-steps", help="Training steps (batches); "
                                  "small numbers for a quick trial."),
    seed: int = typer.Option(0, "--seed", help="Seed of the train/dev split and of training."),
    dev_fraction: float = typer.Option(DEFAULT_DEV_FRACTION, "--dev-fraction",
                                       help="Share of the documents held out to score the model."),
    min_docs: int = typer.Option(DEFAULT_MIN_DOCS, "--min-docs", help="Refuse to train on fewer documents."),
    only_done: bool = typer.Option(False, "--only-done", help="Only documents whose layer is marked done "
                                   "(default: also those with accepted spans)."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace OUT_DIR if it already exists."),
) -> None:
    """Train ner + spancat (entities) and spancat (event triggers) on CPU from accepted annotations.

    Writes OUT_DIR/model-best (use it with `annotator preannotate --model OUT_DIR/model-best`
    or spacy.load), model-last, config.cfg, corpus/ and training.json. Ctrl+C stops cleanly:
    OUT_DIR is only written when training finished."""
    with ui.cancel_on_interrupt("stopping before the next training step (Ctrl+C again to abort at once)") \
            as cancel, ui.progress("training", total=max_steps) as update:
        def on_progress(item: TrainProgress) -> None:
            update(item.step)
            if item.stage == "train" and item.score is not None:
                losses = ", ".join(f"{k} {v:.1f}" for k, v in item.losses.items())
                ui.info(f"  step {item.step:>5}  dev score {100 * item.score:5.1f}  losses: {losses}")
            elif item.stage != "train" and item.message:
                ui.info(f"  {item.message}")

        report = train(project, out_dir, layer=layer, max_steps=max_steps, seed=seed,
                       dev_fraction=dev_fraction, min_docs=min_docs, only_done=only_done,
                       overwrite=overwrite, progress=on_progress, cancel=cancel)
    for warning in report.warnings:
        ui.warn(warning)
    ui.info(f"scores of model-best on the {report.dev_docs} dev document(s) (percent):")
    for line in report.score_lines():
        ui.info("  " + line)
    ui.ok(f"trained on {report.train_docs} document(s) of layer {layer!r} for {report.steps} steps "
          f"in {report.seconds:.0f} s: {report.model_dir}")
    ui.info(f"  next: annotator preannotate {printable(project)} --model {report.model_dir} --only todo")
