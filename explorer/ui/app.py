"""The dashboard: sidebar, message and busy lines, and the view tabs, wired together."""

from __future__ import annotations

import dataclasses
import functools
import gc
import html
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as widgets

from .. import labels
from ..core.engine import default_parameters
from ..core.memory import keep_freed_memory, release_freed_memory
from ..core.parameters import Parameters
from ..interfaces.report import Person, ReportContent, ReportTables
from ..whatif.reforms import reform_title
from . import model
from .controls import Controls, option_values
from .debounce import Debouncer
from .errors import error_html, guarded, message_for
from .hub import lab_link_html
from .link import page_query
from .pageaid import PageAid
from .share import ShareBar, ViewNotComputed, view_rows
from .tabs import (
    MAP_TAB,
    PERSON_TAB,
    TAB_KEYS,
)
from .tags import tagged
from .urlstate import ViewState, choice
from .view import View
from .views.downloads import DownloadsView
from .views.map import MapView
from .views.person import PersonView
from .views.population import PopulationView
from .views.readings_compared import ReadingsComparedView, readings_in_force_html
from .views.tables import TableView
from .views.whatif import WhatIfView

log = logging.getLogger("explorer.ui")
TAB_TITLES = tuple(labels.ui_text(f"tab.{key}", "en") for key in TAB_KEYS)
LANGUAGES = (("English", "en"), ("Slovensky", "sk"))
DEBOUNCE_SECONDS = 0.25
RELEASE_ROWS = 500_000  # after a grid this big is replaced by a smaller one, its memory goes back


def busy_html(lang: str) -> str:
    """The busy indicator: a spinner and "Computing..." in `lang`."""
    return ('<span class="rx-spinner" style="display:inline-block;width:12px;height:12px;'
            'border:2px solid #999;border-top-color:#1f4e79;border-radius:50%;'
            'animation:rx-spin 0.8s linear infinite"></span> '
            f'{html.escape(labels.ui_text("busy", lang))}'
            '<style>@keyframes rx-spin{to{transform:rotate(360deg)}}</style>')


def one_at_a_time(method: Callable[..., Any]) -> Callable[..., Any]:
    """Run a Dashboard method holding the page lock, so no two threads change the views at once."""

    @functools.wraps(method)
    def locked(self: Dashboard, *args: Any, **kwargs: Any) -> Any:
        with self._page_lock:
            return method(self, *args, **kwargs)

    return locked


