"""explorer.tables.analysis: each policy helper against small cases worked by hand from spec/rules.md.

Calendar facts used (Slovakia): 13 Nov 2020 is a Friday, 17 Nov and 24-26 Dec 2020 are public
holidays, 26 Dec 2020 is a Saturday, 30 Jun 2021 a Wednesday.
"""

import datetime as dt

import holidays
import pandas as pd
import pytest

import explorer
from explorer.core.rules.transition import STATUSES
from explorer.tables import analysis

D = pd.Timestamp


def people(*rows: tuple) -> pd.DataFrame:
    """A frame of (card_expiry, application_date, option, expedited, delivery) rows, evaluated."""
    frame = pd.DataFrame(rows, columns=["card_expiry", "application_date", "option", "expedited",
                                        "delivery"][: len(rows[0])])
    for col in ("card_expiry", "application_date"):
        frame[col] = pd.to_datetime(frame[col])
    return explorer.evaluate(frame)


# (a) the choice window

def test_choice_days_closes_on_expiry_day_when_the_card_expires_before_the_window_ends():
    result = explorer.sweep(("2020-11-13", "2020-11-15"), ("2020-11-10", "2020-11-16"),
                            options=("b",), expedited=(False,), delivery=(False,))
    days = analysis.choice_days(result).set_index("card_expiry")
    # A > E is late_card_expired, so the last choice day is E itself; first is the grid's first day.
    assert days.loc[D("2020-11-13"), "last choice day"] == D("2020-11-13")
    assert days.loc[D("2020-11-15"), "last choice day"] == D("2020-11-15")
    assert days.loc[D("2020-11-13"), "first choice day"] == D("2020-11-10")
    assert days.loc[D("2020-11-13"), "choice application days"] == 4  # 10, 11, 12, 13 Nov
    assert days.loc[D("2020-11-15"), "choice application days"] == 6  # 10 to 15 Nov


def test_choice_days_closes_at_the_window_end_for_cards_valid_into_the_new_year_and_lists_no_choice():
    result = explorer.sweep(("2020-12-30", "2021-01-02"), ("2020-12-29", "2021-01-02"),
                            options=("b",), expedited=(False,), delivery=(False,))
    days = analysis.choice_days(result).set_index("card_expiry")
    assert days.loc[D("2020-12-30"), "last choice day"] == D("2020-12-30")
    assert days.loc[D("2020-12-31"), "last choice day"] == D("2020-12-31")
    # Cards expiring in 2021 never give a choice: five-year card only.
    assert days.loc[D("2021-01-01"), "choice application days"] == 0
    assert pd.isna(days.loc[D("2021-01-02"), "last choice day"])


def test_choice_window_per_month_reports_earliest_and_latest_closing_and_share():
    result = explorer.sweep(("2020-12-30", "2021-01-02"), ("2020-12-29", "2021-01-02"),
                            options=("b",), expedited=(False,), delivery=(False,))
    table = analysis.choice_window(result).set_index("expiry period")
    dec, jan = table.loc[D("2020-12-01")], table.loc[D("2021-01-01")]
    assert (dec["expiry days"], dec["expiry days with a choice"]) == (2, 2)
    assert dec["window closed (earliest)"] == D("2020-12-30")
    assert dec["window closed (latest)"] == D("2020-12-31")
    assert (jan["expiry days"], jan["expiry days with a choice"], jan["share with a choice"]) == (2, 0, 0.0)


def test_choice_window_respects_a_reform_of_the_window_end():
    params = explorer.load_parameters().replace(choice_window_end="2020-12-15")
    result = explorer.sweep(("2020-12-20", "2020-12-20"), ("2020-12-10", "2020-12-20"),
                            options=("b",), expedited=(False,), delivery=(False,), params=params)
    days = analysis.choice_days(result)
    assert days["last choice day"].iloc[0] == D("2020-12-15")


def test_status_matrix_holds_one_status_code_per_pair_of_days():
    result = explorer.sweep(("2020-11-13", "2020-11-14"), ("2020-11-13", "2020-11-14"))
    matrix = analysis.status_matrix(result)
    assert matrix.shape == (2, 2)
    assert STATUSES[matrix.loc[D("2020-11-13"), D("2020-11-14")]] == "late_card_expired"
    assert STATUSES[matrix.loc[D("2020-11-14"), D("2020-11-13")]] == "choice"


# (b) fees

def test_fees_by_choice_per_person_matches_spec_fees_per_application():
    # All rows open (choice): E in Dec 2020, A in Nov 2020.
    result = explorer.sweep(("2020-12-01", "2020-12-02"), ("2020-11-02", "2020-11-03"))
    table = analysis.fees_by_choice(result).set_index(["option", "fee choices"])
    assert table.loc[("b", "expedited, delivered"), "fees per person (EUR)"] == 27.50
    assert table.loc[("a", "expedited, collect"), "fees per person (EUR)"] == 49.00  # spec row 2
    assert table.loc[("a", "standard, delivered"), "fees per person (EUR)"] == 6.00
    assert table.loc[("b", "standard, collect"), "total fees (cents)"] == 0
    # 4 rows per line (2 x 2 days), so a's expedited+delivered line totals 4 x 55.00 EUR.
    assert table.loc[("a", "expedited, delivered"), "total fees (cents)"] == 4 * 5500
    assert table["share of all fees"].sum() == pytest.approx(1.0)


# (c) days without a card

