"""The sidebar: one widget per setting, each with the CSS class the browser tests look for.

Every description and option label comes from explorer.labels, so `set_language` relabels the
sidebar without touching the values.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import ipywidgets as widgets

from .. import labels
from ..core.parameters import PAYMENTS, Parameters
from ..words import text_or_english
from ..words.errors import CONTROL_LABELS
from .model import CHOICES, GRANULARITIES, PATHS, Settings
from .urlstate import DATE, FLAG, INTEGER, NUMBER, ViewState, choice

SIDEBAR_WIDTH = "300px"
_DESCRIPTION_WIDTH = "120px"
DESCRIPTIONS = CONTROL_LABELS
"""Widget attribute -> catalogue key of its label; declared in explorer.words.errors, which names a
control's field in an error without importing the dashboard."""
SECTIONS = ("section.expiry_range", "section.application_range", "section.path_and_fees",
            "section.stamps", "section.person", "section.readings")


def choice_label(value: str, lang: str) -> str:
    """The label of a toggle value: a granularity, a path, yes/no or both."""
    if value in GRANULARITIES or value == "both":
        return labels.ui_text(f"choice.{value}", lang)
    return labels.value_label(value, lang) if value in ("yes", "no") else value


class ReadingsPanel:
    """One dropdown per reading of the guidance, with the sentences behind the chosen value."""

    def __init__(self, params: Parameters, initial: dict[str, str]) -> None:
        self.params = params
        self.lang = "en"
        self.dropdowns: dict[str, widgets.Dropdown] = {}
        self.notes: dict[str, widgets.HTML] = {}
        rows = []
        for name in params.readings:
            values = [a.value for a in params[name].alternatives]
            # The reading's name is the dropdown's own label (a <label for>), shown above it (CSS rx-stacked).
            self.dropdowns[name] = widgets.Dropdown(options=values, value=initial.get(name, values[0]),
                                                    layout=widgets.Layout(width="95%"))
            self.dropdowns[name].add_class(f"rx-reading-{name.replace('_', '-')}")
            self.dropdowns[name].add_class("rx-stacked")
            self.notes[name] = widgets.HTML()
            self.notes[name].add_class("rx-reading-note")
            self.dropdowns[name].observe(lambda _c, n=name: self._note(n), names="value")
            rows += [self.dropdowns[name], self.notes[name]]
        self.widget = widgets.VBox(rows)
        self.widget.add_class("rx-readings")
        self.set_language("en")

    def values(self) -> tuple[tuple[str, str], ...]:
        """(reading, value) for every reading, in the parameters' order."""
        return tuple((name, dd.value) for name, dd in self.dropdowns.items())

    def set_language(self, lang: str) -> None:
        """Relabel names and values; the chosen values stay."""
        self.lang = lang
        for name, dd in self.dropdowns.items():
            relabel(dd, [(labels.value_label(a.value, lang), a.value)
                         for a in self.params[name].alternatives])
            dd.description = labels.label(name, lang)
            dd.tooltip = labels.description(name, lang)
            self._note(name)

    def _note(self, name: str) -> None:
        """The sentences behind the chosen value, quoted, marked baseline when it is."""
        param = self.params[name]
        value = self.dropdowns[name].value
        alt = param.alternative(value)
        mark = f" ({labels.ui_text('readings.baseline', self.lang)})" \
            if value == param.alternatives[0].value else ""
        opening, closing = ("\u201e", "\u201c") if self.lang == "sk" else ("\u201c", "\u201d")
        quotes = "<br>".join(f"{opening}{html.escape(t)}{closing}" for t in alt.sentences)  # guidance words
        case = text_or_english(f"reading.{name}.{value}.case", alt.case, self.lang)
        self.notes[name].value = ('<div style="font-size:12px;line-height:1.4;color:#333;margin:0 0 8px 4px">'
                                  f"{quotes}<br><i>{html.escape(labels.ui_text('readings.case', self.lang))}"
                                  f"{html.escape(mark)}:</i> {html.escape(case)}</div>")


