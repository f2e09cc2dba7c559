"""A view's state as a URL query string: a registry of fields, each a query key with a getter, a setter
and a codec (parse and show).

No widgets here: the codecs and `encode`/`decode` are pure functions, and a field's getter and
setter are plain callables, so a new piece of state (say `lang`, or `reading.<name>`) is one
`ViewState.add(...)` line next to its control. A link carries only the values that differ from
the view's defaults; unknown keys and bad values give one-line messages, never an exception.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from ..core.columns import FLAG_WORDS, one_of
from ..core.phrases import Phrase, phrase
from ..errors import ExplorerError, visible
from ..labels import ui_text
from ..words import phrase_text
from ..words.formats import fill
from .errors import message_for, without_frames

# Query keys Voila reads itself (template, theme): never used for the view's state.
RESERVED_KEYS = frozenset({"template", "theme"})
MAX_LINK_KEYS = 200
"""Most keys a link may carry (a full view has well under a hundred): a longer link is not used."""
SHOWN_CHARS = 60
"""Longest key or value echoed in a message; a longer one is cut and its length given."""


@dataclass(frozen=True)
class Codec:
    """How one kind of value is written in a link (`show`) and read back (`parse`, ValueError if bad)."""

    parse: Callable[[str], Any]
    show: Callable[[Any], str]
    allowed: str | Phrase  # a catalogue phrase: written in the link message's language


def _parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text.strip())


def _show_date(value: Any) -> str:
    return value.isoformat() if value is not None else ""


DATE = Codec(_parse_date, _show_date, phrase("allowed.link_date", "a date YYYY-MM-DD"))


def _parse_int(text: str) -> int:
    return int(text.strip())


INTEGER = Codec(_parse_int, lambda v: str(int(v)), phrase("allowed.link_integer", "a whole number"))


def _parse_number(text: str) -> float:
    value = float(text.strip())
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


NUMBER = Codec(_parse_number, lambda v: f"{float(v):g}", phrase("allowed.link_number", "a number"))
def _parse_flag(text: str) -> bool:
    word = text.strip().lower()
    if word not in FLAG_WORDS:
        raise ValueError("not yes or no")
    return FLAG_WORDS[word]


def widget_setter(widget: Any) -> Callable[[Any], None]:
    """A link field's setter: the widget takes the value the link gives."""
    return lambda value: setattr(widget, "value", value)


FLAG = Codec(_parse_flag, lambda v: "yes" if v else "no", phrase("allowed.link_flag", "yes or no"))
TEXT = Codec(lambda text: text, str, phrase("allowed.link_text", "any text"))


def choice(options: Iterable[str]) -> Codec:
    """A codec for one of a fixed list of words."""
    allowed = tuple(str(o) for o in options)

    def parse(text: str) -> str:
        if text not in allowed:
            raise ValueError("not one of the choices")
        return text

    return Codec(parse, str, one_of(allowed))


def encode(values: Mapping[str, str | None], defaults: Mapping[str, str | None]) -> str:
    """The query string of the values that differ from their defaults (None: left out), in key order."""
    pairs = [(k, v) for k, v in values.items() if v is not None and v != defaults.get(k)]
    return urlencode(pairs, safe=",:")


Said = Callable[[str], str]
"""A message kept as what says it, not as its text: called with a language, it gives the sentence
in that language (the page says it in its language in force, and again after a switch)."""


def read_link(query: str | None, codecs: Mapping[str, Codec],
              defaults: Mapping[str, str | None]) -> tuple[dict[str, Any], list[Said]]:
    """Parsed values of a query string by key, and one message per unknown, repeated or bad key,
    each kept to be said in any language (a link of more than MAX_LINK_KEYS keys: one message,
    nothing used)."""
    query = (query or "").lstrip("?")
    count = query.count("&") + 1 if query else 0
    if count > MAX_LINK_KEYS:
        return {}, [functools.partial(_sentence, "link.too_many", count=count, limit=MAX_LINK_KEYS)]
    values: dict[str, Any] = {}
    said: list[Said] = []
    pairs = parse_qsl(query, keep_blank_values=True)
    seen: dict[str, int] = {}
    for key, _text in pairs:
        seen[key] = seen.get(key, 0) + 1
    for key, times in seen.items():
        if times > 1 and key in codecs:
            said.append(functools.partial(_sentence, "link.repeated", key=shown_text(key), count=times))
    for key, text in pairs:
        if key in RESERVED_KEYS:
            continue
        if key not in codecs:
            if len(key) > SHOWN_CHARS:
                said.append(functools.partial(_sentence, "link.unknown_long", key=shown_text(key),
                                              length=len(key)))
            else:
                said.append(functools.partial(_sentence, "link.unknown", key=shown_text(key)))
            continue
        try:
            values[key] = codecs[key].parse(text)
        except (ValueError, TypeError):
            values.pop(key, None)  # a repeated key: its bad last value does not keep an earlier one
            said.append(functools.partial(_bad_value_said, key, text, codecs[key].allowed, defaults.get(key)))
    return values, said


def link_language(query: str | None, codecs: Mapping[str, Codec]) -> str | None:
    """The language a link asks for (its last valid `lang`), None when it asks for none."""
    if "lang" not in codecs:
        return None
    asked = None
    for key, text in parse_qsl((query or "").lstrip("?"), keep_blank_values=True):
        if key == "lang":
            try:
                asked = codecs[key].parse(text)
            except (ValueError, TypeError):
                pass
    return asked


