"""LLM suggestions (`preannotate --llm`) against a fake OpenAI-compatible server on 127.0.0.1:
request shape, reply formats, anchoring and what is dropped, retries, failures, cache,
concurrency, cancel, the API key never shown."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core.model import GOLD, AnnotatedDocument, Document, Event, Layer, Span
from annotator.preannotate.llm import PROMPT_VERSION, LlmOptions, run_llm
from annotator.preannotate.llm import client as llm_client
from annotator.preannotate.llm.prompt import chunk_text
from annotator.preannotate.llm.reply import ReplyError, parse_reply
from annotator.store import Project

from llm_fake import FakeLLM, completion

MEETING = ("Israeli Prime Minister Benjamin Netanyahu met with U.S. Secretary of State Antony Blinken "
           "on October 22 in Jerusalem.")
ROCKETS = "Hezbollah fired rockets at Haifa on Monday."
SECRET = "sk-test-9f8e7d6c5b4a"

MEETING_REPLY = {
    "events": [{"quote": MEETING, "trigger": "met", "type": "CONSULT", "mode": None,
                "source": "Benjamin Netanyahu", "target": "Antony Blinken", "location": "Jerusalem",
                "date": "October 22"}],
    "entities": [{"quote": MEETING, "text": "Benjamin Netanyahu", "label": "PERSON", "actor_code": "ISRGOV"},
                 {"quote": MEETING, "text": "Antony Blinken", "label": "PERSON", "actor_code": "USAGOV"},
                 {"quote": MEETING, "text": "Israeli", "label": "NORP", "actor_code": None}],
}
runner = CliRunner()


@pytest.fixture(autouse=True)
def fast_retries(monkeypatch):
    monkeypatch.setattr(llm_client, "BACKOFF_SECONDS", 0.01)
    monkeypatch.delenv(llm_client.KEY_ENV, raising=False)


@pytest.fixture
def fake():
    server = FakeLLM().start()
    yield server
    server.stop()


def make_project(path: Path, texts: list[str]) -> Path:
    with Project.create(path) as p:
        p.import_documents(AnnotatedDocument(Document(t, ext_id=f"d{i + 1}", title=f"doc {i + 1}"))
                           for i, t in enumerate(texts))
    return path


@pytest.fixture
def db(tmp_path):
    return make_project(tmp_path / "work.db", [MEETING + "\n\n" + ROCKETS, "Qatar hosted talks in Doha."])


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


def llm_args(db, fake, *more):
    return ["preannotate", db, "--llm", fake.url, "--llm-model", "qwen2.5:7b", "--llm-timeout", "2", *more]


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def model_spans(db: Path, doc_id: int = 1) -> list[tuple[str, str, str | None]]:
    with Project.open(db, readonly=True) as p:
        text = p.document(doc_id).text
        return sorted((s.text_in(text), s.label, s.actor_code) for s in p.layer(doc_id, "model").spans.values())


def suggest(tmp_path: Path, fake: FakeLLM, text: str, reply: dict) -> tuple[Path, str]:
    """A project of one document `text`, pre-annotated by the fake answering `reply`: (db, output)."""
    db = make_project(tmp_path / "w.db", [text])
    fake.answers[text.split()[0]] = json.dumps(reply)
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0, result.output
    return db, result.output


# ---------------------------------------------------------------------- request and reply
def test_request_shape_key_and_provenance(db, fake, monkeypatch):
    monkeypatch.setenv(llm_client.KEY_ENV, SECRET)
    fake.answers["Netanyahu"] = json.dumps(MEETING_REPLY)
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0, result.output
    assert len(fake.requests) == 2  # two documents, each one chunk
    body = fake.requests[0]
    assert body["model"] == "qwen2.5:7b" and body["temperature"] == 0
    roles = [m["role"] for m in body["messages"]]
    assert roles[0] == "system" and roles[-1] == "user"
    system = body["messages"][0]["content"]
    assert "CONSULT" in system and "third-party" in system and "PERSON" in system and "ISRGOV" in system
    assert MEETING in body["messages"][-1]["content"]
    assert fake.headers[0]["authorization"] == f"Bearer {SECRET}"
    with Project.open(db, readonly=True) as p:
        layer = p.layer(1, "model")
        text = p.document(1).text
        event = next(iter(layer.events.values()))
        assert event.type == "CONSULT" and event.origin == "model" and event.status == "suggested"
        assert event.attrs == {"suggester": "llm:qwen2.5:7b", "prompt": PROMPT_VERSION}
        assert all(s.attrs["suggester"] == "llm:qwen2.5:7b" for s in layer.spans.values())
        roles = {a.role: layer.spans[a.span_id].text_in(text) for a in event.arguments}
        assert roles == {"source": "Benjamin Netanyahu", "target": "Antony Blinken", "location": "Jerusalem",
                         "date": "October 22"}
        assert layer.spans[event.trigger].text_in(text) == "met"
        assert layer.spans[event.trigger].start == text.index(" met ") + 1
    spans = model_spans(db)
    assert ("Israeli", "NORP", "ISR") in spans  # no code from the model: the gazetteer's
    assert ("Jerusalem", "GPE", "ISR") in spans  # an argument not listed: label and code from the gazetteer
    assert ("Benjamin Netanyahu", "PERSON", "ISRGOV") in spans
    assert SECRET not in result.output


def test_no_key_no_authorization_header(db, fake):
    assert cli(*llm_args(db, fake)).exit_code == 0
    assert all("authorization" not in h for h in fake.headers)


@pytest.mark.parametrize("wrap", [lambda s: s, lambda s: f"```json\n{s}\n```",
                                  lambda s: f"Here you are:\n```\n{s}\n```\nDone."])
def test_bare_and_fenced_json_are_read(db, fake, wrap):
    fake.answers["Netanyahu"] = wrap(json.dumps(MEETING_REPLY))
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0, result.output
    assert ("Antony Blinken", "PERSON", "USAGOV") in model_spans(db)


def test_hallucinated_strings_unknown_types_and_argument_as_trigger_are_dropped(db, fake):
    reply = {"events": [
        {"quote": "Netanyahu met Putin in Moscow.", "trigger": "met", "type": "CONSULT"},  # quote not in text
        {"quote": MEETING, "trigger": "shook hands", "type": "CONSULT"},  # trigger not in the quote
        {"quote": ROCKETS, "trigger": "fired rockets", "type": "BOMBARD"},  # type not in the scheme
        {"quote": ROCKETS, "trigger": "fired rockets", "type": "ASSAULT", "source": "fired rockets",
         "target": "Haifa", "date": "Monday"},
    ], "entities": [
        {"quote": ROCKETS, "text": "Hezbollah", "label": "MILITIA", "actor_code": None},  # label not in the scheme
        {"quote": ROCKETS, "text": "Nasrallah", "label": "PERSON", "actor_code": None},  # not in the text
        {"quote": ROCKETS, "text": "Haifa", "label": "GPE", "actor_code": "ISR"},
    ]}
    fake.answers["Hezbollah"] = json.dumps(reply)
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0, result.output
    assert "6 suggestions dropped" in result.output
    assert "3 text not found in the document" in result.output
    # named, so that a model answering in its own label set is seen at once
    assert "1 unknown event type 'BOMBARD'" in result.output and "1 unknown entity label 'MILITIA'" in result.output
    assert "1 argument is (part of) the trigger" in result.output
    with Project.open(db, readonly=True) as p:
        layer = p.layer(1, "model")
        text = p.document(1).text
        assert sorted(s.text_in(text) for s in layer.spans.values()) == ["Haifa", "Monday", "fired rockets"]
        (event,) = layer.events.values()
        assert {a.role: layer.spans[a.span_id].text_in(text) for a in event.arguments} == {
            "target": "Haifa", "date": "Monday"}
        assert text[layer.spans[event.trigger].start:layer.spans[event.trigger].end] == "fired rockets"


def test_parse_reply_refuses_what_is_not_the_format():
    assert parse_reply('{"events": []}') == {"events": [], "entities": []}
    for bad in ("I cannot help with that.", "[1, 2]", '{"events": {"a": 1}}', "```json\n{oops\n```"):
        with pytest.raises(ReplyError):
            parse_reply(bad)


def test_chunks_are_exact_slices_within_the_limit():
    text = ("First paragraph sentence one. Sentence two is here!\n\nSecond paragraph. " * 6
            + "x" * 50 + " " + "averyveryverylongwordwithoutspaces" * 4)
    chunks = chunk_text(text, 120)
    assert len(chunks) > 3
    for chunk in chunks:
        assert 0 < len(chunk.text) <= 120
        assert text[chunk.start:chunk.start + len(chunk.text)] == chunk.text
    covered = "".join(c.text for c in chunks).replace(" ", "").replace("\n", "")
    assert covered == text.replace(" ", "").replace("\n", "")


def test_long_documents_go_in_chunks_and_offsets_follow(tmp_path, fake):
    db = make_project(tmp_path / "long.db", [("Filler sentence about nothing at all. " * 8).strip() + "\n\n" + MEETING])
    fake.answers["Netanyahu"] = json.dumps(MEETING_REPLY)
    result = cli(*llm_args(db, fake, "--llm-max-chars", "200"))
    assert result.exit_code == 0, result.output
    assert len(fake.requests) >= 2 and all(len(t) <= len("Text:\n") + 200 for t in fake.chunk_texts())
    assert ("Antony Blinken", "PERSON", "USAGOV") in model_spans(db)


def test_worked_examples_come_from_gold_and_never_from_the_document_itself(db, fake):
    with Project.open(db) as p:
        text = p.document(2).text
        layer = Layer(GOLD)
        qatar = layer.add_span(Span(1, 0, 5, "GPE", actor_code="QAT"))
        hosted = layer.add_span(Span(2, 6, 12, "CONSULT", "trigger"))
        doha = layer.add_span(Span(3, text.index("Doha"), text.index("Doha") + 4, "GPE", actor_code="QAT"))
        from annotator.core.model import Argument

        layer.add_event(Event(4, hosted.id, "CONSULT", arguments=[Argument("target", qatar.id),
                                                                  Argument("location", doha.id)]))
        p.replace_layer(2, GOLD, layer)
    assert cli(*llm_args(db, fake)).exit_code == 0
    by_doc = {1: fake.requests[0]["messages"], 2: fake.requests[1]["messages"]}
    example = json.loads(by_doc[1][2]["content"])
    assert by_doc[1][1] == {"role": "user", "content": "Text:\nQatar hosted talks in Doha."}
    assert example["events"] == [{"quote": "Qatar hosted talks in Doha.", "trigger": "hosted", "type": "CONSULT",
                                  "mode": None, "source": None, "target": "Qatar", "location": "Doha",
                                  "date": None}]
    assert [m["role"] for m in by_doc[2]] == ["system", "user"]  # its own gold is not shown to it


# ---------------------------------------------------------------------- failures
def test_retries_on_500_and_429(db, fake):
    fake.failures = [500, 429]
    fake.answers["Netanyahu"] = json.dumps(MEETING_REPLY)
    result = cli(*llm_args(db, fake, "--docs", "1"))
    assert result.exit_code == 0, result.output
    assert len(fake.requests) == 3 and "3 requests (2 retries)" in result.output
    assert ("Antony Blinken", "PERSON", "USAGOV") in model_spans(db)


def test_three_failures_name_the_document_and_the_run_goes_on(db, fake):
    fake.failures = [503, 503, 503]
    fake.answers["Qatar"] = json.dumps({"events": [], "entities": [{"text": "Qatar", "label": "GPE"}]})
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 1, result.output
    assert "document 1 (d1): no suggestions, the server answered 503" in result.output
    assert model_spans(db, 1) == [] and model_spans(db, 2) == [("Qatar", "GPE", "QAT")]


def test_timeouts_are_retried_then_the_document_fails(db, fake):
    fake.delay = 1.0
    result = cli(*llm_args(db, fake, "--docs", "2", "--llm-timeout", "0.2"))
    assert result.exit_code == 1
    assert "document 2 (d2): no suggestions, no answer within the timeout of 0.2 s (3 tries)" in result.output
    assert len(fake.requests) == 3


def test_unreachable_endpoint_stops_before_anything_changes(db):
    with socket_closed_port() as port:
        before = dump(db)
        result = cli("preannotate", db, "--llm", f"http://127.0.0.1:{port}/v1", "--llm-model", "m")
    assert result.exit_code == 2
    assert "cannot reach the LLM server at http://127.0.0.1" in result.output
    assert "Traceback" not in result.output
    assert dump(db) == before


@pytest.mark.parametrize("status,words", [(401, "ANNOTATOR_LLM_KEY"), (403, "refused")])
def test_refused_key_stops_with_exit_2_and_never_shows_the_key(db, fake, monkeypatch, caplog, status, words):
    monkeypatch.setenv(llm_client.KEY_ENV, SECRET)
    fake.reply = lambda body: (status, {"error": {"message": f"invalid api key {SECRET}"}})
    before = dump(db)
    with caplog.at_level(logging.DEBUG):
        result = cli(*llm_args(db, fake))
    assert result.exit_code == 2 and words in result.output
    assert SECRET not in result.output and SECRET not in caplog.text
    assert "***" in result.output  # the server's echo of the key is scrubbed
    assert dump(db) == before and len(fake.requests) == 1


def test_wrong_base_url_is_a_404_with_a_hint(db, fake):
    before = dump(db)
    result = cli("preannotate", db, "--llm", fake.url.removesuffix("/v1"), "--llm-model", "m")
    assert result.exit_code == 2 and "404" in result.output and "--llm-model" in result.output
    assert dump(db) == before


def test_an_unusable_reply_names_the_document_and_writes_nothing_of_it(tmp_path, fake):
    db = make_project(tmp_path / "w.db", [MEETING + "\n\n" + "Completely broken part follows here. " * 3, ROCKETS])
    with Project.open(db) as p:
        p.replace_layer(1, "model", Layer("model", spans={7: Span(7, 0, 7, "NORP", origin="model",
                                                                  status="suggested")}))
    fake.answers["Netanyahu"] = json.dumps(MEETING_REPLY)
    fake.answers["broken"] = "Sorry, as a language model I cannot"
    fake.answers["Hezbollah"] = json.dumps({"entities": [{"quote": ROCKETS, "text": "Hezbollah", "label": "ORG"}]})
    result = cli(*llm_args(db, fake, "--llm-max-chars", "200"))
    assert result.exit_code == 1
    assert "document 1 (d1): no suggestions, the reply is not JSON" in result.output
    assert model_spans(db, 1) == [("Israeli", "NORP", None)]  # as it was: no partial suggestions
    assert model_spans(db, 2) == [("Hezbollah", "ORG", "LBNREB")]
    # the usable chunk was cached, the broken one is asked again
    fake.requests.clear()
    fake.answers["broken"] = '{"events": [], "entities": []}'
    assert cli(*llm_args(db, fake, "--llm-max-chars", "200")).exit_code == 0
    assert len(fake.requests) == 1 and "broken" in fake.chunk_texts()[0]
    assert ("Benjamin Netanyahu", "PERSON", "ISRGOV") in model_spans(db, 1)


def test_the_key_is_not_in_reprs_or_exception_texts(monkeypatch):
    monkeypatch.setenv(llm_client.KEY_ENV, SECRET)
    with socket_closed_port() as port:
        client = llm_client.ChatClient(f"http://127.0.0.1:{port}/v1", "m", timeout=1)
        with pytest.raises(llm_client.EndpointError) as info:
            client.complete([{"role": "user", "content": "hi"}])
    assert SECRET not in repr(client) and SECRET not in str(info.value) and SECRET not in repr(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__  # httpx's text is not shown
    assert SECRET not in repr(info.value.__context__)
    client.close()


# ---------------------------------------------------------------------- cache, concurrency, cancel
def test_second_run_is_served_from_the_cache_and_refresh_asks_again(db, fake):
    fake.answers["Netanyahu"] = json.dumps(MEETING_REPLY)
    first = cli(*llm_args(db, fake))
    assert first.exit_code == 0 and len(fake.requests) == 2
    spans = model_spans(db)
    second = cli(*llm_args(db, fake))
    assert second.exit_code == 0, second.output
    assert len(fake.requests) == 2, "the second run sent requests"
    assert "0 requests" in second.output and "2 of 2 chunks from the cache" in second.output
    assert model_spans(db) == spans
    third = cli(*llm_args(db, fake, "--llm-refresh"))
    assert third.exit_code == 0 and len(fake.requests) == 4
    other_model = cli("preannotate", db, "--llm", fake.url, "--llm-model", "llama3.1:8b")
    assert other_model.exit_code == 0 and len(fake.requests) == 6  # the model is part of the key


def test_report_counts_tokens_from_usage(db, fake):
    fake.reply = lambda body: (200, completion('{"events": []}', prompt_tokens=321, completion_tokens=12))
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0
    assert "tokens 642 prompt + 24 completion" in result.output
    assert "2 of 2 documents pre-annotated with llm:qwen2.5:7b" in result.output


def test_requests_run_concurrently_up_to_the_limit(tmp_path, fake):
    db = make_project(tmp_path / "many.db", [f"Egypt urged Israel to talk, said report {i}." for i in range(8)])
    fake.delay = 0.3
    with Project.open(db) as p:
        report = run_llm(p, LlmOptions(fake.url, "m", concurrency=3, timeout=5))
    assert report.documents == 8 and len(fake.requests) == 8
    assert fake.max_in_flight == 3


def test_cancel_keeps_the_documents_already_finished(tmp_path, fake):
    db = make_project(tmp_path / "many.db", [f"Qatar hosted talks number {i}." for i in range(6)])
    fake.answers["Qatar"] = json.dumps({"entities": [{"text": "Qatar", "label": "GPE"}]})
    cancel = threading.Event()
    with Project.open(db) as p:
        def progress(done, total):
            if done == 2:
                cancel.set()
        report = run_llm(p, LlmOptions(fake.url, "m", concurrency=1, timeout=5), progress=progress, cancel=cancel)
        assert report.cancelled and report.documents == 2
        assert report.chunks == 2  # the chunks of the documents finished, not of every document started
        written = [i for i in p.document_ids() if p.layer(i, "model").spans]
    assert written == [1, 2]


def test_evaluate_works_unchanged_on_the_llm_layer(db, fake):
    fake.answers["Netanyahu"] = json.dumps(MEETING_REPLY)
    assert cli(*llm_args(db, fake, "--docs", "1")).exit_code == 0
    with Project.open(db) as p:
        gold = p.layer(1, "model").with_new_ids(GOLD, origin="human", status="accepted")
        p.replace_layer(1, GOLD, gold)
    # gold written by replace_layer is not marked done: scored by what it accepted
    result = cli("evaluate", db, "--layer", "model", "--against", "gold", "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["documents"] == 1 and scores["in_progress"] == 1
    assert scores["triggers"]["overall"]["f1"] == 1.0 and scores["arguments"]["overall"]["f1"] == 1.0


class socket_closed_port:
    """A local port nothing listens on (bound, then closed)."""

    def __enter__(self) -> int:
        import socket

        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.close()
        return port

    def __exit__(self, *exc: object) -> None:
        pass


def test_only_todo_skips_documents_a_person_marked_done(db, fake):
    from annotator.core.edits import SetDocState

    with Project.open(db) as p:
        p.open_layer(1, "ann1")
        p.apply(1, "ann1", SetDocState("todo", "done"))
    result = cli(*llm_args(db, fake, "--only", "todo"))
    assert result.exit_code == 0, result.output
    assert len(fake.requests) == 1 and "Qatar" in fake.chunk_texts()[0]


def test_a_server_that_goes_away_mid_run_keeps_the_finished_documents(tmp_path, fake):
    db = make_project(tmp_path / "w.db", [f"Qatar hosted talks number {i}." for i in range(3)])
    answers = iter([(200, completion('{"entities": [{"text": "Qatar", "label": "GPE"}]}'))])
    fake.reply = lambda body: next(answers, (401, {"error": {"message": "key expired"}}))
    result = cli("preannotate", db, "--llm", fake.url, "--llm-model", "m", "--llm-concurrency", "1")
    assert result.exit_code == 2
    assert "1 of 3 documents pre-annotated" in result.output and "stopped: the LLM server" in result.output
    assert "✓" not in result.output and "warning: stopped: 1 of 3 documents" in " ".join(result.output.split())
    assert model_spans(db, 1) == [("Qatar", "GPE", "QAT")] and model_spans(db, 2) == []


def test_ctrl_c_stops_after_the_current_document_and_keeps_the_finished_ones(tmp_path, fake):
    import os
    import signal
    import subprocess
    import sys
    import time

    db = make_project(tmp_path / "w.db", [f"Qatar hosted talks number {i}." for i in range(4)])
    hold = threading.Event()
    seen = []

    def reply(body):
        seen.append(body)
        if len(seen) > 1:
            hold.wait(10)  # the second document's request waits until Ctrl+C was pressed
        return 200, completion('{"entities": [{"text": "Qatar", "label": "GPE"}]}')

    fake.reply = reply
    repo = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(
        [sys.executable, "-m", "annotator.cli.main", "preannotate", str(db), "--llm", fake.url, "--llm-model", "m",
         "--llm-concurrency", "1"], cwd=repo, env={**os.environ, "PYTHONPATH": str(repo)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while len(seen) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(seen) >= 2
        process.send_signal(signal.SIGINT)
        time.sleep(0.3)
        hold.set()
        out, err = process.communicate(timeout=30)
    finally:
        hold.set()
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, out + err
    assert "cancelled: 1 of 4 documents pre-annotated" in out + err
    assert "Traceback" not in err
    assert model_spans(db, 1) == [("Qatar", "GPE", "QAT")]
    assert [model_spans(db, i) for i in (2, 3, 4)] == [[], [], []]


def test_quotes_with_plain_quotes_line_breaks_or_dashes_still_anchor_at_the_stored_text(tmp_path, fake):
    text = "The Prime Minister’s Office called the talks\n“productive” — a word Hamas rejected."
    db = make_project(tmp_path / "q.db", [text])
    quote = "The Prime Minister's Office called the talks \"productive\" - a word Hamas rejected."
    fake.answers["Office"] = json.dumps({"entities": [
        {"quote": quote, "text": "Prime Minister's Office", "label": "ORG"},
        {"quote": quote, "text": "Hamas", "label": "ORG"}]})
    assert cli(*llm_args(db, fake)).exit_code == 0
    assert model_spans(db) == [("Hamas", "ORG", "PSEREBHMS"), ("Prime Minister’s Office", "ORG", None)]


# ---------------------------------------------------------------------- what a misbehaving server must not do
def test_a_reply_object_without_events_or_entities_keeps_the_layer_and_is_not_cached(db, fake):
    with Project.open(db) as p:
        p.replace_layer(2, "model", Layer("model", spans={7: Span(7, 0, 5, "GPE", origin="model",
                                                                  status="suggested")}))
    fake.answers["Qatar"] = json.dumps({"error": "context length exceeded, input truncated"})
    result = cli(*llm_args(db, fake, "--docs", "2"))
    assert result.exit_code == 1
    assert "document 2 (d2): no suggestions, the reply has neither 'events' nor 'entities'" in result.output
    assert "✓" not in result.output.splitlines()[0]  # no success mark on a run where every document failed
    assert model_spans(db, 2) == [("Qatar", "GPE", None)]  # not wiped as "nothing found"
    fake.requests.clear()
    fake.answers["Qatar"] = json.dumps({"Entities": [{"text": "Doha", "label": "GPE"}]})  # a capital E is read
    assert cli(*llm_args(db, fake, "--docs", "2")).exit_code == 0
    assert len(fake.requests) == 1  # the bad reply was not cached as the answer
    assert model_spans(db, 2) == [("Doha", "GPE", "QAT")]


def test_a_string_found_only_inside_a_longer_word_is_not_anchored_and_dates_take_no_code(tmp_path, fake):
    text = "Iranian forces attacked the base on Monday."
    db = make_project(tmp_path / "w.db", [text])
    fake.answers["Iranian"] = json.dumps({
        "entities": [{"text": "Iran", "label": "GPE", "actor_code": "IRN"},
                     {"text": "Monday", "label": "DATE", "actor_code": "USA"}],
        "events": [{"trigger": "attack", "type": "ASSAULT", "source": "Iran"},
                   {"trigger": "attacked", "type": "ASSAULT", "date": "Monday"}]})
    assert cli(*llm_args(db, fake)).exit_code == 0
    with Project.open(db, readonly=True) as p:
        layer = p.layer(1, "model")
    spans = sorted((text[s.start:s.end], s.label, s.actor_code) for s in layer.spans.values())
    assert spans == [("Monday", "DATE", None), ("attacked", "ASSAULT", None)]  # no "Iran" in "Iranian"
    (event,) = layer.events.values()
    assert [a.role for a in event.arguments] == ["date"]


def test_the_key_never_reaches_a_message_or_the_cache_and_a_broken_key_is_named(db, fake, monkeypatch):
    monkeypatch.setenv(llm_client.KEY_ENV, SECRET)
    fake.answers["Qatar"] = f"Error: invalid token {SECRET} for this deployment"
    fake.answers["Netanyahu"] = json.dumps({"entities": [{"text": "Israeli", "label": "NORP",
                                                          "note": f"auth {SECRET}"}]})
    result = cli(*llm_args(db, fake))
    assert "the reply is not JSON: 'Error: invalid token *** for this deployment'" in result.output
    assert SECRET not in result.output and not any(SECRET in line for line in dump(db))
    for broken in ("sk-live\nABC", "sk-live-abc…"):
        monkeypatch.setenv(llm_client.KEY_ENV, broken)
        result = cli(*llm_args(db, fake))
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert "the API key in ANNOTATOR_LLM_KEY holds a space, a line break or a character" in result.output
        assert "sk-live" not in result.output
    monkeypatch.delenv(llm_client.KEY_ENV)
    with socket_closed_port() as port:
        result = cli(*llm_args(db, fake)[:2], "--llm", f"http://user:{SECRET}@127.0.0.1:{port}/v1",
                     "--llm-model", "m")
    assert result.exit_code == 2 and "http://***@127.0.0.1" in result.output and SECRET not in result.output


def test_cancel_ends_the_retries_at_once_and_keeps_the_replies_that_arrived(tmp_path, fake):
    db = make_project(tmp_path / "many.db", [f"Qatar hosted talks number {i}." for i in range(6)])
    fake.answers["Qatar"] = json.dumps({"entities": [{"text": "Qatar", "label": "GPE"}]})
    cancel = threading.Event()
    fake.gate = threading.Event()  # every request waits until the gate opens
    with Project.open(db) as p:
        worker = threading.Thread(target=lambda: run_llm(p, LlmOptions(fake.url, "m", concurrency=2, timeout=5),
                                                         cancel=cancel))
        worker.start()
        deadline = time.monotonic() + 5
        while len(fake.requests) < 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        cancel.set()  # while the first request is in flight
        fake.gate.set()
        worker.join(10)
        assert not worker.is_alive()
        sent = len(fake.requests)
        assert sent == 1  # nothing is sent after the cancel
    fake.requests.clear()
    fake.gate = None
    with Project.open(db) as p:
        report = run_llm(p, LlmOptions(fake.url, "m", concurrency=2, timeout=5))
    assert report.documents == 6 and report.cache_hits == 1  # the reply that arrived was kept
    assert len(fake.requests) == 5
    fake.requests.clear()
    fake.failures = [500] * 10  # a server that keeps failing: the retry wait ends with the cancel
    client = llm_client.ChatClient(fake.url, "m", timeout=5, backoff=5.0)
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    started = time.monotonic()
    with pytest.raises(llm_client.RequestFailed):
        client.complete([{"role": "user", "content": "hi"}], stop)
    assert time.monotonic() - started < 3 and len(fake.requests) == 1
    client.close()


def test_a_dropped_connection_is_tried_again_not_taken_for_a_server_that_is_gone(db, fake):
    calls = []
    normal = fake.reply

    def drop_the_second(body):
        calls.append(1)
        if len(calls) == 2:
            raise ConnectionAbortedError("dropped")  # the handler dies: the connection closes unanswered
        return normal(body)

    fake.reply = drop_the_second
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0, result.output
    assert "2 of 2 documents" in result.output and "1 retries" in result.output


def test_a_sentence_said_twice_gives_two_events_and_an_overlapping_trigger_is_one(tmp_path, fake):
    text = "The talks resumed. Then Israel condemned the raid. The talks resumed."
    db = make_project(tmp_path / "w.db", [text])
    fake.answers["resumed"] = json.dumps({"events": [
        {"quote": "The talks resumed.", "trigger": "talks", "type": "CONSULT"},
        {"quote": "The talks resumed.", "trigger": "talks", "type": "CONSULT"},
        {"quote": "Israel condemned the raid.", "trigger": "condemned", "type": "ACCUSE"},
        {"quote": "Israel condemned the raid.", "trigger": "Israel condemned", "type": "ACCUSE"}]})
    assert cli(*llm_args(db, fake)).exit_code == 0
    with Project.open(db, readonly=True) as p:
        layer = p.layer(1, "model")
    triggers = sorted((s.start, text[s.start:s.end]) for s in layer.spans.values() if s.layer == "trigger")
    assert triggers == [(4, "talks"), (31, "condemned"), (55, "talks")]


def test_retry_after_is_read_as_seconds_or_as_an_http_date():
    from email.utils import formatdate

    class Answer:
        def __init__(self, headers):
            self.headers = headers

    assert llm_client._retry_after(Answer({"Retry-After": "5"})) == 5.0
    assert 5 <= llm_client._retry_after(Answer({"Retry-After": formatdate(time.time() + 7, usegmt=True)})) <= 7
    assert llm_client._retry_after(Answer({"Retry-After": "soon"})) == 0.0
    assert llm_client._retry_after(Answer({})) == 0.0


def test_the_timeout_bounds_the_whole_answer_not_each_read():
    """A server that sends its answer a few bytes at a time never trips a per-read timeout; the
    request is given up after --llm-timeout in all."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Trickle(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            data = json.dumps(completion('{"events": [], "entities": []}')).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                for i in range(0, len(data), 8):
                    self.wfile.write(data[i:i + 8])
                    self.wfile.flush()
                    time.sleep(0.2)
            except (BrokenPipeError, ConnectionResetError):
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = llm_client.ChatClient(f"http://127.0.0.1:{server.server_address[1]}/v1", "m", timeout=1.0,
                                       tries=1)
        started = time.monotonic()
        with pytest.raises(llm_client.RequestFailed, match="no answer within the timeout"):
            client.complete([{"role": "user", "content": "hi"}])
        assert time.monotonic() - started < 3
        client.close()
    finally:
        server.shutdown()


