"""Dates parsed whole, and the five-year card and its BOK offices in words (English and Slovak)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import explorer
from explorer import ExplorerError
from explorer.core.days import day_number
from explorer.person.paperwork import bok_sentence, card_story


@pytest.mark.parametrize("text", ["2026-01-01 is a nice day", "2026-01-01x", "2026-01-01 ", "20260101",
                                  "2026-01-01T", "2026-1-1", "2026-02-30", " nice 2026-01-01"])
def test_a_date_with_anything_but_an_iso_time_after_it_is_refused(text):
    if text.strip() == "2026-01-01":
        assert day_number(text) == day_number("2026-01-01")  # surrounding spaces are not text
        return
    with pytest.raises(ValueError):
        day_number(text)


@pytest.mark.parametrize("text", ["2026-01-01", "2026-01-01T00:00", "2026-01-01 00:00:00",
                                  "2026-01-01T23:59:59", str(pd.Timestamp("2026-01-01"))])
def test_an_iso_date_with_an_iso_time_is_its_day(text):
    assert day_number(text) == (dt.date(2026, 1, 1) - dt.date(1970, 1, 1)).days


def test_bok_activation_places_refuses_a_date_with_trailing_text():
    with pytest.raises(ExplorerError) as info:
        explorer.bok_activation_places("2026-01-01 is a nice day")
    assert info.value.field == "on_date"
    assert len(explorer.bok_activation_places("2026-01-01")) == 3


def test_parameters_refuse_a_date_with_trailing_text(params):
    with pytest.raises(ExplorerError):
        params.replace(transition_deadline="2021-06-30 or so")


def test_a_card_ending_on_or_after_14_august_2025_lists_three_kinds_of_office():
    text = bok_sentence("2026-07-02")
    assert text.startswith("Your five-year card is valid until 2 July 2026 (Thursday). On that day a BOK "
                           "(personal security code) can be activated at: Foreign Police departments")
    assert ("document departments of district police headquarters (oddelenie dokladov) and client centres "
            "of district offices (klientske centrum) (offices added from 14 August 2025; "
            "vizum.sk, 15 August 2025).") in text
    assert "document departments" in bok_sentence("2025-08-14")  # the first day counts


def test_a_card_ending_before_14_august_2025_lists_the_foreign_police_only_and_says_what_follows():
    text = bok_sentence("2025-08-13")
    assert "valid until 13 August 2025 (Wednesday)" in text
    assert "can be activated only at: Foreign Police departments (cudzinecká polícia)." in text
    assert "From 14 August 2025 also at: document departments" in text
    assert "(source: vizum.sk, 15 August 2025)" in text


def test_a_chosen_day_decides_the_offices_not_the_card_end():
    text = bok_sentence("2026-07-02", on_date="2025-08-13")
    assert "valid until 2 July 2026 (Thursday). On 13 August 2025 (Wednesday) a BOK" in text
    assert "only at: Foreign Police departments" in text


def test_slovak_on_both_sides_of_14_august_2025_without_the_word_pobytovy_preukaz():
    after = bok_sentence("2026-07-02", lang="sk")
    assert after.startswith("Vaše päťročné povolenie na pobyt platí do 2. júla 2026 (štvrtok). V ten deň "
                            "možno BOK (bezpečnostný osobný kód) aktivovať")
    offices = ("oddelenia dokladov okresných riaditeľstiev Policajného zboru a "
               "klientske centrá okresných úradov")
    assert offices in after
    assert "od 14. augusta 2025; vizum.sk, 15. augusta 2025)." in after
    assert "pobytový preukaz" not in after
    before = bok_sentence("2025-08-13", lang="sk")
    assert "platí do 13. augusta 2025 (streda)" in before
    assert "aktivovať len na týchto miestach: oddelenia cudzineckej polície." in before
    assert "Od 14. augusta 2025 aj na týchto miestach: oddelenia dokladov" in before


def test_the_words_follow_the_parameters_and_their_source(params):
    later = params.replace(bok_wider_activation_from="2027-01-01")
    assert "only at: Foreign Police departments" in bok_sentence("2026-07-02", params=later)
    assert "From 1 January 2027 also at" in bok_sentence("2026-07-02", params=later)


def test_card_story_reads_the_evaluated_row(params):
    row = explorer.evaluate(pd.DataFrame({"card_expiry": ["2020-11-13"], "application_date": ["2020-11-13"],
                                          "option": ["a"], "expedited": [True]}), params).iloc[0]
    assert card_story(row, params) == bok_sentence("2026-07-02", params=params)
    late = explorer.evaluate(pd.DataFrame({"card_expiry": ["2020-06-30"],
                                           "application_date": ["2020-07-01"]}), params).iloc[0]
    assert card_story(late, params).startswith("No five-year card is issued on this path")
    assert card_story(late, params, lang="sk").startswith("Pri tejto možnosti sa päťročné povolenie")


def test_an_unknown_language_is_refused():
    with pytest.raises(ExplorerError) as info:
        bok_sentence("2026-07-02", lang="de")
    assert info.value.field == "lang"
