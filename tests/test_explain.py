"""explain(): its results agree with evaluate(), every parameter it quotes names a source, and a
reform marks exactly the steps whose results it changes."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer import OUTPUT_COLUMNS, ExplorerError, evaluate, load_parameters
from explorer.explain import Explanation, explain
from explorer.reforms import Reform, list_reforms, load_reform
from explorer.scalar import Reader

BASE = load_parameters()
REFORMS = {r.name: r.apply(BASE) for r in list_reforms()}
D = dt.date.fromisoformat


def _evaluated(person: dict, params) -> dict:
    row = evaluate(pd.DataFrame([person]), params).iloc[0]
    out = {}
    for col in OUTPUT_COLUMNS:
        value = row[col]
        if pd.isna(value):
            out[col] = None
        elif isinstance(value, pd.Timestamp):
            out[col] = value.date()
        else:
            out[col] = value.item() if hasattr(value, "item") else value
    out["status"] = str(row["status"])
    out["path_status"] = None if pd.isna(row["path_status"]) else str(row["path_status"])
    return out


def _assert_agrees(explanation: Explanation, person: dict, params) -> None:
    expected = _evaluated(person, params)
    got = explanation.outputs
    for col in OUTPUT_COLUMNS:
        assert got[col] == expected[col], (col, got[col], expected[col])


days = st.integers(min_value=0, max_value=3 * 365).map(lambda n: dt.date(2019, 7, 1) + dt.timedelta(days=n))
scenarios = st.fixed_dictionaries(
    {
        "card_expiry": days,
        "application_date": days,
        "option": st.sampled_from(["a", "b"]),
        "expedited": st.booleans(),
        "delivery": st.booleans(),
        "second_after": st.one_of(st.none(), st.integers(min_value=1, max_value=500)),
        "stamp_channel": st.sampled_from(["online", "mobile_app", "vending_machine", "post_office"]),
        "stamp_lead_days": st.integers(min_value=0, max_value=800),
        "payment": st.sampled_from(["card", "cash"]),
        "years_resided": st.sampled_from([0, 2.5, 4, 5, 7]),
        "address_changed": st.booleans(),
        "accommodation_submitted_before": st.booleans(),
    }
)


def _person(s: dict) -> dict:
    person = {k: v for k, v in s.items() if k != "second_after"}
    if s["second_after"] is not None:
        person["second_application_date"] = s["application_date"] + dt.timedelta(days=s["second_after"])
    return person


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios, which=st.sampled_from([None, *sorted(REFORMS)]))
def test_explanation_results_agree_with_evaluate_on_random_scenarios(scenario, which):
    params = BASE if which is None else REFORMS[which]
    person = _person(scenario)
    explanation = explain(params=params, **person)
    _assert_agrees(explanation, person, params)


# The worked examples of spec/rules.md, by hand.
WORKED = [
    (dict(card_expiry="2020-11-15", application_date="2020-10-01"),
     dict(status="choice", first_issued_by=D("2020-10-31"), gap_days=0, fees_cents=0, visits=2)),
    (dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a", expedited=True),
     dict(status="choice", first_issued_by=D("2020-11-18"), five_year_issued_by=D("2021-07-02"),
          five_year_valid_until=D("2026-07-02"), gap_days=5, fees_cents=4900, visits=4, stamp_ok=True)),
    (dict(card_expiry="2020-12-26", application_date="2020-12-10"),
     dict(apply_by_last_working_day=D("2020-12-23"), first_issued_by=D("2021-01-09"), gap_days=13)),
    (dict(card_expiry="2021-05-20", application_date="2021-05-03", delivery=True, stamp_lead_days=31),
     dict(status="five_year_only", fees_cents=300, visits=1, stamp_ok=False, gap_days=12)),
    (dict(card_expiry="2021-09-01", application_date="2020-08-01", option="a"),
     dict(status="five_year_only", option_available=False, first_issued_by=None, fees_cents=0, visits=0)),
]


@pytest.mark.parametrize(("person", "expected"), WORKED)
def test_worked_examples_of_the_spec_come_out_of_the_explanation(person, expected):
    outputs = explain(**person).outputs
    assert {k: outputs[k] for k in expected} == expected


def test_every_step_that_reads_a_parameter_names_its_source():
    explanation = explain("2020-11-13", "2020-11-13", option="a", expedited=True, delivery=True)
    with_params = [s for s in explanation.steps if s.parameters]
    assert len(with_params) >= 8
    for step in with_params:
        for name, value, source in step.parameters:
            assert source == str(BASE[name].source) and source.strip()
            assert value


def test_a_reformed_parameter_cites_the_reform_as_its_source():
    explanation = explain("2020-11-13", "2020-11-13", expedited=True, params=REFORMS["expedited-fee-waived"])
    fees = next(s for s in explanation.steps if s.key == "fees_1")
    source = dict((n, src) for n, _, src in fees.parameters)["fee_expedited"]
    assert "expedited-fee-waived" in source


def test_steps_follow_the_order_of_the_rules():
    keys = [s.key for s in explain("2020-11-13", "2020-11-13", option="a", expedited=True).steps]
    order = ["deadline", "last_working_day", "slack", "status", "option", "application_1", "application_2",
             "five_year_card", "gap_1", "gap_2", "gap_total", "fees_1", "fees_2", "fees_total", "visits",
             "stamps_1", "stamps_2", "stamp_ok", "stamp_refund", "accommodation", "bok"]
    assert [k for k in keys if k in order] == order


def test_expedited_issuance_names_the_skipped_holiday_from_the_calendar():
    step = next(s for s in explain("2020-11-13", "2020-11-13", expedited=True).steps
                if s.key == "application_1")
    holiday = Reader(BASE).holidays.get(dt.date(2020, 11, 17))
    assert holiday and holiday in step.result
    assert "2020-11-18" in step.result


def test_status_step_says_why_earlier_rules_did_not_match():
    step = next(s for s in explain("2021-03-10", "2020-12-23").steps if s.key == "status")
    assert step.value == "five_year_only"
    for name in ("not out_of_scope", "not late_card_expired", "not late_transition_deadline", "not choice"):
        assert name in step.result


def test_without_baseline_no_step_is_marked():
    explanation = explain("2020-11-15", "2020-10-15", option="a")
    assert all(s.changed is None for s in explanation.steps)


def test_choice_window_reform_marks_status_option_and_path_but_not_the_deadline():
    explanation = explain("2020-11-15", "2020-10-15", option="a", params=REFORMS["choice-window-2020-09-30"],
                          baseline=BASE)
    changed = {s.key for s in explanation.steps if s.changed}
    unchanged = {s.key for s in explanation.steps if s.changed is False}
    assert {"status", "option", "no_path"} <= changed
    assert {"deadline", "last_working_day", "slack", "accommodation"} <= unchanged
    assert explanation.outputs["status"] == "five_year_only"
    assert explanation.baseline_outputs["status"] == "choice"
    assert explanation.changed_parameters == ("choice_window_end",)


def test_fee_waiver_marks_only_the_fee_and_stamp_steps_of_an_expedited_application():
    waiver = load_reform("expedited-fee-waived")
    explanation = explain("2021-03-10", "2021-01-04", expedited=True, params=waiver, baseline=BASE)
    changed = {s.key for s in explanation.steps if s.changed}
    assert changed == {"fees_1", "fees_total", "stamps_1"}
    assert all(s.changed is False for s in explanation.steps if s.key not in changed)


def test_fee_waiver_changes_nothing_for_a_person_who_does_not_expedite():
    explanation = explain("2021-03-10", "2021-01-04", params=REFORMS["expedited-fee-waived"], baseline=BASE)
    assert explanation.changed_steps == []


def test_text_is_numbered_one_line_per_step():
    explanation = explain("2020-11-13", "2020-11-13", option="a", expedited=True)
    numbered = [line for line in explanation.to_text().splitlines() if line[:1].isdigit()]
    assert [line.split(".")[0] for line in numbered] == [str(i) for i in range(1, len(explanation.steps) + 1)]


def test_html_is_an_escaped_ordered_list_with_changed_steps_highlighted():
    sneaky = Reform("<script>alert(1)</script>", "x & y", {"fee_expedited": "0.00"}).apply(BASE)
    explanation = explain("2021-03-10", "2021-01-04", expedited=True, params=sneaky, baseline=BASE)
    page = explanation.to_html()
    assert "<script>" not in page
    root = ET.fromstring(page)
    assert root.tag == "ol"
    items = root.findall("li")
    assert len(items) == len(explanation.steps)
    marked = [li.get("data-key") for li in items if "changed" in li.get("class", "").split()]
    assert marked == [s.key for s in explanation.steps if s.changed]
    assert explanation._repr_html_() == page


def test_frame_has_one_row_per_step_with_changed_flags():
    explanation = explain("2021-03-10", "2021-01-04", expedited=True, params=REFORMS["expedited-fee-waived"],
                          baseline=BASE)
    frame = explanation.to_frame()
    assert list(frame["key"]) == [s.key for s in explanation.steps]
    assert frame["changed"].sum() == len(explanation.changed_steps)


def test_bad_input_raises_the_projects_error():
    with pytest.raises(ExplorerError) as info:
        explain("2020-11-15", "2020-10-01", option="c")
    assert info.value.field == "option"
    with pytest.raises(ExplorerError) as info:
        explain("2020-11-15", "2020-10-01", colour="red")
    assert info.value.field == "colour"
    with pytest.raises(ExplorerError) as info:
        explain("2020-11-15", "2020-10-01", option="a", second_application_date="2020-09-01")
    assert info.value.field == "second_application_date"
