"""Tables as people read them: each cell as text in the language's formats (Babel), and the kind of
each column (date, money, percent) that files and screens format alike.

"codes" and English keep ISO days ("2021-06-30") in tables; Slovak tables write "30. 6. 2021" and a
decimal comma ("33,50", "6 912"); shares are percentages ("54.5%" / "54,5 %") in both languages.
Each distinct value is formatted once and mapped onto the column (no per-row loop).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from ..labels import Language, declarations, value_label
from ..words.formats import format_dates, format_moneys, format_numbers, format_percent

MONEY_UNITS = ("EUR", "EUR per day")
PERCENT_UNITS = ("fraction",)
SIDE_SUFFIX = r"(_(baseline|reform|changed|difference)| \([^()]*\))$"
"""A compare side on a column name: "fees_eur_reform" or "Fees (EUR) (Reform)"."""


@lru_cache(maxsize=1)
def _units_by_name() -> dict[str, str]:
    """The English unit of each declared code, looked up by the code and by its labels."""
    table = declarations()
    out: dict[str, str] = {}
    for column in ("label_en", "label_sk", "code"):
        out.update(zip(table[column], table["unit_en"], strict=True))
    return out


def has_fractions(col: pd.Series) -> bool:
    """Whether a numeric column holds a value that is not a whole number."""
    values = pd.to_numeric(col, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    return bool(np.any(np.isfinite(values) & (values != np.round(values))))


def column_kind(col: pd.Series, name: Any) -> str | None:
    """"date", "money", "percent", "fraction" (a number with decimals) or None for one column, from
    its dtype and the unit declared for its code or label in data/outputs.yaml."""
    if pd.api.types.is_datetime64_any_dtype(col.dtype):
        return "date"
    if not pd.api.types.is_numeric_dtype(col.dtype) or pd.api.types.is_bool_dtype(col.dtype):
        return None
    units = _units_by_name()
    text = str(name)
    found = units.get(text)
    if found is None:
        found = units.get(pd.Series([text]).str.replace(SIDE_SUFFIX, "", regex=True).iloc[0], "")
    if found in MONEY_UNITS or "(EUR)" in text:
        return "money"
    if found in PERCENT_UNITS:
        return "percent"
    if pd.api.types.is_float_dtype(col.dtype) and has_fractions(col):
        return "fraction"
    return None


def column_kinds(frame: pd.DataFrame) -> list[str | None]:
    """column_kind of every column, by position."""
    return [column_kind(frame.iloc[:, j], frame.columns[j]) for j in range(frame.shape[1])]


def display_column(col: pd.Series, lang: Language = "en", name: Any = None,
                   currency: bool = False) -> pd.Series:
    """One column as text people read in `lang` (blank where missing); with `currency`, a money
    column as amounts in euro ("€24.50" / "24,50 €"), as the page shows them."""
    people = "en" if lang == "codes" else lang
    kind = column_kind(col, col.name if name is None else name)
    missing = col.isna().to_numpy()
    if kind == "date":
        text = col.dt.strftime("%Y-%m-%d") if people == "en" else format_dates(col, people, "table")
    elif pd.api.types.is_bool_dtype(col.dtype):
        words = {True: value_label(True, people), False: value_label(False, people)}
        text = col.map(words, na_action="ignore")
    elif kind == "percent":
        values = pd.to_numeric(col)
        names = {v: format_percent(float(v), people) for v in values.dropna().unique()}
        text = values.map(names)
    elif kind == "money" and currency:
        text = format_moneys(col, people)
    elif kind in ("money", "fraction"):
        text = format_numbers(col, people, decimals=2)
    elif pd.api.types.is_numeric_dtype(col.dtype):
        text = format_numbers(col, people, decimals=0)
    elif people != "en" and (col.dtype == object or isinstance(col.dtype, pd.CategoricalDtype)):
        text = _words_of_values(col, people)
    else:
        text = col.astype("object").map(str, na_action="ignore")
    return pd.Series(np.where(missing, "", text.astype("object")), index=col.index, dtype=object)


def display_frame(frame: pd.DataFrame, lang: Language = "en", currency: bool = False) -> pd.DataFrame:
    """A copy of `frame` with every cell as text people read in `lang` (headers unchanged); with
    `currency`, money columns as amounts in euro (display_column)."""
    out = {j: display_column(frame.iloc[:, j], lang, frame.columns[j], currency)
           for j in range(frame.shape[1])}
    shown = pd.DataFrame(out, index=frame.index).reset_index(drop=True)
    shown.columns = frame.columns
    return shown


def _words_of_values(col: pd.Series, lang: str) -> pd.Series:
    """A text column whose cells may mix flags and codes (e.g. a total row's "all" beside True/False):
    each distinct value once, flags as yes/no and declared codes by their label in `lang`."""
    values = col.astype("object")
    try:
        distinct = values.dropna().unique()
    except TypeError:  # lists or mappings in the cells (dated parameter values): shown as written
        return values.map(str, na_action="ignore")
    names = {}
    for v in distinct:  # distinct values only: a handful per column
        if isinstance(v, bool | np.bool_):
            names[v] = str(value_label(bool(v), lang))
        else:
            names[v] = str(value_label(v, lang)) if isinstance(v, str) else str(v)
    return values.map(names, na_action="ignore")
