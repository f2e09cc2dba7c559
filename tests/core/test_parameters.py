"""The parameter file: every value sourced and explained; replace() safe; money exact; clear errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import explorer
from explorer import ExplorerError, ParameterFileError

# The spec's parameter table (spec/rules.md "Parameters"), typed from the spec.
SPEC_BASELINE = {
    "choice_window_end": dt.date(2020, 12, 31),
    "status_change_date": dt.date(2021, 1, 1),
    "transition_deadline": dt.date(2021, 6, 30),
    "eu_card_valid_until": dt.date(2021, 6, 30),
    "five_year_validity": "5 years",
    "standard_processing": "30 days",
    "expedited_processing": "2 working_days",
    "fee_card": Decimal("0.00"),
    "fee_expedited": Decimal("24.50"),
    "fee_delivery": Decimal("3.00"),
    "stamp_refund_window": "2 years",
    "max_years_resided": 5,
    "bok_wider_activation_from": dt.date(2025, 8, 14),
}


def test_every_parameter_has_a_source_unit_and_interpretation(params):
    assert len(params.names) >= len(SPEC_BASELINE)
    for name in params:
        p = params[name]
        assert p.source.document.strip(), name
        assert p.source.date.strip(), name
        assert p.source.section.strip(), name
        assert p.unit.strip(), name
        assert p.interpretation.strip(), name


@pytest.mark.parametrize("name", sorted(SPEC_BASELINE))
def test_baseline_values_are_the_spec_table(params, name):
    assert params.value(name) == SPEC_BASELINE[name]


def test_stamp_channels_validity_and_payment_are_the_spec_table(params):
    assert params.value("stamp_validity") == {"online": "30 days", "mobile_app": "30 days",
                                              "vending_machine": "30 days", "post_office": "2 years"}
    assert params.value("stamp_payment") == {"online": ["card"], "mobile_app": ["card"],
                                             "vending_machine": ["card", "cash"],
                                             "post_office": ["card", "cash"]}


def test_table_lists_every_parameter_with_its_source(params):
    table = params.table()
    assert set(table["parameter"]) == set(params.names)
    assert list(table.columns) == ["parameter", "since", "value", "unit", "source", "interpretation"]
    assert table["source"].str.len().gt(0).all()


def _error_names(exc: ExplorerError, path, key: str) -> None:
    message = str(exc)
    assert str(path) in message
    assert key in message
    assert exc.source == str(path)


def test_a_parameter_without_a_source_fails_to_load_naming_file_and_key(raw_parameters, write_parameters):
    del raw_parameters["parameters"]["fee_expedited"]["source"]
    path = write_parameters(raw_parameters)
    with pytest.raises(ParameterFileError) as info:
        explorer.load_parameters(path)
    _error_names(info.value, path, "parameters.fee_expedited.source")


def test_a_source_without_a_section_fails_to_load(raw_parameters, write_parameters):
    del raw_parameters["parameters"]["transition_deadline"]["source"]["section"]
    path = write_parameters(raw_parameters)
    with pytest.raises(ParameterFileError) as info:
        explorer.load_parameters(path)
    _error_names(info.value, path, "parameters.transition_deadline.source")


def test_a_source_with_an_unknown_document_reference_fails_to_load(raw_parameters, write_parameters):
    raw_parameters["parameters"]["fee_delivery"]["source"] = {"ref": "NOPE", "section": "Fees"}
    path = write_parameters(raw_parameters)
    with pytest.raises(ParameterFileError) as info:
        explorer.load_parameters(path)
    _error_names(info.value, path, "parameters.fee_delivery.source")


@pytest.mark.parametrize("field", ["unit", "interpretation"])
def test_a_parameter_without_unit_or_interpretation_fails_to_load(raw_parameters, write_parameters, field):
    del raw_parameters["parameters"]["standard_processing"][field]
    path = write_parameters(raw_parameters)
    with pytest.raises(ParameterFileError) as info:
        explorer.load_parameters(path)
    _error_names(info.value, path, f"parameters.standard_processing.{field}")


def test_the_unmodified_file_round_trips(raw_parameters, write_parameters, params):
    loaded = explorer.load_parameters(write_parameters(raw_parameters))
    assert loaded.table().equals(params.table())


def test_bad_yaml_names_the_file(write_parameters):
    path = write_parameters("parameters:\n  fee_card: [unclosed\n")
    with pytest.raises(ParameterFileError) as info:
        explorer.load_parameters(path)
    assert str(path) in str(info.value)
    assert "YAML" in str(info.value)


def test_a_missing_file_names_the_file(tmp_path):
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(ParameterFileError) as info:
        explorer.load_parameters(path)
    assert str(path) in str(info.value)


def test_a_missing_parameter_names_file_and_key(raw_parameters, write_parameters):
    del raw_parameters["parameters"]["fee_delivery"]
    path = write_parameters(raw_parameters)
    with pytest.raises(ParameterFileError) as info:
        explorer.load_parameters(path)
    _error_names(info.value, path, "parameters.fee_delivery")


def test_a_bad_date_names_file_key_and_value(raw_parameters, write_parameters):
    raw_parameters["parameters"]["transition_deadline"]["values"] = [{"value": "2021-13-45"}]
    path = write_parameters(raw_parameters)
    with pytest.raises(ParameterFileError) as info:
        explorer.load_parameters(path)
    _error_names(info.value, path, "parameters.transition_deadline")
    assert "2021-13-45" in str(info.value)


def test_a_bad_since_date_names_file_and_key(raw_parameters, write_parameters):
    raw_parameters["parameters"]["fee_expedited"]["values"] = [
        {"value": "24.50"}, {"since": "2021-02-30", "value": "30.00"}]
    path = write_parameters(raw_parameters)
    with pytest.raises(ParameterFileError) as info:
        explorer.load_parameters(path)
    _error_names(info.value, path, "parameters.fee_expedited")
    assert "2021-02-30" in str(info.value)


def test_a_bad_duration_names_file_key_and_value(raw_parameters, write_parameters):
    raw_parameters["parameters"]["standard_processing"]["values"] = [{"value": "30 dayz"}]
    path = write_parameters(raw_parameters)
    with pytest.raises(ParameterFileError) as info:
        explorer.load_parameters(path)
    _error_names(info.value, path, "parameters.standard_processing")
    assert "30 dayz" in str(info.value)


def test_a_bad_amount_names_file_key_and_value(raw_parameters, write_parameters):
    raw_parameters["parameters"]["fee_expedited"]["values"] = [{"value": "24.505"}]
    path = write_parameters(raw_parameters)
    with pytest.raises(ParameterFileError) as info:
        explorer.load_parameters(path)
    _error_names(info.value, path, "parameters.fee_expedited")


def test_a_first_since_later_than_the_second_is_refused_naming_the_entry(raw_parameters, write_parameters):
    raw_parameters["parameters"]["fee_expedited"]["values"] = [
        {"since": dt.date(2021, 1, 1), "value": "2.00"}, {"since": dt.date(2020, 1, 1), "value": "24.50"}]
    path = write_parameters(raw_parameters)
    with pytest.raises(ParameterFileError) as info:
        explorer.load_parameters(path)
    _error_names(info.value, path, "parameters.fee_expedited.values[1].since")
    assert info.value.field == "parameters.fee_expedited.values[1].since"
    assert info.value.value == "2020-01-01"
    assert "parameters.fee_expedited.values[0].since (2021-01-01)" in str(info.value)
    assert "increasing" in info.value.allowed


def test_a_first_since_earlier_than_the_second_still_loads(raw_parameters, write_parameters):
    raw_parameters["parameters"]["fee_expedited"]["values"] = [
        {"since": "2020-01-01", "value": "24.50"}, {"since": "2021-01-01", "value": "30.00"}]
    loaded = explorer.load_parameters(write_parameters(raw_parameters))
    assert loaded.value("fee_expedited", on="2020-12-31") == Decimal("24.50")
    assert loaded.value("fee_expedited", on="2021-01-01") == Decimal("30.00")


def test_a_first_since_that_is_not_a_date_is_refused(raw_parameters, write_parameters):
    raw_parameters["parameters"]["fee_expedited"]["values"] = [
        {"since": "2020-02-30", "value": "24.50"}, {"since": "2021-01-01", "value": "30.00"}]
    path = write_parameters(raw_parameters)
    with pytest.raises(ParameterFileError) as info:
        explorer.load_parameters(path)
    _error_names(info.value, path, "parameters.fee_expedited.values[0].since")


def test_a_dated_file_value_loads_as_a_series(raw_parameters, write_parameters):
    raw_parameters["parameters"]["fee_expedited"]["values"] = [
        {"value": "24.50"}, {"since": "2021-01-01", "value": "30.00"}]
    loaded = explorer.load_parameters(write_parameters(raw_parameters))
    assert loaded.value("fee_expedited", on="2020-12-31") == Decimal("24.50")
    assert loaded.value("fee_expedited", on="2021-01-01") == Decimal("30.00")


def test_replace_with_an_unknown_name_raises_explorer_error(params):
    with pytest.raises(ExplorerError) as info:
        params.replace(fee_expedite="30.00")
    assert "fee_expedite" in str(info.value)
    assert "fee_expedited" in info.value.allowed


@pytest.mark.parametrize(("name", "value"), [
    ("fee_expedited", True),
    ("fee_expedited", "thirty"),
    ("fee_expedited", "-1.00"),
    ("fee_delivery", "3.001"),
    ("standard_processing", 30),
    ("standard_processing", "30 weeks"),
    ("transition_deadline", 20210630),
    ("transition_deadline", "2021-06-31"),
    ("max_years_resided", "five"),
    ("max_years_resided", 4.5),
    ("stamp_validity", {"carrier_pigeon": "30 days"}),
    ("stamp_payment", {"online": ["bitcoin"]}),
])
def test_replace_with_a_wrong_type_raises_explorer_error_naming_the_parameter(params, name, value):
    with pytest.raises(ExplorerError) as info:
        params.replace(**{name: value})
    assert info.value.field.startswith(name)
    assert name in str(info.value)


def test_replace_with_a_bad_since_day_raises_explorer_error(params):
    with pytest.raises(ExplorerError) as info:
        params.replace(fee_expedited={None: "24.50", "someday": "30.00"})
    assert "fee_expedited" in str(info.value)
    assert "someday" in str(info.value)


def test_replace_returns_a_copy_and_leaves_the_original_unchanged(params):
    before = params.table()
    changed = params.replace(fee_expedited="30.00", transition_deadline="2021-12-31")
    assert changed is not params
    assert changed.value("fee_expedited") == Decimal("30.00")
    assert changed.value("transition_deadline") == dt.date(2021, 12, 31)
    assert params.value("fee_expedited") == Decimal("24.50")
    assert params.value("transition_deadline") == dt.date(2021, 6, 30)
    pd.testing.assert_frame_equal(params.table(), before)
    assert set(changed.changed) == {"fee_expedited", "transition_deadline"}


def test_replace_keeps_unit_source_and_interpretation(params):
    changed = params.replace(fee_delivery="4.00")
    assert changed["fee_delivery"].source == params["fee_delivery"].source
    assert changed["fee_delivery"].unit == params["fee_delivery"].unit


def test_replace_changes_what_evaluate_computes(frame, params):
    rows = frame(dict(card_expiry="2021-06-30", application_date="2021-03-01", delivery=True))
    assert explorer.evaluate(rows, params)["fees_cents"].tolist() == [300]
    assert explorer.evaluate(rows, params.replace(fee_delivery="4.10"))["fees_cents"].tolist() == [410]


def test_a_million_fees_of_24_50_sum_to_exactly_24_500_000_euros(params):
    n = 1_000_000
    rows = pd.DataFrame({
        "card_expiry": np.full(n, np.datetime64("2021-06-30"), dtype="datetime64[us]"),
        "application_date": np.full(n, np.datetime64("2021-03-01"), dtype="datetime64[us]"),
        "expedited": np.ones(n, dtype=bool),
    })
    result = explorer.evaluate(rows, params)
    assert result["fees_cents"].dtype == np.int64
    total_cents = int(result["fees_cents"].sum())
    assert total_cents == 2_450_000_000
    assert Decimal(total_cents).scaleb(-2) == Decimal("24500000.00")
    totals = explorer.fees_table(result)
    assert totals["total fees (cents)"].tolist() == [2_450_000_000]
    assert totals["total fees (EUR)"].tolist() == [24_500_000.00]


def test_money_is_kept_in_integer_cents(params):
    assert params["fee_expedited"].values == (2450,)
    assert params.replace(fee_expedited=Decimal("0.10"))["fee_expedited"].values == (10,)
    assert params.replace(fee_expedited=0.1)["fee_expedited"].values == (10,)
