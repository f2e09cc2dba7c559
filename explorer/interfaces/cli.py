"""The `explorer` command: sweeps, summaries, reform comparisons and populations from the shell.

Each subcommand is one function decorated with @subcommand, naming the argument groups it
takes; the shared groups (scenario grid, parameters, output file) are plain functions.
Bad input ends with a one-line message on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
import textwrap
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..core.columns import FLAG_WORDS, REASONS
from ..core.engine import default_parameters
from ..core.inputs import INPUT_COLUMNS, OPTIONS, check_value
from ..core.memory import keep_freed_memory
from ..core.parameter_file import load_parameters
from ..core.parameters import Parameters
from ..core.phrases import Phrase, detail, phrase
from ..errors import ExplorerError, visible
from ..labels import LANGUAGES, Language, description, label, labelled, rename_columns, ui_text, value_label
from ..scenarios.grid import DEFAULT_MAX_ROWS, GRID_COLUMNS, grid_size
from ..scenarios.population import load_population
from ..scenarios.sweep import sweep
from ..tables.aggregates import aggregate_frame
from ..tables.display import display_frame
from ..tables.summaries import deadlines_table, fees_table, status_table
from ..whatif.compare import Comparison, compare
from ..whatif.readings_table import readings_line
from ..whatif.reforms import (
    REFORMS_DIR,
    Reform,
    list_reforms,
    load_reform,
    readable_series,
    reform_path,
    reform_title,
    series_words,
)
from ..whatif.sensitivity import sensitivity
from ..words import text_or_english
from ..words.errors import command_line_error
from . import export, report
from .cli_words import (
    WordedParser,
    argument_group,
    argv_language,
    interrupted_words,
    os_error_words,
    said,
    terminated_words,
)
from .population_files import BASELINE, population_sheets
from .signals import Terminated

EXIT_BAD_INPUT = 2
EXIT_OS_ERROR = 1
EXIT_INTERRUPTED = 130

PROG = "explorer"
DESCRIPTION = said(None, "description")
"""The program's description in --help (catalogue cli.help.description, English)."""
EXAMPLES = said(None, "examples")
"""The examples and exit codes closing --help (catalogue cli.help.examples, English)."""


@dataclass(frozen=True)
class Subcommand:
    """A registered subcommand: its run function and the argument groups it takes."""

    name: str
    run: Callable[[argparse.Namespace], int]
    help: str
    description: str
    arguments: tuple[Callable[[argparse.ArgumentParser], None], ...]


SUBCOMMANDS: dict[str, Subcommand] = {}


def subcommand(name: str, help: str, description: str = "",
               arguments: Sequence[Callable[[argparse.ArgumentParser], None]] = ()
               ) -> Callable[[Callable[[argparse.Namespace], int]], Callable[[argparse.Namespace], int]]:
    """Register a function `run(args) -> exit code` as a subcommand taking these argument groups."""
    def register(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        SUBCOMMANDS[name] = Subcommand(name, run, help, description or help, tuple(arguments))
        return run
    return register


# Argument groups shared by subcommands -------------------------------------------------------


def scenario_arguments(parser: argparse.ArgumentParser) -> None:
    """The grid of a sweep: date ranges, frequency, options, fee choices, fixed input columns."""
    group = argument_group(parser, "scenarios")
    group.add_argument("--expiry", required=True, metavar=said(group, "metavar.first_last"),
                       help=said(group, "arg.expiry"))
    group.add_argument("--application", required=True, metavar=said(group, "metavar.first_last"),
                       help=said(group, "arg.application"))
    group.add_argument("--freq", default="D", metavar=said(group, "metavar.freq"),
                       help=said(group, "arg.freq"))
    group.add_argument("--options", default="a,b", metavar=said(group, "metavar.list"),
                       help=said(group, "arg.options"))
    group.add_argument("--expedited", default="no,yes", metavar=said(group, "metavar.list"),
                       help=said(group, "arg.expedited"))
    group.add_argument("--delivery", default="no,yes", metavar=said(group, "metavar.list"),
                       help=said(group, "arg.delivery"))
    group.add_argument("--set", dest="fixed", action="append", default=[],
                       metavar=said(group, "metavar.column_value"),
                       help=said(group, "arg.set"))
    group.add_argument("--max-rows", type=int, default=DEFAULT_MAX_ROWS, metavar=said(group, "metavar.n"),
                       help=said(group, "arg.max_rows", max_rows=DEFAULT_MAX_ROWS))


def parameter_arguments(parser: argparse.ArgumentParser) -> None:
    """Where the rule parameters come from: a parameters file, then optionally a reform."""
    group = argument_group(parser, "rules")
    group.add_argument("--params", metavar=said(group, "metavar.file"), type=Path,
                       help=said(group, "arg.params"))
    group.add_argument("--reform", metavar=said(group, "metavar.name_or_file"),
                       help=said(group, "arg.reform"))
    reading_argument(group)


def reading_argument(group: argparse._ArgumentGroup) -> None:
    """--reading NAME=VALUE, repeatable: switch a reading of the guidance (see `explorer readings`)."""
    group.add_argument("--reading", dest="readings", action="append", default=[],
                       metavar=said(group, "metavar.name_value"),
                       help=said(group, "arg.reading"))


def comparison_arguments(parser: argparse.ArgumentParser) -> None:
    """The two sides of a comparison: a reform against a baseline."""
    group = argument_group(parser, "rules")
    group.add_argument("--reform", metavar=said(group, "metavar.name_or_file"),
                       help=said(group, "arg.compare_reform"))
    group.add_argument("--baseline", metavar=said(group, "metavar.name_or_file"),
                       help=said(group, "arg.baseline"))
    group.add_argument("--params", metavar=said(group, "metavar.file"), type=Path,
                       help=said(group, "arg.compare_params"))
    group.add_argument("--reading", dest="readings", action="append", default=[],
                       metavar=said(group, "metavar.name_value"),
                       help=said(group, "arg.compare_reading"))


def out_path(text: str) -> Path:
    """An output file name as given; one ending in a slash names a folder and is refused (Path()
    would drop the slash and write a file of the folder's name)."""
    if text.endswith(("/", os.sep)) or (os.altsep and text.endswith(os.altsep)):
        raise argparse.ArgumentTypeError(
            f"{visible(text)!s} ends in a slash, so it names a folder: give a file name, e.g. "
            f"{visible(text.rstrip('/' + os.sep))}/results.csv")
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty file name: give a file name, e.g. results.csv")
    return Path(text)


def os_error_text(exc: OSError) -> str:
    """A file system error as one line naming the file asked for and what went wrong."""
    if exc.strerror and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc)


