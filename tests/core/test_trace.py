"""The assembler's trace (explorer.core.trace): for the spec's worked examples it names the condition
of the spec's status order that decided the status, the parameters each output used with their
sources, the readings in force and the day kind of processing; it takes them from the rules' own
condition lists, so a changed rule changes the trace (and explain's words with it)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import explorer
from explorer.core.assemble import OUTPUTS
from explorer.core.days import day_number
from explorer.core.parameters import Source
from explorer.core.rules import bok, transition
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


# -- the row the trace computed is evaluate's row, and explain computes it once --------------------

def _row(person: dict, params: explorer.Parameters) -> dict:
    """evaluate()'s row for one person as plain Python values (dates as datetime.date, missing as
    None): what explain read before the trace carried its row."""
    row = explorer.evaluate(pd.DataFrame({k: [v] for k, v in person.items()}), params).iloc[0]

    def plain(value):
        if isinstance(value, pd.Timestamp | np.datetime64):
            return None if pd.isna(value) else pd.Timestamp(value).date()
        if value is None or (np.ndim(value) == 0 and not isinstance(value, str) and pd.isna(value)):
            return None
        return value.item() if isinstance(value, np.generic) else value

    return {k: plain(v) for k, v in row.items()}


READING_VALUES = {name: [a.value for a in explorer.load_parameters()[name].alternatives]
                  for name in explorer.load_parameters().readings}
days = st.integers(min_value=0, max_value=3 * 365).map(lambda n: dt.date(2019, 7, 1) + dt.timedelta(days=n))
near = st.sampled_from([dt.date(2020, 12, 30), dt.date(2020, 12, 31), dt.date(2021, 1, 1),
                        dt.date(2021, 6, 29), dt.date(2021, 6, 30), dt.date(2021, 7, 1)])
blank = st.sampled_from([None, float("nan"), ""])
"""Blank cells of optional columns: each takes the column's default, as in evaluate."""
optional = {
    "option": st.sampled_from(["a", "b"]),
    "expedited": st.booleans(),
    "delivery": st.booleans(),
    "second_application_date": st.one_of(days, near),
    "stamp_channel": st.sampled_from(["online", "mobile_app", "vending_machine", "post_office"]),
    "stamp_lead_days": st.sampled_from([0, 1, 30, 31, 400, 800]),
    "payment": st.sampled_from(["card", "cash"]),
    "years_resided": st.sampled_from([0, 2.5, 4.99, 5, 7]),
    "address_changed": st.booleans(),
    "accommodation_submitted_before": st.booleans(),
    "booked_online": st.booleans(),
}
persons = st.fixed_dictionaries(
    {"card_expiry": st.one_of(days, near), "application_date": st.one_of(days, near)},
    optional={name: st.one_of(value, blank) for name, value in optional.items()})
reading_sets = st.fixed_dictionaries({name: st.sampled_from(values)
                                      for name, values in READING_VALUES.items()})
REFORMED = [None, *(r.apply(explorer.load_parameters()) for r in explorer.list_reforms())]


@settings(max_examples=300)
@given(person=persons, readings=reading_sets, reform=st.sampled_from(range(len(REFORMED))))
def test_the_row_the_trace_computed_is_the_row_evaluate_gives(person, readings, reform, params):
    params = (REFORMED[reform] or params).replace(**readings)
    frame = pd.DataFrame({k: [v] for k, v in person.items()})
    try:
        expected = _row(person, params)
    except explorer.ExplorerError as refused:  # e.g. a second application before the first on path a
        with pytest.raises(explorer.ExplorerError) as also:
            trace(frame, params)
        assert str(also.value) == str(refused)
        return
    row = trace(frame, params).row
    assert list(row) == list(expected)
    assert row == expected
    assert {k: type(v) for k, v in row.items()} == {k: type(v) for k, v in expected.items()}


BROAD = [
    dict(card_expiry="2020-11-15", application_date="2020-10-01"),
    dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a", expedited=True, delivery=True),
    dict(card_expiry="2020-06-30", application_date="2020-07-01", option="a"),
    dict(card_expiry="2021-05-20", application_date="2021-05-03", delivery=True, stamp_lead_days=31,
         stamp_channel="post_office", payment="cash"),
    dict(card_expiry="2020-12-26", application_date="2020-12-10", option="a",
         second_application_date="2021-07-01"),
    dict(card_expiry="2021-09-01", application_date="2021-07-02", years_resided=6),
]


