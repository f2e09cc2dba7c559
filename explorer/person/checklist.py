"""The document checklist for one application in words (English or Slovak): the items and notes
from data/documents.yaml, the reasons from the catalogues (rule: explorer.core.rules.documents)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import labels
from ..core.rules.documents import DOCUMENTS_PATH, REASONS, load_documents


def checklist(fees_due: bool, accommodation_required: bool, readings: dict[str, str],
              booked_online: bool = True, applications: int = 1, lang: str = "en",
              path: Path = DOCUMENTS_PATH) -> pd.DataFrame:
    """Documents to bring to each application: document, required, why, note, source.

    `readings` maps each reading an item names to the value in force (the application form);
    `applications` (2 for option a) counts the items each application needs its own one of."""
    source, items = load_documents(str(path))
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
