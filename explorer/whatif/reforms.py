"""Reforms: named, described sets of parameter changes, read from `data/reforms/<name>.yaml`.

A reform file holds `name`, `description` and `changes`: {parameter: value} or
{parameter: [{since, value}, ...]} for a dated series.  When the first dated entry has a
`since`, the baseline's values before that day are kept (e.g. "30.00 EUR from 2021-01-01").
Every problem raises ParameterFileError naming the file, the key and the value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..core.columns import REASONS
from ..core.datafiles import data_path
from ..core.days import day_number, day_to_date
from ..core.engine import default_parameters
from ..core.parameters import Parameter, Parameters, Source, check_since_order
from ..core.phrases import MISSING, MISSING_KEY, NON_EMPTY, UNKNOWN_KEY, VALUE_ENTRY, WRONG_TYPE, phrase
from ..core.safe_yaml import load_yaml_file
from ..errors import ExplorerError, ParameterFileError
from ..words import has, ngettext, text
from ..words.formats import format_date, format_money

REFORMS_DIR = data_path("reforms")
KEYS = ("name", "description", "changes")
OPTIONAL_KEYS = ("description_sk",)
"""A reform file may also describe itself in Slovak; without it, Slovak views show the English text."""


@dataclass(frozen=True)
class Reform:
    """A named set of parameter changes with a plain description; `apply` gives new Parameters."""

    name: str
    description: str
    changes: Mapping[str, Any]
    path: str = ""
    description_sk: str = ""

    def describe(self, lang: str = "en") -> str:
        """The description in `lang` ("sk": the Slovak one when the file gives it, else English)."""
        return self.description_sk if lang == "sk" and self.description_sk else self.description

    def apply(self, params: Parameters | None = None) -> Parameters:
        """The parameters with this reform's changes (default: on the baseline parameters).

        Changed parameters cite the reform as their source, so explanations never quote the
        guidance for a value the guidance does not hold."""
        params = params if params is not None else default_parameters()
        where = self.path or f"reform {self.name!r}"
        replacements = {name: _change_for(params, name, change, where)
                        for name, change in self.changes.items()}
        try:
            return params.replace_citing(self.source, **replacements)
        except ParameterFileError:
            raise
        except ExplorerError as exc:
            raise ParameterFileError(f"changes.{exc.field}", exc.value, exc.allowed_phrase or exc.allowed,
                                     source=where, problem=exc.problem_phrase or exc.problem) from None

    def source(self, parameter: str) -> Source:
        """Source cited for a parameter this reform changes."""
        where = Path(self.path).name if self.path else "no file"
        return Source(f"Reform \u201c{self.name}\u201d ({where})", REFORM_DATE,
                      f"changes.{parameter}")

    def table(self, params: Parameters | None = None) -> pd.DataFrame:
        """The changed parameters: name, baseline series and reform series in readable form."""
        params = params if params is not None else default_parameters()
        reformed = self.apply(params)
        rows = [{"parameter": name, "baseline": readable_series(params[name]),
                 "reform": readable_series(reformed[name]),
                 "unit": params[name].unit} for name in self.changes]
        return pd.DataFrame(rows, columns=["parameter", "baseline", "reform", "unit"])


def readable_series(param: Parameter) -> str:
    """A parameter's values as one line: '24.50; from 2021-01-01: 30.00'."""
    series = param.series()
    if len(series) == 1:
        return _readable(series[0][1])
    return "; ".join(("" if since is None else f"from {since}: ") + _readable(v)
                     for since, v in series)


CUSTOM = "custom"
"""The name of a reform built from edited values alone (the What if view's "custom")."""
NO_REFORM = "no change"
"""The name of the empty reform the What if view compares when nothing is changed."""
EDITS = " + edits"
"""The suffix of a shipped reform's name when edited values override some of its changes."""
REFORM_DATE = "hypothetical"
"""The date a reform's source gives: a reform is not a published document."""
_REFORM_DOCUMENT = re.compile("^Reform \u201c(?P<name>.*)\u201d \\(.*\\)$")


