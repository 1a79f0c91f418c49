"""Rebuild the shipped base model resources/models/en_annotator_base from ../shared, reproducibly.

    python scripts/base_model/train.py --shared ../shared            # convert + train + package
    python scripts/base_model/train.py --package-only build/base_model/train/model-best

Steps: (1) convert.py merges UD English EWT and UNER English EWT into build/base_model/corpus/
{train,dev,test}.spacy; (2) `spacy train scripts/base_model/config.cfg` (tok2vec CNN width 96,
depth 4, 5000-row hash embeddings, no static vectors; tagger + parser + ner; seed 0; one thread);
(3) package: add an attribute_ruler that splits the tagger's "XPOS|UPOS" labels into tag_ and
pos_, write meta.json (licence, sources) and copy the pipeline into resources/models/, next to its
LICENSE and ATTRIBUTION.md (kept in git, not written here).

The shipped model: `spacy train` with --vars.max_steps 4000 --vars.eval_frequency 200, stopped by
hand after 1800 steps (about 55 minutes on one core shared with other jobs); its best dev
checkpoint (step 1400) was packaged with --package-only. The default --max-steps 6000 trains longer
(about 3 hours on such a core) and should give a better NER. CPU only, one thread.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from convert import convert  # noqa: E402

from annotator.preannotate.base_model import BASE_MODEL_NAME, base_model_path  # noqa: E402

META = {
    "name": "annotator_base",
    "version": "1.0.0",
    "description": "Small English pipeline shipped with annotator: tagger (Penn + UPOS), UD dependency "
                   "parser, NER (PERSON, ORG, GPE, LOC, FAC). Trained on UD English EWT v2.16 and "
                   "Universal NER English EWT.",
    "author": "annotator project",
    "license": "CC BY-SA 4.0",
    "sources": [
        {"name": "UD English EWT v2.16", "url": "https://github.com/UniversalDependencies/UD_English-EWT",
         "license": "CC BY-SA 4.0",
         "author": "Silveira et al. 2014; The Board of Trustees of The Leland Stanford Junior University"},
        {"name": "Universal NER English EWT (train: prerelease 2022-12-02)",
         "url": "https://github.com/UniversalNER/UNER_English-EWT", "license": "CC BY-SA 4.0",
         "author": "Mayhew et al. 2024"},
    ],
}
MODEL_FILES_KEPT = ("LICENSE", "ATTRIBUTION.md", "README.md")


def train(config: Path, corpus: Path, output: Path, max_steps: int, eval_frequency: int) -> Path:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    subprocess.run([sys.executable, "-m", "spacy", "train", str(config), "--output", str(output),
                    "--paths.train", str(corpus / "train.spacy"), "--paths.dev", str(corpus / "dev.spacy"),
                    "--vars.max_steps", str(max_steps), "--vars.eval_frequency", str(eval_frequency)],
                   check=True, env=env)
    return output / "model-best"


def package(trained: Path, target: Path) -> None:
    """trained model-best -> target, with the tag-splitting attribute_ruler and our meta."""
    import spacy

    nlp = spacy.load(trained)
    ruler = nlp.add_pipe("attribute_ruler", after="tagger")
    for label in nlp.get_pipe("tagger").labels:
        xpos, _, upos = label.partition("|")
        ruler.add(patterns=[[{"TAG": label}]], attrs={"TAG": xpos, "POS": upos})
    meta = dict(nlp.meta)
    meta.update(META)
    meta["performance"] = {k: v for k, v in meta.get("performance", {}).items() if not k.startswith("ents_per")}
    nlp.meta.update(meta)
    staging = target.parent / f".{target.name}.new"
    shutil.rmtree(staging, ignore_errors=True)
    nlp.to_disk(staging)
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():
        if old.name not in MODEL_FILES_KEPT:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    for new in staging.iterdir():
        shutil.move(str(new), target / new.name)
    staging.rmdir()
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(f"packaged {trained} -> {target} ({size / 1e6:.1f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    shared = next((p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()),
                  REPO.parent / "shared")
    parser.add_argument("--shared", type=Path, default=shared, help="the folder holding ud-english-ewt/ and "
                        "uner-english-ewt/ (default: ../shared)")
    parser.add_argument("--build", type=Path, default=REPO / "build" / "base_model")
    parser.add_argument("--max-steps", type=int, default=6000)
    parser.add_argument("--eval-frequency", type=int, default=200)
    parser.add_argument("--package-only", type=Path, metavar="MODEL_BEST",
                        help="skip conversion and training: package this trained pipeline")
    parser.add_argument("--target", type=Path, default=base_model_path())
    args = parser.parse_args()
    trained = args.package_only
    if trained is None:
        corpus = args.build / "corpus"
        convert(args.shared, corpus)
        trained = train(HERE / "config.cfg", corpus, args.build / "train", args.max_steps, args.eval_frequency)
    package(trained, args.target)
    print(f"{BASE_MODEL_NAME}: done")


if __name__ == "__main__":
    main()
