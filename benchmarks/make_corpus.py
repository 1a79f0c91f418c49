"""Generate large synthetic news-like corpora for benchmarks (10k-100k documents).

    python benchmarks/make_corpus.py 10000 corpus.jsonl [--seed 7]

Sentences are assembled from actors, actions and places typical of political-event
news, so pre-annotation and agreement have realistic work to do. Deterministic for a
given seed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Iterator

ACTORS = [
    "Israeli Prime Minister Benjamin Netanyahu", "U.S. Secretary of State Antony Blinken", "the White House",
    "Iranian Foreign Minister Hossein Amir-Abdollahian", "Hezbollah", "Hamas", "the Israel Defense Forces",
    "the United Nations", "the European Union", "Russian President Vladimir Putin", "Ukraine",
    "the Turkish government", "Egyptian officials", "the Palestinian Authority", "Qatar", "NATO",
    "French President Emmanuel Macron", "the Lebanese army", "protesters in Tehran", "Houthi rebels",
    "the Saudi foreign ministry", "Chinese Foreign Minister Wang Yi", "German Chancellor Olaf Scholz",
    "the Syrian government", "Jordan", "the Iraqi parliament", "Kurdish fighters", "India", "Pakistan",
]
ACTIONS = [
    "met with {t} to discuss a ceasefire", "urged {t} to release all hostages", "warned {t} against escalation",
    "accused {t} of violating the agreement", "launched airstrikes against {t}", "condemned {t}",
    "pledged humanitarian aid to {t}", "imposed sanctions on {t}", "rejected a proposal from {t}",
    "threatened to retaliate against {t}", "signed a trade agreement with {t}", "arrested supporters of {t}",
    "deployed troops near the border with {t}", "praised {t} for its restraint", "called on {t} to negotiate",
    "fired rockets at {t}", "expelled diplomats of {t}", "agreed to hold talks with {t}",
]
PLACES = ["Gaza", "Beirut", "Tehran", "Jerusalem", "Cairo", "Doha", "Kyiv", "Damascus", "Baghdad", "Geneva",
          "Brussels", "Ankara", "Amman", "Riyadh", "New York"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
FILLERS = [
    "Officials said the talks were productive.", "The statement gave no further details.",
    "Analysts expect little progress in the coming weeks.", "Local media reported heavy damage.",
    "The move drew criticism from rights groups.", "Diplomats described the meeting as frank.",
]


def sentence(rng: random.Random) -> str:
    source, target = rng.sample(ACTORS, 2)
    action = rng.choice(ACTIONS).format(t=target)
    when = f"on {rng.choice(MONTHS)} {rng.randint(1, 28)}"
    where = rng.choice(PLACES)
    pattern = rng.randrange(3)
    if pattern == 0:
        return f"{source[0].upper()}{source[1:]} {action} in {where} {when}."
    if pattern == 1:
        return f"{when.capitalize()}, {source} {action}."
    return f"In {where}, {source} {action}, according to a statement released {when}."


def document(i: int, rng: random.Random, sentences: tuple[int, int] = (8, 30)) -> dict[str, str]:
    body = []
    for _ in range(rng.randint(*sentences)):
        body.append(sentence(rng) if rng.random() < 0.7 else rng.choice(FILLERS))
    text = " ".join(body)
    return {"id": f"gen-{i:06d}", "title": body[0][:80], "text": text}


def generate(n: int, seed: int = 7, sentences: tuple[int, int] = (8, 30)) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    for i in range(n):
        yield document(i, rng, sentences)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of documents")
    parser.add_argument("out", type=Path, help="output JSONL file")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with args.out.open("w", encoding="utf-8") as out:
        for record in generate(args.n, args.seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {args.n} documents to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
