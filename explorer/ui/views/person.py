"""The one-person view: pick a card expiry and an application day, see the outcome, dates and why."""

from __future__ import annotations

import base64
import datetime as dt
import html
import logging
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from ...parameters import Parameters
from ...person import card_story, documents
from ...timeline import evaluate_one, key_dates, plain_reading, to_ics
from ..formatting import format_frame, html_table
from ..tags import tagged
from .map import sync_figure_state

log = logging.getLogger("explorer.ui")
ICS_FILENAME = "residence-dates.ics"


def explanation_html(row: pd.Series, inputs: dict[str, Any], params: Parameters) -> str:
    """The 'why' of one row: explorer.explain's HTML when that module exists, else plain words."""
    try:
        from ...explain import explain
    except ImportError:
        return f"<p>{html.escape(plain_reading(row))}</p>"
    extra = {k: v for k, v in inputs.items() if k not in ("card_expiry", "application_date")}
    return explain(inputs["card_expiry"], inputs["application_date"], params=params, **extra).to_html()


def outcome_html(row: pd.Series) -> str:
    """Status and outputs of one row as a small two-column table."""
    shown = format_frame(pd.DataFrame([row[[
        "status", "option_available", "path_status", "apply_by", "apply_by_last_working_day", "slack_days",
        "first_issued_by", "five_year_issued_by", "five_year_valid_until", "gap_days", "fees_eur",
        "applications", "visits", "stamp_ok", "stamp_refund_by", "bok_venue_types",
    ]]])).iloc[0]
    rows = "".join(f"<tr><th style='text-align:left;white-space:nowrap;padding-right:1em'>"
                   f"{html.escape(k.replace('_', ' '))}</th>"
                   f"<td>{html.escape(v)}</td></tr>" for k, v in shown.items())
    return f'<table class="rx-person-outcome-table">{rows}</table>'


def ics_link(ics: str) -> str:
    """An offline download link of an .ics text as a data: URI."""
    data = base64.b64encode(ics.encode("utf-8")).decode("ascii")
    return (f'<a download="{ICS_FILENAME}" href="data:text/calendar;base64,{data}" '
            f'class="rx-ics-link">Download the key dates (.ics calendar)</a>')


def timeline_figure(days: list[str], events: list[str]) -> go.FigureWidget:
    """The key-dates chart: one marker per event, labelled with its date."""
    return go.FigureWidget(
        data=[go.Scatter(x=days, y=events, text=days, mode="markers+text", textposition="middle right",
                         marker={"size": 11, "color": "#1f4e79"},
                         hovertemplate="%{x|%Y-%m-%d}: %{y}<extra></extra>")],
        layout={"height": 380, "margin": {"l": 260, "r": 20, "t": 30, "b": 40},
                "xaxis": {"type": "date", "title": {"text": "date"}},
                "yaxis": {"autorange": "reversed"}, "title": {"text": "Key dates"}},
    )


