"""The dashboard's state in a link: one registration per query key, over the dashboard's controls.

Keys are set in this order when a link opens: the language, the sidebar (readings included, as
`reading.<name>`), the What if reform and its edits, the picked person, then the open tab. A new
control is one line here.  Choices are matched on their values, whatever their labels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .controls import option_values
from .tabs import TAB_KEYS
from .urlstate import DATE, FLAG, INTEGER, NUMBER, TEXT, ViewState, choice

if TYPE_CHECKING:
    from .app import Dashboard

EDIT_CODECS = {"date": DATE, "money": TEXT, "duration": INTEGER}


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
    register_whatif(state, app)
    app.readings_view.register(state)
    register_person(state, app)
    state.add("tab", lambda: TAB_KEYS[app.tabs.selected_index or 0],
              lambda key: setattr(app.tabs, "selected_index", TAB_KEYS.index(key)),
              choice(TAB_KEYS), watch=[(app.tabs, "selected_index")])


def register_whatif(state: ViewState, app: Dashboard) -> None:
    """The What if reform picked and each parameter edited there (`edit.<parameter>`)."""
    whatif = app.whatif_view
    state.add_value("reform", whatif.picker, choice(option_values(whatif.picker)))
    for name, editor in whatif.editors.items():
        state.add(f"edit.{name}", _edited(editor), _setter(editor.widget), EDIT_CODECS[editor.kind],
                  watch=[(editor.widget, "value")])


def register_person(state: ViewState, app: Dashboard) -> None:
    """The picked person (left out of the link until one is picked): dates, path and choices."""
    person = app.person_view
    fields = (("person_expiry", person.expiry, DATE), ("person_applied", person.application, DATE),
              ("person_path", person.option, choice(option_values(person.option))),
              ("person_expedited", person.expedited, FLAG), ("person_delivery", person.delivery, FLAG))
    for _key, widget, _codec in fields:  # changing any of them picks that person
        widget.observe(lambda _change: setattr(app, "picked", True), names="value")
    for key, widget, codec in fields:
        state.add(key, _when_picked(app, widget), _setter(widget), codec, watch=[(widget, "value")])


def _when_picked(app: Dashboard, widget: Any) -> Any:
    return lambda: widget.value if app.picked else None


def _edited(editor: Any) -> Any:
    return lambda: None if editor.widget.value == editor.prefill else editor.widget.value


def _setter(widget: Any) -> Any:
    return lambda value: setattr(widget, "value", value)

