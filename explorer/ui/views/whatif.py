"""The What if view: a shipped reform and/or edited parameters against the baseline, on the sidebar's grid.

The comparison is explorer.compare on the same sweep arguments as the main views (so its
baseline side is what they show); the parameter editors only build a Reform, every check of
a value is the parameters' own.
"""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd

from ...compare import Comparison, compare
from ...errors import ExplorerError
from ...explain import explain
from ...parameters import Parameter, Parameters
from ...reforms import Reform, list_reforms, readable_series
from ..debounce import Debouncer
from ..formatting import format_frame
from ..model import Results, status_grid
from ..tags import tagged
from .map import STATUS_COLOURS, MapView

CUSTOM = "custom"
EDITABLE_KINDS = ("date", "money")
PROCESSING = ("standard_processing", "expedited_processing")
MAX_COMPARE_ROWS = 1_000_000  # two evaluations side by side: beyond this use a coarser granularity
MAP_HEIGHT = 380
MAP_WIDTH = 490  # fixed: two side by side fit the main area of a 1366 px screen
DIFF_STYLE = "font-weight:700;color:#8a4b00;background:#fff3cd"
CELL_STYLE = "padding:2px 10px;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap"
NO_REFORM = "no change"
_DESCRIPTION_WIDTH = "170px"


def editable_parameters(params: Parameters) -> list[str]:
    """Names of the parameters the view edits: every date and fee, and the two processing times."""
    names = [n for n in params.names if params[n].kind in EDITABLE_KINDS]
    return names + [n for n in PROCESSING if n in params]


class ParameterEditor:
    """One parameter's input (CSS class rx-param-<name>) with its unit and source as tooltip and note."""

    def __init__(self, param: Parameter) -> None:
        self.name = param.name
        self.kind = param.kind
        self.unit = param.unit
        self.duration_unit = str(param.values[-1].unit) if param.kind == "duration" else ""
        if param.kind == "date":
            self.widget: widgets.ValueWidget = widgets.DatePicker(description=param.name)
        elif param.kind == "money":
            self.widget = widgets.Text(description=param.name, continuous_update=False)
        elif param.kind == "duration":
            self.widget = widgets.IntText(description=param.name)
        else:
            raise ExplorerError("parameter", param.name, "a date, money or duration parameter",
                                problem=f"cannot edit a {param.kind} parameter here")
        self.widget.add_class(f"rx-param-{param.name}")
        self.widget.style.description_width = _DESCRIPTION_WIDTH
        self.widget.layout.width = "330px"
        self.note = tagged(widgets.HTML(layout=widgets.Layout(width="330px")), "rx-param-note")
        self.box = widgets.VBox([self.widget, self.note])
        self.prefill: Any = None

    def fill(self, params: Parameters, baseline: Parameters) -> None:
        """Show the value in force (latest) under `params`, with unit, baseline and source."""
        param = params[self.name]
        value = params.value(self.name)
        if self.kind == "date":
            self.prefill = value
        elif self.kind == "money":
            self.prefill = str(value)
        else:
            self.prefill = int(param.values[-1].amount)
        self.widget.value = self.prefill
        tip = f"{self.unit}. Source: {param.source}"
        self.widget.tooltip = tip
        series = readable_series(param)
        dated = f" (dated: {series})" if param.dated else ""
        self.note.value = (f'<div title="{html.escape(tip)}" style="font-size:11px;line-height:1.3;'
                           f'margin:0 0 4px 10px;color:#555">{html.escape(self.unit)}{html.escape(dated)}; '
                           f"baseline {html.escape(readable_series(baseline[self.name]))}; "
                           f'<span style="text-decoration:underline dotted">source</span>: '
                           f"{html.escape(param.source.section)}</div>")

    def change(self) -> Any:
        """The value to give Parameters.replace, or None when the editor still shows its prefill."""
        value = self.widget.value
        if self.kind == "date":
            if value is None:
                raise ExplorerError(self.name, None, "a date such as 2021-06-30", problem="missing date")
            return None if value == self.prefill else value
        if self.kind == "money":
            text = str(value).strip()
            return None if text == self.prefill else text
        return None if value == self.prefill else f"{value} {self.duration_unit}"


