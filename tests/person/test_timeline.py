"""Key dates of one person and their .ics export (explorer.person.timeline)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from explorer.person.timeline import evaluate_one, key_dates, to_ics

STAMP = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def _events(table: pd.DataFrame) -> dict[str, dt.date]:
    return dict(zip(table["event"], table["date"], strict=True))


def test_key_dates_of_the_path_a_expedited_worked_example(params):
    # Worked example row 2 of spec/rules.md: E = A = 2020-11-13, path a, expedited.
    table = key_dates({"card_expiry": "2020-11-13", "application_date": "2020-11-13", "option": "a",
                       "expedited": True}, params)
    events = _events(table)
    assert events["Current EU card expires"] == dt.date(2020, 11, 13)
    assert events["Last working day to apply"] == dt.date(2020, 11, 13)
    assert events["First application (in person)"] == dt.date(2020, 11, 13)
    assert events["EU card issued by"] == dt.date(2020, 11, 18)
    assert events["EU card valid until"] == dt.date(2021, 6, 30)
    assert events["Second application (five-year card)"] == dt.date(2021, 6, 30)
    assert events["Transition deadline"] == dt.date(2021, 6, 30)
    assert events["Five-year card issued by"] == dt.date(2021, 7, 2)
    assert events["Five-year card valid until"] == dt.date(2026, 7, 2)
    assert list(table.columns) == ["date", "event", "detail"]
    assert table["date"].is_monotonic_increasing


def test_key_dates_name_the_parameter_each_date_rests_on(params):
    table = key_dates({"card_expiry": "2020-11-13", "application_date": "2020-11-13", "option": "a",
                       "expedited": True}, params)
    detail = dict(zip(table["event"], table["detail"], strict=True))
    assert detail["EU card issued by"] == "Expedited issuance time"
    assert detail["EU card valid until"] == "EU card (path a) valid until"
    assert detail["Five-year card valid until"] == \
        "Validity of the five-year card, read as “From the last day it can be issued”"
    for name in detail.values():  # labels people read, never codes
        assert "_" not in name and name[:1].isupper()


def test_key_dates_and_calendar_file_speak_slovak_without_codes(params):
    person = {"card_expiry": "2020-11-13", "application_date": "2020-11-13", "option": "a", "expedited": True}
    table = key_dates(person, params, lang="sk")
    details = _details(table)
    assert details["Podať žiadosť do"] == "Koniec platnosti preukazu (váš údaj)"
    calendar = to_ics(table, title="Povolenie na pobyt", lang="sk").replace("\r\n ", "")
    assert "Podklad: Koniec platnosti preukazu (váš údaj)" in calendar
    assert "Based on" not in calendar and "card_expiry" not in calendar


def test_key_dates_of_the_path_b_worked_example_with_weekend_deadline(params):
    # Worked example row 1: E 2020-11-15 (a Sunday), A 2020-10-01, path b.
    events = _events(key_dates({"card_expiry": "2020-11-15", "application_date": "2020-10-01"}, params))
    assert events["Apply by"] == dt.date(2020, 11, 15)
    assert events["Last working day to apply"] == dt.date(2020, 11, 13)
    assert events["Five-year card issued by"] == dt.date(2020, 10, 31)
    assert events["Five-year card valid until"] == dt.date(2025, 10, 31)
    assert "EU card issued by" not in events


def _details(table: pd.DataFrame) -> dict[str, str]:
    return dict(zip(table["event"], table["detail"], strict=True))


@pytest.mark.parametrize(("expiry", "application"),
                         [("2021-03-10", "2020-12-23"), ("2020-11-15", "2020-10-01")])
def test_apply_by_on_the_cards_own_expiry_credits_the_expiry(params, expiry, application):
    # A card expiring after the choice window but before the transition deadline (spec worked row 3),
    # and one expiring inside the window: in both the deadline is the card's own expiry.
    table = key_dates({"card_expiry": expiry, "application_date": application}, params)
    assert _events(table)["Apply by"] == dt.date.fromisoformat(expiry)
    assert _details(table)["Apply by"] == "Card expiry (your input)"


def test_apply_by_on_the_transition_deadline_credits_it_and_respects_the_before_reading(params):
    person = {"card_expiry": "2022-05-01", "application_date": "2021-06-01"}
    inclusive = key_dates(person, params)
    assert _events(inclusive)["Apply by"] == dt.date(2021, 6, 30)
    assert _details(inclusive)["Apply by"] == "Transition deadline"
    exclusive = key_dates(person, params.replace(before_reading="exclusive"))
    events, details = _events(exclusive), _details(exclusive)
    assert events["Apply by"] == events["Transition deadline"] == dt.date(2021, 6, 29)
    assert events["End of the window to choose a path"] == dt.date(2020, 12, 30)
    assert details["Apply by"] == "Transition deadline, read as “The named day is already too late”"


def test_key_dates_of_a_closed_path_have_no_issuance(params):
    # Worked example: E 2021-09-01, A 2020-08-01, option a is not open (five_year_only).
    events = _events(key_dates({"card_expiry": "2021-09-01", "application_date": "2020-08-01",
                                "option": "a"}, params))
    assert events["Apply by"] == dt.date(2021, 6, 30)
    assert not any("issued" in e or "valid until" in e for e in events)


def test_key_dates_accept_an_evaluated_row_as_well_as_inputs(params):
    inputs = {"card_expiry": "2021-03-10", "application_date": "2020-12-23", "expedited": True,
              "delivery": True}
    row = evaluate_one(inputs, params)
    pd.testing.assert_frame_equal(key_dates(row, params), key_dates(inputs, params))
    assert _events(key_dates(row, params))["Five-year card issued by"] == dt.date(2020, 12, 29)


@pytest.fixture
def ics(params) -> str:
    table = key_dates({"card_expiry": "2020-11-13", "application_date": "2020-11-13", "option": "a",
                       "expedited": True}, params)
    return to_ics(table, title="Residence card; family member, a long title to force folding of lines",
                  stamp=STAMP)


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_ics_uses_crlf_line_endings_only(ics):
    assert ics.endswith("\r\n")
    assert "\n" not in ics.replace("\r\n", "")
    assert "\r" not in ics.replace("\r\n", "")


def test_ics_lines_are_folded_to_75_octets(ics):
    physical = ics.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in physical) <= 75
    assert any(line.startswith(" ") for line in physical), "the long title should have been folded"
    summaries = [line for line in _unfold(ics) if line.startswith("SUMMARY:")]
    assert summaries[0].startswith(
        "SUMMARY:Residence card\\; family member\\, a long title to force folding of lines: ")


def test_ics_begin_and_end_pairs_nest(ics):
    stack = []
    for line in _unfold(ics):
        if line.startswith("BEGIN:"):
            stack.append(line[6:])
        elif line.startswith("END:"):
            assert stack and stack.pop() == line[4:]
    assert stack == []
    lines = _unfold(ics)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)


def test_ics_has_one_all_day_event_per_key_date(ics, params):
    table = key_dates({"card_expiry": "2020-11-13", "application_date": "2020-11-13", "option": "a",
                       "expedited": True}, params)
    lines = _unfold(ics)
    starts = [line for line in lines if line.startswith("DTSTART")]
    assert all(re.fullmatch(r"DTSTART;VALUE=DATE:\d{8}", line) for line in starts)
    assert [line[-8:] for line in starts] == [d.strftime("%Y%m%d") for d in table["date"]]
    ends = [line[-8:] for line in lines if line.startswith("DTEND;VALUE=DATE:")]
    assert [dt.datetime.strptime(e, "%Y%m%d").date() for e in ends] == \
        [d + dt.timedelta(days=1) for d in table["date"]]
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(uids) == len(table) == len(set(uids))
    assert lines.count("DTSTAMP:20260102T030405Z") == len(table)