# ---------------------------------------------------------------------- replies real servers send
def test_half_an_emoji_in_a_reply_is_read_and_the_run_goes_on(db, fake):
    """A JSON escape "\\ud83d" on its own (half an emoji) made a lone surrogate that failed the
    run with a traceback when the reply was cached, and again at every re-run."""
    fake.answers["Netanyahu"] = "\ud83d " + json.dumps(MEETING_REPLY)  # json.dumps sends the escape
    fake.answers["Qatar"] = json.dumps({"events": [], "entities": [{"text": "Qatar", "label": "GPE"}]})
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert ("Antony Blinken", "PERSON", "USAGOV") in model_spans(db, 1)
    assert model_spans(db, 2) == [("Qatar", "GPE", "QAT")]
    fake.requests.clear()
    assert cli(*llm_args(db, fake)).exit_code == 0 and not fake.requests  # cached this time


@pytest.mark.parametrize("wrap", [
    lambda s: "<think>The user wants {events}. Let me list them.</think>\n" + s,
    lambda s: s + "\n\n(Note: I used {} where nothing was found.)",
    lambda s: "Sure! Here is the JSON you asked for: " + s + " Let me know if you need more."])
def test_a_reply_object_among_thoughts_or_prose_is_read(db, fake, wrap):
    fake.answers["Netanyahu"] = wrap(json.dumps(MEETING_REPLY))
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0, result.output
    assert ("Antony Blinken", "PERSON", "USAGOV") in model_spans(db)
    with pytest.raises(ReplyError, match="not JSON"):
        parse_reply("<think>{\"events\": []}</think> no object after the thinking")


