"""What real OpenAI-compatible servers send back, against the fake on 127.0.0.1: reasoning models'
think blocks, trailing commas, cut-off replies, streamed answers to `stream: false`, content
parts, tool calls, redirects, TLS with a team's own CA, Azure URLs, and a server that fails every
request (the run stops instead of trying every document)."""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess
from pathlib import Path

import pytest

from annotator.preannotate.llm import client as llm_client
from annotator.preannotate.llm.client import chat_url
from annotator.store import Project

from llm_fake import FakeLLM, completion
from test_preannotate_llm import MEETING, MEETING_REPLY, cli, llm_args, make_project

MEETING_SPANS = 7  # what MEETING_REPLY gives: three entities, the trigger, Jerusalem and October 22 (+1 role filler)


@pytest.fixture(autouse=True)
def fast_retries(monkeypatch):
    monkeypatch.setattr(llm_client, "BACKOFF_SECONDS", 0.01)
    monkeypatch.delenv(llm_client.KEY_ENV, raising=False)


@pytest.fixture
def fake():
    server = FakeLLM().start()
    yield server
    server.stop()


@pytest.fixture
def db(tmp_path):
    return make_project(tmp_path / "work.db", [MEETING])


def model_spans(db: Path) -> list[str]:
    with Project.open(db, readonly=True) as p:
        text = p.document(1).text
        return sorted(s.text_in(text) for s in p.layer(1, "model").spans.values())


def answer(fake: FakeLLM, content, **choice) -> None:  # type: ignore[no-untyped-def]
    body = completion(content)
    body["choices"][0].update(choice)
    fake.reply = lambda _request: (200, body)


def test_a_reasoning_models_reply_is_read_after_its_closing_think_tag(fake, db, tmp_path):
    """A chat template that opens <think> in the prompt leaves only its end in the reply; the
    format quoted in the reasoning ({"events": [], ...}) was taken as the answer: every document
    written empty, with a tick, and cached."""
    good = tmp_path / "good.db"
    shutil.copy(db, good)
    fake.answers["Netanyahu"] = json.dumps(MEETING_REPLY)
    assert cli(*llm_args(good, fake)).exit_code == 0
    expected = model_spans(good)
    assert "Benjamin Netanyahu" in expected
    answer(fake, 'I must answer as {"events": [], "entities": []}. Let me read the text.\n</think>\n\n'
           + json.dumps(MEETING_REPLY))
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0, result.output
    assert model_spans(db) == expected


def test_reasoning_cut_off_before_an_answer_fails_the_document_and_is_not_cached(fake, db):
    answer(fake, '<think>The answer format is {"events": [], "entities": []}, so first I', finish_reason="length")
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 1, result.output
    assert "only the model's reasoning, cut off before an answer" in result.output
    assert model_spans(db) == []
    with Project.open(db, readonly=True) as p:
        assert p.conn.execute("SELECT count(*) FROM llm_cache").fetchone()[0] == 0


def test_trailing_commas_of_a_small_local_model_are_read(fake, db):
    content = json.dumps(MEETING_REPLY, indent=1).replace("\n  }", ",\n  }").replace("\n ]", ",\n ]")
    assert ",\n" in content and json.loads(json.dumps(MEETING_REPLY))  # the reply is not JSON as it stands
    with pytest.raises(ValueError):
        json.loads(content)
    answer(fake, content)
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0, result.output
    assert "Benjamin Netanyahu" in model_spans(db)


def test_a_comma_inside_a_quoted_string_is_kept(fake, tmp_path):
    text = "Officials said: talks, ] resumed in Doha."
    db = make_project(tmp_path / "w.db", [text])
    reply = '{"events": [{"quote": "Officials said: talks, ] resumed in Doha.", "trigger": "resumed", "type": "CONSULT",},], "entities": []}'
    answer(fake, reply)
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0, result.output
    assert model_spans(db) == ["resumed"]


def test_a_reply_cut_off_by_the_context_says_so(fake, db):
    answer(fake, json.dumps(MEETING_REPLY)[:90], finish_reason="length")
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 1
    assert "the answer was cut off: finish_reason 'length'" in result.output
    assert "larger context" in result.output


