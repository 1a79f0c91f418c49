"""Who did what to whom: argument attachment and actor codes, one construction per test, on
short sentences written for these tests (docs/preannotation.md, "Arguments" and "Actor codes").
Each test fails when its rule is removed."""

from __future__ import annotations

from test_preannotate_rules import events


def only(text: str, etype: str) -> dict:
    found = [e for e in events(text) if e["type"] == etype]
    assert len(found) == 1, events(text)
    return found[0]


# -- arguments from the parse ------------------------------------------------------------

def test_a_passive_conjunct_takes_the_shared_subject_as_target_and_by_as_source():
    event = only("Turkey is already under EU sanctions, and was condemned in a joint statement by Egypt, "
                 "Greece and Cyprus on October 8.", "ACCUSE")
    assert event["target"] == ("Turkey", "TUR")
    assert event["source"][1] in ("EGY", "GRC", "CYP")


def test_by_before_a_titled_person_marks_the_agent_of_a_passive():
    event = only("Iran was criticised by German Chancellor Angela Merkel on Monday.", "ACCUSE")
    assert event["source"] == ("Angela Merkel", "DEUGOV")
    assert event["target"] == ("Iran", "IRN")


def test_by_after_another_still_marks_the_agent():
    event = only("The gunman, a man from Paris, was shot in the head by another police officer in France.", "ASSAULT")
    assert event["source"][1] == "FRACOP"


def test_a_date_phrase_is_never_the_target():
    event = only("On Friday, 28-year-old Usman Khan stabbed several people in London.", "ASSAULT")
    assert not event.get("target", ("", ""))[0].endswith("Khan")
    assert event["source"][0].endswith("Khan")
