"""Time on document: how long an annotator actually worked on each document.

Time counts while a document is open, the window is active and the annotator is not
idle. Idle means no input for `idle_timeout` seconds: the first `idle_timeout` seconds
after the last input still count (reading a long article without touching the keyboard
is work), anything beyond does not, until the next input. The GUI feeds events
(`open`, `close`, `activate`, `deactivate`, `input`) and periodically calls `flush()`,
passing the result to `Project.add_time`; nothing here knows about Qt or SQL.

The clock is injectable (a monotonic clock by default) so tests can drive it.
"""

from __future__ import annotations

import time
from typing import Callable, Hashable

DEFAULT_IDLE_TIMEOUT = 180.0


class TimeTracker:
    def __init__(self, idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if idle_timeout <= 0:
            raise ValueError("idle_timeout must be positive")
        self.idle_timeout = float(idle_timeout)
        self._clock = clock
        self._doc: Hashable | None = None
        self._active = True
        now = clock()
        self._last_input = now
        self._mark = now  # everything before this instant is already accounted for
        self._pending: dict[Hashable, float] = {}

    # ------------------------------------------------------------------ events
    def open(self, doc: Hashable) -> None:
        """A document is shown (closing the previous one, if any)."""
        now = self._accrue()
        self._doc = doc
        self._last_input = now

    def close(self) -> None:
        self._accrue()
        self._doc = None

    def activate(self) -> None:
        """The window gained focus (counts as input)."""
        now = self._accrue()
        self._active = True
        self._last_input = now

    def deactivate(self) -> None:
        self._accrue()
        self._active = False

    def input(self) -> None:
        """A key press, click or scroll in the document view."""
        self._last_input = self._accrue()

    # ------------------------------------------------------------------ reading
    @property
    def document(self) -> Hashable | None:
        return self._doc

    def is_idle(self) -> bool:
        return self._clock() - self._last_input > self.idle_timeout

    def is_counting(self) -> bool:
        return self._doc is not None and self._active and not self.is_idle()

    def pending(self) -> dict[Hashable, float]:
        """Seconds accumulated and not yet flushed, per document (without resetting)."""
        self._accrue()
        return dict(self._pending)

    def flush(self) -> dict[Hashable, float]:
        """Seconds accumulated since the last flush, per document; resets them."""
        self._accrue()
        pending, self._pending = self._pending, {}
        return {doc: seconds for doc, seconds in pending.items() if seconds > 0}

    # ------------------------------------------------------------------ internals
    def _accrue(self) -> float:
        now = self._clock()
        if self._doc is not None and self._active:
            end = min(now, self._last_input + self.idle_timeout)
            if end > self._mark:
                self._pending[self._doc] = self._pending.get(self._doc, 0.0) + (end - self._mark)
        self._mark = max(self._mark, now)
        return now
