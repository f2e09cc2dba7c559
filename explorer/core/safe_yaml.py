"""The one way the explorer reads YAML: safe tags only, a size limit, bounded aliases and nesting.

A "billion laughs" file (aliases of aliases) is tiny on disk and huge once expanded; it is
refused before any value is built, as are files over MAX_YAML_BYTES and nesting deeper than
MAX_YAML_DEPTH.  Every refusal is a ParameterFileError naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import ParameterFileError
from .limits import MAX_YAML_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES
from .phrases import Phrase, detail, phrase

TOO_BIG = phrase("error.problem.file_too_big", "file too big")

_NOT_YAML_TEXT = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML does not allow in a file (control characters such as NUL, BEL or ESC)."""


class _TooDeep(Exception):
    """Nesting beyond MAX_YAML_DEPTH (raised while composing)."""


class _Twice(Exception):
    """A key given twice in one mapping (raised while constructing): the later would silently win."""

    def __init__(self, keys: list[str], line: int) -> None:
        super().__init__(", ".join(keys))
        self.keys, self.line = keys, line


class _Loader(yaml.SafeLoader):
    """SafeLoader that counts the nesting depth while composing nodes and refuses a key given twice
    in one mapping (each fact is declared once: a second value would silently replace the first)."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self.depth += 1
        try:
            if self.depth > MAX_YAML_DEPTH:
                raise _TooDeep
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _each_key_once(loader: _Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    twice: list[str] = []
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        try:
            if key in seen:
                twice.append(str(key))
            seen.add(key)
        except TypeError:  # an unhashable key: construct_mapping refuses it with YAML's own words
            pass
    if twice:
        raise _Twice(sorted(set(twice)), node.start_mark.line + 1)
    return loader.construct_mapping(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _each_key_once)


FILE_KINDS = {
    "a YAML file": phrase("file_kind.yaml", "a YAML file"),
    "a parameters YAML file": phrase("file_kind.parameters", "a parameters YAML file"),
    "a reform YAML file": phrase("file_kind.reform", "a reform YAML file"),
    "an assumptions YAML file": phrase("file_kind.assumptions", "an assumptions YAML file"),
    "a documents YAML file": phrase("file_kind.documents", "a documents YAML file"),
    "an outputs YAML file": phrase("file_kind.outputs", "an outputs YAML file"),
}
"""The kinds of YAML file the package reads, as catalogue phrases (the `what` of the errors below)."""


def _kind(what: str | Phrase) -> Phrase:
    """The phrase of a kind of file (a kind not listed keeps its words, quoted in other languages)."""
    if isinstance(what, Phrase):
        return what
    return FILE_KINDS.get(what) or phrase("file_kind.other", str(what), what=str(what))


def _limit(what: Phrase, key: str, english: str, **values: Any) -> Phrase:
    """What a YAML file must be: a catalogue phrase with the file's kind as its placeholder `what`."""
    return phrase(key, english.format(what=what.english, **values), what=what, **values)


def load_yaml_file(path: str | Path, what: str | Phrase = "a YAML file") -> Any:
    """The parsed content of a YAML file, within the stated limits; ParameterFileError otherwise."""
    path = Path(path)
    what = _kind(what)
    where = str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_YAML_BYTES + 1)
    except OSError as exc:
        raise ParameterFileError(
            "file",
            where,
            _limit(what, "allowed.yaml_readable", "{what} that can be read"),
            source=where,
            problem=detail(exc),
        ) from None
    if len(data) > MAX_YAML_BYTES:
        raise _too_big(where, what)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParameterFileError(
            "file",
            where,
            _limit(what, "allowed.yaml_utf8", "{what} in UTF-8"),
            source=where,
            problem=phrase("error.problem.not_utf8", f"not UTF-8 text (byte {exc.start})", byte=exc.start),
        ) from None
    return load_yaml_text(text, where, what)


def _too_big(where: str, what: Phrase) -> ParameterFileError:
    """The error for a YAML file or text over MAX_YAML_BYTES (checked on the bytes before decoding,
    and on a text given as such)."""
    return ParameterFileError(
        "file",
        where,
        _limit(what, "allowed.yaml_size", "{what} of at most {max:,} bytes", max=MAX_YAML_BYTES),
        source=where,
        problem=TOO_BIG,
    )