def output_arguments(parser: argparse.ArgumentParser, required: bool, what: str) -> None:
    """The output file and --force."""
    group = argument_group(parser, "output")
    group.add_argument("--out", required=required, type=out_path,
                       metavar=said(group, "metavar.file"), help=what)
    group.add_argument("--force", action="store_true", help=said(group, "arg.force"))


def sweep_output(parser: argparse.ArgumentParser) -> None:
    """--out for a full result table."""
    output_arguments(parser, True, said(parser, "arg.sweep_out", rows=export.EXCEL_MAX_ROWS - 1))


def comparison_output(parser: argparse.ArgumentParser) -> None:
    """--out for the difference tables, --rows-out for the side-by-side rows."""
    output_arguments(parser, False, said(parser, "arg.compare_out"))
    argument_group(parser, "output").add_argument(
        "--rows-out", type=out_path, metavar=said(parser, "metavar.file"),
        help=said(parser, "arg.rows_out"))


def population_arguments(parser: argparse.ArgumentParser) -> None:
    """The population file(s), how to run it, and where the reports go."""
    parser.add_argument("file", metavar=said(parser, "metavar.file"),
                        help=said(parser, "arg.file"))
    group = argument_group(parser, "running")
    group.add_argument("--dask", action="store_true",
                       help=said(group, "arg.dask"))
    group.add_argument("--scheduler", metavar=said(group, "metavar.address"),
                       help=said(group, "arg.scheduler"))
    group.add_argument("--no-progress", action="store_true",
                       help=said(group, "arg.no_progress"))
    group = argument_group(parser, "output")
    group.add_argument("--out", type=out_path, metavar=said(group, "metavar.file"),
                       help=said(group, "arg.population_out"))
    group.add_argument("--bad-out", type=out_path, metavar=said(group, "metavar.file"),
                       help=said(group, "arg.bad_out"))
    group.add_argument("--force", action="store_true", help=said(group, "arg.population_force"))


def label_arguments(parser: argparse.ArgumentParser) -> None:
    """--labels: headers and status values as codes (for code) or in English or Slovak words."""
    argument_group(parser, "output").add_argument(
        "--labels", choices=LANGUAGES, default="codes",
        help=said(parser, "arg.labels"))


def summary_output(parser: argparse.ArgumentParser) -> None:
    """--out for the summary workbook and the grouping periods."""
    output_arguments(parser, False, said(parser, "arg.summary_out"))
    group = argument_group(parser, "grouping")
    group.add_argument("--expiry-period", default="MS", metavar=said(group, "metavar.freq"),
                       help=said(group, "arg.expiry_period"))
    group.add_argument("--application-period", default="MS", metavar=said(group, "metavar.freq"),
                       help=said(group, "arg.application_period"))


# Subcommands ---------------------------------------------------------------------------------


