"""Where the project's data files live: one place for every module that reads `data/`.

The top-level `data/` folder of the checkout holds the parameters, declarations, reforms and
populations. The wheel carries the same folder inside the package as `explorer/_data`
(pyproject.toml, hatchling's force-include), so an installed package finds it through
importlib.resources from any working folder; an editable install or a plain checkout finds the
checkout's `data/` beside the package. Every reader asks `data_path(...)` for a file instead of
counting parent folders.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = "explorer"
PACKAGED_DIR_NAME = "_data"
"""The data folder's name inside an installed package (the wheel's force-include target)."""


def _packaged_dir() -> Path | None:
    """The data folder shipped inside the installed package, or None (a checkout or editable install)."""
    folder = resources.files(PACKAGE) / PACKAGED_DIR_NAME
    # A package installed on the file system gives a real path; a zipped one cannot be read as files.
    return Path(str(folder)) if isinstance(folder, Path) and folder.is_dir() else None


def _checkout_dir() -> Path:
    """The checkout's top-level data folder, beside the `explorer` package."""
    return Path(str(resources.files(PACKAGE))).resolve().parent / "data"


DATA_DIR = _packaged_dir() or _checkout_dir()
"""The folder holding parameters.yaml, outputs.yaml, documents.yaml, reforms/ and populations/."""


def data_path(*parts: str) -> Path:
    """The path of a file or folder inside the project's data folder."""
    return DATA_DIR.joinpath(*parts)
