"""The spec's worked rows as cases a domain expert can read (tests/cases/*.yaml): each case's
inputs, readings and expected outputs, checked field by field through the engine (all cases in one
frame, and each alone) and through the scalar reading, the tests' second opinion.

Expected values are typed from spec/rules.md by hand, never computed with the code.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pandas as pd
import pytest
import yaml

import explorer
from explorer.core.engine import OUTPUT_COLUMNS
from explorer.core.inputs import INPUT_COLUMNS
from tests.paths import CASES_DIR
from tests.support.scalar_reading import ScenarioInputs, evaluate_scenario

PATH_OUTPUTS = ("first_issued_by", "five_year_issued_by", "five_year_valid_until", "gap_days", "stamp_ok",
                "path_status", "stamp_refund_by", "bok_venue_types")
"""Outputs that exist only on a path: missing where no option is available."""


def _load() -> dict[str, dict[str, Any]]:
    cases: dict[str, dict[str, Any]] = {}
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            assert set(case) <= {"name", "spec", "note", "readings", "inputs", "expected"}, case
            assert case["name"] not in cases, f"two cases named {case['name']}"
            cases[case["name"]] = {"file": path.name, "readings": {}, **case}
    return cases


CASES = _load()
FIELDS = [(name, field) for name, case in CASES.items() for field in case["expected"]]


def _plain(value: Any, field: str) -> Any:
    """An engine or scalar output in the form the cases write it: dates, bools, ints, text, None."""
    if value is None or value is pd.NaT or (not isinstance(value, str | bool) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp | dt.date):
        return pd.Timestamp(value).date()
    if field == "fees_eur":
        return Decimal(repr(float(value))).quantize(Decimal("0.01"))
    if isinstance(value, bool) or field in ("stamp_ok", "option_available", "applied_after_expiry"):
        return bool(value)
    if isinstance(value, str) or hasattr(value, "categories"):
        return str(value)
    return int(value)


def _expected(value: Any, field: str) -> Any:
    if field == "fees_eur" and value is not None:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    return value


def _frame(names: list[str]) -> pd.DataFrame:
    return pd.DataFrame([CASES[n]["inputs"] for n in names], index=names)


@pytest.fixture(scope="module")
def engine_rows(params) -> dict[str, pd.Series]:
    """Every case through the engine: cases sharing their readings in one frame."""
    rows: dict[str, pd.Series] = {}
    groups: dict[tuple, list[str]] = {}
    for name, case in CASES.items():
        groups.setdefault(tuple(sorted(case["readings"].items())), []).append(name)
    for readings, names in groups.items():
        result = explorer.evaluate(_frame(names), params.replace(**dict(readings)))
        rows.update({n: result.loc[n] for n in names})
    return rows


def test_every_case_file_holds_cases_that_name_their_spec_row_and_expect_something():
    assert {p.name for p in CASES_DIR.glob("*.yaml")} == {"worked_examples.yaml", "readings.yaml"}
    assert sum(c["file"] == "worked_examples.yaml" for c in CASES.values()) == 11  # the spec's table
    for case in CASES.values():
        assert case["spec"] and case["expected"], case["name"]
        assert set(case["expected"]) <= {*OUTPUT_COLUMNS, *INPUT_COLUMNS}, case["name"]  # or an input


@pytest.mark.parametrize(("name", "field"), FIELDS, ids=[f"{n}-{f}" for n, f in FIELDS])
def test_engine_gives_each_case_its_expected_output(engine_rows, name, field):
    got = _plain(engine_rows[name][field], field)
    want = _expected(CASES[name]["expected"][field], field)
    assert got == want, f"{name}: {field} = {got!r}, the spec says {want!r}"


def _person(inputs: dict[str, Any]) -> ScenarioInputs:
    return ScenarioInputs(**inputs)


@pytest.mark.parametrize("name", list(CASES))
def test_scalar_reading_gives_each_case_its_expected_outputs(params, name):
    case = CASES[name]
    got = evaluate_scenario(_person(case["inputs"]), params.replace(**case["readings"]))
    got["fees_eur"] = None if got["fees_cents"] is None else Decimal(got["fees_cents"]).scaleb(-2)
    for field, want in case["expected"].items():
        if field in INPUT_COLUMNS:
            continue  # a defaulted input (second_application_date): the scalar reading returns outputs only
        value = got[field]
        value = value.quantize(Decimal("0.01")) if field == "fees_eur" else value
        assert value == _expected(want, field), f"{name}: scalar {field} = {value!r}, the spec says {want!r}"


@pytest.mark.parametrize("name", list(CASES))
def test_each_case_alone_gives_the_row_it_gives_among_the_others(params, engine_rows, name):
    case = CASES[name]
    alone = explorer.evaluate(_frame([name]), params.replace(**case["readings"])).loc[name]
    pd.testing.assert_series_equal(alone, engine_rows[name], check_categorical=False, check_names=False)


WITHOUT_A_PATH = [n for n, c in CASES.items() if c["expected"].get("option_available") is False]


@pytest.mark.parametrize("name", WITHOUT_A_PATH)
def test_cases_without_a_path_have_every_path_output_missing_and_nothing_counted(engine_rows, name):
    row = engine_rows[name]
    assert not row["option_available"]
    for field in PATH_OUTPUTS:
        assert pd.isna(row[field]), field
    assert (row["applications"], row["visits"], row["fees_cents"], row["fees_eur"]) == (0, 0, 0, 0.0)
