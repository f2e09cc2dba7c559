"""An error already shown on the page (rx-message) follows a language switch: the page keeps what
is needed to say it again (the exception, not its text) and says it in the new language."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from explorer import labels
from explorer.core.engine import default_parameters
from explorer.errors import ExplorerError
from explorer.scenarios.population import load_population_bytes
from explorer.ui import build_app
from explorer.ui.errors import message_for


def _shown(widget_html: str) -> str:
    """The words a person reads in a message widget (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", widget_html)).strip()


def upload(view, name: str, data: bytes) -> None:
    """Deliver one file as the browser's upload widget does: a message with the file's bytes."""
    view.upload._receive(view.upload, {"event": "file", "name": name, "size": len(data)}, [memoryview(data)])


@pytest.fixture
def app():
    return build_app(default_parameters(), debounce=None)


def _range_error() -> ExplorerError:
    """The error the dashboard raises for an expiry range that ends before it starts."""
    built = build_app(default_parameters(), debounce=None)
    built.controls.expiry_start.value = dt.date(2020, 1, 1)
    built.controls.expiry_end.value = dt.date(2019, 6, 30)
    from explorer.ui import model

    with pytest.raises(ExplorerError) as info:
        model.compute(built.controls.settings(), built.params)
    return info.value


def test_a_bad_date_range_message_is_said_again_in_slovak_and_back_in_english(app):
    app.controls.expiry_start.value = dt.date(2020, 1, 1)
    app.controls.expiry_end.value = dt.date(2019, 6, 30)
    english = _shown(app.message.value)
    exc = _range_error()
    assert english == message_for(exc, "en") and "ends before it starts" in english
    app.set_language("sk")
    slovak = _shown(app.message.value)
    assert slovak == message_for(exc, "sk")
    assert slovak.startswith("Rozsah konca platnosti preukazu = „2020-01-01:2019-06-30“: "
                             "rozsah sa končí skôr, ako sa začína"), slovak
    app.set_language("en")
    assert _shown(app.message.value) == english


def test_a_bad_upload_message_follows_the_language_switch(app):
    upload(app.population_view, "holders.txt", b"card_expiry\n2020-11-15\n")
    with pytest.raises(ExplorerError) as info:
        load_population_bytes("holders.txt", b"card_expiry\n2020-11-15\n", app.params)
    assert _shown(app.message.value) == message_for(info.value, "en")
    app.set_language("sk")
    shown = _shown(app.message.value)
    assert shown == message_for(info.value, "sk")
    assert shown.startswith("Súbor = „holders.txt“: neznámy typ súboru")
    assert "unknown file type" not in shown


def test_a_message_started_in_slovak_is_said_in_english_after_the_switch(app):
    app.set_language("sk")
    app.controls.stamp_lead_days.value = -3
    slovak = _shown(app.message.value)
    assert slovak.startswith(f"{labels.label('stamp_lead_days', 'sk')} = -3: záporné číslo"), slovak
    app.set_language("en")
    assert _shown(app.message.value).startswith(f"{labels.label('stamp_lead_days', 'en')} = -3: negative")


def test_the_report_refused_message_follows_the_language_switch(app):
    app.open_link("expiry_from=2021-06-01&expiry_to=2020-01-01")
    app.share.html_report._handle(None, {"event": "build"}, [])
    assert _shown(app.message.value) == labels.ui_text("report.view_error", "en")
    app.set_language("sk")
    assert _shown(app.message.value) == labels.ui_text("report.view_error", "sk")
    assert labels.ui_text("report.view_error", "sk") != labels.ui_text("report.view_error", "en")


def test_a_cleared_message_stays_cleared_after_a_language_switch(app):
    app.controls.stamp_lead_days.value = -3
    assert app.message.value
    app.controls.stamp_lead_days.value = 0
    assert app.message.value == ""
    app.set_language("sk")
    assert app.message.value == ""


def test_a_kept_error_lets_go_of_the_frames_it_was_raised_in(app):
    app.controls.stamp_lead_days.value = -3
    assert app.message_again is not None
    cells = app.message_again.__closure__ or ()
    kept = [c.cell_contents for c in cells if isinstance(c.cell_contents, BaseException)]
    assert kept and all(e.__traceback__ is None for e in kept)
