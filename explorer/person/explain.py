"""explain(): one scenario's evaluated row told step by step, with parameters, sources and readings.

explain() computes no rule: it words the assembler's trace of the one row (explorer.core.trace:
the row as evaluate gives it, the condition that decided the status, the day kind of processing,
the parameters each output used with the source of the value in force, the readings in force),
computed once per set of parameters (once more for a baseline).  Templates and formats are in
explain_text (English, Slovak).  With a `baseline`, each step says whether its result differs
between the two sets of parameters.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..core.engine import OUTPUT_COLUMNS
from ..core.inputs import INPUT_COLUMNS
from ..core.parameters import Parameters
from ..core.phrases import UNKNOWN_LANGUAGE, choice_of, phrase
from ..errors import ExplorerError
from ..labels import label, value_label
from ..whatif.reforms import Reform, as_parameters
from . import explain_text as tx
from .explain_steps import Step, Words, trace_person

__all__ = ["Explanation", "Step", "explain"]

OPTIONAL_INPUTS = tuple(c for c in INPUT_COLUMNS if c not in ("card_expiry", "application_date"))

@dataclass
class Explanation:
    """The ordered steps of one scenario, its outputs (as evaluate() names them), lead and renderings."""

    steps: list[Step]
    outputs: dict[str, Any]
    inputs: dict[str, Any]
    baseline_outputs: dict[str, Any] | None = None
    changed_parameters: tuple[str, ...] = field(default=())
    summary: str = ""
    lang: str = "en"
    _row: dict[str, Any] = field(default_factory=dict, repr=False)
    _params: Parameters | None = field(default=None, repr=False)
    _trace: dict[str, Any] | None = field(default=None, repr=False)
    _advisory: dict[str, Any] | None = field(default=None, repr=False)

    def _lines(self, step: Step) -> list[tuple[str, str]]:
        """(css class, text) of the detail lines under a step."""
        lang = self.lang
        lines = [("result", f"{tx.t('explain.result', lang)}: {step.result}")]
        if step.changed and step.baseline_result is not None:
            lines.append(("baseline", f"{tx.t('explain.baseline', lang)}: {step.baseline_result}"))
        quote = ("\u201e{}\u201c" if lang == "sk" else "\u201c{}\u201d").format
        lines += [("reading", f"{tx.t('explain.reading', lang)}: {label(n, lang)}: {value_label(v, lang)}, "
                              + quote(s))
                  for n, v, s in step.readings]
        if step.inputs:
            lines.append(("reads", f"{tx.t('explain.reads', lang)}: " + "; ".join(
                f"{label(k, lang)}: {_show(v, lang)}" for k, v in step.inputs.items())))
        lines += [("parameter", f"{tx.t('explain.parameter', lang)}: {label(n, lang)}: {v} ({s})")
                  for n, v, s in step.parameters]
        if step.source:
            lines.append(("source", step.source))
        return lines

    def to_text(self) -> str:
        """The lead, then one numbered paragraph per step with its readings, parameters and source."""
        mark = f" [{tx.t('explain.changed', self.lang)}]"
        out = [self.summary, ""]
        for i, step in enumerate(self.steps, 1):
            out.append(f"{i}. {step.rule}{mark if step.changed else ''}")
            out += [f"   {text}" for _, text in self._lines(step)]
        return "\n".join(out)

    def to_memo(self, lang: str | None = None, voice: str = "holder") -> str:
        """The lead and short steps, ready to paste into a memo: `voice` "holder" (you) or "third"
        (the holder, for an analyst); each step names its source by title and section."""
        lang = self.lang if lang is None else lang
        if lang not in tx.LANGS:
            raise ExplorerError("lang", lang, EN_OR_SK, problem=UNKNOWN_LANGUAGE)
        if voice not in tx.VOICES:
            raise ExplorerError("voice", voice, phrase("allowed.voices", " or ".join(tx.VOICES)),
                                problem=phrase("error.problem.unknown_voice", "unknown voice"))
        words = Words(self._row, self._params, lang, self._trace, self._advisory) \
            if self._params is not None else None
        if words is None:
            raise ExplorerError("explanation", "without parameters",
                                phrase("allowed.explanation", "an Explanation made by explain()"))
        out = [words.lead(voice), "", tx.t("explain.steps", lang) + ":"]
        out += [f"{i}. {s.rule}: {s.result} ({s.source})" for i, s in enumerate(words.steps, 1)]
        return "\n".join(out)

    def to_html(self, summary: bool = True) -> str:
        """The lead (unless `summary` is False: a page that leads with it already), then the steps
        as an ordered list; changed steps highlighted; all text escaped."""
        e, items = html.escape, []
        for step in self.steps:
            style = ' style="background:#fff3cd;border-left:4px solid #b8860b;padding-left:4px"' \
                if step.changed else ""
            parts = [f'<li class="{"step changed" if step.changed else "step"}" data-key="{e(step.key)}"'
                     f'{style}><strong>{e(step.rule)}</strong>']
            if step.changed:
                parts.append(f' <span class="changed-label">({e(tx.t("explain.changed", self.lang))})</span>')
            parts += [f'<div class="{css}"><small>{e(text)}</small></div>'
                      if css in ("reads", "parameter", "source")
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
            "sources": "; ".join(f"{n}: {src}" for n, _, src in s.parameters) or s.source,
            "readings": "; ".join(f"{n} = {v}" for n, v, _ in s.readings),
            "result": s.result, "changed": s.changed, "baseline result": s.baseline_result,
        } for i, s in enumerate(self.steps, 1)])

    @property
    def changed_steps(self) -> list[Step]:
        """Steps whose result differs from the baseline."""
        return [s for s in self.steps if s.changed]

EN_OR_SK = phrase("allowed.en_or_sk", " or ".join(tx.LANGS))


def explain(card_expiry: Any, application_date: Any, params: Parameters | Reform | None = None,
            baseline: Parameters | Reform | None = None, lang: str = "en", **inputs: Any) -> Explanation:
    """The evaluated row of one scenario told rule by rule, with parameters, sources and readings.

    Inputs are those of evaluate(), checked the same way.  `params` or `baseline` may be a Reform
    (applied to the baseline parameters).  With `baseline`, steps carry `changed`.  `lang` is
    "en" or "sk"."""
    if lang not in tx.LANGS:
        raise ExplorerError("lang", lang, EN_OR_SK, problem=UNKNOWN_LANGUAGE)
    unknown = [k for k in inputs if k not in OPTIONAL_INPUTS]
    if unknown:
        raise ExplorerError(unknown[0], inputs[unknown[0]], choice_of(OPTIONAL_INPUTS),
                            problem=phrase("error.problem.unknown_input", "unknown input"))
    base = as_parameters(baseline) if baseline is not None else None
    params = params.apply(base) if isinstance(params, Reform) else as_parameters(params)
    person = {"card_expiry": card_expiry, "application_date": application_date, **inputs}
    row_trace = trace_person(person, params)
    row = row_trace.row
    words = Words(row, params, lang, row_trace.outputs)
    explanation = Explanation(words.steps, {c: row[c] for c in OUTPUT_COLUMNS},
                              {c: row[c] for c in INPUT_COLUMNS}, summary=words.summary, lang=lang,
                              _row=row, _params=params, _trace=words.tr, _advisory=words.advisory)
    if base is None:
        return explanation
    base_trace = trace_person(person, base)
    base_row = base_trace.row
    by_key = {s.key: s for s in Words(base_row, base, lang, base_trace.outputs).steps}
    for step in explanation.steps:
        old = by_key.get(step.key)
        step.changed = old is None or old.value != step.value
        if step.changed:
            step.baseline_result = old.result if old is not None else tx.t("explain.no_step", lang)
    explanation.baseline_outputs = {c: base_row[c] for c in OUTPUT_COLUMNS}
    explanation.changed_parameters = tuple(
        n for n in params.names if params[n].series() != base[n].series())
    return explanation


def _show(value: Any, lang: str) -> str:
    """An input's value in words: yes/no, a short day, a number, a status's or option's name."""
    if isinstance(value, dt.date):
        return tx.day(value, lang)
    if isinstance(value, float):
        return tx.number(value, lang)
    return str(value_label(value, lang))
