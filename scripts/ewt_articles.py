"""Write corpora/dev/ewt/articles.jsonl: the news and political weblog documents of the UD English
Web Treebank's *test* part, as plain text, for a second, sentence-level evaluation set.

    python scripts/ewt_articles.py --shared ../shared

Only the test part: the shipped base model learned from train and chose its checkpoint on dev, so
test text is new to every part of the pipeline. Each document is its `# text =` sentences joined
by spaces, paragraphs (`# newpar`) by a newline. Licence: CC BY-SA 4.0 (UD English EWT; see
corpora/dev/ewt/README.md for the attribution).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "corpora" / "dev" / "ewt" / "articles.jsonl"
# The test documents that report or discuss political events (news, political weblogs, news
# reposted to newsgroups); reviews, e-mails, answers and the other newsgroups report none.
DOCUMENTS = (
    "weblog-blogspot.com_aggressivevoicedaily_20060811122000_ENG_20060811_122000",
    "weblog-juancole.com_juancole_20030914114200_ENG_20030914_114200",
    "weblog-juancole.com_juancole_20041109060653_ENG_20041109_060653",
    "newsgroup-groups.google.com_IndiaNewsWindow_8945cbef01f41435_ENG_20051113_092500",
    "newsgroup-groups.google.com_hiddennook_f50294175d32a8ac_ENG_20041120_152800",
    "weblog-blogspot.com_grandpasgripes_20060413051000_ENG_20060413_051000",
    "weblog-juancole.com_juancole_20040722101300_ENG_20040722_101300",
    "weblog-juancole.com_juancole_20041018060600_ENG_20041018_060600",
    "weblog-blogspot.com_aggressivevoicedaily_20060629164800_ENG_20060629_164800",
    "weblog-blogspot.com_floppingaces_20050313182621_ENG_20050313_182621",
    "newsgroup-groups.google.com_n3td3v_e874a1e5eb995654_ENG_20060120_052200",
    "weblog-blogspot.com_tacitusproject_20040715092419_ENG_20040715_092419",
)
ATTRIBUTION = ("UD English Web Treebank (UD_English-EWT v2.16, test part), CC BY-SA 4.0; "
               "Silveira et al. 2014, The Board of Trustees of The Leland Stanford Junior University; "
               "texts from the LDC English Web Treebank (LDC2012T13)")


def documents(conllu: Path) -> dict[str, list[list[str]]]:
    """Document id -> paragraphs -> sentence texts."""
    docs: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    for line in conllu.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id = "):
            current = docs.setdefault(line.split("=", 1)[1].strip(), [])
            current.append([])
        elif line.startswith("# newpar") and current is not None:
            if current[-1]:
                current.append([])
        elif line.startswith("# text = ") and current is not None:
            current[-1].append(line.split("=", 1)[1].strip())
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    docs = documents(args.shared / "ud-english-ewt" / "en_ewt-ud-test.conllu")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as out:
        for doc_id in DOCUMENTS:
            paragraphs = [" ".join(p) for p in docs[doc_id] if p]
            text = "\n".join(paragraphs)
            record = {"id": "ewt-" + doc_id, "title": paragraphs[0][:80], "text": text,
                      "meta": {"source": "UD English EWT v2.16 test", "document": doc_id, "licence": "CC BY-SA 4.0",
                               "attribution": ATTRIBUTION}}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(DOCUMENTS)} documents -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
