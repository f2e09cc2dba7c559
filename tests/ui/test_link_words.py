"""Messages about the link a page was opened with (rx-link-messages) are said in the language the page
shows: the link's own `lang` once it is applied, the page's language when the link names none, and
again in the new language after a switch (the page keeps what says them, not their text)."""

from __future__ import annotations

import html
import re

import pytest

from explorer import labels
from explorer.core.engine import default_parameters
from explorer.errors import ExplorerError
from explorer.ui import build_app
from explorer.ui.urlstate import INTEGER, ViewState, choice

BAD_GRANULARITY = {
    "en": "Link parameter “granularity=year” is not one of day, week, month: using the default, “month”.",
    "sk": "Parameter odkazu „granularity=year“ nie je jedna z hodnôt „day“, „week“, „month“: použije sa "
          "predvolená hodnota „month“.",
}
UNKNOWN = {"en": "Link parameter “bogus” is unknown: ignored.",
           "sk": "Parameter odkazu „bogus“ je neznámy: ignoruje sa."}


def shown_lines(app) -> list[str]:
    """The link messages a person reads, one per line (tags removed, entities decoded)."""
    return [html.unescape(re.sub(r"<[^>]+>", "", line)).strip()
            for line in re.findall(r'<div class="rx-link-message"[^>]*>.*?</div>', app.share.messages.value)]


@pytest.fixture
def app():
    return build_app(default_parameters(), debounce=None)


def test_link_messages_are_slovak_when_the_link_opens_the_page_in_slovak(app):
    returned = app.open_link("granularity=year&lang=sk&bogus=1")  # lang after the bad value: no matter
    assert app.lang == "sk"
    assert shown_lines(app) == returned == [BAD_GRANULARITY["sk"], UNKNOWN["sk"]]


def test_link_messages_follow_a_language_switch_and_back(app):
    app.open_link("granularity=year&bogus=1")
    assert shown_lines(app) == [BAD_GRANULARITY["en"], UNKNOWN["en"]]
    app.set_language("sk")
    assert shown_lines(app) == [BAD_GRANULARITY["sk"], UNKNOWN["sk"]]
    app.set_language("en")
    assert shown_lines(app) == [BAD_GRANULARITY["en"], UNKNOWN["en"]]


def test_a_link_opened_in_slovak_is_said_in_english_after_switching_to_english(app):
    app.open_link("lang=sk&bogus=1")
    assert shown_lines(app) == [UNKNOWN["sk"]]
    app.language.value = "en"  # the reader's click on the language buttons
    assert app.lang == "en" and shown_lines(app) == [UNKNOWN["en"]]


def test_a_link_without_lang_on_a_slovak_page_speaks_slovak(app):
    app.set_language("sk")
    assert app.open_link("granularity=year") == [BAD_GRANULARITY["sk"]]
    assert shown_lines(app) == [BAD_GRANULARITY["sk"]]


def test_an_unknown_language_in_a_link_is_said_in_the_language_the_page_keeps(app):
    [line] = app.open_link("lang=fr")
    assert app.lang == "en" and line.startswith("Link parameter “lang=fr” is not one of en, sk"), line
    app.set_language("sk")
    [line] = shown_lines(app)
    assert line.startswith("Parameter odkazu „lang=fr“ nie je jedna z hodnôt „en“, „sk“"), line


def test_a_link_with_too_many_parameters_follows_the_language_switch(app):
    app.open_link("&".join(f"x{i}=1" for i in range(1500)))
    [english] = shown_lines(app)
    assert english.startswith("This link has 1,500 parameters"), english
    app.set_language("sk")
    [slovak] = shown_lines(app)
    assert slovak.startswith("Tento odkaz má 1\u00a0500 parametrov"), slovak  # Babel's grouping, not "1500"


def test_a_later_link_without_problems_clears_the_messages_in_every_language(app):
    app.open_link("bogus=1")
    app.open_link("granularity=week")
    assert shown_lines(app) == []
    app.set_language("sk")
    assert shown_lines(app) == []


def test_a_refused_link_value_is_said_in_the_language_asked_for_and_keeps_no_frames():
    def refuse(_value):
        raise ExplorerError("stamp_lead_days", 99, "a thing", problem="negative")

    state = ViewState()
    state.add("lang", lambda: "en", lambda _v: None, choice(("en", "sk")))
    state.add("lead_days", lambda: 0, refuse, INTEGER)
    state.freeze_defaults()
    [said] = state.restore("lead_days=99")
    english, slovak = said("en"), said("sk")
    assert english.startswith("Link parameter “lead_days=99” is not a whole number ("), english
    assert slovak.startswith("Parameter odkazu „lead_days=99“ nie je celé číslo ("), slovak
    assert labels.label("stamp_lead_days", "sk") in slovak, slovak
    kept = [a for a in said.args if isinstance(a, BaseException)]  # the refusal, to be said again
    assert kept and all(e.__traceback__ is None for e in kept)
    # apply() gives the lines in the link's own language: the language its page will show
    assert state.apply("lang=sk&lead_days=99")[0].startswith("Parameter odkazu „lead_days=99“")
