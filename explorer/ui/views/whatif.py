"""The What if view: a shipped reform and/or edited parameters against the baseline, on the sidebar's grid.

The comparison is explorer.compare on the same sweep arguments as the main views (so its
baseline side is what they show); the parameter editors only build a Reform (explorer.whatif.edits),
every check of a value is the parameters' own.
"""

from __future__ import annotations

import gc
import html
import threading
import time
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd

from ...core.columns import REASONS
from ...core.durations import Duration
from ...core.limits import DURATIONS
from ...core.memory import release_freed_memory
from ...core.parameters import Parameter, Parameters
from ...core.phrases import phrase
from ...core.rules.transition import STATUSES
from ...errors import ExplorerError
from ...labels import label, labelled, ui_text
from ...palette import STATUS_COLOURS
from ...person.explain import explain
from ...person.explain_steps import cite
from ...tables.hover import grid_size_text
from ...whatif.compare import Comparison, compare
from ...whatif.edits import build_reform, editable_parameters, reform_key
from ...whatif.reforms import CUSTOM, NO_REFORM, Reform, list_reforms, reform_title, series_words
from ...words import has as has_text
from ...words.catalogue import LANGS
from ...words.formats import format_number
from ..controls import option_values
from ..debounce import Debouncer
from ..formatting import format_frame
from ..model import Results, status_grid
from ..tags import tagged
from ..urlstate import DATE, INTEGER, TEXT, ViewState, choice, widget_setter
from ..view import View
from .map import MAX_CELLS, MapView, hover_data, hover_template, sync_figure_state

MAX_COMPARE_ROWS = 1_000_000  # two evaluations side by side: beyond this use a coarser granularity
COARSER_GRANULARITY = phrase("allowed.coarser_granularity",
                             "a coarser granularity (week or month) for the What if view")
"""What the What if view needs when the grid is too fine (one catalogue entry)."""
DATE_EXAMPLE = phrase("allowed.date_such_as", "a date such as 2021-06-30", example="2021-06-30")
"""What a date editor may hold (one catalogue entry)."""
RELEASE_ROWS = 100_000  # after comparing this many rows, the freed working memory goes back
MAP_HEIGHT = 380
MAP_WIDTH = 490  # fixed: two side by side fit the main area of a 1366 px screen
DIFF_STYLE = "font-weight:700;color:#8a4b00;background:#fff3cd"
CELL_STYLE = "padding:2px 10px;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap"
_DESCRIPTION_WIDTH = "170px"


