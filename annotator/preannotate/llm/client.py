"""A minimal client for the OpenAI chat-completions API as local servers speak it (Ollama,
llama.cpp's llama-server, vLLM, LM Studio): `POST {base}/chat/completions`.

httpx, not the `openai` package: we need one endpoint, explicit timeouts, our own retry rule and
error wording, and a thread-safe connection pool for concurrent requests; httpx gives all of
that without a second SDK (see docs/architecture.md).

The API key comes only from the environment (`ANNOTATOR_LLM_KEY`) and lives only in the
request headers: it is never part of a message, an exception text or a repr. Error texts are
built here (never the library's own messages chained in), and anything a server echoes back is
scrubbed of the key before it is shown.
"""

from __future__ import annotations

import base64
import json
import os
import re
import socket
import ssl
import threading
import time
from typing import Any
from urllib.parse import urlsplit

from ...core.errors import AnnotatorError
from ...store.llm_cache import ChatReply
from .reply import excerpt

KEY_ENV = "ANNOTATOR_LLM_KEY"
TRIES = 3  # 429, 5xx and timeouts: three tries in all
BACKOFF_SECONDS = 1.0  # wait before the 2nd try; doubled before the 3rd (a Retry-After wins, up to MAX_WAIT)
MAX_WAIT = 30.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CANCELLED = "cancelled before it was sent"
# A chat answer for one chunk is a few kB; one far larger is a broken server, and it would be
# held in memory whole and cached in the project.
MAX_ANSWER_BYTES = 16 * 2**20
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # json.loads pairs the halves it can; the rest stand alone
# What servers say when the prompt does not fit the model's context. llama.cpp's llama-server
# answered it with 500 before it used 400 ("the request exceeds the available context size. try
# increasing the context size or enable context shift", type exceed_context_size_error; "Input is
# too large to process. Either enable context shift or increase context length."; mid-answer
# "Context size has been exceeded."): retrying the same text cannot help.
_CONTEXT_OVERFLOW = re.compile(
    r"exceed_context_size_error|exceeds the available context size|input is too large to process"
    r"|context size has been exceeded|context_length_exceeded|maximum context length"
    r"|(?:prompt|input|request) is too long", re.I)
CONTEXT_HINT = ("the text is too long for the model's context: lower --llm-max-chars or give the server a "
                "larger context")
# nginx answering plain HTTP on its TLS port
_PLAIN_TO_TLS = re.compile(r"plain HTTP request was sent to HTTPS port", re.I)
# Hosts of Azure OpenAI: the key goes in an `api-key` header, not `Authorization: Bearer`
AZURE_SUFFIXES = (".openai.azure.com", ".cognitiveservices.azure.com")


class EndpointError(AnnotatorError):
    """The server cannot be used at all (unreachable, 401/403, 404): the run stops, exit 2."""


class _Slow(Exception):
    """The answer did not arrive whole within the timeout."""


class RequestFailed(Exception):
    """One request failed for good (after the retries, or a 4xx other than 401/403/404): the
    document it belongs to is named in the report and gets no suggestions."""


def chat_url(base: str) -> str:
    """`{base}/chat/completions`; a base that already ends with it is taken as it is."""
    base = base.strip().rstrip("/")
    parts = urlsplit(base)
    base = parts._replace(path=parts.path.rstrip("/")).geturl()
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise AnnotatorError(f"--llm {base!r} is not an http(s) URL",
                             hint="the API base as the server documents it, e.g. http://localhost:11434/v1")
    if parts.path.rstrip("/").endswith("/chat/completions"):
        return base
    # a query string (Azure's ?api-version=...) stays after the path
    return parts._replace(path=parts.path.rstrip("/") + "/chat/completions").geturl()


