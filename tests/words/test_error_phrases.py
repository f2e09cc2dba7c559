"""Every error a person reads is a catalogue sentence in their language: what is allowed and what is
wrong are catalogue phrases at every place the package makes an ExplorerError, the command line
words its errors in the language of --labels, and the page lists a reading's values by their labels."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

import explorer
from explorer import words
from explorer.core.columns import one_of
from explorer.core.phrases import Phrase
from explorer.errors import ExplorerError
from explorer.interfaces import cli
from explorer.ui.errors import message_for
from explorer.words.errors import command_line_error
from tests.support.slovak_spelling import available, misspelled

PACKAGE = Path(explorer.__file__).parent
ERRORS = {"ExplorerError", "ParameterFileError", "MissingExtraError"}
LEFT_AS_THEY_ARE: dict[str, str] = {}
"""Files whose errors may still pass plain text, and why; the test fails once a listed file is clean."""
LOCAL_PHRASES = {
    ("core/inputs.py", "reason"): "unpacked from Checked.first_phrase(), typed tuple[int, Phrase]",
}
"""Local names the test cannot follow to a phrase, and where their phrase comes from."""
ENGLISH_WORDS = re.compile(r"\b(allowed|missing|negative|unknown|required|column|file|date|None|number|"
                           r"population|size|whole|valid|error|not|one of|from|to|reading|range|"
                           r"ends|before|starts|reform|such|exists|same|list|value)\b")
QUOTED = re.compile(r"„[^“]*“")


# -- every place an ExplorerError is made ------------------------------------------------------------


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _error_calls(tree: ast.Module) -> Iterator[tuple[ast.Call, list[ast.AST]]]:
    """Each call making an error (its class, or super().__init__ inside an error class) with its parents."""
    def walk(node: ast.AST, parents: list[ast.AST]) -> Iterator[tuple[ast.Call, list[ast.AST]]]:
        if isinstance(node, ast.Call):
            name = _name(node.func)
            in_error_class = any(isinstance(p, ast.ClassDef) and p.name in ERRORS - {"ExplorerError"}
                                 for p in parents)  # ExplorerError's own super() is ValueError's
            if name == "MissingExtraError":
                pass  # (feature, module, extra): its own __init__ words what is allowed
            elif name in ERRORS or (name == "__init__" and in_error_class
                                    and isinstance(node.func, ast.Attribute)
                                    and isinstance(node.func.value, ast.Call)
                                    and _name(node.func.value.func) == "super"):
                yield node, parents
        for child in ast.iter_child_nodes(node):
            yield from walk(child, [*parents, node])
    yield from walk(tree, [])


def _arguments(call: ast.Call) -> tuple[ast.expr | None, ast.expr | None]:
    """The `allowed` and `problem` arguments of an error's constructor call."""
    allowed = call.args[2] if len(call.args) > 2 else next(
        (k.value for k in call.keywords if k.arg == "allowed"), None)
    problem = next((k.value for k in call.keywords if k.arg == "problem"), None)
    return allowed, problem


def _returns_phrase(obj: object) -> bool:
    try:
        annotation = inspect.signature(obj).return_annotation
    except (TypeError, ValueError):
        return False
    return annotation is Phrase or annotation == "Phrase"


