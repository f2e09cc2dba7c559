"""The document checklist for one application (guidance "HOW TO APPLY"; list in data/documents.yaml)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..errors import ParameterFileError
from ..safe_yaml import load_yaml_file

DOCUMENTS_PATH = Path(__file__).resolve().parents[2] / "data" / "documents.yaml"
WHEN = ("always", "optional", "fees", "accommodation")


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[dict, tuple[dict, ...]]:
    doc = load_yaml_file(path, "a documents YAML file")
    items = doc.get("documents") if isinstance(doc, dict) else None
    if not isinstance(items, list) or not isinstance(doc.get("source"), dict):
        raise ParameterFileError("documents", items, "a list of {item, when} and a source",
                                 source=path)
    for i, entry in enumerate(items):
        if not isinstance(entry, dict) or entry.get("when") not in WHEN or not entry.get("item"):
            raise ParameterFileError(f"documents[{i}]", entry, "item and when in " + ", ".join(WHEN),
                                     source=path)
    return doc["source"], tuple(items)


def checklist(fees_due: bool, accommodation_required: bool,
              path: Path = DOCUMENTS_PATH) -> pd.DataFrame:
    """Documents to bring to one application: item, whether required, and why."""
    source, items = _load(str(path))
    rows = []
    for entry in items:
        when = entry["when"]
        if when == "fees" and not fees_due:
            continue
        if when == "accommodation" and not accommodation_required:
            continue
        reason = {
            "always": "needed for every application",
            "optional": "optional",
            "fees": "fees above 0 are paid with fee stamps",
            "accommodation": "address changed, or no accommodation document with the first card",
        }[when]
        rows.append({
            "document": entry["item"],
            "required": when != "optional",
            "why": reason,
            "note": " ".join(str(entry.get("note", "")).split()),
            "source": f"{source['document']}, {source['section']}",
        })
    return pd.DataFrame(rows)
