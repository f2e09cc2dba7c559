"""Population aggregates of an evaluated frame: workload, fees, lateness, days without a card.

Each aggregate is a sum over groups, so it is computed in two steps that also work on
chunks and Dask partitions with bounded memory: `partial_*` sums one piece of rows,
`combine` adds pieces (concatenate, then sum again per key), and `finish_*` adds the
readable columns.  Counts are weighted when the frame has a weight column (each row then
counts as `weight` people; the count columns become floats); without one they are whole
numbers.  Money is summed in cents: int64 unweighted, float64 weighted (exact while the
weights are whole numbers and totals stay below 2**53 cents).  Chart functions return
plotly figures and display nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..core import engine
from ..core.days import to_datetime
from ..core.engine import default_parameters, evaluate
from ..core.inputs import OPTIONS
from ..core.parameters import Parameters
from ..core.phrases import said
from ..core.rules import bok, fees
from ..core.rules.transition import PATH_STATUSES, STATUSES
from ..errors import ExplorerError
from ..labels import Language, codes, label, rename_columns, ui_text, value_label
from ..scenarios.progress import progress_iter
from ..words.formats import format_date, format_percent
from . import summaries
from .summaries import BEFORE_PEOPLE, category_codes, require_columns

WEIGHT = "weight"
GAP_BIN_EDGES = (0, 1, 8, 15, 31, 61)
NO_PATH = "no path"
PATH_LABELS = (*PATH_STATUSES, NO_PATH)
_DAY = "datetime64[D]"


# --- weights and helpers --------------------------------------------------------------------

def weights(result: pd.DataFrame, weight: str | None = WEIGHT) -> np.ndarray | None:
    """Per-row weights (float64, checked by summaries.weights) when `weight` names a column of
    `result`, else None (every row counts once)."""
    if weight is None or weight not in result.columns:
        return None
    return summaries.weights(result, weight)


def _days(values: Any) -> np.ndarray:
    """Day numbers of a datetime column (NaT becomes the int64 minimum)."""
    return np.asarray(values).astype(_DAY).view(np.int64)


def week_start(days: np.ndarray) -> np.ndarray:
    """Day number of the Monday starting each day's week (1970-01-01 was a Thursday)."""
    return days - (days + 3) % 7


def month_start(days: np.ndarray) -> np.ndarray:
    """Day number of the first day of each day's month."""
    return np.asarray(days, dtype=np.int64).astype(_DAY).astype("datetime64[M]").astype(_DAY) \
        .view(np.int64)


def _labels(codes: pd.Series, categories: Sequence[str]) -> np.ndarray:
    return np.asarray(categories, dtype=object)[codes.to_numpy(dtype=np.int64)]


def _sum_by(keys: dict[str, np.ndarray], values: dict[str, np.ndarray]) -> pd.DataFrame:
    """Sums of `values` per combination of integer `keys` (codes, day numbers).

    Hash-factorises each key, folds them into one group number and sums with bincount:
    several times faster than DataFrame.groupby on a million rows."""
    cols = [np.asarray(k, dtype=np.int64) for k in keys.values()]
    n = len(cols[0]) if cols else 0
    if n == 0:
        return pd.DataFrame({name: np.asarray(v)[:0] for name, v in {**keys, **values}.items()})
    combined = np.zeros(n, dtype=np.int64)
    uniques = []
    for col in cols:
        codes, unique = pd.factorize(col)
        combined = combined * len(unique) + codes
        uniques.append(unique)
    group, seen = pd.factorize(combined)
    out: dict[str, np.ndarray] = {}
    rest = np.asarray(seen, dtype=np.int64)
    for name, unique in zip(reversed(list(keys)), reversed(uniques), strict=True):
        rest, code = np.divmod(rest, len(unique))
        out[name] = np.asarray(unique)[code]
    frame = pd.DataFrame({name: out[name] for name in keys})
    for name, v in values.items():
        v = np.asarray(v)
        total = np.bincount(group, weights=v, minlength=len(seen))
        frame[name] = total.astype(np.int64) if np.issubdtype(v.dtype, np.integer) else total
    return frame


def _count(n_or_mask: np.ndarray, w: np.ndarray | None) -> np.ndarray:
    """Ones (int64) or weights for the selected rows."""
    return np.ones(int(n_or_mask.sum()), dtype=np.int64) if w is None else w[n_or_mask]


