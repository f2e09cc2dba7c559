"""Keep a dashboard kernel lean: leave out an import chain the page never uses.

A plotly FigureWidget imports plotly.io's renderers, which import nbformat, which imports
jsonschema, which loads rfc3987_syntax when it is installed (jupyter_server's event extras pull
it in) and builds a Lark grammar for IRI formats at import time: measured on the 2-core machine,
about 16 MB of a kernel's memory and 1-4 s of every page's first render, for a JSON-schema format
check that nothing in a dashboard kernel runs. Marking the module absent makes jsonschema skip
that one optional checker (it imports it under `suppress(ImportError)`).
"""

from __future__ import annotations

import sys

UNUSED_IN_A_DASHBOARD = ("rfc3987_syntax",)


def skip_unused_imports() -> list[str]:
    """Mark UNUSED_IN_A_DASHBOARD modules as absent unless already loaded; the names marked."""
    marked = []
    for name in UNUSED_IN_A_DASHBOARD:
        if name not in sys.modules:
            sys.modules[name] = None  # type: ignore[assignment]  # import now raises ImportError
            marked.append(name)
    return marked
