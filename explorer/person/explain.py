"""explain(): one scenario's evaluated row told step by step, with parameters, sources and readings.

explain() computes no rule: it evaluates the one row with explorer.evaluate and words that row,
the parameters in force on the days that matter (each citing the source of the value in force)
and the readings each step used.  Templates and formats are in explain_text (English, Slovak).
With a `baseline`, each step says whether its result differs between the two sets of parameters.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..core.engine import OUTPUT_COLUMNS, evaluate
from ..core.inputs import INPUT_COLUMNS
from ..core.parameters import Parameters
from ..errors import ExplorerError
from ..labels import label, value_label
from ..whatif.reforms import Reform, as_parameters
from . import explain_text as tx
from .explain_steps import Step, Words

__all__ = ["Explanation", "Step", "explain"]

OPTIONAL_INPUTS = tuple(c for c in INPUT_COLUMNS if c not in ("card_expiry", "application_date"))

@dataclass
class Explanation:
    """The ordered steps of one scenario, its outputs (as evaluate() names them), summary and renderings."""

    steps: list[Step]
    outputs: dict[str, Any]
    inputs: dict[str, Any]
    baseline_outputs: dict[str, Any] | None = None
    changed_parameters: tuple[str, ...] = field(default=())
    summary: str = ""
    lang: str = "en"

    def _lines(self, step: Step) -> list[tuple[str, str]]:
        """(css class, text) of the detail lines under a step."""
        w = tx.T[self.lang]
        lines = [("result", f"{w['result']}: {step.result}")]
        if step.changed and step.baseline_result is not None:
            lines.append(("baseline", f"{w['baseline']}: {step.baseline_result}"))
        lines += [("reading", f"{w['reading']}: {label(n, self.lang)} = {value_label(v, self.lang)} "
                              f"\u2014 \u2018{s}\u2019")
                  for n, v, s in step.readings]
        if step.inputs:
            lines.append(("reads", f"{w['reads']}: " + ", ".join(
                f"{label(k, self.lang)} = {_show(v, self.lang)}" for k, v in step.inputs.items())))
        lines += [("parameter", f"{w['parameter']} {label(n, self.lang)} = {v} ({w['source']}: {s})")
                  for n, v, s in step.parameters]
        return lines

    def to_text(self) -> str:
        """The summary, then one numbered paragraph per step with its readings and parameters."""
        mark = f" [{tx.T[self.lang]['changed']}]"
        out = [self.summary, ""]
        for i, step in enumerate(self.steps, 1):
            out.append(f"{i}. {step.rule}{mark if step.changed else ''}")
            out += [f"   {text}" for _, text in self._lines(step)]
        return "\n".join(out)

    def to_html(self, summary: bool = True) -> str:
        """The summary (unless `summary` is False: a page that leads with it already), then the steps
        as an ordered list; changed steps highlighted; all text escaped."""
        e, items = html.escape, []
        for step in self.steps:
            style = ' style="background:#fff3cd;border-left:4px solid #b8860b;padding-left:4px"' \
                if step.changed else ""
            parts = [f'<li class="{"step changed" if step.changed else "step"}" data-key="{e(step.key)}"'
                     f'{style}><strong>{e(step.rule)}</strong>']
            if step.changed:
                parts.append(f' <span class="changed-label">({e(tx.T[self.lang]["changed"])})</span>')
            parts += [f'<div class="{css}"><small>{e(text)}</small></div>' if css in ("reads", "parameter")
                      else f'<div class="{css}">{e(text)}</div>' for css, text in self._lines(step)]
            items.append("".join(parts) + "</li>")
        lead = f'<p class="summary">{e(self.summary)}</p>' if summary else ""
        return f'<div class="explanation">{lead}<ol class="steps">{"".join(items)}</ol></div>'

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_frame(self) -> pd.DataFrame:
        """One row per step: step, key, rule, inputs, parameters, sources, readings, result, changed."""
        return pd.DataFrame([{
            "step": i, "key": s.key, "rule": s.rule,
            "inputs": ", ".join(f"{k} = {_show(v, self.lang)}" for k, v in s.inputs.items()),
            "parameters": "; ".join(f"{n} = {v}" for n, v, _ in s.parameters),
            "sources": "; ".join(f"{n}: {src}" for n, _, src in s.parameters),
            "readings": "; ".join(f"{n} = {v}" for n, v, _ in s.readings),
            "result": s.result, "changed": s.changed, "baseline result": s.baseline_result,
        } for i, s in enumerate(self.steps, 1)])

    @property
    def changed_steps(self) -> list[Step]:
        """Steps whose result differs from the baseline."""
        return [s for s in self.steps if s.changed]


def explain(card_expiry: Any, application_date: Any, params: Parameters | Reform | None = None,
            baseline: Parameters | Reform | None = None, lang: str = "en", **inputs: Any) -> Explanation:
    """The evaluated row of one scenario told rule by rule, with parameters, sources and readings.

    Inputs are those of evaluate(), checked the same way.  `params` or `baseline` may be a Reform
    (applied to the baseline parameters).  With `baseline`, steps carry `changed`.  `lang` is
    "en" or "sk"."""
    if lang not in tx.LANGS:
        raise ExplorerError("lang", lang, " or ".join(tx.LANGS), problem="unknown language")
    unknown = [k for k in inputs if k not in OPTIONAL_INPUTS]
    if unknown:
        raise ExplorerError(unknown[0], inputs[unknown[0]], "one of " + ", ".join(OPTIONAL_INPUTS),
                            problem="unknown input")
    base = as_parameters(baseline) if baseline is not None else None
    params = params.apply(base) if isinstance(params, Reform) else as_parameters(params)
    person = {"card_expiry": card_expiry, "application_date": application_date, **inputs}
    row = _row(person, params)
    words = Words(row, params, lang)
    explanation = Explanation(words.steps, {c: row[c] for c in OUTPUT_COLUMNS},
                              {c: row[c] for c in INPUT_COLUMNS}, summary=words.summary, lang=lang)
    if base is None:
        return explanation
    base_row = _row(person, base)
    by_key = {s.key: s for s in Words(base_row, base, lang).steps}
    for step in explanation.steps:
        old = by_key.get(step.key)
        step.changed = old is None or old.value != step.value
        if step.changed:
            step.baseline_result = old.result if old is not None else tx.T[lang]["no_step"]
    explanation.baseline_outputs = {c: base_row[c] for c in OUTPUT_COLUMNS}
    explanation.changed_parameters = tuple(
        n for n in params.names if params[n].series() != base[n].series())
    return explanation


def _row(person: dict[str, Any], params: Parameters) -> dict[str, Any]:
    """evaluate()'s row for one person, as plain Python values (dates as datetime.date, missing as None)."""
    row = evaluate(pd.DataFrame({k: [v] for k, v in person.items()}), params).iloc[0]
    return {k: _plain(v) for k, v in row.items()}


def _plain(value: Any) -> Any:
    """A cell of evaluate()'s frame as a plain Python value."""
    if isinstance(value, pd.Timestamp | np.datetime64):
        return None if pd.isna(value) else pd.Timestamp(value).date()
    if value is None or (np.ndim(value) == 0 and not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if isinstance(value, np.generic) else value


def _show(value: Any, lang: str) -> str:
    """An input's value in words: yes/no, a short day, a number, a status's or option's name."""
    if isinstance(value, dt.date):
        return tx.short_day(value, lang)
    if isinstance(value, float):
        return tx.number(value, lang)
    return str(value_label(value, lang))