def test_the_gazetteer_gives_a_code_only_to_labels_that_take_one(tmp_path, fake):
    """docs/llm.md: codes on PERSON, ORG, GPE and NORP only. The gazetteer's code was added to a
    place labelled LOC and to a "DATE" the model mislabelled."""
    db, _ = suggest(tmp_path, fake, "Protesters gathered in Jerusalem as Iran condemned the plan.", {
        "entities": [{"text": "Jerusalem", "label": "LOC"}, {"text": "Iran", "label": "DATE"}], "events": []})
    assert model_spans(db) == [("Iran", "DATE", None), ("Jerusalem", "LOC", None)]


def test_an_answer_far_larger_than_a_chat_reply_fails_its_document_only(db, fake, monkeypatch):
    monkeypatch.setattr(llm_client, "MAX_ANSWER_BYTES", 4096)
    fake.answers["Netanyahu"] = json.dumps(MEETING_REPLY) + " " * 10_000
    fake.answers["Qatar"] = json.dumps({"events": [], "entities": [{"text": "Qatar", "label": "GPE"}]})
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 1
    assert "document 1 (d1): no suggestions, the server's answer is over" in " ".join(result.output.split())
    assert model_spans(db, 1) == [] and model_spans(db, 2) == [("Qatar", "GPE", "QAT")]


