"""Cases shown on other apps' pages: a guideline item's cases, a group's cases."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from tsunagaru.cases import selectors
from tsunagaru.guideline.models import Domain, Form, SuitableField

register = template.Library()

# Which facet of the case list each guideline item is.
_FACETS = {
    Form: ("forms", "form"),
    SuitableField: ("suitable_fields", "suitable_field"),
    Domain: ("domain", "domain"),
}


@register.inclusion_tag("cases/_case_links.html")
def cases_filed_under(item: Any, limit: int = 10) -> dict[str, Any]:
    """Published cases filed under a guideline form, suitable field or domain."""
    lookup, param = _FACETS[type(item)]
    # One row past the limit tells whether there are more: no count of the whole library.
    cases = list(selectors.cases_filed_under(**{lookup: item}).only(*LINK_FIELDS)[: limit + 1])
    return {
        "cases": cases[:limit],
        "more": len(cases) > limit,
        "all_url": f"{reverse('cases:list')}?{param}={item.pk}",
    }


@register.inclusion_tag("cases/_case_links.html")
def cases_of(organisation: Any, limit: int = 10) -> dict[str, Any]:
    """Published cases a group took part in."""
    cases = selectors.cases_of_organisation(organisation.pk).order_by("-fiscal_year", "-pk")
    return {"cases": list(cases.only(*LINK_FIELDS)[:limit]), "more": False, "all_url": ""}


LINK_FIELDS = ("pk", "title", "fiscal_year")