def test_gap_summary_over_spec_rows_by_path():
    result = people(
        ("2020-11-13", "2020-11-13", "a", True),   # spec row 2: 5 days
        ("2020-11-15", "2020-10-01", "b", False),  # spec row 1: 0 days
        ("2020-11-26", "2020-11-10", "b", False),  # issued 10 Dec: 13 days
    )
    table = analysis.gap_summary(result).set_index("path")
    assert table.loc["a, expedited", "gap days (max)"] == 5
    b = table.loc["b, standard"]
    assert (b["rows with a path"], b["gap days (mean)"], b["gap days (max)"]) == (2, 6.5, 13)
    assert b["share with a gap"] == 0.5


def test_gap_summary_and_distribution_ignore_closed_paths():
    result = people(("2020-06-30", "2020-07-01", "b", False),   # late_card_expired
                    ("2021-06-30", "2021-06-30", "b", False))   # spec row 5: 29 days
    assert analysis.gap_summary(result)["rows with a path"].sum() == 1
    dist = analysis.gap_distribution(result)
    assert dist.loc[29, "b, standard"] == 1 and dist.to_numpy().sum() == 1


def test_expedited_gap_saving_pairs_standard_and_expedited_rows():
    # E = A = Fri 13 Nov 2020.  b: standard 13 Dec -> 29 days; expedited Wed 18 Nov -> 4 days.
    # a: standard 29 + (30 Jul 2021 after 30 Jun) 29 = 58; expedited 4 + 1 = 5 (spec row 2).
    result = explorer.sweep(("2020-11-13", "2020-11-13"), ("2020-11-13", "2020-11-13"),
                            delivery=(False,))
    table = analysis.expedited_gap_saving(result).set_index("option")
    assert table.loc["b", "days saved (mean)"] == 25
    assert table.loc["a", "days saved (mean)"] == 53
    assert table.loc["a", "extra fees per person (EUR)"] == 49.0
    assert table.loc["b", "EUR per day saved"] == round(24.5 / 25, 2)


def test_apply_on_last_working_day_uses_the_shifted_deadline():
    result = analysis.apply_on_last_working_day(("2020-11-15", "2020-11-15"), options=("b",))
    assert (result["application_date"] == D("2020-11-13")).all()  # Sunday 15 -> Friday 13
    gaps = dict(zip(result["expedited"], result["gap_days"], strict=True))
    assert gaps == {False: 27, True: 2}  # issued 13 Dec / Wed 18 Nov; card ended 15 Nov


def test_apply_on_last_working_day_after_the_transition_deadline_applies_on_it():
    result = analysis.apply_on_last_working_day(("2021-09-01", "2021-09-01"), options=("b",),
                                                expedited=(False,))
    assert result["application_date"].iloc[0] == D("2021-06-30")
    assert result["gap_days"].iloc[0] == 0  # issued 30 Jul 2021, card valid to 1 Sep


# (d) deadlines on non-working days

def test_deadline_shifts_on_spec_rows():
    result = people(("2020-11-15", "2020-10-01"), ("2020-12-26", "2020-12-10"),
                    ("2020-11-13", "2020-11-13"), ("2021-09-01", "2020-08-01"))
    table = analysis.deadline_shifts(result).set_index("card_expiry")
    sunday = table.loc[D("2020-11-15")]
    assert (sunday["apply_by_last_working_day"], sunday["shift days"]) == (D("2020-11-13"), 2)
    assert sunday["why"] == "Sunday"
    christmas = table.loc[D("2020-12-26")]
    assert (christmas["apply_by_last_working_day"], christmas["shift days"]) == (D("2020-12-23"), 3)
    assert christmas["why"].startswith("Saturday, ") and "Christmas" in christmas["why"]
    assert not table.loc[D("2020-11-13"), "on a non-working day"]
    assert table.loc[D("2021-09-01"), "apply_by"] == D("2021-06-30")
    assert table.loc[D("2021-09-01"), "shift days"] == 0


def test_deadline_shifts_names_a_weekday_holiday():
    result = people(("2020-11-17", "2020-11-01"))  # Tuesday, a public holiday
    row = analysis.deadline_shifts(result).iloc[0]
    names = holidays.country_holidays("SK", years=2020, language="en_US")
    assert row["shift days"] == 1
    assert row["why"] == names[dt.date(2020, 11, 17)]  # the holiday alone: not a weekend day


def test_deadline_shift_table_by_month():
    # Expiry 13 (Fri), 14 (Sat), 15 (Sun) Nov 2020: shifts 0, 1, 2.
    result = explorer.sweep(("2020-11-13", "2020-11-15"), ("2020-11-01", "2020-11-02"))
    row = analysis.deadline_shift_table(result).iloc[0]
    assert row["expiry period"] == D("2020-11-01")
    assert (row["expiry days"], row["on a non-working day"], row["max shift"]) == (3, 2, 2)
    assert row["share on a non-working day"] == pytest.approx(2 / 3)
    assert row["mean shift (all deadlines)"] == 1.0
    assert row["mean shift (shifted deadlines)"] == 1.5


def test_labels_cover_every_option_and_fee_choice():
    result = explorer.sweep(("2020-12-01", "2020-12-01"), ("2020-11-02", "2020-11-02"))
    assert set(analysis.path_label(result)) == {"a, standard", "a, expedited", "b, standard",
                                               "b, expedited"}
    assert set(analysis.fee_choice_label(result)) == set(analysis.FEE_CHOICES)
