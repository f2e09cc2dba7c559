"""Readings: each listed alternative works, the sentences are the guidance's own, and readings
switch in reforms, compare and the CLI (the spec's worked rows for each reading are cases in
tests/cases/readings.yaml, run by test_cases.py).

Expected values are worked by hand (spec/rules.md "Readings", or the working below each row).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pandas as pd
import pytest

import explorer
from explorer.interfaces import cli
from tests.paths import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"  # beside the checkout, not in it
FIELDS = ("status", "apply_by", "apply_by_last_working_day", "slack_days", "first_issued_by", "gap_days")



def _plain(value: Any) -> Any:
    """An engine or scalar value as the spec table writes it (ISO dates, ints, None)."""
    if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp | dt.date):
        return pd.Timestamp(value).date().isoformat()
    if isinstance(value, str) or hasattr(value, "categories"):
        return str(value)
    return int(value)


def _evaluate(readings: dict[str, str], inputs: dict[str, Any], params) -> pd.Series:
    return explorer.evaluate(pd.DataFrame([inputs]), params.replace(**readings)).iloc[0]


def test_applied_after_expiry_is_on_every_row_under_every_reading(params):
    rows = pd.DataFrame({"card_expiry": ["2020-06-30", "2020-06-30", "2021-06-27"],
                         "application_date": ["2020-07-01", "2020-06-30", "2021-06-28"]})
    for expiry in ("binding", "advisory"):
        for before in ("inclusive", "exclusive"):
            out = explorer.evaluate(rows, params.replace(card_expiry_reading=expiry, before_reading=before))
            assert out["applied_after_expiry"].tolist() == [True, False, True]
            assert out["applied_after_expiry"].dtype == bool


def test_advisory_keeps_the_advice_in_apply_by_and_slack(params):
    """Advisory changes the status only: apply_by is still the card's expiry, slack negative."""
    inputs = dict(card_expiry="2020-06-30", application_date="2020-07-10")
    binding = _evaluate({}, inputs, params)
    advisory = _evaluate({"card_expiry_reading": "advisory"}, inputs, params)
    assert str(binding["status"]) == "late_card_expired" and not binding["option_available"]
    assert str(advisory["status"]) == "choice" and advisory["option_available"]
    assert (binding["apply_by"], binding["slack_days"]) == (advisory["apply_by"], advisory["slack_days"])
    assert advisory["slack_days"] == -10


def test_exclusive_moves_the_default_second_application_and_lateness(params):
    """Path a's default second application is the last day allowed: 29 June 2021 when exclusive;
    a second application on 30 June 2021 is then late."""
    inputs = dict(card_expiry="2020-11-15", application_date="2020-10-01", option="a")
    row = _evaluate({"before_reading": "exclusive"}, inputs, params)
    assert _plain(row["second_application_date"]) == "2021-06-29"
    assert str(row["path_status"]) == "ok"
    late = _evaluate({"before_reading": "exclusive"}, {**inputs, "second_application_date": "2021-06-30"},
                     params)
    assert str(late["path_status"]) == "late_second_application"
    # eu_card_valid_until ("its validity will be until 30 June 2021") does not move:
    # five-year card 30 days after 30 June 2021 = 30 July; days without a card 1..29 July = 29.
    assert _plain(late["five_year_issued_by"]) == "2021-07-30"
    assert late["gap_days"] == 29


def test_processing_in_working_days_counts_thirty_slovak_working_days(params):
    """Monday 3 May 2021 + 30 working days (no public holiday on a weekday in May-June 2021;
    8 May is a Saturday) = Monday 14 June 2021; days without a card 21 May..13 June = 24."""
    inputs = dict(card_expiry="2021-05-20", application_date="2021-05-03")
    row = _evaluate({"processing_days_reading": "working"}, inputs, params)
    assert _plain(row["first_issued_by"]) == "2021-06-14"
    assert row["gap_days"] == 24
    assert _plain(_evaluate({}, inputs, params)["first_issued_by"]) == "2021-06-02"


def test_refund_window_from_each_purchase_runs_to_the_last_purchase_plus_two_years(params):
    """Path a, expedited, post-office stamps bought on each application day (13 Nov 2020 and the
    default 30 Jun 2021): first purchase + 2 years = 13 Nov 2022; each purchase: 30 Jun 2023."""
    inputs = dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a", expedited=True,
                  stamp_channel="post_office")
    assert _plain(_evaluate({}, inputs, params)["stamp_refund_by"]) == "2022-11-13"
    each = _evaluate({"stamp_refund_reading": "each_purchase"}, inputs, params)
    assert _plain(each["stamp_refund_by"]) == "2023-06-30"
    # One purchase only (path b): both readings agree.
    b = {**inputs, "option": "b"}
    assert _plain(_evaluate({"stamp_refund_reading": "each_purchase"}, b, params)["stamp_refund_by"]) \
        == _plain(_evaluate({}, b, params)["stamp_refund_by"]) == "2022-11-13"


