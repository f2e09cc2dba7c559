"""explain(): its results agree with evaluate(), every parameter it quotes names a source, and a
reform marks exactly the steps whose results it changes."""

from __future__ import annotations

import datetime as dt
import re
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
from explorer.person.explain import Explanation, explain
from explorer.person.explain_steps import cite
from explorer.whatif.reforms import Reform, list_reforms, load_reform, reform_title

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
LATE = ("late_card_expired", "late_transition_deadline", "out_of_scope")


def _silent(text: str) -> bool:
    return "does not say what follows" in text or "neuvádza, čo nasleduje" in text


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
    # "The guidance does not say what follows" only where it is true (Words, rule 4): after the
    # transition deadline, or after a late second application; never for a binding late card
    # expiry, whose next section the guidance does write.
    outputs = explanation.outputs
    if outputs["before_guidance_period"] or outputs["status"] == "out_of_scope":
        return
    expected = outputs["status"] == "late_transition_deadline" or (
        outputs["option_available"] and outputs["path_status"] == "late_second_application")
    if outputs["status"] != "late_card_expired":
        assert _silent(explanation.summary) == expected


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


def test_every_step_that_reads_a_parameter_names_its_source_by_title_and_section():
    explanation = explain("2020-11-13", "2020-11-13", option="a", expedited=True, delivery=True)
    with_params = [s for s in explanation.steps if s.parameters]
    assert len(with_params) >= 8
    for step in with_params:
        for name, value, source in step.parameters:
            assert source.startswith("Source: ") and BASE[name].source.section in source
            assert "seeds/" not in source and ".txt" not in source
            assert value
    assert all(s.source.startswith("Source: ") for s in explanation.steps)


def test_a_reformed_parameter_cites_the_reform_as_its_source():
    explanation = explain("2020-11-13", "2020-11-13", expedited=True, params=REFORMS["expedited-fee-waived"])
    fees = next(s for s in explanation.steps if s.key == "fees")
    source = dict((n, src) for n, _, src in fees.parameters)["fee_expedited"]
    assert f"the reform “{reform_title('expedited-fee-waived')}”" in source and ".yaml" not in source


def _fee_expedited(explanation: Explanation) -> list[tuple[str, str]]:
    fees = next(s for s in explanation.steps if s.key == "fees")
    return [(value, source) for name, value, source in fees.parameters if name == "fee_expedited"]


def test_a_reform_extending_a_dated_series_cites_itself_only_for_the_values_it_adds():
    reform = load_reform("expedited-fee-30-from-2021")
    guidance = cite(BASE["fee_expedited"].source, "en")
    in_2020 = _fee_expedited(explain("2021-03-10", "2020-12-23", expedited=True, params=reform))
    assert len(in_2020) == 1 and in_2020[0][0].startswith("€24.50") and in_2020[0][1] == guidance
    in_2021 = _fee_expedited(explain("2021-03-10", "2021-01-04", expedited=True, params=reform))
    assert len(in_2021) == 1 and in_2021[0][0].startswith("€30.00")
    assert reform_title("expedited-fee-30-from-2021") in in_2021[0][1] and in_2021[0][1] != guidance
    both = explain("2020-11-13", "2020-11-13", option="a", expedited=True, params=reform)
    assert [v.split(" (")[0] for v, _ in _fee_expedited(both)] == ["€24.50", "€30.00"]
    assert [src == guidance for _, src in _fee_expedited(both)] == [True, False]
    assert both.outputs["fees_cents"] == 2450 + 3000


def test_steps_follow_the_order_of_the_rules():
    keys = [s.key for s in explain("2020-11-13", "2020-11-13", option="a", expedited=True).steps]
    assert keys == ["deadline", "last_working_day", "slack", "status", "option", "application_1", "eu_card",
                    "application_2", "path_status", "five_year_card", "gap", "fees", "visits", "stamps",
                    "stamp_refund", "accommodation", "bok"]


def _step(explanation: Explanation, key: str):
    return next(s for s in explanation.steps if s.key == key)


def test_a_step_quotes_the_sentence_of_the_reading_it_depends_on():
    params = BASE.replace(card_expiry_reading="advisory", stamp_refund_reading="each_purchase",
                          before_reading="exclusive")
    explanation = explain("2020-11-13", "2020-11-13", option="a", expedited=True, params=params)
    used = {s.key: [n for n, _, _ in s.readings] for s in explanation.steps}
    assert used["status"] == ["card_expiry_reading", "before_reading"]
    assert used["deadline"] == ["before_reading"]
    assert used["application_1"] == used["application_2"] == ["processing_days_reading"]
    assert used["stamp_refund"] == ["stamp_refund_reading"]
    assert "late_second_application_reading" in used["path_status"]
    assert used["fees"] == used["visits"] == []
    for step in explanation.steps:
        for name, value, sentence in step.readings:
            assert value == params.reading(name)
            assert sentence == params[name].alternative(value).sentence_for(step.key)
    # The second application depends on "before 30 June 2021", not on the first sentence of the reading.
    path = dict((n, s) for n, _, s in _step(explanation, "path_status").readings)
    assert path["before_reading"] == "you will have to apply for a new Residence Card before 30 June 2021"
    status = dict((n, s) for n, _, s in _step(explanation, "status").readings)
    assert "will be changed automatically from 1 January 2021" in status["card_expiry_reading"]
    text = explanation.to_text()
    assert "Reading in force: Refund of unused stamps: From each purchase" in text
    assert "card_expiry_reading" not in text and "fee_expedited" not in text  # labels, not codes


