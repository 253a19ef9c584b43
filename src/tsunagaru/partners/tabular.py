"""Reading and writing the directory as CSV (UTF-8 or CP932) and XLSX.

The columns are the same both ways, so an exported file can be corrected and imported again.
Pure parsing here; checking rows against the database is importer.py's job.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _

from tsunagaru.core import tabular
from tsunagaru.core.spreadsheet import safe_cell

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
MAX_BYTES = tabular.MAX_BYTES
MAX_ROWS = tabular.MAX_ROWS
# Reading is core's (core.tabular), shared with the other imports.
TableError = tabular.TableError
Row = tabular.Row


def read(content: bytes, filename: str) -> list[Row]:
    """Rows of a CSV or XLSX file, keyed by column key. Unknown columns are ignored."""
    return tabular.read_table(
        content,
        filename,
        headers=HEADERS,
        required="name",
        no_header=_("The first row must name the columns, including 団体名 (name)."),
    )


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
