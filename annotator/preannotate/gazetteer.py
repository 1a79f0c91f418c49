"""Gazetteers for the EntityRuler: countries, capitals and demonyms (pycountry + a curated
table), organisations, armed groups, militaries, ministries and media, dates and titles.

Every gazetteer pattern carries its CAMEO actor code as the pattern `id`, so the ruler's
entities arrive with their codes (`Span.id_`). No spaCy import here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..core.resources import resource_path

COUNTRIES_FILE = "lexicons/countries.tsv"
ORGANISATIONS_FILE = "lexicons/organisations.tsv"
# Named actors read after the curated organisations, in this order (the first surface wins):
# organisations of many countries, then named political people (label PERSON).
ACTOR_FILES = (ORGANISATIONS_FILE, "lexicons/organisations_world.tsv", "lexicons/people.tsv")
TITLES_FILE = "lexicons/titles.tsv"
# places inside a country by their English names (regions, cities, islands): alpha3 <TAB> names
PLACES_FILE = "lexicons/places.tsv"
APOSTROPHE = "\u2019"  # ’: each name written with ' is also matched written with it

# "<Israeli|Iran> <kind>" -> ORG with the country's code + this role (applied by the actors
# component after the ruler, so it needs no pattern per country and kind).
ORG_KINDS = {
    "government": "GOV", "cabinet": "GOV", "authorities": "GOV", "officials": "GOV", "leadership": "GOV",
    "regime": "GOV", "foreign ministry": "GOV", "interior ministry": "GOV", "embassy": "GOV",
    "defense ministry": "GOVMIL", "defence ministry": "GOVMIL", "ministry of defense": "GOVMIL",
    "army": "MIL", "military": "MIL", "armed forces": "MIL", "air force": "MIL", "navy": "MIL",
    "forces": "MIL", "troops": "MIL", "soldiers": "MIL", "warplanes": "MIL", "jets": "MIL",
    "police": "COP", "security forces": "COP", "intelligence": "SPY", "parliament": "LEG",
    "lawmakers": "LEG", "opposition": "OPP", "rebels": "REB", "militants": "REB", "media": "MED",
    "protesters": "CVL", "civilians": "CVL",
}

# The entity labels that name a party to an event (an actor), as opposed to places inside a
# country, dates and the rest.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})

# Generic actors: a common noun (or pronoun) that names an actor without a name. The actors
# component gives them the country in context plus this role ("police" -> HKGCOP in a
# sentence about Hong Kong) and marks them generic (they are arguments, not named entities).
GENERIC_ACTORS = {
    "police": "COP", "policemen": "COP", "police officers": "COP", "police officer": "COP", "officers": "COP",
    "riot police": "COP", "security forces": "COP", "emergency services": "COP",
    "government": "GOV", "authorities": "GOV", "officials": "GOV", "regime": "GOV", "president": "GOV",
    "prime minister": "GOV", "spokesperson": "GOV", "spokesman": "GOV", "spokeswoman": "GOV",
    "ministry": "GOV", "administration": "GOV", "cabinet": "GOV", "leaders": "GOV",
    "foreign minister": "GOV", "minister": "GOV", "ministers": "GOV", "counterpart": "GOV", "ambassador": "GOV",
    "envoy": "GOV", "diplomats": "GOV", "defence minister": "GOVMIL", "defense minister": "GOVMIL",
    "army": "MIL", "military": "MIL", "troops": "MIL", "soldiers": "MIL", "armed forces": "MIL",
    "navy": "MIL", "air force": "MIL",
    "rebels": "REB", "militants": "REB", "insurgents": "REB", "gunmen": "REB", "fighters": "REB",
    "protesters": "OPP", "protestors": "OPP", "demonstrators": "OPP", "activists": "OPP", "opposition": "OPP",
    "lawmakers": "LEG", "legislators": "LEG", "parliament": "LEG", "senators": "LEG", "congress": "LEG",
    "court": "JUD", "judge": "JUD", "judges": "JUD", "prosecutors": "JUD",
    "civilians": "CVL", "residents": "CVL", "people": "CVL", "villagers": "CVL", "locals": "CVL",
    "victims": "CVL", "crowd": "CVL", "supporters": "CVL", "others": "CVL", "man": "CVL", "woman": "CVL", "attacker": "CVL",
    "journalists": "MED", "reporters": "MED", "network": "MED", "students": "EDU", "workers": "LAB",
    # more general nouns for people and bodies, by their CAMEO role (actors.yaml)
    "citizens": "CVL", "men": "CVL", "women": "CVL", "children": "CVL", "families": "CVL", "family": "CVL",
    "voters": "CVL", "crowds": "CVL",
    "passengers": "CVL", "bystanders": "CVL", "wife": "CVL", "husband": "CVL",
    "suspect": "CVL", "suspects": "CVL", "assailant": "CVL", "assailants": "CVL", "attackers": "CVL",
    "refugees": "REF", "migrants": "REF", "asylum seekers": "REF",
    "farmers": "AGR", "teachers": "EDU", "doctors": "HLH", "nurses": "HLH",
    "businesses": "BUS", "companies": "BUS", "firms": "BUS", "unions": "LAB",
    "governments": "GOV", "mayor": "GOV", "governor": "GOV", "municipalities": "GOV",
    "king": "GOV", "chancellor": "GOV", "officers": "COP", "forces": "MIL", "militia": "REB", "militias": "REB",
    "senator": "LEG", "mps": "LEG", "deputies": "LEG", "bishops": "CVL", "clergy": "CVL",
    # more role nouns of news text, by the same CAMEO roles
    "fishermen": "CVL", "mourners": "CVL", "worshippers": "CVL", "pilgrims": "CVL", "tourists": "CVL",
    "counter-protesters": "CVL", "counterprotesters": "CVL", "detainees": "CVL", "prisoners": "CVL",
    "political prisoners": "OPP", "dissidents": "OPP", "opposition supporters": "OPP",
    "commission": "GOV", "council": "GOV", "delegation": "GOV", "negotiators": "GOV", "prosecutor": "JUD",
    "border guards": "COP", "guards": "COP", "journalist": "MED", "reporter": "MED", "pupils": "EDU",
    "gendarmerie": "COP", "gendarmes": "COP",
    # clergy of a national church (corpora/dev/README.md, ruling 5)
    "archbishop": "CVL", "bishop": "CVL", "priest": "CVL", "priests": "CVL", "cleric": "CVL", "clerics": "CVL",
    "imam": "CVL",
    # executive legal officers are GOV like other office holders (ruling 15)
    "attorney general": "GOV", "attorneys general": "GOV",
    # irregular fighters by their older name, as wire copy from Iraq or Sri Lanka names them
    "guerrillas": "REB", "guerrilla": "REB", "guerrilla fighters": "REB",
    # people named by what they are to someone, not by an office: private persons
    "persons": "CVL", "person": "CVL", "individuals": "CVL", "mother": "CVL", "father": "CVL",
    "son": "CVL", "sons": "CVL", "daughter": "CVL", "daughters": "CVL", "brother": "CVL", "sister": "CVL",
    "bride": "CVL", "relatives": "CVL", "cousin": "CVL", "noncombatants": "CVL",
    # the uniformed staff of a country's forces ("US personnel", "military personnel")
    "personnel": "MIL",
    # people named by the side they take ("strikes carried out by sympathizers of the PMF"): of the
    # country in context
    "sympathizers": "CVL", "sympathisers": "CVL",
    # armed men named by their weapon, whose side the noun does not tell (CAMEO UAF: unclear forces)
    "snipers": "UAF", "sniper": "UAF",
    # singulars and news nouns for armed men, attackers and victims, by their CAMEO role
    "gunman": "CRM", "shooter": "CRM", "kidnappers": "CRM", "abductors": "CRM", "pirates": "CRM",
    "smugglers": "CRM", "traffickers": "CRM", "looters": "CRM",
    "bomber": "REB", "suicide bomber": "REB", "suicide bombers": "REB", "militant": "REB", "rebel": "REB",
    "insurgent": "REB", "separatists": "SEP", "separatist": "SEP",
    "extremists": "RAD", "jihadists": "RAD", "terrorists": "RAD", "terrorist": "RAD",
    "soldier": "MIL", "policeman": "COP",
    "protester": "OPP", "demonstrator": "OPP", "activist": "OPP",
    "youths": "CVL",
    "teenagers": "CVL", "settlers": "CVL", "schoolgirls": "EDU", "schoolchildren": "EDU",
    # armed and legal bodies of wire copy from the Sahel, Myanmar, Sudan and Latin America
    "junta": "MIL", "militiamen": "REB", "paramilitaries": "REB", "warplanes": "MIL", "fighter jets": "MIL",
    "commandos": "MIL", "special forces": "MIL", "marines": "MIL", "coast guard": "COP",
    "investigators": "COP", "bandits": "CRM", "gangs": "CRM", "gang members": "CRM", "senate": "LEG",
    "tribunal": "JUD",
}
# Unnamed non-state groups whose code is whole and names no country (actors.yaml: NGO "also
# unnamed aid workers", HRI "human-rights actors who document or campaign on abuses"): "rights
# groups accuse the military", "aid workers were attacked". Matched like generic actors.
NON_STATE_GROUPS = {
    "rights groups": "NGOHRI", "human rights groups": "NGOHRI", "rights organisations": "NGOHRI",
    "rights organizations": "NGOHRI", "human rights organisations": "NGOHRI",
    "human rights organizations": "NGOHRI", "rights group": "NGOHRI", "human rights group": "NGOHRI",
    "rights watchdogs": "NGOHRI", "rights watchdog": "NGOHRI",
    "aid workers": "NGO", "aid worker": "NGO", "aid agencies": "NGO", "aid groups": "NGO",
    "aid organisations": "NGO", "aid organizations": "NGO", "humanitarian groups": "NGO",
    "humanitarian organisations": "NGO", "humanitarian organizations": "NGO", "relief agencies": "NGO",
    "humanitarian workers": "NGO", "relief workers": "NGO",
}
# The possessive marks the tokenizer splits off a name ("Iran's", "the protesters'"), with the
# typographic apostrophe news copy uses.
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
PRONOUNS = frozenset({"he", "she", "him"})
# "they"/"them"/"the group": the group named last before them; "we"/"us"/"I" inside a
# quotation: its speaker.
GROUP_PRONOUNS = frozenset({"they", "them", "group"})
SPEAKER_PRONOUNS = frozenset({"we", "us", "i"})
# "it" or "the statement" as the subject of a speech verb ("It said the timetable ...", '"...,"
# the statement said'): the organisation or country whose statement the story reports (any other
# "it" is a thing, any other statement a document).
STATING_WORDS = frozenset({"it", "the statement", "a statement", "the communique", "the communiqué"})
# First blocks that are not countries (a generic actor takes no country from them).
NOT_COUNTRIES = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS", "MED", "ISM"})

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTH_ABBREVIATIONS = ["Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.",
                       "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PARTS_OF_DAY = ["night", "morning", "evening", "afternoon", "eve", "weekend"]


# Federal countries whose states or provinces news names on their own ("Texas", "Ontario"):
# (ISO alpha-2, CAMEO country, pycountry subdivision types taken). Only those whose pycountry
# names are the English ones (China's are "Hebei Sheng", Germany's "Bayern").
FEDERAL_PARTS = (
    ("US", "USA", ("State", "District")), ("CA", "CAN", ("Province", "Territory")),
    ("AU", "AUS", ("State", "Territory")),
)
# subdivision names that are as often a person's, a city's or a country's
AMBIGUOUS_PARTS = frozenset({"Victoria", "Georgia", "Washington"})


def pycountry_subdivisions(alpha2: str) -> list:
    import pycountry

    return list(pycountry.subdivisions.get(country_code=alpha2) or ())


@dataclass
class Gazetteer:
    patterns: list[dict[str, Any]] = field(default_factory=list)
    # exact surface -> (label, code): codes for entities a trained NER found by itself
    codes: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # lower-case title -> role block or "-"
    # places inside a country (cities, states, regions): a name that locates, never a country
    # acting ("the Baghdad bombing" is a bombing in Baghdad, "the US assault" one by the US)
    places: set[str] = field(default_factory=set)

    def add(self, surface: str, label: str, code: str | None) -> None:
        surface = surface.strip()
        if not surface or surface in self.codes:
            return
        self.codes[surface] = (label, code)
        pattern: dict[str, Any] = {"label": label, "pattern": surface}
        if code:
            pattern["id"] = code
        self.patterns.append(pattern)
        if "'" in surface:
            # the typographic apostrophe of most published news ("Korean People’s Army" was no
            # name, "Kurdistan Workers’ Party" got the code of the country in context)
            self.add(surface.replace("'", APOSTROPHE), label, code)

    def code_for(self, text: str) -> tuple[str, str | None] | None:
        hit = self.codes.get(text)
        if hit is None and text[:4].lower() == "the ":
            hit = self.codes.get(text[4:])
        return hit


def _rows(name: str) -> Iterator[list[str]]:
    for line in resource_path(name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _country_names() -> dict[str, list[str]]:
    import pycountry

    names: dict[str, list[str]] = {}
    for country in pycountry.countries:
        found = []
        for attribute in ("common_name", "name", "official_name"):
            value = getattr(country, attribute, None)
            if not value or "," in value or "(" in value:
                continue
            value = value.removeprefix("the ")
            if value not in found:
                found.append(value)
        names[country.alpha_3] = found
    return names


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    g = Gazetteer()
    # Curated organisations first: "Israel Defense Forces" must not become GPE + ORG pieces,
    # and their codes win over generated "<country> <kind>" combinations.
    for names, label, code, kind in (row for name in ACTOR_FILES for row in _rows(name)):
        for name in names.split("|"):
            g.add(name, label, code or None)
            if kind.strip() == "place":
                g.places.add(name)
            if name.startswith("The "):
                g.add(name[4:], label, code or None)
            for variant in abbreviation_variants(name):
                g.add(variant, label, code or None)
    country_names = _country_names()
    curated = {row[0]: row for row in _rows(COUNTRIES_FILE)}
    for alpha3, names in country_names.items():
        row = curated.get(alpha3, [alpha3, "", "", "", ""])
        row += [""] * (5 - len(row))
        _, adjectives, peoples, cities, aliases = row[:5]
        for name in names + _split(aliases):
            g.add(name, "GPE", alpha3)
        for city in _split(cities):
            if city not in g.codes:  # "Singapore", "Kuwait": the country's name wins
                g.places.add(city)
            g.add(city, "GPE", alpha3)
        for word in _split(peoples):
            g.add(word, "NORP", alpha3)
        for word in _split(adjectives):
            g.add(word, "NORP", alpha3)
    for alpha2, alpha3, kinds in FEDERAL_PARTS:
        # states and provinces of federal countries ("Texas" -> USA): after the countries, so a
        # country's name ("Georgia") keeps its own code
        for part in pycountry_subdivisions(alpha2):
            if part.type in kinds and part.name not in AMBIGUOUS_PARTS and "," not in part.name:
                if part.name not in g.codes:
                    g.places.add(part.name)
                g.add(part.name, "GPE", alpha3)
    for alpha3, names in (row[:2] for row in _rows(PLACES_FILE)):
        # after countries, capitals and the curated actors: "Georgia" stays a country and
        # "Hamas" an armed group whatever a place list holds
        for name in _split(names):
            if name not in g.codes:
                g.places.add(name)
                g.add(name, "GPE", alpha3.strip())
    g.places |= {place.replace("'", APOSTROPHE) for place in g.places if "'" in place}
    for title, role in (row[:2] for row in _rows(TITLES_FILE)):
        g.titles[title.strip().lower()] = role.strip()
    g.patterns += date_patterns()
    return g


# News spells the same prefix with and without points, or in full ("UN", "U.N.", "United
# Nations"): a curated "UN General Assembly" also stands for the other spellings.
PREFIX_SPELLINGS = (("UN ", "U.N. ", "United Nations "), ("US ", "U.S. "), ("UK ", "U.K. "), ("EU ", "E.U. "))


def abbreviation_variants(name: str) -> list[str]:
    """The other spellings of a name's abbreviated prefix ("UN General Assembly" ->
    "U.N. General Assembly", "United Nations General Assembly")."""
    for spellings in PREFIX_SPELLINGS:
        for prefix in spellings:
            if name.startswith(prefix) and len(name) > len(prefix):
                rest = name[len(prefix):]
                return [other + rest for other in spellings if other != prefix]
    return []


def date_patterns() -> list[dict[str, Any]]:
    # wire style writes "Jan 5" without the point
    month = {"ORTH": {"IN": MONTHS + MONTH_ABBREVIATIONS + [m.rstrip(".") for m in MONTH_ABBREVIATIONS]}}
    # IN sets, not REGEX: a set lookup per token instead of a regex call.
    days = [str(d) for d in range(1, 32)]
    day = {"ORTH": {"IN": days + [d + ("st" if d.endswith("1") and d != "11" else "nd" if d.endswith("2") and d != "12"
                                       else "rd" if d.endswith("3") and d != "13" else "th") for d in days]}}
    year = {"ORTH": {"IN": [str(y) for y in range(1900, 2100)]}}
    comma = {"ORTH": ",", "OP": "?"}
    part = [{"LOWER": "the"}, {"LOWER": {"IN": PARTS_OF_DAY}}, {"LOWER": "of"}]
    sequences = [
        [month, day], [month, day, comma, year], [day, month], [day, month, year], [month, year],
        [{"ORTH": {"IN": WEEKDAYS}}], [{"ORTH": {"IN": WEEKDAYS}}, comma, month, day],
        [{"LOWER": {"IN": ["yesterday", "today", "tonight"]}}],
        [{"LOWER": {"IN": ["last", "next", "this"]}}, {"LOWER": {"IN": ["week", "month", "year", "weekend"]}}],
    ]
    patterns = [{"label": "DATE", "pattern": seq} for seq in sequences]
    # "the night of October 22", "the eve of Monday"
    patterns += [{"label": "DATE", "pattern": part + seq} for seq in ([month, day], [month, day, comma, year],
                                                                    [day, month], [{"ORTH": {"IN": WEEKDAYS}}])]
    patterns.append({"label": "DATE", "pattern": [year]})
    return patterns
