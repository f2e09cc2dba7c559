"""The dashboard's state in a link: one registration per query key, over the dashboard's controls.

Keys are set in this order when a link opens: the language, the sidebar (readings included, as
`reading.<name>`), each view's own fields in the tabs' order (View.register: the picked person,
the What if reform and its edits, the readings view's period), then the open tab. A new sidebar
control is one line here.  Choices are matched on their values, whatever their labels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .controls import option_values
from .tabs import TAB_KEYS
from .urlstate import DATE, FLAG, INTEGER, NUMBER, ViewState, choice

if TYPE_CHECKING:
    from .app import Dashboard


def register(state: ViewState, app: Dashboard) -> None:
    """Register every piece of the dashboard's state on `state`."""
    c = app.controls
    state.add_value("lang", app.language, choice(option_values(app.language)))
    for key, widget, codec in (
        ("expiry_from", c.expiry_start, DATE), ("expiry_to", c.expiry_end, DATE),
        ("applied_from", c.application_start, DATE), ("applied_to", c.application_end, DATE),
        ("granularity", c.granularity, choice(option_values(c.granularity))),
        ("path", c.path, choice(option_values(c.path))),
        ("expedited", c.expedited, choice(option_values(c.expedited))),
        ("delivery", c.delivery, choice(option_values(c.delivery))),
        ("stamp_channel", c.stamp_channel, choice(option_values(c.stamp_channel))),
        ("lead_days", c.stamp_lead_days, INTEGER),
        ("payment", c.payment, choice(option_values(c.payment))),
        ("address_changed", c.address_changed, FLAG),
        ("accommodation_before", c.accommodation_before, FLAG),
        ("booked_online", c.booked_online, FLAG),
        ("years_resided", c.years_resided, NUMBER),
    ):
        state.add_value(key, widget, codec)
    for name, dropdown in c.readings.dropdowns.items():
        state.add_value(f"reading.{name}", dropdown, choice(option_values(dropdown)))
    for view in app.views:  # each view's own fields, in the tabs' order
        view.register(state)
    state.add("tab", lambda: TAB_KEYS[app.tabs.selected_index or 0],
              lambda key: setattr(app.tabs, "selected_index", TAB_KEYS.index(key)),
              choice(TAB_KEYS), watch=[(app.tabs, "selected_index")])
