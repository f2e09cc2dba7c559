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

import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow.lib import ArrowException

from ..core import columns
from ..core.datafiles import data_path
from ..core.days import NAT, to_datetime
from ..core.engine import default_parameters
from ..core.inputs import (
    BOOL_COLUMNS,
    INPUT_COLUMNS,
    INPUT_DEFAULTS,
    MISSING_COLUMN,
    NUMBER_RANGES,
    OPTIONS,
    check_frame,
    choice_columns,
    validate,
)
from ..core.limits import MAX_POPULATION_BYTES, Range
from ..core.parameters import Parameters
from ..core.phrases import A_MAPPING, MISSING_KEY, Phrase, phrase
from ..core.rules import transition
from ..core.safe_yaml import load_yaml_file
from ..errors import CONTROL_ESCAPES, ExplorerError
from ..labels import Language, ui_text
from ..words import phrase_text

BEHAVIOUR_COLUMN = "applies_days_before_expiry"
UNKNOWN_FILE_TYPE = phrase("error.problem.unknown_file_type", "unknown file type")
EXISTING_FILE = phrase("allowed.existing_file", "an existing .csv or .parquet file")
READABLE_FILE = phrase("allowed.readable_file", "a readable .csv or .parquet file")
FILE_SUFFIX = phrase("allowed.file_suffix", "a file ending in .csv, .csv.gz or .parquet")
UPLOAD_SUFFIXES = (".csv", ".parquet")
"""The endings a file given as bytes (an upload) may have."""
UPLOAD_NAME = "upload.csv"
"""The name of bytes given without a file name."""
"""Words of the file errors, each one catalogue entry (shown on the page in its language)."""
WEIGHT_COLUMN = "weight"
DATE_COLUMNS = ("card_expiry", "application_date", "second_application_date")
BAD_COLUMNS = ("row", "column", "value", "reason")
SYNTHETIC_PATH = data_path("populations", "synthetic.yaml")
WEIGHT_RANGE = Range(0, 1_000_000_000, whole=False, unit="people")
BEHAVIOUR_RANGE = Range(-36_500, 36_500, whole=True, unit="days")
READ_COLUMNS = frozenset(INPUT_COLUMNS) | {WEIGHT_COLUMN, BEHAVIOUR_COLUMN}
VALUE_CHARS = 120  # longest value shown in the bad-row report
LENGTH_NOTE_CHARS = 32  # room kept in a cut value for "... (1000000000 characters)"


@dataclass
class PopulationLoad:
    """A checked population: valid rows ready for `evaluate`, and every problem found."""

    good: pd.DataFrame
    bad: pd.DataFrame
    source: str = ""
    rows: int = 0
    columns: tuple[str, ...] = field(default=())
    reasons: pd.Categorical | None = None  # the phrase behind each line of `bad` (same order)

    def problems(self, labels: Language = "codes") -> pd.DataFrame:
        """`bad` with each reason in the words of `labels` (en, sk; "codes" keeps `bad` as it is,
        its reasons in English): the phrase recorded where the problem was found, written now."""
        if labels == "codes" or self.reasons is None or self.bad.empty:
            return self.bad
        out = self.bad.copy()
        texts = np.array([phrase_text(p, labels) for p in self.reasons.categories] + [""], dtype=object)
        out["reason"] = texts[self.reasons.codes]  # each distinct phrase written once
        return out

    @property
    def bad_rows(self) -> int:
        """Number of distinct rows with at least one problem."""
        return int(self.bad["row"].nunique())

    def summary(self, labels: Language = "codes", source: str | None = None) -> str:
        """One line for a log or a dashboard: rows read, kept and rejected (words in `labels`;
        `source` replaces the file's name)."""
        shown = source if source is not None else self.source or ui_text("population.default_source", labels)
        return ui_text("population.summary", labels, source=shown, rows=self.rows, valid=len(self.good),
                       bad_rows=self.bad_rows, problems=len(self.bad))


