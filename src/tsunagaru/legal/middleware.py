from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from tsunagaru.legal import selectors
from tsunagaru.legal.models import Page

# Reachable without agreeing: the pages to read before agreeing, the account pages (log out,
# two-factor set-up), language switching, machine endpoints and files.
_OPEN_PREFIXES = (
    "/consent/",
    *(f"/{page}/" for page in Page.values),
    "/accounts/",
    "/i18n/",
    "/api/",
    "/healthz",
    "/robots.txt",
    "/jsi18n/",
)


class ConsentMiddleware:
    """A signed-in person asked to agree to a new version of the terms or the privacy policy
    is sent to the consent page, and comes back where they were going once they agree."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.user.is_authenticated
            and not request.path.startswith((*_OPEN_PREFIXES, settings.STATIC_URL))
            and selectors.consent_needed(user=request.user)
        ):
            target = reverse("legal:consent")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            if request.headers.get("HX-Request"):
                # htmx would swap the whole consent page into a fragment: let it navigate.
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return redirect(target)
        return self.get_response(request)
