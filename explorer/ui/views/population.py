"""The Population view: upload a holders file (or draw a synthetic one), see its bad rows and aggregates.

Loading and checking is explorer.scenarios.population's (load_population_bytes reads an upload
with load_population, so the dashboard rejects exactly what the command line rejects);
the aggregates and charts are explorer.tables.aggregates', under the baseline and, when the What if
tab has a reform, under the reform too; the download files are explorer.interfaces.population_files'.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from ...core.parameters import Parameters
from ...core.phrases import phrase
from ...errors import ExplorerError
from ...interfaces.population_files import PROBLEMS, WORKBOOK, population_downloads, population_workbook
from ...labels import label, labelled, ui_text
from ...scenarios.population import (
    UPLOAD_SUFFIXES,
    PopulationLoad,
    check_population,
    load_population_bytes,
    synthetic_population,
)
from ...serving import upload_limit_mb
from ...tables import aggregates
from ...tables.aggregates import population_aggregates
from ...whatif.edits import reform_key
from ...whatif.reforms import Reform, reform_title
from ..errors import error_html
from ..figures import PageFigure
from ..formatting import format_frame, html_table
from ..model import Results
from ..tags import tagged
from ..upload import SizedUpload
from ..view import View
from .downloads import MAX_LINK_BYTES, data_link
from .map import sync_figure_state
from .tables import TableView

ACCEPT = ",".join(UPLOAD_SUFFIXES)
DEFAULT_SIZE = 50_000
MAX_SYNTHETIC = 2_000_000
SEED = 0
SYNTHETIC = "synthetic"  # the source of a drawn population (named in the view's language when shown)
MAX_BAD_SHOWN = 200
CHART_HEIGHT = 320
CHART_WIDTH = 490  # fixed: baseline and reform side by side fit the main area of a 1366 px screen
CHARTS: dict[str, tuple[str, Callable[..., go.Figure]]] = {
    "applications_per_week": ("chart.applications_per_week", aggregates.applications_chart),
    "fees_per_month": ("chart.fees_per_month", aggregates.fees_chart),
    "late_by_reason": ("chart.late_by_reason", aggregates.late_chart),
    "gap_histogram": ("chart.gap_histogram", aggregates.gap_chart),
    "renewal_wave": ("chart.renewal_wave", aggregates.renewal_chart),
}
"""Each aggregate's chart: the ui key of its title and its plotly function."""


def totals_line(tables: dict[str, pd.DataFrame], lang: str = "en") -> str:
    """People, applications, fees and late people of one side's aggregates, as one line."""
    late = tables["late_by_reason"]
    fees = tables["fees_per_month"]
    return ui_text("population.totals", lang,
        people=late["people"].sum(), applications=fees["applications"].sum(), fees=fees["fees_eur"].sum(),
        late=late.loc[late["late"], "people"].sum())


def before_guidance_line(tables: dict[str, pd.DataFrame], params: Parameters, lang: str = "en") -> str:
    """The sentence saying how many people of one side apply before the guidance's period (spec
    "Scope"), naming the tables' column that counts them; "" when nobody does."""
    people = aggregates.people_before_guidance(tables)
    if not people:
        return ""
    return ui_text("population.before_guidance", lang, n=round(people),
                   start=params.value("guidance_period_from"),
                   column=label(aggregates.BEFORE_PEOPLE, lang))


def renewal_html(sentences: list[tuple[str, str]]) -> str:
    """The renewal wave's sentence per side (share ending on or after the BOK widening)."""
    items = "".join(f"<li>{html.escape(label)}: {html.escape(text)}</li>" for label, text in sentences)
    return f"<ul>{items}</ul>"


def chart(name: str, table: pd.DataFrame, title: str, lang: str = "en") -> go.FigureWidget:
    """The aggregate's plotly chart as a FigureWidget (built whole, so the page draws it at once)."""
    figure = PageFigure(CHARTS[name][1](table, title=title, lang=lang))
    figure.update_layout(height=CHART_HEIGHT, width=CHART_WIDTH, margin={"l": 60, "r": 10, "t": 40, "b": 40})
    sync_figure_state(figure)
    return figure


