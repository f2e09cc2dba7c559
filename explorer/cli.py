"""The `explorer` command: sweeps to files and summary tables from the shell.

Each subcommand is one function decorated with @subcommand, naming the argument groups it
takes; the shared groups (scenario grid, parameters, output file) are plain functions.
Bad input ends with a one-line message on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import export
from .errors import ExplorerError
from .grid import DEFAULT_MAX_ROWS, grid_size, sweep
from .inputs import OPTIONS
from .parameters import Parameters, load_parameters
from .summaries import deadlines_table, fees_table, status_table

EXIT_BAD_INPUT = 2
EXIT_OS_ERROR = 1
EXIT_INTERRUPTED = 130

PROG = "explorer"
DESCRIPTION = """\
Scenario explorer for the Slovak move from EU family-member residence cards
(less than five years of residence) to five-year cards: deadlines, statuses,
issuance days, days without a card, fees and visits for every combination of
card expiry day x application day x option (a, b) x fee choices."""
EXAMPLES = """\
examples:
  # weekly sweep of expiry x application days, saved for pandas or Excel
  explorer sweep --expiry 2020-01-01:2022-12-31 --application 2020-01-01:2021-08-31 \\
      --freq W --out results.parquet

  # the same with stamps bought at the post office three days ahead
  explorer sweep --expiry 2020-01-01:2022-12-31 --application 2020-01-01:2021-08-31 \\
      --freq W --set stamp_channel=post_office --set stamp_lead_days=3 --out results.csv

  # status, deadline and fee tables by month, also saved as an Excel workbook
  explorer summary --expiry 2020-01-01:2022-12-31 --application 2020-01-01:2021-08-31 \\
      --freq W --out summary.xlsx

