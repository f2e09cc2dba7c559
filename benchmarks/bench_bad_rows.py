"""Check a population full of bad cells and write its problems in Slovak; print the times.

    .venv/bin/python benchmarks/bench_bad_rows.py                # 200,000 rows
    .venv/bin/python benchmarks/bench_bad_rows.py --rows 2_000_000

Half the card_expiry cells are not dates and a third of the stamp_lead_days cells are negative:
the reasons are recorded as catalogue phrases and written once per distinct phrase.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from explorer.scenarios.population import check_population  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures (best of three runs)."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args(argv)
    i = np.arange(args.rows)
    frame = pd.DataFrame({"card_expiry": np.where(i % 2 == 0, "2020-11-15", "nope"),
                          "application_date": "2020-10-01",
                          "stamp_lead_days": np.where(i % 3 == 0, "-5", "3")})
    check_population(frame.head(10)).problems("sk")  # read the catalogues once
    checks, words = [], []
    for _ in range(3):
        start = time.perf_counter()
        load = check_population(frame)
        middle = time.perf_counter()
        load.problems("sk")
        checks.append(middle - start)
        words.append(time.perf_counter() - middle)
    print(f"{args.rows:,} rows, {len(load.bad):,} problems: check {min(checks):.2f} s, "
          f"reasons in Slovak {min(words):.3f} s (best of 3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
