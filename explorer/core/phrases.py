"""Phrases: a sentence recorded as a catalogue key and its placeholder values, not as text.

Where a problem is found (core, which may not read the catalogues) it is recorded as a
Phrase; the words are written only when shown, in the language in force, by
`explorer.words.phrase_text` (the catalogue entry of the key, placeholders in Babel formats).
A placeholder may itself be a Phrase (a reason and what is allowed).  `english` keeps the
English words for the English-only messages of ExplorerError raised inside core; a test pins it
to the catalogue's English entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


def one_of_codes(codes: Iterable[str]) -> Phrase:
    """What a choice among labelled codes may be (a reading's values, the readings, the parameters):
    worded as the labels on the page, as "one of the codes" on the command line; its English words
    are today's ("one of a, b"), kept by ExplorerError.describe()."""
    choices = ", ".join(str(c) for c in codes)
    return phrase("allowed.codes", f"one of {choices}", choices=choices)


def some_of(codes: Iterable[Any]) -> Phrase:
    """What a list of values may hold: "one or more of a, b" (the values as they are typed)."""
    choices = ", ".join(str(c) for c in codes)
    return phrase("allowed.some_of", f"one or more of {choices}", choices=choices)


def choice_of(codes: Iterable[Any]) -> Phrase:
    """What a typed value may be: "one of a, b" (the values as they are typed; catalogue allowed.choice)."""
    choices = ", ".join(str(c) for c in codes)
    return phrase("allowed.choice", f"one of {choices}", choices=choices)


def said(key: str, english: str) -> Phrase:
    """A phrase without placeholders: a catalogue key and its English words."""
    return phrase(key, english)


def detail(exc: BaseException | str) -> Phrase:
    """A library's or the system's own words about a failure (a YAML parser, the file system),
    quoted as they are: no catalogue can say them in another language.  A PhrasedValueError or
    PhrasedTypeError gives its own phrase."""
    found = getattr(exc, "phrase", None)
    if isinstance(found, Phrase):
        return found
    words = " ".join(str(getattr(exc, "strerror", None) or exc).split())
    return phrase("error.problem.detail", words, detail=words)


MISSING = phrase("error.problem.missing", "missing")
NON_EMPTY = phrase("allowed.non_empty_value", "a non-empty value")
VALUE_ENTRY = phrase("allowed.value_entry", "a mapping with value (and since)")
OUT_OF_RANGE = phrase("error.problem.out_of_range", "out of range")
UNKNOWN_KEY = phrase("error.problem.unknown_key", "unknown key")
MISSING_KEY = phrase("error.problem.missing_key", "missing key")
WRONG_TYPE = phrase("error.problem.wrong_type", "wrong type")
FILE_EXISTS = phrase("error.problem.file_exists", "file exists")
UNKNOWN_LANGUAGE = phrase("error.problem.unknown_language", "unknown language")
LANGUAGES_ALLOWED = phrase("allowed.languages", "en (English) or sk (Slovak)")
A_MAPPING = phrase("allowed.mapping", "a mapping")
"""Phrases that recur across the package's errors: one catalogue entry each."""
A_DATAFRAME = phrase("allowed.dataframe", "a pandas DataFrame")
SECOND_NOT_AFTER = phrase("error.problem.second_not_after_first", "second application on or before the first")


def second_after_first(first: str) -> Phrase:
    """What a second application's day may be (path a): a day after the first application's."""
    return phrase(
        "allowed.second_after_first",
        f"a day after application_date ({first}) on rows taking option a",
        day=first,
    )


class PhrasedTypeError(TypeError):
    """A TypeError whose reason is a catalogue phrase (see PhrasedValueError)."""

    def __init__(self, found: Phrase) -> None:
        super().__init__(found.english)
        self.phrase = found


def expected(key: str, what: str, value: Any) -> Phrase:
    """A value of the wrong type: "expected <what>, got <type>" (one catalogue entry per <what>)."""
    kind = type(value).__name__
    return phrase(key, f"expected {what}, got {kind}", kind=kind)
