"""Edited parameters as a reform: which parameters a person may edit, and the Reform their edits make.

The What if tab edits these, and so can a notebook or a test: a shipped reform (or none) plus
edited values {parameter: value} give one Reform, described in English and Slovak; every check of
an edited value is the parameters' own (Reform.apply).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from ..core.durations import Duration
from ..core.parameters import Parameters
from ..labels import label, ui_text
from ..words import ngettext
from ..words.formats import format_date, format_money
from .reforms import CUSTOM, EDITS, Reform

EDITABLE_KINDS = ("date", "money")
"""Every parameter of these kinds is editable."""
PROCESSING_TIMES = ("standard_processing", "expedited_processing")
"""The durations that are editable too (the two processing times)."""


def editable_parameters(params: Parameters) -> list[str]:
    """Names of the parameters a person may edit: every date and fee, and the two processing times."""
    names = [n for n in params.names if params[n].kind in EDITABLE_KINDS]
    return names + [n for n in PROCESSING_TIMES if n in params]


def build_reform(shipped: Reform | None, edits: Mapping[str, Any]) -> Reform | None:
    """One Reform of a shipped reform's changes overridden by edited values; None when nothing changes.

    Its name is the shipped reform's plus " + edits" (CUSTOM without one); its description, in
    English and in Slovak, names each edit in words."""
    if shipped is None and not edits:
        return None
    if not edits:
        return shipped
    edits = dict(edits)
    changes = {**(dict(shipped.changes) if shipped else {}), **edits}
    name = f"{shipped.name}{EDITS}" if shipped else CUSTOM

    def described(lang: str) -> str:
        edited = "; ".join(ui_text("whatif.edit", lang, parameter=label(k, lang), value=edit_text(v, lang))
                           for k, v in edits.items())
        if shipped:
            return ui_text("whatif.edited_shipped", lang, description=shipped.describe(lang), edits=edited)
        return ui_text("whatif.edited", lang, edits=edited)

    return Reform(name, described("en"), changes, description_sk=described("sk"))


def edit_text(value: Any, lang: str) -> str:
    """An edited value in words of `lang`: days with their plural, a fee in euro, a day as a date."""
    if isinstance(value, Duration):
        return ngettext(f"parameter.duration.{value.unit}", int(value.amount), lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    try:
        return format_money(Decimal(str(value)), lang)
    except (InvalidOperation, ValueError):
        return str(value)  # not an amount: apply() says so


def reform_key(reform: Reform | None) -> tuple[str, dict[str, Any]]:
    """What identifies a reform's content, compared by value: its name and its changes."""
    return ("", {}) if reform is None else (reform.name, dict(reform.changes))
