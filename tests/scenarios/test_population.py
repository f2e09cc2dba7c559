"""Loading populations row by row (bad rows reported, never dropped) and synthetic populations."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import explorer
from explorer import ExplorerError
from explorer.scenarios.population import (
    BEHAVIOUR_COLUMN,
    check_population,
    load_assumptions,
    load_population,
    load_population_bytes,
    synthetic_chunks,
    synthetic_population,
)
from tests.paths import ROOT

SAMPLE = ROOT / "data" / "populations" / "sample.csv"

# The problems documented in data/populations/README.md: (row, column).
DOCUMENTED_BAD = {
    (10, "card_expiry"), (11, "option"), (12, "expedited"), (12, "weight"),
    (13, "application_date"), (14, "stamp_lead_days"), (15, "card_expiry"),
    (16, "applies_days_before_expiry"),
}


@pytest.fixture(scope="module")
def sample():
    return load_population(SAMPLE)


def _write_csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pop.csv"
    path.write_text(text)
    return path


def test_sample_reports_exactly_the_documented_bad_cells(sample):
    assert set(zip(sample.bad["row"], sample.bad["column"], strict=True)) == DOCUMENTED_BAD
    assert list(sample.bad.columns) == ["row", "column", "value", "reason"]


def test_every_row_is_either_good_or_reported(sample):
    assert sample.rows == 16
    good = set(sample.good.index)
    bad = set(sample.bad["row"])
    assert good.isdisjoint(bad)
    assert good | bad == set(range(1, 17))


def test_good_rows_keep_their_file_row_numbers_and_extra_columns(sample):
    assert list(sample.good.index) == list(range(1, 10))
    assert sample.good.index.name == "row"
    assert list(sample.good["id"]) == [f"h0{i}" for i in range(1, 10)]


def test_good_rows_of_the_sample_evaluate_to_the_worked_examples(sample):
    result = explorer.evaluate(sample.good)
    by_id = result.set_index("id")
    # spec/rules.md worked examples (rows 1-5 and 7-9 of the sample).
    assert by_id.loc["h01", "status"] == "choice" and by_id.loc["h01", "gap_days"] == 0
    assert by_id.loc["h02", "gap_days"] == 5 and by_id.loc["h02", "fees_eur"] == 49.0
    assert by_id.loc["h03", "status"] == "five_year_only" and by_id.loc["h03", "fees_eur"] == 27.5
    assert by_id.loc["h04", "gap_days"] == 13
    assert by_id.loc["h05", "gap_days"] == 29
    assert not by_id.loc["h07", "option_available"]
    assert by_id.loc["h08", "status"] == "late_card_expired"
    assert by_id.loc["h09", "status"] == "late_transition_deadline"


def test_behaviour_column_sets_application_date_before_or_after_expiry(sample):
    good = sample.good.set_index("id")
    assert good.loc["h04", "application_date"] == pd.Timestamp("2020-12-10")  # 16 days before
    assert good.loc["h05", "application_date"] == pd.Timestamp("2021-06-30")  # 0 days
    assert good.loc["h08", "application_date"] == pd.Timestamp("2020-07-01")  # -1: one day after


def test_filled_application_date_wins_over_the_behaviour_column(tmp_path):
    path = _write_csv(tmp_path, "card_expiry,application_date,applies_days_before_expiry\n"
                                "2021-03-10,2021-01-05,30\n2021-03-10,,30\n")
    load = load_population(path)
    assert list(load.good["application_date"]) == [pd.Timestamp("2021-01-05"), pd.Timestamp("2021-02-08")]
    assert load.bad.empty


def test_missing_card_expiry_column_is_a_whole_file_error_naming_file_and_column(tmp_path):
    path = _write_csv(tmp_path, "expiry,application_date\n2020-11-15,2020-10-01\n")
    with pytest.raises(ExplorerError) as info:
        load_population(path)
    assert info.value.field == "card_expiry"
    assert str(path) in str(info.value)


def test_missing_application_columns_is_a_whole_file_error(tmp_path):
    path = _write_csv(tmp_path, "card_expiry,option\n2020-11-15,b\n")
    with pytest.raises(ExplorerError) as info:
        load_population(path)
    assert info.value.field == "application_date"
    assert BEHAVIOUR_COLUMN in str(info.value) and str(path) in str(info.value)


def test_unknown_file_type_and_missing_file_raise(tmp_path):
    other = tmp_path / "pop.xlsx"
    other.write_text("x")
    with pytest.raises(ExplorerError, match="unknown file type"):
        load_population(other)
    with pytest.raises(ExplorerError, match="file not found"):
        load_population(tmp_path / "none.csv")


def test_bytes_of_a_file_load_as_the_file_does_named_by_the_given_name(sample):
    load = load_population_bytes("holders.csv", SAMPLE.read_bytes())
    assert load.source == "holders.csv"
    pd.testing.assert_frame_equal(load.good, sample.good)
    pd.testing.assert_frame_equal(load.bad, sample.bad)
    assert load.rows == sample.rows


def test_bytes_are_named_by_the_last_part_of_the_name_only():
    data = b"card_expiry,application_date\n2021-03-10,2020-12-23\n"
    assert load_population_bytes("../../etc/holders.csv", data).source == "holders.csv"
    assert load_population_bytes("", data).source == "upload.csv"


@pytest.mark.parametrize("name", ["x.txt", "holders.xlsx", "holders.csv.gz", "holders"])
def test_bytes_named_other_than_csv_or_parquet_are_refused_naming_the_name(name):
    with pytest.raises(ExplorerError) as info:
        load_population_bytes(name, b"card_expiry,application_date\n2021-03-10,2020-12-23\n")
    assert (info.value.field, info.value.value) == ("file", name)
    assert "unknown file type" in str(info.value) and ".csv or .parquet" in str(info.value)


def test_an_error_in_bytes_names_the_given_name_never_the_temporary_copy():
    with pytest.raises(ExplorerError) as info:
        load_population_bytes("holders.csv", b"expiry,application_date\n2020-11-15,2020-10-01\n")
    assert info.value.field == "card_expiry"
    assert "holders.csv" in str(info.value) and "rx-upload-" not in str(info.value)
    with pytest.raises(ExplorerError) as info:
        load_population_bytes("holders.parquet", b"not parquet at all")
    assert info.value.value == "holders.parquet" and "rx-upload-" not in str(info.value)


@pytest.mark.parametrize(("column", "value", "reason"), [
    ("stamp_channel", "pigeon", "unknown value"),
    ("payment", "barter", "unknown value"),
    ("years_resided", "-1", "negative"),
    ("weight", "many", "not a number"),
    ("weight", "inf", "not a finite number"),
    ("stamp_lead_days", "1.5", "not a whole number"),
    ("delivery", "perhaps", "not a flag"),
    ("second_application_date", "2021-02-30", "not a date"),
    ("application_date", "1800-01-01", "outside the supported dates"),
])
def test_each_kind_of_bad_cell_is_reported_and_the_other_rows_kept(column, value, reason):
    frame = pd.DataFrame({"card_expiry": ["2020-11-15"] * 3, "application_date": ["2020-10-01"] * 3})
    frame[column] = [None, value, None] if column != "application_date" else \
        ["2020-10-01", value, "2020-10-02"]
    load = check_population(frame)
    assert list(load.good.index) == [1, 3]
    assert load.bad[["row", "column", "value"]].values.tolist() == [[2, column, value]]
    assert reason in load.bad["reason"].iloc[0]
    explorer.evaluate(load.good)  # good rows are usable as they are


def test_blank_optional_cells_take_the_engine_defaults(tmp_path):
    header = "card_expiry,application_date,option,expedited,accommodation_submitted_before,weight"
    path = _write_csv(tmp_path, header + "\n2020-11-15,2020-10-01,,,,\n")
    good = load_population(path).good
    assert good["option"].iloc[0] == "b" and not good["expedited"].iloc[0]
    assert good["accommodation_submitted_before"].iloc[0] and good["weight"].iloc[0] == 1.0


def test_second_application_on_or_before_the_first_is_bad_only_where_path_a_is_open():
    frame = pd.DataFrame({
        "card_expiry": ["2020-11-15", "2021-09-01"],
        "application_date": ["2020-10-01", "2020-10-01"],
        "option": ["a", "a"],
        "second_application_date": ["2020-09-01", "2020-09-01"],
    })
    load = check_population(frame)
    assert load.bad[["row", "column"]].values.tolist() == [[1, "second_application_date"]]
    assert list(load.good.index) == [2]  # path a is closed there: the engine ignores the day
    explorer.evaluate(load.good)


def test_parquet_with_typed_columns_is_checked_like_csv(tmp_path):
    frame = pd.DataFrame({
        "card_expiry": pd.to_datetime(["2020-11-15", "2021-03-10", None]),
        BEHAVIOUR_COLUMN: [45, 10, 5],
        "expedited": [True, False, True],
        "weight": [1.0, -3.0, 2.0],
    })
    path = tmp_path / "pop.parquet"
    frame.to_parquet(path)
    load = load_population(path)
    assert list(load.good.index) == [1]
    assert load.good["application_date"].iloc[0] == pd.Timestamp("2020-10-01")
    assert set(zip(load.bad["row"], load.bad["column"], strict=True)) == {(2, "weight"), (3, "card_expiry")}


_cells = {
    "card_expiry": st.sampled_from(["2020-11-15", "2021-05-20", "", "2020-02-30", "x", "2022-01-01"]),
    "application_date": st.sampled_from(["2020-10-01", "2021-07-01", "", "soon", "2020-12-31"]),
    BEHAVIOUR_COLUMN: st.sampled_from(["", "10", "-5", "2.5", "abc", "400"]),
    "option": st.sampled_from(["a", "b", "", "A ", "z"]),
    "expedited": st.sampled_from(["true", "no", "", "1", "maybe"]),
    "second_application_date": st.sampled_from(["", "2021-06-30", "2020-09-01", "bad"]),
    "stamp_lead_days": st.sampled_from(["", "0", "3", "-1", "x"]),
    "weight": st.sampled_from(["", "1", "2.5", "-1", "nan"]),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries(_cells), min_size=1, max_size=25))
def test_no_row_is_ever_dropped_silently_and_good_rows_always_evaluate(records):
    frame = pd.DataFrame(records)
    load = check_population(frame)
    good, bad = set(load.good.index), set(load.bad["row"])
    assert good.isdisjoint(bad) and good | bad == set(range(1, len(frame) + 1))
    explorer.evaluate(load.good)


def test_synthetic_population_is_seeded():
    a = synthetic_population(1000, seed=7)
    pd.testing.assert_frame_equal(a, synthetic_population(1000, seed=7))
    assert not a.equals(synthetic_population(1000, seed=8))


def test_synthetic_population_follows_its_documented_assumptions():
    assumptions = load_assumptions()
    n = 200_000
    pop = synthetic_population(n, seed=3)
    years = pop["card_expiry"].dt.year.value_counts(normalize=True)
    for year, share in assumptions["expiry"]["year_shares"].items():
        assert abs(years[int(year)] - share) < 0.01
    assert abs((pop["option"] == "a").mean() - assumptions["option_shares"]["a"]) < 0.01
    assert abs(pop["expedited"].mean() - assumptions["expedited_share"]) < 0.01
    assert abs(pop["delivery"].mean() - assumptions["delivery_share"]) < 0.01
    lead = (pop["card_expiry"] - pop["application_date"]).dt.days
    app = assumptions["application"]
    assert abs((lead < 0).mean() - app["late_share"]) < 0.01
    assert lead.max() <= max(b[1] for b in app["days_before_expiry"])
    assert -lead.min() <= max(b[1] for b in app["days_after_expiry"])
    assert set(pop["weight"].unique()) <= set(map(float, assumptions["weight"]["values"]))
    assert check_population(pop.reset_index(drop=True)).bad.empty


def test_synthetic_chunks_cover_n_rows_with_continuous_row_numbers():
    chunks = list(synthetic_chunks(25_000, chunk_rows=10_000, seed=1))
    assert [len(c) for c in chunks] == [10_000, 10_000, 5_000]
    stacked = pd.concat(chunks)
    assert list(stacked.index) == list(range(1, 25_001))


@pytest.mark.parametrize("change", [
    {"option_shares": {"a": 0.5, "b": 0.6}},
    {"expedited_share": 1.5},
    {"option_shares": {"a": 0.5, "c": 0.5}},
    {"weight": {"values": [1, 2], "shares": [1.0]}},
])
def test_bad_assumptions_raise_explorer_error(change):
    assumptions = {**load_assumptions(), **change}
    with pytest.raises(ExplorerError):
        synthetic_population(10, assumptions=assumptions)


def test_negative_n_is_rejected():
    with pytest.raises(ExplorerError):
        synthetic_population(-1)
    assert len(synthetic_population(0)) == 0
    assert np.issubdtype(synthetic_population(0)["card_expiry"].dtype, np.datetime64)


@pytest.mark.parametrize("frame, params, field", [
    (["not", "a", "table"], None, "frame"),
    (pd.DataFrame({"card_expiry": ["2020-08-20"], "application_date": ["2020-07-20"]}), "params", "params"),
    (pd.DataFrame([["2020-08-20", "2020-07-20", "2020-07-21"]],
                  columns=["card_expiry", "application_date", "application_date"]), None, "application_date"),
])
def test_a_whole_table_is_refused_alike_by_evaluate_and_by_a_population_check(frame, params, field):
    refusals = []
    for check in (explorer.evaluate, check_population):
        with pytest.raises(ExplorerError) as caught:
            check(frame, explorer.load_parameters() if params is None else params)
        refusals.append((caught.value.field, caught.value.value, caught.value.allowed))
    assert refusals[0] == refusals[1] and refusals[0][0] == field
