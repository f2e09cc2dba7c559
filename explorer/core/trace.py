"""A trace of the assembler for one row: what each declared output was computed from.

For every output declared in core.assemble.OUTPUTS: its value, the inputs and outputs it read
with their values, the parameters it used with the value in force on the day the rule looks it
up and that value's Source, the readings in force it depends on, and the case of the rule that
decided it, taken from the rule's own condition list (transition.status_conditions,
deadline_cases, option_conditions) or the rule's own choice (transition.processing), never
re-derived here.  Codes and values only: words live above core (person/explain words a trace).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .assemble import OUTPUTS, cell_outputs, choice_outputs, output_columns
from .calendar import working_calendar
from .inputs import INPUT_COLUMNS, Scenario, validate
from .parameters import Parameters, Source
from .rules import bok, transition


@dataclass(frozen=True)
class ParameterUse:
    """A parameter as a rule used it: its name, the day (day number) it was looked up on, the value
    in force on that day and the source of that value."""

    name: str
    on: int
    value: Any
    source: Source


@dataclass(frozen=True)
class OutputTrace:
    """One output of one row: its value, the inputs and outputs it read (name -> value), the
    parameters it used, the readings in force (name -> value), the named case of its rule that
    decided it (`decided_by`, "" when its rule has no cases), the value of every named condition
    of its rule (`conditions`) and other facts of the rule (`facts`: e.g. the processing duration
    as counted)."""

    name: str
    value: Any
    inputs: dict[str, Any]
    parameters: tuple[ParameterUse, ...]
    readings: dict[str, str]
    decided_by: str = ""
    conditions: dict[str, bool] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Trace:
    """The trace of every declared output of one row, by output name, in the declared order."""

    outputs: dict[str, OutputTrace]

    def __getitem__(self, name: str) -> OutputTrace:
        return self.outputs[name]

    def __iter__(self):
        return iter(self.outputs.values())


_INPUT_ARRAYS = {
    "card_expiry": "expiry", "application_date": "application", "second_application_date": "second",
    "expedited": "expedited", "delivery": "delivery", "years_resided": "years_resided",
    "stamp_lead_days": "lead", "address_changed": "address_changed",
    "accommodation_submitted_before": "accommodation_before",
}
"""Inputs whose rule value is a Scenario array (day numbers, flags, counts); other inputs are
reported as the validated frame column gives them (option, channel, payment codes)."""


def _first(name_conditions: list[tuple[str, np.ndarray]], default: str) -> tuple[str, dict[str, bool]]:
    """The first named condition that holds (else `default`) and every condition's value, row 0."""
    values = {name: bool(np.ravel(condition)[0]) for name, condition in name_conditions}
    return next((name for name, holds in values.items() if holds), default), values


def trace(frame: pd.DataFrame, params: Parameters, row: int = 0) -> Trace:
    """The trace of row `row` of a frame of scenarios (the inputs of evaluate, checked the same way)."""
    s = validate(frame.iloc[[row]], params)
    return trace_scenario(s, params)


def trace_scenario(s: Scenario, params: Parameters) -> Trace:
    """The trace of a validated one-row Scenario: each declared output with what it used."""
    cal = working_calendar(params.calendar)
    E, A, S, option_b = s.expiry, s.application, s.second, s.option_b
    cell = cell_outputs(E, A, s.years_resided, params, cal)
    choice = choice_outputs(A, S, option_b, s.expedited, s.delivery, s.lead, s.channel, s.cash,
                            s.address_changed, s.accommodation_before, params, cal)
    opened = transition.option_available(cell["status"], option_b)
    columns = output_columns(cell, choice, opened, E)
    values = {name: _value(column) for name, column in columns.items()}
    inputs = {name: _input(s, name) for name in INPUT_COLUMNS}

    b, expedited = bool(option_b[0]), bool(s.expedited[0])
    a_day, s_day = int(A[0]), int(S[0])
    five_year_day = a_day if b else s_day
    applications = [a_day] if b else [a_day, s_day]
    lead = int(s.lead[0])
    read_days = {
        "application": [a_day], "five_year_application": [five_year_day], "applications": applications,
        "five_year_valid_until": [] if values["five_year_valid_until"] is None
        else [int(np.ravel(choice["five_year_valid_until"])[0])],
        # stamps are bought `lead` days before each application (fees.stamp_checks)
        "stamp_purchase": [day - lead for day in applications],
    }
    processing, as_working = transition.processing(expedited, params)
    cases: dict[str, tuple[str, dict[str, bool]]] = {
        "status": _first(transition.status_conditions(E, A, s.years_resided, params),
                         transition.STATUS_DEFAULT),
        "apply_by": _first(transition.deadline_cases(E, A, params), transition.DEADLINE_DEFAULT),
        "option_available": _first(transition.option_conditions(cell["status"], option_b), ""),
    }
    if read_days["five_year_valid_until"]:
        valid = np.array(read_days["five_year_valid_until"])
        wider = bool(bok.wider_on(valid, params)[0])
        cases["bok_venue_types"] = ("bok_venues_wider" if wider else "bok_venues_before", {"wider": wider})
    status_parts = {k: bool(v[0]) for k, v in transition.choice_parts(E, A, params).items()}
    out: dict[str, OutputTrace] = {}
    for decl in OUTPUTS:
        used = [n for n in decl.uses if n not in params.readings and n not in inputs and n not in values]
        if decl.name in ("first_issued_by", "five_year_issued_by"):
            # the processing parameter the rule chose (transition.processing), not both
            used = [n for n in used if n not in ("standard_processing", "expedited_processing")]
            used.append(processing)
        if decl.name == "bok_venue_types" and decl.name in cases:
            used = ["bok_wider_activation_from", cases[decl.name][0]]
        uses = tuple(ParameterUse(n, day, params[n].value_at(day), params[n].source_at(day))
                     for day in read_days[decl.read_on] for n in used)
        facts: dict[str, Any] = {}
        if decl.name in ("first_issued_by", "five_year_issued_by"):
            day = a_day if decl.name == "first_issued_by" else five_year_day
            facts["processing"] = transition.counted(params[processing].value_at(day), as_working)
        decided_by, conditions = cases.get(decl.name, ("", {}))
        if decl.name == "status":
            conditions = {**conditions, **status_parts}
        out[decl.name] = OutputTrace(
            decl.name, values[decl.name],
            {n: inputs[n] if n in inputs else values[n] for n in decl.uses if n in inputs or n in values},
            uses, {n: params.reading(n) for n in decl.uses if n in params.readings},
            decided_by, conditions, facts)
    return Trace(out)


def _input(s: Scenario, name: str) -> Any:
    """An input of a one-row Scenario as its rules see it: a day number, flag, count or code."""
    if name in _INPUT_ARRAYS:
        return np.ravel(getattr(s, _INPUT_ARRAYS[name]))[0].item()
    return _value(s.columns[name])


def _value(column: Any) -> Any:
    """Row 0 of an output or input column as a plain value: a date, bool, number or code (None
    where missing)."""
    value = pd.Series(column).iloc[0]
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if isinstance(value, np.generic) else value
