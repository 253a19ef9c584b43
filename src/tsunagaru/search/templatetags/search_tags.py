"""Mark the words of a search query in a text shown on a results page."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tsunagaru.text import analyser

register = template.Library()


@register.filter
def highlight(text: str, query: str) -> SafeString:
    """`text`, escaped, with the words that matched `query` inside <mark>."""
    text = str(text or "")
    terms = [t for alternative in analyser.query_terms(query or "") for t in alternative]
    if not terms:
        return SafeString(escape(text))
    parts: list[str] = []
    position = 0
    for start, end in analyser.highlight_spans(text, terms):
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped
