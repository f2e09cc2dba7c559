"""The options map without a mouse or colour, one status palette, the upload limit, and memory
given back: the dashboard's widgets driven from Python."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import explorer
from explorer import labels, palette
from explorer.core.rules.transition import STATUSES
from explorer.interfaces import report
from explorer.ui import build_app
from explorer.ui.model import StatusGrid
from explorer.ui.tabs import PERSON_TAB
from explorer.ui.views import map as map_view
from explorer.ui.views import whatif as whatif_view
from explorer.ui.views.map_access import MAX_TABLE_ROWS, runs_html, status_runs

OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}


@pytest.fixture
def app(params):
    return build_app(params, debounce=None)


def small_grid(app) -> None:
    app.controls.expiry_end.value = dt.date(2020, 4, 30)
    app.controls.application_end.value = dt.date(2020, 12, 31)


# -- one palette ------------------------------------------------------------------------------------

def test_every_status_has_a_distinct_colour_blind_safe_colour_declared_once():
    colours = [palette.STATUS_COLOURS[s] for s in STATUSES if s != "out_of_scope"]
    assert len(set(colours)) == len(colours) and set(colours) <= OKABE_ITO
    assert set(palette.STATUS_COLOURS) == set(STATUSES)
    # the map, the What if legend and the report read the same declaration
    assert map_view.STATUS_COLOURS is palette.STATUS_COLOURS
    assert whatif_view.STATUS_COLOURS is palette.STATUS_COLOURS
    assert not hasattr(report, "STATUS_COLOURS")


def test_the_report_map_uses_the_palette(params):
    result = explorer.sweep(("2020-06-01", "2021-05-31"), ("2020-03-01", "2021-08-31"), freq="MS")
    figure, _note = report.options_map_figure(result)
    used = {colour for _stop, colour in figure.data[0].colorscale}
    assert used == {palette.status_colour(s) for s in STATUSES}


# -- map as a table -----------------------------------------------------------------------------------

def test_map_as_a_table_lists_every_cell_once_with_its_status(app):
    grid = app.map_view.grid
    runs = status_runs(grid)
    cells = {}
    for r in runs.itertuples():
        expiries = grid.expiry[(grid.expiry >= r.expiry_from) & (grid.expiry <= r.expiry_to)]
        applications = grid.application[(grid.application >= r.application_from)
                                        & (grid.application <= r.application_to)]
        for e in expiries:
            for a in applications:
                assert (e, a) not in cells
                cells[(e, a)] = STATUSES[r.code]
    filled = {(grid.expiry[i], grid.application[j]): STATUSES[grid.codes[i, j]]
              for i, j in zip(*np.nonzero(grid.codes >= 0), strict=True)}
    assert cells == filled
    assert len(runs) < grid.codes.size / 4  # periods, not cells


def test_map_as_a_table_shows_labels_in_a_focusable_captioned_box(app):
    access = app.map_view.access
    assert access.table.value == ""  # built only when asked
    access.show_table.value = True
    text = access.table.value
    assert 'tabindex="0"' in text and 'role="region"' in text and "<caption>" in text
    assert labels.label("five_year_only", "en") in text and "five_year_only" not in text
    app.set_language("sk")
    assert labels.label("five_year_only", "sk") in access.table.value
    assert labels.ui_text("maptable.caption", "sk") in access.table.value


def test_map_as_a_table_is_cut_with_a_note_when_long():
    n = MAX_TABLE_ROWS + 10
    days = pd.date_range("2020-01-01", periods=n, freq="D")
    codes = np.repeat((np.arange(n) % 2).astype(np.int8)[:, None], 2, axis=1)  # rows alternate
    grid = StatusGrid(days, days[:2], codes)
    runs = status_runs(grid)
    assert len(runs) == n
    text = runs_html(runs, "en")
    assert text.count("<tr>") == MAX_TABLE_ROWS + 1  # header + shown rows
    assert f"{MAX_TABLE_ROWS:,} of {n:,}" in re.sub(r"<[^>]+>", "", text)


# -- pick this cell ------------------------------------------------------------------------------------

def test_pick_this_cell_opens_the_person_without_the_map(app):
    app.map_view.access.form.submit("2021-03-10", "2020-12-23")
    assert app.tabs.selected_index == PERSON_TAB
    assert app.person_view.expiry.value == dt.date(2021, 3, 10)
    assert app.person_view.application.value == dt.date(2020, 12, 23)
    assert app.person_view.row is not None


def test_the_pick_opens_the_days_its_click_carried_whatever_the_form_held_before(app):
    """The page sends the typed days with the click: a day half-typed on the way (1 December on the
    way from 1 January to 23 December) that reached the kernel earlier is never what opens."""
    form = app.map_view.access.form
    form.expiry, form.application = "2021-03-10", "2020-12-01"  # what an earlier sync left behind
    form._handle(form, {"event": "open", "expiry": "2021-03-10", "application": "2020-12-23"}, [])
    assert app.person_view.application.value == dt.date(2020, 12, 23)
    assert form.application == "2020-12-23"


def test_a_half_typed_pick_opens_nothing(app):
    form = app.map_view.access.form
    form._handle(form, {"event": "open", "expiry": "2021-03-10", "application": ""}, [])
    assert app.tabs.selected_index != PERSON_TAB


def test_the_person_is_computed_once_per_pick(app, monkeypatch):
    calls = []
    original = app.person_view.refresh
    monkeypatch.setattr(app.person_view, "refresh", lambda: (calls.append(1), original())[1])
    app.person_view.refresh_guarded = app.person_view.refresh
    app.person_view.select(dt.date(2021, 3, 10), dt.date(2020, 12, 23))
    assert len(calls) == 1


def test_the_pick_form_starts_on_the_grid_and_speaks_slovak(app):
    access = app.map_view.access
    assert access.form.expiry == app.map_view.grid.expiry[0].date().isoformat()
    app.set_language("sk")
    assert access.form.open_text == labels.ui_text("pick.open", "sk")
    assert access.form.expiry_label == labels.ui_text("map.expiry_axis", "sk")


# -- labels for screen readers ----------------------------------------------------------------------

def test_every_reading_dropdown_carries_its_name_as_its_label(app):
    for name, dropdown in app.controls.readings.dropdowns.items():
        assert dropdown.description == labels.label(name, "en")
    app.set_language("sk")
    for name, dropdown in app.controls.readings.dropdowns.items():
        assert dropdown.description == labels.label(name, "sk")


def test_the_page_language_follows_the_switch(app):
    assert app.page_aid.lang == "en"
    app.set_language("sk")
    assert app.page_aid.lang == "sk"


# -- upload limit ------------------------------------------------------------------------------------

def test_a_file_above_the_limit_is_refused_with_the_command_line_named(app):
    view = app.population_view
    limit_mb = view.upload.max_bytes // 1_000_000
    assert f"{limit_mb:,} MB" in view.texts["limit"].value
    view.upload._receive(view.upload, {"event": "refused", "name": "holders.csv",
                                       "size": (limit_mb + 5) * 1_000_000}, [])
    text = view.summary.value
    assert "holders.csv" in text and f"{limit_mb:,} MB" in text
    assert "explorer population FILE" in text and 'role="alert"' in text
    assert view.load is None


def test_a_file_claiming_to_be_small_but_sending_more_is_refused_too(app):
    view = app.population_view
    view.upload.max_bytes = 10
    data = b"card_expiry,application_date\n2021-03-10,2020-12-23\n"
    view.upload._receive(view.upload, {"event": "file", "name": "x.csv", "size": 5}, [memoryview(data)])
    assert view.load is None


def test_the_upload_limit_follows_the_server(monkeypatch):
    from explorer import serving

    monkeypatch.delenv(serving.UPLOAD_ENV, raising=False)
    assert serving.upload_limit_mb() == 9  # tornado's default 10 MiB message, less framing
    monkeypatch.setenv(serving.UPLOAD_ENV, str(serving.UPLOAD_MAX_MB))
    assert serving.upload_limit_mb() == serving.UPLOAD_MAX_MB
    assert serving.WEBSOCKET_MAX_MESSAGE_BYTES >= serving.UPLOAD_MAX_MB * 1_000_000 + serving.FRAMING_BYTES


# -- memory ------------------------------------------------------------------------------------------

MEMORY_CODE = """
import datetime as dt
from explorer.ui import build_app

def rss():
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024

app = build_app(debounce=None)
c = app.controls
start = rss()
c.granularity.value = "day"  # about 600,000 rows
rows = len(app.results.result)  # built as a download would (the map alone needs no rows)
big = rss()
c.granularity.value = "month"
after = rss()
print(start, big, after)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and glibc's malloc_trim")
def test_moving_from_a_big_grid_to_a_small_one_gives_the_memory_back():
    out = subprocess.run([sys.executable, "-c", MEMORY_CODE], capture_output=True, text=True, check=True)
    start, big, after = map(float, out.stdout.split()[-3:])
    assert big - start > 150, (start, big, after)  # the daily grid took memory...
    assert after - start < (big - start) / 3, (start, big, after)  # ...and most of it went back


def test_a_dashboard_kernel_does_not_build_the_iri_grammar():
    code = ("import sys; from explorer.ui import build_app; build_app(debounce=None); "
            "print(sys.modules.get('rfc3987_syntax', 'absent'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "None"