def build_reform(shipped: Reform | None, edits: dict[str, Any]) -> Reform | None:
    """One Reform of a shipped reform's changes overridden by edited values; None when nothing changes."""
    if shipped is None and not edits:
        return None
    if not edits:
        return shipped
    changes = {**(dict(shipped.changes) if shipped else {}), **edits}
    edited = ", ".join(f"{k} = {v}" for k, v in edits.items())
    name = f"{shipped.name} + edits" if shipped else CUSTOM
    description = (f"{shipped.description} Edited: {edited}." if shipped else f"Edited: {edited}.")
    return Reform(name, description, changes)


def reform_key(reform: Reform | None) -> str:
    """A comparable identity of a reform's content (Reform holds a dict, so it is not hashable)."""
    if reform is None:
        return ""
    return repr((reform.name, sorted((k, repr(v)) for k, v in reform.changes.items())))


def difference_marks(frame: pd.DataFrame) -> np.ndarray:
    """True at the non-zero cells of the 'difference' columns (the cells to highlight)."""
    marks = np.zeros(frame.shape, dtype=bool)
    for j, name in enumerate(frame.columns):
        if "difference" in str(name):
            values = pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=np.float64, na_value=0.0)
            marks[:, j] = values != 0
    return marks


def marked_table(shown: pd.DataFrame, css_class: str, marks: np.ndarray | None = None,
                 row_marks: np.ndarray | None = None) -> str:
    """An HTML table of formatted text; marked cells (or whole rows) bold on a yellow ground."""
    head = "".join(f'<th style="{CELL_STYLE}">{html.escape(str(c))}</th>' for c in shown.columns)
    body = []
    for i, row in enumerate(shown.itertuples(index=False)):
        row_marked = row_marks is not None and bool(row_marks[i])
        cells = []
        for j, value in enumerate(row):
            marked = row_marked or (marks is not None and bool(marks[i, j]))
            style = f"{CELL_STYLE};{DIFF_STYLE}" if marked else CELL_STYLE
            attrs = f' class="rx-diff" style="{style}"' if marked else f' style="{style}"'
            cells.append(f"<td{attrs}>{html.escape(str(value))}</td>")
        body.append(f'<tr{" class=rx-changed-row" if row_marked else ""}>' + "".join(cells) + "</tr>")
    return (f'<div style="overflow-x:auto"><table class="{css_class}" style="border-collapse:collapse">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


def status_legend() -> str:
    """One line of colour swatches naming the statuses (the maps' shared legend)."""
    swatch = "display:inline-block;width:12px;height:12px;vertical-align:middle;background:"
    items = "".join(f'<span style="margin-right:14px"><span style="{swatch}{colour}"></span> '
                    f"{html.escape(status)}</span>" for status, colour in STATUS_COLOURS.items())
    return f'<div class="rx-whatif-legend" style="font-size:12px">{items}</div>'


def shown_deltas(deltas: pd.DataFrame) -> pd.DataFrame:
    """The deltas as displayed: euros (cents columns left out), choices as yes/no, all else formatted."""
    frame = deltas[[c for c in deltas.columns if "(cents)" not in c]].copy()
    for name in ("expedited", "delivery"):
        frame[name] = frame[name].map(lambda v: "yes" if v is True else "no" if v is False else str(v))
    return format_frame(frame)


class WhatIfView:
    """Reform picker, parameter editors and the comparison tables/maps (CSS class rx-whatif).

    `refresh()` compares on the dashboard's current grid (skipped when nothing changed);
    `on_reform(reform)` is told whenever the reform in force changes (the Population view
    listens)."""

    def __init__(self, params: Parameters, results: Callable[[], Results | None],
                 guard: Callable[[Callable[..., Any]], Callable[..., Any]],
                 on_ok: Callable[[], None] | None = None,
                 on_reform: Callable[[Reform | None], None] | None = None,
                 debounce: float | None = None) -> None:
        self.params = params
        self.results = results
        self.on_ok = on_ok
        self.on_reform = on_reform
        self.shipped = {r.name: r for r in list_reforms()}
        self.reform: Reform | None = None
        self.reform_params: Parameters | None = None
        self.comparison: Comparison | None = None
        self.shown: dict[str, pd.DataFrame] = {}
        self.explanation = None
        self._shown_key: tuple | None = None
        self._filling = False
        self._lock = threading.Lock()

        self.picker = widgets.Dropdown(options=[*self.shipped, CUSTOM], value=CUSTOM, description="Reform")
        self.picker.add_class("rx-reform")
        self.picker.layout.width = "420px"
        self.description = tagged(widgets.HTML(), "rx-whatif-description")
        self.apply = widgets.Button(description="Apply", button_style="primary", icon="")
        self.apply.add_class("rx-whatif-apply")
        self.editors = {n: ParameterEditor(params[n]) for n in editable_parameters(params)}
        self.status = tagged(widgets.HTML(), "rx-whatif-status")
        self.summary = tagged(widgets.HTML(), "rx-whatif-summary")
        self.maps = tagged(widgets.HBox(), "rx-whatif-maps")
        self.map_views: list[MapView] = []
        self.transitions = tagged(widgets.HTML(), "rx-whatif-transitions")
        self.deltas = tagged(widgets.HTML(), "rx-whatif-deltas")
        self.shifts = tagged(widgets.HTML(), "rx-whatif-shifts")
        self.why = widgets.HTML("<p><i>Click a cell of either map to see why that person's outcome "
                                "changes (path, expedited and delivery as in the sidebar).</i></p>")
        self.why.add_class("rx-whatif-why")

        editors = widgets.GridBox([e.box for e in self.editors.values()], layout=widgets.Layout(
            grid_template_columns="repeat(auto-fill, 340px)", grid_gap="4px 10px"))
        self.widget = widgets.VBox([
            widgets.HBox([self.picker, self.apply]), self.description,
            widgets.HTML("<b>Parameters</b> (prefilled from the reform, else the baseline; edit and "
                         "press Enter or Apply)"),
            editors, self.status, self.summary, widgets.HTML(status_legend()), self.maps,
            widgets.HTML("<h4>Status transitions (rows per baseline -> reform status)</h4>"),
            self.transitions,
            widgets.HTML("<h4>Fees, visits and days without a card: baseline, reform, difference</h4>"),
            self.deltas,
            widgets.HTML("<h4>Date shifts (reform minus baseline)</h4>"), self.shifts,
            widgets.HTML("<h4>Why, for one person</h4>"), self.why,
        ])
        self.widget.add_class("rx-whatif")

        self.refresh_guarded = guard(self.refresh)
        self.debouncer = Debouncer(lambda: self.refresh_guarded(force=False), debounce)
        self.picker.observe(guard(self._on_pick), names="value")
        for editor in self.editors.values():
            editor.widget.observe(self._on_edit, names="value")
        self.apply.on_click(lambda _b: self.refresh_guarded(force=True))
        self.fill(self.params)
        self.select_guarded = guard(self.select_person)

    # -- the reform in force ------------------------------------------------------------------------
    def shipped_reform(self) -> Reform | None:
        """The reform picked in the dropdown (None for custom)."""
        return self.shipped.get(self.picker.value)

    def fill(self, params: Parameters) -> None:
        """Prefill every editor from `params` without triggering a comparison per editor."""
        self._filling = True
        try:
            for editor in self.editors.values():
                editor.fill(params, self.params)
        finally:
            self._filling = False
        shipped = self.shipped_reform()
        self.description.value = (f"<p><small>{html.escape(shipped.description)}</small></p>" if shipped
                                  else "<p><small>Custom: edit the parameters below.</small></p>")

    def current_reform(self) -> tuple[Reform | None, Parameters]:
        """The reform the picker and editors describe and its parameters; ExplorerError on a bad value."""
        shipped = self.shipped_reform()
        start = shipped.apply(self.params) if shipped else self.params
        edits = {}
        for name, editor in self.editors.items():
            change = editor.change()
            if change is not None:
                start.replace(**{name: change})  # the parameter's own check, named plainly
                edits[name] = change
        reform = build_reform(shipped, edits)
        return reform, (reform.apply(self.params) if reform else self.params)

    # -- computing ----------------------------------------------------------------------------------
    def refresh(self, force: bool = False) -> None:
        """Compare baseline and reform on the dashboard's current grid and show the result."""
        with self._lock:
            results = self.results()
            reform, reform_params = self.current_reform()
            if reform_key(reform) != reform_key(self.reform):
                self.reform, self.reform_params = reform, reform_params
                if self.on_reform is not None:
                    self.on_reform(reform)
            if results is None:
                return
            key = (results.settings, reform_key(reform))
            if key == self._shown_key and not force:
                if self.on_ok is not None:
                    self.on_ok()
                return
            rows = len(results.result)
            if rows > MAX_COMPARE_ROWS:
                raise ExplorerError("granularity", results.settings.granularity,
                                    "a coarser granularity (week or month) for the What if view",
                                    problem=f"{rows:,} grid rows are too many to compare "
                                            f"(at most {MAX_COMPARE_ROWS:,})")
            started = time.perf_counter()
            against = reform if reform is not None else Reform(NO_REFORM, "the baseline itself", {})
            comparison = compare(self.params, against, sweep=results.settings.sweep_kwargs())
            self.show(comparison)
            self._shown_key = key
            self.status.value = html.escape(
                f"Compared {rows:,} rows ({results.settings.granularity} grid, as in the other tabs) "
                f"in {time.perf_counter() - started:.2f} s.")
            if self.on_ok is not None:
                self.on_ok()

    def show(self, comparison: Comparison) -> None:
        """Put a comparison on the page: summary, two status maps and the three tables."""
        transitions = comparison.status_transitions
        deltas = comparison.deltas
        shifts = comparison.deadline_shifts
        self.shown = {"transitions": format_frame(transitions), "deltas": shown_deltas(deltas),
                      "shifts": format_frame(shifts)}
        self.transitions.value = marked_table(self.shown["transitions"], "rx-whatif-transitions-table",
                                              row_marks=transitions["changed"].to_numpy(dtype=bool))
        self.deltas.value = marked_table(self.shown["deltas"], "rx-whatif-deltas-table",
                                         marks=difference_marks(deltas[[c for c in deltas.columns
                                                                        if "(cents)" not in c]]))
        self.shifts.value = marked_table(self.shown["shifts"], "rx-whatif-shifts-table",
                                         row_marks=(shifts["rows changed"] > 0).to_numpy())
        self.summary.value = f"<pre style='white-space:pre-wrap'>{html.escape(comparison.summary())}</pre>"
        self.map_views = [self._map(comparison, side) for side in ("baseline", "reform")]
        self.maps.children = [v.widget for v in self.map_views]
        self.comparison = comparison

    def _map(self, comparison: Comparison, side: str) -> MapView:
        """A fresh status map of one side (a new figure is drawn whole by the page, never blank)."""
        rows = comparison.rows
        view = MapView(on_select=self.select_guarded)
        view.show(status_grid(pd.DataFrame({"card_expiry": rows["card_expiry"],
                                            "application_date": rows["application_date"],
                                            "status": rows[f"status_{side}"]})))
        title = "Baseline" if side == "baseline" else f"Reform: {comparison.reform_name}"
        view.figure.update_layout(height=MAP_HEIGHT, width=MAP_WIDTH, title={"text": title},
                                  margin={"l": 70, "r": 10, "t": 40, "b": 40})
        view.figure.data[0].showscale = False  # one legend above both maps instead
        view.note.value = f"<small>{html.escape(view.note.value.split('.')[0])}.</small>"
        view.sync_state()
        return view

    def sync_state(self) -> None:
        """Make the maps' synced state match their data (before the page first draws them)."""
        for view in self.map_views:
            view.sync_state()

    def select_person(self, expiry: Any, application: Any) -> None:
        """Explain one (expiry, application) cell under the reform, changed steps highlighted."""
        results = self.results()
        settings = results.settings if results is not None else None
        inputs: dict[str, Any] = dict(settings.fixed_inputs()) if settings else {}
        inputs.update(option="b" if settings is None or settings.path in ("b", "both") else "a",
                      expedited=settings is not None and settings.expedited == "yes",
                      delivery=settings is not None and settings.delivery == "yes")
        expiry, application = pd.Timestamp(expiry).date(), pd.Timestamp(application).date()
        reformed = self.reform_params if self.reform_params is not None else self.params
        explanation = explain(expiry, application, params=reformed, baseline=self.params, **inputs)
        self.explanation = explanation
        choices = "".join(f", {k}" for k in ("expedited", "delivery") if inputs[k])
        head = (f"Card expiry {expiry}, application {application}, path {inputs['option']}{choices}: "
                f"{len(explanation.changed_steps)} of {len(explanation.steps)} steps change.")
        self.why.value = f"<p><b>{html.escape(head)}</b></p>" + explanation.to_html()

    # -- callbacks ----------------------------------------------------------------------------------
    def _on_pick(self, change: dict) -> None:
        shipped = self.shipped_reform()
        self.fill(shipped.apply(self.params) if shipped else self.params)
        self.debouncer.trigger()

    def _on_edit(self, change: dict) -> None:
        if not self._filling:
            self.debouncer.trigger()

