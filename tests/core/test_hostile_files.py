"""Hostile files: YAML alias bombs, oversized and deeply nested files, huge values in messages,
parameters files with out-of-order or out-of-range values, nested Parquet columns."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

import explorer
from explorer import ExplorerError, ParameterFileError
from explorer.core.limits import MAX_YAML_BYTES
from explorer.scenarios.population import load_assumptions, load_population

GOOD_HEAD = "name: x\ndescription: a test reform\n"


def alias_bomb(levels: int = 7) -> str:
    """A "billion laughs" list: 9**levels strings once expanded, a few hundred bytes on disk (7 levels:
    4.8 million strings, enough to be refused, small enough that the old code fails in seconds)."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


MAX_CALLS = 1_000_000
"""Most Python function calls refusing a small file may take: the file's values are counted, never
expanded (walking 4.8 million strings takes millions of calls).  A count of work, not a time, so the check
gives the same answer on a loaded machine; benchmarks/bench_hostile.py measures the time."""


def _refused_fast(load, path: Path, max_calls: int = MAX_CALLS) -> ExplorerError:
    calls = 0

    def count(frame, event, arg):  # noqa: ARG001 - sys.setprofile's signature
        nonlocal calls
        calls += event == "call"

    sys.setprofile(count)
    try:
        with pytest.raises(ExplorerError) as info:
            load(path)
    finally:
        sys.setprofile(None)
    assert calls < max_calls, f"{calls:,} Python calls"
    assert len(str(info.value)) < 800
    assert str(path) in str(info.value)
    return info.value


def test_a_reform_giving_a_parameter_twice_is_refused_naming_it_not_taking_the_last(tmp_path):
    path = tmp_path / "twice.yaml"
    changes = "changes:\n  fee_expedited: 0.00\n  fee_delivery: 1.00\n  fee_expedited: 99.00\n"
    path.write_text(GOOD_HEAD + changes, encoding="utf-8")
    with pytest.raises(ParameterFileError) as info:
        explorer.load_reform(path)
    message = str(info.value)
    assert "given twice in one mapping: fee_expedited (line 4)" in message and str(path) in message
    assert "with each key given once" in message


def test_a_mapping_with_several_keys_given_twice_names_each_once(tmp_path):
    keys = "".join(f"k{i}: 1\n" for i in range(2_000))
    path = tmp_path / "many.yaml"
    path.write_text(keys + keys[:12] + "k1: 2\n", encoding="utf-8")  # k0 and k1 again, k1 a third time
    with pytest.raises(ParameterFileError) as info:
        explorer.load_reform(path)
    assert "given twice in one mapping: k0, k1 (line 1)" in str(info.value)


def test_a_reform_whose_name_is_an_alias_bomb_is_refused_at_once(tmp_path):
    bomb = alias_bomb().replace("a6: &a6", "name: &a6")
    path = tmp_path / "bomb.yaml"
    path.write_text("description: d\nchanges: {}\n" + bomb.replace("name: x\n", ""), encoding="utf-8")
    assert len(path.read_bytes()) < 1000
    error = _refused_fast(explorer.load_reform, path)
    assert "aliases expand too far" in str(error)


def test_a_parameters_file_with_an_alias_bomb_is_refused_at_once(tmp_path, raw_parameters):
    text = yaml.safe_dump(raw_parameters) + alias_bomb()
    path = tmp_path / "parameters.yaml"
    path.write_text(text, encoding="utf-8")
    error = _refused_fast(explorer.load_parameters, path)
    assert isinstance(error, ParameterFileError) and "20,000 values" in str(error)


def test_an_assumptions_file_with_an_alias_bomb_is_refused_at_once(tmp_path):
    path = tmp_path / "assumptions.yaml"
    path.write_text(alias_bomb(), encoding="utf-8")
    _refused_fast(load_assumptions, path)


