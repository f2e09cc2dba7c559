"""compare(): the same scenarios under a baseline and a reform, side by side, with what changed.

Both runs go through explorer.evaluate; everything here is column arithmetic on the two
result frames (no per-row loops).  Money is summed in integer cents and shown in euros.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from ..core.engine import OUTPUT_COLUMNS, evaluate
from ..core.inputs import INPUT_COLUMNS
from ..core.parameters import Parameter, Parameters
from ..core.phrases import phrase
from ..errors import ExplorerError
from ..labels import Language, header, ui_text, value_label
from ..scenarios.grid import grid
from ..tables.summaries import DATE_OUTPUTS, period_codes, weights
from ..words.formats import format_number, format_percent
from .reforms import Reform, as_parameters, readable_series, series_words

SHIFT_OUTPUTS = DATE_OUTPUTS + ("stamp_refund_by",)
GROUP = ["option", "expedited", "delivery"]
SIDES = ("baseline", "reform")


@dataclass
class Comparison:
    """Baseline and reform outputs for the same rows, and summaries of the differences.

    The summary tables are computed once, on first use; treat `rows` as read-only."""

    rows: pd.DataFrame
    baseline_name: str
    reform_name: str
    changed_parameters: pd.DataFrame
    weight: str | None = None
    """A column of `rows` holding people per row (counts are then people), or None."""
    unit: str = "rows"
    """What the counts count: "scenarios" (a sweep's rows), "rows" (a frame's) or "people"."""
    parameter_sides: Mapping[str, tuple[Parameter, Parameter]] = field(default_factory=dict)
    """Each changed parameter's baseline and reform declaration (the summary writes their values in
    the words of its language)."""

    def weights(self) -> np.ndarray:
        """People per row with a weight column, else 1 per row (float64)."""
        if self.weight is None:
            return np.ones(len(self.rows))
        return weights(self.rows, self.weight)

    def by(self, column_or_period: str) -> pd.DataFrame:
        """Per group (a column of the rows, e.g. a population's group, or a period of the card's
        expiry: D, W, MS, QS, YS): rows (or people) counted, and those whose status, apply-by day,
        fees, days without a card, visits, or any output change."""
        if column_or_period in self.rows.columns:
            codes, groups = pd.factorize(self.rows[column_or_period], sort=True, use_na_sentinel=False)
            labels, name = np.asarray(groups), column_or_period
        else:
            try:
                labels, codes = period_codes(self.rows["card_expiry"], column_or_period)
            except (ExplorerError, ValueError, TypeError):
                raise ExplorerError(
                    "by",
                    column_or_period,
                    phrase(
                        "allowed.column_or_period",
                        "a column of the rows or a period of the card's expiry (D, W, MS, QS, YS)",
                    ),
                ) from None
            name = "expiry period"
        w, n = self.weights(), len(labels)
        table = pd.DataFrame({name: labels, "counted": self.unit,
                              "total": np.bincount(codes, weights=w, minlength=n)})
        for measure, column in (("status", "status"), ("apply_by", "apply_by"), ("fees_eur", "fees_cents"),
                                ("gap_days", "gap_days"), ("visits", "visits")):
            table[f"{measure} changed"] = np.bincount(
                codes, weights=w * self.rows[f"{column}_changed"].to_numpy(dtype=bool), minlength=n)
        table["any output changed"] = np.bincount(
            codes, weights=w * self.rows["any_changed"].to_numpy(dtype=bool), minlength=n)
        if self.weight is None:
            table = table.astype({c: np.int64 for c in table.columns[2:]})
        return table

    @property
    def changed_rows(self) -> pd.DataFrame:
        """Only the rows where some output differs."""
        return self.rows[self.rows["any_changed"]]

    @cached_property
    def status_transitions(self) -> pd.DataFrame:
        """Rows per (baseline status -> reform status), largest first; `changed` marks moves."""
        b, r = self.rows["status_baseline"], self.rows["status_reform"]
        cats = list(b.cat.categories)
        k = len(cats)
        pair = b.cat.codes.to_numpy(np.int64) * k + r.cat.codes.to_numpy(np.int64)
        counts = np.bincount(pair, minlength=k * k)
        nz = np.flatnonzero(counts)
        table = pd.DataFrame({
            "from": pd.Categorical.from_codes(nz // k, categories=cats),
            "to": pd.Categorical.from_codes(nz % k, categories=cats),
            "rows": counts[nz].astype(np.int64),
        })
        if self.weight is not None:
            table["people"] = np.bincount(pair, weights=self.weights(), minlength=k * k)[nz]
        table["changed"] = table["from"].astype(str) != table["to"].astype(str)
        return table.sort_values(["changed", "rows"], ascending=[False, False], kind="stable") \
            .reset_index(drop=True)

    @cached_property
    def date_shifts(self) -> pd.DataFrame:
        """Per date output: rows changed, rows gaining or losing it, shift in days (reform - baseline)."""
        out = []
        for col in SHIFT_OUTPUTS:
            b, r = self.rows[f"{col}_baseline"], self.rows[f"{col}_reform"]
            both = (b.notna() & r.notna()).to_numpy()
            shift = (r - b).dt.days.to_numpy(dtype=np.float64, na_value=np.nan)
            moved = both & (shift != 0)
            s = shift[moved]
            out.append({
                "output": col,
                "rows changed": int(self.rows[f"{col}_changed"].sum()),
                "rows shifted": int(moved.sum()),
                "rows gaining a date": int((b.isna() & r.notna()).sum()),
                "rows losing a date": int((b.notna() & r.isna()).sum()),
                "mean shift (days)": float(s.mean()) if s.size else np.nan,
                "min shift (days)": float(s.min()) if s.size else np.nan,
                "max shift (days)": float(s.max()) if s.size else np.nan,
            })
        return pd.DataFrame(out)

    @cached_property
    def deltas(self) -> pd.DataFrame:
        """Fees (EUR, summed in cents), visits and gap days: baseline, reform and difference,
        per option x expedited x delivery and in total (last row, option "all")."""
        rows = self.rows
        frame = pd.DataFrame({c: rows[c] for c in GROUP})
        for side in SIDES:
            frame[f"path_{side}"] = rows[f"option_available_{side}"].astype(np.int64)
            frame[f"cents_{side}"] = rows[f"fees_cents_{side}"].astype(np.int64)
            frame[f"visits_{side}"] = rows[f"visits_{side}"].astype(np.int64)
            frame[f"gap_{side}"] = rows[f"gap_days_{side}"].fillna(0).astype(np.int64)
        sums = frame.groupby(GROUP, observed=True, sort=True).sum()
        sizes = frame.groupby(GROUP, observed=True, sort=True).size()
        total = sums.sum().to_frame().T
        total.index = pd.MultiIndex.from_tuples([("all", "all", "all")], names=GROUP)
        sums = pd.concat([sums, total])
        sizes = pd.concat([sizes, pd.Series([len(frame)], index=total.index)])
        table = pd.DataFrame(index=sums.index)
        table["rows"] = sizes.astype(np.int64)
        for measure, name in (("path", "rows with a path"), ("cents", "fees"), ("visits", "visits"),
                              ("gap", "gap days")):
            base = sums[f"{measure}_baseline"].astype(np.int64)
            new = sums[f"{measure}_reform"].astype(np.int64)
            if measure == "cents":
                table["fees baseline (cents)"], table["fees reform (cents)"] = base, new
                table["fees difference (cents)"] = new - base
                base, new, unit = base / 100, new / 100, " (EUR)"
            else:
                unit = ""
            table[f"{name} baseline{unit}"] = base
            table[f"{name} reform{unit}"] = new
            table[f"{name} difference{unit}"] = new - base
        return table.reset_index()

    @cached_property
    def changes(self) -> pd.DataFrame:
        """Per measure (an output code: status, fees_eur, visits, gap_days): rows whose value
        changes, and the total under each side with the difference (for status the totals count
        rows with an open path; fees in EUR, summed in cents)."""
        rows = self.rows
        total = self.deltas.iloc[-1]
        out = []
        for measure, column, base, new in (
            ("status", "status", "rows with a path baseline", "rows with a path reform"),
            ("fees_eur", "fees_cents", "fees baseline (EUR)", "fees reform (EUR)"),
            ("visits", "visits", "visits baseline", "visits reform"),
            ("gap_days", "gap_days", "gap days baseline", "gap days reform"),
        ):
            out.append({"measure": measure, "rows changed": int(rows[f"{column}_changed"].sum()),
                        "baseline": total[base], "reform": total[new],
                        "difference": total[new] - total[base]})
        return pd.DataFrame(out)

    def summary(self, labels: Language = "codes", reform_name: str | None = None) -> str:
        """A few lines of plain text: rows changed, status moves, deadline shifts, totals.

        `labels` "en"/"sk" name parameters, statuses and outputs by their labels ("codes": the
        codes, in English sentences); `reform_name` replaces the reform's name in the first line."""
        def say(key: str, **values: Any) -> str:  # a whole catalogue sentence, numbers by Babel
            return ui_text(f"summary.{key}", labels, **values)

        rows = self.rows
        w = self.weights()
        n = float(w.sum())
        status = float(w @ rows["status_changed"].to_numpy(dtype=bool))
        changed = float(w @ rows["any_changed"].to_numpy(dtype=bool))
        lines = [say(f"head_counts_n.{self.unit}", n=_whole(n),  # the unit word takes the total's plural
                     reform=self.reform_name if reform_name is None else reform_name,
                     baseline=header(self.baseline_name, labels), total=_count(n, labels),
                     status=_count(status, labels), share=_pct(status, n, labels) if n else say("no_rows"),
                     changed=_count(changed, labels))]
        for _, p in self.changed_parameters.iterrows():
            before, after = p["baseline"], p["reform"]
            if labels != "codes" and p["parameter"] in self.parameter_sides:  # in the language's formats
                before, after = (series_words(side, labels) for side in self.parameter_sides[p["parameter"]])
            lines.append("  " + say("parameter_change", parameter=header(p["parameter"], labels),
                                    before=before, after=after))
        moves = self.status_transitions
        moves = moves[moves["changed"]]
        if len(moves):
            lines.append(say("status_moves"))
            count = "people" if self.weight is not None else "rows"  # counts of people, not rows
            lines += ["  " + say(f"status_move_n.{self.unit}", before=value_label(str(m["from"]), labels),
                                 after=value_label(str(m["to"]), labels), n=_whole(m[count]))
                      for _, m in moves.iterrows()]
        else:
            lines.append(say("no_status_move"))
        shifts = self.date_shifts
        date_unit = "rows" if self.unit == "people" else self.unit
        if (shifts["rows changed"] > 0).any():
            lines.append(say("dates"))
        for _, s in shifts[shifts["rows changed"] > 0].iterrows():
            # the unit word in the plural form its count takes; date_shifts counts rows, not weights
            text = "  " + say(f"date_changed_n.{date_unit}", output=header(s["output"], labels),
                              n=_whole(s["rows changed"]))
            if s["rows shifted"]:
                text += say("date_shifted_n", n=_whole(s["rows shifted"]), mean=s["mean shift (days)"],
                            least=s["min shift (days)"], most=s["max shift (days)"])
            if s["rows gaining a date"] or s["rows losing a date"]:
                text += say("gained_lost", gain=say("gain_n", n=_whole(s["rows gaining a date"])),
                            lose=say("lose_n", n=_whole(s["rows losing a date"])))
            lines.append(text)
        total = self.deltas.iloc[-1]
        lines.append(say("fees", before=total["fees baseline (EUR)"], after=total["fees reform (EUR)"],
                         difference=total["fees difference (EUR)"]))
        for key, measure in (("visits", "visits"), ("gap_days", "gap days")):
            lines.append(say(key, before=total[f"{measure} baseline"], after=total[f"{measure} reform"],
                             difference=total[f"{measure} difference"]))
        lines.append(say(f"open_path_n.{date_unit}", before=total["rows with a path baseline"],
                         n=_whole(total["rows with a path reform"])))
        return "\n".join(lines)


