"""The command line's own words under --labels sk|en: argparse's usage errors, file system errors,
interruption, termination and --help from the catalogue; --labels codes keeps today's English."""

from __future__ import annotations

import errno
import re
import signal

import pytest

from explorer.interfaces import cli
from explorer.interfaces.cli_words import argv_language, os_error_words, usage_error_words
from explorer.interfaces.signals import Terminated
from tests.support import slovak_spelling

GRID = ["--expiry", "2020-10-01:2020-11-30", "--application", "2020-10-01:2020-11-30", "--freq", "MS"]
needs_dictionary = pytest.mark.skipif(not slovak_spelling.available(),
                                      reason="hunspell-sk missing: run scripts/ensure-hunspell-sk.sh")


def usage_error(capsys, *args: str) -> tuple[int, str]:
    """Exit code and stderr of a command line argparse refuses."""
    with pytest.raises(SystemExit) as info:
        cli.main(list(args))
    return info.value.code, capsys.readouterr().err


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def message_line(err: str) -> str:
    """The line after the usage lines: `explorer ...: error|chyba: ...`."""
    return next(line for line in err.splitlines() if re.match(r"^explorer( \w+)?: ", line))


def no_english_outside_quotes(text: str) -> None:
    """Every word outside „…“ (and outside commands, codes, placeholders and the program's name
    leading a line) is Slovak."""
    assert slovak_spelling.misspelled(re.sub(r"(?m)^explorer( \w+)?:", " ", text)) == [], text


REFUSED = {  # argparse's message shape -> a command line that provokes it
    "required": ["sweep", "--expiry", "2020-10-01:2020-11-30"],
    "unrecognized": ["sweep", *GRID, "--out", "r.csv", "--bogus", "1"],
    "invalid_choice": ["sweep", *GRID, "--out", "r.csv", "--labels", "xx"],
    "expected_one": ["sweep", *GRID, "--out"],
    "invalid_int": ["sweep", *GRID, "--out", "r.csv", "--max-rows", "many"],
    "out_folder": ["sweep", *GRID, "--out", "results/"],
    "command_choice": ["sweepx"],
}
"""Each refused command line (the language flag is added by the test)."""


@needs_dictionary
@pytest.mark.parametrize("shape", list(REFUSED))
@pytest.mark.parametrize("flag", [["--labels", "sk"], ["--labels=sk"]])
def test_usage_errors_under_labels_sk_are_slovak_sentences_with_exit_code_2(capsys, shape, flag):
    args = REFUSED[shape]
    code, err = usage_error(capsys, *args[:1], *flag, *args[1:])
    line = message_line(err)
    assert code == 2
    assert ": chyba: " in line and "error" not in line
    no_english_outside_quotes(line)
    assert err.startswith("použitie: ")


def test_usage_error_names_the_missing_flags_as_typed_in_quotation_marks(capsys):
    _, err = usage_error(capsys, "sweep", "--labels", "sk", "--expiry", "2020-10-01:2020-11-30")
    assert message_line(err) == ("explorer sweep: chyba: Príkazu chýbajú tieto povinné argumenty: "
                                 "„--application“, „--out“.")


def test_usage_error_quotes_the_value_and_every_allowed_choice(capsys):
    _, err = usage_error(capsys, "sweep", *GRID, "--out", "r.csv", "--labels", "sk", "--labels", "xx")
    assert message_line(err) == ("explorer sweep: chyba: Hodnota „xx“ argumentu „--labels“ nie je medzi "
                                 "povolenými hodnotami: „en“, „sk“, „codes“.")


def test_usage_errors_under_labels_en_are_catalogue_sentences(capsys):
    _, err = usage_error(capsys, "sweep", "--labels", "en", "--expiry", "2020-10-01:2020-11-30")
    assert message_line(err) == ("explorer sweep: error: The command needs these arguments, which are "
                                 "missing: --application, --out.")
    _, err = usage_error(capsys, "sweep", *GRID, "--labels", "en", "--out", "r.csv", "--max-rows", "many")
    assert message_line(err) == "explorer sweep: error: The value many of --max-rows is not a whole number."
    assert err.startswith("usage: ")


