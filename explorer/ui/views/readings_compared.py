"""The Readings and reforms compared view: every alternative of every reading of the guidance
(and the shipped reforms) at once on the current grid, with the sentences behind each and what it
changes; a robustness map (which statuses hold whatever the reading); for whom, by expiry period;
and, below, the readings chosen in the sidebar against the baseline (explorer.compare).

All figures come from explorer.sensitivity on the sweep's factored form (memory follows the
expiry x application cells, not the rows); this module only lays them out in words.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets
import pandas as pd

from ... import labels
from ...core.parameters import Parameters
from ...errors import ExplorerError
from ...interfaces.robustness import bit_name, robustness_svg, ui_sentence
from ...whatif.compare import Comparison, compare
from ...whatif.readings_table import readings, readings_line
from ...whatif.reforms import Reform, list_reforms, reform_title
from ...whatif.sensitivity import REFORM, Sensitivity, sensitivity
from ...words.formats import format_number
from ..formatting import format_frame, format_measures, html_table
from ..model import Results
from ..tags import tagged
from ..urlstate import FLAG, ViewState, choice
from ..view import View

MAX_COMPARE_ROWS = 1_000_000  # two evaluations side by side: beyond this use a coarser granularity
PERIODS = ("MS", "QS", "YS")


def baseline_readings(params: Parameters) -> Parameters:
    """`params` with every reading at its baseline (its first alternative)."""
    changes = {n: params[n].alternatives[0].value for n in params.readings
               if params.reading(n) != params[n].alternatives[0].value}
    return params.replace(**changes) if changes else params


_t = ui_sentence


class ReadingsComparedView(View):
    """Every reading alternative and reform at once, the robustness map, for whom, and the sidebar's
    readings against the baseline."""

    def __init__(self, results: Callable[[], Results | None]) -> None:
        self.results = results
        self.lang = "en"
        self.comparison: Comparison | None = None
        self.found: Sensitivity | None = None
        self.reforms: list[Reform] = []
        self._key: object = None
        self._sens_key: object = None
        self.period = tagged(widgets.Dropdown(options=[(p, p) for p in PERIODS], value="MS"),
                             "rx-sensitivity-period")
        self.with_reforms = tagged(widgets.Checkbox(value=True, indent=False), "rx-sensitivity-reforms")
        self.heading = tagged(widgets.HTML(), "rx-sensitivity-intro")
        self.headline = tagged(widgets.HTML(), "rx-sensitivity-headline")
        self.alternatives = tagged(widgets.HTML(), "rx-sensitivity-alternatives")
        self.robust_map = tagged(widgets.HTML(), "rx-robust-map")
        self.robust_table = tagged(widgets.HTML(), "rx-robust-table")
        self.for_whom = tagged(widgets.HTML(), "rx-sensitivity-by")
        self.intro = tagged(widgets.HTML(), "rx-readings-compared-intro")
        self.changes = tagged(widgets.HTML(), "rx-readings-changes")
        self.transitions = tagged(widgets.HTML(), "rx-readings-transitions")
        self.period.observe(lambda _c: self._render_all(), names="value")
        self.with_reforms.observe(lambda _c: self.refresh(), names="value")
        self.widget = tagged(widgets.VBox([
            self.heading, widgets.HBox([self.with_reforms, self.period]), self.headline,
            self.alternatives, self.robust_map, self.robust_table, self.for_whom,
            self.intro, self.changes, self.transitions]), "rx-readings-compared")
        self._label_controls()

    slow_to_open = True  # every reading combination is evaluated when the tab opens

    def grid_changed(self, results: Results, showing: bool) -> None:
        """Computed again for the new grid when the tab is open (else when it opens)."""
        if showing:
            self.refresh()

    def tab_changed(self, showing: bool, results: Results | None) -> None:
        """Computed when the tab opens."""
        if showing:
            self.refresh()

    def register(self, state: ViewState) -> None:
        """The view's own link fields: the breakdown period and whether the reforms are included."""
        state.add_value("readings_period", self.period, choice(PERIODS))
        state.add_value("readings_reforms", self.with_reforms, FLAG)

    def refresh(self) -> None:
        """Sensitivity of the current grid under every reading (and the reforms), and the sidebar's
        readings against the baseline; each computed once per grid and choice."""
        results = self.results()
        if results is None or results.params is None:
            return
        sens_key = (results.settings, self.with_reforms.value)
        if sens_key != self._sens_key:
            self.reforms = list_reforms() if self.with_reforms.value else []
            try:
                self.found = sensitivity(results.settings.sweep_kwargs(), reforms=self.reforms,
                                         params=results.params)
            except ExplorerError:
                self.found = None  # a bad grid: the page's message line already names the field
            self._sens_key = sens_key
        key = results.settings
        too_many = 0
        if key != self._key:
            chosen = results.params
            base = baseline_readings(chosen)
            if base is chosen:
                self.comparison = None
            elif results.rows > MAX_COMPARE_ROWS:
                self.comparison = None
                too_many = results.rows
            else:
                self.comparison = compare(base, chosen, sweep=results.settings.sweep_kwargs())
            self._key = None if too_many else key
        self._render_all(too_many)

    def set_language(self, lang: str) -> None:
        """Headings, headers and values in `lang` (nothing is computed again)."""
        self.lang = lang
        self._label_controls()
        self._render_all()

    def _label_controls(self) -> None:
        lang = self.lang
        self.period.options = [(_t(f"sensitivity.period.{p}", lang), p) for p in PERIODS]
        self.period.description = _t("sensitivity.period", lang)
        self.with_reforms.description = _t("sensitivity.with_reforms", lang)

    def _render_all(self, too_many: int = 0) -> None:
        self._render_sensitivity()
        self._render(too_many)

    # ---- every alternative at once ---------------------------------------------------------
    def _render_sensitivity(self) -> None:
        lang = self.lang
        self.heading.value = (f"<h3>{html.escape(_t('sensitivity.heading', lang))}</h3>"
                              f"<p>{html.escape(_t('sensitivity.view_intro', lang))}</p>")
        found = self.found
        if found is None:
            for part in (self.headline, self.alternatives, self.robust_map, self.robust_table, self.for_whom):
                part.value = ""
            return
        self.headline.value = f"<p><b>{html.escape(found.summary(lang).splitlines()[0])}</b></p>"
        self.alternatives.value = _heading(_t("sensitivity.alternatives_heading", lang)) + html_table(
            format_frame(self._alternatives_table()), "rx-sensitivity-table")
        self.robust_map.value = _heading(_t("sensitivity.map_heading", lang)) + robustness_svg(found, lang)
        self.robust_table.value = _heading(_t("sensitivity.robust_heading", lang)) + html_table(
            format_frame(self._robust_table()), "rx-robust-by-table")
        self.for_whom.value = _heading(_t("sensitivity.for_whom_heading", lang)) + html_table(
            format_frame(self._for_whom_table()), "rx-sensitivity-by-table")

    def _name(self, reading: str, alternative: str) -> tuple[str, str]:
        """(reading label, alternative label) of a table row; a reform's row names the reform."""
        lang = self.lang
        if reading == REFORM:
            return (_t("sensitivity.reform_column", lang),
                    _t("sensitivity.reform_name", lang, name=reform_title(alternative, lang)))
        return labels.header(reading, lang), labels.value_label(alternative, lang)

    def _alternatives_table(self) -> pd.DataFrame:
        """One row per alternative and reform: its labels, the sentences behind it, what changes."""
        found, lang = self.found, self.lang
        assert found is not None
        table = found.table
        words = readings(self.results().params).set_index(["name", "alternative"])
        described = {r.name: r.describe(lang) for r in self.reforms}
        rows = []
        for _, row in table.iterrows():
            reading, alternative = self._name(row["reading"], row["alternative"])
            if row["reading"] == REFORM:
                behind = described.get(row["alternative"], "")
            else:
                behind = words.loc[(row["reading"], row["alternative"]), "sentences"]
            rows.append({
                _t("sensitivity.col.reading", lang): reading,
                _t("sensitivity.col.alternative", lang): alternative,
                _t("sensitivity.col.guidance", lang): behind,
                **{_t(f"sensitivity.col.{m}", lang): int(row[f"{m} changed"])
                   for m in ("status", "apply_by", "fees_eur", "gap_days", "visits")},
            })
        return pd.DataFrame(rows)

    def _robust_table(self) -> pd.DataFrame:
        """Per expiry period: scenarios, how many hold under every reading, and what the others
        depend on (the robustness map as a table)."""
        found, lang = self.found, self.lang
        assert found is not None
        table = found.robust_by(self.period.value)
        out = pd.DataFrame({_t("sensitivity.col.expiry_period", lang): table["expiry period"],
                            _t("sensitivity.col.total", lang): table["total"],
                            _t("sensitivity.col.robust", lang): table["robust"],
                            _t("sensitivity.col.depends", lang): table["depends"]})
        for i, name in enumerate(found.names):
            if table[name].any():
                title = bit_name(name, i, found, lang)
                out[_t("sensitivity.col.depends_on", lang, name=title)] = table[name]
        return out

    def _for_whom_table(self) -> pd.DataFrame:
        """Per expiry period and alternative: scenarios whose status changes (alternatives that
        change no status on this grid are left out)."""
        found, lang = self.found, self.lang
        assert found is not None
        by = found.by(self.period.value)
        moved = by.groupby(["reading", "alternative"], sort=False)["status changed"].transform("sum") > 0
        by = by[moved]
        period = _t("sensitivity.col.expiry_period", lang)
        out = pd.DataFrame({period: pd.unique(by["expiry period"])})
        for (reading, alternative), part in by.groupby(["reading", "alternative"], sort=False):
            r, a = self._name(reading, alternative)
            out[a if reading == REFORM else f"{r}: {a}"] = part["status changed"].to_numpy()
        return out

    # ---- the sidebar's readings against the baseline ---------------------------------------
    def _render(self, too_many: int = 0) -> None:
        lang = self.lang
        results = self.results()
        line = readings_in_force_html(results.params, lang) if results and results.params else ""
        self.intro.value = (_heading(_t("sensitivity.sidebar_heading", lang))
                            + f"<p>{html.escape(labels.ui_text('readings.compared_intro', lang))}</p>{line}")
        if too_many:
            self.changes.value = "<p>" + html.escape(labels.ui_text(
                "readings.too_many", lang, rows=format_number(too_many, lang, 0),
                limit=format_number(MAX_COMPARE_ROWS, lang, 0))) + "</p>"
            self.transitions.value = ""
            return
        if self.comparison is None:
            self.changes.value = f"<p>{html.escape(labels.ui_text('readings.compared_none', lang))}</p>"
            self.transitions.value = ""
            return
        moves = self.comparison.status_transitions
        moves = moves[moves["changed"]].drop(columns="changed")
        self.changes.value = _section(labels.ui_text("readings.changes", lang),
                                      self.comparison.changes, "rx-readings-changes-table", lang)
        self.transitions.value = _section(labels.ui_text("readings.transitions", lang), moves,
                                          "rx-readings-transitions-table", lang)


def _heading(title: str) -> str:
    return f"<h4>{html.escape(title)}</h4>"


def _section(title: str, frame: pd.DataFrame, css_class: str, lang: str) -> str:
    """A heading and a labelled table (a table of measures with its money totals in euro)."""
    table = html_table(format_measures(frame, lang), css_class)
    return f"{_heading(title)}{table}"


def readings_in_force_html(params: Parameters, lang: str) -> str:
    """The line naming the readings in force that differ from their baseline (readings_line)."""
    return f'<div class="rx-readings-in-force">{html.escape(readings_line(params, lang))}</div>'
