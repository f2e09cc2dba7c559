"""The Population view: upload a holders file (or draw a synthetic one), see its bad rows and aggregates.

Loading and checking is explorer.population's (an upload is written to a temporary file and
read with load_population, so the dashboard rejects exactly what the command line rejects);
the aggregates and charts are explorer.aggregates', under the baseline and, when the What if
tab has a reform, under the reform too.
"""

from __future__ import annotations

import html
import tempfile
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from ... import aggregates
from ...errors import ExplorerError
from ...export import to_bytes
from ...parameters import Parameters
from ...population import PopulationLoad, check_population, load_population, synthetic_population
from ...reforms import Reform
from ..formatting import format_frame, html_table
from ..tags import tagged
from .downloads import MAX_LINK_BYTES, data_link
from .map import sync_figure_state
from .tables import TableView
from .whatif import reform_key

ACCEPT = ".csv,.parquet"
SUFFIXES = (".csv", ".parquet")
DEFAULT_SIZE = 50_000
MAX_SYNTHETIC = 2_000_000
SEED = 0
CHUNK_ROWS = 250_000  # rows evaluated at a time (bounded memory for big uploads)
MAX_BAD_SHOWN = 200
CHART_HEIGHT = 320
CHART_WIDTH = 490  # fixed: baseline and reform side by side fit the main area of a 1366 px screen
CHARTS: dict[str, tuple[str, Callable[..., go.Figure]]] = {
    "applications_per_week": ("Applications per week", aggregates.applications_chart),
    "fees_per_month": ("Fees collected per month", aggregates.fees_chart),
    "late_by_reason": ("People late, and why", aggregates.late_chart),
    "gap_histogram": ("Days without a valid card", aggregates.gap_chart),
    "renewal_wave": ("Five-year cards ending per week, 2025\u20132026", aggregates.renewal_chart),
}


def uploaded_file(value: Any) -> tuple[str, bytes] | None:
    """(name, bytes) of the first file in a FileUpload value (ipywidgets 8: a tuple of dicts)."""
    if not value:
        return None
    item = value[0]
    get = item.get if isinstance(item, Mapping) else lambda k: getattr(item, k)
    content = get("content")
    data = content.tobytes() if isinstance(content, memoryview) else bytes(content)
    return str(get("name")), data


def load_uploaded(name: str, data: bytes, params: Parameters) -> PopulationLoad:
    """Check an uploaded file's bytes with load_population (via a temporary file named like it)."""
    base = Path(name).name or "upload.csv"
    if not base.lower().endswith(SUFFIXES):
        raise ExplorerError("file", base, "a .csv or .parquet file", problem="unknown file type")
    with tempfile.TemporaryDirectory(prefix="rx-upload-") as folder:
        path = Path(folder) / base
        path.write_bytes(data)
        load = load_population(path, params)
    load.source = base
    return load


def population_aggregates(good: pd.DataFrame, params: Parameters) -> dict[str, pd.DataFrame]:
    """explorer.aggregates of the valid rows under `params`, evaluated CHUNK_ROWS at a time."""
    if good.empty:
        raise ExplorerError("population", 0, "at least one valid row", problem="no valid rows to aggregate")
    starts = range(0, len(good), CHUNK_ROWS)
    return aggregates.aggregate_chunks((good.iloc[s:s + CHUNK_ROWS] for s in starts), params,
                                       progress=False, total=len(starts))


def totals_line(tables: dict[str, pd.DataFrame]) -> str:
    """People, applications, fees and late people of one side's aggregates, as one line."""
    late = tables["late_by_reason"]
    fees = tables["fees_per_month"]
    return (f"{late['people'].sum():,.0f} people, {fees['applications'].sum():,.0f} applications, "
            f"{fees['fees_eur'].sum():,.2f} EUR in fees, {late.loc[late['late'], 'people'].sum():,.0f} late")


def renewal_html(sentences: list[tuple[str, str]]) -> str:
    """The renewal wave's sentence per side (share ending on or after the BOK widening)."""
    items = "".join(f"<li>{html.escape(label)}: {html.escape(text)}</li>" for label, text in sentences)
    return f"<ul>{items}</ul>"