@subcommand("sweep", help=said(None, "command.sweep"),
            description=said(None, "command.sweep.description"),
            arguments=(scenario_arguments, parameter_arguments, sweep_output, label_arguments))
def run_sweep(args: argparse.Namespace) -> int:
    """Sweep, write the result, print a one-line summary."""
    started = time.perf_counter()
    spec = sweep_arguments(args)
    export.check_writable(args.out, grid_size(spec["expiry"], spec["application"], spec["freq"],
                                              spec["options"], spec["expedited"], spec["delivery"]),
                          args.force)
    result = sweep(**spec)
    export.write_table(rows_for_file(result, args.labels, args.out), args.out, force=args.force,
                       lang=args.labels)
    seconds = time.perf_counter() - started
    print(ui_text("cli.wrote.sweep_rows", args.labels, n=len(result), columns=len(result.columns),
                  path=str(args.out), seconds=seconds))
    print(readings_line(spec["params"] or default_parameters(), args.labels))
    return 0


@subcommand("summary", help=said(None, "command.summary"),
            description=said(None, "command.summary.description"),
            arguments=(scenario_arguments, parameter_arguments, summary_output, label_arguments))
def run_summary(args: argparse.Namespace) -> int:
    """Sweep, print the three summary tables, optionally save them as a workbook."""
    spec = sweep_arguments(args)
    check_workbook_out(args, phrase("allowed.xlsx_three_tables",
                                    "a file name ending in .xlsx (the three tables as sheets)"))
    result = sweep(**spec)
    tables = summary_tables(result, args.expiry_period, args.application_period, args.labels)
    print(ui_text("cli.scenarios", args.labels, n=len(result)))
    print(readings_line(spec["params"] or default_parameters(), args.labels))
    print_tables(tables, args.labels)
    write_workbook_out(args, dict(zip((sheet_name(k, args.labels) for k in ("status", "deadlines", "fees")),
                                      tables.values(), strict=True)), "summary")
    return 0


@subcommand("compare", help=said(None, "command.compare"),
            description=said(None, "command.compare.description"),
            arguments=(scenario_arguments, comparison_arguments, comparison_output, label_arguments))
def run_compare(args: argparse.Namespace) -> int:
    """Compare, print the difference tables, optionally save them and the side-by-side rows."""
    spec = grid_arguments(args)
    check_workbook_out(args, phrase("allowed.xlsx_difference_tables",
                                    "a file name ending in .xlsx (the difference tables as sheets)"))
    if args.rows_out is not None:
        if args.out is not None and args.rows_out.resolve() == args.out.resolve():
            raise ExplorerError("--rows-out", str(args.rows_out), OTHER_THAN_OUT, problem=SAME_AS_OUT)
        export.check_writable(args.rows_out, grid_size(spec["expiry"], spec["application"], spec["freq"],
                                                       spec["options"], spec["expedited"],
                                                       spec["delivery"]), args.force)
    comparison = comparison_of(args, spec)
    tables = {key: labelled(table, args.labels) for key, table in comparison_tables(comparison).items()}
    summary = comparison.summary(args.labels)
    print(visible(summary))
    print_tables({section_title(key, args.labels): table for key, table in tables.items()}, args.labels)
    summary_sheet = sheet_name("summary", args.labels)
    write_workbook_out(args, {summary_sheet: pd.DataFrame({summary_sheet: summary.splitlines()}),
                              **{sheet_name(COMPARISON_SHEETS[key], args.labels): table
                                 for key, table in tables.items()}}, "compare")
    if args.rows_out is not None:
        export.write_table(rows_for_file(comparison.rows, args.labels, args.rows_out), args.rows_out,
                           force=args.force, lang=args.labels)
        print(ui_text("cli.wrote_side_by_side", args.labels, n=len(comparison.rows), path=str(args.rows_out)))
    return 0


@subcommand("population", help=said(None, "command.population"),
            description=said(None, "command.population.description"),
            arguments=(population_arguments, parameter_arguments, label_arguments))
