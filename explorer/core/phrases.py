"""Phrases: a sentence recorded as a catalogue key and its placeholder values, not as text.

Where a problem is found (core, which may not read the catalogues) it is recorded as a
Phrase; the words are written only when shown, in the language in force, by
`explorer.words.phrase_text` (the catalogue entry of the key, placeholders in Babel formats).
A placeholder may itself be a Phrase (a reason and what is allowed).  `english` keeps the
English words for the English-only messages of ExplorerError raised inside core; a test pins it
to the catalogue's English entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Phrase:
    """A catalogue key with its placeholder values (and its English words for core's errors)."""

    key: str
    values: tuple[tuple[str, Any], ...] = ()
    english: str = ""

    @property
    def placeholders(self) -> Mapping[str, Any]:
        """The placeholder values by name."""
        return dict(self.values)

    def __str__(self) -> str:
        return self.english


def phrase(key: str, english: str, **values: Any) -> Phrase:
    """A Phrase of a key with named placeholder values; `english` its English words."""
    return Phrase(key, tuple(sorted(values.items())), english)


class PhrasedValueError(ValueError):
    """A ValueError whose reason is a catalogue phrase: str() gives its English words (as before),
    `phrase` the phrase a caller passes on to ExplorerError for the page's language."""

    def __init__(self, found: Phrase) -> None:
        super().__init__(found.english)
        self.phrase = found