def load_population(path: str | Path, params: Parameters | None = None) -> PopulationLoad:
    """Read a CSV or Parquet population file and check every row (see the module docstring)."""
    path = Path(path)
    frame = read_population_file(path)
    return check_population(frame, params, source=str(path))


def load_population_bytes(name: str, data: bytes, params: Parameters | None = None) -> PopulationLoad:
    """load_population of a file's bytes (an upload), so bytes are refused exactly as a file on disk is.

    The bytes are written to a temporary file named like `name` (its last part), read and checked,
    and the file removed; every error names `name`, never the temporary copy."""
    base = Path(name).name or UPLOAD_NAME
    if not base.lower().endswith(UPLOAD_SUFFIXES):
        raise ExplorerError("file", base, phrase("allowed.csv_or_parquet", "a .csv or .parquet file"),
                            problem=UNKNOWN_FILE_TYPE)
    with tempfile.TemporaryDirectory(prefix="rx-upload-") as folder:
        path = Path(folder) / base
        path.write_bytes(data)
        try:
            load = load_population(path, params)
        except ExplorerError as exc:
            raise _named(exc, str(path), base) from None
    load.source = base
    return load


def _named(exc: ExplorerError, path: str, base: str) -> ExplorerError:
    """The error of bytes read through the temporary file `path`, naming `base` (the name the
    person chose) instead."""
    value = base if isinstance(exc.value, str) and exc.value == path else exc.value
    return ExplorerError(exc.field, value,
                         exc.allowed_phrase or exc.allowed, exc.row, source=base if exc.source else None,
                         problem=exc.problem_phrase or exc.problem)


