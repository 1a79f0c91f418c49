"""Statements typed by what they do (annotator/preannotate/statements.py; docs/preannotation.md,
"Statements typed by what they do"): one family per test, on sentences written for these tests.
Each test also shows a neutral, negated or own-side variant that stays no event, so it fails
when the rule is lost or when it fires too widely."""

from __future__ import annotations

from preannotate_support import events_in_order, suggest


def events(text: str) -> list[dict]:
    """Each suggested event as {"trigger", "type", "mode", role: surface, ...}."""
    layer = suggest(text)
    out = []
    for event in events_in_order(layer):
        record = {"trigger": layer.spans[event.trigger].text_in(text), "type": event.type, "mode": event.mode}
        for arg in event.arguments:
            record[arg.role] = layer.spans[arg.span_id].text_in(text)
        out.append(record)
    return out


def one(text: str) -> tuple[str, str]:
    [event] = events(text)
    return event["trigger"], event["type"]


def test_an_obligation_put_on_another_party_is_a_request():
    [event] = events("Germany said Russia must withdraw its troops from Ukraine.")
    assert (event["trigger"], event["type"]) == ("said", "REQUEST")
    assert event["source"] == "Germany" and event["target"] == "Russia"
    assert one("The European Union said the Iranian government should release the detained journalists.") \
        == ("said", "REQUEST")
    # two bodies of one country are two parties; a country and its own government are one side
    [event] = events("House Speaker Nancy Pelosi said the president must reopen the government.")
    assert (event["type"], event["source"], event["target"]) == ("REQUEST", "Nancy Pelosi", "president")
    assert events("Johnson has repeatedly stated that Britain must leave by that date.") == []
    # not a call: a thing rather than a party, an open question, "let's" to one's own side
    assert events("The spokesman said the company must pay its taxes.") == []
    assert events('Donald Tusk wrote, "Let\'s all pray for Mayor Adamowicz."') == []
    assert events("The president did not say whether Russia should withdraw.") == []


def test_a_command_opening_a_quotation_is_a_request():
    assert one('"Release the hostages now," the French president said.') == ("said", "REQUEST")


def test_force_announced_by_the_speakers_side_is_a_threat():
    [event] = events("Prime Minister Imran Khan said Pakistan would retaliate if India attacked again.")
    assert (event["trigger"], event["type"], event["target"]) == ("said", "THREATEN", "India")
    assert one('Iran\'s foreign minister said, "We will respond forcefully to any aggression by Israel."') \
        == ("said", "THREATEN")
    assert one('The minister said any attack on Turkish soldiers "will not go unpunished".') == ("said", "THREATEN")
    # a penalty in one's own law is not a threat against a party
    assert events('The minister said, "This crime will be punished very severely."') == []


def test_a_refusal_by_the_speakers_side_is_reject():
    assert one('"We will never accept the annexation of Crimea," the Ukrainian president said.') == ("said", "REJECT")
    assert one("Hamas said it would not negotiate with Israel.") == ("said", "REJECT")
    [event] = events("Hamas said it had no intention of recognising Israel.")
    assert (event["trigger"], event["type"]) == ("recognising", "REJECT")


def test_a_promise_to_another_party_is_agree_and_ones_own_plan_is_nothing():
    assert one('"We will help Ukraine with everything it needs," Chancellor Olaf Scholz said.') == ("said", "AGREE")
    assert events('Erdogan said, "We have some plans and we are going to implement these plans."') == []
    assert events("The government said it will build 200 new schools next year.") == []


def test_an_apology_is_a_concession():
    assert one('"We were wrong to close the border," the health minister said.') == ("said", "CONCEDE")
    assert one('Army chief Asim Munir said, "I take full responsibility for the mistakes."') == ("said", "CONCEDE")


def test_an_accusation_frame_and_a_claim_about_another_party_are_accuse():
    [event] = events("The Israeli army said Hezbollah was behind the attack.")
    assert (event["trigger"], event["type"], event["target"]) == ("said", "ACCUSE", "Hezbollah")
    assert events("The Israeli army said Hezbollah was not behind the attack.") == []
    [event] = events("Some members of opposition parties have claimed violent protesters were sent by the government.")
    assert (event["trigger"], event["type"], event["mode"]) == ("claimed", "ACCUSE", "allege")
    assert events("The party claimed that it had won the election.") == []


def test_a_judging_verb_is_typed_by_what_it_calls_its_object():
    assert one('Greek Prime Minister Kyriakos Mitsotakis called the border agreement "null and void".') \
        == ("called", "ACCUSE")
    assert one("The prime minister described the agreement as a landmark.")[1] == "SUPPORT"
    assert one("The senator called the deal historic.")[1] == "SUPPORT"
    # the lexicon's "called it": a plain neutral predicate is no criticism
    assert events("He called it unlikely that the EU would finance the project.") == []
    # "declared a state of emergency": an object, not a statement
    assert [e["type"] for e in events("Trump declared a state of emergency on Friday.")] == ["COERCE"]


def test_the_content_of_a_quotation_opening_after_the_speech_verb_is_read_on():
    # the sentence splitter no longer cuts after the opening mark (paragraphs.py): the quotation's
    # first sentence is the statement's own
    text = ('Member of Parliament Yvette Cooper of the Labour Party added, "This is a deeply dangerous and '
            'irresponsible way to govern. Boris Johnson is trying to use the Queen to concentrate power."')
    assert [(e["trigger"], e["type"]) for e in events(text)] == [("added", "ACCUSE")]


