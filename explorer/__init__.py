"""Scenario explorer for the Slovak move from EU family-member residence cards to five-year cards.

Public API: load_parameters, evaluate, sweep, documents, bok_activation_places, the summary
tables, explain, readings, reforms and compare, and ExplorerError, the one exception type for bad input.
"""

from .core.engine import OUTPUT_COLUMNS, evaluate
from .core.parameter_file import load_parameters
from .core.parameters import Parameters
from .errors import ExplorerError, ParameterFileError
from .person.explain import Explanation, explain
from .person.paperwork import bok_activation_places, documents
from .scenarios.grid import grid
from .scenarios.population import PopulationLoad, load_population, synthetic_population
from .scenarios.sweep import sweep
from .tables.summaries import deadlines_table, fees_table, status_table
from .whatif.compare import Comparison, compare
from .whatif.readings_table import readings
from .whatif.reforms import Reform, list_reforms, load_reform
from .whatif.sensitivity import Sensitivity, sensitivity

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
    "Sensitivity",
    "sensitivity",
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
