"""Names people use: English and Slovak labels of every output, input, status, header and value.

Each code is declared once, in data/outputs.yaml (the documents in data/documents.yaml,
beside each item), with its label, unit, a one-sentence description and the section of the
guidance it comes from.  Pure functions over that file, read once per process: no widgets.
`Language` "codes" means the code names themselves (for files meant for code).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal, get_args

import pandas as pd

from . import words
from .core.datafiles import data_path
from .core.engine import default_parameters
from .core.parameters import Source
from .core.phrases import UNKNOWN_LANGUAGE, phrase
from .core.rules.documents import DOCUMENTS_PATH, load_documents
from .core.safe_yaml import load_yaml_file
from .errors import ExplorerError, ParameterFileError

Language = Literal["en", "sk", "codes"]
LANGUAGES: tuple[str, ...] = get_args(Language)
PEOPLE = ("en", "sk")
OUTPUTS_PATH = data_path("outputs.yaml")
SECTIONS = {"outputs": "output", "inputs": "input", "statuses": "status",
            "path_statuses": "path_status", "columns": "column", "readings": "reading"}
"""Sections of data/outputs.yaml holding full declarations, and the kind of each."""
SHORT = {"values": "value", "reasons": "reason", "terms": "term", "parameters": "parameter"}
"""Sections holding a label only."""
BOOLEAN_VALUES = {True: "yes", False: "no"}


@dataclass(frozen=True)
class Declaration:
    """One code's names: label, unit and description by language, and its source."""

    code: str
    kind: str
    label: Mapping[str, str]
    unit: Mapping[str, str]
    description: Mapping[str, str]
    source: Source | None


@dataclass(frozen=True)
class _Registry:
    declarations: Mapping[str, Declaration]
    values: Mapping[str, Declaration]  # cell values (statuses, options, documents' items...) by code
    ui: Mapping[str, Mapping[str, str]]


ONE_DECLARATION = phrase("allowed.one_declaration", "one declaration per code")
NO_SUCH_SENTENCE = phrase("error.problem.no_such_sentence", "no such sentence")

def _words(raw: Any, field: str, where: str, required: bool = True) -> dict[str, str]:
    """{en, sk} of a field: a mapping with both languages, or one string for both (units)."""
    if raw is None and not required:
        return {}
    if isinstance(raw, str | int | float) and field == "unit":
        return {lang: str(raw) for lang in PEOPLE}
    if not isinstance(raw, Mapping) or any(not str(raw.get(lang) or "").strip() for lang in PEOPLE):
        raise ParameterFileError(
            field,
            raw,
            phrase(
                "allowed.both_languages",
                "English and Slovak text: {en: ..., sk: ...}",
                entry="{en: ..., sk: ...}",
            ),
            source=where,
        )
    extra = ", ".join(str(k) for k in raw if k not in PEOPLE)
    if extra:  # an unquoted comma in {en: a, b, sk: c} makes "b" a key and cuts the text at it
        raise ParameterFileError(
            field,
            raw,
            phrase("allowed.only_en_sk", "only en and sk: quote text holding a comma"),
            source=where,
            problem=phrase("error.problem.unexpected_keys", f"unexpected keys {extra}", choices=extra),
        )
    return {lang: " ".join(str(raw[lang]).split()) for lang in PEOPLE}


def _source(raw: Any, sources: Mapping[str, Source], where: str) -> Source:
    if not isinstance(raw, Mapping) or raw.get("ref") not in sources or not raw.get("section"):
        refs = ", ".join(sources)
        raise ParameterFileError(
            "source",
            raw,
            phrase("allowed.source_ref", f"{{ref: one of {refs}, section: ...}}", choices=refs),
            source=where,
        )
    return replace(sources[raw["ref"]], section=str(raw["section"]))


def _documents() -> list[Declaration]:
    """The documents of data/documents.yaml as declarations (English item, Slovak item_sk)."""
    head, entries = load_documents(str(DOCUMENTS_PATH))  # read once, shared with the documents rule
    doc = {"source": head, "documents": list(entries)}
    head = doc.get("source", {})
    source = Source(str(head.get("document", "")), str(head.get("date", "")), str(head.get("section", "")),
                    ref="G")
    out = []
    for i, entry in enumerate(doc.get("documents") or []):
        where = f"{DOCUMENTS_PATH}: documents[{i}]"
        if not entry.get("code"):
            raise ParameterFileError(
                "code", None, phrase("allowed.document_code", "a code naming the document"), source=where
            )
        label = _words({"en": entry.get("item"), "sk": entry.get("item_sk")}, "item_sk", where)
        note = {"en": entry.get("note"), "sk": entry.get("note_sk")}
        description = _words(note, "note_sk", where) if note["en"] or note["sk"] else label
        out.append(Declaration(str(entry["code"]), "document", label, {}, description, source))
    return out


