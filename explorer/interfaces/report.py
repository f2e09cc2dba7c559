"""A report to send: one self-contained HTML file of a view, its charts drawn by plotly.js embedded inline.

Title, date made, the view's settings (and its link), the parameters and readings in force with
their sources, the options map, the status, deadline and fee tables, and one person's outcome,
key dates and step-by-step explanation when a person is given. The file makes no request: it
opens from disk with the network off. No widgets here; the dashboard and `explorer report` use it.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..core.days import day_number, day_to_date
from ..core.engine import default_parameters
from ..core.parameters import Parameters, Source
from ..core.phrases import FILE_EXISTS, phrase
from ..core.rules.transition import STATUSES
from ..errors import ExplorerError
from ..extras import require
from ..labels import header, label, labelled, ui_text, value_label
from ..palette import status_colour
from ..person.explain import explain
from ..person.timeline import evaluate_one, key_dates
from ..scenarios.factored import factor
from ..scenarios.grid import axes
from ..scenarios.sweep import sweep as run_sweep
from ..tables import factored as factored_tables
from ..tables.display import display_frame
from ..tables.hover import hover_lines, hover_template
from ..tables.summaries import BEFORE_ROWS, deadlines_table, fees_table, period_codes, status_table
from ..whatif.readings_table import readings
from ..words import has as has_text
from ..words import ngettext, text_or_english
from ..words.formats import format_date, format_number
from .export import check_folder_writable, named_error
from .robustness import sensitivity_section

if TYPE_CHECKING:
    import plotly.graph_objects as go

CHARTS = "drawing a report's charts"  # plotly, from the dashboard extra: imported only when a report is drawn
TITLE = "Residence card transition: scenario report"
SUMMARY_FREQ = "MS"
MAP_MAX_CELLS = 40_000
SWEEP_AXES = ("expiry", "application", "freq", "options", "expedited", "delivery", "max_rows")
"""explorer.sweep's arguments that shape the grid (the others fix input columns)."""
FIGURE_WIDTH = 1000  # fits A4 landscape (the @page size below) at 96 dpi
PERSON_OUTPUTS = ("status", "option_available", "path_status", "apply_by", "apply_by_last_working_day",
                  "slack_days", "first_issued_by", "five_year_issued_by", "five_year_valid_until",
                  "gap_days", "fees_eur", "applications", "visits", "stamp_ok", "stamp_refund_by",
                  "bok_venue_types")
CSS = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 12px; color: #222; margin: 16px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 22px 0 6px;
  border-bottom: 1px solid #ccc; break-after: avoid; } h3 { font-size: 14px; break-after: avoid; }
