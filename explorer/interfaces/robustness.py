"""The robustness map of explorer.sensitivity as inline SVG, in words of data/outputs.yaml: for the
dashboard's Readings and reforms compared tab and for the report (no script, so it draws in the
page, in a saved file and offline alike)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .. import labels
from ..core.inputs import INPUT_COLUMNS
from ..core.rules.transition import STATUSES
from ..scenarios.grid import GRID_COLUMNS, grid
from ..whatif.reforms import list_reforms, reform_title
from ..whatif.sensitivity import Sensitivity, sensitivity

MAP_SIDE = 48  # the robustness map pools cells into at most MAP_SIDE x MAP_SIDE blocks
# Okabe & Ito: blue, orange, reddish purple; told apart under every common colour-vision deficiency,
# and never the only cue (each block's hover text and the table by period say the same in words).
MAP_COLOURS = {"robust": "#0072B2", "depends": "#E69F00", "combination": "#CC79A7"}


def ui_sentence(key: str, lang: str, **values: Any) -> str:
    """A ui sentence of data/outputs.yaml in `lang`, its placeholders filled."""
    text = labels.ui_text(key, lang)
    return text.format(**values) if values else text


_t = ui_sentence


def _days(first: np.datetime64, last: np.datetime64) -> str:
    """A day, or a range of days, as ISO dates."""
    a, b = str(first)[:10], str(last)[:10]
    return a if a == b else f"{a} – {b}"


def sweep_of(result: Any) -> dict[str, Any] | None:
    """The explorer.sweep arguments that produced an evaluated frame, when it is a sweep in the
    sweep's row order (checked, not assumed); None otherwise."""
    if len(result) == 0 or not set(GRID_COLUMNS) <= set(result.columns):
        return None
    e = np.unique(result["card_expiry"].to_numpy())
    a = np.unique(result["application_date"].to_numpy())
    options = tuple(dict.fromkeys(result["option"].astype(str)))
    expedited = tuple(dict.fromkeys(result["expedited"].astype(bool)))
    delivery = tuple(dict.fromkeys(result["delivery"].astype(bool)))
    if len(e) * len(a) * len(options) * len(expedited) * len(delivery) != len(result):
        return None
    fixed = {}
    for name in INPUT_COLUMNS:
        if name in GRID_COLUMNS or name not in result.columns or name == "second_application_date":
            continue
        values = result[name].drop_duplicates()
        if len(values) != 1:
            return None
        value = values.iloc[0]
        fixed[name] = value.item() if hasattr(value, "item") else value
    for freq in ("D", "W", "MS", "QS", "YS"):
        days = [pd.date_range(d[0], d[-1], freq=freq).to_numpy() for d in (e, a)]
        if all(len(x) == len(d) and (x == d).all() for x, d in zip(days, (e, a), strict=True)):
            spec = dict(expiry=(str(e[0])[:10], str(e[-1])[:10]),
                        application=(str(a[0])[:10], str(a[-1])[:10]), freq=freq, options=options,
                        expedited=expedited, delivery=delivery, **fixed)
            probe = grid(**spec)
            same = all((probe[c].to_numpy() == result[c].to_numpy()).all() for c in GRID_COLUMNS[:2])
            return spec if same else None
    return None


def sensitivity_section(result: Any, params: Any, lang: str = "en") -> str:
    """The report's Readings and reforms compared section: the headline, what each alternative
    changes, the robustness map and its table by expiry month (on the sweep's factored form)."""
    spec = dict(result) if isinstance(result, Mapping) else None if result is None else sweep_of(result)
    e = html.escape
    head = f"<h2>{e(_t('tab.readings_compared', lang))}</h2>"
    if spec is None:
        return head + f"<p>{e(_t('sensitivity.report_not_a_sweep', lang))}</p>"
    found = sensitivity(spec, reforms=list_reforms(), params=params)
    table = found.table.copy()
    table["reading"] = [_t("sensitivity.reform_column", lang) if r == "reform" else labels.header(r, lang)
                        for r in table["reading"]]
    table["alternative"] = [_t("sensitivity.reform_name", lang, name=reform_title(a, lang)) if r == "reform"
                            else labels.value_label(a, lang)
                            for r, a in zip(found.table["reading"], found.table["alternative"], strict=True)]
    table = table.drop(columns="counted")
    words = {"reading": _t("sensitivity.col.reading", lang),
             "alternative": _t("sensitivity.col.alternative", lang),
             "total": _t("sensitivity.col.total", lang),
             **{f"{m} changed": _t(f"sensitivity.col.{m}", lang)
                for m in ("status", "apply_by", "fees_eur", "gap_days", "visits")},
             **{f"net {s}": _t("sensitivity.col.net", lang, status=labels.value_label(s, lang))
                for s in STATUSES}}
    table = table.rename(columns=words)
    rows = "".join("<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in row) + "</tr>"
                   for row in table.itertuples(index=False))
    header = "".join(f"<th>{e(str(c))}</th>" for c in table.columns)
    robust = found.robust_by("MS").drop(columns="counted")
    robust["expiry period"] = [str(d)[:10] for d in robust["expiry period"]]
    robust_rows = "".join("<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in row) + "</tr>"
                          for row in robust.itertuples(index=False))
    robust = robust.rename(columns={
        "expiry period": _t("sensitivity.col.expiry_period", lang),
        "total": _t("sensitivity.col.total", lang),
        "robust": _t("sensitivity.col.robust", lang), "depends": _t("sensitivity.col.depends", lang),
        **{name: _t("sensitivity.col.depends_on", lang, name=bit_name(name, i, found, lang))
           for i, name in enumerate(found.names)}})
    robust_header = "".join(f"<th>{e(str(c))}</th>" for c in robust.columns)
    return (head + f"<p><b>{e(found.summary(lang).splitlines()[0])}</b></p>"
            f'<table class="rx-report-sensitivity"><thead><tr>{header}</tr></thead>'
            f"<tbody>{rows}</tbody></table>"
            + robustness_svg(found, lang)
            + f'<table class="rx-report-robust"><thead><tr>{robust_header}</tr></thead>'
              f"<tbody>{robust_rows}</tbody></table>")