class PersonView:
    """Widgets of one person's reading; `select(expiry, application)` fills it from a map click."""

    def __init__(self, params: Parameters, fixed_inputs: Callable[[], dict[str, Any]],
                 guard: Callable[[Callable[..., Any]], Callable[..., Any]],
                 expiry: dt.date, application: dt.date, on_ok: Callable[[], None] | None = None) -> None:
        self.params = params
        self.on_ok = on_ok
        self.fixed_inputs = fixed_inputs
        self.row: pd.Series | None = None
        self.key_dates = pd.DataFrame()
        self.expiry = widgets.DatePicker(description="Card expiry", value=expiry)
        self.application = widgets.DatePicker(description="Application", value=application)
        self.option = widgets.ToggleButtons(options=["a", "b"], value="b", description="Path")
        self.expedited = widgets.Checkbox(description="Expedited", value=False, indent=False)
        self.delivery = widgets.Checkbox(description="Delivery", value=False, indent=False)
        for w, cls in ((self.expiry, "rx-person-expiry"), (self.application, "rx-person-application"),
                       (self.option, "rx-person-option"), (self.expedited, "rx-person-expedited"),
                       (self.delivery, "rx-person-delivery")):
            w.add_class(cls)
            w.style.description_width = "90px"
        self.outcome = widgets.HTML(layout=widgets.Layout(min_width="360px"))
        self.outcome.add_class("rx-person-outcome")
        self.timeline: go.FigureWidget | None = None  # created at the first refresh
        self.timeline_box = tagged(widgets.VBox(), "rx-person-timeline")
        self.documents = tagged(widgets.HTML(), "rx-person-documents")
        self.bok = tagged(widgets.HTML(), "rx-person-bok")
        self.why = tagged(widgets.HTML(), "rx-person-why")
        self.ics = tagged(widgets.HTML(), "rx-ics-download")
        controls = widgets.HBox([
            widgets.VBox([self.expiry, self.application]),
            widgets.VBox([self.option, widgets.HBox([self.expedited, self.delivery])]),
        ])
        why_box = widgets.VBox([widgets.HTML("<h4>Why</h4>"), self.why], layout=widgets.Layout(
            flex="1 1 auto", margin="0 0 0 20px", max_height="460px", overflow="auto"))
        self.widget = widgets.VBox([
            controls,
            widgets.HBox([self.outcome, why_box]),
            self.timeline_box, self.ics, self.bok,
            widgets.HTML("<h4>Documents to bring</h4>"), self.documents,
        ])
        self.widget.add_class("rx-person")
        self.refresh_guarded = guard(self.refresh)
        for w in (self.expiry, self.application, self.option, self.expedited, self.delivery):
            w.observe(lambda _change: self.refresh_guarded(), names="value")

    def sync_state(self) -> None:
        """Make the timeline's synced state match its data (before the page first draws it)."""
        if self.timeline is not None:
            sync_figure_state(self.timeline)

    def initialise(self, option: str, expedited: bool, delivery: bool) -> None:
        """Set the person's own toggles (from the sidebar's choices) without recomputing each one."""
        self.option.value, self.expedited.value, self.delivery.value = option, expedited, delivery

    def select(self, expiry: Any, application: Any) -> None:
        """Show the person with these two dates (the map's click handler calls this)."""
        with self.expiry.hold_trait_notifications(), self.application.hold_trait_notifications():
            self.expiry.value = pd.Timestamp(expiry).date()
            self.application.value = pd.Timestamp(application).date()
        self.refresh_guarded()

    def inputs(self) -> dict[str, Any]:
        """The person's inputs: own dates and toggles plus the sidebar's fixed inputs."""
        return {
            "card_expiry": self.expiry.value,
            "application_date": self.application.value,
            "option": self.option.value,
            "expedited": bool(self.expedited.value),
            "delivery": bool(self.delivery.value),
            **self.fixed_inputs(),
        }

    def refresh(self) -> None:
        """Recompute and redraw the person (raises ExplorerError on bad input; the guard shows it)."""
        inputs = self.inputs()
        row = evaluate_one(inputs, self.params)
        dates = key_dates(row, self.params)
        docs = documents(bool(inputs["expedited"]), bool(inputs["delivery"]),
                         bool(inputs["address_changed"]), bool(inputs["accommodation_submitted_before"]),
                         application_date=inputs["application_date"], params=self.params,
                         booked_online=bool(inputs.get("booked_online", True)), option=inputs["option"])
        why = explanation_html(row, inputs, self.params)
        self.row, self.key_dates = row, dates
        self.outcome.value = outcome_html(row)
        self.why.value = why
        self.bok.value = f"<p>{html.escape(card_story(row, self.params))}</p>"
        self.documents.value = html_table(format_frame(docs[["document", "required", "why", "note"]]),
                                          "rx-documents-table")
        days, events = [d.isoformat() for d in dates["date"]], list(dates["event"])
        if self.timeline is None:
            self.timeline = timeline_figure(days, events)
            self.timeline_box.children = [self.timeline]
        else:
            with self.timeline.batch_update():
                trace = self.timeline.data[0]
                trace.x, trace.y, trace.text = days, events, days
            # A view drawn later starts from the synced state: keep it current too.
            sync_figure_state(self.timeline)
        self.ics.value = ics_link(to_ics(dates, title="Residence card"))
        if self.on_ok is not None:
            self.on_ok()