class _Judge:
    """Whether an argument is a catalogue phrase: phrase(...), a function or method returning a Phrase,
    a module's Phrase constant (or a dict of them), another error's phrase passed on, or a local name
    assigned one of these."""

    def __init__(self, module: object, relative: str) -> None:
        self.module = module
        self.relative = relative

    def ok(self, node: ast.expr | None, parents: list[ast.AST]) -> bool:
        if node is None or (isinstance(node, ast.Constant) and node.value is None):
            return True
        if isinstance(node, ast.Call):
            return self._call(node)
        if isinstance(node, ast.Name):
            return self._name(node.id, parents)
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            table = getattr(self.module, node.value.id, None)
            return isinstance(table, dict) and bool(table) and all(
                isinstance(v, Phrase) for v in table.values())
        if isinstance(node, ast.Attribute):
            return node.attr.endswith("_phrase")  # another error's phrase, passed on
        if isinstance(node, ast.BoolOp):  # exc.allowed_phrase or exc.allowed: its words when it had none
            first, *rest = node.values
            return self.ok(first, parents) and all(
                self.ok(v, parents) or (isinstance(v, ast.Attribute) and v.attr in ("allowed", "problem"))
                for v in rest)
        if isinstance(node, ast.IfExp):
            return self.ok(node.body, parents) and self.ok(node.orelse, parents)
        return False  # a text, an f-string, a concatenation, a join

    def _call(self, node: ast.Call) -> bool:
        name = _name(node.func)
        if name in ("phrase", "detail"):
            return True
        if name == "getattr" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
            return node.args[1].value == "phrase"  # a PhrasedValueError's phrase
        if isinstance(node.func, ast.Name):
            return _returns_phrase(getattr(self.module, node.func.id, None))
        if isinstance(node.func, ast.Attribute):
            if name == "phrase":  # Range.phrase(), a limit's allowed values
                return True
            owner = node.func.value
            if isinstance(owner, ast.Name):
                return _returns_phrase(getattr(getattr(self.module, owner.id, None), name, None))
        return False

    def _name(self, name: str, parents: list[ast.AST]) -> bool:
        if (self.relative, name) in LOCAL_PHRASES:
            return True
        functions = [p for p in parents if isinstance(p, ast.FunctionDef | ast.AsyncFunctionDef)]
        if functions:
            function = functions[-1]
            for arg in [*function.args.args, *function.args.kwonlyargs]:
                if arg.arg == name:
                    return arg.annotation is not None and "Phrase" in ast.unparse(arg.annotation)
            assigned = [n.value for n in ast.walk(function) if isinstance(n, ast.Assign)
                        and any(isinstance(t, ast.Name) and t.id == name for t in n.targets)]
            if assigned:
                return all(self.ok(value, functions[:-1] + [function]) for value in assigned)
        return isinstance(getattr(self.module, name, None), Phrase)