def test_a_sentence_said_twice_keeps_the_arguments_of_both_events(tmp_path, fake):
    """The entities were anchored at the first sentence only, so the second event's arguments
    were dropped as "not one of the entities", though the model had listed them."""
    text = "Smith attacked Jones. Smith attacked Jones."
    db = make_project(tmp_path / "w.db", [text])
    quote = "Smith attacked Jones."
    event = {"quote": quote, "trigger": "attacked", "type": "ASSAULT", "source": "Smith", "target": "Jones"}
    fake.answers["Smith"] = json.dumps({
        "entities": [{"quote": quote, "text": "Smith", "label": "PERSON"},
                     {"quote": quote, "text": "Jones", "label": "PERSON"}] * 2,
        "events": [event, event]})
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0 and "dropped" not in result.output, result.output
    with Project.open(db, readonly=True) as p:
        layer = p.layer(1, "model")
    roles = sorted((layer.spans[e.trigger].start, a.role, layer.spans[a.span_id].start)
                   for e in layer.events.values() for a in e.arguments)
    assert roles == [(6, "source", 0), (6, "target", 15), (28, "source", 22), (28, "target", 37)]


def test_an_argument_is_not_placed_inside_another_argument_of_its_event(tmp_path, fake):
    db, _ = suggest(tmp_path, fake, "Iran's minister condemned Iran's rivals and Iran.", {
        "entities": [{"text": "Iran's minister", "label": "PERSON"}],
        "events": [{"trigger": "condemned", "type": "ACCUSE", "source": "Iran's minister", "target": "Iran"}]})
    with Project.open(db, readonly=True) as p:
        layer = p.layer(1, "model")
    (event,) = layer.events.values()
    placed = {a.role: (layer.spans[a.span_id].start, layer.spans[a.span_id].end) for a in event.arguments}
    assert placed == {"source": (0, 15), "target": (26, 30)}  # the first "Iran" outside the source


