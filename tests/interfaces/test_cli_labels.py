"""`explorer ... --labels en|sk|codes`: headers and status values in words, codes by default."""

from __future__ import annotations

import pandas as pd
import pytest

import explorer
from explorer import labels
from explorer.core.rules.transition import STATUSES
from explorer.interfaces import cli, export

EXPIRY = "2020-10-01:2021-08-31"
APPLICATION = "2020-09-01:2021-07-31"
GRID = ["--expiry", EXPIRY, "--application", APPLICATION, "--freq", "MS"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    return explorer.sweep(EXPIRY, APPLICATION, freq="MS")


def test_sweep_writes_slovak_headers_and_statuses(capsys, tmp_path, expected):
    path = tmp_path / "r.csv"
    code, _, err = run(capsys, "sweep", *GRID, "--labels", "sk", "--out", str(path))
    assert (code, err) == (0, "")
    back = pd.read_csv(path)
    assert list(back.columns) == [labels.label(c, "sk") for c in expected.columns]
    status = back[labels.label("status", "sk")]
    assert list(status) == [labels.label(s, "sk") for s in expected["status"].astype(str)]
    assert back[labels.label("fees_eur", "sk")].sum() == pytest.approx(expected["fees_eur"].sum())


def test_sweep_labels_default_to_codes(capsys, tmp_path, expected):
    path = tmp_path / "r.parquet"
    code, _, err = run(capsys, "sweep", *GRID, "--out", str(path))
    assert (code, err) == (0, "")
    assert list(export.read_table(path).columns) == list(expected.columns)


def test_summary_prints_and_saves_english_labels(capsys, tmp_path, expected):
    book = tmp_path / "s.xlsx"
    code, out, err = run(capsys, "summary", *GRID, "--labels", "en", "--out", str(book))
    assert (code, err) == (0, "")
    assert "Applied after the card expired" in out and "Most common status" in out
    assert "late_card_expired" not in out and "dominant status" not in out
    sheets = pd.read_excel(book, sheet_name=None)
    want = explorer.status_table(expected, labels="en")
    assert list(sheets["status"].columns) == list(want.columns)
    assert list(sheets["fees"].columns) == list(explorer.fees_table(expected, labels="en").columns)


def test_summary_codes_print_codes(capsys):
    code, out, _ = run(capsys, "summary", *GRID)
    assert code == 0 and "late_card_expired" in out and "Applied after the card expired" not in out


def test_compare_labels_tables_and_rows(capsys, tmp_path):
    rows = tmp_path / "rows.parquet"
    code, out, err = run(capsys, "compare", *GRID, "--reform", "transition-deadline-2021-12-31",
                         "--labels", "sk", "--rows-out", str(rows))
    assert (code, err) == (0, "")
    assert "Stav predtým (východiskový)" in out and labels.label("five_year_only", "sk") in out
    back = export.read_table(rows)
    before, after = "Stav (Východiskový stav)", "Stav (Reforma)"
    assert set(back[before].astype(str)) <= {labels.label(s, "sk") for s in STATUSES}
    assert (back[before] != back[after]).any()
    assert back["Dni bez platného preukazu (Zmenené)"].dtype == bool


def test_population_prints_labels(capsys):
    code, out, err = run(capsys, "population", "data/populations/sample.csv", "--labels", "sk",
                         "--no-progress")
    assert (code, err) == (0, "")
    assert "Týždeň (od pondelka)" in out and "Dôvod" in out and "včas" in out
    assert "applications_per_week" not in out and "path_status" not in out


def test_an_unknown_language_is_refused_by_argparse(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["sweep", *GRID, "--labels", "de", "--out", "x.csv"])
    assert info.value.code == 2
    assert "invalid choice: 'de'" in capsys.readouterr().err


def test_summary_writes_money_as_the_language_does_and_codes_as_plain_numbers(capsys, expected):
    fees = explorer.fees_table(expected)
    most = fees["total fees (EUR)"].max()
    assert most > 0
    _, english, _ = run(capsys, "summary", *GRID, "--labels", "en")
    _, slovak, _ = run(capsys, "summary", *GRID, "--labels", "sk")
    _, codes, _ = run(capsys, "summary", *GRID)
    assert f"€{most:,.2f}" in english
    assert f"{most:,.2f}".replace(",", "\u00a0").replace(".", ",") + "\u00a0€" in slovak
    assert f" {most} " in codes and "€" not in codes  # machine output: the number as pandas writes it