class ChatClient:
    """Thread-safe: one httpx connection pool shared by the worker threads."""

    def __init__(self, base_url: str, model: str, *, timeout: float = 120.0, tries: int = TRIES,
                 backoff: float | None = None, api_key: str | None = None) -> None:
        import httpx

        self.url = chat_url(base_url)
        self.base = base_url.strip()
        self.timeout = float(timeout)
        self.where = shown_url(self.url)  # for messages: never a password written into the URL
        self.model = model
        self.tries = max(1, int(tries))
        self.backoff = max(0.0, float(BACKOFF_SECONDS if backoff is None else backoff))
        self.requests = 0  # HTTP requests sent, retries included
        self.retries = 0
        self._lock = threading.Lock()
        self._heard = False  # an HTTP answer (any status) has come: the address speaks HTTP
        self._tls_checked = False
        self._unusable: EndpointError | None = None
        key = api_key if api_key is not None else os.environ.get(KEY_ENV, "")
        self._secret = key.strip()
        if self._secret and (not self._secret.isascii() or any(c.isspace() or ord(c) < 32 for c in self._secret)):
            # httpx would refuse the header with the key in its message (or a traceback)
            raise AnnotatorError(f"the API key in {KEY_ENV} holds a space, a line break or a character that is "
                                 "not plain ASCII (a pasted '…'?); it was not sent",
                                 hint=f"set {KEY_ENV} to the key alone")
        # What a server may echo back: the key, and credentials written into the URL (sent as
        # Basic auth: user, password and their base64 form)
        parts = urlsplit(self.url)
        basic = f"{parts.username or ''}:{parts.password or ''}"
        from_url = (parts.username, parts.password, base64.b64encode(basic.encode()).decode() if basic != ":" else "")
        self._secrets = sorted({self._secret, *(x for x in from_url if x and len(x) >= 8)} - {""},
                               key=len, reverse=True)  # a short user name ("lead") stays readable
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self._secret:
            if is_azure(self.url):  # Azure OpenAI reads its key from `api-key`
                headers["api-key"] = self._secret
            else:
                headers["Authorization"] = f"Bearer {self._secret}"
        # trust_env=False: proxy variables are ignored, so the texts go only to the address given.
        self._http = httpx.Client(timeout=httpx.Timeout(timeout), headers=headers, follow_redirects=False,
                                  trust_env=False, verify=_tls_context())

    def __repr__(self) -> str:  # never the headers
        return f"ChatClient({self.url!r}, model={self.model!r})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "ChatClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ requests
    def complete(self, messages: list[dict[str, str]], cancel: threading.Event | None = None) -> ChatReply:
        """The assistant's reply to `messages` (temperature 0). Raises EndpointError when the
        server cannot be used at all, RequestFailed when this request failed for good. Once
        `cancel` is set no (further) try is sent and the wait between tries ends at once. Once
        the server has been found unusable, no further request is sent: each gets the same error."""
        if self._unusable is not None:
            raise EndpointError(self._unusable.message, hint=self._unusable.hint)
        try:
            return self._complete(messages, cancel)
        except EndpointError as exc:
            self._unusable = exc  # e.g. an exhausted quota: the requests queued behind it are not sent
            raise

    def _complete(self, messages: list[dict[str, str]], cancel: threading.Event | None) -> ChatReply:
        import httpx

        body = {"model": self.model, "messages": messages, "temperature": 0, "stream": False}
        problem = cure = ""
        for attempt in range(self.tries):
            if cancel is not None and cancel.is_set():
                raise RequestFailed(CANCELLED)
            if attempt:
                with self._lock:
                    self.retries += 1
            with self._lock:
                self.requests += 1
            wait = self.backoff * (2 ** attempt)
            cure = ""
            try:
                response = self._post(body)
            except (httpx.TimeoutException, _Slow):
                problem = f"no answer within the timeout of {self.timeout:g} s"
                cure = (": a slow model (e.g. on a CPU) needs a larger --llm-timeout (in the app: the longest "
                        "wait for a reply)")
            except httpx.RemoteProtocolError as exc:
                if self._wants_tls():  # http:// to a TLS port: the server drops each request unanswered
                    raise self._speaks_tls_error() from None
                # the server took the request and dropped the connection (a restart, an overload):
                # tried again like a 503, not taken for a server that is gone
                problem = f"the server closed the connection ({self._reason(exc)})"
            except (httpx.ConnectError, httpx.UnsupportedProtocol) as exc:
                if "CERTIFICATE_VERIFY_FAILED" in str(exc):
                    raise EndpointError(f"the TLS certificate of the LLM server at {self.where} is not trusted "
                                        f"({self._reason(exc)})", hint="set SSL_CERT_FILE to the file of the CA "
                                        "certificate(s) that signed it (PEM)") from None
                raise EndpointError(f"cannot reach the LLM server at {self.where} ({self._reason(exc)})",
                                    hint="is the server running? check --llm") from None
            except httpx.HTTPError as exc:
                if isinstance(exc, httpx.ReadError) and self._wants_tls():
                    raise self._speaks_tls_error() from None
                raise RequestFailed(f"the request failed ({self._reason(exc)})") from None
            else:
                self._heard = True
                status = response.status_code
                if status < 300:
                    return self._reply(response)
                if 300 <= status < 400:
                    where = shown_url(self.scrub(response.headers.get("Location", "") or "?"))
                    raise EndpointError(f"the LLM server at {self.where} redirects ({status}) to {where}",
                                        hint="give --llm the address it redirects to (e.g. https:// instead of "
                                        "http://)") from None
                detail = self._detail(response)
                if status == 400 and _PLAIN_TO_TLS.search(response.text):
                    raise self._speaks_tls_error()
                if status == 429 and _quota_exhausted(response):
                    # OpenAI's "insufficient_quota": no wait makes it succeed, every document would
                    # be tried three times for nothing
                    raise EndpointError(f"the LLM server at {self.where} answered 429: the account's quota is "
                                        f"used up{detail}", hint="check the account's plan and billing; "
                                        "trying again will not help") from None
                if status in (401, 403):
                    raise EndpointError(f"the LLM server at {self.where} refused the request ({status}{detail})",
                                        hint=f"set the API key in the environment variable {KEY_ENV}") from None
                if status == 404:
                    raise EndpointError(f"the LLM server answered 404 for {self.where} with model {self.model!r}"
                                        f"{detail}", hint="check --llm (the API base, e.g. "
                                        "http://localhost:11434/v1) and --llm-model") from None
                if (status in (400, 413) or status >= 500) and _CONTEXT_OVERFLOW.search(response.text):
                    # older llama.cpp says so with a 500: the same text would fail again
                    raise RequestFailed(f"the server answered {status}{detail} ({CONTEXT_HINT})") from None
                if status not in RETRY_STATUSES:
                    hint = " (if the text is too long for the model's context, lower --llm-max-chars)" \
                        if status in (400, 413) else ""
                    raise RequestFailed(f"the server answered {status}{detail}{hint}") from None
                problem = f"the server answered {status}{detail}"
                wait = max(wait, _retry_after(response))
            if attempt + 1 < self.tries:
                if cancel is not None:
                    cancel.wait(min(wait, MAX_WAIT))
                else:
                    time.sleep(min(wait, MAX_WAIT))
        raise RequestFailed(f"{problem} ({self.tries} tries){cure}")

    def _wants_tls(self) -> bool:
        """Whether an http:// address that has never answered over HTTP takes a TLS handshake:
        --llm says http:// for a server that wants https://, and every request would be dropped
        (a ReadError or a closed connection), document after document. Asked once."""
        with self._lock:
            if self._heard or self._tls_checked:
                return False
            self._tls_checked = True
        return _speaks_tls(self.url, min(self.timeout, 5.0))

    def _speaks_tls_error(self) -> EndpointError:
        https = shown_url(urlsplit(self.base)._replace(scheme="https").geturl())
        return EndpointError(f"the LLM server at {self.where} speaks TLS: use https://",
                             hint=f"--llm {https}")

    def _post(self, body: dict[str, Any]) -> Any:
        """POST and read the whole answer within `timeout` seconds in all (httpx's timeout is per
        read: a server sending a few bytes a second would hold a request for ever). A cancel
        does not stop the reading: an answer on its way is kept (cached), not paid for twice."""
        import httpx

        deadline = time.monotonic() + self.timeout
        with self._http.stream("POST", self.url, json=body) as response:
            parts, size = [], 0
            for part in response.iter_bytes():
                if time.monotonic() > deadline:
                    raise _Slow()
                size += len(part)
                if size > MAX_ANSWER_BYTES:
                    raise RequestFailed(f"the server's answer is over {MAX_ANSWER_BYTES // 2**20} MB; "
                                        "a chat answer for one text is a few kB")
                parts.append(part)
            return httpx.Response(response.status_code, headers=response.headers, content=b"".join(parts))

    def _reply(self, response: Any) -> ChatReply:
        try:
            # .text follows the charset the server declares (UTF-8 when it declares none), and a
            # broken byte becomes U+FFFD instead of refusing the whole answer
            data = json.loads(response.text)
        except ValueError:
            data = _from_sse(response.text)  # a server (or proxy) that streams although stream: false was sent
            if data is None:
                raise RequestFailed(f"the server's answer is not JSON: {self._excerpt(response.text)}") from None
        if isinstance(data, dict) and data.get("error") and not data.get("choices"):
            # a 200 carrying an error ("model is loading"): say the server's reason
            raise RequestFailed(f"the server answered with an error{self._detail(response)}")
        try:
            choice = data["choices"][0]
            message = choice["message"]
            content = message.get("content")
        except (KeyError, IndexError, TypeError, AttributeError):
            raise RequestFailed("the server's answer is not a chat completion (no choices[0].message.content): "
                                f"{self._excerpt(response.text)}") from None
        finish = choice.get("finish_reason") if isinstance(choice, dict) else None
        finish = finish if isinstance(finish, str) else ""
        if isinstance(content, list):  # content parts: [{"type": "text", "text": ...}]
            texts = [p.get("text") for p in content if isinstance(p, dict) and p.get("type", "text") == "text"]
            content = "".join(t for t in texts if isinstance(t, str)) if texts else None
        if not isinstance(content, str):
            has = [k for k in ("tool_calls", "reasoning_content", "reasoning", "refusal") if message.get(k)]
            why = f"finish_reason {finish!r}" if finish else "no finish_reason"
            if has:
                why += ", it holds only " + " and ".join(has)
            if finish == "length":
                why += ": the output limit was reached before an answer (a reasoning model may spend it thinking)"
            raise RequestFailed(f"the server's answer has no text content ({why})")
        usage = data.get("usage") if isinstance(data, dict) else None
        usage = usage if isinstance(usage, dict) else {}
        # A JSON escape can carry half of an emoji ("\\ud83d"): a lone surrogate is no text, and
        # writing it to the cache failed the run. It becomes U+FFFD, as a broken byte does.
        content = _LONE_SURROGATE.sub("\ufffd", content)
        # A server may echo the key inside its answer: what is shown, parsed or cached is scrubbed.
        return ChatReply(self.scrub(content), _int(usage.get("prompt_tokens")),
                         _int(usage.get("completion_tokens")), finish)

    def _excerpt(self, text: str) -> str:
        return excerpt(self.scrub(str(text)), 120)

    def _detail(self, response: Any) -> str:
        """A short, key-free excerpt of the server's error message."""
        try:
            data = response.json()
            error = data.get("error", data) if isinstance(data, dict) else data
            text = error.get("message", "") if isinstance(error, dict) else str(error)
        except ValueError:
            text = response.text
        text = self.scrub(" ".join(str(text).split()))[:200]
        return f": {text}" if text else ""

    def _reason(self, exc: BaseException) -> str:
        return self.scrub(type(exc).__name__ + (f": {exc}" if str(exc) else ""))[:200]

    def scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text


