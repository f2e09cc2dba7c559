"""explorer.interfaces.export: every format round-trips a sweep, nothing is overwritten or half-written."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import explorer
from explorer.interfaces import export
from explorer.tables.summaries import DATE_OUTPUTS

FORMATS = ("csv", "parquet", "xlsx")
DATE_COLUMNS = ("card_expiry", "application_date", "second_application_date", "stamp_refund_by",
                *DATE_OUTPUTS)


@pytest.fixture(scope="module")
def result() -> pd.DataFrame:
    """A small sweep with every status but out_of_scope, open and closed paths, stamps or none."""
    return explorer.sweep("2020-10-01:2021-08-31", "2020-09-01:2021-07-31", freq="MS",
                          stamp_channel="vending_machine", stamp_lead_days=31)


def as_written(frame: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """What a format can hold: CSV and Excel keep categoricals as plain strings."""
    if fmt == "parquet":
        return frame
    out = frame.copy()
    for name in out.select_dtypes("category").columns:
        out[name] = out[name].astype("str")
    return out


def files_in(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_reads_back_equal_to_the_sweep(result, tmp_path, fmt):
    path = export.write_table(result, tmp_path / f"results.{fmt}")
    back = export.read_table(path)
    assert list(back.columns) == list(result.columns)
    for name in DATE_COLUMNS:
        assert back[name].dtype == np.dtype("datetime64[us]"), name
    assert back["fees_cents"].dtype == np.int64
    assert back["fees_cents"].sum() == result["fees_cents"].sum() > 0
    assert back["status"].astype(str).value_counts().to_dict() == \
        result["status"].astype(str).value_counts().to_dict()
    # Excel stores every number alike: int/float dtypes may differ there, values may not.
    pd.testing.assert_frame_equal(back, as_written(result, fmt), check_dtype=fmt != "xlsx")
    assert files_in(tmp_path) == [f"results.{fmt}"]


def test_parquet_keeps_every_dtype_including_categoricals(result, tmp_path):
    back = export.read_table(export.write_table(result, tmp_path / "r.parquet"))
    assert back.dtypes.to_dict() == result.dtypes.to_dict()
    assert isinstance(back["status"].dtype, pd.CategoricalDtype)


def test_csv_writes_dates_as_iso_days_and_blanks_for_missing(result, tmp_path):
    path = export.write_table(result.iloc[:50], tmp_path / "r.csv")
    header, first = path.read_text().splitlines()[:2]
    assert header.split(",")[:2] == ["card_expiry", "application_date"]
    assert first.startswith("2020-10-01,2020-09-01,")
    closed = result[~result["option_available"]].iloc[:1]
    text = export.to_bytes(closed, "csv").decode()
    row = dict(zip(*(line.split(",") for line in text.splitlines()), strict=True))
    assert row["five_year_issued_by"] == "" and row["gap_days"] == "" and row["stamp_ok"] == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_refuses_to_overwrite_an_existing_file_without_force(result, tmp_path, fmt):
    path = tmp_path / f"r.{fmt}"
    path.write_bytes(b"keep me")
    with pytest.raises(explorer.ExplorerError, match="--force") as info:
        export.write_table(result, path)
    assert info.value.field == "path" and info.value.value == str(path)
    assert path.read_bytes() == b"keep me"
    assert files_in(tmp_path) == [path.name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_force_overwrites_an_existing_file(result, tmp_path, fmt):
    path = tmp_path / f"r.{fmt}"
    path.write_bytes(b"old")
    export.write_table(result.iloc[:20], path, force=True)
    assert len(export.read_table(path)) == 20
    assert files_in(tmp_path) == [path.name]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("exc", [KeyboardInterrupt, OSError("disk full")])
def test_interrupted_write_leaves_neither_target_nor_temp_file(result, tmp_path, monkeypatch, fmt, exc):
    real = export._WRITERS[fmt]
    seen = []

    def write_then_fail(frame, target):
        real(frame.iloc[: len(frame) // 2], target)  # half the rows are on disk ...
        seen.append(Path(target))
        raise exc  # ... when the run is interrupted

    monkeypatch.setitem(export._WRITERS, fmt, write_then_fail)
    with pytest.raises(type(exc) if isinstance(exc, Exception) else exc):
        export.write_table(result.iloc[:40], tmp_path / f"r.{fmt}")
    assert seen and seen[0].parent == tmp_path  # the temp file was next to the target
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_interrupted_forced_write_keeps_the_existing_target_intact(result, tmp_path, monkeypatch, fmt):
    path = tmp_path / f"r.{fmt}"
    export.write_table(result.iloc[:10], path)
    before = path.read_bytes()
    real = export._WRITERS[fmt]

    def write_then_interrupt(frame, target):
        real(frame, target)
        raise KeyboardInterrupt

    monkeypatch.setitem(export._WRITERS, fmt, write_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        export.write_table(result.iloc[:40], path, force=True)
    assert path.read_bytes() == before
    assert files_in(tmp_path) == [path.name]


def test_failure_while_moving_into_place_removes_the_temp_file(result, tmp_path, monkeypatch):
    def fail(*args):
        raise OSError("no space left on device")

    monkeypatch.setattr(export.os, "replace", fail)
    with pytest.raises(OSError, match="no space"):
        export.write_table(result, tmp_path / "r.csv", force=True)
    assert files_in(tmp_path) == []


def test_written_file_has_ordinary_permissions_not_the_private_temp_ones(result, tmp_path):
    mask = os.umask(0o022)
    try:
        path = export.write_table(result.iloc[:5], tmp_path / "r.csv")
    finally:
        os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


@pytest.mark.parametrize("name", ["r.txt", "r.json", "results", "r.xls"])
def test_unknown_suffix_names_the_path_and_the_allowed_ones(result, tmp_path, name):
    with pytest.raises(explorer.ExplorerError) as info:
        export.write_table(result, tmp_path / name)
    message = str(info.value)
    assert name in message and ".csv" in message and ".parquet" in message and ".xlsx" in message
    assert files_in(tmp_path) == []


def test_missing_directory_is_refused_with_its_name(result, tmp_path):
    with pytest.raises(explorer.ExplorerError, match="does not exist"):
        export.write_table(result, tmp_path / "nowhere" / "r.csv")


def test_excel_row_limit_is_checked_before_anything_is_written(tmp_path):
    path = tmp_path / "big.xlsx"
    export.check_writable(path, rows=export.EXCEL_MAX_ROWS - 1)  # fits with the header row
    with pytest.raises(explorer.ExplorerError, match="too many rows for Excel"):
        export.check_writable(path, rows=export.EXCEL_MAX_ROWS)
    big = pd.DataFrame({"x": np.zeros(export.EXCEL_MAX_ROWS, dtype=np.int8)})
    with pytest.raises(explorer.ExplorerError, match="1,048,575"):
        export.write_table(big, path)
    with pytest.raises(explorer.ExplorerError, match="too many rows"):
        export.to_bytes(big, "xlsx")
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_to_bytes_gives_the_same_table_as_the_file(result, tmp_path, fmt):
    data = export.to_bytes(result, fmt)
    path = tmp_path / f"from-bytes.{fmt}"
    path.write_bytes(data)
    pd.testing.assert_frame_equal(export.read_table(path), as_written(result, fmt),
                                  check_dtype=fmt != "xlsx")


def test_to_bytes_rejects_unknown_formats(result):
    with pytest.raises(explorer.ExplorerError, match="format"):
        export.to_bytes(result, "json")


def test_workbook_holds_each_table_as_a_sheet(result, tmp_path):
    tables = {"status": explorer.status_table(result), "deadlines": explorer.deadlines_table(result),
              "fees": explorer.fees_table(result)}
    path = export.write_workbook(tables, tmp_path / "summary.xlsx")
    back = export.read_workbook(path)
    assert list(back) == list(tables)
    assert back["fees"]["total fees (cents)"].sum() == result["fees_cents"].sum()
    assert back["status"]["rows"].sum() == len(result)
    assert back["deadlines"]["apply by (earliest)"].dtype == np.dtype("datetime64[us]")
    same_bytes = export.to_bytes(tables, "xlsx")
    assert list(pd.read_excel(io.BytesIO(same_bytes), sheet_name=None)) == list(tables)


@pytest.mark.parametrize("name", ["", "a" * 32, "fees/2021", "x?"])
def test_workbook_rejects_sheet_names_excel_cannot_hold(result, tmp_path, name):
    with pytest.raises(explorer.ExplorerError, match="sheet name"):
        export.write_workbook({name: result.iloc[:3]}, tmp_path / "w.xlsx")
    assert files_in(tmp_path) == []


def test_workbook_must_be_an_xlsx_file(result, tmp_path):
    with pytest.raises(explorer.ExplorerError, match=".xlsx"):
        export.write_workbook({"fees": result.iloc[:3]}, tmp_path / "w.csv")


def test_read_table_of_a_missing_file_names_it(tmp_path):
    with pytest.raises(explorer.ExplorerError, match="no such file"):
        export.read_table(tmp_path / "absent.parquet")
