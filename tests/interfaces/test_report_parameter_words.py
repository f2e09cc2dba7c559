"""The report's parameter and reading tables in Slovak: titles, units, values, reading names, their
alternatives, cases and sources in Slovak words; only the guidance's own words stay English, in „…“."""

from __future__ import annotations

import html
import re

import pytest

from explorer import labels, words
from explorer.core.engine import default_parameters
from explorer.interfaces.report import build_report, parameter_tables, parameter_value_text
from explorer.words import text_or_english
from tests.support.slovak_spelling import available, misspelled

SWEEP = {"expiry": ("2020-10-01", "2020-11-30"), "application": ("2020-09-01", "2020-10-31"), "freq": "MS"}
ENGLISH = re.compile(r"\b(days?|years?|working|EUR|per application|undated|section|inclusive|exclusive|"
                     r"kinds of office|duration|payments|channel|guidance|reading|the|and|Card|"
                     r"Online booking)\b")
CODES = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _table_text(page: str, css_class: str) -> str:
    start = page.index(f'<table class="{css_class}"')
    table = page[start:page.index("</table>", start)]
    return html.unescape(re.sub(r"<[^>]+>", " | ", table))


def _unquoted(text: str) -> str:
    return re.sub(r"„[^“]*“", " ", text)


@pytest.fixture(scope="module")
def slovak_page() -> str:
    return build_report(SWEEP, lang="sk").to_html()


@pytest.mark.parametrize("css_class", ["rx-report-parameters", "rx-report-readings"])
def test_report_parameter_tables_are_slovak_in_a_slovak_report(slovak_page, css_class):
    text = _table_text(slovak_page, css_class)
    outside_quotes = _unquoted(text)
    assert ENGLISH.findall(outside_quotes) == [], css_class
    assert CODES.findall(outside_quotes) == [], css_class
    assert "\u201d" not in text  # quotations open with „ and close with “, never the English ”
    if available():
        assert misspelled(text) == []


def test_slovak_parameter_table_writes_units_durations_amounts_and_dates_the_slovak_way(slovak_page):
    text = _table_text(slovak_page, "rx-report-parameters")
    for part in ("30 dní", "2 pracovné dni", "5 rokov", "24,50", "€ za žiadosť", "deň (vrátane)",
                 "30. 6. 2021", "bez dátumu (2020)", "oddiel „FEES AND TIMELINES", "Pošta: 2 roky",
                 "Oddelenia cudzineckej polície", labels.label("transition_deadline", "sk")):
        assert part in text, part
    assert "2021-06-30" not in text and "working_days" not in text


def test_slovak_readings_table_names_the_reading_its_value_and_case_in_slovak(slovak_page):
    params = default_parameters()
    text = _table_text(slovak_page, "rx-report-readings")
    for name in params.readings:
        value = params.reading(name)
        assert labels.label(name, "sk") in text, name
        assert labels.value_label(value, "sk") in text, name
        assert words.text(f"reading.{name}.{value}.case", "sk") in text, name
        case = next(a.case for a in params[name].alternatives if a.value == value)
        assert case not in text, name
    assert "„You should go to the Foreign Police" in text


def test_every_parameter_unit_and_reading_case_has_a_slovak_entry_for_todays_english():
    params = default_parameters()
    table = params.table()
    for name, unit in zip(table["parameter"], table["unit"], strict=True):
        if name in params.readings:
            continue
        key = f"parameter.{name}.unit"
        assert words.has(key) and words.template(key, "en") == unit, name
        assert words.text(key, "sk") != unit or unit == "", name
    for name in params.readings:
        for alt in params[name].alternatives:
            key = f"reading.{name}.{alt.value}.case"
            assert words.has(key) and words.template(key, "en") == alt.case, key
            assert words.text(key, "sk") != alt.case, key


def test_parameter_durations_take_the_plural_of_their_count():
    assert [parameter_value_text(v, "sk") for v in ("1 days", "2 working_days", "5 years", "30 days")] == \
        ["1 deň", "2 pracovné dni", "5 rokov", "30 dní"]
    assert parameter_value_text("2 working_days", "en") == "2 working days"


def test_a_case_changed_in_the_parameters_file_shows_its_english_not_a_stale_translation():
    assert text_or_english("reading.before_reading.exclusive.case", "A new case.", "sk") == "A new case."


@pytest.fixture(scope="module")
def english_page() -> str:
    return build_report(SWEEP, lang="en").to_html()


@pytest.mark.parametrize("css_class", ["rx-report-parameters", "rx-report-readings"])
def test_english_report_parameter_tables_show_labels_not_codes(english_page, css_class):
    text = _table_text(english_page, css_class)
    assert CODES.findall(_unquoted(text)) == [], css_class


def test_english_report_names_parameters_and_readings_by_their_labels(english_page):
    params = default_parameters()
    parameters = _table_text(english_page, "rx-report-parameters")
    assert labels.label("transition_deadline", "en") in parameters and "transition_deadline" not in parameters
    assert "2 working days" in parameters and "2 working_days" not in parameters
    readings = _table_text(english_page, "rx-report-readings")
    for name in params.readings:
        value = params.reading(name)
        assert labels.label(name, "en") in readings and name not in readings, name
        assert labels.value_label(value, "en") in readings, name
    assert "card_expiry_reading" not in readings and "| binding |" not in readings


def test_codes_tables_stay_as_the_parameters_file_writes_them():
    params = default_parameters()
    plain, readings = parameter_tables(params)
    assert list(readings["reading"]) == list(params.readings)
    assert "2 working_days" in list(plain["value"]) and "EUR per application" in list(plain["unit"])


def test_the_english_reports_map_legend_names_statuses_by_their_labels():
    from explorer.core.rules.transition import STATUSES
    from explorer.interfaces.report import options_map_figure, tables_of_sweep

    figure, _note = options_map_figure(tables_of_sweep(SWEEP, default_parameters()), "en")
    ticks = list(figure.data[0].colorbar.ticktext)
    assert ticks == [labels.value_label(s, "en") for s in STATUSES]
    assert not set(ticks) & set(STATUSES)


@pytest.mark.parametrize(("lang", "step"), [("en", "month"), ("sk", "mesiac")])
def test_the_reports_view_names_the_step_in_words_not_as_pandas_code(lang, step):
    from explorer.interfaces.report import view_from_sweep

    rows = view_from_sweep(SWEEP, lang)
    assert step in rows.values() and "MS" not in rows.values()
    assert view_from_sweep({**SWEEP, "freq": "2W"}, lang)[words.text("report.view.freq", lang)] == "2W"
