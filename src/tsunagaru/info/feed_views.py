"""Calendar feeds (.ics), the personal calendar address and the events' open data.

Thin: selector → response. Everything here is public except the personal calendar, whose
secret token is the only key (no sign-in: calendar apps cannot sign in).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotModified,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.core.http import private_download
from tsunagaru.core.selectors import current_municipality
from tsunagaru.info import feed_selectors, ics, opendata, opendata_files, services
from tsunagaru.info.opendata_catalogue import datasets

CALENDAR_TYPE = "text/calendar; charset=utf-8"
# Public feeds may be kept a few minutes by caches; calendar apps poll them.
PUBLIC_MAX_AGE = 300


def _calendar(body: bytes, *, filename: str, attachment: bool = False) -> HttpResponse:
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One public event to add to a calendar ("Add to my calendar")."""
    event = feed_selectors.public_event_get(pk=pk)
    if event is None:
        raise Http404
    body = ics.calendar_bytes([event], name=event.title, subscription=False)
    return _public(_calendar(body, filename=f"event-{pk}.ics", attachment=True))


def group_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The public events a listed group organises or co-organises, to subscribe to."""
    group = feed_selectors.listed_group_get(pk=pk)
    if group is None:
        raise Http404
    events = feed_selectors.group_feed_events(organisation=group)
    body = ics.calendar_bytes(events, name=group.name)
    return _public(_calendar(body, filename=f"group-{pk}.ics"))


def area_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The public events of an area (区), to subscribe to."""
    area = feed_selectors.area_get(pk=pk)
    if area is None:
        raise Http404
    events = feed_selectors.area_feed_events(area=area)
    name = _("Events in %(area)s") % {"area": area.name}
    body = ics.calendar_bytes(events, name=name)
    return _public(_calendar(body, filename=f"area-{pk}.ics"))


def personal_ics(request: HttpRequest, token: str) -> HttpResponse:
    """What the token's owner registered for. An unknown or revoked token gets a plain
    message and nothing else (404; 410 once revoked, so calendar apps stop asking)."""
    found = feed_selectors.calendar_token_find(token=token)
    if found is None or found.revoked_at is not None or not found.user.is_active:
        message = _(
            "This calendar address does not work any more: it was revoked or never existed. "
            "Make a new one on the page 'My events'."
        )
        response = HttpResponse(
            message, status=404 if found is None else 410, content_type="text/plain; charset=utf-8"
        )
        return _personal(response)
    events = feed_selectors.registered_feed_events(user=found.user)
    body = ics.calendar_bytes(events, name=_("My events"))
    return _personal(_calendar(body, filename="my-events.ics"))


def _personal(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    return private_download(response)


@login_required
@require_http_methods(["GET", "POST"])
def calendar_address(request: AuthenticatedRequest) -> HttpResponse:
    """The person's own calendar address: see it, make a new one, or revoke it."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "new":
            services.calendar_token_create(user=request.user, by=request.user)
            messages.success(
                request, _("Your new calendar address is ready. The old one no longer works.")
            )
        elif action == "revoke":
            services.calendar_token_revoke(user=request.user, by=request.user)
            messages.success(request, _("Your calendar address was revoked."))
        else:
            messages.error(request, _("Choose to make a new address or to revoke it."))
        return redirect("info:calendar_address")
    token = feed_selectors.calendar_token_of(user=request.user)
    address = ""
    if token is not None:
        address = str(settings.SITE_URL) + reverse("info:personal_ics", args=[token.token])
    context = {
        "token": token,
        "address": address,
        "webcal": "webcal://" + address.split("://", 1)[-1] if address else "",
    }
    return private_download(render(request, "info/calendar_address.html", context))


def _version(request: HttpRequest) -> str | None:
    version = request.GET.get("version") or "recommended"
    return version if version in opendata.VERSIONS else None


def _bad_version() -> HttpResponse:
    return HttpResponseBadRequest(
        _("Unknown version: use version=recommended or version=formal."),
        content_type="text/plain; charset=utf-8",
    )


def opendata_csv(request: HttpRequest) -> HttpResponseBase:
    """イベント一覧 as CSV (UTF-8 with BOM), from the file written after the last change."""
    version = _version(request)
    if version is None:
        return _bad_version()
    publisher = opendata.Publisher.of(current_municipality())
    suffix = "" if version == "recommended" else "_formal"
    return _dataset(
        request,
        "csv",
        version=version,
        publisher=publisher,
        content_type="text/csv; charset=utf-8",
        filename=f"{publisher.code}_event{suffix}.csv",
    )


def opendata_json(request: HttpRequest) -> HttpResponseBase:
    """The same data as JSON."""
    version = _version(request)
    if version is None:
        return _bad_version()
    return _dataset(
        request,
        "json",
        version=version,
        publisher=opendata.Publisher.of(current_municipality()),
        content_type="application/json; charset=utf-8",
    )


def _dataset(
    request: HttpRequest,
    fmt: str,
    *,
    version: str,
    publisher: opendata.Publisher,
    content_type: str,
    filename: str = "",
) -> HttpResponseBase:
    path = opendata_files.dataset_file(fmt, version=version, publisher=publisher)
    response: HttpResponseBase
    if opendata_files.unchanged(request.headers, path):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(path.open("rb"), content_type=content_type)
        if filename:
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = opendata_files.etag(path)
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def opendata_index(request: HttpRequest) -> HttpResponse:
    """/opendata/: every open data set the site publishes, its formats, updates and licence."""
    context = {
        "datasets": datasets(),
        "licence": opendata.LICENCE,
        "licence_url": opendata.LICENCE_URL,
    }
    return render(request, "info/opendata.html", context)