def test_the_speaker_before_an_apposition_or_relative_clause_is_found():
    [event] = events("Joanna Cherry, who led the petition, said the British government is breaking the law.")
    assert (event["trigger"], event["type"], event["source"]) == ("said", "ACCUSE", "Joanna Cherry")


def test_neutral_statements_stay_no_event():
    for text in ("The minister said the economy grew by three percent last year.",
                 "Police said they had found two bodies in the river.",
                 "He said the talks would continue on Tuesday."):
        assert events(text) == [], text


def test_a_quotation_that_closes_before_the_verb_is_the_content_however_long_the_speaker():
    # the speaker's description after the verb is not what was said
    [event] = events('"This decision is illegal and shameful," said Ashton Bumhira, director of the Youth Forum.')
    assert (event["trigger"], event["type"]) == ("said", "ACCUSE")
    assert one('"Your presence has always been a disaster for this region," Hassan Rouhani said in a speech which was '
               'broadcast on state television.') == ("said", "ACCUSE")
    assert events('"The talks will resume next week," said Ashton Bumhira, director of the Youth Forum.') == []
    assert events('"The talks will resume next week," Hassan Rouhani said in a speech which was broadcast on state '
                  'television.') == []


def test_a_quotation_that_began_in_an_earlier_sentence_is_read_back_to_its_opening_mark():
    text = ('"The ruling party has rigged the vote. Nobody here will forget it," said Ashton Bumhira, '
            'director of the Youth Forum.')
    assert [(e["trigger"], e["type"]) for e in events(text)] == [("said", "ACCUSE")]
    # the same frame around a report of facts
    text = ('"The ruling party has counted the votes. Nobody here will forget it," said Ashton Bumhira, '
            'director of the Youth Forum.')
    assert events(text) == []


def test_wrongful_is_a_word_of_blame():
    said = "Human Rights Watch said the journalist had been {}imprisoned by the government for three years."
    assert [(e["trigger"], e["type"]) for e in events(said.format("wrongfully "))] \
        == [("said", "ACCUSE"), ("imprisoned", "COERCE")]
    assert [(e["trigger"], e["type"]) for e in events(said.format(""))] == [("imprisoned", "COERCE")]


def test_a_word_of_blame_that_only_names_a_kind_of_danger_or_procedure_blames_no_one():
    # "terrorist threats" names the danger the speaker's country faces: the praise decides
    assert one('"Our country is facing terrorist threats, so every measure taken by the government is '
               'understandable," Senator Samir Dilou said.') == ("said", "SUPPORT")
    assert events("Justice Minister Ahmed Said said the criminal code would be revised next year.") == []
    # used of a party, the same words blame
    assert one('"The rebel leader is a terrorist and a criminal," Interior Minister Ahmed Said said.') \
        == ("said", "ACCUSE")


def test_a_quotation_that_runs_on_over_several_sentences_is_read_to_its_closing_mark():
    frame = 'Foreign Minister Annalena Baerbock said, "The situation on the border is very serious. {}"'
    [event] = events(frame.format("Russia must withdraw its troops now."))
    assert (event["trigger"], event["type"], event["target"]) == ("said", "REQUEST", "Russia")
    assert events(frame.format("The talks will resume on Monday.")) == []
    # a later sentence with a speech act of its own keeps it: no second event on "said"
    assert [(e["trigger"], e["type"]) for e in events(frame.format("We call on Russia to withdraw its troops."))] \
        == [("call on", "REQUEST")]
    # words of blame in the later sentences do not type the statement (they often turn)
    assert events('Archbishop Wojciech Polak said, "I saw the film yesterday. The suffering of the victims '
                  'gives rise to pain and shame."') == []


def test_taking_support_for_granted_is_no_praise():
    assert events('"We will never take your support for granted," Prime Minister Boris Johnson told his '
                  'voters.') == []


def test_the_military_offensive_is_no_word_of_blame():
    assert events('"The rebels look as if they are on the brink of launching another offensive," Defence '
                  'Minister Ahmed Said said.') == []
    assert one('"These remarks are deeply offensive to our people," Defence Minister Ahmed Said said.') \
        == ("said", "ACCUSE")


def test_police_describing_an_incident_judge_no_party():
    assert events("London police said the suspect had been wearing a fake suicide vest.") == []
    # the same words from a party to the conflict are its criticism
    assert one("Defence Minister Ahmed Said said the suspect had been wearing a fake suicide vest.") \
        == ("said", "ACCUSE")


def test_the_attack_told_is_no_word_of_blame():
    assert [(e["trigger"], e["type"]) for e in events("London police said the attack on the police station "
                                                        "killed five people.")] == [("killed", "ASSAULT")]
    assert [(e["trigger"], e["type"]) for e in events("The army said the attack on the checkpoint killed five "
                                                        "soldiers.")] == [("killed", "ASSAULT")]


def test_a_game_changer_is_praise():
    assert one('"This trade agreement is a game changer for the whole continent," President Mahamadou Issoufou '
               'said.') == ("said", "SUPPORT")
    assert events('"This trade agreement will be signed next week," President Mahamadou Issoufou said.') == []
