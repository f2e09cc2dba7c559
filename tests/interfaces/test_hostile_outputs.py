"""Files the explorer writes stay safe: no live formulas, no temporary file after SIGTERM/SIGHUP,
no stray traceback on a full disk."""

from __future__ import annotations

import gc
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from explorer.interfaces import cli, export

HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "plain", None]


def hostile_frame() -> pd.DataFrame:
    return pd.DataFrame({"text": HOSTILE, "number": [-1.5, 2, -3, 4, 5, 6],
                         "day": pd.to_datetime(["2021-01-01"] * 6), "=cmd": ["a"] * 6,
                         "cat": pd.Categorical(["=1", "b", "b", "b", "b", "b"])})


def test_csv_text_cells_that_look_like_formulas_get_an_apostrophe(tmp_path):
    path = export.write_table(hostile_frame(), tmp_path / "r.csv")
    back = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert back["text"].tolist() == ["'" + v for v in HOSTILE[:4]] + ["plain", ""]
    assert back["number"].tolist() == ["-1.5", "2.0", "-3.0", "4.0", "5.0", "6.0"]  # numbers untouched
    assert back["day"].tolist() == ["2021-01-01"] * 6 and list(back.columns)[3] == "'=cmd"
    assert back["cat"].tolist()[0] == "'=1"


def test_xlsx_text_cells_that_look_like_formulas_are_string_cells(tmp_path):
    path = export.write_table(hostile_frame(), tmp_path / "r.xlsx")
    sheet = openpyxl.load_workbook(path)["results"]
    for row, value in enumerate(HOSTILE[:5], start=2):
        cell = sheet.cell(row=row, column=1)
        assert (cell.value, cell.data_type) == (value, "s")
    assert sheet.cell(row=1, column=4).data_type == "s" and sheet.cell(row=1, column=4).value == "=cmd"
    assert sheet.cell(row=2, column=5).data_type == "s"
    assert sheet.cell(row=2, column=2).data_type == "n" and sheet.cell(row=2, column=2).value == -1.5
    assert sheet.cell(row=2, column=3).is_date


def test_the_bad_row_report_of_a_hostile_population_holds_no_formula(capsys, tmp_path):
    holders = tmp_path / "holders.csv"
    holders.write_text("card_expiry,application_date,option\n"
                       '"=HYPERLINK(""http://evil"",""x"")",2020-12-23,b\n'
                       "2021-03-10,2020-12-23,@SUM(A1)\n"
                       "2021-03-10,2020-12-23,b\n", encoding="utf-8")
    assert cli.main(["population", str(holders), "--bad-out", str(tmp_path / "bad.xlsx"),
                     "--no-progress"]) == 0
    assert cli.main(["population", str(holders), "--bad-out", str(tmp_path / "bad.csv"),
                     "--no-progress"]) == 0
    capsys.readouterr()
    sheet = openpyxl.load_workbook(tmp_path / "bad.xlsx").active
    cells = [sheet.cell(row=r, column=3) for r in (2, 3)]
    assert [c.data_type for c in cells] == ["s", "s"] and cells[0].value.startswith("=HYPERLINK")
    assert sheet.cell(row=2, column=1).data_type == "n"  # the row number stays a number
    text = (tmp_path / "bad.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'@SUM" in text and "\n=" not in text and ",=" not in text


def test_downloads_neutralise_formulas_too():
    data = export.to_bytes(hostile_frame(), "csv").decode("utf-8")
    assert "'=HYPERLINK" in data and "'+1+1" in data and ",-1.5," in data
    book = openpyxl.load_workbook(io.BytesIO(export.to_bytes({"s": hostile_frame()}, "xlsx")))
    assert book["s"].cell(row=2, column=1).data_type == "s"


SLOW_WRITER = """
import sys, time
from pathlib import Path
import pandas as pd
from explorer.interfaces import export

def slow(frame, target):
    with open(target, "w") as handle:
        handle.write("half a file")
        handle.flush()
        print("writing", flush=True)
        time.sleep(30)

export._WRITERS["csv"] = slow
export.write_table(pd.DataFrame({"a": [1]}), Path(sys.argv[1]))
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_or_sighup_mid_write_leaves_no_temporary_file(tmp_path, sig):
    script = tmp_path / "slow.py"
    script.write_text(SLOW_WRITER, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen([sys.executable, str(script), str(out / "r.csv")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    assert len(os.listdir(out)) == 1  # the temporary file, mid-write
    proc.send_signal(sig)
    proc.wait(timeout=20)
    assert proc.returncode != 0
    assert os.listdir(out) == []


def test_the_cli_exits_143_on_sigterm(tmp_path, monkeypatch, capsys):
    def terminate(frame, target):
        Path(target).write_text("half")
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)

    monkeypatch.setitem(export._WRITERS, "csv", terminate)
    code = cli.main(["sweep", "--expiry", "2020-10-01:2020-10-31", "--application", "2020-10-01:2020-10-31",
                     "--freq", "W", "--out", str(tmp_path / "r.csv")])
    assert code == 128 + signal.SIGTERM and "SIGTERM" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # the handler is put back


def test_a_full_disk_while_writing_xlsx_is_one_clean_error(tmp_path, monkeypatch):
    full = tmp_path / "full"
    full.symlink_to("/dev/full")
    seen = []

    def mkstemp(**_kwargs):
        seen.append(1)
        return os.open(os.devnull, os.O_RDONLY), str(full)

    monkeypatch.setattr(export.tempfile, "mkstemp", mkstemp)
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    with pytest.raises(OSError):
        export.write_table(hostile_frame(), tmp_path / "r.xlsx")
    gc.collect()
    assert seen and unraisable == []
    assert not (tmp_path / "r.xlsx").exists()
