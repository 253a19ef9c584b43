from __future__ import annotations

import logging
import re
from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tsunagaru.accounts import permissions
from tsunagaru.accounts import services as account_services
from tsunagaru.core import forms as core_forms
from tsunagaru.core import furigana, health, reading, selectors, services, workspace
from tsunagaru.core import home as home_page
from tsunagaru.core.forms import FILLED, NOT_FOUND, add_service_errors
from tsunagaru.core.htmx import AuthenticatedRequest, HtmxRequest, render_page_or_fragment
from tsunagaru.core.http import private_download
from tsunagaru.core.models import Job, WordReading
from tsunagaru.core.postcode import address_for
from tsunagaru.text import easy

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    """The front page: search, what is new (needs, cases, projects) and the visitor's next step."""
    context = {
        "needs": home_page.newest_open_needs(),
        "cases": home_page.newest_cases(),
        "projects": home_page.agreed_projects(),
        "events": home_page.upcoming_events(),
        "news": home_page.latest_news(),
        "next_steps": home_page.next_steps(request.user),
    }
    return render(request, "core/home.html", context)


def search(request: HttpRequest) -> HttpResponse:
    """Groups and cases for one query, the best few of each, with links to the full lists."""
    query = request.GET.get("q", "").strip()[:200]
    found = home_page.search_groups_and_cases(query=query) if query else None
    return render(request, "core/search.html", {"query": query, "found": found})


@require_GET
def postcode(request: HttpRequest) -> JsonResponse:
    """The address of a 郵便番号 (?code=0230053), from the data shipped with the server:
    {"found": true, "postcode", "prefecture", "city", "town", "rest", "message"}, or
    {"found": false, "message"}. Used by forms.js to fill an address form in place."""
    address = address_for(request.GET.get("code", "")[:20])
    if address is None:
        return JsonResponse({"found": False, "message": str(NOT_FOUND)})
    return JsonResponse({"found": True, **asdict(address), "message": str(FILLED)})


@login_required
def workspace_page(request: AuthenticatedRequest) -> HttpResponse:
    """What waits for the support centre and the city (core.workspace)."""
    if not workspace.has_workspace(request.user):
        raise PermissionDenied
    return render(request, "core/workspace.html", {"shown": workspace.workspace_for(request.user)})


