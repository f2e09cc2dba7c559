"""The options map's hover text, shared by the dashboard's map and the report's heatmap.

The two dates are written by plotly itself from the cell's x/y through a d3 time format
(`%{y|%-d. %-m. %Y}`), so each cell carries only what cannot be derived: its status line, or the
sentence saying the guidance does not cover its application day. Those come from a short list of
lines indexed by the cell's code (no string is built per cell).
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..core.days import day_to_date
from ..core.parameters import Parameters
from ..core.rules.transition import STATUSES, before_guidance_period
from ..labels import label, ui_text

HOVER_DATE_FORMATS: Mapping[str, str] = {"en": "%-d %B %Y", "sk": "%-d. %-m. %Y"}
"""d3 time formats of the hover's dates: "20 August 2020" (d3's built-in English names) and the
Slovak table style "20. 8. 2020" (digits only, so no locale is needed in the browser)."""


def hover_date_format(lang: str) -> str:
    """The d3 time format the hover writes a day in for `lang` ("codes" reads English)."""
    return HOVER_DATE_FORMATS["sk" if lang == "sk" else "en"]


def hover_template(lang: str) -> str:
    """The hover text: both dates from the cell's y/x in the language's format, then the cell's line."""
    day = hover_date_format(lang)
    return (f"{html.escape(label('card_expiry', lang))} %{{y|{day}}}<br>"
            f"{html.escape(label('application_date', lang))} %{{x|{day}}}<br>"
            "%{text}<extra></extra>")


def hover_lines(codes: np.ndarray, application: pd.DatetimeIndex | np.ndarray, lang: str,
                params: Parameters | None = None) -> np.ndarray:
    """Per cell (expiry x application): its status line, or, where the application day is before
    guidance_period_from (spec "Scope"), the catalogue sentence saying the guidance does not cover it;
    blank where the cell has no row. Each line is written once and picked by index."""
    status = html.escape(label("status", lang))
    lines = [ui_text("map.hover_status", lang, status=status, value=html.escape(label(s, lang)))
             for s in STATUSES]
    index = np.where(codes >= 0, codes, len(STATUSES)).astype(np.int64)
    lines.append("")
    if params is not None and len(application):
        days = pd.DatetimeIndex(application).values.astype("datetime64[D]").astype(np.int64)
        before = np.asarray(before_guidance_period(days, params), dtype=bool)
        if before.any():
            starts = np.broadcast_to(params["guidance_period_from"].numeric_at(days[before]),
                                     (int(before.sum()),))
            distinct, which = np.unique(starts, return_inverse=True)
            first = len(lines)
            lines += [html.escape(ui_text("map.before_guidance_period", lang, start=day_to_date(int(d))))
                      for d in distinct]
            columns = np.flatnonzero(before)
            index[:, columns] = np.where(codes[:, columns] >= 0, first + which[None, :], len(STATUSES))
    return np.asarray(lines, dtype=object)[index]


def grid_size_text(n_expiry: int, n_application: int, lang: str) -> str:
    """"220 expiry days x 147 application days": each count with its unit word's plural form (Babel)."""
    return ui_text("map.grid_size", lang, expiry=ui_text("map.expiry_days_n", lang, n=int(n_expiry)),
                   application=ui_text("map.application_days_n", lang, n=int(n_application)))
