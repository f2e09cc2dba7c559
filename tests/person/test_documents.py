"""documents(): the checklist of spec/rules.md "documents", with stamps and accommodation only when due."""

from __future__ import annotations

import pandas as pd
import pytest

import explorer
from explorer import ExplorerError


def _has(table: pd.DataFrame, word: str) -> bool:
    return bool(table["document"].str.contains(word, case=False).any())


def _stamps(table: pd.DataFrame) -> bool:
    return _has(table, "stamp")


def _accommodation(table: pd.DataFrame) -> bool:
    return _has(table, "accommodation")


def test_the_basic_checklist_has_the_always_needed_items_and_the_optional_form():
    table = explorer.documents()
    assert list(table.columns) == ["document", "required", "why", "note", "source"]
    for word in ("passport", "residence card", "photo", "booking system"):
        assert table[table["document"].str.contains(word, case=False)]["required"].tolist() == [True], word
    slovak = table[table["document"].str.contains("Slovak")]
    assert slovak["required"].tolist() == [False]
    assert len(table) == 5
    assert table["source"].str.contains("HOW TO APPLY").all()


def test_no_fee_stamps_and_no_accommodation_document_by_default():
    table = explorer.documents()
    assert not _stamps(table)
    assert not _accommodation(table)


@pytest.mark.parametrize(("expedited", "delivery"), [(True, False), (False, True), (True, True)])
def test_fee_stamps_appear_when_the_application_has_fees(expedited, delivery):
    table = explorer.documents(expedited=expedited, delivery=delivery)
    assert _stamps(table)
    assert table[table["document"].str.contains("stamp", case=False)]["required"].tolist() == [True]


@pytest.mark.parametrize(("address_changed", "submitted_before", "needed"), [
    (False, True, False), (True, True, True), (False, False, True), (True, False, True)])
def test_accommodation_document_appears_only_when_required(address_changed, submitted_before, needed):
    table = explorer.documents(address_changed=address_changed,
                               accommodation_submitted_before=submitted_before)
    assert _accommodation(table) is needed
    if needed:
        note = table[table["document"].str.contains("accommodation", case=False)]["note"].iloc[0]
        assert "tenancy agreement" in note
        assert "notarised" in note


@pytest.mark.parametrize(("address_changed", "submitted_before", "needed"), [
    (False, True, False), (True, True, True), (False, False, True), (True, False, True)])
def test_evaluate_flags_the_accommodation_document_the_same_way(frame, address_changed, submitted_before,
                                                                needed):
    rows = frame(dict(card_expiry="2021-06-30", application_date="2021-03-01",
                      address_changed=address_changed, accommodation_submitted_before=submitted_before))
    assert explorer.evaluate(rows)["accommodation_document_required"].tolist() == [needed]


def test_fee_stamps_follow_the_fees_in_force_on_the_application_day(params):
    reform = params.replace(fee_delivery={None: "0.00", "2021-01-01": "3.00"})
    assert not _stamps(explorer.documents(delivery=True, application_date="2020-12-31", params=reform))
    assert _stamps(explorer.documents(delivery=True, application_date="2021-01-01", params=reform))


def test_a_card_fee_above_zero_needs_stamps_even_without_options(params):
    reform = params.replace(fee_card="10.00")
    assert _stamps(explorer.documents(params=reform))
    assert not _stamps(explorer.documents(params=params))


def test_free_options_need_no_stamps(params):
    reform = params.replace(fee_expedited="0.00", fee_delivery="0.00")
    assert not _stamps(explorer.documents(expedited=True, delivery=True, params=reform))


@pytest.mark.parametrize(("name", "value"), [("expedited", "yes"), ("address_changed", 1)])
def test_flags_that_are_not_booleans_are_refused(name, value):
    with pytest.raises(ExplorerError) as info:
        explorer.documents(**{name: value})
    assert info.value.field == name


def test_an_unparsable_application_date_is_refused():
    with pytest.raises(ExplorerError) as info:
        explorer.documents(expedited=True, application_date="soon")
    assert info.value.field == "application_date"
