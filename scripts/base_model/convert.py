"""Merge UD English EWT (POS, dependencies) and Universal NER English EWT (PER/ORG/LOC) into one
spaCy DocBin per split, the training data of the shipped base model (resources/models/en_annotator_base).

    python scripts/base_model/convert.py --shared ../shared --out build/base_model/corpus

Sources (both CC BY-SA 4.0, see resources/models/en_annotator_base/ATTRIBUTION.md):
- ../shared/ud-english-ewt/en_ewt-ud-{train,dev,test}.conllu (UD v2.16): words, XPOS, UPOS, heads, deprels.
- ../shared/uner-english-ewt/: dev/test as released; train only as
  prerelease-2022-12-02/en_ewt-ud-train.iob2, whose B-OTH/I-OTH/B-O are mapped to O (as UNER's own
  training code does). Joined with UD on sent_id; UNER tokens are UD's syntactic words. A sentence
  whose UNER tokens differ from UD's (a few, from UD retokenisation after r2.9) or that UNER lacks
  keeps its syntax and gets *missing* entity annotation (not "O"), so it teaches nothing wrong.

Labels, mapped to the project scheme (resources/scheme/plover.toml):
- PER -> PERSON, ORG -> ORG.
- LOC -> FAC / LOC / GPE by the span's last word: facility heads (Airport, Street, Hospital ...)
  -> FAC, natural-place heads (River, Sea, Mountains ...) -> LOC, everything else -> GPE. UNER's
  LOC is mostly countries, cities and regions; in news, places are overwhelmingly GPEs, which is
  also the label the actor coder reads. The head-word split is learnable from context and keeps
  airports and rivers out of GPE. The gazetteer still decides the label of the names it knows.
- Tags: the tagger learns "XPOS|UPOS" pairs; an attribute_ruler added after training splits them
  into token.tag_ (Penn) and token.pos_ (UPOS), so one cheap softmax predicts both.

Docs are up to SENTS_PER_DOC consecutive sentences of one UD document (the parser learns sentence
boundaries from them); `spaces` come from UD's SpaceAfter=No and multiword-token ranges.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SENTS_PER_DOC = 10
SPLITS = ("train", "dev", "test")

FAC_HEADS = {
    "airport", "street", "st.", "st", "road", "rd.", "avenue", "ave.", "ave", "boulevard", "blvd",
    "highway", "hwy", "bridge", "hospital", "hotel", "inn", "mosque", "church", "cathedral",
    "temple", "synagogue", "stadium", "arena", "square", "building", "tower", "towers", "center",
    "centre", "mall", "palace", "restaurant", "cafe", "café", "bar", "grill", "pub", "museum",
    "library", "station", "prison", "jail", "base", "port", "harbor", "harbour", "dam", "plaza",
    "house", "hall", "theater", "theatre", "school", "campus", "market", "park", "zoo", "shop",
    "store", "salon", "spa", "clinic", "gym", "bakery", "pizza", "kitchen", "lane", "drive",
    "way", "court", "place", "terrace", "parkway", "freeway", "motorway", "tunnel", "canal",
    "embassy", "consulate", "apartments", "gardens", "resort", "club", "deli", "diner",
}
LOC_HEADS = {
    "river", "sea", "ocean", "lake", "mountain", "mountains", "mount", "mt.", "hills", "hill",
    "valley", "desert", "island", "islands", "isles", "strait", "straits", "peninsula", "coast",
    "gulf", "bay", "beach", "forest", "falls", "glacier", "plateau", "basin", "delta", "range",
    "earth", "mars", "moon", "continent", "canyon", "creek", "springs", "reef", "cape",
}


def place_label(words: list[str]) -> str:
    last = words[-1].lower()
    first = words[0].lower()
    if last in FAC_HEADS:
        return "FAC"
    if last in LOC_HEADS or first in {"mount", "mt.", "lake", "cape"}:
        return "LOC"
    return "GPE"


LABELS = {"PER": "PERSON", "ORG": "ORG"}


@dataclass
class Sentence:
    sent_id: str
    doc_id: str
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    xpos: list[str] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)  # 0-based within the sentence, root = itself
    deps: list[str] = field(default_factory=list)
    ents: list[str] | None = None  # IOB in the project labels; None = missing


def read_conllu(path: Path) -> Iterator[Sentence]:
    doc_id = ""
    sent: Sentence | None = None
    mwt_end = 0
    mwt_space = True
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id"):
            doc_id = line.split("=", 1)[1].strip()
        elif line.startswith("# sent_id"):
            sent = Sentence(line.split("=", 1)[1].strip(), doc_id)
        elif not line.strip():
            if sent is not None and sent.words:
                yield sent
            sent = None
        elif not line.startswith("#") and sent is not None:
            cols = line.split("\t")
            tid, misc = cols[0], cols[9]
            if "." in tid:
                continue  # empty node
            if "-" in tid:
                mwt_end = int(tid.split("-")[1])
                mwt_space = "SpaceAfter=No" not in misc
                continue
            i = int(tid)
            space = "SpaceAfter=No" not in misc
            if mwt_end:
                space = mwt_space if i == mwt_end else False
                if i == mwt_end:
                    mwt_end = 0
            sent.words.append(cols[1])
            sent.spaces.append(space)
            sent.xpos.append(cols[4])
            sent.upos.append(cols[3])
            head = int(cols[6])
            sent.heads.append(head - 1 if head else i - 1)
            sent.deps.append(cols[7])
    if sent is not None and sent.words:
        yield sent


def read_uner(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    out: dict[str, tuple[list[str], list[str]]] = {}
    sent_id = ""
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("# sent_id"):
            sent_id = line.split("=", 1)[1].strip()
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if words:
                out[sent_id] = (words, tags)
            words, tags = [], []
        else:
            cols = line.split("\t")
            tag = cols[2]
            if tag == "B-O" or tag.endswith("-OTH"):
                tag = "O"
            words.append(cols[1])
            tags.append(tag)
    return out


def project_iob(words: list[str], tags: list[str]) -> list[str]:
    """UNER IOB2 -> IOB in the project labels (LOC split by place_label)."""
    out = ["O"] * len(tags)
    i = 0
    while i < len(tags):
        tag = tags[i]
        if tag == "O" or "-" not in tag:
            i += 1
            continue
        kind = tag.split("-", 1)[1]
        j = i + 1
        while j < len(tags) and tags[j] == f"I-{kind}":
            j += 1
        label = LABELS.get(kind) or place_label(words[i:j])
        out[i] = f"B-{label}"
        for k in range(i + 1, j):
            out[k] = f"I-{label}"
        i = j
    return out


# Dependency labels: en_core_web_sm style (ClearNLP names and prepositions as heads) where the
# argument rules (preannotate/arguments.py) read them, UD elsewhere. The same rules then work
# with the shipped model and with en_core_web_sm (`--model en_core_web_sm`):
#   nsubj:pass -> nsubjpass, csubj:pass -> csubjpass, aux:pass -> auxpass, obj -> dobj,
#   iobj -> dative, nmod:poss -> poss, compound:prt -> prt, root -> ROOT;
#   an obl/nmod noun N with a preposition P (its `case` child) attached to H becomes
#   H -prep-> P -pobj-> N ("fired rockets at Israel"), and for obl:agent H -agent-> by -pobj-> N
#   ("attacked by Hezbollah"); other subtypes are dropped (obl:tmod -> obl, acl:relcl -> acl ...).
RENAME = {"nsubj:pass": "nsubjpass", "csubj:pass": "csubjpass", "aux:pass": "auxpass", "obj": "dobj",
          "iobj": "dative", "nmod:poss": "poss", "compound:prt": "prt", "root": "ROOT"}


def clear_style(heads: list[int], deps: list[str]) -> tuple[list[int], list[str]]:
    """UD heads/relations of one sentence (0-based, root points to itself) -> the mixed scheme above."""
    heads, out = list(heads), [RENAME.get(d, d.split(":")[0]) for d in deps]
    for n, rel in enumerate(deps):
        base = rel.split(":")[0]
        if base not in ("obl", "nmod") or rel == "nmod:poss" or heads[n] == n:
            continue
        cases = [c for c in range(len(deps)) if heads[c] == n and deps[c] == "case" and c < n]
        if not cases:
            continue
        p = cases[0]
        heads[p], out[p] = heads[n], "agent" if rel == "obl:agent" else "prep"
        heads[n], out[n] = p, "pobj"
    return heads, out


def load_split(shared: Path, split: str) -> list[Sentence]:
    ud_path = shared / "ud-english-ewt" / f"en_ewt-ud-{split}.conllu"
    uner_dir = shared / "uner-english-ewt"
    uner_path = (uner_dir / "prerelease-2022-12-02" / "en_ewt-ud-train.iob2" if split == "train"
                 else uner_dir / f"en_ewt-ud-{split}.iob2")
    uner = read_uner(uner_path)
    sentences = list(read_conllu(ud_path))
    for sent in sentences:
        sent.heads, sent.deps = clear_style(sent.heads, sent.deps)
        hit = uner.get(sent.sent_id)
        if hit is not None and hit[0] == sent.words:
            sent.ents = project_iob(*hit)
    return sentences


def make_docs(vocab, sentences: list[Sentence], *, combined_tags: bool) -> Iterator:
    from spacy.tokens import Doc

    groups: list[list[Sentence]] = []
    for sent in sentences:
        if groups and groups[-1][-1].doc_id == sent.doc_id and len(groups[-1]) < SENTS_PER_DOC:
            groups[-1].append(sent)
        else:
            groups.append([sent])
    for group in groups:
        words, spaces, tags, pos, heads, deps, ents, starts = [], [], [], [], [], [], [], []
        for sent in group:
            offset = len(words)
            words += sent.words
            spaces += sent.spaces
            spaces[-1] = True
            tags += [f"{x}|{u}" if combined_tags else x for x, u in zip(sent.xpos, sent.upos)]
            pos += sent.upos
            heads += [h + offset for h in sent.heads]
            deps += sent.deps
            ents += sent.ents if sent.ents is not None else [None] * len(sent.words)
            starts += [True] + [False] * (len(sent.words) - 1)
        doc = Doc(vocab, words=words, spaces=spaces, tags=tags, pos=pos, heads=heads, deps=deps,
                  sent_starts=starts)
        # Entities: O / B-X / I-X where UNER annotated the sentence, missing elsewhere.
        spans, outside, missing = [], [], []
        i = 0
        while i < len(ents):
            tag = ents[i]
            if tag is None:
                missing.append(doc[i:i + 1])
                i += 1
            elif tag == "O":
                outside.append(doc[i:i + 1])
                i += 1
            else:
                label = tag[2:]
                j = i + 1
                while j < len(ents) and ents[j] == f"I-{label}":
                    j += 1
                spans.append(doc.char_span(doc[i].idx, doc[j - 1].idx + len(doc[j - 1]), label=label))
                i = j
        doc.set_ents(spans, missing=missing, outside=outside, default="unmodified")
        yield doc


def convert(shared: Path, out: Path, *, combined_tags: bool = True) -> dict[str, Path]:
    import spacy
    from spacy.tokens import DocBin

    out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("en")
    paths = {}
    for split in SPLITS:
        sentences = load_split(shared, split)
        bin_ = DocBin(attrs=["ORTH", "TAG", "POS", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "SENT_START"],
                      store_user_data=False)
        for doc in make_docs(nlp.vocab, sentences, combined_tags=combined_tags):
            bin_.add(doc)
        paths[split] = out / f"{split}.spacy"
        bin_.to_disk(paths[split])
        with_ents = sum(s.ents is not None for s in sentences)
        print(f"{split}: {len(sentences)} sentences ({with_ents} with entity annotation), "
              f"{len(bin_)} docs -> {paths[split]}")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("build/base_model/corpus"))
    parser.add_argument("--plain-tags", action="store_true",
                        help="store Penn tags (evaluation) instead of XPOS|UPOS pairs (training)")
    args = parser.parse_args()
    convert(args.shared, args.out, combined_tags=not args.plain_tags)


if __name__ == "__main__":
    main()
