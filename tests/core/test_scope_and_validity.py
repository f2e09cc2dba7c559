"""The spec's "Scope" and "five_year_validity_reading" sections: worked rows in the engine, the
factored sweep and the scalar reading, and what the reading moves (and nothing else)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import explorer
from explorer.core.engine import OUTPUT_COLUMNS
from explorer.core.inputs import INPUT_COLUMNS
from explorer.scenarios.factored import factor
from explorer.scenarios.grid import axes
from tests.support.scalar_reading import ScenarioInputs, evaluate_scenario

WORKED = dict(card_expiry="2020-08-20", application_date="2020-07-20", option="b")
MOVED = {"five_year_valid_until", "bok_venue_types"}


@pytest.fixture(scope="module")
def params():
    return explorer.load_parameters()


def _row(params, **inputs) -> pd.Series:
    return explorer.evaluate(pd.DataFrame({k: [v] for k, v in inputs.items()}), params).iloc[0]


def test_earliest_issue_moves_only_the_validity_and_the_bok_offices(params):
    rows = [dict(card_expiry=e, application_date=a, option=o, expedited=x)
            for e, a, o, x in [("2020-08-20", "2020-07-20", "b", False),
                               ("2020-11-13", "2020-11-13", "a", True),
                               ("2021-05-20", "2021-05-03", "b", False),
                               ("2020-06-30", "2020-07-01", "b", False)]]
    frame = pd.DataFrame(rows)
    base = explorer.evaluate(frame, params)
    other = explorer.evaluate(frame, params.replace(five_year_validity_reading="earliest_issue"))
    changed = {c for c in OUTPUT_COLUMNS if not base[c].equals(other[c])}
    assert changed == MOVED
    # path a: the five years run from the second application day
    assert other.loc[1, "five_year_valid_until"] == pd.Timestamp("2026-06-30")


@pytest.mark.parametrize("reading", ["latest_issue", "earliest_issue"])
def test_factored_sweep_carries_the_validity_reading_and_the_scope_flag(params, reading):
    chosen = params.replace(five_year_validity_reading=reading)
    found = axes(("2020-08-01", "2020-08-31"), ("2019-12-20", "2020-08-10"), freq="D")
    f = factor(found, {}, chosen)
    rows = f.frame()
    direct = explorer.evaluate(rows[list(INPUT_COLUMNS)], chosen)
    for column in ("five_year_valid_until", "bok_venue_types", "before_guidance_period"):
        pd.testing.assert_series_equal(rows[column].reset_index(drop=True),
                                       direct[column].reset_index(drop=True), check_names=False)


def test_before_guidance_period_flags_applications_before_2020_and_changes_nothing_else(params):
    early = _row(params, card_expiry="2020-06-30", application_date="2019-12-31")
    first_day = _row(params, card_expiry="2020-06-30", application_date="2020-01-01")
    assert bool(early["before_guidance_period"]) is True
    assert bool(first_day["before_guidance_period"]) is False
    assert early["status"] == "choice"  # the rules are still computed as written
    later = params.replace(guidance_period_from="2019-01-01")
    moved = _row(later, card_expiry="2020-06-30", application_date="2019-12-31")
    assert bool(moved["before_guidance_period"]) is False
    person = ScenarioInputs(card_expiry=dt.date(2020, 6, 30), application_date=dt.date(2019, 12, 31))
    assert evaluate_scenario(person, params)["before_guidance_period"] is True


def test_before_guidance_period_is_on_every_row_of_the_worked_examples(params):
    frame = pd.DataFrame(dict(card_expiry=["2020-11-15", "2021-03-10"],
                              application_date=["2020-10-01", "2020-12-23"]))
    out = explorer.evaluate(frame, params)
    assert out["before_guidance_period"].dtype == np.bool_
    assert not out["before_guidance_period"].any()


def test_guidance_period_from_is_a_parameter_with_source_and_interpretation(params):
    p = params["guidance_period_from"]
    assert p.kind == "date"
    assert "2020" in p.source.section and p.interpretation


STEPS = {"deadline", "deadline.in_window", "status", "path_status", "lead", "application_1", "application_2",
         "stamp_refund", "five_year_card", "bok", "documents"}


def test_every_reading_names_per_alternative_which_sentence_backs_which_step(params):
    for name in params.readings:
        for alt in params[name].alternatives:
            assert alt.backs, (name, alt.value)
            for step, index in alt.backs:
                assert step in STEPS, (name, alt.value, step)
                assert alt.sentence_for(step) == alt.sentences[index]


def test_a_backing_sentence_out_of_range_names_the_reading(tmp_path):
    from explorer.core.datafiles import data_path
    from explorer.errors import ParameterFileError

    text = data_path("parameters.yaml").read_text(encoding="utf-8")
    bad = text.replace("backs: {stamp_refund: 0}", "backs: {stamp_refund: 7}", 1)
    assert bad != text
    path = tmp_path / "parameters.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ParameterFileError, match="stamp_refund_reading.alternatives.first_purchase.backs"):
        explorer.load_parameters(path)
