"""Reading a table people upload: CSV (UTF-8, or Shift_JIS as Excel saves it in Japan) or
XLSX, keyed by the header row's names. Pure parsing: checking the rows is the caller's job."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tsunagaru.core.spreadsheet import Limits, SpreadsheetError, unquote_cell, xlsx_rows

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
# One row more than MAX_ROWS (the header), so _rows says "more than 50,000 rows" itself.
XLSX_LIMITS = Limits(rows=MAX_ROWS + 1, columns=50)


class TableError(Exception):
    """The file cannot be read as a table at all: a message for the user and a stable code."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet shows it: the header is row 1
    values: dict[str, str]


def read_table(
    content: bytes, filename: str, *, headers: Mapping[str, str], required: str, no_header: str
) -> list[Row]:
    """Rows of a CSV or XLSX file keyed by column key: `headers` maps each accepted header
    (Japanese or English) to its key; a file without the `required` column is refused with
    the message `no_header`. Unknown columns are ignored, blank rows skipped."""
    if len(content) > MAX_BYTES:
        raise TableError(_("The file is larger than 20 MB."), "too_large")
    if filename.lower().endswith(".xlsx"):
        table: Iterable[list[str]] = _xlsx_rows(content)
    elif filename.lower().endswith((".csv", ".txt")):
        table = csv.reader(io.StringIO(_decode(content), newline=""))
    else:
        raise TableError(_("Upload a CSV or an Excel (.xlsx) file."), "wrong_type")
    return _rows(table, headers, required, no_header)


def _decode(content: bytes) -> str:
    # Excel saves CSV as Shift_JIS (CP932) on Japanese Windows, UTF-8 with BOM elsewhere.
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp932"]
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(
        _("The file's characters cannot be read. Save it as UTF-8 or Shift_JIS CSV."), "encoding"
    )


def _xlsx_rows(content: bytes) -> Iterator[list[str]]:
    try:
        yield from xlsx_rows(content, XLSX_LIMITS)
    except SpreadsheetError as error:
        raise TableError(str(error), error.code) from None


def _rows(
    table: Iterable[list[str]], headers: Mapping[str, str], required: str, no_header: str
) -> list[Row]:
    iterator = iter(table)
    try:
        header = next(iterator)
    except StopIteration:
        raise TableError(_("The file is empty."), "empty") from None
    except csv.Error as error:
        raise TableError(
            _("The CSV cannot be read: %(error)s") % {"error": error}, "broken_csv"
        ) from None
    keys = [headers.get(cell.strip().lstrip("\ufeff")) for cell in header]
    if required not in keys:
        raise TableError(no_header, "no_header")
    rows = []
    try:
        for number, cells in enumerate(iterator, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            values = {
                k: unquote_cell(cells[i].strip())
                for i, k in enumerate(keys)
                if k and i < len(cells)
            }
            rows.append(Row(number, values))
            if len(rows) > MAX_ROWS:
                raise TableError(
                    _("The file has more than 50,000 rows. Split it."), "too_many_rows"
                )
    except csv.Error as error:
        raise TableError(
            _("The CSV cannot be read: %(error)s") % {"error": error}, "broken_csv"
        ) from None
    return rows