def read_population_file(path: str | Path) -> pd.DataFrame:
    """The raw table of a .csv (text cells) or .parquet file; ExplorerError naming the file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise ExplorerError("path", str(path), EXISTING_FILE,
                            problem=phrase("error.problem.file_not_found", "file not found"))
    size = path.stat().st_size
    if size > MAX_POPULATION_BYTES:
        raise ExplorerError("path", str(path), phrase(
            "allowed.max_bytes",
            f"a file of at most {MAX_POPULATION_BYTES:,} bytes (split it into several files and use --dask)",
            max=MAX_POPULATION_BYTES),
            problem=phrase("error.problem.file_size", f"{size:,} bytes", size=size))
    try:
        if suffix in (".parquet", ".pq"):
            _plain_columns(path)
            return pd.read_parquet(path)
        if suffix in (".csv", ".txt") or path.name.lower().endswith(".csv.gz"):
            return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except ExplorerError:
        raise
    except (OSError, ValueError, TypeError, OverflowError, ArrowException) as exc:
        detail = str(exc).split("\n")[0]
        raise ExplorerError("path", str(path), READABLE_FILE,
                            problem=phrase("error.problem.unreadable", detail, detail=detail)) from None
    raise ExplorerError("path", str(path), FILE_SUFFIX,
                        problem=UNKNOWN_FILE_TYPE)


def _plain_columns(path: Path) -> None:
    """Refuse nested values (lists, mappings) in a Parquet column the explorer reads."""
    for column in pq.read_schema(path):
        if column.name in READ_COLUMNS and pa.types.is_nested(column.type):
            raise ExplorerError(column.name, str(column.type),
                                phrase("allowed.plain_values", "plain values (dates, numbers, text)"),
                                source=str(path), problem=phrase("error.problem.nested_parquet",
                                                                 "nested values in a Parquet column"))


def check_population(frame: pd.DataFrame, params: Parameters | None = None, source: str = "",
                     first_row: int = 1) -> PopulationLoad:
    """Check a raw population table row by row; rows are numbered from `first_row`."""
    params = params if params is not None else default_parameters()
    _require_columns(frame, params, source)
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
    for name, allowed in choice_columns(params).items():
        if name in raw.columns:
            codes = problems.record(name, columns.choice(raw[name], allowed, INPUT_DEFAULTS[name]))
            out[name] = pd.Categorical.from_codes(codes, categories=list(allowed))
    for name, default in BOOL_COLUMNS.items():
        if name in raw.columns:
            out[name] = problems.record(name, columns.flag(raw[name], default))
    for name, limits in NUMBER_RANGES.items():
        if name in raw.columns:
            values = problems.record(name, columns.number(raw[name], limits, INPUT_DEFAULTS[name]))
            out[name] = values.astype(np.int64) if limits.whole else values
    if WEIGHT_COLUMN in raw.columns:
        weights = columns.number(raw[WEIGHT_COLUMN], WEIGHT_RANGE, 1)
        out[WEIGHT_COLUMN] = problems.record(WEIGHT_COLUMN, weights)

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
    bad, reasons = problems.table()
    return PopulationLoad(good=good[ordered], bad=bad, source=source, rows=n,
                          columns=tuple(raw.columns), reasons=reasons)


def _require_columns(frame: pd.DataFrame, params: Parameters, source: str) -> None:
    """Whole-file errors: the parameters, duplicate column names, the required columns."""
    check_frame(frame, params, source or None)
    if "card_expiry" not in frame.columns:
        raise ExplorerError("card_expiry", None, phrase("allowed.expiry_column",
                                                        "a column of ISO dates (the card's last valid day)"),
                            source=source or None, problem=MISSING_COLUMN)
    if "application_date" not in frame.columns and BEHAVIOUR_COLUMN not in frame.columns:
        raise ExplorerError("application_date", None, phrase(
            "allowed.application_column",
            f"a column application_date (ISO dates) or {BEHAVIOUR_COLUMN} (whole days before card_expiry)"),
                            source=source or None, problem=MISSING_COLUMN)


class _Problems:
    """Collects (row, column, value, reason) for every bad cell, as vectorised masks."""

    def __init__(self, raw: pd.DataFrame, rows: np.ndarray) -> None:
        self.raw = raw
        self.rows = rows
        self.any_bad = np.zeros(len(raw), dtype=bool)
        self.parts: list[pd.DataFrame] = []
        self.phrases: dict[Phrase, int] = {}  # each distinct reason once, numbered

    def add(self, column: str, mask: np.ndarray, reason: Phrase) -> None:
        """Record `reason` (a catalogue phrase) for the cells of `column` on the rows of `mask`."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        self.any_bad |= mask
        pos = np.flatnonzero(mask)
        full = self.raw[column].iloc[pos].map(columns.cell_text).astype("string")
        full = full.str.translate(CONTROL_ESCAPES)
        # a cut value says how long it was (all in VALUE_CHARS); control characters show as \x00
        length = full.str.len()
        long = (length > VALUE_CHARS).fillna(False).astype(bool)
        text = full.str.slice(0, VALUE_CHARS).mask(
            long, full.str.slice(0, VALUE_CHARS - LENGTH_NOTE_CHARS) + "... (" + length.astype("string")
            + " characters)")
        shown = text.where(text.str.strip() != "", None).astype(object)  # blank cells show as None
        self.parts.append(pd.DataFrame({"row": self.rows[pos], "column": column,
                                        "value": shown.to_numpy(dtype=object),
                                        "reason": phrase_text(reason, "en"),
                                        "phrase": self.phrases.setdefault(reason, len(self.phrases))}))

    def record(self, column: str, checked: columns.Checked, only: np.ndarray | None = None) -> np.ndarray:
        """Record every problem of a checked column (on the rows of `only`); return its values."""
        for rows, reason in checked.problems:
            where = rows if only is None else rows & only
            self.add(column, where, _with_allowed(reason, checked.allowed_phrase))
        return checked.values

    def table(self) -> tuple[pd.DataFrame, pd.Categorical]:
        """One row per problem, by row then column (reasons in English), and the phrase of each."""
        if not self.parts:
            return pd.DataFrame({"row": pd.Series([], dtype=np.int64),
                                 "column": pd.Series([], dtype=object),
                                 "value": pd.Series([], dtype=object),
                                 "reason": pd.Series([], dtype=object)}), _phrases([], [])
        bad = pd.concat(self.parts, ignore_index=True)
        bad = bad.sort_values(["row", "column"], kind="stable", ignore_index=True)
        return bad.drop(columns="phrase"), _phrases(bad["phrase"].to_numpy(), list(self.phrases))


