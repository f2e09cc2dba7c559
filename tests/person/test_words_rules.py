"""The seven rules of spec "Words: what a sentence may claim", each on the persons it names."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import explorer
from explorer import labels
from explorer.person.explain import explain
from explorer.person.paperwork import bok_sentence
from explorer.person.timeline import key_dates, to_ics

BASE = explorer.load_parameters()
EXCLUSIVE = BASE.replace(before_reading="exclusive")
ADVISORY = BASE.replace(card_expiry_reading="advisory")
SILENT = ("does not say what follows", "neuvádza, čo nasleduje")


def _unquoted(text: str) -> str:
    return re.sub(r"“[^”]*”|„[^“]*“", " ", text)


def test_rule_1_a_readings_day_is_introduced_as_the_reading_not_as_the_guidance():
    lead = explain("2021-08-01", "2021-06-30", params=EXCLUSIVE).summary
    assert "Read as “the named day itself is too late”, you had to apply by 29 June 2021" in lead
    for match in re.finditer(r"[Tt]he guidance says([^.]*)", lead):
        assert "29 June" not in match.group(1)
    sk = explain("2021-08-01", "2021-06-30", params=EXCLUSIVE, lang="sk").summary
    assert "Pri výklade „uvedený deň je už neskoro“ ste museli požiadať do 29. júna 2021" in sk



def test_rule_1_after_the_choice_window_both_of_its_days_are_introduced_as_the_reading():
    """A card of 2020, applied for on its last day after the choice window: the lead names 30 December
    2020 and 29 June 2021 (the exclusive reading's days) and says they are the reading's."""
    notes = {"en": "Read as “the named day itself is too late”, the EU card could be chosen by 30 December "
                   "2020, and the five-year card can be applied for by 29 June 2021.",
             "sk": "Pri výklade „uvedený deň je už neskoro“ bolo možné zvoliť si pobytový preukaz EÚ do "
                   "30. decembra 2020 a o päťročné povolenie na pobyt možno požiadať do 29. júna 2021."}
    for lang, note in notes.items():
        for voice in ("holder", "third"):
            explanation = explain("2020-12-31", "2020-12-31", params=EXCLUSIVE, lang=lang)
            assert explanation.outputs["status"] == "five_year_only"
            assert note in explanation.to_memo(voice=voice)
        assert "Read as" not in explain("2020-12-31", "2020-12-31").summary  # inclusive: the days as written


def test_rule_2_a_step_quotes_the_sentence_it_depends_on_not_the_readings_first():
    explanation = explain("2020-11-13", "2020-11-13", option="a", params=EXCLUSIVE)
    path = dict((n, s) for n, _, s in next(s for s in explanation.steps if s.key == "path_status").readings)
    first = BASE["before_reading"].alternative("exclusive").sentences[0]
    assert path["before_reading"] != first
    assert "30 June 2021" in path["before_reading"]


def test_rule_3_no_longer_possible_only_for_a_card_of_2020_after_the_choice_window():
    not_2020 = explain("2021-03-10", "2020-12-23")
    assert all("no longer possible" not in t for t in (not_2020.summary, not_2020.to_text()))
    assert ("If your Residence Card does not expire in 2020, you will not be able to decide between the two "
            "above options.") in not_2020.to_text()
    a_closed = explain("2021-03-10", "2020-12-23", option="a")
    assert "no longer possible" not in a_closed.summary
    in_2020_after_window = explain("2020-09-30", "2021-02-01", params=ADVISORY)
    assert in_2020_after_window.outputs["status"] == "five_year_only"
    assert "opting for the EU card is no longer possible" in in_2020_after_window.summary


def test_rule_4_a_late_card_expiry_under_binding_names_the_guidances_next_section():
    for lang in ("en", "sk"):
        explanation = explain("2020-09-30", "2021-02-01", lang=lang)
        assert not any(s in explanation.summary for s in SILENT)
        assert "Applying after 1 January 2021" in explanation.to_text() or lang == "en"
    lead = explain("2020-09-30", "2021-02-01").summary
    assert "Read as advice, the guidance's next section is your path" in lead
    assert "applying by 30 June 2021" in lead
    # Where it is true it is still said: after the transition deadline.
    assert SILENT[0] in explain("2022-05-01", "2021-07-01").summary


def test_rule_5_the_lead_names_every_deadline_still_ahead():
    path_a = explain("2020-06-30", "2020-06-20", option="a").summary
    assert "apply for the EU card by 30 June 2020" in path_a
    assert "apply for the five-year card by 30 June 2021" in path_a
    advisory = explain("2020-06-30", "2020-07-01", params=ADVISORY).summary
    assert "30 June 2021" in advisory  # the five-year card must still be applied for by the deadline
    for lead in (path_a, advisory):
        assert "days without a valid card" in lead and "visits to the Foreign Police" in lead
        assert "fees €" in lead


@pytest.mark.parametrize("person", [
    dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a", expedited=True, delivery=True),
    dict(card_expiry="2020-12-26", application_date="2020-12-10", delivery=True),
    dict(card_expiry="2021-09-01", application_date="2020-08-01", option="a"),
])
def test_rule_6_nothing_invented_no_formula_library_or_path(person):
    for lang in ("en", "sk"):
        explanation = explain(lang=lang, **person)
        dates = key_dates(explorer.evaluate(pd.DataFrame([person])).iloc[0], lang=lang)
        texts = [explanation.to_text(), explanation.to_memo(lang=lang, voice="third"),
                 to_ics(dates, lang=lang), " ".join(dates["detail"])]
        for text in texts:
            plain = _unquoted(text).lower()
            for word in ("sent by post", "renew", "max(0", "holidays` package", "holidays package",
                         "seeds/", ".txt", "obnov", "štátny sviatok", "päťročný preukaz",
                         "päťročný pobytový preukaz"):
                assert word not in plain, (lang, word)
    # no reason the guidance does not give for the EU card's end
    assert "validity will be until" not in _unquoted(explain(**person).summary)


def _ends_with(text: str, opening: str) -> bool:
    """Whether the last sentence of a text is the one that starts with `opening`."""
    head, found, tail = text.rpartition(opening)
    return bool(found) and not re.search(r"\.\s+[A-ZÁČĎÉÍĽŇÓŠŤÚÝŽ]", tail)


def test_rule_7_each_explanation_ends_with_what_to_take_from_it_and_no_count_under_where():
    for args in (("2020-12-26", "2020-12-10"), ("2020-09-30", "2021-02-01"), ("2022-05-01", "2021-07-01"),
                 ("2020-03-31", "2019-11-15")):
        assert _ends_with(explain(*args).summary, "What to take from this:")
        assert _ends_with(explain(*args, lang="sk").summary, "Čo si z toho vziať:")
        assert _ends_with(explain(*args).to_memo(voice="third").split("\n")[0], "In short:")
    for lang in ("en", "sk"):
        assert not labels.label("bok_venue_types", lang).lower().startswith(("where", "kde"))
    assert "Foreign Police departments" in bok_sentence("2026-07-02")  # the offices are named