def test_late_second_application_gives_no_card_only_under_the_no_card_reading(params):
    """Path a, second application 15 Jul 2021 (after 30 June): EU card by 13 Dec 2020 (A + 30);
    card_issued: five-year card by 14 Aug 2021, valid to 14 Aug 2026, 29 + 44 = 73 days without
    a card, BOK at 3 kinds of office; no_card: those outputs are missing."""
    inputs = dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a",
                  second_application_date="2021-07-15")
    issued = _evaluate({}, inputs, params)
    assert str(issued["path_status"]) == "late_second_application"
    assert [_plain(issued[f]) for f in ("first_issued_by", "five_year_issued_by", "five_year_valid_until",
                                        "gap_days", "bok_venue_types")] == \
        ["2020-12-13", "2021-08-14", "2026-08-14", 73, 3]
    none = _evaluate({"late_second_application_reading": "no_card"}, inputs, params)
    assert str(none["path_status"]) == "late_second_application"
    assert _plain(none["first_issued_by"]) == "2020-12-13"
    for field in ("five_year_issued_by", "five_year_valid_until", "gap_days", "bok_venue_types"):
        assert pd.isna(none[field]), field
    # A second application in time is not touched by the reading.
    ok = _evaluate({"late_second_application_reading": "no_card"},
                   {**inputs, "second_application_date": "2021-06-01"}, params)
    assert _plain(ok["five_year_issued_by"]) == "2021-07-01"


# A row on which each alternative gives a different result from the baseline: proof that every
# listed alternative is implemented.
DIFFERING_ROW = {
    ("card_expiry_reading", "advisory"): (dict(card_expiry="2020-06-30", application_date="2020-07-01"),
                                          "status"),
    ("before_reading", "exclusive"): (dict(card_expiry="2021-08-01", application_date="2021-06-30"),
                                      "status"),
    ("processing_days_reading", "working"): (dict(card_expiry="2021-05-20", application_date="2021-05-03"),
                                             "first_issued_by"),
    ("stamp_refund_reading", "each_purchase"): (
        dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a", expedited=True,
             stamp_channel="post_office"), "stamp_refund_by"),
    ("late_second_application_reading", "no_card"): (
        dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a",
             second_application_date="2021-07-15"), "five_year_issued_by"),
    ("five_year_validity_reading", "earliest_issue"): (
        dict(card_expiry="2020-08-20", application_date="2020-07-20"), "five_year_valid_until"),
}


def test_every_listed_alternative_changes_some_output(params):
    table = explorer.readings(params)
    listed = {(r.name, r.alternative) for r in table.itertuples() if not r.baseline}
    # The application form is a reading of the document checklist, not of evaluate()'s outputs.
    form = ("application_form_reading", "list_as_written")
    assert listed == set(DIFFERING_ROW) | {form}
    checklist = explorer.documents(booked_online=False, params=params)["document"].tolist()
    other = explorer.documents(booked_online=False, params=params.replace(**dict([form])))
    assert checklist != other["document"].tolist()
    for (name, value), (inputs, field) in DIFFERING_ROW.items():
        base = _evaluate({}, inputs, params)[field]
        other = _evaluate({name: value}, inputs, params)[field]
        assert _plain(base) != _plain(other), (name, value, field)


def _guidance_text() -> str:
    text = (SEEDS / "004_c8c037dea3bd39d5.txt").read_text(encoding="utf-8")
    post = json.loads((SEEDS / "000_ba9ce6113b8242c3.txt").read_text(encoding="utf-8"))
    text += " " + re.sub(r"<[^>]+>", " ", post["content"]["rendered"])
    return " ".join(text.replace("\u2019", "'").replace("\u00b4", "'").split())


def test_every_sentence_behind_a_reading_is_quoted_from_the_guidance(params):
    guidance = _guidance_text()
    table = explorer.readings(params)
    for name in params.readings:
        for alt in params[name].alternatives:
            assert alt.case, (name, alt.value)
            for sentence in alt.sentences:
                quoted = " ".join(sentence.replace("\u2019", "'").split())
                assert quoted in guidance, (name, alt.value, sentence)
    assert set(table.columns) >= {"name", "value_in_force", "alternative", "sentences", "source"}


def test_readings_table_shows_the_value_in_force(params):
    table = explorer.readings(params.replace(before_reading="exclusive"))
    before = table[table["name"] == "before_reading"]
    assert set(before["value_in_force"]) == {"exclusive"}
    assert before.loc[before["in_force"], "alternative"].tolist() == ["exclusive"]
    assert before.loc[before["baseline"], "alternative"].tolist() == ["inclusive"]


def test_an_unknown_reading_value_names_the_alternatives(params):
    with pytest.raises(explorer.ExplorerError, match="binding, advisory"):
        params.replace(card_expiry_reading="strict")


def test_a_reading_cannot_be_dated(params):
    with pytest.raises(explorer.ExplorerError):
        params.replace(card_expiry_reading={None: "binding", "2021-01-01": "advisory"})


