"""Reading and writing the directory as CSV (UTF-8 or CP932) and XLSX.

The columns are the same both ways, so an exported file can be corrected and imported again.
Pure parsing here; checking rows against the database is importer.py's job.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tsunagaru.core.spreadsheet import (
    Limits,
    SpreadsheetError,
    safe_cell,
    unquote_cell,
    xlsx_rows,
)

# (key, Japanese header, English header)
COLUMNS: list[tuple[str, str, str]] = [
    ("name", "団体名", "name"),
    ("name_kana", "ふりがな", "name_kana"),
    ("kind", "種類", "kind"),
    ("area", "区", "area"),
    ("district", "地区", "district"),
    ("activity_fields", "活動分野", "activity_fields"),
    ("description", "紹介", "description"),
    ("corporate_number", "法人番号", "corporate_number"),
    ("founded_year", "設立年", "founded_year"),
    ("member_count", "会員数", "member_count"),
    ("website", "ウェブサイト", "website"),
    ("contact_email", "連絡先メール", "contact_email"),
]
HEADERS = {alias: key for key, ja, en in COLUMNS for alias in (ja, en)}
LABELS = {key: ja for key, ja, _en in COLUMNS}
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


def read(content: bytes, filename: str) -> list[Row]:
    """Rows of a CSV or XLSX file, keyed by column key. Unknown columns are ignored."""
    if len(content) > MAX_BYTES:
        raise TableError(_("The file is larger than 20 MB."), "too_large")
    if filename.lower().endswith(".xlsx"):
        table = _xlsx_rows(content)
    elif filename.lower().endswith((".csv", ".txt")):
        table = csv.reader(io.StringIO(_decode(content), newline=""))
    else:
        raise TableError(_("Upload a CSV or an Excel (.xlsx) file."), "wrong_type")
    return _rows(table)


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


def _rows(table: Iterable[list[str]]) -> list[Row]:
    iterator = iter(table)
    try:
        header = next(iterator)
    except StopIteration:
        raise TableError(_("The file is empty."), "empty") from None
    except csv.Error as error:
        raise TableError(
            _("The CSV cannot be read: %(error)s") % {"error": error}, "broken_csv"
        ) from None
    keys = [HEADERS.get(cell.strip().lstrip("\ufeff")) for cell in header]
    if "name" not in keys:
        raise TableError(
            _("The first row must name the columns, including 団体名 (name)."), "no_header"
        )
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


def write_csv(rows: Iterable[dict[str, str]], *, encoding: str) -> tuple[bytes, int]:
    """A CSV of `rows`. With CP932, characters it cannot hold become 〓 (geta), as is usual in
    Japanese offices; returns how many were replaced so the page can say so."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([ja for _key, ja, _en in COLUMNS])
    for row in rows:
        writer.writerow([safe_cell(row.get(key, "")) for key, _ja, _en in COLUMNS])
    text = buffer.getvalue()
    if encoding == "cp932":
        replaced = 0
        out = []
        for ch in text:
            try:
                out.append(ch.encode("cp932"))
            except UnicodeEncodeError:
                out.append("〓".encode("cp932"))
                replaced += 1
        return b"".join(out), replaced
    return text.encode("utf-8-sig"), 0


def write_xlsx(rows: Iterable[dict[str, str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("団体")
    sheet.append([ja for _key, ja, _en in COLUMNS])
    for row in rows:
        sheet.append([safe_cell(row.get(key, "")) for key, _ja, _en in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
