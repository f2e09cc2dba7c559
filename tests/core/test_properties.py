"""Property tests: the vectorised engine equals the plain scalar reading, and its invariants hold.

Each hypothesis example is a batch of drawn scenarios evaluated in one frame (for speed),
then compared row by row with the scalar reading (tests/support/scalar_reading.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import holidays
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import explorer
from tests.support.scalar_reading import ScenarioInputs, evaluate_scenario

FIRST, LAST = dt.date(2019, 1, 1), dt.date(2022, 12, 31)
CHANNELS = ("online", "mobile_app", "vending_machine", "post_office")
# Days where the calendar matters: Slovak public holidays (from the maintained package, not
# the engine), the days around them, and the parameter boundaries of the spec.
_HOLIDAYS = sorted(holidays.country_holidays("SK", years=range(2019, 2023), language="en_US"))
_BOUNDARIES = [dt.date(2020, 1, 1), dt.date(2020, 12, 31), dt.date(2021, 1, 1), dt.date(2021, 6, 30),
               dt.date(2021, 7, 1), dt.date(2019, 12, 31), dt.date(2020, 2, 29)]
SPECIAL = sorted({d + dt.timedelta(days=k) for d in _HOLIDAYS + _BOUNDARIES for k in (-2, -1, 0, 1)}
                 & {FIRST + dt.timedelta(days=i) for i in range((LAST - FIRST).days + 1)})
OUTPUTS = ("status", "applied_after_expiry", "apply_by", "apply_by_last_working_day", "slack_days",
           "option_available", "path_status", "applications", "first_issued_by", "five_year_issued_by",
           "five_year_valid_until", "gap_days", "fees_cents", "visits", "stamp_ok", "stamp_refund_by",
           "accommodation_document_required", "bok_venue_types")
DATE_OUTPUTS = ("apply_by", "apply_by_last_working_day", "first_issued_by", "five_year_issued_by",
                "five_year_valid_until", "stamp_refund_by")
PATH_OUTPUTS = ("first_issued_by", "five_year_issued_by", "five_year_valid_until", "gap_days",
                "stamp_ok", "stamp_refund_by", "bok_venue_types", "path_status")

days = st.one_of(st.dates(FIRST, LAST), st.sampled_from(SPECIAL))


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    """One input row: any dates 2019..2022, every choice, channel, payment and flag."""
    expiry = draw(days)
    # Mostly on or before the expiry (a path is open), sometimes anywhere.
    before = st.integers(-10, 200).map(lambda k: expiry - dt.timedelta(days=k))
    application = draw(st.one_of(days, before.filter(lambda d: FIRST <= d <= LAST)))
    option = draw(st.sampled_from(("a", "b")))
    row: dict[str, Any] = {
        "card_expiry": expiry,
        "application_date": application,
        "option": option,
        "expedited": draw(st.booleans()),
        "delivery": draw(st.booleans()),
        "stamp_channel": draw(st.sampled_from(CHANNELS)),
        "stamp_lead_days": draw(st.one_of(st.integers(0, 40), st.integers(0, 800))),
        "payment": draw(st.sampled_from(("card", "cash"))),
        "years_resided": draw(st.one_of(st.integers(0, 4), st.integers(0, 7),
                                        st.floats(4, 5.5, allow_nan=False))),
        "address_changed": draw(st.booleans()),
        "accommodation_submitted_before": draw(st.booleans()),
        "booked_online": draw(st.booleans()),
    }
    # A second application after A for option a, often around the transition deadline and
    # sometimes after it; None means the default (transition_deadline).  On option b rows
    # any day is allowed: it is ignored.
    lowest = 1 if option == "a" else -60
    after = st.integers(lowest, 400).map(lambda k: application + dt.timedelta(days=k))
    around_deadline = st.dates(dt.date(2021, 5, 15), dt.date(2021, 8, 15)).filter(
        lambda d: option == "b" or d > application)
    row["second_application_date"] = draw(st.one_of(st.none(), after, around_deadline))
    return row


batches = st.lists(scenarios(), min_size=1, max_size=25)


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, index=[f"r{i}" for i in range(len(rows))])
    for col in ("card_expiry", "application_date", "second_application_date"):
        frame[col] = pd.to_datetime(frame[col])
    return frame


def _plain(value: Any, field: str) -> Any:
    if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return None
    if field in DATE_OUTPUTS:
        return pd.Timestamp(value).date()
    if field in ("status", "path_status"):
        return str(value)
    if isinstance(value, bool) or field in ("option_available", "stamp_ok", "applied_after_expiry",
                                            "accommodation_document_required"):
        return bool(value)
    return int(value)


def _mismatches(result: pd.DataFrame, rows: list[dict[str, Any]], params: explorer.Parameters) -> list:
    found = []
    for label, row in zip(result.index, rows, strict=True):
        expected = evaluate_scenario(ScenarioInputs(**row), params)
        for field in OUTPUTS:
            got = _plain(result.at[label, field], field)
            if got != expected[field]:
                found.append((label, field, got, expected[field], row))
    return found


READING_COMBINATIONS = [(expiry, before) for expiry in ("binding", "advisory")
                        for before in ("inclusive", "exclusive")]


@pytest.mark.parametrize(("card_expiry_reading", "before_reading"), READING_COMBINATIONS)
@given(rows=batches)
def test_engine_equals_the_scalar_reading_on_random_scenarios(params, rows, card_expiry_reading,
                                                             before_reading):
    readings = params.replace(card_expiry_reading=card_expiry_reading, before_reading=before_reading)
    result = explorer.evaluate(_frame(rows), readings)
    assert _mismatches(result, rows, readings) == []


def _maybe_dated(baseline: Any, values: list[Any], change_day: str) -> st.SearchStrategy:
    """A changed value, either for all time or from `change_day` on (baseline before).

    Dated changes use the (since, value) pair-list form, which every kind accepts."""
    plain = st.sampled_from(values)
    return st.one_of(plain, plain.map(lambda v: [(None, baseline), (change_day, v)]))


@st.composite
def reforms(draw: st.DrawFn) -> dict[str, Any]:
    """A modified parameter set: some values changed, some dated by a change day in 2020-2021."""
    day = draw(st.dates(dt.date(2020, 6, 1), dt.date(2021, 9, 30))).isoformat()
    options: dict[str, st.SearchStrategy] = {
        "fee_expedited": _maybe_dated("24.50", ["0.00", "30.00", "24.49"], day),
        "fee_delivery": _maybe_dated("3.00", ["0.00", "5.10"], day),
        "fee_card": _maybe_dated("0.00", ["1.99", "10.00"], day),
        "standard_processing": _maybe_dated("30 days", ["10 days", "60 days", "20 working_days"], day),
        "expedited_processing": _maybe_dated("2 working_days", ["0 working_days", "5 working_days",
                                                                "3 days"], day),
        "transition_deadline": _maybe_dated("2021-06-30", ["2021-03-31", "2021-12-31"], day),
        "choice_window_end": _maybe_dated("2020-12-31", ["2020-10-31", "2021-03-31"], day),
        "eu_card_valid_until": _maybe_dated("2021-06-30", ["2021-03-31", "2022-06-30"], day),
        "five_year_validity": _maybe_dated("5 years", ["4 years", "10 years"], day),
        "stamp_validity": _maybe_dated({"online": "30 days"}, [{"online": "10 days"},
                                                               {"post_office": "45 days"}], day),
        "stamp_payment": _maybe_dated({"online": ["card"]}, [{"online": ["card", "cash"]},
                                                             {"post_office": ["card"]}], day),
        "stamp_refund_window": _maybe_dated("2 years", ["1 years", "400 days"], day),
        "max_years_resided": _maybe_dated(5, [3, 6], day),
        "bok_wider_activation_from": st.sampled_from(
            ["2024-01-01", "2026-06-01", {None: "2025-08-14", "2026-01-01": "2027-01-01"}]),
        "choice_expiry_to": st.sampled_from(["2020-06-30", "2021-03-31"]),
        "card_expiry_reading": st.sampled_from(["binding", "advisory"]),
        "before_reading": st.sampled_from(["inclusive", "exclusive"]),
        "processing_days_reading": st.sampled_from(["calendar", "working"]),
        "stamp_refund_reading": st.sampled_from(["first_purchase", "each_purchase"]),
        "late_second_application_reading": st.sampled_from(["card_issued", "no_card"]),
    }
    names = draw(st.lists(st.sampled_from(sorted(options)), min_size=1, max_size=5, unique=True))
    return {name: draw(options[name]) for name in names}


@given(rows=batches, changes=reforms())
def test_engine_equals_the_scalar_reading_under_modified_parameters(params, rows, changes):
    reform = params.replace(**changes)
    result = explorer.evaluate(_frame(rows), reform)
    assert _mismatches(result, rows, reform) == []


def _five_years_later(day: dt.date) -> dt.date:
    if day.month == 2 and day.day == 29:
        return dt.date(day.year + 5, 2, 28)
    return day.replace(year=day.year + 5)


@given(rows=batches)
def test_invariants_hold_on_random_scenarios(rows):
    result = explorer.evaluate(_frame(rows))
    for label in result.index:
        row = result.loc[label]
        assert row["apply_by"] <= row["card_expiry"]
        per_application = 2450 * bool(row["expedited"]) + 300 * bool(row["delivery"])
        assert row["fees_cents"] == row["applications"] * per_application
        assert row["fees_cents"] in (0, per_application, 2 * per_application)
        assert row["fees_eur"] * 100 == row["fees_cents"]
        late = row["status"] in ("late_card_expired", "late_transition_deadline", "out_of_scope")
        if late or not row["option_available"]:
            assert not row["option_available"]
            for field in PATH_OUTPUTS:
                assert pd.isna(row[field]), (label, field)
            assert (row["fees_cents"], row["visits"], row["applications"]) == (0, 0, 0)
            continue
        assert row["gap_days"] >= 0
        assert row["applications"] == (1 if row["option"] == "b" else 2)
        issued = row["five_year_issued_by"].date()
        assert row["five_year_valid_until"].date() == _five_years_later(issued)
        if row["option"] == "b":
            assert row["first_issued_by"] == row["five_year_issued_by"]


# An independent reading of spec/rules.md for the baseline parameters, with the spec's values
# typed in and the holidays package as the calendar: guards against a mistake shared by the
# engine and the scalar reading.
_SK = holidays.country_holidays("SK", years=range(2017, 2030), language="en_US")
_ONLINE_LIKE = {"online": 30, "mobile_app": 30, "vending_machine": 30}
_CASH_OK = {"vending_machine", "post_office"}


def _working(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _SK


def _second_working_day_after(day: dt.date) -> dt.date:
    found = 0
    while found < 2:
        day += dt.timedelta(days=1)
        found += _working(day)
    return day


def _plus_years(day: dt.date, years: int) -> dt.date:
    if (day.month, day.day) == (2, 29):
        return dt.date(day.year + years, 2, 28)
    return day.replace(year=day.year + years)


def _spec_reading(row: dict[str, Any], expiry_reading: str = "binding",
                  before_reading: str = "inclusive") -> dict[str, Any]:
    E, A = row["card_expiry"], row["application_date"]
    window_end, deadline, eu_valid = dt.date(2020, 12, 31), dt.date(2021, 6, 30), dt.date(2021, 6, 30)
    if before_reading == "exclusive":  # "before" the named day: the day before is the last allowed
        window_end, deadline = dt.date(2020, 12, 30), dt.date(2021, 6, 29)
    S = row["second_application_date"] or deadline
    apply_by = E if E <= window_end else min(E, deadline)
    last = apply_by
    while not _working(last):
        last -= dt.timedelta(days=1)
    if row["years_resided"] >= 5:
        status = "out_of_scope"
    elif A > E and expiry_reading == "binding":
        status = "late_card_expired"
    elif A > deadline:
        status = "late_transition_deadline"
    elif E.year == 2020 and A <= window_end:
        status = "choice"
    else:
        status = "five_year_only"
    b = row["option"] == "b"
    out = {"status": status, "applied_after_expiry": A > E,
           "apply_by": apply_by, "apply_by_last_working_day": last,
           "slack_days": (apply_by - A).days,
           "accommodation_document_required": row["address_changed"]
           or not row["accommodation_submitted_before"]}
    if not (status == "choice" or (status == "five_year_only" and b)):
        return out | {"applications": 0, "fees_cents": 0, "visits": 0, "first_issued_by": None,
                      "five_year_issued_by": None, "gap_days": None, "stamp_ok": None}

    def issued(day: dt.date) -> dt.date:
        return _second_working_day_after(day) if row["expedited"] else day + dt.timedelta(days=30)

    first = issued(A)
    five_year = first if b else issued(S)
    gap = max(0, (first - E).days - 1) + (0 if b else max(0, (five_year - eu_valid).days - 1))
    per_application = 2450 * row["expedited"] + 300 * row["delivery"]
    applications = 1 if b else 2
    stamp_ok = True
    if per_application > 0:
        if row["stamp_channel"] == "post_office":
            valid = _plus_years(A - dt.timedelta(days=row["stamp_lead_days"]), 2) >= A
        else:
            valid = row["stamp_lead_days"] <= _ONLINE_LIKE[row["stamp_channel"]]
        stamp_ok = valid and (row["payment"] == "card" or row["stamp_channel"] in _CASH_OK)
    return out | {
        "applications": applications, "fees_cents": applications * per_application,
        "visits": applications * (1 if row["delivery"] else 2), "first_issued_by": first,
        "five_year_issued_by": five_year, "five_year_valid_until": _plus_years(five_year, 5),
        "gap_days": gap, "stamp_ok": stamp_ok,
        "path_status": "late_second_application" if not b and S > deadline else "ok",
        "bok_venue_types": 3 if _plus_years(five_year, 5) >= dt.date(2025, 8, 14) else 1,
        "stamp_refund_by": _plus_years(A - dt.timedelta(days=row["stamp_lead_days"]), 2)
        if per_application > 0 else None,
    }


@pytest.mark.parametrize(("card_expiry_reading", "before_reading"), READING_COMBINATIONS)
@given(rows=batches)
def test_engine_follows_the_spec_formulas_on_random_scenarios(params, rows, card_expiry_reading,
                                                              before_reading):
    readings = params.replace(card_expiry_reading=card_expiry_reading, before_reading=before_reading)
    result = explorer.evaluate(_frame(rows), readings)
    for label, row in zip(result.index, rows, strict=True):
        for field, want in _spec_reading(row, card_expiry_reading, before_reading).items():
            got = _plain(result.at[label, field], field)
            assert got == want, (label, field, got, want, row)


@st.composite
def sweeps(draw: st.DrawFn) -> dict[str, Any]:
    """Arguments of a small sweep: ranges, frequency, any subsets of the choices, fixed inputs."""
    def span() -> tuple[str, str]:
        first = draw(days)
        return first.isoformat(), (first + dt.timedelta(days=draw(st.integers(0, 60)))).isoformat()

    def subset(values: tuple) -> tuple:
        return tuple(draw(st.lists(st.sampled_from(values), min_size=1, max_size=2, unique=True)))

    fixed = draw(st.fixed_dictionaries({}, optional={
        "stamp_channel": st.sampled_from(CHANNELS), "stamp_lead_days": st.integers(0, 800),
        "payment": st.sampled_from(("card", "cash")), "years_resided": st.floats(0, 7, allow_nan=False),
        "address_changed": st.booleans(), "accommodation_submitted_before": st.booleans(),
        "second_application_date": days.map(dt.date.isoformat)}))
    return {"expiry": span(), "application": span(), "freq": draw(st.sampled_from(("D", "3D", "W-MON"))),
            "options": subset(("a", "b")), "expedited": subset((False, True)),
            "delivery": subset((False, True)), **fixed}


@given(arguments=sweeps(), changes=reforms())
def test_factored_sweep_equals_the_plain_evaluation(params, arguments, changes):
    """explorer.sweep (per cell and per choice, then broadcast) gives the frame, or the error,
    that evaluate gives on the sweep's rows, under any readings and dated parameters."""
    reform = params.replace(**changes)
    try:
        want = explorer.evaluate(explorer.grid(**arguments), reform)
    except explorer.ExplorerError as error:
        with pytest.raises(explorer.ExplorerError) as raised:
            explorer.sweep(params=reform, **arguments)
        assert str(raised.value) == str(error)
        return
    pd.testing.assert_frame_equal(explorer.sweep(params=reform, **arguments), want, check_exact=True)