def decode(query: str | None, codecs: Mapping[str, Codec], defaults: Mapping[str, str | None],
           lang: str = "en") -> tuple[dict[str, Any], list[str]]:
    """Parsed values of a query string by key, and one message line per unknown, repeated or bad key,
    in the language the link asks for (else `lang`): the language its page will show. The dashboard
    keeps the messages unsaid instead (read_link) and says them in the page's language in force."""
    values, said = read_link(query, codecs, defaults)
    lang = link_language(query, codecs) or lang
    return values, [s(lang) for s in said]


def _sentence(entry: str, lang: str, **values: Any) -> str:
    """One catalogue sentence of a link message, its placeholders (one is `key`) in the language's formats."""
    return fill(ui_text(entry, lang), lang, **values)


def _bad_value_said(key: str, text: str, allowed: str | Phrase, default: str | None, lang: str) -> str:
    return bad_value_message(key, text, allowed, default, lang)


def _refused_said(key: str, text: str, allowed: str | Phrase, exc: BaseException, default: str | None,
                  lang: str) -> str:
    """A value a control refused: what the link allows and the control's reason, in `lang`."""
    return bad_value_message(key, text, f"{phrase_text(allowed, lang)} ({_reason(exc, lang)})", default, lang)


def _reason(exc: BaseException, lang: str) -> str:
    """Why a control refused a link's value: the first line of its message in English; in another
    language an ExplorerError's catalogue sentence, any other message quoted („…“)."""
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    if lang == "en":
        return first
    return message_for(exc, lang) if isinstance(exc, ExplorerError) else f"„{first}“"


def shown_text(text: str) -> str:
    """A key or value as the link holds it, for a message that quotes it in the language's marks:
    control characters written as escapes (\\x1b), cut to SHOWN_CHARS characters."""
    return visible(text) if len(text) <= SHOWN_CHARS else visible(text[:SHOWN_CHARS]) + "…"


def bad_value_message(key: str, text: str, allowed: str | Phrase, default: str | None,
                      lang: str = "en") -> str:
    """One line naming the parameter, the bad value (cut, with its length, when long), what is
    allowed (a phrase: in `lang`) and the default used instead."""
    allowed = phrase_text(allowed, lang)
    if len(text) > SHOWN_CHARS:
        return _sentence("link.long_value", lang, key=key, value=shown_text(text), length=len(text),
                         allowed=allowed)
    if default in (None, ""):
        return _sentence("link.bad_value_no_default", lang, key=key, value=shown_text(text), allowed=allowed)
    return _sentence("link.bad_value", lang, key=key, value=shown_text(text), allowed=allowed,
                     default=default)


@dataclass(frozen=True)
class Field:
    """One piece of state: its query key, how to read and set it, its codec, and what to watch.

    `get()` returns None when the field is not part of the view (e.g. no person picked);
    `watch` lists (object with .observe, trait name) pairs whose changes change the link."""

    key: str
    get: Callable[[], Any]
    set: Callable[[Any], None]
    codec: Codec
    watch: tuple[tuple[Any, str], ...] = ()


class ViewState:
    """The registry: `add` fields, `freeze_defaults()`, then `query()` writes and `apply(q)` restores."""

    def __init__(self) -> None:
        self.fields: dict[str, Field] = {}
        self.defaults: dict[str, str | None] = {}

    def add(self, key: str, get: Callable[[], Any], set: Callable[[Any], None], codec: Codec,
            watch: Sequence[tuple[Any, str]] = ()) -> None:
        """Register a field (registration order is the order `apply` sets them)."""
        if key in RESERVED_KEYS or key in self.fields:
            raise ValueError(f"query key {key!r} is reserved or already registered")
        self.fields[key] = Field(key, get, set, codec, tuple(watch))

    def add_value(self, key: str, widget: Any, codec: Codec) -> None:
        """Register a control whose `.value` is the state (the common case: one line per control)."""
        self.add(key, lambda: widget.value, lambda v: setattr(widget, "value", v), codec,
                 watch=[(widget, "value")])

    def shown(self) -> dict[str, str | None]:
        """Every field's current value as link text (None where the field is not part of the view)."""
        out: dict[str, str | None] = {}
        for key, f in self.fields.items():
            try:
                value = f.get()
            except Exception:  # noqa: BLE001 - a control mid-edit must not break the link
                value = None
            out[key] = None if value is None else f.codec.show(value)
        return out

    def freeze_defaults(self) -> None:
        """Take the current values as the defaults (a link carries only what differs from them)."""
        self.defaults = self.shown()

    def query(self) -> str:
        """The query string of the current view."""
        return encode(self.shown(), self.defaults)

    def apply(self, query: str | None, lang: str = "en") -> list[str]:
        """Set every field the query names (in registration order); messages for what was not used,
        in the language the link asks for (else `lang`)."""
        said = self.restore(query)
        lang = link_language(query, {k: f.codec for k, f in self.fields.items()}) or lang
        return [s(lang) for s in said]

    def restore(self, query: str | None) -> list[Said]:
        """Set every field the query names (in registration order); what was not used, as messages
        kept to be said in the page's language in force (and again after a language switch)."""
        values, said = read_link(query, {k: f.codec for k, f in self.fields.items()}, self.defaults)
        for key, f in self.fields.items():
            if key not in values:
                continue
            try:
                f.set(values[key])
            except Exception as exc:  # noqa: BLE001 - a bad link gives a message, never a traceback
                said.append(functools.partial(_refused_said, key, f.codec.show(values[key]), f.codec.allowed,
                                              without_frames(exc), self.defaults.get(key)))
        return said

    def observe(self, callback: Callable[[], None]) -> None:
        """Call `callback()` whenever a watched trait of any field changes."""
        for f in self.fields.values():
            for obj, trait in f.watch:
                obj.observe(lambda _change: callback(), names=trait)
