"""Edited parameters as a reform (explorer.whatif.edits): what may be edited, the Reform, its identity."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from explorer import labels
from explorer.core.durations import Duration
from explorer.whatif.edits import build_reform, edit_text, editable_parameters, reform_key
from explorer.whatif.reforms import CUSTOM, EDITS, load_reform

SHIPPED = "expedited-fee-30-from-2021"  # changes fee_expedited only


def test_every_date_and_fee_and_both_processing_times_are_editable_and_nothing_else(params):
    names = editable_parameters(params)
    kinds = {params[n].kind for n in names}
    assert kinds <= {"date", "money", "duration"}
    assert {n for n in params.names if params[n].kind in ("date", "money")} <= set(names)
    durations = [n for n in names if params[n].kind == "duration"]
    assert durations == ["standard_processing", "expedited_processing"]
    assert len(names) == len(set(names))


def test_no_shipped_reform_and_no_edit_is_no_reform():
    assert build_reform(None, {}) is None


def test_a_shipped_reform_without_edits_is_that_reform(params):
    shipped = load_reform(SHIPPED, params)
    assert build_reform(shipped, {}) is shipped


def test_a_shipped_reform_plus_one_edit_holds_both_changes_described_in_each_language(params):
    shipped = load_reform(SHIPPED, params)
    reform = build_reform(shipped, {"fee_delivery": "5.00"})
    assert reform.name == f"{SHIPPED}{EDITS}"
    assert set(reform.changes) == {"fee_expedited", "fee_delivery"}
    assert reform.changes["fee_expedited"] == shipped.changes["fee_expedited"]
    applied = reform.apply(params)
    assert applied.value("fee_delivery") == Decimal("5.00")
    assert applied.value("fee_expedited") == shipped.apply(params).value("fee_expedited")
    english, slovak = reform.describe("en"), reform.describe("sk")
    assert english == f"{shipped.describe('en')} Edited: {labels.label('fee_delivery', 'en')}: €5.00."
    assert slovak == f"{shipped.describe('sk')} Upravené: {labels.label('fee_delivery', 'sk')}: 5,00\u00a0€."
    assert slovak != english and "Edited" not in slovak


def test_an_edit_overrides_the_shipped_reforms_change_of_the_same_parameter(params):
    reform = build_reform(load_reform(SHIPPED, params), {"fee_expedited": "40.00"})
    assert reform.changes["fee_expedited"] == "40.00"
    assert reform.apply(params).value("fee_expedited") == Decimal("40.00")


def test_edits_without_a_shipped_reform_are_the_custom_reform(params):
    reform = build_reform(None, {"standard_processing": Duration(20, "days")})
    assert reform.name == CUSTOM
    assert reform.describe("en") == f"Edited: {labels.label('standard_processing', 'en')}: 20 days."
    assert reform.describe("sk") == f"Upravené: {labels.label('standard_processing', 'sk')}: 20 dní."


def test_edited_values_are_written_in_the_words_of_each_language():
    assert edit_text(Duration(1, "days"), "en") == "1 day"
    assert edit_text(Duration(5, "days"), "sk") == "5 dní"
    assert edit_text(dt.date(2021, 12, 31), "en") != edit_text(dt.date(2021, 12, 31), "sk")
    assert "2021" in edit_text(dt.date(2021, 12, 31), "sk")
    assert edit_text("30", "en") == "€30.00" and edit_text("30", "sk") == "30,00\u00a0€"
    assert edit_text("thirty", "en") == "thirty"  # not an amount: Reform.apply says so, naming it


def test_a_reforms_identity_is_its_name_and_changes_by_value(params):
    assert reform_key(None) == ("", {})
    one = build_reform(None, {"fee_delivery": "5.00"})
    same = build_reform(None, {"fee_delivery": "5.00"})
    other = build_reform(None, {"fee_delivery": "6.00"})
    assert one is not same and reform_key(one) == reform_key(same)
    assert reform_key(one) != reform_key(other) != reform_key(None)
    shipped = load_reform(SHIPPED, params)
    assert reform_key(shipped) == (SHIPPED, dict(shipped.changes))
