"""Organisation names found by their form (annotator/preannotate/org_names.py), on sentences
written for these tests: head words and "X of Y" names, bare legislature words, acronyms, one
reading per surface in a document, and the CAMEO roles head words give. Each test fails when its
rule is removed."""

from __future__ import annotations

from preannotate_support import default_nlp, suggest

from annotator.preannotate.gazetteer import load_gazetteer
from annotator.preannotate.org_names import add_org_names, org_role, with_role


def orgs(text: str) -> list[tuple[str, str | None]]:
    """The suggested named (non-generic) ORG entities of `text`, in text order, with their codes."""
    layer = suggest(text)
    spans = sorted((s for s in layer.spans.values() if s.layer == "entity" and s.label == "ORG"
                    and not s.attrs.get("generic")), key=lambda s: s.start)
    return [(s.text_in(text), s.actor_code) for s in spans]


def entities(text: str) -> list[tuple[str, str, bool]]:
    layer = suggest(text)
    spans = sorted((s for s in layer.spans.values() if s.layer == "entity"), key=lambda s: s.start)
    return [(s.text_in(text), s.label, bool(s.attrs.get("generic"))) for s in spans]


# -- rule 1: a capitalised name ending in a head word, or a head word with "of ..." ---------------

def test_a_head_word_with_an_of_complement_is_one_organisation_with_its_country_and_role():
    text = "A spokesman for the Ministry of Water Resources of Kenya said the dam would open in May."
    assert ("Ministry of Water Resources of Kenya", "KENGOV") in orgs(text)


def test_a_name_the_model_calls_a_place_is_an_organisation_when_it_ends_in_a_head_word():
    text = "Students at Lakeshore Valley University protested against the fee rise in Ghana."
    assert orgs(text) == [("Lakeshore Valley University", "GHAEDU")]


def test_a_demonym_starts_the_name_and_gives_its_country_with_the_heads_role():
    assert orgs("The Brazilian Supreme Federal Court ordered the release of the journalist.") == [
        ("Brazilian Supreme Federal Court", "BRAJUD")]


def test_a_capitalised_name_before_a_lower_case_party_is_a_party_of_the_country_only():
    # whether the party governs (GOVPTY) or not (OPPPTY) the name cannot tell: the country only
    assert ("Democratic Renewal party", "PER") in orgs("The leader of the Democratic Renewal party criticised the "
                                                       "budget in Peru.")
    assert orgs("Leaders of the Pheu Khao party met in Bangkok.") == [("Pheu Khao party", "THA")]
    assert orgs("Guests at the Christmas party in Peru sang.") == []


def test_a_name_going_on_past_its_head_word_names_something_else():
    # "Army Hospital" is a hospital (a facility), not the army
    assert orgs("The wounded were taken to the Gatot Merah Army Hospital in Jakarta.") == []


def test_an_indefinite_kind_is_no_name():
    assert orgs("He was described as a member of a Foreign Terrorist Organization.") == []


def test_military_commands_municipalities_and_airlines_are_named_by_their_head_words():
    assert orgs("Troops of the Southern Desert Command raided the camp in Mali.") == [
        ("Southern Desert Command", "MLIMIL")]
    assert orgs("The Municipality of Varenna asked for taxes in Italy.") == [("Municipality of Varenna", "ITAGOV")]


def test_a_firms_name_without_its_business_head_word_is_the_same_firm():
    found = orgs("Zexon Airlines cancelled all flights to Kenya on Monday. Zexon said the strike had cost it millions.")
    assert found == [("Zexon Airlines", "KENBUS"), ("Zexon", "KEN")]


# -- rule 2: a legislature named by its head word alone ---------------------------------------------

def test_a_bare_capitalised_legislature_inside_a_sentence_is_the_countrys_legislature():
    assert orgs("The ruling coalition lost its majority in Parliament after the vote in Chile.") == [
        ("Parliament", "CHLLEG")]


def test_the_house_alone_is_a_legislature_and_lends_its_code_to_the_speaker():
    text = "The Speaker of the House, Nancy Pelosi, criticised the plan in Washington."
    assert ("House", "USALEG") in orgs(text)


def test_a_legislature_after_a_sentence_opening_the_is_still_named():
    text = "Lawmakers met in Lima, Peru on Monday. The House passed the bill on Friday."
    assert ("House", "PERLEG") in orgs(text)


def test_the_times_is_a_newspaper():
    assert orgs("A spokesman told the Times on Monday that the plan had failed in London.") == [("Times", "GBRMED")]


# -- rule 3: acronyms ---------------------------------------------------------------------------

def test_an_acronym_in_parentheses_after_a_name_and_its_later_uses_are_the_same_organisation():
    text = ("The Coastal Fisheries Development Authority (CFDA) fined two trawlers off Ghana on Monday. "
            "Inspectors from CFDA visited the port again on Friday.")
    found = orgs(text)
    assert found.count(("CFDA", "GHA")) == 2
    assert ("Coastal Fisheries Development Authority", "GHA") in found


