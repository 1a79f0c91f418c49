"""A TCP proxy in front of the test cluster that cuts one connection at the worst moment for a
write: as the client's COMMIT goes out (tests of a lost answer to COMMIT).

`CuttingProxy(url).url` reaches the same database through the proxy; `cut_next_commit(mode)`
cuts the connection whose next packet carries an edit's COMMIT (with its audit row, or the
prepared statements an edit sends: `match`):
- "after": the packet reaches the server, which commits; its answer is dropped and both sides
  are closed (the client cannot tell whether the edit was saved);
- "before": the packet is dropped and both sides closed (the server rolls back at the EOF);
- "hold": the packet is dropped and only the client's side closed: the server, left waiting
  inside the transaction with its locks, sees nothing (a network cut without a word) until
  `close()`.
`fired` is set once the cut is made."""

from __future__ import annotations

import socket
import threading
from urllib.parse import urlsplit, urlunsplit

EDIT_COMMIT = (b"INSERT INTO audit", b"EXECUTE annotator_")


class _Link:
    def __init__(self, client: socket.socket, server: socket.socket) -> None:
        self.client, self.server = client, server
        self.drop_answers = False

    def close(self, *sockets: socket.socket) -> None:
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()


def _recv(sock: socket.socket) -> bytes:
    try:
        return sock.recv(65536)
    except OSError:
        return b""


class CuttingProxy:
    def __init__(self, url: str) -> None:
        self._parts = urlsplit(url)
        self._target = (self._parts.hostname, self._parts.port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._plan: tuple[str, tuple[bytes, ...]] | None = None
        self._links: list[_Link] = []
        self.fired = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        netloc = self._parts.netloc.rsplit(":", 1)[0] + f":{self.port}"
        return urlunsplit(self._parts._replace(netloc=netloc))

    def cut_next_commit(self, mode: str = "after", match: tuple[bytes, ...] = EDIT_COMMIT) -> None:
        assert mode in ("after", "before", "hold")
        with self._lock:
            self._plan = (mode, match)
            self.fired.clear()

    def close(self) -> None:
        self._listener.close()
        for link in self._links:
            link.close(link.client, link.server)

    def _cut(self, data: bytes) -> str | None:
        with self._lock:
            if self._plan is None or b"COMMIT" not in data or not any(m in data for m in self._plan[1]):
                return None
            mode, self._plan = self._plan[0], None
            return mode

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            link = _Link(client, socket.create_connection(self._target))
            self._links.append(link)
            threading.Thread(target=self._upstream, args=(link,), daemon=True).start()
            threading.Thread(target=self._downstream, args=(link,), daemon=True).start()

    def _upstream(self, link: _Link) -> None:
        while data := _recv(link.client):
            mode = self._cut(data)
            if mode == "after":
                link.drop_answers = True  # _downstream drops the answer and closes both sides
                link.server.sendall(data)
                return
            if mode == "before":
                self.fired.set()  # before the client can see the cut
                link.close(link.client, link.server)
                return
            if mode == "hold":
                self.fired.set()
                link.close(link.client)
                return
            try:
                link.server.sendall(data)
            except OSError:
                break
        link.close(link.client, link.server)

    def _downstream(self, link: _Link) -> None:
        while data := _recv(link.server):
            if link.drop_answers:
                self.fired.set()  # the answer to COMMIT came: dropped, before the client sees the cut
                break
            try:
                link.client.sendall(data)
            except OSError:
                break
        link.close(link.client, link.server)
