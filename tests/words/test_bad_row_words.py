"""Bad-row reasons are catalogue phrases (key + placeholder values) written in the language in force:
English as before, Slovak on the dashboard, the command line and the problems file."""

from __future__ import annotations

import string

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer import words
from explorer.core import inputs, limits
from explorer.core.phrases import Phrase
from explorer.interfaces import cli
from explorer.scenarios import population
from explorer.scenarios.population import check_population, load_population
from explorer.ui.views.population import PopulationView
from tests.paths import ROOT
from tests.support.slovak_spelling import available, misspelled

SAMPLE = ROOT / "data" / "populations" / "sample.csv"
ENGLISH_REASON_WORDS = ("not a ", "negative", "missing", "unknown value", "outside the", "allowed:",
                        "above ", "below ", "whole number", "one of ", " or before ")
HOSTILE = st.one_of(
    st.text(max_size=12), st.sampled_from(["", " ", "nan", "inf", "-inf", "1e400", "-1", "2.5", "1800-01-01",
                                           "2020-02-30", "9999-12-31", "maybe", "c", "True", "0x10"]),
    st.integers(min_value=-(2 ** 70), max_value=2 ** 70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
COLUMNS = ["card_expiry", "application_date", "second_application_date", "option", "expedited", "delivery",
           "stamp_channel", "payment", "stamp_lead_days", "years_resided", "address_changed", "weight",
           population.BEHAVIOUR_COLUMN]


def _tree(found: Phrase) -> list[Phrase]:
    """A phrase and every phrase among its placeholders."""
    nested = [p for _, v in found.values if isinstance(v, Phrase) for p in _tree(v)]
    return [found, *nested]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.fixture(scope="module")
def sample():
    return load_population(SAMPLE)


def test_bad_row_reasons_are_slovak_under_slovak_labels(sample):
    english, slovak = sample.bad, sample.problems("sk")
    assert len(slovak) == len(english) > 0
    assert slovak[["row", "column", "value"]].equals(english[["row", "column", "value"]])
    for reason in slovak["reason"]:
        assert "povolené:" in reason or reason.startswith("chýba deň podania žiadosti"), reason
        assert not any(w in reason for w in ENGLISH_REASON_WORDS), reason
    assert "záporné číslo (povolené: celý počet dní od 0 do 3\u00a0650)" in set(slovak["reason"])
    assert "negative (allowed: a whole number of days from 0 to 3,650)" in set(english["reason"])
    if available():
        for reason in set(slovak["reason"]):
            assert misspelled(reason) == [], reason


def test_codes_and_english_keep_todays_english_reasons(sample):
    assert sample.problems("codes") is sample.bad
    assert sample.problems("en")["reason"].tolist() == sample.bad["reason"].tolist()
    assert "not a date (allowed: an ISO date such as 2020-11-15, between" in sample.bad["reason"].iloc[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(column=st.sampled_from(COLUMNS), cells=st.lists(HOSTILE, min_size=1, max_size=4))
def test_every_bad_row_reason_is_one_catalogue_entry_in_both_languages(column, cells):
    n = len(cells)
    frame = pd.DataFrame({"card_expiry": ["2020-11-15"] * n, "application_date": ["2020-10-01"] * n,
                          "option": ["a"] * n})
    frame[column] = cells
    load = check_population(frame)
    assert load.reasons is not None and len(load.reasons) == len(load.bad)
    for shown, recorded in zip(load.bad["reason"], load.reasons, strict=True):
        assert words.phrase_text(recorded, "en") == shown
        for part in _tree(recorded):
            assert words.has(part.key), part.key
            entry = words.entries()[part.key]
            assert set(entry.forms) == {"en", "sk"}
            names = set(part.placeholders)
            assert _placeholders(entry.forms["en"][0]) == _placeholders(entry.forms["sk"][0]) == names
            assert words.phrase_text(part, "en") == part.english, part.key  # core's English = catalogue's
            assert words.phrase_text(part, "sk") != part.english, part.key


def test_every_range_a_cell_or_parameter_is_checked_against_has_its_allowed_entry():
    ranges = [*limits.DURATIONS.values(), limits.MONEY_CENTS, limits.INTEGER_PARAMETER, limits.HOLIDAY_YEARS,
              *inputs.NUMBER_RANGES.values(), population.WEIGHT_RANGE, population.BEHAVIOUR_RANGE]
    for found in ranges:
        allowed = found.phrase()
        assert words.has(allowed.key), (found, allowed.key)
        assert words.phrase_text(allowed, "en") == found.allowed()
        assert "od" in words.phrase_text(allowed, "sk")


def test_the_weight_range_is_written_in_full_not_as_an_exponent():
    assert population.WEIGHT_RANGE.allowed() == "a number of people from 0 to 1,000,000,000"
    assert words.phrase_text(population.WEIGHT_RANGE.phrase(), "sk") == \
        "počet osôb od 0 do 1\u00a0000\u00a0000\u00a0000"


def test_dashboard_bad_rows_table_shows_slovak_reasons(sample):
    page = PopulationView.bad_html(sample, "sk")
    assert "záporné číslo (povolené: celý počet dní od 0 do 3\u00a0650)" in page
    assert "(allowed:" not in page and "negative" not in page
    assert "(allowed:" in PopulationView.bad_html(sample, "en")


def test_cli_population_under_slovak_labels_prints_and_saves_slovak_reasons(capsys, tmp_path):
    out_file = tmp_path / "problems.csv"
    code = cli.main(["population", str(SAMPLE), "--labels", "sk", "--no-progress",
                     "--bad-out", str(out_file)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "záporné číslo (povolené:" in out and "(allowed:" not in out
    saved = pd.read_csv(out_file)
    reasons = saved.iloc[:, -1].tolist()
    assert any(r.startswith("nie je dátum (povolené: dátum v tvare ISO") for r in reasons), reasons
    assert not any("allowed:" in r for r in reasons)


def test_cli_population_in_codes_keeps_english_reasons(capsys, tmp_path):
    out_file = tmp_path / "problems.csv"
    assert cli.main(["population", str(SAMPLE), "--no-progress", "--bad-out", str(out_file)]) == 0
    capsys.readouterr()
    saved = pd.read_csv(out_file)
    assert saved["reason"].tolist() == load_population(SAMPLE).bad["reason"].tolist()


def test_cli_population_with_dask_under_slovak_labels_writes_slovak_reasons_and_summary(capsys, tmp_path):
    out_file = tmp_path / "problems.csv"
    code = cli.main(["population", str(SAMPLE), "--dask", "--labels", "sk", "--no-progress",
                     "--bad-out", str(out_file)])
    out, _err = capsys.readouterr()
    assert code == 0
    load = load_population(SAMPLE)
    assert out.splitlines()[0] == (
        f"{SAMPLE}: súborov 1, načítaných riadkov {load.rows}, platných {len(load.good)}, "
        f"s problémami {load.bad_rows} (problémov {len(load.bad)})")
    assert "záporné číslo (povolené:" in out and "(allowed:" not in out
    saved = pd.read_csv(out_file)
    assert sorted(saved.iloc[:, -1]) == sorted(load.problems("sk")["reason"])


def test_cli_population_with_dask_in_codes_keeps_the_english_summary(capsys):
    assert cli.main(["population", str(SAMPLE), "--dask", "--no-progress"]) == 0
    out, _err = capsys.readouterr()
    load = load_population(SAMPLE)
    assert out.splitlines()[0] == (
        f"{SAMPLE}: 1 file(s), {load.rows} rows read, {len(load.good)} valid, "
        f"{load.bad_rows} with problems ({len(load.bad)} problems)")
    assert "(allowed:" in out
