"""Actor codes and argument choice from affiliations and clause structure (issue 14), each rule on
sentences invented for the test, with a near miss that must keep its old reading."""

from __future__ import annotations

import pytest

from test_preannotate_actors import only


# -- an entity before a title is the person's affiliation, unless a verb comes between -----------

def test_a_verb_between_an_entity_and_a_title_keeps_the_entity_the_subject():
    event = only("Iran accused President Jonas Petrov of lying.", "ACCUSE")
    assert event["source"] == ("Iran", "IRN")
    assert event["target"][0] == "Jonas Petrov"


def test_adjectives_between_an_organisation_and_a_title_still_make_it_the_affiliation():
    event = only("Hamas political leader Omar Fadel condemned the raid.", "ACCUSE")
    assert event["source"] == ("Omar Fadel", "PSEREBHMS")


# -- a person's organisation or nationality named in the sentence (affiliation.py) ----------------

def test_a_member_role_in_an_apposition_gives_the_person_the_organisations_code_and_the_surname_shares_it():
    text = ("Jonas Berg, director of communications for the Red Cross, spoke in Iraq on Monday. "
            "Berg also praised the Iraqi army.")
    assert only(text, "SUPPORT")["source"] == ("Berg", "NGOHLHIRC")


def test_an_apposition_without_a_member_role_gives_nothing():
    # a critic of Hamas is no member of it: the person keeps the document's country
    found = only("Omar Haddad, a critic of Hamas, condemned the raid in Iraq.", "ACCUSE")
    assert found["source"] == ("Omar Haddad", "IRQ")


def test_a_person_of_an_organisation_takes_its_code_but_not_of_a_place():
    assert only("Sabrina Bennoui of Reporters Without Borders condemned the killing in Yemen.",
                "ACCUSE")["source"][1] == "NGOHRI"
    # a person of a city: no organisation, the document's country (Yemen, named twice) as before
    text = "Omar Haddad of Mosul condemned the killing in Yemen and the blockade of Yemen."
    assert only(text, "ACCUSE")["source"] == ("Omar Haddad", "YEM")


def test_a_nationality_in_an_apposition_gives_the_country_and_the_nouns_role():
    event = only("Omar Haddad, a Syrian journalist, condemned the raid in Iraq.", "ACCUSE")
    assert event["source"] == ("Omar Haddad", "SYRMED")


def test_a_nationality_after_is_a_codes_the_person_and_a_nationality_elsewhere_does_not():
    text = "Leyla Arslan is a Turkish national living in London. Arslan criticized Saudi Arabia."
    assert only(text, "ACCUSE")["source"] == ("Arslan", "TUR")
    text = "Leyla Arslan is a critic of the Turkish government. Arslan criticized Saudi Arabia."
    assert only(text, "ACCUSE")["source"][1] != "TUR"


def test_a_nationality_leading_into_a_name_codes_the_person_but_not_across_a_verb():
    text = "Pakistani microbiologist Tariq Hameed condemned the raid in Iraq. Iraq denied it."
    assert only(text, "ACCUSE")["source"] == ("Tariq Hameed", "PAK")
    # the role of the last word where one is known, also where the tagger calls it an adjective
    text = "Syrian journalist Omar Haddad condemned the raid in Iraq. Iraq denied it."
    assert only(text, "ACCUSE")["source"] == ("Omar Haddad", "SYRMED")
    text = "Palestinian militant Omar Fadel condemned the raid in Iraq. Iraq denied it."
    assert only(text, "ACCUSE")["source"] == ("Omar Fadel", "PSEREB")
    # a verb between them: the nationality is the court's, the person the document's country's
    text = "A Pakistani court jailed activist Tariq Hameed in Iraq. Hameed condemned Iraq and Iraq denied it."
    assert only(text, "ACCUSE")["source"][1] != "PAK"


def test_an_unmarked_name_before_a_member_apposition_is_a_person_of_that_organisation():
    text = ("Agnès Callamard, a UN rapporteur for human rights, spoke in Riyadh. "
            "Callamard encouraged the CIA to release the files.")
    assert only(text, "REQUEST")["source"] == ("Callamard", "IGOUNO")
    # a single capitalised word before the comma is no name ("Meanwhile, a UN official ...")
    assert only("Meanwhile, a UN official criticised the trial in Riyadh.", "ACCUSE")["source"] == ("UN", "IGOUNO")


def test_without_in_an_organisations_name_negates_nothing_but_the_word_does():
    from test_preannotate_rules import types

    assert ("condemned", "ACCUSE") in types("Doctors Without Borders condemned the airstrike.")
    assert all(t != "ACCUSE" for _w, t in types("The ministers ended the meeting without condemning the airstrike."))


# -- generic subjects the argument choice missed ------------------------------------------------

def test_states_as_a_plural_noun_does_not_hide_the_subject_but_the_verb_still_reports():
    event = only("In the United States, attorneys general from sixteen states filed a lawsuit against the "
                 "administration.", "ACCUSE")
    assert event["source"] == ("attorneys general", "USAGOV")
    # "states" as a report verb: the minister reports the attack, the army attacks
    assert only("In Iraq, the minister states that the army attacked the village.", "ASSAULT")["source"] == (
        "army", "IRQMIL")


def test_members_of_a_group_make_the_group_the_subject_and_after_a_verb_the_object():
    event = only("In Kenya, members of the opposition protested outside parliament on Monday.", "PROTEST")
    assert event["source"] == ("opposition", "KENOPP")
    event = only("Police in Kenya arrested dozens of members of the opposition on Monday.", "COERCE")
    assert event["target"] == ("opposition", "KENOPP")