def _phrases(codes: Any, phrases: list[Phrase]) -> pd.Categorical:
    """Phrases by their numbers (a Categorical of phrases: each distinct one stored once)."""
    return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int64),
                                     categories=pd.Index(phrases, dtype=object), validate=False)


def _with_allowed(reason: Phrase, allowed: Phrase) -> Phrase:
    """A reason with what is allowed, as one catalogue entry: "negative (allowed: ...)"."""
    return phrase("bad_row.with_allowed", f"{reason.english} (allowed: {allowed.english})",
                  reason=reason, allowed=allowed)


def _date_allowed(cal: Any) -> Phrase:
    """What a date cell may hold (a catalogue phrase)."""
    return columns.date_allowed(cal.first_day, cal.last_day)


def _dates(raw: pd.DataFrame, name: str, problems: _Problems, cal: Any, required: bool) -> np.ndarray:
    """datetime64 values of a date column; NaT where bad or (optional column) blank."""
    checked = columns.dates(raw[name], cal.first_day, cal.last_day, required, _date_allowed(cal))
    return to_datetime(problems.record(name, checked))


def _application_days(raw: pd.DataFrame, expiry: np.ndarray, problems: _Problems, cal: Any) -> np.ndarray:
    """application_date where filled in, else card_expiry - applies_days_before_expiry."""
    n = len(raw)
    days = np.full(n, NAT, dtype=np.int64)
    given = np.zeros(n, dtype=bool)
    if "application_date" in raw.columns:
        checked = columns.dates(raw["application_date"], cal.first_day, cal.last_day, False,
                                _date_allowed(cal))
        days = problems.record("application_date", checked)
        given = ~checked.blank  # a filled cell wins, even a bad one
    missing_day = ~given
    if BEHAVIOUR_COLUMN in raw.columns:
        checked = columns.number(raw[BEHAVIOUR_COLUMN], BEHAVIOUR_RANGE, 0)
        problems.record(BEHAVIOUR_COLUMN, checked, only=~given)
        use = ~given & ~checked.bad & ~checked.blank & ~np.isnat(expiry)
        derived = expiry.astype("datetime64[D]").view(np.int64) - checked.values.astype(np.int64)
        outside = use & ((derived < cal.first_day) | (derived > cal.last_day))
        problems.add(BEHAVIOUR_COLUMN, outside, _with_allowed(phrase(
            "bad_row.derived_outside", "card_expiry minus these days is outside the supported dates",
            expiry_column="card_expiry"), _date_allowed(cal)))
        days = np.where(use & ~outside, derived, days)
        missing_day = ~given & checked.blank
    name = "application_date" if "application_date" in raw.columns else BEHAVIOUR_COLUMN
    problems.add(name, missing_day, phrase(
        "bad_row.missing_application_day",
        f"missing application day (give application_date or {BEHAVIOUR_COLUMN})",
        date_column="application_date", days_column=BEHAVIOUR_COLUMN))
    return to_datetime(days)


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
    invalid[np.flatnonzero(usable)] = transition.second_application_too_early(available, s.option_b, s.second,
                                                                              s.application)
    problems.add("second_application_date", invalid, phrase(
        "bad_row.second_not_after", "on or before application_date on a row taking option a",
        date_column="application_date", option="a"))


# --- synthetic populations ------------------------------------------------------------------