def reform_title(name: str, lang: str = "en") -> str:
    """A reform's name for people in `lang`: a shipped reform's title from the catalogues
    (reform.title.<name>), custom, no change and edits in words; another reform file by its name."""
    if name == CUSTOM:
        return text("whatif.custom", lang)
    if name == NO_REFORM:
        return text("whatif.no_change", lang)
    if name.endswith(EDITS):
        return text("whatif.title_edited", lang, reform=reform_title(name[:-len(EDITS)], lang))
    key = f"reform.title.{name}"
    return text(key, lang) if has(key) else name


def reform_cited(source: Source) -> str | None:
    """The name of the reform a source cites (as Reform.source writes it), None for a document."""
    found = _REFORM_DOCUMENT.match(source.document) if source.date == REFORM_DATE else None
    return found["name"] if found else None


def series_words(param: Parameter, lang: str) -> str:
    """A parameter's values in words of `lang` ("en"/"sk"), each dated one from its day:
    "€24.50; from 1 January 2021: €30.00", "24,50 €; od 1. januára 2021: 30,00 €" (Babel's money and
    date formats, the catalogue's plural forms for durations)."""
    parts = []
    for since, value in zip(param.since, param.values, strict=True):
        shown = _value_words(param, value, lang)
        parts.append(shown if since is None else
                     text("whatif.value_since", lang, day=day_to_date(since), value=shown))
    return "; ".join(parts)


def _value_words(param: Parameter, value: Any, lang: str) -> str:
    if param.kind == "duration":
        return ngettext(f"parameter.duration.{value.unit}", int(value.amount), lang)
    shown = param.display_value(value)
    if param.kind == "date":
        return format_date(shown, lang)
    if param.kind == "money":
        return format_money(shown, lang)
    return _readable(shown)


