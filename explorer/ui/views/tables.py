"""A sortable table widget of a summary frame, shown as formatted text (real HTML in the browser)."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..formatting import format_frame, html_table

try:  # itables renders a sortable DataTables <table> offline
    from itables.widget import ITable
except ImportError:  # pragma: no cover - the dashboard extra lists itables
    ITable = None

PAGE_LENGTH = 25


class TableView:
    """One summary table: `show(frame)` formats and displays it; `frame` keeps the displayed text."""

    def __init__(self, css_class: str, caption: str = "") -> None:
        self.css_class = css_class
        self.caption = caption
        self.frame = pd.DataFrame()
        if ITable is not None:
            self.table = ITable(pd.DataFrame(), caption=caption, classes="display compact cell-border",
                                pageLength=PAGE_LENGTH, lengthMenu=[10, 25, 100, 1000])
        else:
            self.table = widgets.HTML()
        self.table.add_class(css_class)
        self.widget = self.table

    def show(self, frame: pd.DataFrame) -> None:
        """Display `frame` (raw values) as formatted, sortable text."""
        self.frame = format_frame(frame)
        if ITable is not None:
            self.table.update(self.frame, caption=self.caption)
        else:
            self.table.value = html_table(self.frame, self.css_class + "-inner")
