"""The files of an aggregated population: one workbook for people, one CSV per table, the problems.

`sides` maps each side ("baseline", and "reform" when a reform is compared) to its aggregate
tables by name (explorer.tables.aggregates, in codes).  The CSV files keep the codes (they are for
machines: the problems as PopulationLoad.bad holds them); the workbook is for people: sheet names,
headers, values, yes/no and the problems' reasons in the words of a language.  The dashboard's
downloads and the command line's `explorer population --out` build the workbook's sheets here.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..labels import Language, label, labelled, ui_text
from ..scenarios.population import PopulationLoad
from .export import to_bytes

Sides = Mapping[str, Mapping[str, pd.DataFrame]]
"""Aggregate tables by side ("baseline", "reform"), then by aggregate name."""
BASELINE = "baseline"
WORKBOOK = "workbook"
PROBLEMS = "problems"
WORKBOOK_FILE = "population-aggregates.xlsx"
PROBLEMS_FILE = "population-problems.csv"
SHEET_CHARS = 31  # the longest sheet name Excel holds


def population_sheets(sides: Sides, problems: pd.DataFrame | None, lang: Language) -> dict[str, pd.DataFrame]:
    """The workbook's sheets in `lang` (en, sk; "codes" keeps codes): every aggregate of every side
    (a reform's sheets named "<reform> – <sheet>", cut to Excel's 31 characters), then the problems,
    when there are any (`problems`: their reasons already in `lang`, PopulationLoad.problems)."""
    sheets: dict[str, pd.DataFrame] = {}
    for side, tables in sides.items():
        for name, table in tables.items():
            sheet = ui_text(f"sheet.{name}", lang)
            if side != BASELINE:
                sheet = f"{label('reform', lang)} – {sheet}"[:SHEET_CHARS].rstrip()
            sheets[sheet] = labelled(table, lang)
    if problems is not None and not problems.empty:
        sheets[ui_text("sheet.problems", lang)] = labelled(problems, lang)
    return sheets


def population_workbook(sides: Sides, load: PopulationLoad | None, lang: Language) -> bytes:
    """Every aggregate of every side, and the problems of `load` (the checked population, or None),
    as one workbook for people in `lang`."""
    problems = load.problems(lang) if load is not None else None
    return to_bytes(population_sheets(sides, problems, lang), "xlsx", lang)


def population_downloads(sides: Sides, load: PopulationLoad | None,
                         lang: Language) -> list[tuple[str, bytes, str]]:
    """(what, payload, filename) of each file: the workbook in `lang` (when there is a table or a
    problem), one CSV per table in codes, the problems of `load` as CSV in codes (when there are
    any); `what` is an aggregate's name, "reform <name>", "workbook" or "problems"."""
    bad = load.bad if load is not None and not load.bad.empty else None
    sheets = {name if side == BASELINE else f"reform {name}": table
              for side, tables in sides.items() for name, table in tables.items()}
    files = [(WORKBOOK, population_workbook(sides, load, lang), WORKBOOK_FILE)] \
        if sheets or bad is not None else []
    files += [(sheet, to_bytes(table, "csv"), sheet.replace(" ", "-") + ".csv")
              for sheet, table in sheets.items()]
    if bad is not None:
        files.append((PROBLEMS, to_bytes(bad, "csv"), PROBLEMS_FILE))
    return files