@pytest.mark.parametrize("person", BROAD)
def test_explain_computes_the_row_once_per_set_of_parameters(person, monkeypatch, params):
    computed = []
    status = transition.status

    def counted(expiry, application, years_resided, p):
        computed.append(p.reading("card_expiry_reading"))
        return status(expiry, application, years_resided, p)

    monkeypatch.setattr(transition, "status", counted)
    explanation = explain(**person)
    # a late card expiry is also read as advice (its lead says what that reading would give)
    late = explanation.outputs["status"] == "late_card_expired"
    assert computed == (["binding", "advisory"] if late else ["binding"])
    explanation.to_memo(lang="sk", voice="third")
    explanation.to_memo()
    explanation.to_text()
    assert len(computed) == (2 if late else 1)  # memos and text word the rows already computed
    computed.clear()
    explain(params=explorer.list_reforms()[0], baseline=params, **person)
    assert len(computed) == (4 if late else 2)  # the same for the reform and for the baseline


# -- the trace reads each output's declaration: the rule's choice of parameter is written once -----

def test_the_venue_list_is_chosen_in_one_place_for_the_count_the_trace_and_the_words(monkeypatch, params):
    person = dict(card_expiry="2021-05-20", application_date="2021-05-03")  # a card valid until 2026
    traced = trace(pd.DataFrame([person]), params)["bok_venue_types"]
    assert traced.decided_by == "bok_venues_wider"
    assert [u.name for u in traced.parameters] == ["bok_wider_activation_from", "bok_venues_wider"]
    wider = next(s for s in explain(**person).steps if s.key == "bok")
    monkeypatch.setattr(bok, "venue_parameter", lambda on, p: np.zeros(np.shape(on), dtype=np.intp))
    traced = trace(pd.DataFrame([person]), params)["bok_venue_types"]
    assert traced.decided_by == "bok_venues_before"
    assert [u.name for u in traced.parameters] == ["bok_wider_activation_from", "bok_venues_before"]
    assert traced.value == len(params["bok_venues_before"].value_at(traced.parameters[-1].on))
    before = next(s for s in explain(**person).steps if s.key == "bok")
    assert before.value == traced.value != wider.value
    assert before.result != wider.result
    assert bok.venues_on(traced.parameters[-1].on, params) == list(params["bok_venues_before"].values[0])


def test_the_processing_parameter_is_chosen_in_one_place_for_the_issue_day_and_the_trace(monkeypatch, params):
    person = pd.DataFrame([dict(card_expiry="2020-11-13", application_date="2020-11-13", expedited=True)])
    issued = trace(person, params)["first_issued_by"]
    assert [u.name for u in issued.parameters] == ["expedited_processing"]
    monkeypatch.setattr(transition, "processing_parameter",
                        lambda expedited: np.zeros(np.shape(expedited), dtype=np.intp))
    standard = trace(person, params)["first_issued_by"]
    assert [u.name for u in standard.parameters] == ["standard_processing"]
    assert standard.decided_by == "standard_processing"
    assert standard.facts["processing"] == params["standard_processing"].value_at(standard.parameters[0].on)
    assert standard.value == _row(person.iloc[0].to_dict(), params)["first_issued_by"] != issued.value


@pytest.mark.parametrize("person", BROAD)
def test_an_output_whose_rule_picks_a_parameter_lists_only_the_one_picked(person, params):
    traced = trace(pd.DataFrame([person]), params)
    for decl in OUTPUTS:
        if decl.picks is None or not traced[decl.name].parameters:
            continue
        named = {u.name for u in traced[decl.name].parameters} & set(decl.picks.among)
        assert named == {traced[decl.name].decided_by}, decl.name


def _step(key: str, person: dict, params: explorer.Parameters):
    return next(s for s in explain(params=params, **person).steps if s.key == key)


def test_the_status_steps_advisory_sentence_follows_the_parts_of_the_rules_condition_2(monkeypatch, params):
    # applied nine days after the card expired in 2021: late under the binding reading, five-year
    # card only when the expiry is advice
    person = dict(card_expiry="2021-03-01", application_date="2021-03-10")
    advisory = params.replace(card_expiry_reading="advisory")
    for readings, binding in ((params, True), (advisory, False)):
        status = trace(pd.DataFrame([person]), readings)["status"]
        assert status.conditions["applied_after_expiry"] is True
        assert status.conditions["expiry_binding"] is binding
    as_advice = _step("status", person, advisory)
    assert _step("status", person, params).result != as_advice.result
    original = transition.expiry_parts
    monkeypatch.setattr(transition, "expiry_parts",
                        lambda *args: {**original(*args), "expiry_binding": np.bool_(False)})
    # the rule itself now reads the expiry as advice: status and sentence follow it, not the reading
    assert trace(pd.DataFrame([person]), params)["status"].decided_by == "five_year_only"
    assert _step("status", person, params).result == as_advice.result
