"""{{ names|join_list }} and, between links in a loop, {% list_separator %}: the reader's
language's comma; {% dot %} between facts on one line; {{ remark|parens }} in the language's
brackets (core.lists)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from tsunagaru.core import lists

register = template.Library()


@register.filter
def join_list(items: Iterable[Any]) -> str:
    return lists.join_list(items)


@register.simple_tag
def list_separator() -> str:
    return lists.separator()


@register.simple_tag
def dot() -> str:
    return lists.dot()


@register.filter
def parens(text: object) -> str:
    # Escaped as any value: the brackets are plain text.
    return lists.parens(text)