def run_population(args: argparse.Namespace) -> int:
    """Load, report bad rows, aggregate, print; optionally save the aggregates and the problems."""
    if args.scheduler is not None and not args.dask:
        raise ExplorerError(
            "--scheduler",
            args.scheduler,
            phrase("allowed.only_with_dask", "only together with --dask"),
            problem=phrase("error.problem.no_dask_run", "no Dask run asked for"),
        )
    check_workbook_out(args, phrase(
        "allowed.xlsx_aggregate_tables",
        "a file name ending in .xlsx (the aggregate tables and the problems as sheets)"))
    if args.bad_out is not None:
        if args.out is not None and args.bad_out.resolve() == args.out.resolve():
            raise ExplorerError("--bad-out", str(args.bad_out), OTHER_THAN_OUT, problem=SAME_AS_OUT)
        export.check_writable(args.bad_out, None, args.force)
    params = rule_parameters(args)
    progress = not args.no_progress
    if args.dask:
        with dask_scheduler(args.scheduler):
            header, bad, tables = population_with_dask(args.file, params, progress, args.labels)
    else:
        load = load_population(args.file, params)
        header, bad = load.summary(args.labels), load.problems(args.labels)  # reasons in the labels
        tables = aggregate_frame(load.good, params, progress)
    print(visible(header))
    print_problems(bad, args.bad_out, args.labels)
    if args.bad_out is not None:
        export.write_table(rows_for_file(bad, args.labels, args.bad_out), args.bad_out, force=args.force,
                           lang=args.labels)
        print(ui_text("cli.wrote_problems", args.labels, n=len(bad), path=str(args.bad_out)))
    print_tables({section_title(name, args.labels): labelled(table, args.labels)
                  for name, table in tables.items()}, args.labels)
    write_workbook_out(args, population_sheets({BASELINE: tables}, bad, args.labels), "population")
    return 0


@subcommand("readings", help=said(None, "command.readings"),
            description=said(None, "command.readings.description"), arguments=(label_arguments,))
def run_readings(args: argparse.Namespace) -> int:
    """Print every reading with its alternatives, the guidance's sentences behind each and its case:
    names and values as codes (--labels codes) or in words, each line a catalogue sentence."""
    lang, params = args.labels, default_parameters()
    words = "en" if lang == "codes" else lang

    def indented(text: str, depth: int) -> str:
        return textwrap.fill(text, 88, initial_indent=" " * depth, subsequent_indent=" " * depth)

    for name in params.readings:
        param = params[name]
        print(ui_text("cli.readings.reading", words, reading=label(name, lang),
                      value=value_label(params.reading(name), lang)))
        print(indented(param.interpretation if lang == "codes" else description(name, lang), 2))
        for i, alt in enumerate(param.alternatives):
            key = "cli.readings.alternative_baseline" if i == 0 else "cli.readings.alternative"
            print("  " + ui_text(key, words, value=value_label(alt.value, lang)))
            print(indented(ui_text("cli.readings.sentences", words, sentences=list(alt.sentences)), 6))
            case = text_or_english(f"reading.{name}.{alt.value}.case", alt.case, words)
            print(indented(ui_text("cli.readings.case", words, case=case), 6))
        print()
    return 0


@subcommand("reforms", help=said(None, "command.reforms"),
            description=said(None, "command.reforms.description"), arguments=(label_arguments,))
def run_reforms(args: argparse.Namespace) -> int:
    """Print every shipped reform with its changes against the baseline: as codes and the values a
    reform file takes (--labels codes), or by title and label, values in words (en, sk)."""
    lang, params = args.labels, default_parameters()
    for i, reform in enumerate(list_reforms()):
        if i:
            print()
        file = Path(reform.path).name
        if lang == "codes":
            print(visible(ui_text("cli.reforms.reform_codes", "en", name=reform.name, file=file)))
        else:
            print(visible(ui_text("cli.reforms.reform", lang, title=reform_title(reform.name, lang),
                                  name=reform.name, file=file)))
        print(visible(textwrap.fill(reform.describe("en" if lang == "codes" else lang), 88,
                                    initial_indent="  ", subsequent_indent="  ")))
        reformed = reform.apply(params)
        for name in reform.changes:
            if lang != "codes":
                line = ui_text("cli.reforms.change", lang, parameter=label(name, lang),
                               baseline=series_words(params[name], lang),
                               reform=series_words(reformed[name], lang))
            else:
                unit = params[name].unit
                line = ui_text("cli.reforms.change_codes_unit" if unit else "cli.reforms.change_codes", "en",
                               parameter=name, baseline=readable_series(params[name]),
                               reform=readable_series(reformed[name]), unit=unit)
            print(visible("  " + line))
    return 0


def report_arguments(parser: argparse.ArgumentParser) -> None:
    """The report's person, title and output file."""
    group = argument_group(parser, "report")
    group.add_argument("--person", metavar=said(group, "metavar.expiry_application"),
                       help=said(group, "arg.person"))
    group.add_argument("--title", default=report.TITLE, help=said(group, "arg.title"))
    output_arguments(parser, True, said(parser, "arg.report_out"))


@subcommand("report", help=said(None, "command.report"),
            description=said(None, "command.report.description"),
            arguments=(scenario_arguments, parameter_arguments, report_arguments, label_arguments))
def run_report(args: argparse.Namespace) -> int:
    """Sweep, build the report, write it as .html or .pdf."""
    report.check_report_path(args.out, args.force)
    spec = sweep_arguments(args)
    person = report.person_of(spec, args.person) if args.person else None
    content = report.build_report(spec, spec.pop("params") or default_parameters(), person=person,
                                  title=args.title, lang="en" if args.labels == "codes" else args.labels)
    size = report.write_report(content, args.out, force=args.force)
    print(ui_text("cli.wrote.report_rows", args.labels, n=content.rows, path=str(args.out), mb=size / 1e6))
    return 0