def is_azure(url: str) -> bool:
    """Whether `url` is an Azure OpenAI resource (its key goes in the `api-key` header)."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    return host.endswith(AZURE_SUFFIXES)


def _quota_exhausted(response: Any) -> bool:
    """A 429 that is OpenAI's `insufficient_quota` (the account's credit or plan), not a rate limit."""
    try:
        data = response.json()
    except ValueError:
        return False
    error = data.get("error") if isinstance(data, dict) else None
    if not isinstance(error, dict):
        return False
    return "insufficient_quota" in (error.get("type"), error.get("code"))


def _speaks_tls(url: str, timeout: float) -> bool:
    """Whether the host and port of an http:// `url` complete a TLS handshake (certificate not
    checked: only the protocol is asked), or answer the ClientHello with a TLS alert (a server
    that wants a client certificate). A plain HTTP server answers it with bytes that are no TLS."""
    parts = urlsplit(url)
    if parts.scheme != "http":
        return False
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        host, port = parts.hostname or "", parts.port or 80
        with socket.create_connection((host, port), timeout=timeout) as raw:
            with context.wrap_socket(raw, server_hostname=host):
                return True
    except ssl.SSLError as exc:
        return "ALERT" in str(getattr(exc, "reason", "") or "")
    except (OSError, ValueError):
        return False


def shown_url(url: str) -> str:
    """`url` with a user[:password]@ part replaced by ***@ (for messages: either may be a key)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]).geturl()