def test_status_step_gives_the_guidance_sentence_for_a_card_not_expiring_in_2020():
    step = _step(explain("2021-03-10", "2020-12-23"), "status")
    assert step.value == "five_year_only"
    assert ("If your Residence Card does not expire in 2020, you will not be able to decide between the two "
            "above options.") in step.result
    assert "no longer possible" not in step.result
    assert "five_year_only" not in step.result  # names people use, not codes


def test_under_the_advisory_reading_the_status_step_says_the_expiry_does_not_close_a_path():
    # Spec, Readings worked row: advisory, E 2020-06-30, A 2020-07-01 -> choice.
    explanation = explain("2020-06-30", "2020-07-01", params=BASE.replace(card_expiry_reading="advisory"))
    assert explanation.outputs["status"] == "choice" and explanation.outputs["applied_after_expiry"]
    assert "Read as advice" in _step(explanation, "status").result
    assert "the guidance says you should apply by that day" in explanation.summary
    assert not _silent(explanation.to_text())


def test_a_late_card_expiry_under_binding_is_not_called_silence_and_names_the_advisory_path():
    explanation = explain("2020-09-30", "2021-02-01")
    assert explanation.outputs["status"] == "late_card_expired"
    summary = explanation.summary
    assert not _silent(summary)
    assert "Read as a deadline" in summary and "Read as advice" in summary
    assert "your residence status will be changed automatically from 1 January 2021" in summary
    assert "applying by 30 June 2021" in summary


@pytest.mark.parametrize(("person", "params", "status", "said"), [
    (dict(card_expiry="2022-05-01", application_date="2021-07-01"), BASE, "late_transition_deadline",
     "You apply on 1 July 2021, after 30 June 2021, the last day to apply for the five-year card; "
     "the guidance does not say what follows."),
    (dict(card_expiry="2021-08-01", application_date="2021-06-30"), BASE.replace(before_reading="exclusive"),
     "late_transition_deadline",
     "Read as “the named day itself is too late”, you had to apply by 29 June 2021; "
     "you apply on 30 June 2021"),
    (dict(card_expiry="2020-11-15", application_date="2020-10-01", years_resided=7), BASE, "out_of_scope",
     "less than 5 years; you have resided 7 years, so it does not say what applies to you."),
])
def test_a_late_row_says_which_deadline_passed_and_where_the_guidance_is_silent(person, params, status, said):
    explanation = explain(params=params, **person)
    assert explanation.outputs["status"] == status
    assert said in explanation.summary
    assert explanation.summary.endswith("What to take from this: the guidance gives no answer for this case.")
    assert "The guidance says" not in explanation.summary  # a reading's day is never the guidance's words


def test_a_late_second_application_without_a_card_is_not_given_invented_dates():
    params = BASE.replace(late_second_application_reading="no_card")
    explanation = explain("2020-11-13", "2020-11-13", option="a", second_application_date="2021-07-05",
                          params=params)
    assert explanation.outputs["five_year_issued_by"] is None
    keys = [s.key for s in explanation.steps]
    assert "five_year_card" not in keys and "bok" not in keys and "gap" not in keys
    assert _silent(_step(explanation, "path_status").result)
    assert "second application on 5 July 2021 comes after 30 June 2021" in explanation.summary
    assert "No five-year card is counted" in explanation.summary


@pytest.mark.parametrize("person", [
    dict(card_expiry="2020-11-15", application_date="2020-10-01"),
    dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a", expedited=True),
    dict(card_expiry="2021-03-10", application_date="2020-12-23", expedited=True, delivery=True),
    dict(card_expiry="2021-09-01", application_date="2020-08-01", option="a"),
])
def test_ok_rows_never_say_the_guidance_is_silent(person):
    for lang in ("en", "sk"):
        explanation = explain(lang=lang, **person)
        assert not _silent(explanation.to_text())


HOLIDAY_LEAD = (
    "You can choose between two paths. On path b, apply for the five-year card by 26 December 2020 "
    "(Saturday). 26 December 2020 is not a working day ({holiday}), so in practice apply by 23 December 2020 "
    "(Wednesday). The five-year card is issued by 9 January 2021 and valid until 9 January 2026; at worst "
    "13 days without a valid card; 2 visits to the Foreign Police; fees €0.00. What to take from this: go to "
    "the Foreign Police in person by 23 December 2020 (Wednesday).")


