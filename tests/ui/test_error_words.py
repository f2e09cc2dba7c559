"""Errors shown on the page come from the catalogues in the page's language: one sentence naming
the field by its label, the value as typed, the problem and what is allowed; English as before."""

from __future__ import annotations

import datetime as dt
import html
import re

import pandas as pd
import pytest

from explorer import labels, words
from explorer.core import inputs
from explorer.core.columns import REASONS
from explorer.errors import ExplorerError
from explorer.scenarios.population import load_population_bytes
from explorer.ui import build_app
from explorer.ui.errors import message_for
from explorer.ui.tabs import WHATIF_TAB
from explorer.ui.urlstate import DATE, FLAG, INTEGER, ViewState, decode
from tests.support.slovak_spelling import available, misspelled

ENGLISH_WORDS = re.compile(r"\b(allowed|missing|negative|unknown|required|column|file|date|None|number|"
                           r"population|size|whole|valid|error|not|one of|from|to)\b")
QUOTED = re.compile(r"„[^“]*“")
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def upload(view, name: str, data: bytes) -> None:
    """Deliver one file as the browser's upload widget does: a message with the file's bytes."""
    view.upload._receive(view.upload, {"event": "file", "name": name, "size": len(data)}, [memoryview(data)])


def _shown(widget_html: str) -> str:
    """The words a person reads in a message widget (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", widget_html)).strip()


def _assert_slovak(text: str) -> None:
    """No English word and no code outside the quoted value; every Slovak word spelled right."""
    assert text, "no message shown"
    unquoted = QUOTED.sub(" ", text)
    assert not ENGLISH_WORDS.search(unquoted), text
    assert not CODE.search(unquoted), text
    if available():
        assert misspelled(text) == [], (misspelled(text), text)


@pytest.fixture
def app(params):
    built = build_app(params, debounce=None)
    built.set_language("sk")
    return built


def _hostile_frames() -> list[pd.DataFrame]:
    """Frames of the kinds of bad input cell the dashboard's boxes and a file can hold."""
    good = {"card_expiry": ["2020-05-01"], "application_date": ["2020-04-01"]}
    return [
        pd.DataFrame({**good, "application_date": ["zzz"]}),
        pd.DataFrame({**good, "card_expiry": ["1800-01-01"]}),
        pd.DataFrame({**good, "stamp_lead_days": [-3]}),
        pd.DataFrame({**good, "stamp_lead_days": [2.5]}),
        pd.DataFrame({**good, "years_resided": ["many"]}),
        pd.DataFrame({**good, "payment": ["bitcoin"]}),
        pd.DataFrame({**good, "expedited": ["maybe"]}),
        pd.DataFrame({"card_expiry": ["2020-05-01"]}),
    ]


def _errors(params) -> list[ExplorerError]:
    found = []
    for frame in _hostile_frames():
        with pytest.raises(ExplorerError) as info:
            inputs.validate(frame, params)
        found.append(info.value)
    return found


def test_input_box_errors_are_slovak_on_a_slovak_page(app):
    app.controls.stamp_lead_days.value = -3
    shown = _shown(app.message.value)
    assert shown.startswith("Koľko dní vopred sa kupujú eKolky = -3: záporné číslo "
                            "(povolené: celý počet dní"), shown
    _assert_slovak(shown)
    app.controls.stamp_lead_days.value = 0
    assert app.message.value == ""
    app.controls.application_start.value = None
    shown = _shown(app.message.value)
    assert shown.startswith("Žiadosť od: chýba dátum"), shown
    _assert_slovak(shown)
    app.controls.application_start.value = dt.date(2020, 1, 1)
    app.controls.expiry_end.value = dt.date(2019, 6, 30)
    shown = _shown(app.message.value)
    assert shown.startswith("Rozsah konca platnosti preukazu = „2020-01-01:2019-06-30“: "
                            "rozsah sa končí skôr, ako sa začína"), shown
    _assert_slovak(shown)


def test_every_input_cell_error_is_slovak_with_the_column_label(params):
    for exc in _errors(params):
        text = message_for(exc, "sk")
        _assert_slovak(text)
        assert exc.field not in QUOTED.sub(" ", text), text


def test_upload_errors_are_slovak_on_a_slovak_page(app):
    view = app.population_view
    cases = [
        ("no-application.csv", b"id,card_expiry\nh1,2020-11-15\n",
         "Deň podania žiadosti: chýba povinný stĺpec"),
        ("no-expiry.csv", b"id,application_date\nh1,2020-11-15\n",
         "Koniec platnosti preukazu: chýba povinný stĺpec"),
        ("holders.txt", b"card_expiry\n2020-11-15\n", "Súbor = „holders.txt“: neznámy typ súboru"),
    ]
    for name, data, start in cases:
        upload(view, name, data)
        shown = _shown(app.message.value)
        assert start in shown, shown
        assert "rx-upload-" not in shown, shown  # the file as the person named it, not the temporary copy
        _assert_slovak(shown)
    view.size.value = -4
    view.synthetic.click()
    shown = _shown(app.message.value)
    assert shown.startswith("Veľkosť populácie = -4 "
                            "(povolené: celé číslo od 1 do 2\u00a0000\u00a0000)"), shown
    _assert_slovak(shown)


