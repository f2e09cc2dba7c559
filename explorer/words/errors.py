"""How a person reads an error: one catalogue sentence in their language, on the page and on the
command line.

The field by its label (never its code), the value as typed, the problem and what is allowed,
each a catalogue phrase.  A choice among codes that have labels (a reading's alternatives, a
reading's or a parameter's name) is worded for where the person is: on the page, where they
pick from a list of labels, the labels in the page's language; on the command line, where they
type the code, "one of the codes ...".  Used by explorer.interfaces (the command line) and
explorer.ui (the page); nothing here imports either.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from .. import labels
from ..core.durations import Duration
from ..core.phrases import Phrase
from ..errors import PREVIEW_CHARS, PROBLEM_CHARS, ExplorerError, cut, preview, visible
from .catalogue import has, ngettext, text
from .phrases import phrase_text

log = logging.getLogger("explorer.words")

Surface = Literal["page", "cli"]
CODES_KEY = "allowed.codes"
"""The phrase of a choice among labelled codes (explorer.core.phrases.one_of_codes)."""

CONTROL_LABELS = {
    "expiry_start": "control.expiry_from", "expiry_end": "control.expiry_to",
    "application_start": "control.applied_from", "application_end": "control.applied_to",
    "granularity": "control.granularity", "path": "control.path", "expedited": "control.expedited",
    "delivery": "control.delivery", "stamp_channel": "control.stamp_channel",
    "stamp_lead_days": "control.lead_days", "payment": "control.payment",
    "address_changed": "control.address_changed", "accommodation_before": "control.accommodation_before",
    "years_resided": "control.years_resided", "booked_online": "control.booked_online",
}
"""The catalogue key of each sidebar control's label (explorer.ui.controls.DESCRIPTIONS), here so
that an error naming a control's field is worded without importing the dashboard."""


def field_label(field: str, lang: str) -> str:
    """The name a person reads for a field: its catalogue entry error.field_name.<field> (tried
    first), its declared label (outputs.yaml), its control's label; a command-line flag as typed
    (in quotation marks in Slovak); the field as it is when none has one."""
    raw = str(field).strip()
    if raw.startswith("-"):
        return quoted(raw, lang)
    code = raw.replace(" ", "_").rpartition(".")[2]  # changes.fee_card: the parameter
    if has(f"error.field_name.{code}"):  # first: "path" of a file is not the path option
        return text(f"error.field_name.{code}", _people(lang))
    try:
        return labels.label(code, _people(lang))  # an input, output or parameter declared in outputs.yaml
    except ExplorerError:
        pass
    if code in CONTROL_LABELS:
        return labels.ui_text(CONTROL_LABELS[code], _people(lang))
    return quoted(raw, lang)


def quoted(value: str, lang: str) -> str:
    """A text the person typed or a file holds, as it is: in Slovak in quotation marks („…“)."""
    shown = cut(visible(value))
    return shown if _people(lang) == "en" else f"„{shown}“"


def value_text(value: object, lang: str) -> str:
    """The value as the person typed it: English as ExplorerError shows it (repr, dates as dates),
    other languages with a text in the language's quotation marks („…“); a duration (a what-if
    editor's number of days) in words of `lang`, its count's plural form and number format."""
    if isinstance(value, Duration):
        return ngettext(f"parameter.duration.{value.unit}", int(value.amount), _people(lang))
    if _people(lang) != "en" and isinstance(value, str):
        return f"„{cut(visible(value))}“"
    return preview(value)


def code_label(code: str, lang: str) -> str:
    """The label of a code a person picks from a list (a reading's value, a reading, a parameter),
    the code itself when none is declared."""
    found = labels.value_label(code, lang)
    if found != code:
        return str(found)
    try:
        return labels.label(code, lang)
    except ExplorerError:
        return code


def phrase_words(found: Phrase | None, english: str | None, lang: str, surface: Surface = "page") -> str:
    """A phrase of an error in `lang` (the English words it was raised with when it has none); a
    choice among labelled codes as the labels (page) or as "one of the codes" (command line)."""
    if found is None:
        return "" if english is None else str(english)
    if found.key == CODES_KEY:
        codes = [c for c in str(found.placeholders.get("choices", "")).split(", ") if c]
        if surface == "page":
            return text(
                "allowed.labels", _people(lang), choices=tuple(code_label(c, _people(lang)) for c in codes)
            )
        return text(CODES_KEY, _people(lang), choices=", ".join(codes))
    return phrase_text(found, _people(lang))


def error_text(exc: ExplorerError, lang: str, surface: Surface = "page") -> str:
    """An ExplorerError as one catalogue sentence of `lang`: the field by its label, the value as
    typed, the problem and what is allowed (no row label); its source first when it has one."""
    values: dict[str, str] = {"field": field_label(exc.field, lang),
                              "allowed": phrase_words(exc.allowed_phrase, exc.allowed, lang, surface)}
    if exc.problem is not None:
        values["problem"] = cut(phrase_words(exc.problem_phrase, exc.problem, lang, surface), PROBLEM_CHARS)
    if exc.value is not None:
        values["value"] = value_text(exc.value, lang)
    key = ("error.field" + ("" if "value" in values else "_no_value")
           + ("" if "problem" in values else "_no_problem"))
    said = labels.ui_text(key, _people(lang), **values)
    if exc.source:
        said = labels.ui_text("error.in_source", _people(lang),
                              source=cut(visible(exc.source), 2 * PREVIEW_CHARS), message=said)
    return said


def message_for(exc: BaseException, lang: str = "en", surface: Surface = "page") -> str:
    """The text shown for any exception in `lang`: an ExplorerError as error_text; anything else
    one sentence saying an unexpected error happened and the details are in the server's log
    (its class and text go to the log only)."""
    if isinstance(exc, ExplorerError):
        try:
            return error_text(exc, lang, surface)
        except Exception:  # noqa: BLE001 - a missing catalogue entry must not hide the error itself
            log.exception("no catalogue sentence for %r", exc)
            return exc.describe(with_row=False)
    log.info("unexpected error shown to a person as one sentence: %s: %s", type(exc).__name__,
              cut(visible(str(exc)), PROBLEM_CHARS))
    return labels.ui_text("error.unexpected_logged", _people(lang))


def command_line_error(exc: ExplorerError, lang: str, prog: str) -> str:
    """The command line's one line for bad input: under --labels codes (the default) today's English
    words with codes, for scripts; under en or sk one catalogue sentence with the field's label and
    the first offending row."""
    if lang not in ("en", "sk"):
        return f"{prog}: error: {visible(exc)}"
    try:
        said = error_text(exc, lang, "cli")
        if exc.row is not None:
            said = labels.ui_text("error.first_row", lang, message=said, row=preview(exc.row))
    except Exception:  # noqa: BLE001 - a missing catalogue entry must not hide the error itself
        log.exception("no catalogue sentence for %r", exc)
        return f"{prog}: error: {visible(exc)}"
    return labels.ui_text("cli.error", lang, prog=prog, message=visible(said))


def _people(lang: Any) -> str:
    """The language of words for people ("codes" reads English)."""
    return "en" if lang in (None, "codes") else str(lang)
