"""The files of an aggregated population: one workbook for people, one CSV per table, the problems.

`sides` maps each side ("baseline", and "reform" when a reform is compared) to its aggregate
tables by name (explorer.tables.aggregates, in codes); `bad` is the population's problems
(PopulationLoad.bad), or None.  The CSV files keep the codes (they are for machines); the workbook
is for people: sheet names, headers, values and yes/no in the words of a language.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..labels import Language, label, labelled, ui_text
from .export import to_bytes

Sides = Mapping[str, Mapping[str, pd.DataFrame]]
"""Aggregate tables by side ("baseline", "reform"), then by aggregate name."""
BASELINE = "baseline"
WORKBOOK = "workbook"
PROBLEMS = "problems"
WORKBOOK_FILE = "population-aggregates.xlsx"
PROBLEMS_FILE = "population-problems.csv"
SHEET_CHARS = 31  # the longest sheet name Excel holds


def population_workbook(sides: Sides, bad: pd.DataFrame | None, lang: Language) -> bytes:
    """Every aggregate of every side, and the problems, as one workbook for people in `lang`
    (a reform's sheets named "<reform> – <sheet>", cut to Excel's 31 characters)."""
    sheets: dict[str, pd.DataFrame] = {}
    for side, tables in sides.items():
        for name, table in tables.items():
            sheet = ui_text(f"sheet.{name}", lang)
            if side != BASELINE:
                sheet = f"{label('reform', lang)} – {sheet}"[:SHEET_CHARS].rstrip()
            sheets[sheet] = labelled(table, lang)
    if bad is not None and not bad.empty:
        sheets[ui_text("sheet.problems", lang)] = labelled(bad, lang)
    return to_bytes(sheets, "xlsx", lang)


def population_downloads(sides: Sides, bad: pd.DataFrame | None,
                         lang: Language) -> list[tuple[str, bytes, str]]:
    """(what, payload, filename) of each file: the workbook in `lang` (when there is a table or a
    problem), one CSV per table in codes, the problems as CSV (when there are any); `what` is an
    aggregate's name, "reform <name>", "workbook" or "problems"."""
    sheets = {name if side == BASELINE else f"reform {name}": table
              for side, tables in sides.items() for name, table in tables.items()}
    files = [(WORKBOOK, population_workbook(sides, bad, lang), WORKBOOK_FILE)] \
        if sheets or (bad is not None and not bad.empty) else []
    files += [(sheet, to_bytes(table, "csv"), sheet.replace(" ", "-") + ".csv")
              for sheet, table in sheets.items()]
    if bad is not None and not bad.empty:
        files.append((PROBLEMS, to_bytes(bad, "csv"), PROBLEMS_FILE))
    return files
