"""Reading .xlsx files people upload: bounded before the work is done, whatever the file says.

The crafted files are built here: openpyxl writes a small workbook, then the zip is edited the
way an attacker would (a false <dimension>, a cell far away, a huge sheet that packs small).
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from tsunagaru.core import tabular as core_tabular
from tsunagaru.core.spreadsheet import Limits, SpreadsheetError, xlsx_rows
from tsunagaru.partners import tabular

SHEET = "xl/worksheets/sheet1.xml"


def workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def edit_sheet(content: bytes, change) -> bytes:
    """Rewrite the first sheet's XML inside the zip."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == SHEET:
                data = change(data.decode()).encode()
            target.writestr(item, data)
    return out.getvalue()


def with_dimension(content: bytes, ref: str) -> bytes:
    return edit_sheet(
        content, lambda xml: re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml)
    )


def add_cell(content: bytes, ref: str, value: str) -> bytes:
    """A cell at `ref` in a new last row (an inline string: no shared strings needed)."""
    row = re.sub(r"[A-Z]+", "", ref)
    cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c></row>'
    return edit_sheet(content, lambda xml: xml.replace("</sheetData>", cell + "</sheetData>"))


def read_all(content: bytes, limits: Limits | None = None) -> tuple[list[list[str]], str | None]:
    """Every row read before the refusal (if any), and the refusal's code."""
    seen: list[list[str]] = []
    try:
        for row in xlsx_rows(content, limits or Limits()):
            seen.append(row)
    except SpreadsheetError as error:
        return seen, error.code
    return seen, None


GROUPS = [["団体名", "種類"], ["稲瀬振興会", "地区振興会"], ["奥州防災ネット", "NPO法人"]]


@pytest.fixture
def widths(monkeypatch) -> list[int]:
    """The width of every row openpyxl builds for us: the work done, whatever we keep of it."""
    seen: list[int] = []
    original = ReadOnlyWorksheet._cells_by_row

    def spy(self, *args, **kwargs):
        for row in original(self, *args, **kwargs):
            seen.append(len(row))
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", spy)
    return seen


def test_a_false_dimension_is_ignored_and_only_the_real_cells_are_read(widths):
    # Under 2 KB that claims 16,384 columns × 20,000 rows, with one cell on row 20,000:
    # honouring the claim meant building 20,000 rows of 16,384 cells (21 s, 327 million).
    content = add_cell(with_dimension(workbook(GROUPS), "A1:XFD20000"), "A20000", "x")
    assert len(content) < 10_000

    rows, refused = read_all(content)

    assert refused is None
    assert rows[:3] == GROUPS
    assert rows[-1] == ["x"]
    assert len(widths) == 20_000
    assert max(widths) <= Limits().columns + 1


def test_the_import_reads_a_file_with_a_false_dimension():
    content = with_dimension(workbook(GROUPS), "A1:XFD20000")

    rows = tabular.read(content, "groups.xlsx")

    assert [r.values["name"] for r in rows] == ["稲瀬振興会", "奥州防災ネット"]


def test_reading_stops_at_the_row_bound_even_for_empty_rows():
    # Two cells, a million rows apart: openpyxl yields every empty row in between.
    content = add_cell(workbook([["団体名"]]), "A1048576", "x")

    rows, refused = read_all(content, Limits(rows=1_000))

    assert refused == "too_many_rows"
    assert len(rows) == 1_000  # counted up to the bound, not to the end of the sheet


def test_a_value_past_the_last_allowed_column_is_refused():
    content = add_cell(workbook(GROUPS), "AY4", "遠くのセル")  # column 51

    rows, refused = read_all(content, Limits(columns=50))

    assert refused == "too_many_columns"
    assert len(rows) == 3


def test_rows_are_never_wider_than_the_column_bound_whatever_the_file_holds(widths):
    content = add_cell(workbook(GROUPS), "XFD4", "")  # an empty cell at the last column

    rows, refused = read_all(content, Limits(columns=50))

    assert refused is None
    assert max(len(r) for r in rows) <= 50
    assert max(widths) <= 51  # openpyxl never built the 16,384-cell row


def test_a_cell_longer_than_the_bound_is_refused():
    content = workbook([["団体名"], ["あ" * 101]])

    rows, refused = read_all(content, Limits(cell_chars=100))

    assert refused == "cell_too_long"
    assert len(rows) == 1


def test_the_total_of_cells_is_bounded():
    content = workbook([[f"{r}-{c}" for c in range(10)] for r in range(10)])

    rows, refused = read_all(content, Limits(cells=55))

    assert refused == "too_many_cells"
    assert len(rows) == 5


def test_a_sheet_that_unpacks_far_beyond_its_size_is_refused_before_it_is_opened():
    # Whitespace packs about a thousand to one: 200 KB on disk, hundreds of MB to parse.
    content = edit_sheet(
        workbook(GROUPS), lambda xml: xml.replace("<sheetData>", "<sheetData>" + " " * 5_000_000)
    )
    assert len(content) < 100_000

    rows, refused = read_all(content, Limits(unpacked_bytes=1_000_000))

    assert refused == "too_large_unpacked"
    assert rows == []


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message():
    _rows, refused = read_all(b"PK\x03\x04 not really a zip")

    assert refused == "broken_xlsx"


@pytest.mark.parametrize(
    ("limits", "content", "code"),
    [
        (Limits(rows=2), workbook(GROUPS), "too_many_rows"),
        (Limits(cell_chars=3), workbook(GROUPS), "cell_too_long"),
    ],
)
def test_the_import_shows_the_refusal_as_a_table_error(monkeypatch, limits, content, code):
    monkeypatch.setattr(core_tabular, "XLSX_LIMITS", limits)

    with pytest.raises(tabular.TableError) as error:
        tabular.read(content, "groups.xlsx")

    assert error.value.code == code
    assert str(error.value)
