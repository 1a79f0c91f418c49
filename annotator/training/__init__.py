"""Model in the loop: train a spaCy pipeline from a layer's accepted annotations.

`train(project, out_dir, layer=, max_steps=, seed=, dev_fraction=, min_docs=, progress=, cancel=)`
-> `TrainReport`; the result's `model-best` folder is the next pre-annotator
(`annotator preannotate --model out_dir/model-best`). spaCy is imported only when training runs.
"""

from .hooks import TrainProgress
from .train import DEFAULT_DEV_FRACTION, DEFAULT_MAX_STEPS, DEFAULT_MIN_DOCS, TrainReport, train, trained_on

__all__ = ["DEFAULT_DEV_FRACTION", "DEFAULT_MAX_STEPS", "DEFAULT_MIN_DOCS", "TrainProgress", "TrainReport",
           "train", "trained_on"]
