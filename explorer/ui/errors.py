"""How the dashboard reports a failure: a readable red message on the page, the traceback in the log."""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from ..errors import ExplorerError

log = logging.getLogger("explorer.ui")
ERROR_COLOUR = "#b00020"


def message_for(exc: BaseException) -> str:
    """The text shown for an exception: ExplorerError's own message (dates as dates, no row label
    of the dashboard's own grid), else 'Unexpected error: ...'."""
    if isinstance(exc, ExplorerError):
        return exc.describe(with_row=False)
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"Unexpected error: {type(exc).__name__}" + (f": {first_line}" if first_line else "")


def error_html(text: str) -> str:
    """The HTML of a message in the error colour (escaped)."""
    return f'<div class="rx-error" style="color:{ERROR_COLOUR};font-weight:600">{html.escape(text)}</div>'


def guarded(report: Callable[[str], None], lock: AbstractContextManager | None = None
            ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a widget callback so that no exception escapes it: report a message, log the traceback;
    with `lock`, the callback runs holding it (one thread at a time changes the page)."""
    held = lock if lock is not None else nullcontext()

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                with held:
                    return func(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - a callback must never show a traceback
                if isinstance(exc, ExplorerError):
                    log.info("input rejected in %s: %s", func.__name__, exc)
                else:
                    log.exception("unexpected error in dashboard callback %s", func.__name__)
                report(message_for(exc))
                return None

        return wrapper

    return decorate
