"""Where the repository's files are, said once for every test and benchmark (no test counts
parent folders): `from tests.paths import ROOT`."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = ROOT / "data"
PARAMETERS_YAML = DATA / "parameters.yaml"
NOTEBOOKS = ROOT / "notebooks"
README = ROOT / "README.md"
ARTIFACTS = ROOT / "artifacts"
CASES_DIR = TESTS / "cases"