def load_yaml_text(text: str, where: str, what: str | Phrase = "a YAML file") -> Any:
    """The parsed content of YAML text (named `where` in errors), within the stated limits."""
    what = _kind(what)
    if len(text) > MAX_YAML_BYTES:
        raise _too_big(where, what)
    bad = _NOT_YAML_TEXT.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        code = f"U+{ord(bad.group()):04X}"
        raise ParameterFileError(
            "file",
            where,
            _limit(
                what,
                "allowed.yaml_plain_text",
                "{what} of text without control characters (tab and line breaks are allowed)",
            ),
            source=where,
            problem=phrase(
                "error.problem.control_character",
                f"control character {code} at line {line}, column {column}",
                code=code,
                line=line,
                column=column,
            ),
        )
    loader = None
    try:
        loader = _Loader(text)  # the reader checks the characters as it is built
        node = loader.get_single_node()
        if node is None:
            return None
        size = expanded_size(node)
        if size > MAX_YAML_NODES:
            raise ParameterFileError(
                "file",
                where,
                _limit(
                    what,
                    "allowed.yaml_nodes",
                    "{what} holding at most {max:,} values once its aliases (*name) are expanded",
                    max=MAX_YAML_NODES,
                ),
                source=where,
                problem=phrase("error.problem.aliases_too_far", "aliases expand too far"),
            )
        return loader.construct_document(node)
    except ParameterFileError:
        raise
    except _Twice as twice:
        keys, line = ", ".join(twice.keys), twice.line
        raise ParameterFileError(
            "file",
            where,
            _limit(what, "allowed.yaml_each_key_once", "{what} with each key given once in a mapping"),
            source=where,
            problem=phrase("error.problem.keys_twice", f"given twice in one mapping: {keys} (line {line})",
                           keys=keys, line=line),
        ) from None
    except _TooDeep:
        raise ParameterFileError(
            "file",
            where,
            _limit(
                what, "allowed.yaml_depth", "{what} nested at most {depth} levels deep", depth=MAX_YAML_DEPTH
            ),
            source=where,
            problem=phrase("error.problem.nested_too_deeply", "nested too deeply"),
        ) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        # ValueError etc.: a safe tag with an impossible value, e.g. the date 2021-02-30
        said = " ".join(str(exc).split())
        raise ParameterFileError("file", where, phrase("allowed.valid_yaml", "valid YAML"), source=where,
                                 problem=phrase("error.problem.not_valid_yaml", f"not valid YAML: {said}",
                                                detail=said)) from None
    finally:
        if loader is not None:
            loader.dispose()


def expanded_size(node: yaml.Node) -> int:
    """Number of values the node stands for with every alias expanded (capped just past the limit).

    Shared nodes are measured once and counted once per reference, so a bomb is measured in
    time linear in its size on disk; a node that contains itself counts as too big, and
    nesting deeper than MAX_YAML_DEPTH once aliases are expanded raises _TooDeep."""
    measured: dict[int, tuple[int, int]] = {}  # id -> (values, height)
    open_nodes: set[int] = set()
    cap = MAX_YAML_NODES + 1

    def measure(n: yaml.Node, depth: int) -> tuple[int, int]:
        key = id(n)
        if key in open_nodes:  # a recursive alias: unbounded once expanded
            return cap, 1
        if key not in measured:
            if depth > MAX_YAML_DEPTH:
                raise _TooDeep
            open_nodes.add(key)
            total, height = 1, 1
            children = [c for pair in n.value for c in pair] if isinstance(n, yaml.MappingNode) else \
                n.value if isinstance(n, yaml.SequenceNode) else []
            for child in children:
                size, h = measure(child, depth + 1)
                total, height = min(cap, total + size), max(height, h + 1)
            open_nodes.discard(key)
            measured[key] = (total, height)
        if depth + measured[key][1] - 1 > MAX_YAML_DEPTH:
            raise _TooDeep
        return measured[key]

    return measure(node, 1)[0]
