"""Slovak spell check for tests: Debian's hunspell-sk dictionary read by spylls (pure Python).

Quotations of the English guidance („…“, “…”, "…"), placeholders, commands, file names and
column codes are left out; a small allowlist holds proper names and the offices' own terms.
"""

from __future__ import annotations

import os
import re
from functools import cache, lru_cache
from pathlib import Path

DICTIONARY = Path(os.environ.get("HUNSPELL_SK", "/usr/share/hunspell/sk_SK"))
ALLOWED = {
    # names and terms of the guidance and the offices
    "BOK", "EÚ", "SR", "eKolok", "eKolky", "eKolkov", "eKolkami", "eKolkom", "eKolku", "vizum", "sk",
    "pobytový", "Pobytový", "pobytového", "pobytovému", "pobytovým", "pobytovom",
    # formats and programs a reader downloads or types
    "CSV", "Parquet", "PDF", "HTML", "Excel", "MB", "ics", "xlsx", "Enter", "online", "Online", "JupyterLab",
    "YAML", "UTF", "Dask", "Chromium", "pandas", "gettext", "Debian",
}
_LEFT_OUT = re.compile(
    r"„[^“]*“|“[^”]*”|\"[^\"]*\"|\{[^}]*\}"  # quotations and placeholders
    r"|explorer\s[^)]*"  # a command line to type
    r"|\S*[/_]\S*"  # paths and column codes
)
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _dictionary():  # noqa: ANN202 - a spylls Dictionary
    from spylls.hunspell import Dictionary
    return Dictionary.from_files(str(DICTIONARY))


@cache
def _known(word: str) -> bool:
    return word in ALLOWED or _dictionary().lookup(word)


def misspelled(text: str) -> list[str]:
    """The words of a Slovak text the dictionary does not know (quotations and codes left out)."""
    return sorted({w for w in _WORD.findall(_LEFT_OUT.sub(" ", text)) if not _known(w)})


def available() -> bool:
    """Whether the Slovak dictionary is installed (scripts/ensure-hunspell-sk.sh installs it)."""
    return DICTIONARY.with_suffix(".dic").exists()