def _tls_context() -> Any:
    """Certificate verification as httpx does it, except that a CA bundle named by SSL_CERT_FILE or
    SSL_CERT_DIR is used: `trust_env=False` (no proxies) would otherwise ignore it, and a team's
    server with a certificate of its own CA could not be used at all."""
    cafile, capath = os.environ.get("SSL_CERT_FILE") or None, os.environ.get("SSL_CERT_DIR") or None
    if cafile is None and capath is None:
        return True
    try:
        return ssl.create_default_context(cafile=cafile, capath=capath)
    except (OSError, ssl.SSLError) as exc:
        raise AnnotatorError(f"cannot read the CA certificates named by SSL_CERT_FILE/SSL_CERT_DIR ({exc})",
                             hint="point SSL_CERT_FILE at a PEM file of CA certificates") from None


def _from_sse(text: str) -> dict[str, Any] | None:
    """A streamed answer (`data: {chunk}` lines, `data: [DONE]`) read as one chat completion:
    the deltas' content joined, the last finish_reason and usage. None when it is not one."""
    if not text.lstrip().startswith("data:"):
        return None
    parts: list[str] = []
    finish, usage, seen = None, None, False
    for line in text.splitlines():
        if not line.startswith("data:"):
            continue
        payload = line[5:].strip()
        if not payload or payload == "[DONE]":
            continue
        try:
            chunk = json.loads(payload)
        except ValueError:
            return None
        if not isinstance(chunk, dict):
            return None
        if chunk.get("error"):
            return chunk
        usage = chunk.get("usage") or usage
        for choice in chunk.get("choices") or []:
            if not isinstance(choice, dict):
                continue
            seen = True
            part = choice.get("delta") or choice.get("message") or {}
            if not isinstance(part, dict):
                return None  # not a chat stream: "not JSON", as any other answer it cannot read
            piece = part.get("content")
            if isinstance(piece, str):
                parts.append(piece)
            finish = choice.get("finish_reason") or finish
    if not seen:
        return None
    return {"choices": [{"message": {"role": "assistant", "content": "".join(parts)}, "finish_reason": finish}],
            "usage": usage or {}}


def _retry_after(response: Any) -> float:
    """Seconds a Retry-After header asks to wait: a number, or an HTTP date (RFC 9110)."""
    value = response.headers.get("Retry-After")
    if not value:
        return 0.0
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        pass
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return 0.0
    return max(0.0, when.timestamp() - time.time()) if when.tzinfo is not None else 0.0


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0