def test_a_bare_participle_is_passive_only_where_the_sentence_has_another_verb():
    # the participle opens no clause of its own when the sentence has no other verb
    assert "source" in only("Both the council and the government called for his death to be investigated.",
                            "REQUEST")
    event = only("In Kenya, the release of prisoners arrested in June was discussed.", "COERCE")
    assert event["target"] == ("prisoners", "KENCVL")
    assert "source" not in event


def test_a_counted_capitalised_plural_is_a_generic_actor_but_not_in_a_name():
    event = only("In the Philippines, a number of Senators condemned the decision of the commission.", "ACCUSE")
    assert event["source"] == ("Senators", "PHLLEG")
    assert only("In Brazil, several Senators criticised the president on Monday.", "ACCUSE")["source"] == (
        "Senators", "BRALEG")
    # a team's name: the capitalised plural after a place name is no generic actor
    event = only("The Ottawa Senators criticised the league on Monday.", "ACCUSE")
    assert event.get("source", ("", ""))[1] != "CANLEG"


def test_sympathizers_of_a_group_are_a_generic_actor_of_the_country_in_context():
    event = only("In Iraq, the rocket strikes were carried out by sympathizers of the militia.", "ASSAULT")
    assert event["source"] == ("sympathizers", "IRQCVL")


# -- asides between a passive verb and its agent ----------------------------------------------

def test_an_according_to_aside_does_not_end_the_clause_before_the_agent():
    event = only("Two journalists were arrested in Cairo on Monday, according to their lawyer, by Egyptian "
                 "security forces.", "COERCE")
    assert event["source"] == ("Egyptian security forces", "EGYCOP")


def test_who_reports_in_an_aside_is_no_target_but_the_group_named_with_its_fighters_is_one_actor():
    event = only("The convoy was attacked near Kandahar, officials said, by Taliban fighters.", "ASSAULT")
    assert event["source"] == ("Taliban fighters", "AFGINS")
    assert "target" not in event
    # an actor after the verb that reports nothing stays its target
    event = only("In Kandahar, soldiers attacked Taliban fighters, officials said.", "ASSAULT")
    assert event["target"] == ("Taliban fighters", "AFGINS")


def test_snipers_are_armed_men_of_unclear_side_in_the_country_in_context():
    event = only("In Baghdad, eleven Iraqis were killed by snipers on Tuesday.", "ASSAULT")
    assert event["source"] == ("snipers", "IRQUAF")
    event = only("In Baghdad, police killed two snipers on Tuesday.", "ASSAULT")
    assert event["source"] == ("police", "IRQCOP") and event["target"] == ("snipers", "IRQUAF")


def test_hongkongers_are_the_people_of_hong_kong():
    assert only("Hongkongers marched against the extradition bill on Sunday.", "PROTEST")["source"] == (
        "Hongkongers", "HKG")


def test_adjectives_do_not_hide_the_preposition_that_makes_a_noun_an_object():
    # "into the hostile crowd": the crowd is no subject, so the -ing result is the troops' act
    event = only("In Baghdad, US troops fired into the hostile crowd, killing 4.", "ASSAULT")
    assert event["source"] == ("US troops", "USAMIL")
    # an adjective after a quantity: the people are still the subject
    event = only("Thousands of angry protesters marched in Cairo on Friday.", "PROTEST")
    assert event["source"] == ("protesters", "EGYOPP")


@pytest.mark.parametrize(("sentence", "etype", "role", "surface", "code"), [
    ("A suicide bomber killed 15 people at a mosque in Kabul, police said.", "ASSAULT", "source", "suicide bomber",
     "AFGREB"),
    ("In Texas, a gunman opened fire at a school on Tuesday.", "ASSAULT", "source", "gunman", "USACRM"),
    ("Nigerian soldiers rescued 20 schoolgirls on Sunday.", "AID", "target", "schoolgirls", "NGAEDU"),
    ("A Palestinian protester was shot dead by Israeli troops.", "ASSAULT", "target", "protester", "PSEOPP"),
])
def test_news_nouns_for_attackers_and_victims_are_generic_actors(sentence, etype, role, surface, code):
    assert only(sentence, etype)[role] == (surface, code)


def test_those_nouns_used_as_adjectives_are_no_actors():
    event = only("In Syria, a militant attack on the army was condemned by Russia.", "ASSAULT")
    assert event.get("source", ("", ""))[0] != "militant"


# -- a text that names no place: the country of the actors the gazetteer knows -------------------

def test_a_text_without_a_place_takes_its_country_from_the_known_actors_in_it():
    # a single wire sentence: Pelosi (USALEG, people.tsv) gives an unknown person his country
    event = only("Pelosi criticised Mark Davies on Monday.", "ACCUSE")
    assert event["target"] == ("Mark Davies", "USA")
    # a named place still decides over the people named (Pelosi in Paris)
    assert only("Pelosi criticised Mark Davies in Paris on Monday.", "ACCUSE")["target"] == ("Mark Davies", "FRA")
    # nothing known: no guess
    assert only("Anna Ross criticised Mark Davies on Monday.", "ACCUSE")["target"] == ("Mark Davies", None)
    # the outlet that reports a story gives it no country ("according to The Guardian")
    event = only("Police arrested Mark Davies on Monday, according to The Guardian.", "COERCE")
    assert event["source"] == ("Police", None) and event["target"] == ("Mark Davies", None)
    assert only("Police arrested Mark Davies in London on Monday, according to The Guardian.",
                "COERCE")["source"] == ("Police", "GBRCOP")
