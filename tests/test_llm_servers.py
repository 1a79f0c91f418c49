"""What real OpenAI-compatible servers send back, against the fake on 127.0.0.1: reasoning models'
think blocks, trailing commas, Python-literal replies, cut-off replies, streamed answers to
`stream: false`, content parts, tool calls, redirects, TLS with a team's own CA, http:// to a TLS
port, Azure URLs and its api-key header, an exhausted quota, older llama.cpp's 500 for a context
overflow, and a server that fails every request (the run stops instead of trying every document)."""

from __future__ import annotations

import json
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest

from annotator.preannotate.llm import client as llm_client
from annotator.preannotate.llm.client import chat_url
from annotator.preannotate.llm.reply import ReplyError, parse_reply
from annotator.store import Project

from llm_fake import FakeLLM, completion
from test_preannotate_llm import MEETING, MEETING_REPLY, SECRET, cli, dump, llm_args, make_project
from test_preannotate_llm import fake, fast_retries  # noqa: F401 - the fixtures (fast_retries: autouse)


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


# ---------------------------------------------------------------------- failures that retrying cannot cure
QUOTA = {"error": {"message": "You exceeded your current quota, please check your plan and billing details.",
                   "type": "insufficient_quota", "param": None, "code": "insufficient_quota"}}


def test_an_exhausted_quota_stops_the_run_at_once(fake, tmp_path):
    """OpenAI's 429 insufficient_quota was retried three times for every document: it never succeeds."""
    db = make_project(tmp_path / "w.db", [f"Talks number {i} resumed in Doha." for i in range(6)])
    fake.reply = lambda _request: (429, QUOTA)
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 2, result.output
    assert "answered 429: the account's quota is used up" in result.output
    assert "check the account's plan and billing" in result.output
    assert len(fake.requests) == 1 and model_spans(db) == []
    # after documents were done: the run stops there, keeping them
    fake.requests.clear()
    fake.reply = lambda request: ((200, completion('{"events": []}'))
                                  if "number 0 " in request["messages"][-1]["content"] else (429, QUOTA))
    result = cli(*llm_args(db, fake, "--llm-concurrency", "1"))
    assert result.exit_code == 2, result.output
    assert "1 of 6 documents pre-annotated" in result.output and "stopped: the LLM server" in result.output
    assert len(fake.requests) == 2


def test_a_rate_limit_429_is_still_retried_after_its_retry_after(fake, db):
    calls = []

    def limited_once(_request):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:
            return 429, {"error": {"message": "Rate limit reached for requests", "type": "requests",
                                   "code": "rate_limit_exceeded"}}, {"Retry-After": "1"}
        return 200, completion(json.dumps(MEETING_REPLY))
    fake.reply = limited_once
    started = time.monotonic()
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started >= 1.0  # the backoff is 0.01 s here: the wait is the server's
    assert "2 requests (1 retries)" in result.output and "Benjamin Netanyahu" in model_spans(db)


@pytest.mark.parametrize("message, kind", [
    ("the request exceeds the available context size. try increasing the context size or enable context shift",
     "server_error"),
    ("the request exceeds the available context size. try increasing the context size or enable context shift",
     "exceed_context_size_error"),
    ("Input is too large to process. Either enable context shift or increase context length.", "server_error"),
    ("Context size has been exceeded.", "server_error"),
])
def test_an_older_llama_cpps_500_for_a_context_overflow_fails_the_document_without_retries(fake, db, message, kind):
    """Older llama-server answers a prompt too long for its context with 500: it was tried three
    times and named as a server error, with nothing said of the context."""
    fake.reply = lambda _request: (500, {"error": {"code": 500, "message": message, "type": kind}})
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 1, result.output
    assert f"the server answered 500: {message}" in result.output
    assert "too long for the model's context: lower --llm-max-chars or give the server a larger context" \
        in result.output
    assert len(fake.requests) == 1 and "(3 tries)" not in result.output and "0 retries" in result.output
    with Project.open(db, readonly=True) as p:
        assert p.conn.execute("SELECT count(*) FROM llm_cache").fetchone()[0] == 0


def test_a_timeout_names_llm_timeout_and_the_seconds_waited(fake, db):
    fake.delay = 1.0
    result = cli(*llm_args(db, fake, "--llm-timeout", "0.3"))
    assert result.exit_code == 1, result.output
    assert "no answer within the timeout of 0.3 s (3 tries): a slow model (e.g. on a CPU) needs a larger " \
           "--llm-timeout" in " ".join(result.output.split())


