"""Engine fixtures: the baseline parameters, the raw parameter file, and frame helpers.

Browser fixtures live apart, in tests/browser/conftest.py.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, settings

import explorer
from tests.paths import PARAMETERS_YAML

# Hypothesis: a quick default for every run, a fixed one for CI, a thorough one for bug hunts
# (HYPOTHESIS_PROFILE=thorough .venv/bin/python -m pytest tests/core/test_properties.py).
# No deadline anywhere: a loaded 2-core machine can take seconds for an example that takes
# milliseconds alone, and a deadline would then fail a correct test. CI (CI=true) draws the same
# examples on every run (derandomize) and keeps no example database, so a run's answer depends on
# the code alone; the default profile keeps exploring new examples on a developer's machine.
settings.register_profile("default", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True, database=None,
                          print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default"))


@pytest.fixture(scope="session")
def params() -> explorer.Parameters:
    """The baseline parameters of data/parameters.yaml, loaded once."""
    return explorer.load_parameters()


@pytest.fixture(scope="session")
def _raw_parameters() -> dict:
    return yaml.safe_load(PARAMETERS_YAML.read_text(encoding="utf-8"))


@pytest.fixture
def raw_parameters(_raw_parameters: dict) -> dict:
    """A fresh, editable copy of the parsed data/parameters.yaml."""
    return copy.deepcopy(_raw_parameters)


@pytest.fixture
def write_parameters(tmp_path: Path) -> Callable[[Any], Path]:
    """Write a parameter document (a dict, or raw text) to a temp file and return its path."""

    def write(doc: Any, name: str = "parameters.yaml") -> Path:
        path = tmp_path / name
        text = doc if isinstance(doc, str) else yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def frame() -> Callable[..., pd.DataFrame]:
    """Build a scenario frame from row dicts; `index` gives row labels (default p0, p1, ...)."""

    def build(*rows: dict[str, Any], index: list[Any] | None = None) -> pd.DataFrame:
        labels = index if index is not None else [f"p{i}" for i in range(len(rows))]
        return pd.DataFrame(list(rows), index=labels)

    return build


@pytest.fixture(autouse=True)
def no_dask_client_left_behind():
    """Each test starts and ends with no default Dask client: a client a test left open (its
    scheduler gone) would take the next test's local `compute()` and wait for it for ever."""
    yield
    import sys

    if "distributed" not in sys.modules:
        return
    from distributed import default_client

    while True:
        try:
            client = default_client()
        except ValueError:  # no default client: the state every test should leave
            return
        client.close(timeout=10)