def test_names_in_a_script_written_without_spaces_are_found(tmp_path, fake):
    """Chinese has no spaces to mark a word's edge: every name was dropped as "not found as whole
    words". A Latin name inside a longer word is still not found."""
    db, _ = suggest(tmp_path, fake, "北京抗议东京的决定。中国外交部谴责日本。Iranian officials spoke.", {
        "entities": [{"text": "北京", "label": "GPE"}, {"text": "日本", "label": "GPE"}, {"text": "Iran", "label": "GPE"}],
        "events": [{"trigger": "谴责", "type": "ACCUSE", "target": "日本"}]})
    assert [(t, label) for t, label, _code in model_spans(db)] == [("北京", "GPE"), ("日本", "GPE"), ("谴责", "ACCUSE")]


def test_an_argument_inside_its_trigger_is_dropped(tmp_path, fake):
    text = "Russia attacked Ukraine on Monday."
    db, output = suggest(tmp_path, fake, text, {
        "entities": [{"text": "Russia", "label": "GPE"}, {"text": "Ukraine", "label": "GPE"}],
        "events": [{"trigger": "attacked Ukraine", "type": "ASSAULT", "source": "Russia", "target": "Ukraine"}]})
    assert "1 argument is (part of) the trigger" in output
    with Project.open(db, readonly=True) as p:
        layer = p.layer(1, "model")
    (event,) = layer.events.values()
    assert [(a.role, layer.spans[a.span_id].text_in(text)) for a in event.arguments] == [("source", "Russia")]


