"""The options map without a mouse or colour: "Map as a table" (status per expiry and application
period) and "Pick this cell" (two dates and a button that open the One person tab: ui/pickform.py)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

import ipywidgets as widgets
import numpy as np
import pandas as pd

from ... import labels
from ...core.rules.transition import STATUSES
from ...words.formats import format_dates
from ..model import StatusGrid
from ..pickform import PickForm
from ..tags import tagged

MAX_TABLE_ROWS = 400


def status_runs(grid: StatusGrid) -> pd.DataFrame:
    """The grid as periods: one row per (expiry period, application period) with one status.

    Along each expiry row, neighbouring application days with the same status form one period;
    neighbouring expiry rows with the same periods are merged into one expiry period."""
    rows: list[tuple] = []
    previous: list[tuple] | None = None
    start = 0
    codes = grid.codes
    for i in range(codes.shape[0] + 1):
        runs = _row_runs(codes[i]) if i < codes.shape[0] else None
        if runs != previous:
            if previous is not None:
                rows += [(grid.expiry[start], grid.expiry[i - 1], grid.application[a],
                          grid.application[b], code) for a, b, code in previous]
            previous, start = runs, i
    return pd.DataFrame(rows, columns=["expiry_from", "expiry_to", "application_from", "application_to",
                                       "code"])


def _row_runs(row: np.ndarray) -> list[tuple]:
    """(first, last, code) of each run of equal codes in one expiry row, cells without a row left out."""
    edges = np.flatnonzero(np.diff(row)) + 1
    starts = np.concatenate(([0], edges))
    ends = np.concatenate((edges - 1, [len(row) - 1]))
    return [(int(a), int(b), int(row[a])) for a, b in zip(starts, ends, strict=True) if row[a] >= 0]


def table_days(column: pd.Series, lang: str) -> pd.Series:
    """Days as the dashboard's tables write them: ISO in English, "30. 6. 2021" in Slovak (Babel)."""
    if lang == "en":
        return pd.to_datetime(column).dt.strftime("%Y-%m-%d").astype(object)
    return format_dates(column, lang, "table")


def runs_html(runs: pd.DataFrame, lang: str) -> str:
    """The periods as a captioned HTML table in a focusable scroll box (at most MAX_TABLE_ROWS rows)."""
    heads = [labels.ui_text(f"maptable.{key}", lang) for key in ("expiry", "application", "status")]
    shown = runs.head(MAX_TABLE_ROWS)
    days = {col: table_days(shown[col], lang) for col in ("expiry_from", "expiry_to", "application_from",
                                                          "application_to")}

    def period(side: str) -> pd.Series:
        start, end = days[f"{side}_from"], days[f"{side}_to"]
        return start.where(shown[f"{side}_from"] == shown[f"{side}_to"], start + " – " + end)

    names = np.array([html.escape(labels.label(s, lang)) for s in STATUSES], dtype=object)
    cells = ("<tr><td>" + period("expiry") + "</td><td>" + period("application") + "</td><td>"
             + pd.Series(names[shown["code"].to_numpy(dtype=np.int64)], index=shown.index) + "</td></tr>")
    body = "".join(cells)
    caption = html.escape(labels.ui_text("maptable.caption", lang))
    more_text = labels.ui_text("maptable.more", lang, shown=MAX_TABLE_ROWS, rows=len(runs))
    more = f"<p>{html.escape(more_text)}</p>" if len(runs) > MAX_TABLE_ROWS else ""
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in heads)
    return (f'<div class="rx-scroll" tabindex="0" role="region" aria-label="{caption}">'
            f'<table class="rx-map-table-inner"><caption>{caption}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>{more}")


class MapAccess:
    """A "Map as a table" switch with its table, and the "Pick this cell" form."""

    def __init__(self, on_pick: Callable[[pd.Timestamp, pd.Timestamp], None] | None = None,
                 pick_form: bool = True) -> None:
        """`pick_form=False` leaves out the form (a second map of the same cells needs none)."""
        self.on_pick = on_pick
        self.lang = "en"
        self.grid: StatusGrid | None = None
        self.show_table = tagged(widgets.ToggleButton(value=False), "rx-map-table-toggle")
        self.table = tagged(widgets.HTML(), "rx-map-table")
        self.pick_heading = widgets.HTML()
        self.form = tagged(PickForm(on_open=self.open_person), "rx-pick-form")
        self.show_table.observe(lambda _c: self._draw_table(), names="value")
        form = [self.pick_heading, self.form]
        self.widget = tagged(widgets.VBox([*(form if pick_form else []), self.show_table, self.table]),
                             "rx-map-access")
        self.set_language("en")

    def set_language(self, lang: str) -> None:
        """Every text of the switch, the form and the table in `lang`."""
        self.lang = lang
        self.show_table.description = labels.ui_text("maptable.toggle", lang)
        heading, hint = (html.escape(labels.ui_text(key, lang)) for key in ("pick.heading", "pick.hint"))
        self.pick_heading.value = f"<h3>{heading}</h3><p>{hint}</p>"
        self.form.expiry_label = labels.ui_text("map.expiry_axis", lang)
        self.form.application_label = labels.ui_text("map.application_axis", lang)
        self.form.open_text = labels.ui_text("pick.open", lang)
        self._draw_table()

    def show(self, grid: StatusGrid) -> None:
        """A new grid: the form's dates start at its first cell; the table is redrawn when shown."""
        self.grid = grid
        if len(grid.expiry) and len(grid.application):
            if not self.form.expiry:
                self.form.expiry = grid.expiry[0].date().isoformat()
            if not self.form.application:
                self.form.application = grid.application[0].date().isoformat()
        self._draw_table()

    def _draw_table(self) -> None:
        if not self.show_table.value or self.grid is None:
            self.table.value = ""
            return
        self.table.value = runs_html(status_runs(self.grid), self.lang)

    def open_person(self, expiry: dt.date, application: dt.date) -> None:
        """Open the One person tab on the two dates the form's click carried."""
        if self.on_pick is not None:
            self.on_pick(pd.Timestamp(expiry), pd.Timestamp(application))
