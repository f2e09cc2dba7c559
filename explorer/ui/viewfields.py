"""The dashboard's state in a link: one registration per query key, over the dashboard's controls.

Keys are set in this order when a link opens: the sidebar, the What if reform and its edits, the
picked person, then the open tab. A new control is one line here (e.g.
`state.add_value("lang", app.language, urlstate.choice(("en", "sk")))`, or one
`state.add_value(f"reading.{name}", switch, urlstate.choice(switch.options))` per reading).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .urlstate import DATE, FLAG, INTEGER, NUMBER, TEXT, ViewState, choice

if TYPE_CHECKING:
    from .app import Dashboard

TAB_KEYS = ("map", "deadlines", "fees", "person", "downloads", "whatif", "population")
EDIT_CODECS = {"date": DATE, "money": TEXT, "duration": INTEGER}


def register(state: ViewState, app: Dashboard) -> None:
    """Register every piece of the dashboard's state on `state`."""
    c = app.controls
    for key, widget, codec in (
        ("expiry_from", c.expiry_start, DATE), ("expiry_to", c.expiry_end, DATE),
        ("applied_from", c.application_start, DATE), ("applied_to", c.application_end, DATE),
        ("granularity", c.granularity, choice(c.granularity.options)),
        ("path", c.path, choice(c.path.options)),
        ("expedited", c.expedited, choice(c.expedited.options)),
        ("delivery", c.delivery, choice(c.delivery.options)),
        ("stamp_channel", c.stamp_channel, choice(c.stamp_channel.options)),
        ("lead_days", c.stamp_lead_days, INTEGER),
        ("payment", c.payment, choice(c.payment.options)),
        ("address_changed", c.address_changed, FLAG),
        ("accommodation_before", c.accommodation_before, FLAG),
        ("years_resided", c.years_resided, NUMBER),
    ):
        state.add_value(key, widget, codec)
    register_whatif(state, app)
    register_person(state, app)
    state.add("tab", lambda: TAB_KEYS[app.tabs.selected_index or 0],
              lambda key: setattr(app.tabs, "selected_index", TAB_KEYS.index(key)),
              choice(TAB_KEYS), watch=[(app.tabs, "selected_index")])


def register_whatif(state: ViewState, app: Dashboard) -> None:
    """The What if reform picked and each parameter edited there (`edit.<parameter>`)."""
    whatif = app.whatif_view
    state.add_value("reform", whatif.picker, choice(whatif.picker.options))
    for name, editor in whatif.editors.items():
        state.add(f"edit.{name}", _edited(editor), _setter(editor.widget), EDIT_CODECS[editor.kind],
                  watch=[(editor.widget, "value")])


def register_person(state: ViewState, app: Dashboard) -> None:
    """The picked person (left out of the link until one is picked): dates, path and choices."""
    person = app.person_view
    fields = (("person_expiry", person.expiry, DATE), ("person_applied", person.application, DATE),
              ("person_path", person.option, choice(person.option.options)),
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

