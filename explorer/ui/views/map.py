"""The options map: a heatmap of the status of each (card expiry, application day) cell.

One fixed colour per status (in STATUSES order) through a stepped colour scale whose colour
bar carries the status names; the figure is built once and updated in place.
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
from ..figures import PageFigure
from ..model import Results, StatusGrid
from ..tags import tagged
from ..view import View
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


class MapView(View):
    """The heatmap FigureWidget; `show(grid)` updates it, clicks call `on_select(expiry, application)`."""

    def __init__(self, on_select: Callable[[pd.Timestamp, pd.Timestamp], None] | None = None,
                 pick_form: bool = True) -> None:
        self.on_select = on_select
        self.step = 1
        self.lang = "en"
        self.grid: StatusGrid | None = None
        self.params: Parameters | None = None
        n = len(STATUSES)
        heatmap = go.Heatmap(
            z=[[None]], x=[], y=[], zmin=-0.5, zmax=n - 0.5,
            colorscale=discrete_colorscale([STATUS_COLOURS[s] for s in STATUSES]),
            colorbar={"tickvals": list(range(n)), "len": 0.9}, xgap=0, ygap=0,
        )
        self.figure = PageFigure(
            data=[heatmap],
            layout={"height": 520, "margin": {"l": 70, "r": 10, "t": 40, "b": 50},
                    "xaxis": {"type": "date"}, "yaxis": {"type": "date"}},
        )
        self.figure.data[0].on_click(self.handle_click)
        self.note = tagged(widgets.HTML(), "rx-map-note")
        self.access = MapAccess(on_select, pick_form)
        self.widget = tagged(widgets.VBox([self.figure, self.note, self.access.widget]), "rx-map")
        self._label_figure()

    def set_language(self, lang: str) -> None:
        """Legend, axes, hover text and note in `lang` (the colours stay with the statuses)."""
        self.lang = lang
        self._label_figure()
        self.access.set_language(lang)
        if self.grid is not None:
            self.show(self.grid)

    def _label_figure(self) -> None:
        lang = self.lang
        with self.figure.batch_update():
            trace = self.figure.data[0]
            trace.colorbar.ticktext = [labels.label(s, lang) for s in STATUSES]
            trace.colorbar.title.text = labels.ui_text("map.legend_title", lang)
            trace.hovertemplate = hover_template(lang)
            self.figure.layout.xaxis.title.text = labels.ui_text("map.application_axis", lang)
            self.figure.layout.yaxis.title.text = labels.ui_text("map.expiry_axis", lang)
            self.figure.layout.title.text = labels.ui_text("map.title", lang)

    def show(self, grid: StatusGrid, params: Parameters | None = None) -> None:
        """Put a status grid on the map (every k-th day when it has more than MAX_CELLS cells);
        with `params`, cells before the guidance's period say so in the hover text."""
        self.grid = grid
        if params is not None:
            self.params = params
        self.access.show(grid)
        shown, self.step = grid.strided(MAX_CELLS)
        codes = shown.codes.astype(np.float64)
        codes[shown.codes < 0] = np.nan
        with self.figure.batch_update():
            trace = self.figure.data[0]
            trace.z = codes
            trace.x = shown.application.strftime("%Y-%m-%d").tolist()
            trace.y = shown.expiry.strftime("%Y-%m-%d").tolist()
            trace.text = hover_data(shown, self.lang, self.params)
        self.note.value = html.escape(grid_size_text(*grid.codes.shape, self.lang)
            + (labels.ui_text("map.strided", self.lang, step=self.step) if self.step > 1 else "")
            + ". " + labels.ui_text("map.click_hint", self.lang))

    def grid_changed(self, results: Results, showing: bool) -> None:
        """The new grid's statuses on the map (drawn whether or not its tab is open)."""
        self.show(results.grid, results.params)

    def sync_state(self) -> None:
        """Make the figure's synced state match its data (before the page first draws it)."""
        sync_figure_state(self.figure)

    def handle_click(self, trace: Any, points: Any, state: Any = None) -> None:
        """Plotly on_click callback: pass the clicked cell's dates to on_select."""
        if not points.xs or self.on_select is None:
            return
        self.on_select(pd.Timestamp(points.ys[0]), pd.Timestamp(points.xs[0]))
