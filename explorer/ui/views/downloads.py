"""Downloads of the current grid: CSV and an Excel workbook (grid + the three tables), in the browser.

Built only when asked (the Downloads tab opens), since an Excel workbook of a big grid takes seconds.
Browsers cap data: URIs around 2 MB; a bigger grid is pointed at the command line (explorer sweep),
which has no such limit. Nothing is written on the server: many readers share it.
"""

from __future__ import annotations

import base64
import html
import threading
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ...interfaces.export import to_bytes
from ...labels import Language, labelled, ui_text
from ...words.formats import format_number
from ..model import Results
from ..tags import tagged
from ..view import View

MAX_LINK_BYTES = 1_500_000  # raw bytes; about 2 MB once base64-encoded
MAX_LINK_ROWS = 50_000  # beyond this the CSV is far above the cap: do not even build it
MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as CSV (explorer.interfaces.export.to_bytes: formula-like text is neutralised)."""
    return to_bytes(frame, "csv")


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame], lang: Language = "codes") -> bytes:
    """An Excel workbook with one sheet per frame (explorer.interfaces.export.to_bytes); `lang`
    picks the Excel date and money formats of a workbook for people."""
    return to_bytes(dict(sheets), "xlsx", lang)


SHEETS = ("grid", "status", "deadlines", "fees")


def workbook_sheets(results: Results, lang: Language = "codes") -> dict[str, pd.DataFrame]:
    """The sheets of the workbook: the grid and the three summary tables; in "en" or "sk" a
    workbook for people (sheet names, headers, values and yes/no in words), in "codes" for machines."""
    frames = (results.result, results.status, results.deadlines, results.fees)
    if lang == "codes":
        return dict(zip(SHEETS, frames, strict=True))
    return {ui_text(f"sheet.{key}", lang): labelled(frame, lang)
            for key, frame in zip(SHEETS, frames, strict=True)}


def data_link(payload: bytes, filename: str, kind: str, label: str, css_class: str, lang: str = "en") -> str:
    """An <a download> link carrying the payload as a base64 data: URI, its size in the language."""
    data = base64.b64encode(payload).decode("ascii")
    size = ui_text("downloads.size", lang, mb=len(payload) / 1e6)
    return (f'<a class="{css_class}-link" download="{filename}" href="data:{MIME[kind]};base64,{data}">'
            f"{label}</a> {size}")


class DownloadsView(View):
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
        # per language: state (preparing, link, rows, book), rows, book (a workbook for people
        # is in the page's language; each language's is built once per grid)
        self._xlsx: dict[str, tuple[str, int, bytes]] = {}
        self.csv = tagged(widgets.HTML(), "rx-download-csv")
        self.csv_note = widgets.HTML()
        self.xlsx = tagged(widgets.HTML(), "rx-download-xlsx")
        self.intro = widgets.HTML()
        self.widget = widgets.VBox([self.intro, self.csv, self.csv_note, self.xlsx])
        self.widget.add_class("rx-downloads")
        self.set_language(self.lang)

    def set_language(self, lang: str) -> None:
        """Show every text in `lang` ("en" or "sk"), the links' files unchanged (nothing rebuilt)."""
        ui_text("downloads.intro", lang)  # an unknown language is an ExplorerError before anything changes
        self.lang = lang
        limit = ui_text("downloads.limit", lang, limit=format_number(MAX_LINK_ROWS, lang, 0))
        self.intro.value = f"<p>{html.escape(ui_text('downloads.intro', lang))} {html.escape(limit)}</p>"
        self._show_csv()
        if self.built_for is not None and lang not in self._xlsx:
            self._start_xlsx(self.built_for)  # the workbook in this language, built once
        self._show_xlsx()

    def _say(self, key: str, **values: Any) -> str:
        """A downloads.* string in the view's language, filled in the language's formats."""
        return ui_text(f"downloads.{key}", self.lang, **values)

    def _show_csv(self) -> None:
        if self._csv is None:
            return
        rows, payload = self._csv
        self.csv.value = (data_link(payload, "residence-grid.csv", "csv", self._say("csv_link_n", n=rows),
                                    "rx-download-csv", self.lang) if payload
                          else self._say("csv_too_big_n", n=rows))
        self.csv_note.value = f'<p style="font-size:12px">{html.escape(self._say("csv_codes"))}</p>' \
            if payload else ""

    def _show_xlsx(self) -> None:
        if self.lang not in self._xlsx:
            return
        state, rows, book = self._xlsx[self.lang]
        if state == "link":
            self.xlsx.value = data_link(book, "residence-grid.xlsx", "xlsx", self._say("xlsx_link"),
                                        "rx-download-xlsx", self.lang)
        elif state == "rows":  # the unit word takes the count's plural form
            self.xlsx.value = self._say("xlsx_too_many_rows_n", n=rows)
        else:
            self.xlsx.value = self._say({"preparing": "preparing", "book": "xlsx_too_big"}[state], rows=rows)

    slow_to_open = True  # the CSV and the workbook are built when the tab opens

    def grid_changed(self, results: Results, showing: bool) -> None:
        """The files of the new grid: built now when the tab is open, else when it opens."""
        if showing:
            self.refresh(results)
        else:
            self.forget()

    def tab_changed(self, showing: bool, results: Results | None) -> None:
        """The files are built when the tab opens."""
        if showing and results is not None:
            self.refresh(results)

    def forget(self) -> None:
        """Drop the files built for an older grid (refresh builds them again for the new one)."""
        self.results = self.built_for = None
        self._csv = None
        self._xlsx = {}
        self.csv.value = self.csv_note.value = self.xlsx.value = ""

    def refresh(self, results: Results) -> None:
        """Rebuild the links for these results (skipped when already built for them)."""
        self.results = results
        if self.built_for is results:
            return
        rows = results.rows
        payload = csv_bytes(results.result) if rows <= MAX_LINK_ROWS else b""
        self._csv = (rows, payload if len(payload) <= MAX_LINK_BYTES else b"")
        self._show_csv()
        self._xlsx = {}
        self._start_xlsx(results)
        self.built_for = results

    def _start_xlsx(self, results: Results) -> None:
        """Build the workbook of these results in the view's language (in a thread when background)."""
        lang, rows = self.lang, results.rows
        if rows > MAX_LINK_ROWS:
            self._xlsx[lang] = ("rows", rows, b"")
            self._show_xlsx()
        elif self.background:
            self._xlsx[lang] = ("preparing", rows, b"")
            self._show_xlsx()
            threading.Thread(target=self.guard(self._build_xlsx), args=(results, lang), daemon=True).start()
        else:
            self._build_xlsx(results, lang)

    def _build_xlsx(self, results: Results, lang: str = "en") -> None:
        book = xlsx_bytes(workbook_sheets(results, lang), lang)
        if self.results is not results:  # a newer grid arrived meanwhile: its own build will show
            return
        rows = results.rows
        self._xlsx[lang] = ("link", rows, book) if len(book) <= MAX_LINK_BYTES else ("book", rows, b"")
        if lang == self.lang:
            self._show_xlsx()
