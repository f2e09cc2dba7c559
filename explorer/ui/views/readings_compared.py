"""The Readings compared view: what changes on the current grid between the baseline readings
and the readings chosen in the sidebar (explorer.compare on the same sweep)."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets
import pandas as pd

from ... import labels
from ...core.parameters import Parameters
from ...whatif.compare import Comparison, compare
from ...whatif.readings_table import readings_line
from ..formatting import format_frame, html_table
from ..model import Results
from ..tags import tagged

MAX_COMPARE_ROWS = 1_000_000  # two evaluations side by side: beyond this use a coarser granularity


def baseline_readings(params: Parameters) -> Parameters:
    """`params` with every reading at its baseline (its first alternative)."""
    changes = {n: params[n].alternatives[0].value for n in params.readings
               if params.reading(n) != params[n].alternatives[0].value}
    return params.replace(**changes) if changes else params


class ReadingsComparedView:
    """Rows changing status, fees, visits and days without a card, and the status moves."""

    def __init__(self, results: Callable[[], Results | None]) -> None:
        self.results = results
        self.lang = "en"
        self.comparison: Comparison | None = None
        self._key: object = None
        self.intro = tagged(widgets.HTML(), "rx-readings-compared-intro")
        self.changes = tagged(widgets.HTML(), "rx-readings-changes")
        self.transitions = tagged(widgets.HTML(), "rx-readings-transitions")
        self.widget = tagged(widgets.VBox([self.intro, self.changes, self.transitions]),
                             "rx-readings-compared")

    def refresh(self) -> None:
        """Compare the current grid under baseline and chosen readings (once per grid and readings)."""
        results = self.results()
        if results is None or results.params is None:
            return
        key = results.settings
        if key != self._key:
            chosen = results.params
            base = baseline_readings(chosen)
            if base is chosen:
                self.comparison = None
            elif results.rows > MAX_COMPARE_ROWS:
                self.comparison = None
                self._key = None
                self._render(too_many=results.rows)
                return
            else:
                self.comparison = compare(base, chosen, sweep=results.settings.sweep_kwargs())
            self._key = key
        self._render()

    def set_language(self, lang: str) -> None:
        """Headings, headers and values in `lang` (no new comparison)."""
        self.lang = lang
        self._render()

    def _render(self, too_many: int = 0) -> None:
        lang = self.lang
        results = self.results()
        line = readings_in_force_html(results.params, lang) if results and results.params else ""
        self.intro.value = f"<p>{html.escape(labels.ui_text('readings.compared_intro', lang))}</p>{line}"
        if too_many:
            self.changes.value = "<p>" + html.escape(labels.ui_text("readings.too_many", lang).format(
                rows=f"{too_many:,}", limit=f"{MAX_COMPARE_ROWS:,}")) + "</p>"
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


def _section(title: str, frame: pd.DataFrame, css_class: str, lang: str) -> str:
    """A heading and a labelled table."""
    table = html_table(format_frame(labels.labelled(frame, lang), lang), css_class)
    return f"<h4>{html.escape(title)}</h4>{table}"


def readings_in_force_html(params: Parameters, lang: str) -> str:
    """The line naming the readings in force that differ from their baseline (readings_line)."""
    return f'<div class="rx-readings-in-force">{html.escape(readings_line(params, lang))}</div>'
