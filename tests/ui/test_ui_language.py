"""The What if, Population and Downloads views in English and Slovak, without a browser: every text they
show comes from data/outputs.yaml, no column code is shown, and switching language computes nothing."""

from __future__ import annotations

import datetime as dt
import html
import re

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
import pytest

from explorer import labels
from explorer.errors import ExplorerError
from explorer.ui import build_app
from explorer.ui.tabs import WHATIF_TAB
from explorer.ui.views.downloads import DownloadsView
from explorer.ui.views.whatif import CUSTOM
from tests.support.slovak_spelling import available, misspelled

REFORM = "transition-deadline-2021-12-31"  # moves statuses and dates: every table has rows
TITLE = {"en": "Transition deadline moved to 31 December 2021",
         "sk": "Prechodná lehota posunutá na 31. decembra 2021"}  # its title in the catalogues
CODES = ("fee_expedited", "gap_days", "late_card_expired", "late_transition_deadline", "five_year_only",
         "status_baseline", "fees difference (EUR)", "first_issued_by", "path_status",
         "applications_per_week")
HOLDERS = (b"id,card_expiry,application_date,option,expedited\n"
           b"h1,2020-11-15,2020-10-01,b,false\n"
           b"h2,2020-11-13,2020-11-13,a,true\n"
           b"h3,2021-02-30,2021-01-10,b,false\n"  # 30 February: a problem row
           b"h4,2021-05-20,2021-07-03,b,false\n")  # after the deadline: late


def _no_guard(fn):
    return fn


def _figure_texts(figure: go.FigureWidget) -> list[str]:
    """What a chart shows in words: title, axis titles, legend names, bar labels, hover and colour bar."""
    layout = figure.layout
    out = [layout.title.text, layout.xaxis.title.text, layout.yaxis.title.text]
    for trace in figure.data:
        out += [trace.name, getattr(trace, "hovertemplate", None)]
        if getattr(trace, "orientation", None) == "h":
            out += list(trace.y)
        if isinstance(trace, go.Heatmap):
            out += [str(v) for v in np.asarray(trace.text).ravel()] + list(trace.colorbar.ticktext)
            out.append(trace.colorbar.title.text)
    return [str(t) for t in out if t]


def visible(widget: widgets.Widget) -> str:
    """Every text a widget tree shows: HTML (tooltips, file names and link targets left out),
    descriptions, dropdown names, table headers and cells, chart words."""
    texts: list[str] = []

    def walk(w: widgets.Widget) -> None:
        if isinstance(w, go.FigureWidget):
            texts.extend(_figure_texts(w))
            return
        if isinstance(w, widgets.HTML):
            texts.append(re.sub(r'(title|download|href)="[^"]*"', "", w.value))
        if getattr(w, "description", None):
            texts.append(w.description)
        if isinstance(w, widgets.Dropdown):
            texts.extend(name for name, _ in w.options)
        if hasattr(w, "_dt_args"):  # itables' ITable: headers and cells
            texts.extend([w._dt_args.get("table_html", ""), w._dt_args.get("data_json", ""), w.caption or ""])
        for child in getattr(w, "children", ()):
            walk(child)

    walk(widget)
    return "\n".join(texts)


def assert_no_codes(text: str) -> None:
    """None of the column, status or parameter codes appears in `text`."""
    shown = [code for code in CODES if code in text]
    assert not shown, shown


@pytest.fixture(scope="module")
def app(params):
    app = build_app(params, debounce=None)
    app.tabs.selected_index = WHATIF_TAB
    app.whatif_view.picker.value = REFORM
    return app


@pytest.fixture(scope="module")
def population(app):
    view = app.population_view
    view.load_file("holders.csv", HOLDERS)
    return view


# -- What if ----------------------------------------------------------------------------------------

def test_what_if_speaks_slovak_and_back_without_comparing_again(app):
    view = app.whatif_view
    comparison, english = view.comparison, visible(view.widget)
    assert "Status transitions" in english and "Fee for expedited issuance" in english
    view.set_language("sk")
    try:
        slovak = visible(view.widget)
        assert view.lang == "sk" and view.comparison is comparison  # relabelled, not recomputed
        for words in ("Reforma", "Použiť", "Parametre", "Zmeny stavu", "Posuny dátumov",
                      "Poplatky, rozdiel (EUR)", "Stav predtým (východiskový)", "Zmenené riadky",
                      labels.label("fee_expedited", "sk"), labels.label("late_transition_deadline", "sk"),
                      "Východiskový stav", "Reforma: " + TITLE["sk"], "Poplatky:", "Porovnaných",
                      "Prečo, pre jednu osobu", "Kliknutím na bunku"):
            assert words in slovak, words
        assert_no_codes(slovak)
        for words in ("Status transitions", "Baseline", "rows changed", "Compared"):
            assert words not in slovak, words
    finally:
        view.set_language("en")
    assert visible(view.widget) == english
    assert_no_codes(english)


