"""Run a function once changes stop for a moment (a threading.Timer: safe next to Voila's asyncio loop)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Debouncer:
    """`trigger()` runs `func` soon, coalescing bursts; never two runs at once.

    A trigger after a quiet spell (no trigger for `delay` seconds) runs at once (in a timer
    thread, so a single click is not held back); triggers within `delay` of the previous one
    restart a `delay` timer, so a burst ends in one run with the final values.  With `delay`
    None the call is synchronous, which is what the tests use."""

    def __init__(self, func: Callable[[], None], delay: float | None = 0.25) -> None:
        self.func = func
        self.delay = delay
        self._timer: threading.Timer | None = None
        self._guard = threading.Lock()
        self._running = threading.Lock()
        self._last_trigger = float("-inf")

    def trigger(self) -> None:
        """Ask for a run after `delay` seconds without another trigger."""
        if self.delay is None:
            self._run()
            return
        with self._guard:
            now = time.monotonic()
            wait = 0.0 if now - self._last_trigger >= self.delay else self.delay
            self._last_trigger = now
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(wait, self._run)
            self._timer.daemon = True
            self._timer.start()

    def cancel(self) -> None:
        """Drop a pending run."""
        with self._guard:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for a pending or running call to finish; False on timeout."""
        with self._guard:
            timer = self._timer
        if timer is not None:
            timer.join(timeout)
            return not timer.is_alive()
        return True

    def _run(self) -> None:
        with self._running:
            self.func()