@pytest.mark.parametrize("shape", list(REFUSED))
def test_usage_errors_under_codes_keep_argparse_english(capsys, shape):
    code, err = usage_error(capsys, *REFUSED[shape])
    assert code == 2 and err.startswith("usage: ") and ": error: " in message_line(err)
    if shape == "required":
        assert message_line(err) == ("explorer sweep: error: the following arguments are required: "
                                     "--application, --out")


@needs_dictionary
def test_usage_error_of_an_unknown_shape_quotes_argparse_words_in_slovak():
    said = usage_error_words("argument --x: something argparse may say one day", "sk")
    assert said == "Argumentu „--x“ príkaz nerozumie: „something argparse may say one day“"
    no_english_outside_quotes(usage_error_words("a wholly new message", "sk"))
    assert usage_error_words("a wholly new message", "en") == (
        "The command line was not understood: a wholly new message")


@pytest.mark.parametrize(("argv", "lang"), [
    (["sweep", "--labels", "sk"], "sk"), (["sweep", "--labels=en"], "en"), (["sweep"], "codes"),
    (["sweep", "--labels", "xx"], "codes"), (["sweep", "--labels", "sk", "--labels", "en"], "en"),
    (["population", "--", "--labels", "sk"], "codes"),
])
def test_the_language_of_the_command_line_is_read_from_labels_anywhere_in_argv(argv, lang):
    assert argv_language(argv) == lang


OS_CASES = [(errno.ENOENT, "No such file or directory", "Súbor alebo priečinok „r.csv“ neexistuje."),
            (errno.EACCES, "Permission denied", "Na prácu so súborom „r.csv“ nemáte oprávnenie."),
            (errno.EPERM, "Operation not permitted", "Na prácu so súborom „r.csv“ nemáte oprávnenie."),
            (errno.EISDIR, "Is a directory", "Cesta „r.csv“ označuje priečinok, nie súbor."),
            (errno.ENOSPC, "No space left on device", "Na disku nie je dosť miesta na zápis súboru „r.csv“."),
            (errno.EEXIST, "File exists", "Súbor „r.csv“ už existuje."),
            (errno.EIO, "Input/output error", "Systém pri súbore „r.csv“ hlási: „Input/output error“.")]


@pytest.mark.parametrize(("number", "system", "slovak"), OS_CASES)
def test_file_system_errors_have_their_own_slovak_sentence_or_quote_the_system(number, system, slovak):
    assert os_error_words(OSError(number, system, "r.csv"), "sk") == slovak


def test_file_system_error_without_a_file_quotes_the_system_words():
    assert os_error_words(OSError(errno.EIO, "Input/output error"), "sk") == (
        "Systém hlási chybu: „Input/output error“.")
    assert os_error_words(OSError(errno.ENOENT, "No such file or directory", "r.csv"), "en") == (
        "There is no file or folder r.csv.")


def failing_write(exc: BaseException):
    def write(*args, **kwargs):
        raise exc
    return write


@needs_dictionary
@pytest.mark.parametrize("lang", ["sk", "en", "codes"])
def test_a_file_system_error_during_a_run_is_one_line_in_the_language_of_labels(capsys, monkeypatch, tmp_path,
                                                                              lang):
    target = tmp_path / "r.csv"
    monkeypatch.setattr(cli.export, "write_table",
                        failing_write(PermissionError(errno.EACCES, "Permission denied", str(target))))
    code, _, err = run(capsys, "sweep", *GRID, "--out", str(target), "--labels", lang)
    expected = {"sk": f"explorer: chyba: Na prácu so súborom „{target}“ nemáte oprávnenie.",
                "en": f"explorer: error: You have no permission to use the file {target}.",
                "codes": f"explorer: error: {target}: Permission denied"}
    assert (code, err.strip()) == (1, expected[lang])
    if lang == "sk":
        no_english_outside_quotes(err)