def test_what_if_parameter_editors_show_label_unit_and_source_in_the_tooltip_never_the_code(app, params):
    editor = app.whatif_view.editors["fee_expedited"]
    section = params["fee_expedited"].source.section
    app.whatif_view.set_language("sk")
    try:
        assert editor.widget.description == "Poplatok za zrýchlené vydanie"
        tip = editor.widget.tooltip
        assert tip.startswith("Poplatok za zrýchlené vydanie (jednotka: € za žiadosť). Zdroj: Usmernenie pre "
                              "držiteľov pobytového preukazu"), tip
        assert f"časť „{section}“" in tip, tip
        assert "Východiskový stav: 24,50\u00a0€" in editor.note.value  # Babel: a no-break space
    finally:
        app.whatif_view.set_language("en")
    assert editor.widget.description == "Fee for expedited issuance"
    tip = editor.widget.tooltip
    assert tip.startswith("Fee for expedited issuance (unit: EUR per application). Source: Guidance for "
                          "holders of an EU family-member residence card"), tip
    assert f"section “{section}”" in tip, tip
    assert "Baseline: €24.50" in editor.note.value
    for shown in (tip, editor.note.value):  # no code, no file: the source by its title and section
        assert "fee_expedited" not in shown and ".txt" not in shown and "seeds" not in shown, shown


def test_what_if_editors_changed_by_the_picked_reform_cite_the_reform_by_name_not_its_file(app):
    editor = app.whatif_view.editors["transition_deadline"]
    assert app.whatif_view.picker.value == REFORM
    for lang, words in (("sk", f"Zdroj: reforma „{TITLE['sk']}“, ktorá mení túto hodnotu"),
                        ("en", f"Source: the reform “{TITLE['en']}”, which changes this value")):
        app.whatif_view.set_language(lang)
        assert words in editor.widget.tooltip and words in html.unescape(editor.note.value), lang
        for shown in (editor.widget.tooltip, editor.note.value):
            assert ".yaml" not in shown and "changes.transition_deadline" not in shown, shown
    untouched = app.whatif_view.editors["fee_expedited"]  # the reform leaves it: the guidance is cited
    assert "Source: Guidance for holders" in untouched.widget.tooltip


def _tooltips(widget: widgets.Widget) -> list[str]:
    """The tooltips of a widget tree: widget tooltips and HTML title attributes."""
    out = [widget.tooltip] if getattr(widget, "tooltip", None) else []
    if isinstance(widget, widgets.HTML):
        out += [html.unescape(t) for t in re.findall(r'title="([^"]*)"', widget.value)]
    for child in getattr(widget, "children", ()):
        out += _tooltips(child)
    return out


def _what_if_and_share_texts(app, lang: str) -> str:
    """Every text the What if tab and the share bar show in `lang` (tooltips included), words only."""
    app.set_language(lang)
    share = app.share
    parts = [visible(app.whatif_view.widget), visible(share.widget), share.link.label_text,
             share.link.copy_text, share.html_report.label, share.pdf_report.label,
             *_tooltips(app.whatif_view.widget), *_tooltips(share.widget)]
    text = html.unescape(re.sub(r"<[^>]+>", " ", "\n".join(parts)))
    return re.sub(r"%\{[^}]*\}", " ", text)  # the maps' hover templates ("%{y|%-d. %-m. %Y}")


