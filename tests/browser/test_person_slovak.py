"""The One person tab in Slovak, in Chromium: every word outside quotations of the English guidance
passes the Slovak spell check (no English word, no code), for a late applier and a path-a holder."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer import labels
from explorer.words.formats import format_date
from tests.browser.driver import choose, control, open_dashboard, open_tab, set_date, wait_for
from tests.support.slovak_spelling import misspelled

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
    toggle = control(page, "rx-person-option").locator("button")
    toggle.nth(["a", "b"].index(option)).click()
    wait_for(lambda: toggle.nth(["a", "b"].index(option)).get_attribute("class").find("mod-active") >= 0,
             what=f"path {option} chosen")
    set_date(page, "rx-person-expiry", expiry)
    set_date(page, "rx-person-application", application)
    person = control(page, "rx-person")
    shown = format_date(dt.date.fromisoformat(expiry), "sk")  # the lead names the expiry or deadline
    lead = control(page, "rx-person-lead")
    wait_for(lambda: "Čo si z toho vziať" in lead.inner_text() and shown in lead.inner_text(),
             what=f"the Slovak lead of the person whose card expires {shown}", timeout_s=120)
    wait_for(lambda: control(page, "rx-person-documents").inner_text().strip(), what="the documents")
    # Everything the tab says: the control labels and each part (the a/b toggle buttons are codes of
    # the path, named in their tooltips).
    shown_parts = ("rx-person-lead", "rx-person-outcome", "rx-person-documents", "rx-person-why",
                   "rx-person-bok", "rx-ics-download", "rx-person-timeline")
    parts = [person.locator(".widget-label").all_inner_texts()] + [
        [control(page, css).inner_text()] for css in shown_parts]
    text = "\n".join(t for part in parts for t in part)
    assert "Traceback" not in person.inner_text()
    wrong = misspelled(text)
    assert wrong == [], f"{wrong}\n{text}"
    screenshot(f"slovak-person-{option}")
