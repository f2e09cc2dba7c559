"""The policy subcommands end to end through cli.main: reforms on sweeps, compare, population, reforms."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

import explorer
from explorer.core import engine
from explorer.interfaces import cli, export
from explorer.scenarios.population import load_population
from explorer.tables.aggregates import all_aggregates
from explorer.whatif.compare import compare
from explorer.whatif.reforms import REFORMS_DIR, list_reforms, load_reform
from tests.paths import ROOT

SAMPLE = ROOT / "data" / "populations" / "sample.csv"
EXPIRY = "2020-10-01:2021-08-31"
APPLICATION = "2020-09-01:2021-07-31"
GRID = ["--expiry", EXPIRY, "--application", APPLICATION, "--freq", "MS"]
SWEEP = dict(expiry=EXPIRY, application=APPLICATION, freq="MS")
DEADLINE = "transition-deadline-2021-12-31"
FEE_30 = "expedited-fee-30-from-2021"
AGGREGATE_SHEETS = ["applications per week", "fees per month", "late and why", "days without a card",
                    "five-year cards ending per week"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def section(out: str, title_start: str) -> list[str]:
    """The non-blank lines under the `== title ==` line that starts with title_start."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"== {title_start}"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("==")), len(lines))
    return [line for line in lines[start + 1:end] if line.strip() and not line.startswith("wrote ")]


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Categoricals and strings as object text, so workbook read-backs compare with API tables."""
    out = frame.copy()
    for name in out.columns:
        if isinstance(out[name].dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(out[name].dtype):
            out[name] = out[name].astype(object).where(out[name].notna(), None).astype(str)
    return out.reset_index(drop=True)


def assert_sheets_equal(sheets: dict[str, pd.DataFrame], tables: dict[str, pd.DataFrame],
                        problems: pd.DataFrame | None = None) -> None:
    """The workbook holds the aggregate tables, then the problems when there are any."""
    assert list(sheets) == AGGREGATE_SHEETS + ([] if problems is None else ["problems"])
    for sheet, table in zip(sheets.values(), [*tables.values(), *([] if problems is None else [problems])],
                            strict=True):
        pd.testing.assert_frame_equal(plain(sheet), plain(table), check_dtype=False)


@pytest.fixture(scope="module")
def sample_load() -> explorer.scenarios.population.PopulationLoad:
    return load_population(SAMPLE)


@pytest.fixture(scope="module")
def sample_aggregates(sample_load) -> dict[str, pd.DataFrame]:
    return all_aggregates(explorer.evaluate(sample_load.good))


# --- explorer reforms -----------------------------------------------------------------------


def test_reforms_lists_every_shipped_reform_with_its_changes(capsys):
    code, out, err = run(capsys, "reforms")
    assert (code, err) == (0, "")
    reforms = list_reforms()
    assert len(reforms) == len(list(REFORMS_DIR.glob("*.yaml"))) >= 4
    for reform in reforms:
        assert f"{reform.name}  ({Path(reform.path).name})" in out
        for _, change in reform.table().iterrows():
            assert f"{change['parameter']}: {change['baseline']} -> {change['reform']}" in out
    assert "fee_expedited: 24.50 -> 0.00" in out


# --- --reform on sweep and summary ----------------------------------------------------------


def test_sweep_with_a_shipped_reform_writes_the_rows_the_reform_gives(capsys, tmp_path):
    path = tmp_path / "r.parquet"
    code, _, err = run(capsys, "sweep", *GRID, "--reform", DEADLINE, "--out", path)
    assert (code, err) == (0, "")
    reformed = explorer.sweep(**SWEEP, params=load_reform(DEADLINE).apply())
    baseline = explorer.sweep(**SWEEP)
    back = export.read_table(path)
    pd.testing.assert_frame_equal(back, reformed)
    moved = back["status"].astype(str) != baseline["status"].astype(str)
    assert moved.any()
    assert set(baseline.loc[moved, "status"].astype(str)) == {"late_transition_deadline"}


def test_sweep_applies_a_reform_file_after_the_params_file(capsys, tmp_path, raw_parameters,
                                                           write_parameters):
    raw_parameters["parameters"]["fee_delivery"]["values"] = [{"value": "5.00"}]
    params_file = write_parameters(raw_parameters)
    reform_file = tmp_path / "free-expedited.yaml"
    reform_file.write_text(yaml.safe_dump({"name": "free", "description": "no expedited fee",
                                           "changes": {"fee_expedited": "0.00"}}))
    path = tmp_path / "r.parquet"
    code, _, err = run(capsys, "sweep", *GRID, "--options", "b", "--expedited", "yes", "--delivery", "yes",
                       "--params", params_file, "--reform", reform_file, "--out", path)
    assert (code, err) == (0, "")
    back = export.read_table(path)
    assert back["option_available"].any()
    assert set(back.loc[back["option_available"], "fees_cents"]) == {500}  # delivery 5.00, expedited 0


def test_summary_with_a_reform_prints_the_reformed_fee_totals(capsys):
    code, out, err = run(capsys, "summary", *GRID, "--reform", "expedited-fee-waived")
    assert (code, err) == (0, "")
    reformed = explorer.sweep(**SWEEP, params=load_reform("expedited-fee-waived").apply())
    baseline = explorer.sweep(**SWEEP)
    fees = [line.split() for line in section(out, "fees, visits")[1:]]
    for (option, expedited, delivery), rows in reformed.groupby(["option", "expedited", "delivery"],
                                                                observed=True):
        line = next(t for t in fees if t[:3] == [option, str(expedited), str(delivery)])
        assert str(int(rows["fees_cents"].sum())) in line
    assert reformed["fees_cents"].sum() < baseline["fees_cents"].sum()


# --- explorer compare -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def deadline_comparison():
    return compare(None, load_reform(DEADLINE), sweep=SWEEP)


def test_compare_prints_the_summary_and_tables_of_the_python_comparison(capsys, deadline_comparison):
    code, out, err = run(capsys, "compare", "--reform", DEADLINE, *GRID)
    assert (code, err) == (0, "")
    c = deadline_comparison
    assert out.startswith(c.summary() + "\n")
    assert "late_transition_deadline -> five_year_only" in out
    moves = section(out, "status transitions")
    assert len(moves) - 1 == len(c.status_transitions)
    for _, move in c.status_transitions.iterrows():
        assert [move["from"], move["to"], str(move["rows"]), str(move["changed"])] in \
            [line.split() for line in moves[1:]]
    shifts = section(out, "date shifts")
    assert [line.split()[0] for line in shifts[1:]] == list(c.date_shifts["output"])
    deltas = section(out, "fees, visits")
    assert deltas[0].split()[:4] == ["option", "expedited", "delivery", "rows"]
    total = deltas[-1].split()
    assert total[:3] == ["all", "all", "all"]
    want = c.deltas.iloc[-1]
    assert int(total[3]) == want["rows"] == len(c.rows)
    cents = [int(x) for x in total[7:10]]
    assert cents == [want["fees baseline (cents)"], want["fees reform (cents)"],
                     want["fees difference (cents)"]]
    assert cents[2] == (c.rows["fees_cents_reform"] - c.rows["fees_cents_baseline"]).sum() > 0
    assert [int(x) for x in total[-3:]] == [want["gap days baseline"], want["gap days reform"],
                                            want["gap days difference"]]


def test_compare_saves_the_tables_as_sheets_and_the_side_by_side_rows(capsys, tmp_path,
                                                                      deadline_comparison):
    book, rows = tmp_path / "compare.xlsx", tmp_path / "rows.parquet"
    code, out, err = run(capsys, "compare", "--reform", DEADLINE, *GRID, "--out", book, "--rows-out", rows)
    assert (code, err) == (0, "")
    assert str(book) in out and str(rows) in out
    c = deadline_comparison
    sheets = export.read_workbook(book)
    assert list(sheets) == ["summary", "parameters", "status transitions", "date shifts", "deltas"]
    assert list(sheets["summary"]["summary"]) == c.summary().splitlines()
    assert list(sheets["parameters"]["parameter"]) == ["transition_deadline", "eu_card_valid_until"]
    assert sheets["status transitions"]["rows"].sum() == len(c.rows)
    pd.testing.assert_frame_equal(plain(sheets["deltas"]), plain(c.deltas), check_dtype=False)
    pd.testing.assert_frame_equal(export.read_table(rows), c.rows.reset_index(drop=True))


def test_compare_rows_as_csv_keep_every_row_and_change_flag(capsys, tmp_path, deadline_comparison):
    rows = tmp_path / "rows.csv"
    code, _, _ = run(capsys, "compare", "--reform", DEADLINE, *GRID, "--rows-out", rows)
    assert code == 0
    back = export.read_table(rows)
    c = deadline_comparison
    assert len(back) == len(c.rows) and back["any_changed"].sum() == c.rows["any_changed"].sum() > 0
    assert list(back["status_reform"]) == list(c.rows["status_reform"].astype(str))


def test_compare_against_a_baseline_reform_stacks_the_reform_on_it(capsys):
    code, out, err = run(capsys, "compare", "--baseline", DEADLINE, "--reform", FEE_30, *GRID)
    assert (code, err) == (0, "")
    want = compare(load_reform(DEADLINE), load_reform(FEE_30), sweep=SWEEP)
    assert f"\u201c{FEE_30}\u201d against \u201c{DEADLINE}\u201d" in out.splitlines()[0]
    total = section(out, "fees, visits")[-1].split()
    assert int(total[9]) == want.deltas.iloc[-1]["fees difference (cents)"] > 0
    # on the deadline reform's rules, the extra second applications (option a) pay 30.00 too
    alone = compare(None, load_reform(FEE_30), sweep=SWEEP).deltas.iloc[-1]["fees difference (cents)"]
    assert int(total[9]) != alone


def test_compare_refuses_to_overwrite_before_any_work_and_overwrites_with_force(capsys, tmp_path,
                                                                               monkeypatch):
    book, rows = tmp_path / "c.xlsx", tmp_path / "rows.parquet"
    rows.write_bytes(b"analyst's file")
    code, out, err = run(capsys, "compare", "--reform", DEADLINE, *GRID, "--out", book, "--rows-out", rows)
    assert code == 2 and out == "" and "file exists" in err and str(rows) in err
    assert rows.read_bytes() == b"analyst's file" and not book.exists()
    code, _, _ = run(capsys, "compare", "--reform", DEADLINE, *GRID, "--out", book, "--rows-out", rows,
                     "--force")
    assert code == 0 and book.exists()
    assert len(export.read_table(rows)) == len(explorer.sweep(**SWEEP))


# --- explorer population --------------------------------------------------------------------


def test_population_prints_the_bad_rows_and_the_aggregates_of_the_good_ones(capsys, tmp_path, sample_load,
                                                                            sample_aggregates):
    book = tmp_path / "aggregates.xlsx"
    code, out, err = run(capsys, "population", SAMPLE, "--out", book)
    assert (code, err) == (0, "")
    assert out.startswith(sample_load.summary() + "\n")
    assert "16 rows read, 9 valid, 7 with problems (8 problems)" in out
    problems = [line.split() for line in section(out, "problems")[1:]]
    assert [int(p[0]) for p in problems] == list(sample_load.bad["row"]) == [10, 11, 12, 12, 13, 14, 15, 16]
    assert "2020-13-01" in out and "maybe" in out and "not a whole number" in out
    assert_sheets_equal(export.read_workbook(book), sample_aggregates, sample_load.bad)
    fees = section(out, "fees per month")
    total = sum(float(line.split()[3]) for line in fees[1:])
    assert total == sample_aggregates["fees_per_month"]["fees_cents"].sum() > 0
    late = section(out, "late and why")
    assert len(late) - 1 == len(sample_aggregates["late_by_reason"])
    assert "applied after the transition deadline" in out
    assert len(section(out, "days without a card")) - 1 == len(sample_aggregates["gap_histogram"])


def test_population_prints_the_first_problems_and_saves_all_of_them(capsys, tmp_path, monkeypatch,
                                                                    sample_load):
    monkeypatch.setattr(cli, "BAD_SHOWN", 3)
    code, out, _ = run(capsys, "population", SAMPLE)
    assert code == 0 and "the first 3; save all of them with --bad-out" in out
    assert [int(line.split()[0]) for line in section(out, "problems")[1:]] == [10, 11, 12]
    bad = tmp_path / "bad.csv"
    code, out, _ = run(capsys, "population", SAMPLE, "--bad-out", bad)
    assert code == 0 and f"wrote all 8 problems to {bad}" in out
    back = export.read_table(bad)
    assert list(back.columns) == ["row", "column", "value", "reason"]
    pd.testing.assert_frame_equal(back[["row", "column", "reason"]],
                                  plain(sample_load.bad[["row", "column", "reason"]]), check_dtype=False)


def test_population_with_a_reform_aggregates_the_reformed_rules(capsys, tmp_path, sample_load,
                                                                sample_aggregates):
    book = tmp_path / "aggregates.xlsx"
    code, _, _ = run(capsys, "population", SAMPLE, "--reform", "expedited-fee-waived", "--out", book)
    assert code == 0
    params = load_reform("expedited-fee-waived").apply()
    want = all_aggregates(explorer.evaluate(sample_load.good, params), params)
    assert_sheets_equal(export.read_workbook(book), want, sample_load.bad)
    baseline_fees = sample_aggregates["fees_per_month"]["fees_cents"].sum()
    assert want["fees_per_month"]["fees_cents"].sum() < baseline_fees


def test_population_in_chunks_shows_a_progress_bar_on_stderr_and_gives_the_same_tables(
        capsys, tmp_path, monkeypatch, sample_load, sample_aggregates):
    monkeypatch.setattr(engine, "CHUNK_ROWS", 4)
    book = tmp_path / "aggregates.xlsx"
    code, out, err = run(capsys, "population", SAMPLE, "--out", book)
    assert code == 0
    assert "chunks: 100%" in err and "3/3" in err and "chunk/s" not in out
    assert_sheets_equal(export.read_workbook(book), sample_aggregates, sample_load.bad)
    code, _, err = run(capsys, "population", SAMPLE, "--no-progress", "--out", book, "--force")
    assert code == 0 and err == ""


def _aggregate_text(out: str) -> str:
    return out[out.index("== applications per week"):]


def test_population_with_dask_equals_pandas_on_the_sample(capsys, tmp_path, sample_load, sample_aggregates):
    code, pandas_out, _ = run(capsys, "population", SAMPLE)
    assert code == 0
    book = tmp_path / "dask.xlsx"
    code, out, err = run(capsys, "population", SAMPLE, "--dask", "--out", book)
    assert code == 0
    assert "100% Completed" in err and "Completed" not in out  # Dask's bar goes to stderr
    assert f"{SAMPLE}: 1 file(s), 16 rows read, 9 valid, 7 with problems (8 problems)" in out
    assert _aggregate_text(out).replace(str(book), "") == _aggregate_text(pandas_out) + \
        "\nwrote the aggregate tables to \n"
    sheets = export.read_workbook(book)
    problems = sheets.pop("problems")
    assert set(problems["file"]) == {str(SAMPLE)}  # Dask names each problem's file
    assert_sheets_equal({**sheets, "problems": problems.drop(columns="file")}, sample_aggregates,
                        sample_load.bad)


def _split_sample(tmp_path: Path) -> str:
    lines = SAMPLE.read_text().splitlines()
    (tmp_path / "pop-1.csv").write_text("\n".join([lines[0], *lines[1:9]]) + "\n")
    (tmp_path / "pop-2.csv").write_text("\n".join([lines[0], *lines[9:]]) + "\n")
    return str(tmp_path / "pop-*.csv")


def test_population_with_dask_reads_a_glob_of_files_like_one_file(capsys, tmp_path, sample_aggregates):
    pattern = _split_sample(tmp_path)
    book, bad = tmp_path / "agg.xlsx", tmp_path / "bad.csv"
    code, out, _ = run(capsys, "population", pattern, "--dask", "--no-progress", "--out", book,
                       "--bad-out", bad)
    assert code == 0
    assert "2 file(s), 16 rows read, 9 valid, 7 with problems (8 problems)" in out
    problems = export.read_table(bad)
    sheets = export.read_workbook(book)
    in_book = sheets.pop("problems")  # the same problems; the CSV file keeps "-2" from running as a formula
    pd.testing.assert_frame_equal(in_book.drop(columns="value"), problems.drop(columns="value"))
    assert_sheets_equal(sheets, sample_aggregates)
    assert set(problems["file"]) == {str(tmp_path / "pop-2.csv")}
    assert list(problems["row"]) == [2, 3, 4, 4, 5, 6, 7, 8]  # rows 10-16 of the sample, numbered per file


def test_population_on_a_dask_scheduler_equals_pandas(capsys, tmp_path, sample_aggregates):
    from distributed import LocalCluster

    pattern = _split_sample(tmp_path)
    book = tmp_path / "agg.xlsx"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        code, out, err = run(capsys, "population", pattern, "--dask", "--scheduler",
                             cluster.scheduler_address, "--out", book)
    assert code == 0, err
    assert "9 valid" in out and "Completed" in err and "Completed" not in out
    sheets = export.read_workbook(book)
    assert list(sheets.pop("problems")["row"]) == [2, 3, 4, 4, 5, 6, 7, 8]  # the second file's rows
    assert_sheets_equal(sheets, sample_aggregates)


def test_population_with_no_valid_row_reports_the_problems_and_empty_tables(capsys, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("card_expiry,application_date\n2020-02-30,2020-01-01\n,2020-01-01\n")
    code, out, err = run(capsys, "population", path)
    assert (code, err) == (0, "")
    assert "2 rows read, 0 valid, 2 with problems" in out
    assert out.count("(no rows)") == 5


# --- bad input ------------------------------------------------------------------------------


def _bad_yaml(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text("name: broken\ndescription: [unclosed\nchanges: {}\n")
    return path


def _unknown_parameter(tmp_path: Path) -> Path:
    path = tmp_path / "colour.yaml"
    path.write_text(yaml.safe_dump({"name": "c", "description": "d", "changes": {"colour": "red"}}))
    return path


def _no_description(tmp_path: Path) -> Path:
    path = tmp_path / "short.yaml"
    path.write_text(yaml.safe_dump({"name": "c", "changes": {"fee_expedited": "1.00"}}))
    return path


def _no_columns(tmp_path: Path) -> Path:
    path = tmp_path / "ids.csv"
    path.write_text("id,weight\nh1,1\n")
    return path


SHIPPED = sorted(p.stem for p in REFORMS_DIR.glob("*.yaml"))


@pytest.mark.parametrize(
    ("make_args", "named"),
    [
        (lambda t: ["sweep", *GRID, "--reform", "no-such-reform", "--out", t / "r.csv"],
         ["--reform", "'no-such-reform'", "no such reform", *SHIPPED]),
        (lambda t: ["sweep", *GRID, "--reform", _bad_yaml(t), "--out", t / "r.csv"],
         ["broken.yaml", "not valid YAML"]),
        (lambda t: ["summary", *GRID, "--reform", _unknown_parameter(t)],
         ["colour.yaml", "changes.colour", "'red'", "unknown parameter", "fee_expedited"]),
        (lambda t: ["compare", *GRID, "--reform", _no_description(t)],
         ["short.yaml", "description", "missing key"]),
        (lambda t: ["compare", *GRID, "--reform", DEADLINE, "--baseline", "nope"],
         ["--baseline", "'nope'", DEADLINE]),
        (lambda t: ["compare", *GRID, "--reform", DEADLINE, "--out", t / "c.csv"],
         ["--out", "c.csv", ".xlsx"]),
        (lambda t: ["compare", *GRID, "--reform", DEADLINE, "--rows-out", t / "rows.txt"],
         ["rows.txt", "unknown file type"]),
        (lambda t: ["compare", *GRID, "--reform", DEADLINE, "--out", t / "c.xlsx",
                    "--rows-out", t / "c.xlsx"],
         ["--rows-out", "same file as --out"]),
        (lambda t: ["compare", "--expiry", "2021-01-01:2020-01-01", "--application", APPLICATION,
                    "--reform", DEADLINE], ["expiry", "2021-01-01"]),
        (lambda t: ["population", t / "missing.csv"], ["missing.csv", "file not found"]),
        (lambda t: ["population", _no_columns(t)], ["ids.csv", "card_expiry", "missing required column"]),
        (lambda t: ["population", _no_columns(t), "--dask"],
         ["ids.csv", "card_expiry", "missing required column"]),
        (lambda t: ["population", t / "nomatch-*.csv", "--dask"], ["nomatch-*.csv", "no file found"]),
        (lambda t: ["population", SAMPLE, "--scheduler", "tcp://127.0.0.1:8786"], ["--scheduler", "--dask"]),
        (lambda t: ["population", SAMPLE, "--dask", "--scheduler", "nonsense"],
         ["--scheduler", "'nonsense'"]),
        (lambda t: ["population", SAMPLE, "--out", t / "agg.csv"], ["--out", "agg.csv", ".xlsx"]),
        (lambda t: ["population", SAMPLE, "--reform", "nope"], ["--reform", "'nope'", *SHIPPED]),
    ],
)
def test_bad_input_prints_one_line_naming_the_file_key_and_value(capsys, tmp_path, make_args, named):
    args = make_args(tmp_path)
    before = sorted(tmp_path.iterdir())
    code, out, err = run(capsys, *args)
    assert code == 2, err
    assert err.startswith("explorer: error: ") and err.count("\n") == 1, err
    for word in named:
        assert word in err
    assert "Traceback" not in err and out == ""
    assert sorted(tmp_path.iterdir()) == before


def test_an_unreachable_scheduler_is_reported_after_the_timeout(capsys, monkeypatch):
    monkeypatch.setattr(cli, "SCHEDULER_TIMEOUT", 1)
    code, out, err = run(capsys, "population", SAMPLE, "--dask", "--scheduler", "tcp://127.0.0.1:1")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "--scheduler = 'tcp://127.0.0.1:1'" in err and "Timed out" in err


def test_compare_needs_a_reform_or_a_reading(capsys):
    code = cli.main(["compare", *GRID])
    err = capsys.readouterr().err
    assert code == 2 and "--reform" in err and "--reading NAME=VALUE" in err


@pytest.mark.parametrize(("command", "flags"), [
    ("sweep", ["--reform", "--params"]),
    ("summary", ["--reform", "--params"]),
    ("compare", ["--reform", "--baseline", "--params", "--expiry", "--max-rows", "--out", "--rows-out",
                 "--force"]),
    ("population", ["FILE", "--reform", "--dask", "--scheduler", "--bad-out", "--out", "--no-progress"]),
    ("reforms", []),
])
def test_help_of_each_policy_subcommand_lists_its_options(capsys, command, flags):
    with pytest.raises(SystemExit) as info:
        cli.main([command, "--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith(f"usage: explorer {command}")
    for flag in flags:
        assert flag in text
