"""The catalogues and the formats: whole sentences in both languages, Babel's formats per language."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

import pandas as pd
import pytest
import yaml
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer import labels, words
from explorer.core.datafiles import data_path
from explorer.errors import ExplorerError
from explorer.words import catalogue, formats
from explorer.words.catalogue_files import without_section, write_entries

KEYS = sorted(words.entries())
DAY = dt.date(2021, 6, 30)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(KEYS))
def test_every_catalogue_entry_exists_in_both_languages_with_the_same_placeholders(key):
    entry = words.entries()[key]
    assert set(entry.forms) == {"en", "sk"}, key
    names = {lang: set().union(*(_placeholders(f) for f in forms)) for lang, forms in entry.forms.items()}
    assert names["en"] == names["sk"], key
    assert all(f.strip() for forms in entry.forms.values() for f in forms), key


def test_slovak_plural_entries_have_three_forms_and_english_two():
    for entry in words.entries().values():
        if entry.plural:
            assert len(entry.forms["sk"]) == 3, entry.key
            assert len(entry.forms["en"]) == 2, entry.key


def test_slovak_counts_take_the_three_plural_forms():
    assert [catalogue.plural_index(n, "sk") for n in (1, 2, 4, 5, 0, 21)] == [0, 1, 1, 2, 2, 2]
    assert [catalogue.plural_index(n, "en") for n in (1, 2, 0)] == [0, 1, 1]


def test_the_template_lists_every_english_sentence_of_each_domain():
    for pot in sorted(data_path("locale").glob("*.pot")):
        with pot.open("rb") as handle:
            template = {(m.context, m.id) for m in read_po(handle) if m.id}
        with catalogue.po_path("en", pot.stem).open("rb") as handle:
            english = {(m.context, m.id) for m in read_po(handle) if m.id}
        assert template == english, pot.name


def test_outputs_yaml_holds_no_ui_section_left_to_move():
    doc = yaml.safe_load(data_path("outputs.yaml").read_text(encoding="utf-8"))
    assert "ui" not in doc, "run scripts/ui_to_po.py to move the ui: entries into data/locale"


def test_ui_text_fills_placeholders_in_the_language_formats():
    assert labels.ui_text("summary.visits", "sk", before=6912, after=7000, difference=88) == \
        "Návštevy: 6\u00a0912 -> 7\u00a0000 (+88)."
    assert labels.ui_text("summary.visits", "en", before=6912, after=7000, difference=88) == \
        "Visits: 6,912 -> 7,000 (+88)."
    assert labels.ui_text("tab.map", "codes") == labels.ui_text("tab.map", "en")


def test_an_unknown_key_names_the_key():
    with pytest.raises(ExplorerError, match="tab.nowhere"):
        labels.ui_text("tab.nowhere", "sk")


def test_dates_follow_the_language_and_the_place():
    assert formats.format_date(DAY, "sk") == "30. júna 2021"
    assert formats.format_date(DAY, "sk", "table") == "30. 6. 2021"
    assert formats.format_date(DAY, "en") == "30 June 2021"
    assert formats.format_date_weekday(DAY, "sk") == "30. júna 2021 (streda)"
    assert formats.format_date_weekday(pd.Timestamp(DAY), "en") == "30 June 2021 (Wednesday)"


def test_money_numbers_and_percentages_follow_the_language():
    assert formats.format_money(24.5, "sk") == "24,50\u00a0€"
    assert formats.format_money(24.5, "en") == "€24.50"
    assert formats.format_number(6912, "sk") == "6\u00a0912"
    assert formats.format_number(33.461538, "sk", 1) == "33,5"
    assert formats.format_percent(0.545, "sk") == "54,5\u00a0%"
    assert formats.format_percent(0.545, "en") == "54.5%"


def test_placeholder_specs_become_babel_formats():
    fill = formats.fill
    assert fill("{n:,} {m:+.1f} {fee:money} {day} {day:table}", "sk", n=6912, m=2.25, fee=3,
                day=DAY) == "6\u00a0912 +2,2 3,00\u00a0€ 30. júna 2021 30. 6. 2021"
    assert fill("{share:percent} {x:.2f}", "en", share=0.5, x=0) == "50.0% 0.00"


def test_columns_are_formatted_per_language_with_blanks_for_missing():
    days = pd.Series([pd.Timestamp(DAY), pd.NaT])
    assert formats.format_dates(days, "sk").tolist() == ["30. 6. 2021", ""]
    amounts = pd.Series([1234.5, None])
    assert formats.format_numbers(amounts, "sk", 2).tolist() == ["1\u00a0234,50", ""]
    assert formats.format_numbers(amounts, "en", 2).tolist() == ["1,234.50", ""]


def test_ui_to_po_moves_new_entries_and_updates_known_ones(tmp_path: Path):
    locale_dir = tmp_path / "locale"
    done = write_entries([("tab.test", {"en": "Test", "sk": "Skúška"})], "interface", locale_dir)
    assert done == {"tab.test": "added"}
    done = write_entries([("tab.test", {"en": "Tested", "sk": "Skúšané"}),
                          ("tab.other", {"en": "Other", "sk": "Iné"})], "explorer", locale_dir)
    assert done == {"tab.test": "updated", "tab.other": "added"}
    with (locale_dir / "sk" / "LC_MESSAGES" / "interface.po").open("rb") as handle:
        sk = {m.context: (m.id, m.string) for m in read_po(handle) if m.id}
    assert sk == {"tab.test": ("Tested", "Skúšané")}
    assert (locale_dir / "interface.pot").exists()
    assert (locale_dir / "en" / "LC_MESSAGES" / "explorer.po").exists()


def test_removing_the_ui_section_keeps_the_other_sections():
    text = "a:\n  x: 1\nui:\n  tab.map: {en: M, sk: M}\n  # c\nb:\n  y: 2\n"
    assert without_section(text, "ui") == "a:\n  x: 1\nb:\n  y: 2\n"