class Dashboard(widgets.VBox):
    """The whole dashboard as one widget (CSS class rx-app); `recompute_now()` runs a sweep at once."""

    def __init__(self, params: Parameters | None = None, debounce: float | None = DEBOUNCE_SECONDS) -> None:
        super().__init__()
        self.params = params if params is not None else default_parameters()
        self.results: model.Results | None = None
        self.view_ok = False  # the view the controls describe computed (False: its error is shown)
        self.lang = "en"
        initial = model.default_settings(self.params)
        self.controls = Controls(self.params, initial)
        self.message = tagged(widgets.HTML(), "rx-message")
        self.busy = widgets.HTML(busy_html(self.lang), layout=widgets.Layout(visibility="hidden"))
        self.busy.add_class("rx-busy")
        self.status_line = tagged(widgets.HTML(), "rx-status")
        self.readings_line = tagged(widgets.HTML(), "rx-readings-line")
        self.language = tagged(widgets.ToggleButtons(options=list(LANGUAGES), value="en"), "rx-language")
        self.language.style.button_width = "90px"
        self.message_source = ""
        self.message_again: Callable[[str], str] | None = None  # says the message in another language
        self._restoring = False
        # One lock for everything that changes the page's views: a recompute runs in the debouncer's
        # timer thread while a language switch, a tab or a pick arrive on the kernel's main thread,
        # and two threads editing one plotly figure at once can lose an edit (a legend left English).
        self._page_lock = threading.RLock()
        guard = guarded(self.show_message, lambda: self.lang, failed=self.show_error)
        person_guard = guarded(lambda text: self.show_message(text, source="person"), lambda: self.lang,
                               lock=self._page_lock, failed=lambda exc: self.show_error(exc, "person"))

        self.map_view = MapView(on_select=guard(self.select_person))
        self.status_view = TableView("rx-status-table", "caption.status_table", mounted=False,
                                     of_results="status")
        self.deadlines_view = TableView("rx-deadlines-table", "caption.deadlines_table", mounted=False,
                                        of_results="deadlines")
        self.fees_view = TableView("rx-fees-table", "caption.fees_table", mounted=False, of_results="fees")
        self.readings_view = ReadingsComparedView(lambda: self.results)
        self.person_view = PersonView(self.params, lambda: self.controls.settings().fixed_inputs(),
                                      person_guard, initial.expiry_start, initial.application_start,
                                      on_ok=lambda: self.clear_message("person"))
        self.downloads_view = DownloadsView(guard, background=debounce is not None)
        self.population_view = PopulationView(
            self.params, lambda: self.whatif_view.reform,
            guarded(lambda text: self.show_message(text, source="population"), lambda: self.lang,
                    failed=lambda exc: self.show_error(exc, "population")),
            on_ok=lambda: self.clear_message("population"), background=debounce is not None)
        self.whatif_view = WhatIfView(
            self.params, lambda: self.results,
            guarded(lambda text: self.show_message(text, source="whatif"), lambda: self.lang,
                    failed=lambda exc: self.show_error(exc, "whatif")),
            on_ok=lambda: self.clear_message("whatif"), on_reform=self.population_view.reform_changed,
            debounce=debounce)
        self.status_heading = widgets.HTML()
        # The views on each tab, in the tabs' order (ui.tabs): the Dashboard calls the View protocol
        # on each (ui.view) and names no tab in its branches.
        self.tab_views: list[list[View]] = [
            [self.map_view], [self.deadlines_view, self.status_view], [self.fees_view], [self.person_view],
            [self.downloads_view], [self.whatif_view], [self.population_view], [self.readings_view],
        ]
        self.views = [view for views in self.tab_views for view in views]
        self.tab_contents = [
            self.map_view.widget,
            widgets.VBox([self.deadlines_view.widget, self.status_heading, self.status_view.widget]),
            self.fees_view.widget,
            self.person_view.widget,
            self.downloads_view.widget,
            self.whatif_view.widget,
            self.population_view.widget,
            self.readings_view.widget,
        ]
        # Each tab's content goes on the page when the tab is first opened: the first render
        # then draws one tab, not seven (faster page open, fewer widgets per session).
        self.tab_boxes = [widgets.VBox() for _ in self.tab_contents]
        self.tab_boxes[MAP_TAB].children = [self.tab_contents[MAP_TAB]]
        self.tabs = tagged(widgets.Tab(children=self.tab_boxes, titles=TAB_TITLES), "rx-tabs")
        self._elapsed = 0.0
        self.tabs.observe(guard(self._on_tab), names="selected_index")

        self.language.observe(guard(lambda change: self.set_language(change["new"])), names="value")
        header = widgets.HBox([self.language, self.busy, self.status_line])
        link_state = ViewState()
        self.register(link_state)
        self.share = ShareBar(self, link_state)
        main = widgets.VBox([header, self.readings_line, self.message, self.share.widget, self.tabs],
                            layout=widgets.Layout(flex="1 1 auto", min_width="0"))
        self.title = tagged(widgets.HTML(), "rx-title")
        self.page_aid = PageAid()
        body = tagged(widgets.HBox([self.controls.widget, main]), "rx-body")
        self.children = [self.page_aid, self.title, body]
        self.add_class("rx-app")

        self._recompute_guarded = guard(self._recompute)
        self.debouncer = Debouncer(self._recompute_guarded, debounce)
        self.controls.observe(lambda _change: None if self._restoring else self.debouncer.trigger())
        self._label_page()
        self.recompute_now()
        self._show_page_notice()
        self.sync_figures()

    @property
    def picked(self) -> bool:
        """Whether a person was picked (map click, One person inputs, or a link)."""
        return self.person_view.picked

    def register(self, state: ViewState) -> None:
        """Register the page's link fields on `state`, in the order a link sets them: the language,
        the sidebar (readings included), each view's own fields in the tabs' order (the picked
        person, the What if reform and its edits, the readings view's period), then the open tab."""
        state.add_value("lang", self.language, choice(option_values(self.language)))
        self.controls.register(state)
        for view in self.views:
            view.register(state)
        state.add("tab", lambda: TAB_KEYS[self.tabs.selected_index or 0],
                  lambda key: setattr(self.tabs, "selected_index", TAB_KEYS.index(key)),
                  choice(TAB_KEYS), watch=[(self.tabs, "selected_index")])

    def report_content(self) -> ReportContent:
        """The report of the current view: the main tabs' results (their tables and map, never one
        row per scenario), the picked person, the link. Refused (ViewNotComputed) when the view on
        the page did not compute: the last good results would contradict its link."""
        results = self.results
        if results is None or not self.view_ok:
            raise ViewNotComputed("the view on the page has an error")
        params = results.params or self.params
        lang = self.lang
        view = view_rows(dataclasses.asdict(results.settings), params, lang)
        reform = self.whatif_view.reform
        if reform is not None:
            title = reform_title(reform.name, lang)  # "custom" in the report's words
            view[labels.ui_text("report.view.whatif", lang)] = f"{title}: {reform.describe(lang)}"
        person = Person(self.person_view.inputs()) if self.picked else None
        grid = results.grid
        tables = ReportTables(results.rows, grid.expiry.to_numpy(), grid.application.to_numpy(), grid.codes,
                              results.status, results.deadlines, results.fees)
        return ReportContent(result=None, params=params, view=view, person=person, link=self.share.link.url,
                             tables=tables, sweep=results.settings.sweep_kwargs(), lang=lang)

    @one_at_a_time
    def set_language(self, lang: str) -> None:
        """Every label on the page in `lang` ("en" or "sk"); the numbers and colours stay."""
        self.lang = lang
        self.page_aid.lang = lang
        if self.language.value != lang:
            self.language.value = lang  # observed: comes back here once more, harmlessly
        self.controls.set_language(lang)
        for view in self.views:
            view.set_language(lang)
        self._label_page()
        if self.message_source == "page":
            self._show_page_notice()
        elif self.message_again is not None and self.message.value:
            self.message.value = error_html(self.message_again(lang))  # the message, now in `lang`
        self.sync_figures()

    def _show_page_notice(self) -> None:
        """The notice voila.py asks for (a catalogue key in EXPLORER_PAGE_NOTICE), in the page's language."""
        notice = page_notice(self.lang)
        if notice:
            self.show_message(notice, source="page")

    def _label_page(self) -> None:
        """The dashboard's own strings: tab titles, headings, busy text, the readings line."""
        self.title.value = (f'<h1 style="font-size:26px;font-weight:400;margin:6px 0">'
                            f'{html.escape(labels.ui_text("page.title", self.lang))}</h1>'
                            f'<p>{html.escape(labels.ui_text("page.subtitle", self.lang))}</p>'
                            + lab_link_html(self.lang))
        self.tabs.titles = tuple(labels.ui_text(f"tab.{key}", self.lang) for key in TAB_KEYS)
        self.share.set_language(self.lang)
        heading = labels.ui_text("heading.status_counts", self.lang)
        self.status_heading.value = f"<h4>{html.escape(heading)}</h4>"
        self.busy.value = busy_html(self.lang)
        params = self.results.params if self.results is not None and self.results.params else self.params
        self.readings_line.value = readings_in_force_html(params, self.lang)
        if self.results is not None:
            self.status_line.value = self._status_text(self.results, self._elapsed)

    def _status_text(self, results: model.Results, elapsed: float) -> str:
        return html.escape(labels.ui_text(
            "status.line_n", self.lang, n=results.rows,
            granularity=labels.ui_text(f"choice.{results.settings.granularity}", self.lang),
            computed=results.seconds, shown=elapsed))

    # -- actions ------------------------------------------------------------------------------------
    def recompute_now(self) -> None:
        """Recompute every view from the controls now, in this thread (errors go to rx-message)."""
        self.debouncer.cancel()
        self._recompute_guarded()

    @one_at_a_time
    def open_link(self, query: str | None) -> list[str]:
        """Restore the view a link's query string describes; one message line per unknown or bad value,
        said in the page's language once the link is applied (its `lang` first) and again after a
        language switch."""
        self._restoring = True
        try:
            said = self.share.state.restore(query)
        finally:
            self._restoring = False
        self.recompute_now()
        self.share.show_messages(said)
        self.share.update()
        self.sync_figures()
        return [message(self.lang) for message in said]

    def show_message(self, text: str, source: str = "grid",
                     again: Callable[[str], str] | None = None) -> None:
        """Show an error message in red (rx-message); the views keep their last results.  `again(lang)`
        says the same message in another language (a language switch shows it so)."""
        self.message.value = error_html(text)
        self.message_source = source
        self.message_again = again

    def show_error(self, exc: BaseException, source: str = "grid") -> None:
        """Show an exception's message in the page's language, and keep the exception (not its text)
        so that a language switch says it again in the new language."""
        self.show_message(message_for(exc, self.lang), source, again=lambda lang: message_for(exc, lang))

    def clear_message(self, source: str = "grid") -> None:
        """Clear the message if it came from `source` (the grid or the person view)."""
        if self.message_source == source:
            self.message.value = ""
            self.message_source = ""
            self.message_again = None

    @one_at_a_time
    def select_person(self, expiry: Any, application: Any) -> None:
        """Open the One person tab on these dates (the options map's click handler)."""
        settings = self.controls.settings()
        with self.share.held():  # the link changes once, to the person on the One person tab
            self.person_view.initialise(
                option="b" if settings.path in ("b", "both") else "a",
                expedited=settings.expedited == "yes", delivery=settings.delivery == "yes",
            )
            self.person_view.select(expiry, application)
            self.tabs.selected_index = PERSON_TAB

    def release_memory(self) -> bool:
        """Hand the memory of grids no longer shown back to the system (the reader moved on from a
        big grid: the kernel keeps the process's peak otherwise, see explorer.core.memory)."""
        gc.collect()
        return release_freed_memory()

    def sync_figures(self) -> None:
        """Put the figures' current data in their synced state, so a page drawn now shows it."""
        for view in self.views:
            view.sync_state()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        self.sync_figures()
        return super()._repr_mimebundle_(**kwargs)

    # -- internals ----------------------------------------------------------------------------------
    @one_at_a_time
    def _recompute(self) -> None:
        self.busy.layout.visibility = "visible"
        started = time.perf_counter()
        self.view_ok = False
        try:
            settings = self.controls.settings()
            # .rows, not len(.result): reading .result builds every row of the previous grid
            previous_rows = self.results.rows if self.results is not None else 0
            results = model.compute(settings, self.params)
            self.results = results
            # Each view takes the new grid: the open tab's views now, the others what they need
            # (the map its statuses; tables and files are computed when their tab opens).
            open_tab = self.tabs.selected_index or 0
            for index, views in enumerate(self.tab_views):
                for view in views:
                    view.grid_changed(results, showing=index == open_tab)
            self.clear_message("grid")
            if previous_rows >= RELEASE_ROWS and results.rows < previous_rows:
                self.release_memory()
            self.view_ok = True
            self._elapsed = time.perf_counter() - started
            self.status_line.value = self._status_text(results, self._elapsed)
            self.readings_line.value = readings_in_force_html(results.params, self.lang)
            log.info("recomputed %d rows in %.3f s", results.rows, self._elapsed)
        finally:
            self.busy.layout.visibility = "hidden"

    def _mount(self, index: int) -> None:
        """Put a tab's content on the page (once), its figures up to date."""
        if not self.tab_boxes[index].children:
            self.sync_figures()
            self.tab_boxes[index].children = [self.tab_contents[index]]

    @one_at_a_time
    def _on_tab(self, change: dict) -> None:
        index = change["new"]
        self._mount(index)
        slow = any(view.slow_to_open for view in self.tab_views[index])
        if slow:
            self.busy.layout.visibility = "visible"
        try:
            for tab, views in enumerate(self.tab_views):
                for view in views:
                    view.tab_changed(tab == index, self.results)
        finally:
            if slow:
                self.busy.layout.visibility = "hidden"