def combine(partials: Iterable[pd.DataFrame], keys: Sequence[str]) -> pd.DataFrame:
    """Add partial aggregates: sum every value column per key."""
    parts = [p for p in partials if p is not None and len(p)]
    if not parts:
        return pd.DataFrame(columns=list(keys))
    frame = pd.concat(parts, ignore_index=True)
    return frame.groupby(list(keys), observed=True, sort=True).sum().reset_index()


# --- applications per week ------------------------------------------------------------------

APPLICATION_KEYS = ("week", "option", "application")
APPLICATIONS = ("first", "second")
BEFORE_APPLICATIONS = "applications before the guidance period"
BEFORE_FEES = "fees before the guidance period (EUR)"
BEFORE_CARDS = "cards before the guidance period"
"""Applications, fees, people and five-year cards (BEFORE_PEOPLE) of rows whose application day is
before guidance_period_from, counted apart (spec "Scope"): they stay in the totals (computed as the
rules are written); the guidance is silent on them.  Each table has the column only when some row
applies before the guidance's period."""
_BEFORE_CENTS = "before_fees_cents"


def _before(result: pd.DataFrame) -> np.ndarray:
    """Whether each row applies before the guidance's period (no row does when the frame has no flag)."""
    flag = "before_guidance_period"
    return result[flag].to_numpy(dtype=bool) if flag in result.columns else np.zeros(len(result), bool)


def _said_only_when_any(table: pd.DataFrame, count: str, *also: str) -> pd.DataFrame:
    """The table without the `count` column (and the columns `also` beside it) when it counts
    nothing: columns of rows before the guidance's period are shown only when some row applies
    before it."""
    if count in table.columns and not table[count].any():
        return table.drop(columns=[count, *also])
    return table


def partial_applications(result: pd.DataFrame, weight: str | None = WEIGHT) -> pd.DataFrame:
    """Applications per (week, option, first/second) in one piece of rows."""
    require_columns(result, ("application_date", "second_application_date", "option", "option_available"))
    w = weights(result, weight)
    open_ = result["option_available"].to_numpy(dtype=bool)
    option = category_codes(result["option"], OPTIONS, "option")
    second = open_ & (option == OPTIONS.index("a"))
    before = _before(result)
    pieces = []
    for which, (mask, column) in enumerate(((open_, "application_date"),
                                            (second, "second_application_date"))):
        days = _days(result[column].to_numpy())[mask]
        counted = _count(mask, w)
        piece = _sum_by({"week": week_start(days), "option": option[mask]},
                        {"applications": counted, BEFORE_APPLICATIONS: counted * before[mask]})
        piece.insert(2, "application", np.int8(which))
        pieces.append(piece)
    return pd.concat(pieces, ignore_index=True)


def finish_applications(partial: pd.DataFrame) -> pd.DataFrame:
    """Readable applications-per-week table: week as a date, sorted."""
    table = combine([partial], APPLICATION_KEYS)
    if table.empty:
        return pd.DataFrame({"week": pd.Series([], dtype="datetime64[us]"), "option": [], "application": [],
                             "applications": pd.Series([], dtype=np.int64)})
    table = _said_only_when_any(_every_week(table).sort_values(list(APPLICATION_KEYS), ignore_index=True),
                                BEFORE_APPLICATIONS)
    table["week"] = to_datetime(table["week"].to_numpy(), False)
    table["option"] = _labels(table["option"], OPTIONS)
    table["application"] = _labels(table["application"], APPLICATIONS)
    return table


def _every_week(table: pd.DataFrame) -> pd.DataFrame:
    """The table with a row of 0 applications for every week between the first and the last that
    has none, for each (option, application) seen: weeks run on without holes in a chart or a file."""
    weeks = np.arange(int(table["week"].min()), int(table["week"].max()) + 1, 7, dtype=np.int64)
    pairs = table[["option", "application"]].drop_duplicates()
    full = pd.DataFrame({"week": np.repeat(weeks, len(pairs)),
                         "option": np.tile(pairs["option"].to_numpy(), len(weeks)),
                         "application": np.tile(pairs["application"].to_numpy(), len(weeks))})
    out = full.merge(table, on=list(APPLICATION_KEYS), how="left")
    for column in ("applications", BEFORE_APPLICATIONS):
        if column in out.columns:
            out[column] = out[column].fillna(0).astype(table[column].dtype)
    return out


