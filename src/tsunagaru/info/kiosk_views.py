"""The information booth (公益活動情報ブース): the screen and the slides it asks for.

No login: a screen in a public building shows only public items (info.kiosk). The language is
the one in the screen's address, not the visitor's cookie: each screen is configured by its URL.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from tsunagaru.info import kiosk


@require_safe
def kiosk_display(request: HttpRequest) -> HttpResponse:
    """The whole screen: every slide, turned by static/js/kiosk.js (a list without it)."""
    return _render(request, "info/kiosk.html")


@require_safe
def kiosk_slides(request: HttpRequest) -> HttpResponse:
    """Only the slides (a fragment), which the screen asks for every few minutes."""
    return _render(request, "info/kiosk.html#slides")


def _render(request: HttpRequest, template: str) -> HttpResponse:
    config = kiosk.KioskSettings.parse(request.GET)
    with translation.override(config.lang):
        response = render(
            request,
            template,
            {
                "config": config,
                "slides": kiosk.kiosk_slides(config),
                "slides_url": kiosk.slides_url(config),
                "refresh_seconds": kiosk.REFRESH_SECONDS,
                "updated_at": timezone.localtime(),
            },
        )
    # The middleware would name the visitor's language; the screen speaks its own.
    response["Content-Language"] = config.lang
    return response
