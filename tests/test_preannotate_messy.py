"""Text as people paste it: line breaks other than "\\n", direction marks, tabs, typographic
apostrophes, a byline above a dateline, and documents too long for spaCy to read at once. Each
gets the suggestions its plain spelling gets, on the stored characters, with no span starting or
ending in white space or crossing a paragraph break."""

from __future__ import annotations

import html
import re
import time

import pytest

from annotator.core.scheme import default_scheme
from annotator.core.sentences import paragraphs, sentences
from preannotate_support import default_nlp, suggest

NEWS = ("IRAN HITS BACK AT IRAQ\n"
        "TEHRAN (Reuters) - Iranian forces shelled Kurdish rebel positions in northern Iraq on Monday, "
        "the Revolutionary Guards said.\n"
        "Iraq's foreign ministry condemned the attack and summoned the Iranian ambassador.\n"
        "Prime Minister Adil Abdul-Mahdi called for restraint.")


def facts(text: str, layer) -> tuple[set, set]:
    """(entities, events) of a layer by offsets, label and code; an event with its arguments."""
    spans = layer.spans
    ents = {(s.start, s.end, s.label, s.actor_code) for s in spans.values() if s.layer == "entity"}
    events = {(spans[e.trigger].start, spans[e.trigger].end, e.type, e.mode,
               frozenset((a.role, spans[a.span_id].start, spans[a.span_id].end) for a in e.arguments))
              for e in layer.events.values()}
    return ents, events


def assert_well_formed(text: str, layer) -> None:
    for span in layer.spans.values():
        assert 0 <= span.start < span.end <= len(text)
        inside = text[span.start:span.end]
        assert not inside[0].isspace() and not inside[-1].isspace(), inside
        lines = inside.replace("\r\n", "\n")  # (a span may cross a line break that only wraps)
        assert "\n\n" not in lines and "\r" not in lines, inside
    for event in layer.events.values():
        assert layer.spans[event.trigger].layer == "trigger"
        assert all(layer.spans[a.span_id].layer == "entity" for a in event.arguments)


@pytest.mark.parametrize("newline", ["\r", "\u2028", "\u2029", "\x0c"])
def test_other_line_breaks_are_read_as_line_breaks(newline):
    """An old-Mac text ("\\r" only) was one paragraph: the headline ran into the story and the
    dateline, which opens a line, was not found ("TEHRAN" no place)."""
    plain = suggest(NEWS)
    text = NEWS.replace("\n", newline)
    layer = suggest(text)
    assert_well_formed(text, layer)
    assert facts(text, layer) == facts(NEWS, plain)
    assert ("GPE", "IRN") in {(s.label, s.actor_code) for s in layer.spans.values() if text[s.start:s.end] == "TEHRAN"}
    # the model-free splitter (figures, reviewed sentences, the LLM's chunks) reads them so too
    assert paragraphs(text) == paragraphs(NEWS)
    assert sentences(text) == sentences(NEWS)


def test_direction_marks_are_read_as_the_invisible_characters_they_are():
    """Left-to-right / right-to-left marks around names (text copied from a page in Arabic or
    Hebrew) cut the names off from the gazetteer and the model, or ended a span with a mark."""
    marks = "\u200e", "\u200f", "\u2066", "\u2069", "\u202b", "\u202c"
    text = NEWS
    for k, name in enumerate(("Iranian", "Kurdish", "Iraq's", "Revolutionary Guards", "Adil Abdul-Mahdi")):
        text = text.replace(name, marks[k % 3 * 2] + name + marks[k % 3 * 2 + 1], 1)
    layer = suggest(text)
    assert_well_formed(text, layer)
    plain = {(NEWS[s:e], label, code) for s, e, label, code in facts(NEWS, suggest(NEWS))[0]}
    marked = {(without(text[s:e], marks), label, code) for s, e, label, code in facts(text, layer)[0]}
    assert marked == plain
    for span in layer.spans.values():
        assert text[span.start] not in marks and text[span.end - 1] not in marks


def without(text: str, characters: tuple[str, ...]) -> str:
    return "".join(ch for ch in text if ch not in characters)