def applications_per_week(result: pd.DataFrame, weight: str | None = WEIGHT,
                          labels: Language = "codes") -> pd.DataFrame:
    """Applications made in each week (Monday start), each application of path a on its own day.

    The workload of the Foreign Police departments: rows whose path is open apply on
    application_date, and path a applies again on second_application_date."""
    return rename_columns(finish_applications(partial_applications(result, weight)), labels)


# --- fees per month -------------------------------------------------------------------------

FEE_KEYS = ("month", "option")


def partial_fees(result: pd.DataFrame, params: Parameters | None = None,
                 weight: str | None = WEIGHT) -> pd.DataFrame:
    """Applications and fee cents per (month of the application day, option) in one piece."""
    require_columns(result, ("application_date", "second_application_date", "option", "option_available",
                   "expedited", "delivery"))
    params = params if params is not None else default_parameters()
    w = weights(result, weight)
    open_ = result["option_available"].to_numpy(dtype=bool)
    option = category_codes(result["option"], OPTIONS, "option")
    expedited = result["expedited"].to_numpy(dtype=bool)
    delivery = result["delivery"].to_numpy(dtype=bool)
    before = _before(result)
    pieces = []
    second = open_ & (option == OPTIONS.index("a"))
    for mask, column in ((open_, "application_date"), (second, "second_application_date")):
        days = _days(result[column].to_numpy())[mask]
        cents = np.asarray(fees.fee_per_application(days, expedited[mask], delivery[mask], params),
                           dtype=np.int64)
        cents = np.broadcast_to(cents, days.shape)
        counted = _count(mask, w)
        collected = cents if w is None else cents * w[mask]
        pieces.append(_sum_by(
            {"month": month_start(days), "option": option[mask]},
            {"applications": counted, "fees_cents": collected,
             BEFORE_APPLICATIONS: counted * before[mask], _BEFORE_CENTS: collected * before[mask]},
        ))
    return pd.concat(pieces, ignore_index=True)


def finish_fees(partial: pd.DataFrame) -> pd.DataFrame:
    """Readable fees-per-month table: month as a date, fees in cents and euros."""
    table = combine([partial], FEE_KEYS)
    if table.empty:
        return pd.DataFrame({"month": pd.Series([], dtype="datetime64[us]"), "option": [],
                             "applications": pd.Series([], dtype=np.int64),
                             "fees_cents": pd.Series([], dtype=np.int64), "fees_eur": []})
    table = table.sort_values(list(FEE_KEYS), ignore_index=True)
    table["month"] = to_datetime(table["month"].to_numpy(), False)
    table["option"] = _labels(table["option"], OPTIONS)
    table["fees_eur"] = table["fees_cents"] / 100
    if _BEFORE_CENTS in table.columns:
        table[BEFORE_FEES] = table.pop(_BEFORE_CENTS) / 100
        table = table[["month", "option", "applications", "fees_cents", "fees_eur",
                       BEFORE_APPLICATIONS, BEFORE_FEES]]
    return _said_only_when_any(table, BEFORE_APPLICATIONS, BEFORE_FEES)


def fees_per_month(result: pd.DataFrame, params: Parameters | None = None,
                   weight: str | None = WEIGHT, labels: Language = "codes") -> pd.DataFrame:
    """Fees collected per month, each application's fees counted on its own day (exact cents).

    `params` must be the parameters the frame was evaluated with (fees are looked up as of
    each application day)."""
    return rename_columns(finish_fees(partial_fees(result, params, weight)), labels)


# --- people late and why --------------------------------------------------------------------

LATE_KEYS = ("status", "path_status")


def partial_late(result: pd.DataFrame, weight: str | None = WEIGHT) -> pd.DataFrame:
    """People per (status, path status) in one piece of rows."""
    require_columns(result, ("status", "path_status"))
    w = weights(result, weight)
    n = len(result)
    path = category_codes(result["path_status"], PATH_STATUSES, "path_status", blank_ok=True)
    path = np.where(path < 0, len(PATH_STATUSES), path)  # no path
    people = np.ones(n, dtype=np.int64) if w is None else w
    return _sum_by({"status": category_codes(result["status"], STATUSES, "status"), "path_status": path},
                   {"people": people, BEFORE_PEOPLE: people * _before(result)})


