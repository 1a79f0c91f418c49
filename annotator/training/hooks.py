"""Progress and cancellation inside spaCy's training loop.

spaCy's loop (`spacy.training.loop.train`) calls two configurable functions: the
`[training.before_update]` callback before every step and the `[training.logger]` after every
step (with the scores on evaluation steps). We register one of each; they find the caller's
`Hooks` on the `nlp` object the loop was given, so two trainings in two threads never mix.
Cancelling raises `Cancelled` from `before_update`: the loop stops before the next update and
the caller throws the half-trained output away.

These names appear only in the config used for the run; the config files saved with the model
use spaCy's standard console logger and no callback, so `spacy.load` and `spacy train` never
need this module.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..core.errors import Cancelled

HOOKS_ATTR = "_annotator_training_hooks"
CALLBACK = "annotator.training_step.v1"
LOGGER = "annotator.training_logger.v1"


@dataclass
class TrainProgress:
    """What a progress callback receives. `stage` is one of: "export", "initialize", "train",
    "evaluate", "save". During "train", `step` counts optimizer steps (of `max_steps`); `losses`
    are the summed losses per component since the last evaluation and `score` the last dev score
    (0..1, weighted over the components) -- both set on evaluation steps only."""

    stage: str
    step: int = 0
    max_steps: int = 0
    epoch: int = 0
    losses: dict[str, float] = field(default_factory=dict)
    score: float | None = None
    message: str = ""


@dataclass
class Hooks:
    max_steps: int
    progress: Callable[[TrainProgress], None] | None = None
    cancel: threading.Event | None = None
    steps_done: int = 0
    best_score: float | None = None
    history: list[dict[str, Any]] = field(default_factory=list)

    def check(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled()

    def report(self, item: TrainProgress) -> None:
        if self.progress is not None:
            self.progress(item)


def _hooks(nlp: Any) -> Hooks | None:
    return getattr(nlp, HOOKS_ATTR, None)


def register() -> None:
    """Register the callback and the logger with spaCy (idempotent)."""
    from spacy.util import registry

    if CALLBACK in registry.callbacks:
        return

    @registry.callbacks(CALLBACK)
    def make_step_callback() -> Callable[[Any, dict[str, Any]], None]:
        def before_update(nlp: Any, info: dict[str, Any]) -> None:
            hooks = _hooks(nlp)
            if hooks is not None:
                hooks.check()
        return before_update

    @registry.loggers(LOGGER)
    def make_logger() -> Callable[..., Any]:
        def setup(nlp: Any, stdout: Any = None, stderr: Any = None) -> tuple[Callable, Callable]:
            hooks = _hooks(nlp)

            def log_step(info: dict[str, Any] | None) -> None:
                if hooks is None:
                    return
                # spaCy numbers steps from 0 and stops after step `max_steps`.
                if info is None:
                    hooks.steps_done += 1
                    hooks.report(TrainProgress("train", hooks.steps_done, hooks.max_steps))
                    return
                hooks.steps_done = info["step"]
                losses = {k: float(v) for k, v in info["losses"].items()}
                score = float(info["score"]) if info["score"] is not None else None
                if score is not None and (hooks.best_score is None or score > hooks.best_score):
                    hooks.best_score = score
                hooks.history.append({"step": info["step"], "epoch": info["epoch"], "losses": losses,
                                      "score": score, "seconds": info.get("seconds")})
                hooks.report(TrainProgress("train", hooks.steps_done, hooks.max_steps, info["epoch"],
                                           losses, score))

            def finalize() -> None:
                pass

            return log_step, finalize
        return setup
