"""Cells for files that people open in Excel."""

from __future__ import annotations

from typing import Any

# A cell starting with one of these is a formula to Excel (CSV injection); a leading quote
# keeps it text, and Excel hides the quote.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def unquote_cell(text: str) -> str:
    """Undo safe_cell on a value read back from such a file."""
    return text[1:] if text[:1] == "'" and text[1:2] in _FORMULA_STARTS else text
