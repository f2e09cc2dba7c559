"""How the dashboard reports a failure: a readable red message on the page, the traceback in the log."""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from .. import labels, words
from ..core.durations import Duration
from ..core.phrases import Phrase
from ..errors import PREVIEW_CHARS, PROBLEM_CHARS, ExplorerError, cut, preview, visible
from .controls import DESCRIPTIONS

log = logging.getLogger("explorer.ui")
ERROR_COLOUR = "#b00020"


def message_for(exc: BaseException, lang: str = "en") -> str:
    """The text shown for an exception, one catalogue sentence in the page's language: an
    ExplorerError's field by its label (never its code, in English too), value, problem and what
    is allowed (no row label of the dashboard's own grid), else "Unexpected error: ..."."""
    if isinstance(exc, ExplorerError):
        try:
            return _explorer_error_text(exc, lang)
        except Exception:  # noqa: BLE001 - a missing catalogue entry must not hide the error itself
            log.exception("no catalogue sentence for %r", exc)
            return exc.describe(with_row=False)
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if not first_line:
        return labels.ui_text("error.unexpected", lang, kind=type(exc).__name__)
    detail = cut(visible(first_line), PROBLEM_CHARS)
    return labels.ui_text("error.unexpected_detail", lang, kind=type(exc).__name__,
                          detail=detail if lang == "en" else f"„{detail}“")


def _explorer_error_text(exc: ExplorerError, lang: str) -> str:
    """An ExplorerError in the catalogue's words of `lang`: the field by its label, the value as typed."""
    values: dict[str, str] = {"field": field_label(exc.field, lang),
                              "allowed": _words(exc.allowed_phrase, exc.allowed, lang)}
    if exc.problem is not None:
        values["problem"] = cut(_words(exc.problem_phrase, exc.problem, lang), PROBLEM_CHARS)
    if exc.value is not None:
        values["value"] = value_text(exc.value, lang)
    key = ("error.field" + ("" if "value" in values else "_no_value")
           + ("" if "problem" in values else "_no_problem"))
    text = labels.ui_text(key, lang, **values)
    if exc.source:
        text = labels.ui_text("error.in_source", lang, source=cut(visible(exc.source), 2 * PREVIEW_CHARS),
                              message=text)
    return text


def _words(found: Phrase | None, english: str, lang: str) -> str:
    """A phrase in `lang`, or the English words an error was raised with when it has no phrase."""
    return english if found is None else words.phrase_text(found, lang)


def field_label(field: str, lang: str) -> str:
    """The name a person reads for a field: its declared label (outputs.yaml), its control's
    label, or its catalogue entry error.field_name.<field> (tried first); the field as it is when
    none has one."""
    code = str(field).strip().replace(" ", "_").rpartition(".")[2]  # changes.fee_card: the parameter
    if words.has(f"error.field_name.{code}"):  # first: "path" of a file is not the path option
        return labels.ui_text(f"error.field_name.{code}", lang)
    try:
        return labels.label(code, lang)  # an input, output or parameter declared in outputs.yaml
    except ExplorerError:
        pass
    if code in DESCRIPTIONS:
        return labels.ui_text(DESCRIPTIONS[code], lang)
    return cut(visible(field))


def value_text(value: object, lang: str) -> str:
    """The value as the person typed it: English as ExplorerError shows it (repr, dates as dates),
    other languages with a text in the language's quotation marks („…“); a duration (a what-if
    editor's number of days) in words of `lang`, its count's plural form and number format."""
    if isinstance(value, Duration):
        return words.ngettext(f"parameter.duration.{value.unit}", int(value.amount), lang)
    if lang != "en" and isinstance(value, str):
        return f"„{cut(visible(value))}“"
    return preview(value)


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