def places(request: HttpRequest) -> HttpResponse:
    """The municipality's areas and districts."""
    municipality = selectors.current_municipality()
    if municipality is None:
        raise Http404
    areas = selectors.area_list(municipality=municipality)
    return render(request, "core/places.html", {"areas": areas, "municipality": municipality})


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: 200 when the database answers, 503 when not; with
    what the apps report (core.health), such as the matching index's version and age."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    # Beside the database, what apps report (the matching index's version and age, …).
    return JsonResponse({"status": "ok", "database": "ok", **health.reports()})


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers and feed readers ask for without reading the page's <link>."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    # Account, admin and staff pages are private; everything else may be indexed.
    lines = [
        "User-agent: *",
        "Disallow: /accounts/",
        "Disallow: /profile/",
        "Disallow: /admin/",
        "Disallow: /audit/",
        "Disallow: /jobs/",
        "Disallow: /search/",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@login_required
def job_detail(request: AuthenticatedRequest, pk: str) -> HttpResponse:
    """Progress of a background job for the person who started it (htmx polls the panel)."""
    job = get_object_or_404(Job, pk=pk)
    if not permissions.can_view_job(request.user, job):
        raise Http404  # do not reveal that someone else's job exists
    return render_page_or_fragment(request, "core/job_detail.html", "job-panel", {"job": job})


@login_required
def job_download(request: AuthenticatedRequest, pk: str) -> FileResponse:
    job = get_object_or_404(Job, pk=pk)
    if not permissions.can_view_job(request.user, job) or not job.result_file:
        raise Http404
    name = job.result_file.name.rsplit("/", 1)[-1]
    response = FileResponse(job.result_file.open("rb"), as_attachment=True, filename=name)
    return private_download(response)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: whatever broke may break context processors too.
    return HttpResponse(loader.render_to_string("500.html"), status=500)


@require_POST
def reading_choose(request: HttpRequest) -> HttpResponse:
    """Remember the text size and the colour scheme the reader chose (a cookie: no account
    needed) and go back to the page they were on."""
    current = reading.of(request)
    size = request.POST.get("size", current.size)
    contrast = request.POST.get("contrast", current.contrast)
    furigana = request.POST.get("furigana", current.furigana)
    if (
        size not in reading.SIZES
        or contrast not in reading.CONTRASTS
        or furigana not in reading.FURIGANA
    ):
        return HttpResponseBadRequest(_("Choose one of the sizes and colour schemes shown."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    chosen = reading.Reading(size=size, contrast=contrast, furigana=furigana)
    reading.remember(response, chosen)
    if request.user.is_authenticated:
        account_services.user_set_reading(user=request.user, value=chosen.value, by=request.user)
    return response


@login_required
def word_readings(request: AuthenticatedRequest) -> HttpResponse:
    """The furigana dictionary: its words, a form to add one, and a sentence to try with the
    readings the pages give it now."""
    if not permissions.can_edit_word_readings(request.user):
        raise PermissionDenied
    form = core_forms.WordReadingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.word_reading_save(entry=None, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("“%(word)s” is added.") % {"word": entry.surface})
            return redirect("core:word_readings")
    sample_form = core_forms.ReadingSampleForm(request.GET or None)
    sample = sample_form.cleaned_data["sample"] if sample_form.is_valid() else ""
    context = {
        "form": form,
        "entries": selectors.word_reading_list(),
        "sample_form": sample_form,
        # furigana.ruby escapes the sentence before adding <ruby>.
        "sample": mark_safe(furigana.ruby(sample)) if sample else "",  # noqa: S308
    }
    return render(request, "core/word_readings.html", context)


@login_required
def word_reading_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    if not permissions.can_edit_word_readings(request.user):
        raise PermissionDenied
    entry = get_object_or_404(WordReading, pk=pk)
    initial = {"surface": entry.surface, "reading": entry.reading, "note": entry.note}
    form = core_forms.WordReadingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.word_reading_save(entry=entry, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The reading is saved."))
            return redirect("core:word_readings")
    return render(request, "core/word_reading_edit.html", {"form": form, "entry": entry})


@login_required
@require_POST
def word_reading_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    if not permissions.can_edit_word_readings(request.user):
        raise PermissionDenied
    entry = get_object_or_404(WordReading, pk=pk)
    services.word_reading_delete(entry=entry, by=request.user)
    messages.success(request, _("“%(word)s” is removed.") % {"word": entry.surface})
    return redirect("core:word_readings")


_FIELD_NAME = re.compile(r"^[a-z_]{1,40}$")


@require_http_methods(["GET", "POST"])
def easy_check(request: HtmxRequest) -> HttpResponse:
    """The やさしい日本語 check: a page for any text, and the report the writing aid under a text
    field asks for as the author types (htmx sends the field's value under its name, `field`)."""
    field = request.POST.get("field", "text")
    if not _FIELD_NAME.match(field):
        field = "text"
    if request.htmx and request.method == "POST":
        report = easy.check(request.POST.get(field, "")[: core_forms.EASY_TEXT_MAX])
        return render(request, "core/easy_check.html#report", _easy_context(report, field))
    form = core_forms.EasyCheckForm(request.POST or None)
    checked = request.method == "POST" and form.is_valid()
    context = {
        "form": form,
        **_easy_context(easy.check(form.cleaned_data["text"]) if checked else None, field),
    }
    return render(request, "core/easy_check.html", context)


def _easy_context(report: easy.Report | None, field: str) -> dict[str, Any]:
    return {
        "report": report,
        "field": field,
        "kanji_percent": round(report.kanji_share * 100) if report else 0,
        "long_sentence": easy.LONG_SENTENCE,
        "kanji_per_sentence": easy.KANJI_PER_SENTENCE,
        "kanji_share": round(easy.KANJI_SHARE * 100),
    }
