"""The command line's own words under --labels en|sk: argparse's usage errors, file system errors,
interruption and termination, each one catalogue sentence (cli.usage.*, cli.os.*); under
--labels codes (the default) today's English output, which scripts and tests rely on.

argparse's messages are recognised by their English shape (Python's argparse is not translated
here); a message of another shape is quoted whole inside a catalogue sentence.
"""

from __future__ import annotations

import argparse
import errno
import re
import signal
import sys
from collections.abc import Sequence
from typing import NoReturn

from ..errors import visible
from ..labels import LANGUAGES, ui_text
from ..words.errors import quoted

LABELS_FLAG = "--labels"
OS_ERRORS = ("ENOENT", "EACCES", "EISDIR", "ENOTDIR", "ENOSPC", "EEXIST", "EROFS")
"""errno names with their own sentence (cli.os.<name>); EPERM reads as EACCES."""
_SAME_AS = {"EPERM": "EACCES"}


def argv_language(argv: Sequence[str] | None) -> str:
    """The language the command line asks for with --labels (`--labels sk`, `--labels=sk`), "codes"
    when none or an unknown one is given (the last one given wins, as argparse reads it)."""
    found = "codes"
    words = list(sys.argv[1:] if argv is None else argv)
    for i, word in enumerate(words):
        if word == "--":
            break
        value = words[i + 1] if word == LABELS_FLAG and i + 1 < len(words) else (
            word.partition("=")[2] if word.startswith(LABELS_FLAG + "=") else None)
        if value is not None:
            found = value if value in LANGUAGES else found
    return found


def _people(lang: str) -> bool:
    return lang in ("en", "sk")


def _repr_value(text: str) -> str:
    """A value argparse showed with repr ('x'), as typed."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


LISTED = 20
"""At most this many flags or values are named in one message (a hostile command line can be long)."""


def _list(items: Sequence[str], lang: str) -> str:
    shown = [quoted(item, lang) for item in items[:LISTED] if item]
    return ", ".join(shown) + (", …" if len(items) > LISTED else "")


_ARGUMENT = re.compile(r"^argument (?P<flag>[^:]+): (?P<message>.*)$", re.S)
_ARGUMENT_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)$", re.S),
     "cli.usage.invalid_choice"),
    (re.compile(r"^expected one argument$"), "cli.usage.expected_one"),
    (re.compile(r"^expected at most one argument$"), "cli.usage.expected_at_most_one"),
    (re.compile(r"^expected at least one argument$"), "cli.usage.expected_at_least_one"),
    (re.compile(r"^expected (?P<count>\d+) arguments?$"), "cli.usage.expected_n"),
    (re.compile(r"^invalid int value: (?P<value>.*)$", re.S), "cli.usage.invalid_int"),
    (re.compile(r"^invalid \S+ value: (?P<value>.*)$", re.S), "cli.usage.invalid_value"),
    (re.compile(r"^not allowed with argument (?P<other>.*)$"), "cli.usage.not_allowed_with"),
    (re.compile(r"^ignored explicit argument (?P<value>.*)$", re.S), "cli.usage.ignored_explicit"),
    (re.compile(r"^(?P<value>.*) ends in a slash, so it names a folder: give a file name, e\.g\. "
                r"(?P<example>\S+)$", re.S), "cli.usage.out_folder"),
    (re.compile(r"^an empty file name: give a file name, e\.g\. (?P<example>\S+)$"), "cli.usage.out_empty"),
)
_PLAIN_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^the following arguments are required: (?P<flags>.*)$", re.S), "cli.usage.required"),
    (re.compile(r"^unrecognized arguments: (?P<arguments>.*)$", re.S), "cli.usage.unrecognized"),
    (re.compile(r"^one of the arguments (?P<flags>.*) is required$", re.S), "cli.usage.one_required"),
    (re.compile(r"^ambiguous option: (?P<option>\S+) could match (?P<matches>.*)$", re.S),
     "cli.usage.ambiguous"),
)


def usage_error_words(message: str, lang: str) -> str:
    """argparse's English message of a usage error as one catalogue sentence of `lang` (en, sk):
    its flags and values as typed (in „…“ in Slovak); a message of a shape not known here is
    quoted whole."""
    found = _ARGUMENT.match(message)
    if found:
        flag, inner = found["flag"], found["message"]
        for shape, key in _ARGUMENT_SHAPES:
            match = shape.match(inner)
            if match:
                return ui_text(key, lang, flag=quoted(flag, lang), **_argument_values(match, lang))
        return ui_text("cli.usage.argument_other", lang, flag=quoted(flag, lang),
                       message=_quote_words(inner, lang))
    for shape, key in _PLAIN_SHAPES:
        match = shape.match(message)
        if match:
            return ui_text(key, lang, **_plain_values(match, lang))
    return ui_text("cli.usage.other", lang, message=_quote_words(message, lang))


def _argument_values(match: re.Match[str], lang: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, text in match.groupdict().items():
        if name == "choices":
            values[name] = _list([_repr_value(c) for c in text.split(", ")], lang)
        elif name == "count":
            values[name] = text
        elif name == "other":
            values[name] = quoted(text, lang)
        else:
            values[name] = quoted(_repr_value(text), lang)
    return values


def _plain_values(match: re.Match[str], lang: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, text in match.groupdict().items():
        if name == "arguments":
            values[name] = _list(text.split(" "), lang)
        elif name == "matches":
            values[name] = _list(text.split(", "), lang)
        elif name == "flags":
            values[name] = _list(re.split(r", | ", text), lang)
        else:
            values[name] = quoted(text, lang)
    return values


def _quote_words(text: str, lang: str) -> str:
    """Words the program did not write itself: in Slovak quoted („…“), in English as they are."""
    return quoted(text, lang) if lang == "sk" else visible(text)


def help_language(where: object) -> str:
    """The language of --help: en or sk as --labels asks (a parser's or group's words_lang, or the
    language itself), English otherwise."""
    lang = where if isinstance(where, str) or where is None else getattr(where, "words_lang", None)
    return lang if lang in ("en", "sk") else "en"


def said(where: object, key: str, **placeholders: object) -> str:
    """A text of --help (catalogue cli.help.<key>) in the language of `where` (a parser, a group, a
    language, None for English); an argument's or command's help with "%" doubled, as argparse
    formats those with %."""
    words = ui_text(f"cli.help.{key}", help_language(where), **placeholders)
    if key.startswith(("arg.", "command.")) and not key.endswith(".description"):
        return words.replace("%", "%%")
    return words


def argument_group(parser: argparse.ArgumentParser, key: str) -> argparse._ArgumentGroup:
    """A titled group of arguments (title: catalogue cli.help.group.<key>) that remembers the
    parser's language, so the help of its arguments is worded in it."""
    group = parser.add_argument_group(said(parser, f"group.{key}"))
    group.words_lang = getattr(parser, "words_lang", "codes")  # type: ignore[attr-defined]
    return group


