"""Hard-wrapped text (annotator/core/layout.py): the line breaks that only wrap a line are read as
spaces by the sentence splitter and the pre-annotator; paragraph breaks, and texts whose lines are
paragraphs, are left alone; offsets never move."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.layout import soft_breaks, unwrapped
from annotator.core.sentences import paragraphs, sentences

DEMO = Path(__file__).resolve().parent.parent / "corpora" / "demo.jsonl"
ARTICLES = [json.loads(line)["text"] for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]


def wrap(text: str, width: int, between: str = "\n\n") -> tuple[str, set[int]]:
    """`text` (one paragraph per line) wrapped at `width`, and where its wrapping breaks are."""
    out: list[str] = []
    inside: set[int] = set()
    at = 0
    for k, paragraph in enumerate(text.split("\n")):
        if k:
            out.append(between)
            at += len(between)
        lines = textwrap.wrap(paragraph, width) or [""]
        for j, line in enumerate(lines):
            if j:
                inside.add(at)
                out.append("\n")
                at += 1
            out.append(line)
            at += len(line)
    return "".join(out), inside


def test_the_demo_corpus_is_not_wrapped():
    assert len(ARTICLES) > 50
    assert [t[:40] for t in ARTICLES if soft_breaks(t)] == []


def ends_a_sentence(text: str, at: int) -> bool:
    """The line before the break at `at` ends with . ! ? : and the next begins with a capital."""
    before, after = text[:at].rstrip(), text[at + 1:].lstrip()
    return bool(before) and before[-1] in ".!?:\"'”’)]" and bool(after) and (after[0].isupper() or
                                                                          after[0].isdigit() or after[0] in "\"'“‘(")


@pytest.mark.parametrize("between", ["\n\n", "\n"])
@pytest.mark.parametrize("width", [60, 72, 80, 100])
def test_each_wrapping_break_of_a_wrapped_article_is_found_and_no_paragraph_break(width, between):
    """Every break inside a paragraph is read as wrapping -- but after a line that ends a sentence,
    which ends there anyway -- and no break between paragraphs, blank line or not."""
    found = missed = wrong = 0
    for article in ARTICLES:
        wrapped, inside = wrap(article, width, between)
        soft = set(soft_breaks(wrapped))
        found += len(soft & inside)
        missed += len({at for at in inside - soft if not ends_a_sentence(wrapped, at)})
        wrong += len(soft - inside)
    # missed: a line whose next one opens like a list item ("79. He had ..." after "died aged")
    assert found > 1000 and missed <= 2 and wrong <= (0 if between == "\n\n" else 2)


def test_paragraphs_of_a_wrapped_text_are_its_paragraphs():
    article = next(t for t in ARTICLES if t.count("\n") >= 3)
    wrapped, _ = wrap(article, 72)
    assert [wrapped[a:b].split() for a, b in paragraphs(wrapped)] == [p.split() for p in article.split("\n")
                                                                      if p.strip()]
    # the same sentences as the unwrapped text, by their words
    assert ([wrapped[a:b].split() for a, b in sentences(wrapped)]
            == [article.replace("\n", "\n\n")[a:b].split() for a, b in sentences(article.replace("\n", "\n\n"))])


def test_short_lines_headlines_and_crlf():
    wrapped, _ = wrap(ARTICLES[1], 70)
    text = "Headline of the day\r\n\r\n" + wrapped.replace("\n", "\r\n")
    read = unwrapped(text)
    assert len(read) == len(text)
    assert read.startswith("Headline of the day\r\n\r\n")  # a short line and a blank one stay
    assert "\n" not in read.replace("\r\n\r\n", "")  # every other break wrapped a line
    # a list of short lines, and one paragraph per line, are not wrapped text
    assert soft_breaks("apples\npears\nplums\ncherries\n") == []
    assert soft_breaks("\n".join(["A long paragraph of news text that goes on. " * 4] * 5)) == []
    # a list item keeps the break before it; a paragraph longer than the width keeps the one after
    items = "\n".join(f"- 1{n} May: talks in Cairo resumed between the delegations of both countries"
                      for n in range(4))
    assert soft_breaks(items) == []
    long_paragraph = wrap(ARTICLES[1], 72)[0] + "\n" + "A paragraph pasted in whole " * 6 + "\nNext one."
    assert len(long_paragraph) - 1 - long_paragraph.rindex("\n", 0, len(long_paragraph) - 11) > 72
    assert long_paragraph.rindex("\n") not in soft_breaks(long_paragraph)


@given(st.text(alphabet=st.sampled_from("ab .\n\r"), max_size=300), st.integers(30, 100))
def test_unwrapping_keeps_every_offset(text, width):
    text = text + "\n" + "\n".join(textwrap.wrap("word " * 40, width))
    read = unwrapped(text)
    assert len(read) == len(text)
    # a wrapping break is read as a space, a lone "\r" as "\n" (`lines_read`)
    assert all(a == b or (a in "\r\n" and b == " ") or (a == "\r" and b == "\n") for a, b in zip(text, read))
