"""spaCy's JSON training format (spaCy v2's `train` input; `spacy convert` still reads it): read only.

A file is one JSON array of documents:
    [{"id": 42, "paragraphs": [{"raw": "...", "cats": [{"label": L, "value": 1.0}],
        "sentences": [{"tokens": [{"id": 0, "orth": "In", "tag": "IN", "head": 44, "dep": "prep",
                                   "ner": "O"}, ...], "brackets": [...]}]}]}, ...]
Each paragraph of an array element becomes one document, as spaCy's own reader makes one Doc
of each (the element's `id` names the first, `<id>-p2`, `<id>-p3` the others; an empty one is
skipped). A paragraph's text is its `raw` string when it has one (tokens are found in it in
order, skipping whitespace, so offsets point at the real text); without `raw` it is the tokens
joined the way spaCy joins them (a token's `space` flag when given, else one space). Entities
come from the tokens' `ner` tags, BILUO as spaCy writes them (IOB is accepted too); `-`
(unknown) counts as outside. A paragraph's categories go into its document's meta (`cats`);
tags, parses and brackets are not annotations here and are dropped (counted in one warning). Read whole, like spaCy does, but one
document is parsed at a time; an error names the line where that document starts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from ..core.errors import InputError
from ..core.model import AnnotatedDocument, Document, Layer, Span
from .io import read_text, sniffed_suffix
from .layers import IdMap, LayerNamer, Tally, partly_annotated
from .registry import ReadOptions

SNIFF_BYTES = 4096
# spaCy's "not annotated" tag: no judgement on the token, unlike "O" (outside every entity).
MISSING_TAGS = frozenset({"-", ""})


def read(path: Path, options: ReadOptions) -> Iterator[AnnotatedDocument]:
    path = Path(path)
    namer = LayerNamer(options, "spacy")
    tally = Tally()
    for number, line, raw in _elements(read_text(path), path):
        try:
            yield from _documents(raw, number, path, line, namer, tally)
        except InputError as exc:
            raise exc.located(str(path), line) from None
    namer.report()
    tally.flush(options.warnings)


def _elements(text: str, path: Path) -> Iterator[tuple[int, int, Any]]:
    """(document number, line it starts on, parsed value) for each element of the top-level array."""
    decoder = json.JSONDecoder()
    i = _skip_space(text, 0)
    if i >= len(text) or text[i] != "[":
        raise InputError("not spaCy's JSON training format: the file must be one JSON array of documents",
                         file=str(path), line=_line(text, i))
    i = _skip_space(text, i + 1)
    number = 0
    if i < len(text) and text[i] == "]":
        i = _skip_space(text, i + 1)
    else:
        while True:
            number += 1
            try:
                value, end = decoder.raw_decode(text, i)
            except json.JSONDecodeError as exc:
                raise InputError(f"invalid JSON ({exc.msg}, column {exc.colno})", file=str(path),
                                 line=exc.lineno) from None
            yield number, _line(text, i), value
            i = _skip_space(text, end)
            if i < len(text) and text[i] == ",":
                i = _skip_space(text, i + 1)
                continue
            if i < len(text) and text[i] == "]":
                i = _skip_space(text, i + 1)
                break
            raise InputError("invalid JSON (expected ',' or ']' after a document; is the file cut short?)",
                             file=str(path), line=_line(text, i))
    if i < len(text):
        raise InputError("invalid JSON (text after the closing ']')", file=str(path), line=_line(text, i))


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _line(text: str, i: int) -> int:
    return text.count("\n", 0, i) + 1


def _documents(raw: Any, number: int, path: Path, line: int, namer: LayerNamer, tally: Tally
               ) -> list[AnnotatedDocument]:
    """One document per paragraph, as spaCy's own reader (`json_to_docs`) makes one Doc of each:
    a paragraph's `cats` are that text's (joined into one document, each paragraph's labels were
    overwritten by the last one's)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("paragraphs"), list):
        raise InputError(f"document {number} is not an object with a 'paragraphs' list")
    ext_id = raw.get("id")
    ext_id = str(ext_id) if isinstance(ext_id, (str, int)) and not isinstance(ext_id, bool) else None
    paragraphs = raw["paragraphs"]
    out = []
    for p_number, paragraph in enumerate(paragraphs, 1):
        where = f"document {number}, paragraph {p_number}"
        if not isinstance(paragraph, dict) or not isinstance(paragraph.get("sentences", []), list):
            raise InputError(f"{where} is not an object with a 'sentences' list")
        text, tokens = _paragraph_tokens(paragraph, where, tally)
        if not text:
            tally.add("empty paragraph(s) (no text) were skipped")
            continue
        tags = {tag for _, _, tag in tokens if tag is not None}  # none at all: a text nobody annotated
        entities = list(_entities(tokens, where))
        cats = {cat["label"]: cat.get("value") for cat in paragraph.get("cats") or []
                if isinstance(cat, dict) and isinstance(cat.get("label"), str)}
        document = Document(
            text=text,
            # the array element's id names its first paragraph; the others are numbered after it
            ext_id=ext_id if ext_id is None or p_number == 1 else f"{ext_id}-p{p_number}",
            meta={"cats": cats} if cats else {},
        )
        layers = []
        if entities or tags - MISSING_TAGS:
            # All tokens "O" is a negative example (as in a DocBin): it keeps its empty done layer.
            layer = Layer(namer(), "done")
            ids = IdMap()
            for start, end, label in entities:
                layer.add_span(Span(ids(object()), start, end, label, "entity", origin="import", status="accepted"))
            layers.append(layer)
            if tags & MISSING_TAGS:
                partly_annotated(layer, tally, "tagged '-', unknown")
        out.append(AnnotatedDocument(document, layers, source_file=str(path), source_line=line))
    return out


def _paragraph_tokens(paragraph: dict[str, Any], where: str, tally: Tally
                      ) -> tuple[str, list[tuple[int, int, str]]]:
    """The paragraph's text and its tokens as (start, end, ner tag) over that text."""
    words: list[tuple[str, Any, str]] = []  # (orth, space flag, ner)
    for s_number, sentence in enumerate(paragraph.get("sentences") or [], 1):
        if not isinstance(sentence, dict) or not isinstance(sentence.get("tokens"), list):
            raise InputError(f"{where}, sentence {s_number} is not an object with a 'tokens' list")
        if sentence.get("brackets"):
            tally.add("sentence(s) with brackets (constituents) were read without them")
        for t_number, token in enumerate(sentence["tokens"], 1):
            if not isinstance(token, dict) or not isinstance(token.get("orth"), str) or not token["orth"]:
                raise InputError(f"{where}, sentence {s_number}, token {t_number} has no 'orth' string")
            ner = token.get("ner")
            words.append((token["orth"], token.get("space"), ner if isinstance(ner, str) else None))
            if any(key in token for key in ("tag", "pos", "dep", "head", "lemma", "morph")):
                tally.add("token(s) carried tags or a parse, which are not annotations here and were dropped")
    raw_text = paragraph.get("raw")
    if isinstance(raw_text, str):
        aligned = _aligned(raw_text, words)
        if aligned is not None:
            return raw_text, aligned
        tally.add("paragraph(s) whose tokens do not match their 'raw' text were read from the tokens",
                  where)
    pieces, tokens, at = [], [], 0
    for i, (orth, space, ner) in enumerate(words):
        tokens.append((at, at + len(orth), ner))
        gap = "" if i == len(words) - 1 else (" " if space is None or space else "")
        pieces.append(orth + gap)
        at += len(orth) + len(gap)
    return "".join(pieces), tokens


# Penn Treebank spellings of characters (files converted from treebanks, like spaCy's own
# example, write `` and '' for the quotes the raw text has).
PTB_FORMS = {"``": ('"', "\u201c", "'"), "''": ('"', "\u201d", "'"), "-LRB-": ("(",), "-RRB-": (")",),
             "-LSB-": ("[",), "-RSB-": ("]",), "-LCB-": ("{",), "-RCB-": ("}",)}


def _aligned(text: str, words: list[tuple[str, Any, str]]) -> list[tuple[int, int, str]] | None:
    """Each token's place in `text`, in order, whitespace between them skipped; None when a
    token is not there."""
    tokens, at = [], 0
    for orth, _space, ner in words:
        if orth.isspace():
            # spaCy's whitespace tokens (a double space, a blank line): the whitespace skipped
            # before the next token covers them; looking for them broke the alignment.
            tokens.append((at, at, ner))
            continue
        while at < len(text) and text[at].isspace():
            at += 1
        form = next((f for f in (orth, *PTB_FORMS.get(orth, ())) if text.startswith(f, at)), None)
        if form is None:
            return None
        tokens.append((at, at + len(form), ner))
        at += len(form)
    return tokens


def _entities(tokens: list[tuple[int, int, str]], where: str) -> Iterator[tuple[int, int, str]]:
    """Entity spans from BILUO (or IOB) tags; a tag sequence that does not close is an error."""
    open_at: tuple[int, str] | None = None
    for i, (start, end, tag) in enumerate(tokens):
        tag = tag if tag is not None else "O"
        prefix, _, label = tag.partition("-")
        if tag in ("O", *MISSING_TAGS):
            prefix, label = "O", ""
        if prefix not in ("B", "I", "L", "U", "O") or (prefix != "O" and not label):
            raise InputError(f"{where}: token {i + 1} has the entity tag {tag!r} (expected BILUO: "
                             "B-X, I-X, L-X, U-X or O)")
        if open_at is not None and (prefix in ("B", "U", "O") or label != open_at[1]):
            # IOB ends an entity by starting another or by O; BILUO would have closed it with L
            yield open_at[0], tokens[i - 1][1], open_at[1]
            open_at = None
        if prefix == "U":
            yield start, end, label
        elif prefix == "B" or (prefix == "I" and open_at is None):
            open_at = (start, label)
        elif prefix == "L":
            if open_at is None:
                yield start, end, label
            else:
                yield open_at[0], end, label
                open_at = None
    if open_at is not None:
        yield open_at[0], tokens[-1][1], open_at[1]


def sniff(path: Path, suffix: str | None = None) -> bool:
    """A .json file whose first document has 'paragraphs'."""
    if path.is_dir() or sniffed_suffix(path, suffix) != ".json":
        return False
    with open(path, "rb") as f:
        head = f.read(SNIFF_BYTES).decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    return head.startswith("[") and '"paragraphs"' in head