def sensitivity_arguments(parser: argparse.ArgumentParser) -> None:
    """Which readings and reforms sensitivity looks at, and where its tables go."""
    group = argument_group(parser, "readings_and_reforms")
    group.add_argument("--params", metavar=said(group, "metavar.file"), type=Path,
                       help=said(group, "arg.sensitivity_params"))
    group.add_argument("--reading", dest="reading_names", action="append", default=[],
                       metavar=said(group, "metavar.name"),
                       help=said(group, "arg.sensitivity_reading"))
    group.add_argument("--reform", dest="reforms", action="append", default=[],
                       metavar=said(group, "metavar.name_or_file"),
                       help=said(group, "arg.sensitivity_reform"))
    output_arguments(parser, False, said(parser, "arg.sensitivity_out"))


@subcommand("sensitivity", help=said(None, "command.sensitivity"),
            description=said(None, "command.sensitivity.description"),
            arguments=(scenario_arguments, sensitivity_arguments, label_arguments))
def run_sensitivity(args: argparse.Namespace) -> int:
    """Sensitivity of a sweep: print the summary and tables, optionally save them."""
    spec = grid_arguments(args)
    params = load_parameters(args.params) if args.params is not None else default_parameters()
    if args.out is not None:
        export.check_writable(args.out, 0, args.force)
    reforms = [read_reform("--reform", name, params) for name in args.reforms]
    found = sensitivity(spec, readings=args.reading_names or None, reforms=reforms, params=params)
    lang = "en" if args.labels == "codes" else args.labels
    summary = found.summary(lang)
    tables = {"sensitivity_alternatives": found.table, "sensitivity_by_month": found.by("MS"),
              "sensitivity_moves": found.moves}
    tables = {key: labelled(table, args.labels) for key, table in tables.items()}
    print(visible(summary))
    print_tables({section_title(key, args.labels): table for key, table in tables.items()}, args.labels)
    if args.out is not None:
        if export.file_format(args.out) == "xlsx":
            summary_sheet = sheet_name("summary", args.labels)
            export.write_workbook({summary_sheet: pd.DataFrame({summary_sheet: summary.splitlines()}),
                                   **{sheet_name(key, args.labels): t for key, t in tables.items()}},
                                  args.out, force=args.force, lang=args.labels)
        else:
            export.write_table(tables["sensitivity_alternatives"], args.out, force=args.force,
                               lang=args.labels)
        print()
        print(ui_text("cli.wrote.sensitivity", args.labels, path=str(args.out)))
    return 0


# Helpers -------------------------------------------------------------------------------------

COMPARISON_SHEETS = {
    "changed_parameters": "parameters",
    "status_transitions": "status_transitions",
    "date_shifts": "date_shifts",
    "deltas": "deltas",
}
"""The difference tables of `compare` (keys of comparison_tables) and their sheets (catalogue sheet.*)."""
AGGREGATE_TITLES = {name: name for name in ("applications_per_week", "fees_per_month", "late_by_reason",
                                            "gap_histogram", "renewal_wave")}
"""The aggregate tables of `population`: each titled by cli.title.<name>, its sheet by sheet.<name>."""
PERIODS = ("D", "W", "MS", "QS", "YS")
"""Grouping periods with a word in the catalogues (cli.period.*); others are shown as given."""
OTHER_THAN_OUT = phrase("allowed.other_than_out", "a file other than --out")
SAME_AS_OUT = phrase("error.problem.same_as_out", "same file as --out")
BAD_SHOWN = 10  # problems printed; --bad-out saves all of them
SCHEDULER_TIMEOUT = 20  # seconds to wait for a --scheduler to answer


def check_workbook_out(args: argparse.Namespace, allowed: Phrase) -> None:
    """Before any work: refuse an --out that is not a writable .xlsx path (`allowed` names its sheets)."""
    if args.out is None:
        return
    if export.file_format(args.out) != "xlsx":
        raise ExplorerError("--out", str(args.out), allowed,
                            problem=phrase("error.problem.output_is_workbook", "this output is a workbook"))
    export.check_writable(args.out, 0, args.force)


def rows_for_file(frame: pd.DataFrame, lang: Language, path: Path) -> pd.DataFrame:
    """Rows to write under --labels: headers and values in words, and for the files people open
    (.csv, .xlsx) yes/no instead of True/False; Parquet keeps its types."""
    if export.file_format(path) == "parquet":
        return rename_columns(frame, lang)
    return labelled(frame, lang)