def test_a_trigger_on_the_words_of_a_listed_entity_is_dropped(tmp_path, fake):
    """A name is not an act: "Hamas" listed as an ORG and as the trigger of an ASSAULT put two
    suggestions on the same words. Where the quote has the words again outside the entity, that
    place is the trigger."""
    db, output = suggest(tmp_path, fake, "Hamas fired rockets. Strike workers met the Strike party.", {
        "entities": [{"text": "Hamas", "label": "ORG"}, {"text": "Strike", "label": "ORG",
                                                         "quote": "met the Strike party"}],
        "events": [{"trigger": "Hamas", "type": "ASSAULT"},
                   {"trigger": "Strike", "type": "PROTEST", "quote": "Strike workers met the Strike party."}]})
    assert "1 trigger is one of the entities" in output
    with Project.open(db, readonly=True) as p:
        spans = sorted((s.start, s.text_in(p.document(1).text), s.label) for s in p.layer(1, "model").spans.values())
    assert spans == [(0, "Hamas", "ORG"), (21, "Strike", "PROTEST"), (44, "Strike", "ORG")]


def test_a_name_the_model_writes_composed_is_found_in_decomposed_text(tmp_path, fake):
    """The text has "Zu" + a combining diaeresis (macOS, scrapers); the model answers "Zürich"
    with one code point: it was dropped as "not found as whole words"."""
    text = "Protesters marched in Zu\u0308rich. Police arrested ZURICH residents."
    db, output = suggest(tmp_path, fake, text, {
        "entities": [{"text": "Zürich", "label": "GPE"}, {"text": "zurich", "label": "GPE"}],
        "events": [{"trigger": "marched", "type": "PROTEST", "location": "Zürich"}]})
    assert "1 text not found" in output  # "zurich" is no spelling of "ZURICH": case still counts
    with Project.open(db, readonly=True) as p:
        layer = p.layer(1, "model")
    (place,) = [s for s in layer.spans.values() if s.label == "GPE"]
    assert text[place.start:place.end] == "Zu\u0308rich"
    (event,) = layer.events.values()
    assert [a.span_id for a in event.arguments] == [place.id]