def _offenders() -> dict[str, list[str]]:
    """Per file (relative to the package), each error whose allowed or problem is not a phrase."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        module_name = "explorer." + relative[:-3].replace("/", ".").removesuffix(".__init__")
        module = importlib.import_module(module_name.removesuffix(".__init__"))
        judge = _Judge(module, relative)
        for call, parents in _error_calls(ast.parse(path.read_text(encoding="utf-8"))):
            allowed, problem = _arguments(call)
            for what, node in (("allowed", allowed), ("problem", problem)):
                if (what == "allowed" and node is None) or not judge.ok(node, parents):
                    shown = "nothing" if node is None else ast.unparse(node)[:80]
                    found.setdefault(relative, []).append(f"line {call.lineno}: {what} = {shown}")
    return found


def test_every_error_says_what_is_allowed_and_what_is_wrong_as_catalogue_phrases():
    offenders = _offenders()
    unexplained = {f: lines for f, lines in offenders.items() if f not in LEFT_AS_THEY_ARE}
    assert not unexplained, unexplained
    stale = [f for f in LEFT_AS_THEY_ARE if f not in offenders]
    assert not stale, f"no plain text left in {stale}: take them off LEFT_AS_THEY_ARE"


def _phrase_keys() -> Iterator[tuple[str, str]]:
    """(file, key) of every phrase(...) the package writes with a literal key."""
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node.func) == "phrase" and node.args:
                key = node.args[0]
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    yield path.relative_to(PACKAGE).as_posix(), key.value
                elif isinstance(key, ast.JoinedStr):  # error.problem.{which}_day_missing
                    pattern = "".join(re.escape(p.value) if isinstance(p, ast.Constant) else r"\w+"
                                      for p in key.values)
                    matches = [k for k in words.entries() if re.fullmatch(pattern, k)]
                    assert matches, (path, ast.unparse(key))
                    yield from ((path.relative_to(PACKAGE).as_posix(), k) for k in matches)


def _placeholders(sentence: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(sentence) if name}


def test_every_phrase_the_package_writes_is_one_entry_in_both_languages_with_the_same_placeholders():
    keys = sorted(set(_phrase_keys()))
    assert len(keys) > 150
    for where, key in keys:
        assert words.has(key), (where, key)
        entry = words.entries()[key]
        assert set(entry.forms) == {"en", "sk"}, (where, key)
        assert _placeholders(entry.forms["en"][0]) == _placeholders(entry.forms["sk"][0]), (where, key)


def test_each_phrase_keeps_the_english_words_the_error_was_raised_with(params):
    """The catalogue's English is the English of describe(): the command line's codes mode is unchanged."""
    samples = []
    for attempt in (lambda: params.replace(card_expiry_reading="bogus"),
                    lambda: explorer.load_reform("/no/such/reform.yaml"),
                    lambda: explorer.grid(("2020-01-01", None), ("2020-01-01", "2020-02-01")),
                    lambda: explorer.explain("2020-11-15", "2020-11-01", lang="de")):
        with pytest.raises(ExplorerError) as info:
            attempt()
        samples.append(info.value)
    for exc in samples:
        for found, english in ((exc.allowed_phrase, exc.allowed), (exc.problem_phrase, exc.problem)):
            if found is not None and found.key != "allowed.codes":  # codes: "one of the codes" on purpose
                assert words.phrase_text(found, "en") == english, found.key


# -- the command line ---------------------------------------------------------------------------------

GRID = ["--expiry", "2020-01-01:2020-03-31", "--application", "2020-01-01:2020-02-29"]


def _bad_invocations(tmp_path: Path) -> list[list[str]]:
    existing = tmp_path / "exists.csv"
    existing.write_text("x\n", encoding="utf-8")
    return [
        ["sweep", "--expiry", "2020-03-01:2020-01-01", "--application", "2020-01-01:2020-02-01",
         "--out", str(tmp_path / "a.csv")],
        ["sweep", *GRID, "--out", str(existing)],
        ["sweep", *GRID, "--out", str(tmp_path / "a.txt")],
        ["sweep", *GRID, "--options", "a,z", "--out", str(tmp_path / "b.csv")],
        ["summary", *GRID, "--reading", "no_such_reading=x"],
        ["summary", *GRID, "--reading", "card_expiry_reading=bogus"],
        ["summary", *GRID, "--out", str(tmp_path / "c.csv")],
        ["compare", *GRID, "--reform", "no-such-reform"],
    ]


def _error_line(capsys, argv: list[str]) -> str:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert code == cli.EXIT_BAD_INPUT, (argv, out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_bad_invocations_under_slovak_labels_print_one_slovak_sentence(capsys, tmp_path):
    for argv in _bad_invocations(tmp_path):
        line = _error_line(capsys, [*argv, "--labels", "sk"])
        assert line.startswith("explorer: chyba: "), line
        said = line.removeprefix("explorer: chyba: ")
        assert "povolené:" in said, line
        unquoted = QUOTED.sub(" ", said)
        assert not ENGLISH_WORDS.search(unquoted), line
        if available():
            assert misspelled(said) == [], (misspelled(said), line)


def test_bad_invocations_under_english_labels_print_one_english_sentence_with_labels(capsys, tmp_path):
    for argv in _bad_invocations(tmp_path):
        line = _error_line(capsys, [*argv, "--labels", "en"])
        assert line.startswith("explorer: error: ") and "(allowed: " in line, line
    line = _error_line(capsys, ["summary", *GRID, "--reading", "card_expiry_reading=bogus", "--labels", "en"])
    assert line == ("explorer: error: The card's expiry = 'bogus': unknown reading "
                    "(allowed: one of the codes binding, advisory)"), line


def test_codes_labels_keep_todays_english_error_with_the_codes(capsys, tmp_path):
    for argv in _bad_invocations(tmp_path):
        line = _error_line(capsys, argv)
        assert line.startswith("explorer: error: ") and "(allowed: " in line, line
    line = _error_line(capsys, ["summary", *GRID, "--reading", "card_expiry_reading=bogus"])
    assert line == ("explorer: error: card_expiry_reading = 'bogus': unknown reading "
                    "(allowed: one of binding, advisory)"), line


def test_a_command_line_error_in_words_names_the_first_offending_row():
    exc = ExplorerError("payment", "bitcoin", one_of(("card", "cash")), 7)
    assert command_line_error(exc, "sk", "explorer") == (
        "explorer: chyba: Platba = „bitcoin“ (povolené: jedna z hodnôt „card“, „cash“) "
        "[prvý chybný riadok: 7]")
    assert command_line_error(exc, "en", "explorer") == (
        "explorer: error: Payment = 'bitcoin' (allowed: one of card, cash) [first offending row: 7]")
    assert command_line_error(exc, "codes", "explorer") == f"explorer: error: {exc}"


# -- the page -----------------------------------------------------------------------------------------


def test_a_reading_error_on_the_page_lists_the_readings_labels_in_the_pages_language(params):
    with pytest.raises(ExplorerError) as info:
        params.replace(card_expiry_reading="bogus")
    alternatives = params["card_expiry_reading"].alternatives
    for lang in ("en", "sk"):
        shown = message_for(info.value, lang)
        for alternative in alternatives:
            assert explorer.labels.value_label(alternative.value, lang) in shown, shown
            assert f"{alternative.value}," not in shown and not shown.endswith(f"{alternative.value})"), shown
    slovak = message_for(info.value, "sk")
    assert not ENGLISH_WORDS.search(QUOTED.sub(" ", slovak)), slovak
