"""How the dashboard reports a failure: a readable red message on the page, the traceback in the log."""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from ..errors import ExplorerError
from ..words.errors import field_label, value_text
from ..words.errors import message_for as _words_message_for

__all__ = ["ERROR_COLOUR", "error_html", "field_label", "guarded", "message_for", "value_text",
           "without_frames"]

log = logging.getLogger("explorer.ui")
ERROR_COLOUR = "#b00020"


def message_for(exc: BaseException, lang: str = "en") -> str:
    """The text shown on the page for an exception, one catalogue sentence in the page's language
    (explorer.words.errors.message_for): an ExplorerError's field by its label, value, problem and
    what is allowed (a choice among labelled codes as their labels); anything else a sentence saying
    an unexpected error happened and the details are in the server's log."""
    return _words_message_for(exc, lang, "page")


def error_html(text: str) -> str:
    """The HTML of a message in the error colour (escaped)."""
    return f'<div class="rx-error" style="color:{ERROR_COLOUR};font-weight:600">{html.escape(text)}</div>'


def guarded(report: Callable[[str], None], lang: Callable[[], str] | None = None,
            lock: AbstractContextManager | None = None,
            failed: Callable[[BaseException], None] | None = None,
            ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a widget callback so that no exception escapes it: report a message (in the
    language `lang()` returns, the page's; English without it), log the traceback; with `lock`,
    the callback runs holding it (one thread at a time changes the page).  With `failed`, the
    exception itself goes there instead (its frames let go), so the page can say it again in
    another language."""
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
                if failed is not None:
                    failed(without_frames(exc))
                else:
                    report(message_for(exc, lang() if lang is not None else "en"))
                return None

        return wrapper

    return decorate


def without_frames(exc: BaseException) -> BaseException:
    """The exception with its tracebacks (and those of its causes) dropped: kept to be said again,
    it must not keep the failed call's frames, and the grids they hold, in memory."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        link.__traceback__ = None
        link = link.__cause__ or link.__context__
    return exc
