"""Print an HTML report to PDF with headless Chromium, so its plotly charts (JavaScript) are drawn first.

Chromium is found at $CHROMIUM, /usr/bin/chromium, or as chromium / chromium-browser / google-chrome
on PATH; without one, ExplorerError says how to get it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..core.phrases import phrase
from ..errors import ExplorerError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PRINT_TIMEOUT_S = 120
VIRTUAL_TIME_BUDGET_MS = 10_000  # time Chromium lets scripts run (draw the charts) before printing
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw")


def find_chromium() -> str:
    """The Chromium executable to print with; ExplorerError when there is none."""
    wanted = os.environ.get("CHROMIUM")
    if wanted:
        if Path(wanted).is_file() and os.access(wanted, os.X_OK):
            return wanted
        raise ExplorerError(
            "CHROMIUM",
            wanted,
            phrase("allowed.chromium_path", "the path of a Chromium executable"),
            problem=phrase("error.problem.not_found", "not found"),
        )
    for name in ("/usr/bin/chromium", *CANDIDATES):
        found = shutil.which(name)
        if found:
            return found
    raise ExplorerError(
        "PDF",
        "chromium",
        phrase(
            "allowed.chromium_or_html",
            "a Chromium browser (Debian: apt-get "
            "install chromium) or CHROMIUM=/path/to/chromium; or write the "
            "report as .html",
        ),
        problem=phrase("error.problem.no_chromium", "no Chromium found to print the PDF"),
    )


def html_to_pdf(document: str, chromium: str | None = None) -> bytes:
    """The PDF bytes of an HTML document, printed by headless Chromium after its scripts ran."""
    browser = chromium or find_chromium()
    with tempfile.TemporaryDirectory(prefix="explorer-pdf-") as folder:
        source, target = Path(folder) / "report.html", Path(folder) / "report.pdf"
        source.write_text(document, encoding="utf-8")
        command = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={Path(folder) / 'profile'}",
                   f"--virtual-time-budget={VIRTUAL_TIME_BUDGET_MS}", f"--print-to-pdf={target}",
                   source.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, timeout=PRINT_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise ExplorerError(
                "PDF",
                browser,
                phrase(
                    "allowed.print_within", f"printing within {PRINT_TIMEOUT_S} s", seconds=PRINT_TIMEOUT_S
                ),
                problem=phrase("error.problem.chromium_unfinished", "Chromium did not finish"),
            ) from None
        if not target.is_file() or target.stat().st_size == 0:
            last = (done.stderr.decode(errors="replace").strip().splitlines() or ["no message"])[-1]
            raise ExplorerError(
                "PDF",
                browser,
                phrase("allowed.chromium_prints", "a Chromium that can print to PDF"),
                problem=phrase(
                    "error.problem.no_pdf",
                    f"Chromium made no PDF (exit {done.returncode}: {last})",
                    code=done.returncode,
                    detail=last,
                ),
            )
        return target.read_bytes()
