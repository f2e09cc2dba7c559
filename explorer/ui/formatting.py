"""Display text of table cells: dates as YYYY-MM-DD, money and means with 2 decimals, counts with commas."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd


def format_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every cell as display text (blank where missing)."""
    out = {}
    for name, col in frame.items():
        out[name] = format_column(col)
    return pd.DataFrame(out, index=frame.index).reset_index(drop=True)


def format_column(col: pd.Series) -> pd.Series:
    """Display text of one column, chosen by its dtype."""
    missing = col.isna().to_numpy()
    if pd.api.types.is_datetime64_any_dtype(col.dtype):
        text = col.dt.strftime("%Y-%m-%d")
    elif pd.api.types.is_bool_dtype(col.dtype):
        text = col.map(lambda v: "yes" if v else "no", na_action="ignore")
    elif pd.api.types.is_integer_dtype(col.dtype):
        text = col.map(lambda v: f"{int(v):,}", na_action="ignore")
    elif pd.api.types.is_float_dtype(col.dtype):
        text = col.map(lambda v: f"{float(v):,.2f}", na_action="ignore")
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
