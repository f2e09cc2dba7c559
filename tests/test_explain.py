"""explain(): its results agree with evaluate(), every parameter it quotes names a source, and a
reform marks exactly the steps whose results it changes."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import explorer
from explorer import OUTPUT_COLUMNS, ExplorerError, evaluate, load_parameters
from explorer.core.calendar import working_calendar
from explorer.labels import label
from explorer.person.explain import Explanation, explain
from explorer.whatif.reforms import Reform, list_reforms, load_reform

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


READINGS = [dict(card_expiry_reading=c, before_reading=b)
            for c in ("binding", "advisory") for b in ("inclusive", "exclusive")]
SILENT = "The guidance does not say what follows."
LATE = ("late_card_expired", "late_transition_deadline", "out_of_scope")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios, which=st.sampled_from([None, *sorted(REFORMS)]),
       readings=st.sampled_from(READINGS), lang=st.sampled_from(["en", "sk"]),
       others=st.fixed_dictionaries({name: st.sampled_from([a.value for a in BASE[name].alternatives])
                                     for name in ("processing_days_reading", "stamp_refund_reading",
                                                  "late_second_application_reading")}))
def test_explanation_results_agree_with_evaluate_on_random_scenarios(scenario, which, readings, lang, others):
    params = (BASE if which is None else REFORMS[which]).replace(**readings, **others)
    person = _person(scenario)
    explanation = explain(params=params, lang=lang, **person)
    _assert_agrees(explanation, person, params)
    # The guidance is silent exactly where a path is closed by lateness or a late second application.
    outputs = explanation.outputs
    silent = outputs["status"] in LATE or outputs["path_status"] == "late_second_application"
    said = {"en": SILENT, "sk": "Usmernenie neuvádza, čo nasleduje."}[lang]
    assert (said in explanation.summary) == silent
    assert (said in explanation.to_text()) == silent


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
    fees = next(s for s in explanation.steps if s.key == "fees")
    source = dict((n, src) for n, _, src in fees.parameters)["fee_expedited"]
    assert "expedited-fee-waived" in source


def _fee_expedited(explanation: Explanation) -> list[tuple[str, str]]:
    fees = next(s for s in explanation.steps if s.key == "fees")
    return [(value, source) for name, value, source in fees.parameters if name == "fee_expedited"]


def test_a_reform_extending_a_dated_series_cites_itself_only_for_the_values_it_adds():
    reform = load_reform("expedited-fee-30-from-2021")
    guidance = str(BASE["fee_expedited"].source)
    in_2020 = _fee_expedited(explain("2021-03-10", "2020-12-23", expedited=True, params=reform))
    assert len(in_2020) == 1 and in_2020[0][0].startswith("24.50 EUR") and in_2020[0][1] == guidance
    in_2021 = _fee_expedited(explain("2021-03-10", "2021-01-04", expedited=True, params=reform))
    assert len(in_2021) == 1 and in_2021[0][0].startswith("30.00 EUR")
    assert "expedited-fee-30-from-2021" in in_2021[0][1] and in_2021[0][1] != guidance
    # Path a across the change: each application quotes the value of its own day and that value's source.
    both = explain("2020-11-13", "2020-11-13", option="a", expedited=True, params=reform)
    assert [v.split(" (")[0] for v, _ in _fee_expedited(both)] == ["24.50 EUR", "30.00 EUR"]
    assert [src == guidance for _, src in _fee_expedited(both)] == [True, False]
    assert both.outputs["fees_cents"] == 2450 + 3000


def test_steps_follow_the_order_of_the_rules():
    keys = [s.key for s in explain("2020-11-13", "2020-11-13", option="a", expedited=True).steps]
    assert keys == ["deadline", "last_working_day", "slack", "status", "option", "application_1", "eu_card",
                    "application_2", "path_status", "five_year_card", "gap", "fees", "visits", "stamps",
                    "stamp_refund", "accommodation", "bok"]


def _step(explanation: Explanation, key: str):
    return next(s for s in explanation.steps if s.key == key)


def test_each_step_names_the_readings_it_used_with_the_value_in_force_and_its_sentence():
    params = BASE.replace(card_expiry_reading="advisory", stamp_refund_reading="each_purchase")
    explanation = explain("2020-11-13", "2020-11-13", option="a", expedited=True, params=params)
    used = {s.key: [n for n, _, _ in s.readings] for s in explanation.steps}
    assert used["status"] == ["card_expiry_reading", "before_reading"]
    assert used["deadline"] == ["before_reading"]
    assert used["application_1"] == used["application_2"] == ["processing_days_reading"]
    assert used["stamp_refund"] == ["stamp_refund_reading"]
    assert "late_second_application_reading" in used["path_status"]
    assert used["fees"] == used["visits"] == used["bok"] == []
    for step in explanation.steps:
        for name, value, sentence in step.readings:
            assert value == params.reading(name)
            assert sentence == params[name].alternative(value).sentences[0]
    text = explanation.to_text()
    assert ("Reading in force: The card's expiry = Advice: the transition deadline decides \u2014 "
            "\u2018You should go to the Foreign "
            "Police") in text
    assert "Reading in force: Refund of unused stamps = From each purchase" in text
    assert "card_expiry_reading" not in text and "fee_expedited" not in text  # labels, not codes
    assert "Advice: the transition deadline decides" in explanation.to_html()


def test_status_step_says_why_earlier_rules_did_not_match():
    step = _step(explain("2021-03-10", "2020-12-23"), "status")
    assert step.value == "five_year_only"
    for code in ("out_of_scope", "late_card_expired", "late_transition_deadline", "choice"):
        assert f"not \u201c{label(code)}\u201d" in step.result
    assert f"\u201c{label('five_year_only')}\u201d: no earlier rule matched" in step.result
    assert "late_card_expired" not in step.result  # names people use, not codes


def test_under_the_advisory_reading_the_status_step_says_the_expiry_rule_does_not_apply():
    # Spec, Readings worked row: advisory, E 2020-06-30, A 2020-07-01 -> choice.
    explanation = explain("2020-06-30", "2020-07-01", params=BASE.replace(card_expiry_reading="advisory"))
    assert explanation.outputs["status"] == "choice" and explanation.outputs["applied_after_expiry"]
    assert "does not apply: the card's expiry is read as advice" in _step(explanation, "status").result
    # "Should" stays "should"; the path is open, so nothing is said to be unknown.
    assert "The guidance says you should apply by 30 June 2020" in explanation.summary
    assert SILENT not in explanation.to_text()


@pytest.mark.parametrize(("person", "params", "status", "passed"), [
    (dict(card_expiry="2020-06-30", application_date="2020-07-01"), BASE, "late_card_expired",
     "The guidance says you should apply by 30 June 2020, the last day of your card's validity; you apply on "
     "1 July 2020, after it"),
    (dict(card_expiry="2022-05-01", application_date="2021-07-01"), BASE, "late_transition_deadline",
     "you will have to apply for the five-year card by 30 June 2021 at the latest; you apply on 1 July 2021"),
    (dict(card_expiry="2021-08-01", application_date="2021-06-30"), BASE.replace(before_reading="exclusive"),
     "late_transition_deadline", "by 29 June 2021 at the latest; you apply on 30 June 2021"),
    (dict(card_expiry="2020-11-15", application_date="2020-10-01", years_resided=7), BASE, "out_of_scope",
     "less than 5 years; you have resided 7 years"),
])
def test_a_late_row_says_which_deadline_passed_and_that_the_guidance_is_silent(person, params, status,
                                                                                passed):
    explanation = explain(params=params, **person)
    assert explanation.outputs["status"] == status
    assert passed in explanation.summary
    assert explanation.summary.endswith(SILENT)
    no_path = _step(explanation, "no_path")
    assert SILENT in no_path.result
    assert sum(SILENT in s.result for s in explanation.steps) == 1  # said once, where the path closes


def test_a_late_second_application_without_a_card_is_not_given_invented_dates():
    params = BASE.replace(late_second_application_reading="no_card")
    explanation = explain("2020-11-13", "2020-11-13", option="a", second_application_date="2021-07-05",
                          params=params)
    assert explanation.outputs["five_year_issued_by"] is None
    keys = [s.key for s in explanation.steps]
    assert "five_year_card" not in keys and "bok" not in keys and "gap" not in keys
    assert SILENT in _step(explanation, "path_status").result
    assert "5 July 2021 comes after the last day to apply for the five-year card (30 June 2021)" in \
        explanation.summary
    assert explanation.summary.endswith(SILENT)


@pytest.mark.parametrize("person", [
    dict(card_expiry="2020-11-15", application_date="2020-10-01"),
    dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a", expedited=True),
    dict(card_expiry="2021-03-10", application_date="2020-12-23", expedited=True, delivery=True),
    dict(card_expiry="2021-09-01", application_date="2020-08-01", option="a"),
])
def test_ok_rows_never_say_the_guidance_is_silent(person):
    for lang in ("en", "sk"):
        explanation = explain(lang=lang, **person)
        assert SILENT not in explanation.to_text()
        assert "neuvádza" not in explanation.to_text()


def test_summary_of_the_spec_example_names_the_holiday_and_the_working_day_before():
    cal = working_calendar(BASE.calendar)
    new_year = dt.date(2020, 1, 1)
    holiday = cal.holiday_name((new_year - dt.date(1970, 1, 1)).days)
    assert holiday and new_year.strftime("%A") == "Wednesday"
    explanation = explain("2020-01-01", "2019-12-01")
    assert explanation.outputs["apply_by"] == new_year
    assert explanation.outputs["apply_by_last_working_day"] == dt.date(2019, 12, 31)
    assert explanation.summary == (
        "You can choose between the EU card until 30 June 2021 and the five-year card. Apply by Wednesday "
        f"1 January 2020 \u2014 a public holiday ({holiday}), so in practice by Tuesday 31 December 2019.")
    assert explanation.to_text().startswith(explanation.summary)
    assert explanation.to_html().startswith('<div class="explanation"><p class="summary">You can choose')


def test_summary_names_a_weekend_and_the_five_year_card():
    sunday = explain("2020-11-15", "2020-10-01").summary  # spec worked row 1: E is a Sunday
    assert "Apply by Sunday 15 November 2020 \u2014 a Sunday, so in practice by Friday 13 November 2020." \
        in sunday
    five_year = explain("2021-03-10", "2020-12-23").summary
    assert five_year == ("You can get the five-year card (Povolenie na pobyt \u2013 trvalý). "
                         "Apply by Wednesday 10 March 2021.")
    not_a = explain("2021-09-01", "2020-08-01", option="a").summary
    assert not_a.startswith("Opting for the EU card is no longer possible; you can get the five-year card")


def test_slovak_explanation():
    explanation = explain("2020-01-01", "2019-12-01", lang="sk")
    assert explanation.summary == (
        "Môžete si vybrať: Pobytový preukaz rodinného príslušníka občana EÚ s platnosťou do 30. júna 2021, "
        "alebo päťročné Povolenie na pobyt \u2013 trvalý. Žiadosť podajte do stredy 1. januára 2020 \u2014 "
        "je to štátny sviatok (Deň vzniku Slovenskej republiky), takže v praxi do utorka 31. decembra 2019.")
    text = explanation.to_text()
    assert "Výsledok: " in text and "Platný výklad: Koniec platnosti preukazu = Záväzný" in text
    assert "card_expiry_reading" not in text
    assert "Result:" not in text and "Apply by" not in text
    expedited = explain("2020-11-13", "2020-11-13", expedited=True, lang="sk")
    assert "Deň boja za slobodu a demokraciu" in _step(expedited, "application_1").result
    assert "cudzineckej polície" in _step(expedited, "application_1").rule
    assert "24,50 EUR" in _step(expedited, "fees").result
    late = explain("2020-06-30", "2020-07-01", lang="sk").summary
    assert "by ste mali podať žiadosť" in late and late.endswith("Usmernenie neuvádza, čo nasleduje.")
    # The outputs do not depend on the language.
    assert expedited.outputs == explain("2020-11-13", "2020-11-13", expedited=True).outputs


def test_explain_does_not_compute_the_rules_itself():
    sources = [(Path(explorer.__file__).parent / "person" / name).read_text(encoding="utf-8")
               for name in ("explain.py", "explain_steps.py", "explain_text.py")]
    assert not any("scalar" in source for source in sources)
    code = ("import sys, explorer\n"
            "explorer.explain('2020-11-13', '2020-11-13', option='a', expedited=True, lang='sk', "
            "baseline=explorer.load_parameters())\n"
            "print('explorer.core.scalar' in sys.modules, 'explorer.core.engine' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(explorer.__file__).parents[1])
    assert out.stdout.split() == ["False", "True"]


def test_expedited_issuance_names_the_skipped_holiday_from_the_calendar():
    step = _step(explain("2020-11-13", "2020-11-13", expedited=True), "application_1")
    holiday = working_calendar(BASE.calendar).holiday_name((dt.date(2020, 11, 17) - dt.date(1970, 1, 1)).days)
    assert holiday and holiday in step.result
    assert "2020-11-18" in step.result


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


def test_a_switched_reading_marks_the_steps_it_changes():
    params = BASE.replace(card_expiry_reading="advisory")
    explanation = explain("2020-06-30", "2020-07-01", params=params, baseline=BASE)
    assert explanation.changed_parameters == ("card_expiry_reading",)
    assert _step(explanation, "status").changed and _step(explanation, "option").changed
    assert not _step(explanation, "deadline").changed and not _step(explanation, "slack").changed
    assert explanation.baseline_outputs["status"] == "late_card_expired"


def test_fee_waiver_marks_only_the_fee_and_stamp_steps_of_an_expedited_application():
    waiver = load_reform("expedited-fee-waived")
    explanation = explain("2021-03-10", "2021-01-04", expedited=True, params=waiver, baseline=BASE)
    changed = {s.key for s in explanation.steps if s.changed}
    assert changed == {"fees", "stamps"}
    assert all(s.changed is False for s in explanation.steps if s.key not in changed)


def test_fee_waiver_changes_nothing_for_a_person_who_does_not_expedite():
    explanation = explain("2021-03-10", "2021-01-04", params=REFORMS["expedited-fee-waived"], baseline=BASE)
    assert explanation.changed_steps == []


def test_text_is_numbered_one_line_per_step():
    explanation = explain("2020-11-13", "2020-11-13", option="a", expedited=True)
    numbered = [line for line in explanation.to_text().splitlines() if line[:1].isdigit()]
    assert [line.split(".")[0] for line in numbered] == [str(i) for i in range(1, len(explanation.steps) + 1)]


def test_html_is_escaped_with_the_summary_first_and_changed_steps_highlighted():
    sneaky = Reform("<script>alert(1)</script>", "x & y", {"fee_expedited": "0.00"}).apply(BASE)
    explanation = explain("2021-03-10", "2021-01-04", expedited=True, params=sneaky, baseline=BASE)
    page = explanation.to_html()
    assert "<script>" not in page
    root = ET.fromstring(page)
    assert root.tag == "div" and root.find("p").text == explanation.summary
    items = root.find("ol").findall("li")
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
    assert frame.loc[frame["key"] == "status", "readings"].item() == \
        "card_expiry_reading = binding; before_reading = inclusive"


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
    with pytest.raises(ExplorerError) as info:
        explain("2020-11-15", "2020-10-01", lang="de")
    assert info.value.field == "lang"