def test_english_page_errors_name_the_field_by_its_label_not_its_code(params):
    for exc in _errors(params):
        text = message_for(exc, "en")
        assert text == message_for(exc)
        field = exc.field.rpartition(".")[2]
        assert text.startswith(labels.label(field, "en")), text
        said = text.split(" (allowed:")[0]  # what is allowed may name a file's column headers
        assert field not in said and not CODE.search(said), text
        assert str(exc) == exc.describe(with_row=True)  # the command line and the log keep the code
        assert str(exc).startswith(field)
    with pytest.raises(ExplorerError) as info:
        load_population_bytes("holders.txt", b"x", params)
    assert message_for(info.value) == \
        "File = 'holders.txt': unknown file type (allowed: a .csv or .parquet file)"


def test_an_english_input_box_error_shows_the_boxs_label_not_its_code(params):
    built = build_app(params, debounce=None)
    built.controls.stamp_lead_days.value = -3
    shown = _shown(built.message.value)
    assert shown.startswith(f"{labels.label('stamp_lead_days', 'en')} = -3: negative"), shown
    assert "stamp_lead_days" not in shown


def test_each_phrase_of_an_error_has_the_errors_english_words(params):
    for exc in _errors(params):
        assert exc.allowed_phrase is not None and exc.problem_phrase is not None, exc
        assert words.has(exc.allowed_phrase.key) and words.has(exc.problem_phrase.key), exc
        assert words.phrase_text(exc.allowed_phrase, "en") == exc.allowed
        assert words.phrase_text(exc.problem_phrase, "en") == exc.problem


def test_an_error_without_phrases_keeps_its_words_in_every_language():
    exc = ExplorerError("card_expiry", "x", "a thing", problem="odd")
    assert message_for(exc, "sk") == "Koniec platnosti preukazu = „x“: odd (povolené: a thing)"
    assert message_for(exc, "en") == "Card expiry = 'x': odd (allowed: a thing)"


def test_unexpected_errors_are_one_catalogue_sentence_naming_no_class_and_pointing_to_the_log():
    fire = RuntimeError("disk on fire")
    assert message_for(fire, "sk") == "Nastala neočakávaná chyba; podrobnosti sú v zázname servera."
    assert message_for(fire, "en") == "An unexpected error happened; the details are in the server's log."
    for exc in (fire, KeyError("k"), ZeroDivisionError()):
        for lang in ("en", "sk"):
            shown = message_for(exc, lang)
            assert type(exc).__name__ not in shown and "disk on fire" not in shown, shown


@pytest.mark.parametrize(("editor", "value", "start"), [
    ("fee_delivery", "tri eurá", "Poplatok za doručenie poštou = „tri eurá“: nie je suma v eurách"),
    ("fee_expedited", "-5", "Poplatok za zrýchlené vydanie = „-5“: záporná suma"),
    ("transition_deadline", None, "Prechodná lehota: chýba dátum (povolené: dátum, napríklad 2021-06-30)"),
])
def test_what_if_editor_errors_are_slovak_on_a_slovak_page(app, editor, value, start):
    app.tabs.selected_index = WHATIF_TAB
    whatif = app.whatif_view
    whatif.picker.value = "expedited-fee-waived"
    whatif.editors[editor].widget.value = value
    shown = _shown(app.message.value)
    assert start in shown, shown
    _assert_slovak(shown)


def test_link_value_errors_say_what_is_allowed_in_the_link_language():
    codecs = {"lead_days": INTEGER, "from": DATE, "ok": FLAG}
    _, messages = decode("from=2020-02-30&lead_days=x&ok=maybe", codecs, {"from": "2020-01-01"}, "sk")
    assert messages[0].endswith("nie je dátum v tvare ISO (napríklad 2020-11-15): použije sa predvolená "
                                "hodnota „2020-01-01“."), messages
    assert "nie je celé číslo" in messages[1] and "nie je „yes“ alebo „no“" in messages[2], messages
    for message in messages:  # after the link's own key=value, as typed in the link
        assert not ENGLISH_WORDS.search(QUOTED.sub(" ", message.split(" nie je ", 1)[1])), message


def test_a_control_refusing_a_link_value_says_why_in_the_link_language():
    def refuse(_value):
        raise ExplorerError("stamp_lead_days", 99, "a thing", problem=REASONS["negative"])

    state = ViewState()
    state.add("lead_days", lambda: 0, refuse, INTEGER)
    state.freeze_defaults()
    [message] = state.apply("lead_days=99", "sk")
    assert "nie je celé číslo (Koľko dní vopred sa kupujú eKolky = 99: záporné číslo" in message, message
    [message] = state.apply("lead_days=99")
    assert "is not a whole number (stamp_lead_days = 99: negative (allowed: a thing))" in message, message


def test_one_person_date_errors_are_slovak_on_a_slovak_page(app):
    person = app.person_view
    person.expiry.value = None
    shown = _shown(app.message.value)
    assert shown.startswith("Koniec platnosti preukazu: chýba dátum (povolené: dátum v tvare ISO"), shown
    _assert_slovak(shown)
    person.expiry.value = dt.date(2020, 11, 15)
    person.application.value = dt.date(1990, 1, 1)
    shown = _shown(app.message.value)
    assert shown.startswith("Deň podania žiadosti = 1990-01-01: dátum mimo podporovaného obdobia"), shown
    _assert_slovak(shown)
