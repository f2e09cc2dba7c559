"""The document checklist for one application (guidance "HOW TO APPLY"; list in data/documents.yaml).

Which application form is required is a reading (the parameter application_form_reading): each
item it governs gives its `when` per alternative of that reading.  This module reads the list and
holds the rule (REASONS: required or not, and which reason, per `when`); the checklist in words is
explorer.person.checklist's.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

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


def accommodation_required(address_changed: np.ndarray, submitted_before: np.ndarray) -> np.ndarray:
    """The document confirming accommodation is required when the address changed or it was not
    submitted before (guidance "HOW TO APPLY")."""
    return address_changed | ~submitted_before


@lru_cache(maxsize=4)
def load_documents(path: str) -> tuple[dict, tuple[dict, ...]]:
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
