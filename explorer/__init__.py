"""Scenario explorer for the Slovak move from EU family-member residence cards to five-year cards.

Public API: load_parameters, evaluate, sweep, documents, bok_activation_places, the summary
tables, explain, readings, reforms and compare, and ExplorerError, the one exception type for bad input.
"""

from .compare import Comparison, compare
from .engine import OUTPUT_COLUMNS, evaluate
from .errors import ExplorerError, ParameterFileError
from .explain import Explanation, explain
from .grid import grid, sweep
from .paperwork import bok_activation_places, documents
from .parameters import Parameters, load_parameters
from .population import PopulationLoad, load_population, synthetic_population
from .readings_table import readings
from .reforms import Reform, list_reforms, load_reform
from .summaries import deadlines_table, fees_table, status_table

__all__ = [
    "OUTPUT_COLUMNS",
    "Comparison",
    "Explanation",
    "PopulationLoad",
    "Reform",
    "compare",
    "explain",
    "list_reforms",
    "load_population",
    "load_reform",
    "readings",
    "synthetic_population",
    "ExplorerError",
    "ParameterFileError",
    "Parameters",
    "bok_activation_places",
    "deadlines_table",
    "documents",
    "evaluate",
    "fees_table",
    "grid",
    "load_parameters",
    "status_table",
    "sweep",
]
