"""Downloads of the current grid: CSV, an Excel workbook (grid + the three tables), or a server folder.

Built only when asked (the Downloads tab opens), since an Excel workbook of a big grid takes seconds.
Browsers cap data: URIs around 2 MB, so bigger files are offered as a save to a folder on the server.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ...export import to_bytes, write_bytes
from ..model import Results
from ..tags import tagged

MAX_LINK_BYTES = 1_500_000  # raw bytes; about 2 MB once base64-encoded
MAX_LINK_ROWS = 50_000  # beyond this the CSV is far above the cap: do not even build it
MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as CSV (explorer.export.to_bytes: text that looks like a formula is neutralised)."""
    return to_bytes(frame, "csv")


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An Excel workbook with one sheet per frame (explorer.export.to_bytes)."""
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
    """Links to the current grid; `refresh(results)` rebuilds them, the button saves to `folder`."""

    def __init__(self, guard: Callable[[Callable[..., Any]], Callable[..., Any]],
                 folder: Path | None = None, background: bool = True) -> None:
        self.background = background
        self.guard = guard
        self.folder = folder if folder is not None else Path.cwd() / "exports"
        self.results: Results | None = None
        self.built_for: Results | None = None
        self.csv = tagged(widgets.HTML(), "rx-download-csv")
        self.xlsx = tagged(widgets.HTML(), "rx-download-xlsx")
        self.save = widgets.Button(description="Save to server folder", icon="", tooltip=str(self.folder))
        self.save.add_class("rx-save-server")
        self.saved = tagged(widgets.HTML(), "rx-saved")
        self.save.on_click(guard(lambda _b: self.save_to_folder()))
        self.widget = widgets.VBox([
            widgets.HTML("<p>The current grid (every row of the sweep) and the summary tables.</p>"),
            self.csv, self.xlsx, widgets.HBox([self.save, self.saved]),
        ])
        self.widget.add_class("rx-downloads")

    def refresh(self, results: Results) -> None:
        """Rebuild the links for these results (skipped when already built for them)."""
        self.results = results
        if self.built_for is results:
            return
        rows = len(results.result)
        payload = csv_bytes(results.result) if rows <= MAX_LINK_ROWS else b""
        if payload and len(payload) <= MAX_LINK_BYTES:
            self.csv.value = data_link(payload, "residence-grid.csv", "csv",
                                       f"Download the grid as CSV ({rows:,} rows)", "rx-download-csv")
        else:
            self.csv.value = (f"The grid ({rows:,} rows) is too big for a browser download: "
                              "use 'Save to server folder' or the command line.")
        if rows > MAX_LINK_ROWS:
            self.xlsx.value = (f"The grid ({rows:,} rows) is too big for a workbook download: use a "
                               "coarser granularity, 'Save to server folder' or the command line.")
        elif self.background:
            self.xlsx.value = "Preparing the Excel workbook..."
            threading.Thread(target=self.guard(self._build_xlsx), args=(results,), daemon=True).start()
        else:
            self._build_xlsx(results)
        self.built_for = results

    def _build_xlsx(self, results: Results) -> None:
        book = xlsx_bytes(workbook_sheets(results))
        if self.results is not results:  # a newer grid arrived meanwhile: its own build will show
            return
        if len(book) <= MAX_LINK_BYTES:
            self.xlsx.value = data_link(book, "residence-grid.xlsx", "xlsx",
                                        "Download the grid and tables as an Excel workbook",
                                        "rx-download-xlsx")
        else:
            self.xlsx.value = ("The workbook is too big for a browser download: "
                               "save it to the server folder.")

    def save_to_folder(self) -> list[Path]:
        """Write the grid (CSV) and, when small enough, the workbook to the server folder."""
        if self.results is None:
            return []
        self.folder.mkdir(parents=True, exist_ok=True)
        written = [write_bytes(csv_bytes(self.results.result), self.folder / "residence-grid.csv",
                               force=True)]
        if len(self.results.result) <= MAX_LINK_ROWS:
            written.append(write_bytes(xlsx_bytes(workbook_sheets(self.results)),
                                       self.folder / "residence-grid.xlsx", force=True))
        self.saved.value = "Saved: " + ", ".join(str(p) for p in written)
        return written
