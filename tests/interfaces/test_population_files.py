"""The files of an aggregated population (explorer.interfaces.population_files): a workbook for people
in a language, one CSV per table in codes, the problems."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from explorer import labels
from explorer.core.datafiles import data_path
from explorer.interfaces.population_files import population_downloads, population_workbook
from explorer.scenarios.population import PopulationLoad, load_population
from explorer.tables.aggregates import AGGREGATES, population_aggregates
from explorer.whatif.reforms import load_reform

REFORM = "transition-deadline-2021-12-31"


@pytest.fixture(scope="module")
def checked(params):
    """The sample population: valid rows, and bad ones (data/populations/README.md)."""
    return load_population(data_path("populations", "sample.csv"), params)


@pytest.fixture(scope="module")
def sides(checked, params):
    return {"baseline": population_aggregates(checked.good, params),
            "reform": population_aggregates(checked.good, load_reform(REFORM, params).apply(params))}


def test_a_workbook_then_a_csv_per_table_of_each_side_then_the_problems(sides, checked):
    files = population_downloads(sides, checked, "en")
    whats = [what for what, _, _ in files]
    assert whats == ["workbook", *AGGREGATES, *(f"reform {name}" for name in AGGREGATES), "problems"]
    names = {what: filename for what, _, filename in files}
    assert names["workbook"] == "population-aggregates.xlsx"
    assert names["problems"] == "population-problems.csv"
    assert names["late_by_reason"] == "late_by_reason.csv"
    assert names["reform late_by_reason"] == "reform-late_by_reason.csv"


def test_the_csv_files_keep_the_codes_of_their_table(sides, checked):
    files = {what: payload for what, payload, _ in population_downloads(sides, checked, "sk")}
    late = pd.read_csv(io.BytesIO(files["reform late_by_reason"]))
    assert list(late.columns) == list(sides["reform"]["late_by_reason"].columns)
    assert late["people"].sum() == sides["reform"]["late_by_reason"]["people"].sum()
    problems = pd.read_csv(io.BytesIO(files["problems"]))
    assert list(problems.columns) == ["row", "column", "value", "reason"]
    pd.testing.assert_series_equal(problems["column"], checked.bad["column"].astype(str), check_names=False)


def test_the_workbook_is_for_people_in_the_language_asked(sides, checked):
    english = pd.read_excel(io.BytesIO(population_workbook(sides, checked, "en")), sheet_name=None)
    slovak = pd.read_excel(io.BytesIO(population_workbook(sides, checked, "sk")), sheet_name=None)
    for lang, book in (("en", english), ("sk", slovak)):
        assert len(book) == 2 * len(AGGREGATES) + 1
        assert labels.ui_text("sheet.late_by_reason", lang) in book
        assert labels.ui_text("sheet.problems", lang) in book
        reform_sheets = [s for s in book if s.startswith(labels.label("reform", lang))]
        assert len(reform_sheets) == len(AGGREGATES) and all(len(s) <= 31 for s in book)
    assert set(english).isdisjoint(slovak)
    late = slovak[labels.ui_text("sheet.late_by_reason", "sk")]
    assert labels.label("people", "sk") in late.columns and "people" not in late.columns


def test_the_downloaded_workbook_is_the_one_of_its_language(sides, checked):
    files = {what: payload for what, payload, _ in population_downloads(sides, checked, "sk")}
    book = pd.read_excel(io.BytesIO(files["workbook"]), sheet_name=None)
    assert labels.ui_text("sheet.problems", "sk") in book


def test_no_valid_rows_give_only_the_problems(checked):
    files = population_downloads({}, checked, "en")
    assert [(what, filename) for what, _, filename in files] == [
        ("workbook", "population-aggregates.xlsx"), ("problems", "population-problems.csv")]
    book = pd.read_excel(io.BytesIO(files[0][1]), sheet_name=None)
    assert list(book) == [labels.ui_text("sheet.problems", "en")]


def test_nothing_to_download_gives_no_file(sides):
    assert population_downloads({}, None, "en") == []
    no_problem = PopulationLoad(pd.DataFrame(), pd.DataFrame(columns=["row", "column", "value", "reason"]))
    assert population_downloads({}, no_problem, "en") == []
    whats = [what for what, _, _ in population_downloads({"baseline": sides["baseline"]}, None, "en")]
    assert whats == ["workbook", *AGGREGATES]


def test_the_workbooks_problems_give_their_reasons_in_the_language_of_the_workbook(sides, checked):
    slovak = pd.read_excel(io.BytesIO(population_workbook(sides, checked, "sk")), sheet_name=None)
    reasons = list(slovak[labels.ui_text("sheet.problems", "sk")][labels.label("reason", "sk")])
    assert reasons == list(checked.problems("sk")["reason"])
    assert reasons != list(checked.bad["reason"])  # the codes' reasons are English


def test_the_command_lines_workbook_holds_the_sheets_the_dashboard_gives(sides, checked, tmp_path, capsys):
    from explorer.interfaces import cli

    book = tmp_path / "population.xlsx"
    assert cli.main(["population", str(data_path("populations", "sample.csv")), "--labels", "sk",
                     "--no-progress", "--out", str(book)]) == 0
    capsys.readouterr()
    dashboard = pd.read_excel(io.BytesIO(population_workbook({"baseline": sides["baseline"]}, checked, "sk")),
                              sheet_name=None)
    command_line = pd.read_excel(book, sheet_name=None)
    assert list(command_line) == list(dashboard)
    for name, sheet in dashboard.items():
        pd.testing.assert_frame_equal(command_line[name], sheet)
