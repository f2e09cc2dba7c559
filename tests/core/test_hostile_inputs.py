"""Hostile inputs: numbers out of range, odd frames and parameters, and the one validator shared by
evaluate, the population loader and the command line's --set."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import explorer
from explorer import ExplorerError
from explorer.interfaces import cli
from explorer.scenarios.population import check_population, load_population

ROW = {"card_expiry": "2021-03-10", "application_date": "2020-12-23", "option": "b", "expedited": True}
GRID = ["--expiry", "2020-10-01:2020-12-31", "--application", "2020-10-01:2020-11-30", "--freq", "MS"]


def frame(**changes) -> pd.DataFrame:
    return pd.DataFrame([ROW, {**ROW, **changes}], index=["p0", "p1"])


@pytest.mark.parametrize(("column", "value", "problem"), [
    ("stamp_lead_days", 4294967296, "above 3,650"),
    ("stamp_lead_days", 1e20, "above 3,650"),
    ("stamp_lead_days", 2 ** 63 - 1, "above 3,650"),
    ("stamp_lead_days", "9223372036854775808", "above 3,650"),
    ("stamp_lead_days", float("inf"), "not a finite number"),
    ("stamp_lead_days", "nan", "not a number"),
    ("years_resided", 1e9, "above 150"),
    ("years_resided", -0.5, "negative"),
])
def test_numbers_outside_their_range_name_column_value_and_range(column, value, problem):
    with pytest.raises(ExplorerError) as info:
        explorer.evaluate(frame(**{column: value}))
    assert (info.value.field, info.value.row, info.value.problem) == (column, "p1", problem)
    assert "from 0 to" in info.value.allowed


def test_a_lead_of_two_to_the_32_does_not_make_every_stamp_valid(params):
    frame_ = pd.DataFrame({"card_expiry": ["2021-03-10"], "application_date": ["2020-12-23"],
                           "expedited": [True], "stamp_lead_days": np.array([2 ** 32], dtype=np.int64)})
    with pytest.raises(ExplorerError):
        explorer.evaluate(frame_, params)


def test_a_population_row_with_a_huge_number_is_a_bad_row_and_the_run_goes_on(tmp_path, params):
    path = tmp_path / "holders.csv"
    path.write_text("card_expiry,application_date,stamp_lead_days,years_resided,weight\n"
                    "2021-03-10,2020-12-23,3,1,1\n"
                    "2021-03-10,2020-12-23,4294967296,1,1\n"
                    "2021-03-10,2020-12-23,3,1e9,1\n"
                    "2021-03-10,2020-12-23,3,1,1e300\n", encoding="utf-8")
    load = load_population(path, params)
    assert len(load.good) == 1 and load.bad["row"].tolist() == [2, 3, 4]
    assert load.bad["column"].tolist() == ["stamp_lead_days", "years_resided", "weight"]
    assert all("above" in reason and "(allowed:" in reason for reason in load.bad["reason"])
    assert len(explorer.evaluate(load.good, params)) == 1


@pytest.mark.parametrize(("text", "expected"), [("1.0", True), ("0.0", False), (" YES ", True), ("f", False)])
def test_evaluate_and_the_population_loader_read_flags_alike(params, text, expected):
    direct = explorer.evaluate(frame(delivery=text), params)
    loaded = check_population(pd.DataFrame([{**ROW, "delivery": text}]).astype(str), params)
    assert direct.loc["p1", "delivery"] == expected == bool(loaded.good["delivery"].iloc[0])


@pytest.mark.parametrize("text", ["2.0", "maybe", "=1+1"])
def test_evaluate_and_the_population_loader_refuse_the_same_flags(params, text):
    with pytest.raises(ExplorerError) as info:
        explorer.evaluate(frame(delivery=text), params)
    loaded = check_population(pd.DataFrame([{**ROW, "delivery": text}]).astype(str), params)
    assert loaded.good.empty and info.value.problem in loaded.bad["reason"].iloc[0]


def test_mixed_time_zone_offsets_keep_each_local_day(params):
    rows = pd.DataFrame({"card_expiry": ["2021-03-10T23:30:00+01:00", "2021-03-10T01:00:00-05:00"],
                         "application_date": ["2020-12-23", "2020-12-23"]})
    result = explorer.evaluate(rows, params)
    assert result["card_expiry"].tolist() == [pd.Timestamp("2021-03-10")] * 2


def test_duplicate_column_names_are_an_explorer_error(params):
    rows = pd.DataFrame([["2021-03-10", "2020-12-23", "a", "b"]],
                        columns=["card_expiry", "application_date", "option", "option"])
    with pytest.raises(ExplorerError) as info:
        explorer.evaluate(rows, params)
    assert info.value.field == "option" and "duplicate column" in str(info.value)
    with pytest.raises(ExplorerError):
        check_population(rows, params)


@pytest.mark.parametrize("bad", ["parameters.yaml", 42, {"fee_card": 0}])
def test_params_that_are_not_parameters_are_an_explorer_error(bad):
    with pytest.raises(ExplorerError) as info:
        explorer.evaluate(frame(), bad)
    assert info.value.field == "params"
    with pytest.raises(ExplorerError):
        check_population(frame(), bad)


def test_unhashable_cells_are_bad_values_not_crashes(params):
    rows = frame(option=["a"])
    rows.loc["p0", "option"] = "b"
    with pytest.raises(ExplorerError) as info:
        explorer.evaluate(rows, params)
    assert info.value.field == "option" and info.value.row == "p1"


# -- the command line's --set ---------------------------------------------------------------------


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("setting", "words"), [
    ("expedited=yes", ["--set expedited", "use --expedited"]),
    ("delivery=no", ["use --delivery"]),
    ("freq=W", ["use --freq"]),
    ("max_rows=5", ["use --max-rows"]),
    ("expiry=2020-01-01", ["use --expiry"]),
    ("params=x", ["use --params"]),
    ("stamp_lead_days=4294967296", ["--set stamp_lead_days", "4294967296", "above 3,650"]),
    ("stamp_lead_days=1e20", ["above 3,650"]),
    ("years_resided=1e9", ["above 150"]),
    ("stamp_lead_days=nan", ["not a number"]),
    ("address_changed=perhaps", ["not a flag"]),
])
def test_set_refuses_what_it_cannot_fix_in_one_line(capsys, tmp_path, setting, words):
    code, out, err = run(capsys, "sweep", *GRID, "--set", setting, "--out", str(tmp_path / "r.csv"))
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    for word in words:
        assert word in err
    assert list(tmp_path.iterdir()) == []


def test_set_converts_values_as_evaluate_does(capsys, tmp_path):
    path = tmp_path / "r.parquet"
    code, _, err = run(capsys, "sweep", *GRID, "--set", "address_changed=1.0", "--set", "stamp_lead_days=3",
                       "--set", "stamp_channel= Post_Office ", "--out", str(path))
    assert (code, err) == (0, "")
    back = pd.read_parquet(path)
    assert back["address_changed"].all() and (back["stamp_lead_days"] == 3).all()
    assert set(back["stamp_channel"]) == {"post_office"}


@pytest.mark.parametrize("fee", ["Infinity", "1e30"])
def test_a_reform_with_a_fee_of_infinity_is_a_one_line_error(capsys, tmp_path, fee):
    reform = tmp_path / "r.yaml"
    reform.write_text(f"name: r\ndescription: d\nchanges:\n  fee_expedited: '{fee}'\n", encoding="utf-8")
    code, _, err = run(capsys, "summary", *GRID, "--reform", str(reform))
    assert code == 2 and "fee_expedited" in err and "Traceback" not in err and err.count("\n") == 1


def test_a_sub_day_frequency_is_refused_before_any_day_is_built(capsys):
    code, _, err = run(capsys, "summary", "--expiry", "2020-01-01:2089-12-31", "--application",
                       "2020-01-01:2089-12-31", "--freq", "1us")
    assert code == 2 and "freq" in err and "a day or more" in err

