"""One declaration per output and the one assembler that builds them from the rules.

Every output of the spec is declared once in OUTPUTS: its name, what it is computed on and the
kind of column it becomes, and where it is missing.  The rules (`core/rules/`) are computed on
two kinds of input:

- a *cell* (card expiry, application day, years resided): status and the deadlines;
- a *choice* (application day, second application, option, expedited, delivery, stamps,
  paperwork), as if its path were open: issuance, fees, visits, stamps, BOK, documents;

and two outputs join them: `option_available` (status and option) and `gap_days` (the first
card against the old card's expiry).  `output_columns` turns cell and choice results into the
output columns, masking what a closed path (or no five-year card) leaves missing.  `evaluate`
calls it with one cell and one choice per row; the factored sweep with each cell and each choice
computed once and broadcast ((nE, 1) against (K,)), so a sweep is a way of broadcasting, not a
second wiring.  Labels, units and sources of the outputs are declared in data/outputs.yaml.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd

from .calendar import WorkingCalendar
from .days import to_datetime
from .parameters import Parameters
from .rules import bok, documents, fees, transition


@dataclass(frozen=True)
class Call:
    """A function of core/rules/ and what it is called on: `on` names, in the function's order,
    inputs and outputs as the rules hold them (day numbers, flags, codes; the option as
    "option_b"), "params" (the parameters) and "on" (the days the output's parameters are read on).
    The function is looked up in its module at each call, so a rule replaced there (a test's, a
    reform's) is the one asked."""

    module: ModuleType
    function: str
    on: tuple[str, ...]

    def __call__(self, values: Mapping[str, Any]) -> Any:
        """The function's result on `values` (name -> value, the names of `on` among them)."""
        return getattr(self.module, self.function)(*(values[name] for name in self.on))


def call(function: Callable[..., Any], *on: str) -> Call:
    """A Call of a function of core/rules/ on the values named `on`."""
    return Call(sys.modules[function.__module__], function.__name__, on)


@dataclass(frozen=True)
class Pick:
    """Parameters among which a rule chooses one per row: `among` them, `rule` the rule's choice
    (per row, the index in `among` of the parameter chosen)."""

    among: tuple[str, ...]
    rule: Call


@dataclass(frozen=True)
class Output:
    """One output: `on` is what it is computed on ("cell", "choice" or "joint": both), `kind` the
    column it becomes, `missing` where it is missing ("closed": no open path; "no_card": no
    five-year card either; "no_stamps": no open path or no stamp bought), `raw` the rule result it
    is read from (default: its own name).  `uses` names, in the order a reader meets them, the
    inputs, other outputs, parameters and readings its rule reads; `read_on` the day its parameters
    are looked up on ("application", "five_year_application": the five-year card's application,
    "applications": each application of the path, "five_year_valid_until", "stamp_purchase": each
    stamp's purchase day).

    Why the rule gave its value, as the rule itself says it: `cases` its named conditions in their
    order (the first that holds decides; `otherwise` when none does), `conditions` further named
    conditions of the rule, `picks` the parameters of `uses` among which it chooses one per row,
    `facts` other values of the rule by name (e.g. a duration as it is counted).  core.trace
    reports all of it for one row, from these declarations alone."""

    name: str
    on: str
    kind: str
    missing: str = ""
    raw: str = ""
    uses: tuple[str, ...] = ()
    read_on: str = "application"
    cases: Call | None = None
    otherwise: str = ""
    conditions: tuple[Call, ...] = ()
    picks: Pick | None = None
    facts: tuple[tuple[str, Call], ...] = ()


_PROCESSING = (*transition.PROCESSING, "processing_days_reading")
_PROCESSING_PICK = Pick(transition.PROCESSING, call(transition.processing_parameter, "expedited"))
_PROCESSING_FACTS = (("processing", call(transition.processing_as_counted, "expedited", "on", "params")),)
"""An application's processing: the parameter its rule chooses, and its duration as counted."""

OUTPUTS = (
    Output("status", "cell", "status",
           uses=("years_resided", "card_expiry", "application_date", "max_years_resided",
                 "transition_deadline", "choice_expiry_from", "choice_expiry_to", "choice_window_end",
                 "card_expiry_reading", "before_reading"),
           cases=call(transition.status_conditions, "card_expiry", "application_date", "years_resided",
                      "params"),
           otherwise=transition.STATUS_DEFAULT,
           conditions=(call(transition.choice_parts, "card_expiry", "application_date", "params"),
                       call(transition.expiry_parts, "card_expiry", "application_date", "params"))),
    Output("applied_after_expiry", "cell", "flag", uses=("card_expiry", "application_date")),
    Output("before_guidance_period", "cell", "flag", uses=("application_date", "guidance_period_from")),
    Output("apply_by", "cell", "date",
           uses=("card_expiry", "application_date", "choice_window_end", "transition_deadline",
                 "before_reading"),
           cases=call(transition.deadline_cases, "card_expiry", "application_date", "params"),
           otherwise=transition.DEADLINE_DEFAULT),
    Output("apply_by_last_working_day", "cell", "date", uses=("apply_by",)),
    Output("slack_days", "cell", "int", uses=("application_date", "apply_by")),
    Output("option_available", "joint", "flag", uses=("option", "status"),
           cases=call(transition.option_conditions, "status", "option_b")),
    Output("path_status", "choice", "path_status", "closed", "late_second",
           uses=("option", "second_application_date", "application_date", "transition_deadline",
                 "before_reading")),
    Output("applications", "choice", "count", "closed", uses=("option",)),
    Output("first_issued_by", "choice", "date", "closed",
           uses=("application_date", "expedited", *_PROCESSING),
           picks=_PROCESSING_PICK, facts=_PROCESSING_FACTS),
    Output("five_year_issued_by", "choice", "date", "no_card",
           uses=("option", "application_date", "second_application_date", "expedited", *_PROCESSING,
                 "late_second_application_reading"), read_on="five_year_application",
           picks=_PROCESSING_PICK, facts=_PROCESSING_FACTS),
    Output("five_year_valid_until", "choice", "date", "no_card",
           uses=("five_year_issued_by", "five_year_validity", "five_year_validity_reading"),
           read_on="five_year_application"),
    Output("gap_days", "joint", "Int64", "no_card",
           uses=("option", "card_expiry", "first_issued_by", "five_year_issued_by", "eu_card_valid_until")),
    Output("fees_cents", "choice", "count", "closed",
           uses=("option", "expedited", "delivery", "fee_card", "fee_expedited", "fee_delivery"),
           read_on="applications"),
    Output("fees_eur", "choice", "euro", "closed", "fees_cents", uses=("fees_cents",)),
    Output("visits", "choice", "count", "closed", uses=("applications", "delivery")),
    Output("stamp_ok", "choice", "boolean", "closed",
           uses=("fees_cents", "stamp_channel", "stamp_lead_days", "payment", "stamp_validity",
                 "stamp_payment"),
           read_on="applications"),
    Output("stamp_refund_by", "choice", "date", "no_stamps",
           uses=("fees_cents", "stamp_lead_days", "stamp_refund_window", "stamp_refund_reading"),
           read_on="stamp_purchase"),
    Output("accommodation_document_required", "choice", "flag",
           uses=("address_changed", "accommodation_submitted_before")),
    Output("bok_venue_types", "choice", "Int64", "no_card",
           uses=("five_year_valid_until", "bok_wider_activation_from", *bok.VENUE_PARAMETERS),
           read_on="five_year_valid_until",
           picks=Pick(bok.VENUE_PARAMETERS, call(bok.venue_parameter, "five_year_valid_until", "params"))),
)
"""Every output of the spec, in the order of the output frame's columns."""

OUTPUT_COLUMNS = tuple(out.name for out in OUTPUTS)


def cell_outputs(expiry: np.ndarray, application: np.ndarray, years_resided: np.ndarray,
                 params: Parameters, cal: WorkingCalendar) -> dict[str, np.ndarray]:
    """The rules of a (card expiry, application day) cell: status and deadlines (day numbers)."""
    return {
        "status": transition.status(expiry, application, years_resided, params),
        "applied_after_expiry": application > expiry,
        "before_guidance_period": transition.before_guidance_period(application, params),
        **transition.deadline(expiry, application, params, cal),
    }


def choice_outputs(application: np.ndarray, second: np.ndarray, option_b: np.ndarray,
                   expedited: np.ndarray, delivery: np.ndarray, lead: np.ndarray, channel: np.ndarray,
                   cash: np.ndarray, address_changed: np.ndarray, accommodation_before: np.ndarray,
                   params: Parameters, cal: WorkingCalendar) -> dict[str, np.ndarray]:
    """The rules of a choice, as if its path were open (none of them depends on the card's expiry):
    issuance, the five-year card's own gap, fees, visits, stamps, BOK venues, documents."""
    out = transition.issuance(application, second, option_b, expedited, params, cal)
    fee_first = fees.fee_per_application(application, expedited, delivery, params)
    fee_second = fees.fee_per_application(second, expedited, delivery, params) * ~option_b
    stamp_ok, refund_by, any_stamps = fees.stamp_checks(
        [application, second], [fee_first, fee_second], lead, channel, cash, params, cal)
    applications = transition.applications(option_b)
    out.update(
        applications=applications,
        visits=fees.visits(applications, delivery).astype(np.int64),
        fees_cents=(fee_first + fee_second).astype(np.int64),
        stamp_ok=stamp_ok,
        stamp_refund_by=refund_by,
        any_stamps=any_stamps,
        bok_venue_types=bok.venue_types(out["five_year_valid_until"], params).astype(np.int64),
        accommodation_document_required=documents.accommodation_required(address_changed,
                                                                         accommodation_before),
    )
    return out


def output_columns(cell: Mapping[str, np.ndarray], choice: Mapping[str, np.ndarray], opened: np.ndarray,
                   expiry: np.ndarray, on_rows: Callable[[np.ndarray], np.ndarray] = np.ravel,
                   disposable: bool = False) -> dict[str, Any]:
    """Every declared output as a column, one value per row.

    `opened` (whether the path is open) has the shape of the result before it is flattened; the
    choice arrays and `expiry` broadcast to it; `on_rows` puts a cell array on every row (per row
    already: as it is).  With `disposable`, arrays of that shape are turned into columns where they
    stand (the caller does not use them again: no copy)."""
    closed = ~opened
    shape = opened.shape

    def rows(values: np.ndarray, owned: bool) -> np.ndarray:
        """`values` on every row: broadcast (a new array), or as they stand when the column may own
        them (`owned`), else copied (a column never shares the caller's array)."""
        if values.shape != shape:
            return np.broadcast_to(values, shape).reshape(-1)
        return values.reshape(-1) if owned else values.reshape(-1).copy()

    def own(values: np.ndarray) -> bool:
        return disposable and values.shape == shape and values.dtype == np.int64

    no_card = closed | choice["no_five_year_card"] if choice["no_five_year_card"].any() else closed
    missing = {"": None, "closed": closed, "no_card": no_card, "no_stamps": closed | ~choice["any_stamps"]}
    gap = transition.first_handover_gap(choice["first_issued_by"], expiry)  # a new array of the rows' shape
    gap += choice["second_gap_days"]
    joint = {"option_available": opened, "gap_days": gap}
    columns: dict[str, Any] = {}
    for out in OUTPUTS:
        raw = out.raw or out.name
        if out.on == "cell":
            values = cell[raw]
            if out.kind == "status":
                columns[out.name] = pd.Categorical.from_codes(on_rows(values),
                                                              categories=list(transition.STATUSES))
            elif out.kind == "date":
                columns[out.name] = on_rows(to_datetime(values, False, in_place=disposable))
            elif out.kind == "int":
                columns[out.name] = on_rows(values.astype(np.int64, copy=False))
            else:
                columns[out.name] = on_rows(values)
            continue
        values = joint[raw] if out.on == "joint" else choice[raw]
        owned = disposable or out.on == "joint"  # joint arrays are made here, for these columns
        where = missing[out.missing]
        if out.kind == "path_status":
            codes = np.where(closed, np.int8(-1), values.astype(np.int8))
            columns[out.name] = pd.Categorical.from_codes(rows(codes, True),
                                                          categories=list(transition.PATH_STATUSES))
        elif out.kind == "date" and own(values):
            columns[out.name] = to_datetime(values, where, in_place=True).reshape(-1)
        elif out.kind == "date":
            days = to_datetime(values, False)
            columns[out.name] = rows(np.where(where, days.dtype.type("NaT"), days), True)
        elif out.kind == "count" and own(values):
            values[closed] = 0
            columns[out.name] = values.reshape(-1)
        elif out.kind == "count":
            columns[out.name] = rows(np.where(opened, values, 0).astype(np.int64, copy=False), True)
        elif out.kind == "euro":
            columns[out.name] = columns[raw] / 100.0
        elif out.kind == "flag":
            columns[out.name] = rows(values, owned)
        elif out.kind == "boolean":
            columns[out.name] = pd.arrays.BooleanArray(rows(values, owned), rows(where, False))
        elif out.kind == "Int64":
            columns[out.name] = pd.arrays.IntegerArray(rows(values.astype(np.int64, copy=False), owned),
                                                       rows(where, False))
        else:
            raise AssertionError(f"no column kind {out.kind!r}")  # pragma: no cover - a declaration's typo
    return columns
