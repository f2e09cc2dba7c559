"""The One person tab in Slovak, in Chromium: every word outside quotations of the English guidance
passes the Slovak spell check (no English word, no code), for a late applier and a path-a holder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from driver import choose, control, open_dashboard, open_tab, set_date, wait_for

from explorer import labels

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from slovak_spelling import misspelled  # noqa: E402  (tests/ holds the spell-check helper)

PERSONS = [("2020-09-30", "2021-02-01", "b"), ("2020-06-30", "2020-06-20", "a")]


@pytest.fixture
def slovak_person(page, voila_url):
    open_dashboard(page, voila_url)
    choose(page, "rx-language", "Slovensky")
    wait_for(lambda: page.get_by_role("tab", name=labels.ui_text("tab.person", "sk")).count() == 1,
             what="the Slovak tab titles")
    open_tab(page, labels.ui_text("tab.person", "sk"))
    return page


@pytest.mark.parametrize(("expiry", "application", "option"), PERSONS)
def test_one_person_tab_in_slovak_has_no_english_word_outside_quotations(slovak_person, screenshot, expiry,
                                                                         application, option):
    page = slovak_person
    choose(page, "rx-person-option", option)
    set_date(page, "rx-person-expiry", expiry)
    set_date(page, "rx-person-application", application)
    person = control(page, "rx-person")
    day = expiry.split("-")
    shown = f"{int(day[2])}. "  # the lead names the expiry or the deadline in Slovak words
    wait_for(lambda: "Čo si z toho vziať" in person.inner_text() and shown in person.inner_text(),
             what="the Slovak lead of the chosen person", timeout_s=120)
    wait_for(lambda: control(page, "rx-person-documents").inner_text().strip(), what="the documents")
    text = person.inner_text()
    assert "Traceback" not in text
    assert misspelled(text) == [], text
    screenshot(f"slovak-person-{option}")