def finish_late(partial: pd.DataFrame) -> pd.DataFrame:
    """Readable lateness table: is it late, the reason in words, people and their share."""
    table = combine([partial], LATE_KEYS)
    if table.empty:
        return pd.DataFrame({"status": [], "path_status": [], "late": pd.Series([], dtype=bool),
                             "reason": [], "people": pd.Series([], dtype=np.int64), "share": []})
    table = table.sort_values(list(LATE_KEYS), ignore_index=True)
    table["status"] = _labels(table["status"], STATUSES)
    table["path_status"] = _labels(table["path_status"], PATH_LABELS)
    table["late"] = (table["status"].str.startswith("late_")
                     | (table["path_status"] == "late_second_application")).astype(bool)
    reasons = late_reasons()
    table["reason"] = [reasons.get((s, p), f"{s} / {p}")
                       for s, p in zip(table["status"], table["path_status"], strict=True)]
    total = table["people"].sum()
    table["share"] = table["people"] / total if total else 0.0
    before = [BEFORE_PEOPLE] if BEFORE_PEOPLE in table.columns else []
    return _said_only_when_any(table[["status", "path_status", "late", "reason", "people", "share", *before]],
                               BEFORE_PEOPLE)


def late_reasons() -> dict[tuple[str, str], str]:
    """The outcome in words per (status, path status): the `reasons` of data/outputs.yaml."""
    return {tuple(code.split(" / ")): label(code, "en") for code in codes("reason")}


def late_by_reason(result: pd.DataFrame, weight: str | None = WEIGHT,
                   labels: Language = "codes") -> pd.DataFrame:
    """People by status and path status, with whether they are late and why."""
    return rename_columns(finish_late(partial_late(result, weight)), labels)


# --- days without a card --------------------------------------------------------------------

GAP_KEYS = ("status", "option", "gap_bin")


def partial_gaps(result: pd.DataFrame, weight: str | None = WEIGHT,
                 edges: Sequence[int] = GAP_BIN_EDGES) -> pd.DataFrame:
    """People per (status, option, bin of gap_days) among rows whose path is open."""
    require_columns(result, ("status", "option", "gap_days"))
    edges = _check_edges(edges)
    w = weights(result, weight)
    gap = result["gap_days"]
    has = gap.notna().to_numpy()
    values = gap.to_numpy(dtype=np.int64, na_value=0)[has]
    which = np.searchsorted(np.asarray(edges), values, side="right") - 1
    people = _count(has, w)
    return _sum_by({"status": category_codes(result["status"], STATUSES, "status")[has],
                    "option": category_codes(result["option"], OPTIONS, "option")[has], "gap_bin": which},
                   {"people": people, BEFORE_PEOPLE: people * _before(result)[has]})


def finish_gaps(partial: pd.DataFrame, edges: Sequence[int] = GAP_BIN_EDGES) -> pd.DataFrame:
    """Readable histogram: each bin's label, first and last day (last empty for the open bin)."""
    edges = _check_edges(edges)
    table = combine([partial], GAP_KEYS)
    labels = gap_bin_labels(edges)
    if table.empty:
        return pd.DataFrame({"status": [], "option": [], "gap_days": pd.Categorical([], categories=labels),
                             "first_day": [], "last_day": [], "people": pd.Series([], dtype=np.int64)})
    which = table["gap_bin"].to_numpy(dtype=np.int64)
    table["gap_days"] = pd.Categorical.from_codes(which, categories=labels, ordered=True)
    table["first_day"] = np.asarray(edges)[which]
    last = np.append(np.asarray(edges[1:]) - 1, -1)[which]
    table["last_day"] = pd.array(np.where(last < 0, 0, last), dtype="Int64")
    table.loc[last < 0, "last_day"] = pd.NA
    table = table.sort_values(list(GAP_KEYS), ignore_index=True)
    table["status"] = _labels(table["status"], STATUSES)
    table["option"] = _labels(table["option"], OPTIONS)
    before = [BEFORE_PEOPLE] if BEFORE_PEOPLE in table.columns else []
    shown = ["status", "option", "gap_days", "first_day", "last_day", "people", *before]
    return _said_only_when_any(table[shown], BEFORE_PEOPLE)


def gap_histogram(result: pd.DataFrame, weight: str | None = WEIGHT,
                  edges: Sequence[int] = GAP_BIN_EDGES, labels: Language = "codes") -> pd.DataFrame:
    """Distribution of days without a valid card, by status and path, in bins starting at
    `edges` (the last bin is open-ended).  Rows whose path is closed have no gap."""
    return rename_columns(finish_gaps(partial_gaps(result, weight, edges), edges), labels)