@lru_cache(maxsize=1)
def _registry() -> _Registry:
    """Every declaration, read once per process."""
    doc = load_yaml_file(OUTPUTS_PATH, "an outputs YAML file")
    sources = default_parameters().documents  # the parameters file, read once per process
    found: dict[str, Declaration] = {}
    for section, kind in {**SECTIONS, **SHORT}.items():
        for code, raw in (doc.get(section) or {}).items():
            where = f"{OUTPUTS_PATH}: {section}.{code}"
            if section in SHORT:
                label = _words(raw, "label", where)
                found_decl = Declaration(str(code), kind, label, {}, {}, None)
            else:
                if not isinstance(raw, Mapping):
                    raise ParameterFileError(
                        str(code),
                        raw,
                        phrase("allowed.declaration", "label, description and source"),
                        source=where,
                    )
                found_decl = Declaration(
                    str(code), kind, _words(raw.get("label"), "label", where),
                    _words(raw.get("unit"), "unit", where, required=False),
                    _words(raw.get("description"), "description", where),
                    _source(raw.get("source"), sources, where))
            if str(code) in found:
                kind = found[str(code)].kind
                raise ParameterFileError(
                    str(code),
                    section,
                    ONE_DECLARATION,
                    source=str(OUTPUTS_PATH),
                    problem=phrase("error.problem.also_declared", f"also declared as {kind}", kind=kind),
                )
            found[str(code)] = found_decl
    documents = _documents()
    for d in documents:
        if d.code in found:
            raise ParameterFileError(d.code, "documents", ONE_DECLARATION, source=str(DOCUMENTS_PATH))
        found[d.code] = d
    values = {c: d for c, d in found.items() if d.kind in ("status", "path_status", "value", "output",
                                                           "input")}
    # The checklist writes a document's English item, late_by_reason a reason's English words.
    values.update({d.label["en"]: d for d in found.values() if d.kind in ("document", "reason")})
    ui = {str(k): _words(v, "ui", f"{OUTPUTS_PATH}: ui.{k}") for k, v in (doc.get("ui") or {}).items()}
    return _Registry(found, values, ui)


def _language(lang: Any) -> str:
    if lang not in LANGUAGES:
        raise ExplorerError(
            "language",
            lang,
            phrase("allowed.languages_or_codes", "en (English), sk (Slovak) or codes (the column codes)"),
            problem=UNKNOWN_LANGUAGE,
        )
    return lang


def _declaration(code: Any) -> Declaration:
    found = _registry().declarations.get(code) if isinstance(code, str) else None
    if found is None:
        raise ExplorerError(
            "code",
            code,
            phrase("allowed.declared_code", "a code declared in data/outputs.yaml or data/documents.yaml"),
            problem=phrase("error.problem.no_label", "no label declared"),
        )
    return found


def label(code: str, lang: Language = "en") -> str:
    """The short name of a code in a language ("codes": the code itself)."""
    if _language(lang) == "codes":
        _declaration(code)
        return code
    return _declaration(code).label[lang]


def unit(code: str, lang: Language = "en") -> str:
    """The unit of a code's values ("" when it has none; "codes" gives English)."""
    return _declaration(code).unit.get(_people(lang), "")


def description(code: str, lang: Language = "en") -> str:
    """One sentence saying what a code means ("codes" gives English)."""
    found = _declaration(code)
    return found.description.get(_people(lang)) or found.label[_people(lang)]


def source(code: str) -> Source:
    """The guidance section a code comes from (ExplorerError for values, which have none)."""
    found = _declaration(code)
    if found.source is None:
        raise ExplorerError(
            "code",
            code,
            phrase("allowed.code_with_source", "an output, input, status, header or document"),
            problem=phrase("error.problem.value_has_no_source", "a value has no source"),
        )
    return found.source


def ui_text(key: str, lang: Language = "en", **placeholders: Any) -> str:
    """A sentence people read (tab title, caption, explanation step) in a language, from the catalogues.

    With placeholders the sentence comes back filled in the language's formats (Babel: dates,
    numbers, money); without, raw.  A `ui:` entry still in data/outputs.yaml (merged from a
    branch before scripts/ui_to_po.py ran) is read too, so the page never loses a string."""
    if words.has(key):
        return words.text(key, _people(lang), **placeholders)
    text = _registry().ui.get(key)
    if text is None:
        raise ExplorerError(
            "key",
            key,
            phrase("allowed.catalogue_key", "a key of the catalogues in data/locale"),
            problem=NO_SUCH_SENTENCE,
        )
    raw = text[_people(lang)]
    return words.fill(raw, _people(lang), **placeholders) if placeholders else raw


