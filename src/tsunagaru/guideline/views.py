"""Public pages that explain the guideline, following its own questions."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tsunagaru.guideline import selectors
from tsunagaru.guideline.models import Edition


def _context(request: HttpRequest, section: str, **extra: Any) -> dict[str, Any]:
    """The edition shown (?edition=code, else the current one) and the local menu's state."""
    edition = selectors.edition_for(request.GET.get("edition"))
    return {"edition": edition, "editions": selectors.edition_list(), "section": section, **extra}


def _one(queryset: Any, **lookup: Any) -> Any:
    item = queryset.filter(**lookup).first()
    if item is None:
        raise Http404
    return item


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "guideline/index.html", _context(request, "index"))


def why(request: HttpRequest) -> HttpResponse:
    """なぜ「協働」が必要? (本編 I)"""
    return render(request, "guideline/why.html", _context(request, "why", **selectors.necessity()))


def what(request: HttpRequest) -> HttpResponse:
    """「協働」って何? (本編 II): the definition, the partners and their roles."""
    context = _context(request, "what", definition=selectors.definition())
    context["partner_kinds"] = selectors.partner_kinds(context["edition"])
    return render(request, "guideline/what.html", context)


def rules(request: HttpRequest) -> HttpResponse:
    """ルールは? (本編 III): the six principles."""
    context = _context(request, "rules")
    context["principles"] = selectors.principles(context["edition"])
    return render(request, "guideline/rules.html", context)


def principle(request: HttpRequest, number: int) -> HttpResponse:
    context = _context(request, "rules")
    context["item"] = _one(selectors.principles(context["edition"]), number=number)
    return render(request, "guideline/principle_detail.html", context)


def methods(request: HttpRequest) -> HttpResponse:
    """どんな手法がある? (本編 IV): domains, types, forms and suitable fields."""
    context = _context(request, "methods")
    edition: Edition = context["edition"]
    context.update(
        domains=selectors.domains(edition),
        types=selectors.collaboration_types(edition),
        forms=selectors.forms(edition),
        suitable_fields=selectors.suitable_fields(edition),
    )
    return render(request, "guideline/methods.html", context)


def domain(request: HttpRequest, code: str) -> HttpResponse:
    context = _context(request, "methods")
    item = _one(selectors.domains(context["edition"]), code=code.upper())
    context.update(
        item=item, types=selectors.collaboration_types(context["edition"]).filter(domain=item)
    )
    return render(request, "guideline/domain_detail.html", context)


def form(request: HttpRequest, number: int) -> HttpResponse:
    context = _context(request, "methods")
    context["item"] = _one(selectors.forms(context["edition"]), number=number)
    return render(request, "guideline/form_detail.html", context)


def suitable_field(request: HttpRequest, number: int) -> HttpResponse:
    context = _context(request, "methods")
    context["item"] = _one(selectors.suitable_fields(context["edition"]), number=number)
    return render(request, "guideline/field_detail.html", context)


def measures(request: HttpRequest) -> HttpResponse:
    """The city's measures (施策編): four pillars, 13 measures and their programs."""
    context = _context(request, "measures")
    context["pillars"] = selectors.pillars(context["edition"])
    return render(request, "guideline/measures.html", context)