class ParameterEditor:
    """One parameter's input (CSS class rx-param-<name>): its label as description; its label, unit
    and source (by title and section) as tooltip; its values in force, baseline and source as note."""

    def __init__(self, param: Parameter, lang: str = "en") -> None:
        self.name = param.name
        self.kind = param.kind
        self.unit = param.unit
        self.lang = lang
        self.param: Parameter | None = None
        self.baseline: Parameter | None = None
        self.reform: str | None = None  # the shipped reform the value in force comes from, if any
        self.duration_unit = str(param.values[-1].unit) if param.kind == "duration" else ""
        if param.kind == "date":
            self.widget: widgets.ValueWidget = widgets.DatePicker()
        elif param.kind == "money":
            self.widget = widgets.Text(continuous_update=False)
        elif param.kind == "duration":
            self.widget = widgets.IntText()
        else:
            raise ExplorerError(
                "parameter",
                param.name,
                phrase("allowed.editable_parameter", "a date, money or duration parameter"),
                problem=phrase(
                    "error.problem.not_editable",
                    f"cannot edit a {param.kind} parameter here",
                    kind=param.kind,
                ),
            )
        self.widget.add_class(f"rx-param-{param.name}")
        self.widget.style.description_width = _DESCRIPTION_WIDTH
        self.widget.layout.width = "330px"
        self.note = tagged(widgets.HTML(layout=widgets.Layout(width="330px")), "rx-param-note")
        self.box = widgets.VBox([self.widget, self.note])
        self.prefill: Any = None
        self.widget.description = label(self.name, lang)

    def fill(self, params: Parameters, baseline: Parameters, reform: str | None = None) -> None:
        """Show the value in force (latest) under `params`, with unit, baseline and source; `reform`
        names the shipped reform `params` come from (its changes cite it, not the guidance)."""
        param = params[self.name]
        value = params.value(self.name)
        if self.kind == "date":
            self.prefill = value
        elif self.kind == "money":
            self.prefill = str(value)
        else:
            self.prefill = int(param.values[-1].amount)
        self.widget.value = self.prefill
        self.param, self.baseline = param, baseline[self.name]
        self.reform = reform if reform is not None and param != self.baseline else None
        self.show_note()

    def set_language(self, lang: str) -> None:
        """Describe the editor in `lang`: its label, and the note and tooltip around the value."""
        self.widget.description = label(self.name, lang)
        self.lang = lang
        self.show_note()

    def source_text(self) -> str:
        """Where the value in force comes from, in the editor's language: the document's title and
        section, or the shipped reform that changes it (never a file or a code)."""
        if self.reform is not None:
            return ui_text("whatif.source_reform", self.lang, reform=reform_title(self.reform, self.lang))
        assert self.param is not None
        return cite(self.param.source, self.lang)

    def tooltip(self) -> str:
        """The tooltip: the parameter's label, its unit and its source, in the editor's language."""
        key = f"parameter.{self.name}.unit"
        unit = ui_text(key, self.lang) if has_text(key) else self.unit
        return ui_text("whatif.editor_tooltip", self.lang, parameter=label(self.name, self.lang), unit=unit,
                       source=self.source_text())

    def show_note(self) -> None:
        """The tooltip (label, unit, source) and the note (dated series, baseline, source)."""
        param = self.param
        if param is None or self.baseline is None:
            return
        tip = self.tooltip()
        self.widget.tooltip = tip
        parts = [html.escape(ui_text("whatif.dated", self.lang, series=series_words(param, self.lang)))
                 ] if param.dated else []
        parts += [f"{html.escape(label('baseline', self.lang))}: "
                  f"{html.escape(series_words(self.baseline, self.lang))}",
                  f'<span style="text-decoration:underline dotted">{html.escape(self.source_text())}</span>']
        self.note.value = (f'<div title="{html.escape(tip)}" style="font-size:11px;line-height:1.3;'
                           f'margin:0 0 4px 10px;color:#555">{"<br>".join(parts)}</div>')

    def change(self) -> Any:
        """The value to give Parameters.replace, or None when the editor still shows its prefill."""
        value = self.widget.value
        if self.kind == "date":
            if value is None:
                raise ExplorerError(self.name, None, DATE_EXAMPLE, problem=REASONS["missing_date"])
            return None if value == self.prefill else value
        if self.kind == "money":
            text = str(value).strip()
            return None if text == self.prefill else text
        if value == self.prefill:
            return None
        # a Duration, not the text "-1 days": an error names it in the page's words, plural and numbers
        duration = Duration(int(value), self.duration_unit)
        allowed = DURATIONS[self.duration_unit]
        if duration.amount < allowed.low or duration.amount > allowed.high:
            problem = (phrase("error.problem.negative_duration", "negative duration") if duration.amount < 0
                       else phrase("error.problem.out_of_range", "out of range"))
            raise ExplorerError(self.name, duration, allowed.phrase(), problem=problem)
        return duration


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


def status_legend(lang: str = "en") -> str:
    """One line of colour swatches naming the statuses (the maps' shared legend)."""
    swatch = "display:inline-block;width:12px;height:12px;vertical-align:middle;background:"
    items = "".join(f'<span style="margin-right:14px"><span style="{swatch}{colour}"></span> '
                    f"{html.escape(label(status, lang))}</span>" for status, colour in STATUS_COLOURS.items())
    return f'<div class="rx-whatif-legend" style="font-size:12px">{items}</div>'