table { border-collapse: collapse; margin: 4px 0 10px; font-size: 10.5px; }
th, td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: #f0f3f7; } tr { break-inside: avoid; }
.rx-report-figure { break-inside: avoid; margin: 6px 0; }
.rx-report-meta { color: #555; } ol.explanation li { margin-bottom: 6px; break-inside: avoid; }
"""


@dataclass
class Person:
    """One person of the report: their inputs (card_expiry, application_date and any other input)."""

    inputs: dict[str, Any]


@dataclass(frozen=True)
class ReportTables:
    """What a report needs of a sweep, none of it one row per scenario: the number of rows, the
    status of each (expiry, application) cell (codes into STATUSES, -1 where no row) and the
    status, deadline and fee tables. Its memory grows with the days of the axes, not the rows."""

    rows: int
    expiry: np.ndarray
    application: np.ndarray
    codes: np.ndarray
    status: pd.DataFrame
    deadlines: pd.DataFrame
    fees: pd.DataFrame


def tables_of_frame(result: pd.DataFrame) -> ReportTables:
    """The report's tables of an evaluated sweep given as rows."""
    e_days, e_code = period_codes(result["card_expiry"], "D")
    a_days, a_code = period_codes(result["application_date"], "D")
    codes = np.full((len(e_days), len(a_days)), -1, dtype=np.int8)
    codes[e_code, a_code] = pd.Categorical(result["status"], categories=list(STATUSES)).codes
    return ReportTables(len(result), e_days, a_days, codes,
                        status_table(result, SUMMARY_FREQ, SUMMARY_FREQ),
                        deadlines_table(result, SUMMARY_FREQ), fees_table(result))


def tables_of_sweep(sweep: Mapping[str, Any], params: Parameters) -> ReportTables:
    """The report's tables of a sweep (explorer.sweep's keyword arguments, without params), in
    factored form: no frame of every row is built (a daily grid of 20 million rows stays a few
    hundred MB). A sweep the factored form cannot take is evaluated as rows, which names the
    first bad input."""
    found = axes(**sweep)
    fixed = {k: v for k, v in sweep.items() if k not in SWEEP_AXES}
    factored = factor(found, fixed, params)
    if factored is None:
        return tables_of_frame(run_sweep(params=params, **sweep))
    return ReportTables(factored.rows, found.expiry, found.application, factored.status_codes(),
                        factored_tables.status_table(factored, SUMMARY_FREQ, SUMMARY_FREQ),
                        factored_tables.deadlines_table(factored, SUMMARY_FREQ),
                        factored_tables.fees_table(factored))


@dataclass
class ReportContent:
    """What a report shows; `to_html()` renders it. Give the sweep as `tables` (ReportTables,
    bounded memory) or as `result` (its rows)."""

    result: pd.DataFrame | None
    params: Parameters
    view: dict[str, str] = field(default_factory=dict)
    person: Person | None = None
    title: str = TITLE
    link: str = ""
    made: dt.datetime | None = None
    tables: ReportTables | None = None
    sweep: Mapping[str, Any] | None = None  # explorer.sweep's arguments, when the rows are one sweep
    lang: str = "en"
    """The language of every word and format of the report ("en" or "sk")."""

    def summary(self) -> ReportTables:
        """The report's tables (computed from `result` when not given)."""
        if self.tables is None:
            if self.result is None:
                raise ExplorerError(
                    "report",
                    None,
                    phrase("allowed.rows_or_tables", "a sweep's rows or tables"),
                    problem=phrase("error.problem.nothing_to_report", "nothing to report"),
                )
            self.tables = tables_of_frame(self.result)
        return self.tables

    @property
    def rows(self) -> int:
        """Rows of the sweep reported."""
        return self.summary().rows

    def to_html(self) -> str:
        """The report as one self-contained HTML document."""
        return report_html(self)


def cell_text(value: Any, lang: str = "en") -> str:
    """Display text of one cell in `lang`: English dates ISO, Slovak 30. 6. 2021, booleans yes/no in
    words, counts with the language's separators, 2 decimals; lists and pairs as words
    ("a: b; c: d"), never a Python form."""
    if isinstance(value, dict):
        value = list(value.items())
    if isinstance(value, list | tuple):
        parts = [": ".join(cell_text(v, lang) for v in item) if isinstance(item, list | tuple)
                 else cell_text(item, lang) for item in value]
        return "; ".join(parts)
    if value is None or pd.isna(value):
        return ""
    if lang != "en" and isinstance(value, dt.date | pd.Timestamp | np.datetime64):
        return format_date(value, lang, "table")
    if lang != "en" and not isinstance(value, str | list | tuple | dict):
        return str(display_frame(pd.DataFrame({"v": [value]}), lang)["v"].iloc[0])
    if isinstance(value, bool | np.bool_):
        return str(value_label(bool(value), lang))
    if isinstance(value, pd.Timestamp | np.datetime64):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | np.integer):
        return f"{int(value):,}"
    if isinstance(value, float | np.floating):
        return f"{float(value):,.2f}"
    return str(value)


def table_html(frame: pd.DataFrame, css_class: str, lang: str = "en") -> str:
    """A plain HTML table of a frame, headers and values in `lang` (labels, never codes), every cell as
    display text (escaped)."""
    if lang != "codes":
        try:
            frame = labelled(frame, lang)
        except TypeError:  # cells that are lists or mappings (dated parameter values): headers only
            frame = frame.rename(columns=lambda c: header(c, lang))
        frame = display_frame(frame, lang, currency=True)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(cell_text(v))}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f'<table class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def pairs_html(pairs: Mapping[str, Any], css_class: str, lang: str = "en") -> str:
    """A two-column table of labels and values (values in `lang`'s formats)."""
    rows = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(cell_text(v, lang))}</td></tr>"
                   for k, v in pairs.items())
    return f'<table class="{css_class}">{rows}</table>'