@pytest.mark.parametrize("gap", ["\t", "\u3000"])
def test_a_tab_between_words_is_a_space(gap):
    """spaCy makes a tab a token of its own: the NER took it into a name ("Abu\\t" PERSON, a span
    ending in white space) and the gazetteer found "Abu Mahdi al-Muhandis" no more."""
    plain = "He was met by Abu Mahdi al-Muhandis, who was also killed in the airstrike."
    text = plain.replace("Abu ", "Abu" + gap)
    layer = suggest(text)
    assert_well_formed(text, layer)
    assert facts(text, layer) == facts(plain, suggest(plain))
    assert ("Abu" + gap + "Mahdi al-Muhandis", "IRQMIL") in {(text[s.start:s.end], s.actor_code)
                                                              for s in layer.spans.values()}


def test_a_byline_above_a_dateline_is_not_part_of_its_place():
    """"By Jane Doe", a blank line and "WASHINGTON (Reuters) -" were read as one place: a GPE
    across the paragraph break."""
    text = "US SENDS TROOPS\n\nBy Jane Doe\n\nWASHINGTON (Reuters) - The United States deployed troops to Poland."
    layer = suggest(text)
    assert_well_formed(text, layer)
    found = {text[s.start:s.end]: s.label for s in layer.spans.values() if s.layer == "entity"}
    assert found.get("WASHINGTON") == "GPE"


@pytest.mark.parametrize("plain,name,code", [
    ("The Korean People's Army fired artillery shells across the border.", "Korean People's Army", "PRKMIL"),
    ("Turkish jets struck positions of the Kurdistan Workers' Party in Iraq.", "Kurdistan Workers' Party", "TURSEP"),
])
def test_a_name_with_a_typographic_apostrophe_is_the_same_name(plain, name, code):
    """Published news writes ’: "Korean People’s Army" was no name, "Kurdistan Workers’ Party"
    got the code of the country in context."""
    text = plain.replace("'", "\u2019")
    layer = suggest(text)
    assert (name.replace("'", "\u2019"), code) in {(text[s.start:s.end], s.actor_code) for s in layer.spans.values()}
    assert facts(text, layer) == facts(plain, suggest(plain))


@pytest.fixture()
def short_pieces(monkeypatch):
    """A pipeline that refuses texts over 5,000 characters (as spaCy refuses those over a
    million), and pieces of at most 3,000."""
    from annotator.preannotate import runner

    nlp = default_nlp()
    monkeypatch.setattr(nlp, "max_length", 5_000)
    monkeypatch.setattr(runner, "MAX_PIECE", 3_000, raising=False)
    return nlp


ARTICLE = "\n".join([NEWS.split("\n", 1)[1],
                     "Hezbollah launched a drone attack on Haifa, and the Israel Defense Forces launched airstrikes "
                     "on Beirut.",
                     "Egyptian police arrested dozens of protesters in Cairo on March 3."])


def test_a_text_longer_than_spacy_reads_is_read_in_pieces(short_pieces):
    """A document over `nlp.max_length` raised spaCy's E088 and stopped the whole run; now it
    gets, piece by piece, what each piece gets alone, on the whole text's offsets."""
    from annotator.preannotate import preannotate_texts

    text = "\n".join([ARTICLE] * 30)  # about 13,000 characters
    assert len(text) > short_pieces.max_length
    layer = preannotate_texts([text], short_pieces, default_scheme())[0]
    assert_well_formed(text, layer)
    from annotator.preannotate.runner import _pieces

    cuts = _pieces(text, 3_000)
    assert len(cuts) >= 5 and all(end - start <= 3_000 for start, end in cuts)
    expected: tuple[set, set] = (set(), set())
    for start, end in cuts:
        ents, events = facts(text[start:end], suggest(text[start:end]))
        expected[0].update((s + start, e + start, label, code) for s, e, label, code in ents)
        expected[1].update((s + start, e + start, t, m, frozenset((r, a + start, b + start) for r, a, b in args))
                           for s, e, t, m, args in events)
    assert facts(text, layer) == expected
    assert len(layer.events) >= 30 * 4 and any(e.arguments for e in layer.events.values())


