"""Where the project's data files live: one place for every module that reads `data/`.

The top-level `data/` folder of the checkout holds the parameters, declarations, reforms and
populations. Every reader asks `data_path(...)` for a file instead of counting parent folders.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
"""The folder holding parameters.yaml, outputs.yaml, documents.yaml, reforms/ and populations/."""


def data_path(*parts: str) -> Path:
    """The path of a file or folder inside the project's data folder."""
    return DATA_DIR.joinpath(*parts)
