"""A trace of the assembler for one row: what each declared output was computed from.

For every output declared in core.assemble.OUTPUTS: its value, the inputs and outputs it read
with their values, the parameters it used with the value in force on the day the rule looks it
up and that value's Source, the readings in force it depends on, and the case of the rule that
decided it.  All of it is read from the output's declaration: the rule's own condition lists
(`Output.cases`, `Output.conditions`: transition.status_conditions, choice_parts, deadline_cases,
option_conditions), the rule's own choice among parameters (`Output.picks`:
transition.processing_parameter, bok.venue_parameter) and its other facts (`Output.facts`), never
re-derived here and with no output named here.  The trace also carries the row it computed (the
inputs as evaluate returns them and every output, as plain values), so the row is computed once.
Codes and values only: words live above core (person/explain words a trace).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .assemble import OUTPUTS, cell_outputs, choice_outputs, output_columns
from .calendar import working_calendar
from .engine import check_second_applications
from .inputs import INPUT_COLUMNS, Scenario, validate
from .parameters import Parameters, Source
from .rules import fees, transition


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
    parameters it used (of the parameters its rule chooses among, the one chosen), the readings in
    force (name -> value), the named case of its rule that decided it (`decided_by`: the first of
    its cases that holds, else the parameter its rule chose, "" when it has neither), the value of
    every named condition of its rule (`conditions`) and other facts of the rule (`facts`: e.g.
    the processing duration as counted)."""

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
    """The trace of every declared output of one row, by output name, in the declared order, and
    the row it traced (`row`: the inputs as evaluate returns them, defaults filled in, then every
    output; plain values: dates as datetime.date, missing as None)."""

    outputs: dict[str, OutputTrace]
    row: dict[str, Any] = field(default_factory=dict)

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


def trace(frame: pd.DataFrame, params: Parameters, row: int = 0) -> Trace:
    """The trace of row `row` of a frame of scenarios (the inputs of evaluate, checked the same way)."""
    one = frame.iloc[[row]]
    return trace_scenario(validate(one, params), params, one.index)


def trace_scenario(s: Scenario, params: Parameters, index: pd.Index | None = None) -> Trace:
    """The trace of a validated one-row Scenario: each declared output with what it used, read from
    its declaration (core.assemble.OUTPUTS) alone, and the row (inputs and outputs) it computed.
    A second application on or before the first on an open path a is refused as evaluate refuses
    it, naming the row's label in `index`."""
    cal = working_calendar(params.calendar)
    E, A, S, option_b = s.expiry, s.application, s.second, s.option_b
    cell = cell_outputs(E, A, s.years_resided, params, cal)
    opened = transition.option_available(cell["status"], option_b)
    check_second_applications(opened, option_b, S, A, pd.RangeIndex(1) if index is None else index)
    choice = choice_outputs(A, S, option_b, s.expedited, s.delivery, s.lead, s.channel, s.cash,
                            s.address_changed, s.accommodation_before, params, cal)
    columns = output_columns(cell, choice, opened, E)
    values = {name: _value(column) for name, column in columns.items()}
    inputs = {name: _input(s, name) for name in INPUT_COLUMNS}
    row = {**{name: _value(s.columns[name]) for name in INPUT_COLUMNS}, **values}
    # what the rules' functions are called on (core.assemble.Call): the rules' own arrays
    arrays: dict[str, Any] = {**{name: getattr(s, attr) for name, attr in _INPUT_ARRAYS.items()},
                              "option_b": option_b, **cell, **choice, "option_available": opened,
                              "params": params}

    # the days parameters are read on, as the rules give them: the application, the five-year
    # card's application, each application of the path, each stamp purchase
    applications = [int(A[0]), int(S[0])][:int(transition.applications(option_b)[0])]
    read_days = {
        "application": applications[:1],
        "five_year_application": [int(transition.five_year_application(A, S, option_b)[0])],
        "applications": applications,
        "stamp_purchase": [int(fees.stamp_purchase(np.int64(day), s.lead)[0]) for day in applications],
    }
    out: dict[str, OutputTrace] = {}
    for decl in OUTPUTS:
        # a read_on that names a dated output: that output's day, none where it is missing
        days = read_days[decl.read_on] if decl.read_on in read_days else \
            [] if values[decl.read_on] is None else [int(np.ravel(arrays[decl.read_on])[0])]
        on = {**arrays, "on": np.array(days, dtype=np.int64)}
        used = [n for n in decl.uses if n not in params.readings and n not in inputs and n not in values]
        decided_by, conditions = "", {}
        if decl.cases is not None:
            conditions = _row0(decl.cases(on))
            decided_by = next((name for name, holds in conditions.items() if holds), decl.otherwise)
        for more in decl.conditions:
            conditions.update(_row0(more(on)))
        facts: dict[str, Any] = {}
        if days:  # the rule's choice of parameter and its other facts, on the day it looks them up
            if decl.picks is not None:
                chosen = decl.picks.among[int(np.ravel(decl.picks.rule(on))[0])]
                used = [n for n in used if n == chosen or n not in decl.picks.among]
                decided_by = decided_by or chosen
            facts = {name: rule(on)[0] for name, rule in decl.facts}
        uses = tuple(ParameterUse(n, day, params[n].value_at(day), params[n].source_at(day))
                     for day in days for n in used)
        out[decl.name] = OutputTrace(
            decl.name, values[decl.name],
            {n: inputs[n] if n in inputs else values[n] for n in decl.uses if n in inputs or n in values},
            uses, {n: params.reading(n) for n in decl.uses if n in params.readings},
            decided_by, conditions, facts)
    return Trace(out, row)


def _row0(conditions: Any) -> dict[str, bool]:
    """Named conditions (pairs or a mapping of name -> condition per row) as name -> value of row 0."""
    return {name: bool(np.ravel(condition)[0]) for name, condition in dict(conditions).items()}


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