def _pct(k: float, n: float, lang: Language = "codes") -> str:
    return format_percent(k / n, "en" if lang == "codes" else lang)


def _whole(x: Any) -> int | float:
    """A count as a number the catalogue's plural forms can take: whole counts as int, weights as float."""
    value = float(x)
    return int(value) if value.is_integer() else round(value, 1)


def _count(x: float, lang: Language = "codes") -> str:
    """A count of rows or people by Babel: whole numbers without decimals, weights with one."""
    return format_number(x, "en" if lang == "codes" else lang, decimals=0 if float(x).is_integer() else 1)


def compare(baseline: Parameters | Reform | None, reform: Parameters | Reform,
            frame: pd.DataFrame | None = None, sweep: Mapping[str, Any] | None = None,
            weight: str | None = None) -> Comparison:
    """Evaluate the same input rows under `baseline` and `reform` and line the outputs up.

    `baseline` and `reform` are Parameters or Reform objects (a Reform is applied to the
    baseline parameters; baseline None means the project's baseline).  Give either an input
    `frame` or `sweep=dict(expiry=..., application=..., freq=..., ...)` (arguments of
    explorer.grid).  `weight`: a column of the frame with people per row (counts are then people)."""
    base = as_parameters(baseline)
    new = reform.apply(base) if isinstance(reform, Reform) else as_parameters(reform)
    if (frame is None) == (sweep is None):
        raise ExplorerError(
            "frame",
            None if frame is None else "a frame and a sweep",
            phrase(
                "allowed.frame_or_sweep",
                "either an input frame or sweep=dict(expiry=..., application=..., freq=...)",
            ),
        )
    if sweep is not None:
        if not isinstance(sweep, Mapping):
            raise ExplorerError(
                "sweep", sweep, phrase("allowed.grid_arguments", "a dict of explorer.grid arguments")
            )
        if weight is not None:
            raise ExplorerError(
                "weight",
                weight,
                phrase(
                    "allowed.weight_of_frame",
                    "a weight column of an input frame (a sweep's rows are scenarios, one each)",
                ),
            )
        frame = grid(**sweep)
    elif weight is not None:
        weights(frame, weight)  # a clear error naming a missing column or a bad value, before the work
    b = evaluate(frame, base)
    r = evaluate(frame, new)
    unit = "people" if weight is not None else "scenarios" if sweep is not None else "rows"
    changed = _changed_parameters(base, new)
    return Comparison(_side_by_side(b, r), _name(baseline, "baseline"), _name(reform, "reform"),
                      changed, weight, unit, {n: (base[n], new[n]) for n in changed["parameter"]})