PAGE_NOTICES = {"template_missing": ("missing", "fallback")}
"""The notices voila.py may ask for (EXPLORER_PAGE_NOTICE) and the variables filling each one."""
NOTICE_COMMANDS = {"setup": "make setup", "install": "pip install -e ."}


def page_notice(lang: str, environ: Mapping[str, str] | None = None) -> str:
    """The sentence of the notice voila.py set in the environment, in `lang` ("" when none).

    EXPLORER_PAGE_NOTICE holds a notice code (catalogue page.notice.<code>), and
    EXPLORER_PAGE_NOTICE_<NAME> its values: the configuration file holds no sentence."""
    environ = os.environ if environ is None else environ
    code = environ.get("EXPLORER_PAGE_NOTICE", "")
    if code not in PAGE_NOTICES:
        return ""
    values = {name: environ.get(f"EXPLORER_PAGE_NOTICE_{name.upper()}", "?") for name in PAGE_NOTICES[code]}
    return labels.ui_text(f"page.notice.{code}", lang, **values, **NOTICE_COMMANDS)


def build_app(params: Parameters | None = None, debounce: float | None = DEBOUNCE_SECONDS) -> Dashboard:
    """The whole dashboard widget, showing the view of the page's link; `debounce=None` recomputes
    synchronously on each change (tests)."""
    keep_freed_memory()
    app = Dashboard(params, debounce)
    query = page_query()  # in a preheated kernel this waits for the page's request
    if query:
        app.open_link(query)
    return app