def gap_bin_labels(edges: Sequence[int]) -> list[str]:
    """"0", "1-7", ..., "61+" for bins starting at `edges`."""
    labels = []
    for i, first in enumerate(edges):
        if i + 1 == len(edges):
            labels.append(f"{first}+")
        else:
            last = edges[i + 1] - 1
            labels.append(str(first) if last == first else f"{first}-{last}")
    return labels


def _check_edges(edges: Sequence[int]) -> tuple[int, ...]:
    values = tuple(int(e) for e in edges)
    if not values or values[0] != 0 or any(b <= a for a, b in zip(values, values[1:], strict=False)):
        raise ExplorerError("edges", list(edges),
                            said("allowed.gap_edges", "increasing whole numbers starting at 0"))
    return values


# --- renewal wave: five-year cards ending per week ------------------------------------------

RENEWAL_KEYS = ("week", "bok_wider")
RENEWAL_YEARS = (2025, 2026)


def partial_renewal(result: pd.DataFrame, params: Parameters | None = None,
                    weight: str | None = WEIGHT) -> pd.DataFrame:
    """Five-year cards per (week of five_year_valid_until, ending on or after bok_wider_activation_from)."""
    require_columns(result, ("five_year_valid_until",))
    params = params if params is not None else default_parameters()
    w = weights(result, weight)
    days = _days(result["five_year_valid_until"].to_numpy())
    has_card = days != np.iinfo(np.int64).min
    days = days[has_card]
    cards = _count(has_card, w)
    return _sum_by({"week": week_start(days), "bok_wider": bok.wider_on(days, params).astype(np.int8)},
                   {"cards": cards, BEFORE_CARDS: cards * _before(result)[has_card]})


def finish_renewal(partial: pd.DataFrame) -> pd.DataFrame:
    """Readable renewal table: week (Monday), ISO year and week, bok_wider (bool), cards."""
    table = combine([partial], RENEWAL_KEYS)
    if table.empty:
        empty = {name: pd.Series([], dtype=np.int64) for name in ("iso_year", "iso_week", "cards")}
        return pd.DataFrame({"week": pd.Series([], dtype="datetime64[us]"), "iso_year": empty["iso_year"],
                             "iso_week": empty["iso_week"], "bok_wider": pd.Series([], dtype=bool),
                             "cards": empty["cards"]})
    table = table.sort_values(list(RENEWAL_KEYS), ignore_index=True)
    week = to_datetime(table["week"].to_numpy(), False)
    iso = pd.DatetimeIndex(week).isocalendar()
    table["week"] = week
    table.insert(1, "iso_year", iso["year"].to_numpy(dtype=np.int64))
    table.insert(2, "iso_week", iso["week"].to_numpy(dtype=np.int64))
    table["bok_wider"] = table["bok_wider"].to_numpy() == 1
    return _said_only_when_any(table, BEFORE_CARDS)


def renewal_wave(result: pd.DataFrame, params: Parameters | None = None, weight: str | None = WEIGHT,
                 years: Sequence[int] | None = RENEWAL_YEARS) -> pd.DataFrame:
    """Five-year cards ending per ISO week of five_year_valid_until (ISO years `years`; None: all).

    A week holding 14 August 2025 (bok_wider_activation_from) has two rows: cards ending
    before it (bok_wider False) and on or after it (True).  `params` must be the parameters
    the frame was evaluated with."""
    table = finish_renewal(partial_renewal(result, params, weight))
    if years is None:
        return table
    in_years = table[table["iso_year"].isin(list(years))].reset_index(drop=True)
    return _said_only_when_any(in_years, BEFORE_CARDS)


def people_before_guidance(tables: dict[str, pd.DataFrame]) -> float:
    """People (rows, or weights) applying before guidance_period_from in a set of finished
    aggregates (spec "Scope"): 0 when none do."""
    late = tables["late_by_reason"]
    return float(late[BEFORE_PEOPLE].sum()) if BEFORE_PEOPLE in late.columns else 0.0


def renewal_share(table: pd.DataFrame) -> float:
    """Share (0 to 1) of the table's five-year cards ending on or after bok_wider_activation_from."""
    total = table["cards"].sum()
    return float(table.loc[table["bok_wider"], "cards"].sum() / total) if total else float("nan")


