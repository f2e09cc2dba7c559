"""The document checklist for one application (guidance "HOW TO APPLY"; list in data/documents.yaml).

Which application form is required is a reading (`application_form` under `readings:` in the
data): each item it governs gives its `when` per alternative, and `form_reading()` states it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from ..errors import ExplorerError, ParameterFileError

DOCUMENTS_PATH = Path(__file__).resolve().parents[2] / "data" / "documents.yaml"
FORM_READING = "application_form"
WHEN = ("always", "optional", "fees", "accommodation", "booked_online", "not_booked_online_else_optional")
# (required, why) per `when` and whether the holder booked online; None: not listed.
REASONS: dict[str, dict[bool, tuple[bool, str] | None]] = {
    "always": dict.fromkeys((True, False), (True, "needed for every application")),
    "optional": dict.fromkeys((True, False), (False, "optional")),
    "fees": dict.fromkeys((True, False), (True, "fees above 0 are paid with fee stamps")),
    "accommodation": dict.fromkeys(
        (True, False), (True, "address changed, or no accommodation document with the first card")),
    "booked_online": {True: (True, "you booked online: the booking system generated your application form"),
                      False: None},
    "not_booked_online_else_optional": {
        True: (False, "optional: a backup beside the generated form, as you booked online"),
        False: (True, "you did not book online: no form is generated, so this is your application form"),
    },
}


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[dict, dict[str, dict], tuple[dict, ...]]:
    try:
        doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ParameterFileError("file", path, "a readable YAML file", problem=str(exc)) from None
    items = doc.get("documents") if isinstance(doc, dict) else None
    if not isinstance(items, list) or not isinstance(doc.get("source"), dict):
        raise ParameterFileError("documents", items, "a list of {item, when} and a source",
                                 source=path)
    readings = doc.get("readings") or {}
    for name, reading in readings.items():
        alternatives = reading.get("alternatives") if isinstance(reading, dict) else None
        if (not isinstance(alternatives, dict) or len(alternatives) < 2
                or reading.get("value") not in alternatives
                or not all(isinstance(a, dict) and a.get("sentences") and a.get("case")
                           for a in alternatives.values())
                or not reading.get("statement") or not reading.get("section")):
            raise ParameterFileError(f"readings.{name}", reading, "value, statement, section and at least "
                                     "two alternatives with sentences and case", source=path)
    for i, entry in enumerate(items):
        ok = isinstance(entry, dict) and entry.get("item")
        if ok and entry.get("reading") is not None:
            reading = readings.get(entry["reading"])
            whens = entry.get("when")
            ok = (reading is not None and isinstance(whens, dict)
                  and set(whens) == set(reading["alternatives"]) and all(w in WHEN for w in whens.values()))
        elif ok:
            ok = entry.get("when") in WHEN
        if not ok:
            raise ParameterFileError(f"documents[{i}]", entry, "item and when in " + ", ".join(WHEN)
                                     + " (per alternative of a known reading when `reading` is given)",
                                     source=path)
    return doc["source"], readings, tuple(items)


def form_reading(reading: str | None = None, path: Path = DOCUMENTS_PATH) -> dict[str, Any]:
    """The application-form reading: name, value in force, statement, alternatives, sentences, source."""
    source, readings, _ = _load(str(path))
    raw = readings[FORM_READING]
    value = _check_reading(raw, reading)
    alternatives = [{"value": name, "sentences": [" ".join(t.split()) for t in alt["sentences"]],
                     "case": " ".join(alt["case"].split())} for name, alt in raw["alternatives"].items()]
    return {
        "name": FORM_READING,
        "value": value,
        "statement": " ".join(raw["statement"].split()),
        "alternatives": alternatives,
        "sentences": next(a["sentences"] for a in alternatives if a["value"] == value),
        "source": f"{source['document']}, {source['date']}, section \u201c{raw['section']}\u201d",
    }


def _check_reading(raw: dict, reading: str | None) -> str:
    value = raw["value"] if reading is None else reading
    if value not in raw["alternatives"]:
        raise ExplorerError(FORM_READING, value, "one of " + ", ".join(raw["alternatives"]),
                            problem="unknown reading")
    return value


def checklist(fees_due: bool, accommodation_required: bool, booked_online: bool = True,
              applications: int = 1, reading: str | None = None,
              path: Path = DOCUMENTS_PATH) -> pd.DataFrame:
    """Documents to bring to each application: document, required, why, note, source.

    `applications` (2 for option a) counts the items each application needs its own one of;
    `reading` is the application-form reading (default: the one in force in the data)."""
    source, readings, items = _load(str(path))
    rows = []
    for entry in items:
        when = entry["when"]
        if entry.get("reading") is not None:
            when = when[_check_reading(readings[entry["reading"]], reading)]
        if (when == "fees" and not fees_due) or (when == "accommodation" and not accommodation_required):
            continue
        reason = REASONS[when][bool(booked_online)]
        if reason is None:
            continue
        required, why = reason
        if entry.get("reading") is not None:
            why = f"{why} (a reading of the guidance, \u201c{readings[entry['reading']]['section']}\u201d)"
        section = readings[entry["reading"]]["section"] if entry.get("reading") else source["section"]
        rows.append({
            "document": _counted(entry, applications),
            "required": required,
            "why": why,
            "note": " ".join(str(entry.get("note", "")).split()),
            "source": f"{source['document']}, {section}",
        })
    return pd.DataFrame(rows)


def _counted(entry: dict, applications: int) -> str:
    """The item's text; for one needed per application and several applications, how many."""
    per = entry.get("per_application")
    if not per or applications <= 1:
        return entry["item"]
    return f"{entry['item']}, per application ({applications} applications: {applications} {per[1]})"