def load_assumptions(assumptions: str | Path | Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The synthetic-population assumptions: the default YAML, another file, or a mapping."""
    source = str(SYNTHETIC_PATH) if assumptions is None else \
        (str(assumptions) if isinstance(assumptions, str | Path) else "assumptions")
    if assumptions is None or isinstance(assumptions, str | Path):
        data = load_yaml_file(source, "an assumptions YAML file")
    else:
        data = dict(assumptions)
    _check_assumptions(data, source)
    return data


def _check_assumptions(data: Any, source: str) -> None:
    if not isinstance(data, dict):
        raise ExplorerError("assumptions", type(data).__name__, A_MAPPING, source=source)
    for key in ("expiry", "option_shares", "expedited_share", "delivery_share", "application", "weight"):
        if key not in data:
            raise ExplorerError(key, None, phrase("allowed.assumptions_key", "a key of the assumptions file"),
                                source=source, problem=MISSING_KEY)
    _shares(data["option_shares"], "option_shares", source, keys=OPTIONS)
    _shares(data["expiry"].get("year_shares", {}), "expiry.year_shares", source)
    for key in ("expedited_share", "delivery_share"):
        _share(data[key], key, source)
    app = data["application"]
    _share(app.get("late_share"), "application.late_share", source)
    for key in ("days_before_expiry", "days_after_expiry"):
        bins = app.get(key)
        if not isinstance(bins, list) or not bins:
            raise ExplorerError(
                f"application.{key}",
                bins,
                phrase("allowed.bins", "a list of [first, last, share] bins"),
                source=source,
            )
        for b in bins:
            if not (isinstance(b, list | tuple) and len(b) == 3 and int(b[0]) <= int(b[1])
                    and int(b[0]) >= 0):
                raise ExplorerError(
                    f"application.{key}",
                    b,
                    phrase("allowed.bin", "[first, last, share] with 0 <= first <= last"),
                    source=source,
                )
        _shares({i: b[2] for i, b in enumerate(bins)}, f"application.{key}", source)
    w = data["weight"]
    if not isinstance(w, dict) or len(w.get("values", [])) != len(w.get("shares", [])) or not w["values"]:
        raise ExplorerError(
            "weight",
            w,
            phrase("allowed.weight_lists", "values: [...] and shares: [...] of equal length"),
            source=source,
        )
    if any(float(v) < 0 for v in w["values"]):
        raise ExplorerError("weight.values", w["values"], phrase("allowed.numbers_not_negative",
                                                                 "numbers 0 or more"), source=source)
    _shares(dict(enumerate(w["shares"])), "weight.shares", source)


def _share(value: Any, name: str, source: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ExplorerError(name, value, phrase("allowed.share", "a share between 0 and 1"), source=source)


def _shares(shares: Any, name: str, source: str, keys: tuple | None = None) -> None:
    if not isinstance(shares, dict) or not shares:
        raise ExplorerError(
            name, shares, phrase("allowed.shares", "a non-empty mapping of shares"), source=source
        )
    if keys is not None and set(shares) - set(keys):
        choices = ", ".join(keys)
        raise ExplorerError(
            name,
            sorted(map(str, shares)),
            phrase("allowed.keys_among", f"keys among {choices}", choices=choices),
            source=source,
        )
    for key, value in shares.items():
        _share(value, f"{name}.{key}", source)
    if abs(sum(shares.values()) - 1) > 1e-9:
        raise ExplorerError(name, sum(shares.values()), phrase("allowed.shares_sum", "shares summing to 1"),
                            source=source)


def synthetic_population(n: int, seed: int | np.random.SeedSequence = 0,
                         assumptions: str | Path | Mapping[str, Any] | None = None,
                         first_row: int = 1) -> pd.DataFrame:
    """`n` holders drawn from the documented assumptions (data/populations/synthetic.yaml).

    Seeded: the same n, seed and assumptions give the same frame.  Index `row` numbers the
    holders from `first_row`, so chunks drawn with different seeds can be stacked."""
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 0:
        raise ExplorerError("n", n, phrase("allowed.holders_from_0", "a whole number of holders, 0 or more"))
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
        "card_expiry": to_datetime(expiry),
        "application_date": to_datetime(expiry - lead),
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