def test_a_run_saves_a_document_too_long_for_spacy_with_the_others(short_pieces, tmp_path):
    from annotator.core.model import AnnotatedDocument, Document
    from annotator.preannotate import run
    from annotator.store import Project

    long_text = "\n".join([ARTICLE] * 30)
    project = Project.create(tmp_path / "p.db")
    project.import_documents(AnnotatedDocument(Document(text=t, ext_id=f"d{i}"))
                             for i, t in enumerate([ARTICLE, long_text, ARTICLE.replace("\n", "\r")]))
    report = run(project, nlp=short_pieces, batch_size=2)
    assert report.documents == 3 and not report.cancelled
    layers = [project.layer(doc_id, "model") for doc_id in (1, 2, 3)]
    for text, layer in zip([ARTICLE, long_text], layers):
        assert_well_formed(text, layer)
    assert len(layers[1].events) >= 30 * 4
    assert facts(ARTICLE, layers[2]) == facts(ARTICLE, layers[0])  # "\r" only: the same suggestions


def test_paragraph_breaks_are_set_in_linear_time():
    """spaCy's `is_sent_start` setter scans the whole Doc each time: a text of 10,000 short
    paragraphs took 15 s in this component alone (60 s for 20,000), now a fraction of a second."""
    from annotator.preannotate.paragraphs import ParagraphBreaks

    nlp = default_nlp()
    doc = nlp.make_doc("Iran attacked Iraq.\n\n" * 10_000)
    started = time.perf_counter()
    ParagraphBreaks()(doc)
    assert time.perf_counter() - started < 2.0
    assert [t.i for t in doc if t.is_sent_start][:3] == [0, 5, 10]
    assert not any(t.is_sent_start for t in doc if t.is_space)


def test_an_entity_the_model_ends_with_white_space_is_cut_to_its_words():
    """The NER took a white-space token into a name ("Abu\\t", "Cengiz\\t" before tabs were read
    as spaces): the stored span then ended in white space. The actors component cuts it."""
    from spacy.tokens import Span

    from annotator.preannotate.pipeline import ACTORS_PIPE

    nlp = default_nlp()
    doc = nlp.make_doc("Talks with Hatice Cengiz  ended on Monday.")
    assert doc[4].is_space
    for name, proc in nlp.pipeline:
        if name == ACTORS_PIPE:
            doc.ents = [Span(doc, 2, 5, label="PERSON")]
        doc = proc(doc)
    assert [(e.text, e.label_) for e in doc.ents if e.label_ != "DATE"] == [("Hatice Cengiz", "PERSON")]


def test_a_run_of_spaces_reads_as_one_space():
    """A second space is a token of its own for the tokenizer: "Saudi  Arabia" became NORP +
    PERSON and "Abu  Mahdi al-Muhandis" lost the gazetteer's name. Offsets stay the stored ones."""
    plain = "Saudi Arabia accused Iran of attacking its oil facilities.  Abu Mahdi al-Muhandis was killed in Baghdad."
    text = plain.replace("Saudi ", "Saudi  ").replace("Abu ", "Abu   ").replace("in Baghdad", "in  Baghdad")
    layer = suggest(text)
    assert_well_formed(text, layer)
    found = {(text[s.start:s.end], s.label, s.actor_code) for s in layer.spans.values() if s.layer == "entity"}
    assert {("Saudi  Arabia", "GPE", "SAU"), ("Abu   Mahdi al-Muhandis", "PERSON", "IRQMIL"),
            ("Baghdad", "GPE", "IRQ")} <= found
    assert {(" ".join(t.split()), label, code) for t, label, code in found} == {
        (plain[s.start:s.end], s.label, s.actor_code) for s in suggest(plain).spans.values() if s.layer == "entity"}
    assert len({e.type for e in layer.events.values()}) == len({e.type for e in suggest(plain).events.values()})


def as_read(stored: str) -> str:
    """A span's stored text as a reader of the page sees it: references decoded, tags dropped."""
    return html.unescape(re.sub(r"</?[a-z0-9]+(\s[^<>]*)?/?>", "", stored))


