"""Rules from an eleventh look at news outside the development sets (2026-12-06, fifth session: a
new agency sample of Europe and the Americas, coded blind before the software saw it; the
sentences here are written for the tests). Each test pairs the rule with the case it must keep:
- an act named in an "after"/"following"/"amid" phrase is not done by the clause's subject by
  its place ("the minister resigned after weeks of protests": the minister did not protest);
- an act that "erupted" after "after" is the subject of its own clause, whatever the parse made
  of the verb; an act in such a phrase with its own actor named by a possessive ("despite
  Madrid's ban") is told there (dev-set ruling 7), a person's possessive before a material act
  names whom it befell;
- "among those arrested was X" reports the arrest;
- the expulsion idiom with a deadline and someone in between ("gave the envoy five days to
  leave"), "rounded them up", "a state of exception", prisoners "exchanged" (passive too),
  "took guards hostage", "search operations";
- "dismissed that charge as ..." (a determiner after the verb) denies it;
- a relative clause in the simple present describes who someone is ("Guaido, whom Washington
  recognizes as interim leader"), except a denial or accusation said so;
- "pounds" after an amount is the currency;
- a quoted act that "has taken place" is reported, not the speaker's framing; the words after
  the quotation ("she wrote on Facebook") name no party to it;
- "resolute countermeasures" are a threat; "enemies of democracy" blames;
- "told X to do" is a request, the order right after X; "told reporters ..." is no request;
- protesters blocking "main roads" protest; the police or the army blocking a road cordon it off;
- aid a named actor "will increase" or "would provide" is told for later (PLOVER AGREE);
- a denial's target is not someone of the denier's own country (what is denied is told of its
  own side); an accuser of another country stays the target.
"""

from __future__ import annotations

import pytest

from preannotate_support import event_roles, types


def test_the_subject_of_a_reaction_did_not_do_the_act_it_reacted_to():
    roles = event_roles("The interior minister resigned on Thursday after weeks of protests.", "PROTEST")
    assert "source" not in roles


def test_an_act_after_after_with_a_participle_parse_is_still_its_own_clause():
    sentence = "The president declared an emergency after riots erupted in at least six prisons."
    assert ("riots", "PROTEST") in types(sentence)


@pytest.mark.parametrize("sentence, expected", [
    ("Organisers went ahead with the referendum despite Madrid's ban.", ("ban", "COERCE")),
    ("Talks resumed after Russia's withdrawal from the city.", ("withdrawal", "RETREAT")),
])
def test_an_act_in_a_back_reference_with_its_own_actor_is_told(sentence, expected):
    assert expected in types(sentence)


def test_a_persons_possessive_before_a_material_act_names_the_victim_not_the_doer():
    assert not any(t == "ASSAULT" for _, t in types("The world stayed silent over Khashoggi's killing."))


@pytest.mark.parametrize("sentence", [
    "Among those arrested by the Guardia Civil was a regional economy official.",
    "Those detained on Tuesday included two journalists and a lawyer.",
])
def test_those_arrested_names_whom_the_arrest_befell(sentence):
    assert [t for _, t in types(sentence)] == ["COERCE"]


def test_relatives_of_those_arrested_report_no_arrest():
    assert not any(t == "COERCE" for _, t in types("Relatives of those arrested gathered outside the court."))


@pytest.mark.parametrize("sentence, expected", [
    ("Riga gave the envoy five days to leave Latvia.", "SANCTION"),
    ("Officers quickly rounded them up near the square.", "COERCE"),
    ("The president declared a state of exception in four provinces.", "COERCE"),
    ("Twelve prisoners were exchanged for a captured pilot.", "RETREAT"),
    ("Inmates took guards hostage during the night.", "ASSAULT"),
    ("Police said they carried out 40 search operations.", "COERCE"),
])
def test_more_ways_of_saying_the_act(sentence, expected):
    assert expected in [t for _, t in types(sentence)]


def test_a_charge_dismissed_after_a_determiner_is_denied():
    assert types("Vilnius dismissed that charge as “absurd.”") == [("dismissed", "REJECT")]


@pytest.mark.parametrize("sentence", [
    "Police arrested an aide of Juan Guaido, whom Washington recognizes as Venezuela's interim leader.",
    "The M23 rebels, which Rwanda backs, entered the town.",
])
def test_a_present_tense_relative_clause_describes_who_someone_is(sentence):
    assert not any(t == "SUPPORT" for _, t in types(sentence))


