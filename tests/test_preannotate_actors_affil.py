"""Actor codes and argument choice from affiliations and clause structure (issue 14), each rule on
sentences invented for the test, with a near miss that must keep its old reading."""

from __future__ import annotations

from test_preannotate_actors import only


# -- an entity before a title is the person's affiliation, unless a verb comes between -----------

def test_a_verb_between_an_entity_and_a_title_keeps_the_entity_the_subject():
    event = only("Iran accused President Jonas Petrov of lying.", "ACCUSE")
    assert event["source"] == ("Iran", "IRN")
    assert event["target"][0] == "Jonas Petrov"


def test_adjectives_between_an_organisation_and_a_title_still_make_it_the_affiliation():
    event = only("Hamas political leader Omar Fadel condemned the raid.", "ACCUSE")
    assert event["source"] == ("Omar Fadel", "PSEREBHMS")
