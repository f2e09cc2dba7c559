"""Key dates of one person: a table and an .ics calendar.

Pure functions: no widgets, no I/O.  The dates come from the engine's outputs for one
row and from Parameters; `detail` names the parameter (or input column) each date rests on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from .. import labels
from ..core.days import day_number, day_to_date
from ..core.engine import default_parameters, evaluate
from ..core.parameters import Parameters
from ..core.rules.transition import last_day_allowed
from ..errors import visible

KEY_DATE_COLUMNS = ("date", "event", "detail")
_PRODID = "-//residence-explorer//key dates//EN"


def evaluate_one(inputs: Mapping[str, Any], params: Parameters | None = None) -> pd.Series:
    """The engine's full output row (inputs and outputs) for one person's inputs."""
    params = params if params is not None else default_parameters()
    frame = pd.DataFrame([dict(inputs)])
    return evaluate(frame, params).iloc[0]


def key_dates(person: Mapping[str, Any] | pd.Series, params: Parameters | None = None,
              lang: str = "en") -> pd.DataFrame:
    """The dates that matter to one person, sorted: columns date (datetime.date), event (in
    `lang`), detail (the parameter or input each date rests on, named in `lang`).

    `person` is either an evaluated row (holding `status`) or the inputs of one scenario,
    which are evaluated first."""
    params = params if params is not None else default_parameters()

    def event(key: str) -> str:
        return labels.ui_text(f"event.{key}", lang)

    row = person if "status" in person else evaluate_one(person, params)
    A = _date(row["application_date"])
    expedited = bool(row["expedited"])
    processing = "expedited_processing" if expedited else "standard_processing"
    # "Before <day>" as the before_reading reads it: the named day, or the day before it.
    exclusive = params.reading("before_reading") == "exclusive"
    people = "en" if lang == "codes" else lang

    def basis(code: str) -> str:
        """What a date rests on, in words: a parameter's label, or an input's label and "your input"."""
        if code in ("card_expiry", "application_date", "second_application_date"):
            return labels.ui_text("timeline.input", people, label=labels.label(code, people))
        return labels.label(code, people)

    def before(code: str) -> str:
        """A "before <day>" parameter, with the reading when it moves the day."""
        if not exclusive:
            return basis(code)
        return labels.ui_text("timeline.read_as", people, basis=basis(code),
                              reading=labels.value_label("exclusive", people))

    window, transition = (_last_day_allowed(name, A, params)
                          for name in ("choice_window_end", "transition_deadline"))
    # The deadline is the card's own expiry unless the transition deadline comes first.
    deadline = basis("card_expiry") if _date(row["apply_by"]) == _date(row["card_expiry"]) \
        else before("transition_deadline")
    events: list[tuple[dt.date | None, str, str]] = [
        (_date(row["card_expiry"]), event("card_expires"), basis("card_expiry")),
        (_date(row["apply_by"]), event("apply_by"), deadline),
        (_date(row["apply_by_last_working_day"]), event("last_working_day"),
         labels.ui_text("timeline.working_day", people, basis=deadline)),
        (window, event("window_end"), before("choice_window_end")),
        (params.value("status_change_date", A), event("status_change"), basis("status_change_date")),
        (transition, event("transition_deadline"), before("transition_deadline")),
        (A, event("first_application"), basis("application_date")),
    ]
    processing = basis(processing)
    if bool(row["option_available"]):
        option = str(row["option"])
        if option == "a":
            second = _date(row["second_application_date"])
            events += [
                (_date(row["first_issued_by"]), event("eu_card_issued"), processing),
                (params.value("eu_card_valid_until", A), event("eu_card_valid"),
                 basis("eu_card_valid_until")),
                (second, event("second_application"), basis("second_application_date")),
                (_date(row["five_year_issued_by"]), event("five_year_issued"), processing),
            ]
        else:
            events.append((_date(row["five_year_issued_by"]), event("five_year_issued"), processing))
        events.append((_date(row["five_year_valid_until"]), event("five_year_valid"),
                       labels.ui_text("timeline.read_as", people, basis=basis("five_year_validity"),
                                      reading=labels.value_label(
                                          params.reading("five_year_validity_reading"), people))))
        refund = _date(row["stamp_refund_by"])
        if refund is not None:
            events.append((refund, event("refund_until"), basis("stamp_refund_window")))
    rows = [(d, e, s) for d, e, s in events if d is not None]
    table = pd.DataFrame(rows, columns=list(KEY_DATE_COLUMNS))
    return table.sort_values("date", kind="stable").reset_index(drop=True)


def _last_day_allowed(name: str, on: dt.date, params: Parameters) -> dt.date:
    """The last day allowed by "before <name>" in force on a day, as the before_reading reads it."""
    day = last_day_allowed(name, np.array([day_number(on)]), params)
    return day_to_date(np.asarray(day).ravel()[0])


def to_ics(key_dates: pd.DataFrame, title: str = "Residence card", stamp: dt.datetime | None = None,
           lang: str = "en") -> str:
    """An RFC 5545 calendar with one all-day event per key date (CRLF line endings, folded lines);
    each event's description says in `lang` what its date rests on."""
    stamp = stamp if stamp is not None else dt.datetime.now(dt.UTC)
    dtstamp = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{_PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(title)}"]
    for day, event, detail in key_dates[list(KEY_DATE_COLUMNS)].itertuples(index=False):
        day = _date(day)
        uid = hashlib.sha1(f"{title}|{day}|{event}".encode()).hexdigest()[:20]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@residence-explorer",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(f'{title}: {event}')}",
            f"DESCRIPTION:{_escape(labels.ui_text('timeline.based_on', lang, detail=detail))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _escape(text: str) -> str:
    """A TEXT value of RFC 5545: backslash, semicolon and comma escaped, every line break (CRLF, LF
    or a bare CR) as \\n, and the control characters TEXT may not hold (NUL, ESC, DEL ...) written
    visibly as \\x00-style escapes, so no value can end a content line or hide in a calendar."""
    text = visible(str(text).replace("\r\n", "\n").replace("\r", "\n"))
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def _fold(line: str, limit: int = 75) -> str:
    """Split a content line into chunks of at most `limit` octets, continuation lines led by a space."""
    chunks: list[str] = []
    current, size = "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        budget = limit if not chunks else limit - 1
        if size + n > budget:
            chunks.append(current)
            current, size = "", 0
        current += ch
        size += n
    chunks.append(current)
    return "\r\n ".join(chunks)


def _date(value: Any) -> dt.date | None:
    if value is None or (not isinstance(value, str | Iterable) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    ts = pd.Timestamp(value)
    return None if pd.isna(ts) else ts.date()