def test_html_references_and_tags_read_as_the_page_shows_them():
    """Text taken from a page's source: "Iraq&#39;s" was one token for the tokenizer (Iraq, the
    country, was lost), "&quot;" glued to the words it quotes, and "<p>" ran a headline into its
    story. Each now gets the suggestions its plain spelling gets, on the stored characters."""
    lines = NEWS.replace("'", "&#39;").replace("Revolutionary Guards", "<b>Revolutionary Guards</b>").split("\n")
    text = (f"<h1>{lines[0]}</h1>" + "".join(f'<p class="story">{line}</p>\n' for line in lines[1:])
            ).replace("called for restraint", "called for &quot;restraint&quot;")
    plain = NEWS.replace("called for restraint", 'called for "restraint"')
    layer = suggest(text)
    assert_well_formed(text, layer)
    for span in layer.spans.values():  # never starting or ending inside a reference or a tag
        assert not re.search(r"&[#\w]*$|<[^>]*$", text[:span.start]), text[span.start:span.end]
        assert not re.match(r"^[#\w]*;|^[^<]*>", text[span.end:]), text[span.start:span.end]
    ents, events = facts(text, layer)
    plain_ents, plain_events = facts(plain, suggest(plain))
    assert {(as_read(text[s:e]), label, code) for s, e, label, code in ents} == {
        (plain[s:e], label, code) for s, e, label, code in plain_ents}
    assert ("GPE", "IRQ") in {(label, code) for s, e, label, code in ents if text[s:e] == "Iraq"}
    assert sorted((as_read(text[s:e]), kind) for s, e, kind, *_ in events) == sorted(
        (plain[s:e], kind) for s, e, kind, *_ in plain_events)


def test_text_that_only_looks_like_markup_is_read_as_written():
    from annotator.core.offsets import model_text
    assert model_text("AT&T and P&G rose 3% &c. while a <b and c> d held; &nosuch; too.") is None


def hyphenated(text: str, width: int) -> str:
    """A greedy wrap that cuts a word that does not fit with a hyphen, as typesetting does."""
    lines, line = [], ""
    for word in text.split():
        if not line or len(line) + 1 + len(word) <= width:
            line = f"{line} {word}" if line else word
            continue
        room = width - len(line) - 2  # a space and the hyphen
        if word.isalpha() and room >= 3 and len(word) - room >= 3:
            lines.append(f"{line} {word[:room]}-")
            line = word[room:]
        else:
            lines.append(line)
            line = word
    return "\n".join(lines + [line]) + "\n"


STORY = ("The Palestinian Authority condemned the airstrikes that Israeli warplanes carried out on Monday "
         "against targets in the northern Gaza Strip, and President Mahmoud Abbas called on the United Nations "
         "Security Council to intervene. The Egyptian foreign ministry summoned the Israeli ambassador in Cairo, "
         "while Jordanian officials said that the Hashemite Kingdom would recall its envoy from Tel Aviv. Hamas "
         "spokesman Fawzi Barhoum accused the Israeli government of committing massacres against civilians, and "
         "the Organisation of Islamic Cooperation demanded an international investigation into the killings.")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("width", [60, 63, 65, 72, 78])
def test_a_word_cut_with_a_hyphen_at_a_wrapped_lines_end_is_one_word(width, newline):
    """A PDF or typeset copy cuts words at a line's end ("Isr-\\naeli", "Jorda-\\nnian"): each half
    was a token of its own, and the names, their codes and the events around them were lost.
    Windows line ends too (the "\\r" was looked for where it had already been read as a space)."""
    text = hyphenated(STORY, width).replace("\n", newline)
    assert re.search(r"[a-z]-\r?\n[a-z]", text)
    layer = suggest(text)
    assert_well_formed(text, layer)
    ents, events = facts(text, layer)
    plain_ents, plain_events = facts(STORY, suggest(STORY))
    joined = lambda stored: stored.replace("\r", "").replace("-\n", "").replace("\n", " ")  # noqa: E731
    assert {(joined(text[s:e]), label, code) for s, e, label, code in ents} == {
        (STORY[s:e], label, code) for s, e, label, code in plain_ents}
    assert sorted((joined(text[s:e]), kind) for s, e, kind, *_ in events) == sorted(
        (STORY[s:e], kind) for s, e, kind, *_ in plain_events)


def test_a_hyphen_before_a_capital_stays_and_a_text_that_is_not_wrapped_is_read_as_written():
    from annotator.core.offsets import model_text
    text = ("The talks in Geneva were attended by a pro-\nRussian delegation and envoys of the Euro-\n"
            "pean Union, who said that the separatist side\nhad asked for a ceasefire in the east of the\n"
            "country and for the release of the prisoners\nheld by both sides.\n")
    read = model_text(text)
    assert "a pro-Russian delegation" in read.text and "the European Union" in read.text
    assert text[slice(*read.span(read.text.index("pro-Russian"), read.text.index(" delegation")))] == "pro-\nRussian"
    assert model_text("A list:\nself-\nhelp\n") is None  # short lines: not wrapped, kept as written
