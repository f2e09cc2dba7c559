"""Optional libraries: what a feature needs beyond the core install, imported only when it is asked for.

The core install (`pip install residence-explorer`) runs the API and every command that does not
draw. Charts (plotly) and the dashboard (ipywidgets, Voila, matplotlib) come with the `dashboard`
extra; asking for them without it gives one line naming the extra to install, never a traceback.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable
from types import ModuleType

from .core.phrases import phrase
from .errors import ExplorerError

DISTRIBUTION = "residence-explorer"
DASHBOARD = "dashboard"


class MissingExtraError(ExplorerError):
    """A feature needs a library of an extra that is not installed; the message names the extra."""

    def __init__(self, feature: str, module: str, extra: str = DASHBOARD) -> None:
        install = f"pip install '{DISTRIBUTION}[{extra}]'"
        super().__init__(feature, module, phrase("allowed.install_extra", install, command=install),
                         problem=phrase("error.problem.not_installed", "not installed"))
        self.extra = extra
        self.args = (f"{feature} needs {module}, which is not installed: {install}",)


def require(module: str, feature: str, extra: str = DASHBOARD) -> ModuleType:
    """Import `module` for `feature`, or raise MissingExtraError naming the extra that brings it."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        raise MissingExtraError(feature, exc.name or module, extra) from None


def need(modules: Iterable[str], feature: str, extra: str = DASHBOARD) -> None:
    """Check, without importing them, that the top-level `modules` of `feature` are installed."""
    for module in modules:
        if importlib.util.find_spec(module) is None:
            raise MissingExtraError(feature, module, extra)