@needs_dictionary
@pytest.mark.parametrize(("exc", "exit_code", "words"), [
    (KeyboardInterrupt(), 130, {"sk": "explorer: zastavené, prerušené z klávesnice.",
                                "en": "explorer: stopped, interrupted from the keyboard.",
                                "codes": "explorer: interrupted"}),
    (Terminated(signal.SIGTERM), 143, {"sk": "explorer: zastavené signálom „SIGTERM“.",
                                       "en": "explorer: stopped by the signal SIGTERM.",
                                       "codes": "explorer: terminated by SIGTERM"}),
])
@pytest.mark.parametrize("lang", ["sk", "en", "codes"])
def test_interruption_and_termination_are_worded_in_the_language_of_labels(capsys, monkeypatch, tmp_path, exc,
                                                                         exit_code, words, lang):
    monkeypatch.setattr(cli.export, "write_table", failing_write(exc))
    code, _, err = run(capsys, "sweep", *GRID, "--out", str(tmp_path / "r.csv"), "--labels", lang)
    assert (code, err.strip()) == (exit_code, words[lang])
    if lang == "sk":
        no_english_outside_quotes(err)


def help_text(capsys, *args: str) -> str:
    with pytest.raises(SystemExit) as info:
        cli.main(list(args))
    assert info.value.code == 0
    return capsys.readouterr().out


def help_words(text: str) -> str:
    """The help without the flags, choices and subcommand names a person types (codes): what is left
    are sentences, titles and the placeholders of the option syntax."""
    body = re.sub(r"(?<![\w„])--?[a-z][\w-]*", " ", text)  # flags outside quotations
    body = re.sub(r"(?m)^    [a-z]+\b", " ", body)  # the subcommands' names in the list of commands
    body = re.sub(r"(?m)^(\S+: )explorer( [a-z]+)?", r"\1 ", body)  # the program's name in the usage
    return re.sub(r"\{[^}]*\}", " ", body)  # choices: codes


@needs_dictionary
@pytest.mark.parametrize("command", [[], *[[name] for name in cli.SUBCOMMANDS]])
def test_help_under_labels_sk_is_slovak_from_description_to_examples(capsys, command):
    text = help_text(capsys, *command, "--labels", "sk", "--help") if command else help_text(
        capsys, "--help", "--labels", "sk")
    assert text.startswith("použitie: explorer")
    assert "\nvoľby:\n" in text and "zobrazí túto pomoc a skončí" in text
    assert "usage:" not in text and "options:" not in text and "show this help" not in text
    no_english_outside_quotes(help_words(text))
    assert not re.search(r"\b(FILE|COMMAND|FIRST|LAST|NAME|VALUE|LIST|FREQ)\b", text)  # the placeholders too
    if command and command[0] in ("sweep", "summary", "compare", "report", "sensitivity"):
        assert "--expiry PRVÝ:POSLEDNÝ" in text


def test_help_under_labels_sk_names_groups_and_arguments_in_slovak(capsys):
    text = " ".join(help_text(capsys, "summary", "--labels", "sk", "-h").replace("\u00a0", " ").split())
    for words in ("scenáre:", "pravidlá:", "výstup:", "zoskupenie:", "dni skončenia platnosti preukazu",
                  "odmietne mriežku scenárov s viac ako „N“ riadkami (predvolené 20 000 000)", "príklady:",
                  "Návratové kódy:"):
        assert words in text, words


@pytest.mark.parametrize("labels", [[], ["--labels", "en"], ["--labels", "codes"]])
def test_help_is_english_otherwise_with_every_text_from_the_catalogue(capsys, labels):
    text = help_text(capsys, "sweep", *labels, "--help")
    assert text.startswith("usage: explorer sweep")
    flat = " ".join(text.split())
    for words in ("options:", "show this help message and exit", "scenarios:", "rules:", "output:",
                  "card expiry days, e.g. 2020-01-01:2022-12-31 (both included)",
                  "refuse sweeps larger than N rows (default 20,000,000)", "examples:", "Exit codes:"):
        assert words in flat, words
    assert cli.DESCRIPTION.splitlines()[0] in help_text(capsys, "--help")