def parameter_tables(params: Parameters, lang: str = "codes") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(parameters, readings) in force: parameter, since, value, unit, source; and per reading its
    value in force with the sentences behind it and its case (explorer.readings()).

    "codes" gives the tables as data/parameters.yaml writes them (codes, for machines); "en" and
    "sk" give every cell in words a person reads: titles and reading names from data/outputs.yaml,
    units, durations and cases from the catalogues (parameter.<name>.unit, reading.<name>.<value>.case),
    dates and numbers in its formats, the guidance's own words quoted in „…“."""
    table = params.table()
    is_reading = table["parameter"].isin(params.readings)
    shown = ["parameter", "since", "value", "unit", "source"]
    found = readings(params)
    in_force = found.loc[found["in_force"], ["name", "alternative", "sentences", "case", "source"]]
    in_force = in_force.rename(columns={"name": "reading", "alternative": "value in force"})
    plain, in_force = table.loc[~is_reading, shown].reset_index(drop=True), in_force.reset_index(drop=True)
    if lang == "codes":
        return plain, in_force
    return _parameters_in_words(plain, params, lang), _readings_in_words(in_force, params, lang)


DURATION_TEXT = re.compile(r"^(\d+) (days|working_days|years)$")
"""A duration as params.table() writes it ("30 days", "2 working_days")."""
UNDATED = re.compile(r"^undated \((\d{4})\)$")
"""A source's date as data/parameters.yaml writes an undated document ("undated (2020)")."""


