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

from ... import labels
from ...core.parameters import Parameters
from ...person.explain import explain
from ...person.paperwork import card_story, documents
from ...person.timeline import evaluate_one, key_dates, to_ics
from ...words.formats import format_date
from ..controls import option_values, relabel
from ..figures import PageFigure
from ..formatting import format_frame, html_table
from ..model import Results
from ..tags import tagged
from ..urlstate import DATE, FLAG, ViewState, choice, widget_setter
from ..view import View
from .map import sync_figure_state

log = logging.getLogger("explorer.ui")
ICS_FILENAME = "residence-dates.ics"


OUTCOME_FIELDS = (
    "status", "applied_after_expiry", "before_guidance_period", "option_available", "path_status", "apply_by",
    "apply_by_last_working_day", "slack_days", "first_issued_by", "five_year_issued_by",
    "five_year_valid_until", "gap_days", "fees_eur", "applications", "visits", "stamp_ok",
    "stamp_refund_by", "bok_venue_types",
)


def outcome_html(row: pd.Series, lang: str = "en") -> str:
    """Status and outputs of one row as a small two-column table of labels and values."""
    shown = format_frame(labels.labelled(pd.DataFrame([row[list(OUTCOME_FIELDS)]]), lang), lang).iloc[0]
    rows = "".join(f"<tr><th style='text-align:left;padding-right:1em'>"
                   f"{html.escape(str(k))}</th>"
                   f"<td>{html.escape(v)}</td></tr>" for k, v in shown.items())
    return f'<table class="rx-person-outcome-table">{rows}</table>'


def ics_link(ics: str, lang: str = "en") -> str:
    """An offline download link of an .ics text as a data: URI."""
    data = base64.b64encode(ics.encode("utf-8")).decode("ascii")
    return (f'<a download="{ICS_FILENAME}" href="data:text/calendar;base64,{data}" '
            f'class="rx-ics-link">{html.escape(labels.ui_text("person.ics_link", lang))}</a>')


def timeline_figure(days: list[str], events: list[str], lang: str = "en",
                    shown: list[str] | None = None) -> go.FigureWidget:
    """The key-dates chart: one marker per event, labelled with its date as the language writes it."""
    return PageFigure(
        data=[go.Scatter(x=days, y=events, text=shown if shown is not None else days, mode="markers+text",
                         textposition="middle right",
                         marker={"size": 11, "color": "#1f4e79"},
                         # the marker's own label: the day as the language writes it
                         hovertemplate="%{text}: %{y}<extra></extra>")],
        layout={"height": 380, "margin": {"l": 260, "r": 20, "t": 30, "b": 40},
                # Numeric ticks ("30. 6. 2021" in Slovak): plotly's month names are English only.
                "xaxis": {"type": "date", "title": {"text": labels.ui_text("person.date_axis", lang)},
                          **({"tickformat": "%-d. %-m. %Y"} if lang == "sk" else {})},
                "yaxis": {"autorange": "reversed"},
                "title": {"text": labels.ui_text("person.key_dates", lang)}},
    )