def test_a_long_list_of_unknown_arguments_is_named_in_part(capsys):
    many = [f"x{i}" for i in range(5000)]
    _, err = usage_error(capsys, "sweep", *GRID, "--out", "r.csv", "--labels", "sk", *many)
    line = message_line(err)
    assert "„x19“, …" in line and "x20" not in line and len(line) < 1000


# --- the listings: explorer readings and explorer reforms under --labels ----------------------


def listing(capsys, *args: str) -> str:
    code, out, err = run(capsys, *args)
    assert (code, err) == (0, "")
    return out


@needs_dictionary
def test_readings_under_labels_sk_name_each_reading_its_values_and_case_in_slovak(capsys):
    from explorer import words
    from explorer.core.engine import default_parameters
    from explorer.labels import label, value_label

    out = listing(capsys, "readings", "--labels", "sk")
    flat = " ".join(out.split())
    params = default_parameters()
    for name in params.readings:
        assert f"{label(name, 'sk')} (platí: {value_label(params.reading(name), 'sk')})" in out
        assert name not in out  # no code names
        first = params[name].alternatives[0]
        assert f"- {value_label(first.value, 'sk')} (východiskový výklad)" in out
        for alt in params[name].alternatives:
            case = words.text(f"reading.{name}.{alt.value}.case", "sk")
            assert " ".join(f"Zdôvodnenie: {case}".split()) in flat
            assert " ".join(f"„{alt.sentences[0]}“".split()) in flat  # the guidance's words, quoted
    assert "Case:" not in out and "in force" not in out and "The guidance:" not in out
    no_english_outside_quotes(out)


def test_readings_under_labels_en_give_labels_and_quote_the_guidance_in_english_marks(capsys):
    from explorer.core.engine import default_parameters
    from explorer.labels import label

    out = listing(capsys, "readings", "--labels", "en")
    params = default_parameters()
    for name in params.readings:
        assert label(name, "en") in out and name not in out
    assert "The guidance: \u201c" in out and "(baseline)" in out and "Case: " in out and "„" not in out


def test_readings_under_codes_name_readings_and_values_by_code(capsys):
    out = listing(capsys, "readings")
    assert out == listing(capsys, "readings", "--labels", "codes")
    assert "card_expiry_reading (in force: binding)" in out and "  - binding (baseline)" in out
    assert "  - advisory\n" in out


@needs_dictionary
def test_reforms_under_labels_sk_give_titles_labels_and_values_in_slovak_formats(capsys):
    from explorer.labels import label
    from explorer.whatif.reforms import list_reforms, reform_title

    out = listing(capsys, "reforms", "--labels", "sk").replace("\u00a0", " ")  # Babel's no-break spaces
    for reform in list_reforms():
        assert f"{reform_title(reform.name, 'sk')} („--reform {reform.name}“" in out
        assert " ".join(reform.describe("sk").split())[:60] in " ".join(out.split())
        for name in reform.changes:
            assert f"  {label(name, 'sk')}: " in out and f"  {name}:" not in out
    assert "Zrýchlené vydanie" in out and "24,50 € → 0,00 €" in out  # the waived fee, Babel's money
    assert "31. decembra 2020 → 30. septembra 2020" in out
    no_english_outside_quotes(out)


def test_reforms_under_labels_en_give_titles_and_values_in_english_formats(capsys):
    from explorer.whatif.reforms import list_reforms, reform_title

    out = listing(capsys, "reforms", "--labels", "en").replace("\u00a0", " ")
    for reform in list_reforms():
        assert f"{reform_title(reform.name, 'en')} (--reform {reform.name}, file " in out
    assert "€24.50 → €0.00" in out and "31 December 2020 → 30 September 2020" in out
    assert "fee_expedited" not in out
