"""{{ word|ruby:reading }}: a word with its reading over it, as the furigana dictionary's page
previews an entry (the page's own furigana leaves <ruby> alone)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from tsunagaru.text import furigana

register = template.Library()


@register.filter
def ruby(word: str, reading: str) -> SafeString:
    # ruby_html escapes the word and the reading.
    return mark_safe(furigana.ruby_html(word, {word: reading}))  # noqa: S308
