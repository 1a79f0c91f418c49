"""The named-actor lexicons (resources/lexicons/people.tsv, organisations_world.tsv): every line
parses with a label of the scheme and a CAMEO-shaped code, no surface is listed twice, shadows a
country/city/demonym or is an ordinary English word, and the entries reach the pipeline's
entities with their codes."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from annotator.core.resources import resource_path
from annotator.core.scheme import default_scheme

NEW_FILES = ("lexicons/people.tsv", "lexicons/organisations_world.tsv")
CURATED_FILE = "lexicons/organisations.tsv"
COUNTRIES_FILE = "lexicons/countries.tsv"
CODE = re.compile(r"(?:[A-Z]{3})+")
GENERIC_ROOTS = {"IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS"}
# Capitalised words that start sentences or name other things: never an entry on their own.
AMBIGUOUS = {"Party", "Union", "Republic", "Labour", "Labor", "Government", "Council", "Court", "Army", "Forces",
             "National", "Independent", "Times", "Hill", "Atlantic", "Observer", "Sun", "Post", "Memorial",
             "Total", "Shell", "Anonymous", "Diet", "Quad", "May", "Brown", "Johnson", "Lee", "Kim", "Li",
             "Wang", "Smith", "Jones", "Rice", "Power", "Gates", "Bush", "Harris", "Jordan", "Chad", "Georgia",
             "Justice", "Freedom", "Unity", "Front", "Movement", "Alliance", "State"}


def rows(name: str) -> list[tuple[int, list[str]]]:
    lines = resource_path(name).read_text(encoding="utf-8").splitlines()
    return [(n, line.split("\t")) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]


def surfaces(names: str) -> list[str]:
    """The surfaces the loader adds for one row (a leading "The " is optional)."""
    found = []
    for name in names.split("|"):
        found.append(name)
        if name.startswith("The "):
            found.append(name[4:])
    return list(dict.fromkeys(found))


@lru_cache(maxsize=1)
def place_names() -> set[str]:
    import pycountry

    names = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.add(value.removeprefix("the "))
    for _n, row in rows(COUNTRIES_FILE):
        for column in row[1:5]:
            names |= {v.strip() for v in column.split(",") if v.strip()}
    return names


@pytest.mark.parametrize("name", NEW_FILES)
def test_every_line_parses(name):
    scheme = default_scheme()
    roots = set(scheme.actor_countries) | GENERIC_ROOTS
    found = rows(name)
    assert len(found) >= (600 if "people" in name else 400)
    for n, row in found:
        where = f"{name}:{n}"
        assert len(row) == 4, f"{where}: expected 4 tab-separated columns, got {len(row)}"
        names, label, code, kind = row
        assert label in scheme.entity_names(), f"{where}: label {label!r} not in the scheme"
        assert CODE.fullmatch(code), f"{where}: code {code!r} is not 3-letter blocks"
        assert code[:3] in roots, f"{where}: code {code!r} starts with no country or generic code"
        assert kind.strip(), f"{where}: empty kind"
        assert all(s.strip() == s and s for s in names.split("|")), f"{where}: empty or padded alias"
        if "people" in name:
            assert (label, kind) == ("PERSON", "person"), where


def test_no_surface_twice_nor_a_place_nor_a_common_word():
    from spacy.lang.en.stop_words import STOP_WORDS

    places = place_names()
    stop = AMBIGUOUS | {w.title() for w in STOP_WORDS} | STOP_WORDS
    seen = {s: (CURATED_FILE, n) for n, row in rows(CURATED_FILE) for s in surfaces(row[0])}
    for name in NEW_FILES:
        for n, row in rows(name):
            for surface in surfaces(row[0]):
                assert surface not in seen, f"{name}:{n}: {surface!r} already in {seen[surface]}"
                seen[surface] = (name, n)
                assert surface not in places, f"{name}:{n}: {surface!r} is a country, city or demonym"
                assert surface not in stop, f"{name}:{n}: {surface!r} is a common word"


def test_loader_reads_every_entry_with_its_code():
    from annotator.preannotate.gazetteer import load_gazetteer

    codes = load_gazetteer().codes
    for name in NEW_FILES:
        for n, (names, label, code, _kind) in rows(name):
            for surface in surfaces(names):
                assert codes.get(surface) == (label, code), f"{name}:{n}: {surface!r} -> {codes.get(surface)}"


SENTENCES = [
    ("Recep Tayyip Erdoğan met Masoud Pezeshkian in Ankara, and Erdogan later called Vladimir Putin.",
     [("Recep Tayyip Erdoğan", "PERSON", "TURGOV"), ("Masoud Pezeshkian", "PERSON", "IRNGOV"),
      ("Erdogan", "PERSON", "TURGOV"), ("Vladimir Putin", "PERSON", "RUSGOV")]),
    ("Zelenskyy thanked Ursula von der Leyen and António Guterres after Sergei Shoigu spoke.",
     [("Zelenskyy", "PERSON", "UKRGOV"), ("Ursula von der Leyen", "PERSON", "IGOEUREEC"),
      ("António Guterres", "PERSON", "IGOUNO"), ("Sergei Shoigu", "PERSON", "RUSGOVMIL")]),
    ("Chuck Schumer and Justice Sonia Sotomayor criticised the Justice Department and the FSB.",
     [("Chuck Schumer", "PERSON", "USALEG"), ("Sonia Sotomayor", "PERSON", "USAJUD"),
      ("Justice Department", "ORG", "USAGOV"), ("FSB", "ORG", "RUSSPY")]),
    ("Alexei Navalny's allies and Médecins Sans Frontières condemned the State Duma and Gazprom.",
     [("Alexei Navalny", "PERSON", "RUSOPP"), ("Médecins Sans Frontières", "ORG", "NGOHLH"),
      ("State Duma", "ORG", "RUSLEG"), ("Gazprom", "ORG", "RUSBUS")]),
    ("Yahya Sinwar, Abu Bakr al-Baghdadi and the Tehrik-i-Taliban Pakistan were named by Deutsche Welle.",
     [("Yahya Sinwar", "PERSON", "PSEREBHMS"), ("Abu Bakr al-Baghdadi", "PERSON", "IMGMUSISI"),
      ("Tehrik-i-Taliban Pakistan", "ORG", "PAKREB"), ("Deutsche Welle", "ORG", "DEUMED")]),
    ("The Bharatiya Janata Party backed Narendra Modi while Marine Le Pen's National Rally lost.",
     [("Bharatiya Janata Party", "ORG", "INDGOVPTY"), ("Narendra Modi", "PERSON", "INDGOV"),
      ("Marine Le Pen", "PERSON", "FRAOPP"), ("National Rally", "ORG", "FRAOPPPTY")]),
]


@pytest.fixture(scope="module")
def annotate():
    from annotator.preannotate import preannotate_texts
    from annotator.preannotate.pipeline import build_pipeline

    nlp, scheme = build_pipeline(), default_scheme()
    return lambda text: preannotate_texts([text], nlp, scheme)[0]


@pytest.mark.parametrize("text,expected", SENTENCES)
def test_people_and_organisations_get_their_codes(annotate, text, expected):
    layer = annotate(text)
    got = {(s.text_in(text), s.label, s.actor_code) for s in layer.spans.values() if s.layer == "entity"}
    for item in expected:
        assert item in got, f"{item} not among {sorted(got, key=str)}"


def test_an_abbreviated_prefix_stands_for_its_other_spellings():
    from annotator.preannotate.gazetteer import abbreviation_variants, load_gazetteer

    assert abbreviation_variants("UN General Assembly") == ["U.N. General Assembly", "United Nations General Assembly"]
    assert abbreviation_variants("U.S. Senate") == ["US Senate"]
    assert abbreviation_variants("UNESCO") == [] and abbreviation_variants("US") == []
    gazetteer = load_gazetteer()
    assert gazetteer.code_for("U.N. General Assembly") == ("ORG", "IGOUNO")
    assert gazetteer.code_for("United Nations High Commissioner for Refugees") == gazetteer.code_for("UNHCR")


# -- places inside a country (resources/lexicons/places.tsv) --------------------------------------

PLACES_FILE = "lexicons/places.tsv"


def test_every_place_line_names_a_country_and_no_place_is_listed_twice_or_shadows_an_actor():
    from spacy.lang.en.stop_words import STOP_WORDS

    countries = set(default_scheme().actor_countries)
    stop = AMBIGUOUS | {w.title() for w in STOP_WORDS}
    actors = {s for name in (CURATED_FILE, *NEW_FILES) for _n, row in rows(name) for s in surfaces(row[0])}
    seen: dict[str, int] = {}
    found = rows(PLACES_FILE)
    assert len(found) >= 150
    for n, row in found:
        where = f"{PLACES_FILE}:{n}"
        assert len(row) == 2, f"{where}: expected 2 tab-separated columns, got {len(row)}"
        code, names = row
        assert code in countries, f"{where}: {code!r} is no country code of the scheme"
        for name in (v.strip() for v in names.split(",")):
            assert name and not name.islower(), f"{where}: empty or lower-case name {name!r}"
            assert name not in seen, f"{where}: {name!r} already on line {seen[name]}"
            seen[name] = n
            assert name not in stop, f"{where}: {name!r} is a common word"
            assert name not in actors, f"{where}: {name!r} is a named actor"


@pytest.mark.parametrize("text,surface,code", [
    ("Police arrested two protesters in Scotland on Monday.", "Police", "GBRCOP"),
    ("The army shelled a village in Balochistan.", "army", "PAKMIL"),
    ("Protesters marched through Christchurch.", "Protesters", "NZLOPP"),
    # a country's name is never taken by a place list: Georgia stays the country
    ("Police arrested two protesters in Georgia.", "Police", "GEOCOP"),
])
def test_a_place_inside_a_country_gives_a_lone_sentence_its_country(annotate, text, surface, code):
    layer = annotate(text)
    got = {s.text_in(text): s.actor_code for s in layer.spans.values() if s.layer == "entity"}
    assert got.get(surface) == code, got