def _readable(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_readable(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def _change_for(params: Parameters, name: str, change: Any, where: str) -> Any:
    """The argument for Parameters.replace from one entry of `changes`; clear errors otherwise."""
    key = f"changes.{name}"
    if name not in params:
        names = ", ".join(params.names)
        raise ParameterFileError(
            key,
            change,
            phrase("allowed.parameter_name", f"a parameter name: one of {names}", choices=names),
            source=where,
            problem=phrase("error.problem.unknown_parameter", "unknown parameter"),
        )
    if not _is_dated(change):
        return change
    if not change:
        raise ParameterFileError(
            key,
            change,
            phrase("allowed.value_or_list", "a value or a list of {since, value}", entry="{since, value}"),
            source=where,
            problem=phrase("error.problem.empty_list", "empty list"),
        )
    pairs: list[tuple[Any, Any]] = []
    days: list[int | None] = []
    for i, entry in enumerate(change):
        entry_key = f"{key}[{i}]"
        if not isinstance(entry, Mapping) or "value" not in entry:
            raise ParameterFileError(entry_key, entry, VALUE_ENTRY, source=where,
                                     problem=phrase("error.problem.missing_value", "missing value"))
        extra = [k for k in entry if k not in ("since", "value")]
        if extra:
            raise ParameterFileError(
                f"{entry_key}.{extra[0]}",
                entry[extra[0]],
                phrase("allowed.since_value", "since, value"),
                source=where,
                problem=UNKNOWN_KEY,
            )
        since = entry.get("since")
        if since is None and i > 0:
            raise ParameterFileError(
                f"{entry_key}.since",
                None,
                phrase("allowed.since_first_entry_only", "a date: only the first entry may omit since"),
                source=where,
                problem=MISSING,
            )
        try:
            days.append(None if since is None else day_number(since))
        except (TypeError, ValueError):
            raise ParameterFileError(
                f"{entry_key}.since",
                since,
                phrase("allowed.date_such_as", "a date such as 2021-01-01", example="2021-01-01"),
                source=where,
                problem=REASONS["not_a_date"],
            ) from None
        pairs.append((since, entry["value"]))
    check_since_order(key, days, [p[0] for p in pairs], where)
    # When the first entry has a since, replace_citing keeps the earlier values (and their sources).
    return pairs


def _is_dated(change: Any) -> bool:
    return isinstance(change, list) and any(isinstance(e, Mapping) for e in change) or (
        isinstance(change, list) and not change)


def reform_path(name_or_path: str | Path) -> Path:
    """The file of a shipped reform name, or the path itself when given a path."""
    text = str(name_or_path)
    if isinstance(name_or_path, Path) or "/" in text or "\\" in text or text.endswith((".yaml", ".yml")):
        return Path(name_or_path)
    return REFORMS_DIR / f"{text}.yaml"


def load_reform(name_or_path: str | Path, params: Parameters | None = None) -> Reform:
    """Read and check a reform: a shipped name (data/reforms/<name>.yaml) or a path to a YAML file.

    The changes are checked against `params` (default: the baseline), so a bad file fails
    here, not later in a sweep."""
    path = reform_path(name_or_path)
    where = str(path)
    if not path.is_file():
        known = ", ".join(r.stem for r in sorted(REFORMS_DIR.glob("*.yaml")))
        raise ParameterFileError(
            "file",
            where,
            phrase(
                "allowed.reform_file", f"an existing YAML file or a shipped reform: {known}", shipped=known
            ),
            source=where,
            problem=phrase("error.problem.no_reform_file", "no such reform file"),
        )
    doc = load_yaml_file(path, "a reform YAML file")
    if not isinstance(doc, Mapping):
        keys = ", ".join(KEYS)
        raise ParameterFileError(
            "file",
            type(doc).__name__,
            phrase("allowed.mapping_with_keys", f"a mapping with keys {keys}", choices=keys),
            source=where,
            problem=phrase("error.problem.not_a_mapping", "not a mapping"),
        )
    for key in KEYS:
        if key not in doc or doc[key] in (None, ""):
            raise ParameterFileError(key, doc.get(key), NON_EMPTY, source=where, problem=MISSING_KEY)
    extra = [k for k in doc if k not in KEYS + OPTIONAL_KEYS]
    if extra:
        keys = ", ".join(KEYS + OPTIONAL_KEYS)
        raise ParameterFileError(
            str(extra[0]),
            doc[extra[0]],
            phrase("allowed.only_keys", f"only the keys {keys}", choices=keys),
            source=where,
            problem=UNKNOWN_KEY,
        )
    for key in ("name", "description", *(k for k in OPTIONAL_KEYS if k in doc)):
        if not isinstance(doc[key], str):
            raise ParameterFileError(
                key, doc[key], phrase("allowed.text", "text"), source=where, problem=WRONG_TYPE
            )
    if not isinstance(doc["changes"], Mapping):
        raise ParameterFileError("changes", doc["changes"], phrase("allowed.changes_mapping", "a mapping "
                                 "{parameter: value or list of {since, value}}",
                                 entry="{parameter: value or list of {since, value}}"), source=where,
                                 problem=WRONG_TYPE)
    reform = Reform(doc["name"].strip(), " ".join(doc["description"].split()),
                    dict(doc["changes"]), where, " ".join(str(doc.get("description_sk", "")).split()))
    reform.apply(params)
    return reform


def list_reforms() -> list[Reform]:
    """The reforms shipped in data/reforms/, sorted by file name."""
    return [load_reform(path) for path in sorted(REFORMS_DIR.glob("*.yaml"))]


def as_parameters(value: Parameters | Reform | None, base: Parameters | None = None) -> Parameters:
    """Parameters from Parameters, a Reform (applied to `base` or the baseline) or None (baseline)."""
    if isinstance(value, Parameters):
        return value
    if isinstance(value, Reform):
        return value.apply(base)
    if value is None:
        return base if base is not None else default_parameters()
    raise ExplorerError("params", type(value).__name__, phrase("allowed.parameters_reform_or_none",
                                                               "Parameters, a Reform or None"))