class PopulationView(View):
    """Upload or synthetic population in, bad rows and aggregates out (CSS class rx-population).

    `set_language(lang)` redraws every text in English or Slovak without evaluating again."""

    def __init__(self, params: Parameters, reform: Callable[[], Reform | None],
                 guard: Callable[[Callable[..., Any]], Callable[..., Any]],
                 on_ok: Callable[[], None] | None = None, background: bool = False) -> None:
        self.params = params
        self.reform = reform
        self.on_ok = on_ok
        self.background = background
        self.guard = guard
        self.load: PopulationLoad | None = None
        self.tables: dict[str, dict[str, pd.DataFrame]] = {}
        self.figures: list[go.FigureWidget] = []
        self.table_views: dict[str, TableView] = {}  # "<aggregate> <side>": the table shown
        self._reform_key: tuple | None = None
        self._shown_reform: Reform | None = None
        self._files: list[tuple[str, bytes, str]] = []  # (what, payload, filename) of the download links
        self._books: dict[str, bytes] = {}  # the workbook for people, per language
        self.lang = "en"
        self._lock = threading.Lock()

        self.upload = SizedUpload(guard(self.load_file), guard(self.refuse), accept=ACCEPT,
                                  max_bytes=upload_limit_mb() * 1_000_000)
        self.upload.add_class("rx-population-upload")
        self.size = widgets.IntText(value=DEFAULT_SIZE)
        self.size.add_class("rx-population-size")
        self.size.layout.width = "200px"
        self.synthetic = widgets.Button(icon="")
        self.synthetic.add_class("rx-population-synthetic")
        self.summary = tagged(widgets.HTML(), "rx-population-summary")
        self.bad = tagged(widgets.HTML(), "rx-population-bad")
        self.results = tagged(widgets.VBox(), "rx-population-aggregates")
        self.downloads = tagged(widgets.HTML(), "rx-population-download")
        self.texts = {key: widgets.HTML() for key in ("intro", "limit", "or", "problems", "downloads")}
        self.widget = widgets.VBox([
            self.texts["intro"], self.texts["limit"],
            widgets.HBox([self.upload, self.texts["or"], self.size, self.synthetic],
                         layout=widgets.Layout(flex_flow="row wrap", align_items="flex-end")),
            self.summary, self.texts["problems"], self.bad,
            self.texts["downloads"], self.downloads, self.results,
        ])
        self.widget.add_class("rx-population")
        self.set_language(self.lang)
        self.synthetic.on_click(guard(lambda _b: self.draw_synthetic()))

    # -- language -----------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """Show every text in `lang` ("en" or "sk"): controls, headings, summary, problems, aggregate
        tables and charts, download links; the aggregates are not computed again."""
        ui_text("population.upload", lang)  # an unknown language is an ExplorerError before anything changes
        with self._lock:
            self.lang = lang
            self.upload.description = ui_text("population.upload", lang)
            self.size.description = ui_text("population.size", lang)
            self.synthetic.description = ui_text("population.synthetic", lang)
            self.synthetic.tooltip = ui_text("population.synthetic_tooltip", lang, seed=SEED)
            self.texts["intro"].value = f"<p>{html.escape(ui_text('population.intro', lang))}</p>"
            limit = ui_text("population.limit", lang, mb=self.upload.max_bytes // 1_000_000)
            self.texts["limit"].value = f'<p class="rx-population-limit">{html.escape(limit)}</p>'
            self.texts["or"].value = f"&nbsp;{html.escape(ui_text('population.or', lang))}&nbsp;"
            for key in ("problems", "downloads"):
                self.texts[key].value = f"<h4>{html.escape(ui_text(f'population.{key}', lang))}</h4>"
            if self.load is not None:
                self._show_summary()
                self.bad.value = self.bad_html(self.load, lang)
            if self.tables:
                self._show_tables(self._shown_reform)

    def _show_summary(self) -> None:
        """The loaded population's summary line in the view's language."""
        if self.load is None:
            return
        source = (ui_text("population.synthetic_source", self.lang, seed=SEED)
                  if self.load.source == SYNTHETIC else None)
        self.summary.value = f"<p><b>{html.escape(self.load.summary(self.lang, source=source))}</b></p>"

    # -- loading ------------------------------------------------------------------------------------
    def load_file(self, name: str, data: bytes) -> None:
        """Check an uploaded file and show its problems and aggregates (a failed file clears the view)."""
        try:
            load = load_population_bytes(name, data, self.params)
        except BaseException:
            self.clear()
            raise
        self.show_load(load)

    def refuse(self, name: str, size: int) -> None:
        """A file above the upload limit, refused in the browser: say so, and what to use instead."""
        self.clear()
        text = ui_text("population.too_big", self.lang,
            name=Path(name).name or "?", size=size / 1e6, mb=self.upload.max_bytes // 1_000_000)
        self.summary.value = error_html(text).replace('class="rx-error"', 'class="rx-error" role="alert"', 1)

    def clear(self) -> None:
        """Forget the shown population: summary, problems, aggregates and downloads."""
        with self._lock:
            self.load = None
            self.tables = {}
            self.figures = []
            self._reform_key = None
            self.summary.value = self.bad.value = self.downloads.value = ""
            self.results.children = []

    def draw_synthetic(self, n: int | None = None) -> None:
        """Draw `n` (default: the size box) seeded synthetic holders and show their aggregates."""
        n = self.size.value if n is None else n
        if n is None or not 0 < n <= MAX_SYNTHETIC:
            raise ExplorerError("population size", n, phrase(
                "allowed.population_size", f"a whole number from 1 to {MAX_SYNTHETIC:,}", max=MAX_SYNTHETIC))
        frame = synthetic_population(int(n), seed=SEED)
        self.show_load(check_population(frame, self.params, source=SYNTHETIC))

    def show_load(self, load: PopulationLoad) -> None:
        """Show a checked population: summary, problems, then the aggregates of its valid rows."""
        with self._lock:
            self.load = load
            self.tables = {}
            self._show_summary()
            self.bad.value = self.bad_html(load, self.lang)
            self.results.children = []
            self.downloads.value = ""
            self._compute()
        if self.on_ok is not None:
            self.on_ok()

    @staticmethod
    def bad_html(load: PopulationLoad, lang: str = "en") -> str:
        """The problems as a table (the first MAX_BAD_SHOWN), or a line saying there are none."""
        if load.bad.empty:
            return f"<p>{html.escape(ui_text('population.no_problems', lang))}</p>"
        shown = load.problems(lang).head(MAX_BAD_SHOWN)  # reasons in the page's language
        more = (" " + ui_text("population.problems_more", lang).format(shown=MAX_BAD_SHOWN)
                if len(load.bad) > MAX_BAD_SHOWN else "")
        line = ui_text("population.problems_line", lang).format(problems=len(load.bad), rows=load.bad_rows)
        return (f"<p>{html.escape(line + more)}</p>"
                + html_table(format_frame(labelled(shown, lang), lang), "rx-population-bad-table"))

    # -- aggregates ---------------------------------------------------------------------------------
    def grid_changed(self, results: Results, showing: bool) -> None:
        """The population is evaluated with the grid's parameters (the sidebar's readings)."""
        self.params = results.params

    def reform_changed(self, _reform: Reform | None = None) -> None:
        """The What if reform changed: redo the reform side if a population is loaded."""
        if self.load is None:
            return
        if self.background:
            threading.Thread(target=self.guard(self._recompute_locked), daemon=True).start()
        else:
            self._recompute_locked()

    def _recompute_locked(self) -> None:
        with self._lock:
            if self.load is not None and reform_key(self.reform()) != self._reform_key:
                self._compute()

    def _compute(self) -> None:
        load = self.load
        if load is None:
            return
        reform = self.reform()
        if load.good.empty:  # nothing to aggregate: say so, and still offer the problems
            self.tables = {}
            self._reform_key = reform_key(reform)
            self.figures = []
            empty = html.escape(ui_text("population.no_valid", self.lang))
            self.results.children = [widgets.HTML(f"<p>{empty}</p>")]
            self._files = self._build_files()
            self.downloads.value = self.downloads_html()
            return
        if "baseline" not in self.tables:
            self.tables = {"baseline": population_aggregates(load.good, self.params)}
        self.tables.pop("reform", None)
        if reform is not None:
            self.tables["reform"] = population_aggregates(load.good, reform.apply(self.params))
        self._reform_key = reform_key(reform)
        self._files = self._build_files()
        self._show_tables(reform)

    def _sides(self, reform: Reform | None) -> list[tuple[str, str]]:
        """(side, its name in the view's language) of the sides shown: baseline, and the reform if any."""
        sides = [("baseline", label("baseline", self.lang))]
        if reform is not None:
            sides.append(("reform", ui_text("population.reform_side", self.lang,
                                                     name=reform_title(reform.name, self.lang))))
        return sides

    def _show_tables(self, reform: Reform | None) -> None:
        self._shown_reform = reform
        lang = self.lang
        sides = self._sides(reform)
        side_params = {"baseline": self.params}
        if reform is not None:
            side_params["reform"] = reform.apply(self.params)
        lines = "".join(f"<li>{html.escape(name)}: {html.escape(totals_line(self.tables[side], lang))}</li>"
                        for side, name in sides)
        totals = html.escape(ui_text("population.totals_heading", lang))
        scope = [(name, before_guidance_line(self.tables[side], side_params[side], lang))
                 for side, name in sides]
        scope_items = "".join(f"<li>{html.escape(name)}: {html.escape(text)}</li>"
                              for name, text in scope if text)
        scope_html = f'<ul class="rx-population-scope">{scope_items}</ul>' if scope_items else ""
        parts: list[widgets.Widget] = [widgets.HTML(f"<h4>{totals}</h4><ul>{lines}</ul>{scope_html}")]
        self.figures = []
        self.table_views = {}
        for name, (key, _) in CHARTS.items():
            title = ui_text(key, lang)
            figures = [chart(name, self.tables[side][name], f"{title} ({shown})", lang)
                       for side, shown in sides]
            self.figures += figures
            tables = []
            for side, shown in sides:
                view = TableView(f"rx-population-{name.replace('_', '-')}-{side}",
                                 caption=f"{title} ({shown})")
                view.lang = lang
                view.show(self.tables[side][name])
                self.table_views[f"{name} {side}"] = view
                tables.append(view.widget)
            parts.append(widgets.HTML(f"<h4>{html.escape(title)}</h4>"))
            if name == "renewal_wave":
                parts.append(tagged(widgets.HTML(renewal_html([
                    (shown, aggregates.renewal_sentence(self.tables[side][name], side_params[side], lang))
                    for side, shown in sides])), "rx-population-renewal"))
            parts += [widgets.HBox(figures, layout=widgets.Layout(width="100%")),
                      widgets.HBox(tables, layout=widgets.Layout(width="100%"))]
        self.results.children = parts
        self.downloads.value = self.downloads_html()

    def _build_files(self) -> list[tuple[str, bytes, str]]:
        """(what, payload, filename) of each download (see population_downloads), the workbook in
        the page's language; the workbook cache starts again with it."""
        files = population_downloads(self.tables, self.load, self.lang)
        self._books = {}
        if files and files[0][0] == WORKBOOK:  # the workbook comes first when there is one
            self._books[self.lang] = files[0][1]
        return files

    def _workbook(self, lang: str) -> bytes:
        """The workbook for people in `lang` (population_workbook), built once per language and data."""
        if lang not in self._books:
            self._books[lang] = population_workbook(self.tables, self.load, lang)
        return self._books[lang]

    def downloads_html(self) -> str:
        """Links: a workbook of every aggregate (both sides) and the problems, and one CSV per table;
        a file too big for a browser download is named with the command that saves it."""
        lang = self.lang
        sides = dict(self._sides(self._shown_reform))
        links = []
        for what, payload, filename in self._files:
            if what == WORKBOOK:
                payload = self._workbook(lang)
            kind = "xlsx" if filename.endswith(".xlsx") else "csv"
            if what == WORKBOOK:
                shown = ui_text("population.workbook_link" if self.tables else "population.problems_workbook",
                                lang)
            elif what == PROBLEMS:
                shown = f"{ui_text('population.problems', lang)} (CSV)"
            else:
                side, _, name = what.rpartition(" ")
                shown = f"{ui_text(CHARTS[name][0], lang)} ({sides.get(side or 'baseline', side)}) (CSV)"
            if len(payload) <= MAX_LINK_BYTES:
                links.append(data_link(payload, filename, kind, html.escape(shown), "rx-population-download",
                                       lang))
            elif what == WORKBOOK:
                links.append(html.escape(ui_text("population.workbook_too_big", lang,
                    mb=len(payload) / 1e6)))
            elif what == PROBLEMS:
                links.append(html.escape(ui_text("population.problems_too_big", lang,
                    lines=len(self.load.bad), mb=len(payload) / 1e6)))
        if not links:
            return ""
        return "<ul>" + "".join(f"<li>{link}</li>" for link in links) + "</ul>"

    def sync_state(self) -> None:
        """Make the charts' synced state match their data."""
        for figure in self.figures:
            sync_figure_state(figure)
