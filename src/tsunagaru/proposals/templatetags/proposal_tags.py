"""Projects shown on the guideline's pages: a form's projects, and how projects scored a
principle in their mutual evaluations."""

from __future__ import annotations

from typing import Any

from django import template

from tsunagaru.guideline.models import Form, Principle
from tsunagaru.proposals import selectors

register = template.Library()


@register.inclusion_tag("proposals/_project_links.html")
def projects_filed_under(item: Any, limit: int = 10) -> dict[str, Any]:
    if isinstance(item, Form):
        projects = list(selectors.public_projects(form_id=item.pk)[: limit + 1])
        return {"projects": projects[:limit], "scores": False}
    if isinstance(item, Principle):
        rows = selectors.principle_scores(principle_id=item.pk)[:limit]
        return {"projects": rows, "scores": True}
    raise TypeError(item)