def renewal_sentence(table: pd.DataFrame, params: Parameters | None = None, lang: Language = "en") -> str:
    """One sentence: the share of five-year cards ending on or after the BOK widening, and what it means."""
    params = params if params is not None else default_parameters()
    share = renewal_share(table)
    lang = _words(lang)
    if share != share:
        return ui_text("renewal.none", lang)
    return ui_text("renewal.share", lang).format(  # the share as the language writes it (54% / 54 %)
        share=format_percent(share, "en" if lang == "codes" else lang, decimals=0),
        day=format_date(params.value("bok_wider_activation_from"), lang))


# --- all aggregates at once, in pieces ------------------------------------------------------

AGGREGATES: dict[str, tuple[tuple[str, ...], Callable[[pd.DataFrame], pd.DataFrame]]] = {
    "applications_per_week": (APPLICATION_KEYS, finish_applications),
    "fees_per_month": (FEE_KEYS, finish_fees),
    "late_by_reason": (LATE_KEYS, finish_late),
    "gap_histogram": (GAP_KEYS, finish_gaps),
    "renewal_wave": (RENEWAL_KEYS, finish_renewal),
}


def partials(result: pd.DataFrame, params: Parameters | None = None,
             weight: str | None = WEIGHT) -> dict[str, pd.DataFrame]:
    """Every partial aggregate of one piece of evaluated rows."""
    return {
        "applications_per_week": partial_applications(result, weight),
        "fees_per_month": partial_fees(result, params, weight),
        "late_by_reason": partial_late(result, weight),
        "gap_histogram": partial_gaps(result, weight),
        "renewal_wave": partial_renewal(result, params, weight),
    }


