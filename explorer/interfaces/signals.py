"""Termination signals unwind like Ctrl-C while a file is being written, so cleanup always runs.

By default SIGTERM and SIGHUP end a process at once, skipping `finally` blocks and leaving a
half-written temporary file; inside `unwinding_on_termination()` they raise `Terminated`
instead (only in the main thread, and only where no other handler was installed).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(KeyboardInterrupt):
    """A termination signal arrived; `signum` names it (exit code 128 + signum by convention)."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"terminated by {signal.Signals(signum).name}")
        self.signum = signum


def _raise(signum: int, _frame: Any) -> None:
    raise Terminated(signum)


@contextlib.contextmanager
def unwinding_on_termination() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise Terminated (where they would otherwise kill)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for sig in SIGNALS:
        if signal.getsignal(sig) == signal.SIG_DFL:
            previous[sig] = signal.signal(sig, _raise)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
