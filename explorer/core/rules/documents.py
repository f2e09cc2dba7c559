"""The document checklist for one application (guidance "HOW TO APPLY"; list in data/documents.yaml).

Which application form is required is a reading (the parameter application_form_reading): each
item it governs gives its `when` per alternative of that reading.  Texts come in English or
Slovak: items and notes from the data, the reasons from explorer.labels.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from ... import labels
from ...errors import ParameterFileError
from ..datafiles import data_path
from ..phrases import phrase
from ..safe_yaml import load_yaml_file

DOCUMENTS_PATH = data_path("documents.yaml")
WHEN = ("always", "optional", "fees", "accommodation", "booked_online", "not_booked_online_else_optional")
# (required, key of the reason in the ui section of data/outputs.yaml) per `when` and whether
# the holder booked online; None: not listed.
REASONS: dict[str, dict[bool, tuple[bool, str] | None]] = {
    "always": dict.fromkeys((True, False), (True, "doc.why.always")),
    "optional": dict.fromkeys((True, False), (False, "doc.why.optional")),
    "fees": dict.fromkeys((True, False), (True, "doc.why.fees")),
    "accommodation": dict.fromkeys((True, False), (True, "doc.why.accommodation")),
    "booked_online": {True: (True, "doc.why.booked"), False: None},
    "not_booked_online_else_optional": {True: (False, "doc.why.backup"),
                                        False: (True, "doc.why.not_booked")},
}


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[dict, tuple[dict, ...]]:
    doc = load_yaml_file(path, "a documents YAML file")
    items = doc.get("documents") if isinstance(doc, dict) else None
    if not isinstance(items, list) or not isinstance(doc.get("source"), dict):
        raise ParameterFileError(
            "documents",
            items,
            phrase("allowed.documents_list", "a list of {item, when} and a source", entry="{item, when}"),
            source=path,
        )
    for i, entry in enumerate(items):
        ok = isinstance(entry, dict) and entry.get("item")
        if ok and entry.get("reading") is not None:
            whens = entry.get("when")
            ok = isinstance(whens, dict) and all(w in WHEN for w in whens.values())
        elif ok:
            ok = entry.get("when") in WHEN
        if not ok:
            whens = ", ".join(WHEN)
            raise ParameterFileError(
                f"documents[{i}]",
                entry,
                phrase(
                    "allowed.document_entry",
                    f"item and when in {whens} (per alternative of the reading when `reading` is given)",
                    choices=whens,
                ),
                source=path,
            )
    return doc["source"], tuple(items)


def checklist(fees_due: bool, accommodation_required: bool, readings: dict[str, str],
              booked_online: bool = True, applications: int = 1, lang: str = "en",
              path: Path = DOCUMENTS_PATH) -> pd.DataFrame:
    """Documents to bring to each application: document, required, why, note, source.

    `readings` maps each reading an item names to the value in force (the application form);
    `applications` (2 for option a) counts the items each application needs its own one of."""
    source, items = _load(str(path))
    sk = lang == "sk"
    rows = []
    for entry in items:
        when = entry["when"]
        if entry.get("reading") is not None:
            when = when[readings[entry["reading"]]]
        if (when == "fees" and not fees_due) or (when == "accommodation" and not accommodation_required):
            continue
        reason = REASONS[when][bool(booked_online)]
        if reason is None:
            continue
        required, why = reason[0], labels.ui_text(reason[1], lang)
        section = source["section"]
        if entry.get("reading") is not None:
            why = f"{why} ({labels.ui_text('doc.why.reading', lang)}: {labels.label(entry['reading'], lang)})"
            section = str(labels.source(entry["reading"]).section)
        note = entry.get("note_sk" if sk else "note") or entry.get("note", "")
        rows.append({
            "document": _counted(entry, applications, lang),
            "required": required,
            "why": why,
            "note": " ".join(str(note).split()),
            "source": labels.ui_text("doc.source", lang, section=section,
                                     document=labels.ui_text(f"source.{source.get('ref', 'G')}", lang)),
        })
    return pd.DataFrame(rows, columns=["document", "required", "why", "note", "source"])


def _counted(entry: dict, applications: int, lang: str) -> str:
    """The item's text; for one needed per application and several applications, how many."""
    item = entry.get("item_sk", entry["item"]) if lang == "sk" else entry["item"]
    if not entry.get("per_application") or applications <= 1:
        return item
    return labels.ui_text("doc.per_application", lang).format(item=item, n=applications)
