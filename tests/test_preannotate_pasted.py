"""Text pasted from Markdown, Wikipedia, chat and mis-decoded pages gets the suggestions of its
plain spelling, on the stored characters: markup marks read as nothing, single guillemets as
quotation marks, UTF-8 read as Windows-1252 as what it encodes, and no entity takes in a bullet,
an emoji or a quotation mark at its edge (core.offsets.model_text, preannotate.actors). Found by
pasting 42 variants of 20 Wikinews paragraphs; each case below failed before."""

from __future__ import annotations

import pytest

from annotator.core.scheme import default_scheme
from annotator.preannotate.runner import preannotate_texts
from preannotate_support import default_nlp, suggest
from test_preannotate_messy import assert_well_formed


def entities(text: str, layer) -> set[tuple[str, str, str | None]]:
    return {(text[s.start:s.end], s.label, s.actor_code) for s in layer.spans.values() if s.layer == "entity"}


def events(text: str, layer) -> set[tuple[str, str]]:
    return {(text[layer.spans[e.trigger].start:layer.spans[e.trigger].end], e.type) for e in layer.events.values()}


def source_of(text: str, layer, etype: str) -> str | None:
    for event in layer.events.values():
        if event.type == etype:
            for argument in event.arguments:
                if argument.role == "source":
                    span = layer.spans[argument.span_id]
                    return text[span.start:span.end]
    return None


PLAIN = "Turkey attacked Kurdish forces in Syria on Monday."


@pytest.mark.parametrize("text, name", [
    ("[Turkey](https://en.wikipedia.org/wiki/Turkey) attacked Kurdish forces in Syria on Monday.", "Turkey"),
    ("**Turkey** attacked Kurdish forces in Syria on Monday.", "Turkey"),
    ("_Turkey_ attacked Kurdish forces in Syria on Monday.", "Turkey"),
    ("Turkey[1] attacked Kurdish forces in Syria on Monday.[2]", "Turkey"),
    ("Turkey¹ attacked Kurdish forces in Syria on Monday.²", "Turkey"),
    ("• Turkey attacked Kurdish forces in Syria on Monday.", "Turkey"),
    ("- Turkey attacked Kurdish forces in Syria on Monday.", "Turkey"),
    ("Turkey 👍🏽 attacked Kurdish forces in Syria on Monday.", "Turkey"),
])
def test_markup_around_a_name_leaves_the_name_and_its_event(text, name):
    layer = suggest(text)
    assert_well_formed(text, layer)
    plain = suggest(PLAIN)
    assert (name, "GPE", "TUR") in entities(text, layer)
    assert events(text, layer) == events(PLAIN, plain)
    assert source_of(text, layer, "ASSAULT") == name
    for span in layer.spans.values():  # nothing found inside an address, a marker or an emoji
        assert "](" not in text[span.start:span.end] and "wiki" not in text[span.start:span.end]
        inside = text[span.start:span.end]
        assert inside[0].isalnum() and inside[-1].isalnum(), inside


def test_a_link_names_its_text_not_its_address():
    text = "[Brett McGurk](https://en.wikipedia.org/wiki/Brett_McGurk) criticized the decision."
    layer = suggest(text)
    assert ("Brett McGurk", "PERSON") in {(n, label) for n, label, _code in entities(text, layer)}
    assert all(s.end <= text.index("]") for s in layer.spans.values() if s.layer == "entity")


def test_a_footnote_glued_to_a_name_is_no_part_of_it():
    text = "The United States[3] sanctioned Iran on Friday."
    layer = suggest(text)
    assert ("United States", "GPE", "USA") in entities(text, layer)


def test_utf8_read_as_windows_1252_reads_as_what_it_encodes():
    text = "Trumpâ€™s envoy met ErdoÄŸan in Ankara, the Supreme Courtâ€™s ruling said."
    layer = suggest(text)
    assert_well_formed(text, layer)
    found = entities(text, layer)
    assert ("ErdoÄŸan", "PERSON", "TURGOV") in found and ("Trump", "PERSON", "USAGOV") in found
    mojibake = [(i, i + 3) for i in range(len(text)) if text.startswith("â€™", i)]
    for span in layer.spans.values():  # never starting or ending inside a mis-decoded run
        assert not any(a < span.start < b or a < span.end < b for a, b in mojibake)


def test_single_guillemets_are_quotation_marks():
    text = "The form asked, ‹Is this person a citizen of the United States?›, and Iran objected."
    layer = suggest(text)
    assert ("United States", "GPE", "USA") in entities(text, layer)
    assert not any("›" in text[s.start:s.end] for s in layer.spans.values())


def test_a_headline_in_title_case_keeps_its_event():
    """"Turkey Invades Syria's Northeast" gave no event (the verb read as part of a name): on the
    tuning sets' 88 headlines in Title Case, 6 of 43 headline events were found; now 39."""
    body = "\n\nTurkish troops entered northeastern Syria on Wednesday."
    for headline, trigger, etype in (("Turkey Invades Syria's Northeast", "Invades", "ASSAULT"),
                                     ("Germany Bans Mahan Air Flights Over Iran Ties", "Bans", "COERCE")):
        text = headline + body
        layer = suggest(text)
        assert (trigger, etype) in events(text, layer), events(text, layer)


def test_half_a_character_does_not_stop_the_batch():
    """A lone surrogate (a tweet cut inside an emoji, JSON "\\ud83d") made spaCy's tokenizer
    raise UnicodeEncodeError and the whole batch failed, the good texts with it."""
    texts = ["Israel attacked Gaza \ud83d", "Iran met Iraq."]
    layers = preannotate_texts(texts, default_nlp(), default_scheme())
    assert ("Israel", "GPE", "ISR") in entities(texts[0], layers[0])
    assert ("met", "CONSULT") in events(texts[1], layers[1])


def test_text_that_only_looks_like_markdown_is_read_as_written():
    from annotator.core.offsets import model_text

    assert model_text("snake_case_name and 2*3*4 = 24 and a * b; see [A] or [Smith 2004] (p. 3).") is None


def test_an_emoji_between_two_words_parts_them():
    """Read as nothing, "Russia🇷🇺Ukraine" was one word and one ORG; it reads as a space."""
    text = "Russia🇷🇺Ukraine talks ended. Turkey👍attacked Kurdish forces in Syria."
    layer = suggest(text)
    assert_well_formed(text, layer)
    found = entities(text, layer)
    assert {("Russia", "GPE", "RUS"), ("Ukraine", "GPE", "UKR"), ("Turkey", "GPE", "TUR")} <= found
    assert ("attacked", "ASSAULT") in events(text, layer)


@pytest.mark.parametrize("text", ["«ALT ER BLÅ» sa han.", "«NON NE POSSO PIÙ» gridavano.", "”HYVÄ” x", "Ø–Hamburg"])
def test_real_letters_before_punctuation_are_no_mojibake(text):
    """A capital Å, Ù, Ä or Ø before a quotation mark or a dash was read as UTF-8 mis-decoded
    ("BLÅ»" as "BLŻ", "PIÙ»" as an Arabic letter)."""
    from annotator.core.offsets import model_text

    assert model_text(text) is None


def test_a_common_word_after_an_unknown_name_in_a_title_case_headline_is_the_names():
    from annotator.preannotate.truecase import truecased

    assert truecased("Al-Nusra Front Claims Attack in Damascus").startswith("Al-Nusra Front")
    assert truecased("Ulysses Grant Statue Toppled in San Francisco").startswith("Ulysses Grant")
    assert truecased("Protesters Clash With Police in Hong Kong") == "Protesters clash with police in Hong Kong"