def parameter_value_text(value: Any, lang: str) -> str:
    """A parameter's value in words of `lang`: durations with their plural ("30 dní"), dates and
    amounts in its formats, channels, payments and offices by their labels."""
    if isinstance(value, dict):
        return "; ".join(f"{value_label(k, lang)}: {parameter_value_text(v, lang)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(parameter_value_text(v, lang) for v in value)
    if isinstance(value, str):
        duration = DURATION_TEXT.match(value)
        if duration:
            return ngettext(f"parameter.duration.{duration[2]}", int(duration[1]), lang)
        return str(value_label(value, lang))
    if isinstance(value, Decimal):
        return format_number(value, lang, 2)
    return cell_text(value, lang)


def source_text(source: Source, lang: str) -> str:
    """Where a value comes from, in words of `lang`: the document's title from the catalogue, its
    date, and the section named in the guidance's own (English) words, quoted."""
    key = f"source.{source.ref}"
    title = ui_text(key, lang) if source.ref and has_text(key) else source.document
    undated = UNDATED.match(source.date)
    try:
        day = format_date(dt.date.fromisoformat(source.date), lang, "table")
    except ValueError:
        day = ui_text("report.source_undated", lang, year=undated[1]) if undated else source.date
    return ui_text("report.parameter_source", lang, document=title, date=day, section=source.section)


def _parameters_in_words(plain: pd.DataFrame, params: Parameters, lang: str) -> pd.DataFrame:
    out = pd.DataFrame({
        "parameter": [label(name, lang) for name in plain["parameter"]],
        "since": [cell_text(v, lang) for v in plain["since"]],
        "value": [parameter_value_text(v, lang) for v in plain["value"]],
        "unit": [text_or_english(f"parameter.{name}.unit", unit, lang)
                 for name, unit in zip(plain["parameter"], plain["unit"], strict=True)],
        "source": [source_text(params[name].source, lang) for name in plain["parameter"]],
    })
    return out.astype(object)


def _readings_in_words(in_force: pd.DataFrame, params: Parameters, lang: str) -> pd.DataFrame:
    rows = []
    for name, value in zip(in_force["reading"], in_force["value in force"], strict=True):
        alt = next(a for a in params[name].alternatives if a.value == value)
        rows.append({"reading": label(name, lang), "value in force": value_label(value, lang),
                     "sentences": " / ".join(f"\u201e{t}\u201c" for t in alt.sentences),
                     "case": text_or_english(f"reading.{name}.{value}.case", alt.case, lang),
                     "source": source_text(params[name].source, lang)})
    return pd.DataFrame(rows, columns=list(in_force.columns)).astype(object)


def options_map_figure(result: pd.DataFrame | ReportTables, lang: str = "en",
                       params: Parameters | None = None) -> tuple[go.Figure, str]:
    """The status of each (card expiry, application day) cell as a heatmap, and a one-line note.

    Its hover text is the dashboard map's (tables.hover): labels, dates the language's way and,
    with `params`, the sentence saying the guidance does not cover a day before its period."""
    found = result if isinstance(result, ReportTables) else tables_of_frame(result)
    e_days, a_days, codes = found.expiry, found.application, found.codes
    step = max(1, int(np.ceil(np.sqrt(codes.size / MAP_MAX_CELLS)))) if codes.size > MAP_MAX_CELLS else 1
    shown = codes[::step, ::step].astype(np.float64)
    shown[shown < 0] = np.nan
    n = len(STATUSES)
    scale: list[list[Any]] = []
    for i, status in enumerate(STATUSES):
        colour = status_colour(status)
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    go = require("plotly.graph_objects", CHARTS)
    figure = go.Figure(go.Heatmap(
        text=hover_lines(codes[::step, ::step], pd.DatetimeIndex(a_days[::step]), lang, params),
        hovertemplate=hover_template(lang),
        z=shown, x=pd.DatetimeIndex(a_days[::step]).strftime("%Y-%m-%d").tolist(),
        y=pd.DatetimeIndex(e_days[::step]).strftime("%Y-%m-%d").tolist(), zmin=-0.5, zmax=n - 0.5,
        colorscale=scale, colorbar={"tickvals": list(range(n)),
                                    "ticktext": [value_label(s, lang) for s in STATUSES],  # labels
                                    "title": {"text": ui_text("report.map.legend", lang)}}))
    figure.update_layout(width=FIGURE_WIDTH, height=520,
                         title={"text": ui_text("report.map.title", lang)},
                         xaxis={"title": {"text": ui_text("report.map.x", lang)}, "type": "date"},
                         yaxis={"title": {"text": ui_text("report.map.y", lang)}, "type": "date"},
                         margin={"l": 70, "r": 10, "t": 40, "b": 50})
    note = ui_text("report.map.note_step" if step > 1 else "report.map.note", lang,
                   expiry=codes.shape[0], application=codes.shape[1], step=step)
    return figure, note


def timeline_figure(dates: pd.DataFrame, lang: str = "en") -> go.Figure:
    """One person's key dates: one marker per event, labelled with its date."""
    days = [d.isoformat() for d in dates["date"]]
    go = require("plotly.graph_objects", CHARTS)
    figure = go.Figure(go.Scatter(x=days, y=list(dates["event"]), text=days, mode="markers+text",
                                  textposition="middle right", marker={"size": 11, "color": "#1f4e79"}))
    figure.update_layout(width=FIGURE_WIDTH, height=380, title={"text": ui_text("report.h.key_dates", lang)},
                         xaxis={"type": "date", "title": {"text": ui_text("report.timeline.x", lang)}},
                         yaxis={"autorange": "reversed"},
                         margin={"l": 260, "r": 20, "t": 30, "b": 40})
    return figure


def figure_html(figure: go.Figure, div_id: str) -> str:
    """A figure's <div> and drawing script (plotly.js itself is embedded once, in the head)."""
    pio = require("plotly.io", CHARTS)
    body = pio.to_html(figure, full_html=False, include_plotlyjs=False, div_id=div_id,
                       config={"displaylogo": False, "responsive": False})
    return f'<div class="rx-report-figure">{body}</div>'


def person_html(person: Person, params: Parameters, lang: str = "en") -> str:
    """The One person section: inputs, outcome, key dates (chart and table) and why, in `lang`."""
    inputs = dict(person.inputs)
    row = evaluate_one(inputs, params)
    dates = key_dates(row, params, lang=lang)
    extra = {k: v for k, v in inputs.items() if k not in ("card_expiry", "application_date")}
    why = explain(inputs["card_expiry"], inputs["application_date"], params=params, lang=lang, **extra)

    def name(code: str) -> str:
        return str(header(code, lang))

    def value(code: str, v: Any) -> Any:
        return value_label(v, lang) if isinstance(v, str) else v

    outcome = {name(code): value(code, row[code]) for code in PERSON_OUTPUTS if code in row.index}
    h = html.escape
    return "".join([
        f"<h2>{h(ui_text('report.h.person', lang))}</h2>",
        f"<h3>{h(ui_text('report.h.inputs', lang))}</h3>",
        pairs_html({name(k): value(k, v) for k, v in inputs.items()}, "rx-report-person-inputs", lang),
        f"<h3>{h(ui_text('report.h.outcome', lang))}</h3>",
        pairs_html(outcome, "rx-report-person-outcome", lang),
        f"<h3>{h(ui_text('report.h.key_dates', lang))}</h3>",
        figure_html(timeline_figure(dates, lang), "rx-report-timeline"),
        table_html(dates, "rx-report-key-dates", lang),
        f"<h3>{h(ui_text('report.h.why', lang))}</h3>", f'<div class="rx-report-why">{why.to_html()}</div>',
    ])


def before_guidance_html(found: ReportTables, params: Parameters, lang: str = "en") -> str:
    """A paragraph saying how many rows apply before guidance_period_from (spec "Scope": the rules
    are computed as written, the guidance does not speak of them); "" when none do."""
    if BEFORE_ROWS not in found.status.columns:
        return ""
    n = int(found.status[BEFORE_ROWS].sum())
    if not n:
        return ""
    first = np.array([day_number(pd.Timestamp(found.application.min()))])
    start = day_to_date(int(np.asarray(params["guidance_period_from"].numeric_at(first)).reshape(-1)[0]))
    # the column as the report's status table names it (its label, in every language)
    text = ui_text("report.map.before_guidance_period", lang, n=n, start=start,
                   column=header(BEFORE_ROWS, lang))
    return f'<p class="rx-report-scope">{html.escape(text)}</p>'


def report_html(content: ReportContent) -> str:
    """The whole report as one HTML document (plotly.js inline, no external reference)."""
    made = content.made or dt.datetime.now().astimezone()
    found = content.summary()
    lang = content.lang
    params_table, readings = parameter_tables(content.params, lang)  # cells in the report's words
    if lang != "codes":  # headers the declarations do not name (the guidance's sentences stay quoted)
        words = {c: ui_text(f"report.col.{c.replace(' ', '_')}", lang) for c in
                 ("since", "unit", "reading", "value in force", "sentences", "case")}
        params_table, readings = params_table.rename(columns=words), readings.rename(columns=words)
    figure, note = options_map_figure(found, lang, content.params)
    plotly_js = require("plotly.offline", CHARTS).get_plotlyjs()
    e = html.escape
    title = ui_text("report.title", lang) if content.title == TITLE else content.title
    link = (f'<p class="rx-report-link">{e(ui_text("report.link", lang))} <a href="{e(content.link)}">'
            f"{e(content.link)}</a></p>" if content.link else "")
    when = made.strftime("%Y-%m-%d %H:%M %Z").strip() if lang == "en" else \
        f"{format_date(made, lang)} {made.strftime('%H:%M %Z').strip()}"

    def h2(key: str) -> str:
        return f"<h2>{e(ui_text(key, lang))}</h2>"

    sections = [
        f"<h1>{e(title)}</h1>",
        f'<p class="rx-report-meta">'
        f'{e(ui_text("report.made", lang, made=when, n=found.rows, tool="residence-explorer"))}</p>',
        h2("report.h.view"), pairs_html(content.view, "rx-report-view", lang), link,
        h2("report.h.parameters"), f"<p>{e(ui_text('report.parameters_note', lang))}</p>",
        table_html(params_table, "rx-report-parameters", lang),
    ]
    if len(readings):
        sections += [h2("report.h.readings"), table_html(readings, "rx-report-readings", lang)]
    sections += [
        h2("report.h.map"), figure_html(figure, "rx-report-map"), f"<p>{e(note)}</p>",
        before_guidance_html(found, content.params, lang),
        h2("report.h.status"), table_html(found.status, "rx-report-status", lang),
        h2("report.h.deadlines"), table_html(found.deadlines, "rx-report-deadlines", lang),
        h2("report.h.fees"), table_html(found.fees, "rx-report-fees", lang),
    ]
    sections.append(sensitivity_section(content.sweep if content.sweep is not None else content.result,
                                        content.params, lang))  # Readings and reforms compared
    if content.person is not None:
        sections.append(person_html(content.person, content.params, lang))
    return (f"<!DOCTYPE html>\n<html lang=\"{e(lang)}\"><head><meta charset=\"utf-8\">"
            f"<title>{e(title)}</title><style>{CSS}</style>"
            f"<script>{plotly_js}</script></head><body>{''.join(sections)}</body></html>\n")


FREQ_CHOICES = {"D": "day", "W": "week", "W-MON": "week", "MS": "month"}
"""The sweep steps (pandas frequencies) the dashboard offers, by the catalogue's word for them
(choice.<word>); another --freq is shown as typed."""


def view_from_sweep(sweep: Mapping[str, Any], lang: str = "en") -> dict[str, str]:
    """The view's settings as readable rows in `lang`, from explorer.sweep's keyword arguments."""
    rows: dict[str, str] = {}
    for key, value in sweep.items():
        if key in ("params", "max_rows"):
            continue
        if key in ("expiry", "application"):
            start, end = value.split(":", 1) if isinstance(value, str) else value
            text = ui_text("report.view.range", lang, start=cell_text(pd.Timestamp(start), lang),
                           end=cell_text(pd.Timestamp(end), lang))
        elif key == "freq" and str(value).upper() in FREQ_CHOICES:  # "MS" is pandas' code for a month
            text = ui_text(f"choice.{FREQ_CHOICES[str(value).upper()]}", lang)
        elif isinstance(value, str):
            text = value
        elif isinstance(value, tuple | list):
            text = ", ".join(cell_text(v, lang) for v in value)
        else:
            text = cell_text(value, lang)
        known = f"report.view.{key}"
        declared = str(header(key, lang))  # its label; a name without one reads without underscores
        rows[ui_text(known, lang) if has_text(known) else
             (declared if declared != key else key.replace("_", " "))] = text
    return rows


def build_report(sweep: Mapping[str, Any], params: Parameters | None = None,
                 person: Mapping[str, Any] | None = None, lang: str = "en", **extra: Any) -> ReportContent:
    """Gather a sweep's report content in `lang` (explorer.sweep's keyword arguments), from its
    factored tables: no frame of every row is built."""
    require("plotly", CHARTS)  # before the sweep: say which extra is missing without the wait
    params = params if params is not None else default_parameters()
    spec = {k: v for k, v in sweep.items() if k != "params"}
    return ReportContent(result=None, params=params, view=view_from_sweep(spec, lang),
                         person=Person(dict(person)) if person is not None else None,
                         tables=tables_of_sweep(spec, params), sweep=spec, lang=lang, **extra)


REPORT_SUFFIXES = (".html", ".pdf")


def check_report_path(path: Path, force: bool = False) -> None:
    """Fail before any work if `path` is not a .html/.pdf file name or exists (unless force)."""
    if path.suffix.lower() not in REPORT_SUFFIXES:
        raise ExplorerError(
            "--out",
            str(path),
            phrase("allowed.report_name", "a file name ending in .html or .pdf"),
            problem=phrase("error.problem.unknown_report_format", "unknown report format"),
        )
    if path.exists() and not force:
        raise ExplorerError(
            "--out",
            str(path),
            phrase("allowed.new_file_or_force_flag", "a new file, or --force to overwrite it"),
            problem=FILE_EXISTS,
        )
    if not path.parent.is_dir():
        raise ExplorerError(
            "--out",
            str(path),
            phrase("allowed.file_in_existing_folder", "a file in an existing folder"),
            problem=phrase("error.problem.no_such_folder", "no such folder"),
        )
    if path.is_dir():
        raise ExplorerError(
            "--out",
            str(path),
            phrase("allowed.file_not_folder", "a file name, not a folder"),
            problem=phrase("error.problem.is_a_folder", "is a folder"),
        )
    check_folder_writable(path)
    if path.suffix.lower() == ".pdf":
        from .pdf import find_chromium

        find_chromium()  # a missing Chromium is said before the sweep runs


def write_report(content: ReportContent, path: Path, force: bool = False) -> int:
    """Write the report as HTML or PDF (by suffix) through a temporary file; the bytes written."""
    check_report_path(path, force)
    document = content.to_html()
    if path.suffix.lower() == ".pdf":
        from .pdf import html_to_pdf

        payload = html_to_pdf(document)
    else:
        payload = document.encode("utf-8")
    try:
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise named_error(exc, path) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        os.replace(tmp, path)
    except OSError as exc:  # name the file asked for, never the hidden temporary file
        raise named_error(exc, path) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return len(payload)


def person_of(spec: Mapping[str, Any], dates: str) -> dict[str, Any]:
    """One person's inputs from 'EXPIRY:APPLICATION' and a sweep's choices (as the dashboard picks)."""
    expiry, sep, application = dates.partition(":")
    if not sep or not expiry.strip() or not application.strip():
        raise ExplorerError("--person", dates, phrase("allowed.person_dates", "EXPIRY:APPLICATION, e.g. "
                                                      "2020-11-13:2020-11-13"),
                            problem=phrase("error.problem.not_two_dates", "not two dates"))
    fixed = {k: v for k, v in spec.items()
             if k not in ("expiry", "application", "freq", "options", "expedited", "delivery", "params",
                          "max_rows")}
    options = tuple(spec.get("options", ("a", "b")))
    return {"card_expiry": expiry.strip(), "application_date": application.strip(),
            "option": "b" if "b" in options else "a",
            "expedited": tuple(spec.get("expedited", (False, True))) == (True,),
            "delivery": tuple(spec.get("delivery", (False, True))) == (True,), **fixed}