def section_title(key: str, lang: Language) -> str:
    """A printed table's title (catalogue cli.title.<key>) in the language of --labels."""
    return ui_text(f"cli.title.{key}", lang)


def sheet_name(key: str, lang: Language) -> str:
    """A workbook sheet's name (catalogue sheet.<key>) in the language of --labels."""
    return ui_text(f"sheet.{key}", lang)


def period_word(freq: str, lang: Language) -> str:
    """A grouping period as people name it ("month", "mesiac"); --labels codes keeps the code (MS)."""
    if lang == "codes" or freq not in PERIODS:
        return freq
    return ui_text(f"cli.period.{freq}", lang)


def print_tables(tables: Mapping[str, pd.DataFrame], lang: Language = "codes") -> None:
    """Each table under its title, "(no rows)" for an empty one (cells in the language's formats)."""
    for title, table in tables.items():
        print(f"\n== {visible(title)} ==")
        print(visible(format_table(table, lang)) if len(table) else ui_text("cli.no_rows", lang))


def write_workbook_out(args: argparse.Namespace, sheets: Mapping[str, pd.DataFrame], command: str) -> None:
    """Write the sheets to --out when given, and say so (catalogue cli.wrote.<command>)."""
    if args.out is not None:
        export.write_workbook(dict(sheets), args.out, force=args.force, lang=args.labels)
        print()
        print(ui_text(f"cli.wrote.{command}", args.labels, path=str(args.out)))


def read_reform(flag: str, name_or_path: str, params: Parameters | None) -> Reform:
    """A reform by shipped name or file, checked against `params`; unknown names list the shipped ones."""
    path = reform_path(name_or_path)
    if not path.is_file():
        shipped = ", ".join(p.stem for p in sorted(REFORMS_DIR.glob("*.yaml")))
        raise ExplorerError(
            flag,
            name_or_path,
            phrase(
                "allowed.shipped_reform",
                f"a shipped reform ({shipped}) or a reform YAML file",
                shipped=shipped,
            ),
            problem=phrase("error.problem.no_such_reform", "no such reform"),
        )
    return load_reform(path, params)


def rule_parameters(args: argparse.Namespace) -> Parameters | None:
    """Parameters of --params (default: None, the baseline) with --reform applied on top."""
    params: Parameters | None = load_parameters(args.params) if args.params is not None else None
    if getattr(args, "reform", None):
        params = read_reform("--reform", args.reform, params).apply(params)
    return with_readings(args.readings, params)


def with_readings(pairs: list[str], params: Parameters | None) -> Parameters | None:
    """The parameters with each --reading NAME=VALUE switched (unchanged when none is given)."""
    if not pairs:
        return params
    params = params if params is not None else default_parameters()
    changes = {}
    for text in pairs:
        name, sep, value = text.partition("=")
        if not sep or name.strip() not in params.readings:
            names = ", ".join(params.readings)
            raise ExplorerError("--reading", text, phrase("allowed.reading_pair", f"NAME=VALUE with NAME one "
                                                          f"of {names}", choices=names),
                                problem=phrase("error.problem.not_a_reading", "not a reading"))
        changes[name.strip()] = value.strip()
    return params.replace(**changes)


def comparison_of(args: argparse.Namespace, spec: Mapping[str, Any]) -> Comparison:
    """compare() of --reform against --baseline (or the parameters), both on --params."""
    params = load_parameters(args.params) if args.params is not None else default_parameters()
    if not args.reform:
        return reading_comparison(args, params, spec)
    params = with_readings(args.readings, params)
    baseline = read_reform("--baseline", args.baseline, params) if args.baseline else None
    base = baseline.apply(params) if baseline is not None else params
    reform = read_reform("--reform", args.reform, base)
    comparison = compare(base, reform, sweep=spec)
    if baseline is not None:
        comparison = dataclasses.replace(comparison, baseline_name=baseline.name)
    return comparison


def reading_comparison(args: argparse.Namespace, params: Parameters, spec: Mapping[str, Any]) -> Comparison:
    """compare() of the baseline (or --baseline) with the --reading switches (no --reform given)."""
    if not args.readings:
        raise ExplorerError("--reform", None, phrase("allowed.reform_or_reading", "a reform (see `explorer "
                                                     "reforms`), or --reading NAME=VALUE to compare the "
                                                     "baseline with a reading"),
                            problem=phrase("error.problem.nothing_to_compare", "nothing to compare"))
    baseline = read_reform("--baseline", args.baseline, params) if args.baseline else None
    base = baseline.apply(params) if baseline is not None else params
    switched = with_readings(args.readings, base)
    comparison = compare(base, switched, sweep=spec)
    name = ", ".join(text.replace(" ", "") for text in args.readings)
    return dataclasses.replace(comparison, reform_name=name,
                               baseline_name=baseline.name if baseline is not None else "baseline")