def test_a_recursive_alias_is_refused(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(GOOD_HEAD + "changes: &c {fee_card: *c}\n", encoding="utf-8")
    assert "aliases expand too far" in str(_refused_fast(explorer.load_reform, path))


def test_deep_nesting_is_refused(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text(GOOD_HEAD + "changes: {fee_card: " + "[" * 5000 + "]" * 5000 + "}\n", encoding="utf-8")
    assert "nested too deeply" in str(_refused_fast(explorer.load_reform, path))


def test_a_file_over_the_size_limit_is_refused_naming_the_limit(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(GOOD_HEAD + "changes: {}\n# " + "x" * MAX_YAML_BYTES + "\n", encoding="utf-8")
    error = _refused_fast(explorer.load_reform, path)
    assert "file too big" in str(error) and f"{MAX_YAML_BYTES:,} bytes" in str(error)


def test_a_huge_value_is_shown_as_a_short_preview():
    error = ExplorerError("name", "x" * 10_000_000, "text", row=["y"] * 1_000_000)
    assert len(str(error)) < 600 and "xxx..." in str(error)
    nested: list = []
    nested.append(nested)
    assert len(str(ExplorerError("name", nested, "text"))) < 200
    assert "<int>" in str(ExplorerError("n", 10 ** 5000, "a small number"))


def test_a_reform_with_a_long_name_of_the_wrong_type_gives_a_short_message(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text("name: [" + ", ".join(["lol"] * 10_000) + "]\ndescription: d\nchanges: {}\n",
                    encoding="utf-8")
    # parsing 10,000 items takes about 1.2 million calls of PyYAML's parser; nothing more
    assert "wrong type" in str(_refused_fast(explorer.load_reform, path, max_calls=3 * MAX_CALLS))


# -- parameters files: order of `since`, supported values ------------------------------------------


def test_since_dates_out_of_order_in_a_parameters_file_are_refused(raw_parameters, write_parameters):
    raw_parameters["parameters"]["fee_expedited"]["values"] = [
        {"value": "24.50"}, {"since": "2021-07-01", "value": "2.00"},
        {"since": "2021-01-01", "value": "24.50"}]
    with pytest.raises(ParameterFileError) as info:
        explorer.load_parameters(write_parameters(raw_parameters))
    assert info.value.field == "parameters.fee_expedited.values[2].since"
    assert "increasing order" in str(info.value) and "2021-01-01" in str(info.value)


@pytest.mark.parametrize(("name", "value", "words"), [
    ("standard_processing", "99999999 days", ("longer than 3,650 days",)),
    ("five_year_validity", "500 years", ("longer than 10 years",)),
    ("transition_deadline", "9999-06-30", ("outside the supported dates", "2089-12-31")),
    ("fee_expedited", "92233720368547758", ("above the largest amount", "1,000,000.00")),
    ("fee_expedited", "Infinity", ("not a finite amount",)),
    ("fee_expedited", "1e30", ("above the largest amount",)),
    ("max_years_resided", 10 ** 30, ("out of range", "150")),
])
def test_values_outside_the_supported_range_are_refused_in_a_parameters_file(
        raw_parameters, write_parameters, name, value, words):
    raw_parameters["parameters"][name]["values"] = [{"value": value}]
    path = write_parameters(raw_parameters)
    with pytest.raises(ParameterFileError) as info:
        explorer.load_parameters(path)
    assert name in info.value.field and str(path) in str(info.value)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("value", ["Infinity", "1e30", "-Infinity", "NaN"])
def test_a_fee_that_is_not_a_finite_amount_is_an_explorer_error(params, value):
    with pytest.raises(ExplorerError) as info:
        params.replace(fee_expedited=value)
    assert info.value.field == "fee_expedited"


def test_a_date_parameter_outside_the_supported_dates_is_refused_by_replace(params):
    with pytest.raises(ExplorerError) as info:
        params.replace(transition_deadline="2150-01-01")
    assert "outside the supported dates" in str(info.value)


@pytest.mark.parametrize(("calendar", "field"), [
    ({"country": "XX"}, "calendar.country"),
    ({"language": "tlh"}, "calendar.language"),
    ({"holiday_years": [1990, 99999]}, "calendar.holiday_years"),
    ({"holiday_years": [1990, ".inf"]}, "calendar"),
])
def test_a_bad_calendar_is_a_parameter_file_error(raw_parameters, write_parameters, calendar, field):
    raw_parameters["calendar"].update(calendar)
    if calendar.get("holiday_years", [0, 0])[1] == ".inf":
        raw_parameters["calendar"]["holiday_years"] = [1990, float("inf")]
    with pytest.raises(ParameterFileError) as info:
        explorer.load_parameters(write_parameters(raw_parameters))
    assert info.value.field == field


# -- population files -----------------------------------------------------------------------------


def test_a_parquet_file_with_nested_values_is_a_one_line_error(tmp_path):
    path = tmp_path / "nested.parquet"
    pd.DataFrame({"card_expiry": [["2021-01-01"], ["2021-02-01"]],
                  "application_date": ["2020-12-01", "2020-12-02"]}).to_parquet(path)
    with pytest.raises(ExplorerError) as info:
        load_population(path)
    assert info.value.field == "card_expiry" and "nested values" in str(info.value)


def test_nested_values_in_a_column_the_explorer_does_not_read_are_kept(tmp_path):
    path = tmp_path / "nested.parquet"
    pd.DataFrame({"card_expiry": ["2021-01-01"], "application_date": ["2020-12-01"],
                  "tags": [["a", "b"]]}).to_parquet(path)
    load = load_population(path)
    assert len(load.good) == 1 and list(load.good["tags"].iloc[0]) == ["a", "b"]


def test_a_population_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("explorer.scenarios.population.MAX_POPULATION_BYTES", 100)
    path = tmp_path / "big.csv"
    path.write_text("card_expiry,application_date\n" + "2021-01-01,2020-12-01\n" * 10, encoding="utf-8")
    with pytest.raises(ExplorerError) as info:
        load_population(path)
    assert "at most 100 bytes" in str(info.value) and "--dask" in str(info.value)


def test_a_huge_cell_is_cut_in_the_bad_row_report(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("card_expiry,application_date\n" + "9" * 1_000_000 + ",2020-12-01\n", encoding="utf-8")
    load = load_population(path)
    assert load.bad_rows == 1 and len(load.bad["value"].iloc[0]) <= 120