def test_a_streamed_answer_to_a_request_that_asked_for_none_is_read(fake, db):
    reply = json.dumps(MEETING_REPLY)
    pieces = [reply[i:i + 40] for i in range(0, len(reply), 40)]
    events = [{"choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]} for piece in pieces]
    events.append({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    fake.headers_out = {"Content-Type": "text/event-stream"}
    fake.reply = lambda _request: (200, "".join(f"data: {json.dumps(e)}\n\n" for e in events) + "data: [DONE]\n\n")
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0, result.output
    assert "Benjamin Netanyahu" in model_spans(db)


def test_content_given_as_a_list_of_parts_is_read(fake, db):
    reply = json.dumps(MEETING_REPLY)
    answer(fake, [{"type": "text", "text": reply[:50]}, {"type": "text", "text": reply[50:]}])
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0, result.output
    assert "Benjamin Netanyahu" in model_spans(db)


def test_an_answer_with_only_tool_calls_names_them(fake, db):
    answer(fake, None, finish_reason="tool_calls")
    fake_reply = fake.reply

    def with_tools(request):  # type: ignore[no-untyped-def]
        status, body = fake_reply(request)
        body["choices"][0]["message"]["tool_calls"] = [{"id": "1", "type": "function",
                                                        "function": {"name": "x", "arguments": "{}"}}]
        return status, body
    fake.reply = with_tools
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 1
    assert "no text content (finish_reason 'tool_calls', it holds only tool_calls)" in result.output


def test_a_server_that_fails_every_request_stops_the_run_after_three_documents(fake, tmp_path):
    """It tried every document three times, each with its own error line: an hour for 1,000."""
    db = make_project(tmp_path / "w.db", [f"Talks number {i} resumed in Doha." for i in range(12)])
    fake.reply = lambda _request: (500, {"error": {"message": "model crashed"}})
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 2, result.output
    assert "the first 3 documents got no usable answer (the last:" in result.output
    assert "nothing more is sent" in result.output
    # requests go one at a time until one is answered: 3 documents of 12 asked, each with its retries
    assert len(set(fake.chunk_texts())) == 3 and len(fake.requests) == 3 * llm_client.TRIES


def test_a_server_that_works_after_a_failure_is_not_stopped(fake, tmp_path):
    db = make_project(tmp_path / "w.db", [f"Talks number {i} resumed in Doha." for i in range(6)])
    seen: list[str] = []

    def first_fails(request):  # type: ignore[no-untyped-def]
        text = request["messages"][-1]["content"]
        seen.append(text)
        return (500, {"error": {"message": "busy"}}) if "number 0 " in text else (200, completion('{"events": []}'))
    fake.reply = first_fails
    result = cli(*llm_args(db, fake, "--llm-concurrency", "1"))
    assert result.exit_code == 1, result.output  # one document failed, the others were done
    assert "5 of 6 documents pre-annotated" in result.output and "stopped" not in result.output


def test_a_redirect_stops_the_run_and_names_the_address(fake, db):
    fake.headers_out = {"Content-Type": "text/html", "Location": "https://llm.example.org/v1/chat/completions"}
    fake.reply = lambda _request: (308, "<html>308 Permanent Redirect</html>")
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 2, result.output
    assert "redirects (308) to https://llm.example.org/v1/chat/completions" in result.output
    assert len(fake.requests) == 1


@pytest.mark.parametrize("base, url", [
    ("https://x.openai.azure.com/openai/deployments/gpt4o?api-version=2024-06-01",
     "https://x.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-06-01"),
    ("http://localhost:11434/v1/", "http://localhost:11434/v1/chat/completions"),
    ("http://localhost:8080/v1/chat/completions/", "http://localhost:8080/v1/chat/completions"),
])
def test_the_chat_address_keeps_a_query_string_after_its_path(base, url):
    assert chat_url(base) == url


def _tls_files(folder: Path) -> tuple[Path, Path, Path]:
    """A CA of the team's own, and a certificate it signed for 127.0.0.1."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")

    def run(*args: str) -> None:
        subprocess.run([openssl, *args], check=True, capture_output=True, cwd=folder)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=Team CA")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "srv.key", "-out", "srv.csr", "-subj", "/CN=127.0.0.1")
    (folder / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\n")
    run("x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "srv.pem",
        "-days", "2", "-extfile", "ext.cnf")
    return folder / "ca.pem", folder / "srv.pem", folder / "srv.key"


def test_a_server_with_a_certificate_of_the_teams_own_ca_is_trusted_through_ssl_cert_file(
        fake, db, tmp_path, monkeypatch):
    """trust_env=False (no proxies) also made httpx ignore SSL_CERT_FILE: such a server could not
    be used at all, and the message asked whether it was running."""
    ca, cert, key = _tls_files(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    fake.server.socket = context.wrap_socket(fake.server.socket, server_side=True)
    url = fake.url.replace("http://", "https://")
    fake.answers["Netanyahu"] = json.dumps(MEETING_REPLY)
    args = ["preannotate", db, "--llm", url, "--llm-model", "m", "--llm-timeout", "2"]
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    refused = cli(*args)
    assert refused.exit_code == 2, refused.output
    assert "certificate of the LLM server" in refused.output and "is not trusted" in refused.output
    assert "set SSL_CERT_FILE" in refused.output
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert "Benjamin Netanyahu" in model_spans(db)


def test_documents_read_from_the_cache_do_not_keep_a_dead_server_asked(fake, tmp_path):
    db = make_project(tmp_path / "w.db", [f"Talks number {i} resumed in Doha." for i in range(12)])
    assert cli(*llm_args(db, fake, "--docs", "1")).exit_code == 0  # document 1's answer is cached
    fake.requests.clear()
    fake.reply = lambda _request: (500, {"error": {"message": "model crashed"}})
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 2, result.output
    assert "the first 3 documents got no usable answer" in result.output and "not sent" not in result.output
    assert len(set(fake.chunk_texts())) == 3  # one at a time while none is answered: no more than three


def test_a_server_whose_answers_never_parse_stops_the_run(fake, tmp_path):
    db = make_project(tmp_path / "w.db", [f"Talks number {i} resumed in Doha." for i in range(40)])
    answer(fake, "<html><body>Welcome to the gateway</body></html>")
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 2, result.output
    assert "the first 3 documents got no usable answer (the last: the reply is not JSON" in result.output
    assert len(set(fake.chunk_texts())) < 40  # the requests queued behind them were not sent