@pytest.mark.parametrize("sentence, expected", [
    ("The M23 rebels, which Rwanda backed last year, entered the town.", ("backed", "SUPPORT")),
    ("Najib, who denies any wrongdoing, told reporters he would appeal.", ("denies", "REJECT")),
    # said in the first person, the act is made by saying so
    ('The senator told Lopez: "I urge you to run a campaign, which I endorse."', ("endorse", "SUPPORT")),
])
def test_a_past_act_or_a_denial_in_a_relative_clause_is_still_told(sentence, expected):
    assert expected in types(sentence)


def test_pounds_after_an_amount_are_money():
    assert types("Britain will raise its contribution by 200 million pounds next year.") == []
    assert ("pounded", "ASSAULT") in types("Russian artillery pounded the town of Bakhmut on Monday.")


@pytest.mark.parametrize("sentence, expected", [
    ("The foreign ministry said that Beijing will respond with resolute countermeasures.", "THREATEN"),
    ("“We will defend ourselves against the enemies of democracy,” the interior minister wrote.", "ACCUSE"),
])
def test_statements_typed_by_what_they_do(sentence, expected):
    assert expected in [t for _, t in types(sentence)]


def test_a_quoted_act_that_took_place_is_reported_a_quoted_framing_is_not():
    assert types('"An exchange of prisoners with Russia has taken place," Vereshchuk said.') == [
        ("exchange of prisoners", "RETREAT")]
    assert types('"An exchange of prisoners with Russia is a good idea," Vereshchuk said.') == []


def test_the_speakers_words_after_the_quotation_name_no_party_to_its_act():
    roles = event_roles('"A first exchange of prisoners has taken place," Vereshchuk wrote on Facebook.', "RETREAT")
    assert "target" not in roles


def test_told_to_do_something_is_a_request():
    assert ("told", "REQUEST") in types("The European Union told Serbia to attend crisis talks in Brussels.")


@pytest.mark.parametrize("sentence", [
    "The prosecutor told reporters that assessments will be carried out to confirm he is fit for trial.",
    'A team member told the press, "to show that Afghan women can build robots too."',
])
def test_told_with_what_was_said_is_no_request(sentence):
    assert not any(t == "REQUEST" for _, t in types(sentence))


@pytest.mark.parametrize("sentence, expected", [
    ("Serb protesters in the north blocked main roads for a second day.", "PROTEST"),
    ("Farmers blocked the highway with tractors.", "PROTEST"),
    # the police or the army blocking a road cordon it off
    ("Police blocked the road to the airport.", "COERCE"),
    ("Security forces blocked the main road and fired tear gas.", "COERCE"),
])
def test_a_road_blocked_by_protesters_is_a_protest_by_the_police_a_cordon(sentence, expected):
    assert [t for w, t in types(sentence) if w.startswith("blocked")] == [expected]


def test_aid_a_named_actor_will_give_is_told_for_later():
    assert types("Britain will increase its military aid to Ukraine.") == [("military aid", "AGREE")]
    roles = event_roles("China said it would provide emergency aid to Myanmar.", "AGREE")
    assert roles["source"] == ("China", "CHN") and roles["target"] == ("Myanmar", "MMR")


@pytest.mark.parametrize("sentence", [
    "Britain will cut its military aid to Ukraine.",  # no giving verb
    "Britain might increase its military aid to Ukraine if asked.",  # a condition
])
def test_aid_cut_or_on_a_condition_is_no_agreement(sentence):
    assert not any(t == "AGREE" for _, t in types(sentence))


def test_a_denial_of_ones_own_side_has_no_target_the_accuser_is_one():
    assert "target" not in event_roles("Uzbek President Islam Karimov denied that troops had fired on civilians.",
                                       "REJECT")
    roles = event_roles("India denied Pakistan's claim that its jets had crossed the border.", "REJECT")
    assert roles["target"] == ("Pakistan", "PAK")
    # two international bodies share a code root (IGO) but no country
    roles = event_roles("The UN denied the EU's claim that its staff had left the country.", "REJECT")
    assert roles["target"] == ("EU", "IGOEUREEC")
