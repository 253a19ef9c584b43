"""Lists in the reader's language: 「福祉、高齢者」 in Japanese, "Welfare, Older people" in
English (issue 18). Data written for Japanese readers only — open data, CSV exports, the audit
log's values — keeps the Japanese comma."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import pgettext


def separator() -> str:
    return pgettext("list separator", ", ")


def join_list(items: Iterable[Any]) -> str:
    return separator().join(str(item) for item in items)


def dot() -> str:
    """Between facts on one line (a kind ・ a place): 「・」 in Japanese, "·" in English."""
    return pgettext("between facts", "·")


def parens(text: object) -> str:
    """A remark in brackets after a word: 「（水沢区）」 in Japanese, " (Mizusawa)" in English."""
    return pgettext("parentheses", " (%(text)s)") % {"text": text}
