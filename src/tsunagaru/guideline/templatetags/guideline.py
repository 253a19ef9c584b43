"""Template helpers for guideline items."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from tsunagaru.guideline.models import Versioned

register = template.Library()


@register.filter
def filed_under(item: Versioned | None) -> str:
    """An item as a record filed under it shows it: its name, plus its edition when the item is
    no longer in force (renamed or retired), so old records stay truthful."""
    if item is None:
        return ""
    label = str(getattr(item, "label", item))
    if item.retired_in_id is None:
        return label
    return _("%(item)s (%(edition)s; no longer in force)") % {
        "item": label,
        "edition": item.introduced_in.label,
    }


@register.filter
def paragraphs(text: Any) -> list[str]:
    """Split guideline text on blank lines, for one <p> each."""
    return [p.strip() for p in str(text or "").split("\n\n") if p.strip()]


@register.filter
def tr(item: Any, field: str) -> Any:
    """`item.<field>` in the page's language: the `<field>_en` column on English pages."""
    from django.utils.translation import get_language

    if (get_language() or "").startswith("en"):
        english = getattr(item, f"{field}_en", "")
        if english:
            return english
    return getattr(item, field, "")