def test_what_if_and_share_bar_speak_slovak_with_slovak_formats_and_no_english_word(app):
    assert available(), "install hunspell-sk (scripts/ensure-hunspell-sk.sh, run by make test)"
    app.whatif_view.select_person("2020-11-15", "2020-10-01")  # the explained person under the reform
    try:
        slovak = _what_if_and_share_texts(app, "sk")
    finally:
        app.set_language("en")
    assert "Prečo, pre jednu osobu" in slovak and "Zdroj: reforma" in slovak
    unquoted = re.sub(r"„[^“]*“", " ", slovak)  # the guidance's own English words stay, in quotation marks
    assert misspelled(slovak) == [], misspelled(slovak)
    assert not re.findall(r"\d{4}-\d{2}-\d{2}", unquoted)  # dates as Slovak writes them, never ISO
    assert not re.findall(r".{0,30}\d\.\d\d\b.{0,10}", unquoted)  # no English decimal point
    assert not re.findall(r".{0,30}\d EUR\b", unquoted)  # money as "24,50 €"
    for english in ("Source", "Reform “", ".yaml", "changes.", "yes", "no file", *app.whatif_view.shipped):
        assert english not in unquoted, english


def test_what_if_and_share_bar_in_english_write_dates_and_money_in_words(app):
    app.whatif_view.select_person("2020-11-15", "2020-10-01")
    english = _what_if_and_share_texts(app, "en")
    unquoted = re.sub(r"“[^”]*”", " ", english)
    assert "Why, for one person" in english and "Source: the reform" in english
    assert not re.findall(r".{0,30}\d{4}-\d{2}-\d{2}.{0,10}", unquoted)
    assert not re.findall(r".{0,30}\d EUR\b", unquoted)
    assert re.search(r"Fees: €[\d,]+\.\d\d -> €[\d,]+\.\d\d \(difference -?€[\d,]+\.\d\d\)\.", english)
    for code in (".yaml", "changes.", "no file", "fee_expedited", "transition_deadline",
                 *app.whatif_view.shipped):
        assert code not in english, code


def test_an_explanation_under_a_reform_cites_the_reform_by_name_never_its_file_or_key(params):
    from explorer.person.explain import explain
    from explorer.whatif.edits import build_reform
    from explorer.whatif.reforms import load_reform

    shipped = explain("2020-11-15", "2020-10-01", params=load_reform(REFORM), baseline=params, lang="sk")
    assert f"Zdroj: reforma „{TITLE['sk']}“, ktorá mení túto hodnotu" in shipped.to_text()
    custom = build_reform(None, {"standard_processing": "20 days"})
    for lang, words in (("en", "Source: the reform “custom”"), ("sk", "Zdroj: reforma „vlastná“")):
        told = explain("2020-11-15", "2020-10-01", params=custom, baseline=params, lang=lang).to_text()
        assert words in told, told
        assert "no file" not in told and ".yaml" not in told and "changes.standard_processing" not in told


def test_an_edited_shipped_reform_is_titled_in_one_sentence_of_each_language():
    from explorer.whatif.edits import build_reform
    from explorer.whatif.reforms import load_reform, reform_title

    edited = build_reform(load_reform(REFORM), {"fee_delivery": "5.00"})
    assert reform_title(edited.name, "en") == f"{TITLE['en']}, with edits"
    assert reform_title(edited.name, "sk") == f"{TITLE['sk']}, s úpravami"


def test_what_if_names_reforms_by_their_titles_and_custom_in_the_language(app):
    view = app.whatif_view
    view.set_language("sk")
    try:
        names = [name for name, _ in view.picker.options]
        assert names[-1] == "vlastná" and TITLE["sk"] in names and REFORM not in names
        assert view.picker.value == REFORM  # relabelling the dropdown does not pick another reform
        assert view.reform.name == REFORM
    finally:
        view.set_language("en")
    names = [name for name, _ in view.picker.options]
    assert names[-1] == CUSTOM and TITLE["en"] in names


def test_what_if_maps_name_statuses_by_label(app):
    view = app.whatif_view
    view.set_language("sk")
    try:
        base, reform = view.map_views
        words = _figure_texts(reform.figure)
        assert reform.figure.layout.title.text == f"Reforma: {TITLE['sk']}"
        assert reform.figure.layout.xaxis.title.text == "deň žiadosti"
        assert labels.label("five_year_only", "sk") in words
        assert "dní konca platnosti" in base.note.value
    finally:
        view.set_language("en")


def test_the_explained_person_is_headed_in_the_language(app):
    view = app.whatif_view
    view.select_person(dt.date(2021, 5, 20), dt.date(2021, 7, 3))
    view.set_language("sk")
    try:
        assert "Koniec platnosti 20. mája 2021, žiadosť 3. júla 2021, možnosť" in view.why.value
    finally:
        view.set_language("en")
    assert "Card expiry 20 May 2021, application 3 July 2021, path" in view.why.value