Exit codes: 0 done, 2 bad input (the message names the field and value),
1 a file system error, 130 interrupted."""


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
    group = parser.add_argument_group("scenarios")
    group.add_argument("--expiry", required=True, metavar="FIRST:LAST",
                       help="card expiry days, e.g. 2020-01-01:2022-12-31 (both included)")
    group.add_argument("--application", required=True, metavar="FIRST:LAST",
                       help="first application days, e.g. 2020-01-01:2021-08-31")
    group.add_argument("--freq", default="D", metavar="FREQ",
                       help="step between days: D daily (default), W weekly, MS month starts, "
                            "or any pandas frequency")
    group.add_argument("--options", default="a,b", metavar="LIST",
                       help="paths to take, comma-separated: a (EU card now, five-year card later), "
                            "b (five-year card now); default a,b")
    group.add_argument("--expedited", default="no,yes", metavar="LIST",
                       help="expedited issuance: no, yes or no,yes (default)")
    group.add_argument("--delivery", default="no,yes", metavar="LIST",
                       help="card delivered by post: no, yes or no,yes (default)")
    group.add_argument("--set", dest="fixed", action="append", default=[], metavar="COLUMN=VALUE",
                       help="fix another input column on every row, repeatable, e.g. "
                            "--set stamp_channel=post_office --set stamp_lead_days=3 "
                            "--set payment=cash --set years_resided=2")
    group.add_argument("--max-rows", type=int, default=DEFAULT_MAX_ROWS, metavar="N",
                       help=f"refuse sweeps larger than N rows (default {DEFAULT_MAX_ROWS:,})")


def parameter_arguments(parser: argparse.ArgumentParser) -> None:
    """Where the rule parameters come from."""
    parser.add_argument_group("rules").add_argument("--params", metavar="FILE", type=Path,
                        help="rule parameters YAML (default: the project's data/parameters.yaml)")


def output_arguments(parser: argparse.ArgumentParser, required: bool, what: str) -> None:
    """The output file and --force."""
    group = parser.add_argument_group("output")
    group.add_argument("--out", required=required, type=Path, metavar="FILE", help=what)
    group.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def sweep_output(parser: argparse.ArgumentParser) -> None:
    """--out for a full result table."""
    output_arguments(parser, True, "file to write: .parquet (keeps every type), .csv or .xlsx "
                     f"(at most {export.EXCEL_MAX_ROWS - 1:,} rows)")


def summary_output(parser: argparse.ArgumentParser) -> None:
    """--out for the summary workbook and the grouping periods."""
    output_arguments(parser, False, "also save the three tables as sheets of this .xlsx workbook")
    group = parser.add_argument_group("grouping")
    group.add_argument("--expiry-period", default="MS", metavar="FREQ",
                       help="group expiry days by D, W, MS (month, default), QS or YS")
    group.add_argument("--application-period", default="MS", metavar="FREQ",
                       help="group application days by D, W, MS (month, default), QS or YS")


# Subcommands ---------------------------------------------------------------------------------


@subcommand("sweep", help="evaluate every combination and write the rows to a file",
            description="Evaluate every combination of expiry day x application day x option x "
                        "fee choices and write one row per combination to a file.",
            arguments=(scenario_arguments, parameter_arguments, sweep_output))
def run_sweep(args: argparse.Namespace) -> int:
    """Sweep, write the result, print a one-line summary."""
    started = time.perf_counter()
    spec = sweep_arguments(args)
    export.check_writable(args.out, grid_size(spec["expiry"], spec["application"], spec["freq"],
                                              spec["options"], spec["expedited"], spec["delivery"]),
                          args.force)
    result = sweep(**spec)
    export.write_table(result, args.out, force=args.force)
    seconds = time.perf_counter() - started
    print(f"wrote {len(result):,} rows x {len(result.columns)} columns to {args.out} "
          f"in {seconds:.1f} s")
    return 0


@subcommand("summary", help="print status, deadline and fee tables of a sweep",
            description="Evaluate a sweep and print three tables: rows per status by expiry x "
                        "application period, deadlines and issuance days by expiry period, and "
                        "fees, visits and days without a card per option and fee choice.",
            arguments=(scenario_arguments, parameter_arguments, summary_output))
def run_summary(args: argparse.Namespace) -> int:
    """Sweep, print the three summary tables, optionally save them as a workbook."""
    spec = sweep_arguments(args)
    if args.out is not None:
        if export.file_format(args.out) != "xlsx":
            raise ExplorerError("--out", str(args.out), "a file name ending in .xlsx (the three "
                                "tables as sheets)", problem="summary saves a workbook")
        export.check_writable(args.out, 0, args.force)
    result = sweep(**spec)
    tables = summary_tables(result, args.expiry_period, args.application_period)
    print(f"{len(result):,} scenarios")
    for title, table in tables.items():
        print(f"\n== {title} ==")
        print(format_table(table))
    if args.out is not None:
        export.write_workbook({name: t for name, t in zip(("status", "deadlines", "fees"),
                                                            tables.values(), strict=True)},
                              args.out, force=args.force)
        print(f"\nwrote the three tables to {args.out}")
    return 0


# Helpers -------------------------------------------------------------------------------------


def summary_tables(result: pd.DataFrame, expiry_period: str, application_period: str
                   ) -> dict[str, pd.DataFrame]:
    """The three summary tables of an evaluated frame, by title."""
    return {
        f"status by expiry period ({expiry_period}) x application period ({application_period})":
            status_table(result, expiry_period, application_period),
        f"deadlines by expiry period ({expiry_period})": deadlines_table(result, expiry_period),
        "fees, visits and days without a card by option and fee choice": fees_table(result),
    }


def format_table(table: pd.DataFrame) -> str:
    """A table as plain text, every row and column shown."""
    with pd.option_context("display.width", None, "display.max_columns", None,
                           "display.max_rows", None, "display.max_colwidth", None):
        return table.to_string(index=False)


def sweep_arguments(args: argparse.Namespace) -> dict[str, Any]:
    """Keyword arguments of explorer.sweep from the parsed command line."""
    params: Parameters | None = load_parameters(args.params) if args.params is not None else None
    return dict(
        expiry=args.expiry,
        application=args.application,
        freq=args.freq,
        options=parse_list("--options", args.options, {o: o for o in OPTIONS}, "a, b"),
        expedited=parse_list("--expedited", args.expedited, _YES_NO, "no, yes"),
        delivery=parse_list("--delivery", args.delivery, _YES_NO, "no, yes"),
        params=params,
        max_rows=args.max_rows,
        **parse_settings(args.fixed),
    )


_YES_NO = {"no": False, "yes": True, "false": False, "true": True, "0": False, "1": True,
           "n": False, "y": True}


def parse_list(flag: str, text: str, allowed: dict[str, Any], shown: str) -> tuple[Any, ...]:
    """Values of a comma-separated list, each a key of `allowed` (case-insensitive)."""
    words = [w.strip().lower() for w in text.split(",")]
    for word in words:
        if word not in allowed:
            raise ExplorerError(flag, word or text, f"a comma-separated list of {shown}",
                                problem="unknown value")
    return tuple(dict.fromkeys(allowed[w] for w in words))


def parse_settings(items: Sequence[str]) -> dict[str, Any]:
    """COLUMN=VALUE pairs of --set; numbers become numbers, the rest stays text for the engine."""
    fixed: dict[str, Any] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name:
            raise ExplorerError("--set", item, "COLUMN=VALUE, e.g. stamp_channel=post_office",
                                problem="not COLUMN=VALUE")
        fixed[name] = _number_or_text(value)
    return fixed


def _number_or_text(value: str) -> Any:
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(prog=PROG, description=DESCRIPTION, epilog=EXAMPLES,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for cmd in SUBCOMMANDS.values():
        sub = commands.add_parser(cmd.name, help=cmd.help, description=textwrap.fill(cmd.description, 78),
                                  epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
        for add in cmd.arguments:
            add(sub)
        sub.set_defaults(run=cmd.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (bad input: 2, interrupted: 130)."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ExplorerError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `explorer summary ... | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OS_ERROR
    except OSError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_OS_ERROR


if __name__ == "__main__":
    sys.exit(main())
