"""How many bytes the dashboard's options map sends to the page (prints figures, asserts nothing).

  .venv/bin/python benchmarks/bench_map_payload.py

For a daily grid (expiry 2020-2022 x application 2020-2021, strided to the map's cell cap) and the
same grid starting before the guidance's period, in English and Slovak: the size of the map's
trace as plotly's JSON (what the widget sends), and the part of it that is hover text.
"""

from __future__ import annotations

import datetime as dt
import json

import plotly.io as pio

import explorer
from explorer.ui import build_app

CASES = {"daily 2020-2022 x 2020-2021": dt.date(2020, 1, 1),
         "same, applications from 2019-10-01": dt.date(2019, 10, 1)}


def trace_bytes(trace: dict, keys: tuple[str, ...] | None = None) -> int:
    """Bytes of the trace's JSON (only `keys` when given)."""
    part = trace if keys is None else {k: trace[k] for k in keys if k in trace}
    return len(json.dumps(part, ensure_ascii=False).encode("utf-8"))  # as jupyter_client packs messages


def main() -> None:
    """Print the map's payload per case and language."""
    app = build_app(explorer.load_parameters(), debounce=None)
    controls = app.controls
    controls.granularity.value = "day"
    controls.expiry_start.value = dt.date(2020, 1, 1)
    controls.expiry_end.value = dt.date(2022, 12, 31)
    controls.application_end.value = dt.date(2021, 12, 31)
    for case, start in CASES.items():
        controls.application_start.value = start
        for lang in ("en", "sk"):
            app.set_language(lang)
            figure_trace = app.map_view.figure.data[0]
            trace = json.loads(pio.to_json(figure_trace.to_plotly_json(), validate=False))
            shape = figure_trace.z.shape
            total = trace_bytes(trace)
            hover = trace_bytes(trace, ("customdata", "text", "hovertemplate"))
            print(f"{case:38s} {lang}: cells {shape}, trace {total / 1e6:.2f} MB, "
                  f"hover part {hover / 1e6:.2f} MB")
    app.set_language("en")


if __name__ == "__main__":
    main()
