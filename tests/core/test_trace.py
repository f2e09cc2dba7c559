"""The assembler's trace (explorer.core.trace): for the spec's worked examples it names the condition
of the spec's status order that decided the status, the parameters each output used with their
sources, the readings in force and the day kind of processing; it takes them from the rules' own
condition lists, so a changed rule changes the trace (and explain's words with it)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import explorer
from explorer.core.assemble import OUTPUTS
from explorer.core.days import day_number
from explorer.core.parameters import Source
from explorer.core.rules import transition
from explorer.core.trace import trace
from explorer.person.explain import explain
from tests.core.test_cases import CASES, _expected, _plain

SPEC_ORDER = ("out_of_scope", "late_card_expired", "late_transition_deadline", "choice")
"""The spec's conditions 1-4 in its order (condition 5, five_year_only, holds when none does)."""

WHY_NOT_CHOICE = {
    # case: (the card expires in 2020, the application is made by the end of the choice window),
    # read from the case's inputs and readings by hand
    "b_expedited_delivery_over_christmas": (False, True),
    "b_on_the_transition_deadline": (False, False),
    "online_stamps_31_days_ahead": (False, False),
    "post_office_stamps_31_days_ahead": (False, False),
    "online_stamps_paid_in_cash": (False, False),
    "a_unavailable_after_2020": (False, True),
    "advisory_expired_in_2021": (False, False),
    "exclusive_choice_window": (True, False),
}
"""The five_year_only cases: which part of condition 4 (choice) fails."""

STATUS_CASES = [name for name, case in CASES.items() if "status" in case["expected"]]


def _traced(name: str, params: explorer.Parameters):
    case = CASES[name]
    frame = pd.DataFrame({k: [v] for k, v in case["inputs"].items()})
    return trace(frame, params.replace(**case["readings"]))


@pytest.mark.parametrize("name", STATUS_CASES)
def test_the_trace_names_the_condition_of_the_spec_order_that_decided_each_worked_example(name, params):
    status = _traced(name, params)["status"]
    expected = CASES[name]["expected"]["status"]
    assert status.value == expected
    assert status.decided_by == expected
    held = [c for c in SPEC_ORDER if status.conditions[c]]
    if expected == "five_year_only":
        assert held == []
        expiry_in_window, applied_by_end = WHY_NOT_CHOICE[name]
        assert status.conditions["expiry_in_choice_window"] is expiry_in_window
        assert status.conditions["applied_by_choice_window_end"] is applied_by_end
    else:
        assert held[0] == expected


def test_every_five_year_only_case_says_which_part_of_the_choice_condition_fails():
    five_year_only = {n for n in STATUS_CASES if CASES[n]["expected"]["status"] == "five_year_only"}
    assert five_year_only == set(WHY_NOT_CHOICE)


@pytest.mark.parametrize("name", STATUS_CASES)
def test_the_status_trace_lists_the_parameters_of_the_conditions_with_their_values_and_sources(name, params):
    case = CASES[name]
    status = _traced(name, params)["status"]
    application = day_number(dt.date.fromisoformat(str(case["inputs"]["application_date"])))
    assert [u.name for u in status.parameters] == [
        "max_years_resided", "transition_deadline", "choice_expiry_from", "choice_expiry_to",
        "choice_window_end"]
    for used in status.parameters:
        assert used.on == application
        assert used.value == params[used.name].value_at(application)
        assert isinstance(used.source, Source) and used.source.section
        assert used.source == params[used.name].source_at(application)
    readings = {"card_expiry_reading": "binding", "before_reading": "inclusive", **case["readings"]}
    assert status.readings == {k: readings[k] for k in ("card_expiry_reading", "before_reading")}
    expiry = day_number(dt.date.fromisoformat(str(case["inputs"]["card_expiry"])))
    assert status.inputs["card_expiry"] == expiry


@pytest.mark.parametrize("name", list(CASES))
def test_every_traced_value_is_the_value_evaluate_gives(name, params):
    case = CASES[name]
    traced = _traced(name, params)
    assert [o.name for o in traced] == [o.name for o in OUTPUTS]
    row = explorer.evaluate(pd.DataFrame([case["inputs"]]), params.replace(**case["readings"])).iloc[0]
    for output in traced:
        assert _plain(output.value, output.name) == _plain(row[output.name], output.name), output.name
    for field, value in case["expected"].items():
        if field in traced.outputs:
            assert _plain(traced[field].value, field) == _expected(value, field), field


