"""A sortable table widget of a summary frame, shown as formatted text (real HTML in the browser)."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets
import pandas as pd

from ... import labels
from ..formatting import format_frame, html_table
from ..model import Results
from ..view import View

try:  # itables renders a sortable DataTables <table> offline
    from itables.widget import ITable
except ImportError:  # pragma: no cover - the dashboard extra lists itables
    ITable = None

PAGE_LENGTH = 25


class TableView(View):
    """One summary table: `show(frame)` formats and displays it; `frame` keeps the displayed text."""

    def __init__(self, css_class: str, caption_key: str = "", mounted: bool = True,
                 caption: str = "", of_results: str = "") -> None:
        """`caption_key` names the caption in the ui section of data/outputs.yaml (it follows
        set_language); a view that builds its tables per language passes the text as `caption`.
        `of_results` names the table of the dashboard's results it shows (a tab's table; empty: the
        owner shows frames itself)."""
        self.css_class = css_class
        self.of_results = of_results
        self.caption_key = caption_key
        self.lang = "en"
        self.caption = labels.ui_text(caption_key, self.lang) if caption_key else caption
        self._source: pd.DataFrame | Callable[[], pd.DataFrame] = pd.DataFrame()
        self._raw: pd.DataFrame | None = None
        self._frame: pd.DataFrame | None = None
        self.table: widgets.Widget | None = None
        self.widget = widgets.VBox()
        self.visible = mounted
        self._stale = False
        if mounted:
            self.mount()

    def mount(self) -> None:
        """Create the table widget (once), holding the latest frame.

        Tables of closed tabs are created when the tab first opens: every table widget ships
        its scripts to the page, so fewer of them at first makes the page open faster, and a
        table first drawn while visible lays out correctly."""
        if self.table is None:
            self.table = self._new_table(self.frame)
            self.widget.children = [self.table]
            self._stale = False

    def set_visible(self, visible: bool) -> None:
        """Whether the table's tab is open: a closed tab's table is brought up to date when
        it opens, not on every recompute (redrawing a long table costs a fifth of a second)."""
        self.visible = visible
        if visible:
            self.mount()
            if self._stale:
                self._push()

    def grid_changed(self, results: Results, showing: bool) -> None:
        """The results' table, computed when first needed (its tab opens)."""
        if self.of_results:
            self.show(lambda: getattr(results, self.of_results))

    def tab_changed(self, showing: bool, results: Results | None) -> None:
        """A tab's table is drawn while its tab is open (brought up to date when it opens)."""
        if self.of_results:
            self.set_visible(showing)

    def show(self, frame: pd.DataFrame | Callable[[], pd.DataFrame]) -> None:
        """Display `frame` (raw values, code headers) labelled in the view's language, as
        formatted, sortable text; a callable is called when the table is first needed (its tab
        opens, or `raw` / `frame` is read), so a closed tab's table costs nothing."""
        self._source = frame
        self._raw = None
        self._refresh()

    @property
    def raw(self) -> pd.DataFrame:
        """The frame shown, as given (raw values, code headers)."""
        if self._raw is None:
            self._raw = self._source() if callable(self._source) else self._source
        return self._raw

    @property
    def frame(self) -> pd.DataFrame:
        """The frame shown, labelled and formatted as text."""
        if self._frame is None:
            self._frame = format_frame(labels.labelled(self.raw, self.lang), self.lang)
        return self._frame

    def set_language(self, lang: str) -> None:
        """Caption, headers and values in `lang`."""
        self.lang = lang
        if self.caption_key:
            self.caption = labels.ui_text(self.caption_key, lang)
        self._refresh()

    def _refresh(self) -> None:
        """Forget the formatted text; redraw now when the table is on the page."""
        self._frame = None
        self._stale = True
        if self.table is not None and self.visible:
            self._push()

    def _push(self) -> None:
        self._stale = False
        if ITable is not None:
            self.table.update(self.frame, caption=self.caption)
        else:
            self.table.value = html_table(self.frame, self.css_class + "-inner")

    def _new_table(self, frame: pd.DataFrame) -> widgets.Widget:
        if ITable is not None:
            table = ITable(frame, caption=self.caption, classes="display compact cell-border",
                           pageLength=PAGE_LENGTH, lengthMenu=[10, 25, 100, 1000])
        else:
            table = widgets.HTML(html_table(frame, self.css_class + "-inner"))
        table.add_class(self.css_class)
        return table
