"""htmx helpers: one URL serves the whole page, or just a fragment of it to htmx."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django_htmx.middleware import HtmxDetails

from tsunagaru.accounts.models import User


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedRequest(HtmxRequest):
    user: User  # guaranteed by @login_required


def render_page_or_fragment(
    request: HtmxRequest,
    template_name: str,
    fragment: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Render only `fragment` of the page for htmx requests, the whole page otherwise.

    The same URL serves both, so a page reload or a shared link always works.
    """
    name = f"{template_name}#{fragment}" if request.htmx else template_name
    response = render(request, name, context)
    # Caches must not hand the fragment to a full-page request, or vice versa.
    patch_vary_headers(response, ["HX-Request"])
    return response
