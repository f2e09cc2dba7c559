"""Plotly figures on the page carry a small loader, and plotly's front end once per kernel."""

from __future__ import annotations

import plotly.graph_objects as go

from explorer.ui import build_app
from explorer.ui.figures import BUNDLE_PATH, PageFigure, PlotlyBundle, plotly_bundle


def test_a_page_figure_sends_a_small_loader_naming_the_one_bundle_of_the_kernel():
    first, second = PageFigure(data=[go.Bar(y=[1, 2])]), PageFigure()
    state = first.get_state()
    plain = go.FigureWidget().get_state()
    assert len(plain["_esm"]) > 1_000_000  # what every plain FigureWidget sends
    assert len(state["_esm"]) < 5_000 and "get_model" in state["_esm"]
    bundle = plotly_bundle()
    assert state["_plotly_bundle"] == f"IPY_MODEL_{bundle.model_id}" == second.get_state()["_plotly_bundle"]
    assert bundle.source == BUNDLE_PATH.read_text(encoding="utf-8") == plain["_esm"]
    assert first.get_state()["_widget_data"][0]["type"] == "bar"  # the figure itself is plotly's


def test_a_closed_bundle_is_opened_again_for_the_next_figure():
    old = plotly_bundle()
    old.close()
    figure = PageFigure()
    assert isinstance(plotly_bundle(), PlotlyBundle) and plotly_bundle() is not old
    assert figure.get_state()["_plotly_bundle"] == f"IPY_MODEL_{plotly_bundle().model_id}"


def test_every_figure_of_the_dashboard_is_a_page_figure(params):
    app = build_app(params, debounce=None)
    app.select_person("2021-03-10", "2020-12-23")
    population = app.population_view
    rows = b"card_expiry,application_date\n2021-03-10,2020-12-23\n2020-09-30,2020-09-01\n"
    population.upload._receive(population.upload, {"event": "file", "name": "two.csv", "size": len(rows)},
                               [memoryview(rows)])
    figures = [app.map_view.figure, app.person_view.timeline, *population.figures]
    assert len(figures) == 7  # the map, the key-dates chart, five population charts
    assert all(isinstance(figure, PageFigure) for figure in figures)