def chart(name: str, table: pd.DataFrame, title: str) -> go.FigureWidget:
    """The aggregate's plotly chart as a FigureWidget (built whole, so the page draws it at once)."""
    figure = go.FigureWidget(CHARTS[name][1](table, title=title))
    figure.update_layout(height=CHART_HEIGHT, width=CHART_WIDTH, margin={"l": 60, "r": 10, "t": 40, "b": 40})
    sync_figure_state(figure)
    return figure


class PopulationView:
    """Upload or synthetic population in, bad rows and aggregates out (CSS class rx-population)."""

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
        self._reform_key: str | None = None
        self._lock = threading.Lock()

        self.upload = widgets.FileUpload(accept=ACCEPT, multiple=False, description="Upload .csv/.parquet",
                                         icon="")
        self.upload.add_class("rx-population-upload")
        self.upload.layout.width = "220px"
        self.size = widgets.IntText(value=DEFAULT_SIZE, description="Size")
        self.size.add_class("rx-population-size")
        self.size.layout.width = "200px"
        self.synthetic = widgets.Button(description="Synthetic population", icon="",
                                        tooltip=f"draw this many holders (seed {SEED}) from "
                                                "data/populations/synthetic.yaml")
        self.synthetic.add_class("rx-population-synthetic")
        self.summary = tagged(widgets.HTML(), "rx-population-summary")
        self.bad = tagged(widgets.HTML(), "rx-population-bad")
        self.results = tagged(widgets.VBox(), "rx-population-aggregates")
        self.downloads = tagged(widgets.HTML(), "rx-population-download")
        self.widget = widgets.VBox([
            widgets.HTML("<p>A population file has one row per holder: card_expiry, and application_date "
                         "or applies_days_before_expiry, optionally weight and any input column "
                         "(see data/populations/README.md). Rows with problems are listed and left out; "
                         "the others are evaluated.</p>"),
            widgets.HBox([self.upload, widgets.HTML("&nbsp;or&nbsp;"), self.size, self.synthetic]),
            self.summary, widgets.HTML("<h4>Rows with problems</h4>"), self.bad,
            widgets.HTML("<h4>Downloads</h4>"), self.downloads, self.results,
        ])
        self.widget.add_class("rx-population")
        self.upload.observe(guard(self._on_upload), names="value")
        self.synthetic.on_click(guard(lambda _b: self.draw_synthetic()))

    # -- loading ------------------------------------------------------------------------------------
    def load_file(self, name: str, data: bytes) -> None:
        """Check an uploaded file and show its problems and aggregates (a failed file clears the view)."""
        try:
            load = load_uploaded(name, data, self.params)
        except BaseException:
            self.clear()
            raise
        self.show_load(load)

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
            raise ExplorerError("population size", n, f"a whole number from 1 to {MAX_SYNTHETIC:,}")
        frame = synthetic_population(int(n), seed=SEED)
        self.show_load(check_population(frame, self.params, source=f"synthetic population (seed {SEED})"))

    def show_load(self, load: PopulationLoad) -> None:
        """Show a checked population: summary, problems, then the aggregates of its valid rows."""
        with self._lock:
            self.load = load
            self.tables = {}
            self.summary.value = f"<p><b>{html.escape(load.summary())}</b></p>"
            self.bad.value = self.bad_html(load)
            self.results.children = []
            self.downloads.value = ""
            self._compute()
        if self.on_ok is not None:
            self.on_ok()

    @staticmethod
    def bad_html(load: PopulationLoad) -> str:
        """The problems as a table (the first MAX_BAD_SHOWN), or a line saying there are none."""
        if load.bad.empty:
            return "<p>No problems: every row is used.</p>"
        shown = load.bad.head(MAX_BAD_SHOWN)
        more = (f" The first {MAX_BAD_SHOWN} are shown; Downloads says where to get them all."
                if len(load.bad) > MAX_BAD_SHOWN else "")
        return (f"<p>{len(load.bad):,} problems in {load.bad_rows:,} rows (row 1 = the first data row); "
                f"these rows are left out.{more}</p>"
                + html_table(format_frame(shown), "rx-population-bad-table"))

    # -- aggregates ---------------------------------------------------------------------------------
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
            self.results.children = [widgets.HTML("<p>No valid rows: nothing to aggregate. Fix the rows "
                                                  "listed above and upload the file again.</p>")]
            self.downloads.value = self.downloads_html()
            return
        if "baseline" not in self.tables:
            self.tables = {"baseline": population_aggregates(load.good, self.params)}
        self.tables.pop("reform", None)
        if reform is not None:
            self.tables["reform"] = population_aggregates(load.good, reform.apply(self.params))
        self._reform_key = reform_key(reform)
        self._show_tables(reform)

    def _show_tables(self, reform: Reform | None) -> None:
        sides = [("baseline", "baseline")]
        if reform is not None:
            sides.append(("reform", f"reform \u201c{reform.name}\u201d"))
        lines = "".join(f"<li>{html.escape(label)}: {html.escape(totals_line(self.tables[side]))}</li>"
                        for side, label in sides)
        parts: list[widgets.Widget] = [widgets.HTML(f"<h4>Totals</h4><ul>{lines}</ul>")]
        self.figures = []
        for name, (title, _) in CHARTS.items():
            figures = [chart(name, self.tables[side][name], f"{title} ({label})") for side, label in sides]
            self.figures += figures
            tables = []
            for side, label in sides:
                view = TableView(f"rx-population-{name.replace('_', '-')}-{side}", f"{title} ({label})")
                view.show(self.tables[side][name])
                tables.append(view.widget)
            parts.append(widgets.HTML(f"<h4>{html.escape(title)}</h4>"))
            if name == "renewal_wave":
                side_params = {"baseline": self.params}
                if reform is not None:
                    side_params["reform"] = reform.apply(self.params)
                parts.append(tagged(widgets.HTML(renewal_html([
                    (label, aggregates.renewal_sentence(self.tables[side][name], side_params[side]))
                    for side, label in sides])), "rx-population-renewal"))
            parts += [widgets.HBox(figures, layout=widgets.Layout(width="100%")),
                      widgets.HBox(tables, layout=widgets.Layout(width="100%"))]
        self.results.children = parts
        self.downloads.value = self.downloads_html()

    def downloads_html(self) -> str:
        """Links: a workbook of every aggregate (both sides) and the problems, and one CSV per table."""
        sheets: dict[str, pd.DataFrame] = {}
        for side, tables in self.tables.items():
            for name, table in tables.items():
                sheets[name if side == "baseline" else f"reform {name}"] = table
        links = []
        bad = self.load.bad if self.load is not None else None
        book_sheets = dict(sheets)
        if bad is not None and not bad.empty:
            book_sheets["problems"] = bad
        if book_sheets:
            book = to_bytes(book_sheets, "xlsx")
            what = "All aggregates (and the problems)" if sheets else "The problems"
            links.append(data_link(book, "population-aggregates.xlsx", "xlsx", f"{what} as an Excel workbook",
                                   "rx-population-download")
                         if len(book) <= MAX_LINK_BYTES else
                         f"The workbook ({len(book) / 1e6:,.1f} MB) is too big for a browser download: use "
                         "the command line (explorer population FILE --out aggregates.xlsx --bad-out "
                         "problems.csv).")
        for sheet, table in sheets.items():
            payload = to_bytes(table, "csv")
            links.append(data_link(payload, sheet.replace(" ", "-") + ".csv", "csv", f"{sheet} (CSV)",
                                   "rx-population-download"))
        if bad is not None and not bad.empty:
            payload = to_bytes(bad, "csv")
            links.append(data_link(payload, "population-problems.csv", "csv", "problems (CSV)",
                                   "rx-population-download")
                         if len(payload) <= MAX_LINK_BYTES else
                         f"The problems ({len(bad):,} lines, {len(payload) / 1e6:,.1f} MB as CSV) are too "
                         "big for a browser download: save them all with the command line (explorer "
                         "population FILE --bad-out problems.csv).")
        if not links:
            return ""
        return "<ul>" + "".join(f"<li>{link}</li>" for link in links) + "</ul>"

    def sync_state(self) -> None:
        """Make the charts' synced state match their data."""
        for figure in self.figures:
            sync_figure_state(figure)

    # -- callbacks ----------------------------------------------------------------------------------
    def _on_upload(self, change: dict) -> None:
        upload = uploaded_file(change["new"])
        if upload is None:
            return
        try:
            self.load_file(*upload)
        finally:
            self.upload.value = ()  # free the bytes; the same file can be picked again

