"""A fake OpenAI-compatible chat server for the tests: stdlib http.server on 127.0.0.1, in a thread.

`FakeLLM.reply` decides the answer to each request: by default it finds the chunk text in the
last user message and answers with `FakeLLM.answers[marker]` for the first marker contained in
the text (or an empty reply); it may return (status, payload, headers) to send headers with that
answer only. Every request is recorded (body, headers and path with its query string);
`max_in_flight` counts concurrent requests. The route is matched without the query string
(Azure's ?api-version=...).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

EMPTY = '{"events": [], "entities": []}'


def completion(content: str, prompt_tokens: int = 100, completion_tokens: int = 20) -> dict[str, Any]:
    return {"id": "chatcmpl-1", "object": "chat.completion", "model": "fake",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens}}


class FakeLLM:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.paths: list[str] = []
        self.answers: dict[str, str] = {}  # marker in the chunk text -> reply content
        self.delay = 0.0
        self.in_flight = 0
        self.max_in_flight = 0
        self.gate: threading.Event | None = None  # when set, requests wait for it
        # status codes to answer before answering normally, in order (e.g. [500, 429])
        self.failures: list[int] = []
        self.reply: Callable[[dict[str, Any]], tuple[Any, ...]] = self.default_reply
        self.headers_out: dict[str, str] = {"Content-Type": "application/json"}  # sent with every answer
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake._lock:
                    fake.requests.append(body)
                    fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                    fake.paths.append(self.path)
                    fake.in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
                    failure = fake.failures.pop(0) if fake.failures else None
                extra: dict[str, str] = {}
                try:
                    if fake.gate is not None:
                        fake.gate.wait(10)
                    if fake.delay:
                        time.sleep(fake.delay)
                    if self.path.split("?")[0].rstrip("/") != "/v1/chat/completions":
                        status, payload = 404, {"error": {"message": f"no route {self.path}"}}
                    elif failure is not None:
                        status, payload = failure, {"error": {"message": f"failure {failure}"}}
                    else:
                        status, payload, *rest = fake.reply(body)
                        extra = rest[0] if rest else {}
                finally:
                    with fake._lock:
                        fake.in_flight -= 1
                data = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    for name, value in {**fake.headers_out, **extra}.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def start(self) -> "FakeLLM":
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.gate is not None:
            self.gate.set()
        self.server.shutdown()
        self.server.server_close()

    def default_reply(self, body: dict[str, Any]) -> tuple[int, Any]:
        text = body["messages"][-1]["content"]
        for marker, content in self.answers.items():
            if marker in text:
                return 200, completion(content)
        return 200, completion(EMPTY)

    def chunk_texts(self) -> list[str]:
        return [r["messages"][-1]["content"] for r in self.requests]