def comparison_tables(comparison: Comparison) -> dict[str, pd.DataFrame]:
    """The difference tables of a comparison, by name (keys of COMPARISON_SHEETS)."""
    tables = (comparison.changed_parameters, comparison.status_transitions, comparison.date_shifts,
              comparison.deltas)
    return dict(zip(COMPARISON_SHEETS, tables, strict=True))


def population_with_dask(pattern: str, params: Parameters | None, progress: bool, labels: Language = "codes",
                         ) -> tuple[str, pd.DataFrame, dict[str, pd.DataFrame]]:
    """(summary line, problems, aggregates) of population files read and evaluated with Dask (the
    line and the problems' reasons in the words of `labels`)."""
    from ..scenarios.distributed import population_dask
    from ..scenarios.progress import compute
    from ..tables.distributed import aggregate_dask

    pop = population_dask(pattern, params, labels)
    with progress_to_stderr():
        bad, sizes = compute(pop.bad, pop.good.map_partitions(len), progress=False)
        tables = aggregate_dask(pop.good, params, progress=progress)
    bad = bad.reset_index(drop=True)
    valid = int(sizes.sum())
    bad_rows = int(bad.groupby(["file", "row"]).ngroups) if len(bad) else 0
    header = ui_text("cli.dask_summary", labels, pattern=pattern, files=len(pop.files), rows=valid + bad_rows,
                     valid=valid, bad_rows=bad_rows, problems=len(bad))
    return header, bad, tables


@contextlib.contextmanager
def progress_to_stderr() -> Iterator[None]:
    """Dask's progress bars write to stdout: send them to stderr, keeping stdout for the tables."""
    with contextlib.redirect_stdout(sys.stderr):
        yield


@contextlib.contextmanager
def dask_scheduler(address: str | None) -> Iterator[None]:
    """A distributed Client for the address while the block runs; nothing for the local scheduler."""
    if address is None:
        yield
        return
    from distributed import Client

    try:
        client = Client(address, timeout=SCHEDULER_TIMEOUT)
    except (OSError, ValueError, TypeError) as exc:
        raise ExplorerError("--scheduler", address, phrase("allowed.scheduler_address", "the address of a "
                                                           "running Dask scheduler, e.g. tcp://10.0.0.5:8786"),
                            problem=detail(str(exc))) from None
    with client:
        yield


def print_problems(bad: pd.DataFrame, bad_out: Path | None, lang: Language = "codes") -> None:
    """How many problems, and the first BAD_SHOWN of them."""
    if not len(bad):
        print(ui_text("cli.no_problems", lang))
        return
    shown = bad.head(BAD_SHOWN)
    key = "cli.problems" if len(shown) == len(bad) else \
        "cli.problems_first_below" if bad_out is not None else "cli.problems_first_save"
    print(f"\n== {ui_text(key, lang, shown=len(shown), flag='--bad-out FILE.csv')} ==")
    print(format_table(labelled(shown, lang), lang))


def summary_tables(result: pd.DataFrame, expiry_period: str, application_period: str,
                   labels: Language = "codes") -> dict[str, pd.DataFrame]:
    """The three summary tables of an evaluated frame, by title (headers in words with `labels`)."""
    periods = {"expiry_period": period_word(expiry_period, labels),
               "application_period": period_word(application_period, labels)}
    return {
        ui_text("cli.title.status", labels, **periods):
            labelled(status_table(result, expiry_period, application_period, labels=labels), labels),
        ui_text("cli.title.deadlines", labels, expiry_period=periods["expiry_period"]):
            labelled(deadlines_table(result, expiry_period, labels=labels), labels),
        ui_text("cli.title.fees", labels): labelled(fees_table(result, labels=labels), labels),
    }


def format_table(table: pd.DataFrame, lang: Language = "codes") -> str:
    """A table as plain text, every row and column shown; under --labels en/sk each cell in the
    language's formats (Babel: "6 912", "33,50 €", "30. 6. 2021" in Slovak)."""
    shown = table if lang == "codes" else display_frame(table, lang, currency=True)
    with pd.option_context("display.width", None, "display.max_columns", None,
                           "display.max_rows", None, "display.max_colwidth", None):
        return shown.to_string(index=False)


def sweep_arguments(args: argparse.Namespace) -> dict[str, Any]:
    """Keyword arguments of explorer.sweep from the parsed command line (--params, then --reform)."""
    return dict(grid_arguments(args), params=rule_parameters(args))


