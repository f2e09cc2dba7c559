"""Populations of card holders: load a CSV or Parquet file row by row, or draw a synthetic one.

A population file has one row per holder (or per group of holders, with `weight`):

- `card_expiry` (required): last day of validity of the holder's EU card, ISO date.
- the application day, in one of two forms (at least one column is required):
  `application_date` (ISO date), or `applies_days_before_expiry` (whole number N: the
  holder applies N days before the card expires, application_date = card_expiry - N;
  a negative N means -N days after expiry).  When both columns are present a filled
  `application_date` wins and the behaviour column fills the blanks.
- `weight` (optional, number >= 0, blank = 1): how many people the row stands for.
- any optional input column of `evaluate` (option, expedited, delivery,
  second_application_date, stamp_channel, stamp_lead_days, payment, years_resided,
  address_changed, accommodation_submitted_before); blank cells take the engine's default.
- any other column is kept unchanged (e.g. an id).

Bad rows are never dropped silently: `load_population` returns the valid rows in `.good`
(index `row` = the row's number in the file, the first data row being 1) and one line per
problem in `.bad` (row, column, value, reason).  Only a file-level problem (unreadable
file, a required column missing) raises ExplorerError.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from .engine import default_parameters
from .errors import ExplorerError
from .inputs import _FALSE, _TRUE, BOOL_COLUMNS, DATETIME, OPTIONS, validate
from .labels import Language, ui_text
from .parameters import PAYMENTS, Parameters, day_to_date
from .rules import transition

BEHAVIOUR_COLUMN = "applies_days_before_expiry"
WEIGHT_COLUMN = "weight"
DATE_COLUMNS = ("card_expiry", "application_date", "second_application_date")
BAD_COLUMNS = ("row", "column", "value", "reason")
SYNTHETIC_PATH = Path(__file__).resolve().parent.parent / "data" / "populations" / "synthetic.yaml"
_US_PER_DAY = 86_400_000_000
_NOT_A_DATE = "not a date (expected an ISO date such as 2020-11-15)"


@dataclass
class PopulationLoad:
    """A checked population: valid rows ready for `evaluate`, and every problem found."""

    good: pd.DataFrame
    bad: pd.DataFrame
    source: str = ""
    rows: int = 0
    columns: tuple[str, ...] = field(default=())

    @property
    def bad_rows(self) -> int:
        """Number of distinct rows with at least one problem."""
        return int(self.bad["row"].nunique())

    def summary(self, labels: Language = "codes", source: str | None = None) -> str:
        """One line for a log or a dashboard: rows read, kept and rejected (words in `labels`;
        `source` replaces the file's name)."""
        shown = source if source is not None else self.source or ui_text("population.default_source", labels)
        return ui_text("population.summary", labels).format(
            source=shown, rows=self.rows, valid=len(self.good), bad_rows=self.bad_rows,
            problems=len(self.bad))


def load_population(path: str | Path, params: Parameters | None = None) -> PopulationLoad:
    """Read a CSV or Parquet population file and check every row (see the module docstring)."""
    path = Path(path)
    frame = read_population_file(path)
    return check_population(frame, params, source=str(path))


def read_population_file(path: str | Path) -> pd.DataFrame:
    """The raw table of a .csv (text cells) or .parquet file; ExplorerError naming the file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise ExplorerError("path", str(path), "an existing .csv or .parquet file",
                            problem="file not found")
    try:
        if suffix in (".parquet", ".pq"):
            return pd.read_parquet(path)
        if suffix in (".csv", ".txt") or path.name.lower().endswith(".csv.gz"):
            return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except (OSError, ValueError) as exc:
        raise ExplorerError("path", str(path), "a readable .csv or .parquet file",
                            problem=str(exc).split("\n")[0]) from None
    raise ExplorerError("path", str(path), "a file ending in .csv, .csv.gz or .parquet",
                        problem="unknown file type")


def check_population(frame: pd.DataFrame, params: Parameters | None = None, source: str = "",
                     first_row: int = 1) -> PopulationLoad:
    """Check a raw population table row by row; rows are numbered from `first_row`."""
    params = params if params is not None else default_parameters()
    _require_columns(frame, source)
    n = len(frame)
    rows = np.arange(first_row, first_row + n, dtype=np.int64)
    raw = frame.reset_index(drop=True)
    problems = _Problems(raw, rows)
    out: dict[str, Any] = {}
    cal = params.calendar

    expiry = _dates(raw, "card_expiry", problems, cal, required=True)
    application = _application_days(raw, expiry, problems, cal)
    out["card_expiry"] = expiry
    out["application_date"] = application
    if "second_application_date" in raw.columns:
        out["second_application_date"] = _dates(raw, "second_application_date", problems, cal,
                                                 required=False)
    choices = {"option": (OPTIONS, "b"), "stamp_channel": (params.channels, "online"),
               "payment": (PAYMENTS, "card")}
    for name, (allowed, default) in choices.items():
        if name in raw.columns:
            codes = _choice(raw, name, allowed, default, problems)
            out[name] = pd.Categorical.from_codes(codes, categories=list(allowed))
    for name, default in BOOL_COLUMNS.items():
        if name in raw.columns:
            out[name] = _flag(raw, name, default, problems)
    if "stamp_lead_days" in raw.columns:
        out["stamp_lead_days"] = _number(raw, "stamp_lead_days", problems, 0, whole=True,
                                         minimum=0).astype(np.int64)
    if "years_resided" in raw.columns:
        out["years_resided"] = _number(raw, "years_resided", problems, 0, whole=False, minimum=0)
    if WEIGHT_COLUMN in raw.columns:
        out[WEIGHT_COLUMN] = _number(raw, WEIGHT_COLUMN, problems, 1, whole=False, minimum=0)

    checked = pd.DataFrame(out, index=pd.Index(rows, name="row"))
    _second_application_order(checked, problems, params)
    keep = ~problems.any_bad
    extra = [c for c in raw.columns if c not in checked.columns]
    if extra:
        passthrough = raw[extra].copy()
        passthrough.index = checked.index
        checked = pd.concat([checked, passthrough], axis=1)
    good = checked[keep]
    ordered = [c for c in raw.columns if c in good.columns]
    ordered += [c for c in good.columns if c not in ordered]
    return PopulationLoad(good=good[ordered], bad=problems.table(), source=source, rows=n,
                          columns=tuple(raw.columns))


def _require_columns(frame: pd.DataFrame, source: str) -> None:
    """Whole-file errors: the required columns, named with the file."""
    if not isinstance(frame, pd.DataFrame):
        raise ExplorerError("frame", type(frame).__name__, "a pandas DataFrame", source=source or None)
    if "card_expiry" not in frame.columns:
        raise ExplorerError("card_expiry", None, "a column of ISO dates (the card's last valid day)",
                            source=source or None, problem="missing required column")
    if "application_date" not in frame.columns and BEHAVIOUR_COLUMN not in frame.columns:
        raise ExplorerError("application_date", None,
                            f"a column application_date (ISO dates) or {BEHAVIOUR_COLUMN} "
                            "(whole days before card_expiry)",
                            source=source or None, problem="missing required column")


class _Problems:
    """Collects (row, column, value, reason) for every bad cell, as vectorised masks."""

    def __init__(self, raw: pd.DataFrame, rows: np.ndarray) -> None:
        self.raw = raw
        self.rows = rows
        self.any_bad = np.zeros(len(raw), dtype=bool)
        self.parts: list[pd.DataFrame] = []

    def add(self, column: str, mask: np.ndarray, reason: str) -> None:
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        self.any_bad |= mask
        pos = np.flatnonzero(mask)
        values = self.raw[column].to_numpy(dtype=object)[pos]
        shown = [None if _blank(v) else str(v) for v in values]
        self.parts.append(pd.DataFrame({"row": self.rows[pos], "column": column, "value": shown,
                                        "reason": reason}))

    def table(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame({"row": pd.Series([], dtype=np.int64),
                                 "column": pd.Series([], dtype=object),
                                 "value": pd.Series([], dtype=object),
                                 "reason": pd.Series([], dtype=object)})
        bad = pd.concat(self.parts, ignore_index=True)
        return bad.sort_values(["row", "column"], kind="stable", ignore_index=True)


def _blank(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or \
        (isinstance(value, str) and value.strip() == "")


def _missing(col: pd.Series) -> np.ndarray:
    """Blank cells: NA, or text that is empty after stripping."""
    missing = col.isna().to_numpy().copy()
    if col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
        text = col.astype("string").str.strip()
        missing |= (text == "").fillna(True).to_numpy(dtype=bool)
    return missing


def _date_days(col: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(day numbers, blank mask, unparseable mask) of a date column of any dtype."""
    if isinstance(col.dtype, pd.DatetimeTZDtype):
        col = col.dt.tz_localize(None)
    missing = _missing(col)
    if pd.api.types.is_datetime64_dtype(col.dtype):
        values = col.to_numpy()
    else:
        parsed = pd.to_datetime(col.astype("string").str.strip(), errors="coerce", format="ISO8601")
        if isinstance(parsed.dtype, pd.DatetimeTZDtype):
            parsed = parsed.dt.tz_localize(None)
        values = parsed.to_numpy()
    unparsed = np.isnat(values) & ~missing
    days = values.astype("datetime64[D]").view(np.int64).copy()
    return days, missing, unparsed


def _dates(raw: pd.DataFrame, name: str, problems: _Problems, cal: Any, required: bool) -> np.ndarray:
    """datetime64 values of a date column; NaT where bad or (optional column) blank."""
    days, missing, unparsed = _date_days(raw[name])
    problems.add(name, unparsed, _NOT_A_DATE)
    if required:
        problems.add(name, missing, "missing date")
    ok = ~missing & ~unparsed
    ok &= ~_outside(name, days, ok, problems, cal)
    return _to_datetime(days, ~ok)


def _outside(name: str, days: np.ndarray, ok: np.ndarray, problems: _Problems, cal: Any,
             what: str = "") -> np.ndarray:
    """Rows (among `ok`) whose day lies outside the calendar's supported dates; recorded."""
    outside = ok & ((days < cal.first_day) | (days > cal.last_day))
    problems.add(name, outside, f"{what}outside the supported dates {day_to_date(cal.first_day)} to "
                 f"{day_to_date(cal.last_day)}")
    return outside


def _to_datetime(days: np.ndarray, nat: np.ndarray) -> np.ndarray:
    out = days.astype(np.int64) * _US_PER_DAY
    out[nat] = np.iinfo(np.int64).min
    return out.view(DATETIME)


def _application_days(raw: pd.DataFrame, expiry: np.ndarray, problems: _Problems, cal: Any) -> np.ndarray:
    """application_date where filled in, else card_expiry - applies_days_before_expiry."""
    n = len(raw)
    days = np.zeros(n, dtype=np.int64)
    have = np.zeros(n, dtype=bool)
    given = np.zeros(n, dtype=bool)
    if "application_date" in raw.columns:
        d, missing, unparsed = _date_days(raw["application_date"])
        problems.add("application_date", unparsed, _NOT_A_DATE)
        ok = ~missing & ~unparsed
        ok &= ~_outside("application_date", d, ok, problems, cal)
        given = ~missing  # a filled cell wins, even a bad one
        have = ok
        days = np.where(ok, d, days)
    missing_day = ~given
    if BEHAVIOUR_COLUMN in raw.columns:
        lead, lead_ok, lead_blank = _numbers(raw, BEHAVIOUR_COLUMN, problems, whole=True, minimum=None,
                                             only=~given)
        use = ~given & lead_ok & ~np.isnat(expiry)
        derived = expiry.astype("datetime64[D]").view(np.int64) - lead.astype(np.int64)
        use &= ~_outside(BEHAVIOUR_COLUMN, derived, use, problems, cal,
                         what="card_expiry minus these days is ")
        have |= use
        days = np.where(use, derived, days)
        missing_day = ~given & lead_blank
    name = "application_date" if "application_date" in raw.columns else BEHAVIOUR_COLUMN
    problems.add(name, missing_day, f"missing application day (give application_date or {BEHAVIOUR_COLUMN})")
    return _to_datetime(days, ~have)


def _numbers(raw: pd.DataFrame, name: str, problems: _Problems, whole: bool, minimum: float | None,
             only: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(values, valid mask, blank mask) of a numeric column; problems recorded on `only` rows."""
    col = raw[name]
    rows = np.ones(len(raw), dtype=bool) if only is None else only
    if pd.api.types.is_bool_dtype(col.dtype):
        problems.add(name, rows, "not a number")
        return np.zeros(len(raw)), np.zeros(len(raw), dtype=bool), np.zeros(len(raw), dtype=bool)
    missing = _missing(col)
    source = col.astype("string").str.strip() if not pd.api.types.is_numeric_dtype(col.dtype) else col
    values = pd.to_numeric(source, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    not_number = np.isnan(values) & ~missing
    infinite = np.isinf(values)
    problems.add(name, rows & not_number, "not a number")
    problems.add(name, rows & infinite, "not a finite number")
    ok = ~missing & ~not_number & ~infinite
    if minimum is not None:
        low = ok & (values < minimum)
        problems.add(name, rows & low, "negative" if minimum == 0 else f"below {minimum}")
        ok &= ~low
    if whole:
        frac = ok & (values != np.floor(values))
        problems.add(name, rows & frac, "not a whole number")
        ok &= ~frac
    return np.where(ok, values, 0.0), ok, missing


def _number(raw: pd.DataFrame, name: str, problems: _Problems, default: float, whole: bool,
            minimum: float | None) -> np.ndarray:
    values, _, missing = _numbers(raw, name, problems, whole, minimum)
    return np.where(missing, default, values)


def _choice(raw: pd.DataFrame, name: str, allowed: tuple[str, ...], default: str,
            problems: _Problems) -> np.ndarray:
    """Codes (positions in `allowed`) of a text column; blanks take the default."""
    col = raw[name]
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    mapping = np.empty(len(uniques) + 1, dtype=np.int8)
    mapping[-1] = allowed.index(default)
    unknown = np.zeros(len(uniques) + 1, dtype=bool)
    for i, value in enumerate(uniques):
        key = str(value).strip().lower()
        if key == "":
            mapping[i] = allowed.index(default)
        elif key in allowed:
            mapping[i] = allowed.index(key)
        else:
            mapping[i] = allowed.index(default)
            unknown[i] = True
    problems.add(name, unknown[codes], "unknown value (allowed: " + ", ".join(allowed) + ")")
    return mapping[codes]


def _flag(raw: pd.DataFrame, name: str, default: bool, problems: _Problems) -> np.ndarray:
    """A flag column: bools, 0/1, true/false, yes/no; blanks take the default."""
    col = raw[name]
    if col.dtype == bool:
        return col.to_numpy(copy=True)
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    mapping = np.full(len(uniques) + 1, int(default), dtype=np.int8)
    unknown = np.zeros(len(uniques) + 1, dtype=bool)
    for i, value in enumerate(uniques):
        text = str(value).strip().lower()
        if isinstance(value, bool | np.bool_):
            mapping[i] = int(value)
        elif text in _TRUE or text in ("1.0",):
            mapping[i] = 1
        elif text in _FALSE or text in ("0.0",):
            mapping[i] = 0
        elif text != "":
            unknown[i] = True
    problems.add(name, unknown[codes], "not a flag (allowed: true/false, yes/no, 1/0)")
    return mapping[codes].astype(bool)


def _second_application_order(checked: pd.DataFrame, problems: _Problems, params: Parameters) -> None:
    """Rows where path a is open and the second application is not after the first: the
    engine rejects them, so they are reported here (the same status rules decide)."""
    if "second_application_date" not in checked.columns or "option" not in checked.columns:
        return
    usable = ~problems.any_bad
    if not usable.any():
        return
    s = validate(checked[usable], params)
    code = transition.status(s.expiry, s.application, s.years_resided, params)
    available = transition.option_available(code, s.option_b)
    invalid = np.zeros(len(checked), dtype=bool)
    invalid[np.flatnonzero(usable)] = available & ~s.option_b & (s.second <= s.application)
    problems.add("second_application_date", invalid,
                 "on or before application_date on a row taking option a")


# --- synthetic populations ------------------------------------------------------------------

def load_assumptions(assumptions: str | Path | Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The synthetic-population assumptions: the default YAML, another file, or a mapping."""
    source = str(SYNTHETIC_PATH) if assumptions is None else \
        (str(assumptions) if isinstance(assumptions, str | Path) else "assumptions")
    if assumptions is None or isinstance(assumptions, str | Path):
        try:
            data = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ExplorerError("assumptions", source, "a readable YAML file",
                                problem=str(exc).split("\n")[0]) from None
    else:
        data = dict(assumptions)
    _check_assumptions(data, source)
    return data


def _check_assumptions(data: Any, source: str) -> None:
    if not isinstance(data, dict):
        raise ExplorerError("assumptions", type(data).__name__, "a mapping", source=source)
    for key in ("expiry", "option_shares", "expedited_share", "delivery_share", "application", "weight"):
        if key not in data:
            raise ExplorerError(key, None, "a key of the assumptions file", source=source,
                                problem="missing key")
    _shares(data["option_shares"], "option_shares", source, keys=OPTIONS)
    _shares(data["expiry"].get("year_shares", {}), "expiry.year_shares", source)
    for key in ("expedited_share", "delivery_share"):
        _share(data[key], key, source)
    app = data["application"]
    _share(app.get("late_share"), "application.late_share", source)
    for key in ("days_before_expiry", "days_after_expiry"):
        bins = app.get(key)
        if not isinstance(bins, list) or not bins:
            raise ExplorerError(f"application.{key}", bins, "a list of [first, last, share] bins",
                                source=source)
        for b in bins:
            if not (isinstance(b, list | tuple) and len(b) == 3 and int(b[0]) <= int(b[1])
                    and int(b[0]) >= 0):
                raise ExplorerError(f"application.{key}", b, "[first, last, share] with 0 <= first <= last",
                                    source=source)
        _shares({i: b[2] for i, b in enumerate(bins)}, f"application.{key}", source)
    w = data["weight"]
    if not isinstance(w, dict) or len(w.get("values", [])) != len(w.get("shares", [])) or not w["values"]:
        raise ExplorerError("weight", w, "values: [...] and shares: [...] of equal length", source=source)
    if any(float(v) < 0 for v in w["values"]):
        raise ExplorerError("weight.values", w["values"], "numbers 0 or more", source=source)
    _shares(dict(enumerate(w["shares"])), "weight.shares", source)


def _share(value: Any, name: str, source: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ExplorerError(name, value, "a share between 0 and 1", source=source)


def _shares(shares: Any, name: str, source: str, keys: tuple | None = None) -> None:
    if not isinstance(shares, dict) or not shares:
        raise ExplorerError(name, shares, "a non-empty mapping of shares", source=source)
    if keys is not None and set(shares) - set(keys):
        raise ExplorerError(name, sorted(map(str, shares)), "keys among " + ", ".join(keys), source=source)
    for key, value in shares.items():
        _share(value, f"{name}.{key}", source)
    if abs(sum(shares.values()) - 1) > 1e-9:
        raise ExplorerError(name, sum(shares.values()), "shares summing to 1", source=source)


def synthetic_population(n: int, seed: int | np.random.SeedSequence = 0,
                         assumptions: str | Path | Mapping[str, Any] | None = None,
                         first_row: int = 1) -> pd.DataFrame:
    """`n` holders drawn from the documented assumptions (data/populations/synthetic.yaml).

    Seeded: the same n, seed and assumptions give the same frame.  Index `row` numbers the
    holders from `first_row`, so chunks drawn with different seeds can be stacked."""
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 0:
        raise ExplorerError("n", n, "a whole number of holders, 0 or more")
    a = load_assumptions(assumptions)
    rng = np.random.default_rng(seed)
    n = int(n)
    years = a["expiry"]["year_shares"]
    year_list = np.array([int(y) for y in years], dtype=np.int64)
    year = year_list[rng.choice(len(year_list), size=n, p=_probs(years.values()))]
    starts = (np.array([f"{y}-01-01" for y in year_list], dtype="datetime64[D]")).view(np.int64)
    ends = (np.array([f"{y + 1}-01-01" for y in year_list], dtype="datetime64[D]")).view(np.int64)
    idx = np.searchsorted(year_list, year)
    expiry = starts[idx] + (rng.random(n) * (ends[idx] - starts[idx])).astype(np.int64)
    app = a["application"]
    late = rng.random(n) < app["late_share"]
    before = _bin_draw(rng, app["days_before_expiry"], n)
    after = _bin_draw(rng, app["days_after_expiry"], n)
    lead = np.where(late, -after, before)
    option_codes = np.array([OPTIONS.index(k) for k in a["option_shares"]], dtype=np.int8)
    option = option_codes[rng.choice(len(option_codes), size=n, p=_probs(a["option_shares"].values()))]
    expedited = rng.random(n) < a["expedited_share"]
    delivery = rng.random(n) < a["delivery_share"]
    w = a["weight"]
    weight = np.asarray(w["values"], dtype=np.float64)[rng.choice(len(w["values"]), size=n,
                                                                  p=_probs(w["shares"]))]
    frame = pd.DataFrame({
        "card_expiry": _to_datetime(expiry, np.zeros(n, dtype=bool)),
        "application_date": _to_datetime(expiry - lead, np.zeros(n, dtype=bool)),
        "option": pd.Categorical.from_codes(option, categories=list(OPTIONS)),
        "expedited": expedited,
        "delivery": delivery,
        WEIGHT_COLUMN: weight,
    }, index=pd.RangeIndex(first_row, first_row + n, name="row"))
    return frame


def synthetic_chunks(n: int, chunk_rows: int = 1_000_000, seed: int = 0,
                     assumptions: str | Path | Mapping[str, Any] | None = None) -> Iterator[pd.DataFrame]:
    """`n` synthetic holders in frames of at most `chunk_rows`, never all in memory at once.

    Chunk i is drawn with seed (seed, i), so a chunk can be regenerated on its own (a Dask
    partition) and the whole population does not depend on the order of evaluation."""
    a = load_assumptions(assumptions)
    for i, start in enumerate(range(0, n, chunk_rows)):
        yield synthetic_chunk(i, min(chunk_rows, n - start), seed, a, first_row=start + 1)


def synthetic_chunk(i: int, rows: int, seed: int, assumptions: Mapping[str, Any],
                    first_row: int) -> pd.DataFrame:
    """Chunk number `i` of a chunked synthetic population (seeded by (seed, i))."""
    sub_seed = np.random.SeedSequence([int(seed), int(i)])
    return synthetic_population(rows, seed=sub_seed, assumptions=assumptions, first_row=first_row)


def _probs(values: Any) -> np.ndarray:
    p = np.asarray(list(values), dtype=np.float64)
    return p / p.sum()


def _bin_draw(rng: np.random.Generator, bins: list, n: int) -> np.ndarray:
    """Whole days drawn from [first, last, share] bins, uniform within a bin."""
    first = np.array([int(b[0]) for b in bins], dtype=np.int64)
    last = np.array([int(b[1]) for b in bins], dtype=np.int64)
    which = rng.choice(len(bins), size=n, p=_probs(b[2] for b in bins))
    return first[which] + (rng.random(n) * (last[which] - first[which] + 1)).astype(np.int64)