@pytest.mark.parametrize("name, unit, parameter", [
    ("b_standard", "days", "standard_processing"),
    ("a_expedited_over_17_november", "working_days", "expedited_processing"),
    ("b_expedited_delivery_over_christmas", "working_days", "expedited_processing"),
])
def test_the_processing_trace_says_which_parameter_and_which_kind_of_day_applied(name, unit, parameter,
                                                                                 params):
    issued = _traced(name, params)["first_issued_by"]
    assert issued.facts["processing"].unit == unit
    assert [u.name for u in issued.parameters] == [parameter]
    assert issued.readings == {"processing_days_reading": "calendar"}


def test_under_the_working_day_reading_standard_processing_counts_working_days(params):
    working = params.replace(processing_days_reading="working")
    issued = _traced("b_standard", working)["first_issued_by"]
    assert issued.facts["processing"].unit == "working_days"
    assert issued.readings == {"processing_days_reading": "working"}
    expedited = _traced("a_expedited_over_17_november", working)["first_issued_by"]
    assert expedited.facts["processing"].unit == "working_days"


def test_the_deadline_and_path_traces_name_the_case_that_decided_them(params):
    assert _traced("b_standard", params)["apply_by"].decided_by == "in_window"
    assert _traced("b_expedited_delivery_over_christmas", params)["apply_by"].decided_by == "expiry_first"
    assert _traced("late_transition_deadline", params)["apply_by"].decided_by == "transition_first"
    assert _traced("b_standard", params)["option_available"].decided_by == "choice"
    assert _traced("b_on_the_transition_deadline", params)["option_available"].decided_by == \
        "five_year_only_path_b"
    assert _traced("a_unavailable_after_2020", params)["option_available"].decided_by == ""


def test_a_path_a_trace_reads_the_five_year_card_parameters_on_the_second_application(params):
    traced = _traced("a_expedited_over_17_november", params)
    second = day_number(dt.date(2021, 6, 30))
    def used(output: str) -> list[tuple[str, int]]:
        return [(u.name, u.on) for u in traced[output].parameters]

    assert used("five_year_issued_by") == [("expedited_processing", second)]
    assert used("five_year_valid_until") == [("five_year_validity", second)]
    fees = [(u.name, u.on) for u in traced["fees_cents"].parameters]
    assert ("fee_expedited", day_number(dt.date(2020, 11, 13))) in fees and ("fee_expedited", second) in fees


def test_a_changed_status_condition_changes_the_trace_and_the_explanation(monkeypatch, params):
    person = CASES["late_card_expired"]["inputs"]
    before = _traced("late_card_expired", params)["status"]
    assert before.decided_by == "late_card_expired"
    words_before = explain(**person).steps
    original = transition.status_conditions

    def without_condition_2(*args, **kwargs):
        return [(n, c) for n, c in original(*args, **kwargs) if n != "late_card_expired"]

    monkeypatch.setattr(transition, "status_conditions", without_condition_2)
    after = _traced("late_card_expired", params)["status"]
    assert after.decided_by == "choice"
    assert "late_card_expired" not in after.conditions
    status_step = next(s for s in explain(**person).steps if s.key == "status")
    assert status_step.result != next(s for s in words_before if s.key == "status").result


def test_a_changed_processing_rule_changes_the_day_kind_in_trace_and_words(monkeypatch, params):
    person = CASES["b_standard"]["inputs"]
    step = next(s for s in explain(**person).steps if s.key == "application_1")
    monkeypatch.setattr(transition, "processing", lambda expedited, p: ("standard_processing", True))
    issued = _traced("b_standard", params)["first_issued_by"]
    assert issued.facts["processing"].unit == "working_days"
    changed = next(s for s in explain(**person).steps if s.key == "application_1")
    assert changed.value != step.value  # the rule itself now counts working days
    assert changed.result != step.result


def test_a_changed_parameter_changes_the_deciding_condition(params):
    # a choice window closing on 30 September 2020 leaves b_standard's application (1 October 2020)
    # after its end: condition 4 no longer holds, condition 5 decides
    later = params.replace(choice_window_end=dt.date(2020, 9, 30))
    assert _traced("b_standard", params)["status"].decided_by == "choice"
    status = _traced("b_standard", later)["status"]
    assert status.decided_by == "five_year_only"
    assert status.conditions["expiry_in_choice_window"] is True
    assert status.conditions["applied_by_choice_window_end"] is False
    assert status.parameters[-1].value == day_number(dt.date(2020, 9, 30))


def test_the_trace_holds_codes_and_values_never_words(params):
    traced = _traced("a_expedited_over_17_november", params)
    for output in traced:
        names = (*output.conditions, *output.inputs, *output.readings, *(u.name for u in output.parameters))
        assert all(name.isidentifier() for name in names), output.name
        assert output.decided_by == "" or output.decided_by.isidentifier()
        assert all(isinstance(v, str) and v.isidentifier() for v in output.readings.values())
