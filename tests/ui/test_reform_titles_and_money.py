"""What a person reads about reforms, money and the report's settings: a reform by its title (never its
file name) in the Population tab and the Readings compared view; euro amounts in the page's tables;
the report's settings named in English and Slovak from the catalogue, never by a code."""

from __future__ import annotations

import dataclasses
import html
import re

import pandas as pd
import pytest

import explorer
from explorer import labels
from explorer.interfaces.robustness import sensitivity_section
from explorer.ui import build_app
from explorer.ui.model import Settings
from explorer.ui.share import view_rows
from explorer.ui.tabs import TAB_KEYS, WHATIF_TAB
from explorer.ui.views.person import outcome_html
from explorer.ui.views.population import PopulationView
from explorer.whatif.readings_table import readings_line
from explorer.whatif.reforms import reform_title
from explorer.words import text

REFORMS = [r.name for r in explorer.list_reforms()]
SMALL = dict(expiry="2020-10-01:2021-03-31", application="2020-09-01:2021-02-28", freq="MS")
EURO = {"en": re.compile(r"^-?€\d{1,3}(,\d{3})*\.\d\d$"),
        "sk": re.compile(r"^-?\d{1,3}(\xa0\d{3})*,\d\d\xa0€$")}
"""An amount in euro as each language writes it: "€1,234.50" / "1 234,50 €"."""


def _without_file_names(page: str) -> str:
    """The page's text a person reads: download file names and data addresses left out."""
    return re.sub(r'(download|href)="[^"]*"', "", page)


def _quoted(title: str, lang: str) -> str:
    return f"“{title}”" if lang == "en" else f"„{title}“"


@pytest.fixture(scope="module")
def app():
    made = build_app(debounce=None)
    yield made
    made.set_language("en")


# -- 1. reform titles ---------------------------------------------------------------------------

def _population_text(view: PopulationView) -> str:
    widgets = list(view.results.children)
    parts = [getattr(w, "value", "") for w in widgets if isinstance(getattr(w, "value", None), str)]
    parts += [f.layout.title.text or "" for f in view.figures]
    parts.append(view.downloads.value)
    return _without_file_names(" ".join(parts))


@pytest.mark.parametrize("name", ["transition-deadline-2021-12-31", "expedited-fee-30-from-2021"])
def test_the_population_tab_names_the_reform_side_by_its_title_in_the_pages_language(params, name):
    reform = explorer.load_reform(name)
    view = PopulationView(params, lambda: reform, guard=lambda f: f)
    view.draw_synthetic(400)
    for lang in ("en", "sk"):
        view.set_language(lang)
        shown = _population_text(view)
        side = text("population.reform_side", lang, name=reform_title(name, lang))
        assert html.escape(side) in shown and _quoted(reform_title(name, lang), lang) in side
        assert name not in shown  # the file name stays in the download's file name only
    captions = [table.caption for key, table in view.table_views.items() if key.endswith(" reform")]
    assert captions and all(reform_title(name, "sk") in caption for caption in captions)


def test_the_readings_compared_view_names_each_reform_by_its_title(app):
    app.tabs.selected_index = TAB_KEYS.index("readings_compared")
    view = app.readings_view
    for lang in ("en", "sk"):
        app.set_language(lang)
        shown = " ".join(part.value for part in (view.headline, view.alternatives, view.robust_map,
                                                 view.robust_table, view.for_whom))
        for name in REFORMS:
            assert html.escape(reform_title(name, lang)) in view.alternatives.value
            assert f"“{name}”" not in shown and f"„{name}“" not in shown
    app.set_language("en")


def test_the_sensitivity_summary_names_reforms_by_title_and_codes_keep_file_names():
    found = explorer.sensitivity(SMALL, readings=["card_expiry_reading"], reforms=REFORMS)
    for lang in ("en", "sk"):
        summary = found.summary(lang)
        assert all(reform_title(name, lang) in summary for name in REFORMS)
        assert not any(f"“{name}”" in summary or f"„{name}“" in summary for name in REFORMS)
    assert all(f"“{name}”" in found.summary("codes") for name in REFORMS)


def test_the_reports_readings_compared_section_names_reforms_by_title(params):
    for lang in ("en", "sk"):
        section = sensitivity_section(SMALL, params, lang)
        for name in REFORMS:
            assert html.escape(reform_title(name, lang)) in section
            assert name not in section


# -- 2. money in the page's tables ---------------------------------------------------------------

def _fee_cells(table_html: str) -> list[list[str]]:
    """The cells of each column whose header says EUR, from an HTML table."""
    heads = [html.unescape(h) for h in re.findall(r"<th[^>]*>([^<]*)</th>", table_html)]
    rows = [[html.unescape(c) for c in re.findall(r"<td[^>]*>([^<]*)</td>", row)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table_html.split("</thead>", 1)[1])]
    return [[row[j] for row in rows] for j, head in enumerate(heads) if "(EUR)" in head]