def test_a_name_in_parentheses_after_its_acronym_is_the_same_organisation():
    text = "Inspectors from CFDA (Coastal Fisheries Development Authority) visited the port in Ghana."
    assert ("CFDA", "GHA") in orgs(text)


def test_an_unmarked_name_whose_initials_are_its_acronym_is_an_organisation_with_the_acronym():
    text = ("Leaders of Benin joined the Western Sahel Grain Exchange (WSGE) in Niger. "
            "The WSGE will cut tariffs.")
    found = orgs(text)
    assert found.count(("WSGE", "BEN")) == 2 and ("Western Sahel Grain Exchange", "BEN") in found
    # capitals inside a mixed-case acronym count ("PaCFA"); a name the model made a person too
    assert ("Andean Seed Exchange", "PER") in orgs("Farmers joined the Andean Seed Exchange (ASE) in Peru.")
    # a title is no organisation, whatever its initials
    assert ("MP", "GBR") not in orgs("She was elected Member of Parliament (MP) for Bath in Britain.")


def test_an_all_capital_name_the_model_calls_a_person_is_an_organisation():
    assert ("KADU", "ZWE") in orgs("Supporters of ZAPU and KADU gathered in Harare on Sunday.")


# -- rule 4: one surface, one reading ------------------------------------------------------------

def test_a_name_found_once_is_the_same_organisation_where_its_rule_does_not_reach():
    # the second "Parliament" opens its sentence, where the bare-word rule does not look
    text = "The ruling coalition lost its majority in Parliament in Chile. Parliament will meet again on Monday."
    assert orgs(text) == [("Parliament", "CHLLEG"), ("Parliament", "CHLLEG")]


def test_a_models_organisation_is_the_same_organisation_at_its_other_mentions():
    doc = default_nlp()("Zexon said it would cut jobs. Analysts said Zexon had lost a contract.")
    items = [[0, 1, "ORG", None]]  # the model found the first mention only
    add_org_names(doc, items, load_gazetteer())
    assert [(doc[s:e].text, label) for s, e, label, _ in items] == [("Zexon", "ORG"), ("Zexon", "ORG")]


def test_a_models_organisation_named_as_a_place_elsewhere_is_not_spread():
    # a town no gazetteer lists (places.tsv knows Omsk, and a known name is no doubtful ORG)
    doc = default_nlp()("Flights left Brelsk at noon. The hospital in Brelsk said Brelsk was calm.")
    items = [[2, 3, "ORG", None]]  # "left Brelsk": a doubtful model ORG; "in Brelsk" is a place
    add_org_names(doc, items, load_gazetteer())
    assert len(items) == 1


# -- codes ----------------------------------------------------------------------------------------

def test_head_words_give_cameo_roles():
    assert org_role(["Supreme", "Court"]) == "JUD"
    assert org_role(["National", "Police"]) == "COP"
    assert org_role(["Popular", "Defence", "Forces"]) == "MIL"
    assert org_role(["Ministry", "of", "Finance"]) == "GOV"
    assert org_role(["Saudi", "Press", "Agency"]) == "MED"
    assert org_role(["State", "Intelligence", "Agency"]) == "SPY"
    assert org_role(["Sydney", "Opera", "House"]) == ""
    assert with_role("KEN", ["Senate"]) == "KENLEG"
    assert with_role("IGO", ["Assembly"]) == "IGO"  # no country: no role appended
    assert with_role(None, ["Senate"]) is None


def test_a_name_the_model_coded_by_a_country_inside_it_takes_its_head_words_role_too():
    # the model's "Paris Police Prefecture" takes FRA from "Paris" (base_model.py); "Police" adds COP
    assert orgs("Officers of the Paris Police Prefecture arrested two men.") == [("Paris Police Prefecture", "FRACOP")]


def test_a_capitalised_national_army_is_a_name_but_a_demonym_with_a_kind_is_a_generic_actor():
    assert orgs("The Chilean Army denied the report.") == [("Chilean Army", "CHLMIL")]
    found = entities("The Turkish army shelled the village on Monday.")
    assert ("Turkish army", "ORG", True) in found  # generic, as the coding guidelines mark it


def test_a_news_medium_is_no_participant_of_a_definite_nominal():
    # "the attack" is a back-reference; the newspaper told of it is not its actor
    from preannotate_support import events_in_order

    layer = suggest("A spokesperson told the Coastal Times the attack took place at about 9 p.m.")
    assert [e.type for e in events_in_order(layer)] == []
    layer = suggest("A spokesperson told the Coastal Times the attack by rebels took place at about 9 p.m.")
    assert [e.type for e in events_in_order(layer)] == ["ASSAULT"]