def robustness_svg(found: Sensitivity, lang: str, max_side: int = MAP_SIDE) -> str:
    """The robustness map as inline SVG (no script: it works in the page, the report and offline):
    one rectangle per block of cells, coloured by whether it holds under every reading, depends on
    one, or changes only when readings are combined; each block's <title> (its hover text) says
    the dates, the statuses and the readings it depends on.  A legend and a note follow."""
    b = found.blocks(max_side)
    n_r, n_c = b["robust"].shape
    cell_w, cell_h, left, top = max(6, 640 // max(n_c, 1)), max(6, 420 // max(n_r, 1)), 0, 0
    names = [bit_name(name, i, found, lang) for i, name in enumerate(b["names"])]
    parts = []
    for i in range(n_r):
        for j in range(n_c):
            statuses = " / ".join(labels.value_label(s, lang) for k, s in enumerate(STATUSES)
                                  if int(b["seen"][i, j]) >> k & 1)
            depends = [n for k, n in enumerate(names) if int(b["depends"][i, j]) >> k & 1]
            expiry = _days(b["expiry_from"][i], b["expiry_to"][i])
            applied = _days(b["application_from"][j], b["application_to"][j])
            if b["robust"][i, j]:
                kind, text = "robust", _t("sensitivity.hover.robust", lang, expiry=expiry,
                                          application=applied, statuses=statuses)
            elif depends:
                kind, text = "depends", _t("sensitivity.hover.depends", lang, expiry=expiry,
                                           application=applied, statuses=statuses,
                                           names="; ".join(depends))
            else:
                kind, text = "combination", _t("sensitivity.hover.combination", lang, expiry=expiry,
                                               application=applied, statuses=statuses)
            parts.append(f'<rect class="rx-robust-{kind}" x="{left + j * cell_w}" y="{top + i * cell_h}" '
                         f'width="{cell_w}" height="{cell_h}" fill="{MAP_COLOURS[kind]}">'
                         f"<title>{html.escape(text)}</title></rect>")
    width, height = n_c * cell_w, n_r * cell_h
    label = _t("sensitivity.map_label", lang)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{html.escape(label)}" '
           f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">{"".join(parts)}</svg>')
    legend = "".join(
        f'<span style="display:inline-block;margin-right:14px"><span style="display:inline-block;'
        f'width:14px;height:14px;background:{MAP_COLOURS[k]};vertical-align:middle;margin-right:4px">'
        f"</span>{html.escape(_t(f'sensitivity.legend.{k}', lang))}</span>" for k in MAP_COLOURS)
    axes = html.escape(_t("sensitivity.map_axes", lang))
    n_e, n_a = found.grid_shape or (0, 0)
    note = html.escape(_t("sensitivity.map_note", lang, days_e=f"{-(-n_e // n_r):,}" if n_r else "0",
                          days_a=f"{-(-n_a // n_c):,}" if n_c else "0"))
    return (f'<div class="rx-robust-svg">{svg}</div><p class="rx-robust-axes">{axes}</p>'
            f'<p class="rx-robust-legend">{legend}</p><p class="rx-robust-note">{note}</p>')


def bit_name(name: str, i: int, found: Sensitivity, lang: str) -> str:
    """A depends-on name in words: a reading's label, or "Reform “name”"."""
    if any(a.reading == name for a in found.alternatives):
        return labels.header(name, lang)
    return _t("sensitivity.reform_name", lang, name=reform_title(name, lang))