def test_labels_and_types_are_read_whatever_their_case_or_spaces(tmp_path, fake):
    """"ASSAULT " was taken and "GPE " dropped as an unknown label."""
    db, output = suggest(tmp_path, fake, "Russia attacked Ukraine on Monday.", {
        "entities": [{"text": "Russia", "label": "GPE "}, {"text": "Ukraine", "label": "gpe"}],
        "events": [{"trigger": "attacked", "type": " Assault", "source": "Russia", "target": "Ukraine"}]})
    assert "dropped" not in output
    assert model_spans(db) == [("Russia", "GPE", "RUS"), ("Ukraine", "GPE", "UKR"), ("attacked", "ASSAULT", None)]


# ---------------------------------------------------------------------- the app's summary
def test_the_apps_failure_line_names_five_documents_then_counts_the_rest(tmp_path, fake):
    """The window's error line after a run with many failed documents named every one of them, with
    the server's whole message each time: one line thousands of characters long."""
    pre_dialog = pytest.importorskip("annotator.gui.dialogs.preannotate")
    texts = [f"Talks number {i} resumed in Doha." for i in range(12)]
    db = make_project(tmp_path / "w.db", texts)
    long_reason = "Invalid request: " + "the server explains at length. " * 20

    def first_only(request):  # type: ignore[no-untyped-def]
        if "number 0 " in request["messages"][-1]["content"]:
            return 200, completion('{"events": []}')
        return 400, {"error": {"message": long_reason}}
    fake.reply = first_only
    with Project.open(db) as p:
        report = run_llm(p, LlmOptions(fake.url, "m", concurrency=2, timeout=5))
    assert report.documents == 1 and len(report.failed) == 11 and not report.stopped
    _status, problem = pre_dialog.llm_summary(report)
    assert problem is not None
    named = [name for _, name, _ in report.failed]
    assert all(name in problem for name in named[:5]) and not any(name + ":" in problem for name in named[5:])
    assert problem.endswith("; and 6 more documents failed")
    assert len(problem) < 6 * 200  # five reasons cut short, and the count
    report.failed = report.failed[:6]
    assert pre_dialog.llm_summary(report)[1].endswith("; and 1 more document failed")
    report.failed = report.failed[:2]
    assert "more" not in pre_dialog.llm_summary(report)[1]


def test_an_argument_in_a_role_the_scheme_lacks_is_dropped_and_counted(tmp_path, fake):
    """The reply format carries a date; a scheme without that role got date arguments the
    window could neither show nor clear."""
    import dataclasses

    from annotator.core import default_scheme

    scheme = default_scheme()
    db = tmp_path / "w.db"
    with Project.create(db, scheme=dataclasses.replace(
            scheme, roles=tuple(r for r in scheme.roles if r.name != "date"))) as p:
        p.import_documents([AnnotatedDocument(Document(ROCKETS, ext_id="d1"))])
    fake.answers[ROCKETS.split()[0]] = json.dumps({"events": [
        {"quote": ROCKETS, "trigger": "fired rockets", "type": "ASSAULT", "target": "Haifa", "date": "Monday"}]})
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0, result.output
    assert "1 argument role the scheme lacks" in result.output
    with Project.open(db, readonly=True) as p:
        (event,) = p.layer(1, "model").events.values()
        assert [a.role for a in event.arguments] == ["target"]
