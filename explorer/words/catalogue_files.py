"""Writing the catalogues: add or update whole sentences in data/locale (the .pot and both .po).

Used by scripts/ui_to_po.py (moves `ui:` entries of data/outputs.yaml into the catalogues) and
by maintainers; the dashboard only reads.  Files are written without line wrapping and without
changing dates, so two people adding entries produce small diffs.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from .catalogue import LANGS

FIXED_DATE = dt.datetime(2026, 12, 4, tzinfo=dt.UTC)
"""Header date of new catalogues (fixed, so rewriting a file does not change it)."""


def _open(path: Path, lang: str | None, domain: str) -> Catalog:
    if path.exists():
        with path.open("rb") as handle:
            return read_po(handle, locale=lang, domain=domain)
    comment = (f"# Sentences people read in the residence explorer ({lang or 'template'}, {domain}).\n"
               "# msgctxt: a stable key; msgid: the English sentence; msgstr: the sentence.\n"
               "# Placeholders {name} keep their names in every language; edit a sentence here, not in code.")
    return Catalog(locale=lang, domain=domain, project="residence-explorer", version="1",
                   header_comment=comment, creation_date=FIXED_DATE, revision_date=FIXED_DATE,
                   fuzzy=False, copyright_holder="residence-explorer", msgid_bugs_address="-",
                   last_translator="residence-explorer", language_team=f"{lang or 'en'}")


def _save(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    out = io.BytesIO()
    write_po(out, catalog, width=0, no_location=True, include_lineno=False)
    path.write_bytes(out.getvalue())


def _find(catalog: Catalog, key: str):  # noqa: ANN202 - a babel Message or None
    return next((m for m in catalog if m.id and m.context == key), None)


def write_entries(sentences: Iterable[tuple[str, Mapping[str, Any]]], domain: str,
                  locale_dir: Path) -> dict[str, str]:
    """Add or update entries {key: {en, sk}} in a domain; returns what happened per key.

    A sentence is a string, or a tuple of plural forms (English 2, Slovak 3).

    A key already held by another domain's files is updated there, so each key stays in one domain."""
    doc: dict[tuple[str, str], Catalog] = {}

    def catalog(lang: str | None, dom: str) -> Catalog:
        if (lang or "pot", dom) not in doc:
            path = _path(locale_dir, lang, dom)
            doc[(lang or "pot", dom)] = _open(path, lang, dom)
        return doc[(lang or "pot", dom)]

    owners = {}
    for path in sorted(locale_dir.glob("en/LC_MESSAGES/*.po")):
        for m in catalog("en", path.stem):
            if m.id and m.context:
                owners[m.context] = path.stem
    done: dict[str, str] = {}
    for key, words in sentences:
        dom = owners.get(key, domain)
        old = _find(catalog("en", dom), key)
        if old is not None and old.string == words["en"] and (
                (_find(catalog("sk", dom), key) or old).string == words["sk"]):
            done[key] = "unchanged"
            continue
        done[key] = "updated" if old is not None else "added"
        for lang in (*LANGS, None):
            cat = catalog(lang, dom)
            previous = _find(cat, key)
            if previous is not None:
                cat.delete(previous.id, context=key)
            plural = isinstance(words["en"], tuple)
            msgid = tuple(words["en"][:2]) if plural else words["en"]
            if lang is None:
                string = ("", "") if plural else ""
            else:
                string = tuple(words[lang]) if plural else words[lang]
            cat.add(msgid, string, context=key)
        owners[key] = dom
    for (lang, dom), cat in doc.items():
        _save(cat, _path(locale_dir, None if lang == "pot" else lang, dom))
    return done


def _path(locale_dir: Path, lang: str | None, domain: str) -> Path:
    if lang is None:
        return locale_dir / f"{domain}.pot"
    return locale_dir / lang / "LC_MESSAGES" / f"{domain}.po"


def without_section(yaml_text: str, section: str) -> str:
    """The text of a YAML file with one top-level section (its key line and indented lines) removed."""
    out, skipping = [], False
    for line in yaml_text.splitlines(keepends=True):
        top = line[:1] not in (" ", "\t", "\n", "\r", "#", "") and not line.startswith("-")
        if top:
            skipping = line.split(":", 1)[0].strip() == section
        if not skipping:
            out.append(line)
    return "".join(out)
