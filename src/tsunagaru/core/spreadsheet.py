"""Cells for files that people open in Excel, and reading the .xlsx files they upload."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

# A cell starting with one of these is a formula to Excel (CSV injection); a leading quote
# keeps it text, and Excel hides the quote.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def unquote_cell(text: str) -> str:
    """Undo safe_cell on a value read back from such a file."""
    return text[1:] if text[:1] == "'" and text[1:2] in _FORMULA_STARTS else text


@dataclass(frozen=True)
class Limits:
    """Bounds on an uploaded .xlsx, checked before (zip) and while (cells) it is read."""

    rows: int = 50_000
    columns: int = 50
    cell_chars: int = 10_000
    cells: int = 1_000_000
    # The XML inside the zip: 20 MB of whitespace packs into about 20 KB.
    unpacked_bytes: int = 64 * 1024 * 1024


class SpreadsheetError(Exception):
    """The file cannot be read within the limits: a message for the user and a stable code."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def xlsx_rows(content: bytes, limits: Limits = Limits()) -> Iterator[list[str]]:
    """The first sheet's rows as lists of text, read one row at a time within `limits`.

    The sheet's declared size (<dimension ref="A1:XFD20000">) is ignored: openpyxl would pad
    every row to it. Rows are cut to `limits.columns + 1` cells, so a cell far to the right
    costs nothing; a value in the column just past the bound is refused. Raises
    SpreadsheetError (codes broken_xlsx, too_large_unpacked, too_many_rows, too_many_columns,
    cell_too_long, too_many_cells) as soon as a bound is passed.
    """
    from openpyxl import load_workbook

    _check_unpacked_size(content, limits)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception:
        raise SpreadsheetError(
            _("The Excel file cannot be opened. Is it an .xlsx file?"), "broken_xlsx"
        ) from None
    try:
        sheet.reset_dimensions()
        yield from _bounded(sheet.iter_rows(max_col=limits.columns + 1, values_only=True), limits)
    finally:
        workbook.close()


def _check_unpacked_size(content: bytes, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SpreadsheetError(
            _("The Excel file cannot be opened. Is it an .xlsx file?"), "broken_xlsx"
        ) from None
    if unpacked > limits.unpacked_bytes:
        raise SpreadsheetError(
            _("The Excel file holds more data than can be imported at once. Split it."),
            "too_large_unpacked",
        )


def _bounded(rows: Iterable[tuple[Any, ...]], limits: Limits) -> Iterator[list[str]]:
    cells = 0
    for number, values in enumerate(rows, start=1):
        if number > limits.rows:
            raise SpreadsheetError(
                _("The file has more than %(count)s rows. Split it.")
                % {"count": f"{limits.rows:,}"},
                "too_many_rows",
            )
        if len(values) > limits.columns and values[limits.columns] not in (None, ""):
            raise SpreadsheetError(
                _("Row %(row)s has more than %(count)s columns.")
                % {"row": number, "count": limits.columns},
                "too_many_columns",
            )
        row = ["" if v is None else str(v) for v in values[: limits.columns]]
        cells += sum(1 for text in row if text)
        if cells > limits.cells:
            raise SpreadsheetError(
                _("The file has more than %(count)s filled cells. Split it.")
                % {"count": f"{limits.cells:,}"},
                "too_many_cells",
            )
        if any(len(text) > limits.cell_chars for text in row):
            raise SpreadsheetError(
                _("A cell in row %(row)s is longer than %(count)s characters.")
                % {"row": number, "count": f"{limits.cell_chars:,}"},
                "cell_too_long",
            )
        while row and not row[-1]:
            row.pop()
        yield row