# -- Population -------------------------------------------------------------------------------------

def test_population_speaks_slovak_and_back_without_aggregating_again(population):
    tables, english = population.tables, visible(population.widget)
    assert "Applications per week" in english and "People" in english
    population.set_language("sk")
    try:
        slovak = visible(population.widget)
        assert population.tables is tables  # relabelled, not recomputed
        for words in ("Nahrať .csv/.parquet", "Veľkosť", "Syntetická populácia", "Riadky s problémami",
                      "Súčty", "Žiadosti za týždeň", "Oneskorené osoby a prečo", "Týždeň (od pondelka)",
                      "možnosť b, prvá žiadosť", "ONESKORENE:", "Osoby", "Stĺpec", "Dôvod",
                      "načítaných riadkov 4, platných 3", "Všetky súhrny (a problémy) ako zošit Excel",
                      labels.label("card_expiry", "sk")):
            assert words in slovak, words
        assert_no_codes(slovak)
    finally:
        population.set_language("en")
    assert visible(population.widget) == english
    assert_no_codes(english)


def _csv_links(html_text: str) -> list[str]:
    return re.findall(r'href="(data:text/csv[^"]+)"', html_text)


def test_population_downloads_keep_their_csv_files_whatever_the_language(population):
    english = _csv_links(population.downloads.value)
    workbook = re.findall(r'href="(data:application[^"]+)"', population.downloads.value)
    assert english and len(workbook) == 1
    population.set_language("sk")
    try:
        assert _csv_links(population.downloads.value) == english  # machine files: codes, unchanged
        slovak_book = re.findall(r'href="(data:application[^"]+)"', population.downloads.value)
        assert slovak_book != workbook  # the workbook for people speaks Slovak
        assert "Žiadosti za týždeň (Východiskový stav) (CSV)" in population.downloads.value
    finally:
        population.set_language("en")


def test_synthetic_population_is_named_in_the_language(app):
    view = app.population_view
    view.size.value = 200
    view.synthetic.click()
    view.set_language("sk")
    try:
        assert "syntetická populácia (počiatočná hodnota 0): načítaných riadkov 200" in view.summary.value
        assert "Žiadne problémy" in view.bad.value
    finally:
        view.set_language("en")
    assert "synthetic population (seed 0): 200 rows read" in view.summary.value


# -- Downloads --------------------------------------------------------------------------------------

def test_downloads_speak_slovak_and_back_without_building_again(app):
    view = DownloadsView(_no_guard, background=False)
    view.refresh(app.results)
    link = re.findall(r'href="([^"]+)"', view.xlsx.value)
    csv = re.findall(r'href="([^"]+)"', view.csv.value)
    english = visible(view.widget)
    view.set_language("sk")
    try:
        slovak = visible(view.widget)
        for words in ("Aktuálna mriežka", "Stiahnuť mriežku ako CSV",
                      "Stiahnuť mriežku a tabuľky ako zošit Excel"):
            assert words in slovak, words
        assert re.findall(r'href="([^"]+)"', view.csv.value) == csv  # the machine file, not rebuilt
        assert re.findall(r'href="([^"]+)"', view.xlsx.value) != link  # the workbook for people is Slovak
    finally:
        view.set_language("en")
    assert visible(view.widget) == english
    assert re.findall(r'href="([^"]+)"', view.xlsx.value) == link  # the English one, not built again


def test_an_unknown_language_is_refused_and_changes_nothing(app):
    view = app.whatif_view
    before = visible(view.widget)
    with pytest.raises(ExplorerError):
        view.set_language("fr")
    assert view.lang == "en" and visible(view.widget) == before


def test_the_sidebar_reading_notes_give_the_case_in_the_page_language_and_quote_the_guidance(params):
    app = build_app(params, debounce=None)
    readings = app.controls.readings
    app.set_language("sk")
    try:
        for name, note in readings.notes.items():
            value = readings.dropdowns[name].value
            alt = params[name].alternative(value)
            shown = html.unescape(note.value)
            assert labels.ui_text(f"reading.{name}.{value}.case", "sk") in shown, name
            assert alt.case not in shown, name  # the English case stays out of the Slovak page
            assert all(f"„{sentence}“" in shown for sentence in alt.sentences), name
    finally:
        app.set_language("en")
    shown = html.unescape(readings.notes[name].value)
    assert alt.case in shown and f"“{alt.sentences[0]}”" in shown
