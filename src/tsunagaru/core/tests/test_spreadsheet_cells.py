"""Cells written to files people open in Excel cannot start a formula (CSV injection)."""

import pytest

from tsunagaru.core.spreadsheet import safe_cell, unquote_cell


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://evil.example","詳細")',
        "+81-197-24-2111",
        "-1+1",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_a_cell_that_excel_would_read_as_a_formula_is_kept_as_text(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize(
    "value", ["奥州市子ども食堂", "info@example.jp", "a=b", "1-2", " =1", "'既に引用符", ""]
)
def test_ordinary_text_is_written_as_it_is(value):
    assert safe_cell(value) == value


def test_numbers_become_their_text():
    assert safe_cell(2020) == "2020"
    assert safe_cell(-5) == "'-5"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\t1", "\r1", "普通の文字"])
def test_reading_back_gives_what_was_written(value):
    assert unquote_cell(safe_cell(value)) == value


def test_a_quote_before_ordinary_text_is_kept_when_read_back():
    assert unquote_cell("'普通の文字") == "'普通の文字"


@pytest.mark.parametrize("text", [" -1", "#=A1", '"+81', "!@x", "=1+1", "a-1", "日=1"])
def test_reading_back_removes_only_a_quote_that_safe_cell_added(text):
    assert unquote_cell(text) == text