def combine_partials(pieces: Sequence[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Add several pieces' partials, aggregate by aggregate."""
    return {name: combine([p[name] for p in pieces], keys) for name, (keys, _) in AGGREGATES.items()}


def finish_all(combined: dict[str, pd.DataFrame], labels: Language = "codes") -> dict[str, pd.DataFrame]:
    """The readable tables of combined partials (headers and values in words with `labels`)."""
    return {name: rename_columns(finish(combined[name]), labels) for name, (_, finish) in AGGREGATES.items()}


def all_aggregates(result: pd.DataFrame, params: Parameters | None = None,
                   weight: str | None = WEIGHT, labels: Language = "codes") -> dict[str, pd.DataFrame]:
    """Every aggregate of an evaluated frame, by name."""
    return finish_all(combine_partials([partials(result, params, weight)]), labels)


def aggregate_chunks(chunks: Iterable[pd.DataFrame], params: Parameters | None = None,
                     weight: str | None = WEIGHT, progress: bool = True, total: int | None = None,
                     evaluated: bool = False, labels: Language = "codes") -> dict[str, pd.DataFrame]:
    """Evaluate and aggregate frames one at a time (memory: one chunk plus small sums).

    With `progress`, a tqdm bar (terminal or notebook) counts chunks out of `total`."""
    params = params if params is not None else default_parameters()
    running: dict[str, pd.DataFrame] | None = None
    for chunk in progress_iter(chunks, total=total, desc="chunks", enabled=progress):
        result = chunk if evaluated else evaluate(chunk, params)
        piece = partials(result, params, weight)
        running = piece if running is None else combine_partials([running, piece])
    if running is None:
        raise ExplorerError("chunks", 0, said("allowed.holder_frames", "at least one frame of holders"),
                            problem=said("error.problem.no_chunks", "no chunks"))
    return finish_all(running, labels)


def aggregate_frame(frame: pd.DataFrame, params: Parameters | None = None, progress: bool = False,
                    labels: Language = "codes") -> dict[str, pd.DataFrame]:
    """aggregate_chunks of a frame of holders cut into engine.CHUNK_ROWS rows at a time (memory
    bounded; with `progress`, a bar when there are several chunks)."""
    size = engine.CHUNK_ROWS
    starts = range(0, max(len(frame), 1), size)
    return aggregate_chunks((frame.iloc[s:s + size] for s in starts), params,
                            progress=progress and len(starts) > 1, total=len(starts), labels=labels)


def population_aggregates(good: pd.DataFrame, params: Parameters | None = None) -> dict[str, pd.DataFrame]:
    """aggregate_frame of a population's valid rows under `params` (in codes); ExplorerError when
    there is no valid row, since empty tables would read as a population of nobody."""
    if good.empty:
        raise ExplorerError("population", 0, said("allowed.at_least_one_row", "at least one valid row"),
                            problem=said("error.problem.no_valid_rows", "no valid rows to aggregate"))
    return aggregate_frame(good, params)


# --- charts ---------------------------------------------------------------------------------

def _words(lang: Language) -> str:
    """Charts are for people: "codes" draws English."""
    return "en" if lang == "codes" else lang


def applications_chart(table: pd.DataFrame, title: str = "Applications per week", lang: Language = "en"):
    """Stacked bars of applications per week, by option and first/second application (`table` in codes)."""
    import plotly.graph_objects as go

    lang = _words(lang)
    fig = go.Figure()
    for (option, which), part in table.groupby(["option", "application"], sort=True):
        name = ui_text("chart.path_application", lang).format(option=option, which=value_label(which, lang))
        fig.add_bar(x=part["week"], y=part["applications"], name=name)
    fig.update_layout(barmode="stack", title=title, xaxis_title=label("week", lang),
                      yaxis_title=label("applications", lang))
    return fig


def fees_chart(table: pd.DataFrame, title: str = "Fees collected per month", lang: Language = "en"):
    """Stacked bars of fees (EUR) per month of the application day, by option (`table` in codes)."""
    import plotly.graph_objects as go

    lang = _words(lang)
    fig = go.Figure()
    for option, part in table.groupby("option", sort=True):
        name = ui_text("chart.path", lang).format(option=option)
        fig.add_bar(x=part["month"], y=part["fees_eur"], name=name)
    fig.update_layout(barmode="stack", title=title, xaxis_title=label("month", lang),
                      yaxis_title=label("fees_eur", lang))
    return fig


def late_chart(table: pd.DataFrame, title: str = "People by outcome", lang: Language = "en"):
    """Horizontal bars of people per reason, late ones marked (`table` in codes)."""
    import plotly.graph_objects as go

    lang = _words(lang)
    reasons = [value_label(reason, lang) for reason in table["reason"]]
    labels = [ui_text("chart.late_reason", lang).format(reason=reason) if late else reason
              for late, reason in zip(table["late"], reasons, strict=True)]
    fig = go.Figure(go.Bar(x=table["people"], y=labels, orientation="h",
                           marker_color=["#c0392b" if late else "#2e86c1" for late in table["late"]]))
    fig.update_layout(title=title, xaxis_title=label("people", lang), yaxis={"autorange": "reversed"})
    return fig


def gap_chart(table: pd.DataFrame, title: str = "Days without a valid card", lang: Language = "en"):
    """Bars of people per gap-days bin, one series per status and path (`table` in codes)."""
    import plotly.graph_objects as go

    lang = _words(lang)
    fig = go.Figure()
    categories = list(table["gap_days"].cat.categories) if isinstance(table["gap_days"].dtype,
                                                                    pd.CategoricalDtype) else None
    for (status, option), part in table.groupby(["status", "option"], sort=True):
        fig.add_bar(x=part["gap_days"].astype(str), y=part["people"], name=ui_text(
            "chart.status_path", lang).format(status=value_label(status, lang), option=option))
    fig.update_layout(barmode="group", title=title, xaxis_title=label("gap_days", lang),
                      yaxis_title=label("people", lang))
    if categories:
        fig.update_xaxes(categoryorder="array", categoryarray=categories)
    return fig


def renewal_chart(table: pd.DataFrame, title: str = "Five-year cards ending per week",
                  years: Sequence[int] | None = RENEWAL_YEARS, lang: Language = "en"):
    """Stacked bars of five-year cards ending per week (ISO years `years`), before/after the BOK widening."""
    import plotly.graph_objects as go

    lang = _words(lang)
    shown = table if years is None else table[table["iso_year"].isin(list(years))]
    fig = go.Figure()
    for wider, key, colour in ((False, "renewal.before", "#95a5a6"), (True, "renewal.after", "#1f4e79")):
        part = shown[shown["bok_wider"] == wider]
        fig.add_bar(x=part["week"], y=part["cards"], name=ui_text(key, lang), marker_color=colour)
    fig.update_layout(barmode="stack", title=title, xaxis_title=ui_text("renewal.axis", lang),
                      yaxis_title=label("cards", lang))
    return fig
