"""How fast hostile inputs get their answer (an ExplorerError or a result): the "quickly" of
"every input is hostile", measured here rather than asserted in tests (tests/core/test_hostile_properties.py
checks the answers and the memory bound).

    .venv/bin/python benchmarks/bench_hostile.py

Prints, for each kind of input, the slowest of a fixed set of worst cases, against the 3 s target.
"""

from __future__ import annotations

import copy
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

import explorer
from explorer import ExplorerError
from explorer.core.datafiles import data_path
from explorer.core.inputs import INPUT_COLUMNS
from explorer.scenarios.population import check_population

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository first: its tests package
from tests.support.hostile_yaml import bomb, nested  # noqa: E402 - the same hostile texts as the tests

TARGET_S = 3.0
ODD = ["=HYPERLINK(\"http://x\",\"y\")", "1e400", "-1e400", "NaN", "inf", "9223372036854775808",
       "2021-02-30", "10000-01-01", "\x00", "\u202e", "٣", "x" * 10_000, 2 ** 70, -(2 ** 70), float("nan"),
       None,
       [1, 2], {"a": 1}]


def timed(run: Callable[[], Any]) -> float:
    """Seconds until run() answers (an ExplorerError is an answer)."""
    started = time.perf_counter()
    try:
        run()
    except ExplorerError:
        pass
    return time.perf_counter() - started


def main() -> None:
    params = explorer.load_parameters()
    raw = yaml.safe_load(data_path("parameters.yaml").read_text(encoding="utf-8"))
    folder = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    figures: dict[str, float] = {}

    row = {"card_expiry": "2021-03-10", "application_date": "2020-12-23", "option": "b"}
    figures["evaluate, one odd cell in any input column"] = max(
        timed(lambda c=column, v=value: explorer.evaluate(pd.DataFrame([{**row, c: v}]), params))
        for column in INPUT_COLUMNS for value in ODD)
    figures["population loader, 10,000 rows of odd cells"] = timed(lambda: check_population(
        pd.DataFrame({"card_expiry": (ODD * 600)[:10_000], "application_date": "2020-12-23"}).astype(str),
        params))

    worst = 0.0
    for name in sorted(raw["parameters"]):
        for text in [nested(300), bomb(9, 9), "&r [*r]", "&m {a: *m}", "1e400", "x" * 10_000]:
            edited = copy.deepcopy(raw)
            edited["parameters"][name]["values"] = [{"value": "__HOSTILE__"}]
            path = folder / "parameters.yaml"
            dumped = yaml.safe_dump(edited, sort_keys=False, width=10_000)
            path.write_text(dumped.replace("__HOSTILE__", text), encoding="utf-8")
            worst = max(worst, timed(lambda p=path: explorer.load_parameters(p)))
    figures["parameters file, a deep, aliased or huge value in any parameter"] = worst

    worst = 0.0
    for levels in (3, 6, 9):
        path = folder / "reform.yaml"
        path.write_text(bomb(levels, 9) + f"\nname: *b{levels - 1}\ndescription: d\nchanges: {{}}\n",
                        encoding="utf-8")
        worst = max(worst, timed(lambda p=path: explorer.load_reform(p, params)))
    figures["reform file, alias bombs of 3, 6 and 9 levels"] = worst

    width = max(len(k) for k in figures)
    for what, seconds in figures.items():
        verdict = "ok" if seconds < TARGET_S else "ABOVE TARGET"
        print(f"{what:<{width}}  slowest {seconds:7.3f} s  (target < {TARGET_S:.0f} s: {verdict})")


if __name__ == "__main__":
    main()
