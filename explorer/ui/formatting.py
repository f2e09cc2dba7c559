"""Display text of table cells in the page's language: English dates as YYYY-MM-DD, Slovak as 30. 6. 2021;
money as amounts in euro ("€24.50" / "24,50 €"), means with 2 decimals, counts grouped, shares as
percentages (Babel).  Every table the page shows is formatted here, so every view follows one rule: a
column whose declared unit is EUR (or whose header says "(EUR)") shows money."""

from __future__ import annotations

import html

import pandas as pd

from ..labels import Language, declarations, labelled
from ..tables.display import MONEY_UNITS, display_column, display_frame
from ..words.formats import format_moneys

MEASURE = "measure"
MEASURE_TOTALS = ("baseline", "reform", "difference")
"""A table of one measure per row (explorer.compare's `changes`): the column naming the measure (an
output code) and the columns holding its totals, in the measure's unit."""


def format_frame(frame: pd.DataFrame, lang: Language = "en") -> pd.DataFrame:
    """A copy of `frame` with every cell as display text in `lang` (blank where missing): Slovak
    tables write "30. 6. 2021" and a decimal comma, money columns "24,50 €" (explorer.tables.display,
    Babel)."""
    return display_frame(frame, lang, currency=True)


def format_column(col: pd.Series, lang: Language = "en") -> pd.Series:
    """Display text of one column, chosen by its dtype and declared unit (money in euro)."""
    return display_column(col, lang, currency=True)


def format_measures(frame: pd.DataFrame, lang: Language = "en") -> pd.DataFrame:
    """A table of one measure per row (a "measure" column of output codes), labelled and formatted
    for the page: the totals of a measure declared in EUR as euro amounts ("€132.00" / "132,00 €"),
    the rest as format_frame writes them."""
    shown = format_frame(labelled(frame, lang), lang)
    if MEASURE not in frame.columns:
        return shown
    table = declarations()
    units = dict(zip(table["code"], table["unit_en"], strict=True))
    money = frame[MEASURE].map(units).isin(MONEY_UNITS).to_numpy()
    if money.any():
        for j, name in enumerate(frame.columns):
            if name in MEASURE_TOTALS:
                shown.iloc[money, j] = format_moneys(frame.loc[money, name], lang).to_numpy()
    return shown


def html_table(frame: pd.DataFrame, css_class: str = "rx-table") -> str:
    """A plain HTML table of already formatted text (escaped)."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f'<table class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
