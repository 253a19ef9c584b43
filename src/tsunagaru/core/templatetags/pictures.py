"""Sizes for <img>: every picture a page shows has width and height, so nothing jumps while
it loads (the values come from the copies core.images made at upload)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from tsunagaru.core.images import fit

register = template.Library()


@register.simple_tag
def size_attrs(width: int | None, height: int | None, box: int | None = None) -> SafeString:
    """` width="…" height="…"`, scaled to fit a box × box square when `box` is given; nothing
    when the size is not known (a picture uploaded before sizes were kept)."""
    size = fit(width, height, box or max(width or 0, height or 0))
    if size is None:
        return SafeString("")
    return format_html(' width="{}" height="{}"', *size)
