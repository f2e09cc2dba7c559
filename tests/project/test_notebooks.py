"""Every notebook in notebooks/ runs top to bottom without an error (outputs are never written back)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.paths import NOTEBOOKS as NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
README = NOTEBOOKS_DIR.parent / "README.md"


def test_the_readmes_code_map_names_every_notebook_and_no_other():
    line = next(line for line in README.read_text(encoding="utf-8").splitlines()
                if line.startswith("notebooks/"))
    named = set(re.findall(r"\b(dashboard|\d\d-[a-z-]+)\b", line))
    assert named == {p.stem for p in NOTEBOOKS}, line


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_committed_without_outputs(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [i for i, cell in enumerate(nb["cells"]) if cell["cell_type"] == "code"
             and (cell.get("outputs") or cell.get("execution_count") is not None)]
    assert dirty == [], f"{path.name}: code cells {dirty} carry outputs; clear them before committing"


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom_without_an_error(path: Path):
    nb = nbformat.read(path, as_version=4)  # in memory only: the file on disk is not touched
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS_DIR)}})
    client.execute()  # raises CellExecutionError naming the cell on the first error
    errors = [out for cell in nb.cells if cell.cell_type == "code"
              for out in cell.get("outputs", []) if out.get("output_type") == "error"]
    assert errors == []
    assert all(cell.get("execution_count") for cell in nb.cells if cell.cell_type == "code")
