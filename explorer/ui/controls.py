"""The sidebar: one widget per setting, each with the CSS class the browser tests look for."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from ..parameters import PAYMENTS, Parameters
from .model import CHOICES, GRANULARITIES, PATHS, Settings

SIDEBAR_WIDTH = "300px"
_DESCRIPTION_WIDTH = "120px"


class Controls:
    """The sidebar widgets; `settings()` reads them, `observe(callback)` reports any change."""

    def __init__(self, params: Parameters, initial: Settings) -> None:
        self.expiry_start = widgets.DatePicker(description="Expiry from", value=initial.expiry_start)
        self.expiry_end = widgets.DatePicker(description="Expiry to", value=initial.expiry_end)
        self.application_start = widgets.DatePicker(description="Applied from",
                                                     value=initial.application_start)
        self.application_end = widgets.DatePicker(description="Applied to", value=initial.application_end)
        self.granularity = widgets.ToggleButtons(options=list(GRANULARITIES), value=initial.granularity,
                                                 description="Granularity")
        self.path = widgets.ToggleButtons(options=list(PATHS), value=initial.path, description="Path")
        self.expedited = widgets.ToggleButtons(options=list(CHOICES), value=initial.expedited,
                                               description="Expedited")
        self.delivery = widgets.ToggleButtons(options=list(CHOICES), value=initial.delivery,
                                              description="Delivery")
        self.stamp_channel = widgets.Dropdown(options=list(params.channels), value=initial.stamp_channel,
                                              description="Stamp channel")
        self.stamp_lead_days = widgets.IntText(value=initial.stamp_lead_days, description="Lead days")
        self.payment = widgets.Dropdown(options=list(PAYMENTS), value=initial.payment, description="Payment")
        self.address_changed = widgets.Checkbox(value=initial.address_changed, indent=False,
                                                description="Address changed")
        self.accommodation_before = widgets.Checkbox(value=initial.accommodation_submitted_before,
                                                     indent=False,
                                                     description="Accommodation doc. given before")
        self.years_resided = widgets.FloatText(value=initial.years_resided, description="Years resided")
        classes = {
            "rx-expiry-start": self.expiry_start, "rx-expiry-end": self.expiry_end,
            "rx-application-start": self.application_start, "rx-application-end": self.application_end,
            "rx-granularity": self.granularity, "rx-path": self.path, "rx-expedited": self.expedited,
            "rx-delivery": self.delivery, "rx-stamp-channel": self.stamp_channel,
            "rx-lead-days": self.stamp_lead_days, "rx-payment": self.payment,
            "rx-address-changed": self.address_changed, "rx-accommodation-before": self.accommodation_before,
            "rx-years-resided": self.years_resided,
        }
        for css_class, widget in classes.items():
            widget.add_class(css_class)
            widget.style.description_width = _DESCRIPTION_WIDTH
            widget.layout.width = "95%"
        for toggle in (self.path, self.expedited, self.delivery):
            toggle.style.button_width = "50px"
        self.granularity.style.button_width = "64px"
        self.all = list(classes.values())
        self.widget = widgets.VBox([
            widgets.HTML("<b>Card expiry range</b>"), self.expiry_start, self.expiry_end,
            widgets.HTML("<b>Application range</b>"), self.application_start, self.application_end,
            self.granularity,
            widgets.HTML("<b>Path and fee choices</b>"), self.path, self.expedited, self.delivery,
            widgets.HTML("<b>Fee stamps</b>"), self.stamp_channel, self.stamp_lead_days, self.payment,
            widgets.HTML("<b>Person</b>"), self.address_changed, self.accommodation_before,
            self.years_resided,
        ], layout=widgets.Layout(width=SIDEBAR_WIDTH, min_width=SIDEBAR_WIDTH))
        self.widget.add_class("rx-controls")

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
        )

    def observe(self, callback: Callable[[dict], None]) -> None:
        """Call `callback(change)` whenever any control's value changes."""
        for widget in self.all:
            widget.observe(callback, names="value")
