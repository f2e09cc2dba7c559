"""The two application forms (spec "Documents: the two application forms") and one photo per application."""

from __future__ import annotations

import pandas as pd
import pytest

import explorer
from explorer import ExplorerError


def _row(table: pd.DataFrame, word: str) -> pd.DataFrame:
    return table[table["document"].str.contains(word, case=False)]


def test_booked_online_the_generated_form_is_required_and_the_slovak_form_is_a_backup():
    table = explorer.documents(booked_online=True)
    generated = _row(table, "booking system")
    slovak = _row(table, "completed in Slovak")
    assert generated["required"].tolist() == [True]
    assert "you booked online" in generated["why"].iloc[0]
    assert slovak["required"].tolist() == [False]
    assert "backup" in slovak["why"].iloc[0]
    assert "The application form" in slovak["source"].iloc[0]


def test_the_checklist_speaks_slovak():
    table = explorer.documents(booked_online=False, option="a", lang="sk")
    assert "Tlačivo žiadosti vyplnené v slovenčine" in table["document"].tolist()
    assert any("na každú žiadosť (2 žiadosti" in d for d in table["document"])
    assert "termín ste si nerezervovali online" in " ".join(table["why"])


def test_not_booked_no_generated_form_and_the_slovak_form_is_required():
    table = explorer.documents(booked_online=False)
    assert _row(table, "booking system").empty
    slovak = _row(table, "completed in Slovak")
    assert slovak["required"].tolist() == [True]
    assert "did not book online" in slovak["why"].iloc[0]
    assert "a reading of the guidance" in slovak["why"].iloc[0]
    assert len(table) == 4  # passport, residence card, photo, the Slovak form


def test_the_list_as_written_reading_requires_the_generated_form_of_everyone(params):
    table = explorer.documents(booked_online=False,
                               params=params.replace(application_form_reading="list_as_written"))
    assert _row(table, "booking system")["required"].tolist() == [True]
    assert _row(table, "completed in Slovak")["required"].tolist() == [False]


def test_an_unknown_form_reading_is_refused(params):
    with pytest.raises(ExplorerError) as info:
        params.replace(application_form_reading="maybe")
    assert info.value.field == "application_form_reading"


def test_the_form_reading_is_listed_with_its_sentences_and_source():
    table = explorer.readings()
    form = table[table["name"] == "application_form_reading"]
    assert form["alternative"].tolist() == ["booking_decides", "list_as_written"]
    assert form["value_in_force"].tolist() == ["booking_decides"] * 2
    text = form["sentences"].iloc[0]
    assert "it will automatically generate your application form" in text
    assert "You may use the online booking system" in text
    assert "you may consider bringing both completed forms" in text
    assert "The application form" in form["source"].iloc[0]


def test_option_a_needs_one_photo_per_application():
    photo = _row(explorer.documents(option="a"), "photograph")["document"].iloc[0]
    assert photo == "One colour photograph, 3 x 3.5 cm, per application (2 applications: 2 photos)"
    assert _row(explorer.documents(option="b"), "photograph")["document"].iloc[0] == \
        "One colour photograph, 3 x 3.5 cm"


@pytest.mark.parametrize(("name", "value"), [("booked_online", "no"), ("option", "c")])
def test_bad_booking_flag_or_option_is_refused(name, value):
    with pytest.raises(ExplorerError) as info:
        explorer.documents(**{name: value})
    assert info.value.field == name