def _tls_fake(tmp_path: Path) -> FakeLLM:
    _ca, cert, key = _tls_files(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = FakeLLM()
    server.server.socket = context.wrap_socket(server.server.socket, server_side=True)
    return server.start()


def test_http_to_a_tls_port_stops_at_the_first_request_naming_https(db, tmp_path):
    """httpx gave a ReadError or a dropped connection for every document, each tried again."""
    server = _tls_fake(tmp_path)
    try:
        before = dump(db)
        started = time.monotonic()
        result = cli(*llm_args(db, server))
        assert result.exit_code == 2, result.output
        assert f"the LLM server at {server.url}/chat/completions speaks TLS: use https://" in result.output
        assert f"--llm {server.url.replace('http://', 'https://')}" in result.output
        assert time.monotonic() - started < 5 and dump(db) == before
    finally:
        server.stop()


def test_nginxs_plain_http_to_https_port_answer_stops_the_run_naming_https(fake, db):
    fake.headers_out = {"Content-Type": "text/html"}
    fake.reply = lambda _request: (400, "<html><head><title>400 The plain HTTP request was sent to HTTPS port"
                                        "</title></head></html>")
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 2, result.output
    assert "speaks TLS: use https://" in result.output and len(fake.requests) == 1


def test_a_plain_server_that_drops_the_first_request_is_not_taken_for_tls(fake, db):
    calls = []
    normal = fake.reply

    def drop_the_first(body):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionAbortedError("dropped")
        return normal(body)
    fake.reply = drop_the_first
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0, result.output
    assert "TLS" not in result.output and "1 retries" in result.output


@pytest.mark.parametrize("host", ["myres.openai.azure.com", "myres.cognitiveservices.azure.com"])
def test_azure_openai_gets_the_key_in_an_api_key_header_and_never_shows_it(fake, db, monkeypatch, host):
    """Azure OpenAI reads `api-key`; `Authorization: Bearer` was refused with 401."""
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda name, *rest, **kw: real(
        "127.0.0.1" if str(name).endswith(".azure.com") else name, *rest, **kw))
    monkeypatch.setenv(llm_client.KEY_ENV, SECRET)
    port = fake.server.server_address[1]
    url = f"http://{host}:{port}/v1?api-version=2024-06-01"
    fake.answers["Netanyahu"] = json.dumps(MEETING_REPLY)
    result = cli("preannotate", db, "--llm", url, "--llm-model", "gpt-4o", "--llm-timeout", "5")
    assert result.exit_code == 0, result.output
    assert fake.headers[0]["api-key"] == SECRET and "authorization" not in fake.headers[0]
    assert fake.paths[0] == "/v1/chat/completions?api-version=2024-06-01"
    assert "Benjamin Netanyahu" in model_spans(db)
    fake.reply = lambda _request: (401, {"error": {"code": "401", "message": f"Access denied: key {SECRET} is wrong"}})
    result = cli("preannotate", db, "--llm", url, "--llm-model", "gpt-4o", "--llm-refresh")
    assert result.exit_code == 2 and "***" in result.output and SECRET not in result.output


def test_only_azure_hosts_get_the_api_key_header():
    assert llm_client.is_azure("https://x.openai.azure.com/openai/deployments/d/chat/completions?api-version=1")
    assert llm_client.is_azure("https://X.CognitiveServices.Azure.com./openai/v1")
    assert not llm_client.is_azure("https://openai.azure.com.example.org/v1")
    assert not llm_client.is_azure("http://localhost:11434/v1")


def test_a_python_literal_reply_of_a_small_local_model_is_read(fake, db, tmp_path):
    """{'events': [...], 'entities': [...]} with None: every document failed as 'not JSON'."""
    good = tmp_path / "good.db"
    shutil.copy(db, good)
    fake.answers["Netanyahu"] = json.dumps(MEETING_REPLY)
    assert cli(*llm_args(good, fake)).exit_code == 0
    answer(fake, "Here is the annotation:\n" + repr(MEETING_REPLY))
    assert "'events'" in repr(MEETING_REPLY) and "None" in repr(MEETING_REPLY)
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0, result.output
    assert model_spans(db) == model_spans(good)


def test_a_python_literal_is_only_ever_read_never_run(fake, db, tmp_path):
    marker = tmp_path / "ran"
    answer(fake, "{'events': [__import__('pathlib').Path(%r).touch()], 'entities': []}" % str(marker))
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 1 and "the reply is not JSON" in result.output
    assert not marker.exists()
    with pytest.raises(ReplyError):  # past the size bound: not read
        parse_reply("{'entities': [" + ", ".join(["{'text': 'a', 'label': 'GPE'}"] * 20_000) + "]}")
    with pytest.raises(ReplyError):  # nested deeper than any reply: not read
        parse_reply("{'events': " + "[" * 500 + "]" * 500 + "}")
    with pytest.raises(ReplyError):  # a set is no JSON
        parse_reply("{'events': {'a'}, 'entities': []}")


def test_a_quoted_think_tag_in_an_answer_is_no_reasoning(fake, tmp_path):
    """Any "<think>" without "</think>" failed the document as cut-off reasoning, even one quoted
    in the answer's text."""
    text = "The blogger <think> tank met officials in Doha."
    db = make_project(tmp_path / "w.db", [text])
    answer(fake, json.dumps({"events": [{"quote": text, "trigger": "met", "type": "CONSULT"}], "entities": [
        {"quote": text, "text": "Doha", "label": "GPE", "actor_code": "QAT"}]}))
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 0, result.output
    assert model_spans(db) == ["Doha", "met"]


def test_a_stream_whose_delta_is_not_an_object_fails_the_document_without_a_traceback(fake, db):
    fake.headers_out = {"Content-Type": "text/event-stream"}
    fake.reply = lambda _request: (200, 'data: {"choices": [{"index": 0, "delta": "{}"}]}\n\ndata: [DONE]\n\n')
    result = cli(*llm_args(db, fake))
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "not JSON" in result.output
