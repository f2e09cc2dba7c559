"""The `explorer` command end to end: files equal to explorer.sweep, safe overwrites, clear errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import explorer
from explorer.interfaces import cli, export

EXPIRY = "2020-10-01:2021-08-31"
APPLICATION = "2020-09-01:2021-07-31"
GRID = ["--expiry", EXPIRY, "--application", APPLICATION, "--freq", "MS"]
SCRIPT = Path(sys.executable).with_name("explorer")


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    return explorer.sweep(EXPIRY, APPLICATION, freq="MS")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """Categoricals as strings, so a CSV or Excel read-back compares with the sweep."""
    out = frame.copy()
    for name in out.select_dtypes("category").columns:
        out[name] = out[name].astype("str")
    return out


@pytest.mark.parametrize("fmt", ["parquet", "csv", "xlsx"])
def test_sweep_writes_a_file_equal_to_explorer_sweep(capsys, tmp_path, expected, fmt):
    path = tmp_path / f"results.{fmt}"
    code, out, err = run(capsys, "sweep", *GRID, "--out", str(path))
    assert (code, err) == (0, "")
    assert f"{len(expected):,} rows" in out and str(path) in out and " s" in out
    back = export.read_table(path)
    assert back["card_expiry"].dtype == back["five_year_issued_by"].dtype == np.dtype("datetime64[us]")
    pd.testing.assert_frame_equal(comparable(back), comparable(expected), check_dtype=fmt != "xlsx")
    assert back["fees_cents"].sum() == expected["fees_cents"].sum() > 0


def test_sweep_choices_and_fixed_columns_reach_the_engine(capsys, tmp_path):
    path = tmp_path / "r.parquet"
    code, _, err = run(capsys, "sweep", *GRID, "--options", "b", "--expedited", "yes",
                       "--delivery", "no", "--set", "stamp_channel=post_office",
                       "--set", "stamp_lead_days=40", "--set", "payment=cash", "--out", str(path))
    assert (code, err) == (0, "")
    want = explorer.sweep(EXPIRY, APPLICATION, freq="MS", options=("b",), expedited=(True,),
                          delivery=(False,), stamp_channel="post_office", stamp_lead_days=40,
                          payment="cash")
    back = export.read_table(path)
    pd.testing.assert_frame_equal(back, want)
    assert set(back["option"]) == {"b"} and back["expedited"].all() and not back["delivery"].any()
    assert set(back["stamp_channel"]) == {"post_office"} and set(back["stamp_lead_days"]) == {40}


def test_sweep_reads_rules_from_a_params_file(capsys, tmp_path, raw_parameters, write_parameters):
    raw_parameters["parameters"]["fee_expedited"]["values"] = [{"value": "30.00"}]
    params_file = write_parameters(raw_parameters)
    path = tmp_path / "r.parquet"
    code, _, _ = run(capsys, "sweep", *GRID, "--options", "b", "--expedited", "yes", "--delivery",
                     "no", "--params", str(params_file), "--out", str(path))
    assert code == 0
    back = export.read_table(path)
    open_rows = back["option_available"]
    assert open_rows.any()
    assert set(back.loc[open_rows, "fees_cents"]) == {3000}


def test_sweep_refuses_to_overwrite_without_force_and_overwrites_with_it(capsys, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("analyst's own file\n")
    code, out, err = run(capsys, "sweep", *GRID, "--out", str(path))
    assert code == 2 and out == ""
    assert "file exists" in err and "--force" in err and str(path) in err and "Traceback" not in err
    assert path.read_text() == "analyst's own file\n"
    code, _, _ = run(capsys, "sweep", *GRID, "--out", str(path), "--force")
    assert code == 0
    assert len(export.read_table(path)) == len(explorer.sweep(EXPIRY, APPLICATION, freq="MS"))


def test_interrupted_sweep_write_exits_130_and_leaves_no_partial_file(capsys, tmp_path, monkeypatch):
    real = export._WRITERS["parquet"]

    def write_then_interrupt(frame, target):
        real(frame, target)
        raise KeyboardInterrupt

    monkeypatch.setitem(export._WRITERS, "parquet", write_then_interrupt)
    path = tmp_path / "r.parquet"
    code, _, err = run(capsys, "sweep", *GRID, "--out", str(path))
    assert code == 130 and "interrupted" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []

    path.write_bytes(b"previous results")
    code, _, _ = run(capsys, "sweep", *GRID, "--out", str(path), "--force")
    assert code == 130
    assert path.read_bytes() == b"previous results"
    assert [p.name for p in tmp_path.iterdir()] == ["r.parquet"]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--expiry", "2022-12-31:2020-01-01", "--application", APPLICATION], ["expiry", "2022-12-31"]),
        ([*GRID, "--options", "a,c"], ["--options", "'c'"]),
        ([*GRID, "--expedited", "maybe"], ["--expedited", "maybe"]),
        ([*GRID, "--set", "colour=red"], ["colour", "red", "stamp_channel"]),
        ([*GRID, "--set", "stamp_channel=carrier_pigeon"], ["stamp_channel", "carrier_pigeon"]),
        ([*GRID, "--set", "stamp_lead_days=-3"], ["stamp_lead_days", "-3", "negative"]),
        ([*GRID, "--set", "stamp_lead_days"], ["--set", "COLUMN=VALUE"]),
        ([*GRID, "--max-rows", "100"], ["sweep rows", "968", "100"]),
        ([*GRID, "--freq", "fortnightly"], ["freq", "fortnightly"]),
        ([*GRID, "--params", "no-such-parameters.yaml"], ["no-such-parameters.yaml"]),
    ],
)
def test_bad_input_prints_the_field_and_value_without_a_traceback(capsys, tmp_path, args, named):
    path = tmp_path / "r.csv"
    code, out, err = run(capsys, "sweep", *args, "--out", str(path))
    assert code == 2
    assert err.startswith("explorer: error: ") and err.count("\n") == 1
    for word in named:
        assert word in err
    assert "Traceback" not in err and out == ""
    assert list(tmp_path.iterdir()) == []


def test_too_many_rows_for_excel_is_refused_before_the_sweep(capsys, tmp_path, monkeypatch):
    def no_sweep(**kwargs):
        raise AssertionError("the sweep ran although the file could not take it")

    monkeypatch.setattr(cli, "sweep", no_sweep)
    code, _, err = run(capsys, "sweep", "--expiry", "2020-01-01:2022-12-31", "--application",
                       "2020-01-01:2021-12-31", "--out", str(tmp_path / "all.xlsx"))
    assert code == 2 and "too many rows for Excel" in err
    assert str(1096 * 731 * 2 * 2 * 2) in err  # days of 2020-2022 x days of 2020-2021 x choices


def test_argparse_errors_exit_2_with_usage(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["sweep", "--expiry", EXPIRY, "--out", "r.csv"])
    assert info.value.code == 2
    assert "--application" in capsys.readouterr().err


def test_keyboard_interrupt_during_the_sweep_exits_130(capsys, tmp_path, monkeypatch):
    def interrupted(**kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "sweep", interrupted)
    code, _, err = run(capsys, "summary", *GRID)
    assert code == 130 and "Traceback" not in err


def _section(out: str, title_start: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"== {title_start}"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("==")), len(lines))
    return [line for line in lines[start + 1:end] if line.strip()]


def test_summary_prints_three_tables_whose_totals_are_sums_over_the_sweep(capsys, expected):
    code, out, err = run(capsys, "summary", *GRID)
    assert (code, err) == (0, "")
    assert out.startswith(f"{len(expected):,} scenarios")
    status = _section(out, "status by expiry period (MS) x application period (MS)")
    deadlines = _section(out, "deadlines by expiry period (MS)")
    fees = _section(out, "fees, visits")
    assert "dominant status" in status[0] and "apply by (earliest)" in deadlines[0]
    assert len(status) - 1 == expected.groupby([expected["card_expiry"].dt.to_period("M"),
                                                expected["application_date"].dt.to_period("M")]).ngroups
    assert len(deadlines) - 1 == expected["card_expiry"].dt.to_period("M").nunique()
    groups = expected.groupby(["option", "expedited", "delivery"], observed=True)
    assert len(fees) - 1 == groups.ngroups
    for (option, expedited, delivery), rows in groups:
        line = next(t for t in (line.split() for line in fees[1:])
                    if t[:3] == [option, str(expedited), str(delivery)])
        assert str(int(rows["fees_cents"].sum())) in line
        assert str(int(rows["visits"].sum())) in line
        assert str(int(rows["gap_days"].fillna(0).sum())) in line
        assert str(len(rows)) in line


def test_summary_workbook_totals_equal_sums_over_the_sweep(capsys, tmp_path, expected):
    path = tmp_path / "summary.xlsx"
    code, out, _ = run(capsys, "summary", *GRID, "--expiry-period", "QS", "--application-period",
                       "YS", "--out", str(path))
    assert code == 0 and str(path) in out
    sheets = export.read_workbook(path)
    assert list(sheets) == ["status", "deadlines", "fees"]
    counts = expected["status"].astype(str).value_counts()
    for status, count in counts.items():
        assert sheets["status"][status].sum() == count
    assert sheets["status"]["rows"].sum() == sheets["deadlines"]["rows"].sum() == len(expected)
    assert len(sheets["deadlines"]) == expected["card_expiry"].dt.to_period("Q").nunique()
    assert sheets["fees"]["total fees (cents)"].sum() == expected["fees_cents"].sum()
    assert sheets["fees"]["total visits"].sum() == expected["visits"].sum()


def test_summary_out_must_be_a_workbook(capsys, tmp_path):
    code, out, err = run(capsys, "summary", *GRID, "--out", str(tmp_path / "s.csv"))
    assert code == 2 and ".xlsx" in err and out == ""


def test_help_shows_the_readme_example(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    assert "explorer sweep --expiry 2020-01-01:2022-12-31 --application 2020-01-01:2021-08-31" in text
    assert "sweep" in text and "summary" in text


def test_subcommands_come_from_the_registry():
    parser = cli.build_parser()
    choices = next(a for a in parser._actions if a.dest == "command").choices
    assert set(choices) == set(cli.SUBCOMMANDS) >= {"sweep", "summary"}


def test_installed_explorer_script_writes_the_same_rows(tmp_path, expected):
    assert SCRIPT.exists(), f"{SCRIPT} missing: run `.venv/bin/pip install -e . --no-deps`"
    path = tmp_path / "r.csv"
    done = subprocess.run([str(SCRIPT), "sweep", *GRID, "--out", str(path)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    pd.testing.assert_frame_equal(export.read_table(path), comparable(expected))
    again = subprocess.run([str(SCRIPT), "sweep", *GRID, "--out", str(path)], capture_output=True,
                           text=True, timeout=300)
    assert again.returncode == 2
    assert "file exists" in again.stderr and "Traceback" not in again.stderr
