"""The page itself, in Chromium: the readings are ordinary one-line selects, no tab title is clipped,
no sidebar label is cut (English and Slovak), and the notebooks' charts draw in a static HTML export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from explorer.labels import ui_text
from tests.browser.driver import PAGE_WAIT_MS, open_dashboard
from tests.paths import ROOT

ONE_LINE_PX = 36  # a one-line select is about 28 px high; the bug was an ~85-150 px box
SELECTS = """() => Array.from(document.querySelectorAll('.rx-readings select')).map(s => ({
  name: s.closest('.widget-dropdown').querySelector('.widget-label').innerText,
  height: s.getBoundingClientRect().height,
  label: s.closest('.widget-dropdown').querySelector('.widget-label').getBoundingClientRect().bottom,
  top: s.getBoundingClientRect().top}))"""
CLIPPED = """selector => Array.from(document.querySelectorAll(selector))
  .filter(e => e.getBoundingClientRect().width > 0)
  .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
  .map(e => e.innerText)"""


@pytest.mark.parametrize("lang", ["en", "sk"])
def test_readings_dropdowns_are_one_line_selects_under_their_names(page, voila_url, lang):
    open_dashboard(page, voila_url + ("?lang=sk" if lang == "sk" else ""))
    selects = page.evaluate(SELECTS)
    assert len(selects) >= 5
    tall = [(s["name"], round(s["height"])) for s in selects if s["height"] > ONE_LINE_PX]
    assert tall == [], f"readings dropdowns taller than one line: {tall}"
    assert all(s["top"] >= s["label"] - 1 for s in selects)  # the name above its select, not beside it


@pytest.mark.parametrize("lang", ["en", "sk"])
def test_no_tab_title_is_clipped(page, voila_url, lang):
    open_dashboard(page, voila_url + ("?lang=sk" if lang == "sk" else ""))
    titles = page.locator(".rx-tabs .lm-TabBar-tabLabel").all_inner_texts()
    assert ui_text("tab.readings_compared", lang) in titles  # the longest title
    assert page.evaluate(CLIPPED, ".rx-tabs .lm-TabBar-tabLabel") == []


@pytest.mark.parametrize("lang", ["en", "sk"])
def test_sidebar_labels_are_not_cut(page, voila_url, lang):
    open_dashboard(page, voila_url + ("?lang=sk" if lang == "sk" else ""))
    labels = page.locator(".rx-controls .widget-label").all_inner_texts()
    if lang == "sk":
        assert "Koniec platnosti od" in [" ".join(t.split()) for t in labels]
    assert page.evaluate(CLIPPED, ".rx-controls .widget-label") == []


def static_export(tmp_path: Path) -> Path:
    """The first cell of notebook 03 and two of its charts, executed and exported to HTML by nbconvert."""
    source_nb = json.loads((ROOT / "notebooks" / "03-reforms-and-populations.ipynb").read_text("utf-8"))
    setup = "".join(next(c for c in source_nb["cells"] if c["cell_type"] == "code")["source"])
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell(code) for code in (
        setup,
        "tables = aggregates.all_aggregates(explorer.evaluate(explorer.synthetic_population(2_000, seed=4),"
        " params), params)\naggregates.applications_chart(tables['applications_per_week']).show()",
        "aggregates.fees_chart(tables['fees_per_month']).show()")]
    path = tmp_path / "charts.ipynb"
    nbformat.write(nb, path)
    done = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--execute",
                           "--ExecutePreprocessor.timeout=300", str(path)], cwd=ROOT / "notebooks",
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return tmp_path / "charts.html"


def test_notebook_charts_draw_in_a_static_html_export_offline(browser, tmp_path):
    html = static_export(tmp_path)
    context = browser.new_context()
    page = context.new_page()
    page.route(lambda url: not url.startswith("file:"), lambda route: route.abort())  # offline
    page.goto(html.as_uri())
    plots = page.locator(".js-plotly-plot .main-svg")
    plots.nth(3).wait_for(state="attached", timeout=PAGE_WAIT_MS)  # two charts, two svg layers each
    assert page.locator(".js-plotly-plot").count() == 2
    assert page.locator(".js-plotly-plot .point, .js-plotly-plot .bars path").count() > 10  # bars drawn
    context.close()
