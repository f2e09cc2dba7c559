"""Display text of table cells in a language: English dates as YYYY-MM-DD, Slovak as 30. 6. 2021 (Babel);
money and means with 2 decimals, counts grouped, with the language's separators; yes/no in words."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from ..words import catalogue, formats


def format_frame(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A copy of `frame` with every cell as display text in `lang` (blank where missing)."""
    out = {}
    for name, col in frame.items():
        out[name] = format_column(col, lang)
    return pd.DataFrame(out, index=frame.index).reset_index(drop=True)


def format_column(col: pd.Series, lang: str = "en") -> pd.Series:
    """Display text of one column in `lang`, chosen by its dtype (English keeps ISO dates)."""
    missing = col.isna().to_numpy()
    if pd.api.types.is_datetime64_any_dtype(col.dtype):
        text = col.dt.strftime("%Y-%m-%d") if lang != "sk" else formats.format_dates(col, lang, "table")
    elif pd.api.types.is_bool_dtype(col.dtype):
        words = {True: catalogue.text("value.yes", lang), False: catalogue.text("value.no", lang)}
        text = col.map(words, na_action="ignore")
    elif pd.api.types.is_integer_dtype(col.dtype):
        text = formats.format_numbers(col.astype("float64"), lang, 0)
    elif pd.api.types.is_float_dtype(col.dtype):
        text = formats.format_numbers(col, lang, 2)
    else:
        text = col.astype("object").map(str, na_action="ignore")
    return pd.Series(np.where(missing, "", text.astype("object")), index=col.index, dtype=object)


def html_table(frame: pd.DataFrame, css_class: str = "rx-table") -> str:
    """A plain HTML table of already formatted text (escaped)."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f'<table class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