def test_a_reform_file_can_switch_a_reading(tmp_path, params):
    path = tmp_path / "advisory.yaml"
    path.write_text("name: Expiry as advice\ndescription: Read 'should' as advice.\n"
                    "changes:\n  card_expiry_reading: advisory\n", encoding="utf-8")
    reformed = explorer.load_reform(path).apply(params)
    assert reformed.reading("card_expiry_reading") == "advisory"
    comparison = explorer.compare(params, reformed, frame=pd.DataFrame(
        {"card_expiry": ["2020-06-30"], "application_date": ["2020-07-01"]}))
    moves = comparison.status_transitions
    assert "late_card_expired" in moves.to_string() and "choice" in moves.to_string()


def test_cli_reading_switches_the_sweep_and_names_the_reading(tmp_path, capsys):
    out = tmp_path / "advisory.csv"
    code = cli.main(["sweep", "--expiry", "2020-06-01:2020-07-31", "--application", "2020-07-01:2020-08-31",
                     "--freq", "MS", "--options", "b", "--expedited", "no", "--delivery", "no",
                     "--reading", "card_expiry_reading=advisory", "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "card_expiry_reading = advisory (baseline: binding)" in printed
    rows = pd.read_csv(out)
    expected = explorer.sweep("2020-06-01:2020-07-31", "2020-07-01:2020-08-31", freq="MS", options=("b",),
                              expedited=(False,), delivery=(False,),
                              params=explorer.load_parameters().replace(card_expiry_reading="advisory"))
    assert rows["status"].tolist() == expected["status"].astype(str).tolist()
    assert "late_card_expired" not in set(rows["status"])
    assert rows["applied_after_expiry"].any()


def test_cli_reading_with_a_bad_name_is_a_one_line_error(capsys):
    code = cli.main(["summary", "--expiry", "2020-06-01:2020-07-31", "--application", "2020-07-01:2020-08-31",
                     "--freq", "MS", "--reading", "expiry=advisory"])
    err = capsys.readouterr().err
    assert code != 0
    assert "--reading" in err and "card_expiry_reading" in err and "Traceback" not in err


def test_a_reform_extending_a_dated_series_cites_itself_only_for_its_own_values(params):
    reform = explorer.load_reform("expedited-fee-30-from-2021")
    fee = reform.apply(params)["fee_expedited"]
    before = fee.source_at(params["choice_window_end"].values[0])   # 2020-12-31
    after = fee.source_at(params["transition_deadline"].values[0])  # 2021-06-30
    assert "Guidance" in str(before) and "Reform" not in str(before)
    assert "Reform" in str(after)
    table = reform.apply(params).table()
    rows = table[table["parameter"] == "fee_expedited"]
    assert ["Reform" in s for s in rows["source"]] == [False, True]


def test_comparison_changes_count_rows_and_totals_of_two_evaluations(params):
    """The Readings compared table: rows changing status, fees, visits, days without a card, and
    the totals, equal to two separate evaluations."""
    frame = explorer.grid(("2020-05-01", "2021-08-31"), ("2020-05-01", "2021-08-31"), freq="MS")
    chosen = params.replace(card_expiry_reading="advisory", before_reading="exclusive")
    changes = explorer.compare(params, chosen, frame=frame).changes.set_index("measure")
    base, new = explorer.evaluate(frame, params), explorer.evaluate(frame, chosen)
    status = changes.iloc[0]
    assert status["rows changed"] == int((base["status"].astype(str) != new["status"].astype(str)).sum())
    assert (status["baseline"], status["reform"]) == (base["option_available"].sum(),
                                                       new["option_available"].sum())
    fees = changes.loc["fees_eur"]
    assert fees["rows changed"] == int((base["fees_cents"] != new["fees_cents"]).sum())
    assert fees["difference"] == (new["fees_cents"].sum() - base["fees_cents"].sum()) / 100
    gap = changes.loc["gap_days"]
    assert gap["reform"] == new["gap_days"].fillna(0).sum()
    assert gap["rows changed"] == int((base["gap_days"].fillna(-1) != new["gap_days"].fillna(-1)).sum())
    assert changes.loc["visits", "difference"] == new["visits"].sum() - base["visits"].sum()
    assert status["rows changed"] > 0


def test_the_readings_line_speaks_codes_english_or_slovak(params):
    from explorer.whatif.readings_table import readings_line

    advisory = params.replace(card_expiry_reading="advisory")
    assert readings_line(params) == "Readings in force: all at their baseline."
    assert "card_expiry_reading = advisory (baseline: binding)" in readings_line(advisory)
    assert readings_line(advisory, "en") == \
        "Readings in force: The card's expiry: Advice: the transition deadline decides."
    assert "card_expiry_reading" not in readings_line(advisory, "sk")
    assert readings_line(advisory, "sk").startswith(
        "Platné výklady: Koniec platnosti: lehota alebo odporúčanie")
