"""compare(): each shipped reform's hand-checked rows, totals that match two separate evaluate() runs,
status moves and date shifts counted from the two runs."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from explorer import ExplorerError, evaluate, grid, load_parameters
from explorer.whatif.compare import compare
from explorer.whatif.reforms import load_reform

BASE = load_parameters()
T = pd.Timestamp


def _one(reform_name: str, **person) -> pd.Series:
    return compare(BASE, load_reform(reform_name), pd.DataFrame([person])).rows.iloc[0]


def test_choice_window_reform_closes_option_a_for_an_october_application():
    # E = 2020-11-15 is in 2020; A = 2020-10-15 is on/before 2020-12-31 but after 2020-09-30.
    row = _one("choice-window-2020-09-30", card_expiry="2020-11-15", application_date="2020-10-15",
               option="a")
    assert (row["status_baseline"], row["status_reform"]) == ("choice", "five_year_only")
    assert (row["option_available_baseline"], row["option_available_reform"]) == (True, False)
    # baseline path a: EU card 15 Oct + 30 d = 14 Nov (before expiry: no gap); five-year card from
    # 30 Jun 2021 + 30 d = 30 Jul 2021, 29 days after the EU card ends.
    assert row["first_issued_by_baseline"] == T("2020-11-14")
    assert row["gap_days_baseline"] == 29 and pd.isna(row["gap_days_reform"])
    assert (row["visits_baseline"], row["visits_reform"]) == (4, 0)
    # E > new window end, so apply_by = min(E, 2021-06-30) = E: unchanged
    assert row["apply_by_reform"] == row["apply_by_baseline"] == T("2020-11-15")
    assert not row["apply_by_changed"] and row["status_changed"] and row["any_changed"]


def test_transition_reform_opens_a_july_2021_application():
    row = _one("transition-deadline-2021-12-31", card_expiry="2022-05-01", application_date="2021-07-01")
    assert (row["status_baseline"], row["status_reform"]) == ("late_transition_deadline", "five_year_only")
    assert (row["apply_by_baseline"], row["apply_by_reform"]) == (T("2021-06-30"), T("2021-12-31"))
    assert row["apply_by_last_working_day_reform"] == T("2021-12-31")  # a Friday, not a holiday
    assert row["five_year_issued_by_reform"] == T("2021-07-31")
    assert row["five_year_valid_until_reform"] == T("2026-07-31")
    assert row["gap_days_reform"] == 0 and row["visits_reform"] == 2


def test_transition_reform_moves_option_a_second_application_and_eu_card_end_together():
    row = _one("transition-deadline-2021-12-31", card_expiry="2020-11-13", application_date="2020-11-13",
               option="a", expedited=True)
    # second application defaults to the deadline: Fri 31 Dec 2021; expedited, the 2nd working day
    # after it is Tue 4 Jan 2022 (1 Jan Saturday and a holiday, 2 Jan Sunday).
    assert row["second_application_date_baseline"] == T("2021-06-30")
    assert row["second_application_date_reform"] == T("2021-12-31")
    assert row["five_year_issued_by_reform"] == T("2022-01-04")
    # gaps: 4 days after the current card (as baseline) + 3 days (1-3 Jan 2022) after the EU card
    assert (row["gap_days_baseline"], row["gap_days_reform"]) == (5, 7)
    assert row["fees_cents_reform"] == row["fees_cents_baseline"] == 4900


def test_fee_waiver_removes_fees_and_stamps_of_expedited_applications():
    row = _one("expedited-fee-waived", card_expiry="2021-03-10", application_date="2020-12-23",
               expedited=True, delivery=True)
    assert (row["fees_eur_baseline"], row["fees_eur_reform"]) == (27.5, 3.0)
    row = _one("expedited-fee-waived", card_expiry="2020-11-13", application_date="2020-11-13", option="a",
               expedited=True)
    assert (row["fees_cents_baseline"], row["fees_cents_reform"]) == (4900, 0)
    assert row["stamp_refund_by_baseline"] == T("2022-11-13") and pd.isna(row["stamp_refund_by_reform"])
    assert row["stamp_ok_reform"] and row["stamp_refund_by_changed"]


def test_dated_fee_reform_charges_each_application_the_fee_of_its_own_day():
    row = _one("expedited-fee-30-from-2021", card_expiry="2020-11-13", application_date="2020-11-13",
               option="a", expedited=True)
    # 24.50 EUR on 13 Nov 2020 (before the change) + 30.00 EUR on 30 Jun 2021
    assert (row["fees_cents_baseline"], row["fees_cents_reform"]) == (4900, 5450)
    before = _one("expedited-fee-30-from-2021", card_expiry="2021-03-10", application_date="2020-12-31",
                  expedited=True)
    after = _one("expedited-fee-30-from-2021", card_expiry="2021-03-10", application_date="2021-01-01",
                 expedited=True)
    assert (before["fees_cents_reform"], after["fees_cents_reform"]) == (2450, 3000)
    assert not before["any_changed"] and after["fees_cents_changed"]


SWEEP = dict(expiry=("2020-06-01", "2022-03-31"), application=("2020-06-01", "2022-03-31"), freq="9D")


@pytest.fixture(scope="module", params=["transition-deadline-2021-12-31", "choice-window-2020-09-30",
                                        "expedited-fee-waived", "expedited-fee-30-from-2021"])
def case(request):
    reform = load_reform(request.param)
    frame = grid(**SWEEP)
    return compare(BASE, reform, sweep=SWEEP), evaluate(frame, BASE), evaluate(frame, reform.apply(BASE))


def test_compare_totals_equal_two_separate_evaluate_runs(case):
    comparison, b, r = case
    total = comparison.deltas.iloc[-1]
    assert total["fees baseline (cents)"] == b["fees_cents"].sum()
    assert total["fees reform (cents)"] == r["fees_cents"].sum()
    difference = r["fees_cents"].sum() - b["fees_cents"].sum()
    assert total["fees difference (EUR)"] == pytest.approx(difference / 100)
    assert total["visits baseline"] == b["visits"].sum() and total["visits reform"] == r["visits"].sum()
    assert total["gap days reform"] == r["gap_days"].sum()
    assert total["gap days baseline"] == b["gap_days"].sum()
    assert total["rows with a path reform"] == r["option_available"].sum()
    per_group = comparison.deltas.iloc[:-1]
    assert per_group["fees reform (cents)"].sum() == r["fees_cents"].sum()
    assert per_group["rows"].sum() == len(b)


def test_rows_hold_both_runs_side_by_side(case):
    comparison, b, r = case
    rows = comparison.rows
    pd.testing.assert_series_equal(rows["status_baseline"], b["status"], check_names=False)
    pd.testing.assert_series_equal(rows["five_year_issued_by_reform"], r["five_year_issued_by"],
                                   check_names=False)
    both_missing = b["gap_days"].isna() & r["gap_days"].isna()
    expected = ~((b["gap_days"] == r["gap_days"]).fillna(False) | both_missing)
    assert (rows["gap_days_changed"] == expected.to_numpy()).all()


def test_status_transitions_count_the_pairs_of_statuses(case):
    comparison, b, r = case
    counts = pd.crosstab(b["status"].astype(str), r["status"].astype(str))
    table = comparison.status_transitions
    assert table["rows"].sum() == len(b)
    for _, t in table.iterrows():
        assert counts.loc[str(t["from"]), str(t["to"])] == t["rows"]
        assert t["changed"] == (str(t["from"]) != str(t["to"]))


def test_date_shifts_measure_reform_minus_baseline_in_days(case):
    comparison, b, r = case
    shifts = comparison.date_shifts.set_index("output")
    for col in ("apply_by", "five_year_issued_by"):
        both = b[col].notna() & r[col].notna()
        delta = (r[col] - b[col])[both].dt.days
        moved = delta[delta != 0]
        assert shifts.loc[col, "rows shifted"] == len(moved)
        if len(moved):
            assert shifts.loc[col, "min shift (days)"] == moved.min()
            assert shifts.loc[col, "max shift (days)"] == moved.max()
            assert shifts.loc[col, "mean shift (days)"] == pytest.approx(moved.mean())


def test_transition_reform_moves_deadlines_later_only():
    comparison = compare(None, load_reform("transition-deadline-2021-12-31"), sweep=SWEEP)
    shifts = comparison.date_shifts.set_index("output")
    assert shifts.loc["apply_by", "rows shifted"] > 0
    assert shifts.loc["apply_by", "min shift (days)"] > 0
    assert shifts.loc["apply_by", "max shift (days)"] <= (dt.date(2021, 12, 31) - dt.date(2021, 6, 30)).days
    moves = comparison.status_transitions
    moved = moves[moves["changed"]]
    assert set(zip(moved["from"].astype(str), moved["to"].astype(str), strict=True)) == {
        ("late_transition_deadline", "five_year_only")}


def test_summary_names_the_reform_the_changed_parameter_and_the_fee_difference():
    comparison = compare(None, load_reform("expedited-fee-waived"), sweep=SWEEP)
    text = comparison.summary()
    diff = comparison.deltas.iloc[-1]["fees difference (EUR)"]
    assert "expedited-fee-waived" in text and "fee_expedited: 24.50 -> 0.00" in text
    assert f"(difference -€{-diff:,.2f})." in text and diff < 0  # money as English writes it


def test_summary_in_words_writes_changed_values_and_fees_in_the_language_formats():
    comparison = compare(None, load_reform("expedited-fee-30-from-2021"), sweep=SWEEP)
    english, slovak = comparison.summary("en"), comparison.summary("sk")
    assert "  Fee for expedited issuance: €24.50 -> €24.50; from 1 January 2021: €30.00" in english
    assert "  Poplatok za zrýchlené vydanie: 24,50\u00a0€ -> 24,50\u00a0€; od 1. januára 2021: 30,00\u00a0€" \
        in slovak
    assert "\u00a0€ -> " in slovak and "(rozdiel " in slovak and " EUR" not in slovak
    assert "fee_expedited: 24.50 -> 24.50; from 2021-01-01: 30.00" in comparison.summary()  # codes: as filed


def test_identical_parameters_change_nothing():
    comparison = compare(BASE, BASE, sweep=SWEEP)
    assert not comparison.rows["any_changed"].any()
    assert not comparison.status_transitions["changed"].any()
    assert (comparison.deltas["fees difference (cents)"] == 0).all()
    assert comparison.changed_parameters.empty


def test_compare_needs_exactly_one_of_frame_and_sweep():
    with pytest.raises(ExplorerError):
        compare(BASE, load_reform("expedited-fee-waived"))
    with pytest.raises(ExplorerError):
        compare(BASE, load_reform("expedited-fee-waived"), grid(**SWEEP), sweep=SWEEP)


def test_bad_input_rows_raise_the_projects_error_with_the_row():
    frame = pd.DataFrame({"card_expiry": ["2020-11-15", "nope"], "application_date": ["2020-10-01"] * 2})
    with pytest.raises(ExplorerError) as info:
        compare(BASE, load_reform("expedited-fee-waived"), frame)
    assert info.value.field == "card_expiry" and info.value.row == 1


def test_changed_rows_are_those_with_any_output_changed():
    comparison = compare(BASE, load_reform("choice-window-2020-09-30"), sweep=SWEEP)
    flags = comparison.rows[[c for c in comparison.rows.columns if c.endswith("_changed")]]
    assert len(comparison.changed_rows) == int(np.any(flags.to_numpy(), axis=1).sum()) > 0