def test_lead_of_the_spec_example_names_the_day_off_and_the_working_day_before():
    day = dt.date(2020, 12, 26)
    holiday = working_calendar(BASE.calendar).holiday_name((day - dt.date(1970, 1, 1)).days)
    explanation = explain("2020-12-26", "2020-12-10")
    assert explanation.summary == HOLIDAY_LEAD.format(holiday=holiday)
    assert explanation.to_text().startswith(explanation.summary)
    assert explanation.to_html().startswith('<div class="explanation"><p class="summary">You can choose')


def test_lead_names_a_weekend_and_the_five_year_card():
    sunday = explain("2020-11-15", "2020-10-01").summary  # spec worked row 1: E is a Sunday
    assert ("apply for the five-year card by 15 November 2020 (Sunday). 15 November 2020 is not a working "
            "day (Sunday), so in practice apply by 13 November 2020 (Friday).") in sunday
    five_year = explain("2021-03-10", "2020-12-23").summary
    assert five_year.startswith("Your card does not expire in 2020, so you can only get the five-year card: "
                                "apply by 10 March 2021 (Wednesday).")
    not_a = explain("2021-09-01", "2020-08-01", option="a").summary
    assert not_a.startswith("Path a is not open to you. Your card does not expire in 2020")
    assert "no longer possible" not in not_a


def test_path_a_lead_names_both_deadlines_ahead():
    lead = explain("2020-06-30", "2020-06-20", option="a").summary
    assert lead.startswith("You can choose between two paths. On path a, apply for the EU card by "
                           "30 June 2020 (Tuesday)")
    assert "you will have to apply for the five-year card by 30 June 2021" in lead


def test_slovak_explanation():
    explanation = explain("2020-12-26", "2020-12-10", lang="sk")
    assert explanation.summary.startswith(
        "Môžete si vybrať z dvoch možností. Pri možnosti b podajte žiadosť o päťročné povolenie na pobyt do "
        "26. decembra 2020 (sobota). 26. decembra 2020 nie je pracovný deň (")
    assert "v praxi podajte žiadosť do 23. decembra 2020 (streda)" in explanation.summary
    assert "štátny sviatok" not in explanation.to_text()
    text = explanation.to_text()
    assert "Výsledok: " in text and "Platný výklad: „Pred“ dátumom: Uvedený deň je posledný povolený" in text
    assert "card_expiry_reading" not in text
    assert "Result:" not in text and "Apply by" not in text
    expedited = explain("2020-11-13", "2020-11-13", expedited=True, lang="sk")
    assert "Deň boja za slobodu a demokraciu" in _step(expedited, "application_1").result
    assert "24,50\u00a0€" in _step(expedited, "fees").result
    late = explain("2020-06-30", "2020-07-01", lang="sk").summary
    assert "po skončení platnosti preukazu" in late
    # The outputs do not depend on the language.
    assert expedited.outputs == explain("2020-11-13", "2020-11-13", expedited=True).outputs


THREE = {
    "path_a": (("2020-06-30", "2020-06-20"), dict(option="a")),
    "late_applier": (("2020-09-30", "2021-02-01"), {}),
    "from_2019": (("2020-03-31", "2019-11-15"), {}),
}


@pytest.mark.parametrize("who", THREE)
def test_memo_in_the_third_person_has_no_you_and_names_sources(who):
    args, kw = THREE[who]
    explanation = explain(*args, **kw)
    memo = explanation.to_memo(voice="third")
    lead = memo.split("\n")[0]
    unquoted = re.sub(r"“[^”]*”", "", lead)
    assert not re.search(r"\b(you|your)\b", unquoted, flags=re.I), unquoted
    assert "Step by step:" in memo
    steps = [line for line in memo.splitlines() if line[:1].isdigit()]
    assert len(steps) == len(explanation.steps)
    assert all("(Source: " in line for line in steps)
    sk = explanation.to_memo(lang="sk", voice="third")
    assert "Krok za krokom:" in sk and "Zdroj: " in sk


def test_memo_rejects_an_unknown_voice():
    with pytest.raises(ExplorerError) as info:
        explain("2020-11-15", "2020-10-01").to_memo(voice="second")
    assert info.value.field == "voice"


def test_explain_does_not_compute_the_rules_itself():
    sources = [(Path(explorer.__file__).parent / "person" / name).read_text(encoding="utf-8")
               for name in ("explain.py", "explain_steps.py", "explain_text.py")]
    assert not any("scalar" in source for source in sources)
    assert not list(Path(explorer.__file__).parent.rglob("scalar*.py"))  # the plain reading is the tests'
    code = ("import sys, explorer\n"
            "explorer.explain('2020-11-13', '2020-11-13', option='a', expedited=True, lang='sk', "
            "baseline=explorer.load_parameters())\n"
            "print('explorer.core.engine' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(explorer.__file__).parents[1])
    assert out.stdout.split() == ["True"]


def test_expedited_issuance_names_the_skipped_holiday_from_the_calendar():
    step = _step(explain("2020-11-13", "2020-11-13", expedited=True), "application_1")
    holiday = working_calendar(BASE.calendar).holiday_name((dt.date(2020, 11, 17) - dt.date(1970, 1, 1)).days)
    assert holiday and holiday in step.result
    assert "18 November 2020" in step.result


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
