"""Fast form helpers for pages rendered on every request (list filters)."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def select_options(field: BoundField) -> SafeString:
    """The <option>s of a choice field, built in Python: a template loop over dozens of
    options costs more than the rest of a list page."""
    current = "" if field.value() is None else str(field.value())
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if str(value) == current else "", label)
            for value, label in getattr(field.field, "choices", [])
        ),
    )
