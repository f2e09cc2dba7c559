"""Names people use: every output, input, status, document, header and value has an English and a
Slovak label, declared once; tables, the command line and the README read them."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import yaml

import explorer
from explorer import labels, words
from explorer.core.engine import OUTPUT_COLUMNS, default_parameters
from explorer.core.inputs import INPUT_COLUMNS, OPTIONS
from explorer.core.parameters import PAYMENTS
from explorer.core.rules.documents import DOCUMENTS_PATH
from explorer.core.rules.transition import PATH_STATUSES, STATUSES
from explorer.errors import ExplorerError, ParameterFileError
from explorer.person.paperwork import documents
from explorer.tables import aggregates, analysis
from explorer.tables.summaries import deadlines_table, fees_table, status_table
from explorer.whatif.compare import compare
from tests.paths import README

NEW_OUTPUTS = ("applied_after_expiry",)  # issue 7: the engine adds it
NEW_INPUTS = ("booked_online",)  # issue 7: the documents rule adds it


@pytest.fixture(scope="module")
def result() -> pd.DataFrame:
    frame = explorer.sweep(("2020-10-01", "2021-08-01"), ("2020-09-01", "2021-07-31"), freq="MS")
    frame["weight"] = 2.0
    return frame


@pytest.fixture(scope="module")
def comparison(result):
    params = default_parameters()
    return compare(params, params.replace(transition_deadline="2021-03-31"),
                   frame=result[list(INPUT_COLUMNS)])


@pytest.fixture(scope="module")
def tables(result, comparison) -> dict[str, pd.DataFrame]:
    """Every table the package writes for people, by name."""
    return {
        "status_table": status_table(result), "deadlines_table": deadlines_table(result),
        "fees_table": fees_table(result, weight="weight"),
        **aggregates.all_aggregates(result),
        "choice_days": analysis.choice_days(result), "choice_window": analysis.choice_window(result),
        "fees_by_choice": analysis.fees_by_choice(result), "gap_summary": analysis.gap_summary(result),
        "gap_distribution": analysis.gap_distribution(result),
        "expedited_gap_saving": analysis.expedited_gap_saving(result),
        "deadline_shifts": analysis.deadline_shifts(result),
        "deadline_shift_table": analysis.deadline_shift_table(result),
        "changed_parameters": comparison.changed_parameters,
        "status_transitions": comparison.status_transitions,
        "date_shifts": comparison.date_shifts, "deltas": comparison.deltas,
        "documents": documents(True, True, True, False),
    }


def _headers(table: pd.DataFrame) -> list[str]:
    return [str(c) for c in table.columns] + [str(n) for n in table.index.names if n is not None]


def _assert_labelled(code: str) -> None:
    for lang in ("en", "sk"):
        assert labels.label(code, lang).strip(), (code, lang)
        assert labels.description(code, lang).strip(), (code, lang)


def _document_codes() -> list[str]:
    raw = yaml.safe_load(DOCUMENTS_PATH.read_text(encoding="utf-8"))
    return [entry.get("code") for entry in raw["documents"]]


# --- every code the package has is declared ----------------------------------------------------

@pytest.mark.parametrize("code", [*OUTPUT_COLUMNS, *NEW_OUTPUTS, *INPUT_COLUMNS, *NEW_INPUTS,
                                  *STATUSES, *PATH_STATUSES])
def test_every_output_input_and_status_has_an_english_and_a_slovak_label(code):
    _assert_labelled(code)
    assert labels.label(code, "en") != code and labels.label(code, "sk") != labels.label(code, "en")
    assert labels.source(code).ref in {"G", "B", "S"} and labels.source(code).section


def test_every_document_of_the_checklist_has_both_labels():
    assert all(_document_codes()), "each document in data/documents.yaml needs a code"
    for code in _document_codes():
        _assert_labelled(code)
        assert labels.label(code, "sk") != labels.label(code, "en")
    listed = documents(True, True, True, False)["document"]
    assert set(labels.rename_columns(listed.to_frame(), "sk")["Doklad"]) == \
        {labels.label(c, "sk") for c in _document_codes()}


def test_every_header_of_every_table_is_declared(tables):
    missing = sorted({(name, h) for name, t in tables.items() for h in _headers(t)
                      if h not in labels.codes("column") and h not in labels.declarations()["code"].values})
    assert not missing, missing
    for h in {h for t in tables.values() for h in _headers(t)}:
        assert labels.label(h, "en").strip() and labels.label(h, "sk").strip(), h


def test_every_value_people_see_is_declared():
    params = default_parameters()
    values = [*OPTIONS, *PAYMENTS, *params.channels, "yes", "no", aggregates.NO_PATH,
              *aggregates.APPLICATIONS,
              *[f"{o}, {p}" for o in OPTIONS for p in analysis.PROCESSING], *analysis.FEE_CHOICES,
              *params["bok_venues_before"].values[0], *params["bok_venues_wider"].values[0]]
    for value in values:
        assert labels.label(value, "en") and labels.label(value, "sk"), value


def test_every_status_pair_has_a_reason_in_both_languages(result):
    late = aggregates.late_by_reason(result)
    assert not late["reason"].str.contains(" / ").any()  # no pair falls back to its codes
    sk = aggregates.late_by_reason(result, labels="sk")
    assert set(sk["Dôvod"]) == {labels.value_label(r, "sk") for r in late["reason"]}
    assert "žiadosť podaná po skončení platnosti preukazu" in set(sk["Dôvod"])


def test_declared_outputs_inputs_and_statuses_exist_in_the_code():
    assert set(labels.codes("output")) == set(OUTPUT_COLUMNS) | set(NEW_OUTPUTS)
    assert set(labels.codes("input")) == set(INPUT_COLUMNS) | set(NEW_INPUTS)
    assert labels.codes("status") == list(STATUSES)
    assert labels.codes("path_status") == list(PATH_STATUSES)


# --- the functions ------------------------------------------------------------------------------

def test_labels_of_the_issue():
    assert labels.label("late_card_expired", "en") == "Applied after the card expired"
    assert labels.label("late_card_expired", "sk") == "Žiadosť podaná po skončení platnosti preukazu"
    assert labels.label("gap_days", "en") == "Days without a valid card"
    assert labels.label("gap_days", "sk") == "Dni bez platného preukazu"
    # a count, never under a label that asks "where"
    assert labels.label("bok_venue_types", "en") == "Kinds of office that activate the BOK"
    assert labels.label("gap_days", "codes") == "gap_days"
    assert (labels.unit("gap_days", "en"), labels.unit("gap_days", "sk")) == ("days", "dni")
    assert labels.unit("fees_eur", "sk") == "EUR" and labels.unit("status", "en") == ""
    assert labels.source("bok_venue_types").ref == "B"
    assert "vizum.sk" in labels.source("bok_venue_types").document
    assert labels.label("five_year_card", "sk") == "Povolenie na pobyt – trvalý"
    assert labels.label("eu_card", "sk") == "Pobytový preukaz rodinného príslušníka občana EÚ"


@pytest.mark.parametrize("call", [
    lambda: labels.label("gap_days", "de"), lambda: labels.unit("gap_days", "EN"),
    lambda: labels.description("gap_days", None), lambda: labels.ui_text("tab.map", "fr"),
    lambda: labels.rename_columns(pd.DataFrame({"gap_days": [1]}), "cz"),
    lambda: status_table(pd.DataFrame(columns=["card_expiry", "application_date", "status"]), labels="de"),
])
def test_an_unknown_language_is_an_explorer_error(call):
    with pytest.raises(ExplorerError, match="unknown language") as info:
        call()
    assert "en (English), sk (Slovak) or codes" in str(info.value)


def test_an_unknown_code_or_ui_key_is_an_explorer_error():
    with pytest.raises(ExplorerError, match="no label declared"):
        labels.label("gap_dayz", "en")
    with pytest.raises(ExplorerError, match="no such sentence"):
        labels.ui_text("tab.nowhere", "en")
    with pytest.raises(ExplorerError, match="a value has no source"):
        labels.source("a")


def test_declarations_is_a_tidy_table_one_row_per_code():
    table = labels.declarations()
    assert list(table.columns) == ["code", "kind", "label_en", "label_sk", "unit_en", "unit_sk",
                                   "description_en", "description_sk", "source"]
    assert table["code"].is_unique
    assert (table["label_en"].str.len() > 0).all() and (table["label_sk"].str.len() > 0).all()
    row = table.set_index("code").loc["gap_days"]
    assert (row["kind"], row["label_sk"], row["unit_en"]) == ("output", "Dni bez platného preukazu", "days")
    assert row["source"].startswith("G: ")


def test_a_code_declared_twice_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "outputs.yaml"
    path.write_text("outputs:\n  gap_days: {label: {en: a, sk: b}}\n  gap_days: {label: {en: c, sk: d}}\n")
    monkeypatch.setattr(labels, "OUTPUTS_PATH", path)
    labels._registry.cache_clear()
    try:
        with pytest.raises(ParameterFileError, match=r"given twice in one mapping: gap_days \(line 2\)"):
            labels._registry()
    finally:
        labels._registry.cache_clear()


def test_rename_columns_labels_headers_and_categorical_values(result):
    assert labels.rename_columns(result, "codes") is result
    sk = labels.rename_columns(result, "sk")
    assert list(sk.columns) == [labels.header(c, "sk") for c in result.columns]
    status = sk[labels.label("status", "sk")]
    assert list(status.cat.categories) == [labels.label(s, "sk") for s in STATUSES]
    assert (status.cat.codes == result["status"].cat.codes).all()  # same rows, same order
    assert sk[labels.label("gap_days", "sk")].equals(result["gap_days"])  # numbers untouched
    assert sk[labels.label("expedited", "sk")].dtype == bool
    assert result["status"].dtype == "category" and "status" in result.columns  # input unchanged


def test_labelled_shows_yes_and_no_in_the_language(result):
    table = labels.labelled(fees_table(result), "sk")
    assert set(table[labels.label("expedited", "sk")]) == {"áno", "nie"}


def test_labelled_headers_are_unique_in_every_table(tables):
    for lang in ("en", "sk"):
        for name, table in tables.items():
            renamed = labels.rename_columns(table, lang)
            assert renamed.columns.is_unique, (name, lang)
            assert len(renamed) == len(table)


# --- summary tables and aggregates ---------------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda r, lang: status_table(r, labels=lang), lambda r, lang: deadlines_table(r, labels=lang),
    lambda r, lang: fees_table(r, weight="weight", labels=lang),
    lambda r, lang: aggregates.applications_per_week(r, labels=lang),
    lambda r, lang: aggregates.fees_per_month(r, labels=lang),
    lambda r, lang: aggregates.late_by_reason(r, labels=lang),
    lambda r, lang: aggregates.gap_histogram(r, labels=lang),
])
@pytest.mark.parametrize("lang", ["en", "sk"])
def test_summary_tables_take_labels(result, make, lang):
    codes = make(result, "codes")
    named = make(result, lang)
    assert list(named.columns) == [labels.header(c, lang) for c in codes.columns]
    assert not set(named.columns) & set(codes.columns) - {"option"}
    for code_col, named_col in zip(codes.columns, named.columns, strict=True):
        if pd.api.types.is_numeric_dtype(codes[code_col]):
            pd.testing.assert_series_equal(named[named_col], codes[code_col], check_names=False)
    pd.testing.assert_frame_equal(make(result, "codes"), codes)


def test_status_table_in_slovak_names_the_statuses(result):
    table = status_table(result, labels="sk")
    for status in STATUSES:
        assert labels.label(status, "sk") in table.columns
    dominant = table["Najčastejší stav"]
    assert set(dominant.cat.categories) == {labels.label(s, "sk") for s in STATUSES}
    assert "Žiadosť podaná po skončení platnosti preukazu" in set(dominant)


def test_all_aggregates_take_labels(result):
    plain = aggregates.all_aggregates(result)
    named = aggregates.all_aggregates(result, labels="en")
    assert named.keys() == plain.keys()
    for name in plain:
        assert list(named[name].columns) == [labels.header(c, "en") for c in plain[name].columns]


# --- the README ----------------------------------------------------------------------------------

def _readme_section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", text, flags=re.S | re.M)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def test_readme_output_tables_equal_the_declarations():
    section = _readme_section("What each output means")
    tables = [block for block in re.split(r"\n\s*\n", section) if block.startswith("| ")]
    want = [labels.markdown_table(lang, kind) for lang in ("en", "sk")
            for kind in ("output", "status", "path_status")]
    assert [t.strip() for t in tables] == want


def test_markdown_table_has_one_row_per_output():
    table = labels.markdown_table("sk", "output")
    lines = table.splitlines()
    assert lines[0] == "| Názov | Kód | Jednotka | Význam | Zdroj |"
    assert len(lines) == 2 + len(labels.codes("output"))
    assert "| Dni bez platného preukazu | `gap_days` | dni |" in table


# --- the dashboard's strings ---------------------------------------------------------------------

def test_ui_strings_are_the_dashboards_own():
    pytest.importorskip("ipywidgets")
    from explorer.ui import app
    from explorer.ui.controls import Controls
    from explorer.ui.model import default_settings

    keys = app.TAB_KEYS
    assert tuple(labels.ui_text(f"tab.{k}", "en") for k in keys) == app.TAB_TITLES
    assert all(labels.ui_text(f"tab.{k}", "sk") not in app.TAB_TITLES for k in keys)
    params = default_parameters()
    controls = Controls(params, default_settings(params))
    shown = {w.description for w in controls.all if w not in controls.readings.dropdowns.values()}
    declared = {labels.ui_text(k, "en") for k in words.entries() if k.startswith("control.")}
    assert shown <= declared, shown - declared


def test_ui_text_reads_both_languages_and_codes_reads_english():
    assert labels.ui_text("tab.person", "sk") == "Jedna osoba"
    assert labels.ui_text("tab.person", "codes") == labels.ui_text("tab.person", "en") == "One person"
    assert labels.description("gap_days", "codes") == labels.description("gap_days", "en")


def test_every_parameter_reading_and_reading_value_has_both_labels(params):
    """The What if editors and the Readings panel show parameter and reading names in words."""
    for name in params.names:
        for lang in ("en", "sk"):
            assert labels.label(name, lang) != name, (name, lang)
    for name in params.readings:
        assert labels.description(name, "sk") and labels.source(name)
        for alt in params[name].alternatives:
            for lang in ("en", "sk"):
                assert labels.value_label(alt.value, lang) != alt.value, (name, alt.value, lang)


def test_an_unquoted_comma_that_cuts_a_label_is_refused():
    # YAML reads {en: Fees, baseline (EUR), sk: ...} as en "Fees" plus a key " baseline (EUR)"
    with pytest.raises(ParameterFileError, match="unexpected keys"):
        labels._words({"en": "Fees", "baseline (EUR)": None, "sk": "Poplatky"}, "label", "here")
    assert labels.header("fees difference (EUR)", "en") == "Fees, difference (EUR)"
    assert labels.ui_text("whatif.why", "sk") == "Prečo, pre jednu osobu"
