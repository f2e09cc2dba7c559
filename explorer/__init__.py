"""Scenario explorer for the Slovak move from EU family-member residence cards to five-year cards.

Public API: load_parameters, evaluate, sweep, documents, bok_activation_places, the summary
tables, explain, readings, reforms and compare, and ExplorerError, the one exception type for bad input.

Each public name is imported from its module on first use (PEP 562), so `import explorer.serving`
(the Voila and Jupyter server configuration) loads neither pandas, numpy nor the engine.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

_PUBLIC = {
    "OUTPUT_COLUMNS": ".core.engine",
    "evaluate": ".core.engine",
    "load_parameters": ".core.parameter_file",
    "Parameters": ".core.parameters",
    "ExplorerError": ".errors",
    "ParameterFileError": ".errors",
    "Explanation": ".person.explain",
    "explain": ".person.explain",
    "bok_activation_places": ".person.paperwork",
    "documents": ".person.paperwork",
    "grid": ".scenarios.grid",
    "PopulationLoad": ".scenarios.population",
    "load_population": ".scenarios.population",
    "synthetic_population": ".scenarios.population",
    "sweep": ".scenarios.sweep",
    "deadlines_table": ".tables.summaries",
    "fees_table": ".tables.summaries",
    "status_table": ".tables.summaries",
    "Comparison": ".whatif.compare",
    "compare": ".whatif.compare",
    "readings": ".whatif.readings_table",
    "Reform": ".whatif.reforms",
    "list_reforms": ".whatif.reforms",
    "load_reform": ".whatif.reforms",
    "Sensitivity": ".whatif.sensitivity",
    "sensitivity": ".whatif.sensitivity",
}
"""Each public name and the module (relative to this package) it is imported from on first use."""

__all__ = list(_PUBLIC)


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use; else a part of the package (explorer.core,
    explorer.labels...), imported on first use as the eager package once had them after `import explorer`."""
    module = _PUBLIC.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module, __name__), name)
        globals()[name] = value  # found directly from now on
        return value
    if not name.startswith("_") and name.isidentifier() and importlib.util.find_spec(f"{__name__}.{name}"):
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names (imported or not) beside what the module already holds."""
    return sorted(set(globals()) | set(_PUBLIC))
