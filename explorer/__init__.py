"""Scenario explorer for the Slovak move from EU family-member residence cards to five-year cards.

Public API: load_parameters, evaluate, sweep, documents, bok_activation_places, the summary
tables, and ExplorerError, the one exception type for bad input.
"""

from .engine import OUTPUT_COLUMNS, evaluate
from .errors import ExplorerError, ParameterFileError
from .grid import grid, sweep
from .parameters import Parameters, load_parameters
from .person import bok_activation_places, documents
from .summaries import deadlines_table, fees_table, status_table

__all__ = [
    "OUTPUT_COLUMNS",
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