def test_the_what_if_fees_table_shows_euro_amounts_in_the_pages_language(app):
    app.tabs.selected_index = WHATIF_TAB
    app.whatif_view.picker.value = "expedited-fee-waived"
    for lang in ("en", "sk"):
        app.set_language(lang)
        columns = _fee_cells(app.whatif_view.deltas.value)
        assert len(columns) == 3  # baseline, reform, difference
        cells = [cell for column in columns for cell in column]
        assert cells and all(EURO[lang].match(cell) for cell in cells), cells
        assert any(cell.startswith("-") for cell in columns[2])  # the waiver lowers the fees
    app.set_language("en")


def test_the_population_fees_table_shows_euro_amounts_in_the_pages_language(params):
    view = PopulationView(params, lambda: None, guard=lambda f: f)
    view.draw_synthetic(400)
    for lang in ("en", "sk"):
        view.set_language(lang)
        fees = view.table_views["fees_per_month baseline"]
        column = fees.frame[labels.label("fees_eur", lang)]
        assert len(column) and all(EURO[lang].match(cell) for cell in column), column.tolist()


def test_the_one_person_outcome_shows_the_fees_as_an_euro_amount():
    row = explorer.evaluate(pd.DataFrame({"card_expiry": ["2020-11-13"], "application_date": ["2020-11-13"],
                                          "option": ["b"], "expedited": [True]})).iloc[0]
    for lang in ("en", "sk"):
        table = outcome_html(row, lang)
        head = re.escape(html.escape(labels.label("fees_eur", lang)))
        fee = re.search(rf"<th[^>]*>{head}</th><td>([^<]*)</td>", table)
        assert fee is not None and EURO[lang].match(html.unescape(fee[1])), table


# -- 3. the report's settings in words -----------------------------------------------------------

SETTINGS = dataclasses.asdict(Settings(pd.Timestamp("2020-01-01").date(), pd.Timestamp("2020-12-31").date(),
                                       pd.Timestamp("2020-01-01").date(), pd.Timestamp("2021-06-30").date()))


@pytest.mark.parametrize("lang", ["en", "sk"])
def test_the_reports_settings_are_named_in_words_never_by_code(params, lang):
    rows = view_rows(SETTINGS, params, lang)
    assert len(rows) == len(SETTINGS)  # one row per setting, no two settings under one name
    for name, value in rows.items():
        assert "_" not in name and name not in SETTINGS, name
        if isinstance(value, str):
            assert "_" not in value and (lang == "en" or value not in ("both", "month")), (name, value)


def test_the_reports_settings_read_as_english_and_slovak(params):
    english, slovak = view_rows(SETTINGS, params, "en"), view_rows(SETTINGS, params, "sk")
    assert english["Card expiry from"] == slovak["Koniec platnosti preukazu od"]
    assert slovak["Krok mriežky"] == "mesiac" and slovak[labels.label("option", "sk")] == "obe"
    assert english["Readings of the guidance"] == readings_line(params, "en")
    assert slovak["Výklady usmernenia"].startswith("Platné výklady")
    assert labels.label("stamp_channel", "sk") in slovak and "stamp channel" not in english
    assert not set(english) & set(slovak)  # no English name left in the Slovak report


def test_the_dashboards_slovak_report_shows_no_setting_code(app):
    app.set_language("sk")
    document = app.report_content().to_html()
    app.set_language("en")
    for code in SETTINGS:
        if "_" in code:
            assert code not in document and code.replace("_", " ") not in document, code
    assert "Krok mriežky" in document and "Koniec platnosti preukazu od" in document


def test_the_population_totals_write_the_fees_as_an_euro_amount(params):
    from explorer.ui.views.population import totals_line

    view = PopulationView(params, lambda: None, guard=lambda f: f)
    view.draw_synthetic(400)
    fees = view.tables["baseline"]["fees_per_month"]["fees_eur"].sum()
    assert fees > 0
    english, slovak = (totals_line(view.tables["baseline"], lang) for lang in ("en", "sk"))
    assert f"€{fees:,.2f} in fees" in english and "EUR" not in english
    assert f"poplatky: {fees:,.2f}".replace(",", "\xa0").replace(".", ",") + "\xa0€" in slovak
    assert "EUR" not in slovak


def test_the_readings_compared_changes_table_writes_the_fees_totals_in_euro(params):
    from explorer.ui.formatting import format_measures

    changes = explorer.compare(params, params.replace(fee_expedited="30.00"), sweep=SMALL).changes
    fees = changes["measure"] == "fees_eur"
    for lang in ("en", "sk"):
        shown = format_measures(changes, lang)
        totals = [labels.label(c, lang) for c in ("baseline", "reform", "difference")]
        money = shown.loc[fees.to_numpy(), totals].to_numpy().ravel()
        assert all(EURO[lang].match(cell) for cell in money), money
        others = shown.loc[~fees.to_numpy(), totals].to_numpy().ravel()
        assert not any("€" in cell for cell in others)  # counts of rows, visits and days stay counts
        assert shown.loc[fees.to_numpy(), labels.label("rows changed", lang)].iloc[0].isdigit()
