"""Downloads of the current grid: CSV and an Excel workbook (grid + the three tables), in the browser.

Built only when asked (the Downloads tab opens), since an Excel workbook of a big grid takes seconds.
Browsers cap data: URIs around 2 MB; a bigger grid is pointed at the command line (explorer sweep),
which has no such limit. Nothing is written on the server: many readers share it.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ...interfaces.export import to_bytes
from ...labels import ui_text
from ..model import Results
from ..tags import tagged

MAX_LINK_BYTES = 1_500_000  # raw bytes; about 2 MB once base64-encoded
MAX_LINK_ROWS = 50_000  # beyond this the CSV is far above the cap: do not even build it
MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as CSV (explorer.interfaces.export.to_bytes: formula-like text is neutralised)."""
    return to_bytes(frame, "csv")


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An Excel workbook with one sheet per frame (explorer.interfaces.export.to_bytes)."""
    return to_bytes(dict(sheets), "xlsx")


def workbook_sheets(results: Results) -> dict[str, pd.DataFrame]:
    """The sheets of the workbook: the grid and the three summary tables."""
    return {"grid": results.result, "status": results.status, "deadlines": results.deadlines,
            "fees": results.fees}


def data_link(payload: bytes, filename: str, kind: str, label: str, css_class: str) -> str:
    """An <a download> link carrying the payload as a base64 data: URI."""
    data = base64.b64encode(payload).decode("ascii")
    return (f'<a class="{css_class}-link" download="{filename}" href="data:{MIME[kind]};base64,{data}">'
            f"{label}</a> ({len(payload) / 1e6:,.2f} MB)")


class DownloadsView:
    """Links to the current grid; `refresh(results)` rebuilds them.

    `set_language(lang)` redraws every text in English or Slovak from the files already built."""

    def __init__(self, guard: Callable[[Callable[..., Any]], Callable[..., Any]],
                 background: bool = True) -> None:
        self.background = background
        self.guard = guard
        self.results: Results | None = None
        self.built_for: Results | None = None
        self.lang = "en"
        self._csv: tuple[int, bytes] | None = None  # rows and CSV bytes (b"" when too big) shown
        self._xlsx: tuple[str, int, bytes] | None = None  # state (preparing, link, rows, book), rows, book
        self.csv = tagged(widgets.HTML(), "rx-download-csv")
        self.xlsx = tagged(widgets.HTML(), "rx-download-xlsx")
        self.intro = widgets.HTML()
        self.widget = widgets.VBox([self.intro, self.csv, self.xlsx])
        self.widget.add_class("rx-downloads")
        self.set_language(self.lang)

    def set_language(self, lang: str) -> None:
        """Show every text in `lang` ("en" or "sk"), the links' files unchanged (nothing rebuilt)."""
        ui_text("downloads.intro", lang)  # an unknown language is an ExplorerError before anything changes
        self.lang = lang
        self.intro.value = (f"<p>{ui_text('downloads.intro', lang)} "
                            f"{ui_text('downloads.limit', lang).format(limit=f'{MAX_LINK_ROWS:,}')}</p>")
        self._show_csv()
        self._show_xlsx()

    def _say(self, key: str, **values: Any) -> str:
        """A downloads.* string in the view's language, filled in."""
        return ui_text(f"downloads.{key}", self.lang).format(**values)

    def _show_csv(self) -> None:
        if self._csv is None:
            return
        rows, payload = self._csv
        self.csv.value = (data_link(payload, "residence-grid.csv", "csv", self._say("csv_link", rows=rows),
                                    "rx-download-csv") if payload else self._say("csv_too_big", rows=rows))

    def _show_xlsx(self) -> None:
        if self._xlsx is None:
            return
        state, rows, book = self._xlsx
        if state == "link":
            self.xlsx.value = data_link(book, "residence-grid.xlsx", "xlsx", self._say("xlsx_link"),
                                        "rx-download-xlsx")
        else:
            self.xlsx.value = self._say({"preparing": "preparing", "rows": "xlsx_too_many_rows",
                                         "book": "xlsx_too_big"}[state], rows=rows)

    def forget(self) -> None:
        """Drop the files built for an older grid (refresh builds them again for the new one)."""
        self.results = self.built_for = None
        self._csv = self._xlsx = None
        self.csv.value = self.xlsx.value = ""

    def refresh(self, results: Results) -> None:
        """Rebuild the links for these results (skipped when already built for them)."""
        self.results = results
        if self.built_for is results:
            return
        rows = results.rows
        payload = csv_bytes(results.result) if rows <= MAX_LINK_ROWS else b""
        self._csv = (rows, payload if len(payload) <= MAX_LINK_BYTES else b"")
        self._show_csv()
        if rows > MAX_LINK_ROWS:
            self._xlsx = ("rows", rows, b"")
            self._show_xlsx()
        elif self.background:
            self._xlsx = ("preparing", rows, b"")
            self._show_xlsx()
            threading.Thread(target=self.guard(self._build_xlsx), args=(results,), daemon=True).start()
        else:
            self._build_xlsx(results)
        self.built_for = results

    def _build_xlsx(self, results: Results) -> None:
        book = xlsx_bytes(workbook_sheets(results))
        if self.results is not results:  # a newer grid arrived meanwhile: its own build will show
            return
        rows = results.rows
        self._xlsx = ("link", rows, book) if len(book) <= MAX_LINK_BYTES else ("book", rows, b"")
        self._show_xlsx()
