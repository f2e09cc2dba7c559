"""Safe file export of result frames: CSV, Parquet or Excel by suffix, never half-written.

Writes go to a temporary file in the target's directory and are moved into place with
os.replace(), so an interrupted run leaves either the old file or the complete new one,
and never a stray temporary file.  An existing file is only overwritten with force=True.

Reading back (`read_table`): dates come back as datetime64; Parquet keeps every dtype,
categoricals included.  CSV and Excel hold no types, so there columns are re-typed from
their content: categoricals (option, status, ...) come back as plain strings, columns
without blanks as int64 / float64 / bool, columns with blanks as the nullable Int64 /
boolean (NaN for floats); Excel stores every number alike, so a float column whose
values are all whole (e.g. fees_eur of 0.0 only) comes back as int64.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..core.phrases import FILE_EXISTS, choice_of, detail, phrase
from ..errors import ExplorerError
from ..labels import Language
from ..tables.display import column_kinds
from .signals import unwinding_on_termination

FORMATS = {".csv": "csv", ".parquet": "parquet", ".xlsx": "xlsx"}
BYTE_FORMATS = ("csv", "xlsx", "parquet")
NEW_FILE_OR_FORCE = phrase(
    "allowed.new_file_or_force", "a new file name, or pass --force (force=True) to overwrite it"
)
EXCEL_MAX_ROWS = 1_048_576  # rows of a sheet, the header row included
EXCEL_MAX_COLUMNS = 16_384
_EXCEL_SHEET_NAME = re.compile(r"^[^\[\]:*?/\\]{1,31}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]00:00:00)?$")
_DATE_FORMAT = "YYYY-MM-DD"
DATE_FORMATS: dict[str, str] = {"codes": "yyyy-mm-dd", "en": "d mmm yyyy", "sk": "d. m. yyyy"}
"""Excel number format of a date cell in each language: the day only, never a time."""
MONEY_FORMATS: dict[str, str] = {"codes": '#,##0.00 "€"', "en": '"€"#,##0.00', "sk": '#,##0.00 "€"'}
"""Excel number format of a euro amount: the spreadsheet shows separators in its own locale."""
PERCENT_FORMAT = "0.0%"
FRACTION_FORMAT = "#,##0.00"  # a number with a fractional part (means, weighted counts): two places
WIDTH_SAMPLE_ROWS = 2_000  # rows measured for a column's width (a column's widest cells are rarely later)
MIN_WIDTH, MAX_WIDTH = 8, 60  # characters
FORMULA_START = r"[=+\-@\t\r]"
"""First characters that make a spreadsheet read a text cell as a formula (OWASP's list)."""


def file_format(path: str | Path) -> str:
    """The format ("csv", "parquet" or "xlsx") named by a path's suffix; ExplorerError otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        endings = ", ".join(FORMATS)
        raise ExplorerError(
            "path",
            str(path),
            phrase("allowed.file_ending", f"a file name ending in {endings}", choices=endings),
            problem=phrase("error.problem.unknown_file_type", "unknown file type"),
        )
    return FORMATS[suffix]


def check_writable(path: str | Path, rows: int | None = None, force: bool = False,
                   columns: int | None = None) -> str:
    """Fail early, before any work, if `path` cannot take a table of this size; return its format.

    Checks the suffix, that the directory exists, that an existing file is only replaced
    with force, and Excel's sheet limits."""
    path = Path(path)
    fmt = file_format(path)
    if path.is_dir():
        raise ExplorerError(
            "path",
            str(path),
            phrase("allowed.file_not_directory", "a file name, not a directory"),
            problem=phrase("error.problem.is_a_directory", "is a directory"),
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise ExplorerError(
            "path",
            str(path),
            phrase("allowed.file_in_existing_directory", "a file in an existing directory"),
            problem=phrase(
                "error.problem.no_directory", f"directory {str(parent)!r} does not exist", folder=str(parent)
            ),
        )
    if path.exists() and not force:
        raise ExplorerError("path", str(path), NEW_FILE_OR_FORCE, problem=FILE_EXISTS)
    if fmt == "xlsx":
        _check_excel_size(rows, columns, str(path))
    check_folder_writable(path)
    return fmt


def check_folder_writable(path: str | Path) -> None:
    """Before any work: make and remove a temporary file beside `path`, as the write will; an
    error names `path` (the file asked for) and says why (no permission, a read-only disk)."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    probe = parent / f".{path.name}.{secrets.token_hex(8)}.probe"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError as exc:
        why = detail(exc).english
        raise ExplorerError(
            "path",
            str(path),
            phrase("allowed.writable_folder", "a file in a folder this user can write to"),
            problem=phrase(
                "error.problem.cannot_write",
                f"cannot write in {str(parent)!r}: {why}",
                folder=str(parent),
                detail=why,
            ),
        ) from None
    os.close(fd)
    _remove(str(probe))


def write_table(frame: pd.DataFrame, path: str | Path, force: bool = False,
                lang: Language = "codes") -> Path:
    """Write `frame` to .csv, .parquet or .xlsx (by suffix), atomically; return the path.

    `lang` picks the Excel date and money formats (a sheet for people in "en" or "sk")."""
    fmt = check_writable(path, len(frame), force, len(frame.columns))
    words = {"lang": lang} if fmt == "xlsx" and lang != "codes" else {}
    return _write_atomically(Path(path), lambda tmp: _WRITERS[fmt](frame, tmp, **words), force)


def write_workbook(sheets: Mapping[str, pd.DataFrame], path: str | Path, force: bool = False,
                   lang: Language = "codes") -> Path:
    """Write several frames as the sheets of one .xlsx workbook, atomically; return the path."""
    path = Path(path)
    if file_format(path) != "xlsx":
        raise ExplorerError("path", str(path), phrase("allowed.xlsx_name", "a file name ending in .xlsx"),
                            problem=phrase("error.problem.workbook_is_excel",
                                           "a workbook with several sheets is an Excel file"))
    _check_sheets(sheets, str(path))
    check_writable(path, 0, force)
    return _write_atomically(path, lambda tmp: _write_excel_sheets(sheets, tmp, lang), force)


def to_bytes(data: pd.DataFrame | Mapping[str, pd.DataFrame], fmt: str, lang: Language = "codes") -> bytes:
    """The file content of a frame as "csv", "xlsx" or "parquet" (a mapping: sheets of one xlsx);
    `lang` picks the Excel date and money formats."""
    if fmt not in BYTE_FORMATS:
        raise ExplorerError("format", fmt, choice_of(BYTE_FORMATS))
    buffer = io.BytesIO()
    if isinstance(data, Mapping):
        if fmt != "xlsx":
            raise ExplorerError(
                "format",
                fmt,
                phrase("allowed.xlsx_format", "xlsx"),
                problem=phrase("error.problem.tables_need_workbook", "several tables need a workbook"),
            )
        _check_sheets(data, "download")
        _write_excel_sheets(data, buffer, lang)
        return buffer.getvalue()
    if fmt == "xlsx":
        _check_excel_size(len(data), len(data.columns), "download")
    _WRITERS[fmt](data, buffer, **({"lang": lang} if fmt == "xlsx" and lang != "codes" else {}))
    return buffer.getvalue()


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a table written by write_table (or any .csv/.parquet/.xlsx); see the module notes."""
    path = Path(path)
    fmt = file_format(path)
    if not path.is_file():
        raise ExplorerError("path", str(path), phrase("allowed.an_existing_file", "an existing file"),
                            problem=phrase("error.problem.no_such_file", "no such file"))
    if fmt == "parquet":
        return pd.read_parquet(path)
    if fmt == "csv":
        frame = pd.read_csv(path, dtype_backend="numpy_nullable")
    else:
        frame = pd.read_excel(path, dtype_backend="numpy_nullable", engine="openpyxl")
    return _retype(frame)


def read_workbook(path: str | Path) -> dict[str, pd.DataFrame]:
    """Every sheet of an .xlsx workbook, re-typed as read_table does."""
    path = Path(path)
    if file_format(path) != "xlsx" or not path.is_file():
        raise ExplorerError("path", str(path), phrase("allowed.existing_xlsx", "an existing .xlsx file"),
                            problem=phrase("error.problem.cannot_read_workbook", "cannot read workbook"))
    sheets = pd.read_excel(path, sheet_name=None, dtype_backend="numpy_nullable", engine="openpyxl")
    return {name: _retype(frame) for name, frame in sheets.items()}


def _write_atomically(path: Path, write: Callable[[str], None], force: bool) -> Path:
    """Run `write` on a temporary file next to `path`, then move it into place."""
    with unwinding_on_termination():
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".tmp{path.suffix}",
                                       dir=path.parent if str(path.parent) else ".")
        except OSError as exc:
            raise named_error(exc, path) from None
        os.close(fd)
        try:
            write(tmp)
            os.chmod(tmp, 0o666 & ~_umask())
            if force:
                os.replace(tmp, path)
            else:
                _move_without_overwrite(tmp, path)
        except OSError as exc:
            _remove(tmp)
            if exc.filename in (tmp, None) or exc.filename2 == str(path):
                # name the file asked for, never the hidden temporary file beside it
                raise named_error(exc, path) from None
            raise
        except BaseException:
            _remove(tmp)
            raise
    return path


def named_error(exc: OSError, path: str | Path) -> OSError:
    """The same file system error naming `path`, the file asked for (an error without an errno
    and reason is kept as it is)."""
    if not exc.strerror:
        return exc
    return OSError(exc.errno, exc.strerror, str(path))


def write_bytes(payload: bytes, path: str | Path, force: bool = False) -> Path:
    """Write ready-made file content (e.g. to_bytes) to `path`, atomically; return the path."""
    path = Path(path)
    check_writable(path, None, force)

    def write(tmp: str) -> None:
        with open(tmp, "wb") as handle:
            handle.write(payload)

    return _write_atomically(path, write, force)


def _move_without_overwrite(tmp: str, path: Path) -> None:
    """Move into place, refusing if a file appeared at `path` meanwhile (hard link when possible)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise ExplorerError("path", str(path), NEW_FILE_OR_FORCE, problem=FILE_EXISTS) from None
    except OSError:  # no hard links on this file system: check, then replace
        if path.exists():
            raise ExplorerError("path", str(path), NEW_FILE_OR_FORCE, problem=FILE_EXISTS) from None
        os.replace(tmp, path)
        return
    _remove(tmp)


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def formula_cells(col: pd.Series) -> np.ndarray | None:
    """True at the text cells a spreadsheet would read as a formula (they begin with = + - @,
    a tab or a carriage return); None for columns that hold no text (numbers, dates, flags)."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        categories = pd.Series(col.cat.categories)
        marks = formula_cells(categories)
        if marks is None or not marks.any():
            return None
        codes = col.cat.codes.to_numpy()
        return np.append(marks, False)[codes]
    if not (col.dtype == object or pd.api.types.is_string_dtype(col.dtype)):
        return None
    try:
        matched = col.str.match(FORMULA_START)
    except (AttributeError, TypeError):  # text mixed with other objects: only the text counts
        matched = col.astype("string").str.match(FORMULA_START) & col.map(type, na_action="ignore").eq(str)
    return matched.fillna(False).to_numpy(dtype=bool)


def _text_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a leading apostrophe on text cells (and column names) that would be formulas."""
    changed: dict[Any, pd.Series] = {}
    for j in range(frame.shape[1]):
        col = frame.iloc[:, j]
        marks = formula_cells(col)
        if marks is not None and marks.any():
            text = col.astype(object)
            changed[j] = text.where(~marks, "'" + text.astype("string").astype(object))
    names = pd.Series(frame.columns.astype(str))
    header = formula_cells(names)
    if not changed and not header.any():
        return frame
    out = frame.copy(deep=False)
    for j, col in changed.items():
        out.isetitem(j, col)
    if header.any():
        out.columns = names.where(~header, "'" + names)
    return out


def _write_csv(frame: pd.DataFrame, target: Any) -> None:
    _text_safe(frame).to_csv(target, index=False, date_format="%Y-%m-%d", lineterminator="\n")


def _write_parquet(frame: pd.DataFrame, target: Any) -> None:
    frame.to_parquet(target, index=False, engine="pyarrow")


def _write_excel(frame: pd.DataFrame, target: Any, lang: Language = "codes") -> None:
    _write_excel_sheets({"results": frame}, target, lang)


def _write_excel_sheets(sheets: Mapping[str, pd.DataFrame], target: Any, lang: Language = "codes") -> None:
    """The workbook, built in memory (a full disk then fails cleanly on one write, leaving no
    half-closed zip file behind), every text cell that looks like a formula stored as text,
    each sheet ready to send (see `_dress_sheet`)."""
    buffer = target if isinstance(target, io.BytesIO) else io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl", date_format=_DATE_FORMAT,
                        datetime_format=_DATE_FORMAT) as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False, freeze_panes=(1, 0))
            _cells_as_text(writer.sheets[name], frame)
            _dress_sheet(writer.sheets[name], frame, lang)
    if buffer is not target:
        with open(target, "wb") as handle:
            handle.write(buffer.getbuffer())


def _cells_as_text(sheet: Any, frame: pd.DataFrame) -> None:
    """Give the string cell type to the header and data cells that would be read as formulas."""
    header = formula_cells(pd.Series(frame.columns.astype(str)))
    for j in np.flatnonzero(header):
        sheet.cell(row=1, column=int(j) + 1).data_type = "s"
    for j in range(frame.shape[1]):
        marks = formula_cells(frame.iloc[:, j])
        if marks is not None:
            for i in np.flatnonzero(marks):  # only the few marked cells
                sheet.cell(row=int(i) + 2, column=j + 1).data_type = "s"


def _dress_sheet(sheet: Any, frame: pd.DataFrame, lang: Language) -> None:
    """A sheet ready to send: bold header row, frozen, with a filter; each column as wide as its
    header and widest sampled cell; dates as days (no time), euros and shares in € and %."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns = frame.shape[1]
    if not columns:
        return
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    last = get_column_letter(columns)
    sheet.auto_filter.ref = f"A1:{last}{len(frame) + 1}"
    formats = {"date": DATE_FORMATS.get(lang, DATE_FORMATS["codes"]),
               "money": MONEY_FORMATS.get(lang, MONEY_FORMATS["codes"]), "percent": PERCENT_FORMAT,
               "fraction": FRACTION_FORMAT}
    sample = frame.head(WIDTH_SAMPLE_ROWS)
    for j, kind in enumerate(column_kinds(frame)):
        letter = get_column_letter(j + 1)
        sheet.column_dimensions[letter].width = _width(sample.iloc[:, j], frame.columns[j], kind)
        if kind is not None and len(frame):
            for (cell,) in sheet.iter_rows(min_row=2, max_row=len(frame) + 1, min_col=j + 1, max_col=j + 1):
                cell.number_format = formats[kind]


def _width(sample: pd.Series, name: Any, kind: str | None) -> float:
    """Characters a column needs: its header (with room for the filter button) or its widest
    sampled cell, within MIN_WIDTH..MAX_WIDTH."""
    header = len(str(name)) + 3
    if kind == "date":
        cells = 12
    elif len(sample):
        lengths = sample.astype("string").str.len()
        cells = int(lengths.max()) if lengths.notna().any() else 0
        cells += 4 if kind == "money" else 1
    else:
        cells = 0
    return float(min(MAX_WIDTH, max(MIN_WIDTH, header, cells)))


_WRITERS: dict[str, Callable[..., None]] = {
    "csv": _write_csv,
    "parquet": _write_parquet,
    "xlsx": _write_excel,
}


def _check_excel_size(rows: int | None, columns: int | None, where: str) -> None:
    if rows is not None and rows + 1 > EXCEL_MAX_ROWS:
        most = EXCEL_MAX_ROWS - 1
        raise ExplorerError(
            "rows",
            rows,
            phrase(
                "allowed.excel_rows",
                f"at most {most:,} rows in an Excel sheet (use .csv or .parquet, or a coarser --freq)",
                max=most,
            ),
            source=where,
            problem=phrase("error.problem.too_many_excel_rows", "too many rows for Excel"),
        )
    if columns is not None and columns > EXCEL_MAX_COLUMNS:
        raise ExplorerError(
            "columns",
            columns,
            phrase(
                "allowed.excel_columns",
                f"at most {EXCEL_MAX_COLUMNS:,} columns in an Excel sheet",
                max=EXCEL_MAX_COLUMNS,
            ),
            source=where,
            problem=phrase("error.problem.too_many_excel_columns", "too many columns for Excel"),
        )


def _check_sheets(sheets: Mapping[str, pd.DataFrame], where: str) -> None:
    if not sheets:
        raise ExplorerError("sheets", {}, phrase("allowed.one_sheet", "at least one {name: frame}",
                                                 entry="{name: frame}"), source=where)
    seen: set[str] = set()
    for name, frame in sheets.items():
        if not isinstance(name, str) or not _EXCEL_SHEET_NAME.match(name) or name.lower() in seen:
            raise ExplorerError("sheet name", name, phrase("allowed.sheet_name", "a unique name of 1 to 31 "
                                                           "characters without [ ] : * ? / \\"), source=where)
        seen.add(name.lower())
        _check_excel_size(len(frame), len(frame.columns), f"{where} sheet {name!r}")


def _retype(frame: pd.DataFrame) -> pd.DataFrame:
    """Types of a frame read from CSV or Excel: ISO dates parsed, plain dtypes where no blanks."""
    out = {}
    for name in frame.columns:
        col = frame[name]
        has_na = bool(col.isna().any())
        if isinstance(col.dtype, pd.StringDtype):
            values = col.dropna()
            if len(values) and values.str.match(_ISO_DATE).all():
                col = pd.to_datetime(col, format="ISO8601").astype("datetime64[us]")
            else:
                col = col.astype("str")
        elif pd.api.types.is_datetime64_dtype(col.dtype):
            col = col.astype("datetime64[us]")
        elif isinstance(col.dtype, pd.Float64Dtype):
            col = col.astype("float64")
        elif isinstance(col.dtype, pd.Int64Dtype | pd.BooleanDtype) and not has_na:
            col = col.astype("int64" if isinstance(col.dtype, pd.Int64Dtype) else "bool")
        out[name] = col
    return pd.DataFrame(out, index=frame.index)
