"""The dashboard's whole state goes into its link, and a fresh dashboard opened on that link shows the
same view: sidebar, reform and edits, picked person, open tab, tables and person explanation."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.ui import build_app
from explorer.ui.tabs import PERSON_TAB


@pytest.fixture(scope="module")
def changed():
    """A dashboard with several controls changed and a person picked, and its link."""
    app = build_app(debounce=None)
    c = app.controls
    c.granularity.value = "week"
    c.path.value = "b"
    c.expedited.value = "yes"
    c.stamp_lead_days.value = 3
    c.address_changed.value = True
    app.whatif_view.picker.value = "expedited-fee-waived"
    app.select_person("2020-11-13", "2020-12-01")
    return app, app.share.link.query


def test_a_fresh_dashboard_is_a_link_without_query(changed):
    assert build_app(debounce=None).share.link.query == ""


def test_the_link_names_each_change(changed):
    _, query = changed
    for part in ("granularity=week", "path=b", "expedited=yes", "lead_days=3", "address_changed=yes",
                 "reform=expedited-fee-waived", "person_expiry=2020-11-13", "person_applied=2020-12-01",
                 "tab=person"):
        assert part in query.split("&"), part


def test_opening_the_link_restores_the_same_view(changed):
    app, query = changed
    other = build_app(debounce=None)
    assert other.open_link(query) == []
    assert other.controls.settings() == app.controls.settings()
    assert other.whatif_view.picker.value == "expedited-fee-waived"
    assert other.tabs.selected_index == PERSON_TAB and other.picked
    assert other.person_view.inputs() == app.person_view.inputs()
    assert other.person_view.outcome.value == app.person_view.outcome.value
    assert other.person_view.why.value == app.person_view.why.value
    for name in ("status", "deadlines", "fees"):
        assert getattr(other.results, name).equals(getattr(app.results, name)), name
    assert other.share.link.query == query


def test_bad_values_in_a_link_give_one_line_each_and_keep_the_defaults():
    app = build_app(debounce=None)
    messages = app.open_link("granularity=year&lead_days=x&person_expiry=2020-13-01&nope=1&tab=person")
    assert messages == [
        "Link parameter “granularity=year” is not one of day, week, month: using the default, “month”.",
        "Link parameter “lead_days=x” is not a whole number: using the default, “0”.",
        "Link parameter “person_expiry=2020-13-01” is not a date YYYY-MM-DD: using the default.",
        "Link parameter “nope” is unknown: ignored.",
    ]
    assert app.controls.granularity.value == "month"
    assert "rx-link-message" in app.share.messages.value and "Traceback" not in app.share.messages.value
    assert app.share.link.query == "tab=person"


def test_edited_what_if_parameters_travel_in_the_link():
    app = build_app(debounce=None)
    app.whatif_view.editors["transition_deadline"].widget.value = dt.date(2021, 12, 31)
    assert "edit.transition_deadline=2021-12-31" in app.share.link.query
    other = build_app(debounce=None)
    other.open_link(app.share.link.query)
    assert other.whatif_view.editors["transition_deadline"].widget.value == dt.date(2021, 12, 31)


def test_the_report_content_follows_the_view(changed):
    app, _ = changed
    content = app.report_content()
    assert content.person is not None and content.person.inputs["card_expiry"] == dt.date(2020, 11, 13)
    # the report holds the view's tables, not its rows (bounded memory on a daily grid)
    assert content.view["Grid step"] == "week" and content.result is None
    assert content.rows == app.results.rows


def test_picking_a_person_changes_the_link_once_to_that_person_on_the_one_person_tab():
    """A map click sets two days, the person's toggles and the tab: a link copied at any moment is
    a whole view, never the new days without the tab (or one new day with the other old)."""
    app = build_app(debounce=None)
    app.select_person("2020-11-13", "2020-12-01")
    app.tabs.selected_index = 0
    links: list[str] = []
    app.share.link.observe(lambda change: links.append(change["new"]), names="query")
    app.select_person("2020-10-02", "2020-09-15")
    assert len(links) == 1
    parts = links[0].split("&")
    assert {"person_expiry=2020-10-02", "person_applied=2020-09-15", "tab=person"} <= set(parts)
    assert app.tabs.selected_index == PERSON_TAB
