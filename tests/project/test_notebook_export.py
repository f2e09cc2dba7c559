"""Charts in the notebooks survive a static export: `jupyter nbconvert --to html` keeps every plotly
chart (plotly.js inline, no CDN) and every matplotlib figure (an inline PNG)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.paths import NOTEBOOKS as NOTEBOOKS_DIR

ANALYST_NOTEBOOKS = sorted(p for p in NOTEBOOKS_DIR.glob("*.ipynb") if p.name != "dashboard.ipynb")
STATIC_RENDERERS = ("notebook", "png", "svg", "jpeg", "pdf")
"""plotly renderers whose output an HTML export keeps offline (notebook: plotly.js inline)."""
CHART_CELLS = (
    "holders = explorer.synthetic_population(3_000, seed=5)\n"
    "tables = aggregates.all_aggregates(explorer.evaluate(holders, params), params)\n"
    "aggregates.applications_chart(tables['applications_per_week'], title='Applications per week').show()",
    "aggregates.fees_chart(tables['fees_per_month'], title='Fees per month').show()",
    "fig, ax = plt.subplots()\nax.plot([1, 2, 3], [3, 1, 2])\ndisplay(fig)\nplt.close(fig)",
)


def code_of(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


def setup_cell(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "".join(next(c for c in nb["cells"] if c["cell_type"] == "code")["source"])


def export_html(tmp_path: Path, setup: str) -> str:
    """A notebook of `setup` and CHART_CELLS, executed and exported by `jupyter nbconvert --to html`."""
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell(setup), *(nbformat.v4.new_code_cell(c) for c in CHART_CELLS)]
    source = tmp_path / "charts.ipynb"
    nbformat.write(nb, source)
    done = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--execute",
                           "--ExecutePreprocessor.timeout=300", str(source)], cwd=NOTEBOOKS_DIR,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return (tmp_path / "charts.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ANALYST_NOTEBOOKS, ids=[p.name for p in ANALYST_NOTEBOOKS])
def test_notebooks_with_plotly_charts_pick_a_renderer_a_static_export_keeps(path: Path):
    code = code_of(path)
    if ".show()" not in code and "plotly" not in code:
        return  # matplotlib only: its figures are PNG outputs, kept by any export
    chosen = re.findall(r"pio\.renderers\.default\s*=\s*[\"']([^\"']+)[\"']", code)
    assert chosen, f"{path.name} shows plotly charts without choosing a renderer"
    parts = chosen[-1].split("+")
    assert any(p in STATIC_RENDERERS for p in parts) and "notebook_connected" not in parts, chosen


@pytest.mark.notebook
def test_nbconvert_html_of_the_notebooks_charts_shows_them(tmp_path):
    html = export_html(tmp_path, setup_cell(NOTEBOOKS_DIR / "03-reforms-and-populations.ipynb"))
    assert html.count("Plotly.newPlot(") == 2  # each plotly chart is drawn by the page itself ...
    assert re.search(r"<script[^>]*>\s*/\*\*\s*\* plotly\.js v", html)  # ... with plotly.js inline
    assert not re.findall(r"<script[^>]*src=\"[^\"]*plotly[^\"]*\"", html)  # no CDN copy of it
    assert len(re.findall(r"<img[^>]*src=\"data:image/png;base64,", html)) == 1  # the matplotlib figure
    assert "is not able to be represented" not in html
