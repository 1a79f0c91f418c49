"""How far a second, independent coder agrees with the development gold set (corpora/dev).

    python benchmarks/coder_agreement.py                         # corpora/dev/second/ vs the gold
    python benchmarks/coder_agreement.py --second DIR            # other second codings
    python benchmarks/coder_agreement.py --json

A second coding is a coding file in the gold's own format (scripts/build_devset.py), written
blind: from the article text, the guidelines and the adjudication rulings, without seeing the
gold coding or any suggestion. The second coder is scored against the gold with exactly the
measure the suggestions are scored with (annotator.agreement.event_quality: event types matched
per sentence, the no-event rate, actor roots, named entities), so its figures are the ceiling a
suggester can be expected to reach against this gold: where two careful coders agree on 0.7 of
the events, 0.7 for a machine means it codes as well as a second coder. The rules on the same
articles, against the gold and against the second coder, are printed beside it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotator.agreement.event_quality import event_quality  # noqa: E402
from annotator.core.model import GOLD  # noqa: E402
from annotator.core.scheme import default_scheme  # noqa: E402
from annotator.formats.native import parse_record  # noqa: E402
from annotator.formats.registry import ReadOptions  # noqa: E402
from annotator.preannotate.compare import suggestions  # noqa: E402
from benchmarks.eval_devset import DEV, load, show  # noqa: E402


def devset_builder():
    """scripts/build_devset.py is a script, not a package module: load it by path."""
    spec = importlib.util.spec_from_file_location("build_devset", REPO / "scripts" / "build_devset.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def second_codings(folder: Path) -> dict[str, object]:
    """Article id -> the second coder's document (gold layer), built and checked like the gold."""
    builder = devset_builder()
    articles = builder.load_articles()
    docs = {}
    for path in sorted(folder.glob("*.json")):
        record = builder.build_one(path, articles)
        docs[record["id"]] = parse_record(record, path, 1, ReadOptions())
    return docs


def agreement(second: dict[str, object], dev: Path = DEV, with_rules: bool = True) -> dict[str, dict]:
    """Figures of the second coder (and of the rules) on the articles both coders coded."""
    gold = {d.document.ext_id: d for part in ("tune", "heldout")
            for d in load(part, dev)}
    missing = sorted(set(second) - set(gold))
    if missing:
        raise SystemExit(f"error: not articles of the gold set: {', '.join(missing)}")
    ids = sorted(second)
    texts = [gold[i].document.text for i in ids]
    reference = [gold[i].layer(GOLD) for i in ids]
    coder2 = [second[i].layer(GOLD) for i in ids]
    results = {"second coder vs gold": event_quality(zip(texts, coder2, reference))}
    if with_rules:
        rules = suggestions(texts, default_scheme())["rules"]
        results["rules vs gold"] = event_quality(zip(texts, rules, reference))
        results["rules vs second coder"] = event_quality(zip(texts, rules, coder2))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--second", type=Path, default=DEV / "second", help="folder of second codings")
    parser.add_argument("--dev", type=Path, default=DEV, help="folder of tune.jsonl / heldout.jsonl")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    second = second_codings(args.second)
    if not second:
        print(f"error: no coding files in {args.second}", file=sys.stderr)
        return 2
    results = agreement(second, args.dev)
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    print(f"{len(second)} articles coded twice: {', '.join(sorted(second))}")
    for name, result in results.items():
        show(name, "the same articles", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
