"""Phrases recorded below (a catalogue key and placeholder values) written in a language when shown."""

from __future__ import annotations

from typing import Any

from ..core.phrases import Phrase
from .catalogue import text


def phrase_text(found: Phrase | Any, lang: str) -> str:
    """The words of a phrase in a language (its catalogue entry, placeholders in Babel formats; a
    placeholder that is itself a phrase is written first); anything else as its text."""
    if not isinstance(found, Phrase):
        return str(found)
    if not found.key:  # English-only words handed to core by an older caller
        return found.english
    values = {name: phrase_text(v, lang) if isinstance(v, Phrase) else v for name, v in found.values}
    return text(found.key, lang, **values) if values else text(found.key, lang)

