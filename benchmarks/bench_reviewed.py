"""Reviewed-sentences benchmark: what `annotator train` and `evaluate` add per document still in
progress (`core.reviewed.reviewed_parts`, then the layer cut into its parts with `Layer.split`),
and the sentence splitter on a long sentence full of abbreviations, each against a baseline
measured in the same run.

- `reviewed_vs_linear`: reviewed parts and the split of a layer of N spans over an article of
  real news text (the demo corpus joined), against the linear work any way of doing it needs:
  `sentences()` of the text and one copy of the layer (`accepted_only`) (goal <= 15; measured 11
  at 20,000 spans on 2026-12-05; cutting the layer once per part made it quadratic: 0.92 s there,
  about 80);
- `sentences_roster_vs_news`: `sentences()` of a roster ("Sen. Name1 (D-Ill.), ...": one sentence
  with a dot every few words) against news text of the same length (goal <= 10; reading back to
  the sentence start at every dot made it quadratic: 1,600, 7.7 s for 70,000 characters).

    python benchmarks/bench_reviewed.py [--n 20000]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from annotator.core.ids import new_id  # noqa: E402
from annotator.core.integrity import accepted_only  # noqa: E402
from annotator.core.model import Layer, Span  # noqa: E402
from annotator.core.reviewed import reviewed_parts  # noqa: E402
from annotator.core.sentences import sentences  # noqa: E402


def news_text(chars: int) -> str:
    texts = [json.loads(line)["text"] for line in (HERE.parent / "corpora" / "demo.jsonl").open(encoding="utf-8")]
    joined = "\n".join(texts)
    while len(joined) < chars:
        joined += "\n" + joined
    return joined[:chars]


def timed(work, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        runs.append(time.perf_counter() - started)
    return min(runs)


def layer_in_progress(text: str, n: int, seed: int = 1) -> Layer:
    """n spans on word starts; a third of the sentences still hold a pending suggestion."""
    rng = random.Random(seed)
    bounds = sentences(text)
    layer = Layer("ann1", "in_progress")
    for _ in range(n):
        start, end = rng.choice(bounds)
        at = rng.randrange(start, max(start + 1, end - 4))
        pending = (bounds.index((start, end)) % 3 == 2) if rng.random() < 0.3 else False
        layer.add_span(Span(new_id(), at, min(end, at + 4), "GPE", origin="model",
                            status="suggested" if pending else "accepted"))
    return layer


def main(argv: list[str] | None = None) -> list[tuple[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="spans in the layer (default 20000)")
    args = parser.parse_args(argv)
    text = news_text(max(70_000, args.n * 12))
    layer = layer_in_progress(text, args.n)
    baseline = timed(lambda: (sentences(text), accepted_only(layer)))

    def reviewed() -> None:
        parts = reviewed_parts(text, layer)
        accepted_only(layer).split(parts)

    cost = timed(reviewed)
    print(f"reviewed_vs_linear: {cost / baseline:.2f}  ({args.n} spans, {len(text)} characters: "
          f"{cost:.3f} s against {baseline:.3f} s)")
    roster = ", ".join(f"Sen. Name{i} (D-Ill.)" for i in range(3000)) + "."
    news = news_text(len(roster))
    roster_time, news_time = timed(lambda: sentences(roster)), timed(lambda: sentences(news))
    print(f"sentences_roster_vs_news: {roster_time / news_time:.2f}  ({len(roster)} characters: "
          f"{roster_time:.3f} s against {news_time:.3f} s)")
    return [("reviewed_vs_linear", cost / baseline), ("sentences_roster_vs_news", roster_time / news_time)]


if __name__ == "__main__":
    main()