def _people(lang: Any) -> str:
    """The language of words for people ("codes" reads English)."""
    return "en" if _language(lang) == "codes" else lang


def codes(kind: str) -> list[str]:
    """Declared codes of one kind (output, input, status, path_status, document, column, value, term)."""
    return [c for c, d in _registry().declarations.items() if d.kind == kind]


def declarations() -> pd.DataFrame:
    """Every declaration as a tidy table: code, kind, labels, units, descriptions, source."""
    rows = [{
        "code": d.code, "kind": d.kind, "label_en": d.label["en"], "label_sk": d.label["sk"],
        "unit_en": d.unit.get("en", ""), "unit_sk": d.unit.get("sk", ""),
        "description_en": d.description.get("en", ""), "description_sk": d.description.get("sk", ""),
        "source": "" if d.source is None else d.source.short(),
    } for d in _registry().declarations.values()]
    return pd.DataFrame(rows)


SIDE_SUFFIXES = ("baseline", "reform", "changed")
"""Suffixes of compare()'s side-by-side columns, e.g. status_baseline: "Status (Baseline)"."""


def header(name: Any, lang: Language) -> Any:
    """The label of a column name when one is declared (or a declared code with a compare
    suffix), else the name unchanged."""
    if _language(lang) == "codes" or not isinstance(name, str):
        return name
    table = _registry().declarations
    if name in table:
        return table[name].label[lang]
    code, _, side = name.rpartition("_")
    if side in SIDE_SUFFIXES and code in table:
        return f"{table[code].label[lang]} ({table[side].label[lang]})"
    return name


def value_label(value: Any, lang: Language) -> Any:
    """The label of a cell value when one is declared (statuses, options, yes/no...), else the value."""
    if _language(lang) == "codes":
        return value
    if isinstance(value, bool):
        value = BOOLEAN_VALUES[value]
    found = _registry().values.get(value) if isinstance(value, str) else None
    return value if found is None else found.label[lang]


def rename_columns(frame: pd.DataFrame, lang: Language) -> pd.DataFrame:
    """A copy with labelled headers, index names and Categorical/text values (statuses, options...).

    "codes" returns the frame unchanged.  A column is relabelled only when every one of
    its values is declared, so free text and numbers are left alone."""
    if _language(lang) == "codes":
        return frame
    out = frame.copy(deep=False)
    for position in range(frame.shape[1]):
        relabelled = _relabel(frame.iloc[:, position], lang)
        if relabelled is not None:
            out.isetitem(position, relabelled)
    out.columns = _index_labels(frame.columns, lang)
    out.index = out.index.set_names([header(n, lang) for n in out.index.names])
    return out


def labelled(frame: pd.DataFrame, lang: Language) -> pd.DataFrame:
    """rename_columns, and True/False shown as yes/no in the language (a table for people)."""
    out = rename_columns(frame, lang)
    if _language(lang) == "codes":
        return out
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if pd.api.types.is_bool_dtype(column.dtype):
            out.isetitem(position, column.map({True: value_label(True, lang),
                                               False: value_label(False, lang)}))
    return out


def _index_labels(index: pd.Index, lang: Language) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return index.set_names([header(n, lang) for n in index.names])
    names = [header(n, lang) for n in index]
    twice = {n for n in names if names.count(n) > 1}
    names = [f"{n} ({code})" if n in twice else n for n, code in zip(names, index, strict=True)]
    return pd.Index(names, name=header(index.name, lang))


def _relabel(column: pd.Series, lang: Language) -> pd.Series | None:
    """The column with labelled values when all its values are declared, else None."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        cats = list(column.cat.categories)
        names = [value_label(c, lang) for c in cats]
        if not cats or names == cats or not _all_declared(cats) or len(set(names)) < len(names):
            return None
        return column.cat.rename_categories(names)
    if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
        present = column.dropna().unique()
        if not len(present) or not _all_declared(present):
            return None
        return column.map(lambda v: value_label(v, lang))
    return None


def _all_declared(values: Any) -> bool:
    table = _registry().values
    return all(isinstance(v, str) and v in table for v in values)


def markdown_table(lang: Language = "en", kind: str = "output") -> str:
    """The declarations of one kind as a Markdown table (the README's "What each output means")."""
    lang = _people(lang)
    heads = {"en": ("Label", "Code", "Unit", "Meaning", "Source"),
             "sk": ("Názov", "Kód", "Jednotka", "Význam", "Zdroj")}[lang]
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for code in codes(kind):
        cells = (label(code, lang), f"`{code}`", unit(code, lang), description(code, lang),
                 source(code).short())
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)
