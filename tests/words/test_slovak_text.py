"""Every Slovak sentence passes a Slovak spell check, and no text meant for a person carries a
column code, a file path or a formula (English and Slovak)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from explorer import labels, words
from explorer.core.engine import OUTPUT_COLUMNS
from explorer.core.inputs import INPUT_COLUMNS
from explorer.person.explain import explain
from explorer.person.paperwork import card_story, documents
from explorer.person.timeline import evaluate_one, key_dates, to_ics
from tests.support.slovak_spelling import available, misspelled

PERSONS = {
    "path_a": dict(card_expiry="2020-06-30", application_date="2020-06-20", option="a"),
    "path_a_expedited": dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a",
                             expedited=True, delivery=True, stamp_channel="post_office", stamp_lead_days=3),
    "holiday": dict(card_expiry="2020-12-26", application_date="2020-12-10"),
    "not_2020": dict(card_expiry="2021-03-10", application_date="2020-12-23", expedited=True, delivery=True),
    "late_applier": dict(card_expiry="2020-09-30", application_date="2021-02-01"),
    "late_2020": dict(card_expiry="2020-06-30", application_date="2020-07-01", address_changed=True),
    "late_transition": dict(card_expiry="2022-05-01", application_date="2021-07-01"),
    "from_2019": dict(card_expiry="2020-03-31", application_date="2019-11-15"),
    "out_of_scope": dict(card_expiry="2020-11-15", application_date="2020-10-01", years_resided=7),
    "a_closed": dict(card_expiry="2021-09-01", application_date="2020-08-01", option="a"),
    "late_second": dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a",
                        second_application_date="2021-07-05"),
}
CODES = sorted(c for c in set(OUTPUT_COLUMNS) | set(INPUT_COLUMNS) if "_" in c)  # "status" is also a word
FORBIDDEN = [re.compile(r"\b" + re.escape(c) + r"\b") for c in CODES] + [
    re.compile(p) for p in (r"seeds/", r"\.txt\b", r"\.md\b", r"max\(0", r"holidays` package", r"\bidem\b",
                            r"\d{4}-\d{2}-\d{2}", r"\bEUR\b")]


def _texts(person: dict, lang: str) -> dict[str, str]:
    """Every text the One person tab, the memo and the calendar file give a person, by where it shows."""
    inputs = dict(person)
    explanation = explain(lang=lang, **inputs)
    row = evaluate_one(inputs)
    dates = key_dates(row, lang=lang)
    docs = labels.labelled(documents(bool(inputs.get("expedited", False)),
                                     bool(inputs.get("delivery", False)),
                                     bool(inputs.get("address_changed", False)), True,
                                     application_date=inputs["application_date"],
                                     option=inputs.get("option", "b"), lang=lang), lang)
    return {
        "explanation": explanation.to_text(),
        "memo": explanation.to_memo(lang=lang, voice="third"),
        "key dates": " | ".join(dates["event"]) + " | " + " | ".join(dates["detail"]),
        "calendar file": _calendar_words(to_ics(dates, title=labels.label("five_year_card", lang),
                                                lang=lang)),
        "documents": " | ".join(" | ".join(map(str, r)) for r in docs.astype(str).itertuples(index=False))
        + " | " + " | ".join(docs.columns),
        "bok": card_story(row, lang=lang),
    }


def _calendar_words(ics: str) -> str:
    """The words a calendar shows of each event: its SUMMARY and DESCRIPTION values, unescaped."""
    lines = ics.replace("\r\n ", "").split("\r\n")
    values = [line.split(":", 1)[1] for line in lines if line.startswith(("SUMMARY:", "DESCRIPTION:"))]
    return " | ".join(values).replace("\\,", ",").replace("\\;", ";")


def test_the_slovak_dictionary_is_installed():
    assert available(), "install hunspell-sk (scripts/ensure-hunspell-sk.sh, run by make test)"


def test_every_slovak_catalogue_entry_passes_the_spell_check():
    wrong = {key: misspelled(form) for key, entry in words.entries().items() for form in entry.forms["sk"]}
    assert {k: v for k, v in wrong.items() if v} == {}


def test_every_slovak_label_and_description_passes_the_spell_check():
    table = labels.declarations()
    wrong = {row.code: misspelled(f"{row.label_sk} {row.description_sk}") for row in table.itertuples()}
    assert {k: v for k, v in wrong.items() if v} == {}


@pytest.mark.parametrize("who", PERSONS)
def test_slovak_texts_of_a_person_pass_the_spell_check_with_english_only_in_quotations(who):
    texts = _texts(PERSONS[who], "sk")
    wrong = {where: misspelled(text) for where, text in texts.items()}
    assert {k: v for k, v in wrong.items() if v} == {}


@pytest.mark.parametrize("lang", ["en", "sk"])
@pytest.mark.parametrize("who", PERSONS)
def test_no_column_code_file_path_or_formula_in_text_for_a_person(who, lang):
    for where, text in _texts(PERSONS[who], lang).items():
        unquoted = re.sub(r"„[^“]*“|“[^”]*”", " ", text)  # the guidance's own words may say "24.50 EUR"
        found = [p.pattern for p in FORBIDDEN if p.search(unquoted)]
        assert found == [], (where, found)


def test_sample_covers_every_status():
    statuses = {str(evaluate_one(p)["status"]) for p in PERSONS.values()}
    assert statuses == {"choice", "five_year_only", "late_card_expired", "late_transition_deadline",
                        "out_of_scope"}
    assert any(bool(evaluate_one(p)["before_guidance_period"]) for p in PERSONS.values())
    assert isinstance(pd.Timestamp(PERSONS["holiday"]["card_expiry"]), pd.Timestamp)
