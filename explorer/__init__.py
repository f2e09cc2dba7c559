"""Scenario explorer for the Slovak move from EU family-member residence cards to five-year cards.

Public API: load_parameters, evaluate, sweep, documents, bok_activation_places, the summary
tables, and ExplorerError, the one exception type for bad input.
"""

from .engine import OUTPUT_COLUMNS, evaluate
from .errors import ExplorerError, ParameterFileError
from .parameters import Parameters, load_parameters

__all__ = [
    "OUTPUT_COLUMNS",
    "ExplorerError",
    "ParameterFileError",
    "Parameters",
    "evaluate",
    "load_parameters",
]