class PersonView(View):
    """Widgets of one person's reading; `select(expiry, application)` fills it from a map click."""

    def __init__(self, params: Parameters, fixed_inputs: Callable[[], dict[str, Any]],
                 guard: Callable[[Callable[..., Any]], Callable[..., Any]],
                 expiry: dt.date, application: dt.date, on_ok: Callable[[], None] | None = None) -> None:
        self.params = params
        self.on_ok = on_ok
        self.fixed_inputs = fixed_inputs
        self.lang = "en"
        self.row: pd.Series | None = None
        self.picked = False  # a person was picked (map click, these inputs, or a link)
        self.key_dates = pd.DataFrame()
        self.expiry = widgets.DatePicker(value=expiry)
        self.application = widgets.DatePicker(value=application)
        self.option = widgets.ToggleButtons(options=["a", "b"], value="b")
        self.expedited = widgets.Checkbox(value=False, indent=False)
        self.delivery = widgets.Checkbox(value=False, indent=False)
        self.lead = tagged(widgets.HTML(), "rx-person-lead")
        self.bok = tagged(widgets.HTML(), "rx-person-bok")
        self.headings = {key: widgets.HTML() for key in ("person.why", "person.documents")}
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
        self.why = tagged(widgets.HTML(), "rx-person-why")
        self.ics = tagged(widgets.HTML(), "rx-ics-download")
        controls = widgets.HBox([
            widgets.VBox([self.expiry, self.application]),
            widgets.VBox([self.option, widgets.HBox([self.expedited, self.delivery])]),
        ])
        why_box = tagged(widgets.VBox([self.headings["person.why"], self.why], layout=widgets.Layout(
            flex="1 1 auto", margin="0 0 0 20px", max_height="460px", overflow="auto")), "rx-scroll")
        self.widget = widgets.VBox([
            controls,
            self.lead,
            widgets.HBox([self.outcome, why_box]),
            self.bok,
            self.timeline_box, self.ics,
            self.headings["person.documents"], self.documents,
        ])
        self.widget.add_class("rx-person")
        self.refresh_guarded = guard(self.refresh)
        self._quiet = False  # True while code sets the controls: their observers do not recompute
        self._label_controls()
        for w in (self.expiry, self.application, self.option, self.expedited, self.delivery):
            w.observe(lambda _change: None if self._quiet else self.refresh_guarded(), names="value")

    def set_language(self, lang: str) -> None:
        """Every label of the view in `lang`; the person shown is redrawn when there is one."""
        self.lang = lang
        self._label_controls()
        if self.row is not None:
            self.refresh_guarded()

    def _label_controls(self) -> None:
        lang = self.lang
        self._quiet = True
        try:
            self.expiry.description = labels.ui_text("person.card_expiry", lang)
            self.application.description = labels.ui_text("person.application", lang)
            self.option.description = labels.ui_text("control.path", lang)
            relabel(self.option, [(labels.value_label(v, lang).split(":")[0], v) for v in ("a", "b")])
            self.option.tooltips = [labels.value_label(v, lang) for v in ("a", "b")]
            self.expedited.description = labels.ui_text("control.expedited", lang)
            self.delivery.description = labels.ui_text("control.delivery", lang)
            for key, heading in self.headings.items():
                heading.value = f"<h4>{html.escape(labels.ui_text(key, lang))}</h4>"
        finally:
            self._quiet = False

    def sync_state(self) -> None:
        """Make the timeline's synced state match its data (before the page first draws it)."""
        if self.timeline is not None:
            sync_figure_state(self.timeline)

    def register(self, state: ViewState) -> None:
        """The view's link fields, the picked person (left out of the link until one is picked):
        dates, path and choices; changing any of them picks that person."""
        fields = (("person_expiry", self.expiry, DATE), ("person_applied", self.application, DATE),
                  ("person_path", self.option, choice(option_values(self.option))),
                  ("person_expedited", self.expedited, FLAG), ("person_delivery", self.delivery, FLAG))
        for _key, widget, _codec in fields:
            widget.observe(lambda _change: setattr(self, "picked", True), names="value")
        for key, widget, codec in fields:
            state.add(key, self._when_picked(widget), widget_setter(widget), codec, watch=[(widget, "value")])

    def _when_picked(self, widget: Any) -> Callable[[], Any]:
        return lambda: widget.value if self.picked else None

    def grid_changed(self, results: Results, showing: bool) -> None:
        """The person is evaluated with the grid's parameters (readings included); redrawn when shown."""
        self.params = results.params
        if showing:
            self.refresh()

    def tab_changed(self, showing: bool, results: Results | None) -> None:
        """The person is drawn when the tab opens."""
        if showing:
            self.refresh()

    def initialise(self, option: str, expedited: bool, delivery: bool) -> None:
        """Set the person's own toggles (from the sidebar's choices) without recomputing each one."""
        self.option.value, self.expedited.value, self.delivery.value = option, expedited, delivery

    def select(self, expiry: Any, application: Any) -> None:
        """Show the person with these two dates (the map's click handler calls this)."""
        self._quiet = True  # both days first, then one computation (never a mix of old and new days)
        try:
            self.application.value = pd.Timestamp(application).date()
            self.expiry.value = pd.Timestamp(expiry).date()
        finally:
            self._quiet = False
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
        lang = self.lang
        extra = {k: v for k, v in inputs.items() if k not in ("card_expiry", "application_date")}
        explanation = explain(inputs["card_expiry"], inputs["application_date"], params=self.params,
                              lang=lang, **extra)
        row = evaluate_one(inputs, self.params)
        dates = key_dates(row, self.params, lang=lang)
        docs = documents(bool(inputs["expedited"]), bool(inputs["delivery"]),
                         bool(inputs["address_changed"]), bool(inputs["accommodation_submitted_before"]),
                         application_date=inputs["application_date"], params=self.params,
                         booked_online=bool(inputs["booked_online"]), option=str(inputs["option"]),
                         lang=lang)
        self.row, self.key_dates = row, dates
        self.lead.value = f'<p style="font-size:15px;max-width:60em">{html.escape(explanation.summary)}</p>'
        self.outcome.value = outcome_html(row, lang)
        self.why.value = explanation.to_html(summary=False)  # the lead above says it
        self.bok.value = f"<p>{html.escape(card_story(row, self.params, lang=lang))}</p>"
        self.documents.value = html_table(format_frame(labels.labelled(docs, lang), lang),
                                          "rx-documents-table")
        days, events = [d.isoformat() for d in dates["date"]], list(dates["event"])
        shown = [format_date(d, lang, "table") for d in dates["date"]]
        if self.timeline is None:
            self.timeline = timeline_figure(days, events, lang, shown)
            self.timeline_box.children = [self.timeline]
        else:
            with self.timeline.batch_update():
                trace = self.timeline.data[0]
                trace.x, trace.y, trace.text = days, events, shown
                self.timeline.layout.xaxis.title.text = labels.ui_text("person.date_axis", lang)
                self.timeline.layout.xaxis.tickformat = "%-d. %-m. %Y" if lang == "sk" else None
                trace.hovertemplate = "%{text}: %{y}<extra></extra>"
                self.timeline.layout.title.text = labels.ui_text("person.key_dates", lang)
            # A view drawn later starts from the synced state: keep it current too.
            sync_figure_state(self.timeline)
        self.ics.value = ics_link(to_ics(dates, title=labels.label("five_year_card", lang), lang=lang), lang)
        if self.on_ok is not None:
            self.on_ok()