def _name(value: Any, default: str) -> str:
    return value.name if isinstance(value, Reform) else default


def _changed_parameters(base: Parameters, new: Parameters) -> pd.DataFrame:
    rows = [{"parameter": n, "baseline": readable_series(base[n]), "reform": readable_series(new[n])}
            for n in new.names if n in base and base[n].series() != new[n].series()]
    return pd.DataFrame(rows, columns=["parameter", "baseline", "reform"])


def _side_by_side(b: pd.DataFrame, r: pd.DataFrame) -> pd.DataFrame:
    """Inputs, then for each output its baseline, reform and changed columns, then any_changed."""
    outputs = list(OUTPUT_COLUMNS)
    inputs = [c for c in b.columns if c not in OUTPUT_COLUMNS]
    cols: dict[str, Any] = {}
    for c in inputs:
        if c in INPUT_COLUMNS and not _same(b[c], r[c]).all():
            # a default that follows a parameter (second_application_date follows transition_deadline)
            cols[f"{c}_baseline"], cols[f"{c}_reform"] = b[c], r[c]
        else:
            cols[c] = b[c]
    any_changed = np.zeros(len(b), dtype=bool)
    for c in outputs:
        changed = ~_same(b[c], r[c])
        any_changed |= changed
        cols[f"{c}_baseline"], cols[f"{c}_reform"], cols[f"{c}_changed"] = b[c], r[c], changed
    cols["any_changed"] = any_changed
    return pd.DataFrame(cols, index=b.index)


def _same(b: pd.Series, r: pd.Series) -> np.ndarray:
    """Element-wise equality where two missing values count as equal."""
    b_na, r_na = b.isna().to_numpy(), r.isna().to_numpy()
    if isinstance(b.dtype, pd.CategoricalDtype) and isinstance(r.dtype, pd.CategoricalDtype) \
            and list(b.cat.categories) == list(r.cat.categories):
        eq = b.cat.codes.to_numpy() == r.cat.codes.to_numpy()
    else:
        eq = (b == r).to_numpy(dtype=bool, na_value=False)
    return (b_na & r_na) | (eq & ~b_na & ~r_na)