def grid_arguments(args: argparse.Namespace) -> dict[str, Any]:
    """Keyword arguments of explorer.grid (the scenarios, no rules) from the parsed command line."""
    base = load_parameters(args.params) if args.params is not None else default_parameters()
    return dict(
        expiry=args.expiry,
        application=args.application,
        freq=args.freq,
        options=parse_list("--options", args.options, {o: o for o in OPTIONS}, "a, b"),
        expedited=parse_list("--expedited", args.expedited, FLAG_WORDS, "no, yes"),
        delivery=parse_list("--delivery", args.delivery, FLAG_WORDS, "no, yes"),
        max_rows=args.max_rows,
        **parse_settings(args.fixed, base),
    )


OWN_OPTIONS = {"card_expiry": "--expiry", "application_date": "--application", "option": "--options",
               "expedited": "--expedited", "delivery": "--delivery", "expiry": "--expiry",
               "application": "--application", "options": "--options", "freq": "--freq",
               "max_rows": "--max-rows", "params": "--params", "reform": "--reform", "baseline": "--baseline"}
"""Names a user may try with --set that have their own option."""


def parse_list(flag: str, text: str, allowed: dict[str, Any], shown: str) -> tuple[Any, ...]:
    """Values of a comma-separated list, each a key of `allowed` (case-insensitive)."""
    words = [w.strip().lower() for w in text.split(",")]
    for word in words:
        if word not in allowed:
            raise ExplorerError(flag, word or text, phrase("allowed.comma_list", f"a comma-separated list of "
                                                           f"{shown}", choices=shown),
                                problem=REASONS["unknown_value"])
    return tuple(dict.fromkeys(allowed[w] for w in words))


def parse_settings(items: Sequence[str], params: Parameters | None = None) -> dict[str, Any]:
    """COLUMN=VALUE pairs of --set, each value checked and converted as evaluate() checks that column."""
    params = params if params is not None else default_parameters()
    settable = [c for c in INPUT_COLUMNS if c not in GRID_COLUMNS]
    fixed: dict[str, Any] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name:
            raise ExplorerError("--set", item, phrase("allowed.set_pair", "COLUMN=VALUE, e.g. "
                                                      "stamp_channel=post_office"),
                                problem=phrase("error.problem.not_a_set_pair", "not COLUMN=VALUE"))
        if name not in settable:
            own = OWN_OPTIONS.get(name) or OWN_OPTIONS.get(name.replace("-", "_"))
            columns = ", ".join(settable)
            raise ExplorerError(
                f"--set {name}",
                value,
                phrase("allowed.set_column", f"a column among {columns}", choices=columns),
                problem=phrase(
                    "error.problem.set_own_option", f"not a column --set can fix: use {own}", option=own
                )
                if own
                else phrase("error.problem.not_settable", "not a column --set can fix"),
            )
        try:
            fixed[name] = check_value(name, value, params)
        except ExplorerError as exc:
            raise ExplorerError(f"--set {name}", value, exc.allowed_phrase or exc.allowed,
                                problem=exc.problem_phrase or exc.problem) from None
    return fixed


def build_parser(lang: str = "codes") -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand (usage errors worded in `lang`)."""
    parser = WordedParser(prog=PROG, description=said(lang, "description"), epilog=said(lang, "examples"),
                          formatter_class=argparse.RawDescriptionHelpFormatter, words_lang=lang)
    commands = parser.add_subparsers(dest="command", metavar=said(lang, "metavar.command"), required=True,
                                     help=said(lang, "commands"))
    for cmd in SUBCOMMANDS.values():
        described = textwrap.fill(said(lang, f"command.{cmd.name}.description"), 78)
        sub = commands.add_parser(cmd.name, help=said(lang, f"command.{cmd.name}"), description=described,
                                  epilog=said(lang, "examples"), words_lang=lang,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        for add in cmd.arguments:
            add(sub)
        sub.set_defaults(run=cmd.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (bad input: 2, interrupted: 130)."""
    lang = argv_language(argv)
    args = build_parser(lang).parse_args(argv)
    lang = getattr(args, "labels", lang)
    keep_freed_memory()
    try:
        return args.run(args)
    except ExplorerError as exc:  # --labels en/sk: one catalogue sentence; codes: today's English
        print(command_line_error(exc, lang, PROG), file=sys.stderr)
        return EXIT_BAD_INPUT
    except Terminated as exc:
        print(terminated_words(PROG, exc.signum, lang, str(exc)), file=sys.stderr)
        return 128 + exc.signum
    except KeyboardInterrupt:
        print(interrupted_words(PROG, lang), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `explorer summary ... | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OS_ERROR
    except OSError as exc:
        if lang in ("en", "sk"):
            print(ui_text("cli.error", lang, prog=PROG, message=visible(os_error_words(exc, lang))),
                  file=sys.stderr)
        else:
            print(f"{PROG}: error: {visible(os_error_text(exc))}", file=sys.stderr)
        return EXIT_OS_ERROR


if __name__ == "__main__":
    sys.exit(main())