class Controls:
    """The sidebar widgets; `settings()` reads them, `observe(callback)` reports any change."""

    def __init__(self, params: Parameters, initial: Settings) -> None:
        self.expiry_start = widgets.DatePicker(value=initial.expiry_start)
        self.expiry_end = widgets.DatePicker(value=initial.expiry_end)
        self.application_start = widgets.DatePicker(value=initial.application_start)
        self.application_end = widgets.DatePicker(value=initial.application_end)
        self.granularity = widgets.ToggleButtons(options=list(GRANULARITIES), value=initial.granularity)
        self.path = widgets.ToggleButtons(options=list(PATHS), value=initial.path)
        self.expedited = widgets.ToggleButtons(options=list(CHOICES), value=initial.expedited)
        self.delivery = widgets.ToggleButtons(options=list(CHOICES), value=initial.delivery)
        self.stamp_channel = widgets.Dropdown(options=list(params.channels), value=initial.stamp_channel)
        self.stamp_lead_days = widgets.IntText(value=initial.stamp_lead_days)
        self.payment = widgets.Dropdown(options=list(PAYMENTS), value=initial.payment)
        self.address_changed = widgets.Checkbox(value=initial.address_changed, indent=False)
        self.accommodation_before = widgets.Checkbox(value=initial.accommodation_submitted_before,
                                                     indent=False)
        self.years_resided = widgets.FloatText(value=initial.years_resided)
        self.booked_online = widgets.Checkbox(value=initial.booked_online, indent=False)
        self.readings = ReadingsPanel(params, dict(initial.readings))
        classes = {
            "rx-expiry-start": self.expiry_start, "rx-expiry-end": self.expiry_end,
            "rx-application-start": self.application_start, "rx-application-end": self.application_end,
            "rx-granularity": self.granularity, "rx-path": self.path, "rx-expedited": self.expedited,
            "rx-delivery": self.delivery, "rx-stamp-channel": self.stamp_channel,
            "rx-lead-days": self.stamp_lead_days, "rx-payment": self.payment,
            "rx-address-changed": self.address_changed, "rx-accommodation-before": self.accommodation_before,
            "rx-years-resided": self.years_resided, "rx-booked-online": self.booked_online,
        }
        for css_class, widget in classes.items():
            widget.add_class(css_class)
            widget.style.description_width = _DESCRIPTION_WIDTH
            widget.layout.width = "95%"
        for toggle in (self.path, self.expedited, self.delivery):
            toggle.style.button_width = "50px"
        self.granularity.style.button_width = "64px"
        self.all = list(classes.values()) + list(self.readings.dropdowns.values())
        self.headings = [widgets.HTML() for _ in SECTIONS]
        expiry, application, choices, stamps, person, readings = self.headings
        self.widget = widgets.VBox([
            expiry, self.expiry_start, self.expiry_end,
            application, self.application_start, self.application_end, self.granularity,
            choices, self.path, self.expedited, self.delivery,
            stamps, self.stamp_channel, self.stamp_lead_days, self.payment,
            person, self.address_changed, self.accommodation_before, self.booked_online, self.years_resided,
            readings, self.readings.widget,
        ], layout=widgets.Layout(width=SIDEBAR_WIDTH, min_width=SIDEBAR_WIDTH))
        self.widget.add_class("rx-controls")
        self._callbacks: list[Callable[[dict], None]] = []
        self._quiet = False
        for widget in self.all:
            widget.observe(self._changed, names="value")
        self.lang = "en"
        self.set_language("en")

    def register(self, state: ViewState) -> None:
        """Register the sidebar's fields of the page's link on `state` (readings as `reading.<name>`);
        choices are matched on their values, whatever their labels. A new control is one line here."""
        for key, widget, codec in (
            ("expiry_from", self.expiry_start, DATE), ("expiry_to", self.expiry_end, DATE),
            ("applied_from", self.application_start, DATE), ("applied_to", self.application_end, DATE),
            ("granularity", self.granularity, choice(option_values(self.granularity))),
            ("path", self.path, choice(option_values(self.path))),
            ("expedited", self.expedited, choice(option_values(self.expedited))),
            ("delivery", self.delivery, choice(option_values(self.delivery))),
            ("stamp_channel", self.stamp_channel, choice(option_values(self.stamp_channel))),
            ("lead_days", self.stamp_lead_days, INTEGER),
            ("payment", self.payment, choice(option_values(self.payment))),
            ("address_changed", self.address_changed, FLAG),
            ("accommodation_before", self.accommodation_before, FLAG),
            ("booked_online", self.booked_online, FLAG),
            ("years_resided", self.years_resided, NUMBER),
        ):
            state.add_value(key, widget, codec)
        for name, dropdown in self.readings.dropdowns.items():
            state.add_value(f"reading.{name}", dropdown, choice(option_values(dropdown)))

    def settings(self) -> Settings:
        """The current values as Settings."""
        return Settings(
            expiry_start=self.expiry_start.value,
            expiry_end=self.expiry_end.value,
            application_start=self.application_start.value,
            application_end=self.application_end.value,
            granularity=self.granularity.value,
            path=self.path.value,
            expedited=self.expedited.value,
            delivery=self.delivery.value,
            stamp_channel=self.stamp_channel.value,
            stamp_lead_days=self.stamp_lead_days.value,
            payment=self.payment.value,
            address_changed=bool(self.address_changed.value),
            accommodation_submitted_before=bool(self.accommodation_before.value),
            years_resided=self.years_resided.value,
            booked_online=bool(self.booked_online.value),
            readings=self.readings.values(),
        )

    def observe(self, callback: Callable[[dict], None]) -> None:
        """Call `callback(change)` whenever any control's value changes (not on relabelling)."""
        self._callbacks.append(callback)

    def set_language(self, lang: str) -> None:
        """Descriptions, headings and option labels in `lang`; values (and results) unchanged."""
        self.lang = lang
        with self.quiet():
            for attribute, key in DESCRIPTIONS.items():
                getattr(self, attribute).description = labels.ui_text(key, lang)
            for heading, key in zip(self.headings, SECTIONS, strict=True):
                heading.value = f"<b>{html.escape(labels.ui_text(key, lang))}</b>"
            for toggle in (self.granularity, self.path, self.expedited, self.delivery):
                relabel(toggle, [(choice_label(v, lang), v) for v in option_values(toggle)])
            for dropdown in (self.stamp_channel, self.payment):
                relabel(dropdown, [(labels.value_label(v, lang), v) for v in option_values(dropdown)])
            self.readings.set_language(lang)

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Changes made inside the block do not reach the observers (relabelling, restoring a view)."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _changed(self, change: dict) -> None:
        if not self._quiet:
            for callback in self._callbacks:
                callback(change)


def option_values(widget: widgets.widget_selection._Selection) -> list[str]:
    """The values of a selection widget's options, whatever their labels."""
    return [o[1] if isinstance(o, tuple) else o for o in widget.options]


def relabel(widget: widgets.widget_selection._Selection, options: list[tuple[str, str]]) -> None:
    """New labels for the same option values, with no change of value (no observer fires).

    ipywidgets resets the selection to the first option whenever `options` is set, except while
    the widget is initialising; relabelling the same values is that case."""
    if option_values(widget) != [value for _, value in options]:
        raise ValueError("relabel keeps the option values; set options to change them")
    index = widget.index
    widget._initializing_traits_ = True
    try:
        widget.options = options
    finally:
        widget._initializing_traits_ = False
    if index is not None:
        widget.set_trait("label", options[index][0])
