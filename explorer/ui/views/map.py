"""The options map: a heatmap of the status of each (card expiry, application day) cell.

One fixed colour per status (in STATUSES order) through a stepped colour scale whose colour
bar carries the status names. A new grid updates the drawn figure; new words draw a new one.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from copy import deepcopy
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ... import labels
from ...core.parameters import Parameters
from ...core.rules.transition import STATUSES
from ...palette import STATUS_COLOURS
from ...tables.hover import grid_size_text, hover_lines, hover_template
from ..model import StatusGrid
from ..tags import tagged
from .map_access import MapAccess

MAX_CELLS = 40_000


def hover_data(grid: StatusGrid, lang: str, params: Parameters | None = None) -> np.ndarray:
    """Per cell of `grid`: its hover line (status, or the guidance-period sentence; tables.hover)."""
    return hover_lines(grid.codes, grid.application, lang, params)


def discrete_colorscale(colours: list[str]) -> list[list[Any]]:
    """A plotly colour scale with one flat band per colour over codes 0..n-1 (zmin -0.5, zmax n-0.5)."""
    n = len(colours)
    scale: list[list[Any]] = []
    for i, colour in enumerate(colours):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return scale


def sync_figure_state(figure: go.FigureWidget) -> None:
    """Copy a FigureWidget's data and layout into its synced state.

    Updates made before the front end draws the figure travel as deltas that no view receives;
    plotly copies this state only when the figure itself is displayed, not when it sits in a box."""
    figure._widget_layout = deepcopy(figure._layout_obj._props)
    figure._widget_data = deepcopy(figure._data)


class MapView:
    """The heatmap FigureWidget; `show(grid)` updates it, clicks call `on_select(expiry, application)`.

    A change of words (language or title) draws a new figure whole instead of editing the drawn one:
    an edit travels to the page as one delta message, and a relabel lost under load left a Slovak
    page with an English legend; a new figure's first message carries everything it shows."""

    def __init__(self, on_select: Callable[[pd.Timestamp, pd.Timestamp], None] | None = None,
                 pick_form: bool = True, layout: dict[str, Any] | None = None,
                 showscale: bool = True) -> None:
        self.on_select = on_select
        self.step = 1
        self.lang = "en"
        self.title: str | None = None  # None: the catalogue's map title in the view's language
        self.grid: StatusGrid | None = None
        self.params: Parameters | None = None
        self.layout = {"height": 520, "margin": {"l": 70, "r": 10, "t": 40, "b": 50}, **(layout or {})}
        self.showscale = showscale
        self.synced = True  # the figure's synced state holds its data (false after an in-place update)
        self.figure = self._draw()
        self.note = tagged(widgets.HTML(), "rx-map-note")
        self.access = MapAccess(on_select, pick_form)
        self.widget = tagged(widgets.VBox([self.figure, self.note, self.access.widget]), "rx-map")

    def set_language(self, lang: str, title: str | None = None) -> None:
        """Legend, axes, title, hover text and note in `lang` (the colours stay with the statuses);
        `title` replaces the catalogue's map title. Unchanged words leave the drawn figure alone."""
        changed = (lang, title) != (self.lang, self.title)
        self.lang, self.title = lang, title
        self.access.set_language(lang)
        if changed:
            self._redraw()
        self._write_note()

    def show(self, grid: StatusGrid, params: Parameters | None = None) -> None:
        """Put a status grid on the map (every k-th day when it has more than MAX_CELLS cells);
        with `params`, cells before the guidance's period say so in the hover text."""
        self.grid = grid
        if params is not None:
            self.params = params
        self.access.show(grid)
        shown, self.step = grid.strided(MAX_CELLS)
        with self.figure.batch_update():
            trace = self.figure.data[0]
            trace.z, trace.x, trace.y, trace.text = self._cells(shown)
        self.synced = False
        self._write_note()

    def keep(self, grid: StatusGrid, params: Parameters | None = None) -> None:
        """Take a grid to draw with the next change of words (`set_language`), leaving the drawn
        figure alone (a map built to be labelled before the page shows it)."""
        self.grid, self.params = grid, params if params is not None else self.params
        self.access.show(grid)

    def close(self) -> None:
        """Close the figure's model (a map no longer shown: its data leaves the kernel and the page)."""
        self.figure.close()

    def sync_state(self) -> None:
        """Make the figure's synced state match its data (before the page first draws it); a figure
        drawn whole already does (its data is not sent twice)."""
        if not self.synced:
            sync_figure_state(self.figure)
            self.synced = True

    def handle_click(self, trace: Any, points: Any, state: Any = None) -> None:
        """Plotly on_click callback: pass the clicked cell's dates to on_select."""
        if not points.xs or self.on_select is None:
            return
        self.on_select(pd.Timestamp(points.ys[0]), pd.Timestamp(points.xs[0]))

    # -- internals ----------------------------------------------------------------------------------
    def _cells(self, shown: StatusGrid) -> tuple[np.ndarray, list[str], list[str], np.ndarray]:
        """z (status codes, NaN where none), x and y (ISO days) and hover lines of a shown grid."""
        codes = shown.codes.astype(np.float64)
        codes[shown.codes < 0] = np.nan
        return (codes, shown.application.strftime("%Y-%m-%d").tolist(),
                shown.expiry.strftime("%Y-%m-%d").tolist(), hover_data(shown, self.lang, self.params))

    def _draw(self) -> go.FigureWidget:
        """A new figure with every word in the view's language and the grid shown now."""
        lang, n = self.lang, len(STATUSES)
        cells: dict[str, Any] = {"z": [[None]], "x": [], "y": []}
        if self.grid is not None:
            shown, self.step = self.grid.strided(MAX_CELLS)
            cells = dict(zip(("z", "x", "y", "text"), self._cells(shown), strict=True))
        heatmap = go.Heatmap(
            **cells, zmin=-0.5, zmax=n - 0.5,
            colorscale=discrete_colorscale([STATUS_COLOURS[s] for s in STATUSES]),
            colorbar={"tickvals": list(range(n)), "len": 0.9,
                      "ticktext": [labels.label(s, lang) for s in STATUSES],
                      "title": {"text": labels.ui_text("map.legend_title", lang)}},
            showscale=self.showscale, hovertemplate=hover_template(lang), xgap=0, ygap=0,
        )
        title = self.title if self.title is not None else labels.ui_text("map.title", lang)
        figure = go.FigureWidget(data=[heatmap], layout={
            **self.layout, "title": {"text": title},
            "xaxis": {"type": "date", "title": {"text": labels.ui_text("map.application_axis", lang)}},
            "yaxis": {"type": "date", "title": {"text": labels.ui_text("map.expiry_axis", lang)}}})
        figure.data[0].on_click(self.handle_click)
        self.synced = True
        return figure

    def _redraw(self) -> None:
        """Put a newly drawn figure in place of the shown one, and close the old one's model."""
        old, self.figure = self.figure, self._draw()
        self.widget.children = (self.figure, *self.widget.children[1:])
        old.close()

    def _write_note(self) -> None:
        """The line under the map: the grid's size, the stride if any, and how to pick a cell."""
        if self.grid is None:
            return
        self.note.value = html.escape(grid_size_text(*self.grid.codes.shape, self.lang)
            + (labels.ui_text("map.strided", self.lang, step=self.step) if self.step > 1 else "")
            + ". " + labels.ui_text("map.click_hint", self.lang))
