"""Reforms: the shipped files load and change what they say; bad files fail naming file, key and value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from explorer import ExplorerError, ParameterFileError, load_parameters
from explorer.errors import preview
from explorer.whatif.reforms import REFORMS_DIR, Reform, list_reforms, load_reform

SHIPPED = {
    "transition-deadline-2021-12-31": {"transition_deadline", "eu_card_valid_until"},
    "choice-window-2020-09-30": {"choice_window_end"},
    "expedited-fee-waived": {"fee_expedited"},
    "expedited-fee-30-from-2021": {"fee_expedited"},
}


@pytest.fixture(scope="module")
def base():
    return load_parameters()


def test_list_reforms_returns_every_shipped_file_with_its_name_and_a_description():
    reforms = {r.name: r for r in list_reforms()}
    assert set(reforms) == set(SHIPPED)
    assert {Path(r.path).stem for r in reforms.values()} == set(SHIPPED)
    assert all(len(r.description) > 40 for r in reforms.values())


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_reform_changes_exactly_its_parameters_and_cites_itself(name, base):
    reformed = load_reform(name).apply(base)
    differing = {n for n in base.names if base[n].series() != reformed[n].series()}
    assert differing == SHIPPED[name]
    for n in differing:
        assert name in str(reformed[n].source)
    untouched = next(n for n in base.names if n not in differing)
    assert reformed[untouched].source == base[untouched].source


def test_transition_reform_moves_deadline_and_eu_card_validity_to_the_same_day(base):
    reformed = load_reform("transition-deadline-2021-12-31").apply(base)
    assert reformed.value("transition_deadline") == dt.date(2021, 12, 31)
    assert reformed.value("eu_card_valid_until") == dt.date(2021, 12, 31)


def test_dated_reform_keeps_the_baseline_value_before_its_first_day(base):
    reformed = load_reform("expedited-fee-30-from-2021").apply(base)
    assert reformed.value("fee_expedited", on="2020-12-31") == base.value("fee_expedited")
    assert reformed.value("fee_expedited", on="2021-01-01") == Decimal("30.00")
    assert reformed.value("fee_expedited", on="2030-06-01") == Decimal("30.00")


def test_reform_apply_builds_on_the_parameters_it_is_given(base):
    first = load_reform("choice-window-2020-09-30").apply(base)
    both = load_reform("expedited-fee-waived").apply(first)
    assert both.value("choice_window_end") == dt.date(2020, 9, 30)
    assert both.value("fee_expedited") == Decimal("0.00")


def test_reform_table_lists_baseline_and_reform_values(base):
    table = load_reform("expedited-fee-30-from-2021").table(base)
    row = table.set_index("parameter").loc["fee_expedited"]
    assert row["baseline"] == "24.50"
    assert "from 2021-01-01: 30.00" in row["reform"]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD_HEAD = "name: bad\ndescription: A test reform.\n"


@pytest.mark.parametrize(
    ("text", "key", "value", "words"),
    [
        (GOOD_HEAD + "changes:\n  fee_expeditd: '0.00'\n", "changes.fee_expeditd", "0.00",
         "unknown parameter"),
        (GOOD_HEAD + "changes:\n  fee_expedited: twelve\n", "changes.fee_expedited", "twelve",
         "EUR"),
        (GOOD_HEAD + "changes:\n  choice_window_end: 20200930\n", "changes.choice_window_end", 20200930,
         "date"),
        (GOOD_HEAD + "changes:\n  fee_expedited: '1.234'\n", "changes.fee_expedited", "1.234",
         "two decimals"),
        (GOOD_HEAD + "changes:\n  fee_expedited:\n    - {since: 2021-01-01, value: '30.00'}\n"
         "    - {since: 2020-01-01, value: '31.00'}\n", "changes.fee_expedited[1].since",
         "2020-01-01", "changes.fee_expedited[0].since (2021-01-01)"),
        (GOOD_HEAD + "changes:\n  fee_expedited:\n    - {since: 2021-01-01, valu: '30.00'}\n",
         "changes.fee_expedited[0]", {"since": dt.date(2021, 1, 1), "valu": "30.00"}, "value"),
        ("name: bad\nchanges:\n  fee_expedited: '0.00'\n", "description", None, "missing key"),
        (GOOD_HEAD, "changes", None, "missing key"),
        (GOOD_HEAD + "changes: {fee_expedited: '0.00'}\nchanges_typo: 1\n", "changes_typo", 1,
         "unknown key"),
        (GOOD_HEAD + "changes: [fee_expedited]\n", "changes", ["fee_expedited"], "mapping"),
    ],
)
def test_bad_reform_file_error_names_file_key_and_value(tmp_path, text, key, value, words):
    path = _write(tmp_path, text)
    with pytest.raises(ParameterFileError) as info:
        load_reform(path)
    err = info.value
    assert err.source == str(path)
    assert err.field == key
    assert err.value == value
    message = str(err)
    # the value as shown in messages: dates as dates (2020-01-01), never datetime.date(2020, 1, 1)
    assert str(path) in message and key in message and preview(value) in message
    assert "datetime.date(" not in message
    assert words in message


def test_a_reform_series_whose_first_since_is_later_than_the_second_is_refused(tmp_path):
    path = _write(tmp_path, GOOD_HEAD + "changes:\n  fee_expedited:\n"
                  "    - {since: 2021-01-01, value: \"2.00\"}\n    - {since: 2020-01-01, value: \"24.50\"}\n")
    with pytest.raises(ParameterFileError) as info:
        load_reform(path)
    assert info.value.field == "changes.fee_expedited[1].since"
    assert info.value.source == str(path)
    assert info.value.value == "2020-01-01" and "increasing" in info.value.allowed
    assert "changes.fee_expedited[0].since (2021-01-01)" in str(info.value)


def test_invalid_yaml_error_names_the_file(tmp_path):
    path = _write(tmp_path, GOOD_HEAD + "changes:\n  fee_expedited: [1, 2\n")
    with pytest.raises(ParameterFileError, match="not valid YAML") as info:
        load_reform(path)
    assert info.value.source == str(path) and str(path) in str(info.value)


def test_impossible_date_in_yaml_is_reported_as_invalid_yaml_of_that_file(tmp_path):
    path = _write(tmp_path, GOOD_HEAD + "changes:\n  choice_window_end: 2020-13-45\n")
    with pytest.raises(ParameterFileError, match="not valid YAML") as info:
        load_reform(path)
    assert str(path) in str(info.value)


def test_unknown_reform_name_lists_the_shipped_ones():
    with pytest.raises(ParameterFileError) as info:
        load_reform("no-such-reform")
    assert info.value.source == str(REFORMS_DIR / "no-such-reform.yaml")
    assert "expedited-fee-waived" in info.value.allowed


def test_reform_built_in_code_with_a_bad_value_raises_explorer_error(base):
    with pytest.raises(ExplorerError, match="fee_delivery"):
        Reform("x", "y", {"fee_delivery": "-1.00"}).apply(base)


def test_every_shipped_reform_describes_itself_in_slovak_and_says_so_in_a_slovak_view():
    from explorer.whatif.reforms import list_reforms
    from tests.support.slovak_spelling import misspelled

    for reform in list_reforms():
        assert reform.describe("sk") == reform.description_sk != reform.description, reform.name
        assert reform.describe("en") == reform.description
        assert misspelled(reform.description_sk) == [], reform.name


def test_no_shipped_reform_gives_a_reason_the_guidance_never_states_or_speaks_of_renewal():
    from explorer.whatif.reforms import list_reforms

    for reform in list_reforms():
        assert "so that" not in reform.description and "renew" not in reform.description, reform.name