def worded_formatter(base: type[argparse.HelpFormatter], lang: str) -> type[argparse.HelpFormatter]:
    """A help formatter class like `base` whose usage line starts with the catalogue's "usage: "."""
    prefix = said(lang, "usage_prefix")

    class Worded(base):  # type: ignore[valid-type, misc]
        usage_prefix = prefix

        def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001, ANN202
            return super().add_usage(usage, actions, groups, self.usage_prefix if prefix is None else prefix)

    Worded.__name__ = Worded.__qualname__ = f"Worded{base.__name__}"
    return Worded


class WordedParser(argparse.ArgumentParser):
    """The project's ArgumentParser: usage errors and --help in the language the command line asks
    for with --labels en|sk (exit code 2 as always); the help's own words (titles, "usage:") from
    the catalogue too, English unless --labels sk."""

    def __init__(self, *args: object, words_lang: str = "codes", **kwargs: object) -> None:
        """`words_lang`: the language of usage errors and help (argv_language of the command line)."""
        formatter = kwargs.pop("formatter_class", argparse.HelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, formatter_class=worded_formatter(formatter, words_lang),  # type: ignore[arg-type]
                         add_help=False, **kwargs)
        self.words_lang = words_lang
        self._positionals.title = said(words_lang, "positionals")
        self._optionals.title = said(words_lang, "options")
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help=said(words_lang, "help"))

    def error(self, message: str) -> NoReturn:
        """Print the usage and one sentence saying what is wrong, exit with code 2."""
        if not _people(self.words_lang):
            super().error(message)
        self.print_usage(sys.stderr)
        said = usage_error_words(message, self.words_lang)
        self.exit(2, ui_text("cli.error", self.words_lang, prog=self.prog, message=visible(said)) + "\n")


def os_error_words(exc: OSError, lang: str) -> str:
    """A file system error as one catalogue sentence of `lang` (en, sk) naming the file: common
    cases (no such file, no permission, a folder, no space, exists) in their own words, any
    other with the system's words quoted."""
    name = _SAME_AS.get(errno.errorcode.get(exc.errno or -1, ""), errno.errorcode.get(exc.errno or -1, ""))
    file = quoted(str(exc.filename), lang) if exc.filename is not None else None
    if file is not None and name in OS_ERRORS:
        return ui_text(f"cli.os.{name}", lang, file=file)
    reason = _quote_words(exc.strerror or str(exc), lang)
    if file is not None:
        return ui_text("cli.os.other_file", lang, file=file, reason=reason)
    return ui_text("cli.os.other", lang, reason=reason)


def interrupted_words(prog: str, lang: str) -> str:
    """The line printed on Ctrl-C: codes `PROG: interrupted` (today's), en/sk a catalogue sentence."""
    return ui_text("cli.interrupted", lang, prog=prog) if _people(lang) else f"{prog}: interrupted"


def terminated_words(prog: str, signum: int, lang: str, english: str) -> str:
    """The line printed when a signal ends the run: codes `PROG: <english>` (today's), en/sk a
    catalogue sentence naming the signal."""
    if not _people(lang):
        return f"{prog}: {english}"
    return ui_text("cli.terminated", lang, prog=prog, signal=quoted(signal.Signals(signum).name, lang))
