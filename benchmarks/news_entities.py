"""Sanity check of the default pipeline's entities on real news: runs build_pipeline() (the shipped
base model + rules) over ../shared/news/articles.jsonl and prints entity counts per label, the
most frequent entities of each label, who found them (gazetteer or the base model's ner) and a
sample of sentences, to read by eye. No gold here: this is for looking, not a score.

    python benchmarks/news_entities.py                       # default pipeline
    python benchmarks/news_entities.py --model PATH          # any other pipeline + rules
    python benchmarks/news_entities.py --rules-only          # the old spacy.blank("en") default
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.preannotate.pipeline import build_pipeline  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (or beside the folder of worktrees)
SHARED = next((p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()),
              REPO.parent / "shared")
NEWS = SHARED / "news" / "articles.jsonl"


def blank_model(folder: str) -> str:
    """A saved spacy.blank("en"): passed as --model it gives the rules-only pipeline that was the
    default before the base model (sentencizer, gazetteer, rules)."""
    import spacy

    spacy.blank("en").to_disk(folder)
    return folder


def load_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


def main(argv: list[str] | None = None) -> Counter:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--news", type=Path, default=NEWS)
    parser.add_argument("--model", default=None)
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--entities-from", default="auto", choices=("auto", "model", "gazetteer"),
                        help="whose entity wins where the model's ner and the gazetteer overlap")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sample", type=int, default=8, help="sentences to print")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        nlp = build_pipeline(blank_model(tmp) if args.rules_only else args.model, prefer=args.entities_from)
    texts = load_texts(args.news)
    counts: Counter = Counter()
    surfaces: dict[str, Counter] = {}
    coded: Counter = Counter()
    sentences = []
    for doc in nlp.pipe(texts, batch_size=16):
        for ent in doc.ents:
            counts[ent.label_] += 1
            surfaces.setdefault(ent.label_, Counter())[ent.text] += 1
            coded[ent.label_] += bool(ent.id_)
        sentences += [s for s in doc.sents if s.ents]
    print(f"pipeline: {nlp.pipe_names}")
    print(f"{len(texts)} articles, {sum(counts.values())} entities")
    for label, n in counts.most_common():
        print(f"\n{label}: {n} ({coded[label]} with an actor code)")
        print("  " + "; ".join(f"{t} ({c})" for t, c in surfaces[label].most_common(args.top)))
    print("\nsample:")
    for sent in random.Random(0).sample(sentences, min(args.sample, len(sentences))):
        marked = sent.text
        for ent in reversed(sent.ents):
            a, b = ent.start_char - sent.start_char, ent.end_char - sent.start_char
            marked = f"{marked[:a]}[{marked[a:b]}|{ent.label_}{'=' + ent.id_ if ent.id_ else ''}]{marked[b:]}"
        print(" - " + marked.replace("\n", " "))
    return counts


if __name__ == "__main__":
    main()
