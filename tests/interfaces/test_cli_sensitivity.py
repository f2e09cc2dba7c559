"""The command line's sensitivity subcommand and the two forms of compare (with and without --reform)."""

from __future__ import annotations

import pandas as pd

import explorer
from explorer.interfaces import cli

GRID = ["--expiry", "2020-12-01:2021-07-31", "--application", "2020-12-01:2021-07-31", "--freq", "W"]
SWEEP = dict(expiry="2020-12-01:2021-07-31", application="2020-12-01:2021-07-31", freq="W")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_compare_with_a_reading_and_no_reform_compares_the_baseline_with_that_reading(capsys):
    code, out, _ = run(capsys, "compare", "--reading", "card_expiry_reading=advisory", *GRID)
    assert code == 0
    base = explorer.load_parameters()
    expected = explorer.compare(base, base.replace(card_expiry_reading="advisory"), sweep=SWEEP)
    moved = int(expected.rows["status_changed"].sum())
    assert moved > 0
    first = out.splitlines()[0]
    assert "card_expiry_reading=advisory" in first and "scenarios" in first
    assert f"the status changes in {moved:,}" in first


def test_compare_with_a_reform_keeps_the_reading_on_both_sides(capsys):
    code, out, _ = run(capsys, "compare", "--reform", "transition-deadline-2021-12-31",
                       "--reading", "card_expiry_reading=advisory", *GRID)
    assert code == 0
    advisory = explorer.load_parameters().replace(card_expiry_reading="advisory")
    expected = explorer.compare(advisory, explorer.load_reform("transition-deadline-2021-12-31"), sweep=SWEEP)
    moved = int(expected.rows["status_changed"].sum())
    assert f"the status changes in {moved:,}" in out.splitlines()[0]
    assert "transition-deadline-2021-12-31" in out.splitlines()[0]


def test_compare_with_neither_reform_nor_reading_names_what_is_missing(capsys):
    code, _, err = run(capsys, "compare", *GRID)
    assert code == 2
    assert "--reform" in err and "--reading" in err


def test_compare_help_says_a_reading_applies_to_both_sides_with_a_reform():
    parser = cli.build_parser()
    compare = next(a for a in parser._subparsers._group_actions[0].choices.items() if a[0] == "compare")[1]
    text = " ".join(compare.format_help().split())
    assert "With --reform it applies to BOTH sides" in text
    assert "without --reform the baseline is compared with the readings switched" in text


def test_sensitivity_command_prints_and_saves_what_explorer_sensitivity_finds(capsys, tmp_path):
    out_file = tmp_path / "sensitivity.xlsx"
    code, out, _ = run(capsys, "sensitivity", *GRID, "--reading", "card_expiry_reading",
                       "--reading", "before_reading", "--reform", "transition-deadline-2021-12-31",
                       "--out", str(out_file))
    assert code == 0
    found = explorer.sensitivity(SWEEP, readings=["card_expiry_reading", "before_reading"],
                                 reforms=["transition-deadline-2021-12-31"])
    assert out.splitlines()[0] == found.summary("en").splitlines()[0]
    sheets = pd.read_excel(out_file, sheet_name=None)
    assert set(sheets) == {"summary", "alternatives", "by expiry month", "status moves"}
    saved = sheets["alternatives"]
    assert saved["status changed"].tolist() == found.table["status changed"].tolist()


def test_sensitivity_command_names_an_unknown_reading(capsys):
    code, _, err = run(capsys, "sensitivity", *GRID, "--reading", "no_such_reading")
    assert code == 2
    assert "no_such_reading" in err
