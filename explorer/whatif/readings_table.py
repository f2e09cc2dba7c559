"""The readings in force: every place where the guidance can be read two ways, as one tidy table."""

from __future__ import annotations

import pandas as pd

from .. import labels
from ..core.engine import default_parameters
from ..core.parameters import Parameters

COLUMNS = ("name", "value_in_force", "alternative", "in_force", "baseline", "sentences", "case",
           "source", "interpretation")


def readings(params: Parameters | None = None) -> pd.DataFrame:
    """One row per reading and alternative: the value in force, each alternative with the
    sentences behind it and its case, and the source of the sentences (baseline = first)."""
    params = params if params is not None else default_parameters()
    rows = []
    for name in params.readings:
        param = params[name]
        in_force = params.reading(name)
        for i, alt in enumerate(param.alternatives):
            rows.append({
                "name": name,
                "value_in_force": in_force,
                "alternative": alt.value,
                "in_force": alt.value == in_force,
                "baseline": i == 0,
                "sentences": " / ".join(f"\u201c{t}\u201d" for t in alt.sentences),
                "case": alt.case,
                "source": str(param.source),
                "interpretation": param.interpretation,
            })
    return pd.DataFrame(rows, columns=list(COLUMNS))


def readings_line(params: Parameters, lang: str = "codes") -> str:
    """One line naming the readings in force that differ from their baseline (the first value):
    code names for "codes", labels in "en" or "sk"."""
    moved = [(name, params.reading(name), params[name].alternatives[0].value) for name in params.readings
             if params.reading(name) != params[name].alternatives[0].value]
    if lang == "codes":
        if not moved:
            return "Readings in force: all at their baseline."
        return ("Readings in force: " + "; ".join(f"{n} = {v} (baseline: {b})" for n, v, b in moved)
                + "; the rest at their baseline.")
    head = labels.ui_text("readings.in_force", lang)
    if not moved:
        return f"{head}: {labels.ui_text('readings.all_baseline', lang)}."
    return f"{head}: " + "; ".join(f"{labels.label(n, lang)}: {labels.value_label(v, lang)}"
                                   for n, v, _ in moved) + "."
