"""sensitivity(): which statuses hold under every reading of the guidance, and what each reading
alternative (and each reform) changes, in one call.

Status depends only on the card's expiry, the application day and the years resided (the
"cells") and on the parameters, so robustness is computed on the distinct cells: once per
combination of every alternative of the named readings (on the baseline and on each reform),
never on every row.  The changes of one alternative at a time are counted on a sweep's
factored form (per expiry day x choice row, never the full frame) or, for a frame of inputs,
with evaluate.  Readings are found from the parameters (kind "reading"), so a new reading in
data/parameters.yaml is picked up without code changes.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from ..core.engine import default_parameters, evaluate
from ..core.inputs import INPUT_COLUMNS, validate
from ..core.parameters import Parameters
from ..core.phrases import one_of_codes, phrase
from ..core.rules import transition
from ..errors import ExplorerError
from ..labels import Language, header, ui_text, value_label
from ..scenarios.factored import Factored, factor
from ..scenarios.grid import GRID_COLUMNS, axes, grid, grid_frame, relative_offsets
from ..tables.summaries import period_codes, weights
from .reforms import Reform, load_reform, reform_title

ON_A_SWEEP = phrase("allowed.sensitivity_on_sweep", "a sensitivity computed on a sweep")
EXPIRY_PERIOD = phrase("allowed.expiry_period", "a period of the card's expiry (D, W, MS, QS, YS)")
MEASURES = ("status", "apply_by", "fees_eur", "gap_days", "visits")
"""What the table counts changes of: status, the apply-by day, fees, days without a valid card, visits."""
STATUSES = transition.STATUSES
REFORM = "reform"
"""The `reading` column's value on a reform's row of the table."""


@dataclass(frozen=True)
class Alternative:
    """One row of the table: a reading switched to one alternative (or a reform), all else as given."""

    reading: str
    alternative: str
    params: Parameters


@dataclass
class _Counts:
    """Changes of one alternative against the baseline, per counting unit (a sweep's expiry day,
    or a frame's row), weighted: per measure, and the status counts on each side."""

    changed: dict[str, np.ndarray]
    status: np.ndarray
    """(units, statuses) counts under the alternative; for a frame, the status code per row."""


@dataclass
class Sensitivity:
    """What sensitivity() found: per row whether the status is robust, per alternative what changes.

    `rows`: one row per input row (robust, statuses, depends_on); `table`: one row per reading
    alternative and per reform; `by(...)`: the table's counts per period or group."""

    names: tuple[str, ...]
    """The readings and reforms that can alter a status, in the order of `depends_on`'s bits."""
    alternatives: list[Alternative]
    unit: str
    """What the counts count: "scenarios" (a sweep's rows), "rows" (a frame's) or "people" (weighted)."""
    total: float
    seen: np.ndarray
    """Per cell: bit s set when status s occurs under some combination (uint8)."""
    depends: np.ndarray
    """Per cell: bit i set when names[i] alone alters the status (uint64)."""
    cell_of_row: Any
    """A sweep's rows per cell (int), or a frame's cell code of each row (array)."""
    index: pd.Index
    base: _Counts
    counts: list[_Counts]
    unit_days: np.ndarray | None
    """A sweep: the expiry day of each counting unit; None for a frame."""
    frame: pd.DataFrame | None
    """A frame's inputs (for by(column)); None for a sweep."""
    grid_shape: tuple[int, int] | None = None
    """A sweep: (expiry days, application days) of the cells."""
    combinations: int = 0
    """Parameter sets the robustness was computed over."""
    _cache: dict[str, Any] = field(default_factory=dict)

    # ---- per cell and per row -------------------------------------------------------------
    @property
    def robust_cells(self) -> np.ndarray:
        """Per cell: True when one status holds under every combination."""
        return _popcount(self.seen) == 1

    def cell_statuses(self) -> pd.Categorical:
        """Per cell: the statuses seen, in the spec's order, joined by " / "."""
        return _categorical(self.seen.astype(np.uint64), list(STATUSES), " / ")

    def cell_depends_on(self) -> pd.Categorical:
        """Per cell: the readings and reforms whose change alone alters the status, joined by ", "."""
        return _categorical(self.depends, list(self.names), ", ")

    @cached_property
    def rows(self) -> pd.DataFrame:
        """One row per input row, same index: robust, statuses, depends_on."""
        statuses, depends = self.cell_statuses(), self.cell_depends_on()
        robust = self.robust_cells

        def spread(values: np.ndarray) -> np.ndarray:
            if isinstance(self.cell_of_row, int):
                return np.repeat(values, self.cell_of_row)
            return values[self.cell_of_row]

        return pd.DataFrame({
            "robust": spread(robust),
            "statuses": pd.Categorical.from_codes(spread(statuses.codes), dtype=statuses.dtype),
            "depends_on": pd.Categorical.from_codes(spread(depends.codes), dtype=depends.dtype),
        }, index=self.index)

    def map(self) -> pd.DataFrame:
        """A sweep's cells as a tidy frame: card_expiry, application_date, robust, statuses, depends_on."""
        if self.grid_shape is None:
            raise ExplorerError("map", "a frame", ON_A_SWEEP)
        n_e, n_a = self.grid_shape
        e, a = self._cache["expiry_axis"], self._cache["application_axis"]
        return pd.DataFrame({
            "card_expiry": np.repeat(e, n_a), "application_date": np.tile(a, n_e),
            "robust": self.robust_cells, "statuses": self.cell_statuses(),
            "depends_on": self.cell_depends_on()})

    def robust_by(self, period: str = "MS") -> pd.DataFrame:
        """Per expiry period: what is counted (total), how many keep their status under every
        combination (robust), how many do not (depends), and how many change with each reading or
        reform alone (one column per name)."""
        cell_w = self._row_weight_per_cell()
        try:
            labels, codes = period_codes(self._cache["cell_expiry"], period)
        except (ValueError, ExplorerError, TypeError):
            raise ExplorerError("period", period, EXPIRY_PERIOD) from None
        n = len(labels)
        robust = self.robust_cells
        table = pd.DataFrame({"expiry period": labels, "counted": self.unit,
                              "total": np.bincount(codes, weights=cell_w, minlength=n),
                              "robust": np.bincount(codes, weights=cell_w * robust, minlength=n)})
        table["depends"] = table["total"] - table["robust"]
        for i, name in enumerate(self.names):
            alone = (self.depends >> np.uint64(i)) & np.uint64(1)
            table[name] = np.bincount(codes, weights=cell_w * alone.astype(bool), minlength=n)
        if self.unit != "people":
            table = table.astype({c: np.int64 for c in table.columns[2:]})
        return table

    def blocks(self, max_side: int = 48) -> dict[str, Any]:
        """A sweep's cells pooled into at most max_side x max_side blocks for a map: per block its
        expiry and application day ranges, whether every cell is robust, the statuses seen and the
        names any cell depends on alone (bits), so a block is robust only when all its cells are."""
        if self.grid_shape is None:
            raise ExplorerError("blocks", "a frame", ON_A_SWEEP)
        n_e, n_a = self.grid_shape
        step_e, step_a = -(-n_e // max_side), -(-n_a // max_side)
        rows, cols = np.arange(0, n_e, step_e), np.arange(0, n_a, step_a)
        robust = self.robust_cells.reshape(n_e, n_a)
        seen = self.seen.reshape(n_e, n_a)
        depends = self.depends.reshape(n_e, n_a)

        def pool(values: np.ndarray, ufunc: np.ufunc) -> np.ndarray:
            return ufunc.reduceat(ufunc.reduceat(values, rows, axis=0), cols, axis=1)

        e, a = self._cache["expiry_axis"], self._cache["application_axis"]
        return {
            "expiry_from": e[rows], "expiry_to": e[np.minimum(rows + step_e, n_e) - 1],
            "application_from": a[cols], "application_to": a[np.minimum(cols + step_a, n_a) - 1],
            "robust": pool(robust, np.logical_and), "seen": pool(seen, np.bitwise_or),
            "depends": pool(depends, np.bitwise_or), "names": self.names,
        }

    # ---- counts -----------------------------------------------------------------------------
    @cached_property
    def table(self) -> pd.DataFrame:
        """One row per reading alternative and per reform: what it changes against the baseline."""
        codes = np.zeros(self._units(), dtype=np.int64)
        return self._table(codes, 1).drop(columns="group")

    @cached_property
    def moves(self) -> pd.DataFrame:
        """Per alternative: counts moving from one status to another (changed pairs only)."""
        out = []
        for alt, counts in zip(self.alternatives, self.counts, strict=True):
            pairs = self._cache["pairs"][id(counts)]
            for (before, after), n in pairs.items():
                out.append({"reading": alt.reading, "alternative": alt.alternative,
                            "from": STATUSES[before], "to": STATUSES[after], self.unit: n})
        return pd.DataFrame(out, columns=["reading", "alternative", "from", "to", self.unit])

    def by(self, column_or_period: str) -> pd.DataFrame:
        """The table's counts per group: a frame's column (e.g. a population's group) or a period
        of the card's expiry ("MS" month, "QS" quarter, "YS" year, "W" week, "D" day)."""
        if self.frame is not None and column_or_period in self.frame.columns:
            codes, groups = pd.factorize(self.frame[column_or_period], sort=True, use_na_sentinel=False)
            labels = np.asarray(groups)
            group_name = column_or_period
        else:
            days = self.unit_days if self.frame is None else \
                pd.to_datetime(self.frame["card_expiry"]).to_numpy()
            allowed = EXPIRY_PERIOD if self.frame is None else phrase(
                "allowed.expiry_period_or_column",
                "a period of the card's expiry (D, W, MS, QS, YS) or a column of the inputs")
            if not isinstance(column_or_period, str):
                raise ExplorerError("by", column_or_period, allowed)
            try:
                labels, codes = period_codes(days, column_or_period)
            except (ValueError, ExplorerError, TypeError):
                raise ExplorerError("by", column_or_period, allowed) from None
            group_name = "expiry period"
        table = self._table(np.asarray(codes, dtype=np.int64), len(labels))
        table["group"] = np.asarray(labels)[table["group"].to_numpy()]
        return table.rename(columns={"group": group_name})

    def _units(self) -> int:
        return len(self.base.changed["status"]) if self.base.changed else 0

    def _table(self, codes: np.ndarray, groups: int) -> pd.DataFrame:
        """The table of changes per group of counting units (codes: the group of each unit)."""
        frame_rows = self.frame is not None
        base_status = self._status_sums(self.base, codes, groups, frame_rows)
        totals = base_status.sum(axis=1)
        parts = []
        for alt, counts in zip(self.alternatives, self.counts, strict=True):
            part: dict[str, Any] = {"reading": alt.reading, "alternative": alt.alternative,
                                    "group": np.arange(groups), "counted": self.unit,
                                    "total": totals}
            for m in MEASURES:
                part[f"{m} changed"] = _sums(codes, counts.changed[m], groups)
            status = self._status_sums(counts, codes, groups, frame_rows)
            for s, name in enumerate(STATUSES):
                part[f"net {name}"] = status[:, s] - base_status[:, s]
            parts.append(pd.DataFrame(part))
        columns = ["reading", "alternative", "group", "counted", "total",
                   *[f"{m} changed" for m in MEASURES], *[f"net {s}" for s in STATUSES]]
        if not parts:
            return pd.DataFrame(columns=columns)
        table = pd.concat(parts, ignore_index=True)
        if table["total"].dtype.kind == "f" and self.unit != "people":
            table = table.astype({c: np.int64 for c in columns[4:]})
        return table[columns]

    def _status_sums(self, counts: _Counts, codes: np.ndarray, groups: int, frame_rows: bool) -> np.ndarray:
        """(groups, statuses) totals of one side."""
        n_s = len(STATUSES)
        if frame_rows:
            w = self._cache["weight"]
            key = codes * n_s + counts.status.astype(np.int64)
            return np.bincount(key, weights=w, minlength=groups * n_s).reshape(groups, n_s)
        return np.stack([np.bincount(codes, weights=counts.status[:, s], minlength=groups)
                         for s in range(n_s)], axis=1)

    # ---- words ------------------------------------------------------------------------------
    def summary(self, labels: Language = "en") -> str:
        """Plain lines: how many keep their status under every reading and reform, and what each
        alternative changes (counts of what they count: scenarios, rows or people); a reform is named
        by its title in the language ("codes": by its file name)."""
        lang = "en" if labels == "codes" else labels
        rows_per_cell = self._row_weight_per_cell()
        robust = float(rows_per_cell[self.robust_cells].sum())
        lines = [ui_text(f"sensitivity.headline.{self.unit}", lang).format(
            robust=_number(robust), total=_number(self.total),
            share=f"{100 * robust / self.total:.1f}%" if self.total else "-",
            combinations=self.combinations)]
        for _, row in self.table.iterrows():
            if row["reading"] == REFORM:
                reform = row["alternative"] if labels == "codes" else reform_title(row["alternative"], lang)
                name = ui_text("sensitivity.reform_name", lang).format(name=reform)
            else:
                name = f"{header(row['reading'], lang)}: {value_label(row['alternative'], lang)}"
            lines.append("  " + ui_text(f"sensitivity.alternative_line.{self.unit}", lang).format(
                alternative=name, status=_number(row["status changed"]),
                apply_by=_number(row["apply_by changed"]), fees=_number(row["fees_eur changed"]),
                gap=_number(row["gap_days changed"]), visits=_number(row["visits changed"])))
        return "\n".join(lines)

    def _row_weight_per_cell(self) -> np.ndarray:
        """Rows (or people) in each cell."""
        if isinstance(self.cell_of_row, int):
            return np.full(self.seen.shape, float(self.cell_of_row))
        return np.bincount(self.cell_of_row, weights=self._cache["weight"], minlength=len(self.seen))


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _sums(codes: np.ndarray, values: np.ndarray, groups: int) -> np.ndarray:
    out = np.bincount(codes, weights=values, minlength=groups)
    return out


def _popcount(mask: np.ndarray) -> np.ndarray:
    """Bits set in each entry of an unsigned array."""
    count = np.zeros(mask.shape, dtype=np.int64)
    m = mask.astype(np.uint64)
    while m.any():
        count += (m & np.uint64(1)).astype(np.int64)
        m = m >> np.uint64(1)
    return count


def _categorical(mask: np.ndarray, names: list[str], sep: str) -> pd.Categorical:
    """Bit masks as a Categorical of the named bits joined by `sep` (few distinct masks)."""
    inverse, uniq = pd.factorize(mask.reshape(-1))  # hashing: O(n), no sort of the cells
    words = [sep.join(n for i, n in enumerate(names) if int(u) >> i & 1) for u in uniq]
    cats = list(dict.fromkeys(words))
    lookup = np.array([cats.index(w) for w in words], dtype=np.int64)
    return pd.Categorical.from_codes(lookup[inverse.reshape(-1)], categories=cats)


def _reforms(reforms: Sequence[Reform | str], params: Parameters) -> list[Reform]:
    """Reform objects from reforms or shipped names."""
    if isinstance(reforms, str | Reform):
        reforms = [reforms]
    out = []
    for r in reforms:
        if isinstance(r, Reform):
            out.append(r)
        elif isinstance(r, str):
            out.append(load_reform(r, params))
        else:
            raise ExplorerError(
                "reforms", r, phrase("allowed.reform_or_name", "a Reform or the name of a shipped reform")
            )
    return out


def _reading_names(readings: Sequence[str] | str | None, params: Parameters) -> tuple[str, ...]:
    """The named readings, checked (None: every reading of the parameters)."""
    if readings is None:
        return tuple(params.readings)
    if isinstance(readings, str):
        readings = [readings]
    names = tuple(dict.fromkeys(readings))
    for name in names:
        if name not in params.readings:
            raise ExplorerError("readings", name, one_of_codes(params.readings),
                                problem=phrase("error.problem.not_a_reading", "not a reading"))
    return names


def alternatives(params: Parameters, names: Sequence[str], reforms: Sequence[Reform]) -> list[Alternative]:
    """One parameter set per reading alternative other than the one in force, then per reform."""
    out = [Alternative(name, alt.value, params.replace(**{name: alt.value}))
           for name in names for alt in params[name].alternatives
           if alt.value != params.reading(name)]
    out += [Alternative(REFORM, r.name, r.apply(params)) for r in reforms]
    return out


def combinations(params: Parameters, names: Sequence[str], reforms: Sequence[Reform]) -> list[Parameters]:
    """Every combination of the named readings' alternatives, on the parameters and on each reform."""
    values = [[alt.value for alt in params[name].alternatives] for name in names]
    sides = [params] + [r.apply(params) for r in reforms]
    out = []
    for side in sides:
        for combo in itertools.product(*values):
            changes = {n: v for n, v in zip(names, combo, strict=True) if side.reading(n) != v}
            out.append(side.replace(**changes) if changes else side)
    return out


def sensitivity(inputs: pd.DataFrame | Mapping[str, Any], readings: Sequence[str] | str | None = None,
                reforms: Sequence[Reform | str] = (), params: Parameters | None = None,
                weight: str | None = None) -> Sensitivity:
    """Which statuses hold under every combination of the readings' alternatives (and each reform),
    and what each alternative and reform changes against `params` (default: the baseline).

    `inputs`: a frame of inputs (as evaluate takes) or a sweep, as a dict of explorer.grid
    arguments (e.g. dict(expiry=..., application=..., freq="D")), computed in factored form.
    `readings`: reading names (None: every reading).  `weight`: a frame's column of people per row."""
    params = params if params is not None else default_parameters()
    if not isinstance(params, Parameters):
        raise ExplorerError("params", type(params).__name__, phrase("allowed.explorer_parameters",
                                                                    "explorer Parameters"))
    names = _reading_names(readings, params)
    found_reforms = _reforms(reforms, params)
    alts = alternatives(params, names, found_reforms)
    combos = combinations(params, names, found_reforms)
    bit_names = tuple(names) + tuple(r.name for r in found_reforms)
    bit_of = {**{n: i for i, n in enumerate(names)},
              **{r.name: len(names) + i for i, r in enumerate(found_reforms)}}
    if isinstance(inputs, Mapping) and relative_offsets(inputs.get("application")) is not None:
        inputs = grid(**inputs)  # application days relative to each expiry: not a product grid
    if isinstance(inputs, Mapping):
        if weight is not None:
            raise ExplorerError(
                "weight",
                weight,
                phrase(
                    "allowed.no_weight_on_sweep",
                    "no weight on a sweep (each row is one scenario); give a frame with a weight column",
                ),
            )
        result = _sweep(dict(inputs), params, alts, combos)
    elif isinstance(inputs, pd.DataFrame):
        result = _frame(inputs, params, alts, combos, weight)
    else:
        raise ExplorerError(
            "inputs",
            type(inputs).__name__,
            phrase("allowed.frame_or_grid", "a frame of inputs or a dict of explorer.grid arguments"),
        )
    if result is None:  # a sweep with a bad input: the frame path names the row
        return sensitivity(grid_frame(*_split(dict(inputs))), readings, found_reforms, params)
    seen, depends = result.pop("seen"), result.pop("depends_raw")
    cache = result.pop("_cache_items")
    dep = np.zeros(seen.shape, dtype=np.uint64)
    for alt, changed in zip(alts, depends, strict=True):
        dep |= changed.astype(np.uint64) << np.uint64(bit_of[alt.alternative if alt.reading == REFORM
                                                           else alt.reading])
    out = Sensitivity(bit_names, alts, seen=seen, depends=dep, combinations=len(combos), **result)
    out._cache.update(cache)
    return out


def _split(kwargs: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """A sweep's checked axes and its fixed columns."""
    fixed = {k: v for k, v in kwargs.items() if k in INPUT_COLUMNS and k not in GRID_COLUMNS}
    return axes(**kwargs), fixed


def _status_bits(e: np.ndarray, a: np.ndarray, y: np.ndarray, combos: list[Parameters]) -> np.ndarray:
    """Per cell: the statuses seen over every parameter set, as bits."""
    seen = np.zeros(e.shape, dtype=np.uint8)
    done: dict[int, bool] = {}
    for p in combos:
        if id(p) in done:
            continue
        done[id(p)] = True
        seen |= np.left_shift(np.uint8(1), transition.status(e, a, y, p).astype(np.uint8))
    return seen


def _sweep(kwargs: dict[str, Any], params: Parameters, alts: list[Alternative],
           combos: list[Parameters]) -> dict[str, Any] | None:
    """Counts on a sweep's factored form: per expiry day, never per row."""
    found, fixed = _split(kwargs)
    base = factor(found, fixed, params)
    if base is None:
        return None
    n_e, n_a = base.cells["status"].shape
    per_cell = base._per_cell()
    e = np.repeat(base.expiry, n_a)
    a = np.tile(base.choice_inputs.application[::per_cell], n_e)
    y = np.full(e.shape, base.choice_inputs.years_resided[0])
    seen = _status_bits(e, a, y, combos)
    base_counts = _Counts({m: np.zeros(n_e) for m in MEASURES}, _status_per_expiry(base, per_cell))
    counts, depends, pairs = [], [], {}
    for alt in alts:
        other = factor(found, fixed, alt.params)
        if other is None:
            return None
        changed = {
            "status": (other.cells["status"] != base.cells["status"]).sum(axis=1) * per_cell,
            "apply_by": (other.cells["apply_by"] != base.cells["apply_by"]).sum(axis=1) * per_cell,
        }
        changed.update(_path_changes(base, other))
        c = _Counts({m: changed[m].astype(np.float64) for m in MEASURES},
                    _status_per_expiry(other, per_cell))
        pair = base.cells["status"].astype(np.int64) * len(STATUSES) + other.cells["status"]
        moved = np.bincount(pair.reshape(-1), minlength=len(STATUSES) ** 2) * per_cell
        pairs[id(c)] = {(k // len(STATUSES), k % len(STATUSES)): int(moved[k])
                        for k in np.flatnonzero(moved) if k // len(STATUSES) != k % len(STATUSES)}
        counts.append(c)
        depends.append((other.cells["status"] != base.cells["status"]).reshape(-1))
    return {
        "unit": "scenarios", "total": float(base.rows), "cell_of_row": per_cell,
        "index": pd.RangeIndex(base.rows), "base": base_counts, "counts": counts,
        "unit_days": base.axes.expiry, "frame": None, "grid_shape": (n_e, n_a),
        "seen": seen, "depends_raw": depends,
        "_cache_items": {"pairs": pairs, "expiry_axis": base.axes.expiry,
                         "application_axis": base.axes.application,
                         "cell_expiry": np.repeat(base.axes.expiry, n_a)},
    }


def _path_changes(b: Factored, r: Factored) -> dict[str, np.ndarray]:
    """Rows per expiry day whose fees, visits or days without a card differ between two factored
    sweeps, counted per (expiry, application, path) slot from the choice tables: a row's value is
    its choice's value when its path is open (0, or missing for the gap, when closed)."""
    n_e = len(b.expiry)
    shape = b.open_.shape
    slots = shape[1] * shape[2]
    ob, orr = b.open_.reshape(n_e, slots), r.open_.reshape(n_e, slots)
    # The state of each (expiry, slot): 0 closed on both sides, 1 open under r only, 2 open
    # under b only, 3 open on both; a per-slot table of changed rows per state is gathered.
    state = ob.astype(np.int32) * 2 + orr
    state *= slots
    state += np.arange(slots, dtype=np.int32)
    cb, cr = b.choices, r.choices
    per_slot = len(cb["fees_cents"]) // slots

    def table(c: dict[str, np.ndarray], key: str) -> np.ndarray:
        return np.asarray(c[key]).reshape(slots, per_slot)

    nc_b, nc_r = table(cb, "no_five_year_card"), table(cr, "no_five_year_card")
    measures = ("fees_eur", "visits", "gap_days")
    per_state = np.zeros((4, slots, len(measures)), dtype=np.int32)
    for i, key in enumerate(("fees_cents", "visits")):
        fb, fr = table(cb, key), table(cr, key)
        per_state[1, :, i] = (fr != 0).sum(1)
        per_state[2, :, i] = (fb != 0).sum(1)
        per_state[3, :, i] = (fb != fr).sum(1)
    per_state[1, :, 2] = (~nc_r).sum(1)
    per_state[2, :, 2] = (~nc_b).sum(1)
    per_state[3, :, 2] = (nc_b != nc_r).sum(1)
    counts = per_state.reshape(4 * slots, len(measures))[state].sum(axis=1, dtype=np.int64)
    out = {m: counts[:, i] for i, m in enumerate(measures)}
    gap = out["gap_days"].copy()
    both = ob & orr
    # Rows open on both sides with a card on both: the gap differs only where a choice's issue
    # day or second gap differs; compute those columns on every expiry day.
    ib, ir = np.asarray(cb["first_issued_by"], np.int64), np.asarray(cr["first_issued_by"], np.int64)
    sb, sr = np.asarray(cb["second_gap_days"], np.int64), np.asarray(cr["second_gap_days"], np.int64)
    cols = np.flatnonzero(((ib != ir) | (sb != sr)) & ~nc_b.reshape(-1) & ~nc_r.reshape(-1))
    if cols.size:
        e = b.expiry.astype(np.int32)[:, None]  # day numbers and gaps fit in int32
        gb = np.maximum(ib[cols].astype(np.int32)[None, :] - e - 1, 0) + sb[cols].astype(np.int32)[None, :]
        gr = np.maximum(ir[cols].astype(np.int32)[None, :] - e - 1, 0) + sr[cols].astype(np.int32)[None, :]
        gap += ((gb != gr) & both[:, cols // per_slot]).sum(axis=1)
    out["gap_days"] = gap
    return out


def _differs(b: tuple[np.ndarray, np.ndarray], r: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Where two (values, missing) pairs differ, two missing values counting as equal."""
    (bv, bm), (rv, rm) = b, r
    return (bm != rm) | (~bm & (bv != rv))


def _status_per_expiry(f: Factored, per_cell: int) -> np.ndarray:
    """(nE, statuses) rows per status on each expiry day."""
    codes = f.cells["status"]
    return np.stack([(codes == s).sum(axis=1) * per_cell for s in range(len(STATUSES))],
                    axis=1).astype(np.float64)


def _frame(frame: pd.DataFrame, params: Parameters, alts: list[Alternative], combos: list[Parameters],
           weight: str | None) -> dict[str, Any]:
    """Counts on a frame of inputs: evaluate once per alternative; status on distinct cells."""
    s = validate(frame, params)
    w = weights(frame, weight) if weight is not None else np.ones(len(frame))
    years_codes, years = pd.factorize(pd.Series(s.years_resided), sort=True)
    e_lo = int(s.expiry.min()) if len(frame) else 0
    a_lo = int(s.application.min()) if len(frame) else 0
    span_a = int(s.application.max()) - a_lo + 1 if len(frame) else 1
    key = ((s.expiry.astype(np.int64) - e_lo) * span_a + (s.application.astype(np.int64) - a_lo)) \
        * max(1, len(years)) + years_codes
    cell_of_row, uniq = pd.factorize(key, sort=True)
    uniq = np.asarray(uniq, dtype=np.int64)
    y_code = uniq % max(1, len(years))
    ea = uniq // max(1, len(years))
    e = ea // span_a + e_lo
    a = ea % span_a + a_lo
    y = np.asarray(years, dtype=np.float64)[y_code] if len(years) else np.zeros(0)
    seen = _status_bits(e, a, y, combos)
    base_out = evaluate(frame, params)
    base_values = _values(base_out)
    base_codes = base_values["status"][0]
    base = _Counts({m: np.zeros(len(frame)) for m in MEASURES}, base_codes)
    counts, depends, pairs = [], [], {}
    base_cell_status = transition.status(e, a, y, params)
    for alt in alts:
        values = _values(evaluate(frame, alt.params))
        changed = {m: _differs(base_values[m], values[m]) * w for m in MEASURES}
        c = _Counts(changed, values["status"][0])
        pair = base_codes.astype(np.int64) * len(STATUSES) + values["status"][0]
        moved = np.bincount(pair, weights=w, minlength=len(STATUSES) ** 2)
        pairs[id(c)] = {(k // len(STATUSES), k % len(STATUSES)): _whole(moved[k])
                        for k in np.flatnonzero(moved) if k // len(STATUSES) != k % len(STATUSES)}
        counts.append(c)
        depends.append(transition.status(e, a, y, alt.params) != base_cell_status)
    return {
        "unit": "people" if weight is not None else "rows", "total": float(w.sum()),
        "cell_of_row": cell_of_row, "index": frame.index, "base": base, "counts": counts,
        "unit_days": None, "frame": frame, "seen": seen, "depends_raw": depends,
        "_cache_items": {"pairs": pairs, "weight": w,
                         "cell_expiry": e.astype("datetime64[D]").astype("datetime64[us]")},
    }


def _whole(x: float) -> float | int:
    return int(x) if float(x).is_integer() else float(x)


def _values(out: pd.DataFrame) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The measures of an evaluated frame as (values, missing) numpy pairs."""
    def pair(column: str) -> tuple[np.ndarray, np.ndarray]:
        col = out[column]
        missing = col.isna().to_numpy()
        if isinstance(col.dtype, pd.CategoricalDtype):
            return col.cat.codes.to_numpy(), missing
        if pd.api.types.is_datetime64_any_dtype(col.dtype):
            return col.to_numpy().view(np.int64), missing
        return col.to_numpy(dtype=np.int64, na_value=0), missing

    return {"status": pair("status"), "apply_by": pair("apply_by"), "fees_eur": pair("fees_cents"),
            "gap_days": pair("gap_days"), "visits": pair("visits")}
