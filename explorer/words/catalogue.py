"""The message catalogues: every sentence a person reads, whole, in English and Slovak.

gettext catalogues managed with Babel live in data/locale/<lang>/LC_MESSAGES/<domain>.po
(templates in data/locale/<domain>.pot).  Each entry's msgctxt is a stable key, its msgid
the English sentence and the Slovak msgstr its translation; counts use plural forms (Slovak
has three).  Every domain found is merged (a key is declared in one domain only), read once
per process at run time with babel.messages.pofile: no build step.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from ..core.datafiles import data_path
from ..core.phrases import LANGUAGES_ALLOWED, UNKNOWN_LANGUAGE, detail, phrase
from ..errors import ExplorerError, ParameterFileError
from .formats import fill

LOCALE_DIR = data_path("locale")
LANGS: tuple[str, ...] = ("en", "sk")
DOMAINS: tuple[str, ...] = ("explorer", "interface")
"""The domains this project writes: "explorer" (rules, explanation) and "interface" (surfaces)."""


@dataclass(frozen=True)
class Entry:
    """One catalogue entry: its key, domain and forms by language (one form, or plural forms)."""

    key: str
    domain: str
    forms: Mapping[str, tuple[str, ...]]
    plural: bool


@dataclass(frozen=True)
class _Catalogues:
    entries: Mapping[str, Entry]
    plural_rules: Mapping[str, Callable[[int], int]]


def po_path(lang: str, domain: str) -> Path:
    """Where the catalogue of a language and domain lives."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def pot_path(domain: str) -> Path:
    """Where a domain's template (English msgids, no translations) lives."""
    return LOCALE_DIR / f"{domain}.pot"


def read_catalogue(path: Path, lang: str) -> Catalog:
    """A .po file as a Babel Catalog (a clear error naming the file when it cannot be read)."""
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=lang, abort_invalid=True)
    except Exception as exc:  # noqa: BLE001 - any parse failure is reported with the file named
        raise ParameterFileError(
            "file",
            str(path),
            phrase("allowed.po_file", "a readable gettext catalogue (.po)"),
            problem=detail(exc),
        ) from None


def _domains() -> list[str]:
    found = {p.stem for lang in LANGS for p in (LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")}
    return sorted(found)


@lru_cache(maxsize=1)
def _catalogues() -> _Catalogues:
    """Every entry of every domain, read once per process."""
    entries: dict[str, Entry] = {}
    rules: dict[str, Callable[[int], int]] = {}
    for domain in _domains():
        forms: dict[str, dict[str, tuple[str, ...]]] = {}
        plural: dict[str, bool] = {}
        for lang in LANGS:
            path = po_path(lang, domain)
            if not path.exists():
                continue
            catalog = read_catalogue(path, lang)
            rules.setdefault(lang, gettext.c2py(catalog.plural_expr))
            for message in catalog:
                if not message.id:
                    continue  # the header
                if not message.context:
                    raise ParameterFileError(
                        "msgctxt",
                        message.id,
                        phrase("allowed.msgctxt_key", "a stable key as msgctxt on every entry"),
                        source=str(path),
                    )
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                chosen = tuple(str(s) for s in strings) if all(strings) else ()
                if lang == "en" and not chosen:
                    chosen = tuple(str(i) for i in ids)
                if chosen:
                    forms.setdefault(message.context, {})[lang] = chosen
                    plural[message.context] = isinstance(message.id, tuple)
        for key, by_lang in forms.items():
            if key in entries:
                other = entries[key].domain
                raise ParameterFileError(
                    "msgctxt",
                    key,
                    phrase("allowed.key_in_one_domain", "each key in one domain only"),
                    source=str(po_path("en", domain)),
                    problem=phrase("error.problem.also_in_domain", f"also in domain {other}", domain=other),
                )
            entries[key] = Entry(key, domain, by_lang, plural[key])
    return _Catalogues(entries, rules)


def entries() -> Mapping[str, Entry]:
    """Every catalogue entry by key."""
    return _catalogues().entries


def has(key: str) -> bool:
    """Whether the catalogues hold a key."""
    return key in _catalogues().entries


def plural_index(n: int, lang: str) -> int:
    """Which plural form a count takes in a language (Slovak: 1 / 2-4 / 5 and more)."""
    return _catalogues().plural_rules[lang](abs(int(n)))


def template(key: str, lang: str, n: int | None = None) -> str:
    """The raw sentence of a key (placeholders unfilled); the plural form for n when it has forms."""
    lang = "en" if lang == "codes" else lang
    if lang not in LANGS:
        raise ExplorerError("language", lang, LANGUAGES_ALLOWED, problem=UNKNOWN_LANGUAGE)
    found = _catalogues().entries.get(key) if isinstance(key, str) else None
    if found is None:
        raise ExplorerError(
            "key",
            key,
            phrase("allowed.msgctxt_of_catalogues", "a key (msgctxt) of the catalogues in data/locale"),
            problem=phrase("error.problem.no_such_sentence", "no such sentence"),
        )
    forms = found.forms.get(lang) or found.forms["en"]
    if lang not in found.forms:
        lang = "en"
    if not found.plural:
        return forms[0]
    if n is None:
        raise ExplorerError(
            "n",
            None,
            phrase("allowed.plural_count", "a count choosing the plural form"),
            problem=phrase("error.problem.has_plural_forms", f"{key} has plural forms", key=key),
        )
    return forms[min(plural_index(n, lang), len(forms) - 1)]


def text(key: str, lang: str, **placeholders: Any) -> str:
    """A whole sentence in a language with its placeholders filled in the language's formats.

    Without placeholders the raw sentence comes back (callers may still fill it); a sentence
    with plural forms takes its count from the placeholder `n`."""
    raw = template(key, lang, placeholders.get("n"))
    return fill(raw, lang, **placeholders) if placeholders else raw


def ngettext(key: str, n: int, lang: str, **placeholders: Any) -> str:
    """The plural form of a key's sentence for a count n, filled (n is also the placeholder {n})."""
    return text(key, lang, n=n, **placeholders)


def text_or_english(key: str, english: str, lang: str) -> str:
    """The catalogue's sentence for a text held in data/ (a reading's case, a parameter's unit) when
    the catalogue has it for this very English text, else the English (the data changed since the
    entry was written: better English than a stale sentence)."""
    if not has(key) or template(key, "en") != english:
        return english
    return text(key, lang)