def shown_deltas(deltas: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The deltas as displayed: euros (cents columns left out), choices as yes/no, all else formatted
    in `lang` (Slovak: decimal comma)."""
    frame = deltas[[c for c in deltas.columns if "(cents)" not in c]].copy()
    for name in ("expedited", "delivery"):
        frame[name] = frame[name].map(lambda v: "yes" if v is True else "no" if v is False else str(v))
    return format_frame(frame, lang)


class WhatIfView(View):
    """Reform picker, parameter editors and the comparison tables/maps (CSS class rx-whatif).

    `refresh()` compares on the dashboard's current grid (skipped when nothing changed);
    `on_reform(reform)` is told whenever the reform in force changes (the Population view
    listens); `set_language(lang)` redraws every text in English or Slovak without comparing again."""

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
        self.explanation = None  # the person explained, in the view's language
        self._explanations: dict[str, Any] = {}  # ... and in each language
        self.lang = "en"
        self._why: tuple[Any, Any, str, list[str]] | None = None  # the person explained: dates, path, choices
        self._compared: tuple[int, str, float] | None = None  # rows, granularity and seconds of the last run
        self._grid_shape: tuple[int, int] = (0, 0)  # expiry and application days of the maps' grid
        self._shown_key: tuple | None = None
        self._filling = False
        self._relabelling = False
        self._lock = threading.RLock()  # a refresh (debouncer thread) and a language switch never interleave

        self.picker = widgets.Dropdown(options=self._picker_options(), value=CUSTOM)
        self.picker.add_class("rx-reform")
        self.picker.layout.width = "420px"
        self.description = tagged(widgets.HTML(), "rx-whatif-description")
        self.limit = tagged(widgets.HTML(), "rx-whatif-limit")
        self.apply = widgets.Button(button_style="primary", icon="")
        self.apply.add_class("rx-whatif-apply")
        self.editors = {n: ParameterEditor(params[n]) for n in editable_parameters(params)}
        self.status = tagged(widgets.HTML(), "rx-whatif-status")
        self.summary = tagged(widgets.HTML(), "rx-whatif-summary")
        self.maps = tagged(widgets.HBox(), "rx-whatif-maps")
        self.map_views: list[MapView] = []
        self.transitions = tagged(widgets.HTML(), "rx-whatif-transitions")
        self.deltas = tagged(widgets.HTML(), "rx-whatif-deltas")
        self.shifts = tagged(widgets.HTML(), "rx-whatif-shifts")
        self.why = widgets.HTML()
        self.why.add_class("rx-whatif-why")
        self.parameters_heading = widgets.HTML()
        self.legend = widgets.HTML()
        self.headings = {key: widgets.HTML() for key in ("transitions", "deltas", "shifts", "why")}

        editors = widgets.GridBox([e.box for e in self.editors.values()], layout=widgets.Layout(
            grid_template_columns="repeat(auto-fill, 340px)", grid_gap="4px 10px"))
        self.widget = widgets.VBox([
            widgets.HBox([self.picker, self.apply]), self.description, self.limit, self.parameters_heading,
            editors, self.status, self.summary, self.legend, self.maps,
            self.headings["transitions"], self.transitions, self.headings["deltas"], self.deltas,
            self.headings["shifts"], self.shifts, self.headings["why"], self.why,
        ])
        self.widget.add_class("rx-whatif")
        self.set_language(self.lang)

        self.refresh_guarded = guard(self.refresh)
        self.debouncer = Debouncer(lambda: self.refresh_guarded(force=False), debounce)
        self.picker.observe(guard(self._on_pick), names="value")
        for editor in self.editors.values():
            editor.widget.observe(self._on_edit, names="value")
        self.apply.on_click(lambda _b: self.refresh_guarded(force=True))
        self.fill(self.params)
        self.select_guarded = guard(self.select_person)

    # -- language -----------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """Show every text of the view in `lang` ("en" or "sk"): controls, headings, the comparison
        on the page (tables, summary, maps) and the person explained; nothing is compared again."""
        ui_text("whatif.reform", lang)  # an unknown language is an ExplorerError before anything changes
        with self._lock:
            self._relabel(lang)

    def _relabel(self, lang: str) -> None:
        self.lang = lang
        self.picker.description = ui_text("whatif.reform", lang)
        self._relabelling = True
        try:
            value = self.picker.value
            self.picker.options = self._picker_options()
            self.picker.value = value
        finally:
            self._relabelling = False
        self.apply.description = ui_text("whatif.apply", lang)
        for editor in self.editors.values():
            editor.set_language(lang)
        self.show_description()
        limit = ui_text("whatif.limit", lang, limit=format_number(MAX_COMPARE_ROWS, lang, 0))
        self.limit.value = f'<p style="font-size:12px">{html.escape(limit)}</p>'
        self.parameters_heading.value = (f"<b>{html.escape(ui_text('whatif.parameters', lang))}</b> "
                                         + html.escape(ui_text("whatif.parameters_hint", lang,
                                             apply=ui_text("whatif.apply", lang))))
        self.legend.value = status_legend(lang)
        for key, heading in self.headings.items():
            heading.value = f"<h4>{html.escape(ui_text(f'whatif.{key}', lang))}</h4>"
        if self.comparison is not None:
            self._render()
        self._show_status()
        self._show_why()

    def _picker_options(self) -> list[tuple[str, str]]:
        """(shown title, name) of the dropdown: each shipped reform's title, then custom, in the language."""
        return [(reform_title(name, self.lang), name) for name in [*self.shipped, CUSTOM]]

    def show_description(self) -> None:
        """The picked reform's description, or the custom one's hint."""
        shipped = self.shipped_reform()
        text = shipped.describe(self.lang) if shipped else ui_text("whatif.custom_description", self.lang)
        self.description.value = f"<p><small>{html.escape(text)}</small></p>"

    # -- the reform in force ------------------------------------------------------------------------
    def shipped_reform(self) -> Reform | None:
        """The reform picked in the dropdown (None for custom)."""
        return self.shipped.get(self.picker.value)

    def fill(self, params: Parameters) -> None:
        """Prefill every editor from `params` without triggering a comparison per editor."""
        shipped = self.shipped_reform()
        self._filling = True
        try:
            for editor in self.editors.values():
                editor.fill(params, self.params, shipped.name if shipped else None)
        finally:
            self._filling = False
        self.show_description()

    def current_reform(self) -> tuple[Reform | None, Parameters]:
        """The reform the picker and editors describe and its parameters; ExplorerError on a bad value."""
        edits = {name: change for name, editor in self.editors.items()
                 if (change := editor.change()) is not None}
        reform = build_reform(self.shipped_reform(), edits)  # apply() checks each change
        try:
            return reform, (reform.apply(self.params) if reform else self.params)
        except ExplorerError as exc:
            name = str(exc.field).rpartition(".")[2]
            if name not in edits:
                raise
            # an edited box's value: name the box, not the reform the page built from it ("reform 'custom'")
            raise ExplorerError(name, exc.value, exc.allowed_phrase or exc.allowed,
                                problem=exc.problem_phrase or exc.problem) from None

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
            rows = results.rows
            if rows > MAX_COMPARE_ROWS:
                raise ExplorerError("granularity", results.settings.granularity, COARSER_GRANULARITY,
                                    problem=phrase("error.problem.too_many_rows",
                                                   f"{rows:,} grid rows are too many to compare "
                                                   f"(at most {MAX_COMPARE_ROWS:,})",
                                                   rows=rows, max=MAX_COMPARE_ROWS))
            started = time.perf_counter()
            against = reform if reform is not None else Reform(NO_REFORM, NO_REFORM, {})
            comparison = compare(self.params, against, sweep=results.settings.sweep_kwargs())
            self.show(comparison)
            del comparison
            self._shown_key = key
            self._compared = (rows, results.settings.granularity, time.perf_counter() - started)
            if rows >= RELEASE_ROWS:  # the two evaluations' working memory goes back to the system
                gc.collect()
                release_freed_memory()
            self._show_status()
            if self.on_ok is not None:
                self.on_ok()

    def register(self, state: ViewState) -> None:
        """The view's link fields: the reform picked and each parameter edited (`edit.<parameter>`)."""
        state.add_value("reform", self.picker, choice(option_values(self.picker)))
        for name, editor in self.editors.items():
            state.add(f"edit.{name}", _edited(editor), widget_setter(editor.widget), EDIT_CODECS[editor.kind],
                      watch=[(editor.widget, "value")])

    def grid_changed(self, results: Results, showing: bool) -> None:
        """Compare on the new grid (with its parameters) when the tab is open; else drop the old
        comparison and compare when the tab opens."""
        self.params = results.params
        if showing:
            self.refresh_guarded()
        else:
            self.forget()

    def tab_changed(self, showing: bool, results: Results | None) -> None:
        """Compare on the current grid when the tab opens."""
        if showing:
            self.refresh_guarded()

    def forget(self) -> None:
        """Drop the comparison of an older grid (its rows hold hundreds of MB on a big grid) and
        hand its memory back; the tab compares again for the new grid when it opens."""
        if self.comparison is None or self.comparison.rows is None:
            return
        rows = len(self.comparison.rows)
        self.comparison = None
        self._shown_key = None
        if rows >= RELEASE_ROWS:
            gc.collect()
            release_freed_memory()

    def _show_status(self) -> None:
        """How many rows the last comparison took, on which grid, in how long."""
        if self._compared is None:
            return
        rows, granularity, seconds = self._compared
        self.status.value = html.escape(ui_text("whatif.compared", self.lang,
            rows=rows, granularity=ui_text(f"choice.{granularity}", self.lang), seconds=seconds))

    def show(self, comparison: Comparison) -> None:
        """Put a comparison on the page: summary, two status maps and the three tables."""
        transitions = comparison.status_transitions
        deltas = comparison.deltas
        shifts = comparison.date_shifts
        self.shown = {"transitions": format_frame(transitions), "deltas": shown_deltas(deltas),
                      "shifts": format_frame(shifts)}
        self.map_views = [self._map(comparison, side) for side in ("baseline", "reform")]
        self.maps.children = [v.widget for v in self.map_views]
        self.comparison = comparison
        self._render()

    def _render(self) -> None:
        """Draw the comparison on the page in the view's language: tables, summary and map texts."""
        comparison, lang = self.comparison, self.lang
        if comparison is None:
            return
        transitions, deltas, shifts = (comparison.status_transitions, comparison.deltas,
                                       comparison.date_shifts)
        shown = self.shown if lang == "en" else {  # numbers and dates as the language writes them
            "transitions": format_frame(transitions, lang), "deltas": shown_deltas(deltas, lang),
            "shifts": format_frame(shifts, lang)}
        shown = {name: labelled(frame, lang) for name, frame in shown.items()}
        self.transitions.value = marked_table(shown["transitions"], "rx-whatif-transitions-table",
                                              row_marks=transitions["changed"].to_numpy(dtype=bool))
        self.deltas.value = marked_table(shown["deltas"], "rx-whatif-deltas-table",
                                         marks=difference_marks(deltas[[c for c in deltas.columns
                                                                        if "(cents)" not in c]]))
        self.shifts.value = marked_table(shown["shifts"], "rx-whatif-shifts-table",
                                         row_marks=(shifts["rows changed"] > 0).to_numpy())
        text = comparison.summary(lang, reform_name=reform_title(comparison.reform_name, lang))
        self.summary.value = f"<pre style='white-space:pre-wrap'>{html.escape(text)}</pre>"
        for view, side in zip(self.map_views, ("baseline", "reform"), strict=True):
            title = (ui_text("whatif.baseline", lang) if side == "baseline" else
                     f"{ui_text('whatif.reform', lang)}: {reform_title(comparison.reform_name, lang)}")
            self._label_map(view, title)

    def _map(self, comparison: Comparison, side: str) -> MapView:
        """A fresh status map of one side (a new figure is drawn whole by the page, never blank)."""
        rows = comparison.rows
        view = MapView(on_select=self.select_guarded, pick_form=False)
        view.access.set_language(self.lang)
        grid = status_grid(pd.DataFrame({"card_expiry": rows["card_expiry"],
                                         "application_date": rows["application_date"],
                                         "status": rows[f"status_{side}"]}))
        view.show(grid)
        self._grid_shape = grid.codes.shape
        view.figure.update_layout(height=MAP_HEIGHT, width=MAP_WIDTH,
                                  margin={"l": 70, "r": 10, "t": 40, "b": 40})
        view.figure.data[0].showscale = False  # one legend above both maps instead
        return view

    def _label_map(self, view: MapView, title: str) -> None:
        """A map's title, axes, hover text, status names and note in the view's language."""
        lang = self.lang
        view.access.set_language(lang)
        expiry, application, status = (ui_text(f"map.{key}", lang) for key in
                                       ("expiry_axis", "application_axis", "legend_title"))
        trace = view.figure.data[0]
        with view.figure.batch_update():
            view.figure.update_layout(title={"text": title}, xaxis_title_text=application,
                                      yaxis_title_text=expiry)
            if view.grid is not None:  # statuses in the language; the dates by the template (map.hover_data)
                trace.text = hover_data(view.grid.strided(MAX_CELLS)[0], lang, self.params)
            trace.colorbar.ticktext = [label(s, lang) for s in STATUSES]
            trace.colorbar.title.text = status
            trace.hovertemplate = hover_template(lang)
        note = grid_size_text(*self._grid_shape, lang)
        if view.step > 1:
            note += ui_text("whatif.map_step", lang, step=view.step)
        view.note.value = f"<small>{html.escape(note)}.</small>"
        sync_figure_state(view.figure)

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
        # told in both languages now (one person: cheap), so a language switch computes nothing
        self._explanations = {lang: explain(expiry, application, params=reformed, baseline=self.params,
                                            lang=lang, **inputs) for lang in LANGS}
        self.explanation = self._explanations[self.lang]
        choices = [k for k in ("expedited", "delivery") if inputs[k]]
        self._why = (expiry, application, inputs["option"], choices)
        self._show_why()

    def _show_why(self) -> None:
        """The explained person's heading in the view's language, then the explanation (or the hint)."""
        if self._why is None or self.explanation is None:
            self.why.value = f"<p><i>{html.escape(ui_text('whatif.why_hint', self.lang))}</i></p>"
            return
        expiry, application, option, choices = self._why
        explanation = self.explanation = self._explanations.get(self.lang, self.explanation)
        head = ui_text("whatif.why_head", self.lang,
            expiry=expiry, application=application, path=option,
            choices="".join(f", {ui_text(f'control.{k}', self.lang)}" for k in choices),
            changed=len(explanation.changed_steps), steps=len(explanation.steps))
        self.why.value = f"<p><b>{html.escape(head)}</b></p>" + explanation.to_html()

    # -- callbacks ----------------------------------------------------------------------------------
    def _on_pick(self, change: dict) -> None:
        if self._relabelling:
            return
        shipped = self.shipped_reform()
        self.fill(shipped.apply(self.params) if shipped else self.params)
        self.debouncer.trigger()

    def _on_edit(self, change: dict) -> None:
        if not self._filling:
            self.debouncer.trigger()


EDIT_CODECS = {"date": DATE, "money": TEXT, "duration": INTEGER}
"""How an edited value of each kind is written in the page's link."""


def _edited(editor: ParameterEditor) -> Callable[[], Any]:
    """An editor's link value: None (left out of the link) while it shows its prefilled value."""
    return lambda: None if editor.widget.value == editor.prefill else editor.widget.value
